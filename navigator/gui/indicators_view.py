"""One school's official results in the profile, and the question "sort by which result?".

Why it looks like this: families ask "is it a good school?", and a single grade steers them in ways
they did not intend.  So each result is a small table in which the result this year (status) and
the change from the year before always sit together, with the year, the number of students and the
source; the family's own student group can be shown beside "All students".  Nothing is coloured,
starred or added up, and nothing here depends on the school's sector.  A value the publisher
withheld for a small group says so (never 0); a school without results says "No results reported"
and why, when the pack knows.

Each result opens with its own button; the ones the family opened stay open on every profile and
are the ones the printed list includes (``state.indicators_seen``).  The words come from
:mod:`navigator.indicators`, shared with the compare view, the list and the exports.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from navigator import indicators
from navigator.gui.choices import ChoiceGroup
from navigator.gui.dialogs import FittedDialog, InfoButton
from navigator.gui.layouts import SideBySide, nest
from navigator.gui.widgets import TOUCH, BigButton, plain_label
from navigator.i18n import _, translator
from navigator.pack_texts import source_line
from navigator.profile import SchoolProfile


def _label(text: str = "", role: str = "", bold: bool = False) -> QLabel:
    label = plain_label(role)
    label.setText(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def group_box(state) -> QComboBox:
    """The student groups the pack has, "All students" first; the family's group is current."""
    box = QComboBox()
    box.setMinimumHeight(TOUCH)
    for group in indicators.pack_groups(state.pack):
        box.addItem("", group)
    fill_group_box(box, state.indicator_group)
    return box


def fill_group_box(box: QComboBox, current: str, all_text: str | None = None) -> None:
    for i in range(box.count()):
        group = box.itemData(i)
        box.setItemText(i, all_text if group == "ALL" and all_text else
                        indicators.group_name(group))
    index = box.findData(current)
    box.setCurrentIndex(index if index >= 0 else 0)


class IndicatorBlock(QFrame):
    """One indicator: its name, a plain explanation, and (when opened) the table."""

    toggled = Signal(str, bool)

    def __init__(self, code: str, pack, parent: QWidget | None = None):
        super().__init__(parent)
        self.code = code
        self.pack = pack
        self.setProperty("role", "card")
        self.setObjectName(f"indicator_{code}")
        self.name = _label(role="subheading")
        self.info = InfoButton()
        self.toggle = BigButton()  # not a checkable button: "Hide" must not look chosen
        self.opened = False
        self.toggle.clicked.connect(lambda: self.toggled.emit(self.code, not self.opened))
        self.short = _label(role="small")
        self.body = QWidget()
        QVBoxLayout(self.body).setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.info, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        nest(layout, head)
        layout.addWidget(self.short)
        layout.addWidget(self.body)

    def fill(self, profile: SchoolProfile, groups: list[str], opened: bool) -> None:
        code = self.code
        title = indicators.name(code)
        self.name.setText(title)
        self.short.setText(indicators.short(code))
        self.info.set_explanation(title, indicators.explanation(code))
        self.opened = opened
        self.toggle.setText(_("Hide the results") if opened else _("Show the results"))
        self.toggle.setAccessibleName((_("Hide the results: {indicator}") if opened else
                                       _("Show the results: {indicator}")).format(indicator=title))
        old = self.body.layout().takeAt(0)
        if old is not None and old.widget() is not None:
            old.widget().deleteLater()
        self.body.setVisible(opened)
        if opened:
            table = self._table(profile, groups)
            self.body.layout().addWidget(table)
            table.show()  # at once, not when the layout gets round to it

    def _table(self, profile: SchoolProfile, groups: list[str]) -> QWidget:
        """Rows: year, result, change, students; one column per student group."""
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 6, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        nest(outer, grid)
        rows = (_("Year"), _("Result this year"), _("Change from the year before"),
                _("Students counted"))
        for row, text in enumerate(rows, start=1):
            grid.addWidget(_label(text, bold=True), row, 0, Qt.AlignmentFlag.AlignTop)
        sources = []
        for column, group in enumerate(groups, start=1):
            grid.setColumnStretch(column, 1)
            grid.addWidget(_label(indicators.group_name(group), bold=True), 0, column)
            item = indicators.latest(profile.indicators, self.code, group)
            top = Qt.AlignmentFlag.AlignTop
            if item is None:
                grid.addWidget(_label(_("No results reported for this group")), 1, column, 4, 1, top)
                continue
            sources.append(item["source"])
            grid.addWidget(_label(str(item["year"])), 1, column, top)
            if item["suppressed"]:
                withheld = _label(indicators.withheld(lang=None))
                withheld.setObjectName("withheld")
                grid.addWidget(withheld, 2, column, 2, 1, top)
            else:
                grid.addWidget(_label(indicators.status_text(item)), 2, column, top)
                grid.addWidget(_label(indicators.change_text(item)), 3, column, top)
            grid.addWidget(_label(indicators.students_text(item["students"])), 4, column, top)
        for source_id in dict.fromkeys(sources):
            source = profile.sources.get(source_id)
            if source is not None:
                line = _label(source_line(self.pack, source, translator.language), "small")
                line.setObjectName("source")
                outer.addWidget(line)
        return box


