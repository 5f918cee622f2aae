"""Choosing: check rows whose words wrap, one-of-several buttons reachable with Tab, and the
step bar (the family's path as big numbered buttons).

Why: a QCheckBox's own text never wraps (cut off at 150 % text), and Qt's button groups take Tab
focus from every unchecked button, expecting arrow keys a first-time user does not know.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QWidget,
)

from navigator.gui.dialogs import InfoButton
from navigator.gui.layouts import Reflows
from navigator.gui.widgets import TOUCH, BigButton, ClickLabel, EnterClicks
from navigator.i18n import _


class CheckRow(QWidget):
    """A check box whose words wrap (a QCheckBox's own text never wraps and gets cut off at 150 %),
    with an optional "?" button beside it.  The box carries the words as its accessible name."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None, info: bool = True) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setMinimumSize(TOUCH - 8, TOUCH - 8)
        self._enter = EnterClicks(self)
        self.box.installEventFilter(self._enter)
        self.label = ClickLabel()
        self.label.clicked.connect(self._label_clicked)
        self.info = InfoButton() if info else None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        if self.info is not None:
            layout.addWidget(self.info, 0, Qt.AlignmentFlag.AlignTop)
        self.setMinimumHeight(TOUCH - 4)
        self.box.toggled.connect(self.toggled)

    def _label_clicked(self) -> None:
        if self.box.isEnabled():
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)

    def set_text(self, text: str, explanation: str | None = None, term: str | None = None) -> None:
        self.label.setText(text)
        self.box.setAccessibleName(text)
        if self.info is not None:
            self.info.setVisible(bool(explanation))
            self.info.set_explanation(term or text, explanation or "")

    def isChecked(self) -> bool:  # noqa: N802 (Qt spelling, like QCheckBox)
        return self.box.isChecked()

    def setChecked(self, on: bool) -> None:  # noqa: N802
        self.box.setChecked(on)

    def setEnabled(self, on: bool) -> None:  # noqa: N802
        self.box.setEnabled(on)
        self.label.setEnabled(on)

class ChoiceGroup(QObject):
    """Checkable buttons of which one is chosen, like radio buttons, but each reachable with Tab.

    Not a QButtonGroup on purpose: Qt takes Tab focus away from every unchecked button in a
    button group (expecting arrow keys, which a first-time user does not know).  The signals
    mirror QButtonGroup's.
    """

    buttonClicked = Signal(object)  # noqa: N815 (QButtonGroup's names)
    idClicked = Signal(int)  # noqa: N815

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buttons: list[tuple[QAbstractButton, int]] = []

    def addButton(self, button: QAbstractButton, button_id: int = -1) -> None:  # noqa: N802
        self._buttons.append((button, button_id))
        button.clicked.connect(lambda _checked=False, b=button, i=button_id: self._clicked(b, i))

    def _clicked(self, button: QAbstractButton, button_id: int) -> None:
        self.choose(button)
        self.buttonClicked.emit(button)
        self.idClicked.emit(button_id)

    def buttons(self) -> list[QAbstractButton]:
        return [b for b, _i in self._buttons]

    def checkedButton(self) -> QAbstractButton | None:  # noqa: N802
        return next((b for b, _i in self._buttons if b.isChecked()), None)

    def checkedId(self) -> int:  # noqa: N802
        return next((i for b, i in self._buttons if b.isChecked()), -1)

    def choose(self, chosen: QAbstractButton | None) -> None:
        for button, _i in self._buttons:
            button.setChecked(button is chosen)

def choice_buttons(parent_layout: QGridLayout | QHBoxLayout, count: int,
                   columns: int) -> tuple[ChoiceGroup, list[BigButton]]:
    """``count`` checkable big buttons laid out in ``columns``, one of which is chosen at a time."""
    group = ChoiceGroup(parent_layout)
    buttons = []
    for i in range(count):
        button = BigButton("choice")
        button.setCheckable(True)
        group.addButton(button, i)
        if isinstance(parent_layout, QGridLayout):
            parent_layout.addWidget(button, i // columns, i % columns)
        else:
            parent_layout.addWidget(button)
        buttons.append(button)
    return group, buttons

class StepBar(Reflows, QWidget):
    """The family's path as big numbered buttons; the current step is checked.  ``step(name)``.

    One row when it fits; at large text sizes the buttons wrap onto more rows instead of being
    cut off (the bar's own minimum width is small so the window never has to grow for it)."""

    step = Signal(str)

    def __init__(self, steps: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepBar")
        self.steps = list(steps)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.group, button_list = choice_buttons(self.grid, len(self.steps), len(self.steps))
        self.buttons: dict[str, QAbstractButton] = dict(zip(self.steps, button_list, strict=True))
        for name, button in self.buttons.items():
            button.setProperty("role", "step")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            button.clicked.connect(lambda _checked=False, n=name: self.step.emit(n))
        self.setMinimumWidth(120)
        self._columns = len(self.steps)

    def _reflow(self) -> None:
        buttons = list(self.buttons.values())
        width = self.width()
        columns = len(buttons)
        while columns > 1:
            rows = [buttons[i:i + columns] for i in range(0, len(buttons), columns)]
            needed = max(sum(b.sizeHint().width() for b in row) + self.grid.spacing() * (len(row) - 1)
                         for row in rows)
            if needed <= width:
                break
            columns = (columns + 1) // 2 if columns > 2 else columns - 1
        if columns == self._columns:
            return
        self._columns = columns
        for button in buttons:
            self.grid.removeWidget(button)
        for i, button in enumerate(buttons):
            self.grid.addWidget(button, i // columns, i % columns)

    def set_texts(self, labels: Sequence[str]) -> None:
        from navigator.i18n import format_number

        for number, (name, label) in enumerate(zip(self.steps, labels, strict=True), start=1):
            # TRANSLATORS: a step in the step bar, e.g. "2. Your child".
            text = _("{number}. {step}").format(number=format_number(number), step=label)
            self.buttons[name].setText(text)
            self.buttons[name].setAccessibleName(text)
        self._reflow()

    def set_current(self, name: str | None) -> None:
        self.group.choose(self.buttons.get(name))
