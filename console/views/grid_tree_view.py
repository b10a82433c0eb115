"""The 网格树 dock: the grid hierarchy with live counts; selecting a node filters the queue."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelection, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QVBoxLayout, QWidget

from console.qtmodels.grid_tree_model import COL_NAME, COLUMN_COUNT, GridTreeModel
from console.qtmodels.roles import GridIdNodeRole, OpenCountRole, SubtreeIdsRole


class GridTreeView(QWidget):
    """Emits ``gridSelected(grid_id, subtree_ids)`` for a selected node and ``gridCleared`` when none is."""

    gridSelected = Signal(str, object)  # grid id, frozenset[str] of the subtree's grid ids
    gridCleared = Signal()

    def __init__(self, model: GridTreeModel, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gridTreeView")
        self.model = model
        self.tree = QTreeView(self)
        self.tree.setObjectName("gridTree")
        self.tree.setModel(model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # Interactive, fitted on demand: ResizeToContents re-measures every visible row on each
        # dataChanged (≈0.5 s per count refresh during a feed burst, all on the GUI thread)
        for col in range(1, COLUMN_COUNT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.tree.expandToDepth(1)
        self._digits = -1
        self._fit_columns()
        model.countsUpdated.connect(self._fit_columns)
        self.tree.setToolTip(QCoreApplication.translate("GridTreeView", "选择网格以筛选事件队列"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

    def _fit_columns(self) -> None:
        """Fit the level and count columns to their contents when a count gains or loses a digit."""
        top = [self.model.index(r, 0) for r in range(self.model.rowCount())]
        digits = max((len(str(i.data(OpenCountRole) or 0)) for i in top), default=1)
        if digits == self._digits:
            return
        self._digits = digits
        for col in range(1, COLUMN_COUNT):
            self.tree.resizeColumnToContents(col)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.tree.selectionModel().selectedRows(0)
        if not rows:
            self.gridCleared.emit()
            return
        index = rows[0]
        self.gridSelected.emit(index.data(GridIdNodeRole), index.data(SubtreeIdsRole))

    def select_grid(self, grid_id: str) -> bool:
        index = self.model.index_of(grid_id)
        if not index.isValid():
            return False
        self.tree.scrollTo(index)
        self.tree.setCurrentIndex(index)
        return True

    def clear_selection(self) -> None:
        self.tree.clearSelection()

    def grid_name(self, grid_id: str) -> str:
        index = self.model.index_of(grid_id)
        return str(index.data()) if index.isValid() else grid_id
