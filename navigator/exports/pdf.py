"""The printed list: a PDF with embedded fonts, in one language or two side by side.

Why it looks like this:

* fpdf2 writes the PDF with subsets of real TrueType fonts (see ``fonts.py``),
  so Korean and Spanish print the same on any printer or phone.
* The document's outline is laid out row by row: in a side-by-side print each
  block of the family's language sits level with the same block in the
  counsellor's language.  Page breaks fall between groups when a group fits on
  a page, otherwise between rows, never through a line.
* Pack text is placed as plain text (no markup parsing), so a school named
  ``**x**`` or ``<b>`` prints exactly as written.
* The map is a vector sketch drawn from coordinates (home, numbered schools,
  rail lines, a scale bar) and the QR code is drawn module by module: no tiles,
  no images, no network.
"""

from __future__ import annotations

import logging

from fpdf import FPDF

from navigator.exports.document import Block, Document, Group, MapSketch
from navigator.exports.fonts import needs_han, needs_hangul, pdf_fonts
from navigator.exports.qr import qr_matrix

PAGE = "letter"
MARGIN = 15.0
GUTTER = 7.0
BOTTOM = 16.0
INK = (20, 20, 20)
GREY = (115, 115, 115)
ACCENT = (25, 70, 140)
WARN = (196, 110, 0)
INFO = (40, 110, 170)

# kind -> (font size pt, bold, colour, space before mm, line height factor)
STYLES = {
    "title": (20, True, INK, 0.0, 1.25), "lead": (10, False, GREY, 1.0, 1.35),
    "notice": (10.5, True, INK, 3.0, 1.35), "heading": (14, True, ACCENT, 6.0, 1.3),
    "school": (12, True, INK, 4.0, 1.3), "subheading": (10.5, True, ACCENT, 3.0, 1.3),
    "text": (9.5, False, INK, 1.2, 1.4), "field": (9.5, False, INK, 1.0, 1.4),
    "step": (9.5, False, INK, 1.0, 1.4), "item": (9.5, False, INK, 0.6, 1.4),
    "date": (9.5, True, INK, 1.4, 1.4), "warning": (9.5, False, INK, 2.0, 1.4),
    "info": (9.5, False, INK, 2.0, 1.4), "small": (8, False, GREY, 0.8, 1.35),
}
PT = 0.3528  # mm per point


class _PDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(self.main_family, size=7.5)
        self.set_text_color(*GREY)
        self.cell(0, 4, f"{self.footer_text}   {self.page_no()}/{{nb}}", align="C")

    main_family = "main"


