"""``navigator translations status [--strict]``: each catalogue's completeness and review state.

For the lead and the reviewers: how many messages each language has translated (fuzzy ones count
as not yet), whether its plural forms are whole, and whether a person who speaks it has signed it
off (``X-Navigator-Review`` in the catalogue's header).  ``--strict`` exits 1 when any catalogue
is incomplete, for a release check.
"""

from __future__ import annotations

import argparse


def add_parser(commands) -> None:
    translations = commands.add_parser("translations", help="the translation catalogues' state")
    actions = translations.add_subparsers(dest="action", required=True)
    status = actions.add_parser("status", help="each catalogue's completeness and review state")
    status.add_argument("--strict", action="store_true",
                        help="exit 1 when any catalogue is incomplete (untranslated, fuzzy or "
                             "with missing plural forms)")


def run(args: argparse.Namespace) -> int:
    from navigator.translation_tools import catalogues_status, status_table

    statuses = catalogues_status()
    print(status_table(statuses))
    return 1 if args.strict and not all(s.complete for s in statuses) else 0
