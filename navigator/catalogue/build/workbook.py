"""Reading overlay sheets from an Excel workbook (.xlsx), as the CSV reader reads files.

District staff keep their programmes and deadlines in spreadsheets; a workbook holds several
overlay kinds, one per sheet (``template.py`` writes one to start from).  Each cell becomes the
text a CSV would hold (a date cell ``2027-01-15``, a time cell ``17:00``, a whole number ``3``),
so one set of checks (``kinds.py``) serves both, and every row remembers its cells so that a
problem names the sheet and the cell: ``overlays.xlsx, sheet deadlines, cell D14: ...``.

openpyxl is a builder dependency only: the app never reads workbooks.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from navigator.catalogue.build.csvfile import Row
from navigator.errors import UserError

SUFFIXES = (".xlsx", ".xlsm")
HEADER_ROWS = 3  # the column names may sit under a row of plain-words titles (the template's)


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def _load(path: Path):
    try:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - openpyxl is a dependency of the builder
        raise UserError("Reading a workbook needs openpyxl; install Navigator's builder "
                        "dependencies (pip install openpyxl).") from None
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as err:
        raise UserError(f"The overlay file {path} is not an Excel workbook Navigator can read "
                        f"({err}); save it from your spreadsheet program as an Excel workbook "
                        "(.xlsx).") from None


def sheet_names(path: Path) -> list[str]:
    book = _load(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M") if value.second == 0 else value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return str(value)


def sheet_rows(path: Path, sheet: str) -> list[list[str]]:
    """Every row of ``sheet`` as texts (a file-level problem if the sheet is not there)."""
    book = _load(path)
    try:
        if sheet not in book.sheetnames:
            raise UserError(f"The workbook {path} has no sheet {sheet!r} (its sheets: "
                            f"{', '.join(book.sheetnames)}); rename the sheet or fix sheet = "
                            "\"...\" in the region file.")
        return [[cell_text(v) for v in values]
                for values in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def find_header(rows: list[list[str]], required: list[str]) -> int | None:
    """The index of the first of the top rows that names every required column."""
    for index, cells in enumerate(rows[:HEADER_ROWS]):
        names = [c.strip() for c in cells]
        if all(c in names for c in required):
            return index
    return None


def read_sheet(path: Path, sheet: str, required: list[str],
               what: str = "overlay file") -> tuple[list[str], Iterator[Row]]:
    """The sheet's column names and its rows, as ``csvfile.read_rows`` gives a CSV's."""
    from openpyxl.utils import get_column_letter

    rows = sheet_rows(path, sheet)
    at = find_header(rows, required)
    if at is None:
        first = [c.strip() for c in (rows[0] if rows else []) if c.strip()]
        missing = next((c for c in required if c not in first), "?")
        raise UserError(
            f"The {what} {path}, sheet {sheet}, has no column {missing!r} in its first rows (it "
            f"has: {', '.join(first[:12]) or 'nothing'}); put the column names in the first row.")
    header = [c.strip() for c in rows[at]]
    letters = {name: get_column_letter(i + 1) for i, name in enumerate(header) if name}

    def stream() -> Iterator[Row]:
        for number, cells in enumerate(rows[at + 1:], start=at + 2):
            if not any(c.strip() for c in cells):
                continue
            values = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)
                      if name}
            yield Row(number, values, len(cells), sheet,
                      {name: f"{letter}{number}" for name, letter in letters.items()})

    return header, stream()
