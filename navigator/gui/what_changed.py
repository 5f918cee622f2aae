""""What changed": a saved session opened on newer information, and what that means for it.

Why: a counsellor reopens a family's session a week later; since then the kiosk got a new pack.
Each change to one of the family's schools is one plain sentence ("Valle Verde Choices now
closes on November 20, not December 4"); the list checks and printouts already use the new
information.  When the pack the session was made with is no longer on the computer, the dialog
says only that the information was updated, and when: it never guesses what changed.
"""

from __future__ import annotations

from navigator.diff_report import built_day, change_sentence
from navigator.gui.reading_dialog import ReadingDialog
from navigator.household.session import SessionUpdate
from navigator.i18n import _


class WhatChangedDialog(ReadingDialog):
    def __init__(self, state, update: SessionUpdate, parent=None) -> None:
        super().__init__(state, parent, "whatChangedDialog")
        self.update = update
        self.sentences: list[str] = []

    def retranslate(self, *_args) -> None:
        lang, update = self.state.language, self.update
        self.set_heading(_("The school information has changed since this session was saved"))
        self.clear()
        self.add(_("This session was saved with the information built on {old}. The information "
                   "on this computer now was built on {new}.").format(
            old=built_day(update.saved_built_at, lang), new=built_day(update.built_at, lang)),
            "lead")
        unit = self.state.pack.region.distance_unit
        self.sentences = [change_sentence(c, lang, unit) for c in update.changes]
        if not update.compared:
            self.add(_("The earlier information is no longer on this computer, so Navigator "
                       "cannot say what changed. Check the dates and programs of the schools on "
                       "this list again."), "lead", "whatChangedUnknown")
        elif not self.sentences:
            self.add(_("Nothing changed for the schools on this list."), "lead", "whatChangedNone")
        else:
            self.add(_("For the schools on this list:"), "subheading")
            for sentence in self.sentences:
                # TRANSLATORS: a bullet before one change in the "What changed" dialog.
                self.add(_("• {change}").format(change=sentence), "lead", "whatChangedItem")
        self.add(_("The list checks, the printed list and the calendar now use the new "
                   "information."), "small")


def open_what_changed(window, update: SessionUpdate) -> WhatChangedDialog:
    return WhatChangedDialog(window.state, update, window).show_over()
