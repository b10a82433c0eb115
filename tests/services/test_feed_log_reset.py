"""A hub whose log was reset, end to end into a real store (issue 13, item 2).

Before: a recorder at seq N subscribing to a new hub whose head is below N stored nothing and
exited 0; the console showed no lag. Now the position moves to the new log with a ``log_reset``
feed-health record, the new log is read from its start, what was already stored is merged by id
(nothing doubled, nothing lost) and the console's feed state says what happened.
"""

from __future__ import annotations

import asyncio

from console.services.bus import Bus
from console.services.ingest import FeedState, IngestService
from console.services.recorder import EXIT_OK, record
from console.services.room import Room
from console.store import open_store
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub


def _publish(hub, ids) -> None:
    hub.publish_many([("event", dumps(event_obj(i)), None) for i in ids])


def test_recorder_resyncs_from_a_new_log_without_losing_or_doubling(tmp_path):
    db = f"sqlite:///{tmp_path}/rec.db"

    async def first():
        async with running_hub(tmp_path / "a.db") as hub:
            _publish(hub, range(1, 301))
            return getattr(hub.log, "log_id", None), await record(hub.url, TOKEN, db, exit_when_idle=0.8)

    log_a, code = run(first())
    assert code == EXIT_OK

    async def second():  # a new hub (its log reset): 20 reports it re-sends, 30 new ones; head 50 < 300
        async with running_hub(tmp_path / "b.db") as hub:
            _publish(hub, [*range(1, 21), *(f"b{i}" for i in range(1, 31))])
            return getattr(hub.log, "log_id", None), await record(hub.url, TOKEN, db, exit_when_idle=0.8)

    log_b, code = run(second())
    assert code == EXIT_OK
    store = open_store(db)
    try:
        assert store.events.count() == 330  # the 30 new ones stored, the 20 re-sent merged by id
        assert store.feed_cursor("recorder") == (50, log_b)
        stored = store.events.get_many(["ev-1", "ev-20", "ev-21", "ev-b1"])
        assert [stored[i].duplicate_count for i in ("ev-1", "ev-20", "ev-21")] == [1, 1, 0]
        [health] = store.feed_health("recorder")
        assert (health.kind, health.seq) == ("log_reset", 300)
        assert health.data["old_log_id"] == log_a
        assert health.data["new_log_id"] == log_b
        assert health.data["head_seq"] == 50
        assert health.data["reason"] == "new_log"
        assert log_b in health.detail
    finally:
        store.close()


def test_console_tells_the_officer_and_resyncs(tmp_path):
    async def main():
        store = open_store(f"sqlite:///{tmp_path}/console.db")
        bus, states = Bus(), []
        changed = asyncio.Event()

        def on_state(state: FeedState) -> None:
            states.append(state)
            changed.set()

        async def until(predicate) -> FeedState:
            async with asyncio.timeout(20):
                while not (states and predicate(states[-1])):
                    changed.clear()
                    await changed.wait()
            return states[-1]

        bus.subscribe("feed_state", on_state)
        room = Room(bus)
        async with running_hub(tmp_path / "a.db") as hub:
            port = hub.port
            _publish(hub, range(1, 101))
            svc = IngestService(store, room, bus, hub.url, TOKEN, "seat-1",
                                client_options={"backoff_base": 0.05, "backoff_cap": 0.2})
            svc.start()
            st = await until(lambda s: s.last_seq == 100)
            assert st.log_id == hub.log.log_id
            assert st.log_change is None
        await until(lambda s: s.status != "connected")
        async with running_hub(tmp_path / "b.db", port=port) as hub:
            _publish(hub, [*range(91, 101), *(f"b{i}" for i in range(1, 11))])
            st = await until(lambda s: s.last_seq == 20 and s.status == "connected")
            await svc.stop()
            log_b = hub.log.log_id
        try:
            assert (st.log_id, st.log_resyncs, st.lag, st.head_seq) == (log_b, 1, 0, 20)
            assert st.log_change is not None
            assert st.log_change.new_log_id == log_b
            assert (st.log_change.position, st.log_change.head_seq) == (100, 20)
            assert st.log_change_at is not None
            assert store.events.count() == 110
            assert store.feed_cursor("seat-1") == (20, log_b)
            assert [h.kind for h in store.feed_health("seat-1")] == ["log_reset"]
            assert len(room.events) == 110
        finally:
            store.close()

    run(main())
