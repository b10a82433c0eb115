"""Composition root of replay mode: the console window over a recording, read-only, with the scrubber.

``python main.py replay --db URL`` runs :func:`run_replay_window`. The window is the console's own
(:class:`console.app.ConsoleWindow`: queue, grid tree, detail with timeline, map, escalation board,
KPI strip, video wall) over a :class:`console.services.replay_core.ReplayCore`; this module adds
the banner and frame colour, the scrubber dock, the bookmarks panel, hides the action bar, and
drives the instant: playing (1–60×), seeking (computed on a worker thread, coalesced: the GUI
never waits for a seek) and stepping from action to action.
"""

from __future__ import annotations

import asyncio
import csv
import gc
import json
import logging
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from console.app import ConsoleWindow
from console.core import DEMO_DIR, TaskRunner, tune_gc
from console.domain.event import utcnow
from console.services.replay import ReplayError, RoomAt, parse_instant
from console.services.replay_core import ReplayCore

log = logging.getLogger(__name__)
TICK_MS = 100  # the playback timer: a frame (the room moved on, every dock repainted) at most 10 times a second
KPI_EVERY_S = 30.0  # KPI strip refresh while playing (wall seconds): a day's KPIs at 100k events take ~0.5 s
HISTORY_EVERY_S = 5.0  # the history dock's query again while playing (wall seconds); at once when paused


def _demo_district() -> Any:
    from console.domain.district import load_district

    return load_district(DEMO_DIR)


def _import_views() -> None:
    """The window's modules, imported on a worker thread while the recording is read."""
    import importlib

    for name in ("pyqtgraph", "console.views.replay_view", "console.views.main_window", "console.views.dispatch_panel",
                 "console.views.escalation_board", "console.views.event_actions", "console.views.history_view",
                 "console.views.camera_list", "console.views.broadcast_dialog", "console.widgets.kpi_tile",
                 "console.qtmodels.history_model", "console.qtmodels.selection", "console.views.outcome_text",
                 # the supervisor tab and the map page the window builds (~80 ms on the GUI thread before)
                 "console.services.report", "console.services.wall_data", "console.views.wall.report_pdf",
                 "console.views.wall.supervisor", "console.views.wall.window", "console.views.wall.map_page",
                 "console.widgets.map_canvas"):
        importlib.import_module(name)


def export_bookmarks(bookmarks: list[Any], path: str | Path, fmt: str, tz: Any) -> int:
    """Write bookmarks and notes as CSV or JSON; returns how many."""
    rows = [{"at": b.at.isoformat(), "at_local": b.at.astimezone(tz).isoformat(), "kind": b.kind, "text": b.text,
             "author": b.author, "event_id": b.event_id} for b in bookmarks]
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        if fmt == "json":
            json.dump(rows, fh, ensure_ascii=False, indent=1)
        else:
            from console.domain.csv_safety import neutralise

            writer = csv.DictWriter(fh, fieldnames=["at", "at_local", "kind", "text", "author", "event_id"])
            writer.writeheader()
            for r in rows:
                writer.writerow({k: neutralise(v) for k, v in r.items()})
    return len(rows)


