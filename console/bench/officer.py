"""The scripted duty officer (issue 4): events arrive from a real hub on 127.0.0.1 and the officer
dispatches each from the keyboard — ``N`` (newest), ``A`` (accept suggestion), ``Enter`` (confirm).

Keys are typed into whatever has the keyboard, starting from the window's default focus.
Used by tests/ui/test_officer_flow.py (assertions) and by the bench (figures):
``dispatch_keystrokes`` (keys per dispatch) and ``dispatch_console_s_median`` (seconds from pressing
``N`` until the event is dispatched and the main window has the keyboard again).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TOKEN = "scripted-officer-token"


@dataclass
class ShiftResult:
    keystrokes: int = 0
    per_event_s: list[float] = field(default_factory=list)
    commands: list[tuple[str, str | None, dict]] = field(default_factory=list)


def demo_wire_events(n: int) -> list[dict]:
    from console.app import DEMO_DIR
    from console.domain.district import load_district
    from console.domain.event import State
    from console.domain.scenario import generate
    from console.net.protocol import event_to_wire

    district = load_district(DEMO_DIR)
    start = datetime.now(UTC).replace(microsecond=0)
    out: list[dict] = []
    for _t, ev in generate("normal_day", district, seed=3, start=start, hours=24):
        if ev.state is State.NEW and len(out) < n:
            ev.reported_at = start
            out.append(event_to_wire(ev))
    return out


def scripted_shift(qapp: Any, workdir: Path, n_events: int) -> ShiftResult:
    """Run the shift on a qasync loop; returns what the officer did and what reached the hub."""
    import qasync
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleWindow, Core, Options
    from console.domain.event import State
    from console.net.hub import Hub
    from console.net.hublog import HubLog
    from console.net.protocol import dumps
    from console.services.ingest import IngestService

    result = ShiftResult()
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)

    async def record_command(cmd: Any) -> tuple[bool, None]:
        result.commands.append((cmd.action, cmd.event_id, cmd.payload))
        return True, None

    settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/muted", "true")
    core = Core(Options(db=f"sqlite:///{workdir / 'console.db'}", seat="seat-1", officer="张值班", no_feed=True))
    shell = ConsoleWindow(core, settings, qt_app=qapp)

    async def press(window: Any, key: Any) -> None:
        # typed where the keyboard is, as a person does: the widget with focus in ``window``
        # (from a fresh start that is the queue table, never the search box)
        result.keystrokes += 1
        QTest.keyClick(QApplication.focusWidget() or window.focusWidget() or window, key)
        await asyncio.sleep(0)

    async def until(pred: Any, limit: float = 15.0) -> None:
        # polls Qt-side state (window activation, model rows) that has no asyncio event to await
        async with asyncio.timeout(limit):
            while not pred():  # noqa: ASYNC110
                await asyncio.sleep(0.005)

    async def shift() -> None:
        hub = Hub(HubLog(workdir / "hub.sqlite3"), TOKEN, host="127.0.0.1", port=0, command_handler=record_command)
        await hub.start()
        core.ingest = IngestService(core.store, core.room, core.bus, hub.url, TOKEN, console_id="seat-1",
                                    district=core.district)
        core.ingest.start()
        core.sla.start()
        try:
            shell.window.show()
            shell.window.activateWindow()
            await until(shell.window.isActiveWindow, 5)
            await until(lambda: core.ingest.state.status == "connected")
            events = demo_wire_events(n_events)
            hub.publish_many([("event", dumps(e), e["id"]) for e in events])
            await until(lambda: shell.window.queue_model.live_count() >= n_events)
            panel = shell.dispatch
            for _ in range(n_events):
                t0 = time.perf_counter()
                await press(shell.window, Qt.Key.Key_N)
                await until(lambda: panel.isVisible() and panel.current is not None and panel.isActiveWindow())
                event_id = panel.current.id
                await press(panel, Qt.Key.Key_A)
                await press(panel, Qt.Key.Key_Return)
                await until(lambda eid=event_id: (ev := core.room.get(eid)) is not None
                            and ev.state is State.DISPATCHED and not panel.isVisible()
                            and shell.window.isActiveWindow())
                result.per_event_s.append(time.perf_counter() - t0)
        finally:
            await core.ingest.stop()
            await hub.stop()
            await core.tasks.cancel_all()

    try:
        loop.run_until_complete(shift())
    finally:
        core.sla.stop()
        shell.window.close()
        shell.window.deleteLater()
        core.close()
        loop.close()
        asyncio.set_event_loop(None)
    return result


def figures(quick: bool = False) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    n = 10 if quick else 50
    with tempfile.TemporaryDirectory() as tmp:
        r = scripted_shift(app, Path(tmp), n)
    dispatched = sum(1 for c in r.commands if c[0] == "dispatch")
    return {
        "dispatch_keystrokes": r.keystrokes / max(dispatched, 1),
        "dispatch_console_s_median": round(statistics.median(r.per_event_s), 3),
        "dispatch_console_s_max": round(max(r.per_event_s), 3),
        "dispatched_events": dispatched,
    }
