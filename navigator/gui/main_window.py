"""The window: a top bar (language, text size, start over), a step bar, and one page at a time."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from navigator.gui.map_view import MapView
from navigator.gui.pages.base import Page
from navigator.gui.state import FamilyState

# The family's path, in order; each name is a module in navigator.gui.pages defining PAGE.
PAGES = ("welcome", "home", "child", "needs", "results", "profile", "shortlist")


class MainWindow(QMainWindow):
    def __init__(self, state: FamilyState, kiosk: bool = False):
        super().__init__()
        self.state = state
        self.kiosk = kiosk
        self.map_view = MapView()
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.stack)
        self.setCentralWidget(central)
        for name in PAGES:
            page_class = importlib.import_module(f"navigator.gui.pages.{name}").PAGE
            page = page_class(state, self)
            self.pages[name] = page
            self.stack.addWidget(page)
            page.retranslate()
        state.language_changed.connect(self.retranslate)
        state.reset_done.connect(self._after_reset)
        self.go("welcome")

    def go(self, name: str) -> None:
        page = self.pages[name]
        self.stack.setCurrentWidget(page)
        page.on_shown()
        self.setWindowTitle(f"Navigator — {page.title()}")

    def current(self) -> str:
        return self.stack.currentWidget().name

    def show_profile(self, school_id: str) -> None:
        self.state.select(school_id)
        self.go("profile")

    def retranslate(self) -> None:
        for page in self.pages.values():
            page.retranslate()
        self.setWindowTitle(f"Navigator — {self.pages[self.current()].title()}")

    def _after_reset(self) -> None:
        for page in self.pages.values():
            page.on_reset()
        self.go("welcome")
