"""The family's session in the app: one object the pages read and change, nothing global.

Searches run through the operations layer (:mod:`navigator.gui.operations`, which the state
owns for every screen) on its worker thread; only the newest answer is delivered, so typing
fast never shows stale results.  ``start_over`` forgets everything about the family, answers
still on their way included: nothing of it is ever written to disk here.

A household (``navigator.household``) of up to six children: the pages read and change the
*current* child through ``grade``, ``filters`` and ``shortlist``, as they did for one child;
switching child stores those into the household's record of that child and loads the other's.
The home is the household's, so a brother or sister starts from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from navigator.catalogue.pack import Pack
from navigator.gui.operations import Failure, Operations, tasks
from navigator.household.model import Child, Household, needs
from navigator.i18n import translator
from navigator.indicators import known_codes
from navigator.search.query import Home, Query
from navigator.search.results import SearchResult
from navigator.shortlist import FamilyList, ListedSchool
from navigator.text import clean_text

MAX_COMPARE = 4
FILTER_FIELDS = [f.name for f in fields(Query) if f.name not in ("home", "grade", "limit", "include")]


class FamilyState(QObject):
    home_changed = Signal()
    query_changed = Signal()
    results_ready = Signal(object)  # SearchResult
    search_failed = Signal(str)
    shortlist_changed = Signal()
    language_changed = Signal(str)
    selection_changed = Signal(str)  # school id, "" for none
    reset_done = Signal()
    household_changed = Signal()  # a child added, removed, renamed or switched to

    def __init__(self, pack: Pack, parent: QObject | None = None):
        super().__init__(parent)
        self.pack = pack
        self.operations = Operations(pack.path, self)
        self.second_language: str | None = None
        # The date deadlines and "still accepting applications" are judged against; tests and
        # demonstrations fix it.
        self.today: Callable[[], date] = date.today
        # What the signature check found (signing.PackTrust, None: not checked) and the pack
        # installed before this one (for "What changed" on a saved session), set by the app.
        self.pack_trust = None
        self.previous_pack: Path | None = None
        self._clear()
        # Opening: the pack's fingerprint (a saved session records it) and the search index,
        # read on the worker before the family's first question needs them.
        self.operations.run(tasks.open_pack(), done=self._opened)

    def _opened(self, sha256: str) -> None:
        self.pack.sha256 = sha256  # the same file: its fingerprint, read once

    # --- what the family has told us --------------------------------------------------------

    def _clear(self) -> None:
        self.home: Home | None = None
        self.household = Household(region=self.pack.region.id)
        self.current_child = 1
        self._clear_child()
        # School results: the student group shown beside "All students", and the indicators the
        # family opened (the printed list includes those).
        self.indicator_group: str = "ALL"
        self.indicators_seen: set[str] = set()

    def _clear_child(self) -> None:
        """The current child's fields, empty (a new brother or sister keeps the home)."""
        self.grade: int | None = None
        self.filters = Query()
        self.shortlist: list[ListedSchool] = []
        self.results: SearchResult | None = None
        self.selected: str = ""

    @property
    def language(self) -> str:
        return translator.language

    def set_language(self, code: str) -> None:
        translator.set_language(code)
        self.language_changed.emit(translator.language)

    def set_home(self, home: Home | None) -> None:
        self.home = home
        self.home_changed.emit()
        self.search()

    def set_grade(self, grade: int | None) -> None:
        self.grade = grade
        self.household.child(self.current_child).grade = grade
        self.household_changed.emit()
        self.query_changed.emit()
        self.search()

    def update_filters(self, **changes) -> None:
        unknown = set(changes) - set(FILTER_FIELDS)
        if unknown:
            raise TypeError(f"not a filter: {sorted(unknown)}")
        self.filters = replace(self.filters, **changes)
        self.query_changed.emit()
        self.search()

    def query(self) -> Query:
        query = replace(self.filters, home=self.home, grade=self.grade,
                        include=frozenset(s.id for s in self.shortlist))
        if query.on_date is None and query.wants_trips():  # trips on the next school day from ``today``
            from navigator.transit.planner import next_school_day

            query = replace(query, on_date=next_school_day(self.today()))
        return query

    def select(self, school_id: str) -> None:
        if school_id != self.selected:
            self.selected = school_id
            self.selection_changed.emit(school_id)

    # --- searching ------------------------------------------------------------------------------

    def search(self) -> None:
        query = self.query()
        self.operations.run(tasks.search(query), done=self._on_finished, failed=self._on_failed,
                            key="search")
        self.operations.run(tasks.after_search(query), key="after search")

    def _on_finished(self, result: SearchResult) -> None:
        self.results = result
        self.results_ready.emit(result)

    def _on_failed(self, failure: Failure) -> None:
        self.search_failed.emit(failure.detail)

    # --- the shortlist --------------------------------------------------------------------------

    def in_shortlist(self, school_id: str) -> bool:
        return any(s.id == school_id for s in self.shortlist)

    def add_to_shortlist(self, school_id: str) -> None:
        if not self.in_shortlist(school_id):
            self.shortlist.append(ListedSchool(school_id))
            self.shortlist_changed.emit()

    def remove_from_shortlist(self, school_id: str) -> None:
        self.shortlist = [s for s in self.shortlist if s.id != school_id]
        self.shortlist_changed.emit()

    def move_in_shortlist(self, school_id: str, new_index: int) -> None:
        entry = next((s for s in self.shortlist if s.id == school_id), None)
        if entry is None:
            return
        self.shortlist.remove(entry)
        self.shortlist.insert(max(0, min(new_index, len(self.shortlist))), entry)
        self.shortlist_changed.emit()

    def set_note(self, school_id: str, note: str) -> None:
        for entry in self.shortlist:
            if entry.id == school_id:
                entry.note = note
        self.shortlist_changed.emit()

    # --- sessions -------------------------------------------------------------------------------

    def home_record(self) -> dict | None:
        """The home as the list file and the core's list checks take it."""
        return None if self.home is None else {f.name: getattr(self.home, f.name) for f in fields(Home)}

    def filters_record(self) -> dict:
        """The current child's needs as the list file keeps them (only what differs from none)."""
        filters = {name: getattr(self.filters, name) for name in FILTER_FIELDS
                   if getattr(self.filters, name) != getattr(Query(), name)}
        return {k: (list(v) if isinstance(v, tuple) else v.strftime("%H:%M") if isinstance(v, time) else
                    v.isoformat() if hasattr(v, "isoformat") else v) for k, v in filters.items()}

    def to_family_list(self) -> FamilyList:
        """The current child's list (what the one-child exports, the QR code and checks read)."""
        # The family's notes as typed, less any invisible character a paste brought along.
        return FamilyList(region=self.pack.region.id, schools=[ListedSchool(s.id, clean_text(s.note))
                                                               for s in self.shortlist],
                          language=self.language, second_language=self.second_language,
                          home=self.home_record(), grade=self.grade,
                          filters=self.filters_record(),
                          indicators=known_codes(self.indicators_seen),
                          indicator_group=self.indicator_group, pack=self.pack.stamp())

    # --- the household ----------------------------------------------------------------------

    def store_child(self) -> None:
        """Write the current child's grade, needs and list into the household (and the home)."""
        child = self.household.child(self.current_child)
        child.grade = self.grade
        child.filters = self.filters_record()
        child.schools = [ListedSchool(s.id, clean_text(s.note)) for s in self.shortlist]
        household = self.household
        household.region = self.pack.region.id
        household.home = self.home_record()
        household.language = self.language
        household.second_language = self.second_language
        household.indicators = known_codes(self.indicators_seen)
        household.indicator_group = self.indicator_group

    def to_household(self) -> Household:
        """The whole household as the list file and the household exports take it."""
        from copy import deepcopy

        self.store_child()
        household = deepcopy(self.household)
        household.pack = self.pack.stamp()
        return household

    def _load_child(self, number: int) -> None:
        child = self.household.child(number)
        self.current_child = number
        self._clear_child()
        self.grade = child.grade
        self.filters = filters_query(child.filters)
        known = self.pack.known_ids(child.ids())
        self.shortlist = [ListedSchool(s.id, s.note) for s in child.schools if s.id in known]

    def _child_switched(self) -> None:
        # The other child's answer, if still on its way, is not this one's: the search below
        # makes it stale.
        self.query_changed.emit()
        self.shortlist_changed.emit()
        self.selection_changed.emit("")
        self.household_changed.emit()
        self.search()

    def switch_child(self, number: int) -> None:
        """Show child ``number``: their grade, needs and list (the home stays)."""
        if number == self.current_child:
            return
        self.household.child(number)  # a UserError before anything changes
        self.store_child()
        self._load_child(number)
        self._child_switched()

    def add_child(self, label: str | None = None) -> int:
        """A brother or sister: the same home, their own grade, needs and list (empty for now).

        Raises UserError (seven children, a name already used) with nothing changed."""
        self.store_child()
        child = self.household.add_child(label)
        self._load_child(child.number)
        self._child_switched()
        return child.number

    def remove_child(self, number: int) -> None:
        """Forget one child; another becomes current when it was this one."""
        if len(self.household.children) < 2:
            return
        self.store_child()
        if number == self.current_child:
            others = [n for n in self.household.numbers() if n != number]
            self.household.remove_child(number)
            self._load_child(others[0])
            self._child_switched()
            return
        self.household.remove_child(number)
        self.household_changed.emit()

    def add_to_child_list(self, number: int, school_id: str) -> None:
        """Put a school on any child's list (the current one's, or a brother's or sister's)."""
        if number == self.current_child:
            self.add_to_shortlist(school_id)
            return
        child = self.household.child(number)
        if school_id not in child.ids():
            child.schools.append(ListedSchool(school_id))
            self.household_changed.emit()

    def rename_child(self, number: int, label: str | None) -> None:
        """The family's name for a child; a UserError (the same name twice) changes nothing."""
        self.household.rename(number, label)
        self.household_changed.emit()

    def set_attending(self, label: str, school_id: str, attends: bool) -> None:
        """An older brother or sister already attends ``school_id`` (or no longer does)."""
        if attends:
            if not any(a.label == label and a.school_id == school_id
                       for a in self.household.attending):
                self.household.add_attending(label, school_id)
        else:
            self.household.remove_attending(label, school_id)
        self.household_changed.emit()

    def load_household(self, household: Household) -> None:
        """Restore a counsellor's saved household (the caller has checked the region)."""
        self._clear()
        self.household = household
        self.second_language = household.second_language
        self.home = Home(**household.home) if household.home else None
        self.indicators_seen = set(household.indicators)
        self.indicator_group = household.indicator_group or "ALL"
        self._load_child(household.children[0].number)
        self.set_language(household.language)
        self.home_changed.emit()
        self._child_switched()

    def load_family_list(self, family: FamilyList) -> None:
        """Restore a counsellor's saved session (the caller has checked the region)."""
        self._clear()
        self.second_language = family.second_language
        self.home = Home(**family.home) if family.home else None
        self.grade = family.grade
        self.household.child(self.current_child).grade = family.grade
        self.filters = filters_query(family.filters)
        known = self.pack.known_ids(family.ids())
        self.shortlist = [ListedSchool(s.id, s.note) for s in family.schools if s.id in known]
        self.indicators_seen = set(family.indicators)
        self.indicator_group = family.indicator_group or "ALL"
        self.set_language(family.language)
        self.home_changed.emit()
        self.query_changed.emit()
        self.shortlist_changed.emit()
        self.search()

    def start_over(self) -> None:
        """Forget the family: every child (grade, filters, list, notes), the home, selection."""
        self._clear()
        self.second_language = None
        self.operations.drop_all()  # every answer still on its way is about this family
        self.operations.sweep()  # and what the family left in memory is freed
        self.home_changed.emit()
        self.query_changed.emit()
        self.shortlist_changed.emit()
        self.selection_changed.emit("")
        self.household_changed.emit()
        self.reset_done.emit()


def filters_query(filters: dict) -> Query:
    """A child's needs as the list file keeps them, as the search's filters (the household's
    own reading: unknown names left out, a need saved by a newer Navigator)."""
    return replace(Query(), **needs(Child(1, filters=filters)))
