"""A record the database refuses never stops the feed (issue 13, items 1 and 8).

``Store.commit_ingest`` splits a refused batch to find the record(s) at fault, quarantines them
with the database's reason and commits the rest; quarantining itself never fails on what a record
contains; a keyed record (one without a seq) is kept once. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.domain.event import State
from console.domain.ingest import IngestBatch, QuarantineRecord, StatusUpdate
from console.store import open_store

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


def _refused(store, seq):
    return next(q for q in store.quarantine.list(limit=1000) if q.seq == seq)


def test_refused_records_are_quarantined_and_the_rest_commits(store, make_event):
    # SQLite stores NUL, but not a missing title (NOT NULL) nor a lone surrogate (no UTF-8 for it)
    store.commit_ingest(IngestBatch(last_seq=1, events=[make_event("E-1", seq=1)]), now=NOW)
    events = [make_event(f"E-{i}", seq=i) for i in range(2, 12)]
    events[3] = make_event("E-5", seq=5, title=None)
    events[7] = make_event("E-9", seq=9, title="积水\ud800")
    status = StatusUpdate(seq=12, event_id="E-1", state=State.FILED, unit_id="u", at=NOW)
    batch = IngestBatch(last_seq=13, events=events, statuses=[status],
                        quarantined=[QuarantineRecord(raw="{", reason="not JSON", received_at=NOW, seq=13)])
    result = store.commit_ingest(batch, now=NOW)
    assert result.last_seq == 13
    assert store.feed_position() == 13
    assert sorted(e.id for e in result.new_events) == sorted(f"E-{i}" for i in range(2, 12) if i not in (5, 9))
    assert store.events.count() == 9
    assert store.events.get("E-5") is None
    assert store.events.get("E-9") is None
    assert store.events.get("E-1").state is State.FILED  # the status after the refused records applied
    assert [e.id for e in result.changed_events] == ["E-1"]
    assert result.quarantined == 3
    assert _refused(store, 5).reason == "refused by the database: NOT NULL constraint failed: events.title"
    surrogate = _refused(store, 9)
    assert "surrogates not allowed" in surrogate.reason
    assert '"id":"E-9"' in surrogate.raw
    assert "\\ud800" in surrogate.raw
    assert _refused(store, 13).reason == "not JSON"
    # replayed after a crash: everything is at or below the position
    again = store.commit_ingest(batch, now=NOW)
    assert again.stale == 12
    assert again.quarantined == 0
    assert store.quarantine.count() == 3


def test_a_batch_of_one_refused_record(store, make_event):
    result = store.commit_ingest(IngestBatch(last_seq=4, events=[make_event("E-1", seq=3, title=None)]), now=NOW)
    assert result.last_seq == 4
    assert store.feed_position() == 4
    assert result.quarantined == 1
    assert _refused(store, 3).reason.startswith("refused by the database: NOT NULL")


def test_quarantine_keeps_any_text(store):
    kept = store.quarantine.add_many([
        QuarantineRecord(raw='{"t":"a\x00b\ud800"}', reason="x\x00", received_at=NOW, seq=1),
    ])
    assert kept == 1
    (q,) = store.quarantine.list()
    assert q.raw == '{"t":"a\\u0000b\\ud800"}'
    assert q.reason == "x\\u0000"


def test_keyed_quarantine_records_are_kept_once(store):
    junk = QuarantineRecord(raw="garbage {", reason="not JSON: x", received_at=NOW, key="k" * 64)
    other = QuarantineRecord(raw="garbage {", reason="not JSON: x", received_at=NOW, key="j" * 64)
    r1 = store.commit_ingest(IngestBatch(last_seq=0, quarantined=[junk, junk, other]), now=NOW)
    assert r1.quarantined == 2
    r2 = store.commit_ingest(IngestBatch(last_seq=0, quarantined=[junk]), now=NOW)  # sent again after a crash
    assert r2.quarantined == 0
    assert store.quarantine.count() == 2
    assert {q.key for q in store.quarantine.list()} == {"k" * 64, "j" * 64}
    unkeyed = QuarantineRecord(raw="garbage {", reason="not JSON: x", received_at=NOW)
    store.commit_ingest(IngestBatch(last_seq=0, quarantined=[unkeyed, unkeyed]), now=NOW)
    assert store.quarantine.count() == 4  # without a key nothing is merged


@pytest.mark.postgres
def test_nul_records_are_quarantined_on_postgresql(pg_url, make_event):
    with open_store(pg_url) as store:
        events = [make_event(f"N-{i}", seq=i) for i in range(1, 11)]
        events[4] = make_event("N-5", seq=5, title="路灯\x00不亮")
        status = StatusUpdate(seq=11, event_id="N-1", state=State.FILED, unit_id="u", at=NOW, note="到\x00场")
        good_status = StatusUpdate(seq=12, event_id="N-2", state=State.FILED, unit_id="u", at=NOW)
        junk = QuarantineRecord(raw="a\x00b", reason="not JSON", received_at=NOW, seq=None, key="z" * 64)
        batch = IngestBatch(last_seq=12, events=events, statuses=[status, good_status], quarantined=[junk])
        result = store.commit_ingest(batch, now=NOW)
        assert result.last_seq == 12
        assert store.feed_position() == 12
        assert store.events.count() == 9
        assert store.events.get("N-5") is None
        assert store.events.get("N-1").state is State.NEW
        assert store.events.get("N-2").state is State.FILED
        assert result.quarantined == 3
        nul = "refused by the database: PostgreSQL text fields cannot contain NUL (0x00) bytes"
        assert _refused(store, 5).reason == nul
        assert _refused(store, 11).reason == nul
        assert "\\u0000" in _refused(store, 5).raw
        assert next(q for q in store.quarantine.list() if q.seq is None).raw == "a\\u0000b"
        assert store.commit_ingest(IngestBatch(last_seq=12, quarantined=[junk])).quarantined == 0
        assert store.quarantine.count() == 3
