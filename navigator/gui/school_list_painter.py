"""The results list's painter: each school row drawn from the model's words, with its buttons.

Why painted rows and not a widget per school: a region has thousands of schools and the list must
follow a filter change within 100 ms; each row is laid out once per width, text size and answer,
and the layouts are cached.  Every school row has the same fields in the same place and colours
whatever its sector: name, distance, grades and school type, the zoned badge, then the family's
criteria (✓ matched, ✗ not met, ? unknown), and three buttons, "+ My list", "Details" and
"🔊 Read aloud" (the row being read is outlined).  The buttons sit in one row beside the name and
its facts when the list is wide enough (four whole schools beside the map on a 1366 x 768 screen),
else "Read aloud" beneath the other two, else below everything (large text, a narrow list).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QTextLayout
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate

from navigator.gui import facts
from navigator.gui.read_aloud import READING_COLOR, card_key, speaker_icon
from navigator.gui.school_list_model import SchoolListModel
from navigator.i18n import _, format_number, ngettext, pgettext

PAD = 12
PAD_Y = 4  # above and below a row: rows are compact, four beside the map
GAP = 4
LINE_GAP = 1  # px between the lines of a row: font heights already hold their leading
BADGE_PAD = 16  # px of colour either side of the zoned badge's words, together
MIN_TARGET = 44  # px: the smallest touch target
PILL_PAD = 20  # px beside a button's words, both sides together
TEXT_ROOM = 18  # line heights: width enough for a name and its facts beside the buttons
PILLS = ("add", "details", "read")
MARK_COLORS = {"matched": "#1b6e32", "unmet": "#a1121a", "unknown": "#6b5300"}
MARK_COLORS_ON_DARK = {"matched": "#7dff9a", "unmet": "#ff9d9d", "unknown": "#ffe066"}
ZONED_COLOR = "#0b5c6b"


@dataclass
class _Layout:
    height: int
    items: list[tuple[QRect, str, str]]  # rect, text, style (name|badge|plain|verdict|head|expl)
    pills: dict[str, QRect]  # add | details | read


class SchoolDelegate(QStyledItemDelegate):
    """Draws a row from ``SchoolListModel.texts`` and reports clicks on its two buttons."""

    pill_clicked = Signal(str, str)  # which (add | details | read), school id

    def __init__(self, view: QListView):
        super().__init__(view)
        self.view = view
        self._cache: dict[tuple, _Layout] = {}
        self._fonts_for: dict[str, tuple[dict[str, QFont], dict[str, QFontMetrics]]] = {}
        self._advances: dict[tuple, object] = {}  # (font key, style, text) -> px

    def clear(self) -> None:
        self._cache.clear()

    def _metrics(self, base: QFont) -> tuple[dict[str, QFont], dict[str, QFontMetrics]]:
        key = base.key()
        found = self._fonts_for.get(key)
        if found is None:
            fonts = self._fonts(base)
            found = self._fonts_for[key] = (fonts, {k: QFontMetrics(f) for k, f in fonts.items()})
        return found

    def _fonts(self, base: QFont) -> dict[str, QFont]:
        name = QFont(base)
        name.setBold(True)
        if base.pointSizeF() > 0:
            name.setPointSizeF(base.pointSizeF() * 1.15)
        else:
            name.setPixelSize(round(base.pixelSize() * 1.15))
        bold = QFont(base)
        bold.setBold(True)
        plain = QFont(base)  # copies: the caller's font belongs to a passing style option
        small = QFont(base)
        if base.pointSizeF() > 0:
            small.setPointSizeF(base.pointSizeF() * 0.9)
        pill = QFont(small)
        pill.setBold(True)
        return {"name": name, "badge": bold, "head": bold, "pill": pill, "plain": plain,
                "expl": small, "verdict": plain}

    def _pill_texts(self, school_id: str) -> dict[str, str]:
        state = self.view.model().state
        return {"add": _("✓ On my list") if state.in_shortlist(school_id) else self._add_text(),
                "details": _("Details"), "read": self._read_text(school_id)}

    def _read_text(self, school_id: str) -> str:
        reader = getattr(self.view, "reader", None)
        if reader is not None and not reader.has_voice():
            # TRANSLATORS: on a school's card, in place of "Read aloud", when this computer has
            # no voice for the screen's language (short: the card's button is small).
            return _("No voice for this language")
        if reader is not None and reader.current_key == card_key(school_id):
            return _("Stop reading")
        return _("Read aloud")

    @staticmethod
    def _add_text() -> str:
        # TRANSLATORS: a small button on each school in the results list: add it to "My list".
        return pgettext("results button", "+ My list")

    def _pill_widths(self, font: QFont, fm: QFontMetrics) -> dict[str, int]:
        """Button widths that fit either wording, so adding a school never moves a row."""
        reader = getattr(self.view, "reader", None)
        voiced = reader is None or reader.has_voice()
        key = ("pills", id(fm), self._add_text(), voiced)
        found = self._advances.get(key)
        if found is None:
            if voiced:
                read = max(fm.horizontalAdvance(_("Read aloud")),
                           fm.horizontalAdvance(_("Stop reading")))
            else:  # on two lines where they fit the button: as wide as with a voice
                read = _narrowest(_("No voice for this language"), font, _lines_in(fm))
            found = self._advances[key] = {
                "add": max(fm.horizontalAdvance(self._add_text()),
                           fm.horizontalAdvance(_("✓ On my list"))) + PILL_PAD,
                "details": fm.horizontalAdvance(_("Details")) + PILL_PAD,
                "read": read + fm.height() + 6 + PILL_PAD}
        return found

    def layout_for(self, index: QModelIndex, width: int, base: QFont) -> _Layout:
        model: SchoolListModel = index.model()
        entry = model.entry(index.row())
        school_id = entry.result.id if entry.result else ""
        key = (school_id or entry.header, width, base.key(), model.generation)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        fonts, metrics = self._metrics(base)
        font_key = base.key()
        inner = max(40, width - 2 * PAD)
        items: list[tuple[QRect, str, str]] = []
        y = PAD_Y
        if len(self._advances) > 50000:
            self._advances.clear()

        def advance_of(text: str, style: str) -> int:
            found = self._advances.get((font_key, style, text))
            if found is None:
                found = self._advances[(font_key, style, text)] = metrics[style].horizontalAdvance(text)
            return found

        def block(text: str, style: str, x: int = PAD, available: int = inner) -> QRect | None:
            """A paragraph: one line when it fits (the usual case, measured once per text),
            else word-wrapped to ``available``."""
            nonlocal y
            if not text:
                return None
            fm = metrics[style]
            if advance_of(text, style) <= available and "\n" not in text:
                rect = QRect(x, y, available, fm.height())
            else:
                rect = fm.boundingRect(QRect(x, y, available, 100000), Qt.TextFlag.TextWordWrap, text)
                rect.setWidth(available)
            items.append((rect, text, style))
            y += rect.height() + LINE_GAP
            return rect

        def flow(pieces: list[tuple[str, str, str, str]], available: int,
                 separator: str = "") -> None:
            """Short pieces (mark, its style, text, its style) side by side, onto the next line
            when the line is full; a piece wider than a whole line is wrapped on its own lines."""
            nonlocal y
            fm = metrics["plain"]
            sep_w = advance_of(separator, "plain") if separator else 3 * GAP
            x, line_h = PAD, 0
            for mark, mark_style, text, style in pieces:
                mark_w = advance_of(mark + " ", "badge") if mark else 0
                width = mark_w + advance_of(text, style) + (BADGE_PAD if style == "badge" else 0)
                if x > PAD and x + sep_w + width > PAD + available:
                    x, y, line_h = PAD, y + line_h + LINE_GAP, 0
                elif x > PAD:
                    if separator:
                        items.append((QRect(x, y, sep_w, fm.height()), separator, "plain"))
                    x += sep_w
                if width > available:  # a long piece: wrapped under its mark, on its own lines
                    if mark:
                        items.append((QRect(PAD, y, mark_w, fm.height()), mark, mark_style))
                    top = y
                    rect = block(text, style, PAD + mark_w, available - mark_w)
                    y = top
                    x, line_h = PAD + available, rect.height()
                    continue
                if mark:
                    items.append((QRect(x, y, mark_w, fm.height()), mark, mark_style))
                # A little wider than measured: advances are rounded, and a piece one pixel too
                # narrow would wrap its last word out of sight.
                items.append((QRect(x + mark_w, y, width - mark_w + (0 if style == "badge" else 4),
                                    metrics[style].height()), text, style))
                x += width
                line_h = max(line_h, metrics[style].height())
            if line_h:
                y += line_h + LINE_GAP

        if entry.kind == "header":
            title, explanation = model.header_texts(entry.header)
            y = PAD_Y
            block(title, "head")
            block(explanation, "expl")
            layout = _Layout(y + PAD_Y - LINE_GAP, items, {})
        else:
            t = model.texts(index.row())
            y = PAD_Y
            fm = metrics["pill"]
            pill_h = _pill_height(fm)
            widths = self._pill_widths(fonts["pill"], fm)
            pill_w = {which: max(MIN_TARGET * 2, widths[which]) for which in PILLS}
            # The buttons at the right of the name and its facts when those keep half the row or
            # TEXT_ROOM line heights: the three in one row (a card then no taller than its name,
            # facts and criteria: four fit beside the map), else "Read aloud" beneath the other
            # two (as wide as both); below everything at large text sizes or in a narrow list.
            one_row = sum(pill_w.values()) + 4 * GAP
            stacked = max(pill_w["read"], pill_w["add"] + pill_w["details"] + 2 * GAP)
            room = min(inner // 2, TEXT_ROOM * metrics["plain"].height())
            rows = 1 if inner - one_row - 4 * GAP >= room else 2
            buttons_w = one_row if rows == 1 else stacked
            beside = inner - buttons_w - 4 * GAP >= room
            rects: dict[str, QRect] = {}
            left_w = inner - buttons_w - 4 * GAP if beside else inner
            if beside:
                x = PAD + left_w + 4 * GAP
                for which in PILLS if rows == 1 else ("add", "details"):
                    rects[which] = QRect(x, PAD_Y, pill_w[which], pill_h)
                    x += pill_w[which] + 2 * GAP
                if rows == 2:
                    rects["read"] = QRect(PAD + left_w + 4 * GAP, PAD_Y + pill_h + GAP, stacked,
                                          pill_h)
            name = block(t.name, "name", available=left_w)
            facts_line = [("", "", t.distance, "plain"), ("", "", t.facts, "plain")]
            if t.trip:
                verdict, words = t.trip
                facts_line.insert(1, (facts.MARKS[verdict], verdict, words, "verdict") if verdict
                                  else ("", "", words, "plain"))
            if t.zoned:
                badge_w = advance_of(t.zoned, "badge") + BADGE_PAD
                after = advance_of(t.name, "name") + 3 * GAP
                if name is not None and name.height() <= metrics["name"].height() and \
                        after + badge_w <= left_w:  # after the name, on its line
                    items.append((QRect(PAD + after, name.top() + 1, badge_w, name.height() - 2),
                                  t.zoned, "badge"))
                else:
                    facts_line.insert(0, ("", "", t.zoned, "badge"))
            flow(facts_line, left_w, separator=" · ")
            block(t.place, "plain", available=left_w)
            block(t.result, "plain", available=left_w)
            if beside:
                # The criteria beside the buttons when that makes the row no taller than below
                # them across the whole row: "Read aloud" then costs the row no height.
                buttons_bottom = PAD_Y + rows * pill_h + (rows - 1) * GAP + LINE_GAP
                top, kept = y, len(items)
                flow(self._criteria_pieces(t.criteria, left_w, advance_of), left_w)
                y_beside = max(y, buttons_bottom)
                y_below = max(top, buttons_bottom)
                if t.criteria:
                    y = y_below
                    beside_items = items[kept:]
                    del items[kept:]
                    flow(self._criteria_pieces(t.criteria, inner, advance_of), inner)
                    if y_beside <= y:
                        items[kept:] = beside_items
                        y = y_beside
                else:
                    y = y_beside
            else:
                flow(self._criteria_pieces(t.criteria, inner, advance_of), inner)
            if not beside:
                y += GAP
                x = PAD
                for which in PILLS:
                    w = pill_w[which]
                    if x > PAD and x + w > PAD + inner:
                        x, y = PAD, y + pill_h + GAP
                    rects[which] = QRect(x, y, w, pill_h)
                    x += w + 2 * GAP
                y += pill_h + GAP
            y -= LINE_GAP
            layout = _Layout(y + PAD_Y, items, rects)
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[key] = layout
        return layout

    @staticmethod
    def _criteria_pieces(criteria: list[tuple[str, str]], width: int, advance_of) -> list[tuple]:
        """The criteria as marks and words; when they would take more than one line, the ones a
        school matched are counted instead of listed ("✓ 2 more things you asked for"), so what
        it does not offer stands out and the row stays compact (all are in its spoken text)."""
        pieces = [(facts.MARKS[v], v, words, "verdict") for v, words in criteria]
        needed = sum(advance_of(mark + " ", "badge") + advance_of(words, style) + 3 * GAP
                     for mark, _v, words, style in pieces)
        matched = [p for p in pieces if p[1] == "matched"]
        if needed <= width or len(matched) < 2:
            return pieces
        others = [p for p in pieces if p[1] != "matched"]
        if not others:
            summary = ngettext("Matches the {n} thing you asked for",
                               "Matches all {n} things you asked for", len(matched))
        else:
            summary = ngettext("Matches {n} other thing you asked for",
                               "Matches {n} other things you asked for", len(matched))
        return [*others, (facts.MARKS["matched"], "matched",
                          summary.format(n=format_number(len(matched))), "verdict")]

    def _width(self) -> int:
        return self.view.viewport().width()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._width(), self.layout_for(index, self._width(), option.font).height)

    @staticmethod
    def _place(rect: QRect, row: QRect, rtl: bool) -> QRect:
        moved = rect.translated(row.left(), row.top())
        if rtl:
            moved.moveLeft(row.left() + row.right() - moved.right())
        return moved

    def paint(self, painter: QPainter, option, index) -> None:
        model: SchoolListModel = index.model()
        row = option.rect
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        layout = self.layout_for(index, row.width(), option.font)
        fonts, _metrics = self._metrics(option.font)
        pal = QPalette(option.palette)
        pal.setCurrentColorGroup(QPalette.ColorGroup.Active)  # headings are disabled rows, not grey
        entry = model.entry(index.row())
        painter.save()
        base = pal.base().color()
        if entry.kind == "header":
            tint = QColor(pal.text().color())  # a shade of the text colour: right in every theme
            tint.setAlpha(22)
            painter.fillRect(row, base)
            painter.fillRect(row, tint)
        else:
            highlight = QColor(pal.highlight().color())
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            hovered = bool(option.state & QStyle.StateFlag.State_MouseOver) or \
                model.hovered == entry.result.id
            painter.fillRect(row, base)
            if selected or hovered:
                highlight.setAlpha(60 if selected else 25)
                painter.fillRect(row, highlight)
            if selected:
                bar = QRect(row.right() - 5 if rtl else row.left(), row.top(), 6, row.height())
                painter.fillRect(bar, pal.highlight())
        painter.setPen(QPen(pal.mid().color(), 1))
        painter.drawLine(row.bottomLeft(), row.bottomRight())
        # AlignLeft is "leading" unless AlignAbsolute: Qt right-aligns it itself in right-to-left.
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        text_color = pal.text().color()
        marks = MARK_COLORS_ON_DARK if base.lightness() < 128 else MARK_COLORS
        for rect, text, style in layout.items:
            place = self._place(rect, row, rtl)
            if style == "badge":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(ZONED_COLOR))
                painter.drawRoundedRect(place, 6, 6)
                painter.setPen(QColor("white"))
                painter.setFont(fonts["badge"])
                painter.drawText(place, Qt.AlignmentFlag.AlignCenter, text)
                continue
            if style in marks:
                painter.setPen(QColor(marks[style]))
                painter.setFont(fonts["badge"])
                painter.drawText(place, align, text)
                continue
            painter.setPen(text_color)
            painter.setFont(fonts[style])
            painter.drawText(place, align | Qt.TextFlag.TextWordWrap, text)
        if entry.kind == "school":
            pills = self._pill_texts(entry.result.id)
            on_list = model.state.in_shortlist(entry.result.id)
            for which, rect in layout.pills.items():
                place = self._place(rect, row, rtl)
                filled = which == "add" and on_list
                painter.setPen(QPen(pal.highlight().color() if filled else pal.dark().color(), 1))
                painter.setBrush(pal.highlight() if filled else pal.button())
                painter.drawRoundedRect(place.adjusted(0, 0, -1, -1), 8, 8)
                painter.setPen(pal.highlightedText().color() if filled else pal.buttonText().color())
                painter.setFont(fonts["pill"])
                if which == "read":
                    self._paint_read_pill(painter, place, pills[which], pal, rtl)
                else:
                    painter.drawText(place, Qt.AlignmentFlag.AlignCenter, pills[which])
            reader = getattr(self.view, "reader", None)
            if reader is not None and reader.current_key == card_key(entry.result.id):
                painter.setBrush(Qt.BrushStyle.NoBrush)  # the card being read, outlined
                painter.setPen(QPen(QColor(READING_COLOR), 4))
                painter.drawRect(row.adjusted(2, 2, -3, -3))
            if option.state & QStyle.StateFlag.State_HasFocus and self.view.hasFocus():
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(text_color, 2, Qt.PenStyle.DashLine))
                painter.drawRect(row.adjusted(2, 2, -3, -3))
        painter.restore()

    def _paint_read_pill(self, painter: QPainter, place: QRect, text: str, pal: QPalette,
                         rtl: bool) -> None:
        """The speaker and the word, centred together; a long "no voice" sentence on two lines
        where they fit the button, shortened with "…" only when the lines are not enough."""
        fm = painter.fontMetrics()
        icon = fm.height()
        lines = _lines(text, painter.font(), place.width() - icon - 18, _lines_in(fm))
        text_w = max(fm.horizontalAdvance(line) for line in lines)
        total = icon + 6 + text_w
        left = place.left() + (place.width() - total) // 2
        icon_x, text_x = (left + total - icon, left) if rtl else (left, left + icon + 6)
        color = pal.buttonText().color().name()
        speaker_icon(icon, color).paint(painter, QRect(icon_x, place.center().y() - icon // 2,
                                                       icon, icon))
        top = place.center().y() - len(lines) * fm.height() // 2
        for number, line in enumerate(lines):
            painter.drawText(QRect(text_x, top + number * fm.height(), text_w, fm.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, line)

    def editorEvent(self, event, model, option, index) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.MouseButtonRelease or not index.isValid():
            return False
        school_id = model.id_at(index.row())
        if not school_id:
            return False
        layout = self.layout_for(index, option.rect.width(), option.font)
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        point = event.position().toPoint()
        for which, rect in layout.pills.items():
            if self._place(rect, option.rect, rtl).contains(point):
                self.pill_clicked.emit(which, school_id)
                return True
        return False


def _pill_height(fm: QFontMetrics) -> int:
    """A button's height: a finger's at least, else its words' with room around them."""
    return max(MIN_TARGET, fm.height() + 12)


def _lines_in(fm: QFontMetrics) -> int:
    """How many lines of the buttons' words fit a button: two at normal text, one when larger."""
    return max(1, (_pill_height(fm) - 4) // fm.height())


def _lines(text: str, font: QFont, width: int, most: int) -> list[str]:
    """``text`` broken into at most ``most`` lines of ``width`` (Qt's line breaking: words, and
    between Chinese or Japanese characters), the last shortened with "…" when some is left."""
    layout = QTextLayout(text, font)
    lines: list[str] = []
    layout.beginLayout()
    while len(lines) < most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        lines.append(text[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    if not lines:
        return [""]
    start = sum(len(line) for line in lines[:-1])
    lines[-1] = QFontMetrics(font).elidedText(text[start:].strip(), Qt.TextElideMode.ElideRight,
                                              width)
    return [line.strip() for line in lines]


def _narrowest(text: str, font: QFont, most: int) -> int:
    """The narrowest width (to 4 px) at which ``text`` fits on ``most`` lines unshortened."""
    whole = QFontMetrics(font).horizontalAdvance(text)
    width = whole // most
    while width < whole and _lines(text, font, width, most)[-1].endswith("…"):
        width += 4
    return width
