"""What every command shares: the pack option, dates, the home and the trip options, the note on
what a pack left out, and the one way a command ends (exit codes).

Exit codes: 0 done; 1 ``catalogue validate`` found problems; 2 bad input (a :class:`UserError`:
one sentence on stderr, saying what, where and how to fix it); 70 a fault in Navigator itself
(one sentence too; ``NAVIGATOR_DEBUG=1`` shows the traceback).

Only the standard library is imported here at start-up: a command's modules are imported inside
its functions, so ``navigator search --help`` does not load the search engine.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

from navigator.errors import UserError

INTERNAL_ERROR = 70  # EX_SOFTWARE: a fault in Navigator itself, not in what it was given


def run_guarded(run: Callable[[], int]) -> int:
    """Run a command: every UserError is one sentence and its exit code, a closed pipe is quiet,
    and any other fault is one sentence and :data:`INTERNAL_ERROR`, never a traceback."""
    try:
        return run()
    except UserError as err:
        print(f"navigator: {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:  # the output went to `head` or a closed pager: nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as err:  # noqa: BLE001 - nobody using Navigator should meet a traceback
        if os.environ.get("NAVIGATOR_DEBUG"):
            raise
        print(f"navigator: Navigator stopped because of a problem in Navigator itself "
              f"({type(err).__name__}: {err}); nothing was written. Please report it "
              "(NAVIGATOR_DEBUG=1 shows the details).", file=sys.stderr)
        return INTERNAL_ERROR


def app_installed() -> bool:
    """Whether the desktop app can run here: it needs Qt (the ``gui`` extra)."""
    from importlib.util import find_spec

    return find_spec("PySide6") is not None


def need_the_app() -> None:
    """Without Qt, opening the app is one sentence, not a fault."""
    if not app_installed():
        raise UserError("The desktop app is not installed here (Qt is missing): install Navigator "
                        "with its gui extra (pip install 'navigator[gui]'), or use a command such "
                        "as 'navigator search --help'.")


def note_left_out(pack) -> None:
    """Say once, on the terminal, which of the pack's entries Navigator could not use."""
    note = pack.left_out_note()
    if note:
        print(f"navigator: note: {note}", file=sys.stderr)


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    """``--pack`` after the command (``navigator --pack P COMMAND`` works as well)."""
    parser.add_argument("--pack", type=Path, default=argparse.SUPPRESS,
                        help="catalogue pack (default: the demo pack)")


def pack_path(args: argparse.Namespace) -> Path:
    """The pack a command reads: ``--pack``, else the bundled demo pack."""
    from navigator.resources import demo_pack

    return getattr(args, "pack", None) or demo_pack()


def iso_day(text: str) -> date:
    """An argparse type: a YYYY-MM-DD date."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") \
            from None


# --- the home and the trip (navigator search, navigator trip) -----------------------------------


def add_trip_arguments(parser: argparse.ArgumentParser) -> None:
    """When and how a trip by bus or train is made (search and `navigator trip`)."""
    parser.add_argument("--arrive-by", metavar="HH:MM",
                        help="arrive by this time (default: each school's start time, else 08:00)")
    parser.add_argument("--on", metavar="YYYY-MM-DD", dest="on_date",
                        help="the school day of the trip (default: today, or Monday at a weekend)")
    parser.add_argument("--max-transfers", type=int, default=2, metavar="N",
                        help="at most N changes of bus or train (default 2)")
    parser.add_argument("--max-walk", type=float, default=10.0, metavar="M",
                        help="at most M minutes' walk at either end of a trip (default 10)")


def trip_settings(args: argparse.Namespace) -> dict:
    """The Query fields of a trip, checked: one sentence for a time or date that is not one."""
    arrive_by = None
    if args.arrive_by:
        text = args.arrive_by.strip()
        try:
            hours, minutes = (int(part) for part in text.split(":"))
            if not (0 <= hours <= 23 and 0 <= minutes <= 59 and len(text.split(":")[1]) == 2):
                raise ValueError
        except ValueError:
            raise UserError(f"--arrive-by {args.arrive_by!r} is not a time of day; write it HH:MM "
                            "on the 24-hour clock, e.g. 07:45.") from None
        arrive_by = time(hours, minutes)
    on_date = None
    if args.on_date:
        try:
            on_date = date.fromisoformat(args.on_date)
        except ValueError:
            raise UserError(f"--on {args.on_date!r} is not a date; write it YYYY-MM-DD, "
                            "e.g. 2026-09-15.") from None
    if args.max_transfers < 0:
        raise UserError(f"--max-transfers {args.max_transfers} is negative; give 0 or more.")
    if args.max_walk <= 0:
        raise UserError(f"--max-walk {args.max_walk:g} must be a positive number of minutes.")
    return {"arrive_by": arrive_by, "on_date": on_date, "max_transfers": args.max_transfers,
            "trip_walk_min": args.max_walk}


def home_from_args(pack, args: argparse.Namespace):
    """The home (a :class:`navigator.search.query.Home`) from --zip, --address, --stop or --near
    (None when none is given), refused in one sentence when it lies outside the region."""
    from navigator.search.location import (
        ensure_in_region,
        home_from_address,
        home_from_point,
        home_from_stop,
        home_from_zip,
    )

    home = None
    if args.zip:
        home = home_from_zip(pack, args.zip)
    elif args.address:
        home = home_from_address(pack, args.address)
    elif args.stop:
        home = home_from_stop(pack, args.stop)
    elif args.near:
        try:
            lat, lon = (float(part) for part in args.near.split(","))
        except ValueError:
            raise UserError(f"--near {args.near!r} must be latitude,longitude, "
                            "e.g. 34.0522,-118.2437.") from None
        home = home_from_point(lat, lon)
    if home is not None:
        ensure_in_region(pack, home)
    return home