class ReplayShell:
    """The replay window and its controller."""

    def __init__(self, core: ReplayCore, settings: Any, *, qt_app: Any, speed: float = 1.0,
                 stop: datetime | None = None, defer: bool = False) -> None:
        from PySide6.QtCore import QCoreApplication, Qt, QTimer
        from PySide6.QtWidgets import QToolBar

        from console.views.replay_view import FRAME_STYLE, BookmarkPanel, ReplayBanner, ReplayControls

        translate = QCoreApplication.translate
        self.core = core
        self.replay = core.replay
        self.tz = core.replay.tz
        self.stop_at = stop or core.replay.end
        self.shell = ConsoleWindow(core, settings, qt_app=qt_app, defer=defer, clock=core.clock.now)  # type: ignore[arg-type]
        w = self.window = self.shell.window
        w.setObjectName("replayWindow")
        w.setStyleSheet(FRAME_STYLE)
        w.setWindowTitle(translate("Replay", "复盘模式 · 非实时") + f" — {core.replay.recording.label}")
        self.banner = ReplayBanner()
        bar = QToolBar(translate("Replay", "复盘"), w)
        bar.setObjectName("toolbar.replay")
        bar.setMovable(False)
        bar.addWidget(self.banner)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        # nothing here writes: no action bar, no dispatch panel, no broadcast
        self.shell.actions.hide()
        self.shell.dispatch.setEnabled(False)
        w.queue_view.eventActivated.disconnect(self.shell.open_event)
        w.queue_view.eventActivated.connect(self.shell.select_event)
        for menu_action in w.menuBar().actions():
            if menu_action.text() == translate("MainWindow", "指挥"):
                for a in menu_action.menu().actions():
                    a.setEnabled(a.shortcut().toString() == "F1")
        offset = int(datetime.now(self.tz).utcoffset().total_seconds())  # type: ignore[union-attr]
        self.controls = ReplayControls(utc_offset_s=offset, speed=speed)
        w.add_dock("dock.replay", translate("Replay", "复盘时间轴"), self.controls, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.bookmarks = BookmarkPanel()
        w.add_dock("dock.bookmarks", translate("Replay", "书签与笔记"), self.bookmarks,
                   Qt.DockWidgetArea.RightDockWidgetArea, tab_with="dock.detail")
        w.docks["dock.detail"].raise_()
        # the replay window keeps a layout of its own: it never changes the live console's
        w._group = f"{w._group}/replay"
        w.restore_layout()
        self._fill_scrubber()
        self.controls.playToggled.connect(self.set_playing)
        self.controls.speedChanged.connect(self._speed_changed)
        self.controls.stepRequested.connect(self.step)
        self.controls.arrivalRequested.connect(self.jump_to_arrival)
        self.controls.bookmarkRequested.connect(self.ask_bookmark)
        self.controls.scrubber.seekRequested.connect(lambda s: self.request_seek(datetime.fromtimestamp(s, self.tz)))
        self.bookmarks.seekRequested.connect(lambda s: self.request_seek(datetime.fromtimestamp(s, self.tz)))
        self.bookmarks.exportRequested.connect(self.ask_export)
        self.bookmarks.deleteRequested.connect(self.delete_bookmark)
        self.speed = self.controls.current_speed
        self.playing = False
        self._target: datetime | None = None
        self._seeking: asyncio.Future[Any] | None = None
        self._last_tick = time.perf_counter()
        self._last_kpi = 0.0
        self._last_history = 0.0
        self.frames = 0  # seeks applied (tests, bench)
        self.timer = QTimer(w)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.window.closed.connect(self.timer.stop)
        self.refresh_bookmarks()

    # ---- the scrubber's content ----------------------------------------------------------------------------
    def _fill_scrubber(self) -> None:
        """Intake and marks of what is folded so far (all of it once the recording is read)."""
        starts, counts = self.replay.intake_per_minute()
        sc = self.controls.scrubber
        sc.set_intake(starts / 1e6, counts)
        sc.set_range(self.replay.start.timestamp(), self.replay.end.timestamp())
        self.filled = self.replay.complete
        marks = self.replay.marks() if self.filled else {}
        self._marks = {k: [t.timestamp() for t, _eid in v] for k, v in marks.items()}
        self._marks["bookmark"] = getattr(self, "_marks", {}).get("bookmark", [])
        sc.set_marks(self._marks)
        self._action_times = self.replay.action_times()

    def refresh_bookmarks(self) -> None:
        marks = self.replay.recording.bookmarks()
        self.bookmarks.set_bookmarks(marks, self.tz)
        self._marks["bookmark"] = [b.at.timestamp() for b in marks]
        self.controls.scrubber.set_marks(self._marks)

    # ---- moving the instant ---------------------------------------------------------------------------------
    @property
    def at(self) -> datetime:
        return self._target or self.core.at

    def request_seek(self, at: datetime) -> None:
        """Go to ``at`` (clamped to the recording); seeks are computed off the GUI thread, the latest wins."""
        at = min(max(at, self.replay.start), self.replay.end)
        self._target = at
        if self._seeking is None or self._seeking.done():
            self._seeking = self.core.tasks(self._seek_loop())

    async def _seek_loop(self) -> None:
        while self._target is not None:
            target = self._target
            await self.core.seek(target)
            self.frames += 1
            if self._target == target:
                self._target = None
            self._shown()

    async def seek(self, at: datetime) -> None:
        """Seek and wait until the instant is shown (tests, start-up)."""
        self.request_seek(at)
        while self._seeking is not None and not self._seeking.done():
            await asyncio.shield(self._seeking)

    def _shown(self) -> None:
        at = self.core.at
        self.controls.show_time(at, self.tz)
        self.banner.setText(_banner(at, self.tz, self.speed, self.playing))
        now = time.perf_counter()
        if not self.playing or now - self._last_kpi >= KPI_EVERY_S:
            self._last_kpi = now
            self.shell.refresh_kpis()
        if not self.playing or now - self._last_history >= HISTORY_EVERY_S:
            self._last_history = now
            self.refresh_history()

    def refresh_history(self) -> None:
        """The history dock's query again, over the room at the instant shown (once it was searched)."""
        view = self.shell.history_view
        if view.model.query is not None:
            view.search_now()

    def set_playing(self, on: bool) -> None:
        self.playing = on
        self._last_tick = time.perf_counter()
        if self.controls.play.isChecked() != on:
            self.controls.play.setChecked(on)
        self.banner.setText(_banner(self.core.at, self.tz, self.speed, on))

    def _speed_changed(self, speed: float) -> None:
        self.speed = speed
        self.banner.setText(_banner(self.core.at, self.tz, self.speed, self.playing))

    def _tick(self) -> None:
        if not self.filled:
            tl = self.replay.timeline
            self.shell.show_load_progress(len(tl), self.replay._total)
            if self.replay.complete:
                self.shell.show_load_progress(0, 0)
                self._fill_scrubber()
                # the folded recording (every event's versions, the snapshots) lives as long as the
                # window: keep it out of the cyclic GC's collections, which would otherwise scan it
                # all and stall the GUI thread for tens of ms while playing
                gc.freeze()
        now = time.perf_counter()
        elapsed, self._last_tick = now - self._last_tick, now
        if not self.playing:
            return
        target = self.at + timedelta(seconds=elapsed * self.speed)
        if target >= self.stop_at:
            target = self.stop_at
            self.set_playing(False)
        self.request_seek(target)

    def step(self, direction: int) -> None:
        """To the previous or next instant at which something happened."""
        times = self._action_times
        t = int(round(self.at.timestamp() * 1e6))
        if direction > 0:
            i = int(np.searchsorted(times, t, side="right"))
            if i < times.size:
                self.request_seek(datetime.fromtimestamp(int(times[i]) / 1e6, self.tz))
        else:
            i = int(np.searchsorted(times, t, side="left")) - 1
            if i >= 0:
                self.request_seek(datetime.fromtimestamp(int(times[i]) / 1e6, self.tz))

    def jump_to_arrival(self) -> None:
        eid = self.shell.selection.event_id
        if eid is None:
            return
        i = self.replay.timeline.index.get(eid)
        if i is not None:
            self.request_seek(datetime.fromtimestamp(int(self.replay.timeline.arrivals[i]) / 1e6, self.tz))

    # ---- bookmarks ---------------------------------------------------------------------------------------------
    def add_bookmark(self, kind: str, text: str) -> Any:
        mark = self.replay.recording.add_bookmark(self.core.at, kind, text, author=self.core.officer,
                                                  event_id=self.shell.selection.event_id, now=utcnow())
        self.refresh_bookmarks()
        return mark

    def ask_bookmark(self, kind: str) -> None:
        from console.views.replay_view import ask_text

        text = ask_text(self.window, kind)
        if text:
            try:
                self.add_bookmark(kind, text)
            except Exception as exc:  # a read-only recording: say so, lose nothing else
                log.warning("bookmark not stored: %s", exc)
                self.shell.notices.error(str(exc))

    def delete_bookmark(self, bookmark_id: int) -> None:
        self.replay.recording.delete_bookmark(bookmark_id)
        self.refresh_bookmarks()

    def ask_export(self, fmt: str) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.window, QCoreApplication.translate("Replay", "导出书签与笔记"),
                                              f"bookmarks.{fmt}")
        if path:
            n = export_bookmarks(self.replay.recording.bookmarks(), path, fmt, self.tz)
            self.shell.notices.info(QCoreApplication.translate("Replay", "已导出 %1 条").replace("%1", str(n)))


