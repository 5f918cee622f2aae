"""Sibling priority: what a process's recorded admission priorities mean for this household.

Only what the pack records is said, never a guess:

* ``sibling`` (a brother or sister attends the school) and the family said an older child
  attends: "Marco already attends Puente: Luis gets priority there ...".
* ``sibling_applying`` (one admitted through the same application) and two or more children
  apply there through that process: "If Luis gets a place at Namu, Ana gets priority there, and
  the other way round".  Where a child whose grade the school teaches has not listed it, the
  profile and the checker say they could (``siblings_could_apply``).
* Where two children apply to the same school, or an older child attends it, and the process
  does not give sibling priority, the app says what the district records: its priorities
  without brothers and sisters (``siblings_not_listed``), only ``sibling`` and not whether a
  brother or sister admitted at the same time counts (``sibling_applying_unknown``), or no
  priorities at all (``siblings_unknown``: "the district does not say").  For one child, or
  a school no two of them consider, a process without recorded priorities gets no word at
  all: there is nothing useful to say.

Which process a child applies through at a school is :func:`navigator.deadlines.application_plan`
(the zoned school needs no application, so no priority); the child's zoned schools come from
the household's home and the child's grade.
"""

from __future__ import annotations

from navigator.catalogue.pack import Pack
from navigator.deadlines import application_plan
from navigator.grades import TK, K
from navigator.household.model import Household
from navigator.household.notes import HouseholdWarning
from navigator.list_check import zoned_ids
from navigator.pack_texts import texts_in_every_language
from navigator.profile import ApplicationProcess

SIBLING, SIBLING_APPLYING = "sibling", "sibling_applying"


class SiblingContext:
    """The pack facts sibling statements need for one household, read once and kept."""

    def __init__(self, pack: Pack, household: Household):
        self.pack, self.household = pack, household
        self.zoned = {c.number: zoned_ids(pack, household.home, c.grade)
                      for c in household.children}
        self._routes: dict[tuple[int, str], list[ApplicationProcess]] = {}
        self._schools: dict[str, tuple | None] = {}  # id -> (name, grade_low, grade_high)

    def _school(self, school_id: str) -> tuple | None:
        if school_id not in self._schools:
            self._schools[school_id] = self.pack.conn.execute(
                "SELECT name, grade_low, grade_high FROM schools WHERE id = ?",
                (school_id,)).fetchone()
        return self._schools[school_id]

    def processes(self, number: int, school_ids: list[str]) -> dict[str, list[ApplicationProcess]]:
        """Per school, the processes child ``number`` applies through there (none when zoned)."""
        missing = [s for s in dict.fromkeys(school_ids)
                   if (number, s) not in self._routes and self._school(s) is not None]
        if missing:
            plan = application_plan(self.pack, missing, "en", self.zoned[number])
            for school_id in missing:
                self._routes[(number, school_id)] = [r.process for r in
                                                     plan.applications(school_id)]
        return {s: self._routes.get((number, s), []) for s in school_ids}

    def name(self, school_id: str) -> str:
        row = self._school(school_id)
        return row[0] if row else school_id

    def teaches(self, number: int, school_id: str) -> bool:
        """True only when the pack knows the school teaches the child's grade (never a guess)."""
        grade = self.household.child(number).grade
        _name, low, high = self._school(school_id) or (None, None, None)
        if grade is None or low is None or high is None:
            return False
        return low <= grade <= high or (grade == TK and low == K)

    def process_params(self, process: ApplicationProcess) -> dict:
        pack = self.pack
        note = process.priorities_note
        return {
            "process_name": texts_in_every_language(pack, "process", process.id, "name", process.name.value),
            "priorities_note": texts_in_every_language(pack, "process", process.id, "priorities_note",
                                      note.value if note else None) if note else {},
            "priorities": [{"code": code, "label": _code_texts(pack, code)}
                           for code in process.priorities],
        }


