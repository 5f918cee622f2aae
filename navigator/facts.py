"""Turning search results and school profiles into the plain, translated words a family reads.

Why a module of its own: the results list, the profile, "My list", the compare view and the
command line (``navigator search``, ``navigator show``) must say the same thing the same way
(one wording per fact, the same for district and charter schools), and these texts are computed
for thousands of rows, so the slow parts (babel number formatting) are cached here.  Everything
is in the current language (``navigator.i18n``): the command line sets it from ``--lang``.
Nothing in it draws, and Qt is not imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from navigator.catalogue.pack import Pack
from navigator.catalogue.records import Text
from navigator.geo import KM_PER_MILE
from navigator.grades import ADULT, PRESCHOOL, TK, K
from navigator.i18n import (
    N_,
    _,
    format_date,
    format_distance,
    format_number,
    format_walk_minutes,
    is_rtl,
    ngettext,
    pgettext,
    translations_for,
    translator,
)
from navigator.search.results import Result
from navigator.vocabulary import code_label

MARKS = {"matched": "✓", "unmet": "✗", "unknown": "?"}

# A profile's fact groups, in the order every screen and the command line show them.
CATEGORY_TITLES = {
    "program": N_("Programs"),
    "el": N_("Services for English learners"),
    "sped": N_("Special education services"),
    "language": N_("Languages spoken by staff"),
}


# --- grades ---------------------------------------------------------------------------------------


def grade_name(grade: int, lang: str) -> str:
    """``kindergarten`` / ``grade 3`` in ``lang``."""
    t = translations_for(lang)
    _ = t.gettext
    if grade == TK:
        return _("transitional kindergarten (TK)")
    if grade == K:
        return _("kindergarten")
    if grade <= PRESCHOOL:
        return _("preschool")
    return _("grade {n}").format(n=grade)


@lru_cache(maxsize=256)
def _grade_short(grade: int, lang: str) -> str:
    if grade == PRESCHOOL:
        return pgettext("grade", "PK")
    if grade == TK:
        return pgettext("grade", "TK")
    if grade == K:
        return pgettext("grade", "K")
    if grade == ADULT:
        return pgettext("grade", "Adult")
    return format_number(grade, lang)


@lru_cache(maxsize=1024)
def _span(low: int | None, high: int | None, lang: str) -> str:
    if low is None or high is None:
        return _("Unknown")
    if low == high:
        return _grade_short(low, lang)
    return _("{low}–{high}").format(low=_grade_short(low, lang), high=_grade_short(high, lang))


def span_short(low: int | None, high: int | None) -> str:
    """"K–5" (or "Unknown"): short enough for a map label; cached per language."""
    return _span(low, high, translator.language)


def grades_text(low: int | None, high: int | None) -> str:
    """"Grades K–5" / "Grades: Unknown"."""
    if low is None or high is None:
        return _("Grades: Unknown")
    return _("Grades {span}").format(span=span_short(low, high))


def offers_grade(low: int | None, high: int | None, grade: int | None) -> bool | None:
    """Whether a school teaches ``grade``; None when its grades are not known."""
    if grade is None or low is None or high is None:
        return None
    return low <= grade <= high


# --- sector ---------------------------------------------------------------------------------------


def sector_text(sector: str | None, charter_kind: str | None = None) -> str:
    """The school type in plain words; the same form of words for every sector."""
    if sector == "district":
        return _("District school")
    if sector == "charter":
        if charter_kind == "independent":
            return _("Charter school (independent)")
        if charter_kind == "affiliated":
            return _("Charter school (part of the district)")
        return _("Charter school")
    return _("School type: Unknown")


def applying_text(sector: str | None, charter_kind: str | None = None) -> str:
    """What the school type means for applying, in the same order for every sector:
    who you apply to, then what happens when there are more families than seats."""
    if sector == "district":
        return _("Apply through the district. If more families apply than there are seats, the "
                 "district's rules or a lottery decide. At your zoned school, your child always has "
                 "a place.")
    if sector == "charter" and charter_kind == "affiliated":
        return _("Apply through the district or to the school, as the steps below say. If more "
                 "families apply than there are seats, a lottery decides.")
    if sector == "charter":
        return _("Apply to the school directly. If more families apply than there are seats, a "
                 "lottery decides.")
    return _("How to apply: Unknown. Ask the school.")


# --- how a place is given, and whether the school is open --------------------------------------


def site_kind_text(site_kind: str | None, placed_by: str | None = None) -> str | None:
    """How a family gets a place at a school that is not an ordinary school of choice; None for
    an ordinary one (its sector's words say how to apply)."""
    if site_kind == "referral" and placed_by == "iep":
        return _("Places here are given through your child's IEP team, not by application.")
    if site_kind == "referral":
        return _("Places here are given by referral from the district, not by application.")
    if site_kind == "not_an_option":
        return _("Families do not choose this school: students are placed here by a court, a "
                 "program or another school.")
    if site_kind == "preschool":
        return _("A preschool: for children before kindergarten.")
    return None


def group_heading(group: str) -> str | None:
    """The heading above a group of the results list (navigator.search.groups)."""
    if group == "online":
        return _("Online schools: distance does not apply")
    if group == "referral":
        return _("Schools that give places by referral, not by application")
    return None


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def opens_text(iso: str | None) -> str:
    """"Opens August 12, 2026": beside a school that has not opened yet, wherever it is listed."""
    day = _day(iso)
    if day is None:
        return _("Not open yet: opening date unknown")
    return _("Opens {date}").format(date=format_date(day))


def status_text(status: str | None, open_date: str | None, closed_date: str | None) -> str | None:
    """What a school's profile says first when it is not open: closed (since when), merged, or
    not open yet (and when it opens); None for an open school."""
    if status == "Pending":
        day = _day(open_date)
        if day is None:
            return _("This school has not opened yet; the directory does not say when it opens.")
        return _("This school has not opened yet: it opens on {date}.").format(date=format_date(day))
    if status in ("Closed", "Merged"):
        day = _day(closed_date)
        if status == "Merged":
            if day is None:
                return _("This school has merged with another school and no longer takes students.")
            return _("This school merged with another school on {date} and no longer takes "
                     "students.").format(date=format_date(day))
        if day is None:
            return _("This school has closed and no longer takes students.")
        return _("This school closed on {date} and no longer takes students.").format(
            date=format_date(day))
    return None


# --- distance -------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _distance(tenths: int, lang: str, unit: str) -> str:
    return format_distance(tenths / 10 * (KM_PER_MILE if unit == "mi" else 1.0), lang, unit)


@lru_cache(maxsize=1024)
def _walk(minutes: int, lang: str) -> str:
    return format_walk_minutes(minutes, lang)


def distance_short(km: float, unit: str) -> str:
    """"0.8 mi", cached: a list of 2,500 schools formats it 2,500 times."""
    value = km / KM_PER_MILE if unit == "mi" else km
    tenths = max(1, round(value * 10)) if value > 0 else 0
    if tenths >= 100:
        tenths = round(value) * 10
    return _distance(tenths, translator.language, unit)


def line_start(lang: str) -> str:
    """What leads a line that begins with a number and a Latin name ("1. Las Flores Elementary")
    in a right-to-left language: a right-to-left mark, so it reads from the right as the words
    around it do; nothing in the others."""
    return "\u200f" if is_rtl(lang) else ""


def walk_short(minutes: int) -> str:
    return _walk(int(minutes), translator.language)


def distance_text(result: Result, unit: str, has_home: bool) -> str:
    """"0.8 mi · 16 min walk", or why there is no distance."""
    if result.virtual:
        return _("Online school — distance does not apply")
    if not has_home:
        return _("Distance: tell us where you live to see it")
    if result.distance_km is None or result.walk_min is None:
        return _("Distance: Unknown")
    return _("{distance} · {walk}").format(distance=distance_short(result.distance_km, unit),
                                          walk=walk_short(result.walk_min))


def map_label(result: Result, unit: str) -> str:
    """The short line under a school's name on the map: "0.8 mi · K–5" (cached: the map gets
    one for every school on every change)."""
    km = None if result.virtual or result.distance_km is None else result.distance_km
    return _map_label(None if km is None else distance_short(km, unit), result.grade_low,
                      result.grade_high, translator.language)


@lru_cache(maxsize=8192)
def _map_label(distance: str | None, low: int | None, high: int | None, lang: str) -> str:
    grades = _span(low, high, lang)
    if distance is None:
        return grades
    return _("{distance} · {grades}").format(distance=distance, grades=grades)


# --- codes and criteria ---------------------------------------------------------------------------


def code_text(pack: Pack | None, category: str, code: str, detail: str = "") -> str:
    """A programme, service or language in words, with its detail ("Dual-language immersion:
    (Spanish)"); pack-only labels missing in this language are marked "(in English)"."""
    label = shown(code_label(pack, category, code, translator.language))
    if not detail:
        return label
    if detail.isalpha() and 2 <= len(detail) <= 3 and detail.islower():
        detail_text = shown(code_label(pack, "language", detail, translator.language))
    else:
        known = pack is not None and pack.conn.execute(
            "SELECT 1 FROM codes WHERE category = ? AND code = ?", (category, detail)).fetchone()
        detail_text = shown(code_label(pack, category, detail, translator.language)) if known \
            else detail
    # TRANSLATORS: a programme or service with its detail, e.g. "Dual-language immersion (Spanish)".
    return _("{label} ({detail})").format(label=label, detail=detail_text)


def shown(text: Text | None) -> str:
    """A pack text as shown: "Unknown" when missing, "(in English)" when it fell back."""
    if text is None:
        return _("Unknown")
    if text.fallback:
        return pgettext("fallback", "{text} (in English)").format(text=text.value)
    return text.value


@dataclass
class CriteriaContext:
    """What the words for a criterion depend on: the pack, the grade and the family's filters."""

    pack: Pack | None
    grade: int | None = None
    within_km: float | None = None
    walk_min: float | None = None
    open_on: date | None = None
    unit: str = "mi"
    lines: dict[str, str] = field(default_factory=dict)  # typed line -> its name
    transit_minutes: float | None = None  # the longest trip by bus or train the family accepts


def _coded(ctx: CriteriaContext, name: str) -> str:
    category, _sep, rest = name.partition(":")
    code, _sep, detail = rest.partition(":")
    return code_text(ctx.pack, category, code, detail)


def criterion_text(name: str, verdict: str, ctx: CriteriaContext) -> str:
    """One criterion of the family's search, in words, for a school that matched it, did not,
    or whose data cannot say (``verdict``: matched, unmet, unknown)."""
    kind = name.split(":", 1)[0]
    if kind in ("program", "el", "sped", "language"):
        what = _coded(ctx, name)
        if kind == "language":
            what = _("Staff language: {language}").format(language=what)
        return {"matched": what,
                "unmet": _("Not offered: {what}").format(what=what),
                "unknown": _("{what} — not reported").format(what=what)}[verdict]
    if kind == "grade":
        grade = grade_name(ctx.grade, translator.language) if ctx.grade is not None \
            else _("your child's grade")
        return {"matched": _("Teaches {grade}").format(grade=grade),
                "unmet": _("Does not teach {grade}").format(grade=grade),
                "unknown": _("Grades taught — not reported")}[verdict]
    if kind in ("distance", "walk"):
        if kind == "distance" and ctx.within_km is not None:
            limit = distance_short(ctx.within_km, ctx.unit)
        elif ctx.walk_min is not None:
            limit = walk_short(round(ctx.walk_min))
        else:
            limit = ""
        return {"matched": _("Within {limit} of home").format(limit=limit),
                "unmet": _("Farther than {limit} from home").format(limit=limit),
                "unknown": _("Distance from home — not known")}[verdict]
    if kind == "sector":
        return {"matched": _("A school type you chose"),
                "unmet": _("Not a school type you chose"),
                "unknown": _("School type — not reported")}[verdict]
    if kind == "level":
        return {"matched": _("A school level you chose"),
                "unmet": _("Not a school level you chose"),
                "unknown": _("School level — not reported")}[verdict]
    if kind == "transit":
        mode = name.partition(":")[2]
        what = {"rail": _("Near a train station"), "bus": _("Near a bus stop")}.get(
            mode, _("Near a bus stop or train station"))
        return {"matched": what,
                "unmet": {"rail": _("Not near a train station"), "bus": _("Not near a bus stop")}.get(
                    mode, _("Not near a bus stop or train station")),
                "unknown": _("{what} — not known").format(what=what)}[verdict]
    if kind == "line":
        typed = name.partition(":")[2]
        line = ctx.lines.get(typed, typed)
        return {"matched": _("On your line: {line}").format(line=line),
                "unmet": _("Not on your line: {line}").format(line=line),
                "unknown": _("Line {line} — not known").format(line=line)}[verdict]
    if kind == "one_seat":
        return {"matched": _("One bus or train from home, no change"),
                "unmet": _("No direct bus or train from home"),
                "unknown": _("Direct bus or train from home — not known")}[verdict]
    if kind == "open_on":
        when = format_date(ctx.open_on) if ctx.open_on else ""
        return {"matched": _("Taking applications on {date}").format(date=when),
                "unmet": _("Not taking applications on {date}").format(date=when),
                "unknown": _("Application dates — not reported")}[verdict]
    if kind == "trip":
        from navigator.transit.words import no_trip_text, unknown_trip_text

        if verdict == "unknown":
            return unknown_trip_text(translator.language)
        if verdict == "unmet":
            return no_trip_text(ctx.transit_minutes, translator.language)
        if ctx.transit_minutes is None:
            return _("A trip by bus or train arrives in time")
        # TRANSLATORS: {minutes} is the longest trip the family accepts, a number.
        return _("By bus or train within {minutes} min").format(
            minutes=format_number(round(ctx.transit_minutes)))
    return name  # a criterion added to the core later: its name rather than nothing


def criteria_lines(result: Result, ctx: CriteriaContext) -> list[tuple[str, str]]:
    """(verdict, words) for every criterion of the search, matched first, then unmet, unknown."""
    out = []
    for verdict, names in (("matched", result.matched), ("unmet", result.unmet),
                           ("unknown", result.unknown)):
        out += [(verdict, criterion_text(name, verdict, ctx)) for name in names]
    return out


def yes_no(value: str | None) -> str:
    if value == "yes":
        return pgettext("fact", "Yes")
    if value == "no":
        return pgettext("fact", "No")
    return _("Unknown")


def reported_text(reported: str) -> str:
    """What a fact group's list means: complete, partial, or not reported at all."""
    return {
        "complete": _("This list is complete: anything not shown is not offered."),
        "partial": _("Only some are reported: anything not shown is unknown."),
    }.get(reported, _("Unknown: not reported. Ask the school."))


UNTIMED_SHOWN = 5  # stops with no timetable a profile names (the nearest); the rest are counted


def _stop_kind(mode: str) -> str:
    return {"rail": _("Train station"), "bus": _("Bus stop")}.get(mode, _("Stop"))


def stop_text(mode: str, lines: list[str], walk_min: int) -> str:
    """"Bus stop · lines 22, 40 · 3 min walk": what a stop near a school is and how far.  A stop
    the pack has no timetable for (a stops-only file's) says so: its lines are not known."""
    if not lines:
        # TRANSLATORS: a stop near a school that the data has no timetable for: which buses or
        # trains stop there is not known. {kind} "Bus stop", {walk} "3 min walk".
        return _("{kind} · no timetable in this pack · {walk}").format(
            kind=_stop_kind(mode), walk=walk_short(walk_min))
    return _("{kind} · lines {lines} · {walk}").format(
        kind=_stop_kind(mode), lines=", ".join(lines), walk=walk_short(walk_min))


def stop_rows(stops: list) -> list[tuple[str, str]]:
    """A profile's stops as (name, words) rows; a row with no name is a note.  Stops with lines
    first; then the stops the pack has no timetable for, apart, under a note that says which
    lines stop there is not known (a bare bus-stop sign is not "a bus goes here"), the nearest
    few by name and the rest counted (a city block can have dozens)."""
    rows = [(s.stop, stop_text(s.mode, s.lines, s.walk_min)) for s in stops if s.lines]
    untimed = [s for s in stops if not s.lines]
    if not untimed:
        return rows
    n = len(untimed)
    rows.append(("", ngettext(
        "{n} stop this pack has no timetable for: which buses or trains stop there, and when, "
        "is not known.",
        "{n} stops this pack has no timetable for: which buses or trains stop there, and when, "
        "is not known.", n).format(n=format_number(n))))
    # TRANSLATORS: a stop with no timetable, under the note above: "Bus stop · 3 min walk".
    rows += [(s.stop, _("{kind} · {walk}").format(kind=_stop_kind(s.mode), walk=walk_short(s.walk_min)))
             for s in untimed[:UNTIMED_SHOWN]]
    if n > UNTIMED_SHOWN:
        more = n - UNTIMED_SHOWN
        # TRANSLATORS: after the nearest stops with no timetable: how many more there are.
        rows.append(("", ngettext("…and {n} more, a little further.", "…and {n} more, a little "
                                  "further.", more).format(n=format_number(more))))
    return rows


# --- the zoned school -----------------------------------------------------------------------------


def zoned_heading(n: int) -> str:
    return ngettext("Your zoned school", "Your zoned schools", n)


def zoned_explanation(n: int, place: str | None) -> str:
    """What being zoned means for the family; ``place`` when the zone was found for a ZIP code's
    centre or a stop rather than their own door (then it is a condition, not a promise)."""
    if place is not None:
        return ngettext(
            "The zoned school for {place}. If your home is in its zone, your child has a "
            "place here.",
            "The zoned schools for {place}. If your home is in their zones, your child has a "
            "place at them.", n).format(place=place)
    return ngettext("Your child has a place here. You can still apply to other schools.",
                    "Your child has a place at these schools. You can still apply to other "
                    "schools.", n)
