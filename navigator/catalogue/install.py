"""Installing a pack from a USB stick into the app's pack folder, keeping the one before it.

Why: a kiosk attendant plugs in the district's stick and runs one command.  Whatever happens
(a stick pulled out, the power cut, the command killed, a second install started by a double
click), the laptop must keep a whole, verified pack that opens, and never go back to an older
one than it has had (``install_state.py`` says how, after TUF and SQLite).

The folder holds each installed pack under its own name (region, build time, hash) with its
signature beside it, and ``installed.json``.  Holding the folder's lock, an install removes what
a killed one left, checks the new pack (signature, region, build time against the newest build
of its region ever installed), copies it and its signature in under temporary names while
hashing the bytes, checks the copy itself as it will be opened (signature, hash, pack), renames
the signature and then the pack into place, and only then commits ``installed.json``: until that
rename the old pack is current, whole and untouched; after it, the old pack is kept as the
previous one for ``--rollback``.  Packs neither current nor previous are removed last.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from navigator.catalogue.install_state import (
    SUFFIX,
    TEMP_PREFIX,
    Build,
    Installed,
    build_time,
    install_lock,
    installed_packs,
    remove_leftovers,
    sync_folder,
    tidy,
    write_index,
)
from navigator.catalogue.signing import (
    CHUNK,
    MAX_FILE_BYTES,
    PublicKey,
    file_digest,
    signature_path,
    verify_pack,
)
from navigator.errors import UserError
from navigator.small_files import read_small_file
from navigator.text import clean_line, shorten

__all__ = ["Installed", "find_pack", "install_pack", "installed_packs", "rollback"]

# The kill tests stop a real install at each of these steps (tests/test_install_safety.py).
PAUSE_ENV = "NAVIGATOR_TEST_INSTALL_PAUSE"


@dataclass(frozen=True)
class PackMeta:
    region_id: str
    region_name: str  # one line, as it may be printed
    built_at: str


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


def _meta(path: Path) -> PackMeta:
    """The pack's region and build time (opening it checks it is a pack with a usable id)."""
    from navigator.catalogue.pack import open_pack

    with open_pack(path) as pack:
        return PackMeta(pack.region.id, shorten(clean_line(pack.region.name), 120),
                        pack.region.built_at)


def _check_keys(keys: list[PublicKey], keys_configured: bool) -> None:
    if keys_configured and not keys:
        raise UserError("The settings name trusted keys, but none of them can be read; fix "
                        "trusted_keys in navigator.toml (nothing was installed).")


def _pause(step: str) -> None:
    """Where the kill tests stop an install: nothing happens unless PAUSE_ENV names ``step``."""
    if os.environ.get(PAUSE_ENV) == step:
        print(f"paused at {step}", file=sys.stderr, flush=True)
        time.sleep(3600)


def _newest(installed: Installed) -> dict[str, Build]:
    """The newest build of each region: the index's memory or, for an index that keeps none
    (version 1, or one rewritten by hand), the packs it names."""
    newest = dict(installed.newest)
    if newest:
        return newest
    for path in filter(None, (installed.current, installed.previous)):
        meta = _meta(path)
        known = newest.get(meta.region_id)
        if known is None or build_time(meta.built_at) > known.time:
            newest[meta.region_id] = Build(meta.built_at, file_digest(path)[1])
    return newest


def _refuse_older(meta: PackMeta, sha256: str, known: Build | None) -> None:
    """TUF's rule: never a build older than one installed before, nor another pack claiming
    the same build time (two different packs cannot both be that build)."""
    if known is None:
        return
    built = build_time(meta.built_at)
    if built > known.time or (built == known.time and sha256 == known.sha256):
        return
    same = built == known.time
    raise UserError(
        f"This pack of {meta.region_name} was built {meta.built_at}, "
        f"{'the same time as' if same else 'before'} the newest one this computer has had "
        f"({known.built_at}){' but it is a different file' if same else ''}; nothing was "
        "changed (an older pack is never installed over a newer one; to go back to the pack "
        "before, use --rollback).")


