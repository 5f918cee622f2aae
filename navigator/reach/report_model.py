"""The reach map's report in one language: the one model the web page, the PDF, the CSV and the
GeoJSON lay out, so they never disagree about a count, a date or a source.

Neutral by construction: district and charter schools are counted in columns side by side, in
the pack's order; the colour of a cell says how many schools are in reach, never which kind.
The colours are viridis steps (readable with any colour vision, and in grey print), deserts the
darkest step; "unknown" is a separate light grey, never a count of zero.  Every figure's sources
are listed with their as-of dates; what was asked is written out in full.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from navigator.catalogue.pack import Pack
from navigator.grades import grade_label
from navigator.i18n import format_date, format_number, translations_for
from navigator.indicators import STATUS_LEVELS
from navigator.pack_texts import region_name
from navigator.reach.count import ReachMap
from navigator.vocabulary import code_label

# (lowest count of the step, colour): viridis, dark to light as the count grows.
STEPS = ((0, "#440154"), (1, "#414487"), (2, "#2a788e"), (4, "#22a884"), (8, "#7ad151"),
         (16, "#fde725"))
UNKNOWN_COLOUR = "#c8c8c8"
NO_HOMES_COLOUR = "#ffffff"  # the map's background: no cell there
ANSWERS = {1: "reaches", 0: "unknown", -1: "none"}  # the GeoJSON's and CSV's plain words


def step_of(count: int) -> int:
    return max(k for k, (low, _colour) in enumerate(STEPS) if count >= low)


def colours(reach: ReachMap) -> list[str]:
    """Each cell's fill: its step's colour, or the unknown grey."""
    kind, total = reach.kind(), reach.total
    return [UNKNOWN_COLOUR if kind[i] == 0 else STEPS[step_of(int(total[i]))][1] for i in range(len(total))]


@dataclass(frozen=True)
class ZipRow:
    zip: str
    name: str
    cells: int
    none: int  # cells reaching no school
    unknown: int
    median: float  # schools in reach, the cell in the middle
    by_sector: tuple[float, ...]  # the same per sector (medians), in ``ReachReport.sectors`` order


@dataclass
class ReachReport:
    lang: str
    title: str
    asked: list[tuple[str, str]]  # (what, the answer) lines
    legend: list[tuple[str, str]]  # (colour, words)
    notes: list[str]
    sectors: list[str]  # column headings, in the pack's order
    zip_heading: tuple[str, ...]
    zip_rows: list[ZipRow]
    zip_of_cell: list[str]
    zip_points: list[tuple[str, float, float]]  # (ZIP code, column, row): labels on the map
    sources: list[str]
    labels: dict[str, str]


def nearest_zips(reach: ReachMap, pack: Pack) -> tuple[list[str], dict[str, str]]:
    """Each cell's ZIP area (the nearest ZIP centre; "" without any) and the ZIP names."""
    zips = pack.zip_centres()
    if not zips:
        return [""] * len(reach.grid), {}
    lat = np.array([z[2] for z in zips])
    lon = np.array([z[3] for z in zips])
    scale = np.cos(np.radians(reach.grid.lat0))
    d = (reach.grid.lat[:, None] - lat[None, :]) ** 2 \
        + ((reach.grid.lon[:, None] - lon[None, :]) * scale) ** 2
    nearest = np.argmin(d, axis=1)
    return [zips[k][0] for k in nearest], {z[0]: z[1] or "" for z in zips}


