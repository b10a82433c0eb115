"""Store.commit_ingest: one transaction per feed batch, idempotent and never stopped by bad records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.domain.event import State
from console.domain.ingest import IngestBatch, QuarantineRecord, StatusUpdate
from console.store import StoreError
from tests.store.conftest import T0

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


def test_new_events_are_stored_with_received_at(store, make_event):
    events = [make_event(seq=i) for i in (1, 2, 3)]
    result = store.commit_ingest(IngestBatch(last_seq=3, events=events), now=NOW)
    assert result.last_seq == 3
    assert store.feed_position() == 3
    assert [e.id for e in result.new_events] == [e.id for e in events]
    assert result.changed_events == []
    assert result.merged == 0
    assert result.stale == 0
    stored = store.events.get(events[0].id)
    assert stored.received_at == NOW
    assert stored.updated_at == NOW
    assert stored.seq == 1
    assert stored == result.new_events[0]
    assert events[0].received_at is None  # the batch's own records are not modified


def test_owned_batch_records_become_the_stored_records(store, make_event):
    events = [make_event(seq=i) for i in (1, 2)]
    dup = events[0].copy(seq=3)  # an identical re-send
    result = store.commit_ingest(IngestBatch(last_seq=3, events=[*events, dup], owned=True), now=NOW)
    assert result.new_events[1] is events[1]  # stamped in place, not copied
    assert events[1].received_at == NOW
    assert events[1].updated_at == NOW
    assert result.new_events[0].duplicate_count == 1  # a merge still makes a new version
    assert store.events.get(events[1].id) == events[1]
    assert store.events.get(events[0].id) == result.new_events[0]


def test_resent_id_is_merged_exactly_once(store, make_event):
    first = make_event("E-1", seq=1)
    store.commit_ingest(IngestBatch(last_seq=1, events=[first]), now=NOW)
    store.events.update(store.events.get("E-1").copy(state=State.FILED))  # triaged meanwhile
    again = first.copy(seq=2)  # identical: a plain duplicate (new content: tests/store/test_source_update.py)
    result = store.commit_ingest(IngestBatch(last_seq=3, events=[again, first.copy(seq=3)]), now=NOW)
    assert result.new_events == []
    assert result.merged == 2
    assert [e.id for e in result.changed_events] == ["E-1"]
    kept = result.changed_events[0]
    assert kept.duplicate_count == 2
    assert kept.state is State.FILED
    assert kept.title == first.title  # the kept event is not overwritten
    assert store.events.count() == 1
    assert store.events.get("E-1") == kept
    reports = store.events.duplicate_reports("E-1")
    assert [(k, r.seq) for k, _at, r in reports] == [("resent", 2), ("resent", 3)]
    assert reports[0][2].title == first.title
    assert [a.kind for a in store.actions.for_event("E-1")] == ["merge", "merge"]


def test_duplicate_within_one_batch(store, make_event):
    ev = make_event("E-2", seq=1)
    result = store.commit_ingest(IngestBatch(last_seq=2, events=[ev, ev.copy(seq=2)]), now=NOW)
    assert [e.id for e in result.new_events] == ["E-2"]
    assert result.merged == 1
    assert store.events.get("E-2").duplicate_count == 1
    assert store.events.count() == 1


def test_stale_records_are_ignored(store, make_event):
    store.commit_ingest(IngestBatch(last_seq=10, events=[make_event("E-3", seq=10)]), now=NOW)
    late = make_event("E-late", seq=9)
    status = StatusUpdate(seq=8, event_id="E-3", state=State.FILED, unit_id="u", at=NOW)
    bad = QuarantineRecord(raw="{", reason="bad json", received_at=NOW, seq=7)
    fresh = make_event("E-4", seq=11)
    result = store.commit_ingest(
        IngestBatch(last_seq=11, events=[late, fresh], statuses=[status], quarantined=[bad]), now=NOW
    )
    assert result.stale == 3
    assert [e.id for e in result.new_events] == ["E-4"]
    assert store.events.get("E-late") is None
    assert store.quarantine.count() == 0
    assert store.events.get("E-3").state is State.NEW
    # a whole batch at or below the position changes nothing, and the position never goes back
    result = store.commit_ingest(IngestBatch(last_seq=5, events=[make_event("E-5", seq=5)]), now=NOW)
    assert result.stale == 1
    assert result.last_seq == 11
    assert store.feed_position() == 11


def test_statuses_apply_through_the_lifecycle(store, make_event):
    ev = make_event("E-6", seq=1, state=State.DISPATCHED)
    store.commit_ingest(IngestBatch(last_seq=1, events=[ev]), now=NOW)
    at = NOW + timedelta(minutes=5)
    statuses = [
        StatusUpdate(seq=2, event_id="E-6", state=State.ACCEPTED, unit_id="dept-城管", at=at),
        StatusUpdate(seq=3, event_id="E-6", state=State.ON_SCENE, unit_id="dept-城管", at=at + timedelta(minutes=1)),
        StatusUpdate(seq=4, event_id="E-6", state=State.RESOLVED, unit_id=None, at=at + timedelta(minutes=9), note="已清理"),
    ]
    result = store.commit_ingest(IngestBatch(last_seq=4, statuses=statuses), now=NOW)
    assert [e.id for e in result.changed_events] == ["E-6"]
    stored = store.events.get("E-6")
    assert stored.state is State.RESOLVED
    assert stored.resolved_at == at + timedelta(minutes=9)
    assert stored == result.changed_events[0]
    log = store.actions.for_event("E-6")
    assert [(a.kind, a.from_state, a.to_state, a.actor) for a in log] == [
        ("transition", State.DISPATCHED, State.ACCEPTED, "dept-城管"),
        ("transition", State.ACCEPTED, State.ON_SCENE, "dept-城管"),
        ("transition", State.ON_SCENE, State.RESOLVED, "feed"),
    ]
    assert log[2].note == "已清理"
    assert log == result.actions


def test_out_of_order_status_is_recorded_not_raised(store, make_event):
    store.commit_ingest(IngestBatch(last_seq=1, events=[make_event("E-7", seq=1)]), now=NOW)
    status = StatusUpdate(seq=2, event_id="E-7", state=State.RESOLVED, unit_id="u-1", at=NOW)
    result = store.commit_ingest(IngestBatch(last_seq=2, statuses=[status]), now=NOW)
    assert result.changed_events == []
    assert store.feed_position() == 2
    (action,) = result.actions
    assert action.kind == "status_ignored"
    assert action.from_state is State.NEW
    assert action.to_state is State.RESOLVED
    assert "not an allowed transition" in action.note
    assert store.events.get("E-7").state is State.NEW
    assert store.actions.for_event("E-7") == [action]


def test_status_for_unknown_event_is_quarantined(store):
    status = StatusUpdate(seq=1, event_id="nobody", state=State.ACCEPTED, unit_id="u", at=NOW, note="签收")
    result = store.commit_ingest(IngestBatch(last_seq=1, statuses=[status]), now=NOW)
    assert result.quarantined == 1
    assert store.feed_position() == 1
    (record,) = store.quarantine.list()
    assert "unknown event" in record.reason
    assert record.seq == 1
    assert '"nobody"' in record.raw
    assert "签收" in record.raw


def test_status_for_event_in_same_batch(store, make_event):
    ev = make_event("E-8", seq=1, state=State.DISPATCHED)
    status = StatusUpdate(seq=2, event_id="E-8", state=State.ACCEPTED, unit_id="u", at=NOW)
    result = store.commit_ingest(IngestBatch(last_seq=2, events=[ev], statuses=[status]), now=NOW)
    assert result.new_events[0].state is State.ACCEPTED
    assert result.changed_events == []
    assert store.events.get("E-8").state is State.ACCEPTED


def test_quarantine_is_kept_and_counted(store):
    records = [
        QuarantineRecord(raw='{"type":"event","seq":1}', reason="missing id", received_at=NOW, seq=1),
        QuarantineRecord(raw="\xff garbage", reason="not JSON", received_at=NOW + timedelta(seconds=1), seq=2),
    ]
    result = store.commit_ingest(IngestBatch(last_seq=2, quarantined=records), now=NOW)
    assert result.quarantined == 2
    assert store.quarantine.count() == 2
    assert store.feed_position() == 2
    assert store.quarantine.list() == list(reversed(records))  # newest first
    assert store.quarantine.list(limit=1, offset=1) == [records[0]]


def test_onsite_resolved_event_is_stored_with_an_action(store, make_event):
    ev = make_event("E-9", seq=1, state=State.RESOLVED, onsite=True, reporter_name="网格员李娜")
    result = store.commit_ingest(IngestBatch(last_seq=1, events=[ev]), now=NOW)
    stored = store.events.get("E-9")
    assert stored.state is State.RESOLVED
    assert stored.onsite
    assert stored.resolved_at == ev.reported_at
    (action,) = result.actions
    assert action.kind == "onsite_resolved"
    assert action.to_state is State.RESOLVED
    assert action.actor == "网格员李娜"
    assert store.events.load_open() == [stored]  # resolved still waits for verification


def test_many_actions_in_one_batch_are_all_logged(store, make_event):
    events = [make_event(f"E-os-{i}", seq=i, state=State.RESOLVED, onsite=True,
                         reporter_name=None if i % 2 else f"网格员{i}") for i in range(1, 141)]
    result = store.commit_ingest(IngestBatch(last_seq=140, events=events), now=NOW)
    assert len(result.actions) == 140
    for ev, action in zip(events, result.actions, strict=True):
        assert store.actions.for_event(ev.id) == [action]
    assert result.actions[0].actor == "feed"
    assert result.actions[1].actor == "网格员2"
    assert store.actions.count() == 140


def test_batch_out_of_seq_order_is_applied_in_seq_order(store, make_event):
    store.commit_ingest(IngestBatch(last_seq=2, events=[make_event("E-o1", seq=2)]), now=NOW)
    late, first, again = make_event("E-o3", seq=5), make_event("E-o2", seq=3), make_event("E-o1", seq=4)
    result = store.commit_ingest(IngestBatch(last_seq=5, events=[late, first, again, make_event("E-old", seq=1)]),
                                 now=NOW)
    assert [e.id for e in result.new_events] == ["E-o2", "E-o3"]
    assert result.merged == 1
    assert result.stale == 1
    assert store.events.get("E-old") is None


def test_failure_mid_batch_leaves_nothing_written(store, make_event):
    # the database itself fails half-way (here: a table is gone), not a record: nothing is written,
    # nothing is quarantined, the caller retries the same batch
    store.commit_ingest(IngestBatch(last_seq=1, events=[make_event("E-10", seq=1)]), now=NOW)
    good = make_event("E-11", seq=2)
    after = make_event("E-13", seq=4)
    status = StatusUpdate(seq=5, event_id="E-10", state=State.FILED, unit_id="u", at=NOW)
    quarantined = QuarantineRecord(raw="x", reason="bad", received_at=NOW, seq=6)
    batch = IngestBatch(last_seq=6, events=[good, after], statuses=[status], quarantined=[quarantined])
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE actions RENAME TO actions_away")
    with pytest.raises(StoreError) as info:
        store.commit_ingest(batch, now=NOW)
    assert "not committed" in str(info.value)
    assert "no such table: actions" in str(info.value)
    assert store.feed_position() == 1
    assert store.events.count() == 1
    assert store.events.get("E-10").state is State.NEW
    assert store.quarantine.count() == 0
    assert store.events.search(text="E-11") == []
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE actions_away RENAME TO actions")
    result = store.commit_ingest(batch, now=NOW)  # the same batch, once the database is back
    assert result.last_seq == 6
    assert store.events.count() == 3
    assert store.events.get("E-10").state is State.FILED
    assert store.quarantine.count() == 1


def test_feed_positions_are_per_console(store, make_event):
    store.commit_ingest(IngestBatch(last_seq=5, events=[make_event(seq=5)]), console_id="seat-1", now=NOW)
    assert store.feed_position("seat-1") == 5
    assert store.feed_position() == 0
    assert store.feed_position("seat-2") == 0


def test_small_batches_keep_the_search_index_current(store, make_event):
    store.commit_ingest(IngestBatch(last_seq=1, events=[make_event("E-14", seq=1, title="友谊路电梯故障困人")]))
    assert store.events.pending_index() == 0
    assert [e.id for e in store.events.search(text="电梯故障")] == ["E-14"]


def test_bulk_batches_defer_indexing_but_search_stays_correct(store, make_event):
    events = [make_event(f"B-{i}", seq=i, reported_at=T0 + timedelta(seconds=i)) for i in range(1, 201)]
    events[150].title = "胜利街燃气泄漏"
    store.commit_ingest(IngestBatch(last_seq=200, events=events))
    assert store.events.pending_index() == 200
    assert [e.id for e in store.events.search(text="燃气泄漏")] == ["B-151"]
    assert store.index_search() == 0
    assert [e.id for e in store.events.search(text="燃气泄漏")] == ["B-151"]


def test_officer_merge_records_a_duplicate_report(store, make_event):
    store.events.insert_many([make_event("K-1"), make_event("K-2", title="同一处占道经营")])
    store.events.record_duplicate("K-1", store.events.get("K-2"), NOW)
    kept = store.events.get("K-1")
    assert kept.duplicate_count == 1
    assert kept.updated_at == NOW
    ((kind, at, report),) = store.events.duplicate_reports("K-1")
    assert (kind, at, report.id, report.title) == ("merged", NOW, "K-2", "同一处占道经营")


def test_naive_time_in_a_batch_is_quarantined_and_the_rest_is_written(store, make_event):
    # a record the net layer should have validated: singled out like any record the store refuses
    batch = IngestBatch(last_seq=2, events=[make_event("N-1", seq=1), make_event("N-2", seq=2, reported_at=datetime(2026, 1, 1))])
    result = store.commit_ingest(batch, now=NOW)
    assert [e.id for e in result.new_events] == ["N-1"]
    assert store.events.count() == 1
    assert store.feed_position() == 2
    (q,) = store.quarantine.list()
    assert q.seq == 2
    assert "naive datetime" in q.reason
    assert '"id": "N-2"' in q.raw
