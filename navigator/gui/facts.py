"""The words every screen shows for a school, and the two things that also need the family's state.

The words themselves are the core's (``navigator.facts``, shared with the command line, so the
terminal and the screen say the same thing); they are re-exported here so a screen has one module
to ask.  What only the app has: "today" as the family's session sees it, and a school's row from
the family's last search.
"""

from __future__ import annotations

from datetime import date

from navigator.facts import (  # noqa: F401 (re-exported for the screens)
    CATEGORY_TITLES,
    MARKS,
    CriteriaContext,
    applying_text,
    code_text,
    criteria_lines,
    criterion_text,
    distance_short,
    distance_text,
    grades_text,
    group_heading,
    line_start,
    map_label,
    offers_grade,
    opens_text,
    reported_text,
    sector_text,
    shown,
    site_kind_text,
    span_short,
    status_text,
    stop_rows,
    walk_short,
    yes_no,
    zoned_explanation,
    zoned_heading,
)
from navigator.geo import haversine_m
from navigator.search.query import Home
from navigator.search.results import Result, SearchResult
from navigator.walking import walk_minutes


def today(state) -> date:
    """The date deadlines are judged against (``FamilyState.today``, which tests fix)."""
    return state.today()


def result_for(state, school_id: str) -> Result | None:
    """The school's row from the family's last search, or one made from the pack (a school added
    to the list before the search that now includes it has run): distance from home included."""
    return school_result(state.pack, state.results, state.home, school_id)


def school_result(pack, results: SearchResult | None, home: Home | None,
                  school_id: str) -> Result | None:
    """:func:`result_for` from its parts (a worker has the pack, the answer and the home, not
    the family's state)."""
    if results is not None:
        found = next((r for r in results.results if r.id == school_id), None)
        if found is not None:
            return found
    school = pack.school_basics(school_id)
    if school is None:
        return None
    lat, lon = school.latitude, school.longitude
    km = None
    if home is not None and lat is not None and lon is not None and not school.virtual:
        km = round(haversine_m(home.latitude, home.longitude, lat, lon) / 1000, 3)
    zoned = results is not None and school_id in results.zoned
    return Result(school_id, school.name, school.sector, school.grade_low, school.grade_high, lat,
                  lon, school.virtual, km, walk_minutes(km) if km is not None else None, zoned,
                  [], [], [])


def place_text(r: Result) -> str:
    """Under a school's facts: when a school not open yet opens, or how a place is given at a
    school that gives places by referral (never said of an ordinary school of choice)."""
    words = [opens_text(r.opens)] if r.pending else []
    if r.site_kind != "open":
        words.append(site_kind_text(r.site_kind, r.placed_by) or "")
    return " ".join(w for w in words if w)
