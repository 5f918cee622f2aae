"""Placeholder for the welcome screen (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from navigator.gui.pages.base import Page
from navigator.i18n import _


class WelcomePage(Page):
    name = "welcome"

    def __init__(self, state, window):
        super().__init__(state, window)
        self.label = QLabel()
        QVBoxLayout(self).addWidget(self.label)

    def title(self) -> str:
        return _("WelcomePage")

    def retranslate(self) -> None:
        self.label.setText(self.title())


PAGE = WelcomePage
