"""A dialog to read: a heading, a few plain paragraphs that scroll, and one big Close button.

"About this information" and "What changed" are both this shape.  Every text is set in
``retranslate`` (called again when the language changes); the dialog is as tall as its text,
never taller than the window, and scrolls up and down at large text sizes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from navigator.gui.layouts import button_row, nest, vertical_scroll
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import _


class ReadingDialog(QDialog):
    def __init__(self, state, parent: QWidget | None = None, name: str = "readingDialog") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModal(True)
        self.state = state
        self.heading = plain_label("heading")
        self.body = QWidget()
        outer = QVBoxLayout(self.body)
        outer.setContentsMargins(0, 0, 12, 0)
        self.lines = QVBoxLayout()  # the paragraphs, top-aligned: the stretch below takes the rest
        self.lines.setSpacing(10)
        nest(outer, self.lines)
        outer.addStretch(1)
        self.close_button = BigButton("primary")
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(vertical_scroll(self.body, frame=False), 1)
        nest(layout, button_row(self.close_button, end=True))
        self.setMinimumWidth(560)
        state.language_changed.connect(self.retranslate)
        state.reset_done.connect(self.close)  # "start over" closes it with everything else
        self.finished.connect(self._disconnect)

    def _disconnect(self, *_args) -> None:
        for signal, slot in ((self.state.language_changed, self.retranslate),
                             (self.state.reset_done, self.close)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    def clear(self) -> None:
        while self.lines.count():
            item = self.lines.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone at once, not at the next turn of the event loop
                widget.deleteLater()

    def add(self, text: str, role: str = "lead", name: str = "") -> QLabel:
        """A paragraph (plain text, wrapped), read by screen readers as it is written."""
        label = plain_label(role)
        label.setText(text)
        label.setAccessibleName(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if name:
            label.setObjectName(name)
        self.lines.addWidget(label)
        return label

    def set_heading(self, text: str) -> None:
        self.setWindowTitle(text)
        self.heading.setText(text)
        self.setAccessibleName(text)
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close: back to where you were"))

    def retranslate(self, *_args) -> None:  # pragma: no cover - each dialog fills it
        raise NotImplementedError

    def fit(self) -> None:
        """As big as the text, never bigger than the window it belongs to."""
        for widget in (self, *self.findChildren(QWidget)):
            widget.ensurePolished()  # the stylesheet's text sizes, before measuring the text
        top = self.parentWidget().window() if self.parentWidget() is not None else None
        limit = top.size() - QSize(40, 40) if top is not None else QSize(1100, 760)
        width = min(limit.width(), max(self.minimumWidth(), 760))
        margins = self.layout().contentsMargins()
        inner = width - margins.left() - margins.right() - 32
        height = (self.heading.heightForWidth(inner) + self.lines.totalHeightForWidth(inner)
                  + self.close_button.sizeHint().height() + 2 * self.layout().spacing()
                  + margins.top() + margins.bottom() + 24)
        self.resize(width, min(limit.height(), max(height, 240)))

    def show_over(self) -> ReadingDialog:
        self.finished.connect(self.deleteLater)
        self.retranslate()
        self.fit()
        self.open()
        self.close_button.setFocus()
        return self
