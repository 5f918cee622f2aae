"""Together options in the family's words: the same sentences on the app's Together screen and
on the command line (``navigator search --household F --together``).

Everything is in the current language (``navigator.i18n``; the command line sets it from
``--lang``), distances in the region's unit (miles in the US), grades and sectors in the words
of :mod:`navigator.facts`, so a school reads the same here as in the results list.
"""

from __future__ import annotations

from navigator import facts
from navigator.facts import grade_name
from navigator.household.model import Household, child_label
from navigator.household.together import Leg, TogetherOption
from navigator.i18n import N_, _, ngettext, translator

KIND_WORDS = {"same_school": N_("The same school"), "same_campus": N_("The same campus"),
              "close": N_("Schools close together")}


def who(household: Household, number: int) -> str:
    """"Luis (kindergarten)": a child and their grade."""
    child = household.child(number)
    lang = translator.language
    grade = grade_name(child.grade, lang) if child.grade is not None else _("grade not chosen")
    # TRANSLATORS: a child and their grade, e.g. "Luis (kindergarten)".
    return _("{child} ({grade})").format(child=child_label(child, lang), grade=grade)


def option_heading(option: TogetherOption, unit: str) -> str:
    """"Schools close together · 0.6 mi apart · 2.1 mi from home in all"."""
    parts = [_(KIND_WORDS[option.kind])]
    if option.kind != "same_school":
        parts.append(_("{distance} apart").format(
            distance=facts.distance_short(option.apart_km, unit)))
    if option.combined_km is not None:
        parts.append(_("{distance} from home in all").format(
            distance=facts.distance_short(option.combined_km, unit)))
    return " · ".join(parts)


def fit_line(household: Household, fit, unit: str, has_home: bool) -> str:
    """"Luis (kindergarten): Namu..., Charter school, K-8, 1.2 mi · 25 min walk; ✓ 2 · ✗ 0 · ? 1"."""
    r = fit.school
    zoned = " " + _("(your zoned school)") if r.zoned else ""
    counts = _("✓ {matched} met · ✗ {unmet} not met · ? {unknown} unknown").format(
        matched=len(r.matched), unmet=len(r.unmet), unknown=len(r.unknown))
    return _("{child}: {school}{zoned}, {type}, {grades}, {distance}; {counts}").format(
        child=who(household, fit.child), school=r.name, zoned=zoned,
        type=facts.sector_text(r.sector), grades=facts.span_short(r.grade_low, r.grade_high),
        distance=facts.distance_text(r, unit, has_home), counts=counts)


def leg_line(leg: Leg) -> str | None:
    """The trip between two schools by public transit, where the timetable says."""
    if leg.trip_min is None:
        return None
    minutes = round(leg.trip_min)
    return ngettext("Between the schools by bus or train: about {n} minute.",
                    "Between the schools by bus or train: about {n} minutes.",
                    minutes).format(n=minutes)


def summary_lines(household: Household, result, unit: str) -> list[str]:
    """What was weighed: how many schools fit each child, how far apart they may be, how many
    options were found."""
    lines = [_("Schools at most {distance} apart that fit every child:").format(
        distance=facts.distance_short(result.near_km, unit))]
    for number, count in result.candidates.items():
        lines.append(ngettext("{child}: {n} school fits on its own",
                              "{child}: {n} schools fit on their own", count).format(
            child=who(household, number), n=count))
    lines.append(ngettext("{n} option found", "{n} options found", result.count).format(
        n=result.count))
    if not result.options:
        lines.append(_("No school, campus or nearby pair fits every child. Choose fewer needs "
                       "for one of them, or let the schools be farther apart."))
    return lines
