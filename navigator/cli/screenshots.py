"""``navigator screenshots OUTDIR``: a picture of every screen and dialog, per language and look."""

from __future__ import annotations

import argparse
from pathlib import Path

from navigator.cli.common import need_the_app


def add_parser(commands) -> None:
    shots = commands.add_parser("screenshots",
                                help="save a picture of every screen and dialog, per language")
    shots.add_argument("outdir", type=Path, help="folder for OUTDIR/<lang>/<variant>/NN-<shot>.png")
    shots.add_argument("--lang", dest="langs", action="append", metavar="CODE",
                       help="a language to shoot (repeat; default: en, es, ko)")
    shots.add_argument("--variant", dest="variants", action="append",
                       choices=["normal", "largest", "contrast"],
                       help="normal text, the largest text, or high contrast (repeat; default: all)")
    shots.add_argument("--pack", type=Path, default=argparse.SUPPRESS,
                       help="catalogue pack (default: the demo pack)")
    shots.add_argument("--home", metavar="ZIP",
                       help="the family's ZIP code (default: 00104 on the demo pack, else the "
                            "pack's first ZIP, else the ZIP at the middle of its schools)")


def run(args: argparse.Namespace) -> int:
    need_the_app()
    from navigator.gui.screenshots import DEFAULT_LANGUAGES, VARIANTS, take_screenshots

    shots = take_screenshots(args.outdir, args.langs or DEFAULT_LANGUAGES, args.pack,
                             args.variants or VARIANTS, home=args.home)
    print(f"Wrote {len(shots)} screenshots under {args.outdir}")
    return 0
