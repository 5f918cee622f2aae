"""Deployment settings, read once at start from one documented TOML file.

A kiosk laptop is set up by someone once and then used by hundreds of families:
a bad value must never stop the app.  Each problem becomes one warning sentence
and that setting falls back to its safe default.

Where the file is looked for, first found wins: ``--config PATH``, the
``NAVIGATOR_CONFIG`` environment variable, ``navigator.toml`` beside the app
(the build folder, or the source checkout), then the user's config folder
(``~/.config/navigator/navigator.toml`` on Linux).
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from navigator.errors import UserError
from navigator.resources import app_root
from navigator.small_files import read_small_text

FILE_NAME = "navigator.toml"
# Read by size first: a settings file is a few lines; a key list longer than this is a mistake.
MAX_SETTINGS_BYTES = 256 * 1024
MAX_TRUSTED_KEYS = 16
PACKS = "packs"  # the installed packs' folder, in the user's data folder unless pack_folder says


def default_pack_folder() -> Path:
    """``~/.local/share/navigator/packs`` (Linux), ``%LOCALAPPDATA%\\navigator\\packs`` (Windows)."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "navigator" / PACKS
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "navigator" / PACKS


@dataclass
class Config:
    kiosk: bool = False
    idle_timeout_s: int = 180  # kiosk only: a countdown, then start over
    language: str | None = None  # None: the pack's default language
    pack: Path | None = None  # None: the bundled demo pack
    export_folder: Path | None = None  # counsellor mode: where lists and exports are offered
    printer: str | None = None  # None: the system default printer
    # Where `navigator catalogue install` puts packs (None: default_pack_folder()), and the public
    # keys a pack must be signed with.  Keys named but none readable still count as configured,
    # so a typo refuses every pack rather than trusting any.
    pack_folder: Path | None = None
    trusted_keys: list = field(default_factory=list)  # navigator.catalogue.signing.PublicKey
    keys_configured: bool = False
    source: Path | None = None  # the file these came from, if any
    warnings: list[str] = field(default_factory=list)

    def pack_folder_or_default(self) -> Path:
        return self.pack_folder or default_pack_folder()


def candidate_paths(explicit: Path | None = None) -> list[Path]:
    paths = []
    if explicit is not None:
        paths.append(explicit)
    if os.environ.get("NAVIGATOR_CONFIG"):
        paths.append(Path(os.environ["NAVIGATOR_CONFIG"]))
    if getattr(sys, "frozen", False):
        paths.append(Path(sys.executable).resolve().parent / FILE_NAME)
    paths.append(app_root() / FILE_NAME)
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    paths.append(base / "navigator" / FILE_NAME)
    return paths


def load_config(explicit: Path | None = None) -> Config:
    """The settings in force; never raises for a bad file or value (see ``warnings``)."""
    config = Config()
    if explicit is not None and not explicit.is_file():
        what = "is not a regular file" if explicit.exists() else "does not exist"
        config.warnings.append(f"The settings file {explicit} {what}; using the defaults.")
        return config
    path = next((p for p in candidate_paths(explicit) if p.is_file()), None)
    if path is None:
        return config
    config.source = path
    try:
        data = tomllib.loads(read_small_text(path, MAX_SETTINGS_BYTES, "The settings file"))
    except UserError as err:
        config.warnings.append(f"{err} Using the defaults.")
        return config
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as err:
        config.warnings.append(f"The settings file {path} cannot be read ({err}); using the defaults.")
        return config
    known = {f.name for f in fields(Config)} - {"source", "warnings", "keys_configured"}
    for key in sorted(set(data) - known):
        config.warnings.append(f"{path}: unknown setting {key!r} ignored; known settings: "
                               f"{', '.join(sorted(known))}.")
    _set(config, data, path)
    return config


def _set(config: Config, data: dict, path: Path) -> None:
    def warn(key: str, expected: str) -> None:
        config.warnings.append(f"{path}: {key} = {data[key]!r} is not {expected}; using the "
                               f"default ({getattr(Config, key, None)!r}).")

    if "kiosk" in data:
        if isinstance(data["kiosk"], bool):
            config.kiosk = data["kiosk"]
        else:
            warn("kiosk", "true or false")
    if "idle_timeout_s" in data:
        value = data["idle_timeout_s"]
        if isinstance(value, int) and not isinstance(value, bool) and 30 <= value <= 3600:
            config.idle_timeout_s = value
        else:
            warn("idle_timeout_s", "a whole number of seconds from 30 to 3600")
    if "language" in data:
        value = data["language"]
        if isinstance(value, str) and 2 <= len(value) <= 8:
            config.language = value
        else:
            warn("language", "a language code such as \"es\"")
    for key in ("pack", "export_folder"):
        if key in data:
            value = data[key]
            if not isinstance(value, str) or not value:
                warn(key, "a path")
                continue
            target = Path(value).expanduser()
            if not target.is_absolute():
                target = path.parent / target
            exists = target.is_file() if key == "pack" else target.is_dir()
            if exists:
                setattr(config, key, target)
            else:
                config.warnings.append(f"{path}: {key} = {value!r}: {target} does not exist; "
                                       "using the default.")
    if "printer" in data:
        if isinstance(data["printer"], str) and data["printer"]:
            config.printer = data["printer"]
        else:
            warn("printer", "a printer name")
    if "pack_folder" in data:
        value = data["pack_folder"]
        target = Path(value).expanduser() if isinstance(value, str) and value else None
        if target is not None and not target.is_absolute():
            target = path.parent / target
        if target is None or (target.exists() and not target.is_dir()):
            warn("pack_folder", "a folder (it is created when a pack is installed)")
        else:
            config.pack_folder = target
    if "trusted_keys" in data:
        _keys(config, data["trusted_keys"], path)


def _keys(config: Config, value: object, path: Path) -> None:
    """Each trusted key, as ``ed25519:...`` text or a .pub file; a bad one is one warning."""
    from navigator.catalogue.signing import read_public_key

    config.keys_configured = True
    if not isinstance(value, list):
        value = [value]
    if len(value) > MAX_TRUSTED_KEYS:
        config.warnings.append(f"{path}: trusted_keys names {len(value)} keys; only the first "
                               f"{MAX_TRUSTED_KEYS} are read (a district needs one or two).")
        value = value[:MAX_TRUSTED_KEYS]
    for item in value:
        try:
            if not isinstance(item, str):
                raise UserError("it is not text")
            config.trusted_keys.append(read_public_key(item, path.parent))
        except UserError as err:
            shown = repr(item) if len(repr(item)) <= 80 else repr(item)[:79] + "…"
            config.warnings.append(f"{path}: trusted_keys entry {shown} cannot be used ({err}); "
                                   "packs signed with it will be refused.")
