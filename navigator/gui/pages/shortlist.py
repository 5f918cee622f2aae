"""Step 7, "My list": what to do next, the family's ranked schools, a note on each, and what to
check before applying.

* At the top, the plan (:mod:`navigator.next_steps`, the same one the printout starts with): one
  line per application process, most urgent first, marked with a shape and bold words.
* Each row says the school's next date (with the plan's mark) and the process it goes through.
  Rows are drawn by :class:`_RowDelegate` as rich text, with a tick box drawn from the palette
  (so a selected row's box is an outline, and high contrast keeps working) and a touch zone for
  it as wide as a finger; the plain text of a row stays its screen-reader name.
* Order is changed by dragging a school, or from the keyboard (Move up / Move down, Alt+Up /
  Alt+Down); both go through ``ShortlistModel.moveRows``, so the family's state holds the one true
  order.  Warnings come from the core's list checker (:func:`navigator.list_check.check_list`),
  the same one the printed list uses, so the screen and the paper never disagree.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from navigator.deadlines import format_when
from navigator.gui import facts
from navigator.gui.pages.base import Page
from navigator.gui.state import MAX_COMPARE
from navigator.gui.trip_view import list_trip_text
from navigator.gui.widgets import (
    BigButton,
    FlowLayout,
    Reflows,
    SideBySide,
    escape,
    plain_label,
    vertical_scroll,
)
from navigator.household.check import check_household
from navigator.i18n import _, format_number, ngettext
from navigator.list_check import ListWarning
from navigator.list_review import review_list
from navigator.next_steps import NextStep, step_words
from navigator.search.query import approximate_place
from navigator.transit.between import between_schools

MIME = "application/x-navigator-school-ids"
SCHOOL_WARNINGS = ("deadline_passed", "grade_not_offered", "grade_unknown")
RICH_ROLE = Qt.ItemDataRole.UserRole + 1  # a row as rich text, for the delegate
BOX = 30  # px: the compare tick box as drawn
BOX_ZONE = 64  # px from the row's left edge that toggles it: a finger's width, not the box's


def step_line(step: NextStep | None, lang: str, separator: str = " · ") -> str:
    """``⚠ Closes tomorrow · Dec 4, 2026 at 5:00 PM``: a school's next date with the plan's mark
    (the plan's narrow column puts the date on a line of its own: ``separator`` "\\n")."""
    if step is None:
        return _("No date in this data")
    words = step_words(step, lang)
    deadline = step.deadline or step.opens
    when = format_when(date.fromisoformat(deadline.date), deadline.time, lang, "medium") \
        if deadline else ""
    return separator.join(x for x in (f"{words.mark} {words.headline}", when) if x)


class ShortlistModel(QAbstractListModel):
    """The shortlist as rows: rank, name, grades and type, distance; a check box to compare."""

    compare_changed = Signal()

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.compare: list[str] = []  # ids ticked for comparing, at most MAX_COMPARE
        self.warnings: list[ListWarning] = []
        self.steps: list[NextStep] = []  # the plan, most urgent first
        self._basics: dict[str, tuple] = {}
        self._moving = False
        state.shortlist_changed.connect(self._shortlist_changed)

    def ids(self) -> list[str]:
        return [s.id for s in self.state.shortlist]

    def _shortlist_changed(self) -> None:
        if self._moving:
            return
        self.beginResetModel()
        self.compare = [i for i in self.compare if self.state.in_shortlist(i)]
        self.endResetModel()
        self.compare_changed.emit()

    def basics(self, school_id: str) -> tuple:
        if school_id not in self._basics:
            row = self.state.pack.conn.execute(
                "SELECT name, sector, charter_kind, grade_low, grade_high FROM schools WHERE id = ?",
                (school_id,)).fetchone()
            self._basics[school_id] = row or (school_id, None, None, None, None)
        return self._basics[school_id]

    def step_for(self, school_id: str) -> NextStep | None:
        """The school's most urgent step of the plan (the plan is in that order)."""
        return next((s for s in self.steps if s.covers(school_id)), None)

    def row_parts(self, row: int) -> list[tuple[str, str]]:
        """A row's lines as (kind, text): name, facts, date (urgent or not), process, check."""
        school_id = self.ids()[row]
        name, sector, kind, low, high = self.basics(school_id)
        about = [facts.grades_text(low, high), facts.sector_text(sector, kind)]
        result = facts.result_for(self.state, school_id)
        if result is not None:
            about.append(facts.distance_text(result, self.state.pack.region.distance_unit,
                                             self.state.home is not None))
        parts = [("name", _("{rank}. {name}").format(rank=format_number(row + 1), name=name)),
                 ("facts", " · ".join(about))]
        trip = list_trip_text(result, self.state.filters) if result is not None else ""
        if trip:
            parts.append(("trip", trip))
        step = self.step_for(school_id)
        parts.append(("urgent" if step is not None and step.urgent else "date",
                      step_line(step, self.state.language)))
        if step is not None:
            parts.append(("process", step.process.name.value))
        n = sum(1 for w in self.warnings if w.severity == "warning" and school_id in w.schools
                and w.kind in SCHOOL_WARNINGS)
        if n:
            parts.append(("check", ngettext("⚠ {n} thing to check", "⚠ {n} things to check",
                                            n).format(n=format_number(n))))
        return parts

    def row_text(self, row: int) -> str:
        return "\n".join(text for _kind, text in self.row_parts(row))

    def row_html(self, row: int) -> str:
        styles = {"name": "font-weight:bold", "urgent": "font-weight:bold", "facts": "", "trip": "",
                  "date": "", "process": "", "check": "font-weight:bold"}
        return "<br>".join(f'<span style="{styles[kind]}">{escape(text)}</span>' if styles[kind]
                           else escape(text) for kind, text in self.row_parts(row))

    # -- Qt model -----------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.state.shortlist)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.state.shortlist):
            return None
        school_id = self.state.shortlist[index.row()].id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.row_text(index.row())
        if role == RICH_ROLE:
            return self.row_html(index.row())
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if school_id in self.compare else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return school_id
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        return self.set_compared(self.ids()[index.row()], Qt.CheckState(value) == Qt.CheckState.Checked)

    def set_compared(self, school_id: str, on: bool) -> bool:
        """Tick or untick a school for comparing; refused (False) beyond MAX_COMPARE."""
        if on and school_id not in self.compare:
            if len(self.compare) >= MAX_COMPARE:
                return False
            self.compare.append(school_id)
        elif not on and school_id in self.compare:
            self.compare.remove(school_id)
        row = self.ids().index(school_id)
        self.dataChanged.emit(self.index(row), self.index(row))
        self.compare_changed.emit()
        return True

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def moveRows(self, source_parent, source_row, count, destination_parent, destination_child) -> bool:  # noqa: N802
        """Move ``count`` rows to before ``destination_child`` (Qt's convention), in the state."""
        rows = len(self.state.shortlist)
        if (source_parent.isValid() or destination_parent.isValid() or count < 1
                or not 0 <= source_row <= rows - count or not 0 <= destination_child <= rows
                or source_row <= destination_child <= source_row + count):
            return False
        moved = self.ids()[source_row:source_row + count]
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(),
                                  destination_child):
            return False
        target = destination_child if destination_child < source_row else destination_child - count
        order = [i for i in self.ids() if i not in moved]
        order[target:target] = moved
        self._moving = True
        try:
            for position, school_id in enumerate(order):
                if self.ids()[position] != school_id:
                    self.state.move_in_shortlist(school_id, position)
        finally:
            self._moving = False
        self.endMoveRows()
        self.dataChanged.emit(self.index(0), self.index(rows - 1))  # ranks changed
        return True

    def move(self, school_id: str, steps: int) -> bool:
        """Move one school up (-1) or down (+1)."""
        row = self.ids().index(school_id)
        new = row + steps
        if not 0 <= new < len(self.state.shortlist):
            return False
        return self.moveRow(QModelIndex(), row, QModelIndex(), new + 1 if steps > 0 else new)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = [self.ids()[i.row()] for i in sorted(indexes, key=lambda i: i.row()) if i.isValid()]
        data.setData(MIME, QByteArray("\n".join(ids).encode("utf-8")))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return data.hasFormat(MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        """A drop moves the dragged schools to ``row`` (the end when -1); nothing is copied."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = [i for i in bytes(data.data(MIME)).decode("utf-8").split("\n") if i]
        if parent.isValid():  # dropped onto a row: before it
            row = parent.row()
        if row < 0:
            row = len(self.state.shortlist)
        moved = False
        for school_id in ids:
            if school_id not in self.ids():
                continue
            source = self.ids().index(school_id)
            if self.moveRow(QModelIndex(), source, QModelIndex(), row):
                moved = True
                if source >= row:
                    row += 1
        return moved

    def removeRows(self, row, count, parent=QModelIndex()) -> bool:  # noqa: N802, B008
        return False  # a finished drag must never delete: drops move, Remove removes


class _RowDelegate(QStyledItemDelegate):
    """A row as rich text (the name and an urgent date in bold) beside a tick box drawn from the
    palette: an outline on a selected row, filled with a tick when ticked, in any theme.  The
    box's touch zone is the row's first :data:`BOX_ZONE` pixels, not only the box."""

    MARGIN = 6

    def _document(self, option, index, width: float) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(index.data(RICH_ROLE) or "")
        document.setTextWidth(max(40.0, width))
        return document

    def _text_width(self, option) -> float:
        """The text's width in a row, never more than painting will have (a scroll bar may yet
        appear), so a measured row is never shorter than its text."""
        view = option.widget
        if view is None:
            return option.rect.width() - BOX_ZONE - 2 * self.MARGIN
        width = view.viewport().width() - 2 * view.spacing()
        if not view.verticalScrollBar().isVisible():
            width -= view.verticalScrollBar().sizeHint().width()
        return width - BOX_ZONE - 2 * self.MARGIN

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        document = self._document(option, index, self._text_width(option))
        # Room to spare: a Hangul line drawn in a fallback font is taller than the font says.
        height = int(document.size().height() * 1.06) + 2 * self.MARGIN + 2
        return QSize(int(self._text_width(option)) + BOX_ZONE, max(height, BOX + 2 * self.MARGIN))

    def paint(self, painter: QPainter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.state &= ~QStyle.StateFlag.State_HasFocus  # the style sheet draws it across the box
        opt.text = ""
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = opt.palette.color(QPalette.ColorRole.HighlightedText if selected
                                else QPalette.ColorRole.Text)
        ground = opt.palette.color(QPalette.ColorRole.Highlight if selected
                                   else QPalette.ColorRole.Base)
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        rect = opt.rect
        box = QRectF(rect.left() + (BOX_ZONE - BOX) / 2, rect.top() + self.MARGIN + 2, BOX, BOX)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ink, 3))
        painter.setBrush(ink if checked else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box.adjusted(1.5, 1.5, -1.5, -1.5), 5, 5)
        if checked:
            tick = QPainterPath(QPointF(box.left() + 7, box.center().y() + 1))
            tick.lineTo(box.left() + 12.5, box.bottom() - 8)
            tick.lineTo(box.right() - 7, box.top() + 8)
            painter.setPen(QPen(ground, 3.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        document = self._document(opt, index, rect.width() - BOX_ZONE - 2 * self.MARGIN)
        painter.translate(rect.left() + BOX_ZONE, rect.top() + self.MARGIN)
        painter.setClipRect(QRectF(0, 0, rect.width() - BOX_ZONE, rect.height() - self.MARGIN))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, ink)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def editorEvent(self, event, model, option, index) -> bool:  # noqa: N802 (Qt override)
        """A tap anywhere in the box's zone ticks or unticks; Space does too."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton \
                and event.position().x() - option.rect.left() < BOX_ZONE:
            return self._toggle(model, index)
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick) and \
                event.position().x() - option.rect.left() < BOX_ZONE:
            return True  # the release toggles; the press must not start a second toggle
        if kind == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            return self._toggle(model, index)
        return False

    @staticmethod
    def _toggle(model, index) -> bool:
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        model.setData(index, new.value, Qt.ItemDataRole.CheckStateRole)
        return True


