"""The officer's KPI strip (KpiService): 部门响应率 counts the departments' sign-for times from the action log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.bench.wall_room import build_room
from console.core import load_or_seed_district
from console.domain.kpi import columns_from_events, kpis
from console.domain.sla import default_table
from console.services.kpi_service import KpiService
from console.store import open_store

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)  # 15:30 in the room


def test_strip_dept_response_rate_sees_sign_for_times(tmp_path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'room.db'}")
    try:
        build_room(store, load_or_seed_district(store), default_table(), NOW, days=1, history_per_day=80,
                   open_extra=40, seed=5)
        figures = KpiService(store, default_table()).compute(now=NOW)
        start = KpiService(store, default_table()).day_start(NOW)
        events = store.events.search(since=start, until=NOW + timedelta(seconds=1), limit=100_000)
        want = kpis(columns_from_events(events, store.actions.log([e.id for e in events]), default_table()),
                    start, NOW, now=NOW)
        blind = kpis(columns_from_events(events, (), default_table()), start, NOW, now=NOW)
        assert want["dept_response_rate"] > 0.0
        assert blind["dept_response_rate"] == 0.0  # without the log no department ever signed for
        for key, value in want.items():
            assert figures[key] == pytest.approx(value, rel=1e-9, nan_ok=True), key
    finally:
        store.close()
