"""``navigator catalogue fetch REGION.toml --into DIR``: download a region's public sources.

The only code in Navigator that touches the network, and only when a person runs this command
on a machine that is online (the app never imports it; ``tests/test_fetch.py`` checks that no
other module opens a connection).  Each ``[[section]]`` entry of the region file with a ``url``
is downloaded to its ``path`` under DIR; ``catalogue build REGION.toml --from DIR`` then reads
them.  Entries without a ``url`` (a district's own overlays) stay where the region file is.

- **Resume**: a download goes to ``PATH.partial`` first, written as it arrives; cut off (the
  connection dropped, the machine put to sleep, the command killed), the next run asks the
  server for the rest only (HTTP ``Range``, with ``If-Range`` so a file that changed meanwhile
  starts again rather than gets spliced).
- **Checksums**: each file's SHA-256 is computed as it arrives and kept in ``DIR/fetched.json``
  (``build/fetched.py``), and the pack built from the folder keeps it with the source.  A region
  file may pin a file's ``sha256``: a download that differs is refused and deleted.
- **Nothing half-written**: a file takes its name only when complete and checked; the record is
  rewritten whole after each file.  Any failure is one sentence (exit code 2), saying how to go
  on.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from navigator import __version__
from navigator.catalogue.build.fetched import read_manifest, write_manifest
from navigator.catalogue.build.region import MANIFEST, SourceEntry, load_region
from navigator.errors import UserError

CHUNK = 1 << 16
TIMEOUT_S = 60
Progress = Callable[[str, int, int | None], None]  # (path, bytes so far, total bytes or None)


@dataclass
class Fetched:
    path: str  # as the region file names it, under the folder
    url: str
    sha256: str
    bytes: int
    resumed_from: int = 0  # bytes already there from an earlier, cut-off run


def fetch_region(region_toml: Path, into: Path, progress: Progress | None = None) -> list[Fetched]:
    """Download every source of the region that has a ``url`` into ``into``."""
    region = load_region(region_toml, into, must_exist=False)
    entries = [e for e in region.entries if e.options.get("url")]
    if not entries:
        raise UserError(f"The region file {region_toml} names no source with a url = \"...\" to "
                        "download; see REGION.md.")
    into.mkdir(parents=True, exist_ok=True)
    done = []
    for entry in entries:
        relative = _relative_path(entry)
        found = _download(entry.options["url"], into / relative, relative,
                          entry.options.get("sha256"), progress)
        manifest = read_manifest(into)
        manifest[relative] = {"url": found.url, "sha256": found.sha256, "bytes": found.bytes,
                              "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        write_manifest(into, manifest)
        done.append(found)
    return done


def _relative_path(entry: SourceEntry) -> str:
    """The entry's path as a folder-relative POSIX path, refused if it would leave the folder."""
    path = PurePosixPath(str(entry.options["path"]).replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or str(path) in ("", ".", MANIFEST):
        raise UserError(f"{entry.where()} has path = {entry.options['path']!r} and a url: a file "
                        "to download needs a path inside the folder it is fetched into, such as "
                        "\"cde/pubschls.txt\".")
    url = str(entry.options["url"])
    if not url.lower().startswith(("https://", "http://")):
        raise UserError(f"{entry.where()} has url = {url!r}; a source is downloaded from an "
                        "http:// or https:// address.")
    return str(path)


def _download(url: str, target: Path, name: str, pinned: str | None,
              progress: Progress | None) -> Fetched:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    state = target.with_name(target.name + ".partial.json")  # the validator the resume checks
    have = partial.stat().st_size if partial.is_file() else 0
    validator = _read_state(state, url) if have else None
    if have and validator is None:
        have = 0  # a partial file of another address, or of unknown origin: start again
    request = urllib.request.Request(url, headers={"User-Agent": f"Navigator/{__version__} "
                                                                 "(catalogue fetch)"})
    if have:
        request.add_header("Range", f"bytes={have}-")
        if validator:
            request.add_header("If-Range", validator)
    try:
        response = urllib.request.urlopen(request, timeout=TIMEOUT_S)  # noqa: S310 - http(s) only
    except urllib.error.HTTPError as err:
        if err.code == 416 and have:  # the partial file is already whole, or bigger: start again
            partial.unlink(missing_ok=True)
            state.unlink(missing_ok=True)
            return _download(url, target, name, pinned, progress)
        raise UserError(f"The download of {name} from {url} failed: the server answered "
                        f"{err.code} {err.reason}; check the url in the region file.") from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise UserError(f"The download of {name} from {url} could not start ({reason}); check "
                        "that this machine is online, then run the same command again.") from None
    with response:
        if response.status == 206 and _range_start(response) != have:
            partial.unlink(missing_ok=True)  # not the rest asked for: start again, whole
            state.unlink(missing_ok=True)
            response.close()
            return _download(url, target, name, pinned, progress)
        resumed = have if response.status == 206 else 0
        digest = hashlib.sha256()
        if resumed:
            with partial.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        length = response.headers.get("Content-Length")
        total = resumed + int(length) if length and length.isdigit() else None
        validator = response.headers.get("ETag") or response.headers.get("Last-Modified") or ""
        state.write_text(json.dumps({"url": url, "validator": validator}), encoding="utf-8")
        got = resumed
        with partial.open("ab" if resumed else "wb") as out:
            try:
                while chunk := response.read(CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    got += len(chunk)
                    if progress is not None:
                        progress(name, got, total)
            except (http.client.IncompleteRead, OSError) as err:
                out.flush()
                raise _cut_off(name, url, got, total) from err
        if total is not None and got < total:
            raise _cut_off(name, url, got, total)
    sha256 = digest.hexdigest()
    if pinned is not None and sha256 != str(pinned).lower():
        partial.unlink(missing_ok=True)
        state.unlink(missing_ok=True)
        raise UserError(f"The file {name} downloaded from {url} is not the one the region file "
                        f"names: its SHA-256 is {sha256}, the region file's sha256 is {pinned}; "
                        "nothing was kept. Check the url, or update sha256 if the publisher "
                        "changed the file.")
    os.replace(partial, target)
    state.unlink(missing_ok=True)
    return Fetched(name, url, sha256, got, resumed)


def _range_start(response) -> int | None:
    """The first byte a 206 answer holds (``Content-Range: bytes 500-999/1000``)."""
    text = response.headers.get("Content-Range", "")
    try:
        return int(text.split()[1].split("-")[0])
    except (IndexError, ValueError):
        return None


def _read_state(state: Path, url: str) -> str | None:
    """The ETag or Last-Modified date of the partial file's first answer ('' when the server
    gave none); None when the partial file is not known to be from ``url``."""
    try:
        data = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("url") != url:
        return None
    validator = data.get("validator")
    return validator if isinstance(validator, str) else None


def _cut_off(name: str, url: str, got: int, total: int | None) -> UserError:
    size = f"{got:,} of {total:,} bytes" if total else f"{got:,} bytes"
    return UserError(f"The download of {name} from {url} was cut off after {size}; run the same "
                     "command again to resume it.")


def terminal_progress(stream=None) -> Progress:
    """Progress on stderr: one line redrawn on a terminal, a line per tenth otherwise."""
    stream = stream or sys.stderr
    live = stream.isatty()
    shown: dict[str, int] = {}

    def report(name: str, done: int, total: int | None) -> None:
        if total:
            tenth = done * 10 // total
            text = f"{name}: {done / 1e6:,.1f} of {total / 1e6:,.1f} MB ({done * 100 // total}%)"
        else:
            tenth = done // 10_000_000
            text = f"{name}: {done / 1e6:,.1f} MB"
        if live:
            stream.write("\r" + text + (" " * 8) + ("\n" if total and done >= total else ""))
        elif shown.get(name) != tenth:
            stream.write(text + "\n")
        shown[name] = tenth
        stream.flush()

    return report
