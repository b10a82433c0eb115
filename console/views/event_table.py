"""What every event table view shares: Enter/double-click activates the event, select by id, and
columns wide enough for their header and their labels in the UI language, and the window's selection
followed without the table's own row moves changing it.

A table's current row moves by itself when the model removes, filters or re-sorts rows (Qt moves
it to a neighbour). Those moves are not the officer's choice: :meth:`EventTableMixin._watch_model`
(called before the table is made, so its handlers run before Qt's) marks the model as moving, and
``eventSelected`` is emitted only for the officer's own moves (click, arrow keys, ``select_event``).
After the model has moved, the table puts its current row back on the selected event (or on no
row when the event is no longer shown) without emitting anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from console.qtmodels.roles import EventIdRole


class EventTableMixin:
    """Mixed into a QWidget that has ``self.table`` (a QTableView), ``self.model`` (with ``row_of``)
    and an ``eventActivated(str)`` signal. Put it before QWidget in the bases."""

    table: Any
    model: Any
    eventActivated: Any
    eventSelected: Any
    # look for a selected event that is not shown after every model change (cheap for a few hundred
    # rows); the live queue looks only once, after the filter changed or the selection moved
    keep_looking = False

    # ---- following the window's selection -----------------------------------------------------------
    def _watch_model(self, model: Any) -> None:
        """Call before the table is made (these handlers must run before the view's own)."""
        self._moving = 0  # >0 while the model moves rows: the current row moves with them
        self._syncing = False  # the table is being put on the selected event: not the officer's move
        self._selected_id: str | None = None
        self._recheck = False  # look the selected event up after the next model change
        for about in (model.rowsAboutToBeRemoved, model.rowsAboutToBeInserted, model.rowsAboutToBeMoved,
                      model.layoutAboutToBeChanged, model.modelAboutToBeReset):
            about.connect(self._model_moving)

    def _watch_table(self) -> None:
        """Call once the table is made."""
        model = self.model
        for done in (model.rowsRemoved, model.rowsInserted, model.rowsMoved, model.layoutChanged, model.modelReset):
            done.connect(self._model_moved)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def _model_moving(self, *_: Any) -> None:
        self._moving += 1

    def _model_moved(self, *_: Any) -> None:
        self._moving = max(0, self._moving - 1)
        if self._moving == 0:
            self._settle()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._moving or self._syncing:
            return
        eid = current.data(EventIdRole) if current.isValid() else None
        if eid:
            self._selected_id = str(eid)
            self.eventSelected.emit(str(eid))

    def _current_id(self) -> str | None:
        current = self.table.currentIndex()
        eid = current.data(EventIdRole) if current.isValid() else None
        return str(eid) if eid else None

    def _settle(self) -> None:
        """After a model change: keep the current row on the selected event, or on no row."""
        cur = self._current_id()
        if cur == self._selected_id:
            self._recheck = False
            return
        if cur is None and not self._recheck:
            return  # the selected event is not shown (looked up already): nothing to do
        self._put_current(self._selected_id, scroll=False)

    def _put_current(self, event_id: str | None, *, scroll: bool) -> bool:
        row = self.model.row_of(event_id) if event_id else -1
        self._recheck = row < 0 and event_id is not None and self.keep_looking
        self._syncing = True
        try:
            if row < 0:
                self.table.selectionModel().clear()
                return False
            self.table.selectRow(row)
            if scroll:
                self.table.scrollTo(self.model.index(row, 0))
            return True
        finally:
            self._syncing = False

    def show_selected(self, event: Any) -> None:
        """Follow the window's selection (an Event or None) without emitting ``eventSelected``."""
        eid = event.id if event is not None else None
        if eid == self._selected_id and self._current_id() == eid:
            return
        switched = eid != self._selected_id
        self._selected_id = eid
        if not self._put_current(eid, scroll=switched) and eid is not None:
            self._recheck = True  # not (yet) a row: the model may still be about to add it

    def _filter_changed(self) -> None:
        """Call when the officer changes the filter: the selected event may be shown again."""
        self._recheck = True

    def _activated(self, index: QModelIndex) -> None:
        eid = index.data(EventIdRole)
        if eid:
            self.eventActivated.emit(eid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.table.currentIndex()
                if current.isValid():
                    self._activated(current)
                    return True
        return super().eventFilter(watched, event)  # type: ignore[misc]

    def select_event(self, event_id: str) -> bool:
        """Select the event's row as the officer would (``eventSelected`` follows); False if not shown."""
        row = self.model.row_of(event_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True


def make_event_table(parent: QWidget, model: Any, name: str, stretch_column: int) -> QTableView:
    """The room's event table: whole-row single selection, fixed 26 px rows, one stretching column."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table


def fit_columns(
    table: QTableView,
    samples: Mapping[int, Iterable[str]] | None = None,
    *,
    icon_columns: Iterable[int] = (),
) -> None:
    """Widen the interactive columns until the header text (with its sort arrow) and the given cell
    texts fit without eliding — in whatever language, font and style the UI has. Never narrows a
    column; the stretching column takes what is left."""
    table.ensurePolished()
    header = table.horizontalHeader()
    header.ensurePolished()
    icons = set(icon_columns)
    samples = samples or {}
    for col in range(header.count()):
        if header.sectionResizeMode(col) is not QHeaderView.ResizeMode.Interactive:
            continue
        need = header.sectionSizeHint(col)
        for text in samples.get(col, ()):
            need = max(need, _cell_width(table, text, col in icons))
        if header.sectionSize(col) < need:
            header.resizeSection(col, need)


CELL_SLACK = 12  # px beyond the style's measure: the grid line, a focus frame


def _cell_width(table: QTableView, text: str, icon: bool) -> int:
    """What the style needs to show ``text`` (after a small-icon decoration) in one cell."""
    style = table.style()
    opt = QStyleOptionViewItem()
    opt.initFrom(table)
    opt.font = table.font()
    opt.fontMetrics = table.fontMetrics()
    opt.text = text
    opt.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    opt.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
    if icon:
        side = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, table)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        opt.decorationSize = QSize(side, side)
        opt.decorationPosition = QStyleOptionViewItem.Position.Left
    return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), table).width() + CELL_SLACK
