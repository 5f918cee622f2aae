"""QR codes: drawing them, and the one line that lets Navigator read a family's list back.

What the codes *say* (the ranked list as plain text, one calendar event per deadline) is
:mod:`navigator.exports.phone`; this module encodes text as a code and reads the app's line.

Encoding: UTF-8 in byte mode, always (phones guess UTF-8 reliably; Korean is 3 bytes a
syllable, so capacity is counted in UTF-8 bytes), error correction level M (15 % of the code
can be lost: a printout gets folded and smudged), and a largest version per use
(:data:`LIST_MAX_VERSION`, :data:`EVENT_MAX_VERSION`) so a printed code stays big enough for an
ordinary phone camera.  :func:`fits` says whether a text fits; the caller shortens it.

The app's line (format version 1), the last line of the list code::

    NAV1|<region id>|<school id>,<school id>,...[|of=<number of schools on the whole list>]

* ``NAV1``: the format and its version; a reader refuses a higher version.
* the region id (the pack's ``region_id``), so the ids are looked up in the right pack;
* the school ids in rank order, first choice first (rank = position), comma-separated;
* ``of=N``: present when the code holds only the first schools of a longer list.

Later versions may add ``|key=value`` fields at the end; this reader ignores the ones it does not
know.  A code holding only this line (what Navigator printed before the text list) still reads.
Nothing else about the family (home, grade, notes) is in the code: a printed list can be lost.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import segno

from navigator.errors import UserError
from navigator.shortlist import FamilyList, ListedSchool

PREFIX = "NAV"
VERSION = 1
ERROR = "m"
ENCODING = "utf-8"
LIST_MAX_VERSION = 22  # 105 modules with the quiet zone: 0.43 mm each in a 45 mm printed code
EVENT_MAX_VERSION = 15  # a calendar code printed small beside its step (about 30 mm)
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
_APP_LINE = re.compile(r"^NAV\d+\|", re.MULTILINE)


@dataclass(frozen=True)
class ReadList:
    """A list read back from a code: the schools it holds, and how many the whole list had."""

    family: FamilyList
    total: int  # the whole list's length; more than ``len(family.schools)`` for a partial code

    @property
    def partial(self) -> bool:
        return self.total > len(self.family.schools)


def app_line(region: str, ids: list[str], total: int | None = None) -> str:
    """``NAV1|region|id1,id2,...`` (with ``|of=N`` when ``ids`` are the first of ``total``)."""
    for school_id in ids:
        if not _SAFE.match(school_id):
            raise UserError(f"The school id {school_id!r} cannot be put in a QR code.")
    line = f"{PREFIX}{VERSION}|{region}|{','.join(ids)}"
    return line + (f"|of={total}" if total is not None and total > len(ids) else "")


def qr_text(family_list: FamilyList) -> str:
    """The app's line for a whole list (no text for people: see :mod:`navigator.exports.phone`)."""
    return app_line(family_list.region, family_list.ids())


def find_app_line(text: str) -> str | None:
    """The app's line in a code's text (the last line that starts with ``NAV`` and a number)."""
    found = None
    for match in _APP_LINE.finditer(text.replace("\r\n", "\n")):
        end = text.find("\n", match.start())
        found = text[match.start():end if end >= 0 else len(text)].strip()
    return found


def read_list(text: str) -> ReadList:
    """The list in a code's text (the whole text a phone or a scanner gives, or just the app's
    line); every problem is one UserError sentence."""
    line = find_app_line(text.strip()) or text.strip()
    parts = line.split("|")
    head = parts[0]
    if not head.startswith(PREFIX) or not head[len(PREFIX):].isdigit():
        raise UserError("This QR code is not a Navigator school list.")
    if int(head[len(PREFIX):]) > VERSION:
        raise UserError("This QR code was made by a newer Navigator; update Navigator to read it.")
    if len(parts) < 3 or not parts[1]:
        raise UserError("This QR code's school list is incomplete.")
    ids = [i for i in parts[2].split(",") if i]
    if not all(_SAFE.match(i) for i in ids) or len(set(ids)) != len(ids):
        raise UserError("This QR code's school list is damaged.")
    fields = dict(p.split("=", 1) for p in parts[3:] if "=" in p)
    total = int(fields["of"]) if fields.get("of", "").isdigit() else len(ids)
    family = FamilyList(region=parts[1], schools=[ListedSchool(i) for i in ids])
    return ReadList(family, max(total, len(ids)))


def parse_qr_text(text: str) -> FamilyList:
    """The schools in a code's text (see :func:`read_list`)."""
    return read_list(text).family


def _code(text: str) -> segno.QRCode:
    """The smallest code for ``text``; a text too long for any code is one UserError."""
    try:
        return segno.make_qr(text, error=ERROR, encoding=ENCODING, mode="byte")
    except segno.DataOverflowError:
        raise UserError("This text is too long for a QR code.") from None


def fits(text: str, max_version: int) -> bool:
    """Whether ``text`` fits a code of at most ``max_version`` (counted as UTF-8 bytes)."""
    return len(text.encode(ENCODING)) <= capacity(max_version)


_CAPACITY: dict[int, int] = {}


def capacity(version: int) -> int:
    """How many bytes a code of ``version`` holds at our error correction level."""
    if version not in _CAPACITY:
        low, high = 1, 3000
        while low < high:  # segno knows the table; ask it rather than copy it
            middle = (low + high + 1) // 2
            try:
                segno.make_qr("a" * middle, error=ERROR, version=version, mode="byte",
                              boost_error=False)
                low = middle
            except segno.DataOverflowError:
                high = middle - 1
        _CAPACITY[version] = low
    return _CAPACITY[version]


def qr_version(text: str) -> int:
    return _code(text).version


def qr_matrix(text: str) -> list[list[bool]]:
    """Dark (True) and light modules, without the quiet zone: for drawing in a PDF."""
    return [[bool(cell) for cell in row] for row in _code(text).matrix]


def qr_svg(text: str, size_px: int = 160, label: str = "") -> str:
    """An inline ``<svg>`` (no XML declaration, no namespace URL, no external reference)."""
    matrix = qr_matrix(text)
    n, quiet = len(matrix), 4
    path = "".join(f"M{x + quiet} {y + quiet}h1v1h-1z" for y, row in enumerate(matrix)
                   for x, dark in enumerate(row) if dark)
    total = n + 2 * quiet
    title = f"<title>{_escape(label)}</title>" if label else ""
    return (f'<svg viewBox="0 0 {total} {total}" width="{size_px}" height="{size_px}" '
            f'role="img" shape-rendering="crispEdges">{title}'
            f'<rect width="{total}" height="{total}" fill="#fff"/>'
            f'<path d="{path}" fill="#000"/></svg>')


def qr_png(text: str, scale: int = 6) -> bytes:
    """A PNG of the code (with its quiet zone)."""
    buffer = io.BytesIO()
    _code(text).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