def _code_texts(pack: Pack, code: str) -> dict:
    row = pack.conn.execute("SELECT label FROM codes WHERE category = 'priority' AND code = ?",
                            (code,)).fetchone()
    return texts_in_every_language(pack, "code", f"priority:{code}", "label", row[0] if row else code)


def sibling_notes(ctx: SiblingContext, applying: dict[int, list[str]],
                  schools: list[str] | None = None, *, could_apply: bool = True
                  ) -> list[HouseholdWarning]:
    """What the recorded priorities say about brothers and sisters at ``schools``.

    ``applying``: child number -> the schools they apply to (their ranked list, or one school
    each in a together option).  ``schools``: the schools to speak of (default: every school in
    ``applying``, in child and rank order).  ``could_apply``: also speak of children who have
    not listed a school that teaches their grade (the profile and the checker do; a together
    option, which already says who goes where, does not)."""
    household = ctx.household
    numbers = household.numbers()
    if schools is None:
        schools = list(dict.fromkeys(s for n in numbers for s in applying.get(n, [])))
    found: list[HouseholdWarning] = []
    for school_id in schools:
        listing = [n for n in numbers if school_id in applying.get(n, [])]
        could = [n for n in numbers if could_apply and n not in listing
                 and ctx.teaches(n, school_id)]
        attending = [a for a in household.attending if a.school_id == school_id]
        if len(listing) + len(could) < 2 and not attending:
            continue  # every statement needs two children, or one and an older one there
        by_process: dict[str, tuple[ApplicationProcess, list[int], list[int]]] = {}
        for number in listing + could:
            for process in ctx.processes(number, [school_id])[school_id]:
                entry = by_process.setdefault(process.id, (process, [], []))
                (entry[1] if number in listing else entry[2]).append(number)
        for process, listed, others in by_process.values():
            found += _statements(ctx, school_id, process, sorted(listed, key=numbers.index),
                                 sorted(others, key=numbers.index), attending)
    return found


def _statements(ctx: SiblingContext, school_id: str, process: ApplicationProcess,
                listed: list[int], others: list[int], attending) -> list[HouseholdWarning]:
    household = ctx.household
    labels = {c.number: c.label for c in household.children}
    codes = set(process.priorities)
    base = {"labels": labels, "names": {school_id: ctx.name(school_id)}}
    base |= ctx.process_params(process)

    def note(kind: str, children: list[int], **params) -> HouseholdWarning:
        return HouseholdWarning(kind, [school_id], process.id, base | params, "info",
                                children=list(children))

    found = []
    for sibling in attending:
        who = [n for n in listed + others
               if (labels[n] or "").casefold() != sibling.label.casefold()]
        who.sort(key=household.numbers().index)
        if not who:
            continue
        if SIBLING in codes:
            found.append(note("sibling_attends", who, sibling=sibling.label))
        elif codes:
            found.append(note("siblings_not_listed", who, sibling=sibling.label))
        elif listed:  # nothing recorded: worth saying only for a child who applies there
            found.append(note("siblings_unknown", who, sibling=sibling.label))
    if len(listed) >= 2:
        if SIBLING_APPLYING in codes:
            found.append(note("siblings_applying", listed))
        elif not attending:  # with an older child there, the statement above said it
            if SIBLING in codes:
                found.append(note("sibling_applying_unknown", listed))
            elif codes:
                found.append(note("siblings_not_listed", listed))
            else:
                found.append(note("siblings_unknown", listed))
    elif others and SIBLING_APPLYING in codes and len(listed) + len(others) >= 2:
        together = sorted(listed + others, key=household.numbers().index)
        found.append(note("siblings_could_apply", together, listing=listed, others=others))
    return found


def school_sibling_notes(pack: Pack, household: Household, school_id: str,
                         ctx: SiblingContext | None = None) -> list[HouseholdWarning]:
    """For a school's profile or a compare column: what brothers and sisters mean there."""
    ctx = ctx or SiblingContext(pack, household)
    applying = {c.number: c.ids() for c in household.children}
    return sibling_notes(ctx, applying, [school_id], could_apply=True)
