"""The ranked list as a QR code a family can carry on a phone with no internet.

Text format (version 1), short enough for a small code that any phone camera reads::

    NAV1|<region id>|<school id>,<school id>,...

* ``NAV1``: the format and its version; a reader refuses a higher version.
* the region id (the pack's ``region_id``), so the ids are looked up in the right pack;
* the school ids in rank order, first choice first (rank = position), comma-separated.

Later versions may add ``|key=value`` fields at the end; this reader ignores them.
Nothing else about the family (home, grade, notes) is put in the code: a printed
list can be lost, and the school ids are all the app needs to rebuild it.
"""

from __future__ import annotations

import io
import re

import segno

from navigator.errors import UserError
from navigator.shortlist import FamilyList, ListedSchool

PREFIX = "NAV"
VERSION = 1
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")


def qr_text(family_list: FamilyList) -> str:
    """``NAV1|region|id1,id2,...`` for a list (ids with ``|`` or ``,`` cannot be encoded)."""
    for school_id in family_list.ids():
        if not _SAFE.match(school_id):
            raise UserError(f"The school id {school_id!r} cannot be put in a QR code.")
    return f"{PREFIX}{VERSION}|{family_list.region}|{','.join(family_list.ids())}"


def parse_qr_text(text: str) -> FamilyList:
    """A list from a code's text; every problem is one UserError sentence."""
    parts = text.strip().split("|")
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
    return FamilyList(region=parts[1], schools=[ListedSchool(i) for i in ids])


def _code(text: str) -> segno.QRCode:
    return segno.make_qr(text, error="m")


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
    """A PNG of the code, for the app's screen."""
    buffer = io.BytesIO()
    _code(text).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
