"""A flood of bad fixes over the machine's broker (127.0.0.1:1883) does not flood the quarantine
table: every refusal is counted, a few samples of each reason and worker a minute are kept raw,
and one summary row a minute says how many more there were."""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
import uuid

import pytest

from console.domain.positions import position_topic
from console.domain.quarantine_limit import SAMPLES, QuarantineLimiter
from console.net.mqtt import DEFAULT_BROKER, MqttIntake, MqttPublisher, broker_reachable
from console.services.bus import Bus
from console.services.positions import PositionService

SUMMARY = re.compile(r"^position (?P<kind>[a-z ]+): (?P<n>\d+) more from (worker (?P<w>\S+)|workers beyond)")


def test_the_limiter_keeps_samples_and_counts_the_rest_per_reason_worker_and_minute():
    lim = QuarantineLimiter(samples=3, max_keys=2)
    t = 1_800_000_000_000_000  # a minute's start (µs)
    kept = [lim.admit("malformed", "m-1", t + i) for i in range(10)]
    assert kept == [True] * 3 + [False] * 7
    assert lim.admit("unknown_worker", "m-1", t)  # another reason: samples of its own
    assert lim.admit("malformed", "x-9", t)  # a third key in the minute: beyond max_keys, shares "*"
    assert lim.closed(t + 30_000_000) == []  # the minute is not over
    assert lim.admit("malformed", "m-1", t + 60_000_000)  # the next minute: samples again
    sums = lim.closed(t + 60_000_000)
    assert [(s.kind, s.worker, s.kept, s.dropped) for s in sums] == [("malformed", "m-1", 3, 7)]
    assert "7 more from worker m-1" in sums[0].reason
    assert lim.pending
    assert lim.closed(t + 60_000_000, final=True) == []  # the last minute had nothing dropped
    assert not lim.pending


async def test_a_flood_over_the_real_broker_keeps_samples_and_counts(store, district):
    if not await broker_reachable(DEFAULT_BROKER, 1.0):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true requires the machine's MQTT broker on 127.0.0.1:1883")
        pytest.skip("no MQTT broker on 127.0.0.1:1883")
    room = f"flood-{uuid.uuid4().hex[:8]}"
    svc = PositionService(store, district, Bus())
    svc.start()
    intake = MqttIntake(DEFAULT_BROKER, svc.submit, room=room)
    intake.start()
    await asyncio.wait_for(intake.connected.wait(), 10)
    sent = {("malformed", "m-0001"): 400, ("unknown_worker", "x-1"): 250, ("malformed", "m-0003"): 2}
    try:
        async with MqttPublisher(DEFAULT_BROKER) as pub:
            for i in range(400):
                await pub.publish(position_topic(room, "m-0001"), b"{not json %d" % i, retain=False, qos=0)
            for _ in range(250):
                fix = {"worker_id": "x-1", "lat": 30.55, "lon": 104.0, "tst": time.time()}
                await pub.publish(position_topic(room, "x-1"), json.dumps(fix).encode(), retain=False, qos=0)
            for _ in range(2):
                await pub.publish(position_topic(room, "m-0003"), b"[]", retain=False, qos=0)
        total = sum(sent.values())
        deadline = time.monotonic() + 30
        while svc.stats.received < total:
            assert time.monotonic() < deadline, f"only {svc.stats.received} of {total} arrived"
            await asyncio.sleep(0.05)
    finally:
        await intake.stop()
        await svc.stop()  # writes the summaries of the minute in progress
    rows = store.quarantine.list(limit=1000)
    assert svc.stats.quarantined == total  # every refusal counted
    samples = [r for r in rows if not SUMMARY.match(r.reason)]
    summaries = [SUMMARY.match(r.reason) for r in rows if SUMMARY.match(r.reason)]
    assert len(rows) <= 2 * (3 * SAMPLES + 3)  # a minute boundary may split the flood in two
    kept: dict[tuple[str, str], int] = {}
    for r in samples:
        wid = r.raw.split("/")[3]
        kind = "malformed" if r.reason.startswith("position malformed") else "unknown_worker"
        kept[(kind, wid)] = kept.get((kind, wid), 0) + 1
        assert r.raw.startswith(f"grid/{room}/workers/{wid}/position ")  # samples kept raw, with the topic
    for m in summaries:
        key = (m["kind"].replace(" ", "_"), m["w"])
        kept[key] = kept.get(key, 0) + int(m["n"])
    assert kept == sent
    assert svc.stats.quarantine_dropped == sum(int(m["n"]) for m in summaries) > 0
