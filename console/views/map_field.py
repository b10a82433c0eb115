"""The map's grid workers (轨迹管理): live positions by state, a selected worker's details and track,
the selected event's nearest available workers with walking time, the patrol coverage layer.

:class:`WorkerOverlay` attaches to a :class:`~console.views.map_view.MapView`: it listens to the bus's
``worker_positions`` (applied at most once a second) and re-evaluates states every 30 s (a position
goes stale without any message); a click on a worker shows name, grid, state, battery and the age of
the last fix, and draws the worker's track for the chosen window (read from the store on a worker
thread, simplified for drawing by the layer). The views never touch the store: they call the
position and coverage services.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel

from console.domain.event import Event, utcnow
from console.widgets.map_workers import reach_label, state_names

log = logging.getLogger(__name__)
RunTask = Callable[[Coroutine[Any, Any, Any]], "asyncio.Future[Any]"]
TRACK_HOURS = (1, 2, 8, 24)
REPLAY_TRACK_MINUTES = (15, 30, 60, 120)  # replay: the selected worker's last N minutes up to the instant
REACH_COUNT = 3
REPLAY_APPLY_MS = 250  # replay: the workers of the instant are drawn at most 4 times a second (60×: every 15 s of recording)
REPLAY_TRAIL_EVERY_S = 300.0  # replay: everyone's trail follows the instant in steps of 5 minutes of recording


def age_text(seconds: float) -> str:
    s = int(seconds)
    if s < 60:
        return QCoreApplication.translate("WorkerOverlay", "%1秒前").replace("%1", str(s))
    if s < 3600:
        return QCoreApplication.translate("WorkerOverlay", "%1分钟前").replace("%1", str(s // 60))
    return QCoreApplication.translate("WorkerOverlay", "%1小时前").replace("%1", str(s // 3600))


class WorkerOverlay(QObject):
    workerSelected = Signal(str)  # noqa: N815 (Qt naming)
    trackShown = Signal(str, int)  # noqa: N815  worker id, fixes loaded
    coverageShown = Signal(object)  # noqa: N815  rate (float or None)

    def __init__(self, view: Any, workers: Any, *, positions: Any = None, coverage: Any = None,
                 run_task: RunTask | None = None, bus: Any = None, clock: Callable[[], datetime] = utcnow,
                 districts_grid_name: Callable[[str], str] | None = None, replay: bool = False) -> None:
        """``replay=True``: the clock is a replay instant that jumps — positions are applied at once,
        the selected worker's track is the last 15–120 minutes up to the instant and follows it,
        everyone's trail follows it in steps of :data:`REPLAY_TRAIL_EVERY_S`."""
        super().__init__(view)
        self.replay = replay
        self._trail_at: datetime | None = None
        self._trail_again = False
        self.view = view
        self.canvas = view.canvas
        self.workers = workers
        self.positions = positions
        self.coverage = coverage
        self.run_task = run_task or (lambda coro: asyncio.ensure_future(coro))
        self.clock = clock
        self.grid_name = districts_grid_name or (lambda gid: gid)
        self.selected: str | None = None
        self.pending: asyncio.Future | None = None  # the last track or coverage read started
        self.pending_track: asyncio.Future | None = None
        self.pending_trail: asyncio.Future | None = None
        self._trail_asked = False
        self.current_event: Event | None = None
        self.info = QLabel(view)
        self.info.setObjectName("mapWorkerInfo")
        self.info.setVisible(False)
        self.window_box = QComboBox(view)
        if replay:  # minutes
            for m in REPLAY_TRACK_MINUTES:
                self.window_box.addItem(self.tr("轨迹 %1 分钟").replace("%1", str(m)), m)
        else:
            for h in TRACK_HOURS:
                self.window_box.addItem(self.tr("轨迹 %1 小时").replace("%1", str(h)), h * 60)
        self.window_box.setCurrentIndex(1)
        self.window_box.currentIndexChanged.connect(lambda _i: (self.load_track(), self.load_trail()))
        view.toolbar.addWidget(self.window_box)
        view.body.insertWidget(2, self.info)
        self.canvas.workerClicked.connect(self.select_worker)
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(REPLAY_APPLY_MS if replay else 1000)
        self._apply_timer.timeout.connect(self.refresh)
        self._states_timer = QTimer(self)
        self._states_timer.setInterval(30_000)
        self._states_timer.timeout.connect(self.refresh)
        self._states_timer.start()
        self._trail_timer = QTimer(self)
        self._trail_timer.setInterval(300_000)
        self._trail_timer.timeout.connect(self.load_trail)
        self._trail_timer.start()
        self._cov_timer = QTimer(self)
        self._cov_timer.setInterval(60_000)
        self._cov_timer.timeout.connect(self.load_coverage)
        if bus is not None:
            bus.subscribe("worker_positions", self.on_event_worker_positions)
        act = view.layer_actions.get("coverage")
        if act is not None:
            act.toggled.connect(self._coverage_toggled)
        self.refresh()

    # ---- live positions ----------------------------------------------------------------------------
    def on_event_worker_positions(self, worker_ids: list[str]) -> None:
        if not self._apply_timer.isActive():
            self._apply_timer.start()
        if not self._trail_asked:  # the first positions after start-up: the trail (and a backfill) too
            self._trail_asked = True
            self.load_trail()

    def refresh(self) -> None:
        """Apply the live roster to the map now (positions and states)."""
        self._apply_timer.stop()
        self.canvas.set_workers(self.workers.views(self.clock()))
        if self.selected:
            self._show_info()
        if self.current_event is not None:
            self.show_reach(self.current_event)
        if self.replay:
            self._follow_instant()

    def _follow_instant(self) -> None:
        """Replay: the selected track up to the instant; the trail when the instant moved 5 minutes."""
        if self.selected and (self.pending_track is None or self.pending_track.done()):
            self.load_track()
        at = self.clock()
        if self._trail_at is None or abs((at - self._trail_at).total_seconds()) >= REPLAY_TRAIL_EVERY_S:
            self.load_trail()

    # ---- a selected worker -----------------------------------------------------------------------
    def select_worker(self, worker_id: str | None) -> None:
        self.selected = worker_id
        self.canvas.select_worker(worker_id)
        self._show_info()
        if worker_id:
            self.workerSelected.emit(worker_id)
            self.load_track()
        else:
            self.canvas.set_tracks({})

    def _show_info(self) -> None:
        v = self.workers.view(self.selected, self.clock()) if self.selected else None
        if v is None:
            self.info.setVisible(False)
            return
        batt = f"{v.batt}%" if v.batt is not None else "—"
        self.info.setText(
            self.tr("%1 · %2 · %3 · 电量 %4 · 定位 %5").replace("%1", v.name)
            .replace("%2", self.grid_name(v.grid_id)).replace("%3", state_names().get(v.state, v.state))
            .replace("%4", batt).replace("%5", age_text(v.age_s(self.clock()))))
        self.info.setVisible(True)

    def track_window(self) -> tuple[datetime, datetime]:
        now = self.clock()
        return now - timedelta(minutes=int(self.window_box.currentData() or 120)), now

    def load_track(self) -> None:
        if not self.selected or self.positions is None:
            return
        wid = self.selected
        t0, t1 = self.track_window()
        self.pending = self.pending_track = fut = self.run_task(self.positions.track(wid, t0, t1))
        fut.add_done_callback(lambda f: self._track_loaded(wid, f))

    def _track_loaded(self, wid: str, fut: asyncio.Future) -> None:
        if fut.cancelled() or fut.exception() is not None:
            log.warning("track of %s not loaded: %s", wid, None if fut.cancelled() else fut.exception())
            return
        if wid != self.selected:
            return
        arr = fut.result()
        self.canvas.set_tracks({wid: arr} if len(arr) >= 2 else {})
        self.trackShown.emit(wid, len(arr))

    # ---- everyone's trail -------------------------------------------------------------------------
    def load_trail(self) -> None:
        """Every worker's fixes of the track window, drawn as the trail raster (every 5 minutes).

        Read, projected (GCJ-02 when the basemap is, Web Mercator) and binned into the raster on
        worker threads; the GUI thread only swaps the image in."""
        if self.positions is None:
            return
        if self.pending_trail is not None and not self.pending_trail.done():
            self._trail_again = True  # one read at a time: the latest window follows when it is done
            return
        self._trail_again = False
        t0, t1 = self.track_window()
        self._trail_at = t1
        build = self.canvas.trail_builder()
        positions = self.positions

        async def job() -> tuple[np.ndarray, np.ndarray, Any] | None:
            tracks = await positions.tracks(t0, t1)
            if not tracks:
                return None

            def work() -> tuple[np.ndarray, np.ndarray, Any]:
                lon = np.concatenate([a["lon"] for a in tracks.values()])
                lat = np.concatenate([a["lat"] for a in tracks.values()])
                return lon, lat, build(lon, lat) if build is not None else None

            return await asyncio.get_running_loop().run_in_executor(None, work)

        self.pending = self.pending_trail = fut = self.run_task(job())
        fut.add_done_callback(self._trail_loaded)

    def _trail_loaded(self, fut: asyncio.Future) -> None:
        if self._trail_again:
            self.load_trail()
        if fut.cancelled() or fut.exception() is not None:
            log.warning("trail not loaded: %s", None if fut.cancelled() else fut.exception())
            return
        got = fut.result()
        if got is None:
            self.canvas.set_trail(None, None)
            return
        lon, lat, built = got
        self.canvas.set_trail_built(lon, lat, built)

    # ---- the selected event's nearest workers ------------------------------------------------------
    def show_reach(self, event: Event | None) -> None:
        self.current_event = event
        if event is None or event.location is None:
            self.canvas.set_reach(None, [])
            return
        lon, lat = event.location.lon, event.location.lat
        near = self.workers.nearest(lon, lat, REACH_COUNT, now=self.clock())
        self.canvas.set_reach((lon, lat), [(v.lon, v.lat, reach_label(int(r.walk_s // 60) + 1)) for r, v in near])

    # ---- coverage ----------------------------------------------------------------------------------
    def _coverage_toggled(self, on: bool) -> None:
        if on:
            self.load_coverage()
            self._cov_timer.start()
        else:
            self._cov_timer.stop()

    def load_coverage(self) -> None:
        if self.coverage is None:
            return
        self.pending = fut = self.run_task(self.coverage.shift_async(self.clock()))
        fut.add_done_callback(self._coverage_loaded)

    def _coverage_loaded(self, fut: asyncio.Future) -> None:
        if fut.cancelled() or fut.exception() is not None:
            log.warning("patrol coverage not computed: %s", None if fut.cancelled() else fut.exception())
            return
        seg, walked, rate = fut.result()
        self.canvas.set_coverage(seg, walked)
        self.coverageShown.emit(rate)

    def stop(self) -> None:
        for t in (self._apply_timer, self._states_timer, self._cov_timer, self._trail_timer):
            t.stop()
