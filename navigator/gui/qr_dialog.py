"""The family's list as QR codes on screen, and a counsellor's way to read a list code back.

Why: a family at a kiosk may have no printer and no e-mail, but nearly everyone has a phone
camera.  The codes (:mod:`navigator.exports.phone`) need no app and no internet: the first shows
the ranked list as text (names, phone numbers, next dates) in the family's language, and one more
per date of the plan is a calendar event the camera offers to add.  The list code's last line is
for Navigator: at the enrollment office a counsellor scans or pastes the code's text into "Open a
list from its QR text…" and the family's list is back on screen, in the same order.  Nothing else
about the family is in any code.

One code is shown at a time, big, with Previous / Next to step through them (touch-sized, and the
words never run off a button at large text); the dialog says what the shown code holds.  Codes are
drawn from the core's SVG with ``QSvgRenderer`` at a whole number of pixels per module: black on
white with its quiet zone, sharp on any screen and in the high-contrast theme.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap, QTextOption
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from navigator.errors import UserError
from navigator.exports.qr import VERSION, ReadList, find_app_line, read_list
from navigator.gui import facts
from navigator.gui.dialogs import FittedDialog, PlainDialog, ask, tell
from navigator.gui.layouts import WrappingBody, button_row, nest, vertical_scroll
from navigator.gui.qr_codes import PhoneCode, household_codes
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import _, format_number
from navigator.shortlist import FamilyList

QR_PIXELS = 360  # about the size of a postcard's address block: easy for any phone camera


def qr_pixmap(code: PhoneCode, target_px: int = QR_PIXELS, ratio: float = 1.0) -> QPixmap:
    """The code as a pixmap about ``target_px`` wide (logical pixels), every module the same
    whole number of device pixels so its edges stay sharp."""
    per_module = max(2, round(target_px * ratio) // code.modules)
    size = code.modules * per_module
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    QSvgRenderer(QByteArray(code.svg.encode("utf-8"))).render(painter)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class QrDialog(QDialog):
    """"Take your list on your phone": one code at a time, what it holds, how to use it."""

    def __init__(self, state, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrDialog")
        self.setModal(True)
        self.state = state
        self.codes: list[PhoneCode] = []
        self.index = 0
        self.heading = plain_label("heading")
        self.instruction = plain_label("lead")
        self.which = plain_label("subheading")
        self.which.setObjectName("qrWhich")
        self.code = QLabel()
        self.code.setObjectName("qrCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # White all round, whatever the theme: phones need the light quiet zone to find the code.
        self.code.setStyleSheet("background: #ffffff; padding: 8px;")
        self.holds = plain_label()
        self.holds.setObjectName("qrSchools")
        self.previous_button, self.next_button = BigButton(), BigButton()
        self.previous_button.clicked.connect(lambda: self.show_code(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_code(self.index + 1))
        self.text_label = plain_label("small")
        self.text_view = QTextEdit()  # selectable, and wraps the long text anywhere
        self.text_view.setObjectName("qrText")
        self.text_view.setReadOnly(True)
        self.text_view.setAcceptRichText(False)
        self.text_view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text_view.setTabChangesFocus(True)
        self.text_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._small_font()
        self.text_label.setBuddy(self.text_view)
        self.close_button = BigButton("primary")
        self.close_button.clicked.connect(self.accept)

        right = QVBoxLayout()
        right.addWidget(self.instruction)
        right.addWidget(self.which)
        right.addWidget(self.holds)
        nest(right, button_row(self.previous_button, self.next_button))
        right.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.code, 0, Qt.AlignmentFlag.AlignTop)
        nest(row, right, 1)
        body = WrappingBody()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(self.heading)
        nest(column, row)
        column.addWidget(self.text_label)
        column.addWidget(self.text_view)
        column.addStretch(1)
        self.body = body
        layout = QVBoxLayout(self)
        layout.addWidget(vertical_scroll(body, frame=False), 1)
        nest(layout, button_row(self.close_button, end=True))
        self.setMinimumWidth(820)
        state.language_changed.connect(self.retranslate)
        state.reset_done.connect(self.close)  # "start over" forgets the list: the codes go too
        self.finished.connect(self._disconnect)
        self._made = self._open_when_made = False
        self.retranslate()
        self.close_button.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.fit()
        QTimer.singleShot(0, self, self.fit)  # again once Qt has laid it out

    def fit(self) -> None:
        """As tall as what it shows, never taller than the window it belongs to (then it scrolls)."""
        top = self.parentWidget()
        while top is not None and isinstance(top.window(), QDialog):  # opened from a dialog
            top = top.window().parentWidget()
        limit = top.window().height() - 40 if top is not None else 760
        widest = top.window().width() - 40 if top is not None else 1300
        margins = self.layout().contentsMargins()
        needed = self.body.layout().minimumSize().width() + margins.left() + margins.right() + 24
        readable = self.fontMetrics().averageCharWidth() * 100  # lines of a readable length
        width = min(widest, max(self.minimumWidth(), needed, readable))
        inner = width - margins.left() - margins.right() - 20
        height = (self.body.layout().totalHeightForWidth(inner) + self.close_button.sizeHint().height()
                  + self.layout().spacing() + margins.top() + margins.bottom() + 16)
        self.resize(width, min(limit, height))

    def _small_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 0.9)
        self.text_view.setFont(font)
        self.text_view.setFixedHeight(int(self.text_view.fontMetrics().lineSpacing() * 7.5) + 12)

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

    # --- the codes --------------------------------------------------------------------------------

    def show_code(self, index: int) -> None:
        if not self.codes:
            self.code.clear()
            return
        self.index = max(0, min(index, len(self.codes) - 1))
        code = self.codes[self.index]
        self.code.setPixmap(qr_pixmap(code, QR_PIXELS, self.devicePixelRatioF()))
        self.code.setAccessibleName(_("QR code: {what}").format(what=code.title))
        # TRANSLATORS: which of the codes is shown, e.g. "Code 1 of 4: Your list".
        self.which.setText(_("Code {n} of {total}: {what}").format(
            n=format_number(self.index + 1), total=format_number(len(self.codes)), what=code.title))
        self.holds.setText(code.holds)
        self.text_view.setPlainText(code.text)
        for widget in (self.text_label, self.text_view):
            widget.setVisible(not code.calendar)  # iCalendar text helps no one; the words do
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.codes) - 1)
        if self.isVisible():
            self.fit()

    @property
    def text(self) -> str:
        """The text of the code on screen."""
        return self.codes[self.index].text if self.codes else ""

    def retranslate(self, *_args) -> None:
        """The words now; the codes (in the language on screen) when the worker has made them."""
        self.setWindowTitle(_("Take your list on your phone"))
        self.heading.setText(_("Take your list on your phone"))
        self.previous_button.setText(_("◀ Previous code"))
        self.next_button.setText(_("Next code ▶"))
        self.text_label.setText(_("What your phone will show:"))
        self.text_view.setAccessibleName(_("What your phone will show"))
        self.close_button.setText(_("Close"))
        household, lang, today = self.state.to_household(), self.state.language, \
            facts.today(self.state)
        self.state.operations.run(
            lambda core: household_codes(core.pack, household, lang, today, core.engine),
            done=self._show_codes, key="qr codes", owner=self)

    def _show_codes(self, codes: list[PhoneCode]) -> None:
        self.codes = codes
        self.instruction.setText(_("Point your phone's camera at the code: no app or internet "
                                   "needed. The first code shows your list; the next ones add "
                                   "each date to your phone's calendar.") if self.codes else
                                 _("This list cannot be shown as a QR code. Print it or write "
                                   "down the schools instead."))
        for widget in (self.which, self.previous_button, self.next_button):
            widget.setVisible(len(self.codes) > 1 or widget is self.which)
        self.show_code(self.index)
        self._made = True
        if self._open_when_made:
            self._open_when_made = False
            self.open()

    def open_when_ready(self) -> None:
        """Open once the codes are made (at once when they are), so the family never sees the
        dialog without them."""
        if self._made:
            self.open()
        else:
            self._open_when_made = True


# --- reading a code back (counsellor) -------------------------------------------------------------


def replace_shortlist(state, family: FamilyList) -> list[str]:
    """Put a code's schools on screen as the family's list, in the code's order, keeping the
    home, grade, filters and languages already entered; the ids the pack does not have."""
    known = state.pack.known_ids(family.ids())
    current = state.to_family_list()
    state.load_family_list(replace(current, schools=list(family.schools)))
    return [i for i in family.ids() if i not in known]


class QrReadDialog(FittedDialog):
    """A box for a code's text: pasted from a phone, typed, or typed by a scanner.

    The list code is several lines with Navigator's line last, and a scanner "types" each line
    break as Enter: so the box takes several lines, and the list opens by itself as soon as a
    whole Navigator line has been ended with Enter (or with "Open this list")."""

    def __init__(self, window) -> None:
        super().__init__(window, preferred_width=620)
        self.setObjectName("qrReadDialog")
        self.setModal(True)
        self.window_ = window
        self.state = window.state
        self.confirm: PlainDialog | None = None
        self.found: ReadList | None = None
        self.heading = plain_label("heading")
        self.lead = plain_label("lead")
        self.field_label = plain_label()
        self.field = QPlainTextEdit()
        self.field.setTabChangesFocus(True)
        self.field.setMinimumHeight(96)
        self.field_label.setBuddy(self.field)
        self.error = plain_label("error")
        self.error.setObjectName("qrReadError")
        self.error.hide()
        self.open_button = BigButton("primary")
        self.cancel_button = BigButton()
        self.open_button.clicked.connect(self.read)
        self.cancel_button.clicked.connect(self.reject)
        self.field.textChanged.connect(self._maybe_read)  # a scanner ends the text with Enter
        # The words scroll when they are taller than the screen (the largest text); the buttons
        # always show.
        self.body_layout.setSpacing(12)
        for widget in (self.heading, self.lead, self.field_label, self.field, self.error):
            self.body_layout.addWidget(widget)
        nest(self.button_row, button_row(self.cancel_button, self.open_button, end=True))
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
        self.lead.setText(_("Scan the family's list code, or paste the text their phone shows (its "
                            "last line starts with NAV1). Their list will replace the list on "
                            "screen."))
        self.field_label.setText(_("The code's text:"))
        self.field.setAccessibleName(_("The code's text"))
        self.open_button.setText(_("Open this list"))
        self.cancel_button.setText(_("Cancel"))

    def _refuse(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.show()
        self.field.setFocus()

    def _maybe_read(self) -> None:
        """Open the list once a whole Navigator line has been ended with Enter."""
        text = self.field.toPlainText()
        line = find_app_line(text)
        if line and self.isVisible() and self.confirm is None and \
                text.rstrip(" ").endswith("\n") and text.rstrip().endswith(line):
            self.read()

    def parse(self) -> ReadList | None:
        """The code's list, or None after showing one sentence about what is wrong."""
        text = self.field.toPlainText().strip()
        version = re.match(r"NAV(\d+)\|", find_app_line(text) or text)
        if version and int(version.group(1)) > VERSION:
            self._refuse(_("This code was made by a newer version of Navigator. Update Navigator "
                           "to open it."))
            return None
        try:
            found = read_list(text)
        except UserError:
            self._refuse(_("This is not a Navigator list code, or part of it is missing. Check the "
                           "text and try again."))
            return None
        family = found.family
        if family.region != self.state.pack.region.id:
            self._refuse(_("This list is for another area. Open it with that area's data."))
            return None
        if not self.state.pack.known_ids(family.ids()):
            self._refuse(_("None of the schools in this code are in the current data."))
            return None
        return found

    def read(self) -> None:
        found = self.parse()
        if found is None:
            return
        self.found = found
        family = found.family
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
        partial = self.found is not None and self.found.partial
        total = self.found.total if self.found is not None else len(family.schools)
        self.accept()
        window = self.window_
        window.go("shortlist")
        if partial:
            tell(window, _("Only the first schools were in the code"),
                 _("The code held the first {held} of the family's {total} schools; the others "
                   "are on their printed list.").format(held=format_number(len(family.schools)),
                                                        total=format_number(total)))
        elif missing:
            tell(window, _("Some schools are no longer listed"),
                 _("Some schools in this code are not in the current data, so they were left out."),
                 detail=", ".join(missing))
