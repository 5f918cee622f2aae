"""The desktop interface (PySide6): windows, widgets and the offline map."""
