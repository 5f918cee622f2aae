"""The household on the command line.

    navigator search --household HOUSEHOLD.json [--together [--apart-km X | --apart-mi X]]
                     [--limit N] [--lang L] [--json]
    navigator show SCHOOL_ID --household HOUSEHOLD.json [--lang L] [--json]
    navigator household HOUSEHOLD.json [--lang L] [--today YYYY-MM-DD] [--json]

With ``--household`` the home, every child's grade and needs come from the file, so the options
that set them (``--zip``, ``--grade``, ``--program``...) are refused rather than half-applied.
A bad file (an unknown school, a grade a listed school does not teach, seven children, a wrong
type) is one sentence and exit code 2, before anything is printed.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from navigator.cli.common import add_pack_option, iso_day, pack_path
from navigator.errors import UserError
from navigator.geo import KM_PER_MILE
from navigator.walking import NEAR_KM

if TYPE_CHECKING:
    from navigator.household.model import Household

# The search options a household file replaces (its home, grades and needs).
_SET_BY_FILE = ("zip", "near", "address", "stop", "grade", "within_km", "within_mi",
                "walk_min", "sector", "level", "program", "el", "sped", "language", "transit",
                "transit_within_m", "line", "one_seat", "open_on", "text", "drop_unknown",
                "order", "group")


def add_search_arguments(parser: argparse.ArgumentParser) -> None:
    """``--household`` and what goes with it, on ``navigator search``."""
    group = parser.add_argument_group("a household (brothers and sisters planned together)")
    group.add_argument("--household", type=Path, metavar="FILE",
                       help="a household list file: each child's own search, from its home")
    group.add_argument("--together", action="store_true",
                       help="with --household: schools that fit every child (the same school or "
                            "campus, or schools close together)")
    group.add_argument("--apart-km", type=float, metavar="X",
                       help=f"with --together: how far apart the schools may be (default "
                            f"{NEAR_KM / KM_PER_MILE:g} mile)")
    group.add_argument("--apart-mi", type=float, metavar="X", help="the same in miles")


def add_show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--household", type=Path, metavar="FILE",
                        help="also say what brothers and sisters mean at this school")


def add_parser(commands) -> None:
    household = commands.add_parser(
        "household", help="a household's lists: findings across children, every date once")
    add_pack_option(household)
    household.add_argument("file", type=Path, help="the household list file (docs/list-format.md)")
    household.add_argument("--lang", help="language of the findings (default: the file's)")
    household.add_argument("--today", type=iso_day, help="count days from this date (YYYY-MM-DD)")
    household.add_argument("--json", action="store_true", help="print JSON")


def wants_household(args: argparse.Namespace) -> bool:
    if getattr(args, "household", None) is None:
        for name in ("together", "apart_km", "apart_mi"):
            if getattr(args, name, None):
                raise UserError(f"--{name.replace('_', '-')} needs --household FILE.")
        return False
    return True


# --- navigator search --household -------------------------------------------------------------


def run_search(args: argparse.Namespace) -> int:
    from navigator.catalogue.pack import open_pack
    from navigator.household.listfile import open_household
    from navigator.household.together import together
    from navigator.i18n import in_language
    from navigator.search.engine import SearchEngine

    given = [name for name in _SET_BY_FILE if getattr(args, name, None) not in (None, [], False)]
    if given:
        raise UserError(f"--household takes the home, grades and needs from the file; leave out "
                        f"--{given[0].replace('_', '-')}.")
    if args.limit is not None and args.limit < 1:
        raise UserError("--limit must be 1 or more.")
    near_km = _apart(args)
    lang = getattr(args, "lang", None) or "en"
    with open_pack(pack_path(args)) as pack:
        household = open_household(args.household, pack)
        engine = SearchEngine(pack)
        if args.together:
            from navigator.transit.between import between_schools

            today = getattr(args, "today", None) or date.today()
            result = together(pack, household, engine=engine, near_km=near_km, limit=args.limit,
                              trip_minutes=between_schools(engine, today))
            if args.json:
                print(json.dumps(result.to_json(lang) | {"children": _children(household)},
                                 ensure_ascii=False, indent=2))
            else:
                print(format_together(household, result, lang, pack.region.distance_unit))
            return 0
        from dataclasses import replace

        from navigator.cli.results_text import format_list
        from navigator.household.model import child_query

        queries = [(child, replace(child_query(household, child), limit=args.limit))
                   for child in household.children]
        results = [(child, query, engine.search(query)) for child, query in queries]
        if args.json:
            print(json.dumps({"children": [
                _child_json(child) | {"search": result.to_json()}
                for child, _query, result in results]}, ensure_ascii=False, indent=2))
            return 0
        with in_language(getattr(args, "lang", None)):
            blocks = [f"{_heading(household, child)}\n{format_list(pack, query, result)}"
                      for child, query, result in results]
    print("\n\n".join(blocks))
    return 0


def _apart(args: argparse.Namespace) -> float:
    if args.apart_km is not None and args.apart_mi is not None:
        raise UserError("Give --apart-km or --apart-mi, not both.")
    value = args.apart_km if args.apart_km is not None else \
        (args.apart_mi * KM_PER_MILE if args.apart_mi is not None else NEAR_KM)
    if not value > 0:
        raise UserError("--apart-km/--apart-mi must be a positive number.")
    if (args.apart_km is not None or args.apart_mi is not None) and not args.together:
        raise UserError("--apart-km/--apart-mi only apply with --together.")
    return value


def _child_json(child) -> dict:
    from navigator.household.model import child_label

    return {"child": child.number, "label": child_label(child, "en"), "grade": child.grade}


def _children(household: Household) -> list[dict]:
    return [_child_json(c) for c in household.children]


def _heading(household: Household, child) -> str:
    """A child's name and grade in the screen language, underlined."""
    from navigator.household.together_text import who

    text = who(household, child.number)
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)  # Hangul: 2
    return f"{text}\n{'-' * width}"


