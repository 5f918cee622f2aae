"""One sheet's XML read as it streams: rows and cells counted as they come, values as saved.

The handlers of :class:`SheetReader` see one element at a time (``xlsx.py`` feeds them through
expat); a row is handed on when it ends, so memory holds one row, whatever the sheet declares.
A cell's value comes as openpyxl gives it with ``data_only``: the value Excel saved (a formula's
last result), a date or time where the cell's format is one.  What cannot be trusted is a
``Cell.flaw`` (a phrase) instead of a value: a formula whose result was never saved, an error
(``#REF!``), the 29 February 1900 Excel invents, a date before 1900.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

# The limits of one sheet (xlsx.py has the workbook's): a district's sheets hold thousands of rows.
MAX_ROWS = 100_000  # rows holding a value, in one sheet
MAX_COLUMNS = 1_000  # column ALL
MAX_CELLS = 1_000_000  # cells holding a value, in one sheet
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
_MAX_EXCEL_ROW = 1_048_576
_LAST_SERIAL = 2_958_466  # 10000-01-01: Excel's dates end with 9999
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # Excel's escape of a character XML cannot hold
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_INT = re.compile(r"-?[0-9]{1,15}")
_NUMBER = re.compile(r"-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,4})?")
_INDEX = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class Cell:
    column: int  # 1 for A
    value: object  # None, str, int, float, bool, datetime, date, time or timedelta
    flaw: str | None = None  # why the value cannot be used (a phrase), else None


def column_letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def unescape(text: str) -> str:
    """Excel's ``_x001B_`` escapes decoded (``_x005F_`` is the underscore itself)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


class Refused(Exception):
    """Raised inside the XML handlers with the rest of a sentence (what, then the fix); turned
    into a UserError naming the workbook and the sheet."""


SAVE_AGAIN = "save it again from your spreadsheet program"
RIGHT_FILE = "check that it is the right file"


@dataclass
class TextCollector:
    """Collects the text of ``texts`` elements inside ``within``, except inside ``skipped``
    (a shared text's phonetic reading), up to MAX_CELL_CHARS."""

    within: tuple[str, ...]
    texts: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    parts: list[str] = field(default_factory=list)
    length: int = 0
    depth_in: int = 0
    collecting: bool = False
    skipping: int = 0

    def start(self, name: str, _attributes: dict) -> None:
        if name in self.within:
            self.depth_in += 1
        elif name in self.skipped:
            self.skipping += 1
        elif name in self.texts and self.depth_in and not self.skipping:
            self.collecting = True

    def end(self, name: str) -> None:
        if name in self.within:
            self.depth_in -= 1
        elif name in self.skipped:
            self.skipping -= 1
        elif name in self.texts:
            self.collecting = False

    def text(self, data: str) -> None:
        if self.collecting:
            self.length += len(data)
            if self.length > MAX_CELL_CHARS:
                raise Refused(f"holds a text of more than {MAX_CELL_CHARS:,} characters, more "
                              f"than a cell of Excel can hold; {RIGHT_FILE}")
            self.parts.append(data)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        self.length = 0
        return text


