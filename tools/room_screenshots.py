"""Screenshots of two seats of one room side by side (issue 14): seat 1's claim shows live in seat 2's
queue, then seat 1's dispatch. Run under a real X server:

    xvfb-run -a -s "-screen 0 3840x1080x24" .venv/bin/python tools/room_screenshots.py docs/screenshots

Both seats are Cores of this process on one SQLite room file, an embedded demo hub (the simulator with
an hour of backlog) feeding the room's one intake writer (seat 1); seat 2 follows the change log.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(out_dir: str) -> int:
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleWindow, Core, Options
    from console.domain.event import State
    from console.launch import start_feed
    from console.qtmodels.queue_rows import COL_STATUS
    from console.services.ingest import EmbeddedDemoHub
    from console.views import i18n, theme

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="room-shots-"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    i18n.install_translator(app, i18n.DEFAULT_LANGUAGE)
    theme.apply_theme(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    db = f"sqlite:///{tmp / 'room.db'}"
    seats = []
    for n, officer in ((1, "张三"), (2, "李四")):
        settings = QSettings(str(tmp / f"seat{n}.ini"), QSettings.Format.IniFormat)
        settings.setValue("ui/muted", "true")
        core = Core(Options(db=db, seat=f"席位{n}", officer=officer, no_feed=True))
        shell = ConsoleWindow(core, settings, qt_app=app, defer=True)
        seats.append((core, shell))
    screen = QGuiApplication.primaryScreen().geometry()
    half = screen.width() // 2

    def grab(name: str) -> None:
        app.processEvents()
        QGuiApplication.primaryScreen().grabWindow(0, 0, 0, screen.width(), screen.height()).save(str(out / name))

    async def run() -> None:
        hub = EmbeddedDemoHub(tmp, speed=60.0, backlog_hours=1.0)
        await hub.start()
        try:
            for i, (core, shell) in enumerate(seats):
                shell.window.setGeometry(i * half, 0, half, screen.height())
                shell.window.show()
                shell.build_deferred()
                view = shell.window.queue_view
                table = getattr(view, "table", None) or getattr(view, "view", None)
                if table is not None:
                    table.setColumnWidth(COL_STATUS, 190)
                core.start_sync()
                await start_feed(core, Options(connect=hub.url, token=hub.token))
            (c1, s1), (c2, s2) = seats
            async with asyncio.timeout(60):
                while not any(e.state is State.NEW for e in c2.room.events.values()):  # noqa: ASYNC110
                    await asyncio.sleep(0.1)
            await asyncio.sleep(2.0)
            ev = c1.room.newest_awaiting_dispatch(c1.seat)
            assert ev is not None
            for _core, shell in seats:
                shell.window.queue_view.select_event(ev.id)
            await c1.decisions.claim(ev.id)
            async with asyncio.timeout(20):
                while c2.room.get(ev.id).claimed_by != c1.seat:  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
            await asyncio.sleep(1.0)
            grab("room_two_seats_claim.png")
            dept = c1.triage.suggest(ev.id).targets[0]
            await c1.decisions.dispatch(ev.id, [dept], "请尽快到场处置")
            async with asyncio.timeout(20):
                while c2.room.get(ev.id).state is not State.DISPATCHED:  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
            s2.selection.select_id(ev.id)
            await asyncio.sleep(1.5)
            grab("room_two_seats_dispatch.png")
        finally:
            for core, shell in seats:
                await core.stop_room()
                shell.window.close()
            await hub.stop()

    try:
        with loop:
            loop.run_until_complete(run())
    finally:
        for core, _shell in seats:
            core.sla.stop()
            core.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
