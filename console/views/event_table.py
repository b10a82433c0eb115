"""What every event table view shares: Enter/double-click activates the event, select by id."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

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
