"""The lifecycle's side effects and the pure decisions (issue 11): one place, one answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.domain import decisions as d
from console.domain.event import Event, Level, Source, State
from console.domain.lifecycle import transition
from console.domain.sla import Stage, default_table, next_deadline

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
WHO = d.Who("officer-li", "seat-1")
TABLE = default_table()


def _new(**kw) -> Event:
    base = dict(id="e1", source=Source.GRID_APP, category="city.garbage", title="暴露垃圾", reported_at=T0,
                received_at=T0, updated_at=T0)
    base.update(kw)
    return Event(**base)


def _deadline(ev: Event) -> datetime | None:
    dl = next_deadline(ev, TABLE)
    return dl.at if dl else None


def _dispatch(ev: Event, at: datetime, units=("dept.sanitation",)) -> Event:
    return d.fold(ev, d.dispatch(ev, WHO, at, list(units), "请处置", names={}, deadline_of=_deadline))


def test_a_re_dispatch_after_a_return_restarts_the_sign_for_clock() -> None:
    ev = _dispatch(_new(), T0 + timedelta(seconds=30))
    first_sign = _deadline(ev)
    # the department returns it three hours later ("not ours"): the live status path
    ev, _ = transition(ev, State.RETURNED, actor="dept.sanitation", at=T0 + timedelta(hours=3),
                       note="非本单位职责")
    assert ev.assignees == []  # no longer with the department that refused it
    assert ev.extra["returned_reason"] == "非本单位职责"
    assert next_deadline(ev, TABLE).kind is Stage.DISPATCH
    redispatched_at = T0 + timedelta(hours=3, minutes=1)
    ev = _dispatch(ev, redispatched_at, ("dept.cityenf",))
    sign = next_deadline(ev, TABLE)
    assert sign.kind is Stage.SIGN
    assert sign.at > redispatched_at > first_sign  # not born overdue
    assert ev.assignees == ["dept.cityenf"]
    assert ev.dispatched_at == T0 + timedelta(seconds=30)  # the first dispatch (time-to-dispatch KPI)
    # arrival and resolution also run from the re-dispatch
    ev, _ = transition(ev, State.ACCEPTED, actor="dept.cityenf", at=redispatched_at + timedelta(minutes=5))
    assert next_deadline(ev, TABLE).at > redispatched_at + timedelta(minutes=5)


def test_dispatch_action_names_units_and_a_deadline_after_it() -> None:
    ev = _new()
    acts = d.dispatch(ev, WHO, T0, ["dept.sanitation", "dept.cityenf"], "请处置", names={"dept.sanitation": "环卫所"},
                      deadline_of=_deadline, category="city.garbage", level=Level.SIGNIFICANT)
    kinds = [(a.kind, a.to_state) for a in acts]
    assert kinds == [("triage", None), ("transition", State.FILED), ("transition", State.DISPATCHED),
                     ("dispatch", None)]
    dispatch = acts[-1]
    assert dispatch.data["targets"] == ["dept.sanitation", "dept.cityenf"]
    assert dispatch.data["target_names"] == ["环卫所", "dept.cityenf"]
    assert datetime.fromisoformat(dispatch.data["deadline"]) > T0
    after = d.fold(ev, acts)
    assert (after.state, after.level, after.assignees) == (State.DISPATCHED, Level.SIGNIFICANT,
                                                           ["dept.sanitation", "dept.cityenf"])


@pytest.mark.parametrize("state", [State.DISPATCHED, State.ACCEPTED, State.ON_SCENE, State.RESOLVED])
def test_a_second_dispatch_is_refused_with_the_unit(state) -> None:
    ev = _new(state=state, assignees=["dept.sanitation"])
    with pytest.raises(d.Refused, match="已派遣给 环卫所"):
        d.dispatch(ev, WHO, T0, ["dept.cityenf"], "请处置", names={"dept.sanitation": "环卫所"}, deadline_of=_deadline)


def test_failed_check_goes_back_to_the_same_units_with_a_fresh_clock() -> None:
    ev = _new(state=State.RESOLVED, assignees=["dept.sanitation"], dispatched_at=T0, resolved_at=T0)
    with pytest.raises(d.Refused, match="原因"):
        d.verify(ev, WHO, T0, False, " ")
    at = T0 + timedelta(hours=5)
    after = d.fold(ev, d.verify(ev, WHO, at, False, "现场仍有垃圾"))
    assert (after.state, after.assignees, after.resolved_at) == (State.DISPATCHED, ["dept.sanitation"], None)
    assert next_deadline(after, TABLE).at > at


def test_suspension_pauses_the_clock_and_resume_returns_where_it_was() -> None:
    ev = _dispatch(_new(), T0)
    before = _deadline(ev)
    ev = d.fold(ev, d.suspend(ev, WHO, T0 + timedelta(minutes=1), T0 + timedelta(days=1), "leader", "等待答复"))
    assert ev.state is State.SUSPENDED
    assert _deadline(ev) is None
    ev = d.fold(ev, d.resume(ev, WHO, T0 + timedelta(hours=2, minutes=1)))
    assert ev.state is State.DISPATCHED
    assert _deadline(ev) == before + timedelta(hours=2)  # moved by the pause


def test_whistle_needs_a_reason_and_departments() -> None:
    ev = _new()
    with pytest.raises(d.Refused, match="事由"):
        d.whistle(ev, WHO, T0, whistle_id="w", departments=["dept.housing"], note=" ", checkin_by=T0, names={})
    with pytest.raises(d.Refused, match="部门"):
        d.whistle(ev, WHO, T0, whistle_id="w", departments=[], note="联合处置", checkin_by=T0, names={})
    (act,) = d.whistle(ev, WHO, T0, whistle_id="w", departments=["dept.housing"], note="联合处置", checkin_by=T0,
                       names={"dept.housing": "住建办"})
    assert act.data["department_names"] == ["住建办"]
    assert not d.changes_event(act)


def test_a_hub_refusal_puts_the_event_back() -> None:
    ev = _new()
    sent = _dispatch(ev, T0)
    back = d.fold(sent, d.dispatch_failed(sent, ev, WHO, T0, "unknown unit"))
    assert (back.state, back.assignees, back.dispatched_at, back.extra) == (State.NEW, [], None, {})
