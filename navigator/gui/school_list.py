"""The results list: the view over the model (:mod:`~navigator.gui.school_list_model`), its rows
drawn by :mod:`~navigator.gui.school_list_painter`.

Why painted rows and not a widget per school: a region has thousands of schools and the list must
follow a filter change within 100 ms.  The model keeps the ``Result`` objects; each row's words are
made (and cached) only when the row is drawn, and the view lays rows out in batches.

Every school row has the same fields in the same place and colours whatever its sector: name,
distance, grades and school type, the zoned badge, then the family's criteria (✓ matched, ✗ not
met, ? unknown), then three buttons, "+ My list", "Details" and "Read aloud".  Keyboard: arrows move, Enter
opens the details, Space adds or removes the school from the list.

Only when the family asks to sort by one school result (``order`` "indicator:CODE") does each row
also show that result, status and change together in one line ("No results reported" or the
privacy note where there is no value); such schools come last, never counted as zero.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView

from navigator.gui.school_list_model import SchoolListModel
from navigator.gui.school_list_painter import SchoolDelegate


class SchoolListView(QListView):
    """The list itself: Enter opens a school's details, Space adds it to (or takes it off) the list."""

    details_requested = Signal(str)
    add_toggled = Signal(str)
    read_requested = Signal(str)

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
        self.reader = None  # the window's ReadAloud, once the page has one (the painter asks it)

    def model(self) -> SchoolListModel:  # typed for callers
        return super().model()

    def _pill(self, which: str, school_id: str) -> None:
        {"add": self.add_toggled, "read": self.read_requested}.get(
            which, self.details_requested).emit(school_id)

    def shown_ids(self, fallback: int = 6) -> list[str]:
        """The schools whose rows are on screen, top to bottom (the map names and frames them);
        before the list has been laid out, the first ``fallback`` schools."""
        model = self.model()
        viewport = self.viewport()
        top = self.indexAt(QPoint(4, 2))
        if not self.isVisible() or not top.isValid():
            ids = [model.id_at(row) for row in range(model.rowCount())]
            return [i for i in ids if i][:fallback]
        bottom = self.indexAt(QPoint(4, viewport.height() - 3))
        last = bottom.row() if bottom.isValid() else model.rowCount() - 1
        ids = [model.id_at(row) for row in range(top.row(), last + 1)]
        return [i for i in ids if i]

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
