"""The command line: ``navigator [COMMAND] ...``, a thin layer over the core.

One module per command (``catalogue``, ``search``, ``show``, ``household``, ``trip``, ``export``,
``screenshots``, ``translations``, ``bench``, ``reach``; ``app`` for ``navigator`` with no
command, which opens the desktop app) over :mod:`navigator.cli.common` (shared options, exit
codes).  Each command module has
``add_parser(commands)`` and ``run(args)``, and imports what it needs inside ``run``, so starting
a command loads only that command.  A household file extends ``search`` and ``show``
(``--household``): :mod:`navigator.cli.household` adds those options and answers them.

The command line is the top layer: it may start the app (lazily), and nothing imports it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from navigator import __version__
from navigator.cli import (
    app,
    bench,
    catalogue,
    export,
    household,
    reach,
    screenshots,
    search,
    show,
    translations,
    trip,
)
from navigator.cli.common import run_guarded

RUN = {"catalogue": catalogue.run, "search": search.run, "show": show.run,
       "household": household.run, "trip": trip.run, "export": export.run,
       "screenshots": screenshots.run, "bench": bench.run,
       "translations": translations.run, "reach": reach.run}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="navigator", description="Find public schools that fit your child, offline.")
    parser.add_argument("--version", action="version", version=f"navigator {__version__}")
    parser.add_argument("--pack", type=Path, help="catalogue pack to open (default: the demo pack)")
    app.add_arguments(parser)
    commands = parser.add_subparsers(dest="command")
    catalogue.add_parser(commands)
    household.add_search_arguments(search.add_parser(commands))
    household.add_show_arguments(show.add_parser(commands))
    household.add_parser(commands)
    trip.add_parser(commands)
    export.add_parser(commands)
    reach.add_parser(commands)
    screenshots.add_parser(commands)
    translations.add_parser(commands)
    bench.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return run_guarded(lambda: _run(args))


def _run(args: argparse.Namespace) -> int:
    if args.command is None:
        return app.run(args)
    if args.command == "search" and household.wants_household(args):
        return household.run_search(args)
    if args.command == "show" and args.household is not None:
        return household.run_show(args)
    return RUN[args.command](args)
