"""``navigator catalogue fetch|build|validate|info|template|diff|keygen|sign|verify|install``:
fetching sources, making, checking and keeping a catalogue current.

A thin layer over the core (``fetch.py``, ``catalogue/build/``, ``validate.py``, ``info.py``,
``diff.py``, ``signing.py``, ``install.py``): every problem a person can fix is a UserError (one
sentence, exit code 2).  Modules are imported inside the handlers, so the app never loads the builder's tools.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(commands) -> None:
    catalogue = commands.add_parser("catalogue", help="build, check and describe packs")
    catalogue_commands = catalogue.add_subparsers(dest="catalogue_command", required=True)
    fetch = catalogue_commands.add_parser(
        "fetch", help="download a region's public sources (the only command that uses the network)")
    fetch.add_argument("region", type=Path, help="the region's TOML file (its sources' url keys)")
    fetch.add_argument("--into", type=Path, required=True, metavar="DIR",
                       help="the folder to download into (each source's path under it); build "
                            "from it with 'catalogue build REGION.toml --from DIR'")
    build = catalogue_commands.add_parser("build", help="build a pack from a region TOML")
    build.add_argument("region", type=Path, help="the region's TOML file")
    build.add_argument("--out", type=Path, required=True, help="where to write the pack")
    build.add_argument("--strict", action="store_true",
                       help="fail on any row-level problem instead of skipping the row")
    build.add_argument("--from", dest="sources", type=Path, metavar="DIR",
                       help="the folder 'catalogue fetch' downloaded the region's sources into")
    validate = catalogue_commands.add_parser(
        "validate", help="check a pack (exit 0: sound, warnings aside; 1: problems; 2: not a pack)")
    validate.add_argument("pack", type=Path)
    info = catalogue_commands.add_parser("info", help="describe a pack")
    info.add_argument("pack", type=Path)
    info.add_argument("--json", action="store_true", help="print JSON")
    _add_upkeep_commands(catalogue_commands)


def _add_upkeep_commands(commands) -> None:
    template = commands.add_parser(
        "template", help="a workbook (.xlsx) for district staff, prefilled from a region's sources")
    template.add_argument("region", type=Path, help="the region's TOML file")
    template.add_argument("--out", type=Path, required=True, help="the workbook to write (.xlsx)")
    template.add_argument("--lang", metavar="CODE",
                          help="the language of the explanations (default: the region's)")
    template.add_argument("--from", dest="sources", type=Path, metavar="DIR",
                          help="the folder 'catalogue fetch' downloaded the region's sources into")

    diff = commands.add_parser("diff", help="what changed between two packs")
    diff.add_argument("old", type=Path, help="the older pack")
    diff.add_argument("new", type=Path, help="the newer pack")
    diff.add_argument("--lang", metavar="CODE", default="en", help="the report's language")
    diff.add_argument("--json", action="store_true", help="print JSON")

    keygen = commands.add_parser("keygen", help="make a signing key (and its public key)")
    keygen.add_argument("--out", type=Path, required=True,
                        help="the private key file to write (KEYFILE; KEYFILE.pub beside it)")
    keygen.add_argument("--signer", help="who signs, as the app shows it (default: your login name)")

    sign = commands.add_parser("sign", help="sign a pack (writes PACK.sig beside it)")
    sign.add_argument("pack", type=Path)
    sign.add_argument("--key", type=Path, required=True, help="the private key file from keygen")

    verify = commands.add_parser("verify", help="check a pack's signature")
    verify.add_argument("pack", type=Path)
    verify.add_argument("--key", action="append", metavar="PUBLIC",
                        help="a public key (KEYFILE.pub, or its ed25519:... text); default: the "
                             "trusted keys in the settings file")
    verify.add_argument("--config", type=Path, metavar="PATH", help="settings file")

    install = commands.add_parser(
        "install", help="install a pack (from a USB stick) into the app's pack folder")
    install.add_argument("source", type=Path, nargs="?", metavar="PACK_OR_FOLDER",
                         help="a pack, or a folder holding one (with its .sig)")
    install.add_argument("--rollback", action="store_true",
                         help="go back to the pack installed before the current one")
    install.add_argument("--config", type=Path, metavar="PATH", help="settings file")


def run(args: argparse.Namespace) -> int:
    return globals()[f"_{args.catalogue_command}"](args)


def _fetch(args: argparse.Namespace) -> int:
    from navigator.catalogue.fetch import fetch_region, terminal_progress

    for found in fetch_region(args.region, args.into, terminal_progress()):
        resumed = f", resumed after {found.resumed_from:,} bytes" if found.resumed_from else ""
        print(f"Fetched {found.path} ({found.bytes:,} bytes{resumed}), SHA-256 {found.sha256}")
    print(f"To build the pack: navigator catalogue build {args.region} --from {args.into} "
          "--out PACK")
    return 0


def _build(args: argparse.Namespace) -> int:
    from navigator.catalogue.build.basemap_estimate import estimate_basemap
    from navigator.catalogue.build.builder import build_pack
    from navigator.catalogue.build.region import load_region

    estimate = estimate_basemap(load_region(args.region, args.sources).section("basemap"))
    if estimate is not None:  # before the wait, not after it
        print(estimate.sentence(), flush=True)
    report = build_pack(args.region, args.out, strict=args.strict, sources_dir=args.sources)
    print(report.summary())
    print(f"Wrote {args.out}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from navigator.catalogue.pack import open_pack
    from navigator.catalogue.validate import validate, warnings

    with open_pack(args.pack) as pack:
        problems = validate(pack)
        cautions = warnings(pack)
        version = pack.schema_version
    for caution in cautions:  # worth fixing soon, but the pack is still sound: exit 0
        print(f"{args.pack}: warning: {caution}", file=sys.stderr)
    if problems:
        print(f"{args.pack}: {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{args.pack}: valid (schema version {version}).")
    return 0


def _info(args: argparse.Namespace) -> int:
    from navigator.catalogue.info import format_info, pack_info
    from navigator.catalogue.pack import open_pack

    with open_pack(args.pack) as pack:
        info = pack_info(pack)
    print(json.dumps(info, indent=2, ensure_ascii=False) if args.json else format_info(info))
    return 0


def _template(args: argparse.Namespace) -> int:
    from navigator.catalogue.build.template import write_template

    template = write_template(args.region, args.out, args.lang, args.sources)
    names = ", ".join(sheet.name for sheet in template.sheets)
    print(f"Wrote {args.out} (sheets: {names}).")
    print("To build from it, name its sheets in the region file instead of the CSV files:\n")
    print(template.region_entries())
    return 0


def _diff(args: argparse.Namespace) -> int:
    from navigator.catalogue.diff import diff_packs
    from navigator.catalogue.pack import open_pack
    from navigator.diff_report import format_diff

    with open_pack(args.old) as old, open_pack(args.new) as new:
        changes = diff_packs(old, new)
        if args.json:
            print(json.dumps(changes.to_json(), indent=2, ensure_ascii=False))
        else:
            print(format_diff(changes, args.lang))
    return 0


def _keygen(args: argparse.Namespace) -> int:
    import getpass

    from navigator.catalogue.signing import generate_key

    public = generate_key(args.out, args.signer or getpass.getuser())
    print(f"Wrote the private key {args.out} (keep it secret: it signs packs).")
    print(f"Wrote the public key {public.path}; to trust it on a kiosk, add to navigator.toml:")
    print(f'trusted_keys = ["{public.text}"]')
    return 0


def _sign(args: argparse.Namespace) -> int:
    from navigator.catalogue.signing import sign_pack

    signature = sign_pack(args.pack, args.key)
    print(f"Signed {args.pack} as {signature.signer} (key {signature.key_id}); wrote "
          f"{signature.path}.")
    return 0


def _trusted(keys: list[str] | None, config_path: Path | None):
    from navigator.catalogue.signing import read_public_key
    from navigator.config import load_config

    if keys:
        return [read_public_key(k) for k in keys]
    config = load_config(config_path)
    for warning in config.warnings:
        print(f"navigator: {warning}", file=sys.stderr)
    return config.trusted_keys


def _verify(args: argparse.Namespace) -> int:
    from navigator.catalogue.signing import verify_pack
    from navigator.errors import UserError

    keys = _trusted(args.key, args.config)
    if not keys:
        raise UserError("There is no trusted key to check the pack with; pass --key PUBLIC (the "
                        ".pub file from keygen) or set trusted_keys in navigator.toml.")
    signature = verify_pack(args.pack, keys)
    print(f"{args.pack}: signed by {signature.signer} (key {signature.key_id}) on "
          f"{signature.signed_at}; the signature is good.")
    return 0


def _install(args: argparse.Namespace) -> int:
    from navigator.catalogue.install import install_pack, rollback
    from navigator.config import load_config
    from navigator.errors import UserError

    config = load_config(args.config)
    for warning in config.warnings:
        print(f"navigator: {warning}", file=sys.stderr)
    folder = config.pack_folder_or_default()
    if args.rollback:
        if args.source is not None:
            raise UserError("--rollback takes no pack: it goes back to the one installed before.")
        print(rollback(folder, config.trusted_keys, config.keys_configured))
        return 0
    if args.source is None:
        raise UserError("Name the pack to install (a .sqlite file, or the folder on the USB stick "
                        "that holds it), or use --rollback.")
    print(install_pack(args.source, folder, config.trusted_keys, config.keys_configured))
    return 0
