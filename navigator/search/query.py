"""What a family asks for: one query object, every criterion optional.

Each requested criterion has a name (``grade``, ``program:dual_language:es``,
``transit:rail`` ...) under which every result reports it as matched, unmet
or unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

ORDERS = ("distance", "walk", "name", "trip")  # "trip": quickest trip first, none last

# Ordering by one official result ("indicator:ela", navigator.catalogue.codes.INDICATORS) is
# something a family asks for, never the default.
INDICATOR_ORDER = "indicator:"


def indicator_of(order: str | None) -> str | None:
    """The indicator code of an ``indicator:CODE`` order, else None."""
    if order and order.startswith(INDICATOR_ORDER):
        return order[len(INDICATOR_ORDER):]
    return None


@dataclass(frozen=True)
class Home:
    """Where the family lives, and how we know (shown back to them)."""

    latitude: float
    longitude: float
    kind: str  # zip, address, stop, point
    label: str  # what was typed or tapped
    matched: str  # what the pack matched it to, in its own words
    exact: bool = True  # False when the match is approximate (nearest number, similar street)


def approximate_place(home: Home | dict | None) -> str | None:
    """What a home stands for when it is not the family's own door (a ZIP's centre, a stop), so
    the zoned school found there may not be theirs; None for an address, a map point or no home.
    Takes a Home or the list file's home dict."""
    if home is None:
        return None
    kind, matched = (home.get("kind"), home.get("matched")) if isinstance(home, dict) \
        else (home.kind, home.matched)
    return (matched or "?") if kind in ("zip", "stop") else None


@dataclass
class Query:
    home: Home | None = None
    grade: int | None = None
    within_km: float | None = None
    walk_min: float | None = None
    sectors: tuple[str, ...] = ()  # any of (district, charter)
    levels: tuple[str, ...] = ()  # any of (elementary, middle, high, k12, other)
    programs: tuple[str, ...] = ()  # every one of; "dual_language:es" names the language
    el: tuple[str, ...] = ()
    sped: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # spoken by staff
    transit: str | None = None  # rail, bus, any: a stop within transit_within_m of the school
    transit_within_m: float | None = None  # default: the pack's walking radius
    line: str | None = None  # a line with a stop near the school
    one_seat: bool = False  # a line that stops near home and near the school
    open_on: date | None = None  # an application window open on this date
    transit_minutes: float | None = None  # a trip by bus or train of at most this many minutes
    arrive_by: time | None = None  # default: each school's start time where known, else 08:00
    on_date: date | None = None  # the school day of the trip; default: the next weekday
    max_transfers: int = 2
    trip_walk_min: float = 10.0  # at most this much walking at either end of a trip
    text: str | None = None  # part of the school's name (also finds referral schools by name)
    # The family says a referral concerns them (a counsellor, a district's placement): schools that
    # give places by referral are listed too, in their own group (navigator.search.groups).
    referral: bool = False
    drop_unknown: bool = False
    order: str | None = None  # default: distance with a home, else name; or "indicator:CODE"
    indicator_group: str = "ALL"  # the student group an "indicator:CODE" order reads
    limit: int | None = None
    include: frozenset[str] = field(default_factory=frozenset)  # ids always kept (the shortlist)

    def criteria(self) -> list[str]:
        """The names results report against, in a stable order."""
        names = []
        if self.grade is not None:
            names.append("grade")
        if self.within_km is not None:
            names.append("distance")
        if self.walk_min is not None:
            names.append("walk")
        if self.sectors:
            names.append("sector")
        if self.levels:
            names.append("level")
        names += [f"program:{c}" for c in self.programs]
        names += [f"el:{c}" for c in self.el]
        names += [f"sped:{c}" for c in self.sped]
        names += [f"language:{c}" for c in self.languages]
        if self.transit:
            names.append(f"transit:{self.transit}")
        if self.line:
            names.append(f"line:{self.line}")
        if self.one_seat:
            names.append("one_seat")
        if self.open_on is not None:
            names.append("open_on")
        if self.transit_minutes is not None:
            names.append("trip")
        return names

    def wants_trips(self) -> bool:
        return self.transit_minutes is not None or self.order == "trip"
