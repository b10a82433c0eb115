"""The wall's data service (issue 16): the KPI strip's formulas, incremental reads that agree with a
full read, alarms that are new since the last refresh, and no write to the room's database."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from console.bench.wall_room import build_room
from console.core import load_or_seed_district
from console.domain.event import Action, Event, Level, Location, Source, State
from console.domain.kpi import columns_from_events, kpis
from console.domain.sla import default_table
from console.services.wall_data import TILE_KEYS, WallDataService, whistles_of
from console.store import open_store

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)  # 15:30 in the room
KPI_TILES = [k for k in TILE_KEYS if k not in ("open", "overdue", "patrol_coverage_rate")]


@pytest.fixture
def room(tmp_path) -> tuple[str, object]:
    url = f"sqlite:///{tmp_path / 'room.db'}"
    store = open_store(url)
    district = load_or_seed_district(store)
    build_room(store, district, default_table(), NOW, days=7, history_per_day=60, open_extra=300, seed=11)
    store.close()
    return url, district


def digest(url: str) -> str:
    return hashlib.sha256(Path(url.removeprefix("sqlite:///")).read_bytes()).hexdigest()


def service(url: str, now: datetime = NOW) -> tuple[WallDataService, object]:
    store = open_store(url, readonly=True)
    clock = {"now": now}
    return WallDataService(store, default_table(), clock=lambda: clock["now"]), store


def test_tiles_are_the_kpi_strip_formulas_over_today(room) -> None:
    url, _ = room
    svc, store = service(url)
    try:
        snap = svc.refresh()
        start = svc.day_start(NOW)
        with open_store(url, readonly=True) as ro:
            events = ro.events.search(since=start - timedelta(days=2), until=NOW + timedelta(seconds=1),
                                      limit=100_000)
            actions = ro.actions.log([e.id for e in events])
            whistles = [w for w in whistles_of(ro)[0] if start <= w.blown_at <= NOW]
            open_events = ro.events.load_open()
        want = kpis(columns_from_events(events, actions, default_table()), start, NOW, now=NOW, whistles=whistles)
        assert want["events"] > 100
        for key in KPI_TILES:
            assert snap.tiles[key] == pytest.approx(want[key], rel=1e-9), key
        assert snap.tiles["open"] == len(open_events)
        assert snap.tiles["overdue"] == sum(1 for e in open_events if e.deadline_at and e.deadline_at < NOW)
        assert sum(snap.grid_open.values()) == sum(1 for e in open_events if e.grid_id)
        assert len(snap.sparks["closure_rate"]) == 8
        assert snap.sparks["closure_rate"][-1] == snap.tiles["closure_rate"]
        assert snap.yesterday["closure_rate"] == snap.sparks["closure_rate"][-2]
        assert sum(snap.hour_today) == want["events"] + sum(1 for e in events if e.state is State.REJECTED
                                                             and e.received_at and e.received_at >= start)
        assert snap.whistles
        assert all(w["summons"] for w in snap.whistles)
        assert {k for k in snap.rankings} == {"grid", "dept", "worker"}
        assert snap.rankings["dept"]
        overdue_ids = {r.id for r in snap.overdue}
        assert all(r.past_s > 0 or r.supervised for r in snap.overdue)
        assert overdue_ids
    finally:
        store.close()


def test_incremental_refresh_agrees_with_a_full_read_and_never_writes(room) -> None:
    url, district = room
    before = digest(url)
    svc, store = service(url)
    try:
        svc.refresh()
        assert digest(url) == before
        # the room moves on: one event signed for (a write and its action), one new critical report
        with open_store(url) as rw:
            ev = next(e for e in rw.events.load_open() if e.state is State.DISPATCHED)
            rw.events.update(ev.copy(state=State.ACCEPTED, version=ev.version + 1))
            rw.actions.append_many([Action(ev.id, NOW, "transition", "unit-x", from_state=State.DISPATCHED,
                                           to_state=State.ACCEPTED, data={"unit_id": "unit-x"})])
            leaf = district.leaves[0]
            lon, lat = leaf.polygon[0][0]
            rw.events.insert_many([Event("wall-new-critical", Source.IOT, "safety", "燃气泄漏（新）", NOW,
                                         level=Level.CRITICAL, location=Location(lat, lon), grid_id=leaf.id,
                                         received_at=NOW, state=State.NEW, deadline_at=NOW + timedelta(seconds=60))])
        before = digest(url)
        snap = svc.refresh()
        assert svc.cols.loaded_rows == 2  # only what changed was read
        assert digest(url) == before
        assert [a.id for a in snap.alarms_new] == ["wall-new-critical"]
        again = svc.refresh()
        assert again.alarms_new == []  # an alarm is raised once
        fresh, store2 = service(url)
        try:
            full = fresh.refresh()
        finally:
            store2.close()
        for key in KPI_TILES + ["open", "overdue"]:
            assert snap.tiles[key] == pytest.approx(full.tiles[key], rel=1e-12), key
        assert snap.tiles["patrol_coverage_rate"] is None  # no coverage service: no tile value
        assert snap.grid_open == full.grid_open
        assert snap.grid_overdue == full.grid_overdue
        assert sorted(snap.markers.ids) == sorted(full.markers.ids)
    finally:
        store.close()


def test_a_deadline_passing_raises_a_breach_alarm_once(room) -> None:
    url, _ = room
    svc, store = service(url)
    try:
        snap = svc.refresh()
        pending = [a for a in snap.alarms if not a.breached]
        if not pending:
            pytest.skip("the synthetic room has no major/critical event before its deadline")
        first = min(pending, key=lambda a: a.deadline)
        later = datetime.fromtimestamp(first.deadline + 1, UTC)
        svc.clock = lambda: later
        snap = svc.refresh()
        assert first.id in {a.id for a in snap.alarms_new if a.breached}
        assert first.id not in {a.id for a in svc.refresh().alarms_new}
    finally:
        store.close()


def test_an_empty_store_gives_empty_tiles(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    open_store(url).close()
    svc, store = service(url)
    try:
        snap = svc.refresh()
    finally:
        store.close()
    assert snap.tiles["closure_rate"] is None
    assert snap.tiles["open"] == 0
    assert snap.overdue == []
    assert snap.alarms == []
    assert snap.hour_today == [0] * 24
