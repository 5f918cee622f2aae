"""The screens of the family's path, one module each (see main_window.PAGES for the order)."""
