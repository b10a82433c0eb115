"""Positions over a real MQTT broker (a private mosquitto): quarantine reasons, retained last fixes."""

from __future__ import annotations

import asyncio
import json
import time

from console.domain.positions import position_topic
from console.net.mqtt import MqttIntake, MqttPublisher
from console.services.bus import Bus
from console.services.positions import PositionService
from console.store import open_store


async def _until(cond, limit=15.0):
    deadline = time.monotonic() + limit
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def _fix(wid, lat=30.55, lon=104.0, tst=None, **extra):
    d = {"_type": "location", "worker_id": wid, "lat": lat, "lon": lon, "tst": tst or time.time(), "acc": 8,
         "batt": 80, **extra}
    return json.dumps(d).encode()


async def _intake(url, store, district):
    svc = PositionService(store, district, Bus())
    svc.start()
    intake = MqttIntake(url, svc.submit, room="t")
    intake.start()
    await asyncio.wait_for(intake.connected.wait(), 10)
    return svc, intake


async def test_bad_fixes_are_quarantined_with_their_reason(broker, store, district):
    svc, intake = await _intake(broker.url, store, district)
    now = time.time()
    msgs = [
        (position_topic("t", "m-0001"), _fix("m-0001", tst=now)),
        (position_topic("t", "m-0002"), b"{not json"),
        (position_topic("t", "m-9999"), _fix("m-9999")),
        (position_topic("t", "m-0003"), _fix("m-0003", lat=95.0)),
        (position_topic("t", "m-0004"), _fix("m-0004", lat=10.0, lon=10.0)),
        (position_topic("t", "m-0005"), _fix("m-0005", tst=now + 3600)),
        (position_topic("t", "m-0001"), _fix("m-0001", tst=now - 1800)),
        (position_topic("t", "m-0006"), _fix("m-0007")),
    ]
    try:
        async with MqttPublisher(broker.url) as pub:
            for topic, payload in msgs:
                await pub.publish(topic, payload, retain=False)
        await _until(lambda: svc.stats.received >= len(msgs))
        await svc.wait_idle()
    finally:
        await intake.stop()
        await svc.stop()
    reasons = sorted(q.reason for q in store.quarantine.list())
    assert len(reasons) == 7
    text = "\n".join(reasons)
    assert "position malformed: not JSON" in text
    assert "position unknown worker: m-9999 is not on the roster" in text
    assert "position out of range: lat 95.0" in text
    assert "far outside the district" in text
    assert "position clock skew: fix 3600 s in the future" in text
    assert "position clock skew: fix 1800 s older than the worker's last fix" in text
    assert "differs from the topic's 'm-0006'" in text
    raws = [q.raw for q in store.quarantine.list()]
    assert any(r.startswith("grid/t/workers/m-0002/position {not json") for r in raws)  # kept raw, with topic
    assert store.positions.count() == 1
    assert svc.stats.reasons == {"malformed": 2, "unknown_worker": 1, "out_of_range": 2, "clock_skew": 2}


async def test_gcj02_fix_is_stored_as_wgs84(broker, store, district):
    from console.domain.projection import wgs84_to_gcj02

    svc, intake = await _intake(broker.url, store, district)
    glon, glat = wgs84_to_gcj02(104.0, 30.55)
    try:
        async with MqttPublisher(broker.url) as pub:
            await pub.publish(position_topic("t", "m-0001"), _fix("m-0001", lat=glat, lon=glon, crs="gcj02"))
        await _until(lambda: svc.stats.stored >= 1)
    finally:
        await intake.stop()
        await svc.stop()
    (last,) = store.positions.last()
    assert abs(last.lon - 104.0) < 1e-6
    assert abs(last.lat - 30.55) < 1e-6


async def test_broker_restart_loses_no_retained_last_position(broker, tmp_path, district):
    workers = {"m-0001": (30.531, 103.978), "m-0003": (30.540, 103.990), "m-0004": (30.560, 104.010)}
    async with MqttPublisher(broker.url) as pub:
        for wid, (lat, lon) in workers.items():
            await pub.publish(position_topic("t", wid), _fix(wid, lat=lat - 0.001, lon=lon, tst=time.time() - 20))
            await pub.publish(position_topic("t", wid), _fix(wid, lat=lat, lon=lon))  # the last one is retained
    broker.stop()  # clean shutdown: mosquitto saves its retained messages
    broker.start()  # same port, same persistence file
    store = open_store(f"sqlite:///{tmp_path / 'after.db'}")  # a console that was never connected before
    svc, intake = await _intake(broker.url, store, district)
    try:
        await _until(lambda: len(svc.live.entries) == len(workers))
    finally:
        await intake.stop()
        await svc.stop()
    for wid, (lat, lon) in workers.items():
        e = svc.live.entries[wid]
        assert (round(e.lat, 6), round(e.lon, 6)) == (lat, lon)
    assert {r.worker_id for r in store.positions.last()} == set(workers)
    store.close()


async def test_console_reconnects_after_a_broker_restart(broker, store, district):
    svc, intake = await _intake(broker.url, store, district)
    try:
        broker.stop()
        await _until(lambda: not intake.connected.is_set())
        broker.start()
        await asyncio.wait_for(intake.connected.wait(), 20)
        async with MqttPublisher(broker.url) as pub:
            await pub.publish(position_topic("t", "m-0001"), _fix("m-0001"))
        await _until(lambda: svc.stats.stored >= 1)
    finally:
        await intake.stop()
        await svc.stop()
