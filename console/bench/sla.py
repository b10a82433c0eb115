"""SLA and KPI benchmarks: ``python main.py bench --only sla --json``.

- ``sla_tick_100k_open_ms`` (bar ≤ 10): track 100,000 open events on the SLA clock, then one
  ``tick()`` at an instant when ~1 % of their deadlines (warnings) are due — median of runs.
  ``sla_track_100k_ms`` is the time to track the 100,000.
- ``kpi_window_1m_ms`` (bar ≤ 500): every overall KPI over 1,000,000 events received in one month
  (numpy columns). ``kpi_window_1m_by_grid_ms`` / ``_by_dept_ms``: the same per grid / department.
- ``simulate_24h_s``: wall time of a 24-hour ``normal_day`` shift with the suggested policy.
- ``sla_calibration_loop_1m_ms``: a plain 1M-iteration Python loop, to judge how busy the machine was.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from console.domain.event import Event, Level, Source, State
from console.domain.kpi import KpiColumns, kpis, kpis_by
from console.domain.sla_config import default_table
from console.services.bus import Bus
from console.services.sla_clock import FakeClock, SlaClock

T0 = datetime(2026, 11, 2, 16, 0, tzinfo=UTC)  # Monday 00:00 Asia/Shanghai


def _open_events(n: int) -> list[Event]:
    """n open events received over the last hour, in dispatch (60 s) and sign-for stages."""
    out = []
    span = 3600.0
    for i in range(n):
        recv = T0 + timedelta(seconds=span * i / n)
        if i % 2:
            ev = Event(id=f"b{i}", source=Source.GRID_APP, category="city.garbage", title="暴露垃圾",
                       reported_at=recv, received_at=recv, level=Level.GENERAL, state=State.DISPATCHED,
                       dispatched_at=recv, assignees=["dept.sanitation"])
        else:
            ev = Event(id=f"b{i}", source=Source.HOTLINE_12345, category="city.vending", title="占道经营",
                       reported_at=recv, received_at=recv, level=Level.GENERAL, state=State.NEW)
        out.append(ev)
    return out


def sla_figures(n: int = 100_000, runs: int = 5) -> dict[str, float]:
    table = default_table()
    events = _open_events(n)
    track_ms, tick_ms, fired = [], [], []
    for _ in range(runs):
        bus = Bus()
        count = [0]

        def on_fire(event: Event, deadline: Any, count: list[int] = count) -> None:
            count[0] += 1

        bus.subscribe("sla_warning", on_fire)
        bus.subscribe("sla_breach", on_fire)
        clock = FakeClock(T0)
        sla = SlaClock(bus, table, clock)
        t = time.perf_counter()
        sla.track_many(events)
        track_ms.append((time.perf_counter() - t) * 1000)
        # the dispatch warnings (48 s after receipt) of the first ~2 % of the NEW half = ~1 % of all
        first = T0 + timedelta(seconds=48 + 3600 * 0.02)
        sla.tick(T0 + timedelta(seconds=47))  # nothing due yet
        t = time.perf_counter()
        sla.tick(first)
        tick_ms.append((time.perf_counter() - t) * 1000)
        fired.append(count[0])
    return {
        "sla_tick_100k_open_ms": round(statistics.median(tick_ms), 2),
        "sla_tick_100k_due_events": int(statistics.median(fired)),
        "sla_track_100k_ms": round(statistics.median(track_ms), 1),
    }


def kpi_columns(n: int, seed: int = 1) -> KpiColumns:
    rng = np.random.default_rng(seed)
    start = T0.timestamp()
    recv = np.sort(rng.uniform(start, start + 30 * 86400, n))
    onsite = rng.random(n) < 0.4
    disp = np.where(onsite, np.nan, recv + rng.lognormal(3.3, 0.6, n))
    signed = np.where(rng.random(n) < 0.97, disp + rng.exponential(600, n), np.nan)
    resolved = np.where(onsite, recv, disp + rng.lognormal(8.0, 1.0, n))
    closed = np.where(rng.random(n) < 0.95, resolved + rng.exponential(7200, n), np.nan)
    return KpiColumns(
        received=recv, dispatched=disp, signed=signed, sign_due=disp + 1800.0, resolved=resolved,
        closed=closed, close_due=recv + 5 * 86400.0, onsite=onsite, rejected=rng.random(n) < 0.02,
        grid=rng.integers(0, 151, n).astype(np.int32), dept=rng.integers(0, 14, n).astype(np.int32),
        worker=rng.integers(0, 300, n).astype(np.int32),
        grid_labels=[f"G4-{i:03d}" for i in range(151)], dept_labels=[f"dept.{i}" for i in range(14)],
        worker_labels=[f"w{i}" for i in range(300)],
    )


def kpi_figures(n: int = 1_000_000, runs: int = 5) -> dict[str, float]:
    cols = kpi_columns(n)
    t0, t1 = T0, T0 + timedelta(days=30)
    overall, by_grid, by_dept = [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        kpis(cols, t0, t1)
        overall.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        kpis_by(cols, "grid", t0, t1)
        by_grid.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        kpis_by(cols, "dept", t0, t1)
        by_dept.append((time.perf_counter() - t) * 1000)
    return {
        "kpi_window_1m_ms": round(statistics.median(overall), 1),
        "kpi_window_1m_by_grid_ms": round(statistics.median(by_grid), 1),
        "kpi_window_1m_by_dept_ms": round(statistics.median(by_dept), 1),
    }


def simulate_figure(hours: float = 24.0) -> dict[str, float]:
    from console.domain.district import load_district
    from console.domain.scenario import generate
    from console.services.simulate import Shift, ShiftConfig

    district = load_district(Path(__file__).resolve().parents[2] / "resources" / "demo")
    start = datetime(2026, 11, 22, 16, 0, tzinfo=UTC)
    t = time.perf_counter()
    result = Shift(generate("normal_day", district, seed=1, start=start, hours=hours), start=start, hours=hours,
                   table=default_table(), config=ShiftConfig(), district=district).run()
    return {"simulate_24h_s": round(time.perf_counter() - t, 2),
            "simulate_24h_dispatch_within_60s_rate": result["dispatch_within_60s_rate"]}


def calibration() -> dict[str, float]:
    """A plain Python loop of 1M additions: ~30–60 ms on an idle core; more means a busy machine."""
    t = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i
    return {"sla_calibration_loop_1m_ms": round((time.perf_counter() - t) * 1000, 1)}


def figures(quick: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = calibration()
    out.update(sla_figures(10_000 if quick else 100_000, runs=3 if quick else 5))
    out.update(kpi_figures(100_000 if quick else 1_000_000, runs=3 if quick else 5))
    out.update(simulate_figure(2.0 if quick else 24.0))
    return out


if __name__ == "__main__":
    import json
    import sys

    sys.stdout.write(json.dumps(figures("--quick" in sys.argv)) + "\n")
