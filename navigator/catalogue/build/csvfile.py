"""Reading delimited text files with the checks every source needs.

A missing column or a wrong delimiter is a file-level problem: it stops the
build with one sentence that names the file, the column and the fix.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from navigator.errors import UserError

_DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}


@dataclass
class Row:
    line: int  # line number in the file, the header being line 1
    values: dict[str, str]
    width: int  # how many cells the row really has (a stray comma shows here)
    sheet: str | None = None  # a workbook row: its sheet, and each column's cell ("D14")
    cells: dict[str, str] | None = None
    flaws: dict[str, str] | None = None  # a workbook cell whose value cannot be used, and why

    def get(self, column: str | None) -> str | None:
        """The stripped value, or None when the column is absent or the cell is empty."""
        if column is None:
            return None
        value = self.values.get(column)
        if value is None:
            return None
        value = value.strip()
        return value or None


def read_rows(path: Path, required: list[str], delimiter: str = ",",
              what: str = "file", encoding: str = "utf-8-sig") -> tuple[list[str], Iterator[Row]]:
    """Open ``path``, check its header has ``required`` columns, and stream its rows."""
    try:
        handle = path.open(encoding=encoding, newline="")
        first = handle.readline()
    except UnicodeDecodeError:
        raise UserError(f"The {what} {path} is not UTF-8 text; save it as UTF-8.") from None
    except OSError as err:
        raise UserError(f"The {what} {path} cannot be read ({err.strerror}).") from None
    header = [h.strip() for h in next(csv.reader([first], delimiter=delimiter), [])]
    try:
        check_header(path, header, required, delimiter, what)
    except UserError:
        handle.close()
        raise
    return header, _rows(handle, header, delimiter)


def sniff_delimiter(path: Path, default: str = ",") -> str:
    """Tab, pipe or comma, whichever the header line holds (a publisher's ``.txt`` download is
    often tab- or pipe-delimited, the same data saved from a spreadsheet comma-delimited)."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            first = handle.readline()
    except OSError:
        return default
    for delimiter in ("\t", "|", ","):
        if delimiter in first:
            return delimiter
    return default


def check_header(path: Path, header: list[str], required: list[str], delimiter: str,
                 what: str) -> None:
    """One sentence naming the first missing column, or the delimiter when there is one column."""
    missing = [c for c in required if c not in header]
    if not missing:
        return
    name = _DELIMITER_NAMES.get(delimiter, repr(delimiter))
    if len(header) <= 1 and len(required) > 1:
        raise UserError(
            f"The {what} {path} does not look {name}-delimited (its header has one column); "
            f"save it with {name}s between columns or set its delimiter in the region file."
        )
    raise UserError(
        f"The {what} {path} has no column {missing[0]!r} (its header has: "
        f"{', '.join(header[:12])}{', ...' if len(header) > 12 else ''}); "
        "rename the column or fix the column mapping in the region file."
    )


def _rows(handle, header: list[str], delimiter: str) -> Iterator[Row]:
    with handle:
        reader = csv.reader(handle, delimiter=delimiter)
        line = 1
        try:
            for cells in reader:
                line = reader.line_num + 1
                if not any(c.strip() for c in cells):
                    continue
                yield Row(line, dict(zip(header, cells, strict=False)), len(cells))
        except UnicodeDecodeError:
            raise UserError(f"The file {handle.name} is not UTF-8 text (after line {line}); save "
                            "it as UTF-8.") from None
