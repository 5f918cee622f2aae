"""Every piece of core work the screens ask for, as tasks for :class:`Operations.run`.

Each function here takes what the task needs (values and copies, made on the GUI thread) and
returns the task: a function of the worker's :class:`~navigator.gui.operations.Core` that runs
on the worker thread and answers with plain values.  Nothing here touches a widget or the
family's state, so any of it may run while the family keeps tapping.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from navigator.gui.operations import Core
    from navigator.household.model import Household
    from navigator.search.query import Query
    from navigator.shortlist import FamilyList


# --- the pack and the search ------------------------------------------------------------------


def open_pack() -> Callable[[Core], str]:
    """The pack opened on the worker: its fingerprint (SHA-256, which a saved session records)
    and its search index read before the family's first question."""
    def task(core: Core) -> str:
        core.engine.index.warm()
        return core.pack.sha256
    return task


def search(query: Query) -> Callable[[Core], Any]:
    """The schools for the family's question (a ``SearchResult``)."""
    return lambda core: core.engine.search(query)


def after_search(query: Query) -> Callable[[Core], None]:
    """Once the answer is on its way: read what the family's first filter would need, and give
    back the router's working arrays after a trip search."""
    def task(core: Core) -> None:
        core.engine.index.warm()
        if query.wants_trips():
            from navigator.memory import release_freed

            release_freed()
    return task


# --- the household ----------------------------------------------------------------------------


def together_options(household: Household, today: date, limit: int) -> Callable[[Core], Any]:
    """Schools for every child of the household (``household.together``), with the trip between
    each two schools on the next school day where the pack has a timetable."""
    def task(core: Core):
        from navigator.household.together import together
        from navigator.transit.between import between_schools

        return together(core.pack, household, engine=core.engine, limit=limit,
                        trip_minutes=between_schools(core.engine, today))
    return task


def what_changed(session: FamilyList | Household, previous: Path | None) -> Callable[[Core], Any]:
    """A saved session (a copy) opened on this pack: what changed for its schools since the pack
    it was made with (a ``SessionUpdate``), None when there is nothing to say."""
    def task(core: Core):
        from navigator.household.session import session_update

        return session_update(session, core.pack, previous)
    return task


# --- the family's list, taken away --------------------------------------------------------------


def render_export(family: FamilyList | Household, fmt: str, lang: str, today: date,
                  second: str | None) -> Callable[[Core], bytes]:
    """The list as a file's bytes: one child's list, or every child's (one print, one calendar),
    with the worker's search engine for the trips (its index and timetable already read)."""
    def task(core: Core) -> bytes:
        from navigator.household.model import Household

        if isinstance(family, Household):
            from navigator.exports.household import render_household

            return render_household(core.pack, family, fmt, lang, today, second, core.engine)
        from navigator.exports import render

        return render(core.pack, family, fmt, lang, today, second, engine=core.engine)
    return task


def write_file(path: Path, data: bytes) -> Callable[[Core], Path]:
    """``data`` written to ``path`` whole or not at all (a temporary file, then renamed)."""
    def task(_core: Core) -> Path:
        from navigator.files import write_atomic

        write_atomic(path, data)
        return path
    return task


def print_pdf(printer, data: bytes) -> Callable[[Core], int]:
    """A PDF onto a printer set up by the print dialog (QPainter may draw on a QPrinter off the
    GUI thread); with "print to file" the PDF itself is written.  The number of pages printed."""
    def task(_core: Core) -> int:
        from navigator.gui.printing import print_or_save

        return print_or_save(printer, data)
    return task


# --- the counsellor's map of where families can reach ---------------------------------------------


def reach_map(question) -> Callable[[Core], Any]:
    """Every cell's count of schools in reach for a ``ReachQuestion`` (a ``ReachMap``): built from
    the pack alone, on this worker (one process: no forking a process that runs Qt)."""
    def task(core: Core):
        from navigator.reach.count import reach_map as count

        return count(core.pack, question, workers=1, engine=core.engine)
    return task


def reach_cell(reach, cell: int) -> Callable[[Core], Any]:
    """The schools one cell of a reach map reaches, as (id, name, sector) in the map's order."""
    def task(core: Core):
        from navigator.reach.count import schools_at

        index = core.engine.index
        return [(school, index.names[index.position[school]], index.sector_name(index.position[school]))
                for school in schools_at(core.engine, reach, cell)]
    return task
