"""My list as drawn: each row as rich text beside a tick box, and the list view that moves rows.

Rows are drawn by :class:`RowPainter` as rich text (the name and an urgent date in bold), with a
tick box drawn from the palette (so a selected row's box is an outline, and high contrast keeps
working) and a touch zone for it as wide as a finger; the plain text of a row stays its
screen-reader name.  :class:`ShortlistView` drags rows to reorder them and passes Alt+Up /
Alt+Down to the page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from navigator.gui.pages.shortlist_model import RICH_ROLE, ShortlistModel

BOX = 30  # px: the compare tick box as drawn
BOX_ZONE = 64  # px from the row's left edge that toggles it: a finger's width, not the box's


class RowPainter(QStyledItemDelegate):
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


class ShortlistView(QListView):
    """The list: drag to reorder; Alt+Up / Alt+Down move the current school."""

    move_requested = Signal(int)

    def __init__(self, model: ShortlistModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(RowPainter(self))
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
