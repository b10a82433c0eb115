"""Composition root: the window and its docks, panels and their wiring over :class:`console.core.Core`.

No business logic lives here — only wiring. ``console.launch.run_console(args)`` runs it (what
``python main.py`` runs).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import sys
from collections.abc import Iterator
from typing import Any

from console.core import (  # noqa: F401 - the names the launcher, benches and tests import from here
    DEMO_DIR,
    FIRST_PAGE,
    PAGE,
    RESOURCES,
    Core,
    Options,
    StartupError,
    TaskRunner,
    load_or_seed_district,
    tune_gc,
    tune_threads,
)
from console.domain.event import Event, utcnow

log = logging.getLogger(__name__)


def report_fatal(error: StartupError, *, gui: bool) -> None:
    """Tell the officer (stderr, and a message box with a display) in the UI language."""
    from console.views.startup_errors import startup_error_text, window_title

    message = startup_error_text(error.kind, error.detail)
    print(f"{window_title()}: {message}", file=sys.stderr)
    log.error("startup failed: %s", error.detail)
    if gui:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            QMessageBox.critical(None, window_title(), message)


class ConsoleWindow:
    """The GUI half of the composition root: main window, docks, panels and their wiring."""

    def __init__(self, core: Core, settings: Any, *, qt_app: Any, defer: bool = False,
                 clock: Any = utcnow) -> None:
        """``defer=True``: the map and the video wall (pyqtgraph, QtMultimedia: about a second of
        imports and set-up) show a "loading" panel until :meth:`build_deferred`, so the queue is on
        screen first. ``clock``: the room's time the views show (replay: the replay instant)."""
        from PySide6.QtCore import QCoreApplication

        from console.qtmodels.selection import EventSelection
        from console.views.dispatch_panel import DispatchPanel
        from console.views.keymap import add_key
        from console.views.main_window import MainWindow
        from console.views.outcome_text import Outcomes
        from console.views.placeholder import PlaceholderPanel

        self.core = core
        self.clock = clock
        self.settings = settings
        self._clock = clock
        # the window's one selected event: every view sets and follows it (DESIGN §4.15)
        self.selection = EventSelection(core.room, core.bus, fetch=core.stored_event, run_task=core.tasks)
        self.outcomes = Outcomes(core.district, tz=core.district.info.timezone, clock=clock)
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
            account=core.account.login if core.account is not None else None, restore=False,
            selection=self.selection, run_task=core.tasks, clock=clock,
        )
        self.window.menu_view.addSeparator()
        self.window.menu_view.addAction(self.window.status.feed_status_action)  # 视图 → 数据连接状态…
        self.selection.setParent(self.window)
        self.notices = self.window.notices
        self.dispatch = DispatchPanel(core.triage, core.district, core.tasks, decisions=core.decisions, clock=clock,
                                      tz=core.district.info.timezone, parent=self.window)
        self.dispatch.outcome.connect(self._decided)
        self.dispatch.failed.connect(self._refused)
        self.window.queue_view.eventActivated.connect(self.open_event)
        add_key(self.window, "N", self.open_newest,
                QCoreApplication.translate("CheatSheet", "打开最新待派遣事件（重大/特别重大优先）"))
        self._cheatsheet: Any = None
        self._wire_cameras()
        if not defer:
            self._wire_map()
            self._wire_video_wall()
        self._wire_history()
        self._wire_escalation()
        self._show_account()
        self._wire_supervisor()
        self.window.restore_layout()  # after every dock exists
        from console.views.triage_menu import TriageMenu

        self.triage_menu = TriageMenu(self.window, core, self.notices)
        # other seats' claims arrive with the room sync (the change log), not by a poll
        self.window.closed.connect(self.stop)

    def _show_account(self) -> None:
        """The signed-in account and the seat in the title bar: "… — 张三（值班员）· 席位 seat-1"."""
        from PySide6.QtCore import QCoreApplication

        from console.views.login_dialog import account_label

        account = self.core.account
        if account is None:
            return
        text = QCoreApplication.translate("MainWindow", "%1 · 席位 %2").replace("%1", account_label(account)).replace(
            "%2", self.core.seat)
        if self.core.training:
            text += QCoreApplication.translate("MainWindow", "（培训数据库）")
        self.window.setWindowTitle(f"{self.window.windowTitle()} — {text}")

    def _map_widget(self, *, grids: bool = True) -> Any:
        """The map view; ``grids=False``: without the grids and the room's markers yet (start-up
        sets them in steps: :meth:`deferred_steps`)."""
        from console.views.map_view import MapView

        opts = self.core.options
        self.map_view = MapView(
            self.core.bus, self.core.room, grids=self._grids() if grids else None,
            cameras=list(self.core.district.cameras.values()), basemap=opts.basemap,
            basemap_crs="gcj02" if opts.gcj02 else None, load_events=grids,
        )
        d = self.core.district
        if getattr(self.core, "workers", None) is None:  # no roster of grid workers
            return self.map_view
        self.map_view.attach_workers(self.core.workers, positions=self.core.positions, coverage=self.core.coverage,
                                     run_task=self.core.tasks, clock=self._clock,
                                     replay=getattr(self.core, "replay", None) is not None,
                                     districts_grid_name=lambda gid: d.grids[gid].name if gid in d.grids else gid)
        return self.map_view

    def _grids(self) -> list:
        d = self.core.district
        return [*d.grids.values(), *d.police_grids.values()]

    def _video_widget(self) -> Any:
        from console.views.video_wall import VideoWall

        self.video_wall = VideoWall(snapshots=self.core.snapshots)
        return self.video_wall

    def _wire_map(self) -> None:
        mv, w = self.map_view, self.window
        self.selection.selected.connect(lambda ev: mv.show_event(ev.id) if ev is not None else None)
        if getattr(mv, "workers", None) is not None:
            self.selection.selected.connect(mv.workers.show_reach)  # the event's nearest workers, walking time
        w.grid_view.gridSelected.connect(mv.show_grid)
        w.grid_view.gridCleared.connect(lambda: mv.show_grid(None))
        mv.eventClicked.connect(self.selection.select_id)
        mv.gridClicked.connect(w.grid_view.select_grid)

    def build_deferred(self) -> None:
        """Build the map and the video wall into their docks (after the first paint)."""
        for _ in self.deferred_steps():
            pass

    def deferred_steps(self) -> Iterator[None]:
        """:meth:`build_deferred` as a generator that yields between steps of a few ms each: the map
        without its grids, the grids a few dozen at a time, the markers, the dock; the video wall
        with one tile, then two tiles a step, the dock. The console's start-up gives the event
        loop a turn at each yield, so the GUI stays smooth while the other pages load (built in
        one go, the two took ~200 ms of the GUI thread). The wall has all its tiles at the end."""
        if self.map_view is None:
            mv = self._map_widget(grids=False)
            # into its dock while it is small: moving a finished widget tree under the dock (and its
            # style sheet) re-polishes every child in one go
            self.window.map_widget = mv
            self.window.docks["dock.map"].setWidget(mv)
            yield
            yield from mv.set_grids_steps(self._grids())
            mv.set_events(self.core.room.live_events())
            self._wire_map()
            yield
        if self.video_wall is None:
            from console.views.video_wall import MAX_TILES, VideoWall

            self.video_wall = wall = VideoWall(snapshots=self.core.snapshots, tiles=0)
            yield
            self.window.video_widget = wall
            self.window.docks["dock.videoWall"].setWidget(wall)
            self._wire_video_wall()
            yield
            wall.add_tiles(1)  # the first one starts the media back end (~10 ms)
            yield
            while wall.add_tiles(2) < MAX_TILES:
                yield

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
        self.core.bus.subscribe("district_changed", self.on_event_district_changed)

    def on_event_district_changed(self) -> None:
        """Grids or cameras were imported at another seat or by a tool (the grid tree rebuilds itself):
        the map's grids (the view stays where the officer left it) and the camera list follow."""
        d = self.core.district
        self.grid_names = {g.id: g.name for g in d.grids.values()}
        shown = {c.id: c for c in self._cameras}
        self.set_cameras([  # a camera shown already keeps its stream; demo:// ones wait for the demo hub
            shown[c.id] if c.id in shown and shown[c.id].main_url != c.main_url and (c.main_url or "").startswith(
                "demo://") else dataclasses.replace(c, main_url=None, sub_url=None)
            if (c.main_url or "").startswith("demo://") else c
            for c in d.cameras.values()
        ])
        if self.map_view is not None:
            self.map_view.set_grids(self._grids(), home=False)
            self.map_view.set_cameras(list(d.cameras.values()))

    def _wire_video_wall(self) -> None:
        self.video_wall.remember_layout(self.settings, f"{self.window.layout_group}/videoWall")
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
        self.history_view = HistoryView(self.history_model, clock=self.clock, tz=tz)
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
        self.actions = EventActions(core.escalation, core.decisions, core.district, core.tasks,
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
        act.setEnabled(core.decisions.may("broadcast"))  # the service refuses it anyway
        command.addAction(act)
        w.addAction(act)
        take = QAction(translate("MainWindow", "接管研判"), w)
        take.setObjectName("takeOverClaim")
        take.setShortcut(QKeySequence("Ctrl+Shift+T"))
        take.triggered.connect(self.take_over_selected)
        take.setEnabled(core.decisions.may("takeover"))  # supervisors; the service refuses the rest anyway
        command.addAction(take)
        w.addAction(take)
        self.take_over_action = take
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

    def _wire_supervisor(self) -> None:
        """报表 menu: the supervisor tab (the wall's pages, issue 16) and the day/shift report dialog."""
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtGui import QAction

        from console.services.report import build_report
        from console.services.wall_data import WallDataService
        from console.views.wall.report_pdf import write_report
        from console.views.wall.supervisor import ReportDialog, SupervisorWall

        core, w = self.core, self.window
        translate = QCoreApplication.translate
        tz = core.district.info.timezone
        table = core.sla.table
        wall_data = WallDataService(core.store, table, tz=tz, coverage=getattr(core, "coverage", None))
        self.supervisor = SupervisorWall(wall_data, core.district, clock=utcnow)
        dock = w.add_dock("dock.supervisor", translate("MainWindow", "主管大屏"), self.supervisor,
                          Qt.DockWidgetArea.BottomDockWidgetArea, tab_with="dock.map")
        dock.hide()  # opened from 报表 → 主管大屏 (or the View menu); refreshes only while shown
        w.docks["dock.map"].raise_()
        menu = w.menuBar().addMenu(translate("MainWindow", "报表"))
        menu.setObjectName("menuReports")
        show = dock.toggleViewAction()
        show.setText(translate("MainWindow", "主管大屏"))
        menu.addAction(show)
        self.report_action = QAction(translate("MainWindow", "导出日报/班次报表…"), w)
        menu.addAction(self.report_action)

        def build(t0, t1, progress):  # noqa: ANN001, ANN202 - runs on the dialog's worker thread
            return build_report(core.store, table, t0, t1, district=core.district, progress=progress,
                                coverage=getattr(core, "coverage", None))

        def open_dialog() -> None:
            self.report_dialog = ReportDialog(build, write_report, tz=tz, clock=utcnow, parent=w)
            self.report_dialog.show()

        self.report_action.triggered.connect(open_dialog)

    def stop(self) -> None:
        """Stop the window's periodic work (KPIs): it must not outlive the window or its loop."""
        self._kpi_timer.stop()
        self.supervisor.shutdown()

    def refresh_kpis(self) -> asyncio.Future[Any]:
        """Compute the strip's figures off the GUI thread and show them (the future: when shown)."""
        fut = self.core.tasks(self.core.kpi.compute_async())
        fut.add_done_callback(
            lambda f: self.kpis.set_figures(f.result()) if not f.cancelled() and f.exception() is None else None)
        return fut

    # ---- the selection and the decisions' outcomes ---------------------------------------------------
    def _decided(self, event_id: str, kind: str, result: Any) -> None:
        """A decision went through: confirm it; the selection stays on the decided event."""
        ev = self.selection.event if self.selection.event_id == event_id else self.core.room.get(event_id)
        if isinstance(result, Event) and result.id == event_id:
            self.selection.update(result)
        self.notices.info(self.outcomes.notice(kind, ev, result), event_id)

    def take_over_selected(self) -> None:
        """A supervisor takes over another seat's claim on the selected event (through the decision
        path; who may do it is the roles' business)."""
        event_id = self.selection.event_id
        if event_id is None:
            return
        from console.qtmodels.refusals import refusal_text
        from console.services.decisions import DecisionRefused

        async def take() -> None:
            try:
                ev = await self.core.decisions.take_over(event_id)
            except DecisionRefused as exc:  # e.g. another supervisor took it over first
                self._refused(refusal_text(exc))
                return
            self._decided(event_id, "take_over", ev)

        self.core.tasks(take())

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
