"""The record ``catalogue fetch`` keeps of what it downloaded: ``fetched.json`` in the folder.

Why a record: a pack says where each of its facts came from; built from downloaded files, it
also says exactly which file (its SHA-256, taken when it was downloaded), so anyone can check a
pack against the publisher's file.  The builder checks each file against the record first, so a
file changed or cut short after it was fetched is refused rather than built into a pack.

Format (UTF-8 JSON)::

    {"format": "navigator-fetch", "version": 1,
     "files": {"cde/pubschls.txt": {"url": "https://...", "sha256": "…64 hex…",
                                    "bytes": 20512345, "fetched_at": "2026-12-04T09:12:00Z"}}}
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from navigator.catalogue.build.region import MANIFEST
from navigator.errors import UserError
from navigator.files import write_atomic

FORMAT = "navigator-fetch"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict[str, dict]:
    """The files recorded in ``folder`` (empty when it has no record)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"] if data.get("format") == FORMAT else None
    except (ValueError, KeyError, TypeError, AttributeError):
        files = None
    if not isinstance(files, dict):
        raise UserError(f"The record {path} of fetched files is not one Navigator wrote; delete it "
                        "and fetch the sources again.")
    return files


def write_manifest(folder: Path, files: dict[str, dict]) -> None:
    """Write the record at once (temporary file, then rename)."""
    record = {"format": FORMAT, "version": 1, "files": dict(sorted(files.items()))}
    write_atomic(folder / MANIFEST,
                 (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def checked_sha256(folder: Path, relative: str, path: Path, pinned: str | None) -> str | None:
    """The SHA-256 a source is built with: the one recorded when it was fetched, after checking
    the file still has it (and the region file's pinned ``sha256``, if any); None for a file that
    was not fetched and pins nothing."""
    recorded = read_manifest(folder).get(relative)
    pinned = pinned.lower() if isinstance(pinned, str) else None
    if recorded is None and pinned is None:
        return None
    actual = file_sha256(path)
    expected = (recorded or {}).get("sha256") or pinned
    if recorded is not None and actual != expected:
        raise UserError(f"The file {path} has changed since it was fetched (its SHA-256 is "
                        f"{actual[:12]}…, the record says {expected[:12]}…); fetch it again with "
                        "'navigator catalogue fetch'.")
    if pinned is not None and actual != pinned:
        raise UserError(f"The file {path} is not the one the region file names (its SHA-256 is "
                        f"{actual[:12]}…, sha256 in the region file says {pinned[:12]}…); fetch it "
                        "again, or update sha256 in the region file.")
    return actual
