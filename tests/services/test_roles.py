"""Roles through the one decision path (issue 14): what the GUI calls is what refuses.

A trainer dispatching on a live room, a wall doing anything, an officer approving a suspension or
issuing 督办 — refused by the decision service itself (key and Chinese text), nothing written; a
supervisor may; a trainer may on a database marked training. Every action records account and seat.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from console.domain.district import load_district
from console.domain.event import Event, Location, Source, State
from console.domain.ingest import IngestBatch
from console.domain.roles import Account, Role, may
from console.domain.sla import default_table
from console.net.commands import Command
from console.services.accounts import AccountService
from console.services.bus import Bus
from console.services.decisions import DecisionRefused, DecisionService
from console.services.escalation import EscalationService
from console.services.room import Room
from console.store import open_store

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
NOW = T0 + timedelta(seconds=30)

OFFICER = Account("zhang", "张三", Role.OFFICER)
SUPERVISOR = Account("wang", "王五", Role.SUPERVISOR)
TRAINER = Account("zhao", "赵六", Role.TRAINER)
WALL = Account("wall-1", "大屏一", Role.WALL)


@pytest.fixture(scope="module")
def district():
    return load_district(DEMO)


@pytest.fixture
def env(tmp_path, district):
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    micro = next(g for g in district.leaves if g.level == 4)
    lon, lat = district.geometries[micro.id].representative_point().coords[0]
    events = [Event(id=f"ev-{i}", source=Source.HOTLINE_12345, category="unclassified", title=f"小区门口垃圾堆放 {i}",
                    reported_at=T0 + timedelta(seconds=i), location=Location(lat, lon), grid_id=micro.id)
              for i in range(3)]
    res = store.commit_ingest(IngestBatch(last_seq=3, events=events))
    bus = Bus()
    room = Room(bus, clock=lambda: NOW)
    room.upsert(res.new_events)
    sent: list[Command] = []

    async def send(command: Command):
        sent.append(command)
        return True, None

    def make(account: Account | None, seat: str = "seat-1", training: bool = False) -> DecisionService:
        svc = DecisionService(store, room, bus, district, table=default_table(), seat=seat, officer="x",
                              send_command=send, clock=lambda: NOW)
        if account is not None:
            svc.sign_in(account, training=training)
        return svc

    yield store, room, make, sent
    store.close()


def _dept(district):
    return next(iter(district.departments.values())).id


async def test_trainer_dispatch_on_a_live_room_is_refused_and_nothing_written(env, district):
    store, room, make, sent = env
    svc = make(TRAINER)
    before = store.actions.count()
    with pytest.raises(DecisionRefused) as info:
        await svc.dispatch("ev-0", [_dept(district)], "请到场处置")
    assert info.value.key == "trainer_live"
    assert str(info.value) == "培训员账号不能在实战席位派遣（只能在培训数据库中操作）"
    assert store.actions.count() == before
    assert store.events.get("ev-0").state is State.NEW
    assert sent == []
    with pytest.raises(DecisionRefused, match="培训员账号不能在实战席位认领事件"):
        await svc.claim("ev-0")


async def test_trainer_may_write_to_a_training_database(env, district):
    store, room, make, sent = env
    AccountService(store).set_training(True)
    assert AccountService(store).is_training()
    svc = make(TRAINER, training=AccountService(store).is_training())
    ev = await svc.dispatch("ev-0", [_dept(district)], "请到场处置")
    assert ev.state is State.DISPATCHED


async def test_wall_is_read_only(env, district):
    store, room, make, sent = env
    svc = make(WALL)
    with pytest.raises(DecisionRefused) as info:
        await svc.reject("ev-1", "重复上报")
    assert info.value.key == "role_read_only"
    assert str(info.value) == "大屏账号只能查看，不能不予立案"
    assert not svc.may("file")
    assert not svc.may("claim")


async def test_suspend_and_supervise_are_supervisor_steps(env, district):
    store, room, make, sent = env
    officer, supervisor = make(OFFICER), make(SUPERVISOR, seat="seat-9")
    await officer.dispatch("ev-0", [_dept(district)], "请到场处置")
    with pytest.raises(DecisionRefused) as info:
        await officer.suspend("ev-0", NOW + timedelta(days=1), "王五", "等待材料")
    assert info.value.key == "role_forbidden"
    assert str(info.value) == "值班员账号不能批准延期（挂起），须由值班长账号操作"
    with pytest.raises(DecisionRefused, match="值班员账号不能督办"):
        await officer.supervise("ev-0", "请加快处置")
    assert not officer.may("supervise")
    assert not officer.may("takeover")

    ev = await supervisor.supervise("ev-0", "请加快处置")
    assert ev.supervised
    ev = await supervisor.suspend("ev-0", NOW + timedelta(days=1), "王五", "等待材料")
    assert ev.state is State.SUSPENDED
    assert officer.may("resume")
    ev = await officer.resume("ev-0")
    assert ev.state is State.DISPATCHED


async def test_every_action_records_account_and_seat(env, district):
    store, room, make, sent = env
    svc = make(OFFICER, seat="seat-3")
    await svc.dispatch("ev-2", [_dept(district)], "请到场处置")
    log = [a for a in store.actions.for_event("ev-2") if a.actor != "feed"]
    assert log
    assert {(a.account, a.seat, a.actor) for a in log} == {("zhang", "seat-3", "张三")}
    assert sent[-1].payload.get("officer") == "张三"
    assert store.verify_audit().intact


async def test_the_escalation_service_path_is_checked_too(env, district):
    """一键下达 from the GUI goes through the escalation service: refused for a wall account."""
    store, room, make, sent = env
    svc = make(WALL)
    esc = EscalationService(room.bus, svc, default_table(), _Clock(),
                            district=district, auto=False)
    with pytest.raises(DecisionRefused, match="大屏账号只能查看，不能一键下达"):
        esc.broadcast("全体网格员注意防汛", None, "大屏一")


async def test_automatic_steps_follow_the_seat(env, district):
    """A breach's automatic escalation (actor "system") runs on an officer's seat, not on a wall's."""
    store, room, make, sent = env
    from console.domain.escalation import Tier

    officer = make(OFFICER)
    plan = officer.plan_escalate("ev-1", from_tier=Tier.MICRO_GRID, to_tier=Tier.COMMUNITY, reason="breach",
                                 note=None, actor="system")
    assert plan.automatic
    officer.commit(plan)  # allowed
    wall = make(WALL)
    plan = wall.plan_escalate("ev-2", from_tier=Tier.MICRO_GRID, to_tier=Tier.COMMUNITY, reason="breach",
                              note=None, actor="system")
    with pytest.raises(DecisionRefused):
        wall.commit(plan)


def test_role_table():
    assert may(None, "suspend")  # a headless tool without sign-in
    assert may(Role.OFFICER, "dispatch")
    assert not may(Role.OFFICER, "suspend")
    assert may(Role.SUPERVISOR, "takeover")
    assert not may(Role.TRAINER, "dispatch")
    assert may(Role.TRAINER, "dispatch", training=True)
    assert not may(Role.WALL, "dispatch", training=True)
    assert may(Role.OFFICER, "whistle_checkin")  # a log-only kind


class _Clock:
    def now(self):
        return NOW

    def call_at(self, *_a, **_k):
        return None
