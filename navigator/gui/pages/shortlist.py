"""Step 7, "My list": what to do next, the family's ranked schools, a note on each, and what to
check before applying.

* At the top, the plan (:mod:`navigator.next_steps`, the same one the printout starts with): one
  line per application process, most urgent first, marked with a shape and bold words.
* Each row says the school's next date (with the plan's mark) and the process it goes through
  (the rows: :mod:`~navigator.gui.pages.shortlist_model`, drawn by
  :mod:`~navigator.gui.pages.shortlist_painter`).
* Order is changed by dragging a school, or from the keyboard (Move up / Move down, Alt+Up /
  Alt+Down); both go through ``ShortlistModel.moveRows``, so the family's state holds the one true
  order.  Warnings come from the core's list checker (:func:`navigator.list_check.check_list`),
  the same one the printed list uses, so the screen and the paper never disagree; they are worked
  out on the operations layer's worker (:func:`~navigator.gui.pages.shortlist_model.list_checks`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from navigator.gui import facts
from navigator.gui.layouts import FlowLayout, Reflows, SideBySide, WrappingBody, nest, vertical_scroll
from navigator.gui.pages.base import Page
from navigator.gui.pages.shortlist_model import (
    SCHOOL_WARNINGS,
    ListChecks,
    ShortlistModel,
    list_checks,
    step_line,
)
from navigator.gui.pages.shortlist_painter import ShortlistView
from navigator.gui.read_aloud import ReadAloudButton
from navigator.gui.state import MAX_COMPARE
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import N_, _, format_number, ngettext
from navigator.next_steps import step_words
from navigator.search.query import approximate_place


class _Buttons(Reflows, QWidget):
    """The current school's buttons: four in a row when they fit, two by two, or one by one."""

    def __init__(self, *buttons: QWidget) -> None:
        super().__init__()
        self.buttons = buttons
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        self._reflow()

    def _text_size_changed(self) -> None:
        self._columns = 0

    def _reflow(self) -> None:
        widths = [b.sizeHint().width() for b in self.buttons]
        spacing = self.grid.horizontalSpacing()
        room = self.width()
        columns = next((n for n in (4, 2) if max(widths) * n + spacing * (n - 1) <= room), 1)
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons:
            self.grid.removeWidget(button)
        for i, button in enumerate(self.buttons):
            self.grid.addWidget(button, i // columns, i % columns)
        self.setMinimumWidth(max(widths))


class ShortlistPage(Page):
    name = "shortlist"

    def __init__(self, state, window):
        super().__init__(state, window)
        self.model = ShortlistModel(state, self)
        self.heading = plain_label("heading")
        self.empty = plain_label("lead")
        self.to_results = BigButton()
        self.to_results.clicked.connect(lambda: self.window.go("results"))
        self.warning_box = QFrame()
        self.warning_box.setProperty("role", "card")
        self.warning_title = plain_label("subheading")
        self.warning_layout = QVBoxLayout(self.warning_box)
        self.warning_layout.addWidget(self.warning_title)
        self.warning_labels: list = []

        # What to do next: the plan, at the top.
        self.plan_box = QFrame()
        self.plan_box.setObjectName("planBox")
        self.plan_box.setProperty("role", "card")
        self.plan_title = plain_label()
        self.plan_title.setObjectName("planTitle")
        self.plan_title.setStyleSheet("font-weight: bold;")
        # Each step: its mark, headline and date in bold, beside what to do (plain text only).
        self.plan_layout = QGridLayout(self.plan_box)
        self.plan_layout.setContentsMargins(14, 6, 14, 8)
        self.plan_layout.setHorizontalSpacing(14)
        self.plan_layout.setVerticalSpacing(8)  # the two-line steps apart from each other
        self.plan_layout.setColumnStretch(1, 1)
        self.plan_layout.addWidget(self.plan_title, 0, 0, 1, 2)
        self.plan_labels: list[QLabel] = []  # the headlines, one per step
        self.plan_parts: list[QLabel] = []  # every label of the steps

        self.view = ShortlistView(self.model)
        self.view.move_requested.connect(self.move_current)
        self.detail_name = plain_label("subheading")
        self.hint = plain_label("small")
        self.detail_warnings = plain_label()
        self.detail_warnings.setObjectName("schoolWarnings")
        self.note_label = plain_label()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(72)
        self.note_label.setBuddy(self.note_edit)
        self.up_button, self.down_button = BigButton(), BigButton()
        self.remove_button, self.details_button = BigButton("danger"), BigButton()
        self.compare_button, self.print_button = BigButton(), BigButton("primary")
        self.buttons = _Buttons(self.up_button, self.down_button, self.details_button,
                                self.remove_button)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_name)
        detail_layout.addWidget(self.buttons)  # first, so they are never below the fold
        detail_layout.addWidget(self.hint)
        detail_layout.addWidget(self.detail_warnings)
        detail_layout.addWidget(self.note_label)
        detail_layout.addWidget(self.note_edit)
        self.detail = detail
        # The current school, then the list's warnings, scroll together beside the list, so a long
        # warning never pushes the list off the screen at 150 % text size.
        side = WrappingBody()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 8, 0)
        side_layout.addWidget(detail)
        side_layout.addWidget(self.warning_box)
        side_layout.addStretch(1)
        self.side = vertical_scroll(side, frame=False)
        self.side_body = side

        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addWidget(self.side, 1)
        for part in (self.view, self.side):  # they scroll: take the room there is, ask for none
            part.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        actions = QWidget()
        # One row when they fit, else the print button beneath (Spanish at the largest text).
        actions_row = FlowLayout(actions)
        # Read aloud, the plan and the list: up here with what is done with the whole list (a
        # button inside the plan would make it taller, and the list has no height to spare).
        self.plan_read = ReadAloudButton(window.read_aloud, "plan", self.plan_box,
                                         label=N_("Read the plan aloud"))
        self.list_read = ReadAloudButton(window.read_aloud, "list", self.view, self.list_texts,
                                         label=N_("Read my list aloud"))
        actions_row.addWidget(self.plan_read)
        window.read_aloud.changed.connect(self._read_buttons_shown)
        actions_row.addWidget(self.list_read)
        actions_row.addWidget(self.compare_button)
        actions_row.addWidget(self.print_button)
        # The heading and what to do with the whole list share the top row (beneath each other
        # at large text), so the plan and the list get the height of the screen.
        top = SideBySide(self.heading, actions)
        # The page scrolls as a whole when the text is too large for the screen, so the list
        # keeps room for a few schools instead of being squeezed to a line.
        body = WrappingBody()
        self.body = body
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = vertical_scroll(body)
        outer.addWidget(self.scroll)
        layout = QVBoxLayout(body)
        layout.setSpacing(8)
        layout.setContentsMargins(10, 2, 10, 6)
        layout.addWidget(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.to_results, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.plan_box)
        nest(layout, middle, 1)

        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.remove_button.clicked.connect(self.remove_current)
        self.details_button.clicked.connect(self._details)
        self.compare_button.clicked.connect(self.open_compare)
        self.print_button.clicked.connect(self.print_list)
        self.note_edit.textChanged.connect(self._note_edited)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsMoved.connect(lambda *_: self._show_current())
        self.model.compare_changed.connect(self._update_buttons)
        for keys, steps in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=steps: self.move_current(s))
        self._checked_for: tuple | None = None
        self.household_warnings: list = []
        self._loading_note = False
        self.compare_dialog = None
        state.results_ready.connect(lambda _r: self.refresh_warnings(force=True))
        state.shortlist_changed.connect(self.refresh_warnings)

    # -- Page -----------------------------------------------------------------------------------------

    def title(self) -> str:
        return _("My list")

    def retranslate(self) -> None:
        self.heading.setText(_("My list"))
        self.plan_title.setText(_("What to do next"))
        self.hint.setText(_("Put your first choice at the top: drag a school, or tap Move up and "
                            "Move down. Tap the box beside up to four schools to compare them."))
        self.empty.setText(_("Your list is empty. Add schools from the list of schools."))
        self.to_results.setText(_("Go to the schools"))
        self.warning_title.setText(_("Things to check"))
        self.view.setAccessibleName(_("My list, first choice first"))
        self.note_edit.setPlaceholderText(_("For example: visit on Tuesday; ask about the bus."))
        self.up_button.setText(_("↑ Move up"))
        self.down_button.setText(_("↓ Move down"))
        self.remove_button.setText(_("Remove from my list"))
        self.details_button.setText(_("Details"))
        self.print_button.setText(_("Print or save my list"))
        self.refresh_warnings(force=True)
        self._show_current()
        self._update_buttons()

    def on_shown(self) -> None:
        self.window.read_aloud.prepare()
        self.scroll.verticalScrollBar().setValue(0)  # the page opens at its top: the plan
        self.refresh_warnings(force=True)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))
        self._show_current()
        self.view.setFocus()

    def on_reset(self) -> None:
        self.model.compare.clear()
        self._checked_for = None
        self._show_checks(ListChecks())  # the family's checks go at once, not when re-checked
        self.refresh_warnings(force=True)
        self._show_current()

    # -- the current school -------------------------------------------------------------------------

    def current_id(self) -> str:
        index = self.view.currentIndex()
        return self.model.ids()[index.row()] if index.isValid() and index.row() < self.model.rowCount() \
            else ""

    def select(self, school_id: str) -> None:
        if school_id in self.model.ids():
            self.view.setCurrentIndex(self.model.index(self.model.ids().index(school_id)))

    def move_current(self, steps: int) -> None:
        school_id = self.current_id()
        if school_id and self.model.move(school_id, steps):
            self.select(school_id)
            self.refresh_warnings()
            self._show_current()

    def remove_current(self) -> None:
        school_id = self.current_id()
        if school_id:
            row = self.model.ids().index(school_id)
            self.state.remove_from_shortlist(school_id)
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))

    def _details(self) -> None:
        if self.current_id():
            self.window.show_profile(self.current_id())

    def _after_reset(self) -> None:
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0))
        self._show_current()

    def _show_current(self) -> None:
        school_id = self.current_id()
        has_list = self.model.rowCount() > 0
        for widget in (self.view, self.side, self.list_read, self.compare_button, self.print_button):
            widget.setVisible(has_list)
        self.plan_box.setVisible(has_list and bool(self.plan_labels))
        self._read_buttons_shown()
        self.empty.setVisible(not has_list)
        self.to_results.setVisible(not has_list)
        self.detail.setEnabled(bool(school_id))
        name = self.model.basics(school_id)[0] if school_id else ""
        self.detail_name.setText(name)
        mine = [w.message(self.state.language) for w in self.model.warnings
                if school_id in w.schools and w.kind in SCHOOL_WARNINGS]
        self.detail_warnings.setText("\n".join(f"⚠ {m}" for m in mine))
        self.detail_warnings.setVisible(bool(mine))
        self.note_label.setText(_("Your notes about {school}").format(school=name) if name
                                else _("Your notes"))
        self.note_edit.setAccessibleName(self.note_label.text())
        note = next((s.note for s in self.state.shortlist if s.id == school_id), "")
        if self.note_edit.toPlainText() != note:
            self._loading_note = True
            self.note_edit.setPlainText(note)
            self._loading_note = False
        row = self.model.ids().index(school_id) if school_id else -1
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

    def _read_buttons_shown(self) -> None:
        """Without a voice for the language, one button says so (the list's), not two."""
        self.plan_read.setVisible(self.plan_box.isVisibleTo(self) and self.window.read_aloud.has_voice())

    def _note_edited(self) -> None:
        school_id = self.current_id()
        if school_id and not self._loading_note:
            self.state.set_note(school_id, self.note_edit.toPlainText())

    # -- warnings -----------------------------------------------------------------------------------

    def refresh_warnings(self, force: bool = False) -> None:
        """Check the list again when what the checks depend on changed (not on every note key):
        on the operations layer's worker; the answer is shown when it comes."""
        results = self.state.results
        zoned = set(results.zoned) if results is not None and self.state.home is not None else None
        household = self.state.to_household()
        others = tuple((c.number, c.label, c.grade, tuple(c.ids())) for c in household.children)
        others += tuple((a.label, a.school_id) for a in household.attending)
        today = facts.today(self.state)
        key = (tuple(self.model.ids()), self.state.grade, tuple(sorted(zoned or ())),
               today, self.state.language, approximate_place(self.state.home), others)
        if not force and key == self._checked_for:
            return
        self._checked_for = key
        ids, grade, home, lang = self.model.ids(), self.state.grade, self.state.home_record(), \
            self.state.language
        self.state.operations.run(
            lambda core: list_checks(core.pack, core.engine, ids, today, grade=grade, zoned=zoned,
                                     home=home, lang=lang, household=household),
            done=self._show_checks, key="list checks", owner=self)

    def _show_checks(self, checks: ListChecks) -> None:
        self.model.warnings, self.model.steps = checks.warnings, checks.steps
        self.household_warnings = checks.household
        ids = self.model.ids()
        self._show_plan()
        for label in self.warning_labels:
            label.hide()  # gone now, not only when Qt next runs its deferred deletes
            self.warning_layout.removeWidget(label)
            label.deleteLater()
        self.warning_labels = []
        lang = self.state.language
        for warning in self.model.warnings + self.household_warnings:
            mark = "ⓘ" if warning.severity == "info" else "⚠"
            label = plain_label()
            label.setText(f"{mark} {warning.message(lang)}")
            label.setProperty("kind", warning.kind)
            label.ensurePolished()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.warning_layout.addWidget(label)
            self.warning_labels.append(label)
        self.warning_box.setVisible(bool(self.warning_labels))
        if ids:
            self.model.dataChanged.emit(self.model.index(0), self.model.index(len(ids) - 1))
            self.view.doItemsLayout()  # the rows' dates changed: measure them again
            self.view.keep_two_rows()
        self._show_current()
        for part in (self.side_body, self.body):  # new texts: take their height now, and again
            part.layout().activate()                # once Qt has laid the page out
            part.follow_width()
            QTimer.singleShot(0, part, part.follow_width)

    def _show_plan(self) -> None:
        """One row per step of the plan: its mark, headline and date in bold, then what to do."""
        for label in self.plan_parts:
            label.hide()
            self.plan_layout.removeWidget(label)
            label.deleteLater()
        self.plan_labels, self.plan_parts = [], []
        lang = self.state.language
        for row, step in enumerate(self.model.steps, start=1):
            words = step_words(step, lang)
            head = plain_label()
            head.setText(step_line(step, lang, "\n"))
            head.setStyleSheet("font-weight: bold;")
            head.setProperty("level", step.level)
            head.setAccessibleName(words.plain())
            what = plain_label()
            what.setText("\n".join([words.sentence, *words.details]))
            self.plan_layout.addWidget(head, row, 0, Qt.AlignmentFlag.AlignTop)
            self.plan_layout.addWidget(what, row, 1, Qt.AlignmentFlag.AlignTop)
            for label in (head, what):
                label.ensurePolished()  # its bold font now, so it is measured as it is drawn
            self.plan_labels.append(head)
            self.plan_parts += [head, what]
        self.plan_box.setVisible(bool(self.plan_labels))

    def list_texts(self) -> list[str]:
        """What "Read aloud" says for the list: its title, each school as its row shows it
        (first choice first), and the note of the school shown beside the list."""
        texts = [self.heading.text(), *(self.model.row_text(r) for r in range(self.model.rowCount()))]
        note = self.note_edit.toPlainText().strip()
        if note and self.detail.isEnabled():
            texts += [self.note_label.text(), note]
        return texts

    def plan_texts(self) -> list[str]:
        """The plan as shown, one plain text per step (tests and screen readers)."""
        return [label.accessibleName() for label in self.plan_labels]

    def warning_kinds(self) -> list[str]:
        return [w.kind for w in self.model.warnings]

    def household_texts(self) -> list[str]:
        """The findings across the children, as shown (tests and screen readers)."""
        lang = self.state.language
        return [w.message(lang) for w in self.household_warnings]

    # -- compare and print ------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        n = len(self.model.compare)
        self.compare_button.setText(ngettext(
            "Compare {n} school side by side", "Compare {n} schools side by side", n).format(
            n=format_number(n)) if n >= 2 else _("Compare: tick two to four schools"))
        self.compare_button.setEnabled(n >= 2)

    def open_compare(self):
        from navigator.gui.compare import CompareDialog

        ids = [i for i in self.model.ids() if i in self.model.compare][:MAX_COMPARE]
        if self.compare_dialog is not None:
            self.compare_dialog.close()
        self.compare_dialog = CompareDialog(self.state, ids, self)
        self.compare_dialog.open_when_ready()
        return self.compare_dialog

    def print_list(self) -> None:
        self.window.export_list()


PAGE = ShortlistPage
