"""The reach map on paper: the map of squares with its legend on the first page, then what was
asked, the table by ZIP area and the sources, with the fonts the family list's PDF embeds
(``navigator.exports.fonts``: Hangul and Han when the text needs them)."""

from __future__ import annotations

import logging

from fpdf import FPDF

from navigator.exports.fonts import needs_han, needs_hangul, pdf_fonts
from navigator.exports.pdf_style import GREY, MARGIN, PAGE
from navigator.i18n import format_number
from navigator.reach.count import ReachMap
from navigator.reach.report_model import ReachReport, colours


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def render_pdf(reach: ReachMap, report: ReachReport) -> bytes:
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    texts = [report.title, *report.notes, *report.sources, *report.zip_heading, *report.labels.values()]
    texts += [w for _c, w in report.legend] + [a + b for a, b in report.asked]
    pdf = FPDF(format=PAGE, unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, MARGIN)
    for index, family in enumerate(pdf_fonts(needs_hangul(*texts), han=needs_han(*texts))):
        name = "main" if index == 0 else f"alt{index}"
        pdf.add_font(name, "", str(family.regular), collection_font_number=family.index)
        pdf.add_font(name, "B", str(family.bold), collection_font_number=family.index)
        if index:
            pdf.set_fallback_fonts([name])
    pdf.set_title(report.title)
    pdf.set_lang(report.lang.replace("_", "-"))
    pdf.set_creator("Navigator")
    pdf.add_page()
    width = pdf.w - 2 * MARGIN
    pdf.set_font("main", "B", 17)
    _cell(pdf, width, 8, report.title)
    pdf.set_font("main", "", 10)
    pdf.set_text_color(*GREY)
    _cell(pdf, width, 5, report.labels["region"])
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    _map(pdf, reach, report, width, max_height=pdf.h * 0.5)
    _legend(pdf, report, width)
    pdf.set_font("main", "", 9)
    for note in report.notes:
        _cell(pdf, width, 4.6, note)
    _heading(pdf, report.labels["asked"], width)
    pdf.set_font("main", "", 9.5)
    for what, answer in report.asked:
        pdf.set_font("main", "B", 9.5)
        _cell(pdf, width, 5, what)
        pdf.set_font("main", "", 9.5)
        _cell(pdf, width, 5, answer)
    if report.zip_rows:
        _heading(pdf, report.labels["by_zip"], width)
        _zip_table(pdf, report, width)
    _heading(pdf, report.labels["sources"], width)
    pdf.set_font("main", "", 8.5)
    for n, source in enumerate(report.sources, start=1):
        _cell(pdf, width, 4.4, f"[{n}] {source}")
    return bytes(pdf.output())


def _cell(pdf: FPDF, width: float, height: float, text: str, **_ignored) -> None:
    """A paragraph from the left margin, the next one below it."""
    pdf.multi_cell(width, height, text, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: FPDF, text: str, width: float) -> None:
    pdf.ln(3)
    pdf.set_font("main", "B", 12.5)
    _cell(pdf, width, 6.5, text)
    pdf.ln(1)


def _map(pdf: FPDF, reach: ReachMap, report: ReachReport, width: float, max_height: float) -> None:
    grid = reach.grid
    if not len(grid):
        return
    cols = grid.column - grid.column.min()
    rows = grid.row.max() - grid.row
    span_c, span_r = int(cols.max()) + 1, int(rows.max()) + 1
    size = min(width / span_c, max_height / span_r)
    x0 = pdf.l_margin + (width - size * span_c) / 2
    y0 = pdf.get_y()
    pdf.set_draw_color(190, 190, 190)
    pdf.rect(x0, y0, size * span_c, size * span_r)
    for colour, i in sorted(((c, i) for i, c in enumerate(colours(reach)))):
        pdf.set_fill_color(*_hex(colour))
        pdf.rect(x0 + cols[i] * size, y0 + rows[i] * size, size + 0.05, size + 0.05, style="F")
    pdf.set_font("main", "B", 7.5)
    top = int(grid.row.max())
    for code, column, row in report.zip_points:  # the ZIP areas, to find one's way on the map
        x = x0 + (column - grid.column.min()) * size
        y = y0 + (top + 1 - row) * size
        label = pdf.get_string_width(code) + 2
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(x - label / 2, y - 2, label, 4, style="F")
        pdf.text(x - label / 2 + 1, y + 1.2, code)
    pdf.set_y(y0 + size * span_r + 3)


def _legend(pdf: FPDF, report: ReachReport, width: float) -> None:
    pdf.set_font("main", "B", 9.5)
    _cell(pdf, width, 5, report.labels["legend"])
    pdf.set_font("main", "", 9)
    for colour, words in report.legend:
        y = pdf.get_y()
        pdf.set_fill_color(*_hex(colour))
        pdf.set_draw_color(120, 120, 120)
        pdf.rect(pdf.l_margin, y + 0.6, 4, 4, style="DF")
        pdf.set_x(pdf.l_margin + 6)
        pdf.multi_cell(width - 6, 5.2, words, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _zip_table(pdf: FPDF, report: ReachReport, width: float) -> None:
    pdf.set_font("main", "", 8.5)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(150, 150, 150)
    with pdf.table(width=width, text_align="LEFT", line_height=4.6) as table:
        table.row(list(report.zip_heading))
        for r in report.zip_rows:
            table.row([f"{r.zip} {r.name}".strip(), format_number(r.cells, report.lang),
                       format_number(r.none, report.lang), format_number(r.unknown, report.lang),
                       format_number(r.median, report.lang),
                       *(format_number(m, report.lang) for m in r.by_sector)])
