"""Reading the small files Navigator trusts nothing about: settings, keys, signatures, lists.

Why: such a file can come from a USB stick or a family, and be anything.  A 1.5 GB ``.sig``
read whole takes gigabytes of memory before it is refused; ``/dev/zero`` never ends; a FIFO
(named pipe) blocks the first read forever; a document nested 100,000 deep or holding a number
of 5,000 digits makes Python's JSON reader raise errors no caller expects.  Here the file's kind
and size are checked first (``stat``, then ``fstat`` of the same open file, opened without
blocking), at most ``limit + 1`` bytes are read, and every way the JSON can fail is one
:class:`~navigator.errors.UserError` sentence naming the file.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from navigator.errors import UserError

# Python refuses to turn text of more digits into an int (sys.get_int_max_str_digits());
# a number that long never belongs in a Navigator file.
MAX_DIGITS = 4300


def read_small_file(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes; else one sentence.

    ``what`` names the file in that sentence ("The signature", "The list")."""
    path = Path(path)
    try:
        found = os.stat(path)
    except FileNotFoundError:
        raise UserError(f"{what} {path} does not exist; check the path.") from None
    except OSError as err:
        raise UserError(f"{what} {path} cannot be read ({err.strerror or err}).") from None
    _check_kind(found, path, limit, what)
    try:
        # O_NONBLOCK: had the path become a FIFO since the stat, opening it must not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise UserError(f"{what} {path} cannot be read ({err.strerror or err}).") from None
    try:
        _check_kind(os.fstat(fd), path, limit, what)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise UserError(f"{what} {path} cannot be read ({err.strerror or err}).") from None
    finally:
        os.close(fd)
    if size > limit:  # it grew while being read
        raise _too_large(path, size, limit, what)
    return b"".join(chunks)


def _check_kind(found: os.stat_result, path: Path, limit: int, what: str) -> None:
    if stat.S_ISDIR(found.st_mode):
        raise UserError(f"{what} {path} is a folder, not a file; give the path of the file.")
    if not stat.S_ISREG(found.st_mode):
        raise UserError(f"{what} {path} is not a regular file (it is a device, a pipe or a "
                        "socket); give the path of a file.")
    if found.st_size > limit:
        raise _too_large(path, found.st_size, limit, what)


def _too_large(path: Path, size: int, limit: int, what: str) -> UserError:
    return UserError(f"{what} {path} is too large ({size:,} bytes; at most {limit:,} are read); "
                     "check that it is the right file.")


def read_small_text(path: Path, limit: int, what: str) -> str:
    """:func:`read_small_file` as UTF-8 text (a byte-order mark is dropped)."""
    raw = read_small_file(path, limit, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UserError(f"{what} {path} is not UTF-8 text (unreadable byte at position "
                        f"{err.start:,}).") from None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number")


def parse_json(text: str, where: str, fix: str) -> object:
    """JSON as Navigator writes it: no NaN or Infinity, no number of more than 4,300 digits,
    nesting Python can follow.  ``where`` starts the sentence ("The list x.json"), ``fix``
    ends it ("open a list saved by Navigator")."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise UserError(f"{where} is not valid JSON (line {err.lineno}); {fix}.") from None
    except RecursionError:
        raise UserError(f"{where} is nested too deeply to be what Navigator writes; {fix}.") \
            from None
    except ValueError as err:  # NaN or Infinity, or an int over Python's limit of digits
        detail = "a number of more than 4,300 digits" if "digits" in str(err) else \
            "NaN or Infinity, which are not numbers"
        raise UserError(f"{where} holds {detail}; {fix}.") from None


def load_small_json(path: Path, limit: int, what: str, fix: str) -> object:
    """Read (by size first) and parse a small JSON file; every problem is one sentence."""
    return parse_json(read_small_text(path, limit, what), f"{what} {path}", fix)
