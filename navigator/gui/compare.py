"""Comparing up to four schools side by side: the same rows, in the same order, for every school.

A table (never per-sector columns or colours): distance, grades, school type, programmes,
services, languages, buses and trains, the next application deadline, and the official results
the pack has (one row per result and student group: the year, the result this year and the change
from the year before together, and the number of students).  Where the pack does not know, the
cell says "Unknown" or "No results reported".  Cells are plain text items, so a school's name is
never markup.  The words are worked out on the operations layer's worker
(:mod:`navigator.gui.compare_table`); the dialog lays them out when they come.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navigator import indicators
from navigator.gui import facts
from navigator.gui.compare_table import CompareFamily, CompareTable, compare_table
from navigator.gui.layouts import FitScroll, button_row, nest
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import _


class CompareDialog(QDialog):
    def __init__(self, state, school_ids: list[str], parent=None):
        super().__init__(parent)
        self.state = state
        self.school_ids = list(school_ids)
        self.heading = plain_label("heading")
        self.results_note = plain_label("small")
        self.results_note.setObjectName("resultsNote")
        self.results_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # read, not picked
        self.table.viewport().installEventFilter(self)  # its columns follow its own width
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # never cut a word off with "…"
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Row names are the first column (they wrap like the cells); headers would not wrap.
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.close_button = BigButton("primary")
        self.close_button.clicked.connect(self.accept)
        buttons = button_row(self.close_button, end=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        # As tall as the notes when there is room; at the largest text it scrolls (the dialog
        # stays on a 768-pixel screen).
        self.note_scroll = FitScroll(self.results_note)
        layout.addWidget(self.note_scroll)
        nest(layout, buttons)
        top = QWidget.window(parent) if parent is not None else None  # a Page's .window is not Qt's
        if top is not None:
            self.resize(max(900, top.width() - 60), max(600, top.height() - 60))
        state.language_changed.connect(self.retranslate)
        state.reset_done.connect(self.close)  # "start over" or the kiosk's idle wipe: it goes too
        self.finished.connect(self._disconnect)
        self._open_when_filled = False
        self.retranslate()

    def _disconnect(self, *_args) -> None:
        for signal, slot in ((self.state.language_changed, self.retranslate),
                             (self.state.reset_done, self.close)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    def retranslate(self, *_args) -> None:
        self.setWindowTitle(_("Compare schools"))
        self.heading.setText(_("Compare schools"))
        self.close_button.setText(_("Close"))
        self.table.setAccessibleName(_("Schools side by side"))
        state = self.state
        family = CompareFamily(state.language, facts.today(state), state.home, state.results,
                               state.to_household(), state.indicator_group)
        ids = list(self.school_ids)
        state.operations.run(lambda core: compare_table(core.pack, ids, family), done=self._fill,
                             key="compare", owner=self)

    # -- content --------------------------------------------------------------------------------------

    def _fill(self, content: CompareTable) -> None:
        notes = [_("School results: the result this year and the change from the year before go "
                   "together. One result is not the whole school.")]
        notes += [_("{indicator}: {explanation}").format(indicator=indicators.name(c),
                                                         explanation=indicators.short(c))
                  for c in content.indicators]
        self.results_note.setText("\n".join(notes))
        self.results_note.setVisible(bool(content.indicators))
        self.note_scroll.setVisible(bool(content.indicators))
        table = self.table
        rows = content.rows
        table.clear()
        table.setRowCount(len(rows))
        table.setColumnCount(len(content.names) + 1)
        table.setVerticalHeaderLabels([label for _key, label in rows])  # for screen readers
        table.setHorizontalHeaderLabels(["", *content.names])
        for row, (key, label) in enumerate(rows):
            table.setItem(row, 0, self._item(label, bold=True))
            for column, text in enumerate(content.cells[row], start=1):
                table.setItem(row, column, self._item(text, bold=key == "name"))
        self._fit_columns()
        if self._open_when_filled:
            self._open_when_filled = False
            self.open()

    def open_when_ready(self) -> None:
        """Open once the table is worked out (at once when it already is), so the family never
        sees it empty."""
        if self.table.rowCount():
            self.open()
        else:
            self._open_when_filled = True

    @staticmethod
    def _item(text: str, bold: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        return item

    def _fit_columns(self) -> None:
        """Row names a fifth of the width, the schools share the rest equally, each wide enough
        for a long word at this text size (the table scrolls sideways rather than cut text)."""
        table = self.table
        schools = table.columnCount() - 1
        if schools < 1:
            return
        width = table.viewport().width()
        em = table.fontMetrics().horizontalAdvance("M")
        first = max(em * 8, width // 5, self._longest_word(0))
        each = max(em * 11, (width - first) // schools)
        table.setColumnWidth(0, first)
        for column in range(1, schools + 1):
            # Never narrower than its longest unbreakable word ("과학·기술·공학·수학(STEM)").
            table.setColumnWidth(column, max(each, self._longest_word(column)))
        table.resizeRowsToContents()

    def _longest_word(self, column: int) -> int:
        widest = 0
        for row in range(self.table.rowCount()):
            item = self.table.item(row, column)
            if item is None:
                continue
            metrics = QFontMetrics(item.font())
            widest = max([widest, *(metrics.horizontalAdvance(w) for w in item.text().split())])
        return widest + 16

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        # The event's type first: cheap, and safe while the dialog is being taken down.
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport() and \
                event.oldSize().width() != event.size().width():
            self._fit_columns()
        return False

    # -- for tests and screen readers ---------------------------------------------------------------

    def row_labels(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def column_names(self) -> list[str]:
        return [self.table.item(0, c).text() for c in range(1, self.table.columnCount())]

    def cell(self, row: int, column: int) -> str:
        """The text for school ``column`` (0 = the first school) in ``row``."""
        return self.table.item(row, column + 1).text()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()
