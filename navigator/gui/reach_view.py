"""Counsellor → Where families can reach: the region's squares shaded by how many schools that fit
a child a family without a car can reach, and a square's schools when it is tapped.

Never in kiosk mode (the top bar offers it only with the counsellor's tools), and never about a
family: the question is a grade and a trip, the map is built from the pack alone
(``navigator.reach``), and the family's home, if one is entered, is neither read nor drawn.  The
counting runs through the operations layer, off the GUI thread; the colours are the report's
(viridis steps, readable with any colour vision), and a tapped square says its count in words.
Arrow keys move between squares as a tap does.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from navigator.grades import grade_label
from navigator.gui.dialogs import FittedDialog
from navigator.gui.layouts import FlowLayout, nest
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import _, format_number, ngettext
from navigator.reach.report_model import NO_HOMES_COLOUR, STEPS, UNKNOWN_COLOUR, colours

GRADES = (None, 0, *range(1, 13))
MINUTES = (20, 30, 45, 60)
ARRIVALS = (time(7, 30), time(8, 0), time(8, 30))


class ReachCanvas(QWidget):
    """The squares, drawn to fit; a tap (or the arrow keys) picks one."""

    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reach = None
        self.fills: list[QColor] = []
        self.selected: int | None = None
        self.zips: list[tuple[str, float, float]] = []  # (code, latitude, longitude): labels
        self.setMinimumSize(480, 380)  # a square a finger can pick, at any text size
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Map of where families can reach"))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name): room for a county beside its list
        return QSize(720, 430)

    def show_map(self, reach, zips: list[tuple[str, float, float]] = ()) -> None:
        self.reach = reach
        self.zips = list(zips)
        self.fills = [QColor(c) for c in colours(reach)]
        self.selected = None
        self.update()

    def _frame(self) -> tuple[float, float, float, int, int]:
        grid = self.reach.grid
        cols = int(grid.column.max() - grid.column.min()) + 1
        rows = int(grid.row.max() - grid.row.min()) + 1
        size = min(self.width() / cols, self.height() / rows)
        return size, (self.width() - size * cols) / 2, (self.height() - size * rows) / 2, cols, rows

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.reach is None or not len(self.reach.grid):
            return
        grid = self.reach.grid
        size, x0, y0, _cols, _rows = self._frame()
        top, left = int(grid.row.max()), int(grid.column.min())
        painter.setPen(Qt.PenStyle.NoPen)
        for i, fill in enumerate(self.fills):
            painter.fillRect(QRectF(x0 + (grid.column[i] - left) * size, y0 + (top - grid.row[i]) * size,
                                    size + 0.5, size + 0.5), fill)
        if self.selected is not None:
            i = self.selected
            painter.setPen(QPen(QColor("#ffffff"), 3))
            painter.drawRect(QRectF(x0 + (grid.column[i] - left) * size, y0 + (top - grid.row[i]) * size,
                                    size, size))
            painter.setPen(QPen(QColor("#000000"), 1.5))
            painter.drawRect(QRectF(x0 + (grid.column[i] - left) * size - 2,
                                    y0 + (top - grid.row[i]) * size - 2, size + 4, size + 4))
        painter.setFont(self.font())
        drawn: list = []
        for code, lat, lon in self.zips:  # the ZIP areas, to find one's way on the map
            column, row = grid.place(lat, lon)
            x, y = x0 + (column - left) * size, y0 + (top + 1 - row) * size
            box = painter.fontMetrics().boundingRect(code).adjusted(-4, -2, 4, 2)
            box.moveCenter(QRectF(x - 1, y - 1, 2, 2).center().toPoint())
            if any(box.intersects(other) for other in drawn):  # a county's ZIPs crowd: one readable
                continue
            drawn.append(box)
            painter.fillRect(box, QColor(255, 255, 255, 220))
            painter.setPen(QColor("#000000"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, code)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if self.reach is None or not len(self.reach.grid):
            return
        grid = self.reach.grid
        size, x0, y0, _cols, _rows = self._frame()
        column = int((event.position().x() - x0) // size) + int(grid.column.min())
        row = int(grid.row.max()) - int((event.position().y() - y0) // size)
        found = ((grid.column == column) & (grid.row == row)).nonzero()[0]
        if len(found):
            self.pick(int(found[0]))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, 1),
                 Qt.Key.Key_Down: (0, -1)}
        if self.reach is None or event.key() not in moves or not len(self.reach.grid):
            super().keyPressEvent(event)
            return
        grid = self.reach.grid
        if self.selected is None:
            self.pick(len(grid) // 2)
            return
        dx, dy = moves[event.key()]
        column, row = int(grid.column[self.selected]) + dx, int(grid.row[self.selected]) + dy
        found = ((grid.column == column) & (grid.row == row)).nonzero()[0]
        if len(found):
            self.pick(int(found[0]))

    def pick(self, cell: int) -> None:
        self.selected = cell
        self.update()
        self.picked.emit(cell)


class ReachDialog(FittedDialog):
    """The question (grade, minutes, arrival time), the map with its legend, a square's schools.
    It fits the window at every text size (``FittedDialog``): the question and the legend wrap,
    the square's schools wrap beside the map, the body scrolls."""

    def __init__(self, window) -> None:
        super().__init__(window, preferred_width=1280)
        self.window_ = window
        self.operations = window.state.operations
        self.reach = None
        self.setObjectName("reachDialog")
        self.setModal(True)
        self.heading = plain_label("heading")
        self.grade = QComboBox()
        self.minutes = QComboBox()
        self.arrive = QComboBox()
        self.show_button = BigButton("primary")
        self.show_button.clicked.connect(self.ask)
        self.close_button = BigButton()
        self.close_button.clicked.connect(self.reject)
        self.status = plain_label("lead")
        self.canvas = ReachCanvas()
        self.canvas.picked.connect(self.show_cell)
        self.legend = plain_label("small")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.cell_heading = plain_label("subheading")
        self.cell_text = plain_label()
        self.cell_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = plain_label("small")

        asks = QWidget()
        flow = FlowLayout(asks, spacing=12)
        self.grade_label, self.minutes_label, self.arrive_label = QLabel(), QLabel(), QLabel()
        for label, box in ((self.grade_label, self.grade), (self.minutes_label, self.minutes),
                           (self.arrive_label, self.arrive)):
            label.setBuddy(box)
            box.setMinimumHeight(44)
            pair = QWidget()  # a label stays with its choice when the row wraps
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label)
            row.addWidget(box)
            flow.addWidget(pair)
        flow.addWidget(self.show_button)
        middle = QWidget()
        row = QHBoxLayout(middle)
        row.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout()
        column.addWidget(self.cell_heading)
        column.addWidget(self.cell_text)
        column.addStretch(1)
        column.addWidget(self.legend)
        row.addWidget(self.canvas, 3)
        nest(row, column, 2)
        for widget in (self.heading, asks, self.status, middle, self.note):
            self.body_layout.addWidget(widget)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.close_button)
        self.retranslate()
        self.minutes.setCurrentIndex(MINUTES.index(30))
        self.arrive.setCurrentIndex(ARRIVALS.index(time(8, 0)))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Where families can reach"))
        self.heading.setText(_("Where families can reach"))
        self.grade_label.setText(_("Grade"))
        self.minutes_label.setText(_("Trip of at most"))
        self.arrive_label.setText(_("Arriving by"))
        for box, items in ((self.grade, [_("Any") if g is None else grade_label(g) for g in GRADES]),
                           (self.minutes, [_("{minutes} minutes").format(minutes=format_number(m))
                                           for m in MINUTES]),
                           (self.arrive, [f"{a:%H:%M}" for a in ARRIVALS])):
            current = box.currentIndex()
            box.clear()
            box.addItems(items)
            box.setCurrentIndex(max(current, 0))
        self.show_button.setText(_("Show the map"))
        self.close_button.setText(_("Close"))
        self.status.setText(_("Choose a grade and a trip, then show the map: each square is "
                              "shaded by how many schools that fit a family there can reach by "
                              "bus, train or on foot."))
        self.note.setText(_("Built from the pack alone: no family's home is stored or counted."))
        self.legend.setText(self._legend())
        self.cell_heading.setText(_("Tap a square to see its schools."))

    def _legend(self) -> str:
        rows = [(NO_HOMES_COLOUR, _("White: no homes, stops or schools near; not mapped")),
                (UNKNOWN_COLOUR, _("Unknown: only stops without a timetable nearby")),
                (STEPS[0][1], _("No school in reach"))]
        for k, (low, colour) in enumerate(STEPS[1:], start=1):
            high = STEPS[k + 1][0] - 1 if k + 1 < len(STEPS) else None
            rows.append((colour, format_number(low) if high == low else
                         f"{format_number(low)}–{format_number(high)}" if high else f"{format_number(low)}+"))
        swatch = '<span style="background:{}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        white = "<span>&#9633;</span>"  # rich text draws no border: the unmapped white as an outline
        return "<br>".join(f"{white if c == NO_HOMES_COLOUR else swatch.format(c)}&nbsp;{w}"
                           for c, w in rows)

    def question(self):
        from navigator.reach.count import ReachQuestion
        from navigator.transit.planner import next_school_day

        return ReachQuestion(grade=GRADES[self.grade.currentIndex()],
                             trip_minutes=float(MINUTES[self.minutes.currentIndex()]),
                             arrive_by=ARRIVALS[self.arrive.currentIndex()],
                             on=next_school_day(date.today()))

    def ask(self) -> None:
        from navigator.gui.operations import tasks

        self.status.setText(_("Counting the schools in reach of every square…"))
        self.operations.run(tasks.reach_map(self.question()), done=self.show_map, key="reach",
                            owner=self)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name): room for a county beside its list
        return QSize(720, 430)

    def show_map(self, reach, zips: list[tuple[str, float, float]] = ()) -> None:
        self.reach = reach
        self.zips = list(zips)
        zips = [(code, lat, lon) for code, _name, lat, lon in self.window_.state.pack.zip_centres()]
        self.canvas.show_map(reach, zips)
        kind = reach.kind()
        self.status.setText(_("{squares} squares: {some} reach at least one school, {none} reach "
                              "none, {unknown} unknown.").format(
            squares=format_number(len(kind)), some=format_number(int((kind == 1).sum())),
            none=format_number(int((kind == -1).sum())), unknown=format_number(int((kind == 0).sum()))))
        self.cell_heading.setText(_("Tap a square to see its schools."))
        self.cell_text.setText("")

    def show_cell(self, cell: int) -> None:
        from navigator.gui.operations import tasks

        reach = self.reach
        total, unknown = int(reach.total[cell]), int(reach.unknown[cell])
        words = ngettext("{count} school in reach", "{count} schools in reach", total).format(
            count=format_number(total))
        if total == 0 and unknown:
            words = _("Unknown: only stops without a timetable nearby")
        elif total == 0:
            words = _("No school in reach")
        self.cell_heading.setText(words)
        self.canvas.setAccessibleDescription(words)
        self.cell_text.setText("")
        if total:
            self.operations.run(tasks.reach_cell(reach, cell), done=self.show_schools, key="reach-cell",
                                owner=self)

    def show_schools(self, schools: list[tuple[str, str, str | None]]) -> None:
        kinds = {"district": _("District school"), "charter": _("Charter school")}
        self.cell_text.setText("\n".join(f"{name} — {kinds.get(sector or '', _('Unknown'))}"
                                         for _id, name, sector in schools))
