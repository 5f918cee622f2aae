"""The pack folder's trusted state, and the lock that lets one install at a time change it.

Why, after The Update Framework (TUF): an updater is only as safe as what it remembers.  An
install that compares a new pack only with the current one can be walked back (install another
region's pack, then an old one of the first: nothing older is "current" any more), so the folder
remembers the newest build installed of every region, and a pack not newer than it is refused
whatever was installed since (TUF's rule against rollback attacks).  The memory lives in the
pack folder's index, ``installed.json``, beside the current and previous packs' names, and is
written as SQLite commits a transaction: a temporary file written whole and flushed to disk,
then one ``os.replace`` (atomic on POSIX and Windows), then the folder itself flushed.  Before
that rename the old state holds; after it, the new one: there is no moment in between.

Installs take an operating-system lock on the folder (``fcntl.flock``; ``msvcrt.locking`` on
Windows) for their whole run; a second install is told in one sentence that another is running.
Every file an install writes before its rename is named ``.install-*``, so the next install
(holding the lock, so nothing else is writing) knows a stray one as left by a killed install and
removes it.  Tidying removes only packs this module named, never anything else in the folder.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from navigator.catalogue.pack import REGION_ID
from navigator.catalogue.signing import signature_path
from navigator.errors import UserError
from navigator.small_files import load_small_json

INDEX = "installed.json"
FORMAT = "navigator-installed-packs"
VERSION = 2  # 2 adds "newest"; a version-1 index is read, its newest builds taken from its packs
LOCK = ".install.lock"
TEMP_PREFIX = ".install-"  # everything an install writes before renaming it into place
SUFFIX = ".sqlite"
MAX_INDEX_BYTES = 1 << 20
# The names installs give packs: region, build time (letters and digits), 12 hex of the SHA-256.
PACK_NAME = re.compile(r"[a-z0-9][a-z0-9-]*-[0-9A-Za-z]+-[0-9a-f]{12}\.sqlite")
# Temporary files of the installs before this module (version 1): ".NAME.PID.partial".
OLD_TEMP = re.compile(r"\..+\.(sqlite|sqlite\.sig|json)\.\d+\.partial")


@dataclass(frozen=True)
class Build:
    """One build of a region's pack: when it was built, and its file's SHA-256."""

    built_at: str
    sha256: str

    @property
    def time(self) -> datetime:
        return build_time(self.built_at)


@dataclass
class Installed:
    """The pack folder's state: the current pack, the one before it, the newest build of each
    region ever installed, and what is wrong with the index when it cannot be used."""

    folder: Path
    current: Path | None = None
    previous: Path | None = None
    newest: dict[str, Build] = field(default_factory=dict)
    problem: str | None = None

    def pack_to_open(self) -> Path | None:
        """The current pack; None when nothing was ever installed; a UserError when the index
        is damaged or names a pack that is gone (the app must not quietly open another)."""
        if self.problem:
            raise UserError(self.problem)
        return self.current


def build_time(text: str) -> datetime:
    """A pack's ``built_at`` as a time to compare (UTC when it names no zone)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except (AttributeError, ValueError):
        raise UserError(f"The build time {str(text)[:40]!r} is not a date and time; rebuild the "
                        "pack with 'navigator catalogue build'.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def installed_packs(folder: Path) -> Installed:
    """What ``installed.json`` says, checked: a pack it names that is not there is never
    guessed at, and makes ``problem`` say so."""
    found = Installed(folder)
    index = folder / INDEX
    if not index.exists():
        return found
    damaged = (f"The pack folder's index {index} is damaged; install the pack again with "
               "'navigator catalogue install'.")
    try:
        data = load_small_json(index, MAX_INDEX_BYTES, "The pack folder's index",
                               "install the pack again with 'navigator catalogue install'")
    except UserError as err:
        found.problem = str(err)
        return found
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found.problem = damaged
        return found
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > VERSION:
        found.problem = (f"The pack folder {folder} was set up by a newer Navigator; update "
                         "Navigator.")
        return found
    for role in ("current", "previous"):
        name = data.get(role)
        if name is None:
            continue
        path = folder / name if isinstance(name, str) and PACK_NAME.fullmatch(name) else None
        if path is not None and path.is_file():
            setattr(found, role, path)
        elif role == "current":
            found.problem = (f"The pack folder's index {index} names the pack {str(name)[:80]!r}, "
                             "which is not there; install the pack again with 'navigator "
                             "catalogue install'.")
    newest = data.get("newest")
    for region, build in (newest.items() if isinstance(newest, dict) else ()):
        if isinstance(region, str) and REGION_ID.fullmatch(region) and isinstance(build, dict) \
                and isinstance(build.get("built_at"), str) \
                and isinstance(build.get("sha256"), str):
            found.newest[region] = Build(build["built_at"], build["sha256"])
    return found


def write_index(folder: Path, current: Path, previous: Path | None,
                newest: dict[str, Build]) -> None:
    """Commit a new state: the only step that changes which pack the app opens."""
    text = json.dumps({
        "format": FORMAT, "version": VERSION, "current": current.name,
        "previous": previous.name if previous else None,
        "newest": {region: {"built_at": b.built_at, "sha256": b.sha256}
                   for region, b in sorted(newest.items())},
    }, indent=2) + "\n"
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{INDEX}"
    try:
        with temp.open("w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, folder / INDEX)
    finally:
        temp.unlink(missing_ok=True)
    sync_folder(folder)


def sync_folder(folder: Path) -> None:
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


@contextmanager
def install_lock(folder: Path) -> Iterator[None]:
    """Hold the pack folder for one install (or rollback); a UserError if another holds it.

    The lock belongs to the open file: it ends with the process, however the process ends, so a
    killed install never leaves the folder locked.  The lock file itself stays (removing it
    would let two installs hold locks on two different files)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise UserError(f"The pack folder {folder} cannot be used ({err.strerror or err}); check "
                        "pack_folder in navigator.toml.") from None
    try:
        if not _try_lock(fd):
            raise UserError(f"Another install is running in {folder}; wait until it has "
                            "finished, then try again (nothing was changed).")
        yield
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def remove_leftovers(folder: Path) -> None:
    """Files a killed install left before renaming them (call holding the lock)."""
    for path in folder.iterdir():
        name = path.name
        if (name.startswith(TEMP_PREFIX) or OLD_TEMP.fullmatch(name)) and path.is_file():
            _remove(path)


def tidy(folder: Path, installed: Installed) -> None:
    """Remove the packs (and signatures) installs named that are neither current nor previous
    (call holding the lock, after the index is written)."""
    keep = {p.name for p in (installed.current, installed.previous) if p}
    keep |= {signature_path(Path(name)).name for name in keep}
    for path in folder.iterdir():
        name = path.name.removesuffix(".sig")
        if PACK_NAME.fullmatch(name) and path.name not in keep and path.is_file():
            _remove(path)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # Windows: an app still has the old pack open; the next install tries again
        pass
