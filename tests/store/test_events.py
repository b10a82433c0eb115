"""Event repository: round trips, live queue loading, history search."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest

from console.domain.event import Attachment, Event, Level, Location, Source, State
from console.store import StoreError
from console.store.codec import EVENT_COLUMNS, from_us, to_us
from tests.store.conftest import T0

CST = timezone(timedelta(hours=8))


def _full_event() -> Event:
    return Event(
        id="full:1_a.b-c",
        source=Source.HOTLINE_12345,
        category="flood",
        title="南桥路隧道积水",
        reported_at=datetime(2026, 9, 6, 21, 5, 7, 123456, tzinfo=CST),
        description="台风“摩羯”过境，隧道积水约40厘米。",
        level=Level.MAJOR,
        location=Location(30.1234567, 121.7654321, "南桥路88号"),
        grid_id="G3-07",
        reporter_name="张伟",
        reporter_phone="13800000000",
        camera_id="cam-9",
        attachments=[Attachment("photo", "https://example.org/a.jpg"), Attachment("video", "rtsp://x/y")],
        extra={"weather": {"wind": 12}, "tags": ["台风"]},
        state=State.DISPATCHED,
        received_at=datetime(2026, 9, 6, 13, 5, 8, 1, tzinfo=UTC),
        seq=42,
        updated_at=datetime(2026, 9, 6, 13, 6, tzinfo=UTC),
        assignees=["dept-城管", "m-7"],
        dispatched_at=datetime(2026, 9, 6, 13, 6, tzinfo=UTC),
        deadline_at=datetime(2026, 9, 6, 17, 6, tzinfo=UTC),
        resolved_at=None,
        closed_at=None,
        duplicate_of="other-1",
        duplicate_count=3,
        claimed_by="seat-2",
        claim_until=datetime(2026, 9, 6, 13, 16, tzinfo=UTC),
        supervised=True,
        onsite=False,
        grid_flag="outside_all_grids",
    )


def test_every_field_round_trips(store):
    ev = _full_event()
    store.events.insert_many([ev])
    got = store.events.get(ev.id)
    assert got == ev
    assert got.reported_at.tzinfo is not None
    assert got.reported_at.utcoffset() == timedelta(0)
    assert got.reported_at == datetime(2026, 9, 6, 13, 5, 7, 123456, tzinfo=UTC)


def test_codec_covers_every_event_field():
    names = {f.name for f in dataclasses.fields(Event)} - {"location"}
    assert names | {"lat", "lon", "address"} == set(EVENT_COLUMNS)


def test_times_round_trip_exactly_and_sort():
    samples = [
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 11, 22, 3, 4, 5, 678901, tzinfo=CST),
        datetime(2999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ]
    for value in samples:
        back = from_us(to_us(value))
        assert back == value
        assert back.tzinfo == UTC
    assert sorted(samples) == sorted(samples, key=to_us)
    with pytest.raises(ValueError, match="naive"):
        to_us(datetime(2026, 1, 1))


def test_naive_datetime_is_refused(store, make_event):
    with pytest.raises(ValueError, match="naive"):
        store.events.insert_many([make_event(reported_at=datetime(2026, 1, 1))])
    assert store.events.count() == 0


def test_get_many_update_upsert_count(store, make_event):
    a, b = make_event("a"), make_event("b")
    store.events.insert_many([a, b])
    assert set(store.events.get_many(["a", "b", "zzz"])) == {"a", "b"}
    assert store.events.get("zzz") is None
    store.events.update(a.copy(state=State.FILED, assignees=["d1"]))
    assert store.events.get("a").state is State.FILED
    assert store.events.get("a").assignees == ["d1"]
    store.events.update_many([b.copy(title="改过的标题"), make_event("ghost")])
    assert store.events.get("b").title == "改过的标题"
    assert store.events.get("ghost") is None
    store.events.upsert_many([a.copy(title="upserted"), make_event("c")])
    assert store.events.get("a").title == "upserted"
    assert store.events.count() == 3
    assert store.events.count([State.NEW]) == 3  # the upsert replaced every field, state too
    assert store.events.count([State.FILED]) == 0


def test_insert_of_existing_id_fails_whole_call(store, make_event):
    store.events.insert_many([make_event("dup")])
    with pytest.raises(Exception, match="UNIQUE"):
        store.events.insert_many([make_event("fresh"), make_event("dup")])
    assert store.events.get("fresh") is None


def test_get_many_beyond_chunk_size(store, make_event):
    events = [make_event(f"bulk-{i}") for i in range(1_234)]
    store.events.insert_many(events)
    got = store.events.get_many([e.id for e in events])
    assert len(got) == 1_234


def test_load_open_round_trips_every_field(store, make_event):
    """load_open packs the rarely set columns into one value on SQLite: set and unset both come back."""
    full = _full_event()
    resolved = dataclasses.replace(full, id="full-2", state=State.RESOLVED, resolved_at=T0, onsite=True,
                                   supervised=False, claimed_by=None, claim_until=None, extra={}, attachments=[])
    plain = make_event("plain-1", assignees=["dept-城管"])
    plain_too = make_event("plain-2", assignees=["dept-城管"])
    store.events.insert_many([full, resolved, plain, plain_too])
    live = {e.id: e for e in store.events.load_open()}
    assert live == {e.id: e for e in (full, resolved, plain, plain_too)}
    live["plain-1"].assignees.append("m-1")  # each event owns its lists
    assert live["plain-2"].assignees == ["dept-城管"]


def test_raw_write_path_stores_nulls_and_booleans(store, make_event):
    """The SQLite fast path leaves NULL columns out of the statement and binds booleans as 0/1."""
    full = _full_event()
    bare = make_event("bare-1", description=None, location=None, grid_id="G1", reporter_phone=None)
    store.events.insert_many([bare, full])
    assert store.events.get("bare-1") == bare
    assert store.events.get(full.id) == full
    cleared = dataclasses.replace(full, camera_id=None, attachments=[], extra={}, assignees=[], supervised=False,
                                  claim_until=None, location=None, duplicate_of=None)
    store.events.update_many([cleared])
    assert store.events.get(full.id) == cleared
    with store.engine.connect() as c:
        flags = c.exec_driver_sql("SELECT typeof(supervised), typeof(onsite), typeof(extra) FROM events "
                                  "WHERE id = ?", (full.id,)).one()
    if store.dialect == "sqlite":
        assert tuple(flags) == ("integer", "integer", "null")


def test_bulk_insert_of_mixed_null_patterns_keeps_rows_and_order(store, make_event):
    """One statement shape for every row (NULL bound as a sentinel): values and arrival order kept."""
    events = []
    for i in range(301):
        fields: dict = {}
        if i % 3 == 0:
            fields.update(description=None, reporter_phone=None)
        if i % 7 == 0:
            fields.update(location=None)
        if i % 11 == 0:
            fields.update(extra={"channel": "12345", "n": i}, supervised=True)
        events.append(make_event(f"m-{i:04d}", **fields))
    store.events.insert_many(events[:150])
    store.events.insert_many(events[150:])
    assert store.events.get_many(e.id for e in events) == {e.id: e for e in events}
    with store.engine.connect() as c:
        ids = [r[0] for r in c.exec_driver_sql("SELECT id FROM events ORDER BY rid")]
        nulls = c.exec_driver_sql("SELECT count(*) FROM events WHERE description IS NULL AND lat IS NULL "
                                  "AND typeof(reporter_phone) = 'null' AND dispatched_at IS NULL").scalar_one()
    assert ids == [e.id for e in events]
    assert nulls == len([i for i in range(301) if i % 21 == 0])


def test_null_sentinel_never_swallows_a_real_value(store, make_event):
    from console.store.codec import SQLITE_NULL

    text = str(SQLITE_NULL)
    ev = make_event("sentinel-1", description=text, grid_id=text, reporter_name="", camera_id="0",
                    extra={"n": SQLITE_NULL}, seq=1)
    store.events.insert_many([ev])
    assert store.events.get("sentinel-1") == ev


def test_load_open_skips_terminal(store, make_event):
    events = [make_event(f"s-{s.value}", state=s) for s in State]
    store.events.insert_many(events)
    live = store.events.load_open()
    assert {e.state for e in live} == {s for s in State if not s.is_terminal}
    assert [e.reported_at for e in live] == sorted(e.reported_at for e in live)
    assert all(isinstance(e, Event) for e in live)


def test_open_pages_read_the_live_room_newest_first(store, make_event):
    """Start-up pages: the first page is the newest arrivals, the pages together are exactly the
    open events, and an event closed after the pages were planned is not in its page."""
    events = [make_event(f"p-{i:03d}", state=State.CLOSED if i % 4 == 0 else State.NEW) for i in range(40)]
    store.events.insert_many(events)
    full = _full_event()
    store.events.insert_many([full])
    pages = store.events.open_pages(first=3, size=10)
    open_ids = [e.id for e in events if e.state is not State.CLOSED] + [full.id]
    assert pages.total == len(open_ids) == 31
    assert pages.pages == 1 + 3  # 3, then 10 + 10 + 8
    first = pages.next_page()
    assert {e.id for e in first} == {full.id, "p-039", "p-038"}
    assert next(e for e in first if e.id == full.id) == full  # every field round-trips
    store.events.update_many([dataclasses.replace(events[1], state=State.CLOSED)])  # p-001: in the last page
    rest = [e for page in pages for e in page]
    assert pages.next_page() == []
    seen = [e.id for e in first] + [e.id for e in rest]
    assert len(seen) == len(set(seen))
    assert set(seen) == set(open_ids) - {"p-001"}


def test_open_pages_of_an_empty_room(store):
    pages = store.events.open_pages()
    assert (pages.total, pages.pages, list(pages)) == (0, 0, [])


def _history(store, make_event):
    rows = [
        make_event("h1", title="中山路占道经营", grid_id="G1", reported_at=T0, category="city_appearance"),
        make_event("h2", title="人民路道路积水", grid_id="G1", reported_at=T0 + timedelta(days=1), category="flood",
                   source=Source.HOTLINE_12345, state=State.CLOSED),
        make_event("h3", title="滨江路树木倒伏", description="倒伏树木压住道路积水口", grid_id="G2",
                   reported_at=T0 + timedelta(days=2), category="greening"),
        make_event("h4", title="Zhongshan Rd 100% blocked_road", grid_id="G3", reported_at=T0 + timedelta(days=3),
                   location=Location(1.0, 2.0, "建设路5号")),
        make_event("h5", title="新华街噪音扰民", grid_id="G2", reported_at=T0 + timedelta(days=10)),
    ]
    store.events.insert_many(rows)
    return rows


def _ids(events):
    return [e.id for e in events]


@pytest.mark.parametrize("indexed", [True, False], ids=["fts-indexed", "not-yet-indexed"])
def test_search_chinese_substrings(store, make_event, indexed):
    _history(store, make_event)
    if indexed:
        store.index_search()
        assert store.events.pending_index() == 0
    else:
        assert store.events.pending_index() == 5
    assert _ids(store.events.search(text="道路积水")) == ["h3", "h2"]  # title or description, newest first
    assert _ids(store.events.search(text="积水")) == ["h3", "h2"]  # 2 chars: LIKE fallback
    assert _ids(store.events.search(text="建设路")) == ["h4"]  # address
    assert _ids(store.events.search(text="zhongshan")) == ["h4"]  # case-insensitive
    assert _ids(store.events.search(text="100%")) == ["h4"]  # LIKE wildcards are literal
    assert _ids(store.events.search(text="d_r")) == ["h4"]
    assert _ids(store.events.search(text="0%b")) == []
    assert store.events.search(text="不存在的内容") == []


def test_search_filters_and_paging(store, make_event):
    _history(store, make_event)
    s = store.events.search
    assert _ids(s()) == ["h5", "h4", "h3", "h2", "h1"]
    assert _ids(s(grid_ids=["G1", "G2"])) == ["h5", "h3", "h2", "h1"]
    assert _ids(s(since=T0 + timedelta(days=1), until=T0 + timedelta(days=3))) == ["h3", "h2"]
    assert _ids(s(states=[State.CLOSED])) == ["h2"]
    assert _ids(s(category="greening")) == ["h3"]
    assert _ids(s(source=Source.HOTLINE_12345)) == ["h2"]
    assert _ids(s(limit=2)) == ["h5", "h4"]
    assert _ids(s(limit=2, offset=2)) == ["h3", "h2"]
    assert _ids(s(text="积水", grid_ids=["G2"], since=T0, until=T0 + timedelta(days=7))) == ["h3"]
    assert s(grid_ids=[]) == []


def test_search_uses_fts_for_broad_queries(store, make_event, monkeypatch):
    import console.store.events as events_module

    monkeypatch.setattr(events_module, "_NARROW_LIMIT", 2)  # force the FTS path even when narrowed
    _history(store, make_event)
    store.index_search(max_rows=3)
    assert store.events.pending_index() == 2
    assert _ids(store.events.search(text="道路积水", grid_ids=["G1", "G2"])) == ["h3", "h2"]
    store.events.insert_many([make_event("h6", title="光明巷道路积水严重", grid_id="G2", reported_at=T0 + timedelta(days=20))])
    assert _ids(store.events.search(text="道路积水", grid_ids=["G1", "G2"])) == ["h6", "h3", "h2"]


def test_search_index_follows_title_updates(store, make_event):
    _history(store, make_event)
    store.index_search()
    h1 = store.events.get("h1")
    store.events.update(h1.copy(title="中山路井盖缺失"))
    assert _ids(store.events.search(text="井盖缺失")) == ["h1"]
    assert _ids(store.events.search(text="中山路占道")) == []


def test_search_returns_store_error_free_results_on_empty_db(store):
    assert store.events.search(text="任何") == []
    assert store.events.load_open() == []


def test_store_error_is_an_exception_with_message():
    err = StoreError("x: broken")
    assert err.message == "x: broken"
    assert str(err) == "x: broken"


def test_clone_event_is_an_equal_independent_record(make_event):
    from console.store.codec import clone_event

    assert tuple(f.name for f in dataclasses.fields(Event)) == Event.__slots__
    ev = _full_event()
    copy = clone_event(ev)
    assert copy == ev
    assert copy is not ev
    copy.state = State.CLOSED
    assert ev.state is State.DISPATCHED
