"""Escalation rules and records: tiers, escalate_event, Broadcast, Whistle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.domain.escalation import (
    Broadcast,
    Tier,
    Whistle,
    escalate_event,
    escalation_target,
    tier_for_grid_level,
    tier_of,
)
from console.domain.event import Event, Level, Source, State
from console.domain.sla import SLA_START_KEY

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def ev(state: State = State.NEW, **kw) -> Event:
    return Event(id="e1", source=Source.HOTLINE_12345, category="city.garbage", title="t", reported_at=T0,
                 received_at=T0, state=state, **kw)


@pytest.mark.parametrize(
    ("tier", "level", "target"),
    [
        (Tier.MICRO_GRID, Level.GENERAL, Tier.COMMUNITY),
        (Tier.MICRO_GRID, Level.SIGNIFICANT, Tier.COMMUNITY),
        (Tier.MICRO_GRID, Level.MAJOR, Tier.STREET),
        (Tier.MICRO_GRID, Level.CRITICAL, Tier.STREET),
        (Tier.COMMUNITY, Level.GENERAL, Tier.STREET),
        (Tier.STREET, Level.GENERAL, Tier.DISTRICT),
        (Tier.STREET, Level.CRITICAL, Tier.DISTRICT),
        (Tier.DISTRICT, Level.GENERAL, None),
    ],
)
def test_escalation_target(tier: Tier, level: Level, target: Tier | None) -> None:
    assert escalation_target(tier, level) is target


def test_tiers_from_grid_levels_and_records() -> None:
    assert [tier_for_grid_level(n) for n in (None, 5, 4, 3, 2, 1, 0)] == [
        Tier.MICRO_GRID, Tier.MICRO_GRID, Tier.MICRO_GRID, Tier.COMMUNITY, Tier.COMMUNITY, Tier.STREET, Tier.DISTRICT]
    assert tier_of(ev(extra={"tier": "street"})) is Tier.STREET
    assert tier_of(ev(extra={"tier": "bogus"}), 3) is Tier.COMMUNITY
    assert Tier.parse("micro_grid") is Tier.MICRO_GRID
    assert Tier.STREET.name_zh == "街道"


def test_waiting_event_transitions_and_restarts_dispatch_clock() -> None:
    at = T0 + timedelta(minutes=1)
    new, actions = escalate_event(ev(), to_tier=Tier.COMMUNITY, reason="sla_breach:dispatch", actor="system", at=at)
    assert new.state is State.ESCALATED
    assert new.extra["tier"] == "community"
    assert new.extra[SLA_START_KEY] == {"stage": "dispatch", "at": at.isoformat()}
    assert [a.kind for a in actions] == ["transition", "escalate"]
    assert actions[1].data == {"from_tier": "micro_grid", "to_tier": "community", "reason": "sla_breach:dispatch"}


def test_dispatched_event_keeps_its_state() -> None:
    e = ev(State.DISPATCHED, dispatched_at=T0, assignees=["dept.sanitation"])
    new, actions = escalate_event(e, to_tier=Tier.STREET, reason="sla_breach:sign", actor="system", at=T0,
                                  from_tier=Tier.COMMUNITY)
    assert new.state is State.DISPATCHED
    assert new.assignees == ["dept.sanitation"]
    assert [a.kind for a in actions] == ["escalate"]
    assert actions[0].data["from_tier"] == "community"
    assert SLA_START_KEY not in new.extra


def test_broadcast_record() -> None:
    b = Broadcast.create("bc-1", "防汛", ["g1", "g2", "g1"], "cmd", T0, timedelta(minutes=15))
    assert list(b.acks) == ["g1", "g2"]
    assert b.acknowledge("g2", T0 + timedelta(minutes=20))
    assert not b.acknowledge("g2", T0 + timedelta(minutes=21))
    assert b.silent() == ["g1"]
    assert b.ack_rate == 0.5
    assert b.ack_in_time_rate() == 0.0
    with pytest.raises(ValueError):
        Broadcast.create("bc-2", "x", [], "cmd", T0, timedelta(minutes=1))


def test_whistle_record() -> None:
    w = Whistle.create("wh-1", "e1", ["a", "b", "c", "d"], "联合处置", "officer", T0, timedelta(minutes=30))
    assert w.overdue(T0 + timedelta(minutes=29)) == []
    w.check_in("a", T0 + timedelta(minutes=5))
    w.check_in("b", T0 + timedelta(minutes=30))  # exactly at the deadline: in time
    assert not w.check_in("a", T0 + timedelta(minutes=6))
    assert w.overdue(T0 + timedelta(minutes=31)) == ["c", "d"]
    w.mark_red(["c", "d"])
    assert w.overdue(T0 + timedelta(minutes=32)) == []
    w.check_in("c", T0 + timedelta(minutes=40))
    w.report_progress("a", T0 + timedelta(minutes=50), "已完成排查")
    assert w.red == ["c", "d"]
    assert w.response_rate == 0.5
    assert w.summons["a"].progress == [(T0 + timedelta(minutes=50), "已完成排查")]
    with pytest.raises(KeyError):
        w.check_in("zzz", T0)
    with pytest.raises(ValueError):
        Whistle.create("wh-2", "e1", [], "x", "o", T0, timedelta(minutes=30))
