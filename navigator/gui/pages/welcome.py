"""Welcome: choose a language (each named in its own script), learn that nothing is kept, start.

A language whose translation no person who speaks it has checked yet says so here, once, in that
language (the catalogue's review line, :mod:`navigator.i18n.review`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from navigator.gui.languages import LanguageButtons
from navigator.gui.layouts import vertical_scroll
from navigator.gui.pages.base import Page
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import _, draft_note, format_number, ngettext


class WelcomePage(Page):
    name = "welcome"

    def __init__(self, state, window):
        super().__init__(state, window)
        outer = QVBoxLayout(self)
        holder = QWidget()
        outer.addWidget(vertical_scroll(holder))
        centre = QHBoxLayout(holder)
        column = QWidget()
        column.setMaximumWidth(1000)
        centre.addWidget(column)
        layout = QVBoxLayout(column)
        layout.setSpacing(12)  # with a draft's note, Start still shows on a 768-pixel screen
        layout.addStretch(1)
        self.heading = plain_label("heading")
        self.intro = plain_label("lead")
        self.choose = plain_label("subheading")
        self.languages = LanguageButtons(columns=4)
        self.languages.chosen.connect(state.set_language)
        self.draft = plain_label("draft")
        self.draft.setObjectName("draftNote")
        self.privacy = plain_label("kiosk" if window.kiosk else "")
        self.start = BigButton("primary")
        self.start.setMinimumWidth(240)
        self.start.clicked.connect(lambda: window.go("home"))
        for widget in (self.heading, self.intro, self.choose, self.languages, self.draft, self.privacy):
            layout.addWidget(widget)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignHCenter)
        # For the attendant or counsellor: the pack's entries Navigator could not use (counted
        # once, when the window is up and answering: a pass over the pack).
        self.data_note = plain_label("small")
        self.data_note.setObjectName("dataNote")
        self.data_note.setVisible(False)
        layout.addWidget(self.data_note)
        layout.addStretch(2)
        self.left_out = 0
        QTimer.singleShot(2000, self._count_left_out)  # after the first results and the map

    def title(self) -> str:
        return _("Welcome")

    def retranslate(self) -> None:
        self.heading.setText(_("Welcome"))
        self.intro.setText(_("Find public schools that fit your child, and make a list to take with "
                             "you. It takes a few minutes."))
        self.choose.setText(_("Choose your language"))
        self.languages.retranslate(self.state.language)
        draft = draft_note(self.state.language)
        self.draft.setText(draft)
        self.draft.setVisible(bool(draft))
        if self.window.kiosk:
            self.privacy.setText(_("This computer is shared. Nothing you enter is kept: when you press "
                                   "“Start over”, or when nobody uses the screen for a few minutes, "
                                   "everything you entered is erased."))
        else:
            self.privacy.setText(_("Nothing you enter is kept unless you save it. When you press "
                                   "“Start over”, everything you entered is erased."))
        self.start.setText(_("Start"))
        self.data_note.setVisible(self.left_out > 0)
        self.data_note.setText(ngettext(
            "Note for staff: {n} entry in this area's data could not be used; it is left out or "
            "shown as unknown. The command “navigator catalogue validate” lists it.",
            "Note for staff: {n} entries in this area's data could not be used; they are left out "
            "or shown as unknown. The command “navigator catalogue validate” lists them.",
            self.left_out).format(n=format_number(self.left_out)))

    def _count_left_out(self) -> None:
        pack = self.state.pack
        self.left_out = sum(n for _rule, n in pack.left_out()) + len(pack.meta_problems)
        note = pack.left_out_note()
        self.data_note.setToolTip(note or "")
        self.retranslate()

    def on_shown(self) -> None:
        self.start.setFocus()


PAGE = WelcomePage
