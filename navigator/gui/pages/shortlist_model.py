"""My list's rows and what is worked out for them: the model the page and its painter share.

* :class:`ShortlistModel` is the family's list as rows (rank, name, grades and type, distance, the
  next date, the checks to read) with a tick box to compare; order is changed only through
  ``moveRows`` (drag and drop, Move up / Move down), so the family's state holds the one order.
* :func:`list_checks` is My list's pipeline, zoned schools → application plan → next steps →
  checks (one child's, then across the children, with the trip between schools), the same core
  functions the printed list uses, so the screen and the paper never disagree.  It runs on the
  operations layer's worker; the page shows its answer (:func:`navigator.list_review.review_list`
  is the pipeline itself, shared with the printout, the phone's codes and the household).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, Qt, Signal

from navigator.deadlines import format_when
from navigator.gui import facts
from navigator.gui.state import MAX_COMPARE
from navigator.gui.trip_view import list_trip_text
from navigator.gui.widgets import escape
from navigator.household.check import check_household
from navigator.household.model import Household
from navigator.i18n import _, format_number, ngettext
from navigator.list_check import ListWarning
from navigator.list_review import review_list
from navigator.next_steps import NextStep, step_words
from navigator.transit.between import between_schools

MIME = "application/x-navigator-school-ids"
SCHOOL_WARNINGS = ("deadline_passed", "grade_not_offered", "grade_unknown")
RICH_ROLE = Qt.ItemDataRole.UserRole + 1  # a row as rich text, for the painter


@dataclass(frozen=True)
class ListChecks:
    """What My list shows besides its rows: the checks, the plan, the findings across children."""

    warnings: list[ListWarning] = field(default_factory=list)
    steps: list[NextStep] = field(default_factory=list)  # the plan, most urgent first
    household: list = field(default_factory=list)  # the findings across the children


def list_checks(pack, engine, ids: list[str], today: date, *, grade: int | None,
                zoned: set[str] | None, home: dict | None, lang: str,
                household: Household) -> ListChecks:
    """My list's pipeline for one child's ``ids`` (and, with two or more children, across them);
    ``zoned`` is the last search's zoned schools, None to find them from the home and grade."""
    review = review_list(pack, ids, today, lang, grade=grade, home=home, zoned=zoned)
    # Across the children: the same application, both lists short, sibling priority where
    # the district records it (what one child's checks cannot say).
    across = [w for w in check_household(pack, household, today,
                                         trip_minutes=between_schools(engine, today))
              if w.base is None] if len(household.children) > 1 else []
    return ListChecks(review.warnings, review.steps if ids else [], across)


def step_line(step: NextStep | None, lang: str, separator: str = " · ") -> str:
    """``⚠ Closes tomorrow · Dec 4, 2026 at 5:00 PM``: a school's next date with the plan's mark
    (the plan's narrow column puts the date on a line of its own: ``separator`` "\\n")."""
    if step is None:
        return _("No date in this data")
    words = step_words(step, lang)
    deadline = step.deadline or step.opens
    when = format_when(date.fromisoformat(deadline.date), deadline.time, lang, "medium") \
        if deadline else ""
    return separator.join(x for x in (f"{words.mark} {words.headline}", when) if x)


