"""Composition root: opens the store, loads the district, builds services and views, runs the loop.

No business logic lives here — only wiring. ``run_console(args)`` is what ``python main.py`` runs.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import sys
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.domain.district import District, DistrictError, DistrictInfo, load_district
from console.domain.event import utcnow
from console.domain.grid import GridKind
from console.services.bus import Bus
from console.services.room import Room
from console.services.triage import TriageService
from console.store import StoreError, open_store

log = logging.getLogger(__name__)
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
        self.bus = Bus()
        self.room = Room(self.bus, clock=utcnow)
        self.tasks = TaskRunner()
        self.ingest: Any = None
        self.triage = TriageService(
            self.store, self.room, self.bus, self.district, seat=self.seat, officer=self.officer,
            send_command=self._send_command, clock=utcnow,
        )

    async def _send_command(self, action: str, event_id: str, payload: dict) -> tuple[bool, str | None]:
        if self.ingest is None:
            return False, "未连接事件中枢"
        return await self.ingest.send_command(action, event_id, payload)

    def actions_for(self, event_id: str) -> list:
        return self.store.actions.for_event(event_id)

    async def load_live(self) -> int:
        events = await asyncio.get_running_loop().run_in_executor(None, self.store.events.load_open)
        self.room.load(events)
        return len(events)

    def close(self) -> None:
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

    def __init__(self, core: Core, settings: Any, *, qt_app: Any) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QKeySequence, QShortcut

        from console.views.dispatch_panel import DispatchPanel
        from console.views.main_window import MainWindow

        self.core = core
        self.window = MainWindow(
            core.room, core.bus, core.district, core, settings=settings,
            map_widget=self._map_widget(), video_widget=self._video_widget(), seat_id=core.seat,
        )
        self.dispatch = DispatchPanel(core.triage, core.district, core.tasks, clock=utcnow,
                                      tz=core.district.info.timezone, parent=self.window)
        self.window.queue_view.eventActivated.connect(self.open_event)
        key_n = QShortcut(QKeySequence("N"), self.window)
        key_n.activated.connect(self.open_newest)
        self._claims = QTimer(self.window)
        self._claims.setInterval(5000)
        self._claims.timeout.connect(lambda: core.tasks(core.triage.refresh_claims()))
        self._claims.start()

    def _map_widget(self) -> Any:
        return None

    def _video_widget(self) -> Any:
        return None

    def open_event(self, event_id: str) -> None:
        ev = self.core.room.get(event_id)
        if ev is not None:
            self.window.queue_view.select_event(event_id)
            self.dispatch.open_event(ev)

    def open_newest(self) -> None:
        ev = self.core.room.newest_awaiting_dispatch(self.core.seat)
        if ev is None:
            self.window.statusBar().showMessage("没有待派遣的事件", 3000)
            return
        self.open_event(ev.id)


def run_console(args: Any) -> int:
    """Open the console and run until its window closes; exit code for the shell."""
    import qasync
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from console.views import i18n, theme

    t0 = time.perf_counter()
    options = Options.from_args(args)
    gui_errors = os.environ.get("QT_QPA_PLATFORM") != "offscreen"
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setOrganizationName("GridConsole")
    qt_app.setApplicationName("grid-console")
    settings = QSettings()
    language = options.lang or i18n.saved_language(settings)
    if options.lang:
        i18n.save_language(settings, options.lang)
    i18n.install_translator(qt_app, language)
    theme.apply_theme(qt_app)
    try:
        core = Core(options)
    except StartupError as exc:
        report_fatal(str(exc), gui=gui_errors)
        return 1
    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    shell = ConsoleWindow(core, settings, qt_app=qt_app)
    qt_app.setQuitOnLastWindowClosed(False)  # the loop below ends the program, after a clean stop
    qt_app.lastWindowClosed.connect(closed.set)

    async def main() -> int:
        n = await core.load_live()
        shell.window.show()
        log.info("console usable in %.0f ms with %d live events", (time.perf_counter() - t0) * 1000, n)
        await start_feed(core, options)
        if getattr(args, "screenshot", None):
            QTimer.singleShot(int((args.quit_after or 3) * 1000), lambda: _screens(shell, args.screenshot))
        elif getattr(args, "quit_after", None):
            QTimer.singleShot(int(args.quit_after * 1000), shell.window.close)
        await closed.wait()
        if core.ingest is not None:
            await core.ingest.stop()
        await core.tasks.cancel_all()
        return 0

    try:
        with loop:
            return loop.run_until_complete(main())
    finally:
        core.close()


async def start_feed(core: Core, options: Options) -> None:
    """Connect to a real hub (--connect) or start the embedded demo hub."""
    if options.no_feed:
        return
    try:
        from console.services.ingest import EmbeddedDemoHub, IngestService
    except ImportError:  # the intake arrives with issue 3
        return
    if options.connect:
        core.ingest = IngestService(core.store, core.room, core.bus, options.connect, options.token or "",
                                    console_id=core.seat, district=core.district)
    else:
        from console.store.paths import data_dir

        hub = EmbeddedDemoHub(data_dir(), district=core.district, speed=60.0 * options.demo_speed)
        await hub.start()
        core.demo_hub = hub
        core.ingest = IngestService(core.store, core.room, core.bus, hub.url, hub.token,
                                    console_id=core.seat, district=core.district)
    core.ingest.start()


def _screens(shell: ConsoleWindow, directory: str) -> None:
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    shell.window.grab().save(str(out / "main_window.png"))
    shell.window.close()
