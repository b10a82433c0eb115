"""A read-only table model for the wall's lists (overdue events, whistles, rankings).

A :class:`QStandardItemModel`: the view reads every cell's roles in C++ (a Python ``data()`` was
called ~10 times per cell per repaint and cost 40 % of a 1080p frame of the overdue page). Rows
are replaced as a whole per refresh (the wall's lists change at most every few seconds); each row
may carry an id (``EventIdRole``) and a colour, and :meth:`set_stale` greys every row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from console.qtmodels.roles import EventIdRole

STALE_COLOUR = "#6b7480"


class WallTableModel(QStandardItemModel):
    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self._width = len(headers)
        self._align = [Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter] * self._width
        self._colours: list[QBrush | None] = []
        self._stale = False
        self._grey = QBrush(QColor(STALE_COLOUR))

    def set_alignment(self, column: int, align: Qt.AlignmentFlag) -> None:
        self._align[column] = align | Qt.AlignmentFlag.AlignVCenter

    def set_rows(self, rows: Sequence[Sequence[str]], *, keys: Sequence[str | None] | None = None,
                 colours: Sequence[str | None] | None = None) -> None:
        """Replace every row (``keys``: an id per row, ``colours``: a foreground colour per row)."""
        for r in rows:
            if len(r) != self._width:
                raise ValueError(f"a row has {len(r)} cells, the table {self._width} columns")
        self._colours = [QBrush(QColor(c)) if c else None for c in colours] if colours is not None \
            else [None] * len(rows)
        self.removeRows(0, self.rowCount())
        self.setRowCount(len(rows))
        for i, cells in enumerate(rows):
            key = keys[i] if keys is not None else None
            for j, text in enumerate(cells):
                item = QStandardItem(text)
                item.setEditable(False)
                item.setTextAlignment(self._align[j])
                item.setData(key, EventIdRole)
                self._paint(item, self._colours[i])
                self.setItem(i, j, item)

    def _paint(self, item: QStandardItem, colour: QBrush | None) -> None:
        brush = self._grey if self._stale else colour
        if brush is not None:
            item.setForeground(brush)
        else:
            item.setData(None, Qt.ItemDataRole.ForegroundRole)

    def set_stale(self, stale: bool) -> None:
        """Grey every row (the data are old); colours come back when fresh."""
        if stale == self._stale:
            return
        self._stale = stale
        for i in range(self.rowCount()):
            for j in range(self._width):
                item = self.item(i, j)
                if item is not None:
                    self._paint(item, self._colours[i] if i < len(self._colours) else None)

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""
