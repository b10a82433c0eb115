"""Composition root: opens the store, loads the district, builds the services and the window.

No business logic lives here — only wiring. ``console.launch.run_console(args)`` runs it (what
``python main.py`` runs).
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging
import os
import socket
import sys
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.domain.district import District, DistrictError, DistrictInfo, load_district
from console.domain.event import Event, utcnow
from console.domain.grid import GridKind
from console.domain.sla import SlaConfigError, load_sla
from console.services.bus import Bus
from console.services.closed_loop import ClosedLoop
from console.services.escalation import EscalationService
from console.services.escalation_store import EscalationRecords
from console.services.kpi_service import KpiService
from console.services.room import Room
from console.services.sla_clock import LoopClock, SlaClock
from console.services.snapshots import SnapshotService
from console.services.triage import TriageService
from console.store import StoreError, open_store

log = logging.getLogger(__name__)
# start-up reads the live room newest first: the first page is on screen before the rest is read
FIRST_PAGE = 2_000
PAGE = 5_000
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEMO_DIR = RESOURCES / "demo"


class StartupError(Exception):
    """A problem that stops the console from opening, with one clear message."""


@dataclass
class Options:
    db: str | None = None
    connect: str | None = None
    token: str | None = None
    seat: str | None = None
    officer: str | None = None
    lang: str | None = None
    basemap: str | None = None
    gcj02: bool = False
    demo_speed: float = 1.0
    no_feed: bool = False

    @classmethod
    def from_args(cls, args: Any) -> Options:
        return cls(**{k: getattr(args, k, None) for k in cls.__dataclass_fields__ if getattr(args, k, None) is not None})


class TaskRunner:
    """Keeps references to background tasks (DESIGN §4.7) and logs their failures."""

    def __init__(self) -> None:
        self.tasks: set[asyncio.Future[Any]] = set()

    def __call__(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Future[Any]:
        fut = asyncio.ensure_future(coro)
        self.tasks.add(fut)
        fut.add_done_callback(self._done)
        return fut

    def _done(self, fut: asyncio.Future[Any]) -> None:
        self.tasks.discard(fut)
        if not fut.cancelled() and fut.exception() is not None:
            log.debug("background task ended with %r", fut.exception())

    async def cancel_all(self) -> None:
        for t in list(self.tasks):
            t.cancel()
        if self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)


def load_or_seed_district(store: Any) -> District:
    """The district stored in the database; the demo district is seeded on first start."""
    if store.district.is_empty():
        demo = load_district(DEMO_DIR)
        store.district.replace_all(
            [*demo.grids.values(), *demo.police_grids.values()],
            list(demo.members.values()),
            list(demo.departments.values()),
            list(demo.cameras.values()),
        )
        info = demo.info
        store.settings.set(
            "district.info",
            {"name": info.name, "level_names": {str(k): v for k, v in info.level_names.items()},
             "timezone": info.timezone, "centre": info.centre, "bbox": info.bbox},
        )
        return demo
    grids, members, departments, cameras = store.district.load()
    raw = store.settings.get("district.info", None) or {"name": "—"}
    info = DistrictInfo(
        name=raw.get("name", "—"),
        level_names={int(k): v for k, v in (raw.get("level_names") or {}).items()} or DistrictInfo("x").level_names,
        timezone=raw.get("timezone", "Asia/Shanghai"),
        centre=tuple(raw["centre"]) if raw.get("centre") else None,
        bbox=tuple(raw["bbox"]) if raw.get("bbox") else None,
    )
    tree = [g for g in grids if g.kind is not GridKind.POLICE]
    police = [g for g in grids if g.kind is GridKind.POLICE]
    return District(info, tree, police_grids=police, members=members, departments=departments, cameras=cameras)


class Core:
    """Everything below the views: store, district, bus, room and services."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.loaded_live = 0  # stored open events put into the room so far (start-up pages)
        self.seat = options.seat or socket.gethostname() or "seat-1"
        self.officer = options.officer or os.environ.get("USER") or "值班员"
        try:
            self.store = open_store(options.db)
        except StoreError as exc:
            raise StartupError(exc.message) from exc
        try:
            self.district = load_or_seed_district(self.store)
        except DistrictError as exc:
            self.store.close()
            raise StartupError(f"district data: {exc}") from exc
        try:
            table = load_sla(RESOURCES / "sla.toml")
        except SlaConfigError as exc:
            self.store.close()
            raise StartupError(str(exc)) from exc
        self.bus = Bus()
        self.sla = SlaClock(self.bus, table, LoopClock())
        self.room = Room(self.bus, clock=utcnow, deadline_fn=self.sla.room_deadline)
        self.sla.follow_room()
        self.tasks = TaskRunner()
        self.ingest: Any = None
        self.demo_hub: Any = None
        self.triage = TriageService(
            self.store, self.room, self.bus, self.district, seat=self.seat, officer=self.officer,
            send_command=self._send_command, deadline_for=self.sla.deadline_for, clock=utcnow,
        )
        self.closed_loop = ClosedLoop(self.bus, self.room, self.store, table=table, clock=utcnow,
                                      seat=self.seat, send_command=self._send_command)
        self.escalation = EscalationService(self.bus, self.closed_loop, table, self.sla.clock,
                                            send_command=self._send_command, district=self.district,
                                            seat=self.seat, auto=True)
        self.escalation_records = EscalationRecords(self.escalation, self.store.settings, self.bus)
        self.escalation_records.load()
        self.kpi = KpiService(self.store, table, tz=self.district.info.timezone)
        self.snapshots = SnapshotService(self.store.actions.append_many, bus=self.bus, seat=self.seat,
                                         actor=self.officer)

    async def _send_command(self, action: str, event_id: str | None, payload: dict) -> tuple[bool, str | None]:
        if self.ingest is None:
            return False, "未连接事件中枢"
        from console.net.client import CommandError

        try:
            result = await self.ingest.send_command(action, event_id, payload)
        except CommandError as exc:
            return False, str(exc)
        return result.ok, result.error

    def duplicates_for(self, event_id: str) -> list:
        return self.store.events.duplicate_reports(event_id)

    def search_history(self, query: Any, limit: int, offset: int) -> list:
        return self.store.events.search(**query.as_kwargs(), limit=limit, offset=offset)

    def actions_for(self, event_id: str) -> list:
        return self.store.actions.for_event(event_id)

    async def stored_event(self, event_id: str) -> Any:
        """The stored version of an event, read on a worker thread (the selection's ``fetch``)."""
        return await asyncio.get_running_loop().run_in_executor(None, self.store.events.get, event_id)

    def plan_live(self) -> asyncio.Future[tuple[Any, list]]:
        """Start reading the stored open events on a worker thread (the GUI is built meanwhile):
        their pages, newest arrival first, and the first page."""

        def work() -> tuple[Any, list]:
            pages = self.store.events.open_pages(first=FIRST_PAGE, size=PAGE)
            return pages, pages.next_page()

        return asyncio.get_event_loop().run_in_executor(None, work)

    async def load_first_page(self, planned: asyncio.Future[tuple[Any, list]] | None = None) -> Any:
        """Put the newest stored open events into the room; returns the pages still to load."""
        pages, first = await (planned if planned is not None else self.plan_live())
        self.room.begin_load()
        self.room.load(first)
        self.loaded_live = len(first)
        return pages

    async def load_other_pages(self, pages: Any, progress: Any = None) -> int:
        """Load the remaining pages, each read on a worker thread while the GUI shows the previous
        one; ``progress(loaded, total)`` after each. Returns how many events were loaded in all."""
        loop = asyncio.get_running_loop()
        try:
            while pages.remaining:
                page = await loop.run_in_executor(None, pages.next_page)
                self.loaded_live += len(self.room.load(page))
                if progress is not None:
                    progress(self.loaded_live, pages.total)
        finally:
            self.room.end_load()
        return self.loaded_live

    async def load_live(self) -> int:
        """Every stored open event into the room (all pages); returns how many."""
        return await self.load_other_pages(await self.load_first_page())

    def close(self) -> None:
        self.sla.stop()
        self.store.close()


