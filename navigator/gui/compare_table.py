"""What the compare view says: the same rows, in the same order, for every school, as text.

Qt-free, so the operations layer works the table out on its worker (a profile, the application
plan and the dates for up to four schools) while the dialog stays responsive; the dialog
(:mod:`navigator.gui.compare`) only lays the text out.  Where the pack does not know, a cell says
"Unknown" or "No results reported"; never a per-sector column or colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from navigator import indicators
from navigator.deadlines import application_plan, countdown, next_closing, timeline
from navigator.gui import facts
from navigator.household.model import Household
from navigator.i18n import N_, _, format_date
from navigator.pack_texts import source_line
from navigator.profile import SchoolProfile
from navigator.search.query import Home
from navigator.search.results import SearchResult

ROWS = (
    ("name", N_("School")),
    ("distance", N_("Distance from home")),
    ("grades", N_("Grades")),
    ("sector", N_("School type")),
    ("program", N_("Programs")),
    ("el", N_("Services for English learners")),
    ("sped", N_("Special education services")),
    ("language", N_("Languages spoken by staff")),
    ("transit", N_("Buses and trains nearby")),
    ("deadline", N_("How to apply and by when")),
)


@dataclass(frozen=True)
class CompareFamily:
    """What the table is made from, copied from the family's state on the GUI thread."""

    lang: str
    today: date
    home: Home | None
    results: SearchResult | None  # the last search's answer (the distances and zoned schools)
    household: Household
    indicator_group: str


@dataclass(frozen=True)
class CompareTable:
    rows: list[tuple[str, str]]  # (key, row name)
    names: list[str]  # the schools' names, one per column
    cells: list[list[str]]  # per row, one text per school
    indicators: list[str]  # the pack's indicator codes (the note under the table explains them)


def compare_table(pack, school_ids: list[str], family: CompareFamily) -> CompareTable:
    from navigator.profile import school_profile

    lang = family.lang
    profiles = [school_profile(pack, i, lang) for i in school_ids]
    results = family.results
    zoned = set(results.zoned) if results is not None and family.home is not None else None
    plan = application_plan(pack, school_ids, lang, zoned)
    dates = timeline(pack, school_ids, lang, family.today, zoned, plan)
    codes = indicators.pack_indicators(pack)
    rows = table_rows(family, codes)
    cells = _Cells(pack, family, plan, dates, zoned)
    return CompareTable(rows, [p.name for p in profiles],
                        [[cells.text(key, p) for p in profiles] for key, _label in rows], codes)


def table_rows(family: CompareFamily, codes: list[str]) -> list[tuple[str, str]]:
    """(key, row name) in order: the fixed rows, then one per result and student group."""
    rows = [(key, _(label)) for key, label in ROWS]
    household = family.household
    if len(household.children) > 1 or household.attending:
        rows.append(("siblings", _("Brothers and sisters")))
    group = family.indicator_group
    groups = ["ALL"] if group == "ALL" else ["ALL", group]
    for code in codes:
        for g in groups:
            rows.append((f"indicator:{code}:{g}", indicators.title(code, g)))
    if len(rows) > len(ROWS):
        rows.append(("results_source", _("Where the school results come from")))
    return rows


class _Cells:
    """One cell's text for a row key and a school's profile."""

    def __init__(self, pack, family: CompareFamily, plan, dates, zoned: set[str] | None) -> None:
        self.pack, self.family, self.plan, self.dates, self.zoned = pack, family, plan, dates, zoned

    def text(self, key: str, p: SchoolProfile) -> str:
        pack, family = self.pack, self.family
        if key == "name":
            return p.name
        if key == "siblings":  # only what the district records; "" where it says nothing
            from navigator.household.siblings import school_sibling_notes

            notes = school_sibling_notes(pack, family.household, p.id)
            return "\n\n".join(n.message(family.lang) for n in notes) or "—"
        if key.startswith("indicator:"):
            return self._result(p, *key.split(":")[1:])
        if key == "results_source":
            return self._results_sources(p)
        if key == "distance":
            result = facts.school_result(pack, family.results, family.home, p.id)
            if p.is_virtual:
                return _("Online school — distance does not apply")
            if result is None or family.home is None:
                return _("Unknown")
            return facts.distance_text(result, pack.region.distance_unit, True)
        if key == "grades":
            return facts.grades_text(p.grade_low, p.grade_high)
        if key == "sector":
            return facts.sector_text(p.sector, p.charter_kind)
        if key in ("program", "el", "sped", "language"):
            offered = [facts.code_text(pack, key, f.code, f.detail)
                       for f in p.facts.get(key, []) if f.value == "yes"]
            reported = p.reported.get(key, "unknown")
            if reported == "unknown":
                return _("Unknown")
            if reported == "partial":
                offered.append(_("Anything else: Unknown"))
            # TRANSLATORS: the school offers none of these (programmes, services, languages).
            return "\n".join(offered) or _("None")
        if key == "transit":
            if p.transit:
                return "\n".join(_("{stop} · lines {lines} · {walk}").format(
                    stop=s.stop, lines=", ".join(s.lines), walk=facts.walk_short(s.walk_min))
                    if s.lines else
                    # TRANSLATORS: a stop near the school that the data has no timetable for.
                    _("{stop} · no timetable in this pack · {walk}").format(
                        stop=s.stop, walk=facts.walk_short(s.walk_min)) for s in p.transit[:4])
            return _("None within a short walk") if pack.has_stops() else _("Unknown")
        return self._deadline(p)

    @staticmethod
    def _result(p: SchoolProfile, code: str, group: str) -> str:
        """Year, result and change together, students, as-of: the same lines for every school."""
        if not p.indicators:
            return "\n".join((indicators.not_reported(),
                              indicators.missing_reason(p.indicators_missing_reason)))
        item = indicators.latest(p.indicators, code, group)
        if item is None:
            return indicators.not_reported()
        lines = [_("Year {year}").format(year=item["year"])]
        if item["suppressed"]:
            lines.append(indicators.withheld())
        else:
            lines.append(_("Result: {result}").format(result=indicators.status_text(item)))
            lines.append(_("Change from the year before: {change}").format(
                change=indicators.change_text(item)))
        lines.append(indicators.students_text(item["students"]))
        return "\n".join(lines)

    def _results_sources(self, p: SchoolProfile) -> str:
        used = dict.fromkeys(i["source"] for i in p.indicators)
        lines = [source_line(self.pack, s, self.family.lang)
                 for s in (p.sources.get(x) for x in used) if s is not None]
        return "\n".join(lines) or indicators.not_reported()

    def _deadline(self, p: SchoolProfile) -> str:
        lines = []
        if self.zoned and p.id in self.zoned:
            lines.append(_("Your zoned school: register with the district, no lottery."))
        for route in self.plan.applications(p.id):
            entry = next_closing(self.dates, route.process.id)
            name = facts.shown(route.process.name)
            if entry is None:
                lines.append(_("{process}: dates Unknown").format(process=name))
            else:
                lines.append(_("{process}: last day {date} ({countdown})").format(
                    process=name, date=format_date(entry.date),
                    countdown=countdown(entry.days_left, "closes", self.family.lang)))
        return "\n".join(lines) or _("Unknown")
