"""Reading overlay sheets from an Excel workbook (.xlsx), as the CSV reader reads files.

District staff keep their programmes and deadlines in spreadsheets; a workbook holds several
overlay kinds, one per sheet (``template.py`` writes one to start from).  Each cell becomes the
text a CSV would hold (a date cell ``2027-01-15``, a time cell ``17:00``, a whole number ``3``),
so one set of checks (``kinds.py``) serves both, and every row remembers its cells so that a
problem names the sheet and the cell: ``overlays.xlsx, sheet deadlines, cell D14: ...``.

The workbook is read by ``xlsx.py``, within stated limits and as it streams (a sheet's declared
size is never believed); a cell whose value cannot be trusted (a formula never calculated, an
error, a date Excel invents) keeps why in ``Row.flaws``, and its row is skipped with that
sentence.  Text cells have Excel's ``_x001B_`` escapes decoded and invisible characters removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from itertools import chain
from pathlib import Path

from navigator.catalogue.build.csvfile import Row
from navigator.catalogue.build.xlsx import Cell, Workbook
from navigator.catalogue.build.xlsx_cells import column_letters
from navigator.errors import UserError
from navigator.text import clean_text

SUFFIXES = (".xlsx", ".xlsm")
HEADER_ROWS = 3  # the column names may sit under a row of plain-words titles (the template's)


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def sheet_names(path: Path, what: str = "overlay file") -> list[str]:
    with Workbook(path, what) as book:
        return [sheet.name for sheet in book.sheets]


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
    return clean_text(str(value))


def _rows(path: Path, sheet: str, what: str) -> Iterator[tuple[int, dict[int, Cell]]]:
    """The sheet's rows holding something, each as its cells by column (1 for A)."""
    with Workbook(path, what) as book:
        book.sheet(sheet)  # a sheet that is not there is a file-level problem, said at once
        for number, cells in book.rows(sheet):
            yield number, {cell.column: cell for cell in cells}


def _texts(cells: dict[int, Cell]) -> list[str]:
    width = max(cells, default=0)
    return [cell_text(cells[i].value).strip() if i in cells else "" for i in range(1, width + 1)]


def top_rows(path: Path, sheet: str, what: str = "overlay file") -> list[list[str]]:
    """The texts of the sheet's first HEADER_ROWS rows (where its column names are)."""
    found = []
    rows = _rows(path, sheet, what)
    try:
        for number, cells in rows:
            if number > HEADER_ROWS:
                break
            found.append(_texts(cells))
    finally:
        rows.close()
    return found


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
    rows = _rows(path, sheet, what)
    top: list[tuple[int, dict[int, Cell]]] = []
    first_below: tuple[int, dict[int, Cell]] | None = None
    for number, cells in rows:
        if number > HEADER_ROWS:
            first_below = (number, cells)
            break
        top.append((number, cells))
    at = find_header([_texts(cells) for _n, cells in top], required)
    if at is None:
        rows.close()
        first = [c for c in (_texts(top[0][1]) if top else []) if c]
        missing = next((c for c in required if c not in first), "?")
        raise UserError(
            f"The {what} {path}, sheet {sheet}, has no column {missing!r} in its first rows (it "
            f"has: {', '.join(first[:12]) or 'nothing'}); put the column names in the first row.")
    header = _texts(top[at][1])
    columns = {i + 1: name for i, name in enumerate(header) if name}

    def stream() -> Iterator[Row]:
        below = top[at + 1:] + ([first_below] if first_below else [])
        try:
            for number, cells in chain(below, rows):
                if any(cell.flaw or cell_text(cell.value).strip() for cell in cells.values()):
                    yield _row(number, cells, columns, sheet)
        finally:
            rows.close()

    return header, stream()


def _row(number: int, cells: dict[int, Cell], columns: dict[int, str], sheet: str) -> Row:
    values = {name: cell_text(cells[i].value) if i in cells else "" for i, name in columns.items()}
    flaws = {name: cells[i].flaw for i, name in columns.items() if i in cells and cells[i].flaw}
    refs = {name: f"{column_letters(i)}{number}" for i, name in columns.items()}
    return Row(number, values, max(cells, default=0), sheet, refs, flaws or None)
