"""FeedClient: batching, acks after commit, stale/duplicate seqs, quarantine, auth, reconnects, commands."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.server import serve

from console.net.client import CommandError, FeedClient, Status
from tests.net.helpers import TOKEN, Sink, dumps, event_obj, run, running_hub
from tests.net.test_protocol import fuzzed_frames

FAST = {"backoff_base": 0.05, "backoff_cap": 0.2, "batch_interval": 0.02}
SEQ_NOTE = re.compile(r"^seqs? \d+(…\d+)? after \d+: ")


def test_batches_commit_then_ack(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(1, 1201)])
            sink = Sink()
            sink.gate = asyncio.Event()
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, sink, batch_interval=0.02, max_batch_size=500)
            client.start()
            await asyncio.wait_for(sink.entered.wait(), 10)
            # the first batch is held in the commit: nothing may be acked yet
            assert hub.acks.get("seat-1", 0) == 0
            assert client.state.last_seq == 0
            sink.gate.set()
            await client.wait_until(lambda s: s.last_seq == 1200, 20)
            await asyncio.wait_for(hub.wait_ack("seat-1", 1200), 10)
            assert [e.seq for e in sink.events] == list(range(1, 1201))
            assert max(len(b.events) for b in sink.batches) <= 500
            assert all(b.last_seq == b.events[-1].seq for b in sink.batches)
            assert client.state.lag == 0
            assert client.state.status is Status.CONNECTED
            await client.stop()

    run(main())


def test_batch_grows_while_a_commit_is_in_flight(tmp_path):
    # a backlog: while one commit runs the next batch keeps filling past batch_size (never past
    # max_batch_size), so it is committed in fewer transactions; order and acks are unchanged
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(1, 2001)])
            sink = Sink()
            sink.gate = asyncio.Event()
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, sink, batch_size=200, max_batch_size=700,
                                batch_interval=0.02)
            assert FeedClient(hub.url, TOKEN, "x", lambda: 0, sink, batch_size=200).max_batch_size == 800
            client.start()
            await asyncio.wait_for(sink.entered.wait(), 10)
            for _ in range(1000):  # the receive loop goes on while the commit is held
                if client._pending.size >= 700:
                    break
                await asyncio.sleep(0.01)
            assert client._pending.size == 700  # and stops at max_batch_size
            assert hub.acks.get("seat-1", 0) == 0
            sink.gate.set()
            await client.wait_until(lambda s: s.last_seq == 2000, 20)
            await asyncio.wait_for(hub.wait_ack("seat-1", 2000), 10)
            sizes = [len(b.events) for b in sink.batches]
            assert [e.seq for e in sink.events] == list(range(1, 2001))
            assert sizes[0] <= 200  # nothing was in flight: cut at batch_size
            assert max(sizes) == 700
            assert all(b.last_seq == b.events[-1].seq for b in sink.batches)
            assert all(b.owned for b in sink.batches)  # decoded for the batch alone: the store may keep them
            await client.stop()

    run(main())


async def _scripted_hub(frames: list[str], token: str = TOKEN):
    """A fake hub that sends ``frames`` after subscribed, then waits."""
    seen: list[dict] = []

    async def handler(ws):
        sub = json.loads(await ws.recv())
        seen.append(sub)
        await ws.send(json.dumps({"type": "subscribed", "head_seq": 10}))
        for f in frames:
            await ws.send(f)
        async for msg in ws:
            seen.append(json.loads(msg))

    server = await serve(handler, "127.0.0.1", 0)
    port = next(iter(server.sockets)).getsockname()[1]
    return server, f"ws://127.0.0.1:{port}/feed", seen


def _ev_frame(seq: int, eid: str) -> str:
    return json.dumps({"type": "event", "seq": seq, "event": event_obj(eid)})


def test_stale_and_repeated_seqs_are_ignored():
    async def main():
        frames = [_ev_frame(4, "a"), _ev_frame(5, "b"), _ev_frame(5, "b"), _ev_frame(3, "old"), _ev_frame(6, "c")]
        server, url, seen = await _scripted_hub(frames)
        sink = Sink()
        client = FeedClient(url, None, "seat-1", lambda: 3, sink, **FAST)
        client.start()
        await client.wait_until(lambda s: s.last_seq == 6, 10)
        assert [e.id for e in sink.events] == ["ev-a", "ev-b", "ev-c"]
        assert seen[0] == {"type": "subscribe", "console_id": "seat-1", "after_seq": 3}
        await client.stop()
        server.close()
        acks = [m["seq"] for m in seen[1:] if m["type"] == "ack"]
        assert acks
        assert acks == sorted(acks)
        assert acks[-1] == 6

    run(main())


def test_invalid_records_are_quarantined_acked_and_stream_goes_on():
    async def main():
        frames = [
            _ev_frame(1, "ok1"),
            "garbage {",
            json.dumps({"type": "event", "seq": 2, "event": event_obj("x", location={"lat": 123.4, "lon": 1})}),
            json.dumps([1, 2]),
            json.dumps({"type": "weird", "seq": 3}),
            json.dumps({"type": "status", "seq": 4, "status": {"event_id": "ev-ok1", "state": "accepted",
                                                              "at": "2026-11-22T10:00:00+08:00"}}),
            _ev_frame(5, "ok2"),
        ]
        server, url, seen = await _scripted_hub(frames)
        sink = Sink()
        client = FeedClient(url, None, "seat-1", lambda: 0, sink, **FAST)
        client.start()
        await client.wait_until(lambda s: s.last_seq == 5 and s.quarantined == 4, 10)
        assert [e.id for e in sink.events] == ["ev-ok1", "ev-ok2"]
        assert [s.event_id for s in sink.statuses] == ["ev-ok1"]
        reasons = {q.seq: q.reason for q in sink.quarantined}
        assert reasons[2] == "event.location.lat: 123.4 is out of range −90..90"
        assert reasons[3] == "unknown frame type 'weird'"
        unsequenced = sorted(q.reason for q in sink.quarantined if q.seq is None)
        assert unsequenced[0] == "frame is not a JSON object (got array)"
        assert unsequenced[1].startswith("not JSON: ")
        assert {q.raw for q in sink.quarantined} >= {"garbage {", "[1, 2]"}
        await client.stop()
        server.close()

    run(main())


def test_wrong_token_reports_unauthorized_and_does_not_spin(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            states = []
            client = FeedClient(hub.url, "wrong", "seat-1", lambda: 0, Sink(), on_state=states.append,
                                unauthorized_delay=30.0)
            client.start()
            st = await client.wait_until(lambda s: s.status is Status.UNAUTHORIZED, 10)
            assert "401" in (st.message or "")
            assert st.retry_at is not None
            assert (st.retry_at - __import__("console.domain.event", fromlist=["utcnow"]).utcnow()).total_seconds() > 20
            attempts = sum(1 for s in states if s.status is Status.CONNECTING)
            await client.stop()
            assert attempts == 1

    run(main())


def test_reconnects_and_resumes_after_hub_restart(tmp_path):
    async def main():
        committed: list[int] = []

        async def on_batch(batch):
            committed.extend(e.seq for e in batch.events)

        async with running_hub(tmp_path / "hub.db") as hub:
            port = hub.port
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(1, 101)])
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: max(committed, default=0), on_batch, **FAST)
            client.start()
            await client.wait_until(lambda s: s.last_seq == 100, 10)
        await client.wait_until(lambda s: s.status in (Status.BACKOFF, Status.CONNECTING), 10)
        async with running_hub(tmp_path / "hub.db", port=port) as hub:
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(101, 201)])
            await client.wait_until(lambda s: s.last_seq == 200 and s.status is Status.CONNECTED, 20)
        await client.stop()
        assert committed == list(range(1, 201))

    run(main())


def test_send_command_round_trip_and_errors(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, Sink(), **FAST)
            with pytest.raises(CommandError, match="not connected"):
                await client.send_command("dispatch", "ev-1", {})
            client.start()
            await client.wait_until(lambda s: s.status is Status.CONNECTED, 10)
            ok = await client.send_command("dispatch", "ev-1", {"unit_id": "dept.cityenf"})
            assert ok.ok
            assert ok.error is None
            bad = await client.send_command("levitate", "ev-1")
            assert not bad.ok
            assert "unknown action" in bad.error

            async def never(cmd):
                await asyncio.Event().wait()

            hub.command_handler = never
            with pytest.raises(CommandError, match="no answer"):
                await client.send_command("dispatch", "ev-1", timeout=0.2)
            await client.stop()

    run(main())


def test_bad_url_is_a_clear_error():
    with pytest.raises(ValueError, match="not a websocket URL"):
        FeedClient("http://x", None, "s", lambda: 0, Sink())


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(fuzzed_frames(), min_size=20, max_size=60))
def test_fuzzed_stream_never_stops_the_client(frames):
    sentinel = 2**62

    async def main():
        server, url, _seen = await _scripted_hub([*frames, _ev_frame(sentinel, "last")])
        sink = Sink()
        states = []
        client = FeedClient(url, None, "seat-1", lambda: 0, sink, on_state=states.append, **FAST)
        client.start()
        await client.wait_until(lambda s: s.last_seq == sentinel, 20)
        await client.stop()
        server.close()
        assert sink.events[-1].id == "ev-last"
        assert all(q.reason and q.raw is not None for q in sink.quarantined)
        # feed-health notes (gaps, repeated seqs) are kept besides the frames: not frames themselves
        kept = [q for q in sink.quarantined if not SEQ_NOTE.match(q.reason)]
        assert len(sink.events) + len(sink.statuses) + len(kept) <= len(frames) + 1
        assert sum(1 for s in states if s.status is Status.CONNECTING) == 1  # never reconnected

    run(main())


def test_failing_commit_or_position_backs_off_and_recovers(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(1, 21)])
            calls = {"position": 0, "commit": 0}
            committed: list[int] = []

            def position() -> int:
                calls["position"] += 1
                if calls["position"] == 1:
                    raise RuntimeError("database is locked")
                return max(committed, default=0)

            async def on_batch(batch):
                calls["commit"] += 1
                if calls["commit"] == 1:
                    raise RuntimeError("disk full")
                committed.extend(e.seq for e in batch.events)

            states = []
            client = FeedClient(hub.url, TOKEN, "seat-1", position, on_batch, on_state=states.append, **FAST)
            client.start()
            await client.wait_until(lambda s: s.last_seq == 20, 20)
            await client.stop()
            messages = [s.message for s in states if s.status is Status.BACKOFF]
            assert any("database is locked" in (m or "") for m in messages)
            assert any("disk full" in (m or "") for m in messages)
            assert committed == list(range(1, 21))
            assert hub.acks["seat-1"] == 20

    run(main())
