"""The list as a spreadsheet: one row per ranked school, header in the family's language.

UTF-8 with a byte-order mark, because spreadsheet programs open a BOM-less CSV
in the machine's legacy code page and turn Korean and Spanish into garbage.
Every cell is plain text (a leading ``=``, ``+``, ``-`` or ``@`` is quoted with
an apostrophe) so no pack text can run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io

from navigator.exports.document import CSV_COLUMNS, Document

BOM = "\ufeff"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def render_csv(doc: Document) -> bytes:
    """The CSV file's bytes (UTF-8 with BOM, CRLF line ends as RFC 4180 says)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([doc.csv_headers[c] for c in CSV_COLUMNS])
    for school in doc.schools:
        writer.writerow([_cell(school.row[c]) for c in CSV_COLUMNS])
    return (BOM + buffer.getvalue()).encode("utf-8")
