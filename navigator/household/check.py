"""The list checker across children, and one timeline of every deadline for the household.

:func:`check_household` runs the one-child review (:func:`navigator.list_review.review_list`) for
each child, from the household's home and the child's grade, and says each finding once: the
same passed deadline, or the same "ranked by preference" explanation, for two children is one
warning naming both.  Then what only a household has:

* ``far_apart``: two children's first choices more than :data:`FAR_KM` apart (straight line,
  and "in opposite directions" when they lie at least :data:`OPPOSITE_DEGREES` apart as seen
  from home): a hard morning.  The trip between them by public transit is added where the
  transit package can say (``trip_minutes``, as in :mod:`navigator.household.together`).
* ``needs_second_choice`` / ``list_empty``: children whose list has one school only (not their
  sure zoned school, and not already told by a process that recommends more), or none.
* ``same_application``: a process two or more children apply through: once per household or
  once per child, where the district says (``per_household``), and its next deadline for all.
* sibling priority (:mod:`navigator.household.siblings`), where the processes record it.

:func:`household_timeline` merges the children's timelines (:func:`navigator.deadlines.timeline`):
every deadline once, with the children and the schools it concerns; the household's PDF and
calendar print it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations

from navigator.catalogue.pack import Pack
from navigator.deadlines import TimelineEntry, days_between, timeline
from navigator.geo import haversine_m
from navigator.household.model import Household, labels_of, names_list
from navigator.household.notes import HouseholdWarning
from navigator.household.siblings import SiblingContext, sibling_notes
from navigator.household.together import TripMinutes
from navigator.list_check import ListWarning, zoned_ids
from navigator.list_review import review_list
from navigator.pack_texts import texts_in_every_language

FAR_KM = 3.0  # about two miles between two drop-offs before school starts
OPPOSITE_DEGREES = 120.0  # two schools this far apart in bearing from home: opposite ways
# One-child findings said once for every child they concern (the same process, the same words).
MERGED = ("deadline_passed", "ranked_preference")
# The order list_check returns its kinds in: a household's findings keep it, child by child.
ONE_CHILD_ORDER = ("deadline_passed", "grade_not_offered", "grade_unknown",
                   "separate_applications", "too_many_choices", "too_few_choices",
                   "high_demand_only", "zoned_missing", "ranked_preference")


def check_household(pack: Pack, household: Household, today: date, *,
                    trip_minutes: TripMinutes | None = None,
                    ctx: SiblingContext | None = None) -> list[HouseholdWarning]:
    """Every finding about the household's lists on ``today``, each said once."""
    ctx = ctx or SiblingContext(pack, household)
    labels = labels_of(household)
    one_child: list[HouseholdWarning] = []
    merged: dict[tuple[str, str], HouseholdWarning] = {}
    plans = {}
    for child in household.children:
        review = review_list(pack, child.ids(), today, "en", grade=child.grade,
                             home=household.home, zoned=ctx.zoned[child.number], check_empty=True)
        plans[child.number] = review.plan
        for warning in review.warnings:
            key = (warning.kind, warning.process or "")
            if warning.kind in MERGED and key in merged:
                _merge(merged[key], child.number, warning)
                continue
            found = HouseholdWarning(warning.kind, list(warning.schools), warning.process,
                                     {"labels": labels}, warning.severity,
                                     children=[child.number], base=warning)
            if warning.kind in MERGED:
                merged[key] = found
            one_child.append(found)
    rank = {kind: i for i, kind in enumerate(ONE_CHILD_ORDER)}
    one_child.sort(key=lambda w: rank.get(w.kind, len(rank)))  # stable: children stay in order
    return (one_child + _far_apart(pack, household, labels, trip_minutes)
            + _short_lists(household, labels, one_child, ctx)
            + _same_application(pack, household, labels, plans, today)
            + sibling_notes(ctx, {c.number: c.ids() for c in household.children},
                            could_apply=True))


def _merge(into: HouseholdWarning, number: int, warning: ListWarning) -> None:
    """Add one more child's copy of the same finding: the children and schools of both."""
    into.children.append(number)
    base = into.base
    schools = list(dict.fromkeys(base.schools + warning.schools))
    params = dict(base.params)
    params["names"] = {**base.params.get("names", {}), **warning.params.get("names", {})}
    into.base = ListWarning(base.kind, schools, base.process, params, base.severity)
    into.schools = schools


def _bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    x = math.sin(dlon) * math.cos(phi2)
    y = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlon)
    return math.degrees(math.atan2(x, y)) % 360