def _banner(at: datetime, tz: Any, speed: float, playing: bool) -> str:
    from console.views.replay_view import banner_text

    return banner_text(at, tz, speed, playing)


async def open_replay(url: str, settings: Any, *, qt_app: Any, start: str | None = None, stop: str | None = None,
                      speed: float = 1.0, progress: Any = None, defer: bool = False) -> ReplayShell:
    """Read the recording on a worker thread, build the window, show the first instant."""
    loop = asyncio.get_running_loop()

    def report(done: int, total: int) -> None:
        if progress is not None:
            loop.call_soon_threadsafe(progress, done, total)

    # the plotting library's imports (~1 s) overlap reading the recording's first events
    opening = loop.run_in_executor(None, lambda: RoomAt.start_open(url, progress=report, build=False))
    await asyncio.gather(loop.run_in_executor(None, _import_views), asyncio.shield(opening),
                         return_exceptions=True)
    replay = await opening
    try:
        at = parse_instant(start, replay.tz) if start else replay.start
        end = parse_instant(stop, replay.tz) if stop else None
        replay.check_instant(at)
        if end is not None:
            replay.check_instant(end)
            if end <= at:
                raise ReplayError("--to must be after --from")
    except ReplayError:
        replay.close()
        raise
    core = ReplayCore(replay, TaskRunner(), district=_demo_district)
    shell = ReplayShell(core, settings, qt_app=qt_app, speed=speed, stop=end, defer=defer)
    await shell.seek(at)  # folds on from the first chunk only when the instant is past it
    loop.call_soon(replay.build)  # the rest of the recording, once the first frame is on its way
    return shell


