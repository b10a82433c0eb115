"""Decision benchmarks: ``python main.py bench --only decisions --json`` (issue 11).

- ``decision_commit_p99_ms`` (bar ≤ 20): one officer decision through the one decision path on a
  SQLite store holding 100,000 open events, with the room holding them too — the transaction (fresh
  locked read, the pure decision, compare-and-set write, the actions) plus publishing the outcome to
  the room and the bus. Mixed steps as a shift has them: dispatch of a new event (the deadline
  computed once), 督办 of dispatched work, and a verification of resolved work; p99 over the runs.
  ``decision_commit_p50_ms`` is the median; ``decision_dispatch_p99_ms`` the dispatches alone. The
  garbage collector is tuned and the loaded room frozen as the console does after its start-up.
- ``decision_calibration_loop_1m_ms``: a plain 1M-iteration loop, to judge how busy the machine was.
"""

from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from console.domain.event import State
from console.domain.sla import default_table

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


def _calibration_ms() -> float:
    t = time.perf_counter()
    x = 0
    for i in range(1_000_000):
        x += i
    return (time.perf_counter() - t) * 1000


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def figures(quick: bool = False) -> dict[str, float]:
    from console.bench.store import realistic_event
    from console.core import tune_gc
    from console.services.bus import Bus
    from console.services.decisions import DecisionService
    from console.services.room import Room
    from console.store import open_store

    n_open = 10_000 if quick else 100_000
    runs = 60 if quick else 300
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="bench-decisions-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'console.db'}")
        events = []
        for i in range(n_open):
            ev = realistic_event(rng, i, T0 + timedelta(milliseconds=i), seq=i + 1)
            ev.received_at = ev.updated_at = ev.reported_at
            kind = i % 3
            if kind == 1:
                ev.state, ev.assignees, ev.dispatched_at = State.DISPATCHED, ["dept.sanitation"], ev.reported_at
            elif kind == 2:
                ev.state, ev.assignees = State.RESOLVED, ["dept.sanitation"]
                ev.dispatched_at = ev.resolved_at = ev.reported_at
            events.append(ev)
        for start in range(0, n_open, 5_000):
            store.events.insert_many(events[start:start + 5_000])
        bus = Bus()
        room = Room(bus)
        room.load(store.events.load_open())
        tune_gc()  # as the console does: its thresholds, and the start-up objects frozen
        gc.collect()
        gc.freeze()
        svc = DecisionService(store, room, bus, None, table=default_table(), seat="bench", officer="bench",
                              inline=True)
        picks = rng.sample(range(n_open), runs)
        all_ms: list[float] = []
        dispatch_ms: list[float] = []
        for i in picks:
            ev = events[i]
            if ev.state is State.NEW:
                plan = svc.plan_dispatch(ev.id, ["dept.sanitation"], "请及时到场处置")
            elif ev.state is State.DISPATCHED:
                plan = svc.plan_supervise(ev.id, "请今日内处置")
            else:
                plan = svc.plan_verify(ev.id, True, "核查通过")
            t = time.perf_counter()
            svc.apply_outcome(svc.commit(plan))
            ms = (time.perf_counter() - t) * 1000
            all_ms.append(ms)
            if ev.state is State.NEW:
                dispatch_ms.append(ms)
        store.close()
    return {
        "decision_commit_p99_ms": round(_p(all_ms, 0.99), 2),
        "decision_commit_p50_ms": round(statistics.median(all_ms), 2),
        "decision_dispatch_p99_ms": round(_p(dispatch_ms, 0.99), 2) if dispatch_ms else None,
        "decision_open_events": n_open,
        "decision_calibration_loop_1m_ms": round(_calibration_ms(), 1),
    }
