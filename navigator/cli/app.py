"""``navigator`` with no command: open the desktop app (or ``--self-test`` it), on the pack the
options, the settings file or the pack folder name; the app's modules are imported only here."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from navigator.cli.common import app_installed, need_the_app, note_left_out
from navigator.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    app = parser.add_argument_group("the app (`navigator` with no command opens it)")
    app.add_argument("--lang", metavar="CODE", help="the language to open in, e.g. es or ko")
    app.add_argument("--kiosk", action="store_true",
                     help="kiosk mode: full screen, starts over when idle, saves nothing; "
                          "the attendant quits with Ctrl+Alt+Shift+Q")
    app.add_argument("--idle-timeout", type=int, metavar="SECONDS",
                     help="kiosk: seconds without a touch before the 'still there?' countdown "
                          "(default 180, or NAVIGATOR_IDLE_TIMEOUT, or the settings file)")
    app.add_argument("--config", type=Path, metavar="PATH", help="settings file (see docs/configuration.md)")
    app.add_argument("--self-test", action="store_true",
                     help="open the app offscreen, search, load the map, check it stays offline, exit")
    app.add_argument("--json", action="store_true",
                     help="with --self-test: print one JSON object (ok, network_requests, "
                          "basemap_tiles, pdf_languages, printers, seconds, ...)")


def run(args: argparse.Namespace) -> int:
    """`navigator` opens the desktop app (options override the settings file)."""
    from navigator.config import load_config
    from navigator.resources import demo_pack

    config = load_config(args.config)
    for warning in config.warnings:
        print(f"navigator: {warning}", file=sys.stderr)
    from navigator.catalogue.install import installed_packs

    installed = installed_packs(config.pack_folder_or_default())
    from navigator.catalogue.pack import open_pack
    from navigator.catalogue.signing import pack_trust

    try:  # a bad pack is one sentence on the terminal and, for the app, on the screen
        pack = args.pack or config.pack or installed.pack_to_open() or demo_pack()
        with open_pack(pack) as opened:
            note_left_out(opened)
    except UserError as err:
        if not args.self_test and app_installed():
            from navigator.gui.app import show_problem

            show_problem(str(err))
        raise
    try:  # with trusted keys set, a pack not signed with one is refused, before any window
        trust = pack_trust(pack, config.trusted_keys, config.keys_configured,
                           bundled=Path(pack).resolve() == demo_pack().resolve())
    except UserError as err:
        if not args.self_test and app_installed():
            from navigator.gui.app import show_problem

            show_problem(str(err), untrusted=True)
        raise
    need_the_app()
    if args.self_test:
        from navigator.gui.selftest import run_self_test

        return run_self_test(pack, as_json=args.json)
    from navigator.gui.app import idle_timeout, run_app

    previous = installed.previous if installed.current == pack else None
    return run_app(pack, lang=args.lang or config.language, kiosk=args.kiosk or config.kiosk,
                   idle_timeout_s=idle_timeout(args.idle_timeout, config.idle_timeout_s),
                   export_folder=config.export_folder, printer_name=config.printer,
                   trust=trust, previous_pack=previous)
