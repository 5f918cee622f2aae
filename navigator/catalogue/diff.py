"""What changed between two packs of a region: schools, programmes, processes, dates, results.

Why: a pack is replaced every few weeks in the application season.  District staff check a new
build against the last one before they sign it (``navigator catalogue diff``), and a counsellor
who opens last week's session on the new pack must hear which of the family's schools changed
and how ("The magnet application now closes on January 28, not February 4").

The comparison reads both packs with plain SQL and keeps, with each change, the words needed to
say it in any language the packs hold (school names, process names and their translations), so
the report (``navigator/diff_report.py``) needs neither pack open.  Unknown is kept apart from no: a
programme that is no longer listed is "no longer listed", not "no longer offered", unless the
new pack says no.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from navigator.catalogue.lookups import CHUNK
from navigator.catalogue.pack import Pack
from navigator.geo import haversine_m

MOVED_M = 25.0  # a school "moved" when its point moved more than this (a re-geocoded address moves less)
CLOSED = ("closed", "merged")

# What a change can be, in the order a report lists them.
KINDS = (
    "school_added", "school_closed", "school_renamed", "school_moved",
    "feature_added", "feature_removed",
    "process_added", "process_removed", "deadline_moved", "deadline_added", "deadline_removed",
    "priorities_changed", "results_new_year", "source_updated",
)


@dataclass
class Change:
    kind: str  # one of KINDS
    subject: str  # the id of what changed: a school, a process, a deadline, a source
    schools: list[str] = field(default_factory=list)  # the schools it concerns
    old: Any = None
    new: Any = None
    info: dict = field(default_factory=dict)  # the words to say it: names, labels, their translations


@dataclass
class PackStamp:
    region_id: str
    region_name: str
    built_at: str
    distance_unit: str

    @classmethod
    def of(cls, pack: Pack) -> PackStamp:
        return cls(pack.region.id, pack.region.name, pack.region.built_at, pack.region.distance_unit)


@dataclass
class PackDiff:
    old: PackStamp
    new: PackStamp
    changes: list[Change] = field(default_factory=list)

    def for_schools(self, school_ids) -> list[Change]:
        """The changes that concern any of these schools (a family's list)."""
        wanted = set(school_ids)
        return [c for c in self.changes if wanted & set(c.schools)]

    def to_json(self) -> dict:
        return {"old": asdict(self.old), "new": asdict(self.new),
                "changes": [asdict(c) for c in self.changes]}


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    """Every change from ``old`` to ``new``, in the order of ``KINDS``, then by subject."""
    return _compare(PackDiff(PackStamp.of(old), PackStamp.of(new)), _Snapshot(old), _Snapshot(new))


def diff_schools(old: Pack, new: Pack, school_ids: Iterable[str]) -> PackDiff:
    """The changes that concern these schools (a family's list): ``diff_packs(old, new)
    .for_schools(school_ids)``, word for word, from only their rows and their processes'.

    Why: a session opened on a newer pack needs the changes of a few schools; comparing the whole
    of two 100,000-school packs to keep those took seconds, most of them in single sorts of
    hundreds of thousands of keys that no other thread (the window's) could interrupt."""
    ids = list(dict.fromkeys(school_ids))
    processes = _processes_of(old, ids) | _processes_of(new, ids)
    diff = _compare(PackDiff(PackStamp.of(old), PackStamp.of(new)),
                    _Snapshot(old, ids, processes), _Snapshot(new, ids, processes))
    diff.changes = diff.for_schools(ids)
    return diff


def _compare(diff: PackDiff, before: _Snapshot, after: _Snapshot) -> PackDiff:
    diff.changes += _schools(before, after)
    diff.changes += _features(before, after)
    diff.changes += _processes(before, after)
    diff.changes += _deadlines(before, after)
    diff.changes += _priorities(before, after)
    diff.changes += _results(before, after)
    diff.changes += _sources(before, after)
    diff.changes.sort(key=lambda c: (KINDS.index(c.kind), c.subject))
    return diff


def _rows(conn: sqlite3.Connection, select: str, column: str, values: list[str] | None,
          tail: str = "") -> Iterator[tuple]:
    """The rows of ``select`` (then ``tail``: GROUP BY, ORDER BY); with ``values``, only those
    whose ``column`` is one of them."""
    if values is None:
        yield from conn.execute(f"{select} {tail}")
        return
    for start in range(0, len(values), CHUNK):
        part = values[start:start + CHUNK]
        yield from conn.execute(f"{select} WHERE {column} IN ({','.join('?' * len(part))}) {tail}",
                                part)


def _processes_of(pack: Pack, school_ids: list[str]) -> set[str]:
    """The processes any of these schools is part of."""
    return {row[0] for row in _rows(pack.conn, "SELECT process_id FROM school_processes",
                                    "school_id", school_ids)}


class _Snapshot:
    """What a diff compares, read from one pack at once: all of it, or (``schools`` and
    ``processes`` given) those schools' rows and those processes' (with every school they
    cover, which a change to a process names)."""

    def __init__(self, pack: Pack, schools: list[str] | None = None,
                 processes: set[str] | None = None) -> None:
        conn = pack.conn
        chosen = sorted(processes) if processes is not None else None
        self.schools = {row[0]: row[1:] for row in _rows(
            conn, "SELECT id, name, latitude, longitude, address, city, status FROM schools", "id",
            schools)}
        self.features = {row[:4]: row[4] for row in _rows(
            conn, "SELECT school_id, category, code, detail, value FROM features", "school_id",
            schools)}
        self.coverage = set(_rows(conn, "SELECT school_id, category FROM coverage", "school_id",
                                  schools))
        self.codes = {row[:2]: row[2] for row in conn.execute(
            "SELECT category, code, label FROM codes WHERE standard = 0")}
        self.processes = {row[0]: row[1:] for row in _rows(
            conn, "SELECT id, kind, name FROM processes", "id", chosen)}
        self.covered: dict[str, set[str]] = {}
        for school_id, process_id in _rows(
                conn, "SELECT school_id, process_id FROM school_processes", "process_id", chosen):
            self.covered.setdefault(process_id, set()).add(school_id)
        self.deadlines = {row[0]: row[1:] for row in _rows(
            conn, "SELECT id, process_id, kind, date, time, label FROM deadlines", "process_id",
            chosen)}
        self.priorities: dict[str, list[str]] = {}
        for process_id, code in _rows(conn, "SELECT process_id, priority FROM process_priorities",
                                      "process_id", chosen, "ORDER BY process_id, rank"):
            self.priorities.setdefault(process_id, []).append(code)
        self.years = {(s, i): y for s, i, y in _rows(
            conn, "SELECT school_id, indicator, max(year) FROM indicators", "school_id", schools,
            "GROUP BY school_id, indicator")}
        self.sources = {row[0]: row[1:] for row in conn.execute(
            "SELECT id, name, publisher, as_of FROM sources")}
        self.texts: dict[tuple[str, str, str], dict[str, str]] = {}
        for entity, entity_id, name, lang, value in conn.execute(
                "SELECT entity, entity_id, field, lang, value FROM translations "
                "WHERE entity IN ('process', 'deadline', 'code')"):
            self.texts.setdefault((entity, entity_id, name), {})[lang] = value

    def words(self, entity: str, entity_id: str, name: str, english: str | None) -> dict[str, str]:
        """A text in English and every language the pack translates it into."""
        if english is None:
            return {}
        return {"en": english} | self.texts.get((entity, entity_id, name), {})

    def feature(self, key: tuple[str, str, str, str]) -> str:
        """yes, no, or unknown (no row, and the source does not list every code)."""
        if key in self.features:
            return self.features[key]
        return "no" if (key[0], key[1]) in self.coverage else "unknown"

    def process_words(self, process_id: str) -> dict:
        kind, name = self.processes[process_id]
        return {"process": process_id, "process_kind": kind,
                "process_name": self.words("process", process_id, "name", name)}


def _schools(before: _Snapshot, after: _Snapshot) -> list[Change]:
    changes = []
    for school_id in sorted(set(before.schools) | set(after.schools)):
        old, new = before.schools.get(school_id), after.schools.get(school_id)
        if old is None:
            changes.append(Change("school_added", school_id, [school_id], None, new[0],
                                  {"name": new[0]}))
            continue
        closed = new is None or (new[5] or "").lower() in CLOSED
        if closed and (old[5] or "").lower() not in CLOSED:
            changes.append(Change("school_closed", school_id, [school_id], old[0],
                                  new[5] if new else None, {"name": old[0]}))
            continue
        if new is None:
            continue
        if old[0] != new[0]:
            changes.append(Change("school_renamed", school_id, [school_id], old[0], new[0],
                                  {"name": new[0]}))
        if None not in (old[1], old[2], new[1], new[2]):
            metres = haversine_m(old[1], old[2], new[1], new[2])
            if metres > MOVED_M:
                changes.append(Change(
                    "school_moved", school_id, [school_id],
                    {"latitude": old[1], "longitude": old[2], "address": old[3], "city": old[4]},
                    {"latitude": new[1], "longitude": new[2], "address": new[3], "city": new[4]},
                    {"name": new[0], "distance_m": round(metres, 1)}))
    return changes


def _features(before: _Snapshot, after: _Snapshot) -> list[Change]:
    changes = []
    both = set(before.schools) & set(after.schools)
    keys = {k for k in set(before.features) | set(after.features) if k[0] in both}
    for key in sorted(keys):
        old, new = before.feature(key), after.feature(key)
        if old == new or "yes" not in (old, new):
            continue
        school_id, category, code, detail = key
        label = after.codes.get((category, code)) or before.codes.get((category, code))
        snapshot = after if (category, code) in after.codes else before
        info = {"name": after.schools[school_id][0], "category": category, "code": code,
                "detail": detail,
                "label": snapshot.words("code", f"{category}:{code}", "label", label)}
        kind = "feature_added" if new == "yes" else "feature_removed"
        changes.append(Change(kind, "|".join(key), [school_id], old, new, info))
    return changes


def _processes(before: _Snapshot, after: _Snapshot) -> list[Change]:
    changes = []
    for process_id in sorted(set(before.processes) ^ set(after.processes)):
        added = process_id in after.processes
        snapshot = after if added else before
        changes.append(Change("process_added" if added else "process_removed", process_id,
                              sorted(snapshot.covered.get(process_id, ())), None, None,
                              snapshot.process_words(process_id)))
    return changes


def _covered(before: _Snapshot, after: _Snapshot, process_id: str) -> list[str]:
    return sorted(before.covered.get(process_id, set()) | after.covered.get(process_id, set()))


def _deadlines(before: _Snapshot, after: _Snapshot) -> list[Change]:
    """Dates moved, added or removed; a date whose id changed but whose process and kind did
    not (the only one of its kind) counts as moved, as staff who retyped a sheet would mean."""
    gone = {d: before.deadlines[d] for d in set(before.deadlines) - set(after.deadlines)}
    came = {d: after.deadlines[d] for d in set(after.deadlines) - set(before.deadlines)}
    pairs = [(d, d) for d in set(before.deadlines) & set(after.deadlines)]
    for old_id, old in sorted(gone.items()):
        same = [d for d, new in came.items() if new[:2] == old[:2]]
        if len(same) == 1 and sum(1 for o in gone.values() if o[:2] == old[:2]) == 1:
            pairs.append((old_id, same[0]))
            del came[same[0]]
    matched = {old_id for old_id, _new in pairs}
    changes = []
    for old_id, new_id in sorted(pairs):
        old, new = before.deadlines[old_id], after.deadlines[new_id]
        if (old[2], old[3]) == (new[2], new[3]):
            continue
        changes.append(Change("deadline_moved", new_id, _covered(before, after, new[0]),
                              {"date": old[2], "time": old[3]}, {"date": new[2], "time": new[3]},
                              _deadline_words(after, new_id, new)))
    for deadline_id, old in sorted(gone.items()):
        if deadline_id not in matched:
            changes.append(Change("deadline_removed", deadline_id, _covered(before, after, old[0]),
                                  {"date": old[2], "time": old[3]}, None,
                                  _deadline_words(before, deadline_id, old)))
    for deadline_id, new in sorted(came.items()):
        changes.append(Change("deadline_added", deadline_id, _covered(before, after, new[0]),
                              None, {"date": new[2], "time": new[3]},
                              _deadline_words(after, deadline_id, new)))
    return changes


def _deadline_words(snapshot: _Snapshot, deadline_id: str, row: tuple) -> dict:
    process_id, kind, _date, _time, label = row
    return snapshot.process_words(process_id) | {
        "deadline_kind": kind, "label": snapshot.words("deadline", deadline_id, "label", label)}


def _priorities(before: _Snapshot, after: _Snapshot) -> list[Change]:
    changes = []
    for process_id in sorted(set(before.processes) & set(after.processes)):
        old, new = before.priorities.get(process_id, []), after.priorities.get(process_id, [])
        if old != new:
            labels = {code: after.words("code", f"priority:{code}", "label",
                                        after.codes.get(("priority", code))
                                        or before.codes.get(("priority", code)))
                      for code in old + new}
            changes.append(Change("priorities_changed", process_id,
                                  _covered(before, after, process_id), old, new,
                                  after.process_words(process_id) | {"labels": labels}))
    return changes


def _results(before: _Snapshot, after: _Snapshot) -> list[Change]:
    changes = []
    for (school_id, indicator), year in sorted(after.years.items()):
        old = before.years.get((school_id, indicator))
        if school_id in before.schools and (old is None or year > old):
            changes.append(Change("results_new_year", f"{school_id}|{indicator}", [school_id],
                                  old, year, {"name": after.schools[school_id][0],
                                              "indicator": indicator}))
    return changes


def _sources(before: _Snapshot, after: _Snapshot) -> list[Change]:
    changes = []
    for source_id, (name, publisher, as_of) in sorted(after.sources.items()):
        old = before.sources.get(source_id)
        if old is not None and old[2] != as_of:
            changes.append(Change("source_updated", source_id, [], old[2], as_of,
                                  {"name": name, "publisher": publisher}))
    return changes