class _Buttons(Reflows, QWidget):
    """The current school's buttons: four in a row when they fit, two by two, or one by one."""

    def __init__(self, *buttons: QWidget) -> None:
        super().__init__()
        self.buttons = buttons
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        self._reflow()

    def _text_size_changed(self) -> None:
        self._columns = 0

    def _reflow(self) -> None:
        widths = [b.sizeHint().width() for b in self.buttons]
        spacing = self.grid.horizontalSpacing()
        room = self.width()
        columns = next((n for n in (4, 2) if max(widths) * n + spacing * (n - 1) <= room), 1)
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons:
            self.grid.removeWidget(button)
        for i, button in enumerate(self.buttons):
            self.grid.addWidget(button, i // columns, i % columns)
        self.setMinimumWidth(max(widths))


class ShortlistView(QListView):
    """The list: drag to reorder; Alt+Up / Alt+Down move the current school."""

    move_requested = Signal(int)

    def __init__(self, model: ShortlistModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(_RowDelegate(self))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setSpacing(4)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-measured when the width changes
        self.setMinimumWidth(280)
        model.modelReset.connect(self.keep_two_rows)
        model.rowsInserted.connect(self.keep_two_rows)
        self.keep_two_rows()

    def keep_two_rows(self) -> None:
        """Room for two schools at the current text size, whatever space the page has (the page
        scrolls instead); a minimum height, as the view's size policy ignores its hints."""
        rows = self.model().rowCount()
        first_two = sum(self.sizeHintForRow(i) for i in range(min(rows, 2))) if rows else 0
        if rows == 1:
            first_two *= 2
        first_two = first_two or self.fontMetrics().height() * 8
        self.setMinimumHeight(first_two + 2 * self.spacing() + 2 * self.frameWidth())

    def changeEvent(self, event) -> None:  # noqa: N802 - the text size changed
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.keep_two_rows()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Up,
                                                                                   Qt.Key.Key_Down):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class ShortlistPage(Page):
    name = "shortlist"

    def __init__(self, state, window):
        super().__init__(state, window)
        self.model = ShortlistModel(state, self)
        self.heading = plain_label("heading")
        self.empty = plain_label("lead")
        self.to_results = BigButton()
        self.to_results.clicked.connect(lambda: self.window.go("results"))
        self.warning_box = QFrame()
        self.warning_box.setProperty("role", "card")
        self.warning_title = plain_label("subheading")
        self.warning_layout = QVBoxLayout(self.warning_box)
        self.warning_layout.addWidget(self.warning_title)
        self.warning_labels: list = []

        # What to do next: the plan, at the top.
        self.plan_box = QFrame()
        self.plan_box.setObjectName("planBox")
        self.plan_box.setProperty("role", "card")
        self.plan_title = plain_label()
        self.plan_title.setObjectName("planTitle")
        self.plan_title.setStyleSheet("font-weight: bold;")
        # Each step: its mark, headline and date in bold, beside what to do (plain text only).
        self.plan_layout = QGridLayout(self.plan_box)
        self.plan_layout.setContentsMargins(14, 6, 14, 8)
        self.plan_layout.setHorizontalSpacing(14)
        self.plan_layout.setVerticalSpacing(8)  # the two-line steps apart from each other
        self.plan_layout.setColumnStretch(1, 1)
        self.plan_layout.addWidget(self.plan_title, 0, 0, 1, 2)
        self.plan_labels: list[QLabel] = []  # the headlines, one per step
        self.plan_parts: list[QLabel] = []  # every label of the steps

        self.view = ShortlistView(self.model)
        self.view.move_requested.connect(self.move_current)
        self.detail_name = plain_label("subheading")
        self.hint = plain_label("small")
        self.detail_warnings = plain_label()
        self.detail_warnings.setObjectName("schoolWarnings")
        self.note_label = plain_label()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(72)
        self.note_label.setBuddy(self.note_edit)
        self.up_button, self.down_button = BigButton(), BigButton()
        self.remove_button, self.details_button = BigButton("danger"), BigButton()
        self.compare_button, self.print_button = BigButton(), BigButton("primary")
        self.buttons = _Buttons(self.up_button, self.down_button, self.details_button,
                                self.remove_button)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_name)
        detail_layout.addWidget(self.buttons)  # first, so they are never below the fold
        detail_layout.addWidget(self.hint)
        detail_layout.addWidget(self.detail_warnings)
        detail_layout.addWidget(self.note_label)
        detail_layout.addWidget(self.note_edit)
        self.detail = detail
        # The current school, then the list's warnings, scroll together beside the list, so a long
        # warning never pushes the list off the screen at 150 % text size.
        from navigator.gui.wrapping import WrappingBody

        side = WrappingBody()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 8, 0)
        side_layout.addWidget(detail)
        side_layout.addWidget(self.warning_box)
        side_layout.addStretch(1)
        self.side = vertical_scroll(side, frame=False)
        self.side_body = side

        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addWidget(self.side, 1)
        for part in (self.view, self.side):  # they scroll: take the room there is, ask for none
            part.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        actions = QWidget()
        # One row when they fit, else the print button beneath (Spanish at the largest text).
        actions_row = FlowLayout(actions)
        actions_row.addWidget(self.compare_button)
        actions_row.addWidget(self.print_button)
        # The heading and what to do with the whole list share the top row (beneath each other
        # at large text), so the plan and the list get the height of the screen.
        top = SideBySide(self.heading, actions)
        # The page scrolls as a whole when the text is too large for the screen, so the list
        # keeps room for a few schools instead of being squeezed to a line.
        body = WrappingBody()
        self.body = body
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = vertical_scroll(body)
        outer.addWidget(self.scroll)
        layout = QVBoxLayout(body)
        layout.setSpacing(8)
        layout.setContentsMargins(10, 2, 10, 6)
        layout.addWidget(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.to_results, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.plan_box)
        layout.addLayout(middle, 1)

        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.remove_button.clicked.connect(self.remove_current)
        self.details_button.clicked.connect(self._details)
        self.compare_button.clicked.connect(self.open_compare)
        self.print_button.clicked.connect(self.print_list)
        self.note_edit.textChanged.connect(self._note_edited)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsMoved.connect(lambda *_: self._show_current())
        self.model.compare_changed.connect(self._update_buttons)
        for keys, steps in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=steps: self.move_current(s))
        self._checked_for: tuple | None = None
        self.household_warnings: list = []
        self._loading_note = False
        self.compare_dialog = None
        state.results_ready.connect(lambda _r: self.refresh_warnings(force=True))
        state.shortlist_changed.connect(self.refresh_warnings)

    # -- Page -----------------------------------------------------------------------------------------

    def title(self) -> str:
        return _("My list")

    def retranslate(self) -> None:
        self.heading.setText(_("My list"))
        self.plan_title.setText(_("What to do next"))
        self.hint.setText(_("Put your first choice at the top: drag a school, or tap Move up and "
                            "Move down. Tap the box beside up to four schools to compare them."))
        self.empty.setText(_("Your list is empty. Add schools from the list of schools."))
        self.to_results.setText(_("Go to the schools"))
        self.warning_title.setText(_("Things to check"))
        self.view.setAccessibleName(_("My list, first choice first"))
        self.note_edit.setPlaceholderText(_("For example: visit on Tuesday; ask about the bus."))
        self.up_button.setText(_("↑ Move up"))
        self.down_button.setText(_("↓ Move down"))
        self.remove_button.setText(_("Remove from my list"))
        self.details_button.setText(_("Details"))
        self.print_button.setText(_("Print or save my list"))
        self.refresh_warnings(force=True)
        self._show_current()
        self._update_buttons()

    def on_shown(self) -> None:
        self.scroll.verticalScrollBar().setValue(0)  # the page opens at its top: the plan
        self.refresh_warnings(force=True)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))
        self._show_current()
        self.view.setFocus()

    def on_reset(self) -> None:
        self.model.compare.clear()
        self._checked_for = None
        self.refresh_warnings(force=True)
        self._show_current()

    # -- the current school -------------------------------------------------------------------------

    def current_id(self) -> str:
        index = self.view.currentIndex()
        return self.model.ids()[index.row()] if index.isValid() and index.row() < self.model.rowCount() \
            else ""

    def select(self, school_id: str) -> None:
        if school_id in self.model.ids():
            self.view.setCurrentIndex(self.model.index(self.model.ids().index(school_id)))

    def move_current(self, steps: int) -> None:
        school_id = self.current_id()
        if school_id and self.model.move(school_id, steps):
            self.select(school_id)
            self.refresh_warnings()
            self._show_current()

    def remove_current(self) -> None:
        school_id = self.current_id()
        if school_id:
            row = self.model.ids().index(school_id)
            self.state.remove_from_shortlist(school_id)
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))

    def _details(self) -> None:
        if self.current_id():
            self.window.show_profile(self.current_id())

    def _after_reset(self) -> None:
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0))
        self._show_current()

    def _show_current(self) -> None:
        school_id = self.current_id()
        has_list = self.model.rowCount() > 0
        for widget in (self.view, self.side, self.compare_button, self.print_button):
            widget.setVisible(has_list)
        self.plan_box.setVisible(has_list and bool(self.plan_labels))
        self.empty.setVisible(not has_list)
        self.to_results.setVisible(not has_list)
        self.detail.setEnabled(bool(school_id))
        name = self.model.basics(school_id)[0] if school_id else ""
        self.detail_name.setText(name)
        mine = [w.message(self.state.language) for w in self.model.warnings
                if school_id in w.schools and w.kind in SCHOOL_WARNINGS]
        self.detail_warnings.setText("\n".join(f"⚠ {m}" for m in mine))
        self.detail_warnings.setVisible(bool(mine))
        self.note_label.setText(_("Your notes about {school}").format(school=name) if name
                                else _("Your notes"))
        self.note_edit.setAccessibleName(self.note_label.text())
        note = next((s.note for s in self.state.shortlist if s.id == school_id), "")
        if self.note_edit.toPlainText() != note:
            self._loading_note = True
            self.note_edit.setPlainText(note)
            self._loading_note = False
        row = self.model.ids().index(school_id) if school_id else -1
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

    def _note_edited(self) -> None:
        school_id = self.current_id()
        if school_id and not self._loading_note:
            self.state.set_note(school_id, self.note_edit.toPlainText())

    # -- warnings -----------------------------------------------------------------------------------

    def refresh_warnings(self, force: bool = False) -> None:
        """Check the list again when what the checks depend on changed (not on every note key)."""
        results = self.state.results
        zoned = set(results.zoned) if results is not None and self.state.home is not None else None
        household = self.state.to_household()
        others = tuple((c.number, c.label, c.grade, tuple(c.ids())) for c in household.children)
        others += tuple((a.label, a.school_id) for a in household.attending)
        key = (tuple(self.model.ids()), self.state.grade, tuple(sorted(zoned or ())),
               facts.today(self.state), self.state.language, approximate_place(self.state.home),
               others)
        if not force and key == self._checked_for:
            return
        self._checked_for = key
        ids = self.model.ids()
        today = facts.today(self.state)
        home = self.state.home_record()
        review = review_list(self.state.pack, ids, today, self.state.language,
                             grade=self.state.grade, home=home, zoned=zoned)
        self.model.warnings, self.model.steps = review.warnings, review.steps
        # Across the children: the same application, both lists short, sibling priority where
        # the district records it (what one child's checks cannot say).
        self.household_warnings = [
            w for w in check_household(self.state.pack, household, today, trip_minutes=between_schools(
                self.state.local_engine(), today)) if w.base is None
        ] if len(household.children) > 1 else []
        self._show_plan()
        for label in self.warning_labels:
            label.hide()  # gone now, not only when Qt next runs its deferred deletes
            self.warning_layout.removeWidget(label)
            label.deleteLater()
        self.warning_labels = []
        lang = self.state.language
        for warning in self.model.warnings + self.household_warnings:
            mark = "ⓘ" if warning.severity == "info" else "⚠"
            label = plain_label()
            label.setText(f"{mark} {warning.message(lang)}")
            label.setProperty("kind", warning.kind)
            label.ensurePolished()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.warning_layout.addWidget(label)
            self.warning_labels.append(label)
        self.warning_box.setVisible(bool(self.warning_labels))
        if ids:
            self.model.dataChanged.emit(self.model.index(0), self.model.index(len(ids) - 1))
            self.view.doItemsLayout()  # the rows' dates changed: measure them again
            self.view.keep_two_rows()
        self._show_current()
        for part in (self.side_body, self.body):  # new texts: take their height now, and again
            part.layout().activate()                # once Qt has laid the page out
            part.follow_width()
            QTimer.singleShot(0, part, part.follow_width)

    def _show_plan(self) -> None:
        """One row per step of the plan: its mark, headline and date in bold, then what to do."""
        for label in self.plan_parts:
            label.hide()
            self.plan_layout.removeWidget(label)
            label.deleteLater()
        self.plan_labels, self.plan_parts = [], []
        lang = self.state.language
        for row, step in enumerate(self.model.steps, start=1):
            words = step_words(step, lang)
            head = plain_label()
            head.setText(step_line(step, lang, "\n"))
            head.setStyleSheet("font-weight: bold;")
            head.setProperty("level", step.level)
            head.setAccessibleName(words.plain())
            what = plain_label()
            what.setText("\n".join([words.sentence, *words.details]))
            self.plan_layout.addWidget(head, row, 0, Qt.AlignmentFlag.AlignTop)
            self.plan_layout.addWidget(what, row, 1, Qt.AlignmentFlag.AlignTop)
            for label in (head, what):
                label.ensurePolished()  # its bold font now, so it is measured as it is drawn
            self.plan_labels.append(head)
            self.plan_parts += [head, what]
        self.plan_box.setVisible(bool(self.plan_labels))

    def plan_texts(self) -> list[str]:
        """The plan as shown, one plain text per step (tests and screen readers)."""
        return [label.accessibleName() for label in self.plan_labels]

    def warning_kinds(self) -> list[str]:
        return [w.kind for w in self.model.warnings]

    def household_texts(self) -> list[str]:
        """The findings across the children, as shown (tests and screen readers)."""
        lang = self.state.language
        return [w.message(lang) for w in self.household_warnings]

    # -- compare and print ------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        n = len(self.model.compare)
        self.compare_button.setText(ngettext(
            "Compare {n} school side by side", "Compare {n} schools side by side", n).format(
            n=format_number(n)) if n >= 2 else _("Compare: tick two to four schools"))
        self.compare_button.setEnabled(n >= 2)

    def open_compare(self):
        from navigator.gui.compare import CompareDialog

        ids = [i for i in self.model.ids() if i in self.model.compare][:MAX_COMPARE]
        if self.compare_dialog is not None:
            self.compare_dialog.close()
        self.compare_dialog = CompareDialog(self.state, ids, self)
        self.compare_dialog.open()
        return self.compare_dialog

    def print_list(self) -> None:
        self.window.export_list()


PAGE = ShortlistPage
