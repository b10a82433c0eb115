"""一键下达 from the district to every street with the roll call coming back, reminders to the silent;
吹哨报到 across levels; bad input quarantined; credentials required — on real NATS servers."""

from __future__ import annotations

import json

import pytest

from console.domain.event import State
from console.net import jetstream as js
from console.services.link import LinkService
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


async def test_broadcast_reaches_every_street_and_the_roll_call_comes_back(rooms):
    server, district, s1, s2 = rooms
    await s2.link.stop()  # s2's uplink is down when the district broadcasts
    b = district.core.escalation.broadcast("台风“摩羯”今夜登陆，各街道立即转移危房群众", ["s1", "s2"], "区值班长")
    await until(lambda: b.acks["s1"] is not None, what="s1's roll-call answer", rooms=(district, s1))
    assert b.silent() == ["s2"]  # the district sees who has not answered
    got1 = [r for r in ls.all_refs(s1.core.store.engine, "broadcast")]
    assert len(got1) == 1
    local = s1.core.escalation.broadcasts[got1[0].local_id]
    assert local.instruction.startswith("台风")
    assert len(local.acks) > 10

    # a reminder to the silent street, the server killed meanwhile; s2 comes back later
    assert district.core.escalation.resend_to_silent(b.id) == ["s2"]
    server.kill()
    server.start()
    await s2.restart_link()
    await until(lambda: b.acks["s2"] is not None, what="s2's answer after it came back", rooms=(district, s2))
    assert b.silent() == []
    # the original and the reminder reached s2: one broadcast there, one answer
    assert len(ls.all_refs(s2.core.store.engine, "broadcast")) == 1
    assert len(s2.core.escalation.broadcasts) == 1
    assert len(ls.outbox_rows(s2.core.store.engine, "broadcast_ack")) == 1
    await until(lambda: ls.inbox_count(district.core.store.engine, "broadcast_ack") == 2, what="answers kept")


async def test_whistle_summons_district_departments_and_check_ins_come_back(rooms):
    server, district, s1, _s2 = rooms
    s1.add_events(["s1-wh1"])
    w = await s1.core.escalation.whistle("s1-wh1", ["qu.housing", "qu.justice", "dept.cityenf"], "危房漏水纠纷，吹哨区级部门",
                                         "张三")
    await until(lambda: len(district.core.escalation.whistles) == 1, what="the whistle in the district")
    dw = next(iter(district.core.escalation.whistles.values()))
    assert sorted(dw.summons) == ["qu.housing", "qu.justice"]  # the district's departments only
    assert district.core.room.get("s1-wh1").extra["link_kind"] == "whistle"

    server.kill()  # a department checks in while the server is down
    district.core.escalation.check_in(dw.id, "qu.housing")
    server.start()
    await until(lambda: w.summons["qu.housing"].checked_in_at is not None, what="the check-in back in the street")
    district.core.escalation.check_in(dw.id, "qu.justice")
    await until(lambda: w.summons["qu.justice"].checked_in_at is not None, what="the second check-in")
    assert w.summons["dept.cityenf"].checked_in_at is None
    await until(lambda: len(s1.actions("s1-wh1", "check_in")) == 2, what="check-ins in the street's timeline")


async def test_bad_messages_are_quarantined_with_a_reason(rooms):
    server, district, _s1, _s2 = rooms
    nc = await js.connect([server.url], js.NatsCredentials(user="room", password="s3cret-link"), name="intruder")
    try:
        await js.store_msg(nc, f"gov.{DISTRICT}.s1.up", b"{not json", "bad-1")
        wrong = {"v": 1, "id": "x-1", "kind": "escalation", "from": "s1", "to": DISTRICT,
                 "at": "2026-12-06T08:00:00+00:00", "body": {"event": {"id": "zz"}}}
        await js.store_msg(nc, f"gov.{DISTRICT}.s1.up", json.dumps(wrong).encode(), "bad-2")
        stranger = dict(wrong, id="x-2", **{"from": "s9"}, body={"event": {}, "timeline": []})
        await js.store_msg(nc, f"gov.{DISTRICT}.s9.up", json.dumps(stranger).encode(), "bad-3")
    finally:
        await nc.close()
    await until(lambda: district.core.store.quarantine.count() == 3, what="three quarantined")
    reasons = " | ".join(q.reason for q in district.core.store.quarantine.list())
    assert "not JSON" in reasons or "Expecting" in reasons
    assert "body lacks timeline" in reasons
    assert "unknown street 's9'" in reasons
    assert district.link.state.quarantined == 3
    assert district.core.room.events == {} or all(e.state is State.NEW for e in district.core.room.events.values())


async def test_wrong_credentials_are_refused_and_reported(rooms, tmp_path):
    server, _district, s1, _s2 = rooms
    bad = LinkService(street_config("s1", server), s1.core.store, s1.core.room, s1.core.bus, s1.core.decisions,
                      s1.core.escalation, s1.core.district,
                      credentials=js.NatsCredentials(user="room", password="wrong"))
    with pytest.raises(js.NatsAuthError, match="refused"):
        await bad.start()
    assert bad.state.status == "unauthorized"
    await bad.stop()
