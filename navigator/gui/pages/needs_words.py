"""What matters, in words: the distance choices and the chips of what the family chose.

Qt-free: the words only (the page lays them out).  A chip carries the change to the family's
filters that takes it away again.
"""

from __future__ import annotations

from navigator.geo import KM_PER_MILE
from navigator.gui import facts
from navigator.gui.trip_view import chip_text, longer_walk_text
from navigator.i18n import _, format_number, ngettext, pgettext
from navigator.search.query import Query

DISTANCES = {"mi": (1, 2, 5), "km": (2, 5, 10)}


def chosen_filters(state, pack_lines: list[tuple], unit: str) -> list[tuple[str, dict]]:
    """Each thing the family chose on What matters, in words, with the change that removes it
    (``pack_lines``: the pack's lines as (id, short name, long name))."""
    f = state.filters
    lines = {}
    if f.line:
        row = next((r for r in pack_lines if f.line in (r[0], r[1], r[2])), None)
        lines[f.line] = (row[1] or row[2] or row[0]) if row else f.line
    ctx = facts.CriteriaContext(pack=state.pack, grade=state.grade,
                                within_km=f.within_km, walk_min=f.walk_min, open_on=f.open_on,
                                unit=unit, lines=lines)

    def words(criterion: str) -> str:
        return facts.criterion_text(criterion, "matched", ctx)

    found: list[tuple[str, dict]] = []
    if f.within_km is not None:
        found.append((words("distance"), {"within_km": None}))
    if f.walk_min is not None:
        found.append((words("walk"), {"walk_min": None}))
    for field, category in (("programs", "program"), ("el", "el"), ("sped", "sped"),
                            ("languages", "language")):
        chosen = getattr(f, field)
        for code in chosen:
            found.append((words(f"{category}:{code}"),
                          {field: tuple(c for c in chosen if c != code)}))
    if f.transit:
        found.append((words(f"transit:{f.transit}"), {"transit": None}))
    if f.line:
        found.append((words(f"line:{f.line}"), {"line": None}))
    if f.one_seat:
        found.append((words("one_seat"), {"one_seat": False}))
    if f.transit_minutes is not None:
        found.append((chip_text(f), {"transit_minutes": None}))
    if f.trip_walk_min != Query.trip_walk_min:  # the longer walk to a stop, asked on Schools
        found.append((longer_walk_text(f.trip_walk_min), {"trip_walk_min": Query.trip_walk_min}))
    for sector in f.sectors:
        found.append((facts.sector_text(sector), {"sectors": tuple(s for s in f.sectors
                                                                   if s != sector)}))
    for level in f.levels:
        found.append((level_names().get(level, level),
                      {"levels": tuple(lv for lv in f.levels if lv != level)}))
    if f.open_on is not None:
        found.append((words("open_on"), {"open_on": None}))
    if f.drop_unknown:
        found.append((_("Leaving out schools with unknown data"), {"drop_unknown": False}))
    if f.referral:
        found.append((_("Also schools by referral"), {"referral": False}))
    return found



def distance_choice(km: float | None, walk: float | None, unit: str) -> str:
    """A distance button's words: "Within 2 mi", "Up to 15 minutes on foot", "Any distance"."""
    if walk is not None:
        return ngettext("Up to {minutes} minute on foot", "Up to {minutes} minutes on foot",
                        int(walk)).format(minutes=format_number(walk))
    if km is None:
        return _("Any distance")
    value = km / KM_PER_MILE if unit == "mi" else km
    if unit == "mi":
        distance = pgettext("distance", "{distance} mi").format(distance=format_number(round(value)))
    else:
        distance = pgettext("distance", "{distance} km").format(distance=format_number(round(value)))
    return _("Within {distance}").format(distance=distance)


def level_names() -> dict[str, str]:
    return {"elementary": _("Elementary school"), "middle": _("Middle school"),
            "high": _("High school"), "k12": _("School for all grades (K-12)"),
            "other": _("Other schools")}
