"""Writing a file whole or not at all: what every save and export goes through.

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
from pathlib import Path

from navigator.errors import UserError

PRIVATE = 0o600
ORDINARY = None  # 0666 less the process's umask, as any program's new file


def write_atomic(path: Path, data: bytes, mode: int | None = ORDINARY) -> None:
    """Write ``data`` to ``path`` whole or not at all, with ``mode`` (:data:`PRIVATE` or
    :data:`ORDINARY`); a folder or disk that refuses is one sentence (UserError)."""
    path = Path(path)
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as err:
        raise UserError(f"Cannot write in {path.parent} ({err.strerror}).") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask() if mode is None else mode)  # mkstemp makes 0600
        os.replace(temp, path)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise UserError(f"Cannot write {path} ({err.strerror}).") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
