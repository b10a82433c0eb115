"""A re-sent id with new content is an update from the source (issue 13, item 4).

It used to be kept only in ``duplicate_reports``: the officer never saw a level raised to critical.
Now the stored event takes the source's fields by the rules of ``console.domain.source_update``, the
room's own fields stay, a ``source_update`` action records the change, the version is bumped, and
the row is still the fold of its log. An identical re-send stays a plain duplicate.
SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.domain import decisions
from console.domain.decisions import fold
from console.domain.event import Attachment, Level, Location, State
from console.domain.ingest import IngestBatch
from console.store import open_store

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
FOLDED = ("state", "assignees", "dispatched_at", "resolved_at", "closed_at", "duplicate_of", "duplicate_count",
          "category", "level", "supervised", "extra", "updated_at", "title", "description", "location", "grid_id",
          "grid_flag", "reporter_name", "reporter_phone", "camera_id", "attachments")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'console.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    s = open_store(url)
    yield s
    s.close()


def _report(make_event, **over):
    base = {"seq": 1, "attachments": [Attachment("image", "demo://a.jpg")], "extra": {"channel": "大联动APP"}}
    base.update(over)
    return make_event("U-1", **base)


def _triage(store, category: str, level: Level) -> None:
    """The officer files the event (立案) with a category and level: row and log written together."""
    ev = store.events.get("U-1")
    acts = decisions.file(ev, decisions.Who("officer-wang", "seat-1"), NOW, category, level)
    store.events.update(fold(ev, acts).copy(version=ev.version + 1))
    store.actions.append_many(acts)


def _assert_row_is_the_fold(store, initial) -> None:
    row = store.events.get(initial.id)
    folded = fold(initial.copy(received_at=NOW, updated_at=NOW), store.actions.for_event(initial.id))
    diff = {f: (getattr(row, f), getattr(folded, f)) for f in FOLDED if getattr(row, f) != getattr(folded, f)}
    assert not diff, f"stored row differs from the fold of its log: {diff}"


def test_new_content_updates_the_event_and_is_in_its_log(store, make_event):
    first = _report(make_event)
    store.commit_ingest(IngestBatch(last_seq=1, events=[first]), now=NOW)
    _triage(store, "city.garbage", Level.SIGNIFICANT)
    version = store.events.get("U-1").version

    later = NOW + timedelta(minutes=3)
    update = first.copy(
        seq=2, title="中山路占道经营，已堵塞消防通道", description=None, level=Level.CRITICAL,
        location=Location(30.61, 114.31, "中山路88号"), category="city.parking",
        attachments=[Attachment("image", "demo://a.jpg"), Attachment("video", "demo://b.mp4")],
        extra={"channel": "大联动APP", "cap": {"msg_type": "Update"}, "tier": "district"},
    )
    result = store.commit_ingest(IngestBatch(last_seq=2, events=[update]), now=later)

    assert result.merged == 1
    assert result.new_events == []
    [kept] = result.changed_events
    assert store.events.get("U-1") == kept
    # the source's fields
    assert kept.title == "中山路占道经营，已堵塞消防通道"
    assert kept.description == first.description  # missing from the re-send: not cleared
    assert kept.level is Level.CRITICAL
    assert kept.location == Location(30.61, 114.31, "中山路88号")
    assert [a.url for a in kept.attachments] == ["demo://a.jpg", "demo://b.mp4"]
    assert kept.extra["cap"] == {"msg_type": "Update"}
    # the room's fields
    assert kept.state is State.FILED
    assert kept.category == "city.garbage"
    assert "tier" not in kept.extra  # a console-owned key is never taken from the source
    assert kept.duplicate_count == 0  # an update, not a second report
    assert kept.version == version + 1
    assert kept.updated_at == later

    [action] = [a for a in store.actions.for_event("U-1") if a.kind == "source_update"]
    assert result.actions == [action]
    assert (action.actor, action.at, action.data["seq"]) == ("feed", later, 2)
    assert set(action.data["changes"]) == {"title", "level", "location", "attachments_added", "extra"}
    assert action.data["changes"]["level"] == "critical"
    assert action.data["was"]["level"] == "significant"
    assert action.data["changes"]["attachments_added"] == [{"kind": "video", "url": "demo://b.mp4"}]
    assert action.data["ignored"] == {}
    [(kind, _at, report)] = store.events.duplicate_reports("U-1")
    assert kind == "update"
    assert report.title == update.title
    _assert_row_is_the_fold(store, first)


def test_a_lower_level_is_not_taken_but_logged(store, make_event):
    first = _report(make_event, level=Level.MAJOR)
    store.commit_ingest(IngestBatch(last_seq=1, events=[first]), now=NOW)
    result = store.commit_ingest(IngestBatch(last_seq=2, events=[first.copy(seq=2, level=Level.SIGNIFICANT)]),
                                 now=NOW)
    [kept] = result.changed_events
    assert kept.level is Level.MAJOR
    assert kept.duplicate_count == 0
    [action] = result.actions
    assert (action.kind, action.data["changes"], action.data["ignored"]) == (
        "source_update", {}, {"level": "significant"})
    _assert_row_is_the_fold(store, first)


def test_an_identical_resend_stays_a_plain_duplicate(store, make_event):
    first = _report(make_event)
    store.commit_ingest(IngestBatch(last_seq=1, events=[first]), now=NOW)
    _triage(store, "city.parking", Level.MAJOR)  # the room's triage differs from the report: still identical
    result = store.commit_ingest(IngestBatch(last_seq=2, events=[first.copy(seq=2)]), now=NOW)
    [kept] = result.changed_events
    assert kept.duplicate_count == 1
    assert kept.level is Level.MAJOR
    assert kept.category == "city.parking"
    assert [a.kind for a in result.actions] == ["merge"]
    assert [k for k, _at, _r in store.events.duplicate_reports("U-1")] == ["resent"]
    _assert_row_is_the_fold(store, first)


def test_updates_within_one_batch_apply_in_order(store, make_event):
    first = _report(make_event)
    raised = first.copy(seq=2, level=Level.MAJOR)
    retitled = first.copy(seq=3, level=Level.MAJOR, title="新标题")
    batch = [first, raised, retitled, retitled.copy(seq=4)]  # the last one: nothing new
    result = store.commit_ingest(IngestBatch(last_seq=4, events=batch), now=NOW)
    [stored] = result.new_events
    assert (stored.level, stored.title, stored.duplicate_count) == (Level.MAJOR, "新标题", 1)
    assert [(a.kind, a.data["seq"]) for a in result.actions] == [("source_update", 2), ("source_update", 3),
                                                                  ("merge", 4)]
    assert store.events.get("U-1") == stored
    _assert_row_is_the_fold(store, first)
