"""A scrolling part as tall as its wrapped text: the body of the export, QR and My list panes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtWidgets import QWidget


class WrappingBody(QWidget):
    """A scrolling part (a dialog's, a page's): as tall as its wrapped text needs at the width it
    gets.

    A wrapped label's minimum size hint is its height at its narrowest, so a plain widget would
    ask the scroll area for far more height than it uses and show a scroll bar for nothing; and
    the scroll area sizes its widget by that hint, not by the height for its width.  So the hint
    says nothing about height, and the widget's minimum height follows its width instead."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        layout = self.layout()
        return QSize(layout.minimumSize().width() if layout is not None else 0, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.follow_width()

    def showEvent(self, event) -> None:  # noqa: N802 - texts set while hidden are measured now
        super().showEvent(event)
        self.follow_width()
        QTimer.singleShot(0, self, self.follow_width)  # and again once the scroll bar has settled

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a text changed: its height may have
            self.follow_width()
        return super().event(event)

    def follow_width(self) -> None:
        """Take the height the wrapped content needs at the present width (call it after
        changing the content, so the scroll area is right before the next paint)."""
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        need = layout.totalHeightForWidth(self.width())
        if need != self.minimumHeight():
            self.setMinimumHeight(need)
