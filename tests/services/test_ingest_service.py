"""IngestService end to end (hub → client → store in a worker thread → room → bus) and the demo hub."""

from __future__ import annotations

import asyncio

import pytest

from console.domain.district import load_district
from console.services.bus import Bus
from console.services.ingest import (
    OUTSIDE_ALL_GRIDS,
    EmbeddedDemoHub,
    FeedState,
    IngestService,
    default_district_dir,
)
from console.services.room import Room
from console.store import open_store
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub


@pytest.fixture(scope="module")
def district():
    return load_district(default_district_dir())


class Watcher:
    def __init__(self, bus: Bus) -> None:
        self.states: list[FeedState] = []
        self.added: list = []
        self.changed = asyncio.Event()
        bus.subscribe("feed_state", self.on_feed_state)
        bus.subscribe("events_added", self.on_events_added)

    def on_feed_state(self, state: FeedState) -> None:
        self.states.append(state)
        self.changed.set()

    def on_events_added(self, events) -> None:
        self.added.extend(events)
        self.changed.set()

    async def until(self, predicate, limit: float = 20.0) -> None:
        async with asyncio.timeout(limit):
            while not predicate():
                self.changed.clear()
                await self.changed.wait()


def test_ingest_commits_derives_grids_and_publishes_state(tmp_path, district):
    leaf = next(g for g in district.leaves if g.polygon)
    ring = leaf.polygon[0]
    lon, lat = sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    inside = district.locate(lon, lat)
    assert inside is not None

    async def main():
        store = open_store(f"sqlite:///{tmp_path}/console.db")
        bus = Bus()
        room = Room(bus)
        watch = Watcher(bus)
        async with running_hub(tmp_path / "hub.db") as hub:
            hub.publish_many([
                ("event", dumps(event_obj("in", location={"lat": lat, "lon": lon})), None),
                ("event", dumps(event_obj("out", location={"lat": 1.0, "lon": 1.0})), None),
                ("event", dumps(event_obj("grid", grid_id=leaf.id)), None),
                ("raw", "not json", None),
                ("event", dumps(event_obj("in", location={"lat": lat, "lon": lon})), None),  # re-sent: merged
            ])
            svc = IngestService(store, room, bus, hub.url, TOKEN, "seat-1", district=district)
            svc.start()
            try:
                await watch.until(lambda: watch.states and watch.states[-1].last_seq == 5)
            except TimeoutError:
                raise AssertionError(watch.states[-3:]) from None
            st = watch.states[-1]
            assert (st.status, st.head_seq, st.lag, st.quarantined) == ("connected", 5, 0, 1)
            assert st.url == hub.url
            await svc.stop()
        events = {e.id: e for e in store.events.search(limit=10)}
        assert set(events) == {"ev-in", "ev-out", "ev-grid"}
        assert events["ev-in"].grid_id == inside
        assert events["ev-out"].grid_id is None
        assert events["ev-out"].grid_flag == OUTSIDE_ALL_GRIDS
        assert events["ev-grid"].grid_id == leaf.id
        assert events["ev-in"].duplicate_count == 1
        assert {e.id for e in watch.added} == set(events)
        assert set(room.events) == set(events)
        assert store.feed_position("seat-1") == 5
        store.close()

    run(main())


def test_sequence_anomalies_and_poison_records_are_counted_and_kept(tmp_path, district):
    # issue 13, items 1 and 3: a gap, a repeated seq and a NUL record: each kept in the quarantine,
    # counted in FeedState, and the stream goes on
    nul = dumps(event_obj("nul", title="a\u0000b"))

    async def main():
        store = open_store(f"sqlite:///{tmp_path}/console.db")
        bus = Bus()
        room = Room(bus)
        watch = Watcher(bus)
        async with running_hub(tmp_path / "hub.db") as hub:
            hub.publish_many([
                ("event", dumps(event_obj(1)), None),
                ("event", dumps(event_obj(2)), None),
                ("raw", f'{{"type":"event","seq":4,"event":{dumps(event_obj(4))}}}', None),  # slot 3 says 4
                ("event", dumps(event_obj("four")), None),  # slot 4: at the last seq, ignored
                ("event", dumps(event_obj(5)), None),
                ("event", nul, None),
                ("event", dumps(event_obj(7)), None),
            ])
            svc = IngestService(store, room, bus, hub.url, TOKEN, "seat-1", district=district)
            svc.start()
            await watch.until(lambda: watch.states and watch.states[-1].last_seq == 7)
            await svc.stop()
        st = watch.states[-1]
        assert (st.seq_gaps, st.seq_missing, st.seq_repeated) == (1, 1, 1)
        assert st.seq_note == "seq 4 after 4: repeated, ignored"
        assert st.quarantined == 3
        assert set(room.events) == {"ev-1", "ev-2", "ev-4", "ev-5", "ev-7"}
        reasons = {q.reason: q.seq for q in store.quarantine.list()}
        assert reasons == {"seq 4 after 2: gap of 1": None, "seq 4 after 4: repeated, ignored": None,
                           "event.title: contains a NUL character (\\u0000), which cannot be stored": 6}
        assert store.quarantine.count() == st.quarantined
        store.close()

    run(main())


def test_embedded_demo_hub_fills_the_room(tmp_path, district):
    async def main():
        store = open_store(f"sqlite:///{tmp_path}/console.db")
        bus = Bus()
        room = Room(bus)
        watch = Watcher(bus)
        demo = EmbeddedDemoHub(tmp_path / "data", district=district, speed=600.0)
        url = await demo.start()
        assert url.startswith("ws://127.0.0.1:")
        svc = IngestService(store, room, bus, url, demo.token, "seat-1", district=district)
        svc.start()
        await watch.until(lambda: len(watch.added) >= 5)  # the backlog of the last two hours
        head = demo.hub.log.head
        await watch.until(lambda: demo.hub.log.head > head, 30)  # and live events keep coming
        await svc.stop()
        await demo.stop()
        assert demo.log_path.exists()
        assert store.events.count() >= 5
        store.close()

    run(main(), timeout=90)
