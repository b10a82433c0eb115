"""What every event table view shares: Enter/double-click activates the event, select by id, and
columns wide enough for their header and their labels in the UI language."""

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
