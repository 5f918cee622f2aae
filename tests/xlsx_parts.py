"""Workbooks made part by part, as a careless spreadsheet or a hostile one would be: sheets
declaring a million rows they do not have, a cell of 1.5 GB, a zip lying about its sizes.
Shared by the workbook tests (test_workbook_limits.py)."""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def number(ref: str, value: object, style: int | None = None) -> str:
    styled = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}"{styled}><v>{value}</v></c>'


def letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def row_xml(number_: int, cells: Iterable[str]) -> str:
    return f'<row r="{number_}">{"".join(cells)}</row>'


def text_row(number_: int, texts: list[str]) -> str:
    return row_xml(number_, (inline(f"{letters(i + 1)}{number_}", t)
                             for i, t in enumerate(texts) if t))


def sheet_chunks(rows: Iterable[str], dimension: str | None = None) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'.encode()
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= 2000:
            yield "".join(batch).encode()
            batch.clear()
    yield ("".join(batch) + "</sheetData></worksheet>").encode()


def write_workbook(path: Path, sheets: dict[str, Iterable[bytes]],
                   shared_strings: Iterable[bytes] | None = None, styles: str | None = None,
                   level: int = 6) -> Path:
    """An .xlsx of the given sheets (each an iterable of XML chunks), written as it streams."""
    names = list(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        book.writestr("_rels/.rels", f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship '
                      f'Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
                      '</Relationships>')
        listed = "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                         for i, n in enumerate(names))
        book.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
                      f"{listed}</sheets></workbook>")
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{RELS}/worksheet" '
                       f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(names)))
        if shared_strings is not None:
            rels += (f'<Relationship Id="rS" Type="{RELS}/sharedStrings" '
                     'Target="sharedStrings.xml"/>')
        rels += f'<Relationship Id="rY" Type="{RELS}/styles" Target="styles.xml"/>'
        book.writestr("xl/_rels/workbook.xml.rels",
                      f'<Relationships xmlns="{PACKAGE_RELS}">{rels}</Relationships>')
        book.writestr("xl/styles.xml", styles or (
            f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
            'formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/>'
            '<xf numFmtId="164"/></cellXfs></styleSheet>'))
        for i, name in enumerate(names):
            with book.open(f"xl/worksheets/sheet{i + 1}.xml", "w") as out:
                for chunk in sheets[name]:
                    out.write(chunk)
        if shared_strings is not None:
            with book.open("xl/sharedStrings.xml", "w") as out:
                for chunk in shared_strings:
                    out.write(chunk)
    return path


def rewrite_part(path: Path, out: Path, part: str, change) -> Path:
    """A copy of the workbook with one part's bytes changed by ``change(bytes) -> bytes``."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            data = source.read(info)
            dest.writestr(info.filename, change(data) if info.filename == part else data)
    return out


def set_cell(sheet_xml: bytes, ref: str, cell: str) -> bytes:
    """The sheet's XML with cell ``ref`` replaced by ``cell`` (the XML of a whole <c>)."""
    text = sheet_xml.decode("utf-8")
    pattern = re.compile(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)
    assert pattern.search(text), f"no cell {ref}"
    return pattern.sub(lambda _m: cell, text, count=1).encode("utf-8")


def lie_about_size(path: Path, part: str, size: int) -> None:
    """Make the zip claim that ``part`` unpacks to ``size`` bytes (its local header and its
    entry in the table of contents), as a hostile file would."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo(part)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    name = part.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + length]) == name:
            struct.pack_into("<I", data, at + 24, size)
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def spoil_crc(path: Path, part: str) -> None:
    """Change the CRC the table of contents gives for ``part``."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + length]) == name:
            crc = struct.unpack_from("<I", data, at + 16)[0]
            struct.pack_into("<I", data, at + 16, crc ^ 0xFFFF)
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def copy(path: Path, out: Path) -> Path:
    shutil.copyfile(path, out)
    return out