def run_replay_window(url: str, *, start: str | None, stop: str | None, speed: float, lang: str | None) -> int:
    """``python main.py replay``: the replay window until it is closed (exit code for the shell)."""
    tune_gc()
    import os

    import qasync
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

    from console.views import i18n, theme
    from console.views.gui_gc import collect_on_gui_thread

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_gui_thread(qt_app)  # the fold thread must never free Qt objects held in cycles
    qt_app.setOrganizationName("GridConsole")
    qt_app.setApplicationName("grid-console")
    settings = QSettings()
    i18n.install_translator(qt_app, lang or i18n.saved_language(settings))
    theme.apply_theme(qt_app)
    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    dialog = QProgressDialog(QCoreApplication.translate("Replay", "正在载入复盘记录并建立快照…"), "", 0, 0)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    closed = asyncio.Event()
    qt_app.setQuitOnLastWindowClosed(False)
    qt_app.lastWindowClosed.connect(closed.set)

    async def main() -> int:
        try:
            shell = await open_replay(url, settings, qt_app=qt_app, start=start, stop=stop, speed=speed,
                                      progress=progress)
        except ReplayError as exc:
            dialog.close()
            sys.stderr.write(f"replay: {exc}\n")
            if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
                QMessageBox.critical(None, QCoreApplication.translate("Replay", "复盘"), str(exc))
            return 2
        dialog.close()
        shell.window.show()
        await closed.wait()
        shell.timer.stop()
        await shell.core.tasks.cancel_all()
        shell.core.close()
        return 0

    with loop:
        return loop.run_until_complete(main())