class ShortlistModel(QAbstractListModel):
    """The shortlist as rows: rank, name, grades and type, distance; a check box to compare."""

    compare_changed = Signal()

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.compare: list[str] = []  # ids ticked for comparing, at most MAX_COMPARE
        self.warnings: list[ListWarning] = []
        self.steps: list[NextStep] = []  # the plan, most urgent first
        self._basics: dict[str, tuple] = {}
        self._moving = False
        state.shortlist_changed.connect(self._shortlist_changed)

    def ids(self) -> list[str]:
        return [s.id for s in self.state.shortlist]

    def _shortlist_changed(self) -> None:
        if self._moving:
            return
        self.beginResetModel()
        self.compare = [i for i in self.compare if self.state.in_shortlist(i)]
        self.endResetModel()
        self.compare_changed.emit()

    def basics(self, school_id: str) -> tuple:
        """(name, sector, charter kind, lowest grade, highest grade), read once per school."""
        if school_id not in self._basics:
            found = self.state.pack.school_basics(school_id)
            self._basics[school_id] = (school_id, None, None, None, None) if found is None else \
                (found.name, found.sector, found.charter_kind, found.grade_low, found.grade_high)
        return self._basics[school_id]

    def step_for(self, school_id: str) -> NextStep | None:
        """The school's most urgent step of the plan (the plan is in that order)."""
        return next((s for s in self.steps if s.covers(school_id)), None)

    def row_parts(self, row: int) -> list[tuple[str, str]]:
        """A row's lines as (kind, text): name, facts, date (urgent or not), process, check."""
        school_id = self.ids()[row]
        name, sector, kind, low, high = self.basics(school_id)
        about = [facts.grades_text(low, high), facts.sector_text(sector, kind)]
        result = facts.result_for(self.state, school_id)
        if result is not None:
            about.append(facts.distance_text(result, self.state.pack.region.distance_unit,
                                             self.state.home is not None))
        parts = [("name", facts.line_start(self.state.language)
                  + _("{rank}. {name}").format(rank=format_number(row + 1), name=name)),
                 ("facts", " · ".join(about))]
        place = facts.place_text(result) if result is not None else ""
        if place:  # when it opens, or how a place is given: as on the results list
            parts.append(("place", place))
        trip = list_trip_text(result, self.state.filters) if result is not None else ""
        if trip:
            parts.append(("trip", trip))
        step = self.step_for(school_id)
        parts.append(("urgent" if step is not None and step.urgent else "date",
                      step_line(step, self.state.language)))
        if step is not None:
            parts.append(("process", step.process.name.value))
        n = sum(1 for w in self.warnings if w.severity == "warning" and school_id in w.schools
                and w.kind in SCHOOL_WARNINGS)
        if n:
            parts.append(("check", ngettext("⚠ {n} thing to check", "⚠ {n} things to check",
                                            n).format(n=format_number(n))))
        return parts

    def row_text(self, row: int) -> str:
        return "\n".join(text for _kind, text in self.row_parts(row))

    def row_html(self, row: int) -> str:
        styles = {"name": "font-weight:bold", "urgent": "font-weight:bold", "facts": "", "place": "",
                  "trip": "", "date": "", "process": "", "check": "font-weight:bold"}
        return "<br>".join(f'<span style="{styles[kind]}">{escape(text)}</span>' if styles[kind]
                           else escape(text) for kind, text in self.row_parts(row))

    # -- Qt model -----------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.state.shortlist)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.state.shortlist):
            return None
        school_id = self.state.shortlist[index.row()].id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.row_text(index.row())
        if role == RICH_ROLE:
            return self.row_html(index.row())
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if school_id in self.compare else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return school_id
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        return self.set_compared(self.ids()[index.row()], Qt.CheckState(value) == Qt.CheckState.Checked)

    def set_compared(self, school_id: str, on: bool) -> bool:
        """Tick or untick a school for comparing; refused (False) beyond MAX_COMPARE."""
        if on and school_id not in self.compare:
            if len(self.compare) >= MAX_COMPARE:
                return False
            self.compare.append(school_id)
        elif not on and school_id in self.compare:
            self.compare.remove(school_id)
        row = self.ids().index(school_id)
        self.dataChanged.emit(self.index(row), self.index(row))
        self.compare_changed.emit()
        return True

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def moveRows(self, source_parent, source_row, count, destination_parent, destination_child) -> bool:  # noqa: N802
        """Move ``count`` rows to before ``destination_child`` (Qt's convention), in the state."""
        rows = len(self.state.shortlist)
        if (source_parent.isValid() or destination_parent.isValid() or count < 1
                or not 0 <= source_row <= rows - count or not 0 <= destination_child <= rows
                or source_row <= destination_child <= source_row + count):
            return False
        moved = self.ids()[source_row:source_row + count]
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(),
                                  destination_child):
            return False
        target = destination_child if destination_child < source_row else destination_child - count
        order = [i for i in self.ids() if i not in moved]
        order[target:target] = moved
        self._moving = True
        try:
            for position, school_id in enumerate(order):
                if self.ids()[position] != school_id:
                    self.state.move_in_shortlist(school_id, position)
        finally:
            self._moving = False
        self.endMoveRows()
        self.dataChanged.emit(self.index(0), self.index(rows - 1))  # ranks changed
        return True

    def move(self, school_id: str, steps: int) -> bool:
        """Move one school up (-1) or down (+1)."""
        row = self.ids().index(school_id)
        new = row + steps
        if not 0 <= new < len(self.state.shortlist):
            return False
        return self.moveRow(QModelIndex(), row, QModelIndex(), new + 1 if steps > 0 else new)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = [self.ids()[i.row()] for i in sorted(indexes, key=lambda i: i.row()) if i.isValid()]
        data.setData(MIME, QByteArray("\n".join(ids).encode("utf-8")))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return data.hasFormat(MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        """A drop moves the dragged schools to ``row`` (the end when -1); nothing is copied."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = [i for i in bytes(data.data(MIME)).decode("utf-8").split("\n") if i]
        if parent.isValid():  # dropped onto a row: before it
            row = parent.row()
        if row < 0:
            row = len(self.state.shortlist)
        moved = False
        for school_id in ids:
            if school_id not in self.ids():
                continue
            source = self.ids().index(school_id)
            if self.moveRow(QModelIndex(), source, QModelIndex(), row):
                moved = True
                if source >= row:
                    row += 1
        return moved

    def removeRows(self, row, count, parent=QModelIndex()) -> bool:  # noqa: N802, B008
        return False  # a finished drag must never delete: drops move, Remove removes
