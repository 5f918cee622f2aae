"""The child switcher: one touch-sized button per child, "Add a brother or sister", "Remove".

Shown on every screen from *Your child* on (the window hides it on Welcome and Where you live,
which are the household's, not a child's).  Each child's button says the family's name for the
child and the grade, in words a screen reader reads whole; the current child's is checked.
Adding a brother or sister keeps the home and opens *Your child* for the new child's grade;
removing one child asks first and leaves the others as they were.

When the row does not fit on one line (large text, long names, a third child), "Add", "Remove"
and "Schools for all of them" fold into one menu button, so the bar stays one row high and every
screen below keeps its room; the children's own buttons always stay in sight.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QWidget

from navigator.errors import UserError
from navigator.gui.choices import ChoiceGroup
from navigator.gui.dialogs import ask, tell
from navigator.gui.layouts import FlowLayout
from navigator.gui.terms import grade_name
from navigator.gui.widgets import BigButton, MenuButton, plain_label
from navigator.household.model import MAX_CHILDREN, child_label
from navigator.i18n import _


def child_title(child, lang: str) -> str:
    """"Luis · Kindergarten" (or "Child 2 · grade not chosen"), as the button says it."""
    grade = grade_name(child.grade) if child.grade is not None else _("grade not chosen")
    # TRANSLATORS: a child's button in the switcher: their name, then their grade.
    return _("{child} · {grade}").format(child=child_label(child, lang), grade=grade)


class HouseholdBar(QWidget):
    """The row of children above every child's screen."""

    add_requested = Signal()  # the window opens "Your child" for the new child
    together_requested = Signal()  # the window opens Together

    def __init__(self, state, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdBar")
        self.state = state
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 2, 12, 2)
        row.setSpacing(10)
        self.caption = plain_label("small", wrap=False)
        row.addWidget(self.caption)
        self.holder = QWidget()
        self.flow = FlowLayout(self.holder, spacing=8)
        row.addWidget(self.holder, 1)
        self.add_button = BigButton()
        self.add_button.clicked.connect(self.add_child)
        self.remove_button = BigButton()
        self.remove_button.clicked.connect(self.confirm_remove)
        self.together_button = BigButton()
        self.together_button.clicked.connect(self.together_requested)
        # The same three as one menu, when the row does not fit on one line.
        self.more_button = MenuButton()
        self.more_button.setObjectName("householdMore")
        self.more_menu = self.more_button.menu()
        self.add_action = QAction(self.more_menu)
        self.add_action.triggered.connect(self.add_child)
        self.remove_action = QAction(self.more_menu)
        self.remove_action.triggered.connect(self.confirm_remove)
        self.together_action = QAction(self.more_menu)
        self.together_action.triggered.connect(self.together_requested)
        for action in (self.add_action, self.remove_action, self.together_action):
            self.more_menu.addAction(action)
        self.compact = False
        self.group: ChoiceGroup | None = None
        self.buttons: dict[int, BigButton] = {}
        self.question = None
        state.household_changed.connect(self.refresh)
        state.language_changed.connect(self.retranslate)
        self.retranslate()

    def refresh(self) -> None:
        """One button per child, the current one checked; the texts in the current language."""
        household = self.state.household
        lang = self.state.language
        for button in list(self.buttons.values()):
            self.flow.removeWidget(button)
            button.deleteLater()
        if self.group is not None:
            self.group.deleteLater()
        self.group = ChoiceGroup(self)
        self.group.idClicked.connect(self.state.switch_child)
        for widget in (self.add_button, self.remove_button, self.together_button,
                       self.more_button):
            self.flow.removeWidget(widget)
        self.buttons = {}
        for child in household.children:
            button = BigButton("choice")
            button.setCheckable(True)
            title = child_title(child, lang)
            button.setText(title)
            current = child.number == self.state.current_child
            button.setAccessibleName(_("Child: {child}").format(child=title) + (
                " " + _("(shown now)") if current else ""))
            button.setToolTip(_("Show {child}'s grade, needs and list").format(
                child=child_label(child, lang)))
            self.group.addButton(button, child.number)
            self.buttons[child.number] = button
            self.flow.addWidget(button)
            button.setChecked(current)
        self.flow.addWidget(self.add_button)
        self.flow.addWidget(self.remove_button)
        self.flow.addWidget(self.together_button)
        self.flow.addWidget(self.more_button)
        several = len(household.children) > 1
        full = len(household.children) >= MAX_CHILDREN
        self.add_button.setEnabled(not full)
        self.add_action.setEnabled(not full)
        self.add_button.setToolTip(_("A household plans for at most six children.") if full
                                   else _("The same home; you choose the grade and needs."))
        current = household.child(self.state.current_child)
        self.remove_button.setText(_("Remove {child}").format(child=child_label(current, lang)))
        self.remove_button.setAccessibleName(self.remove_button.text())
        self.remove_action.setText(self.remove_button.text())
        self.remove_action.setVisible(several)
        self.together_action.setVisible(several)
        self._fit(force=True)

    def _wanted_width(self) -> int:
        """The row's width with every button on it (caption, children, the three actions)."""
        gap = self.flow.spacing()
        shown = [*self.buttons.values(), self.add_button]
        if len(self.state.household.children) > 1:
            shown += [self.remove_button, self.together_button]
        margins = self.layout().contentsMargins()
        return (self.caption.sizeHint().width() + self.layout().spacing() + margins.left()
                + margins.right() + sum(b.sizeHint().width() for b in shown)
                + gap * (len(shown) - 1))

    def _fit(self, force: bool = False) -> None:
        """The three actions as buttons when the row fits on one line, else as one menu."""
        compact = self._wanted_width() > self.width()
        if compact == self.compact and not force:
            return
        self.compact = compact
        several = len(self.state.household.children) > 1
        self.add_button.setVisible(not compact)
        self.remove_button.setVisible(not compact and several)
        self.together_button.setVisible(not compact and several)
        self.more_button.setVisible(compact)
        self.caption.setVisible(not compact)  # the buttons say who they are for
        self.holder.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit(force=True)

    def retranslate(self, *_args) -> None:
        self.caption.setText(_("Planning for:"))
        self.holder.setAccessibleName(self.caption.text())
        self.add_button.setText(_("+ Add a brother or sister"))
        self.add_button.setAccessibleName(_("Add a brother or sister"))
        self.together_button.setText(_("Schools for all of them"))
        self.together_button.setAccessibleName(_("Schools that fit all your children"))
        self.add_action.setText(self.add_button.text())
        self.together_action.setText(self.together_button.text())
        # TRANSLATORS: one button for "Add a brother or sister", "Remove ..." and "Schools for
        # all of them", when they do not fit in the row (large text).
        self.more_button.setText(_("Brothers and sisters"))
        self.more_button.setAccessibleName(_("Brothers and sisters: add, remove, schools for all"))
        self.refresh()

    def add_child(self) -> None:
        try:
            self.state.add_child()
        except UserError as err:
            tell(self.window(), _("No more children can be added"), str(err))
            return
        self.add_requested.emit()

    def confirm_remove(self) -> None:
        household = self.state.household
        if len(household.children) < 2:
            return
        number = self.state.current_child
        name = child_label(household.child(number), self.state.language)
        self.question = ask(
            self.window(), _("Remove {child}?").format(child=name),
            _("{child}'s grade, needs, list and notes will be erased. The other children stay as "
              "they are.").format(child=name),
            yes=_("Yes, remove {child}").format(child=name), no=_("No, keep {child}").format(
                child=name),
            on_yes=lambda: self.state.remove_child(number))
        return self.question
