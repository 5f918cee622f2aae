"""Official school results in the family's words: one wording for the profile, the compare view,
the sorted list and the printed list.

Why a module of its own (and no Qt in it): the app and the exports must say the same thing the same
way, in any language, and the rules are easy to break one screen at a time:

* status and change always together, each with the publisher's level in words, translated;
* a value the publisher withheld for a small group says so ("to protect privacy"), never 0;
* a school without results says "No results reported" and, when the pack knows, why;
* plain explanations of every indicator; no score of our own, no stars, no colours.

Every function takes the language (``None``: the screen's current language).
"""

from __future__ import annotations

from navigator.catalogue.codes import INDICATORS
from navigator.i18n import N_, format_number, translations_for, translator

# TRANSLATORS: shown with every result: what "change" means, in plain words.
CHANGE_EXPLANATION = N_("Change: how this year's result compares with the year before. The level "
                        "words (from “declined significantly” to “increased significantly”) and the "
                        "levels of the result (from “very low” to “very high”) are the state's own.")

GROUPS = {
    "ALL": N_("All students"),
    "EL": N_("English learners"),
    "SWD": N_("Students with disabilities"),
    "SED": N_("Low-income students"),
}
GROUPS_EXPLANATION = N_("Results can be shown for a group of students beside all students. English "
                        "learners: students still learning English. Students with disabilities: "
                        "students with an IEP. Low-income students: the state's "
                        "“socioeconomically disadvantaged” group, mostly students whose families "
                        "qualify for free or reduced-price school meals.")

# The publisher's level words (as the pack stores them, in English) -> our messages.
STATUS_LEVELS = {
    # TRANSLATORS: the state's level of a school result (status), from "Very low" to "Very high".
    "very low": N_("Very low"),
    # TRANSLATORS: the state's level of a school result (status).
    "low": N_("Low"),
    # TRANSLATORS: the state's level of a school result (status).
    "medium": N_("Medium"),
    # TRANSLATORS: the state's level of a school result (status).
    "high": N_("High"),
    # TRANSLATORS: the state's level of a school result (status).
    "very high": N_("Very high"),
}
CHANGE_LEVELS = {
    # TRANSLATORS: the state's level of the change in a school result from the year before.
    "declined significantly": N_("Declined significantly"),
    # TRANSLATORS: the state's level of the change in a school result from the year before.
    "declined": N_("Declined"),
    # TRANSLATORS: the state's level of the change in a school result (stayed about the same).
    "maintained": N_("Maintained"),
    # TRANSLATORS: the state's level of the change in a school result from the year before.
    "increased": N_("Increased"),
    # TRANSLATORS: the state's level of the change in a school result from the year before.
    "increased significantly": N_("Increased significantly"),
}

MISSING_REASONS = {
    "virtual": N_("This is an online school: its results are not in this data."),
    "special_school": N_("This is a special-education school: schools like it often have too few "
                         "tested students for results to be published."),
    "no_tested_grades": N_("State tests start in grade 3, and this school has no tested grades."),
}


def _t(lang: str | None):
    return translations_for(lang or translator.language)


def known_codes(codes) -> list[str]:
    """The indicator codes in our fixed order (never by value), known ones first."""
    codes = set(codes)
    return [c for c in INDICATORS if c in codes] + sorted(codes - set(INDICATORS))


def pack_indicators(pack) -> list[str]:
    """The indicators the pack has results for, in a fixed order: the same rows for every school."""
    return known_codes(c for (c,) in pack.conn.execute("SELECT DISTINCT indicator FROM indicators"))


def pack_groups(pack) -> list[str]:
    """The student groups the pack has results for, "ALL" first."""
    found = {g for (g,) in pack.conn.execute("SELECT DISTINCT student_group FROM indicators")}
    return [g for g in GROUPS if g in found] + sorted(found - set(GROUPS))


def higher_is_better(code: str) -> bool | None:
    info = INDICATORS.get(code)
    return info.higher_is_better if info else None


def name(code: str, lang: str | None = None) -> str:
    info = INDICATORS.get(code)
    return _t(lang).gettext(info.name) if info else code


def short(code: str, lang: str | None = None) -> str:
    info = INDICATORS.get(code)
    return _t(lang).gettext(info.short) if info else ""


def explanation(code: str, lang: str | None = None) -> str:
    """The "?" text: what the indicator measures, then what "change" means."""
    _ = _t(lang).gettext
    info = INDICATORS.get(code)
    first = _(info.explanation) if info else ""
    return "\n\n".join(x for x in (first, _(CHANGE_EXPLANATION)) if x)


def group_name(group: str, lang: str | None = None) -> str:
    message = GROUPS.get(group)
    return _t(lang).gettext(message) if message else group


