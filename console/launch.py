"""Running the console: start-up in pages, the event loop, the feed and the screenshot tour.

``run_console(args)`` is what ``python main.py`` runs; the parts it wires are built by
:mod:`console.app` (``Core``, ``ConsoleWindow``). The start-up order is described in
docs/architecture.md, "Start-up in pages".
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from console.app import ConsoleWindow, Core, Options, StartupError, report_fatal, tune_gc, tune_threads

log = logging.getLogger("console.app")


def run_console(args: Any, hooks: Any = None) -> int:
    """Open the console and run until its window closes; exit code for the shell.

    ``hooks`` (training mode, ``console.training_app``): optional ``window_ready(shell)`` after the
    window is built, ``start_feed(core, options)`` instead of the usual feed, and async
    ``stopping(core, shell)`` once the window closed."""
    tune_gc()
    tune_threads()
    import qasync
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from console.views import i18n, theme
    from console.views.gui_gc import collect_on_gui_thread

    t0 = time.perf_counter()
    options = Options.from_args(args)
    gui_errors = os.environ.get("QT_QPA_PLATFORM") != "offscreen"
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_gui_thread(qt_app)  # worker threads must never free Qt objects held in cycles
    qt_app.setOrganizationName("GridConsole")
    qt_app.setApplicationName("grid-console")
    settings = QSettings()
    language = options.lang or i18n.saved_language(settings)
    if options.lang:
        i18n.save_language(settings, options.lang)
    i18n.install_translator(qt_app, language)
    theme.apply_theme(qt_app)
    try:
        if options.connect and not options.no_feed:
            check_feed_url(options.connect)
            feed_credentials(options)
        link_setup = read_link_setup(options)
        mqtt_credentials(options)
        core = Core(options)
    except StartupError as exc:
        report_fatal(exc, gui=gui_errors)
        return 1
    try:
        signed_in = sign_in(core, options)
    except StartupError as exc:
        core.close()
        report_fatal(exc, gui=gui_errors)
        return 1
    if not signed_in:
        core.close()
        print("not signed in: the console was not opened", file=sys.stderr)
        return 1
    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    planned = core.plan_live()  # the store read overlaps building the window
    closed = asyncio.Event()
    shell = ConsoleWindow(core, settings, qt_app=qt_app, defer=True)
    if hooks is not None:
        hooks.window_ready(shell)
    qt_app.setQuitOnLastWindowClosed(False)  # the loop below ends the program, after a clean stop
    qt_app.lastWindowClosed.connect(closed.set)

    async def main() -> int:
        report = getattr(args, "report_usable", False)
        core.start_sync()  # the room follows the change log from before its first page was read
        pages = await core.load_first_page(planned)
        shell.show_load_progress(core.loaded_live, pages.total)
        shell.window.show()
        await _until_queue_holds(shell, core.loaded_live)  # the newest events are rows, painted
        log.info("console usable in %.0f ms: the newest %d of %d live events shown, the rest loading",
                 (time.perf_counter() - t0) * 1000, core.loaded_live, pages.total)
        lateness = _LatenessProbe() if report else None  # how smooth the GUI is while the rest loads
        if report:
            print(f"USABLE {time.time():.6f}", flush=True)
        if getattr(args, "screenshot", None):  # the first paint, as the officer sees it
            await asyncio.to_thread(Path(args.screenshot).mkdir, parents=True, exist_ok=True)
            _grab(shell.window).save(str(Path(args.screenshot) / "startup_first_page.png"))
        await asyncio.to_thread(_import_deferred_views)  # the GUI thread stays free meanwhile
        for _ in shell.deferred_steps():  # the map and the video wall, a few ms a loop turn
            await _next_turn()
        n = await core.load_other_pages(pages, shell.show_load_progress)
        shell.show_load_progress(0, 0)  # done (events closed meanwhile never arrive to count)
        gc.freeze()  # the 100k loaded events stay out of full collections (~370 ms each otherwise)
        await _until_queue_holds(shell, len(core.room.events))
        log.info("all %d live events loaded in %.0f ms", n, (time.perf_counter() - t0) * 1000)
        if report:
            print(f"ALL_ROWS {time.time():.6f}", flush=True)
            print(f"LOADING_LATENESS_P99_MS {lateness.stop():.1f}", flush=True)
        await _until_settled()  # the map and the escalation board take their share
        await core.sla.start_in_steps()  # then the SLA clock files the deadlines in its heap, arms its timer
        core.escalation_records.arm()
        # the start-up objects (100k events, rows, markers) live on: keep them out of the cyclic
        # GC's full collections, which would otherwise scan them all (≈0.1–1 s GUI pauses)
        gc.freeze()
        if report:
            print(f"SETTLED {time.time():.6f}", flush=True)
            core.sla.stop()  # no SLA timer may fire once this loop has stopped
            return 0
        await (hooks.start_feed(core, options) if hooks is not None else start_feed(core, options))
        await start_link(core, link_setup)
        positions = await _start_positions(core, options)
        core.tasks(prepare_demo_video(core, shell))
        if getattr(args, "screenshot", None):
            core.tasks(take_screenshots(shell, args.screenshot, args.quit_after or 8.0))
        elif getattr(args, "quit_after", None):
            QTimer.singleShot(int(args.quit_after * 1000), shell.window.close)
        await closed.wait()
        if hooks is not None:
            await hooks.stopping(core, shell)
        core.sla.stop()  # no SLA timer may be armed once this loop stops (late claim releases, …)
        await core.stop_room()  # the intake (and the writer's lock), the command link, the demo hub
        if core.link is not None:
            await core.link.stop()
        await core.tasks.cancel_all()
        if positions is not None:
            from console.services.positions_start import stop_positions

            await stop_positions(core, positions)
        return 0

    try:
        with loop:
            return loop.run_until_complete(main())
    finally:
        core.close()


def sign_in(core: Core, options: Options) -> bool:
    """Sign in before the main window: the login dialog, or — on a one-seat SQLite database that has
    no accounts yet (the embedded demo) and without ``--user`` — the demo officer at once, so
    ``make run`` opens straight into the live room. A shared (PostgreSQL) room database without
    accounts is refused. False when the officer quit the dialog."""
    from PySide6.QtWidgets import QDialog

    from console.views.login_dialog import LoginDialog

    service = core.accounts
    if options.user is None and not service.has_accounts():
        if core.store.dialect != "sqlite":
            raise StartupError("accounts", f"{core.store.label}: the room database has no accounts; add them first "
                                           "with `python main.py users add LOGIN --name NAME --role ROLE --db URL`")
        core.sign_in(service.demo_account())
        return True
    dialog = LoginDialog(service.authenticate, seat=core.seat, login=options.user, room=core.store.label)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.account is None:
        return False
    core.sign_in(dialog.account)
    return True


def check_feed_url(url: str) -> None:
    """Refuse a --connect that is not a websocket URL before anything is opened."""
    from console.net.client import check_url

    try:
        if url.startswith(("nats://", "tls://")):  # the feed on NATS JetStream (feed --broker)
            from console.net.broker import split_url

            split_url(url)
            return
        check_url(url)
    except ValueError as exc:
        raise StartupError("feed_url", str(exc)) from exc


def mqtt_credentials(options: Options) -> None:
    """Resolve --mqtt-user/--mqtt-password-file and the --mqtt-tls-* files into ``options.mqtt_auth``
    (a missing or empty file stops the start with one clear line)."""
    from console.net.mqtt import BrokerUrlError, MqttAuth, MqttAuthError, parse_broker

    try:
        if options.mqtt:
            parse_broker(options.mqtt)
        options.mqtt_auth = MqttAuth.from_options(
            options.mqtt, username=options.mqtt_user, password_file=options.mqtt_password_file,
            tls_ca=options.mqtt_tls_ca, tls_cert=options.mqtt_tls_cert, tls_key=options.mqtt_tls_key,
            tls_insecure=bool(options.mqtt_tls_insecure))
    except (MqttAuthError, BrokerUrlError) as exc:
        raise StartupError("mqtt", str(exc)) from exc


def feed_credentials(options: Options) -> None:
    """Resolve the token (--token-file, $GRID_FEED_TOKEN, --token) and the TLS context of --connect
    (wss://: the system trust store plus --ca) into ``options``; warn on stderr and in the log about
    --token (visible in ps) and about ws:// to another machine (the token would travel in clear)."""
    from console.net.security import (
        TOKEN_ARGUMENT_WARNING,
        CredentialError,
        cleartext_warning,
        client_ssl_context,
        resolve_token,
    )

    url = options.connect or ""
    try:
        token = resolve_token(options.token, options.token_file)
    except CredentialError as exc:
        raise StartupError("feed_token", str(exc)) from exc
    options.token = token.value
    if url.startswith(("nats://", "tls://")):  # a NATS server: the token is its credential
        return
    try:
        options.tls = client_ssl_context(url, options.ca)
    except CredentialError as exc:
        raise StartupError("feed_tls", str(exc)) from exc
    if token.source == "argument":
        print(f"warning: {TOKEN_ARGUMENT_WARNING}", file=sys.stderr)
    warning = cleartext_warning(url)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)  # the ingest service logs it too


