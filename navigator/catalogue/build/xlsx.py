"""Reading an Excel workbook's cells within stated limits, trusting nothing it declares.

Why not openpyxl here: it believes a sheet's declared dimension (a 48 kB workbook declaring
``A1:XFD1048576`` made it pad every row to 16,384 cells: 8 GB before a MemoryError), reads the
shared texts whole before anything can be checked (one 1.5 GB cell in a 1.5 MB file took 3.1 GB),
and a sheet it cannot parse ends in errors of its own.  A workbook is a zip of XML parts; this
module checks the zip's own figures first (its size, its table of contents, each part's declared
size, its compression method and ratio), then streams each part through expat (no tree is ever
built; a document type declaration, and with it every entity trick, is refused), counting
elements, rows, cells and characters as they come.  Every failure is one sentence naming the
workbook and, where there is one, the sheet and the cell.  The sheets' own XML is read by
``xlsx_cells.py``.  openpyxl still writes the template (``template.py``); its number-format
tables tell a date cell from a number here.
"""

from __future__ import annotations

import lzma
import os
import posixpath
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from navigator.catalogue.build.xlsx_cells import (
    MAX_CELL_CHARS,
    RIGHT_FILE,
    SAVE_AGAIN,
    Cell,
    Refused,
    SheetReader,
    TextCollector,
    unescape,
)
from navigator.errors import UserError

__all__ = ["MAX_CELL_CHARS", "Cell", "Workbook"]

# The limits, and why: a district's overlay workbook is tens of kilobytes to a few megabytes.
MAX_FILE_BYTES = 50_000_000  # the .xlsx file as saved
MAX_DIRECTORY_BYTES = 1_000_000  # its zip table of contents (about 60 bytes a part)
MAX_PART_BYTES = 64_000_000  # one part unpacked: a sheet's XML, the shared texts, the styles
MAX_RATIO = 100  # unpacked over packed, for a part over 1 MB: Excel's XML packs 5 to 20 times
MAX_SHEETS = 255
MAX_STRINGS = 1_000_000  # shared texts
MAX_STYLES = 65_000  # cell formats (Excel's limit is 64,000)
MAX_ELEMENTS = 5_000_000  # XML elements in one part
_BIG_PART = 1_000_000  # parts smaller than this are not judged by their ratio
_CHUNK = 1 << 16
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
              NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError, struct.error)
_OFFICE_DOCUMENT = "/officeDocument"


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str | None  # the sheet's XML in the zip; None for a chart sheet (no cells)


@dataclass
class _Parser:
    """One part streamed through expat: handlers get local names (no namespaces)."""

    start: Callable[[str, dict], None]
    end: Callable[[str], None]
    text: Callable[[str], None] | None = None
    elements: int = 0

    def feed(self, chunks: Iterator[bytes]) -> Iterator[None]:
        """Parse chunk by chunk, yielding after each (so a reader can hand rows on)."""
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = _no_doctype
        parser.EntityDeclHandler = _no_doctype
        parser.StartElementHandler = self._start
        parser.EndElementHandler = lambda name: self.end(name.rpartition(" ")[2])
        if self.text is not None:
            parser.CharacterDataHandler = self.text
        for chunk in chunks:
            parser.Parse(chunk, False)
            yield
        parser.Parse(b"", True)
        yield

    def _start(self, name: str, attributes: dict) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise Refused(f"holds more than {MAX_ELEMENTS:,} XML elements; {RIGHT_FILE}")
        self.start(name.rpartition(" ")[2], attributes)


def _no_doctype(*_args) -> None:
    raise Refused(f"holds a document type declaration, which an Excel workbook never has; "
                  f"{SAVE_AGAIN}")


def _attribute(attributes: dict, local: str) -> str | None:
    """An attribute by its local name, whatever its namespace (``r:id`` is ``id``)."""
    if local in attributes:
        return attributes[local]
    return next((v for k, v in attributes.items() if k.rpartition(" ")[2] == local), None)


