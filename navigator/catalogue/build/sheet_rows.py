"""A large table saved as an Excel workbook (a directory of 18,000 rows opened and saved in
Excel), read row by row as text, like a delimited file.

District staff open CDE's ``pubschls.txt`` in Excel and save it as ``.xlsx``; the builder reads
that too.  openpyxl's read-only mode streams the first sheet without loading it whole (the
overlay workbooks, small and cell-checked, go through ``workbook.py``).  Cells become the text a
delimited file would hold: a date cell ``2018-06-26``, a whole number ``1``, other numbers as
written.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

from navigator.catalogue.build.csvfile import Row, check_header
from navigator.errors import UserError

HEADER_SEARCH = 10  # rows looked at for the header


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_sheet_rows(path: Path, required: list[str], what: str) -> tuple[list[str], Iterator[Row]]:
    """The first sheet's header (checked for ``required``) and its rows, streamed."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise UserError(f"The {what} {path} could not be read as an Excel workbook ({err}); open "
                        "it in Excel and save it again as .xlsx, or save it as tab-delimited "
                        "text.") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    # A download may start with a few lines of title above the header (CDE's own .xlsx does).
    header: list[str] = []
    first: list[str] | None = None
    line = 0
    for line, values in enumerate(rows, start=1):
        header = [cell_text(v).strip() for v in values]
        first = header if first is None else first
        if all(c in header for c in required) or line == HEADER_SEARCH:
            break
    if not all(c in header for c in required):
        header = first or []
    try:
        check_header(path, header, required, "\t", what)
    except UserError:
        book.close()
        raise
    return header, _rows(book, rows, header, line + 1)


def _rows(book, rows, header: list[str], start: int) -> Iterator[Row]:
    try:
        for line, values in enumerate(rows, start=start):
            cells = [cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            yield Row(line, dict(zip(header, cells, strict=False)), len(cells))
    finally:
        book.close()