async def _until_queue_holds(shell: ConsoleWindow, n: int) -> None:
    """Wait until the queue holds ``n`` live events and the window has painted.

    The queue's buffered rows are flushed at once (not on its timer), so the queue is filled and
    painted before the map, the escalation board and the SLA clock take their share of the load.
    """
    model = shell.window.queue_model
    done = asyncio.Event()

    def check() -> None:
        if model.live_count() >= n:
            done.set()

    model.flushed.connect(check)
    if model.has_pending():
        model.flush()
    check()
    await done.wait()
    model.flushed.disconnect(check)
    shell.window.repaint()


def _import_deferred_views() -> None:
    """Import the map and video wall modules (pyqtgraph, QtMultimedia: ~0.3 s) on a worker thread;
    their widgets are then built on the GUI thread (``ConsoleWindow.deferred_steps``). numpy.ma
    too: the grids' first ``np.median`` imported it on the GUI thread (~25 ms)."""
    import numpy.ma  # noqa: F401

    import console.views.map_view  # noqa: F401
    import console.views.video_wall  # noqa: F401


async def _next_turn() -> None:
    """Give the event loop a turn: due Qt timers (a repaint, a model flush) run before we go on.
    A 1 ms sleep, not 0: Qt runs zero timers ahead of timers already due."""
    await asyncio.sleep(0.001)


