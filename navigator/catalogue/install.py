"""Installing a pack from a USB stick into the app's pack folder, keeping the one before it.

Why: a kiosk attendant plugs in the district's stick and runs one command.  Whatever happens
(a stick pulled out, the power cut, the command killed), the laptop must keep a pack that opens.

The folder holds each installed pack under its own name (region, build time, hash) with its
signature beside it, and ``installed.json``, which names the current pack and the previous one.
A new pack is checked (signature, build time), copied to a temporary file while its bytes are
hashed again, checked once more as a pack, renamed into place, and only then does one
``os.replace`` of ``installed.json`` make it current.  Until that rename the old pack is the
current one, whole and untouched; after it, the old pack is kept as the previous one for
``--rollback``.  Older packs and leftovers of an interrupted copy are removed afterwards.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from navigator.catalogue.signing import (
    CHUNK,
    PublicKey,
    Signature,
    file_digest,
    signature_path,
    verify_pack,
)
from navigator.errors import UserError

INDEX = "installed.json"
FORMAT = "navigator-installed-packs"
SUFFIX = ".sqlite"


@dataclass
class Installed:
    """The packs in a pack folder: the current one and the one before it (either may be None)."""

    folder: Path
    current: Path | None = None
    previous: Path | None = None


def installed_packs(folder: Path) -> Installed:
    """What ``installed.json`` names (packs that are missing are left out, never guessed)."""
    found = Installed(folder)
    try:
        data = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return found
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return found
    for role in ("current", "previous"):
        name = data.get(role)
        if isinstance(name, str) and re.fullmatch(r"[A-Za-z0-9._-]+", name) \
                and (folder / name).is_file():
            setattr(found, role, folder / name)
    return found


def _write_index(folder: Path, current: Path, previous: Path | None) -> None:
    text = json.dumps({"format": FORMAT, "version": 1, "current": current.name,
                       "previous": previous.name if previous else None}, indent=2) + "\n"
    temp = folder / f".{INDEX}.{os.getpid()}.partial"
    with temp.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, folder / INDEX)
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def find_pack(source: Path) -> Path:
    """The pack a path names: a .sqlite file, or the one pack in a folder (a USB stick's)."""
    if source.is_file():
        return source
    if not source.is_dir():
        raise UserError(f"{source} does not exist; check the path to the pack or the USB stick.")
    packs = sorted(p for p in source.iterdir() if p.suffix == SUFFIX and p.is_file())
    if not packs:
        raise UserError(f"The folder {source} holds no pack (a .sqlite file); check the USB stick.")
    if len(packs) > 1:
        raise UserError(f"The folder {source} holds {len(packs)} packs "
                        f"({', '.join(p.name for p in packs)}); name the one to install.")
    return packs[0]


def _meta(path: Path) -> dict[str, str]:
    from navigator.catalogue.pack import open_pack

    with open_pack(path) as pack:
        return {"region_id": pack.region.id, "region_name": pack.region.name,
                "built_at": pack.region.built_at}


def _check(pack: Path, keys: list[PublicKey], keys_configured: bool) -> Signature | None:
    if not keys_configured:
        return None
    if not keys:
        raise UserError("The settings name trusted keys, but none of them can be read; fix "
                        "trusted_keys in navigator.toml (nothing was installed).")
    return verify_pack(pack, keys)


def install_pack(source: Path, folder: Path, keys: list[PublicKey], keys_configured: bool) -> str:
    """Install the pack; one sentence saying what was done (a UserError if it was refused)."""
    pack = find_pack(source)
    meta = _meta(pack)
    signature = _check(pack, keys, keys_configured)
    installed = installed_packs(folder)
    current = _meta(installed.current) if installed.current else None
    if current and current["region_id"] == meta["region_id"]:
        if meta["built_at"] == current["built_at"] and \
                file_digest(pack)[1] == file_digest(installed.current)[1]:
            return f"This pack (built {meta['built_at']}) is already installed; nothing changed."
        if meta["built_at"] <= current["built_at"]:
            raise UserError(
                f"This pack was built {meta['built_at']}, not after the installed one "
                f"({current['built_at']}); nothing was changed (to go back to the pack before, "
                "use --rollback).")
    folder.mkdir(parents=True, exist_ok=True)
    expected = signature.sha256 if signature else None
    target = _copy(pack, folder, meta, expected)
    _write_index(folder, target, installed.current)
    _tidy(folder)
    how = (f"signed by {signature.signer} (key {signature.key_id})" if signature
           else "not checked: no trusted keys are set in navigator.toml")
    return (f"Installed {meta['region_name']} (built {meta['built_at']}, {how}) as "
            f"{target}; the previous pack is kept for --rollback.")


def _copy(pack: Path, folder: Path, meta: dict[str, str], expected: str | None) -> Path:
    """Copy the pack (and its signature) in under a temporary name, hashing what was written,
    then rename it into place; on any failure nothing is left behind."""
    import hashlib

    stamp = re.sub(r"[^0-9A-Za-z]", "", meta["built_at"]) or "unbuilt"
    temp = folder / f".{pack.name}.{os.getpid()}.partial"
    digest = hashlib.sha256()
    try:
        with pack.open("rb") as src, temp.open("wb") as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha256 = digest.hexdigest()
        if expected is not None and sha256 != expected:
            raise UserError(f"The pack {pack.name} changed while it was being copied (or the USB "
                            "stick could not be read whole); nothing was changed: copy it again.")
        _meta(temp)  # it opens as a pack
        target = folder / f"{meta['region_id']}-{stamp}-{sha256[:12]}{SUFFIX}"
        sig = signature_path(pack)
        if sig.is_file():
            sig_temp = folder / f".{sig.name}.{os.getpid()}.partial"
            sig_temp.write_bytes(sig.read_bytes())
            os.replace(sig_temp, signature_path(target))
        os.replace(temp, target)
        _sync_folder(folder)
        return target
    except OSError as err:
        raise UserError(f"The pack could not be copied into {folder} ({err.strerror or err}); "
                        "nothing was changed: check the disk has room.") from None
    finally:
        temp.unlink(missing_ok=True)


def _tidy(folder: Path) -> None:
    """Remove packs neither current nor previous, and leftovers of interrupted copies."""
    installed = installed_packs(folder)
    keep = {p.name for p in (installed.current, installed.previous) if p}
    keep |= {signature_path(Path(name)).name for name in keep}
    for path in folder.iterdir():
        leftover = path.name.endswith(".partial")
        old = path.suffix in (SUFFIX, ".sig") and path.name not in keep
        if (leftover or old) and path.is_file():
            path.unlink(missing_ok=True)


def rollback(folder: Path, keys: list[PublicKey], keys_configured: bool = False) -> str:
    """Make the previous pack current again (the current one becomes the previous)."""
    installed = installed_packs(folder)
    if installed.previous is None or installed.current is None:
        raise UserError(f"There is no previous pack to go back to in {folder}.")
    _check(installed.previous, keys, keys_configured)
    _write_index(folder, installed.previous, installed.current)
    meta = _meta(installed.previous)
    return (f"Back to {meta['region_name']} built {meta['built_at']} ({installed.previous.name}); "
            "the newer pack is kept, and --rollback again returns to it.")
