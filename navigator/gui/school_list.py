"""The results list: a model over the search result and a delegate that draws each school.

Why painted rows and not a widget per school: a region has thousands of schools and the list must
follow a filter change within 100 ms.  The model keeps the ``Result`` objects; each row's words are
made (and cached) only when the row is drawn, and the view lays rows out in batches.

Every school row has the same fields in the same place and colours whatever its sector: name,
distance, grades and school type, the zoned badge, then the family's criteria (✓ matched, ✗ not
met, ? unknown), then two buttons, "+ My list" and "Details".  Keyboard: arrows move, Enter
opens the details, Space adds or removes the school from the list.

Only when the family asks to sort by one school result (``order`` "indicator:CODE") does each row
also show that result, status and change together in one line ("No results reported" or the
privacy note where there is no value); such schools come last, never counted as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate

from navigator import indicators
from navigator.gui import facts
from navigator.gui.trip_view import row_trip, trip_sort_key
from navigator.i18n import _, format_number, ngettext, pgettext, translator
from navigator.pack_texts import home_place
from navigator.search.index import fold
from navigator.search.query import HIGHER_IS_BETTER, approximate_place, indicator_of
from navigator.search.results import Result, SearchResult

PAD = 12
PAD_Y = 5  # above and below a row: rows are compact, four or more beside the map
GAP = 4
LINE_GAP = 2  # px between the lines of a row: font heights already hold their leading
BADGE_PAD = 16  # px of colour either side of the zoned badge's words, together
MIN_TARGET = 44  # px: the smallest touch target
MARK_COLORS = {"matched": "#1b6e32", "unmet": "#a1121a", "unknown": "#6b5300"}
MARK_COLORS_ON_DARK = {"matched": "#7dff9a", "unmet": "#ff9d9d", "unknown": "#ffe066"}
ZONED_COLOR = "#0b5c6b"

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2



@dataclass
class RowTexts:
    """The words of one school row (all of them: the delegate draws only these)."""

    name: str
    distance: str
    facts: str
    zoned: str  # "" when not zoned
    criteria: list[tuple[str, str]] = field(default_factory=list)  # (verdict, words)
    result: str = ""  # the sorted-by school result, status and change together ("" otherwise)
    trip: tuple[str, str] | None = None  # (verdict or "", words) beside the distance, when asked

    def fields(self) -> list[tuple[str, str]]:
        """(field, text) in drawing order: the same fields for every school."""
        shown = [("result", self.result)] if self.result else []
        return [("name", self.name), ("zoned", self.zoned), ("distance", self.distance),
                ("facts", self.facts)] + shown + [(f"criterion:{v}", t) for v, t in self.criteria]


@dataclass
class _Entry:
    kind: str  # school | header
    result: Result | None = None
    header: str = ""  # zoned | others


class SchoolListModel(QAbstractListModel):
    """Schools in the chosen order, the zoned school(s) first under their own heading."""

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.order = "distance"
        self.result: SearchResult | None = None
        self._entries: list[_Entry] = []
        self._rows: dict[str, int] = {}
        self._texts: dict[str, RowTexts] = {}
        self._charter_kinds: dict[str, str | None] | None = None
        self._lines: dict[str, str] = {}
        self.hovered = ""
        self._criterion_words: dict[tuple[str, str], str] = {}
        self._context: facts.CriteriaContext | None = None
        self._folded: dict[str, str] = {}  # school id -> name folded for sorting
        self.generation = 0  # bumped whenever rows' words may change (the delegate's cache key)

    # -- content ------------------------------------------------------------------------------------

    def set_result(self, result: SearchResult | None) -> None:
        self.beginResetModel()
        self.generation += 1
        self.result = result
        self._texts.clear()
        self._criterion_words.clear()
        self._context = None
        self._build()
        self.endResetModel()

    def set_order(self, order: str) -> None:
        if order != self.order:
            self.beginResetModel()
            self.generation += 1
            self.order = order
            self._build()
            self.endResetModel()

    def retranslate(self) -> None:
        """New words for every row (the layout changes with them)."""
        self.layoutAboutToBeChanged.emit()
        self.generation += 1
        self._texts.clear()
        self._criterion_words.clear()
        self._context = None
        self.layoutChanged.emit()

    def refresh_shortlist(self) -> None:
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def set_hovered(self, school_id: str) -> None:
        old, self.hovered = self.hovered, school_id
        for sid in (old, school_id):
            row = self._rows.get(sid, -1)
            if row >= 0:
                self.dataChanged.emit(self.index(row), self.index(row))

    def _build(self) -> None:
        results = self.result.results if self.result else []
        zoned = [r for r in results if r.zoned]
        others = [r for r in results if not r.zoned]
        others.sort(key=self._sort_key)
        entries = []
        if zoned:
            entries.append(_Entry("header", header="zoned"))
            entries += [_Entry("school", r) for r in zoned]
            if others:
                entries.append(_Entry("header", header="others"))
        entries += [_Entry("school", r) for r in others]
        self._entries = entries
        self._rows = {e.result.id: i for i, e in enumerate(entries) if e.result is not None}

    def _sort_key(self, r: Result):
        if self.order == "trip":
            return trip_sort_key(r)
        code = indicator_of(self.order)
        if code is not None:
            # As the engine orders it: the better value first, unreported last, ties by id.
            value = (r.indicator or {}).get("status")
            if value is None:
                return (1, 0.0, r.id)
            return (0, -value if HIGHER_IS_BETTER.get(code, True) else value, r.id)
        if self.order == "name":
            folded = self._folded.get(r.id)
            if folded is None:
                folded = self._folded[r.id] = fold(r.name)
            return (folded, r.id)
        # Walking time follows distance; ties keep the engine's order (by id), never by sector.
        return float("inf") if r.virtual or r.distance_km is None else r.distance_km

    # -- reading -----------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._entries)

    def school_count(self) -> int:
        return len(self._rows)

    def row_of(self, school_id: str) -> int:
        return self._rows.get(school_id, -1)

    def entry(self, row: int) -> _Entry:
        return self._entries[row]

    def id_at(self, row: int) -> str:
        entry = self._entries[row] if 0 <= row < len(self._entries) else None
        return entry.result.id if entry and entry.result else ""

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or self._entries[index.row()].kind == "header":
            return Qt.ItemFlag.NoItemFlags  # headings are skipped by the keyboard
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def header_texts(self, which: str) -> tuple[str, str]:
        if which == "zoned":
            n = sum(1 for e in self._entries if e.result is not None and e.result.zoned)
            home = self.state.home
            place = None if approximate_place(home) is None else \
                home_place(self.state.pack, home, translator.language)
            return facts.zoned_heading(n), facts.zoned_explanation(n, place)
        return _("Other schools"), ""

    def texts(self, row: int) -> RowTexts:
        result = self._entries[row].result
        cached = self._texts.get(result.id)
        if cached is None:
            cached = self._texts[result.id] = self._make_texts(result)
        return cached

    def _make_texts(self, r: Result) -> RowTexts:
        pack = self.state.pack
        kind = self.charter_kinds().get(r.id)
        if self._context is None:
            self._context = self.criteria_context()
        ctx = self._context
        return RowTexts(
            name=r.name,
            distance=facts.distance_text(r, pack.region.distance_unit, self.state.home is not None),
            facts=_("{grades} · {school_type}").format(
                grades=facts.grades_text(r.grade_low, r.grade_high),
                school_type=facts.sector_text(r.sector, kind)),
            zoned=_("Zoned school") if r.zoned else "",
            criteria=self._criteria(r, ctx),
            result=self._result_text(r),
            trip=row_trip(r, self.state.filters),
        )

    def _result_text(self, r: Result) -> str:
        """The sorted-by result: which one, then status and change together."""
        code = indicator_of(self.order)
        if code is None:
            return ""
        item = r.indicator or {"indicator": code, "group": self.state.filters.indicator_group}
        return _("{result}: {values}").format(result=indicators.headline(item),
                                              values=indicators.together(item))

    def _criteria(self, r: Result, ctx: facts.CriteriaContext) -> list[tuple[str, str]]:
        """The words for each criterion, made once per answer: every school shares them."""
        out = []
        for verdict, names in (("matched", r.matched), ("unmet", r.unmet), ("unknown", r.unknown)):
            for name in names:
                if name == "trip":
                    continue  # said beside the distance, in the trip's own words
                words = self._criterion_words.get((name, verdict))
                if words is None:
                    words = self._criterion_words[(name, verdict)] = facts.criterion_text(
                        name, verdict, ctx)
                out.append((verdict, words))
        return out

    def criteria_context(self) -> facts.CriteriaContext:
        f = self.state.filters
        if f.line and f.line not in self._lines:
            self._lines[f.line] = self.state.pack.line_name(f.line) or f.line
        return facts.CriteriaContext(
            pack=self.state.pack, grade=self.state.grade, within_km=f.within_km, walk_min=f.walk_min,
            open_on=f.open_on, unit=self.state.pack.region.distance_unit, lines=self._lines)

    def charter_kinds(self) -> dict[str, str | None]:
        if self._charter_kinds is None:
            self._charter_kinds = self.state.pack.charter_kinds()
        return self._charter_kinds

    def accessible_text(self, row: int) -> str:
        t = self.texts(row)
        on_list = _("On my list") if self.state.in_shortlist(self.id_at(row)) else ""
        marks = {"matched": _("Yes:"), "unmet": _("No:"), "unknown": _("Unknown:")}
        parts = [t.name, t.zoned, t.distance, t.trip[1] if t.trip else "", t.facts, t.result] + \
            [f"{marks[v]} {w}" for v, w in t.criteria]
        return ". ".join(p for p in [*parts, on_list] if p)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == KindRole:
            return entry.kind
        if entry.kind == "header":
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return " ".join(t for t in self.header_texts(entry.header) if t)
            return None
        if role == IdRole:
            return entry.result.id
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.result.name  # also what typing a name's first letters searches
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.accessible_text(index.row())
        return None


# --- drawing ----------------------------------------------------------------------------------------


@dataclass
class _Layout:
    height: int
    items: list[tuple[QRect, str, str]]  # rect, text, style (name|badge|plain|verdict|head|expl)
    pills: dict[str, QRect]  # add | details


class SchoolDelegate(QStyledItemDelegate):
    """Draws a row from ``SchoolListModel.texts`` and reports clicks on its two buttons."""

    pill_clicked = Signal(str, str)  # which (add | details), school id

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
                "details": _("Details")}

    @staticmethod
    def _add_text() -> str:
        # TRANSLATORS: a small button on each school in the results list: add it to "My list".
        return pgettext("results button", "+ My list")

    def _pill_widths(self, fm: QFontMetrics) -> dict[str, int]:
        """Button widths that fit either wording, so adding a school never moves a row."""
        key = ("pills", id(fm), self._add_text())
        found = self._advances.get(key)
        if found is None:
            found = self._advances[key] = {
                "add": max(fm.horizontalAdvance(self._add_text()),
                           fm.horizontalAdvance(_("✓ On my list"))) + 24,
                "details": fm.horizontalAdvance(_("Details")) + 24}
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
            pill_h = max(MIN_TARGET, fm.height() + 12)
            widths = self._pill_widths(fm)
            pill_w = {which: max(MIN_TARGET * 2, widths[which]) for which in ("add", "details")}
            buttons_w = pill_w["add"] + pill_w["details"] + 2 * GAP
            # The buttons at the right of the name and its facts when those keep at least half the
            # row; below everything at large text sizes or in a narrow list.
            beside = inner - buttons_w - 4 * GAP >= inner // 2
            rects: dict[str, QRect] = {}
            left_w = inner - buttons_w - 4 * GAP if beside else inner
            if beside:
                x = PAD + left_w + 4 * GAP
                for which in ("add", "details"):
                    rects[which] = QRect(x, PAD_Y, pill_w[which], pill_h)
                    x += pill_w[which] + 2 * GAP
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
            block(t.result, "plain", available=left_w)
            if beside:
                y = max(y, PAD_Y + pill_h + LINE_GAP)
            flow(self._criteria_pieces(t.criteria, inner, advance_of), inner)
            if not beside:
                y += GAP
                x = PAD
                for which in ("add", "details"):
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
                painter.drawText(place, Qt.AlignmentFlag.AlignCenter, pills[which])
            if option.state & QStyle.StateFlag.State_HasFocus and self.view.hasFocus():
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(text_color, 2, Qt.PenStyle.DashLine))
                painter.drawRect(row.adjusted(2, 2, -3, -3))
        painter.restore()

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


class SchoolListView(QListView):
    """The list itself: Enter opens a school's details, Space adds it to (or takes it off) the list."""

    details_requested = Signal(str)
    add_toggled = Signal(str)

    def __init__(self, model: SchoolListModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.delegate = SchoolDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.pill_clicked.connect(self._pill)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(40)
        self.setMouseTracking(True)
        self.setUniformItemSizes(False)
        self.setSpacing(0)

    def model(self) -> SchoolListModel:  # typed for callers
        return super().model()

    def _pill(self, which: str, school_id: str) -> None:
        (self.add_toggled if which == "add" else self.details_requested).emit(school_id)

    def current_id(self) -> str:
        return self.model().id_at(self.currentIndex().row()) if self.currentIndex().isValid() else ""

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        school_id = self.current_id()
        if school_id and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.details_requested.emit(school_id)
            return
        if school_id and event.key() == Qt.Key.Key_Space:
            self.add_toggled.emit(school_id)
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LayoutDirectionChange):
            self.delegate.clear()
            self.scheduleDelayedItemsLayout()
        super().changeEvent(event)