class _LatenessProbe:
    """A precise 10 ms GUI timer; ``stop()`` gives the p99 of how late it fired (ms)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._late: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._fired)
        self._timer.start()

    def _fired(self) -> None:
        now = time.perf_counter()
        self._late.append(max(0.0, (now - self._last) * 1000 - 10))
        self._last = now

    def stop(self) -> float:
        self._timer.stop()
        late = sorted(self._late) or [0.0]
        return late[min(len(late) - 1, int(0.99 * len(late)))]


async def _until_settled(quiet_turns: int = 5, slack_s: float = 0.05) -> None:
    """Wait until the deferred start-up work is done: ``quiet_turns`` 20 ms sleeps in a row each
    end less than ``slack_s`` late (the GUI thread is idle again)."""
    quiet = 0
    while quiet < quiet_turns:
        t = time.perf_counter()
        await asyncio.sleep(0.02)
        quiet = quiet + 1 if time.perf_counter() - t < 0.02 + slack_s else 0


def read_link_setup(options: Options) -> Any:
    """``--link FILE``: the link configuration and its credentials, refused before anything opens."""
    if not options.link:
        return None
    from console.net.jetstream import read_credentials
    from console.net.security import CredentialError
    from console.services.link_config import LinkConfigError, load_link_config

    try:
        config = load_link_config(options.link)
        return config, read_credentials(config.credentials or "")
    except (LinkConfigError, CredentialError) as exc:
        raise StartupError("link", str(exc)) from exc


async def start_link(core: Core, setup: Any) -> None:
    """Start the room's link (its state shows in the status bar; refused credentials too)."""
    if setup is None:
        return
    from console.net.jetstream import NatsAuthError
    from console.services.link import LinkService

    config, creds = setup
    core.link = LinkService(config, core.store, core.room, core.bus, core.decisions, core.escalation, core.district,
                            credentials=creds)
    try:
        await core.link.start()
    except NatsAuthError as exc:
        log.error("room link %s: %s", config.room, exc)


