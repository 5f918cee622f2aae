"""The printed list: a PDF with embedded fonts, in one language or two side by side.

Why it looks like this:

* fpdf2 writes the PDF with subsets of real TrueType fonts (see ``fonts.py``),
  so Korean and Spanish print the same on any printer or phone.
* Lines are broken by ``pdf_lines.py``, not by fpdf2: between words, and a word too long for
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
* Arabic and Farsi read right to left: their column is mirrored (each line set from the right,
  a box's bar on the right, a field's label on the right) and their text is shaped by HarfBuzz
  (fpdf2's text shaping with uharfbuzz), so the letters join as they are written and the
  Unicode bidi algorithm orders each line; numbers, times and phone numbers stay left to right
  inside it (the document isolates them: ``exports/bidi.py``).  Only a list with Arabic-script
  text is shaped: every other language prints exactly as before.
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
from dataclasses import dataclass, field

from fpdf import FPDF

from navigator.exports.fonts import needs_arabic, needs_armenian, needs_han, needs_hangul, pdf_fonts
from navigator.exports.model import Block, Document, Group
from navigator.exports.pdf_figures import Figures
from navigator.exports.pdf_lines import Wrap
from navigator.exports.pdf_style import (
    ACCENT,
    BOTTOM,
    BOX_PAD,
    GREY,
    GUTTER,
    INFO,
    INK,
    MARGIN,
    PAGE,
    PT,
    STYLES,
    WARN,
)


class _PDF(FPDF):
    footer_text = ""
    shaped = False  # text goes through HarfBuzz (Arabic script: letters join)
    rtl = False  # the family's language reads right to left

    def cell(self, *args, **kwargs):
        # fpdf2 2.8 switches to a fallback font (Han, Hangul) inside a line's q ... Q and then
        # takes that font as still set, though Q put the one before back: the next line was drawn
        # in the wrong font (boxes, or other letters: the Chinese calendar captions).  Each line
        # names its font again.
        self.current_font_is_set_on_page = False
        return super().cell(*args, **kwargs)

    def direction(self, rtl: bool) -> None:
        """The direction of the paragraphs drawn next (shaped text only: the bidi algorithm then
        orders each line from that side)."""
        if self.shaped:
            self.set_text_shaping(True, direction="rtl" if rtl else "ltr")

    def footer(self) -> None:
        self.direction(self.rtl)
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
    arabic = needs_arabic(*texts)
    families = pdf_fonts(needs_hangul(*texts), han=needs_han(*texts), arabic=arabic,
                         armenian=needs_armenian(*texts))
    pdf = _PDF(format=PAGE, unit="mm")
    pdf.shaped = arabic or any(d.rtl for d in docs)
    pdf.rtl = doc.rtl
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0  # lines are placed exactly where the layout says
    pdf.direction(doc.rtl)
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
    width: float  # the column it was broken for (a right-to-left line is set flush to its end)
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


class _Layout(Figures):
    def __init__(self, pdf: _PDF, docs: list[Document]):
        self.pdf, self.docs = pdf, docs
        self.wrap = Wrap(pdf)
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
        laid = _Laid(block, before, line, width)
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
                                  self.y, self.docs[column].rtl)
            self.y += used
            starts = ends
            first = False
            if all(laid is None or s >= len(laid.rows) for laid, s in zip(row, starts, strict=True)):
                return
            self.new_page()

    def draw(self, laid: _Laid, start: int, end: int, first: bool, x: float, y: float,
             rtl: bool = False) -> None:
        """Draw rows ``start:end`` of a block at ``x, y``; ``rtl``: mirrored, each piece's ``dx``
        counted from the column's right edge and its text set flush right."""
        pdf = self.pdf
        pdf.direction(rtl)
        top = y + (laid.before if first else 0.0)
        if laid.box:
            fill, accent, bar = laid.box
            height = (end - start) * laid.line + 2 * laid.pad
            pdf.set_fill_color(*fill)
            pdf.rect(x, top, self.col_w, height, style="F")
            pdf.set_fill_color(*accent)
            pdf.rect(x + laid.width - bar if rtl else x, top, bar, height, style="F")
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
                        if rtl:
                            pdf.set_xy(x, line_y)
                            pdf.cell(laid.width - piece.dx, laid.line, piece.text, align="R")
                        else:
                            pdf.set_xy(x + piece.dx, line_y)
                            pdf.cell(0, laid.line, piece.text)
                line_y += laid.line
        line_y = top + laid.pad + len(rows) * laid.line
        if laid.rule:
            pdf.set_draw_color(*ACCENT)
            pdf.set_line_width(0.3)
            pdf.line(x, line_y + 0.6, x + self.col_w, line_y + 0.6)


