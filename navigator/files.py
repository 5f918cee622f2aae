"""Writing a file whole or not at all: what every save, export and built pack goes through.

The data goes to a temporary file beside the target (``.NAME.XXXX.partial``), is flushed to the
disk, given its permissions, then renamed over the target in one step: a full disk, a pulled USB
stick or a crash leaves the old file whole and no half-written one, and nothing is left behind.

Permissions, by what the file holds:

* :data:`PRIVATE` (0600) for a family's saved list or session: only the account that saved it
  can read it (a counsellor's laptop is shared);
* :data:`ORDINARY` for what a family takes home (the PDF, calendar, spreadsheet, web page): an
  ordinary file (0666 less the umask), which other programs and other accounts may open.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from navigator.errors import UserError

PRIVATE = 0o600
ORDINARY = None  # 0666 less the process's umask, as any program's new file


def write_atomic(path: Path, data: bytes, mode: int | None = ORDINARY) -> None:
    """Write ``data`` to ``path`` whole or not at all, with ``mode`` (:data:`PRIVATE` or
    :data:`ORDINARY`); a folder or disk that refuses is one sentence (UserError)."""
    with written_whole(path, mode) as temp, open(temp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


@contextmanager
def written_whole(path: Path, mode: int | None = ORDINARY) -> Iterator[Path]:
    """A temporary file beside ``path`` (empty, 0600) for a writer that wants a file name (the
    pack builder's SQLite, a workbook): given ``mode`` and renamed over ``path`` when the block
    ends, removed when it fails.  A folder or disk that refuses is one sentence (UserError)."""
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as err:
        raise UserError(f"Cannot write in {path.parent} ({err.strerror}).") from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_umask() if mode is None else mode)  # mkstemp makes 0600
        os.replace(temp, path)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise UserError(f"Cannot write {path} ({err.strerror}).") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