async def start_feed(core: Core, options: Options) -> None:
    """Take part in the room's intake (issue 14): the seat that becomes the intake writer connects
    to the real hub (--connect) or starts the embedded demo hub, subscribing as the room; on
    SQLite the one seat always is the writer. Every seat follows the room's change log."""
    if options.no_feed:
        return
    try:
        from console.services.ingest import EmbeddedDemoHub, IngestService
    except ImportError:  # the intake arrives with issue 3
        return

    async def make_ingest() -> IngestService:
        if options.connect:
            return IngestService(core.store, core.room, core.bus, options.connect, options.token,
                                 console_id=core.room_id, district=core.district, ssl=options.tls)
        if core.demo_hub is None:
            from console.services.media import media_dir
            from console.store.paths import data_dir

            clips = media_dir()
            clips.mkdir(parents=True, exist_ok=True)
            hub = EmbeddedDemoHub(data_dir(), district=core.district, speed=60.0 * options.demo_speed,
                                  media_dir=clips)
            await hub.start()
            core.demo_hub = hub
        return IngestService(core.store, core.room, core.bus, core.demo_hub.url, core.demo_hub.token,
                             console_id=core.room_id, district=core.district)

    await core.start_room(make_ingest, connect=options.connect, token=options.token, ssl=options.tls)
    if core.store.dialect == "sqlite":  # the one seat is the writer at once: its intake runs before we go on
        await core.election.decided.wait()  # type: ignore[union-attr]


async def _start_positions(core: Core, options: Options) -> dict | None:
    """Grid workers' positions: --mqtt, or the demo's patrols (the machine's broker, else in-process)."""
    if options.no_feed and not options.mqtt:
        return None
    from console.services.positions_start import start_positions

    try:
        return await start_positions(core, broker=options.mqtt, demo=not options.connect, auth=options.mqtt_auth)
    except Exception as exc:  # positions are an extra: the room works without them
        log.warning("grid workers' positions not started: %s", exc)
        return None


async def prepare_demo_video(core: Core, shell: ConsoleWindow) -> None:
    """Render the demo clips once (ffmpeg, in a worker thread) and point the demo cameras at the hub."""
    from console.services.media import ensure_demo_clips, with_demo_streams

    if core.demo_hub is None:
        return
    try:
        await asyncio.get_running_loop().run_in_executor(None, ensure_demo_clips)
    except Exception as exc:  # no ffmpeg, full disk: the wall says so per tile, the room goes on
        log.warning("demo clips unavailable: %s", exc)
    host = core.demo_hub.url.split("//", 1)[1].split("/", 1)[0]
    shell.set_cameras(with_demo_streams(list(core.district.cameras.values()), f"http://{host}"))


def _grab(widget: Any) -> Any:
    """Under a real X server grab the screen area (video tiles are native windows that
    ``QWidget.grab`` cannot see); offscreen, render the widget."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() == "xcb":
        screen = widget.screen()
        top_left = widget.mapToGlobal(widget.rect().topLeft())
        return screen.grabWindow(0, top_left.x(), top_left.y(), widget.width(), widget.height())
    return widget.grab()


async def take_screenshots(shell: ConsoleWindow, directory: str, settle: float) -> None:
    """``--screenshot DIR``: the main screens as a person sees them, for docs/screenshots/."""
    out = Path(directory)
    await asyncio.to_thread(out.mkdir, parents=True, exist_ok=True)
    w, room = shell.window, shell.core.room
    await asyncio.sleep(settle)
    ev = room.newest_awaiting_dispatch(shell.core.seat) or next(iter(room.events.values()), None)
    if ev is not None:
        w.queue_view.select_event(ev.id)
    await asyncio.sleep(6.0)  # map centres, the wall follows the event and starts playing
    _grab(w).save(str(out / "main_window.png"))
    if ev is not None:
        shell.open_event(ev.id)
        await asyncio.sleep(1.0)
        shell.dispatch.accept_suggestion()
        await asyncio.sleep(0.5)
        _grab(shell.dispatch).save(str(out / "dispatch_panel.png"))
        shell.dispatch.close()
    w.docks["dock.escalation"].raise_()
    await asyncio.sleep(1.5)
    _grab(w.docks["dock.escalation"]).save(str(out / "escalation_board.png"))
    w.docks["dock.kpi"].raise_()
    shell.refresh_kpis()
    await asyncio.sleep(2.0)
    _grab(w.docks["dock.kpi"]).save(str(out / "kpi.png"))
    w.docks["dock.videoWall"].raise_()
    _grab(w.docks["dock.videoWall"]).save(str(out / "video_wall.png"))
    w.close()
