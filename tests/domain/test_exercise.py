"""Exercise and test messages (演练/测试): flagged on arrival, never counted in the live KPIs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from console.domain.event import Event, Source, State
from console.domain.kpi import columns_from_events, kpis
from console.net.adapters.cap import parse_cap
from console.net.protocol import event_from_dict

FIX = Path(__file__).resolve().parents[1] / "net" / "fixtures"
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def wire(eid: str, **extra) -> dict:
    return {"id": eid, "source": "grid_app", "category": "city.garbage", "title": "垃圾堆放",
            "reported_at": "2026-11-23T09:00:00+08:00", "grid_id": "g1", **extra}


def test_feed_flag_and_cap_exercise_and_test_mark_an_event_as_exercise():
    assert event_from_dict(wire("e1", exercise=True)).is_exercise
    assert not event_from_dict(wire("e2")).is_exercise
    assert not event_from_dict(wire("e3", exercise="yes")).is_exercise  # only a JSON true counts
    for name, status, exercise in (("cap_exercise.xml", "Exercise", True), ("cap_actual.xml", "Actual", False)):
        (_kind, record), *_ = parse_cap((FIX / name).read_bytes()).records
        event = event_from_dict(record)
        assert (event.extra["cap"]["status"], event.is_exercise) == (status, exercise)
    test_msg = wire("cap-test:1", cap={"status": "Test"})
    assert event_from_dict(test_msg).is_exercise


def _event(eid: str, *, exercise: bool, dispatch_after: float) -> Event:
    extra = {"exercise": True} if exercise else {}
    return Event(id=eid, source=Source.GRID_APP, category="city.garbage", title=eid, reported_at=T0,
                 received_at=T0, state=State.CLOSED, dispatched_at=T0 + timedelta(seconds=dispatch_after),
                 resolved_at=T0 + timedelta(minutes=30), closed_at=T0 + timedelta(minutes=40), extra=extra)


def test_exercise_events_are_left_out_of_every_kpi():
    live = [_event("live-1", exercise=False, dispatch_after=30), _event("live-2", exercise=False, dispatch_after=50)]
    drill = [_event(f"drill-{i}", exercise=True, dispatch_after=600) for i in range(5)]
    only_live = kpis(columns_from_events(live), now=T0 + timedelta(hours=1))
    with_drills = kpis(columns_from_events(live + drill), now=T0 + timedelta(hours=1))
    assert with_drills == only_live
    assert with_drills["events"] == 2
    assert with_drills["dispatch_within_60s_rate"] == 1.0
