"""The family's take-home list in every format: PDF, calendar, spreadsheet, web page, QR code.

:func:`build_document` (in ``document.py``) says everything in one language;
the renderers only lay it out.  :func:`export` renders in memory and then
writes atomically (a temporary file in the output folder, then a rename), so a
failure never leaves a partial file where the family expects their list.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from navigator.errors import UserError
from navigator.files import ORDINARY, write_atomic

if TYPE_CHECKING:  # type names only: the command line reads FORMATS without loading a pack reader
    from navigator.catalogue.pack import Pack
    from navigator.search.engine import SearchEngine
    from navigator.shortlist import FamilyList

FORMATS = ("pdf", "ics", "csv", "html")


def render(pack: Pack, family_list: FamilyList, fmt: str, lang: str, today: date,
           second_lang: str | None = None, zoned: set[str] | None = None,
           engine: SearchEngine | None = None) -> bytes:
    """The export's bytes, built in memory; raises UserError for bad input.  ``engine``: the
    caller's search engine over ``pack`` (the app's worker keeps one), for the trips."""
    from navigator.exports.document import build_document

    if fmt not in FORMATS:
        raise UserError(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    doc = build_document(pack, family_list, lang, today, zoned, engine)
    second = build_document(pack, family_list, second_lang, today, zoned, engine) \
        if second_lang and second_lang != lang else None
    if fmt == "pdf":
        from navigator.exports.pdf import render_pdf

        return render_pdf(doc, second)
    if fmt == "ics":
        from navigator.exports.ics import render_ics

        return render_ics(doc, second)
    if fmt == "csv":
        from navigator.exports.csv_export import render_csv

        return render_csv(doc)
    from navigator.exports.html import render_html

    return render_html(doc, second).encode("utf-8")


def write_export(path: Path, data: bytes) -> None:
    """Write an export whole or not at all, as an ordinary file (:mod:`navigator.files`)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist; choose an existing folder "
                        "for --out.")
    write_atomic(path, data, ORDINARY)


def export(pack: Pack, family_list: FamilyList, fmt: str, lang: str, today: date, out: Path,
           second_lang: str | None = None, zoned: set[str] | None = None) -> None:
    """Render and write one export; nothing is written when anything fails."""
    write_export(out, render(pack, family_list, fmt, lang, today, second_lang, zoned))
