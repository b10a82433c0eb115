"""Escalation service: 一键上报, 督办, 一键下达 roll call, 吹哨报到."""

from __future__ import annotations

from datetime import timedelta

import pytest

from console.domain.escalation import Tier
from console.domain.event import Level, State
from console.domain.grid import Grid, GridKind
from console.services.decisions import DecisionRefused
from tests.services.test_sla_support import T0, Rig


class FakeDistrict:
    """street s → block b1 → community c1 → micro-grids m1, m2; police grid p1 (overlay)."""

    def __init__(self) -> None:
        self.grids = {g.id: g for g in (
            Grid("s", "街道", 1, None), Grid("b1", "街区", 2, "s"), Grid("c1", "社区", 3, "b1"),
            Grid("m1", "微网格1", 4, "c1"), Grid("m2", "微网格2", 4, "c1"),
            Grid("p1", "警格", 1, None, kind=GridKind.POLICE),
        )}

    def grid(self, grid_id: str) -> Grid | None:
        return self.grids.get(grid_id)

    def ancestors(self, grid_id: str) -> list[Grid]:
        out, g = [], self.grids[grid_id]
        while g.parent_id is not None:
            g = self.grids[g.parent_id]
            out.append(g)
        return out

    def children(self, grid_id: str | None) -> list[Grid]:
        return [g for g in self.grids.values() if g.parent_id == grid_id]


def test_one_key_report_goes_to_the_street_with_target_grid() -> None:
    r = Rig(auto=False)
    r.esc.district = FakeDistrict()
    r.add("e1", grid_id="m1")
    ev = r.do(r.esc.escalate("e1", "群众反映强烈"))
    assert ev.state is State.ESCALATED
    assert ev.extra["tier"] == "street"
    act = r.actions("escalate")[-1]
    assert act.data == {"from_tier": "micro_grid", "to_tier": "street", "reason": "manual", "to_grid": "s"}
    assert r.store.events.get("e1").extra["tier"] == "street"  # stored, not only in the room
    assert (act.actor, act.seat, act.note) == ("officer-li", "seat-1", "群众反映强烈")
    assert r.commands[-1]["action"] == "escalate"
    assert r.commands[-1]["payload"]["to_tier"] == "street"
    # once at the street, one key pushes it to the district
    ev = r.do(r.esc.escalate("e1", "街道无法处置"))
    assert ev.extra["tier"] == "district"
    assert r.do(r.esc.escalate("e1", "again")) is None  # top


def test_escalation_tier_from_grid_level() -> None:
    r = Rig()
    r.esc.district = FakeDistrict()
    r.add("c", grid_id="c1")  # a community grid's event starts at the community tier
    r.clock.advance(60)
    act = r.actions("escalate")[-1]
    assert (act.data["from_tier"], act.data["to_tier"], act.data["to_grid"]) == ("community", "street", "s")


def test_supervise_marks_and_reminds_departments() -> None:
    r = Rig()
    seen: list[tuple[str, str]] = []
    r.bus.subscribe("event_supervised", lambda event, officer, note: seen.append((event.id, officer)))
    r.add("e1")
    r.dispatch("e1", ["dept.sanitation", "dept.cityenf"])
    ev = r.do(r.esc.supervise("e1", "请今日内处置", "leader-zhao"))
    assert ev.supervised
    assert r.room.get("e1").supervised
    assert seen == [("e1", "leader-zhao")]
    cmd = r.commands[-1]
    assert cmd["action"] == "remind"
    assert cmd["event_id"] == "e1"
    assert cmd["payload"] == {"departments": ["dept.sanitation", "dept.cityenf"], "note": "请今日内处置",
                              "officer": "leader-zhao", "seat": "seat-1"}
    act = r.actions("supervise")[-1]
    assert (act.actor, act.seat, act.data["departments"]) == ("leader-zhao", "seat-1", ["dept.sanitation", "dept.cityenf"])
    assert r.store.events.get("e1").supervised


