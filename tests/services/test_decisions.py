"""The one decision path (issue 11) against a real SQLite store and the demo district."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from console.domain.district import load_district
from console.domain.event import Event, Level, Location, Source, State
from console.domain.ingest import IngestBatch
from console.domain.sla import default_table
from console.net.commands import Command
from console.services.bus import Bus
from console.services.decisions import DecisionRefused, DecisionService
from console.services.room import Room
from console.services.triage import TriageService
from console.store import open_store

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def district():
    return load_district(DEMO)


@pytest.fixture
def env(tmp_path, district):
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    micro = next(g for g in district.leaves if g.level == 4)
    lon, lat = district.geometries[micro.id].representative_point().coords[0]
    events = [
        Event(id=f"ev-{i}", source=Source.HOTLINE_12345, category="unclassified",
              title="路口有流动摊贩占道经营" if i == 0 else f"小区门口垃圾堆放 {i}",
              reported_at=T0 + timedelta(seconds=i), location=Location(lat, lon), grid_id=micro.id)
        for i in range(3)
    ]
    res = store.commit_ingest(IngestBatch(last_seq=3, events=events))
    bus = Bus()
    room = Room(bus, clock=lambda: T0 + timedelta(seconds=30))
    room.upsert(res.new_events)
    sent: list[tuple[str, str, dict]] = []

    async def send(command: Command):
        sent.append((command.action, command.event_id, command.payload))
        return True, None

    def make(seat="seat-1", sender=send):
        return DecisionService(store, room, bus, district, table=default_table(), seat=seat,
                               officer=f"officer-{seat}", send_command=sender,
                               clock=lambda: T0 + timedelta(seconds=30))

    yield store, room, make, sent
    store.close()


def _dept(district):
    return next(iter(district.departments.values())).id


async def test_suggestion_explains_category_department_and_worker(env, district):
    store, room, make, _ = env
    s = TriageService(room, district).suggest("ev-0")
    assert s.category == "city.vending" or "摊贩" in s.category_reason
    assert "命中关键词" in s.category_reason
    assert s.department_id is not None
    assert s.department_reason
    assert s.assignee_reason


async def test_dispatch_writes_state_actions_and_reaches_hub(env, district):
    store, room, make, sent = env
    svc = make()
    dept = _dept(district)
    ev = await svc.dispatch("ev-0", [dept], "请立即到场处置")
    assert ev.state is State.DISPATCHED
    assert ev.assignees == [dept]
    stored = store.events.get("ev-0")
    assert stored.state is State.DISPATCHED
    assert stored.dispatched_at is not None
    kinds = [a.kind for a in store.actions.for_event("ev-0")]
    assert kinds.count("transition") >= 2
    assert "dispatch" in kinds
    assert sent
    assert sent[0][0] == "dispatch"
    # what the field reads (docs/protocol.md): the lead unit and every unit
    assert sent[0][2]["unit_id"] == dept
    assert sent[0][2]["assignees"] == [dept]
    assert sent[0][2]["deadline"] == stored.deadline_at.isoformat()
    assert stored.deadline_at > stored.dispatched_at
    assert room.get("ev-0").state is State.DISPATCHED


async def test_second_seat_cannot_dispatch_again(env, district):
    store, room, make, sent = env
    await make("seat-1").dispatch("ev-1", [_dept(district)], "处置")
    with pytest.raises(DecisionRefused, match="无需重复派遣"):
        await make("seat-2").dispatch("ev-1", [_dept(district)], "处置")
    assert len(sent) == 1
    assert [a.kind for a in store.actions.for_event("ev-1")].count("dispatch") == 1


async def test_claimed_event_refused_to_other_seat(env, district):
    store, room, make, _ = env
    assert await make("seat-1").claim("ev-2") is None
    assert await make("seat-2").claim("ev-2") == "seat-1"
    with pytest.raises(DecisionRefused, match="正在由 seat-1"):
        await make("seat-2").dispatch("ev-2", [_dept(district)], "处置")
    assert store.events.get("ev-2").state is State.NEW


@pytest.mark.parametrize(
    ("targets", "instruction", "message"),
    [(["dept.nope"], "处置", "不存在或已停用"), (None, "   ", "不能为空"), ([], "处置", "至少一个")],
)
async def test_bad_dispatch_is_refused_and_nothing_written(env, district, targets, instruction, message):
    store, room, make, sent = env
    targets = [_dept(district)] if targets is None else targets
    with pytest.raises(DecisionRefused, match=message):
        await make().dispatch("ev-0", targets, instruction)
    assert store.events.get("ev-0").state is State.NEW
    assert store.actions.for_event("ev-0") == [] or all(
        a.kind != "dispatch" for a in store.actions.for_event("ev-0"))
    assert sent == []


async def test_hub_refusal_restores_the_event(env, district):
    store, room, make, _ = env

    async def refuse(command):
        return False, "unknown unit"

    with pytest.raises(DecisionRefused, match="unknown unit"):
        await make(sender=refuse).dispatch("ev-0", [_dept(district)], "处置")
    stored = store.events.get("ev-0")
    assert stored.state is State.NEW
    assert stored.assignees == []
    assert "dispatch_failed" in [a.kind for a in store.actions.for_event("ev-0")]


async def test_file_reject_and_merge(env):
    store, room, make, _ = env
    svc = make()
    ev = await svc.file("ev-0", "city.vending", Level.SIGNIFICANT, "确认")
    assert ev.state is State.FILED
    assert ev.level is Level.SIGNIFICANT
    with pytest.raises(DecisionRefused, match="理由"):
        await svc.reject("ev-1", " ")
    await svc.reject("ev-1", "重复来电，信息不全")
    assert store.events.get("ev-1").state is State.REJECTED
    assert room.get("ev-1") is None
    kept = await svc.merge("ev-2", "ev-0")
    assert kept.duplicate_count == 1
    assert store.events.get("ev-2").duplicate_of == "ev-0"
    with pytest.raises(DecisionRefused, match="未知的事件类别"):
        await svc.file("ev-0", "no.such", Level.GENERAL)
