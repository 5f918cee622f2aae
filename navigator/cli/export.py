"""`navigator export`: the family's list as PDF, calendar, spreadsheet or web page.

    navigator export --pack PACK --list LIST.json --format pdf|ics|csv|html
                     --lang CODE [--second-lang CODE] --out FILE [--today YYYY-MM-DD]

The list may be a household (list version 2: every child, one PDF with a section per child and
every date once, one calendar, one spreadsheet with a child column) or one child's list (version
1, exported as it always was).

``--lang`` defaults to the list's language; ``--second-lang`` adds a second
language side by side (a counsellor's print; the app passes the list's
``second_language`` itself, the command line only prints what it is asked); ``--today`` (default: the
computer's date) is the day countdowns count from.  Bad input is one sentence
and exit code 2, and no output file is left behind.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from navigator.cli.common import add_pack_option, iso_day, note_left_out, pack_path
from navigator.errors import UserError
from navigator.exports import FORMATS


def add_parser(commands) -> None:
    add_arguments(commands.add_parser(
        "export", help="the family's list as PDF, calendar, CSV or web page"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_pack_option(parser)
    parser.add_argument("--list", type=Path, required=True, dest="list_path",
                        help="the family's list file (LIST.json, see docs/list-format.md)")
    parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt",
                        help="pdf, ics (calendar), csv (spreadsheet) or html (one web page)")
    parser.add_argument("--lang", help="language of the export (default: the list's language)")
    parser.add_argument("--second-lang", dest="second_lang",
                        help="a second language printed side by side (default: none)")
    parser.add_argument("--out", type=Path, required=True, help="the file to write")
    parser.add_argument("--today", type=iso_day, help="count days from this date (YYYY-MM-DD)")


def _language(code: str | None, what: str) -> str | None:
    from navigator.i18n import available_languages

    if code is None:
        return None
    known = {language.code.lower(): language.code for language in available_languages()}
    wanted = code.replace("-", "_").lower()
    if wanted not in known:
        raise UserError(f"No {what} {code!r}; use one of: {', '.join(sorted(known.values()))}.")
    return known[wanted]


def run(args: argparse.Namespace) -> int:
    """Write the export; a UserError propagates (the caller prints it and exits with 2)."""
    from navigator.catalogue.pack import open_pack
    from navigator.exports.household import export_household
    from navigator.household.listfile import check_against_pack

    household = _load(args.list_path)
    lang = _language(args.lang or household.language or "en", "language")
    second = _language(args.second_lang, "second language")
    today = args.today or date.today()  # the one place the clock is read
    with open_pack(pack_path(args)) as pack:
        if len(household.children) > 1:
            check_against_pack(household, pack, f"The list {args.list_path}")
        export_household(pack, household, args.fmt, lang, today, args.out, second)
        note_left_out(pack)
        trips = []
        for child in household.children:
            lines = _trip_lines(pack, household.child_list(child), lang, today)
            if lines and len(household.children) > 1:
                from navigator.household.together_text import who
                from navigator.i18n import in_language

                with in_language(lang):
                    lines.insert(0, who(household, child.number))
            trips += lines
    print(f"Wrote {args.out}")
    for line in trips:
        print(line)
    return 0


def _trip_lines(pack, family_list, lang: str, today: date) -> list[str]:
    """Each listed school's trip as the export says it, when the family asked for trip times."""
    from navigator.list_trips import list_trips

    trips = list_trips(pack, family_list, today)
    if trips is None:
        return []
    names = dict(pack.conn.execute("SELECT id, name FROM schools"))
    lines = [trips.settings_text(lang)]
    for rank, school_id in enumerate(family_list.ids(), start=1):
        words = trips.summary(school_id, lang)
        if words:
            lines.append(f"  {rank}. {names.get(school_id, school_id)}: {words}")
    return lines


def _load(path: Path):
    """The list as a household: a version-2 file through the household reader, a version-1
    file through the one-child reader (its own sentences, and its notes on what it mended,
    such as a school listed twice) as a household of one."""
    from navigator.household.listfile import VERSION, list_version, load_household
    from navigator.household.model import Household
    from navigator.shortlist import load_list

    if list_version(path) == VERSION:
        return load_household(path)
    return Household.from_family_list(_noted(load_list(path)))


def _noted(family_list):
    for notice in family_list.notices:
        print(f"navigator: note: {notice}", file=sys.stderr)
    return family_list


def main(argv: list[str] | None = None) -> int:
    """Standalone entry (``python -m navigator.cli.export``), as `navigator export` behaves."""
    parser = argparse.ArgumentParser(prog="navigator export", description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except UserError as err:
        print(f"navigator: {err}", file=sys.stderr)
        return err.exit_code


if __name__ == "__main__":
    sys.exit(main())