class Workbook:
    """An open workbook: its sheets, and each sheet's rows streamed within the limits."""

    def __init__(self, path: Path, what: str = "overlay file"):
        self.path, self.what = path, what
        self._zip = self._open()
        try:
            self.sheets, self._date1904, relations = self._read_book()
            self._styles = self._read_styles(relations.get("styles"))
            self._strings_part = relations.get("sharedStrings")
            self._strings: list[str] | None = None
        except BaseException:
            self._zip.close()
            raise

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # --- the zip, checked before it is believed ------------------------------------------------

    def _not_a_workbook(self, detail: str) -> UserError:
        return UserError(f"The {self.what} {self.path} is not an Excel workbook Navigator can read "
                         f"({detail}); save it from your spreadsheet program as an Excel workbook "
                         "(.xlsx).")

    def _open(self) -> zipfile.ZipFile:
        try:
            found = os.stat(self.path)
        except OSError as err:
            raise self._not_a_workbook(err.strerror or str(err)) from None
        if not stat.S_ISREG(found.st_mode):
            raise self._not_a_workbook("it is not a regular file")
        if found.st_size > MAX_FILE_BYTES:
            raise UserError(f"The {self.what} {self.path} is {found.st_size:,} bytes, more than "
                            f"the {MAX_FILE_BYTES:,} a workbook of overlays may be; check that it "
                            "is the right file, or split it.")
        try:
            with open(self.path, "rb") as handle:
                directory = _directory_size(handle, found.st_size)
            if directory > MAX_DIRECTORY_BYTES:
                raise self._not_a_workbook(f"its table of contents is {directory:,} bytes, for "
                                           "more parts than a workbook has")
            return zipfile.ZipFile(self.path)
        except ZIP_ERRORS as err:
            raise self._not_a_workbook(str(err) or type(err).__name__) from None

    def _chunks(self, part: str, where: str) -> Iterator[bytes]:
        """The part's bytes, after its declared size, method and ratio are checked."""
        try:
            info = self._zip.getinfo(part)
        except KeyError:
            raise UserError(f"The workbook {self.path}{where} is damaged: it has no part {part}; "
                            "save it again from your spreadsheet program.") from None
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UserError(f"The workbook {self.path}{where} is packed in a way Excel never "
                            "packs it; save it again from your spreadsheet program.")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > _BIG_PART and ratio > MAX_RATIO):
            raise UserError(
                f"The workbook {self.path}{where} unpacks to {info.file_size:,} bytes from "
                f"{info.compress_size:,} (at most {MAX_PART_BYTES:,}, and {MAX_RATIO} times its "
                "packed size, are read); it holds far more than overlays need: check that it "
                "is the right file.")
        with self._zip.open(info) as handle:
            read = 0
            while chunk := handle.read(_CHUNK):
                read += len(chunk)
                if read > info.file_size:  # zipfile stops at the declared size; never trust
                    raise zipfile.BadZipFile("a part is longer than it says")
                yield chunk

    @contextmanager
    def _reading(self, part: str, where: str) -> Iterator[None]:
        """Every way reading a part can fail, as one sentence naming the workbook and sheet."""
        try:
            yield
        except Refused as err:
            raise UserError(f"The workbook {self.path}{where} {err}.") from None
        except expat.ExpatError as err:
            raise UserError(f"The workbook {self.path}{where} is damaged ({part}: "
                            f"{expat.errors.messages.get(err.code, err)} at line {err.lineno}); "
                            f"{SAVE_AGAIN}.") from None
        except ZIP_ERRORS as err:
            raise UserError(f"The workbook {self.path}{where} is damaged ({part}: "
                            f"{err or type(err).__name__}); {SAVE_AGAIN}.") from None

    def _parse(self, part: str, where: str, start, end, text=None) -> None:
        """Stream one part through the handlers."""
        with self._reading(part, where):
            for _ in _Parser(start, end, text).feed(self._chunks(part, where)):
                pass

    # --- the book: sheets, relations, styles, shared texts ----------------------------------

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relations: id -> (type, the target part's name)."""
        folder = posixpath.dirname(part)
        rels = posixpath.join(folder, "_rels", posixpath.basename(part) + ".rels")
        if rels not in self._zip.NameToInfo:
            return {}
        found: dict[str, tuple[str, str]] = {}

        def start(name: str, attributes: dict) -> None:
            if name == "Relationship" and len(found) < 10_000:
                target = attributes.get("Target", "")
                target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                found[attributes.get("Id", "")] = (attributes.get("Type", ""),
                                                   posixpath.normpath(target))

        self._parse(rels, "", start, lambda _name: None)
        return found

    def _read_book(self) -> tuple[list[SheetPart], bool, dict[str, str]]:
        book = next((target for kind, target in self._relations("").values()
                     if kind.endswith(_OFFICE_DOCUMENT)), "xl/workbook.xml")
        relations = self._relations(book)
        named: list[tuple[str, str | None]] = []
        date1904 = False

        def start(name: str, attributes: dict) -> None:
            nonlocal date1904
            if name == "workbookPr":
                date1904 = attributes.get("date1904", "0").lower() in ("1", "true")
            elif name == "sheet":
                if len(named) >= MAX_SHEETS:
                    raise Refused(f"has more than {MAX_SHEETS} sheets; {RIGHT_FILE}")
                named.append((attributes.get("name", ""), _attribute(attributes, "id")))

        self._parse(book, "", start, lambda _name: None)
        sheets = []
        for name, rid in named:
            kind, target = relations.get(rid or "", ("", ""))
            sheets.append(SheetPart(name, target if kind.endswith("/worksheet") else None))
        kinds = {kind.rpartition("/")[2]: target for kind, target in relations.values()}
        return sheets, date1904, kinds

    def _read_styles(self, part: str | None) -> dict[int, str]:
        """Cell format number -> "date", "duration" or nothing (a number)."""
        if part is None:
            return {}
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        formats: dict[int, str] = dict(BUILTIN_FORMATS)
        chosen: list[int] = []
        inside = []

        def start(name: str, attributes: dict) -> None:
            inside.append(name)
            try:
                if name == "numFmt":
                    formats[int(attributes.get("numFmtId", "-1"))] = \
                        attributes.get("formatCode", "")[:500]
                elif name == "xf" and "cellXfs" in inside:
                    if len(chosen) >= MAX_STYLES:
                        raise Refused(f"has more than {MAX_STYLES:,} cell formats; {RIGHT_FILE}")
                    chosen.append(int(attributes.get("numFmtId", "0")))
            except ValueError:
                raise Refused(f"is damaged (a cell format that is not a number); {SAVE_AGAIN}") \
                    from None

        self._parse(part, "", start, lambda _name: inside.pop())
        kinds = {}
        for index, number in enumerate(chosen):
            code = formats.get(number, "")
            if code and is_timedelta_format(code):
                kinds[index] = "duration"
            elif code and is_date_format(code):
                kinds[index] = "date"
        return kinds

    def _shared_strings(self, where: str) -> list[str]:
        if self._strings is not None:
            return self._strings
        strings: list[str] = []
        if self._strings_part is not None:
            reader = TextCollector(("si",), ("t",), ("rPh",))

            def end(name: str) -> None:
                if name == "si":
                    if len(strings) >= MAX_STRINGS:
                        raise Refused(f"has more than {MAX_STRINGS:,} shared texts; {RIGHT_FILE}")
                    strings.append(unescape(reader.take()))
                reader.end(name)

            self._parse(self._strings_part, where, reader.start, end, reader.text)
        self._strings = strings
        return strings

    # --- a sheet's rows ---------------------------------------------------------------------------

    def sheet(self, name: str) -> SheetPart:
        found = next((s for s in self.sheets if s.name == name), None)
        if found is None:
            raise UserError(f"The workbook {self.path} has no sheet {name!r} (its sheets: "
                            f"{', '.join(s.name for s in self.sheets)}); rename the sheet or fix "
                            "sheet = \"...\" in the region file.")
        return found

    def rows(self, name: str) -> Iterator[tuple[int, list[Cell]]]:
        """(row number, its cells holding a value or a flaw) for each such row, in order."""
        where = f", sheet {name},"
        part = self.sheet(name).part
        if part is None:
            return
        reader = SheetReader(self._shared_strings(where), self._styles, self._date1904)
        with self._reading(part, where):
            for _ in _Parser(reader.start, reader.end, reader.text).feed(self._chunks(part, where)):
                yield from reader.done
                reader.done.clear()


def _directory_size(handle, size: int) -> int:
    """The size of the zip's central directory, from its end record (read before zipfile reads
    the directory whole: a 50 MB file could list a million parts)."""
    tail_size = min(size, 65_536 + 22)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        raise zipfile.BadZipFile("File is not a zip file")
    if tail.rfind(b"PK\x06\x07", 0, at) >= max(0, at - 20):
        return size  # a ZIP64 directory, which a workbook of overlays never needs: judged whole
    directory = struct.unpack("<I", tail[at + 12:at + 16])[0]
    return directory if directory != 0xFFFFFFFF else size  # ZIP64: judged by the file's size


