"""The camera wall: a grid of video tiles that follows the selected event (issue 6).

Layouts 1, 2×2, 3×3, 4×4 and 1+5. Cameras arrive by drag and drop (camera list, map: MIME type
``application/x-grid-console-camera``), by :meth:`VideoWall.follow_event` (nearest cameras that can
see the event, a video-AI event's own camera enlarged) and by tours (轮巡) over a tag or a grid.
Tiles beyond the current layout, or behind an enlarged tile, are hidden and so stop decoding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.cameras import CameraGroup, camera_groups, group_members, rank_cameras
from console.domain.event import Event, Source
from console.domain.grid import Camera
from console.services.snapshots import SnapshotService
from console.widgets.video_tile import VideoTile

MAX_TILES = 16

# layout key → cells (row, col, rowspan, colspan); the first cell of "1+5" is the large one
LAYOUTS: dict[str, list[tuple[int, int, int, int]]] = {
    "1": [(0, 0, 1, 1)],
    "2x2": [(r, c, 1, 1) for r in range(2) for c in range(2)],
    "3x3": [(r, c, 1, 1) for r in range(3) for c in range(3)],
    "4x4": [(r, c, 1, 1) for r in range(4) for c in range(4)],
    "1+5": [(0, 0, 2, 2), (0, 2, 1, 1), (1, 2, 1, 1), (2, 0, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1)],
}
LARGE_SPAN = 2  # a cell spanning this many rows counts as large (plays the main stream)
# the tile area's minimum, the same for every layout: choosing 4×4 never pushes the docks around
# the wall (and 2×2 afterwards has nothing to give back); the tiles share whatever the dock gives
TILE_AREA_MIN = (240, 135)


@dataclass(slots=True)
class _Tour:
    group: CameraGroup
    cameras: list[Camera]
    tile_index: int | None  # None: the whole wall
    timer: QTimer
    position: int = 0
    tiles: list[int] = field(default_factory=list)


class VideoWall(QWidget):
    """The wall. Feed it cameras with :meth:`set_cameras`; drive it with :meth:`follow_event`."""

    snapshot_saved = Signal(str, object)  # (event id, Action) — refresh the detail timeline
    message = Signal(str)  # user-facing notice (Chinese), also shown in the wall's status label
    layout_changed = Signal(str)

    default_tour_interval_s = 10

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        snapshots: SnapshotService | None = None,
        tiles: int = MAX_TILES,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("videoWall")
        self._snapshots = snapshots
        self._cameras: dict[str, Camera] = {}
        self._grid_names: dict[str, str] = {}
        self._event: Event | None = None
        self._layout_key = "2x2"
        self._enlarged: VideoTile | None = None
        self._tours: dict[int | None, _Tour] = {}

        self._layout_box = QComboBox(self)
        for key, label in (("1", self.tr("单画面")), ("2x2", "2×2"), ("3x3", "3×3"), ("4x4", "4×4"),
                           ("1+5", self.tr("1+5"))):  # fmt: skip
            self._layout_box.addItem(label, key)
        self._layout_box.setCurrentIndex(1)
        self._layout_box.currentIndexChanged.connect(self._on_layout_box)
        self._interval = QSpinBox(self)
        self._interval.setRange(3, 600)
        self._interval.setValue(self.default_tour_interval_s)
        self._interval.setSuffix(self.tr(" 秒"))
        self._interval.setToolTip(self.tr("轮巡间隔"))
        self._stop_tours = QToolButton(self)
        self._stop_tours.setText(self.tr("停止轮巡"))
        self._stop_tours.setEnabled(False)
        self._stop_tours.clicked.connect(lambda: self.stop_tour())
        self._follow = QToolButton(self)
        self._follow.setText(self.tr("跟随事件"))
        self._follow.setToolTip(self.tr("选中事件时，自动切换到能看到事发地点的摄像机"))
        self._follow.setCheckable(True)
        self._follow.setChecked(True)
        self._status = QLabel(self)
        self._status.setObjectName("videoWallStatus")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel(self.tr("布局"), self))
        bar.addWidget(self._layout_box)
        bar.addWidget(QLabel(self.tr("轮巡间隔"), self))
        bar.addWidget(self._interval)
        bar.addWidget(self._stop_tours)
        bar.addWidget(self._follow)
        bar.addWidget(self._status, 1)

        self._grid_host = QWidget(self)
        self._grid_host.setMinimumSize(*TILE_AREA_MIN)
        self._grid_host.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.tiles: list[VideoTile] = []
        self.add_tiles(max(0, tiles))  # 0: the console's start-up adds them a few per loop turn
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(bar)
        box.addWidget(self._grid_host, 1)
        self.message.connect(self._status.setText)
        self._apply_layout()

    def add_tiles(self, n: int) -> int:
        """Build up to ``n`` more tiles (at most ``MAX_TILES`` in all); returns how many there are.

        A tile (a media player and its video output) takes a few ms to build: the console builds
        the wall with the tiles of the default layout and adds the rest a few per loop turn, so the
        GUI thread is never held for the whole wall."""
        short = len(self.tiles) < len(LAYOUTS[self._layout_key])
        for _ in range(max(0, min(n, MAX_TILES - len(self.tiles)))):
            tile = VideoTile(self._grid_host)
            tile.hide()
            tile.double_clicked.connect(self._on_tile_double_clicked)
            tile.camera_dropped.connect(self._on_camera_dropped)
            tile.snapshot_requested.connect(self._on_snapshot_requested)
            tile.context_menu_requested.connect(self._on_tile_menu)
            self.tiles.append(tile)
        if short:  # the layout was waiting for these tiles
            self._apply_layout()
        return len(self.tiles)

    # ---- cameras -------------------------------------------------------------------------------
    def set_cameras(self, cameras: Sequence[Camera], grid_names: Mapping[str, str] | None = None) -> None:
        """The registry the wall picks from (ids dropped or followed must be in it)."""
        self._cameras = {c.id: c for c in cameras}
        if grid_names is not None:
            self._grid_names = dict(grid_names)

    def cameras(self) -> list[Camera]:
        return list(self._cameras.values())

    def set_snapshot_service(self, snapshots: SnapshotService | None) -> None:
        self._snapshots = snapshots

    def set_selected_event(self, event: Event | None) -> None:
        """The event snapshots attach to (follow_event sets it too)."""
        self._event = event

    @property
    def selected_event(self) -> Event | None:
        return self._event

    def visible_tiles(self) -> list[VideoTile]:
        if self._enlarged is not None:
            return [self._enlarged]
        return self.tiles[: len(LAYOUTS[self._layout_key])]

    def layout_tiles(self) -> list[VideoTile]:
        """The tiles of the current layout, in order (whether or not one is enlarged)."""
        return self.tiles[: len(LAYOUTS[self._layout_key])]

    def assign(self, index: int, camera: Camera | None) -> None:
        tile = self.tiles[index]
        grid = self._grid_names.get(camera.grid_id, camera.grid_id) if camera and camera.grid_id else None
        tile.set_camera(camera, grid_name=grid)

    def show_camera(
        self, camera_id: str, index: int | None = None, *, enlarge: bool = False
    ) -> VideoTile | None:
        """Put a registered camera on a tile (default: the first free tile of the layout, else the first)."""
        cam = self._cameras.get(camera_id)
        if cam is None:
            self.message.emit(self.tr("未知的摄像机：%1").replace("%1", camera_id))
            return None
        if index is None:
            free = [i for i, t in enumerate(self.layout_tiles()) if t.camera is None]
            index = free[0] if free else 0
        self._stop_tour_on(index)
        self.assign(index, cam)
        tile = self.tiles[index]
        if enlarge:
            self.set_enlarged(tile)
        return tile

    def clear(self) -> None:
        self.stop_tour()
        self.set_enlarged(None)
        for i in range(len(self.tiles)):
            self.assign(i, None)

    # ---- layouts and enlarge -------------------------------------------------------------------
    def remember_layout(self, settings: QSettings, key: str) -> None:
        """Restore the layout saved under ``key`` (the workstation's settings group) and save every
        later choice there, so the wall comes back as the officer left it."""
        saved = settings.value(key)
        if isinstance(saved, str) and saved in LAYOUTS:
            self.set_layout(saved)

        def save(layout: str) -> None:
            settings.setValue(key, layout)
            settings.sync()

        self.layout_changed.connect(save)

    def set_layout(self, key: str) -> None:
        if key not in LAYOUTS:
            raise ValueError(f"unknown wall layout {key!r}; one of {sorted(LAYOUTS)}")
        if key == self._layout_key and self._enlarged is None:
            return
        self._layout_key = key
        self._enlarged = None
        idx = self._layout_box.findData(key)
        if idx != self._layout_box.currentIndex():
            self._layout_box.blockSignals(True)
            self._layout_box.setCurrentIndex(idx)
            self._layout_box.blockSignals(False)
        self._apply_layout()
        self.layout_changed.emit(key)

    @property
    def enlarged(self) -> VideoTile | None:
        return self._enlarged

    def set_enlarged(self, tile: VideoTile | None) -> None:
        """Show one tile alone on the wall (main stream), or go back to the layout with None."""
        if tile is self._enlarged:
            return
        self._enlarged = tile
        self._apply_layout()

    def toggle_enlarged(self, tile: VideoTile) -> None:
        self.set_enlarged(None if self._enlarged is tile else tile)

    def _apply_layout(self) -> None:
        cells = LAYOUTS[self._layout_key]
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for r in range(4):
            self._grid.setRowStretch(r, 0)
            self._grid.setColumnStretch(r, 0)
        if self._enlarged is not None:
            placed = [(self._enlarged, (0, 0, 1, 1), True)]
        else:
            placed = [  # (a wall still being built has fewer tiles: add_tiles lays them out)
                (tile, cell, cell[2] >= LARGE_SPAN or len(cells) == 1)
                for tile, cell in zip(self.tiles, cells, strict=False)
            ]
        rows = cols = 1
        for tile, (r, c, rs, cs), large in placed:
            self._grid.addWidget(tile, r, c, rs, cs)
            tile.set_large(large)
            rows, cols = max(rows, r + rs), max(cols, c + cs)
        for r in range(rows):
            self._grid.setRowStretch(r, 1)
        for c in range(cols):
            self._grid.setColumnStretch(c, 1)
        shown = {id(t) for t, _cell, _large in placed}
        for tile in self.tiles:  # hide first, so hidden tiles stop decoding before new ones start
            if id(tile) not in shown:
                tile.hide()
        for tile, _cell, _large in placed:
            tile.show()

    def _on_layout_box(self, _index: int) -> None:
        self.set_layout(self._layout_box.currentData())

    def _on_tile_double_clicked(self, tile: VideoTile) -> None:
        self.toggle_enlarged(tile)

    # ---- following events ---------------------------------------------------------------------
    @property
    def auto_follow(self) -> bool:
        return self._follow.isChecked()

    def set_auto_follow(self, on: bool) -> None:
        self._follow.setChecked(on)

    def on_event_selected(self, event: Event | None) -> None:
        """Wire the queue's selection here: follows the event when 跟随事件 is on, else only
        makes it the snapshot target (the officer keeps the cameras they chose)."""
        if self.auto_follow:
            self.follow_event(event)
        else:
            self.set_selected_event(event)

    def follow_event(self, event: Event | None) -> list[Camera]:
        """Fill the wall with the cameras that can see ``event``; returns them in tile order.

        A video-AI event with a known camera opens that camera enlarged (the nearest others fill the
        remaining tiles behind it). Without a location the event's grid cameras are used.
        """
        self._event = event
        if event is None:
            return []
        self.stop_tour()
        chosen: list[Camera] = []
        own = self._cameras.get(event.camera_id) if event.camera_id else None
        if own is not None:
            chosen.append(own)
        slots = len(self.layout_tiles())
        loc = event.location
        if loc is None and own is not None:
            lat, lon = own.lat, own.lon
        elif loc is not None:
            lat, lon = loc.lat, loc.lon
        else:
            lat = lon = None
        if lat is not None and lon is not None:
            for hit in rank_cameras(self._cameras.values(), lat, lon, limit=slots + 1):
                if hit.camera not in chosen:
                    chosen.append(hit.camera)
        elif event.grid_id:
            chosen.extend(group_members(self._cameras.values(), CameraGroup("grid", event.grid_id)))
        chosen = chosen[:slots]
        for i in range(slots):
            self.assign(i, chosen[i] if i < len(chosen) else None)
        video_ai = event.source == Source.VIDEO_AI and own is not None
        self.set_enlarged(self.tiles[0] if video_ai else None)
        if not chosen:
            self.message.emit(self.tr("事件附近没有摄像机"))
        else:
            self.message.emit(self.tr("跟随事件：%1").replace("%1", event.title))
        return chosen

    # ---- drag and drop ---------------------------------------------------------------------------
    def _on_camera_dropped(self, tile: VideoTile, ids: list) -> None:
        order = self.layout_tiles()
        start = order.index(tile) if tile in order else self.tiles.index(tile)
        known = [i for i in ids if i in self._cameras]
        if not known:
            self.message.emit(self.tr("拖入的摄像机不在登记表中"))
            return
        for offset, cam_id in enumerate(known[: len(self.tiles) - start]):
            self._stop_tour_on(start + offset)
            self.assign(start + offset, self._cameras[cam_id])

    # ---- snapshots --------------------------------------------------------------------------------
    def snapshot(self, tile: VideoTile) -> object | None:
        """Attach the tile's current frame to the selected event; returns the stored Action."""
        if self._snapshots is None:
            self.message.emit(self.tr("截图服务不可用"))
            return None
        if self._event is None:
            self.message.emit(self.tr("请先选择一个事件，再截图"))
            return None
        image = tile.current_frame()
        if image is None or tile.camera is None:
            self.message.emit(self.tr("该窗格当前没有画面"))
            return None
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        buf.close()
        try:
            snap = self._snapshots.save(
                self._event.id, tile.camera.id, bytes(data.data()), fmt="png", camera_name=tile.camera.name
            )
        except OSError as exc:
            self.message.emit(self.tr("截图保存失败：%1").replace("%1", str(exc)))
            return None
        self.message.emit(self.tr("截图已附加到事件 %1").replace("%1", self._event.id))
        self.snapshot_saved.emit(self._event.id, snap.action)
        return snap.action

    def _on_snapshot_requested(self, tile: VideoTile) -> None:
        self.snapshot(tile)

    # ---- tours (轮巡) ------------------------------------------------------------------------------
    def groups(self) -> list[CameraGroup]:
        return camera_groups(self._cameras.values())

    def group_label(self, group: CameraGroup) -> str:
        if group.kind == "grid":
            return self.tr("网格：%1").replace("%1", self._grid_names.get(group.key, group.key))
        return self.tr("标签：%1").replace("%1", group.key)

    def start_tour(
        self, group: CameraGroup, *, tile_index: int | None = None, interval_s: float | None = None
    ) -> bool:
        """Cycle a tile (or the whole wall with None) through a group every ``interval_s`` seconds."""
        cams = group_members(self._cameras.values(), group)
        if not cams:
            self.message.emit(self.tr("该分组没有摄像机"))
            return False
        if tile_index is None:
            self.stop_tour()
        else:
            self._stop_tour_on(tile_index)
            self._stop_wall_tour()
        timer = QTimer(self)
        timer.setInterval(int(1000 * (interval_s or self._interval.value())))
        tour = _Tour(group, cams, tile_index, timer)
        self._tours[tile_index] = tour
        timer.timeout.connect(lambda t=tour: self._advance(t))
        self._advance(tour)
        timer.start()
        self._stop_tours.setEnabled(True)
        self.message.emit(self.tr("轮巡中：%1").replace("%1", self.group_label(group)))
        return True

    def stop_tour(self, tile_index: int | None = None) -> None:
        """Stop one tile's tour, or every tour with None."""
        if tile_index is None:
            for key in list(self._tours):
                self._drop_tour(key)
        else:
            self._stop_tour_on(tile_index)
        self._stop_tours.setEnabled(bool(self._tours))

    def tours(self) -> dict[int | None, CameraGroup]:
        return {k: t.group for k, t in self._tours.items()}

    def _stop_tour_on(self, index: int) -> None:
        if index in self._tours:
            self._drop_tour(index)
        self._stop_tours.setEnabled(bool(self._tours))

    def _stop_wall_tour(self) -> None:
        if None in self._tours:
            self._drop_tour(None)

    def _drop_tour(self, key: int | None) -> None:
        tour = self._tours.pop(key)
        tour.timer.stop()
        tour.timer.deleteLater()
        for i in [key] if key is not None else range(len(self.tiles)):
            self.tiles[i].set_tour_label("")

    def _advance(self, tour: _Tour) -> None:
        label = self.tr("轮巡")
        if tour.tile_index is not None:
            cam = tour.cameras[tour.position % len(tour.cameras)]
            tour.position += 1
            self.assign(tour.tile_index, cam)
            self.tiles[tour.tile_index].set_tour_label(label)
            return
        slots = self.layout_tiles()
        n = len(slots)
        page = [
            tour.cameras[(tour.position + k) % len(tour.cameras)] for k in range(min(n, len(tour.cameras)))
        ]
        tour.position = (tour.position + n) % len(tour.cameras)
        for i in range(n):
            if i in self._tours:
                continue  # a tile with its own tour keeps it
            self.assign(i, page[i] if i < len(page) else None)
            self.tiles[i].set_tour_label(label if i < len(page) else "")

    # ---- context menu ---------------------------------------------------------------------------
    def build_tile_menu(self, tile: VideoTile) -> QMenu:
        index = self.tiles.index(tile)
        menu = QMenu(self)
        enlarge = menu.addAction(self.tr("还原") if self._enlarged is tile else self.tr("放大"))
        enlarge.triggered.connect(lambda: self.toggle_enlarged(tile))
        one = menu.addMenu(self.tr("本窗格轮巡"))
        wall = menu.addMenu(self.tr("整墙轮巡"))
        for group in self.groups():
            a = one.addAction(self.group_label(group))
            a.triggered.connect(lambda _=False, g=group: self.start_tour(g, tile_index=index))
            b = wall.addAction(self.group_label(group))
            b.triggered.connect(lambda _=False, g=group: self.start_tour(g))
        one.setEnabled(bool(one.actions()))
        wall.setEnabled(bool(wall.actions()))
        stop = menu.addAction(self.tr("停止轮巡"))
        stop.setEnabled(bool(self._tours))
        stop.triggered.connect(lambda: self.stop_tour())
        snap = menu.addAction(self.tr("截图到选中事件"))
        snap.setEnabled(tile.camera is not None)
        snap.triggered.connect(lambda: self.snapshot(tile))
        clear = menu.addAction(self.tr("清空窗格"))
        clear.setEnabled(tile.camera is not None)
        clear.triggered.connect(lambda: (self._stop_tour_on(index), self.assign(index, None)))
        return menu

    def _on_tile_menu(self, tile: VideoTile, pos: QPoint) -> None:
        menu = self.build_tile_menu(tile)
        menu.exec(pos)
        menu.deleteLater()
