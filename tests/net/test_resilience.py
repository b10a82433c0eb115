"""Nothing lost, nothing twice: hub killed (-9) and connections dropped mid-stream; recorder killed."""

from __future__ import annotations

import asyncio
import json
import random
import signal
import sys
from concurrent.futures import ThreadPoolExecutor

from console.bench.feed import HubProcess
from console.net.client import FeedClient, Status
from console.net.hub import _frame
from console.net.hublog import HubLog
from console.net.protocol import FrameError, decode_hub_frame
from console.store import open_store
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub, until

COUNT = 3000
# The waits below end as soon as their condition holds; their deadlines only bound a stuck test. They
# are generous because the hub is a child process restarted three times, and on a loaded machine one
# start-up alone took 13–31 s (measured beside two busy loops with the test at nice 10; 0.5 s idle):
# the former 150 s bound on the whole test was hit by the start-ups, not by anything lost.
STEP = 300.0  # one wait
TOTAL = 1200.0  # the whole test


def published_valid(log_path) -> tuple[set[str], set[int], int]:
    """Ids of the valid events in the hub log, seqs of the invalid sequenced records, and the last
    seq a console can read (a record that is not JSON at all carries none; see protocol.md)."""
    log = HubLog(log_path)
    ids: set[str] = set()
    bad: set[int] = set()
    numbered = 0
    after = 0
    while recs := log.read(after, 1000):
        for r in recs:
            try:
                msg = decode_hub_frame(_frame(r.seq, r.kind, r.payload))
                ids.add(msg.event.id)
                numbered = r.seq
            except FrameError as exc:
                if exc.seq is not None:
                    bad.add(exc.seq)
                    numbered = exc.seq
            after = r.seq
    log.close()
    return ids, bad, numbered


def test_hub_killed_and_connections_dropped_nothing_lost_nothing_twice(tmp_path):
    rng = random.Random(20261122)
    log_path = tmp_path / "hub.sqlite3"
    store = open_store(f"sqlite:///{tmp_path}/console.db")
    executor = ThreadPoolExecutor(max_workers=1)
    hub = HubProcess(log_path, "--scenario", "normal_day", "--rate", "1500", "--count", str(COUNT),
                     "--malformed", "0.03", "--seed", "5", token=TOKEN)

    async def main():
        loop = asyncio.get_running_loop()

        async def on_batch(batch):
            return await loop.run_in_executor(executor, store.commit_ingest, batch, "seat-1")

        async def after_seq():
            return await loop.run_in_executor(executor, store.feed_position, "seat-1")

        await asyncio.to_thread(hub.start)
        client = FeedClient(hub.url, TOKEN, "seat-1", after_seq, on_batch, backoff_base=0.05, backoff_cap=0.3)
        client.start()
        kills = drops = 0
        for round_ in range(6):
            target = (round_ + 1) * COUNT // 8 + rng.randrange(150)
            try:
                await client.wait_until(lambda s, t=target: s.last_seq >= t, STEP)
            except TimeoutError:
                raise AssertionError(f"round {round_}: stuck below {target}: {client.state}") from None
            if round_ % 2 == 0:
                await asyncio.to_thread(hub.kill)
                kills += 1
                await client.wait_until(lambda s: s.status is not Status.CONNECTED, STEP)
                await asyncio.to_thread(hub.start)  # same port, same log
            else:
                client.drop()
                drops += 1
        # the log is complete once the simulator has published COUNT items
        def complete() -> bool:
            log = HubLog(log_path)
            try:
                meta = log.get_meta("simulator")
                return meta is not None and json.loads(meta)["published"] >= COUNT
            finally:
                log.close()

        await until(complete, STEP, poll=0.1)
        # the client acks through the last record it can number: when the log ends with a record
        # that is not JSON (no readable seq), that is the one before it, not the log's head
        *_, numbered = await asyncio.to_thread(published_valid, log_path)
        try:
            await client.wait_until(lambda s: s.last_seq >= numbered, STEP)
        except TimeoutError:
            raise AssertionError(f"stuck below {numbered}: {client.state}") from None
        await client.stop()
        hub.stop()
        return kills, drops

    try:
        kills, drops = run(main(), timeout=TOTAL)
        assert kills == 3
        assert drops == 3
        ids, bad, _numbered = published_valid(log_path)
        assert len(ids) > COUNT * 0.9
        stored = {e.id: e for e in store.events.search(limit=COUNT * 2)}
        assert set(stored) == ids  # nothing lost
        assert store.events.count() == len(ids)  # nothing twice
        assert all(e.duplicate_count == 0 for e in stored.values())
        quarantined = store.quarantine.list(limit=COUNT)
        q_seqs = [q.seq for q in quarantined if q.seq is not None]
        assert sorted(q_seqs) == sorted(bad)  # each invalid sequenced record once
        assert all(q.reason for q in quarantined)
    finally:
        hub.stop()
        store.close()
        executor.shutdown()


def test_recorder_killed_loses_no_acked_record(tmp_path):
    db = tmp_path / "rec.db"

    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            async def publisher():
                for k in range(51, COUNT + 1, 50):
                    hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(k, k + 50)])
                    await asyncio.sleep(0.04)  # pacing of the stream (~2.5 s), not synchronisation

            cmd = [sys.executable, "-m", "console.cli.feed", "record", "--connect", hub.url, "--token", TOKEN,
                   "--db", str(db), "--exit-when-idle"]
            proc = await asyncio.create_subprocess_exec(*cmd, "30")
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(1, 51)])
            await asyncio.wait_for(hub.wait_ack("recorder", 50), STEP)  # the recorder is up and streaming
            pub = asyncio.create_task(publisher())
            await asyncio.wait_for(hub.wait_ack("recorder", 600), STEP)
            proc.send_signal(signal.SIGKILL)
            await asyncio.wait_for(proc.wait(), STEP)
            acked = hub.acks["recorder"]
            store = open_store(f"sqlite:///{db}")
            try:
                seqs = {e.seq for e in store.events.search(limit=COUNT * 2)}
            finally:
                store.close()
            assert set(range(1, acked + 1)) <= seqs  # every acked record is there
            await pub
            proc = await asyncio.create_subprocess_exec(*cmd, "2")
            assert await asyncio.wait_for(proc.wait(), STEP) == 0
            return acked

    acked = run(main(), timeout=TOTAL)
    assert 600 <= acked
    store = open_store(f"sqlite:///{db}")
    try:
        events = store.events.search(limit=COUNT * 2)
        assert sorted(e.seq for e in events) == list(range(1, COUNT + 1))
        assert store.events.count() == COUNT
        assert store.feed_position("recorder") == COUNT
    finally:
        store.close()
