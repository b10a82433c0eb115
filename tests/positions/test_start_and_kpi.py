"""The console's start of the positions intake (demo without a broker: in-process patrols), the
live roster's states, and 巡查覆盖率 in the KPIs and for the reports."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from console.core import TaskRunner
from console.domain.patrol_sim import PatrolSim
from console.domain.positions import Fix
from console.services.bus import Bus
from console.services.coverage import KPI_KEY, PatrolCoverage, patrol_coverage_report
from console.services.positions import OFF_DUTY, ON_DUTY, ON_TASK, STALE, LiveWorkers, PositionService
from console.services.positions_start import start_positions, stop_positions
from tests.positions.broker import free_port


async def test_demo_without_a_broker_patrols_in_process(store, district, monkeypatch):
    monkeypatch.setattr("console.services.positions_start.DEFAULT_BROKER", f"mqtt://127.0.0.1:{free_port()}")
    arrived = asyncio.Event()
    bus = Bus()
    bus.subscribe("worker_positions", lambda worker_ids: arrived.set())
    core = SimpleNamespace(positions=PositionService(store, district, bus), tasks=TaskRunner(), seat="s1",
                           district=district)
    started = await start_positions(core, broker=None, demo=True)
    try:
        assert started["mode"] == "in-process"
        # fixes flow: simulator → position service → store → bus
        await asyncio.wait_for(arrived.wait(), 15)
        assert core.positions.stats.stored > 0
        now = datetime.now(UTC)
        assert store.positions.tracks(now - timedelta(hours=1), now)  # the demo backfilled the last hour
    finally:
        await core.tasks.cancel_all()
        await stop_positions(core, started)


def test_states_on_duty_off_duty_on_task_stale(district):
    now = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
    tasks = {"m-0003"}
    live = LiveWorkers(district, clock=lambda: now, on_task=lambda: tasks)
    us = int(now.timestamp() * 1e6)
    live.update([Fix("m-0001", us, 104.0, 30.55), Fix("m-0002", us, 104.0, 30.55, duty="off"),
                 Fix("m-0003", us, 104.0, 30.55), Fix("m-0010", us - 301 * 10**6, 104.0, 30.55),
                 Fix("m-0004", us, 104.0, 30.55)])  # m-0004: off duty on the roster, never clocked in
    states = {v.id: v.state for v in live.views()}
    assert states == {"m-0001": ON_DUTY, "m-0002": OFF_DUTY, "m-0003": ON_TASK, "m-0010": STALE,
                      "m-0004": OFF_DUTY}
    live.update([Fix("m-0004", us + 10**6, 104.0, 30.55, duty="on")])
    assert live.state_of("m-0004") == ON_DUTY
    live.update([Fix("m-0004", us - 10**6, 1.0, 1.0)])  # late and older: not the live position
    assert live.entries["m-0004"].lon == 104.0


def test_patrol_coverage_in_the_kpis_and_for_reports(store, district):
    from console.domain.sla import load_sla
    from console.services.kpi_service import KpiService

    now = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # 14:00 in the room: the day shift began at 08:00
    sim = PatrolSim(district, start=now - timedelta(hours=6), off_duty_after_s=None)
    h = sim.history((now - timedelta(hours=2)).timestamp(), now.timestamp())
    store.positions.append([Fix(w, int(r[0] * 1e6), r[1], r[2]) for w, a in h.items() for r in a])
    cov = PatrolCoverage(store, district)
    name, result = cov.shift(now)
    assert name == "day"
    assert 0.2 < result.rate() < 1.0
    report = patrol_coverage_report(store, district, now - timedelta(hours=6), now, shift="day")
    assert report.rate == result.rate()
    community = district.grids["yg-c01-m01"].parent_id
    assert 0 <= report.by_grid[community] <= 1
    assert report.total_m[community] > report.total_m["yg-c01-m01"]
    from pathlib import Path

    table = load_sla(Path(__file__).resolve().parents[2] / "resources" / "sla.toml")
    figures = KpiService(store, table, coverage=cov).compute(now)
    assert figures[KPI_KEY] == result.rate()


def test_on_a_task_follows_the_room(district):
    from console.domain.event import Event, Source, State
    from console.services.positions import TaskIndex
    from console.services.room import Room

    bus = Bus()
    room = Room(bus)
    index = TaskIndex(bus, room)
    now = datetime.now(UTC)
    ev = Event(id="e1", source=Source.GRID_APP, category="env", title="t", reported_at=now, state=State.NEW)
    room.load([ev])
    assert index.tasks() == set()
    room.upsert([Event(id="e1", source=Source.GRID_APP, category="env", title="t", reported_at=now,
                       state=State.DISPATCHED, assignees=["m-0003", "dept.cityenf"])])  # dispatched
    assert "m-0003" in index
    live = LiveWorkers(district, on_task=index.tasks)
    live.update([Fix("m-0003", int(now.timestamp() * 1e6), 104.0, 30.55)])
    assert live.state_of("m-0003") == ON_TASK
    room.upsert([Event(id="e1", source=Source.GRID_APP, category="env", title="t", reported_at=now,
                       state=State.CLOSED, assignees=["m-0003", "dept.cityenf"])])  # closed: leaves the room
    assert live.state_of("m-0003") == ON_DUTY
