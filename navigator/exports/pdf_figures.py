"""The printed list's figures: the map sketch (home, numbered schools, lines, a scale bar and a
north arrow, drawn as vectors) and the QR codes drawn module by module: no tiles, no images,
no network.  A mixin of the page layout (``pdf.py``): it uses its ``pdf``, page cursor and blocks.
"""

from __future__ import annotations

from navigator.exports.model import Block, Group
from navigator.exports.pdf_style import ACCENT, EVENT_QR, INK, LIST_QR, MARGIN
from navigator.exports.qr import qr_matrix
from navigator.exports.sketch import MapSketch


class Figures:
    """The map and the QR codes, placed on the page by the layout."""

    def figures(self, groups: tuple[Group, ...]) -> None:
        qr_size = LIST_QR
        map_w = self.width - qr_size - 10
        sketch = groups[0].sketch or self.docs[0].map
        map_h = max(qr_size + 8, min(80.0, map_w * sketch.aspect()))
        caption_w = self.width - map_w - 4
        map_captions = [self.lay(g.blocks[0], map_w) for g in groups]
        qr_captions = [self.lay(g.blocks[1], caption_w) for g in groups]
        needed = 4 + max(map_h + sum(c.height() for c in map_captions),
                         qr_size + sum(c.height() for c in qr_captions) + 2)
        if needed > self.room() and self.y > MARGIN:
            self.new_page()
        top = self.y + 4
        rtl = self.docs[0].rtl  # right to left: the code on the left, the map on the right
        map_x = MARGIN + caption_w + 4 if rtl else MARGIN
        qr_x = MARGIN if rtl else MARGIN + map_w + 4
        if not self.dry:
            self.map(sketch, map_x, top, map_w, map_h)
            self.qr(groups[0].code or self.docs[0].qr_text,
                    qr_x + (caption_w - qr_size) / 2, top,
                    qr_size)
        y = top + map_h
        for caption, doc in zip(map_captions, self.docs, strict=True):
            if not self.dry:
                self.draw(caption, 0, len(caption.rows), True, map_x, y, doc.rtl)
            y += caption.height()
        y2 = top + qr_size + 1
        for caption, doc in zip(qr_captions, self.docs, strict=True):
            if not self.dry:
                self.draw(caption, 0, len(caption.rows), True, qr_x, y2, doc.rtl)
            y2 += caption.height()
        self.y = max(y, y2) + 2

    def calendar(self, groups: tuple[Group, ...]) -> None:
        """The plan's calendar codes in a row (or rows), each with its date and process beneath."""
        intro = tuple(Group(g.key, g.blocks) for g in groups)
        codes = groups[0].codes
        per_row = max(1, int((self.width + 6) // (EVENT_QR + 14)))
        cell_w = self.width / per_row
        captions = [self.lay(Block("small", caption), cell_w - 4) for caption, _text in codes]
        rows = [list(range(i, min(i + per_row, len(codes)))) for i in range(0, len(codes), per_row)]
        first_h = EVENT_QR + 2 + max((captions[i].height() for i in rows[0]), default=0) \
            if rows else 0
        intro_h = max(self.lay(g.blocks[0], self.col_w).height() for g in intro)
        if intro_h + first_h > self.room() and self.y > MARGIN:
            self.new_page()
        self.group(intro)
        for indexes in rows:
            height = EVENT_QR + 2 + max(captions[i].height() for i in indexes)
            if height > self.room():
                self.new_page()
            rtl = self.docs[0].rtl  # right to left: the first date on the right
            for column, index in enumerate(indexes):
                x = MARGIN + (per_row - 1 - column if rtl else column) * cell_w
                if not self.dry:
                    self.qr(codes[index][1], x + (cell_w - EVENT_QR) / 2, self.y + 1, EVENT_QR)
                    caption = captions[index]
                    self.draw(caption, 0, len(caption.rows), False,
                              x + 2, self.y + EVENT_QR + 1.5, rtl)
            self.y += height

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