def _far_apart(pack: Pack, household: Household, labels: dict,
               trip_minutes: TripMinutes | None) -> list[HouseholdWarning]:
    wanted = sorted({c.schools[0].id for c in household.children if c.schools})
    places = {i: (name, lat, lon, virtual) for i, name, lat, lon, virtual in pack.conn.execute(
        f"SELECT id, name, latitude, longitude, is_virtual FROM schools WHERE id IN "
        f"({','.join('?' * len(wanted))})", wanted)}
    firsts = [(c.number, c.schools[0].id) for c in household.children
              if c.schools and c.schools[0].id in places]
    home = household.home
    found = []
    for (n1, s1), (n2, s2) in combinations(firsts, 2):
        _, lat1, lon1, v1 = places[s1]
        _, lat2, lon2, v2 = places[s2]
        if s1 == s2 or v1 or v2 or None in (lat1, lon1, lat2, lon2):
            continue
        km = haversine_m(lat1, lon1, lat2, lon2) / 1000
        if km <= FAR_KM:
            continue
        opposite = False
        if home:
            turn = abs(_bearing(home["latitude"], home["longitude"], lat1, lon1)
                       - _bearing(home["latitude"], home["longitude"], lat2, lon2)) % 360
            opposite = min(turn, 360 - turn) >= OPPOSITE_DEGREES
        found.append(HouseholdWarning(
            "far_apart", [s1, s2], None,
            {"labels": labels, "names": {s1: places[s1][0], s2: places[s2][0]},
             "km": round(km, 3), "unit": pack.region.distance_unit, "opposite": opposite,
             "trip_min": trip_minutes(s1, s2) if trip_minutes else None},
            children=[n1, n2]))
    return found


def _short_lists(household: Household, labels: dict, one_child: list[HouseholdWarning],
                 ctx: SiblingContext) -> list[HouseholdWarning]:
    told = {n for w in one_child if w.kind == "too_few_choices" for n in w.children}
    single = [c.number for c in household.children if len(c.schools) == 1
              and c.number not in told and not (ctx.zoned[c.number] or set()) & set(c.ids())]
    empty = [c.number for c in household.children if not c.schools]
    found = []
    if single:
        found.append(HouseholdWarning(
            "needs_second_choice", [household.child(n).schools[0].id for n in single], None,
            {"labels": labels}, children=single))
    if empty:
        found.append(HouseholdWarning("list_empty", [], None, {"labels": labels}, "info",
                                      children=empty))
    return found


def _same_application(pack: Pack, household: Household, labels: dict, plans: dict,
                      today: date) -> list[HouseholdWarning]:
    routes: dict[str, tuple] = {}
    for child in household.children:
        plan = plans[child.number]
        for route in plan.routes.values():
            if not route.needs_application:
                continue
            entry = routes.setdefault(route.process.id, (route.process, [], []))
            entry[1].append(child.number)
            entry[2].extend(s for s in route.schools if s not in entry[2])
    found = []
    for process, children, schools in routes.values():
        if len(children) < 2:
            continue
        upcoming = sorted(d.date for d in process.deadlines if d.kind == "closes"
                          and days_between(today, date.fromisoformat(d.date)) >= 0)
        if process.per_household is None and not upcoming:
            continue  # nothing to add to the passed deadline already said
        names = {s: plans[c].profiles[s].name for c in children for s in plans[c].school_ids
                 if s in schools}
        found.append(HouseholdWarning(
            "same_application", schools, process.id,
            {"labels": labels, "names": names, "per_household": process.per_household,
             "date": upcoming[0] if upcoming else None,
             "process_name": texts_in_every_language(pack, "process", process.id, "name",
                                                     process.name.value)},
            "info", children=children))
    return found


# --- the merged timeline -------------------------------------------------------------------------


@dataclass
class HouseholdEntry:
    """One date, once, with every child it concerns and each child's schools it is for."""

    entry: TimelineEntry  # its ``schools`` are every child's, in order, without repeats
    children: list[int]
    schools_by_child: dict[int, list[str]] = field(default_factory=dict)

    def names(self, household: Household, lang: str) -> str:
        """``Luis and Ana`` in ``lang``: who this date is for."""
        return names_list(labels_of(household), self.children, lang)


def household_timeline(pack: Pack, household: Household, lang: str, today: date
                       ) -> list[HouseholdEntry]:
    """Every date of every process on any child's list, once, earliest first."""
    merged: dict[str, HouseholdEntry] = {}
    for child in household.children:
        if not child.schools:
            continue
        zoned = zoned_ids(pack, household.home, child.grade)
        for entry in timeline(pack, child.ids(), lang, today, zoned):
            found = merged.get(entry.deadline_id)
            if found is None:
                merged[entry.deadline_id] = HouseholdEntry(
                    replace(entry, schools=list(entry.schools)), [child.number],
                    {child.number: list(entry.schools)})
                continue
            found.children.append(child.number)
            found.schools_by_child[child.number] = list(entry.schools)
            found.entry.schools += [s for s in entry.schools if s not in found.entry.schools]
    entries = list(merged.values())
    entries.sort(key=lambda e: (e.entry.date, e.entry.time or "", e.entry.process.id,
                                e.entry.deadline_id))
    return entries
