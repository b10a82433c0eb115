"""KPI formulas on hand-computed data, from events+actions and from columns."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from console.domain.escalation import Whistle
from console.domain.event import Action, Event, Level, Source, State
from console.domain.kpi import KPI_KEYS, KpiColumns, columns_from_events, kpis, kpis_by
from console.domain.sla import parse_sla
from tests.domain.test_sla_table import BASE, CODES

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
TABLE = parse_sla(BASE + '\n[categories."city.vending"]\nclose = "24h"\n', categories=CODES)


def mk(eid: str, *, grid: str, dept: str | None, recv_min: float, disp_s: float | None = None,
       sign_min: float | None = None, res_min: float | None = None, close_min: float | None = None,
       onsite: bool = False, state: State = State.CLOSED, worker: str = "w1") -> tuple[Event, list[Action]]:
    r = T0 + timedelta(minutes=recv_min)
    d = r + timedelta(seconds=disp_s) if disp_s is not None else None
    ev = Event(id=eid, source=Source.GRID_APP, category="city.vending", title="t", reported_at=r, received_at=r,
               level=Level.GENERAL, grid_id=grid, assignees=[dept] if dept else [], onsite=onsite, state=state,
               dispatched_at=d,
               resolved_at=r + timedelta(minutes=res_min) if res_min is not None else None,
               closed_at=r + timedelta(minutes=close_min) if close_min is not None else None)
    acts = []
    if sign_min is not None:
        acts.append(Action(eid, d + timedelta(minutes=sign_min), "transition", dept, None, State.DISPATCHED,
                           State.ACCEPTED))
    if res_min is not None and not onsite:
        acts.append(Action(eid, r + timedelta(minutes=res_min), "transition", worker, None, State.ON_SCENE,
                           State.RESOLVED, data={"unit_id": worker}))
    return ev, acts


def dataset() -> tuple[list[Event], list[Action]]:
    rows = [
        # grid, dept, recv, dispatch s, sign min, resolve min, close min
        mk("a", grid="g1", dept="d1", recv_min=0, disp_s=30, sign_min=10, res_min=60, close_min=120),
        mk("b", grid="g1", dept="d1", recv_min=10, disp_s=90, sign_min=40, res_min=2000, close_min=2100),
        mk("c", grid="g2", dept="d2", recv_min=20, disp_s=50, sign_min=5, res_min=30, state=State.RESOLVED),
        mk("d", grid="g2", dept=None, recv_min=30, onsite=True, res_min=0, close_min=45),
        mk("e", grid="g2", dept=None, recv_min=40, state=State.NEW),
        mk("f", grid="g1", dept=None, recv_min=50, state=State.REJECTED),
        mk("z", grid="g1", dept="d1", recv_min=-60, disp_s=10, sign_min=1, res_min=5, close_min=10),  # outside
    ]
    return [r[0] for r in rows], [a for r in rows for a in r[1]]


def test_overall_kpis_by_hand() -> None:
    events, actions = dataset()
    cols = columns_from_events(events, actions, TABLE)
    k = kpis(cols, T0, T0 + timedelta(hours=1), now=T0 + timedelta(days=3))
    assert set(k) == set(KPI_KEYS)
    assert k["events"] == 5  # a b c d e (f rejected, z outside the window)
    assert k["closure_rate"] == pytest.approx(3 / 5)  # a b d
    # city.vending closes within 24 h: b (2100 min) is late
    assert k["on_time_rate"] == pytest.approx(2 / 3)
    assert k["onsite_disposal_rate"] == pytest.approx(1 / 5)
    assert k["avg_handling_min"] == pytest.approx((60 + 2000 + 30 + 0) / 4)
    assert k["dispatch_median_s"] == pytest.approx(50)
    assert k["dispatch_p90_s"] == pytest.approx(50 + 0.8 * 40)  # linear between 50 and 90
    assert k["dispatch_within_60s_rate"] == pytest.approx(2 / 4)  # a c of a b c e
    assert k["dept_response_rate"] == pytest.approx(2 / 3)  # sign-for 30 min: b (40 min) late
    assert k["resolved_24h_rate"] == pytest.approx(3 / 5)
    assert k["resolved_7d_rate"] == pytest.approx(4 / 5)


def test_grouped_kpis_and_whistles() -> None:
    events, actions = dataset()
    cols = columns_from_events(events, actions, TABLE)
    w = Whistle.create("wh", "a", ["d1", "d3"], "x", "o", T0, timedelta(minutes=30))
    w.check_in("d1", T0 + timedelta(minutes=5))
    by_dept = kpis_by(cols, "dept", T0, T0 + timedelta(hours=1), now=T0 + timedelta(days=3), whistles=[w])
    assert set(by_dept) == {"d1", "d2", "d3"}
    assert by_dept["d1"]["events"] == 2
    assert by_dept["d1"]["dept_response_rate"] == pytest.approx(2 / 3)  # a in time, b late, whistle in time
    assert by_dept["d3"]["dept_response_rate"] == 0.0
    assert by_dept["d3"]["events"] == 0
    by_grid = kpis_by(cols, "grid", T0, T0 + timedelta(hours=1), now=T0 + timedelta(days=3))
    assert by_grid["g1"]["events"] == 2
    assert by_grid["g2"]["onsite_disposal_rate"] == pytest.approx(1 / 3)
    assert by_grid["g1"]["dispatch_p90_s"] == pytest.approx(30 + 0.9 * 60)
    by_worker = kpis_by(cols, "worker", now=T0 + timedelta(days=3))
    assert by_worker["w1"]["events"] == 4  # a b c z resolved by w1
    overall = kpis(cols, T0, T0 + timedelta(hours=1), now=T0 + timedelta(days=3), whistles=[w])
    assert overall["dept_response_rate"] == pytest.approx(3 / 5)
    with pytest.raises(ValueError):
        kpis_by(cols, "planet")


def test_known_at_now_and_first_minute() -> None:
    events, actions = dataset()
    cols = columns_from_events(events, actions, TABLE)
    k = kpis(cols, T0, T0 + timedelta(hours=1), now=T0 + timedelta(minutes=40, seconds=30))
    # at 00:40:30 event e (received 00:40) is in its first minute: not counted late yet
    assert k["dispatch_within_60s_rate"] == pytest.approx(2 / 3)
    assert k["closure_rate"] == pytest.approx(0.0)


def test_empty_window_gives_none() -> None:
    cols = columns_from_events([], [])
    k = kpis(cols)
    assert k["events"] == 0
    assert all(v is None for key, v in k.items() if key != "events")


def test_columns_match_a_vectorised_reference() -> None:
    rng = np.random.default_rng(7)
    n = 5000
    recv = rng.uniform(0, 86400, n)
    onsite = rng.random(n) < 0.3
    disp = np.where(onsite, np.nan, recv + rng.exponential(40, n))
    res = recv + rng.exponential(3000, n)
    nanv = np.full(n, np.nan)
    cols = KpiColumns(recv, disp, nanv, nanv, res, nanv, nanv, onsite, np.zeros(n, bool),
                      rng.integers(0, 5, n).astype(np.int32), np.zeros(n, np.int32), np.zeros(n, np.int32),
                      [f"g{i}" for i in range(5)], ["d"], ["w"])
    by = kpis_by(cols, "grid", now=1e9)
    for i in range(5):
        sel = (cols.grid == i) & ~onsite
        delays = (disp - recv)[sel]
        assert by[f"g{i}"]["dispatch_median_s"] == pytest.approx(float(np.median(delays)))
        assert by[f"g{i}"]["dispatch_p90_s"] == pytest.approx(float(np.percentile(delays, 90)))
        assert by[f"g{i}"]["avg_handling_min"] == pytest.approx(float((res - recv)[cols.grid == i].mean() / 60))
    assert not math.isnan(kpis(cols, now=1e9)["dispatch_p90_s"])