class IndicatorsView(QWidget):
    """The profile's "School results" section for one school (rebuilt with the profile)."""

    def __init__(self, state, profile: SchoolProfile, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.profile = profile
        self.codes = indicators.pack_indicators(state.pack)
        self.intro = _label()
        self.missing = _label(bold=True)
        self.missing.setObjectName("noResults")
        self.reason = _label()
        self.reason.setObjectName("noResultsReason")
        self.group_label = plain_label()
        self.group_box = group_box(state)
        self.group_label.setBuddy(self.group_box)
        self.group_info = InfoButton()
        self.group_box.currentIndexChanged.connect(self._group_changed)
        self.group_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box_row = QWidget()
        row = QHBoxLayout(box_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.group_box)
        row.addWidget(self.group_info)
        # The question beside its drop-down when they fit, above it at large text sizes.
        self.chooser = SideBySide(self.group_label, box_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for widget in (self.intro, self.missing, self.reason, self.chooser):
            layout.addWidget(widget)
        self.blocks: dict[str, IndicatorBlock] = {}
        has_results = bool(profile.indicators)
        for code in self.codes if has_results else ():
            block = IndicatorBlock(code, state.pack)
            block.toggled.connect(self._toggled)
            self.blocks[code] = block
            layout.addWidget(block)
        self.missing.setVisible(not has_results)
        self.reason.setVisible(not has_results)
        self.chooser.setVisible(has_results and self.group_box.count() > 1)
        self.retranslate()

    def groups(self) -> list[str]:
        group = self.state.indicator_group
        return ["ALL"] if group == "ALL" else ["ALL", group]

    def retranslate(self) -> None:
        self.intro.setText(_("Official results from the state, shown the same way for every public "
                             "school. Each one has two parts that go together: the result this year "
                             "and the change from the year before. One result is not the whole "
                             "school: look at more than one, and visit."))
        self.missing.setText(indicators.not_reported())
        self.reason.setText(indicators.missing_reason(self.profile.indicators_missing_reason))
        self.group_label.setText(_("Also show the results of:"))
        self.group_box.setAccessibleName(_("Also show the results of"))
        self.group_info.set_explanation(_("Student groups"), _(indicators.GROUPS_EXPLANATION))
        self.group_box.blockSignals(True)
        fill_group_box(self.group_box, self.state.indicator_group, _("No other group"))
        self.group_box.blockSignals(False)
        for code, block in self.blocks.items():
            block.fill(self.profile, self.groups(), code in self.state.indicators_seen)

    def _group_changed(self) -> None:
        self.state.indicator_group = self.group_box.currentData() or "ALL"
        self.retranslate()

    def _toggled(self, code: str, opened: bool) -> None:
        if opened:
            self.state.indicators_seen.add(code)
        else:
            self.state.indicators_seen.discard(code)
        self.blocks[code].fill(self.profile, self.groups(), opened)

    def open_indicator(self, code: str) -> None:
        """Open one result's table, as its button does (for keyboard users and tests)."""
        block = self.blocks.get(code)
        if block is not None and not block.opened:
            block.toggle.click()


class IndicatorSortDialog(FittedDialog):
    """Asks which one result to sort by, and for which students; never opened by default."""

    def __init__(self, state, parent: QWidget | None = None, current: str | None = None):
        super().__init__(parent, preferred_width=640)
        self.state = state
        self.setModal(True)
        self.codes = indicators.pack_indicators(state.pack)
        self.heading = plain_label("heading")
        self.lead = plain_label("lead")
        layout = self.body_layout
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.lead)
        self.choices = ChoiceGroup(self)
        self.buttons: dict[str, BigButton] = {}
        self.shorts: dict[str, QLabel] = {}
        for code in self.codes:
            button = BigButton("choice")
            button.setCheckable(True)
            self.choices.addButton(button)
            self.buttons[code] = button
            self.shorts[code] = plain_label("small")
            layout.addWidget(button)
            layout.addWidget(self.shorts[code])
        self.choices.buttonClicked.connect(lambda _b: self._update())
        self.group_label = plain_label()
        self.group_box = group_box(state)
        self.group_label.setBuddy(self.group_box)
        layout.addWidget(self.group_label)
        layout.addWidget(self.group_box)
        layout.addStretch(1)
        self.cancel_button = BigButton()
        self.sort_button = BigButton("primary")
        self.cancel_button.clicked.connect(self.reject)
        self.sort_button.clicked.connect(self.accept)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.cancel_button)
        self.button_row.addWidget(self.sort_button)
        if current in self.buttons:
            self.choices.choose(self.buttons[current])
        state.language_changed.connect(self.retranslate)
        self.finished.connect(lambda _code: state.language_changed.disconnect(self.retranslate))
        self.retranslate()
        (self.buttons.get(current) or next(iter(self.buttons.values()), self.cancel_button)).setFocus()

    def retranslate(self, *_args) -> None:
        self.setWindowTitle(_("Sort by a school result"))
        self.heading.setText(_("Sort by a school result"))
        self.lead.setText(_("Choose one result. The schools are put in order by it, for the students "
                            "you choose. Schools without a reported result go at the end: they are "
                            "not counted as zero. One result is not the whole school."))
        for code, button in self.buttons.items():
            button.setText(indicators.name(code))
            self.shorts[code].setText(indicators.short(code))
        self.group_label.setText(_("For which students:"))
        self.group_box.setAccessibleName(_("For which students"))
        fill_group_box(self.group_box, self.group_box.currentData() or "ALL")
        self.cancel_button.setText(_("Cancel"))
        self.sort_button.setText(_("Sort the list"))
        self._update()

    def _update(self) -> None:
        self.sort_button.setEnabled(self.chosen() is not None)

    def choose(self, code: str) -> None:
        if code in self.buttons:
            self.choices.choose(self.buttons[code])
            self._update()

    def chosen(self) -> str | None:
        button = self.choices.checkedButton()
        return next((c for c, b in self.buttons.items() if b is button), None)

    def group(self) -> str:
        return self.group_box.currentData() or "ALL"
