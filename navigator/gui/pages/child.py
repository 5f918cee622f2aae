"""Your child: the grade they will enter, as big buttons in plain words.

Ordinals are whole messages ("1st grade", "2nd grade" ...), one per grade, because every
language forms them differently; nothing is glued from a number and a suffix.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from navigator.errors import UserError
from navigator.grades import TK
from navigator.gui.choices import ChoiceGroup
from navigator.gui.dialogs import InfoButton
from navigator.gui.layouts import Reflows, nest, vertical_scroll
from navigator.gui.pages.base import Page
from navigator.gui.terms import GRADE_NAMES, explanation, grade_name
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import _

ANY = 99  # the button id for "every grade" (no grade filter)


class GradeGrid(Reflows, QWidget):
    """The grade buttons in four columns, or two, or one when the words are large: TK (with its
    "?") and kindergarten first, then 1st to 12th grade, then "every grade" across the bottom."""

    def __init__(self, buttons: dict[int, BigButton], tk_info: InfoButton, any_button: BigButton):
        super().__init__()
        self.buttons, self.tk_info, self.any_button = buttons, tk_info, any_button
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        self.tk_row = QWidget()
        row = QHBoxLayout(self.tk_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(buttons[TK], 1)
        row.addWidget(tk_info)
        self.columns = 0
        self.setMinimumWidth(120)  # never makes the window wider: fewer columns instead
        self._reflow()

    def _fits(self, columns: int) -> bool:
        spacing = self.grid.horizontalSpacing()
        cell = (self.width() - spacing * (columns - 1)) / columns
        grades = [self.buttons[g] for g in range(1, 13)]
        if any(b.sizeHint().width() > cell for b in grades):
            return False
        pair = cell * (columns // 2) + spacing * (columns // 2 - 1) if columns >= 4 else self.width()
        return self.tk_row.sizeHint().width() <= pair and \
            self.buttons[0].sizeHint().width() <= pair

    def _text_size_changed(self) -> None:
        self.columns = 0

    def _reflow(self) -> None:
        columns = next((c for c in (4, 2) if self._fits(c)), 1)
        if columns == self.columns:
            return
        self.columns = columns
        for widget in (self.tk_row, self.any_button, *self.buttons.values()):
            self.grid.removeWidget(widget)
        if columns == 4:
            self.grid.addWidget(self.tk_row, 0, 0, 1, 2)
            self.grid.addWidget(self.buttons[0], 0, 2, 1, 2)
            first = 1
        else:
            self.grid.addWidget(self.tk_row, 0, 0, 1, columns)
            self.grid.addWidget(self.buttons[0], 1, 0, 1, columns)
            first = 2
        for grade in range(1, 13):
            self.grid.addWidget(self.buttons[grade], first + (grade - 1) // columns,
                                (grade - 1) % columns)
        self.grid.addWidget(self.any_button, first + 12 // columns + (12 % columns > 0), 0, 1,
                            columns)
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)


class ChildPage(Page):
    name = "child"

    def __init__(self, state, window):
        super().__init__(state, window)
        outer = QVBoxLayout(self)
        body = QWidget()
        body.setMaximumWidth(1100)
        outer.addWidget(vertical_scroll(body))
        layout = QVBoxLayout(body)
        layout.setSpacing(14)
        self.heading = plain_label("heading")
        self.intro = plain_label("lead")
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        # The family's name for this child (optional; in kiosk mode it stays in memory only).
        self.name_label = plain_label()
        self.name_field = QLineEdit()
        self.name_field.setMinimumHeight(48)
        self.name_field.setMaxLength(40)
        self.name_field.editingFinished.connect(self._rename)
        self.name_label.setBuddy(self.name_field)
        self.name_error = plain_label("error")
        self.name_error.hide()
        # The label above its field: in Armenian or Russian at the largest text, the label, the
        # field and "+ Add a brother or sister" are wider than the screen in one row.
        name_box = QVBoxLayout()
        name_box.setSpacing(4)
        name_box.addWidget(self.name_label)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_field, 1)
        self.add_sibling = BigButton()
        self.add_sibling.clicked.connect(lambda: self.window.household_bar.add_child())
        name_row.addWidget(self.add_sibling)
        nest(name_box, name_row)
        nest(layout, name_box)
        layout.addWidget(self.name_error)

        self.group = ChoiceGroup(self)
        self.buttons: dict[int, BigButton] = {}
        for grade in GRADE_NAMES:
            button = BigButton("choice")
            button.setCheckable(True)
            self.group.addButton(button, grade if grade >= 0 else 100)
            self.buttons[grade] = button
        self.tk_info = InfoButton()
        self.any_button = BigButton("choice")
        self.any_button.setCheckable(True)
        self.group.addButton(self.any_button, ANY)
        self.grid = GradeGrid(self.buttons, self.tk_info, self.any_button)
        layout.addWidget(self.grid)
        self.chosen = plain_label("ok")
        layout.addWidget(self.chosen)
        self._attending(layout)
        layout.addStretch(1)
        self.group.idClicked.connect(self._clicked)
        state.query_changed.connect(self._sync)
        state.household_changed.connect(self._sync_household)

    def _attending(self, layout: QVBoxLayout) -> None:
        """"An older brother or sister already attends": what sibling priority depends on."""
        self.attending_heading = plain_label("subheading")
        self.attending_intro = plain_label("small")
        layout.addWidget(self.attending_heading)
        layout.addWidget(self.attending_intro)
        row = QHBoxLayout()
        self.sibling_name = QLineEdit()
        self.sibling_name.setMinimumHeight(48)
        self.sibling_name.setMaxLength(40)
        self.sibling_school = QComboBox()
        self.sibling_school.setMinimumHeight(48)
        for school_id, name in self.state.pack.school_names().items():
            self.sibling_school.addItem(name, school_id)
        self.sibling_add = BigButton()
        self.sibling_add.clicked.connect(self._add_attending)
        row.addWidget(self.sibling_name, 1)
        row.addWidget(self.sibling_school, 2)
        row.addWidget(self.sibling_add)
        nest(layout, row)
        self.attending_error = plain_label("error")
        self.attending_error.hide()
        layout.addWidget(self.attending_error)
        self.attending_rows = QVBoxLayout()
        nest(layout, self.attending_rows)

    def _add_attending(self) -> None:
        school_id = self.sibling_school.currentData()
        try:
            self.state.set_attending(self.sibling_name.text(), school_id, True)
        except UserError as err:
            self.attending_error.setText(str(err))
            self.attending_error.show()
            return
        self.attending_error.hide()
        self.sibling_name.clear()

    def _sync_household(self) -> None:
        """The current child's name, and the brothers and sisters who already attend a school."""
        child = self.state.household.child(self.state.current_child)
        self.add_sibling.setVisible(len(self.state.household.children) == 1)
        if len(self.state.household.children) > 1:
            from navigator.household.model import child_label

            self.heading.setText(_("Which grade will {child} enter?").format(
                child=child_label(child, self.state.language)))
        else:
            self.heading.setText(_("Which grade will your child enter?"))
        if not self.name_field.hasFocus():
            self.name_field.setText(child.label or "")
        self.name_field.setPlaceholderText(_("For example: {name}").format(
            name=_("Child {n}").format(n=child.number)))
        while self.attending_rows.count():
            item = self.attending_rows.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        names = self.state.pack.school_names(a.school_id for a in self.state.household.attending)
        for entry in self.state.household.attending:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            text = plain_label()
            text.setText(_("{sibling} already attends {school}.").format(
                sibling=entry.label, school=names.get(entry.school_id, entry.school_id)))
            remove = BigButton()
            remove.setText(_("Remove"))
            remove.setAccessibleName(_("Remove {sibling} at {school}").format(
                sibling=entry.label, school=names.get(entry.school_id, entry.school_id)))
            remove.clicked.connect(lambda _c=False, e=entry: self.state.set_attending(
                e.label, e.school_id, False))
            row.addWidget(text, 1)
            row.addWidget(remove)
            self.attending_rows.addWidget(line)

    def _rename(self) -> None:
        try:
            self.state.rename_child(self.state.current_child, self.name_field.text())
        except UserError as err:
            self.name_error.setText(str(err))
            self.name_error.show()
            return
        self.name_error.hide()

    def title(self) -> str:
        return _("Your child")

    def _clicked(self, button_id: int) -> None:
        grade = None if button_id == ANY else (TK if button_id == 100 else button_id)
        if grade != self.state.grade:
            self.state.set_grade(grade)
        self._sync()

    def _sync(self) -> None:
        """Show the state's grade (it may come from a saved session or a start over)."""
        grade = self.state.grade
        self.group.choose(self.any_button if grade is None else self.buttons.get(grade))
        if grade is None:
            self.chosen.setText("")
        else:
            self.chosen.setText(_("Chosen: {grade}").format(grade=grade_name(grade)))

    def retranslate(self) -> None:
        self.heading.setText(_("Which grade will your child enter?"))
        self.intro.setText(_("Choose the grade your child will be in next school year. We will show "
                             "schools that teach it."))
        for grade, button in self.buttons.items():
            button.setText(grade_name(grade))
        self.any_button.setText(_("Show schools for every grade"))
        self.tk_info.set_explanation(grade_name(TK), explanation("tk"))
        self.name_label.setText(_("First name (you may leave it empty):"))
        self.name_field.setAccessibleName(self.name_label.text())
        self.attending_heading.setText(_("A brother or sister already at a school?"))
        self.attending_intro.setText(_("Some schools give priority to brothers and sisters of "
                                       "their students. Say who already attends, and where."))
        self.sibling_name.setPlaceholderText(_("Their first name"))
        self.sibling_name.setAccessibleName(_("First name of the brother or sister"))
        self.sibling_school.setAccessibleName(_("The school they attend"))
        self.sibling_add.setText(_("Add"))
        self.add_sibling.setText(_("+ Add a brother or sister"))
        self.add_sibling.setAccessibleName(_("Add a brother or sister"))
        self.sibling_add.setAccessibleName(_("Add the brother or sister who attends this school"))
        self._sync_household()
        self.grid.columns = 0  # new words, new widths: lay the buttons out again
        self.grid._reflow()
        self._sync()

    def on_shown(self) -> None:
        self._sync()
        checked = self.group.checkedButton()
        (checked or self.buttons[0]).setFocus()

    def on_reset(self) -> None:
        self._sync()
        self.sibling_name.clear()
        self.name_error.hide()
        self.attending_error.hide()
        self._sync_household()


PAGE = ChildPage