def install_pack(source: Path, folder: Path, keys: list[PublicKey], keys_configured: bool) -> str:
    """Install the pack; one sentence saying what was done (a UserError if it was refused)."""
    pack = find_pack(source)
    _check_keys(keys, keys_configured)
    signature = verify_pack(pack, keys) if keys_configured else None
    meta = _meta(pack)
    build_time(meta.built_at)  # a build time that can be compared, or one sentence
    with install_lock(folder):
        _pause("locked")
        remove_leftovers(folder)
        installed = installed_packs(folder)
        sha256 = signature.sha256 if signature else file_digest(pack)[1]
        if installed.current is not None and installed.current.name == _name(meta, sha256):
            return f"This pack (built {meta.built_at}) is already installed; nothing changed."
        newest = _newest(installed)
        _refuse_older(meta, sha256, newest.get(meta.region_id))
        target = _copy(pack, folder, meta, signature is not None, keys)
        newest[meta.region_id] = Build(meta.built_at, sha256)
        previous = next((p for p in (installed.current, installed.previous)
                         if p is not None and p != target), None)
        write_index(folder, target, previous, newest)
        _pause("committed")
        tidy(folder, Installed(folder, target, previous))
    how = (f"signed by {signature.signer} (key {signature.key_id})" if signature
           else "not checked: no trusted keys are set in navigator.toml")
    kept = "; the previous pack is kept for --rollback" if previous else ""
    return f"Installed {meta.region_name} (built {meta.built_at}, {how}) as {target}{kept}."


def _name(meta: PackMeta, sha256: str) -> str:
    stamp = re.sub(r"[^0-9A-Za-z]", "", meta.built_at) or "unbuilt"
    return f"{meta.region_id}-{stamp}-{sha256[:12]}{SUFFIX}"


def _copy(pack: Path, folder: Path, meta: PackMeta, signed: bool,
          keys: list[PublicKey]) -> Path:
    """Copy the pack (and its signature) in under temporary names, check the copy as the app
    will open it, then rename the signature and the pack into place; on any failure nothing is
    left behind (and a kill leaves only ``.install-*`` files, which the next install removes)."""
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}{SUFFIX}"
    temp_sig = signature_path(temp)
    digest = hashlib.sha256()
    try:
        with pack.open("rb") as src, temp.open("wb") as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
                _pause("copying")
            out.flush()
            os.fsync(out.fileno())
        sha256 = digest.hexdigest()
        sig = signature_path(pack)
        if sig.is_file():
            temp_sig.write_bytes(read_small_file(sig, MAX_FILE_BYTES, "The signature"))
        if signed:  # the copy, not the stick: its bytes, its signature, its region and build
            checked = verify_pack(temp, keys)
            if checked.sha256 != sha256:
                raise UserError(f"The pack {pack.name} changed while it was being copied; "
                                "nothing was changed: copy it again.")
        elif _meta(temp) != meta:
            raise UserError(f"The pack {pack.name} changed while it was being copied; nothing "
                            "was changed: copy it again.")
        target = folder / _name(meta, sha256)
        if temp_sig.exists():
            os.replace(temp_sig, signature_path(target))
            _pause("signature renamed")
        os.replace(temp, target)
        _pause("pack renamed")
        sync_folder(folder)
        return target
    except OSError as err:
        raise UserError(f"The pack could not be copied into {folder} ({err.strerror or err}); "
                        "nothing was changed: check the disk has room.") from None
    finally:
        temp.unlink(missing_ok=True)
        temp_sig.unlink(missing_ok=True)


def rollback(folder: Path, keys: list[PublicKey], keys_configured: bool = False) -> str:
    """Make the previous pack current again (the current one becomes the previous)."""
    _check_keys(keys, keys_configured)
    with install_lock(folder):
        remove_leftovers(folder)
        installed = installed_packs(folder)
        if installed.previous is None or installed.current is None:
            raise UserError(f"There is no previous pack to go back to in {folder}.")
        if keys_configured:
            verify_pack(installed.previous, keys)
        meta = _meta(installed.previous)
        write_index(folder, installed.previous, installed.current, _newest(installed))
    return (f"Back to {meta.region_name} built {meta.built_at} ({installed.previous.name}); "
            "the newer pack is kept, and --rollback again returns to it.")