def report_fatal(message: str, *, gui: bool) -> None:
    print(f"网格治理指挥台: {message}", file=sys.stderr)
    log.error("startup failed: %s", message)
    if gui:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            QMessageBox.critical(None, "网格治理指挥台", message)


class ConsoleWindow:
    """The GUI half of the composition root: main window, docks, panels and their wiring."""

    def __init__(self, core: Core, settings: Any, *, qt_app: Any, defer: bool = False) -> None:
        """``defer=True``: the map and the video wall (pyqtgraph, QtMultimedia: about a second of
        imports and set-up) show a "loading" panel until :meth:`build_deferred`, so the queue is on
        screen first."""
        from PySide6.QtCore import QCoreApplication, QTimer
        from PySide6.QtGui import QKeySequence, QShortcut

        from console.qtmodels.selection import EventSelection
        from console.views.dispatch_panel import DispatchPanel
        from console.views.main_window import MainWindow
        from console.views.outcome_text import Outcomes
        from console.views.placeholder import PlaceholderPanel

        self.core = core
        # the window's one selected event: every view sets and follows it (DESIGN §4.15)
        self.selection = EventSelection(core.room, core.bus, fetch=core.stored_event, run_task=core.tasks)
        self.outcomes = Outcomes(core.district, tz=core.district.info.timezone, clock=utcnow)
        self.map_view: Any = None
        self.video_wall: Any = None
        self._cameras: list = []
        if defer:
            loading = QCoreApplication.translate("MainWindow", "载入中…")
            map_widget, video_widget = PlaceholderPanel(loading), PlaceholderPanel(loading)
        else:
            map_widget, video_widget = self._map_widget(), self._video_widget()
        self.window = MainWindow(
            core.room, core.bus, core.district, core, settings=settings,
            map_widget=map_widget, video_widget=video_widget, seat_id=core.seat,
            restore=False, selection=self.selection,
        )
        self.selection.setParent(self.window)
        self.notices = self.window.notices
        self.dispatch = DispatchPanel(core.triage, core.district, core.tasks, clock=utcnow,
                                      tz=core.district.info.timezone, parent=self.window)
        self.dispatch.outcome.connect(self._decided)
        self.dispatch.failed.connect(self._refused)
        self.window.queue_view.eventActivated.connect(self.open_event)
        key_n = QShortcut(QKeySequence("N"), self.window)
        key_n.activated.connect(self.open_newest)
        self._cheatsheet: Any = None
        self._wire_cameras()
        if not defer:
            self._wire_map()
            self._wire_video_wall()
        self._wire_history()
        self._wire_escalation()
        self.window.restore_layout()  # after every dock exists
        self._claims = QTimer(self.window)
        self._claims.setInterval(5000)
        self._claims.timeout.connect(lambda: core.tasks(core.triage.refresh_claims()))
        self._claims.start()

    def _map_widget(self) -> Any:
        from console.views.map_view import MapView

        d, opts = self.core.district, self.core.options
        self.map_view = MapView(
            self.core.bus, self.core.room, grids=[*d.grids.values(), *d.police_grids.values()],
            cameras=list(d.cameras.values()), basemap=opts.basemap, basemap_crs="gcj02" if opts.gcj02 else None,
        )
        return self.map_view

    def _video_widget(self) -> Any:
        from console.views.video_wall import VideoWall

        self.video_wall = VideoWall(snapshots=self.core.snapshots)
        return self.video_wall

    def _wire_map(self) -> None:
        mv, w = self.map_view, self.window
        self.selection.selected.connect(lambda ev: mv.show_event(ev.id) if ev is not None else None)
        w.grid_view.gridSelected.connect(mv.show_grid)
        w.grid_view.gridCleared.connect(lambda: mv.show_grid(None))
        mv.eventClicked.connect(self.selection.select_id)
        mv.gridClicked.connect(w.grid_view.select_grid)

    def build_deferred(self) -> None:
        """Build the map and the video wall into their docks (after the first paint)."""
        if self.map_view is None:
            self.window.map_widget = self._map_widget()
            self.window.docks["dock.map"].setWidget(self.window.map_widget)
            self._wire_map()
        if self.video_wall is None:
            self.window.video_widget = self._video_widget()
            self.window.docks["dock.videoWall"].setWidget(self.window.video_widget)
            self._wire_video_wall()

    def show_load_progress(self, loaded: int, total: int) -> None:
        self.window.status.show_load_progress(loaded, total)

    @property
    def cheatsheet(self) -> Any:
        """The F1 shortcut sheet, built when first shown."""
        if self._cheatsheet is None:
            from console.views.cheatsheet import CheatSheet

            self._cheatsheet = CheatSheet(self.window)
        return self._cheatsheet

    def _wire_cameras(self) -> None:
        from PySide6.QtCore import QCoreApplication, Qt

        from console.views.camera_list import CameraList

        d, w = self.core.district, self.window
        self.grid_names = {g.id: g.name for g in d.grids.values()}
        self.camera_list = CameraList()
        # demo:// streams exist only once the embedded hub serves the demo clips (prepare_demo_video)
        self.set_cameras([
            dataclasses.replace(c, main_url=None, sub_url=None) if (c.main_url or "").startswith("demo://") else c
            for c in d.cameras.values()
        ])
        w.add_dock("dock.cameras", QCoreApplication.translate("MainWindow", "摄像机"),
                   self.camera_list, Qt.DockWidgetArea.LeftDockWidgetArea, tab_with="dock.gridTree")
        self.core.bus.subscribe("snapshot_saved", self._on_snapshot)

    def _wire_video_wall(self) -> None:
        self.video_wall.set_cameras(self._cameras, self.grid_names)
        self.camera_list.camera_activated.connect(self.video_wall.show_camera)
        self.selection.selected.connect(self.video_wall.on_event_selected)

    def set_cameras(self, cameras: list) -> None:
        self._cameras = cameras
        if self.video_wall is not None:
            self.video_wall.set_cameras(cameras, self.grid_names)
        self.camera_list.set_cameras(cameras, self.grid_names)

    def _on_snapshot(self, event_id: str, action: Any = None) -> None:
        if self.selection.event_id == event_id:
            self.window.detail_view.refresh()  # the timeline and photos grew

    def _wire_history(self) -> None:
        from PySide6.QtCore import QCoreApplication, Qt

        from console.qtmodels.district_index import NameIndex
        from console.qtmodels.history_model import HistoryModel
        from console.views.history_view import HistoryView

        w, d = self.window, self.core.district
        names, tz = NameIndex(d), d.info.timezone
        self.history_model = HistoryModel(self.core.search_history, grid_name=names.grid, unit_name=names.unit,
                                          tz=tz, parent=w)
        self.history_view = HistoryView(self.history_model, clock=utcnow, tz=tz)
        w.add_dock("dock.history", QCoreApplication.translate("MainWindow", "历史查询"),
                   self.history_view, Qt.DockWidgetArea.BottomDockWidgetArea, tab_with="dock.map")
        gv = w.grid_view
        gv.gridSelected.connect(lambda gid, ids: self.history_view.set_grid_filter(ids, gv.grid_name(gid)))
        gv.gridCleared.connect(lambda: self.history_view.set_grid_filter(None, ""))
        self.history_view.gridFilterCleared.connect(gv.clear_selection)
        self.history_view.eventActivated.connect(self.open_history_event)
        self.history_view.eventSelected.connect(self.select_history_event)
        self.selection.selected.connect(self.history_view.show_selected)

    def _wire_escalation(self) -> None:
        from PySide6.QtCore import QCoreApplication, Qt, QTimer
        from PySide6.QtGui import QAction, QKeySequence
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        from console.views.broadcast_dialog import BroadcastDialog
        from console.views.escalation_board import EscalationBoard
        from console.views.event_actions import EventActions
        from console.widgets.kpi_tile import KpiStrip

        core, w = self.core, self.window
        translate = QCoreApplication.translate
        self.board = EscalationBoard(core.room, core.bus, core.sla, core.escalation, district=core.district)
        w.add_dock("dock.escalation", translate("MainWindow", "超期督办"), self.board,
                   Qt.DockWidgetArea.RightDockWidgetArea, tab_with="dock.detail")
        self.board.eventActivated.connect(self.select_event)
        self.board.eventSelected.connect(self.selection.select_id)
        self.selection.selected.connect(self.board.show_selected)
        self.actions = EventActions(core.escalation, core.closed_loop, core.district, core.tasks,
                                    officer=core.officer, shortcut_context=Qt.ShortcutContext.WindowShortcut,
                                    selection=self.selection)
        self.actions.outcome.connect(self._decided)
        self.actions.failed.connect(self._refused)
        detail_dock = w.docks["dock.detail"]
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.actions)
        lay.addWidget(w.detail_view, 1)
        detail_dock.setWidget(box)
        self.broadcast = BroadcastDialog(core.escalation, core.district, core.tasks, officer=core.officer, parent=w)
        self.board.broadcastActivated.connect(self.broadcast.open_broadcast)
        command = w.menuBar().addMenu(translate("MainWindow", "指挥"))
        act = QAction(translate("MainWindow", "一键下达…"), w)
        act.setShortcut(QKeySequence("Ctrl+B"))
        act.triggered.connect(self.broadcast.show)
        command.addAction(act)
        w.addAction(act)
        keys = QAction(translate("MainWindow", "快捷键说明"), w)
        keys.setShortcut(QKeySequence(Qt.Key.Key_F1))
        keys.triggered.connect(lambda: self.cheatsheet.show())
        command.addAction(keys)
        self.kpis = KpiStrip(value_pt=22)
        w.add_dock("dock.kpi", translate("MainWindow", "今日考核"), self.kpis,
                   Qt.DockWidgetArea.RightDockWidgetArea, tab_with="dock.detail")
        w.docks["dock.detail"].raise_()
        self._kpi_timer = QTimer(w)
        self._kpi_timer.setInterval(30_000)
        self._kpi_timer.timeout.connect(self.refresh_kpis)
        self._kpi_timer.start()

    def refresh_kpis(self) -> None:
        fut = self.core.tasks(self.core.kpi.compute_async())
        fut.add_done_callback(
            lambda f: self.kpis.set_figures(f.result()) if not f.cancelled() and f.exception() is None else None)

    # ---- the selection and the decisions' outcomes ---------------------------------------------------
    def _decided(self, event_id: str, kind: str, result: Any) -> None:
        """A decision went through: confirm it; the selection stays on the decided event."""
        ev = self.selection.event if self.selection.event_id == event_id else self.core.room.get(event_id)
        if isinstance(result, Event) and result.id == event_id:
            self.selection.update(result)
        self.notices.info(self.outcomes.notice(kind, ev, result), event_id)

    def _refused(self, message: str) -> None:
        self.notices.error(message, self.selection.event_id)

    def _show_detail(self) -> None:
        dock = self.window.docks["dock.detail"]
        dock.show()
        dock.raise_()

    def select_event(self, event_id: str) -> None:
        """Select a live event (e.g. activated on the escalation board) and show its detail."""
        if self.selection.select_id(event_id):
            self._show_detail()

    def select_history_event(self, event_id: str) -> None:
        """Select an event of the history list: the room's version when live, else the stored one."""
        if not self.selection.select_id(event_id):
            ev = self.history_model.event_by_id(event_id)
            if ev is not None:
                self.selection.select(ev)

    def open_history_event(self, event_id: str) -> None:
        if self.core.room.get(event_id) is not None:
            self.open_event(event_id)
            return
        self.select_history_event(event_id)
        if self.selection.event_id == event_id:
            self._show_detail()

    def open_event(self, event_id: str) -> None:
        ev = self.core.room.get(event_id)
        if ev is not None:
            self.selection.select(ev)
            self.dispatch.open_event(ev)

    def open_newest(self) -> None:
        ev = self.core.room.newest_awaiting_dispatch(self.core.seat)
        if ev is None:
            from PySide6.QtCore import QCoreApplication

            self.notices.info(QCoreApplication.translate("MainWindow", "没有待派遣的事件"))
            return
        self.open_event(ev.id)


# The console keeps many small long-lived objects (events, rows, actions). With the default
# thresholds (700, 10, 10) the collector runs every few hundred allocations and its full passes
# stall the GUI thread for tens of ms while the feed streams; measured with bench/live.py at
# 1,000 events/s: GUI-timer lateness p99 116 → 92 ms, ingest-to-visible p99 863 → 417 ms.
GC_THRESHOLDS = (50_000, 50, 1_000)


def tune_gc() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