def build_report(reach: ReachMap, pack: Pack, lang: str) -> ReachReport:
    t = translations_for(lang)
    _ = t.gettext
    q = reach.question
    sector_words = {"district": _("District school"), "charter": _("Charter school")}
    sectors = [sector_words.get(s, s) or _("Unknown") for s in reach.sectors]
    needs = [code_label(pack, category, code.split(":")[0], lang).text
             for category, codes in (("program", q.programs), ("el", q.el), ("sped", q.sped))
             for code in codes]
    asked = [(_("Grade"), grade_label(q.grade) if q.grade is not None else _("Any")),
             (_("Needs"), ", ".join(needs) or _("None asked")),
             (_("Kind of school"), ", ".join(sector_words.get(s, s) for s in q.sectors) or _("Any")),
             (_("Trip"), _("at most {minutes} minutes by bus, train or on foot, arriving by {time} on {day}")
              .format(minutes=format_number(q.trip_minutes, lang), time=f"{q.arrive_by:%H:%M}",
                      day=format_date(reach.on, lang))),
             (_("Walk at either end"),
              _("at most {minutes} minutes").format(minutes=format_number(q.walk_min, lang))),
             (_("Map squares"), _("{metres} m wide, {count} squares").format(
                 metres=format_number(reach.grid.cell_m, lang),
                 count=format_number(len(reach.grid), lang)))]
    if q.indicator is not None:
        word = list(STATUS_LEVELS)[q.min_level - 1]
        asked.append((_("School result"), _("{code}: level {level} or higher").format(
            code=q.indicator, level=_(STATUS_LEVELS[word]))))
    feed_names = {s.id: s.name for s in pack.sources()}
    if reach.used_dates:  # one line per feed: the day of its timetable the trips were read from
        asked.append((_("Timetable used"), "\n".join(
            f"{feed_names.get(feed, feed)}: {format_date(day, lang)}"
            for feed, day in sorted(reach.used_dates.items()))))
    legend = [(NO_HOMES_COLOUR, _("White: no homes, stops or schools near; not mapped")),
              (UNKNOWN_COLOUR, _("Unknown: only stops without a timetable nearby")),
              (STEPS[0][1], _("No school in reach"))]
    for k, (low, colour) in enumerate(STEPS[1:], start=1):
        high = STEPS[k + 1][0] - 1 if k + 1 < len(STEPS) else None
        words = format_number(low, lang) if high == low else \
            f"{format_number(low, lang)}–{format_number(high, lang)}" if high else \
            f"{format_number(low, lang)}+"
        legend.append((colour, words))
    notes = [_("Each square stands for a home at its centre. The counts say how many schools are "
               "in reach, never which is better; district and charter schools are counted alike."),
             _("Built from the pack alone: no family's home is stored or counted.")]
    if not reach.has_timetable:
        notes.append(_("This pack has no timetable, so no trip by bus or train can be known."))
    if reach.unplaced:
        notes.append(t.ngettext("{count} school that fits has no place on the map and is not counted.",
                                "{count} schools that fit have no place on the map and are not counted.",
                                len(reach.unplaced)).format(count=len(reach.unplaced)))
    if reach.online:
        notes.append(t.ngettext("{count} online school fits; it needs no trip.",
                                "{count} online schools fit; they need no trip.",
                                reach.online).format(count=reach.online))
    if reach.unrated:
        notes.append(t.ngettext("{count} school that fits has no reported result and is not counted.",
                                "{count} schools that fit have no reported result and are not counted.",
                                reach.unrated).format(count=reach.unrated))
    zip_of_cell, names = nearest_zips(reach, pack)
    rows = _zip_rows(reach, zip_of_cell, names)
    heading = (_("ZIP code"), _("Squares"), _("No school in reach"), _("Unknown"),
               _("Schools in reach (middle square)"), *sectors)
    sources = [f"{s.name}, {s.publisher}" + (f", {format_date(_as_date(s.as_of), lang)}" if s.as_of else "")
               for s in pack.sources() if not s.id.startswith(("basemap", "boundaries"))]
    labels = {"sources": _("Sources"), "by_zip": _("By ZIP area (the nearest ZIP centre)"),
              "asked": _("What was asked"), "legend": _("Schools in reach"),
              "region": region_name(pack, lang)}
    points = [(code, *reach.grid.place(lat, lon)) for code, _name, lat, lon in pack.zip_centres()
              if code in {r.zip for r in rows}]
    return ReachReport(lang, _("Where families without a car can reach"), asked, legend, notes, sectors,
                       heading, rows, zip_of_cell, points, sources, labels)


def _as_date(text):
    from datetime import date

    return date.fromisoformat(str(text)[:10])


def _zip_rows(reach: ReachMap, zip_of_cell: list[str], names: dict[str, str]) -> list[ZipRow]:
    if not names:
        return []
    codes = np.array(zip_of_cell)
    kind, total = reach.kind(), reach.total
    rows = []
    for code in sorted(names):
        mine = codes == code
        if not mine.any():
            continue
        rows.append(ZipRow(code, names[code], int(mine.sum()), int((kind[mine] == -1).sum()),
                           int((kind[mine] == 0).sum()), float(np.median(total[mine])),
                           tuple(float(np.median(reach.reached[s][mine]))
                                 for s in range(len(reach.sectors)))))
    return rows
