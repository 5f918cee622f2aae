"""The ranked list as a QR code on screen, and a counsellor's way to read such a code back.

Why: a family at a kiosk may have no printer and no e-mail, but nearly everyone has a phone
camera.  The code (see :mod:`navigator.exports.qr`) holds only the region and the school ids in
rank order, nothing else about the family, and needs no internet to read.  At the enrollment
office a counsellor types or scans the code's text into "Open a list from its QR text…" and the
family's list is back on screen, in the same order.

The code is drawn from the core's SVG with ``QSvgRenderer`` at a whole number of pixels per
module: black on white with its quiet zone, sharp on any screen and in the high-contrast theme.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QByteArray, QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap, QTextOption
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QTextEdit, QVBoxLayout, QWidget

from navigator.errors import UserError
from navigator.exports.qr import VERSION, parse_qr_text, qr_matrix, qr_svg, qr_text
from navigator.gui.widgets import BigButton, PlainDialog, ask, button_row, plain_label, tell
from navigator.i18n import _, format_number
from navigator.shortlist import FamilyList

QR_PIXELS = 360  # about the size of a postcard's address block: easy for any phone camera
QUIET = 4  # modules of white around the code (qr_svg draws them)


def qr_pixmap(text: str, target_px: int = QR_PIXELS, ratio: float = 1.0) -> QPixmap:
    """The code as a pixmap about ``target_px`` wide (logical pixels), every module the same
    whole number of device pixels so its edges stay sharp."""
    modules = len(qr_matrix(text)) + 2 * QUIET
    per_module = max(2, round(target_px * ratio) // modules)
    size = modules * per_module
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    QSvgRenderer(QByteArray(qr_svg(text, size).encode("utf-8"))).render(painter)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def school_name(pack, school_id: str) -> str:
    row = pack.conn.execute("SELECT name FROM schools WHERE id = ?", (school_id,)).fetchone()
    return row[0] if row else school_id


class QrDialog(QDialog):
    """"Take your list on your phone": the code, how to use it, and what it holds."""

    def __init__(self, state, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrDialog")
        self.setModal(True)
        self.state = state
        try:
            self.text = qr_text(state.to_family_list())
        except UserError:  # a pack whose ids cannot be encoded: say so instead of a code
            self.text = ""
        self.heading = plain_label("heading")
        self.instruction = plain_label("lead")
        self.code = QLabel()
        self.code.setObjectName("qrCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # White all round, whatever the theme: phones need the light quiet zone to find the code.
        self.code.setStyleSheet("background: #ffffff; padding: 8px;")
        if self.text:
            self.code.setPixmap(qr_pixmap(self.text, QR_PIXELS, self.devicePixelRatioF()))
        self.holds = plain_label()
        self.holds.setObjectName("qrSchools")
        self.text_label = plain_label("small")
        self.text_view = QTextEdit()  # selectable, and wraps the long text anywhere
        self.text_view.setObjectName("qrText")
        self.text_view.setReadOnly(True)
        self.text_view.setAcceptRichText(False)
        self.text_view.setPlainText(self.text)
        self.text_view.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.text_view.setTabChangesFocus(True)
        self.text_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text_view.document().documentLayout().documentSizeChanged.connect(self._fit_text)
        self._small_font()
        self.text_label.setBuddy(self.text_view)
        self.close_button = BigButton("primary")
        self.close_button.clicked.connect(self.accept)

        left = QVBoxLayout()
        left.addWidget(self.code, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.instruction)
        right.addWidget(self.holds)
        right.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(left)
        row.addLayout(right, 1)
        bottom = button_row(self.close_button, end=True)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addLayout(row, 1)
        layout.addWidget(self.text_label)
        layout.addWidget(self.text_view)
        layout.addLayout(bottom)
        self.setMinimumWidth(760)
        state.language_changed.connect(self.retranslate)
        state.reset_done.connect(self.close)  # "start over" forgets the list: the code goes too
        self.finished.connect(self._disconnect)
        self.retranslate()
        self.close_button.setFocus()

    def _small_font(self) -> None:
        """The code's text in small, even-width type (ids are easier to read out that way)."""
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 0.9)
        font.setFamilies(["DejaVu Sans Mono", "Liberation Mono", "monospace"])
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.text_view.setFont(font)

    def _fit_text(self, *_args) -> None:
        """As tall as the wrapped text: no scroll bar on a few lines, at any text size."""
        margins = self.text_view.contentsMargins()
        height = self.text_view.document().size().height() + margins.top() + margins.bottom() + 4
        self.text_view.setFixedHeight(int(height) + 16)

    def changeEvent(self, event) -> None:  # noqa: N802 - text size changed
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._small_font()

    def _disconnect(self, *_args) -> None:
        for signal, slot in ((self.state.language_changed, self.retranslate),
                             (self.state.reset_done, self.close)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    def retranslate(self, *_args) -> None:
        self.setWindowTitle(_("Take your list on your phone"))
        self.heading.setText(_("Take your list on your phone"))
        self.instruction.setText(_("Point your phone's camera at this code: it keeps your list as a "
                                   "short text, no internet needed. At the enrollment office, a "
                                   "counsellor can open your list from it.") if self.text else
                                 _("This list cannot be shown as a QR code. Print it or write "
                                   "down the schools instead."))
        self.code.setAccessibleName(_("QR code of your list"))
        lines = [_("This code holds your schools in your order:")] if self.text else []
        ids = parse_qr_text(self.text).ids() if self.text else []
        for rank, school_id in enumerate(ids, start=1):
            # TRANSLATORS: one line of the ranked list: "1. School name".
            lines.append(_("{rank}. {school}").format(rank=format_number(rank),
                                                      school=school_name(self.state.pack, school_id)))
        self.holds.setText("\n".join(lines))
        self.text_label.setText(_("The code's text:"))
        self.text_view.setAccessibleName(_("The code's text"))
        self.close_button.setText(_("Close"))


# --- reading a code back (counsellor) -------------------------------------------------------------


def replace_shortlist(state, family: FamilyList) -> list[str]:
    """Put a code's schools on screen as the family's list, in the code's order, keeping the
    home, grade, filters and languages already entered; the ids the pack does not have."""
    known = {row[0] for row in state.pack.conn.execute("SELECT id FROM schools")}
    current = state.to_family_list()
    state.load_family_list(replace(current, schools=list(family.schools)))
    return [i for i in family.ids() if i not in known]


class QrReadDialog(QDialog):
    """A text field for a code's text (typed, pasted, or from a scanner that types it)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("qrReadDialog")
        self.setModal(True)
        self.window_ = window
        self.state = window.state
        self.confirm: PlainDialog | None = None
        self.heading = plain_label("heading")
        self.lead = plain_label("lead")
        self.field_label = plain_label()
        self.field = QLineEdit()
        self.field.setMinimumHeight(48)
        self.field_label.setBuddy(self.field)
        self.error = plain_label("error")
        self.error.setObjectName("qrReadError")
        self.error.hide()
        self.open_button = BigButton("primary")
        self.cancel_button = BigButton()
        self.open_button.clicked.connect(self.read)
        self.cancel_button.clicked.connect(self.reject)
        self.field.returnPressed.connect(self.read)  # a scanner ends the text with Enter
        buttons = button_row(self.cancel_button, self.open_button, end=True)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        for widget in (self.heading, self.lead, self.field_label, self.field, self.error):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)
        self.state.language_changed.connect(self.retranslate)
        self.finished.connect(self._disconnect)
        self.retranslate()
        self.field.setFocus()

    def _disconnect(self, *_args) -> None:
        try:
            self.state.language_changed.disconnect(self.retranslate)
        except (RuntimeError, TypeError):
            pass

    def retranslate(self, *_args) -> None:
        self.setWindowTitle(_("Open a list from its QR code"))
        self.heading.setText(_("Open a list from its QR code"))
        self.lead.setText(_("Scan the family's code, or type or paste the text their phone shows "
                            "(it starts with NAV1). Their list will replace the list on screen."))
        self.field_label.setText(_("The code's text:"))
        self.field.setAccessibleName(_("The code's text"))
        self.open_button.setText(_("Open this list"))
        self.cancel_button.setText(_("Cancel"))

    def _refuse(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.show()
        self.field.setFocus()

    def parse(self) -> FamilyList | None:
        """The code's list, or None after showing one sentence about what is wrong."""
        text = self.field.text().strip()
        version = re.match(r"NAV(\d+)\|", text)
        if version and int(version.group(1)) > VERSION:
            self._refuse(_("This code was made by a newer version of Navigator. Update Navigator "
                           "to open it."))
            return None
        try:
            family = parse_qr_text(text)
        except UserError:
            self._refuse(_("This is not a Navigator list code, or part of it is missing. Check the "
                           "text and try again."))
            return None
        if family.region != self.state.pack.region.id:
            self._refuse(_("This list is for another area. Open it with that area's data."))
            return None
        known = {row[0] for row in self.state.pack.conn.execute("SELECT id FROM schools")}
        if not any(i in known for i in family.ids()):
            self._refuse(_("None of the schools in this code are in the current data."))
            return None
        return family

    def read(self) -> None:
        family = self.parse()
        if family is None:
            return
        self.error.hide()
        if not self.state.shortlist:
            self._replace(family)
            return
        self.confirm = ask(self, _("Replace the list on screen?"),
                           _("The list on screen will be replaced by the schools in the code, in "
                             "the code's order. Notes on the current list will be lost."),
                           yes=_("Yes, replace it"), no=_("No, keep this list"),
                           on_yes=lambda: self._replace(family))

    def _replace(self, family: FamilyList) -> None:
        missing = replace_shortlist(self.state, family)
        self.accept()
        window = self.window_
        window.go("shortlist")
        if missing:
            tell(window, _("Some schools are no longer listed"),
                 _("Some schools in this code are not in the current data, so they were left out."),
                 detail=", ".join(missing))
