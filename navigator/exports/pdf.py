"""The printed list: a PDF with embedded fonts, in one language or two side by side.

Why it looks like this:

* fpdf2 writes the PDF with subsets of real TrueType fonts (see ``fonts.py``),
  so Korean and Spanish print the same on any printer or phone.
* Lines are broken here (:class:`_Wrap`), not by fpdf2: between words, and a word too long for
  its column (a web address) only after a ``/``, ``.``, ``-`` or similar, so an address never
  breaks mid-word and copying it from the PDF gives it whole (no hidden characters are added);
  only a "word" with none of those (a 5,000-letter name) is cut between letters.
* The document's outline is laid out row by row: in a side-by-side print each
  block of the family's language sits level with the same block in the
  counsellor's language.  Page breaks fall between groups when a group fits on
  a page, otherwise between rows, and a block taller than what is left of the page
  continues on the next one line by line, so no text is ever lost below the margin and no page
  is left blank before a long heading.
* The layout is computed first without drawing (:meth:`_Layout.run` with ``dry``), to learn on
  which page each process is explained; then drawn, with those pages in the references ("See
  “Valle Verde Choices”, page 3").  The lines are measured once and reused.
* Pack text is placed as plain text (no markup parsing), so a school named
  ``**x**`` or ``<b>`` prints exactly as written.
* The plan's urgent steps are marked by shape and weight, never colour alone: a warning sign and
  bold words, in a box with a thick bar; later steps have a hollow circle and a thin bar.
* The map is a vector sketch drawn from coordinates (home, numbered schools,
  rail lines, a scale bar) and the QR codes are drawn module by module: no tiles,
  no images, no network.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from fpdf import FPDF

from navigator.exports.fonts import needs_han, needs_hangul, pdf_fonts
from navigator.exports.model import Block, Document, Group
from navigator.exports.qr import qr_matrix
from navigator.exports.sketch import MapSketch

PAGE = "letter"
MARGIN = 15.0
GUTTER = 7.0
BOTTOM = 16.0
INK = (20, 20, 20)
GREY = (115, 115, 115)
ACCENT = (25, 70, 140)
WARN = (196, 110, 0)
INFO = (40, 110, 170)
LIST_QR = 44.0  # mm: the list's code (0.4 mm a module at the largest version allowed)
EVENT_QR = 30.0  # mm: a calendar code

# kind -> (font size pt, bold, colour, space before mm, line height factor)
STYLES = {
    "title": (20, True, INK, 0.0, 1.25), "lead": (10, False, GREY, 1.0, 1.35),
    "notice": (10.5, True, INK, 3.0, 1.35), "heading": (14, True, ACCENT, 6.0, 1.3),
    "school": (12, True, INK, 4.0, 1.3), "subheading": (10.5, True, ACCENT, 3.0, 1.3),
    "text": (9.5, False, INK, 1.2, 1.4), "field": (9.5, False, INK, 1.0, 1.4),
    "step": (9.5, False, INK, 1.6, 1.4), "item": (9.5, False, INK, 1.2, 1.4),
    "date": (9.5, True, INK, 1.4, 1.4), "warning": (9.5, False, INK, 2.0, 1.4),
    "info": (9.5, False, INK, 2.0, 1.4), "small": (8, False, GREY, 0.8, 1.35),
    "fine": (7, False, GREY, 0.5, 1.3), "action": (9.5, False, INK, 2.0, 1.4),
}
PT = 0.3528  # mm per point
BOX_PAD = 2.0
# Where a long word (a web address) may be broken: after these characters.
_BREAK_AFTER = re.compile(r"(?<=[/.\-?&=_,;:·])")


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
    texts += [d.title for d in docs] + [c for d in docs for g in d.groups for c, _t in g.codes]
    families = pdf_fonts(needs_hangul(*texts), han=needs_han(*texts))
    pdf = _PDF(format=PAGE, unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0  # lines are placed exactly where the layout says
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
    layout = _Layout(pdf, docs)
    pages: dict[str, int] = {}
    breaks: set[str] = set()
    for _attempt in range(4):  # until the page references stop moving (almost always once)
        layout.run(pages, breaks, dry=True)
        if layout.anchors == pages and layout.wanted_breaks <= breaks:
            break
        pages, breaks = dict(layout.anchors), breaks | layout.wanted_breaks
    pdf.add_page()
    layout.run(pages, breaks, dry=False)
    return bytes(pdf.output())


# --- breaking lines -----------------------------------------------------------------------------


class _Wrap:
    """Measures text in the PDF's fonts and breaks it into lines (results kept: the layout asks
    for the same blocks more than once)."""

    def __init__(self, pdf: FPDF):
        self.pdf = pdf
        self._widths: dict[tuple, float] = {}
        self._lines: dict[tuple, list[str]] = {}

    def font(self, bold: bool, size: float) -> None:
        self.pdf.set_font("main", "B" if bold else "", size)

    def width(self, text: str, bold: bool, size: float) -> float:
        key = (text, bold, size)
        if key not in self._widths:
            self.font(bold, size)
            self._widths[key] = self.pdf.get_string_width(text)
        return self._widths[key]

    def lines(self, text: str, width: float, bold: bool, size: float) -> list[str]:
        key = (text, round(width, 2), bold, size)
        if key not in self._lines:
            self._lines[key] = [line for paragraph in text.split("\n")
                                for line in self._paragraph(paragraph, width, bold, size)]
        return self._lines[key]

    def _paragraph(self, text: str, width: float, bold: bool, size: float) -> list[str]:
        space = self.width(" ", bold, size)
        lines: list[str] = []
        line, used = "", 0.0
        for word in text.split():
            w = self.width(word, bold, size)
            if line and used + space + w <= width:
                line, used = f"{line} {word}", used + space + w
                continue
            if line:
                lines.append(line)
            if w <= width:
                line, used = word, w
                continue
            pieces = self._break_word(word, width, bold, size)
            lines += pieces[:-1]
            line, used = pieces[-1], self.width(pieces[-1], bold, size)
        lines.append(line)
        return lines

    def _break_word(self, word: str, width: float, bold: bool, size: float) -> list[str]:
        """A word wider than the column: broken after ``/`` ``.`` ``-`` (a web address), else
        between letters."""
        parts = [p for p in _BREAK_AFTER.split(word) if p]
        pieces, current = [], ""
        for part in parts:
            if current and self.width(current + part, bold, size) <= width:
                current += part
                continue
            if current:
                pieces.append(current)
            current = part
            while self.width(current, bold, size) > width and len(current) > 1:
                cut = self._fit(current, width, bold, size)
                pieces.append(current[:cut])
                current = current[cut:]
        pieces.append(current)
        return pieces

    def _fit(self, text: str, width: float, bold: bool, size: float) -> int:
        low, high = 1, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(text[:middle], bold, size) <= width:
                low = middle
            else:
                high = middle - 1
        return low


# --- laying out -----------------------------------------------------------------------------------


@dataclass
class _Piece:
    dx: float
    text: str
    bold: bool
    size: float
    colour: tuple


@dataclass
class _Laid:
    """A block broken into lines: ``rows`` of pieces, each ``line`` mm tall."""

    block: Block
    before: float
    line: float
    rows: list[list[_Piece]] = field(default_factory=list)
    box: tuple | None = None  # (fill, bar colour, bar width) for boxed kinds
    rule: bool = False  # a heading's line under it

    @property
    def pad(self) -> float:
        return BOX_PAD if self.box else 0.0

    def height(self, start: int = 0, end: int | None = None, first: bool = True) -> float:
        count = len(self.rows[start:end])
        if not count:
            return 0.0
        return (self.before if first else 0.0) + count * self.line + 2 * self.pad + \
            (1.8 if self.rule else 0.0)


class _Layout:
    def __init__(self, pdf: _PDF, docs: list[Document]):
        self.pdf, self.docs = pdf, docs
        self.wrap = _Wrap(pdf)
        self.width = pdf.w - 2 * MARGIN
        n = len(docs)
        self.col_w = (self.width - GUTTER * (n - 1)) / n
        self.bottom = pdf.h - BOTTOM
        self.scale = 0.92 if n > 1 else 1.0  # two narrow columns: slightly smaller type
        self.anchors: dict[str, int] = {}
        self.pages: dict[str, int] = {}
        self.breaks: set[str] = set()  # groups that start a new page (found by a dry run)
        self.wanted_breaks: set[str] = set()
        self.dry = True
        self.page = 1
        self.y = MARGIN

    # --- the page cursor ------------------------------------------------------------------------

    def new_page(self) -> None:
        self.page += 1
        self.y = MARGIN
        if not self.dry:
            self.pdf.add_page()

    def room(self) -> float:
        return self.bottom - self.y

    def run(self, pages: dict[str, int], breaks: set[str], dry: bool) -> None:
        """Lay the whole outline out (``dry``: only measure); ``pages`` are the anchors' pages
        from the last run, ``breaks`` the groups to start on a new page."""
        self.pages, self.breaks, self.dry = pages, breaks, dry
        self.anchors, self.wanted_breaks = {}, set()
        self.page, self.y = 1, MARGIN
        groups = list(zip(*(d.groups for d in self.docs), strict=True))
        held: tuple[Group, ...] | None = None  # a heading waiting for what follows it
        previous = ""
        for row in groups:
            keys = {g.key for g in row}
            if len(keys) != 1:
                raise ValueError(f"documents differ in structure: {sorted(keys)}")
            if held is not None:
                row = tuple(Group(g.key, h.blocks + g.blocks, g.figure, False, g.anchor, g.codes)
                            for h, g in zip(held, row, strict=True))
                held = None
            if row[0].keep_with_next:
                held = row
                continue
            if row[0].key in self.breaks and self.y > (MARGIN + self.bottom) / 2:
                self.new_page()  # a group taken along so the sources do not begin a page
            if row[0].keep_with_previous and previous and self.alone(row):
                self.wanted_breaks.add(previous)  # next time, take the group before along
            previous = row[0].key
            if row[0].figure == "figures":
                self.figures(row)
            elif row[0].figure == "calendar":
                self.calendar(row)
            else:
                self.group(row)
        if held is not None:
            self.group(held)

    def alone(self, groups: tuple[Group, ...]) -> bool:
        """Whether the group would begin a page of its own (it does not fit below what is there)."""
        first = [self.lay(g.blocks[0], self.col_w, d) for g, d in zip(groups, self.docs, strict=True)]
        return max(b.height() for b in first) + 12 > self.room() or \
            self.height(groups) > self.room()

    def height(self, groups: tuple[Group, ...]) -> float:
        depth = max(len(g.blocks) for g in groups)
        return sum(max((self.lay(g.blocks[i], self.col_w, d).height() for g, d in
                        zip(groups, self.docs, strict=True) if i < len(g.blocks)), default=0.0)
                   for i in range(depth))

    # --- measuring blocks -----------------------------------------------------------------------

    def see_page(self, block: Block, doc: Document | None) -> str:
        """"See “process”, page 3." when the layout knows the page block refers to, else ""."""
        page = self.pages.get(block.ref) if block.ref else None
        if page is None or doc is None:
            return ""
        return doc.labels["see_page"].format(process=block.ref_name, page=page)

    def lay(self, block: Block, width: float, doc: Document | None = None) -> _Laid:
        size, bold, colour, before, factor = STYLES[block.kind]
        size *= self.scale
        colour = GREY if block.muted else colour
        line = size * PT * factor
        laid = _Laid(block, before, line)
        text = block.text if block.kind == "action" else (self.see_page(block, doc) or block.text)
        if not text and not block.label:
            return laid
        lines = self.wrap.lines
        if block.kind == "field":
            label_w = min(34.0, width * 0.34)
            label_size = (STYLES["field"][0] - 0.5) * self.scale
            labels = lines(block.label, label_w - 2.0, True, label_size) if block.label else []
            value_bold = block.urgent
            values = lines(text, width - label_w, value_bold, size) if text else []
            for i in range(max(len(labels), len(values))):
                row = []
                if i < len(labels):
                    row.append(_Piece(0.0, labels[i], True, label_size, colour))
                if i < len(values):
                    row.append(_Piece(label_w, values[i], value_bold, size, colour))
                laid.rows.append(row)
            return laid
        if block.kind in ("step", "item"):
            indent = 6.0
            mark = f"{block.label}." if block.kind == "step" else "•"
            for i, text_line in enumerate(lines(text, width - indent, bold, size)):
                row = [_Piece(1.0, mark, bold, size, colour)] if i == 0 else []
                laid.rows.append(row + [_Piece(indent, text_line, bold, size, colour)])
            return laid
        if block.kind == "action":
            return self.lay_action(laid, block, width, size, colour, self.see_page(block, doc))
        if block.kind in ("warning", "info", "notice"):
            accent = {"warning": WARN, "info": INFO, "notice": ACCENT}[block.kind]
            fill = {"warning": (255, 246, 230), "info": (235, 244, 252),
                    "notice": (236, 241, 250)}[block.kind]
            laid.box = (fill, accent, 1.5)
            inner = width - 2 * BOX_PAD - 1.5
            laid.rows = [[_Piece(1.5 + BOX_PAD, t, bold, size, colour)]
                         for t in lines(text, inner, bold, size)]
            return laid
        laid.rows = [[_Piece(0.0, t, bold, size, colour)] for t in lines(text, width, bold, size)]
        laid.rule = block.kind == "heading"
        return laid

    def lay_action(self, laid: _Laid, block: Block, width: float, size: float,
                   colour: tuple, see: str) -> _Laid:
        """A plan step: its mark and headline in bold (bigger for the urgent ones), then its
        sentences, then where its process is explained; a thick bar for the urgent ones."""
        urgent = block.urgent
        bar = 3.0 if urgent else 0.8
        laid.box = ((255, 243, 224) if urgent else (246, 246, 246),
                    INK if urgent else GREY, bar)
        inner = width - 2 * BOX_PAD - bar
        x = bar + BOX_PAD
        head_size = size * (1.15 if urgent else 1.05)
        heads = self.wrap.lines(block.label, inner, True, head_size)
        laid.rows = [[_Piece(x, t, True, head_size, INK if urgent else colour)] for t in heads]
        body = block.text
        if see:
            body = f"{body}\n{see}"
        laid.rows += [[_Piece(x, t, False, size, colour)]
                      for t in self.wrap.lines(body, inner, False, size)]
        laid.line = head_size * PT * 1.4
        return laid

    # --- placing rows ---------------------------------------------------------------------------

    def group(self, groups: tuple[Group, ...]) -> None:
        depth = max(len(g.blocks) for g in groups)
        rows = [tuple(self.lay(g.blocks[i], self.col_w, d) if i < len(g.blocks) else None
                      for g, d in zip(groups, self.docs, strict=True)) for i in range(depth)]
        heights = [max((b.height() for b in r if b is not None), default=0.0) for r in rows]
        total = sum(heights)
        page_room = self.bottom - MARGIN
        titles = next((i for i, r in enumerate(rows) if not all(
            b is None or b.block.kind in ("heading", "subheading", "school", "small") for b in r)),
            len(rows))
        lead = sum(heights[:titles + 2])  # headings stay with the first two rows under them
        if total > self.room() and (total < page_room * 0.2 or lead > self.room()) \
                and self.y > MARGIN:
            self.new_page()
        if groups[0].anchor:
            self.anchors[groups[0].anchor] = self.page
        for row, height in zip(rows, heights, strict=True):
            self.place(row, height)

    def place(self, row: tuple[_Laid | None, ...], height: float) -> None:
        """Draw one outline row; when it does not fit what is left of the page, it goes to the
        next page if it fits there and is short, else it continues there line by line."""
        if height <= 0:
            return
        page_room = self.bottom - MARGIN
        if height > self.room() and self.y > MARGIN and (height <= page_room * 0.3 or
                                                         self.room() < 3 * max(
                                                             (b.line for b in row if b), default=5)):
            self.new_page()
        starts = [0 for _b in row]
        first = True
        while True:
            ends = []
            for laid, start in zip(row, starts, strict=True):
                if laid is None or start >= len(laid.rows):
                    ends.append(start)
                    continue
                end = len(laid.rows)
                while end > start + 1 and laid.height(start, end, first) > self.room():
                    end -= 1
                ends.append(end)
            used = max((laid.height(s, e, first) for laid, s, e in zip(row, starts, ends, strict=True)
                        if laid is not None), default=0.0)
            if not self.dry:
                for column, (laid, s, e) in enumerate(zip(row, starts, ends, strict=True)):
                    if laid is not None and e > s:
                        self.draw(laid, s, e, first, MARGIN + column * (self.col_w + GUTTER),
                                  self.y)
            self.y += used
            starts = ends
            first = False
            if all(laid is None or s >= len(laid.rows) for laid, s in zip(row, starts, strict=True)):
                return
            self.new_page()

    def draw(self, laid: _Laid, start: int, end: int, first: bool, x: float, y: float) -> None:
        pdf = self.pdf
        top = y + (laid.before if first else 0.0)
        if laid.box:
            fill, accent, bar = laid.box
            height = (end - start) * laid.line + 2 * laid.pad
            pdf.set_fill_color(*fill)
            pdf.rect(x, top, self.col_w, height, style="F")
            pdf.set_fill_color(*accent)
            pdf.rect(x, top, bar, height, style="F")
        rows = laid.rows[start:end]
        # Column by column (a field's label, then its value), so the text reads in that order when
        # copied or read aloud from the PDF; each line at its own height.
        for dx in sorted({piece.dx for row in rows for piece in row}):
            line_y = top + laid.pad
            for row in rows:
                for piece in row:
                    if piece.dx == dx:
                        self.wrap.font(piece.bold, piece.size)
                        pdf.set_text_color(*piece.colour)
                        pdf.set_xy(x + piece.dx, line_y)
                        pdf.cell(0, laid.line, piece.text)
                line_y += laid.line
        line_y = top + laid.pad + len(rows) * laid.line
        if laid.rule:
            pdf.set_draw_color(*ACCENT)
            pdf.set_line_width(0.3)
            pdf.line(x, line_y + 0.6, x + self.col_w, line_y + 0.6)

    # --- the map and the QR codes -------------------------------------------------------------------

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
        if not self.dry:
            self.map(sketch, MARGIN, top, map_w, map_h)
            self.qr(groups[0].code or self.docs[0].qr_text,
                    MARGIN + map_w + 4 + (caption_w - qr_size) / 2, top,
                    qr_size)
        y = top + map_h
        for caption in map_captions:
            if not self.dry:
                self.draw(caption, 0, len(caption.rows), True, MARGIN, y)
            y += caption.height()
        y2 = top + qr_size + 1
        for caption in qr_captions:
            if not self.dry:
                self.draw(caption, 0, len(caption.rows), True, MARGIN + map_w + 4, y2)
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
            for column, index in enumerate(indexes):
                x = MARGIN + column * cell_w
                if not self.dry:
                    self.qr(codes[index][1], x + (cell_w - EVENT_QR) / 2, self.y + 1, EVENT_QR)
                    caption = captions[index]
                    self.draw(caption, 0, len(caption.rows), False,
                              x + 2, self.y + EVENT_QR + 1.5)
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
