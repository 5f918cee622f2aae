"""Comparing up to four schools side by side: the same rows, in the same order, for every school.

A table (never per-sector columns or colours): distance, grades, school type, programmes,
services, languages, buses and trains, the next application deadline, and the official results
the pack has (one row per result and student group: the year, the result this year and the change
from the year before together, and the number of students).  Where the pack does not know, the
cell says "Unknown" or "No results reported".  Cells are plain text items, so a school's name is
never markup.
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
from navigator.deadlines import application_plan, countdown, next_closing, timeline
from navigator.gui import facts
from navigator.gui.widgets import BigButton, button_row, plain_label
from navigator.i18n import N_, _, format_date
from navigator.pack_texts import source_line
from navigator.profile import SchoolProfile

ROWS = (
    ("name", N_("School")),
    ("distance", N_("Distance from home")),
    ("grades", N_("Grades")),
    ("sector", N_("School type")),
    ("program", N_("Programs")),
    ("el", N_("Services for English learners")),
    ("sped", N_("Special education services")),
    ("language", N_("Languages spoken by staff")),
    ("transit", N_("Buses and trains nearby")),
    ("deadline", N_("How to apply and by when")),
)


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
        layout.addWidget(self.results_note)
        layout.addLayout(buttons)
        top = QWidget.window(parent) if parent is not None else None  # a Page's .window is not Qt's
        if top is not None:
            self.resize(max(900, top.width() - 60), max(600, top.height() - 60))
        state.language_changed.connect(self.retranslate)
        state.reset_done.connect(self.close)  # "start over" or the kiosk's idle wipe: it goes too
        self.finished.connect(self._disconnect)
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
        codes = indicators.pack_indicators(self.state.pack)
        notes = [_("School results: the result this year and the change from the year before go "
                   "together. One result is not the whole school.")]
        notes += [_("{indicator}: {explanation}").format(indicator=indicators.name(c),
                                                         explanation=indicators.short(c))
                  for c in codes]
        self.results_note.setText("\n".join(notes))
        self.results_note.setVisible(bool(codes))
        self._fill()

    def rows(self) -> list[tuple[str, str]]:
        """(key, row name) in order: the fixed rows, then one per result and student group."""
        rows = [(key, _(label)) for key, label in ROWS]
        household = self.state.household
        if len(household.children) > 1 or household.attending:
            rows.append(("siblings", _("Brothers and sisters")))
        group = self.state.indicator_group
        groups = ["ALL"] if group == "ALL" else ["ALL", group]
        for code in indicators.pack_indicators(self.state.pack):
            for g in groups:
                rows.append((f"indicator:{code}:{g}", indicators.title(code, g)))
        if len(rows) > len(ROWS):
            rows.append(("results_source", _("Where the school results come from")))
        return rows

    # -- content --------------------------------------------------------------------------------------

    def _fill(self) -> None:
        from navigator.profile import school_profile

        pack, lang = self.state.pack, self.state.language
        profiles = [school_profile(pack, i, lang) for i in self.school_ids]
        results = self.state.results
        zoned = set(results.zoned) if results is not None and self.state.home is not None else None
        plan = application_plan(pack, self.school_ids, lang, zoned)
        dates = timeline(pack, self.school_ids, lang, facts.today(self.state), zoned, plan)
        table = self.table
        rows = self.rows()
        table.clear()
        table.setRowCount(len(rows))
        table.setColumnCount(len(profiles) + 1)
        table.setVerticalHeaderLabels([label for _key, label in rows])  # for screen readers
        table.setHorizontalHeaderLabels(["", *(p.name for p in profiles)])
        for row, (key, label) in enumerate(rows):
            table.setItem(row, 0, self._item(label, bold=True))
            for column, profile in enumerate(profiles, start=1):
                table.setItem(row, column, self._item(self._cell(key, profile, plan, dates, zoned),
                                                      bold=key == "name"))
        self._fit_columns()

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

    def _cell(self, key: str, p: SchoolProfile, plan, dates, zoned) -> str:
        if key == "name":
            return p.name
        if key == "siblings":  # only what the district records; "" where it says nothing
            from navigator.household.siblings import school_sibling_notes

            notes = school_sibling_notes(self.state.pack, self.state.to_household(), p.id)
            return "\n\n".join(n.message(self.state.language) for n in notes) or "—"
        if key.startswith("indicator:"):
            return self._result_cell(p, *key.split(":")[1:])
        if key == "results_source":
            return self._results_sources(p)
        if key == "distance":
            result = facts.result_for(self.state, p.id)
            if p.is_virtual:
                return _("Online school — distance does not apply")
            if result is None or self.state.home is None:
                return _("Unknown")
            return facts.distance_text(result, self.state.pack.region.distance_unit, True)
        if key == "grades":
            return facts.grades_text(p.grade_low, p.grade_high)
        if key == "sector":
            return facts.sector_text(p.sector, p.charter_kind)
        if key in ("program", "el", "sped", "language"):
            offered = [facts.code_text(self.state.pack, key, f.code, f.detail)
                       for f in p.facts.get(key, []) if f.value == "yes"]
            reported = p.reported.get(key, "unknown")
            if reported == "unknown":
                return _("Unknown")
            if reported == "partial":
                offered.append(_("Anything else: Unknown"))
            # TRANSLATORS: the school offers none of these (programmes, services, languages).
            return "\n".join(offered) or _("None")
        if key == "transit":
            if p.transit:
                return "\n".join(_("{stop} · lines {lines} · {walk}").format(
                    stop=s.stop, lines=", ".join(s.lines) or _("Unknown"),
                    walk=facts.walk_short(s.walk_min)) for s in p.transit[:4])
            has_transit = self.state.pack.conn.execute(
                "SELECT EXISTS (SELECT 1 FROM stops)").fetchone()[0]
            return _("None within a short walk") if has_transit else _("Unknown")
        return self._deadline_cell(p, plan, dates, zoned)

    @staticmethod
    def _result_cell(p: SchoolProfile, code: str, group: str) -> str:
        """Year, result and change together, students, as-of: the same lines for every school."""
        if not p.indicators:
            return "\n".join((indicators.not_reported(),
                              indicators.missing_reason(p.indicators_missing_reason)))
        item = indicators.latest(p.indicators, code, group)
        if item is None:
            return indicators.not_reported()
        lines = [_("Year {year}").format(year=item["year"])]
        if item["suppressed"]:
            lines.append(indicators.withheld())
        else:
            lines.append(_("Result: {result}").format(result=indicators.status_text(item)))
            lines.append(_("Change from the year before: {change}").format(
                change=indicators.change_text(item)))
        lines.append(indicators.students_text(item["students"]))
        return "\n".join(lines)

    def _results_sources(self, p: SchoolProfile) -> str:
        used = dict.fromkeys(i["source"] for i in p.indicators)
        lines = [source_line(self.state.pack, s, self.state.language)
                 for s in (p.sources.get(x) for x in used) if s is not None]
        return "\n".join(lines) or indicators.not_reported()

    def _deadline_cell(self, p: SchoolProfile, plan, dates, zoned) -> str:
        lines = []
        if zoned and p.id in zoned:
            lines.append(_("Your zoned school: register with the district, no lottery."))
        for route in plan.applications(p.id):
            entry = next_closing(dates, route.process.id)
            name = facts.shown(route.process.name)
            if entry is None:
                lines.append(_("{process}: dates Unknown").format(process=name))
            else:
                lines.append(_("{process}: last day {date} ({countdown})").format(
                    process=name, date=format_date(entry.date),
                    countdown=countdown(entry.days_left, "closes", self.state.language)))
        return "\n".join(lines) or _("Unknown")

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