def level(word: str | None, kind: str, lang: str | None = None) -> str:
    """The publisher's level word translated (``kind`` "status" or "change"); a word we do not
    know is shown as the publisher wrote it."""
    if not word:
        return ""
    table = STATUS_LEVELS if kind == "status" else CHANGE_LEVELS
    message = table.get(word.strip().lower())
    if message is None:
        return word
    return _t(lang).gettext(message)


def _number(value: float, lang: str | None) -> str:
    return format_number(abs(value), lang or translator.language, decimals=1)


def status_value(item: dict, lang: str | None = None) -> str:
    """"39.6 points below the standard" / "12.0%"; "" when there is no value."""
    value = item.get("status")
    if value is None:
        return ""
    _ = _t(lang).gettext
    info = INDICATORS.get(item.get("indicator", ""))
    if info is not None and info.unit == "percent":
        return _("{percent}%").format(percent=_number(value, lang))
    if value > 0:
        return _("{points} points above the standard").format(points=_number(value, lang))
    if value < 0:
        return _("{points} points below the standard").format(points=_number(value, lang))
    return _("At the standard")


def change_value(item: dict, lang: str | None = None) -> str:
    """"+15.4 points" / "−7.6 points" (percentage points for rates); "" when unknown."""
    value = item.get("change")
    if value is None:
        return ""
    _ = _t(lang).gettext
    info = INDICATORS.get(item.get("indicator", ""))
    number = _number(value, lang)
    if info is not None and info.unit == "percent":
        if value > 0:
            return _("+{points} percentage points").format(points=number)
        if value < 0:
            return _("−{points} percentage points").format(points=number)
        return _("{points} percentage points").format(points=number)
    if value > 0:
        return _("+{points} points").format(points=number)
    if value < 0:
        return _("−{points} points").format(points=number)
    return _("{points} points").format(points=number)


def _with_level(value: str, word: str) -> str:
    return value if not word else f"{value} ({word})" if value else word


def status_text(item: dict, lang: str | None = None) -> str:
    """The result this year with its level: "39.6 points below the standard (Low)"."""
    _ = _t(lang).gettext
    if item.get("suppressed"):
        return withheld(lang)
    text = _with_level(status_value(item, lang), level(item.get("status_level"), "status", lang))
    return text or _("Unknown")


def change_text(item: dict, lang: str | None = None) -> str:
    """The change from the year before with its level: "+15.4 points (Increased significantly)"."""
    _ = _t(lang).gettext
    if item.get("suppressed"):
        return withheld(lang)
    text = _with_level(change_value(item, lang), level(item.get("change_level"), "change", lang))
    return text or _("Unknown")


def withheld(lang: str | None = None) -> str:
    _ = _t(lang).gettext
    return _("Not reported (small group, to protect privacy)")


def not_reported(lang: str | None = None) -> str:
    _ = _t(lang).gettext
    return _("No results reported")


def missing_reason(reason: str | None, lang: str | None = None) -> str:
    """Why a school has no results, when the pack lets us say; else that the data does not say."""
    _ = _t(lang).gettext
    message = MISSING_REASONS.get(reason or "")
    return _(message) if message else _("The data does not say why. Ask the school.")


def students_text(n: int | None, lang: str | None = None) -> str:
    t = _t(lang)
    _ = t.gettext
    if n is None:
        return _("Unknown")
    return t.ngettext("{n} student", "{n} students", n).format(
        n=format_number(n, lang or translator.language))


def together(item: dict | None, lang: str | None = None) -> str:
    """Status and change in one sentence (the sorted list, the printed list): never one alone."""
    _ = _t(lang).gettext
    if item is None or (item.get("status") is None and not item.get("suppressed")
                        and item.get("year") is None):
        return not_reported(lang)
    if item.get("suppressed"):
        return withheld(lang)
    return _("{status}; change from the year before: {change}").format(
        status=status_text(item, lang), change=change_text(item, lang))


def headline(item: dict, lang: str | None = None) -> str:
    """"English language arts — All students, 2026": which result a sentence is about (no
    parentheses: a group's name may carry its own, "English learners (EL)")."""
    _ = _t(lang).gettext
    if item.get("year"):
        # TRANSLATORS: which school result: its name, the student group and the year.
        return _("{indicator} — {group}, {year}").format(
            indicator=name(item["indicator"], lang), group=group_name(item["group"], lang),
            year=item["year"])
    return title(item["indicator"], item["group"], lang)


def title(code: str, group: str, lang: str | None = None) -> str:
    """"Mathematics — English learners": one result for one student group."""
    _ = _t(lang).gettext
    # TRANSLATORS: a school result and the student group it is for.
    return _("{indicator} — {group}").format(indicator=name(code, lang),
                                             group=group_name(group, lang))


def latest(items: list[dict], code: str, group: str) -> dict | None:
    """A school's latest published row for one indicator and group (None: not in the data)."""
    rows = [i for i in items if i["indicator"] == code and i["group"] == group]
    return max(rows, key=lambda i: str(i["year"])) if rows else None
