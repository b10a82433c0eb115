"""Live-ingest figures: a hub in another process streams at 1,000 events/s into the real console.

- ``ingest_to_visible_p99_ms`` (target ≤ 100): per event, the moment its row is inserted into the
  live queue model (``rowsInserted``) minus the moment the hub published it. In rate mode the
  simulator stamps each event's ``reported_at`` with the wall-clock time (microseconds) at which it
  appends the record to its log and hands it to the connected clients, so ``reported_at`` is the
  send time; hub and console run on the same machine and clock.
- ``ingest_gui_lateness_p99_ms`` (target ≤ 16): during the same stream, how late a 10 ms precise
  ``QTimer`` on the GUI thread fires (interval between two fires minus 10 ms, never negative).

The console side is the real one, in this process, offscreen: ``Core`` (fresh SQLite store, no
feed) + ``ConsoleWindow`` (queue, map, grid tree, escalation board, status bar…) on a qasync loop,
plus an ``IngestService`` connected to the hub child process. The first seconds of the stream are a
warm-up and are not counted. Also reported: events seen, CPU time of this process per second of
stream (GUI thread, ingest client and commit worker together), the machine's load average, and
``ingest_to_room_*``: published → applied to the room (the share of the latency before the Qt models).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RATE = 1_000  # events/s
TARGETS = {"ingest_to_visible_p99_ms": 100.0, "ingest_gui_lateness_p99_ms": 16.0}


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def _measure(tmp: Path, seconds: float, warmup: float) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ["GRID_CONSOLE_DATA_DIR"] = str(tmp / "data")
    from console.app import tune_gc, tune_threads

    tune_gc()  # as the console does (console.launch)
    tune_threads()
    import qasync
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleWindow, Core, Options
    from console.bench.feed import TOKEN, HubProcess
    from console.services.ingest import IngestService
    from console.views.gui_gc import collect_on_gui_thread

    app = QApplication.instance() or QApplication([])
    collect_on_gui_thread(app)  # as the console does: cycles collected on the GUI thread only
    app.setOrganizationName("GridConsoleBench")
    app.setApplicationName("grid-console-bench")
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    core = Core(Options(db=f"sqlite:///{tmp / 'console.db'}", no_feed=True, seat="bench-live"))
    shell = ConsoleWindow(core, QSettings(), qt_app=app)
    shell.window.resize(1600, 900)
    model = shell.window.queue_model

    latencies: list[float] = []  # ms, per event, after the warm-up
    lateness: list[float] = []  # ms, per timer fire, after the warm-up
    seen = 0
    state: dict[str, float] = {"counting_from": float("inf"), "last_fire": 0.0}

    def on_rows(_parent: Any, first: int, last: int) -> None:
        nonlocal seen
        now = time.time()
        counting = time.perf_counter() >= state["counting_from"]
        for row in range(first, last + 1):
            ev = model.event_at(row)
            if ev is None:
                continue
            seen += 1
            if counting:
                latencies.append((now - ev.reported_at.timestamp()) * 1000.0)

    def on_tick() -> None:
        t = time.perf_counter()
        if state["last_fire"] and t >= state["counting_from"]:
            lateness.append(max(0.0, (t - state["last_fire"] - 0.010) * 1000.0))
        state["last_fire"] = t

    to_room: list[float] = []  # ms, per event: published → applied to the room (before any Qt model)

    def on_room(events: list[Any]) -> None:
        if time.perf_counter() >= state["counting_from"]:
            now = time.time()
            to_room.extend((now - ev.reported_at.timestamp()) * 1000.0 for ev in events)

    core.bus.subscribe("events_added", on_room)
    model.rowsInserted.connect(on_rows)
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(on_tick)

    count = int(RATE * (seconds + warmup + 2))
    hub = HubProcess(tmp / "hub.sqlite3", "--rate", str(RATE), "--count", str(count))

    async def main() -> dict[str, Any]:
        shell.window.show()
        core.sla.start()
        hub.start()
        ingest = IngestService(core.store, core.room, core.bus, hub.url, TOKEN, console_id="bench-live",
                               district=core.district)
        core.ingest = ingest
        ingest.start()
        timer.start()
        state["counting_from"] = time.perf_counter() + warmup
        await asyncio.sleep(warmup)
        c0, w0, seen0 = time.process_time(), time.perf_counter(), seen
        await asyncio.sleep(seconds)
        cpu, wall, got = time.process_time() - c0, time.perf_counter() - w0, seen - seen0
        timer.stop()
        await ingest.stop()
        await core.tasks.cancel_all()
        return {"cpu_s_per_s": cpu / wall, "visible_per_s": got / wall}

    try:
        with loop:
            extra = loop.run_until_complete(main())
    finally:
        hub.stop()
        core.sla.stop()
        shell.window.close()
        core.close()
    return {
        "ingest_to_visible_p99_ms": round(_pct(latencies, 0.99), 1),
        "ingest_to_visible_p50_ms": round(_pct(latencies, 0.50), 1),
        "ingest_to_visible_max_ms": round(max(latencies), 1) if latencies else None,
        # the part before the GUI models: hub → websocket → client batch → commit (worker) → room
        "ingest_to_room_p50_ms": round(_pct(to_room, 0.50), 1),
        "ingest_to_room_p99_ms": round(_pct(to_room, 0.99), 1),
        "ingest_gui_lateness_p99_ms": round(_pct(lateness, 0.99), 1),
        "ingest_gui_lateness_p50_ms": round(_pct(lateness, 0.50), 1),
        "ingest_gui_lateness_max_ms": round(max(lateness), 1) if lateness else None,
        "ingest_events_measured": len(latencies),
        "ingest_visible_per_s": round(extra["visible_per_s"]),
        "ingest_rate_target_per_s": RATE,
        "ingest_cpu_s_per_s": round(extra["cpu_s_per_s"], 2),  # this process, all threads
        "ingest_stream_s": seconds,
        "load_average_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "targets": TARGETS,
    }


def figures(quick: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        return _measure(Path(tmp), seconds=8.0 if quick else 25.0, warmup=2.0 if quick else 3.0)


if __name__ == "__main__":
    import json

    print(json.dumps(figures(quick="--quick" in sys.argv), ensure_ascii=False))
