"""The city 12345 gateway: Open311 work orders in (source hotline_12345, exactly once, through a server
restart), 签收/办结/退单 back with the deadline answered and whether in time; a bad order quarantined."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from console.domain.event import Source, State, utcnow
from console.domain.ingest import IngestBatch, StatusUpdate
from console.net import jetstream as js
from console.services import city_gateway as cg
from tests.net.nats_rooms import NatsServer, Room, creds, district_config, need_nats_server, until

PREFIX = "city.12345"


@pytest.fixture
async def city_rig(tmp_path):
    need_nats_server()
    server = NatsServer(tmp_path / "nats")
    server.start()
    district = Room(tmp_path, replace(district_config(server), city=PREFIX))
    await district.link.start()
    nc = await js.connect([server.url], creds(), name="city-platform")
    feedback: list[dict] = []

    async def on_feedback(msg) -> None:  # noqa: ANN001
        feedback.append(json.loads(msg.data))

    await js.ensure_stream(nc, cg.stream_name(PREFIX), [f"{PREFIX}.>"])
    await nc.subscribe(cg.feedback_subject(PREFIX, "haibin"), cb=on_feedback)
    yield server, district, nc, feedback
    await nc.close()
    await district.close()
    server.stop()


def order(rid: str, **extra) -> bytes:
    now = utcnow()
    req = {"service_request_id": rid, "service_code": "city.vending", "service_name": "占道经营",
           "description": "市民来电反映占道经营", "requested_datetime": now.isoformat(), "lat": 30.53, "long": 104.01,
           "address": "中山路", "sign_by": (now + timedelta(hours=1)).isoformat(),
           "finish_by": (now + timedelta(days=3)).isoformat(), **extra}
    return json.dumps(req, ensure_ascii=False).encode()


async def test_work_orders_in_and_feedback_out(city_rig):
    server, district, nc, feedback = city_rig
    subj = cg.orders_subject(PREFIX, "haibin")
    await js.store_msg(nc, subj, order("GD-1"), "GD-1")
    await js.store_msg(nc, subj, order("GD-2"), "GD-2")
    await js.store_msg(nc, subj, b'{"service_code": "x"}', "GD-bad")
    await until(lambda: district.core.room.get("o311:GD-1") and district.core.room.get("o311:GD-2"), what="orders")
    ev = district.core.room.get("o311:GD-1")
    assert ev.source is Source.HOTLINE_12345
    assert ev.extra["city_order"]["id"] == "GD-1"
    await until(lambda: district.core.store.quarantine.count() == 1, what="the bad order quarantined")
    assert "service_request_id" in district.core.store.quarantine.list()[0].reason

    # 签收 (filed), then 退单 for GD-2 with the reason; the server restarts in between
    await district.core.decisions.file("o311:GD-1", "city.vending", ev.level, "已签收")
    server.kill()
    server.start()
    await district.link.return_to_street("o311:GD-2", "不属本区管辖，请转市城管委")
    await until(lambda: {f["feedback"] for f in feedback} >= {"sign", "reject"}, timeout=30, what="sign and reject")
    sign = next(f for f in feedback if f["feedback"] == "sign")
    assert sign["service_request_id"] == "GD-1"
    assert sign["on_time"] is True
    reject = next(f for f in feedback if f["feedback"] == "reject")
    assert reject["status_notes"] == "不属本区管辖，请转市城管委"

    # 办结: dispatched, resolved in the field, verified → closed
    await district.core.decisions.dispatch("o311:GD-1", ["dept.cityenf"], "请执法队处理")
    pos = district.core.store.feed_position()
    district.core.room.apply_ingest(district.core.store.commit_ingest(IngestBatch(last_seq=pos + 1, statuses=[
        StatusUpdate(seq=pos + 1, event_id="o311:GD-1", state=State.RESOLVED, unit_id="dept.cityenf", at=utcnow(),
                     note="已清理")])))
    await district.core.decisions.verify("o311:GD-1", True, "核查通过")
    await until(lambda: any(f["feedback"] == "finish" for f in feedback), what="finish")
    finish = next(f for f in feedback if f["feedback"] == "finish")
    assert finish["status"] == "closed"
    assert finish["on_time"] is True

    # the city re-sends GD-1 (same Nats-Msg-Id outside the window, or a replay): not stored twice
    await js.store_msg(nc, subj, order("GD-1"), "GD-1-again")
    await until(lambda: district.link.state.duplicates >= 1, what="the repeat seen")
    assert district.core.store.events.count() == 2
    assert [f["feedback"] for f in feedback].count("sign") == 1


def test_overdue_orders_are_listed():
    ev = cg.order_to_event(order("GD-9", sign_by="2020-01-01T00:00:00+08:00"), utcnow())
    assert cg.overdue([ev], utcnow()) == [(ev.id, "sign", ev.extra["city_order"]["sign_by"])]
