"""Street ⇄ district on a real NATS JetStream server: 一键上报 up with the timeline, the district's
decisions back down, through a killed server and a restarted link — nothing lost, nothing twice."""

from __future__ import annotations

import pytest

from console.domain.event import State, utcnow
from console.domain.ingest import IngestBatch, StatusUpdate
from console.domain.link import LINK_FROM_KEY, REMOTE_ACTION
from console.store import links as ls
from tests.net.nats_rooms import (
    DISTRICT,
    NatsServer,
    Room,
    district_config,
    need_nats_server,
    street_config,
    until,
)


@pytest.fixture
async def rooms(tmp_path):
    need_nats_server()
    server = NatsServer(tmp_path / "nats")
    server.start()
    district = Room(tmp_path, district_config(server))
    s1 = Room(tmp_path, street_config("s1", server))
    s2 = Room(tmp_path, street_config("s2", server))
    for r in (district, s1, s2):
        await r.link.start()
    yield server, district, s1, s2
    for r in (s1, s2, district):
        await r.close()
    server.stop()


def linked(district: Room, street: str) -> list[str]:
    """The street's reports stored in the district (the queue drops returned/closed ones)."""
    return sorted(r.local_id for r in ls.all_refs(district.core.store.engine, "event") if r.peer == street)


async def test_escalations_and_decisions_survive_server_and_link_restarts(rooms):
    server, district, s1, s2 = rooms
    s1.add_events([f"s1-ev{i}" for i in range(6)])
    s2.add_events([f"s2-ev{i}" for i in range(4)])
    await s1.core.escalation.escalate("s1-ev0", "需区级协调", "张三")
    await s1.core.escalation.escalate("s1-ev1", "需区级协调", "张三")
    await s2.core.escalation.escalate("s2-ev0", "需区级协调", "李四")
    await until(lambda: len(linked(district, "s1")) == 2 and len(linked(district, "s2")) == 1, what="first reports")
    ev = district.core.room.get("s1-ev0")
    assert ev.state is State.NEW
    assert ev.extra["link_label"] == "云港街道"
    mirrored = district.actions("s1-ev0", REMOTE_ACTION)
    assert [a.data["remote_kind"] for a in mirrored] == ["transition", "escalate"]  # the whole timeline

    # the server dies: the streets keep working, their reports wait in the outbox
    server.kill()
    await s1.core.escalation.escalate("s1-ev2", "夜间积水", "张三")
    await s2.core.escalation.escalate("s2-ev1", "夜间积水", "李四")
    await district.core.decisions.file("s1-ev0", "city.vending", ev.level, "受理")
    await until(lambda: s1.link.state.backlog_up >= 1 and district.link.state.backlog_up >= 1, what="backlogs")
    server.start()
    await until(lambda: len(linked(district, "s1")) == 3 and len(linked(district, "s2")) == 2,
                what="reports after the restart")
    await until(lambda: len(s1.actions("s1-ev0", "link_decision")) == 2, what="accept down")

    # a street's link restarts mid-stream: messages for it wait in the stream, applied once
    await s1.link.stop()
    await district.core.decisions.dispatch("s1-ev0", ["qu.housing"], "请区住建局现场核查")
    await district.link.return_to_street("s1-ev1", "属街道职责，请街道自行派遣城管")
    await s1.core.escalation.escalate("s1-ev3", "占道严重", "张三")  # queued while s1's link is down
    await s1.restart_link()
    await until(lambda: len(linked(district, "s1")) == 4, what="report made while the link was down")
    await until(lambda: s1.core.store.events.get("s1-ev1").state is State.RETURNED, what="return down")
    await until(lambda: len(s1.actions("s1-ev0", "link_decision")) >= 3, what="dispatch down")

    # the district dispatches, its department resolves (its feed), it verifies and closes: the street's closes too
    await district.core.decisions.dispatch("s2-ev0", ["qu.justice"], "请区司法局调解")
    pos = district.core.store.feed_position()
    done = district.core.store.commit_ingest(IngestBatch(last_seq=pos + 1, statuses=[StatusUpdate(
        seq=pos + 1, event_id="s2-ev0", state=State.RESOLVED, unit_id="qu.justice", at=utcnow(), note="已调解")]))
    district.core.room.apply_ingest(done)
    await district.core.decisions.verify("s2-ev0", True, "核查通过")
    await until(lambda: s2.core.store.events.get("s2-ev0").state is State.CLOSED, what="close down")
    outcomes = [a.data["outcome"] for a in s2.actions("s2-ev0", "link_decision")]
    assert outcomes[:2] == ["accept", "dispatch"]  # 研判立案 then 派遣 to the district's department
    assert outcomes[-1] == "close"
    assert outcomes.count("close") == 1

    # consistency: every report once, every decision once, in order
    for street, _room, n in (("s1", s1, 4), ("s2", s2, 2)):
        assert len(linked(district, street)) == n
        assert ls.inbox_count(district.core.store.engine, "escalation") == 6
    for eid in linked(district, "s1"):
        remote_ids = [a.data["remote_id"] for a in district.actions(eid, REMOTE_ACTION)]
        assert remote_ids == sorted(remote_ids)
        assert len(set(remote_ids)) == len(remote_ids)
    sent_down = [a for a in district.actions("s1-ev0") if not a.data.get(LINK_FROM_KEY)]
    got = s1.actions("s1-ev0", "link_decision")
    assert [a.data["remote_id"] for a in got] == [i for i in sorted(a.data["remote_id"] for a in got)]
    assert len(got) == len(sent_down)
    returned = s1.core.store.events.get("s1-ev1")
    assert returned.extra.get("returned_reason") == "属街道职责，请街道自行派遣城管"
    assert district.core.store.events.get("s1-ev1").state is State.REJECTED
    assert s1.link.state.backlog_up == 0
    assert district.link.state.backlog_up == 0
    assert DISTRICT == district.config.room


async def test_a_street_that_starts_while_the_server_is_down_keeps_working(tmp_path):
    need_nats_server()
    server = NatsServer(tmp_path / "nats")
    street = Room(tmp_path, street_config("s1", server))
    district = Room(tmp_path, district_config(server))
    try:
        street.add_events(["down-ev1"])
        await street.link.start(first_wait=0.5)  # no server: the link keeps trying
        assert street.link.state.status != "connected"
        await street.core.escalation.escalate("down-ev1", "服务器未启动时上报", "张三")
        await until(lambda: street.link.state.backlog_up == 1, what="the report waiting in the outbox")
        server.start()
        await district.link.start()
        await until(lambda: district.core.room.get("down-ev1") is not None, timeout=30, what="the report drained",
                    rooms=(street, district))
        assert street.link.state.backlog_up == 0
    finally:
        await street.close()
        await district.close()
        server.stop()
