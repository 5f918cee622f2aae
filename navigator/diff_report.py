"""Saying what changed between two packs, in a family's or a counsellor's language.

One sentence per change (``change_sentence``), the way a counsellor would say it: "Valle Verde
Choices: magnet programs now closes on January 28, 2027, not February 4, 2027."  Dates, numbers
and distances are in the language's own format; distances in the region's unit.
"""

from __future__ import annotations

from datetime import date, time

from babel import dates as babel_dates

from navigator.catalogue.codes import LANGUAGE_NAMES, kind_label, standard_codes
from navigator.catalogue.diff import Change, PackDiff
from navigator.i18n import (
    N_,
    babel_locale,
    format_count,
    format_date,
    format_distance,
    translations_for,
)
from navigator.indicators import name as indicator_name

SECTIONS = (
    ("school", ("school_added", "school_closed", "school_renamed", "school_moved")),
    ("feature", ("feature_added", "feature_removed")),
    ("apply", ("process_added", "process_removed", "deadline_moved", "deadline_added",
               "deadline_removed", "priorities_changed")),
    ("results", ("results_new_year",)),
    ("sources", ("source_updated",)),
)
_STANDARD = standard_codes()


def _words(texts: dict[str, str], lang: str) -> str:
    """A pack text in ``lang``, else in English."""
    return texts.get(lang) or texts.get("en") or ""


def when(day: str, at: str | None, lang: str) -> str:
    """``January 28, 2027`` or ``January 28, 2027 at 5:00 PM`` in the language's own style."""
    t = translations_for(lang)
    text = format_date(date.fromisoformat(day), lang)
    if not at:
        return text
    pattern = "aaaa h:mm" if lang == "ko" else "short"  # as the printed list writes it (오후 5:00)
    clock = babel_dates.format_time(time.fromisoformat(at), format=pattern, locale=babel_locale(lang))
    return t.gettext(N_("{date} at {time}")).format(date=text, time=clock)


def built_day(built_at: str, lang: str) -> str:
    """A pack's build time (UTC ISO) as a date, or the text as it is if it is not one."""
    try:
        return format_date(date.fromisoformat(built_at[:10]), lang)
    except ValueError:
        return built_at


def code_words(change: Change, lang: str) -> str:
    """The programme, service or language, with its detail (the language of a dual-language
    programme) in words."""
    t = translations_for(lang)
    info = change.info
    category, code = info["category"], info["code"]
    standard = _STANDARD.get((category, code))
    if category == "language" and code in LANGUAGE_NAMES:
        label = t.gettext(LANGUAGE_NAMES[code])
    elif standard is not None:
        label = t.gettext(standard.label)
    else:
        label = _words(info.get("label") or {}, lang) or code
    detail = info.get("detail") or ""
    if detail in LANGUAGE_NAMES:
        detail = t.gettext(LANGUAGE_NAMES[detail])
    return f"{label} ({detail})" if detail else label


def _priorities(codes: list[str], labels: dict, lang: str) -> str:
    t = translations_for(lang)
    if not codes:
        return t.gettext(N_("not said"))
    names = []
    for rank, code in enumerate(codes, start=1):
        standard = _STANDARD.get(("priority", code))
        name = t.gettext(standard.label) if standard else _words(labels.get(code) or {}, lang) or code
        # TRANSLATORS: one admission priority in its order, e.g. "1. Brother or sister at the school".
        names.append(t.pgettext("priority in order", "{rank}. {name}").format(rank=rank, name=name))
    return ", ".join(names)  # numbered already: "1. A, 2. B" (no "and" before the last)


def change_sentence(change: Change, lang: str, unit: str = "mi") -> str:
    """One change in plain words, in ``lang``."""
    text = _sentence(change, lang, unit)
    return text[:-1] if text.endswith("..") else text  # "5:00 p.m." ends a Spanish sentence