def render_pdf(doc: Document, second: Document | None = None) -> bytes:
    """The PDF bytes: ``doc`` alone, or ``doc`` (left) and ``second`` (right) side by side."""
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # subsetting chatter, not problems
    docs = [doc] + ([second] if second is not None else [])
    texts = [b.text + b.label for d in docs for g in d.groups for b in g.blocks]
    texts += [d.title for d in docs]
    families = pdf_fonts(needs_hangul(*texts), han=needs_han(*texts))
    pdf = _PDF(format=PAGE, unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    for index, family in enumerate(families):
        name = "main" if index == 0 else f"alt{index}"
        pdf.add_font(name, "", str(family.regular), collection_font_number=family.index)
        pdf.add_font(name, "B", str(family.bold), collection_font_number=family.index)
    pdf.set_fallback_fonts([f"alt{i}" for i in range(1, len(families))])
    pdf.set_title(doc.title)
    pdf.set_lang(doc.lang.replace("_", "-"))
    pdf.set_creator("Navigator")
    pdf.footer_text = " · ".join(d.labels["footer"] for d in docs)
    pdf.alias_nb_pages()
    pdf.add_page()
    _Layout(pdf, docs).run()
    return bytes(pdf.output())


class _Layout:
    def __init__(self, pdf: _PDF, docs: list[Document]):
        self.pdf, self.docs = pdf, docs
        self.width = pdf.w - 2 * MARGIN
        n = len(docs)
        self.col_w = (self.width - GUTTER * (n - 1)) / n
        self.bottom = pdf.h - BOTTOM
        self.scale = 0.92 if n > 1 else 1.0  # two narrow columns: slightly smaller type

    def run(self) -> None:
        groups = list(zip(*(d.groups for d in self.docs), strict=True))
        held: tuple[Group, ...] | None = None  # a heading waiting for what follows it
        for row in groups:
            keys = {g.key for g in row}
            if len(keys) != 1:
                raise ValueError(f"documents differ in structure: {sorted(keys)}")
            if row[0].figure == "figures":
                self.figures(row)
                continue
            if held is not None:
                row = tuple(Group(g.key, h.blocks + g.blocks) for h, g in zip(held, row, strict=True))
                held = None
            if row[0].keep_with_next:
                held = row
                continue
            self.group(row)
        if held is not None:
            self.group(held)

    # --- measuring and placing blocks ------------------------------------------------------------

    def style(self, block: Block) -> tuple[float, float, tuple]:
        size, bold, colour, _before, factor = STYLES[block.kind]
        size *= self.scale
        self.pdf.set_font("main", "B" if bold else "", size)
        colour = GREY if block.muted else colour
        self.pdf.set_text_color(*colour)
        return size, size * PT * factor, colour

    def block_height(self, block: Block, width: float) -> float:
        return self.draw(block, 0, 0, width, dry=True)

    def draw(self, block: Block, x: float, y: float, width: float, dry: bool = False) -> float:
        """Draw (or measure) one block at x, y; returns its height including space before."""
        if not block.text and not block.label:
            return 0.0
        pdf = self.pdf
        before = STYLES[block.kind][3]
        _size, line, _colour = self.style(block)
        top = y + before

        def cell(cx: float, cw: float, text: str, align: str = "L") -> float:
            if dry:
                return pdf.multi_cell(cw, line, text, dry_run=True, output="HEIGHT", align=align)
            pdf.set_xy(cx, top)
            pdf.multi_cell(cw, line, text, align=align)
            return pdf.get_y() - top

        if block.kind == "field":
            label_w = min(34.0, width * 0.34)
            pdf.set_font("main", "B", (STYLES["field"][0] - 0.5) * self.scale)
            label_h = cell(x, label_w - 1.5, block.label)
            self.style(block)
            value_h = cell(x + label_w, width - label_w, block.text) if block.text else 0.0
            return before + max(label_h, value_h)
        if block.kind in ("step", "item"):
            indent = 6.0
            mark = f"{block.label}." if block.kind == "step" else "•"
            cell(x + 1.0, indent, mark)
            return before + cell(x + indent, width - indent, block.text)
        if block.kind in ("warning", "info", "notice"):
            pad = 2.0
            height = (pdf.multi_cell(width - 2 * pad - 1.5, line, block.text, dry_run=True,
                                     output="HEIGHT", align="L")) + 2 * pad
            if not dry:
                colour = {"warning": WARN, "info": INFO, "notice": ACCENT}[block.kind]
                fill = {"warning": (255, 246, 230), "info": (235, 244, 252),
                        "notice": (236, 241, 250)}[block.kind]
                pdf.set_fill_color(*fill)
                pdf.rect(x, top, width, height, style="F")
                pdf.set_fill_color(*colour)
                pdf.rect(x, top, 1.5, height, style="F")
                self.style(block)
                pdf.set_xy(x + 1.5 + pad, top + pad)
                pdf.multi_cell(width - 2 * pad - 1.5, line, block.text, align="L")
            return before + height
        height = cell(x, width, block.text)
        if block.kind == "heading" and not dry:
            pdf.set_draw_color(*ACCENT)
            pdf.set_line_width(0.3)
            pdf.line(x, top + height + 0.6, x + width, top + height + 0.6)
        return before + height + (1.2 if block.kind == "heading" else 0.0)

    def rows_of(self, groups: tuple[Group, ...]) -> list[tuple[Block | None, ...]]:
        depth = max(len(g.blocks) for g in groups)
        return [tuple(g.blocks[i] if i < len(g.blocks) else None for g in groups)
                for i in range(depth)]

    def row_height(self, row: tuple[Block | None, ...]) -> float:
        return max((self.block_height(b, self.col_w) for b in row if b is not None), default=0.0)

    def group(self, groups: tuple[Group, ...]) -> None:
        rows = self.rows_of(groups)
        heights = [self.row_height(r) for r in rows]
        total = sum(heights)
        page_room = self.bottom - MARGIN
        lead = heights[0] + (heights[1] if len(heights) > 1 else 0)
        if self.pdf.get_y() + total > self.bottom and (total < page_room * 0.35 or
                                                       self.pdf.get_y() + lead > self.bottom):
            self.pdf.add_page()
        for row, height in zip(rows, heights, strict=True):
            if self.pdf.get_y() + height > self.bottom:
                self.pdf.add_page()
            y = self.pdf.get_y()
            for column, block in enumerate(row):
                if block is not None:
                    self.draw(block, MARGIN + column * (self.col_w + GUTTER), y, self.col_w)
            self.pdf.set_xy(MARGIN, y + height)

    # --- the map and the QR code -------------------------------------------------------------------

    def figures(self, groups: tuple[Group, ...]) -> None:
        pdf = self.pdf
        qr_size = 38.0
        map_w = self.width - qr_size - 10
        map_h = max(qr_size + 8, min(80.0, map_w * self.docs[0].map.aspect()))
        caption_w = self.width - map_w - 4
        caption_h = sum(self.block_height(g.blocks[1], caption_w) for g in groups)
        map_caption_h = sum(self.block_height(g.blocks[0], map_w) for g in groups)
        needed = 4 + max(map_h + map_caption_h, qr_size + caption_h + 2)
        if pdf.get_y() + needed > self.bottom:
            pdf.add_page()
        top = pdf.get_y() + 4
        self.map(self.docs[0].map, MARGIN, top, map_w, map_h)
        qr_x = MARGIN + map_w + 4 + (caption_w - qr_size) / 2
        self.qr(self.docs[0].qr_text, qr_x, top, qr_size)
        y = top + map_h
        for g in groups:
            y += self.draw(g.blocks[0], MARGIN, y, map_w)
        y2 = top + qr_size + 1
        for g in groups:
            y2 += self.draw(g.blocks[1], MARGIN + map_w + 4, y2, caption_w)
        pdf.set_xy(MARGIN, max(y, y2) + 2)

    def map(self, sketch: MapSketch, x: float, y: float, w: float, h: float) -> None:
        pdf = self.pdf
        pdf.set_fill_color(246, 248, 244)
        pdf.set_draw_color(190, 190, 190)
        pdf.set_line_width(0.3)
        pdf.rect(x, y, w, h, style="DF")
        if sketch.bounds() is None:
            return
        project, per_km = sketch.projector(w, h, pad=9.0)
        with pdf.rect_clip(x, y, w, h):
            for colour, points, _name in sketch.lines:
                pdf.set_draw_color(*_rgb(colour, lighten=0.45))
                pdf.set_line_width(1.2)
                pdf.polyline([(x + px, y + py) for px, py in (project(*p) for p in points)])
            self.line_names(sketch, project, x, y, w, h)
        if sketch.home:
            hx, hy = project(*sketch.home)
            hx, hy = x + hx, y + hy
            pdf.set_fill_color(200, 40, 40)
            pdf.set_draw_color(255, 255, 255)
            pdf.set_line_width(0.4)
            pdf.polygon([(hx - 3, hy - 0.5), (hx, hy - 3.5), (hx + 3, hy - 0.5)], style="DF")
            pdf.rect(hx - 2.2, hy - 0.6, 4.4, 3.4, style="DF")
        pdf.set_font("main", "B", 8)
        for rank, lat, lon in sorted(sketch.schools, reverse=True):
            sx, sy = project(lat, lon)
            sx, sy = x + sx, y + sy
            pdf.set_fill_color(*ACCENT)
            pdf.set_draw_color(255, 255, 255)
            pdf.set_line_width(0.5)
            pdf.circle(sx, sy, 3.1, style="DF")
            pdf.set_text_color(255, 255, 255)
            pdf.set_xy(sx - 3.1, sy - 2.0)
            pdf.cell(6.2, 4.0, str(rank), align="C")
        bar = sketch.scale_km * per_km
        if bar > 0:
            bx, by = x + 4, y + h - 4
            pdf.set_font("main", "", 7)
            pdf.set_fill_color(255, 255, 255)
            pdf.rect(bx - 1.5, by - 3.2, bar + pdf.get_string_width(sketch.scale_label) + 5.5, 4.4,
                     style="F")
            pdf.set_draw_color(*INK)
            pdf.set_line_width(0.5)
            pdf.line(bx, by, bx + bar, by)
            pdf.line(bx, by - 1.2, bx, by)
            pdf.line(bx + bar, by - 1.2, bx + bar, by)
            pdf.set_font("main", "", 7)
            pdf.set_text_color(*INK)
            pdf.set_xy(bx + bar + 1.5, by - 2.2)
            pdf.cell(30, 3.4, sketch.scale_label)
        # a north arrow, drawn (no letter to translate)
        nx, ny = x + w - 6, y + 5
        pdf.set_fill_color(*INK)
        pdf.polygon([(nx, ny - 2.5), (nx - 1.8, ny + 2.5), (nx, ny + 1.4), (nx + 1.8, ny + 2.5)],
                    style="F")

    def line_names(self, sketch: MapSketch, project, x: float, y: float, w: float, h: float) -> None:
        """Each line's name in a small box of its colour, away from the markers."""
        pdf = self.pdf
        pdf.set_font("main", "B", 6.5)
        for colour, name, px, py in sketch.line_labels(
                project, lambda px, py: 5 < px < w - 10 and 5 < py < h - 4):
            lx, ly = x + px, y + py
            width = pdf.get_string_width(name) + 2
            pdf.set_fill_color(*_rgb(colour))
            pdf.rect(lx - width / 2, ly - 1.8, width, 3.6, style="F")
            pdf.set_text_color(255, 255, 255)
            pdf.set_xy(lx - width / 2, ly - 1.8)
            pdf.cell(width, 3.6, name, align="C")

    def qr(self, text: str, x: float, y: float, size: float) -> None:
        pdf = self.pdf
        matrix = qr_matrix(text)
        module = size / (len(matrix) + 8)
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(x, y, size, size, style="F")
        pdf.set_fill_color(0, 0, 0)
        for row_index, row in enumerate(matrix):
            start = None
            for col_index, dark in enumerate([*row, False]):
                if dark and start is None:
                    start = col_index
                elif not dark and start is not None:
                    pdf.rect(x + (4 + start) * module, y + (4 + row_index) * module,
                             (col_index - start) * module, module * 1.02, style="F")
                    start = None


def _rgb(colour: str, lighten: float = 0.0) -> tuple[int, int, int]:
    try:
        r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        r, g, b = 120, 120, 120
    return tuple(round(c + (255 - c) * lighten) for c in (r, g, b))  # type: ignore[return-value]
