"""The same store on PostgreSQL (multi-seat): migrations, feed commit, search, concurrent claims.

Each test works in its own freshly created schema (see ``pg_url`` in conftest), so parallel and
repeated runs never collide. Skipped with the reason when the server is unreachable, except with
CI=true, where that is a failure.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from console.domain.event import State
from console.domain.ingest import IngestBatch, QuarantineRecord, StatusUpdate
from console.store import StoreError, open_store
from console.store.database import head_revision
from tests.store.conftest import T0

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


def test_open_migrates_and_reopens(pg_url, make_event):
    with open_store(pg_url) as store:
        assert store.dialect == "postgresql"
        assert store.revision == head_revision()
        store.events.insert_many([make_event("P-1")])
        with store.engine.connect() as conn:
            schema = conn.execute(sa.text("SELECT current_schema()")).scalar()
            tables = set(sa.inspect(conn).get_table_names())
        assert schema.startswith("store_test_")
        assert {"events", "actions", "claims", "alembic_version"} <= tables
    with open_store(pg_url) as store:
        assert store.events.get("P-1").title.endswith("占道经营")


def test_two_seats_opening_an_empty_schema_at_once(pg_url):
    errors: list[BaseException] = []
    stores = []

    def opener() -> None:
        try:
            stores.append(open_store(pg_url))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert errors == []
    assert len(stores) == 2


def test_foreign_and_newer_schemas_are_refused(pg_url):
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE invoices (id int)"))
    with pytest.raises(StoreError, match="not a grid-console database"):
        open_store(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE invoices"))
    open_store(pg_url).close()
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099_future'"))
    with pytest.raises(StoreError, match="newer"):
        open_store(pg_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0099_future"
    engine.dispose()


def test_commit_ingest(pg_url, make_event):
    with open_store(pg_url) as store:
        ev = make_event("P-2", seq=1, state=State.DISPATCHED)
        r = store.commit_ingest(IngestBatch(last_seq=1, events=[ev]), now=NOW)
        assert [e.id for e in r.new_events] == ["P-2"]
        assert store.events.get("P-2").received_at == NOW
        batch = IngestBatch(
            last_seq=5,
            events=[ev.copy(seq=2)],
            statuses=[
                StatusUpdate(3, "P-2", State.ACCEPTED, "dept-1", NOW),
                StatusUpdate(4, "P-2", State.CLOSED, "dept-1", NOW),
                StatusUpdate(5, "ghost", State.ACCEPTED, None, NOW),
            ],
        )
        r = store.commit_ingest(batch, now=NOW)
        assert r.merged == 1
        assert r.quarantined == 1
        assert store.feed_position() == 5
        kept = store.events.get("P-2")
        assert kept.duplicate_count == 1
        assert kept.state is State.ACCEPTED
        assert [a.kind for a in store.actions.for_event("P-2")] == ["merge", "transition", "status_ignored"]
        assert store.commit_ingest(IngestBatch(last_seq=4, events=[make_event(seq=4)])).stale == 1
        assert store.feed_position() == 5

        broken = IngestBatch(
            last_seq=8,
            events=[make_event("P-3", seq=6), make_event("P-4", seq=7, title=None)],
            quarantined=[QuarantineRecord("x", "bad", NOW, 8)],
        )
        r = store.commit_ingest(broken)  # the record the database refuses is singled out
        assert store.feed_position() == 8
        assert store.events.get("P-3") is not None
        assert store.events.get("P-4") is None
        assert r.quarantined == 2
        refused = next(q for q in store.quarantine.list() if q.seq == 7)
        assert refused.reason.startswith('refused by the database: null value in column "title"')


def test_search_with_ilike(pg_url, make_event):
    with open_store(pg_url) as store:
        store.events.insert_many([
            make_event("S-1", title="人民路道路积水", grid_id="G1", reported_at=T0),
            make_event("S-2", title="Flooded ROAD", description="100% blocked", grid_id="G2", reported_at=T0 + timedelta(days=1)),
            make_event("S-3", title="滨江路树木倒伏", grid_id="G1", reported_at=T0 + timedelta(days=2), state=State.CLOSED),
        ])
        ids = lambda events: [e.id for e in events]  # noqa: E731
        assert ids(store.events.search(text="道路积水")) == ["S-1"]
        assert ids(store.events.search(text="积水")) == ["S-1"]
        assert ids(store.events.search(text="flooded road")) == ["S-2"]
        assert ids(store.events.search(text="100%")) == ["S-2"]
        assert ids(store.events.search(grid_ids=["G1"], since=T0, until=T0 + timedelta(days=3))) == ["S-3", "S-1"]
        assert ids(store.events.search(states=[State.CLOSED])) == ["S-3"]
        assert [e.id for e in store.events.load_open()] == ["S-1", "S-2"]
        assert store.events.load_open()[0].reported_at == T0
        pages = store.events.open_pages(first=1)
        assert pages.total == 2
        assert [e.id for e in pages.next_page()] == ["S-2"]  # newest arrival first
        assert [[e.id for e in page] for page in pages] == [["S-1"]]


def test_trigram_index_when_extension_available(pg_url):
    with open_store(pg_url) as store, store.engine.connect() as conn:
        has_ext = conn.execute(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar()
        indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("events")}
    if not has_ext:
        pytest.skip("pg_trgm is not installed and could not be created: plain ILIKE is used")
    assert "ix_events_search_trgm" in indexes


def test_claims_race_between_two_seats(pg_url, make_event):
    seat_one = open_store(pg_url)
    seat_two = open_store(pg_url)
    try:
        ids = [f"R-{i}" for i in range(40)]
        seat_one.events.insert_many([make_event(i) for i in ids])
        wins: dict[str, list[str]] = {"seat-1": [], "seat-2": []}
        barrier = threading.Barrier(2)

        def grab(store, seat: str) -> None:
            barrier.wait()
            for event_id in ids:
                ok, holder = store.claims.claim(event_id, seat, seat.upper(), timedelta(minutes=5), NOW)
                if ok:
                    wins[seat].append(event_id)
                else:
                    assert holder is not None
                    assert holder != seat

        threads = [threading.Thread(target=grab, args=(s, n)) for s, n in ((seat_one, "seat-1"), (seat_two, "seat-2"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(wins["seat-1"] + wins["seat-2"]) == sorted(ids)  # every event exactly one winner
        assert not set(wins["seat-1"]) & set(wins["seat-2"])
        holders = seat_two.claims.holders(ids, NOW)
        assert {eid: h[0] for eid, h in holders.items()} == {
            **{eid: "seat-1" for eid in wins["seat-1"]},
            **{eid: "seat-2" for eid in wins["seat-2"]},
        }
        # an expired claim may be taken over by the other seat; a live one may not
        later = NOW + timedelta(minutes=6)
        eid = ids[0]
        other = "seat-2" if eid in wins["seat-1"] else "seat-1"
        store = seat_two if other == "seat-2" else seat_one
        assert store.claims.claim(eid, other, None, timedelta(minutes=5), later) == (True, None)
        first = "seat-1" if other == "seat-2" else "seat-2"
        assert seat_one.claims.claim(eid, first, None, timedelta(minutes=5), later) == (False, other)
    finally:
        seat_one.close()
        seat_two.close()


def test_repositories_round_trip(pg_url, make_event):
    from tests.store.test_records import _district

    with open_store(pg_url) as store:
        data = _district()
        store.district.replace_all(*data)
        assert store.district.load() == data
        store.settings.set("wall.rotation_s", 30)
        store.settings.set("wall.rotation_s", 45)
        assert store.settings.get("wall.rotation_s") == 45
        ev = make_event("U-1")
        store.events.upsert_many([ev])
        store.events.upsert_many([ev.copy(title="改", state=State.FILED)])
        assert store.events.get("U-1").title == "改"
        assert store.events.get("U-1").reported_at == ev.reported_at
        store.events.record_duplicate("U-1", make_event("U-2"), NOW)
        assert store.events.get("U-1").duplicate_count == 1
        assert store.events.pending_index() == 0
        assert store.index_search() == 0


def test_get_many_through_the_driver_reads_what_the_locked_read_reads(pg_url, make_event):
    """``get_many`` without a lock reads through the driver (one ``= ANY`` statement, the room sync's
    bulk read); every field comes back as through SQLAlchemy (the locked read inside a transaction)."""
    from console.domain.event import Attachment, Level, Source
    from console.store.database import write_tx

    with open_store(pg_url) as store:
        events = [
            make_event("D-1"),
            make_event("D-2", source=Source.VIDEO_AI, level=Level.MAJOR, location=None, grid_id=None,
                       attachments=[Attachment("image", "http://cam/1.jpg")], extra={"风险": 2, "tags": ["a"]},
                       assignees=["dept.cg", "dept.pol"], claimed_by="席位1", claim_until=NOW,
                       deadline_at=NOW + timedelta(hours=4), supervised=True, onsite=True, duplicate_count=3),
        ]
        store.commit_ingest(IngestBatch(last_seq=2, events=events), store.room_id, NOW)
        fast = store.events.get_many(["D-2", "D-1", "D-9", "D-1"])
        with write_tx(store.engine) as conn:
            locked = store.events.get_many(["D-1", "D-2"], conn, lock=True)
        assert set(fast) == {"D-1", "D-2"}  # an id not stored is absent, a repeated one read once
        assert fast == locked
        assert fast["D-2"].extra == {"风险": 2, "tags": ["a"]}
        assert fast["D-2"].claimed_by == "席位1"