def test_broadcast_roll_call_and_resend() -> None:
    r = Rig(auto=False)
    r.esc.district = FakeDistrict()
    overdue: list[list[str]] = []
    r.bus.subscribe("broadcast_overdue", lambda broadcast, silent: overdue.append(list(silent)))
    b = r.esc.broadcast("台风红色预警：立即转移低洼地带人员", None, "commander")
    assert list(b.acks) == ["b1", "c1", "m1", "m2"]  # every grid below the street, no police overlay
    assert r.commands[-1]["action"] == "broadcast"
    assert r.commands[-1]["payload"]["grid_ids"] == ["b1", "c1", "m1", "m2"]
    r.clock.advance(120)
    r.esc.acknowledge(b.id, "m1")
    r.esc.acknowledge(b.id, "m1")  # repeated ack is ignored
    r.esc.acknowledge(b.id, "c1", at=T0 + timedelta(minutes=3))
    assert b.acks["m1"] == T0 + timedelta(seconds=120)
    assert b.silent() == ["b1", "m2"]
    assert b.ack_rate == 0.5
    assert r.esc.resend_to_silent(b.id) == ["b1", "m2"]
    assert r.commands[-1]["payload"]["grid_ids"] == ["b1", "m2"]
    assert b.sends == {"b1": 2, "c1": 1, "m1": 1, "m2": 2}
    r.clock.advance(timedelta(minutes=15))  # past the 15 min acknowledgement deadline
    assert overdue == [["b1", "m2"]]
    r.esc.acknowledge(b.id, "b1")
    assert b.ack_in_time_rate() == 0.5
    with pytest.raises(KeyError):
        r.esc.acknowledge(b.id, "nowhere")
    with pytest.raises(KeyError):
        r.esc.resend_to_silent("bc-404")
    explicit = r.esc.broadcast("注意", ["m2"], "commander")
    assert list(explicit.acks) == ["m2"]


def test_whistle_checkins_red_and_escalation() -> None:
    r = Rig(auto=False)
    red: list[list[str]] = []
    r.bus.subscribe("whistle_red", lambda whistle, department_ids: red.append(list(department_ids)))
    r.add("e1", category="dispute.property", level=Level.SIGNIFICANT)
    r.dispatch("e1", ["dept.community"])
    w = r.do(r.esc.whistle("e1", ["dept.housing", "dept.justice", "dept.police"], "物业纠纷多部门联合处置"))
    assert w.checkin_by == T0 + timedelta(minutes=30)
    assert r.commands[-1]["action"] == "whistle"
    r.clock.advance(timedelta(minutes=10))
    r.esc.check_in(w.id, "dept.housing")
    r.esc.report_progress(w.id, "dept.housing", "已到场，正在协调")
    r.clock.advance(timedelta(minutes=15))
    r.esc.check_in(w.id, "dept.justice")
    r.clock.advance(timedelta(minutes=5))  # 30 min: police never checked in
    assert red == [["dept.police"]]
    assert w.red == ["dept.police"]
    esc = r.actions("escalate")[-1]
    assert esc.data["reason"] == "whistle_no_show"
    assert esc.data["departments"] == ["dept.police"]
    r.clock.advance(timedelta(minutes=5))
    r.esc.check_in(w.id, "dept.police")  # late check-in stays red and does not count as in time
    assert w.response_rate == pytest.approx(2 / 3)
    assert r.esc.check_whistle(w.id) == []  # nothing new; no second escalation
    assert len([a for a in r.actions("escalate") if a.data["reason"] == "whistle_no_show"]) == 1
    kinds = [a.kind for a in r.actions() if a.event_id == "e1"]
    assert kinds.count("check_in") == 3
    assert "whistle" in kinds
    assert "progress" in kinds
    assert r.esc.tier(r.room.get("e1")) is Tier.COMMUNITY


def test_whistle_without_reason_or_departments_is_refused() -> None:
    r = Rig(auto=False)
    r.add("e1")
    with pytest.raises(DecisionRefused, match="事由"):
        r.do(r.esc.whistle("e1", ["dept.housing"], "   "))
    with pytest.raises(DecisionRefused, match="至少选择一个部门"):
        r.do(r.esc.whistle("e1", [], "联合处置"))
    assert r.esc.whistles == {}
    assert r.actions("whistle") == []


async def test_steps_run_off_the_loop_and_send_their_command() -> None:
    """On a running loop (the console) the decision is committed on a worker thread; the 督办
    reaches the hub through the one builder."""
    r = Rig(auto=False)
    r.decisions.inline = False
    sent: list = []

    async def send(command):
        sent.append(command)
        return True, None

    r.decisions.send_command = send
    r.add("e1")
    await r.decisions.dispatch("e1", ["dept.sanitation"], "请处置")
    await r.esc.supervise("e1", "快")
    assert [c.action for c in sent] == ["dispatch", "remind"]
    assert sent[1].payload["departments"] == ["dept.sanitation"]
    assert r.store.events.get("e1").supervised
