"""Breaking the printed list's lines: between words, and a word too long for its column (a web
address) only after a ``/``, ``.``, ``-`` or similar, so an address never breaks mid-word and
copying it from the PDF gives it whole (no hidden characters are added); only a "word" with none
of those (a 5,000-letter name) is cut between letters.  Widths are measured once and kept."""

from __future__ import annotations

import re

from fpdf import FPDF

# Where a long word (a web address) may be broken: after these characters.
_BREAK_AFTER = re.compile(r"(?<=[/.\-?&=_,;:·])")


class Wrap:
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
