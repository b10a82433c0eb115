"""The feed position keeps the hub's log id; a log reset moves it back with a feed-health record
(issue 13, item 2) — SQLite and PostgreSQL; the migration keeps existing positions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from console.domain.ingest import IngestBatch
from console.store import open_store
from console.store.database import alembic_config, create_engine, head_revision, resolve_target
from console.store.feed import LOG_RESET, FeedHealthRecord
from console.store.schema import SCHEMA_VERSION

AT = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'console.db'}"
    return request.getfixturevalue("pg_url")


def _reset(console_id: str, seq: int) -> FeedHealthRecord:
    return FeedHealthRecord(console_id, AT, LOG_RESET, "hub log changed from A to B", seq,
                            {"old_log_id": "A", "new_log_id": "B"})


def test_log_id_is_kept_with_the_position_and_a_reset_moves_it_back(url, make_event):
    store = open_store(url)
    try:
        assert store.feed_cursor("seat-1") == (0, None)
        store.keep_feed_log_id("seat-1", "A")
        assert store.feed_cursor("seat-1") == (0, "A")
        store.commit_ingest(IngestBatch(last_seq=300, events=[make_event(seq=300)]), "seat-1")
        assert store.feed_cursor("seat-1") == (300, "A")
        assert store.feed_position("seat-1") == 300
        store.commit_ingest(IngestBatch(last_seq=200), "seat-1")  # a commit never moves it back
        assert store.feed_cursor("seat-1") == (300, "A")

        store.reset_feed_position("seat-1", 0, "B", _reset("seat-1", 300))  # a reset does
        assert store.feed_cursor("seat-1") == (0, "B")
        store.commit_ingest(IngestBatch(last_seq=5, events=[make_event(seq=5)]), "seat-1")
        assert store.feed_cursor("seat-1") == (5, "B")
        assert store.feed_cursor("seat-2") == (0, None)

        store.reset_feed_position("seat-2", 0, None, _reset("seat-2", 9))
        [two, one] = store.feed_health()
        assert (one.console_id, one.kind, one.seq, one.at, one.detail) == (
            "seat-1", "log_reset", 300, AT, "hub log changed from A to B")
        assert one.data == {"old_log_id": "A", "new_log_id": "B"}
        assert two.console_id == "seat-2"
        assert [h.console_id for h in store.feed_health("seat-1")] == ["seat-1"]
    finally:
        store.close()


def test_migration_from_0003_keeps_positions_without_a_log_id(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(resolve_target(url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0003_event_version")
        conn.execute(sa.text("INSERT INTO feed_position (console_id, last_seq, updated_at) VALUES ('seat-1', 80000, 0)"))
    engine.dispose()

    store = open_store(url)
    try:
        assert store.revision == head_revision()
        assert store.feed_cursor("seat-1") == (80000, None)
        assert store.feed_health() == []
        with store.engine.connect() as conn:
            version = conn.execute(sa.text("SELECT value FROM store_meta WHERE key = 'schema_version'")).scalar()
        assert version == str(SCHEMA_VERSION)
        assert store.room_id == "seat-1"  # the upgraded room keeps the position's console id (issue 14)
    finally:
        store.close()