def _sentence(change: Change, lang: str, unit: str) -> str:
    t = translations_for(lang)
    _ = t.gettext
    info = change.info
    process = _words(info.get("process_name") or {}, lang)
    kind = change.kind
    if kind == "school_added":
        return _("New school: {name}.").format(name=info["name"])
    if kind == "school_closed":
        if change.new:
            return _("{name} has closed.").format(name=info["name"])
        return _("{name} is no longer in the list of schools.").format(name=info["name"])
    if kind == "school_renamed":
        return _("{old} is now called {new}.").format(old=change.old, new=change.new)
    if kind == "school_moved":
        distance = format_distance(info["distance_m"] / 1000, lang, unit)  # type: ignore[arg-type]
        address = ", ".join(p for p in (change.new.get("address"), change.new.get("city")) if p)
        if address:
            return _("{name} has moved {distance}: the new address is {address}.").format(
                name=info["name"], distance=distance, address=address)
        return _("{name} has moved {distance}.").format(name=info["name"], distance=distance)
    if kind in ("feature_added", "feature_removed"):
        return _feature(change, lang)
    if kind == "process_added":
        return _("New way to apply: {process}.").format(process=process)
    if kind == "process_removed":
        return _("{process} is no longer listed.").format(process=process)
    if kind == "deadline_moved":
        return _moved(change, process, lang)
    if kind in ("deadline_added", "deadline_removed"):
        label = _words(info.get("label") or {}, lang) or kind_label(info["deadline_kind"], lang)
        moment = change.new if kind == "deadline_added" else change.old
        day = when(moment["date"], moment["time"], lang)
        if kind == "deadline_added":
            return _("New date for {process}: {label}, {date}.").format(
                process=process, label=label, date=day)
        return _("A date was removed from {process}: {label}, {date}.").format(
            process=process, label=label, date=day)
    if kind == "priorities_changed":
        labels = info.get("labels") or {}
        return _("Who gets a place first in {process} has changed: now {new}; before: {old}.").format(
            process=process, new=_priorities(change.new, labels, lang),
            old=_priorities(change.old, labels, lang))
    if kind == "results_new_year":
        return _("{name}: new school results ({indicator}, {year}).").format(
            name=info["name"], indicator=indicator_name(info["indicator"], lang), year=change.new)
    if kind == "source_updated":
        new = format_date(date.fromisoformat(change.new), lang) if change.new else _("no date")
        old = format_date(date.fromisoformat(change.old), lang) if change.old else _("no date")
        return _("{source} ({publisher}) is now up to date as of {new}, not {old}.").format(
            source=info["name"], publisher=info["publisher"], new=new, old=old)
    return change.kind


def _feature(change: Change, lang: str) -> str:
    _ = translations_for(lang).gettext
    name, what = change.info["name"], code_words(change, lang)
    language = change.info["category"] == "language"
    if change.kind == "feature_added":
        if language:
            return _("Staff at {name} now speak {language}.").format(name=name, language=what)
        return _("{name} now offers {program}.").format(name=name, program=what)
    if change.new == "unknown":
        return _("{name}: {program} is no longer listed, so it is now unknown.").format(
            name=name, program=what)
    if language:
        return _("Staff at {name} no longer speak {language}.").format(name=name, language=what)
    return _("{name} no longer offers {program}.").format(name=name, program=what)


def _moved(change: Change, process: str, lang: str) -> str:
    _ = translations_for(lang).gettext
    new = when(change.new["date"], change.new["time"], lang)
    old = when(change.old["date"], change.old["time"], lang)
    kind = change.info["deadline_kind"]
    if kind == "closes":
        return _("{process} now closes on {new}, not {old}.").format(process=process, new=new, old=old)
    if kind == "opens":
        return _("{process} now opens on {new}, not {old}.").format(process=process, new=new, old=old)
    if kind == "lottery":
        return _("The lottery for {process} is now on {new}, not {old}.").format(
            process=process, new=new, old=old)
    if kind == "notification":
        return _("Families now hear the result of {process} on {new}, not {old}.").format(
            process=process, new=new, old=old)
    if kind == "accept_by":
        return _("The last day to accept a place ({process}) is now {new}, not {old}.").format(
            process=process, new=new, old=old)
    label = _words(change.info.get("label") or {}, lang) or process
    return _("{label} ({process}) is now on {new}, not {old}.").format(
        label=label, process=process, new=new, old=old)


def section_title(section: str, lang: str) -> str:
    _ = translations_for(lang).gettext
    return {"school": _("Schools"), "feature": _("Programs and services"),
            "apply": _("How to apply, and dates"), "results": _("School results"),
            "sources": _("Sources")}[section]


def format_diff(diff: PackDiff, lang: str = "en") -> str:
    """The whole report: a heading, then each section's changes (results summed up)."""
    t = translations_for(lang)
    heading = N_("What changed in {region}: the information built on {old}, and on {new}")
    lines = [t.gettext(heading).format(
        region=diff.new.region_name, old=built_day(diff.old.built_at, lang),
        new=built_day(diff.new.built_at, lang))]
    if not diff.changes:
        return "\n".join(lines + ["", t.gettext(N_("Nothing changed."))])
    for section, kinds in SECTIONS:
        changes = [c for c in diff.changes if c.kind in kinds]
        if not changes:
            continue
        lines += ["", section_title(section, lang)]
        if section == "results":
            lines += [f"  • {s}" for s in _results_summary(changes, lang)]
            continue
        lines += [f"  • {change_sentence(c, lang, diff.new.distance_unit)}" for c in changes]
    return "\n".join(lines)


def _results_summary(changes: list[Change], lang: str) -> list[str]:
    """School results: one line per indicator and year, not one per school."""
    groups: dict[tuple[str, str], int] = {}
    for change in changes:
        key = (change.info["indicator"], change.new)
        groups[key] = groups.get(key, 0) + 1
    t = translations_for(lang)
    return [t.gettext(N_("New school results: {indicator}, {year} ({schools}).")).format(
        indicator=indicator_name(code, lang), year=year,
        schools=format_count(n, "{n} school", "{n} schools", lang))
        for (code, year), n in sorted(groups.items())]
