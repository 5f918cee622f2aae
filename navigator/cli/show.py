"""`navigator show`: one school's full profile, as the app's profile screen shows it.

The same words as the app, in the language asked for (``--lang``): the app's catalogue for the
labels, the code labels of ``navigator.vocabulary`` for programmes and services, the pack's own
translations for its texts, and the family's date formats (:mod:`navigator.cli.profile_text`).
``--json`` prints the raw record (codes and ISO dates) for scripts.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from navigator.cli.common import add_pack_option, note_left_out, pack_path


def add_parser(commands) -> argparse.ArgumentParser:
    show = commands.add_parser("show", help="one school's full profile")
    add_pack_option(show)
    add_arguments(show)
    return show


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("school_id", help="the school's id (from 'navigator search')")
    parser.add_argument("--lang", default=argparse.SUPPRESS, metavar="CODE",
                        help="the language to print in, e.g. es or ko (default en)")
    parser.add_argument("--json", action="store_true",
                        help="print JSON (codes and ISO dates, for scripts)")


def run(args: argparse.Namespace) -> int:
    from navigator.catalogue.pack import open_pack
    from navigator.cli.profile_text import format_profile
    from navigator.i18n import in_language
    from navigator.profile import school_profile

    with open_pack(pack_path(args)) as pack, in_language(getattr(args, "lang", None)) as lang:
        profile = school_profile(pack, args.school_id, lang)
        note_left_out(pack)
        if args.json:
            print(json.dumps(profile_json(profile), ensure_ascii=False, indent=2))
        else:
            print(format_profile(pack, profile, lang, date.today()))
    return 0


def profile_json(profile) -> dict:
    """A profile as ``--json`` prints it: the record, with each source's name and date."""
    data = profile.to_json()
    data["sources"] = {k: {"name": v.name, "publisher": v.publisher, "file": v.file,
                           "as_of": v.as_of} for k, v in profile.sources.items()}
    return data
