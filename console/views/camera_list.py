"""The camera list: find a camera and drag it onto the video wall (issue 6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from console.domain.grid import Camera
from console.widgets.video_tile import CAMERA_MIME, camera_mime

CAMERA_ID_ROLE = Qt.ItemDataRole.UserRole


class _CameraTree(QTreeWidget):
    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:  # noqa: N802
        ids = [it.data(0, CAMERA_ID_ROLE) for it in items if it.data(0, CAMERA_ID_ROLE)]
        return camera_mime(ids)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CAMERA_MIME]


class CameraList(QWidget):
    """Filterable camera table; items drag as ``application/x-grid-console-camera``.

    ``camera_activated(camera_id)`` fires on double-click / Enter (wire it to ``VideoWall.show_camera``).
    """

    camera_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraList")
        self._filter = QLineEdit(self)
        self._filter.setPlaceholderText(self.tr("搜索摄像机：名称、编号、网格、标签"))
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._apply_filter)
        self.tree = _CameraTree(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("名称"), self.tr("网格"), self.tr("标签")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.itemActivated.connect(self._on_activated)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self._filter)
        box.addWidget(self.tree, 1)

    def set_cameras(self, cameras: Sequence[Camera], grid_names: Mapping[str, str] | None = None) -> None:
        names = grid_names or {}
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        items = []
        for cam in cameras:
            grid = names.get(cam.grid_id, cam.grid_id) if cam.grid_id else ""
            item = QTreeWidgetItem([cam.name, grid or "", "、".join(cam.tags)])
            item.setData(0, CAMERA_ID_ROLE, cam.id)
            item.setToolTip(0, f"{cam.id}\n{cam.main_url or ''}")
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
            )
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.tree.setSortingEnabled(True)
        self._apply_filter(self._filter.text())

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def visible_ids(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if not item.isHidden():
                out.append(item.data(0, CAMERA_ID_ROLE))
        return out

    def set_filter(self, text: str) -> None:
        self._filter.setText(text)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            hay = " ".join(
                [item.text(0), item.text(1), item.text(2), str(item.data(0, CAMERA_ID_ROLE))]
            ).lower()
            item.setHidden(bool(needle) and needle not in hay)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        cam_id = item.data(0, CAMERA_ID_ROLE)
        if cam_id:
            self.camera_activated.emit(cam_id)
