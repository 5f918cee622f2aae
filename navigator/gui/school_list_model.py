"""The results list's model: the search's answer as rows, in the family's order, each row's words.

The model keeps the ``Result`` objects; each row's words (:class:`RowTexts`) are made (and cached)
only when the row is drawn.  The zoned school(s) come first under their own heading, then the
others in the chosen order (distance, walking time, name, quickest trip, or one school result the
family asked for, unreported last); never by sector.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from navigator import indicators
from navigator.gui import facts
from navigator.gui.trip_view import row_trip
from navigator.i18n import _, translator
from navigator.pack_texts import home_place
from navigator.search.order import result_key
from navigator.search.query import approximate_place, indicator_of
from navigator.search.results import Result, SearchResult

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2


@dataclass
class RowTexts:
    """The words of one school row (all of them: the delegate draws only these)."""

    name: str
    distance: str
    facts: str
    zoned: str  # "" when not zoned
    criteria: list[tuple[str, str]] = field(default_factory=list)  # (verdict, words)
    result: str = ""  # the sorted-by school result, status and change together ("" otherwise)
    trip: tuple[str, str] | None = None  # (verdict or "", words) beside the distance, when asked
    # How a place is given at a referral school, or when a school not open yet opens ("" else).
    place: str = ""

    def fields(self) -> list[tuple[str, str]]:
        """(field, text) in drawing order: the same fields for every school."""
        shown = [("result", self.result)] if self.result else []
        place = [("place", self.place)] if self.place else []
        return [("name", self.name), ("zoned", self.zoned), ("distance", self.distance),
                ("facts", self.facts)] + place + shown + \
            [(f"criterion:{v}", t) for v, t in self.criteria]


@dataclass
class _Entry:
    kind: str  # school | header
    result: Result | None = None
    header: str = ""  # zoned | others | online | referral (navigator.search.groups)


class SchoolListModel(QAbstractListModel):
    """Schools in the chosen order, the zoned school(s) first under their own heading."""

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.order = "distance"
        self.result: SearchResult | None = None
        self._entries: list[_Entry] = []
        self._rows: dict[str, int] = {}
        self._texts: dict[str, RowTexts] = {}
        self._charter_kinds: dict[str, str | None] | None = None
        self._lines: dict[str, str] = {}
        self.hovered = ""
        self._criterion_words: dict[tuple[str, str], str] = {}
        self._context: facts.CriteriaContext | None = None
        self._folded: dict[str, str] = {}  # school id -> name folded for sorting
        self.generation = 0  # bumped whenever rows' words may change (the delegate's cache key)

    # -- content ------------------------------------------------------------------------------------

    def set_result(self, result: SearchResult | None) -> None:
        self.beginResetModel()
        self.generation += 1
        self.result = result
        self._texts.clear()
        self._criterion_words.clear()
        self._context = None
        self._build()
        self.endResetModel()

    def set_order(self, order: str) -> None:
        if order != self.order:
            self.beginResetModel()
            self.generation += 1
            self.order = order
            self._build()
            self.endResetModel()

    def retranslate(self) -> None:
        """New words for every row (the layout changes with them)."""
        self.layoutAboutToBeChanged.emit()
        self.generation += 1
        self._texts.clear()
        self._criterion_words.clear()
        self._context = None
        self.layoutChanged.emit()

    def refresh_shortlist(self) -> None:
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def set_hovered(self, school_id: str) -> None:
        old, self.hovered = self.hovered, school_id
        for sid in (old, school_id):
            row = self._rows.get(sid, -1)
            if row >= 0:
                self.dataChanged.emit(self.index(row), self.index(row))

    def _build(self) -> None:
        results = self.result.results if self.result else []
        zoned = [r for r in results if r.zoned]
        others = [r for r in results if not r.zoned]
        others.sort(key=result_key(self.order, self._folded))  # navigator.search.order
        entries = []
        if zoned:
            entries.append(_Entry("header", header="zoned"))
            entries += [_Entry("school", r) for r in zoned]
            if others:
                entries.append(_Entry("header", header="others"))
        group = "open"
        for r in others:  # sorted by group first: online, then referral schools under a heading
            if r.group != group and facts.group_heading(r.group):
                entries.append(_Entry("header", header=r.group))
            group = r.group
            entries.append(_Entry("school", r))
        self._entries = entries
        self._rows = {e.result.id: i for i, e in enumerate(entries) if e.result is not None}

    # -- reading -----------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._entries)

    def school_count(self) -> int:
        return len(self._rows)

    def row_of(self, school_id: str) -> int:
        return self._rows.get(school_id, -1)

    def entry(self, row: int) -> _Entry:
        return self._entries[row]

    def id_at(self, row: int) -> str:
        entry = self._entries[row] if 0 <= row < len(self._entries) else None
        return entry.result.id if entry and entry.result else ""

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or self._entries[index.row()].kind == "header":
            return Qt.ItemFlag.NoItemFlags  # headings are skipped by the keyboard
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def header_texts(self, which: str) -> tuple[str, str]:
        if which == "zoned":
            n = sum(1 for e in self._entries if e.result is not None and e.result.zoned)
            home = self.state.home
            place = None if approximate_place(home) is None else \
                home_place(self.state.pack, home, translator.language)
            return facts.zoned_heading(n), facts.zoned_explanation(n, place)
        return facts.group_heading(which) or _("Other schools"), ""

    def texts(self, row: int) -> RowTexts:
        result = self._entries[row].result
        cached = self._texts.get(result.id)
        if cached is None:
            cached = self._texts[result.id] = self._make_texts(result)
        return cached

    def _make_texts(self, r: Result) -> RowTexts:
        pack = self.state.pack
        kind = self.charter_kinds().get(r.id)
        if self._context is None:
            self._context = self.criteria_context()
        ctx = self._context
        return RowTexts(
            name=r.name,
            distance=facts.distance_text(r, pack.region.distance_unit, self.state.home is not None),
            facts=_("{grades} · {school_type}").format(
                grades=facts.grades_text(r.grade_low, r.grade_high),
                school_type=facts.sector_text(r.sector, kind)),
            zoned=_("Zoned school") if r.zoned else "",
            criteria=self._criteria(r, ctx),
            result=self._result_text(r),
            trip=row_trip(r, self.state.filters),
            place=facts.place_text(r),
        )

    def _result_text(self, r: Result) -> str:
        """The sorted-by result: which one, then status and change together."""
        code = indicator_of(self.order)
        if code is None:
            return ""
        item = r.indicator or {"indicator": code, "group": self.state.filters.indicator_group}
        return _("{result}: {values}").format(result=indicators.headline(item),
                                              values=indicators.together(item))

    def _criteria(self, r: Result, ctx: facts.CriteriaContext) -> list[tuple[str, str]]:
        """The words for each criterion, made once per answer: every school shares them."""
        out = []
        for verdict, names in (("matched", r.matched), ("unmet", r.unmet), ("unknown", r.unknown)):
            for name in names:
                if name == "trip":
                    continue  # said beside the distance, in the trip's own words
                words = self._criterion_words.get((name, verdict))
                if words is None:
                    words = self._criterion_words[(name, verdict)] = facts.criterion_text(
                        name, verdict, ctx)
                out.append((verdict, words))
        return out

    def criteria_context(self) -> facts.CriteriaContext:
        f = self.state.filters
        if f.line and f.line not in self._lines:
            self._lines[f.line] = self.state.pack.line_name(f.line) or f.line
        return facts.CriteriaContext(
            pack=self.state.pack, grade=self.state.grade, within_km=f.within_km, walk_min=f.walk_min,
            open_on=f.open_on, unit=self.state.pack.region.distance_unit, lines=self._lines)

    def charter_kinds(self) -> dict[str, str | None]:
        if self._charter_kinds is None:
            self._charter_kinds = self.state.pack.charter_kinds()
        return self._charter_kinds

    def spoken_parts(self, row: int) -> list[str]:
        """The row's words as a screen reader or "Read aloud" says them: the card's lines, each
        criterion after its answer in words (the card's marks are not words)."""
        t = self.texts(row)
        on_list = _("On my list") if self.state.in_shortlist(self.id_at(row)) else ""
        marks = {"matched": _("Yes:"), "unmet": _("No:"), "unknown": _("Unknown:")}
        parts = [t.name, t.zoned, t.distance, t.trip[1] if t.trip else "", t.facts, t.place,
                 t.result] + \
            [f"{marks[v]} {w}" for v, w in t.criteria]
        return [p for p in [*parts, on_list] if p]

    def accessible_text(self, row: int) -> str:
        return ". ".join(self.spoken_parts(row))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == KindRole:
            return entry.kind
        if entry.kind == "header":
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return " ".join(t for t in self.header_texts(entry.header) if t)
            return None
        if role == IdRole:
            return entry.result.id
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.result.name  # also what typing a name's first letters searches
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.accessible_text(index.row())
        return None

