"""Live sync between seats (issue 14): what one seat commits — a feed batch, a claim, a dispatch —
reaches another seat's room through the change log, on one SQLite file (polled) and on PostgreSQL
(LISTEN/NOTIFY plus the catch-up, which also covers a listener that lost its connection)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from console.domain.district import load_district
from console.domain.event import Event, Location, Source, State
from console.domain.ingest import IngestBatch
from console.domain.sla import default_table
from console.services.bus import Bus
from console.services.decisions import DecisionService
from console.services.room import Room
from console.services.room_sync import RoomSync
from console.store import open_store
from console.store.changelog import ENTITY_CLAIM, ENTITY_EVENT
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(params=["sqlite", "postgres"])
def shared_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'room.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="module")
def district():
    return load_district(DEMO)


def _events(district, *ids: str) -> list[Event]:
    micro = next(g for g in district.leaves if g.level == 4)
    lon, lat = district.geometries[micro.id].representative_point().coords[0]
    return [Event(id=i, source=Source.HOTLINE_12345, category="city.vending", title=f"占道经营 {i}",
                  reported_at=NOW - timedelta(minutes=1), location=Location(lat, lon), grid_id=micro.id)
            for i in ids]


@pytest.fixture
def room_url(request) -> str:
    """A fresh PostgreSQL schema (tests.store.conftest.pg_url)."""
    return str(request.getfixturevalue("pg_url"))


class Seat:
    def __init__(self, url: str, name: str, district, *, poll_s: float | None = None) -> None:
        self.store = open_store(url)
        self.bus = Bus()
        self.room = Room(self.bus)
        self.sync = RoomSync(self.store, self.room, self.bus, seat=name, poll_s=poll_s)
        self.sync.mark()
        self.room.load(self.store.events.load_open())
        self.sent: list = []

        async def send(command):
            self.sent.append(command.action)
            return True, None

        self.decisions = DecisionService(self.store, self.room, self.bus, district, table=default_table(),
                                         seat=name, officer=f"张三-{name}", send_command=send)

    def close(self) -> None:
        self.sync.stop()
        self.store.close()


async def until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:  # noqa: ASYNC109
    async with asyncio.timeout(timeout):
        while not predicate():  # noqa: ASYNC110 - the condition lives in another seat's thread
            await asyncio.sleep(0.02)


async def test_feed_claim_and_dispatch_reach_the_other_seat(shared_url, district):
    a, b = Seat(shared_url, "席位1", district), Seat(shared_url, "席位2", district)
    try:
        a.sync.start()
        b.sync.start()
        changed: list[str] = []
        b.bus.subscribe("events_changed", lambda events: changed.extend(e.id for e in events))
        # the writer (seat A) commits a feed batch: seat B's room gets the events
        result = a.store.commit_ingest(IngestBatch(last_seq=2, events=_events(district, "rs-1", "rs-2")),
                                       a.store.room_id)
        a.room.apply_ingest(result)
        await until(lambda: b.room.get("rs-1") is not None and b.room.get("rs-2") is not None)
        # seat A claims rs-1: B sees who works on it, with the officer's name
        assert await a.decisions.claim("rs-1") is None
        await until(lambda: b.room.get("rs-1").claimed_by == "席位1")
        assert b.room.claim_officers["rs-1"] == "张三-席位1"
        # seat A dispatches it: B's row is no longer "new"
        dept = next(iter(district.departments))
        await a.decisions.dispatch("rs-1", [dept], "请处置")
        await until(lambda: b.room.get("rs-1").state is State.DISPATCHED)
        assert b.room.get("rs-1").version == a.room.get("rs-1").version
        await until(lambda: b.room.get("rs-1").claimed_by is None)  # released with the dispatch
        assert "rs-1" in changed
        # seat B's own dispatch of the same event is refused, as before — but B knew already
        assert a.sent == ["dispatch"]
    finally:
        a.close()
        b.close()


async def test_expired_claims_leave_the_room(shared_url, district):
    a, b = Seat(shared_url, "席位1", district), Seat(shared_url, "席位2", district, poll_s=0.2)
    try:
        a.store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, "rs-9")), a.store.room_id)
        b.room.load(b.store.events.load_open())
        b.sync.start()
        short = timedelta(milliseconds=600)
        ok, _ = a.store.claims.claim("rs-9", "席位1", "李四", short, datetime.now(UTC))
        assert ok
        await until(lambda: b.room.get("rs-9").claimed_by == "席位1")
        await until(lambda: b.room.get("rs-9").claimed_by is None)  # the TTL ran out: gone without a write
        assert "rs-9" not in b.room.claim_officers
    finally:
        a.close()
        b.close()


async def test_take_over_goes_through_the_decision_path(shared_url, district):
    a, b = Seat(shared_url, "席位1", district), Seat(shared_url, "主管席", district)
    try:
        a.store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, "rs-5")), a.store.room_id)
        for s in (a, b):
            s.room.load(s.store.events.load_open())
            s.sync.start()
        assert await a.decisions.claim("rs-5") is None
        await until(lambda: b.room.get("rs-5").claimed_by == "席位1")
        ev = await b.decisions.take_over("rs-5")
        assert ev.claimed_by == "主管席"
        log = a.store.actions.for_event("rs-5")
        assert log[-1].kind == "take_over"
        assert log[-1].data["taken_from"] == "席位1"
        assert "席位1·张三-席位1" in (log[-1].note or "")
        await until(lambda: a.room.get("rs-5").claimed_by == "主管席")
        assert await a.decisions.claim("rs-5") == "主管席"  # seat A's claim is refused now
    finally:
        a.close()
        b.close()


def test_change_log_rows_come_with_the_writes(shared_url, district):
    store = open_store(shared_url)
    try:
        store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, "cl-1")), store.room_id)
        store.claims.claim("cl-1", "s1", "王五", timedelta(minutes=1), datetime.now(UTC))
        changes = store.changes_after(0)
        assert [(c.entity, c.entity_id) for c in changes] == [(ENTITY_EVENT, "cl-1"), (ENTITY_CLAIM, "cl-1")]
        assert store.change_head() == changes[-1].seq
        assert store.room_id.startswith("room-")
    finally:
        store.close()


async def test_postgres_listener_catches_up_after_losing_its_connection(room_url, district):
    a, b = Seat(room_url, "席位1", district), Seat(room_url, "席位2", district, poll_s=0.5)
    try:
        b.sync.start()
        await until(lambda: b.sync.listening)
        with b.store.engine.connect() as conn:  # cut the listener's session, as a network fault would
            conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE application_name = 'grid-sync:席位2'"))
            conn.commit()
        a.store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, "pg-1")), a.store.room_id)
        await until(lambda: b.room.get("pg-1") is not None, timeout=15)
        await until(lambda: b.sync.listening)
        a.store.commit_ingest(IngestBatch(last_seq=2, events=_events(district, "pg-2")), a.store.room_id)
        await until(lambda: b.room.get("pg-2") is not None)
    finally:
        a.close()
        b.close()


async def test_a_seat_behind_the_pruned_log_reads_the_room_again(shared_url, district):
    a, b = Seat(shared_url, "席位1", district), Seat(shared_url, "席位2", district, poll_s=0.2)
    try:
        a.store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, "old-1")), a.store.room_id,
                              NOW - timedelta(days=2))
        a.store.commit_ingest(IngestBatch(last_seq=2, events=_events(district, "new-1")), a.store.room_id, NOW)
        assert a.store.prune_changes(retain_us=24 * 3600 * 1_000_000) == 1  # old-1's row is gone
        assert a.store.changes_pruned_through() >= 1
        assert [c.entity_id for c in a.store.changes_after(0)] == ["new-1"]
        b.sync.start()  # B's position (0) is below the pruned mark: it reads the room again
        await until(lambda: b.room.get("old-1") is not None and b.room.get("new-1") is not None)
        assert b.sync.resyncs == 1
    finally:
        a.close()
        b.close()


def test_a_notification_says_whether_only_arrivals_came(room_url, district):
    """The payload ``<seq>:a`` (only new events) or ``<seq>:u`` (anything else) lets a seat read a
    decision at once and gather arrivals."""
    import psycopg

    from console.store.changelog import CHANNEL_SQL, note_kind

    store = open_store(room_url)
    dsn = store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            channel = conn.execute(CHANNEL_SQL).fetchone()[0]
            conn.execute(f'LISTEN "{channel}"')
            store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, "nk-1")), store.room_id)
            store.claims.claim("nk-1", "s1", "王五", timedelta(minutes=1), datetime.now(UTC))
            notes = list(conn.notifies(timeout=5, stop_after=2))
        head = store.change_head()
        assert [n.payload for n in notes] == [f"{head - 1}:a", f"{head}:u"]
        assert [note_kind(n.payload) for n in notes] == ["arrivals", "updates"]
        assert note_kind(str(head)) == "updates"  # a payload without a kind: read everything
    finally:
        store.close()


async def test_a_decision_does_not_wait_for_the_arrivals_being_gathered(room_url, district):
    """Seat B gathers arrivals for ``arrivals_s``; seat A's claim, committed meanwhile, reaches B first
    — and the gathered arrival still comes (the sync stays exact)."""
    a, b = Seat(room_url, "席位1", district), Seat(room_url, "席位2", district)
    b.sync.arrivals_s = 5.0
    try:
        b.sync.start()
        await until(lambda: b.sync.listening)
        a.store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, "ga-1")), a.store.room_id)
        await until(lambda: b.room.get("ga-1") is not None)  # the first after a quiet spell: at once
        a.store.commit_ingest(IngestBatch(last_seq=2, events=_events(district, "ga-2")), a.store.room_id)
        a.room.load(a.store.events.load_open())
        assert await a.decisions.claim("ga-1") is None
        await until(lambda: b.room.get("ga-1").claimed_by == "席位1")
        assert b.room.get("ga-2") is None  # still being gathered
        await until(lambda: b.room.get("ga-2") is not None)
    finally:
        a.close()
        b.close()


async def test_changes_go_to_the_room_ahead_of_waiting_arrivals(district):
    """On the loop, what changed is applied before arrival parts handed over earlier — except that a
    claim on an event still on its way in lets those arrivals go first, so it is not lost."""
    from console.services.room_sync import SyncBatch

    class NoStore:
        dialect = "sqlite"

    bus = Bus()
    room = Room(bus)
    sync = RoomSync(NoStore(), room, bus, seat="席位2")
    sync._loop = asyncio.get_running_loop()
    order: list[str] = []

    def added(events):
        order.extend(f"+{e.id}" for e in events)

    def changed(events):
        order.extend(f"~{e.id}" for e in events)

    known, new = _events(district, "ap-1", "ap-2")
    room.upsert([known])
    bus.subscribe("events_added", added)  # (the bus holds its subscribers weakly)
    bus.subscribe("events_changed", changed)
    filed = known.copy(state=State.FILED, version=known.version + 1)
    sync._hand_over(SyncBatch(5, [new]), urgent=False)
    sync._hand_over(SyncBatch(6, [filed]), urgent=True)
    await until(lambda: len(order) == 2)
    assert order == ["~ap-1", "+ap-2"]
    # a claim on an event whose arrival waits in the queue: the arrival first, then the claim on it
    later, = _events(district, "ap-3")
    until_at = datetime.now(UTC) + timedelta(minutes=1)
    sync._hand_over(SyncBatch(7, [later]), urgent=False)
    sync._hand_over(SyncBatch(8, claims={"ap-3": ("席位1", "张三", until_at)}), urgent=True)
    await until(lambda: room.get("ap-3") is not None and room.get("ap-3").claimed_by == "席位1")
    assert room.claim_officers["ap-3"] == "张三"