class SheetReader:
    """The handlers for one sheet's XML: rows and cells counted as they come."""

    def __init__(self, strings: list[str], styles: dict[int, str], date1904: bool):
        self.strings, self.styles, self.date1904 = strings, styles, date1904
        self.done: list[tuple[int, list[Cell]]] = []
        self.row, self.rows, self.cells = 0, 0, 0
        self.row_cells: list[Cell] = []
        self.cell: dict | None = None  # the cell being read: its attributes and what it holds
        self.column = 0
        self.value = TextCollector(("c",), ("v", "t", "f"), ("rPh",))

    def start(self, name: str, attributes: dict) -> None:
        if name == "row":
            number = attributes.get("r")
            self.row = int(number) if number and number.isdigit() and len(number) <= 7 \
                else self.row + 1
            if not 1 <= self.row <= _MAX_EXCEL_ROW:
                raise Refused(f"is damaged (a row numbered {str(number)[:12]}); {SAVE_AGAIN}")
            self.row_cells, self.column = [], 0
        elif name == "c":
            self.cell = {"r": attributes.get("r"), "t": attributes.get("t", "n"),
                         "s": attributes.get("s", "0"), "v": None, "f": False, "is": None}
        elif self.cell is not None and name in ("v", "f", "t", "is"):
            if name == "f":
                self.cell["f"] = True
            self.value.take()
        self.value.start(name, attributes)

    def text(self, data: str) -> None:
        self.value.text(data)

    def end(self, name: str) -> None:
        self.value.end(name)
        cell = self.cell
        if cell is None:
            if name == "row" and self.row_cells:
                self.rows += 1
                if self.rows > MAX_ROWS:
                    raise Refused(f"has more than {MAX_ROWS:,} rows holding values (row "
                                   f"{self.row:,} is one too many); split it into two sheets")
                self.done.append((self.row, self.row_cells))
            return
        if name in ("v", "t"):
            key = "v" if name == "v" else "is"
            cell[key] = (cell[key] or "") + self.value.take()
            if len(cell[key]) > MAX_CELL_CHARS:
                raise Refused(f"holds a text of more than {MAX_CELL_CHARS:,} characters, more "
                              f"than a cell of Excel can hold; {RIGHT_FILE}")
        elif name == "f":
            self.value.take()
        elif name == "c":
            self.cell = None
            self._finish(cell)

    def _finish(self, cell: dict) -> None:
        ref = cell["r"]
        if ref:
            match = _REF.fullmatch(ref)
            if match is None:
                raise Refused(f"is damaged (a cell named {ref[:12]!r}); {SAVE_AGAIN}")
            self.column = _column_number(match.group(1))
        else:
            self.column += 1
        if self.column > MAX_COLUMNS:
            raise Refused(f"has a cell in column {column_letters(self.column)} (cell "
                           f"{column_letters(self.column)}{self.row}), beyond the last column "
                           f"read ({column_letters(MAX_COLUMNS)}, the {MAX_COLUMNS:,}th); delete "
                           "what is there")
        found = self._value(cell)
        if found is None:
            return
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise Refused(f"has more than {MAX_CELLS:,} cells holding values; split it into "
                          "two sheets")
        self.row_cells.append(found)

    def _value(self, cell: dict) -> Cell | None:
        kind, raw, column = cell["t"], cell["v"], self.column
        if kind == "inlineStr":
            raw = cell["is"]
            return Cell(column, unescape(raw)) if raw else None
        if raw is None or raw == "":
            if cell["f"]:
                return Cell(column, None, "holds a formula whose result was never saved; open "
                                          "the workbook in your spreadsheet program and save it")
            return None
        if kind == "s":
            if not (_INDEX.fullmatch(raw) and int(raw) < len(self.strings)):
                raise Refused(f"is damaged (cell {column_letters(column)}{self.row} names a "
                              f"shared text the workbook does not have); {SAVE_AGAIN}")
            return Cell(column, self.strings[int(raw)])
        if kind in ("str", "inlineStr"):
            return Cell(column, unescape(raw))
        if kind == "b":
            return Cell(column, raw.strip() in ("1", "true"))
        if kind == "e":
            return Cell(column, None, f"shows the error {raw[:20]}; fix the formula or type the "
                                      "value")
        if kind == "d":
            try:
                return Cell(column, datetime.fromisoformat(raw.strip()))
            except ValueError:
                return Cell(column, None, f"holds {raw[:30]!r}, which is not a date")
        return self._number(raw.strip(), column, cell["s"])

    def _number(self, raw: str, column: int, style: str) -> Cell:
        try:
            if not _NUMBER.fullmatch(raw):
                raise ValueError(raw)
            number: int | float = int(raw) if _INT.fullmatch(raw) else float(raw)
        except ValueError:
            return Cell(column, None, f"holds {raw[:30]!r}, which is not a number")
        if not math.isfinite(number):
            return Cell(column, None, "holds a number too large to use")
        kind = self.styles.get(int(style) if _INDEX.fullmatch(style) else 0)
        if kind == "duration":
            return Cell(column, timedelta(days=number))
        if kind == "date":
            return _date(number, self.date1904, column)
        return Cell(column, number)


def _date(serial: float, date1904: bool, column: int) -> Cell:
    """A date serial as the date it stands for; Excel's 29 February 1900 (serial 60, a day
    that never was, kept for Lotus 1-2-3) and days before 1900 are flaws, never guesses."""
    if serial < 0:
        return Cell(column, None, f"holds the date serial {serial:g}, a day before "
                                  f"{'1904' if date1904 else '1900'}; type the date as YYYY-MM-DD")
    if not date1904 and 60 <= serial < 61:
        return Cell(column, None, "holds 29 February 1900, a day that never was (Excel's "
                                  "serial 60); type the date as YYYY-MM-DD")
    if serial >= _LAST_SERIAL:
        return Cell(column, None, f"holds the date serial {serial:g}, after the year 9999")
    days, fraction = divmod(serial, 1)
    seconds = round(fraction * 86_400)
    if date1904:
        day = date(1904, 1, 1) + timedelta(days=int(days))
    else:
        day = date(1899, 12, 31 if serial < 60 else 30) + timedelta(days=int(days))
    moment = datetime.combine(day, time(0)) + timedelta(seconds=seconds)
    if days == 0:
        return Cell(column, moment.time())  # a time of day without a date
    return Cell(column, moment)
