"""The wall and the report read a room's PostgreSQL store in read-only transactions (issue 16)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from console.bench.wall_room import build_room
from console.core import load_or_seed_district
from console.domain.kpi import columns_from_events, kpis
from console.domain.sla import default_table
from console.services.report import build_report, day_window
from console.services.wall_data import WallDataService, whistles_of
from console.store import open_store

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)


def test_wall_and_report_on_postgres_read_only(pg_url) -> None:
    rw = open_store(pg_url)
    try:
        district = load_or_seed_district(rw)
        build_room(rw, district, default_table(), NOW, days=2, history_per_day=40, open_extra=60, seed=9)
    finally:
        rw.close()
    ro = open_store(pg_url, readonly=True)
    try:
        svc = WallDataService(ro, default_table(), clock=lambda: NOW)
        snap = svc.refresh()
        start = svc.day_start(NOW)
        events = ro.events.search(since=start - timedelta(days=2), until=NOW + timedelta(seconds=1), limit=10_000)
        want = kpis(columns_from_events(events, ro.actions.log([e.id for e in events]), default_table()),
                    start, NOW, now=NOW,
                    whistles=[w for w in whistles_of(ro)[0] if start <= w.blown_at <= NOW])
        assert snap.tiles["closure_rate"] == pytest.approx(want["closure_rate"])
        assert snap.tiles["open"] == len(ro.events.load_open()) > 0
        assert svc.refresh().tiles == snap.tiles  # the incremental path on PostgreSQL
        t0, t1 = day_window(NOW.date() - timedelta(days=1), "Asia/Shanghai")
        data = build_report(ro, default_table(), t0, t1, district=district, now=NOW)
        assert data.kpis["events"] == 40
        with pytest.raises(sa.exc.DBAPIError, match="read-only"), ro.engine.connect() as c:
            c.execute(sa.text("UPDATE events SET title = 'x'"))
    finally:
        ro.close()
