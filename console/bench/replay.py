"""Replay benchmarks (issue 15) on a recorded day of 100,000 events (``console/bench/replay_data.py``).

- ``replay_seek_24h_ms``: p95 of 50 random seeks (the room at t: nearest snapshot ≤ t plus the
  events touched since, and the list of the open events) once the recording is folded;
- ``replay_open_ms``: from ``open_replay`` (the command's own path) to the first frame — the window
  shown with the queue holding the room at the recording's start — with the snapshots built before;
- ``replay_60x_gui_lateness_p99_ms``: p99 lateness of a 10 ms GUI timer while the window plays the
  recording at 60× (every dock following), after the recording is folded.

Also: ``replay_fold_s`` (reading and folding the whole recording, snapshots verified),
``replay_first_build_s`` (the first open ever, snapshots built), and the escalation board's fold
(the recording's room log holds a busy day's broadcasts and whistles): ``replay_board_fold_ms``
(median of 3 folds of the whole day's changes) and ``replay_board_seek_ms`` (p95 of 50 random
instants, the board folded up to each — what a seek back in time costs; forward steps apply only
the changes since the last frame).

The recording holds the day's patrols (131 grid workers, ~690,000 fixes): the window's map shows
the workers at the instant while it plays. ``replay_positions_fixes`` says how many;
``replay_field_block_ms`` is one hour-block read of everyone's fixes (the worker thread's cost when
the instant enters a new hour), ``replay_field_at_ms`` the p95 of the workers at an instant once
its block is read, ``replay_60x_field_per_s`` how many instants the map's workers followed a second,
``replay_60x_field_gui_p99_ms`` the p99 of the GUI thread's work per instant (roster, map layer).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import random
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from console.bench.replay_data import recording
from console.services.replay import RoomAt

SEEKS = 50
PLAY_S = 20.0


def _seeks(room: RoomAt, n: int = SEEKS, seed: int = 15) -> list[float]:
    rng = random.Random(seed)
    span = room.end - room.start
    out = []
    for _ in range(n):
        at = room.start + span * rng.random()
        t = time.perf_counter()
        room.state_at(at).open_events()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _time_calls(obj: Any, name: str, times: list[float]) -> None:
    """Time every call of ``obj.name`` (ms) from now on into ``times``: the GUI thread's cost of the
    workers of an instant (into the roster, their states, the map layer) while playing."""
    inner = getattr(obj, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            times.append((time.perf_counter() - t) * 1000)

    setattr(obj, name, timed)


def _p(values: list[float], q: float) -> float:
    s = sorted(values)
    return round(s[min(len(s) - 1, int(q * len(s)))], 1)


def _board(room: RoomAt) -> dict[str, Any]:
    from console.domain.escalation_log import Board

    folds = []
    for _ in range(3):
        t = time.perf_counter()
        Board.fold(room.board_entries)
        folds.append((time.perf_counter() - t) * 1000)
    rng = random.Random(16)
    span = room.end - room.start
    seeks = []
    for _ in range(SEEKS):
        at = room.start + span * rng.random()
        t = time.perf_counter()
        room.board_at(at)
        seeks.append((time.perf_counter() - t) * 1000)
    return {"replay_board_entries": len(room.board_entries), "replay_board_fold_ms": round(statistics.median(folds), 1),
            "replay_board_seek_ms": _p(seeks, 0.95)}


def _gui(url: str) -> dict[str, Any]:
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from console.core import tune_gc
    from console.launch import _LatenessProbe
    from console.replay_app import open_replay

    thresholds = gc.get_threshold()
    tune_gc()  # as ``python main.py replay`` does (run_replay_window)

    from console.views.gui_gc import collect_on_gui_thread

    app = QApplication.instance() or QApplication([])
    collector = collect_on_gui_thread(app)  # as the replay window does
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    out: dict[str, Any] = {}

    async def main() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
            t0 = time.perf_counter()
            shell = await open_replay(url, settings, qt_app=app, defer=True)
            shell.window.show()
            model = shell.window.queue_model
            while model.has_pending():
                model.flush()
            app.processEvents()
            out["replay_open_ms"] = round((time.perf_counter() - t0) * 1000)
            ready = time.perf_counter()
            await asyncio.get_running_loop().run_in_executor(None, shell.replay.wait)
            out["replay_fold_s"] = round(time.perf_counter() - ready + out["replay_open_ms"] / 1000, 1)
            for _ in shell.shell.deferred_steps():  # the map and the video wall, as the console builds them
                await asyncio.sleep(0)
            await shell.seek(shell.replay.start + timedelta(hours=9))
            await asyncio.sleep(1.0)
            shell.controls.speed.setCurrentIndex(shell.controls.speed.count() - 1)
            frames = shell.frames
            field = shell.core.field.applied
            field_gui: list[float] = []
            _time_calls(shell.core.field, "apply", field_gui)
            _time_calls(shell.shell.map_view.workers.workers, "views", field_gui)  # the overlay's refresh:
            _time_calls(shell.shell.map_view.canvas, "set_workers", field_gui)  # states, then the layer
            probe = _LatenessProbe()
            shell.set_playing(True)
            await asyncio.sleep(PLAY_S)
            out["replay_60x_gui_lateness_p99_ms"] = round(probe.stop(), 1)
            shell.set_playing(False)
            out["replay_60x_frames_per_s"] = round((shell.frames - frames) / PLAY_S, 1)
            out["replay_60x_field_per_s"] = round((shell.core.field.applied - field) / PLAY_S, 1)
            out["replay_60x_workers_shown"] = len(shell.shell.map_view.canvas._workers)
            out["replay_60x_field_gui_p99_ms"] = _p(field_gui, 0.99) if field_gui else None
            shell.timer.stop()
            await shell.core.tasks.cancel_all()
            shell.core.close()
            shell.window.close()

    try:
        with loop:
            loop.run_until_complete(main())
    finally:
        collector.stop()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    return out


def _field(url: str, room: RoomAt) -> dict[str, Any]:
    from console.services.replay_field import FieldCache
    from console.store import open_store

    store = open_store(url, readonly=True)
    try:
        out: dict[str, Any] = {"replay_positions_fixes": store.positions.count()}
        cache = FieldCache(store)
        at = room.start + timedelta(hours=14, minutes=5)
        t = time.perf_counter()
        cache.at(at)
        out["replay_field_block_ms"] = round((time.perf_counter() - t) * 1000)
        times = []
        for k in range(50):
            t = time.perf_counter()
            cache.at(at + timedelta(seconds=60 * k))
            times.append((time.perf_counter() - t) * 1000)
        out["replay_field_at_ms"] = _p(times, 0.95)
        return out
    finally:
        store.close()


def figures(quick: bool = False) -> dict[str, Any]:
    logging.getLogger("console").setLevel(logging.WARNING)
    count = 10_000 if quick else 100_000
    t = time.perf_counter()
    path = recording(count)
    out: dict[str, Any] = {"replay_events": count, "replay_recording_build_s": round(time.perf_counter() - t, 1)}
    url = f"sqlite:///{path}"
    t = time.perf_counter()
    room = RoomAt.open(url)
    out["replay_first_open_s"] = round(time.perf_counter() - t, 1)
    out["replay_snapshots"] = room.snapshot_status
    seeks = _seeks(room)
    out["replay_seek_24h_ms"] = _p(seeks, 0.95)
    out["replay_seek_24h_median_ms"] = round(statistics.median(seeks), 1)
    t = time.perf_counter()
    room.kpis_at(room.start + (room.end - room.start) * 0.75)
    out["replay_kpis_at_ms"] = round((time.perf_counter() - t) * 1000)
    out.update(_board(room))
    out.update(_field(url, room))
    room.close()
    out.update(_gui(url))
    return out
