"""A read-only table model for the wall's lists (overdue events, rankings): rows of display text
prepared in Python before they are set (``data()`` only indexes), an optional colour per row, and
a whole-table reset per refresh (the wall replaces its lists at most every few seconds)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from console.qtmodels.roles import EventIdRole

Index = QModelIndex | QPersistentModelIndex


class WallTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[list[str]] = []
        self._keys: list[str | None] = []
        self._colours: list[QBrush | None] = []
        self._stale = False
        self._grey = QBrush(QColor("#6b7480"))
        self._align = [Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter] * len(self._headers)

    def set_stale(self, stale: bool) -> None:
        """Grey every row (the data are old); colours come back when fresh."""
        if stale != self._stale:
            self._stale = stale
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._headers) - 1),
                                      [Qt.ItemDataRole.ForegroundRole])

    def set_alignment(self, column: int, align: Qt.AlignmentFlag) -> None:
        self._align[column] = align | Qt.AlignmentFlag.AlignVCenter

    def set_rows(self, rows: Sequence[Sequence[str]], *, keys: Sequence[str | None] | None = None,
                 colours: Sequence[str | None] | None = None) -> None:
        """Replace every row (``keys``: an id per row, ``colours``: a foreground colour per row)."""
        width = len(self._headers)
        for r in rows:
            if len(r) != width:
                raise ValueError(f"a row has {len(r)} cells, the table {width} columns")
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self._keys = list(keys) if keys is not None else [None] * len(self._rows)
        self._colours = [QBrush(QColor(c)) if c else None for c in colours] if colours is not None \
            else [None] * len(self._rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._grey if self._stale else self._colours[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align[index.column()]
        if role == EventIdRole:
            return self._keys[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]