def _household_lines(household: Household, warnings, entries, names: dict, lang: str) -> list[str]:
    """`navigator household` on a terminal: each child's list, the findings across the
    children, then every date once, all in the family's language (as the household PDF)."""
    from navigator.household.together_text import who
    from navigator.i18n import _, format_clock, format_date

    lines = []
    for child in household.children:
        lines.append(who(household, child.number))
        for rank, school in enumerate(child.schools, start=1):
            lines.append(f"  {rank}. {names.get(school.id, school.id)}")
        if not child.schools:
            lines.append("  " + _("Your list has no schools yet."))
    for entry in household.attending:
        lines.append(_("{sibling} already attends {school}.").format(
            sibling=entry.label, school=names.get(entry.school_id, entry.school_id)))
    lines += ["", _("Across your children")]
    for warning in warnings:
        for i, text in enumerate(warning.message(lang).splitlines()):
            lines.append(("  * " if i == 0 else "    ") + text)
    if not warnings:
        lines.append("  " + _("We found nothing to add across your children's lists."))
    lines += ["", _("Every date, once")]
    for e in entries:
        label = e.entry.label.value if e.entry.label else e.entry.kind
        when = format_date(e.entry.date, lang)
        if e.entry.time:
            when = _("{date} at {time}").format(date=when, time=format_clock(e.entry.time, lang))
        lines.append(f"  {when}: {label} ({e.entry.process.name.value}) — "
                     f"{e.names(household, lang)}")
    return lines


def format_together(household: Household, result, lang: str, unit: str = "mi") -> str:
    """Options as a counsellor reads them on a terminal, in the family's language and the
    region's unit (the same words as the app's Together screen)."""
    from navigator.household import together_text as words
    from navigator.i18n import _, in_language

    with in_language(lang):
        lines = []
        if result.home:
            lines.append(_("Home: {place}").format(place=result.home["matched"]))
        lines += words.summary_lines(household, result, unit)
        has_home = result.home is not None
        for rank, option in enumerate(result.options, start=1):
            lines.append(f"{rank:>3}. {words.option_heading(option, unit)}")
            for fit in option.fits:
                lines.append("     " + words.fit_line(household, fit, unit, has_home))
            for leg in option.legs:
                trip = words.leg_line(leg)
                if trip:
                    lines.append("     " + trip)
            for note in option.notes:
                for i, text in enumerate(note.message(lang).splitlines()):
                    lines.append(("     * " if i == 0 else "       ") + text)
    return "\n".join(lines)


# --- navigator show --household ---------------------------------------------------------------


def run_show(args: argparse.Namespace) -> int:
    from navigator.catalogue.pack import open_pack
    from navigator.cli.profile_text import format_profile
    from navigator.cli.show import profile_json
    from navigator.household.listfile import open_household
    from navigator.household.siblings import school_sibling_notes
    from navigator.i18n import _, in_language
    from navigator.profile import school_profile

    with open_pack(pack_path(args)) as pack, in_language(getattr(args, "lang", None)) as lang:
        household = open_household(args.household, pack)
        profile = school_profile(pack, args.school_id, lang)
        notes = school_sibling_notes(pack, household, args.school_id)
        if args.json:
            data = profile_json(profile)
            data["household"] = {"children": _children(household),
                                 "siblings": [n.to_json(lang) for n in notes]}
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return 0
        lines = [format_profile(pack, profile, lang, date.today()), "", _("Brothers and sisters")]
        for note in notes:
            for i, text in enumerate(note.message(lang).splitlines()):
                lines.append(("  * " if i == 0 else "    ") + text)
        if not notes:
            lines.append("  " + _("Nothing is recorded about brothers and sisters at this school "
                                  "for your household."))
    print("\n".join(lines))
    return 0


# --- navigator household ------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """`navigator household FILE`."""
    from navigator.catalogue.pack import open_pack
    from navigator.household.check import check_household, household_timeline
    from navigator.household.listfile import open_household
    from navigator.i18n import in_language
    from navigator.search.engine import SearchEngine

    today = args.today or date.today()  # the one place this command reads the clock
    with open_pack(pack_path(args)) as pack:
        household = open_household(args.file, pack)
        lang = args.lang or household.language or "en"
        from navigator.transit.between import between_schools

        warnings = check_household(pack, household, today,
                                   trip_minutes=between_schools(SearchEngine(pack), today))
        entries = household_timeline(pack, household, lang, today)
        names = {i: n for i, n in pack.conn.execute("SELECT id, name FROM schools")}
    if args.json:
        print(json.dumps({
            "children": [_child_json(c) | {"schools": c.ids()} for c in household.children],
            "attending": [{"label": a.label, "school_id": a.school_id}
                          for a in household.attending],
            "warnings": [w.to_json(lang) for w in warnings],
            "timeline": [{"deadline_id": e.entry.deadline_id, "date": e.entry.date.isoformat(),
                          "time": e.entry.time, "kind": e.entry.kind,
                          "process": e.entry.process.id, "children": e.children,
                          "schools": e.entry.schools, "days_left": e.entry.days_left}
                         for e in entries]}, ensure_ascii=False, indent=2))
        return 0
    with in_language(lang):
        lines = _household_lines(household, warnings, entries, names, lang)
    print("\n".join(lines))
    return 0
