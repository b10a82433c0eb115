"""The hub keeps serving when its log cannot be written, and drops a subscriber that never reads
(issue 13, items 6 and 7).

- A write failure (the log file locked by another writer past the busy timeout) used to kill the
  simulator's publisher task silently; acks were written synchronously on the event loop, and a
  failing ack write dropped the console. Now writes are retried with backoff and logged, acks are
  written in batches on a worker thread, and subscribers are served throughout.
- A client that subscribes and never reads used to be held forever (its pings stuck behind the full
  buffers): a send that makes no progress for ``send_timeout`` drops it.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import socket
import sqlite3

import pytest
from websockets.asyncio.client import connect
from websockets.frames import Frame, Opcode

from console.domain.district import load_district
from console.net.client import FeedClient
from console.net.hub import Hub
from console.net.hublog import HubLog
from console.net.simulator import SimConfig, Simulator
from console.services.ingest import default_district_dir
from tests.net.helpers import TOKEN, Sink, dumps, event_obj, run, until

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def district():
    return load_district(default_district_dir())


@contextlib.contextmanager
def locked(path):
    """Another writer holding the log file's write lock (WAL: readers still read)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("COMMIT")
        other.close()


@contextlib.asynccontextmanager
async def quick_hub(path, **kw):
    log = HubLog(path, busy_timeout=0.05)
    hub = Hub(log, TOKEN, retry_base=0.05, retry_cap=0.2, ack_flush_interval=0.05, **kw)
    await hub.start()
    try:
        yield hub
    finally:
        await hub.stop()
        log.close()


def errors(caplog, text: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR and text in r.getMessage()]


def test_simulator_keeps_publishing_through_a_locked_log(tmp_path, district, caplog):
    path = tmp_path / "hub.db"

    async def main():
        async with quick_hub(path) as hub:
            sink = Sink()
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, sink, batch_interval=0.01)
            client.start()
            with locked(path):
                sim = Simulator(hub, district, SimConfig(rate=0, count=3000))
                sim.start()
                await until(lambda: len(errors(caplog, "failed (attempt")) >= 3)
                assert not sim.done.is_set()
                assert sim.published == 0
                # the hub still serves: a new subscriber is answered while the log is locked
                async with connect(hub.url, additional_headers=AUTH) as ws:
                    await ws.send(json.dumps({"type": "subscribe", "console_id": "probe", "after_seq": 0}))
                    assert json.loads(await asyncio.wait_for(ws.recv(), 5))["type"] == "subscribed"
            await asyncio.wait_for(sim.done.wait(), 30)
            await client.wait_until(lambda s: s.last_seq == 3000, 30)
            await client.stop()
            await sim.stop()
            assert sim.published == 3000
            assert hub.log.head == 3000
            assert [e.seq for e in sink.events] == list(range(1, 3001))
            assert len({e.id for e in sink.events}) == 3000
        message = errors(caplog, "failed (attempt")[0].getMessage()
        assert str(path) in message
        assert "database is locked" in message
        assert "retrying in" in message

    run(main())


def test_a_failing_simulator_task_is_logged(tmp_path, district, caplog):
    async def main():
        async with quick_hub(tmp_path / "hub.db") as hub:
            sim = Simulator(hub, district, SimConfig(scenario="no-such-scenario", rate=0, count=5))
            task = sim.start()
            await asyncio.gather(task, return_exceptions=True)
            await asyncio.sleep(0)  # done callbacks run
        assert errors(caplog, "simulator task simulator stopped")

    run(main())


def test_acks_are_written_off_the_loop_and_a_locked_log_drops_nobody(tmp_path, caplog):
    path = tmp_path / "hub.db"

    async def main():
        async with quick_hub(path) as hub:
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(1, 11)])
            async with connect(hub.url, additional_headers=AUTH) as ws:
                await ws.send(json.dumps({"type": "subscribe", "console_id": "seat-1", "after_seq": 0}))
                frames = [json.loads(await ws.recv()) for _ in range(11)]
                assert frames[-1]["seq"] == 10
                with locked(path):
                    await ws.send(json.dumps({"type": "ack", "seq": 10}))
                    await asyncio.wait_for(hub.wait_ack("seat-1", 10), 5)
                    await until(lambda: bool(errors(caplog, "acks of 1 console(s) not written")))
                    # still connected and answered
                    await ws.send(json.dumps({"type": "command", "command_id": "c1", "action": "note",
                                              "event_id": "ev-1", "payload": {}}))
                    answer = json.loads(await asyncio.wait_for(ws.recv(), 5))
                    assert answer["type"] == "command_result"
                    assert answer["command_id"] == "c1"
                await until(lambda: HubLog(path).acks() == {"seat-1": 10})

    run(main())
    assert HubLog(path).acks() == {"seat-1": 10}


# ---- a subscriber that never reads ----------------------------------------------------------------
def _raw_subscriber(port: int) -> socket.socket:
    """A websocket client on a plain socket that subscribes and then never reads again."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # small: the hub's sends back up soon
    sock.settimeout(10)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /feed HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {TOKEN}\r\n\r\n"
                  ).encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    assert head.startswith(b"HTTP/1.1 101"), head
    subscribe = json.dumps({"type": "subscribe", "console_id": "sleeper", "after_seq": 0}).encode()
    sock.sendall(Frame(Opcode.TEXT, subscribe).serialize(mask=True))
    return sock


def test_a_subscriber_that_never_reads_is_dropped_and_the_others_are_served(tmp_path, caplog):
    pad = "x" * 100_000

    async def main():
        async with quick_hub(tmp_path / "hub.db", send_timeout=0.5, ping_interval=None, write_limit=4096) as hub:
            sink = Sink()
            reader = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, sink, batch_interval=0.01)
            reader.start()
            sleepers = [await asyncio.to_thread(_raw_subscriber, hub.port) for _ in range(3)]
            try:
                await until(lambda: len(hub.connections) == 4)
                # ~20 MB for each subscriber: far more than the socket buffers hold
                for _ in range(10):
                    hub.publish_many([("raw", f'{{"type":"pad","seq":__SEQ__,"pad":"{pad}"}}', None)] * 20)
                    await asyncio.sleep(0)
                hub.publish("event", dumps(event_obj("last")))
                await until(lambda: hub.dropped_slow == 3 and len(hub.connections) == 1, 30)
                await reader.wait_until(lambda s: s.last_seq == 201, 30)
            finally:
                await reader.stop()
                for s in sleepers:
                    s.close()
        assert [e.id for e in sink.events] == ["ev-last"]
        assert len(sink.quarantined) == 200  # the padding frames are no protocol records
        dropped = [r.getMessage() for r in caplog.records if "dropping subscriber sleeper" in r.getMessage()]
        assert len(dropped) == 3
        assert "does not read" in dropped[0]

    run(main())
