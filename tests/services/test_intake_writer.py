"""One intake writer per room with fail-over (issue 14).

In one process: two candidate seats on one PostgreSQL room — one writes, the other stands by and
names the writer; when the writer goes, the other takes over. On SQLite the one seat always writes.

End to end: three scripted officers (``python main.py officer --intake never``) and a writer
(``python main.py record``) with a standby on one PostgreSQL room, a real hub in this process; the
writer is killed (-9) three times mid-stream. Then: every published event stored once, the room's
feed position at the end of the log, every event dispatched exactly once (the officers raced for
each: one won, the others were told), the losers' refusals counted.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from console.services.intake_writer import IntakeElection
from console.store import open_store
from tests.net.helpers import TOKEN, dumps, event_obj, running_hub, until
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
COUNT = 160
STEP = 60.0  # bound on one wait (a loaded machine); each ends as soon as its condition holds


@pytest.fixture
def room_url(request) -> str:
    """A fresh PostgreSQL schema (tests.store.conftest.pg_url)."""
    return str(request.getfixturevalue("pg_url"))


class Candidate:
    def __init__(self, store, seat: str, **options) -> None:
        self.gained = 0
        self.lost = 0
        self.holders: list[tuple[str | None, bool]] = []

        async def gain() -> None:
            self.gained += 1

        def lose() -> None:
            self.lost += 1

        self.election = IntakeElection(store, seat, on_gained=gain, on_lost=lose,
                                       on_holder=lambda h, mine: self.holders.append((h, mine)), retry_s=0.1,
                                       **options)


async def test_one_writer_and_a_standby_that_takes_over(room_url):
    s1, s2 = open_store(room_url), open_store(room_url)
    try:
        a, b = Candidate(s1, "席位1"), Candidate(s2, "席位2")
        a.election.start()
        await until(lambda: a.election.is_writer, 10)
        b.election.start()
        await until(lambda: ("席位1", False) in b.holders, 10)  # the standby names the writer
        assert not b.election.is_writer
        assert b.gained == 0
        await a.election.stop()  # the writer goes: its session ends, the lock is free
        assert a.lost == 1
        await until(lambda: b.election.is_writer, 10)
        assert b.gained == 1
        assert b.holders[-1] == ("席位2", True)
        await b.election.stop()
    finally:
        s1.close()
        s2.close()


async def test_a_writer_that_cannot_reach_the_hub_steps_down(room_url):
    s1, s2 = open_store(room_url), open_store(room_url)
    try:
        a = Candidate(s1, "席位1", healthy=lambda: False, step_down_s=0.5)  # its intake never connects
        b = Candidate(s2, "席位2", healthy=lambda: True)
        a.election.start()
        await until(lambda: a.election.is_writer, 10)
        b.election.start()
        await until(lambda: b.election.is_writer, 10)  # a stepped down, b took the intake
        assert a.lost == 1
        assert not a.election.is_writer
        await asyncio.sleep(1.0)  # a's cool-down is over: it tries again, but b holds the lock
        assert b.election.is_writer
        assert a.gained == 1
        await a.election.stop()
        await b.election.stop()
    finally:
        s1.close()
        s2.close()


async def test_sqlite_seat_always_writes(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'one.db'}")
    try:
        c = Candidate(store, "seat-1")
        c.election.start()
        await asyncio.wait_for(c.election.writing.wait(), 5)
        assert c.gained == 1
        assert c.holders == [("seat-1", True)]
        await c.election.stop()
    finally:
        store.close()


async def _spawn(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "main.py"), *args, cwd=str(ROOT),
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)


async def _writer_holding(engine, name: str) -> bool:
    def check() -> bool:
        with engine.connect() as conn:
            return bool(conn.execute(sa.text(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = :n"),
                {"n": f"grid-intake:{name}"}).scalar())

    return await asyncio.to_thread(check)


async def test_three_officers_and_a_writer_killed_three_times(room_url, tmp_path):
    setup = open_store(room_url)
    room_id = setup.room_id
    engine = setup.engine
    writers: list[asyncio.subprocess.Process] = []
    officers: list[asyncio.subprocess.Process] = []
    try:
        async with running_hub(tmp_path / "hub.db") as hub:
            def writer(n: int) -> asyncio.Future:
                return asyncio.ensure_future(_spawn("record", "--connect", hub.url, "--token", TOKEN, "--db", room_url,
                                                    "--seat", f"w-{n}"))

            writers.append(await writer(1))
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(1, 21)])
            await asyncio.wait_for(hub.wait_ack(room_id, 20), STEP)  # w-1 writes, as the room
            writers.append(await writer(2))  # the standby
            for n in (1, 2, 3):
                officers.append(await _spawn(
                    "officer", "--connect", hub.url, "--token", TOKEN, "--db", room_url, "--seat", f"席位{n}",
                    "--officer", f"值班员{n}", "--intake", "never", "--delay", "0.2", "--verify-delay", "600",
                    "--exit-when-idle", "3", "--json"))
            published, kills = 20, 0
            while published < COUNT:
                hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(published + 1, published + 11)])
                published += 10
                if published in (60, 100, 140):  # kill the writer mid-stream (-9), a standby takes over
                    current = writers[kills]
                    assert await _writer_holding(engine, f"w-{kills + 1}")
                    current.send_signal(signal.SIGKILL)
                    await current.wait()
                    kills += 1
                    async with asyncio.timeout(STEP):  # the standby takes the lock…
                        while not await _writer_holding(engine, f"w-{kills + 1}"):  # noqa: ASYNC110 - polls the server
                            await asyncio.sleep(0.05)
                    # …and resumes from the room's position: everything published so far is committed
                    await asyncio.wait_for(hub.wait_ack(room_id, published), STEP)
                    writers.append(await writer(kills + 2))  # a new standby
                await asyncio.sleep(0.1)  # pacing of the stream, not synchronisation
            await asyncio.wait_for(hub.wait_ack(room_id, COUNT), STEP)
            outs = [await asyncio.wait_for(p.communicate(), STEP * 2) for p in officers]
            stats = [json.loads(out.decode().strip().splitlines()[-1]) for out, _err in outs]
            assert all(p.returncode == 0 for p in officers)
        assert kills == 3
        # 0 lost, 0 twice
        store = open_store(room_url)
        try:
            events = store.events.search(limit=COUNT * 2)
            assert sorted(int(e.id.split("-")[1]) for e in events) == list(range(1, COUNT + 1))
            assert store.events.count() == COUNT
            assert all(e.duplicate_count == 0 for e in events)
            with store.engine.connect() as conn:
                assert conn.execute(sa.text("SELECT count(*) FROM duplicate_reports")).scalar() == 0
            assert store.feed_position(room_id) == COUNT
            # every event decided exactly once: one dispatch in its log, one winner among three seats
            log = store.actions.log()
        finally:
            store.close()
        dispatches: dict[str, int] = {}
        for a in log:
            if a.kind == "dispatch":
                dispatches[a.event_id] = dispatches.get(a.event_id, 0) + 1
        assert set(dispatches.values()) == {1}
        assert len(dispatches) == COUNT
        assert sum(s["dispatched"] + s["redispatched"] for s in stats) >= COUNT
        assert sum(s["refused"] + s["skipped_claimed"] for s in stats) > 0  # the losers were told
        assert all(not s["errors"] for s in stats)
    finally:
        for p in [*writers, *officers]:
            if p.returncode is None:
                p.kill()
                await p.wait()
        setup.close()


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
