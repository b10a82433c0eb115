"""Map dock: the map canvas, a layer toolbar and a message line, fed by the room through the bus.

``MapView`` subscribes to the :class:`~console.services.bus.Bus` itself (``events_added``,
``events_changed``, ``events_removed``), buffers what arrives and applies it to the canvas at most
every ``throttle_ms`` (200 ms; longer when a redraw is costly, so the map never takes more than a
fifth of the GUI thread), so a burst of feed batches costs one redraw. Overdue halos are
refreshed every 30 s because deadlines pass without any bus event.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Iterable, Iterator
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QVBoxLayout, QWidget

from console.domain.event import Event
from console.domain.grid import Camera, Grid
from console.services.basemap import BasemapError, open_basemap
from console.services.bus import Bus
from console.services.room import Room
from console.widgets.map_canvas import MapCanvas

log = logging.getLogger(__name__)

FLUSH_CHUNK = 3_000  # markers applied by one timed flush (~6 ms); a backlog follows in parts
MIN_BACKLOG_MS = 20  # the shortest wait before the next part of a backlog
_LAYER_LABELS = (
    ("basemap", QT_TRANSLATE_NOOP("MapView", "底图")),
    ("grids", QT_TRANSLATE_NOOP("MapView", "网格")),
    ("labels", QT_TRANSLATE_NOOP("MapView", "名称")),
    ("police", QT_TRANSLATE_NOOP("MapView", "警格")),
    ("choropleth", QT_TRANSLATE_NOOP("MapView", "热力填色")),
    ("events", QT_TRANSLATE_NOOP("MapView", "事件")),
    ("workers", QT_TRANSLATE_NOOP("MapView", "网格员")),
    ("tracks", QT_TRANSLATE_NOOP("MapView", "轨迹")),
    ("coverage", QT_TRANSLATE_NOOP("MapView", "巡查覆盖")),
    ("cameras", QT_TRANSLATE_NOOP("MapView", "摄像头")),
)


class MapView(QWidget):
    eventClicked = Signal(str)  # noqa: N815 (Qt naming)
    gridClicked = Signal(str)  # noqa: N815
    cameraClicked = Signal(str)  # noqa: N815

    def __init__(
        self,
        bus: Bus | None = None,
        room: Room | None = None,
        parent: QWidget | None = None,
        *,
        grids: Iterable[Grid] | None = None,
        cameras: Iterable[Camera] | None = None,
        basemap: str | os.PathLike[str] | None = None,
        basemap_crs: str | None = None,
        throttle_ms: int = 200,
        load_events: bool = True,
    ) -> None:
        """``load_events=False``: the room's events are not drawn yet (the console's start-up sets
        the grids in steps first, then :meth:`set_events`, so markers are flagged against them)."""
        super().__init__(parent)
        self.setObjectName("mapView")
        self.bus = bus
        self.room = room
        self.workers: Any = None  # WorkerOverlay once attach_workers is called
        self.canvas = MapCanvas(self, clock=room.clock if room is not None else None)
        self.canvas.eventClicked.connect(self.eventClicked)
        self.canvas.gridClicked.connect(self.gridClicked)
        self.canvas.cameraClicked.connect(self.cameraClicked)
        self.canvas.message.connect(self.show_message)
        self.toolbar = QToolBar(self)
        self.layer_actions: dict[str, QAction] = {}
        for name, label in _LAYER_LABELS:
            act = QAction(self.tr(label), self)
            act.setCheckable(True)
            act.setChecked(self.canvas.layer_visible(name))
            act.toggled.connect(lambda on, n=name: self.canvas.set_layer_visible(n, on))
            self.toolbar.addAction(act)
            self.layer_actions[name] = act
        self.choropleth_box = QComboBox(self)
        self.choropleth_box.addItem(self.tr("按事件密度"), "density")
        self.choropleth_box.addItem(self.tr("按超时数量"), "overdue")
        self.choropleth_box.currentIndexChanged.connect(
            lambda _i: self.canvas.set_choropleth_mode(self.choropleth_box.currentData())
        )
        self.toolbar.addWidget(self.choropleth_box)
        home = QAction(self.tr("全图"), self)
        home.triggered.connect(self.canvas.home)
        self.toolbar.addAction(home)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.message_label.setObjectName("mapMessage")  # styled by resources/qss/map.qss
        self.body = lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.toolbar)
        lay.addWidget(self.message_label)
        lay.addWidget(self.canvas, 1)

        self._pending_changed: dict[str, Event] = {}
        self._pending_removed: set[str] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(throttle_ms)
        self._throttle_ms = throttle_ms
        self._flush_cost_ms = 0.0
        self._flush_timer.timeout.connect(lambda: self.flush(limit=FLUSH_CHUNK))
        self._overdue_timer = QTimer(self)
        self._overdue_timer.setInterval(30_000)
        self._overdue_timer.timeout.connect(self.refresh_overdue)

        if grids is not None:
            self.set_grids(grids)
        if cameras is not None:
            self.set_cameras(cameras)
        if basemap is not None:
            self.set_basemap_path(basemap, basemap_crs)
        if room is not None:
            if load_events:
                self.canvas.set_events(room.live_events())
            self._overdue_timer.start()
        if bus is not None:
            bus.subscribe("events_added", self.on_event_events_added)
            bus.subscribe("events_loaded", self.on_event_events_added)  # start-up pages: same handling
            bus.subscribe("events_changed", self.on_event_events_changed)
            bus.subscribe("events_removed", self.on_event_events_removed)

    # ---- bus (buffered, applied by flush) ---------------------------------------------------------
    def on_event_events_added(self, events: list[Event]) -> None:
        self._queue(events)

    def on_event_events_changed(self, events: list[Event]) -> None:
        self._queue(events)

    def on_event_events_removed(self, ids: list[str]) -> None:
        for k in ids:
            self._pending_changed.pop(k, None)
            self._pending_removed.add(k)
        self._schedule()

    def _queue(self, events: list[Event]) -> None:
        for ev in events:
            self._pending_removed.discard(ev.id)
            self._pending_changed[ev.id] = ev
        self._schedule()

    def _schedule(self) -> None:
        if not self._flush_timer.isActive():
            # adaptive throttle: a redraw costing D ms is repeated at most every 5·D ms, so the map
            # never takes more than a fifth of the GUI thread however many markers it holds
            self._flush_timer.start(max(self._throttle_ms, int(5 * self._flush_cost_ms)))

    def flush(self, *, limit: int | None = None) -> None:
        """Apply buffered bus updates to the canvas now (one redraw).

        With ``limit``, at most that many changed events; the rest follow on a short timer (the
        start-up pages: applying 10,000 markers held the GUI thread for ~25 ms)."""
        self._flush_timer.stop()
        pending = self._pending_changed
        if limit is not None and len(pending) > limit:
            changed = [pending.pop(k) for k in list(itertools.islice(pending, limit))]
        else:
            changed = list(pending.values())
            pending.clear()
        removed = list(self._pending_removed)
        self._pending_removed.clear()
        if not (removed or changed):
            return
        t0 = time.perf_counter()
        if removed:
            self.canvas.remove_events(removed)
        if changed:
            self.canvas.update_events(changed)
        self._flush_cost_ms = (time.perf_counter() - t0) * 1000.0
        if pending:  # a backlog: the next part soon, the map still taking at most a fifth of the thread
            self._flush_timer.start(max(MIN_BACKLOG_MS, int(5 * self._flush_cost_ms)))

    def refresh_overdue(self) -> None:
        """Deadlines pass without any bus event: re-check the markers' halos (vectorised)."""
        self.canvas.refresh_overdue()

    # ---- API for the main window ------------------------------------------------------------------
    def set_grids(self, grids: Iterable[Grid], *, home: bool = True) -> None:
        self.canvas.set_grids(grids, home=home)

    def set_grids_steps(self, grids: Iterable[Grid]) -> Iterator[None]:
        """:meth:`set_grids` as a generator yielding between parts of the work."""
        return self.canvas.set_grids_steps(grids)

    def set_cameras(self, cameras: Iterable[Camera]) -> None:
        self.canvas.set_cameras(cameras)

    def set_workers(self, workers: Iterable[Any]) -> None:
        self.canvas.set_workers(workers)

    def set_tracks(self, tracks: dict[str, Any]) -> None:
        self.canvas.set_tracks(tracks)

    def attach_workers(self, workers: Any, **kwargs: Any) -> Any:
        """Show the live roster (:class:`console.services.positions.LiveWorkers`) with tracks, reach
        and coverage (:class:`console.views.map_field.WorkerOverlay`; ``kwargs`` go to it)."""
        from console.views.map_field import WorkerOverlay

        self.workers = WorkerOverlay(self, workers, bus=self.bus, **kwargs)
        return self.workers

    def set_events(self, events: Iterable[Event]) -> None:
        self._pending_changed.clear()
        self._pending_removed.clear()
        self.canvas.set_events(events)

    def update_events(self, changed: Iterable[Event]) -> None:
        self._queue(list(changed))

    def remove_events(self, ids: Iterable[str]) -> None:
        self.on_event_events_removed(list(ids))

    def show_event(self, event_id: str) -> bool:
        """Centre on the event and highlight it (pending updates are applied first)."""
        if self._pending_changed or self._pending_removed:
            self.flush()
        return self.canvas.show_event(event_id)

    def show_grid(self, grid_id: str | None, subtree_ids: Iterable[str] | None = None) -> bool:
        """Slot for the grid tree's ``gridSelected(grid_id, subtree_ids)``: fit and outline the grid."""
        return self.canvas.show_grid(grid_id)

    def set_basemap_path(self, path: str | os.PathLike[str] | None, crs: str | None = None) -> bool:
        """Open an XYZ directory or MBTiles file; on failure say why and keep the map working."""
        if path is None:
            self.canvas.set_basemap(None)
            return True
        try:
            source = open_basemap(path, crs)
        except BasemapError as exc:
            log.warning("basemap unavailable: %s", exc)
            self.show_message(self.tr("底图不可用：{0}（地图仍可使用）").format(exc))
            self.canvas.set_basemap(None)
            return False
        self.canvas.set_basemap(source)
        return True

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def closeEvent(self, ev) -> None:  # noqa: N802 (Qt API)
        self.canvas.shutdown()
        super().closeEvent(ev)
