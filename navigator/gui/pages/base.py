"""What every screen has: the family's state, a way to move on, and live retranslation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from navigator.gui.state import FamilyState


class Page(QWidget):
    """A screen.  Subclasses build widgets in ``__init__`` and set every text in ``retranslate``.

    ``retranslate`` is called once after construction and again whenever the family changes
    language, so no text may be set anywhere else.
    """

    name = ""  # the key main_window.PAGES uses

    def __init__(self, state: FamilyState, window: QWidget):  # the MainWindow that holds it
        super().__init__()
        self.state = state
        self.window = window

    def retranslate(self) -> None:
        raise NotImplementedError

    def title(self) -> str:
        """The step's name in the current language, for the step bar and the window title."""
        raise NotImplementedError

    def on_shown(self) -> None:
        """Called each time the page comes to the front."""

    def on_reset(self) -> None:
        """Called after "start over": forget anything the page holds about the family."""
