"""The feed's own bookkeeping: which hub log a position counts in, and feed-health records.

``feed_position`` keeps, per console, the last committed seq (moved by every feed commit, never back:
``console.store.ingest.write_position``) and the id of the hub log that seq counts in
(``subscribed.log_id``). When the hub's log changes, :func:`reset_position` moves the position to
where the new log is read from — back, unlike a commit — and appends a ``feed_health`` record saying
so, in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.store import schema
from console.store.codec import from_us, to_us
from console.store.database import write_tx
from console.store.records import dialect_insert

LOG_RESET = "log_reset"  # feed_health kind: the hub's log changed and the console resynchronised


@dataclass(frozen=True, slots=True)
class FeedHealthRecord:
    console_id: str
    at: datetime
    kind: str  # e.g. "log_reset"
    detail: str  # in words (English, for logs and the feed-status view)
    seq: int | None = None  # the console's position when it happened
    data: dict[str, Any] = field(default_factory=dict)


def read_cursor(conn: Connection, console_id: str) -> tuple[int, str | None]:
    """(last committed seq, hub log id) of ``console_id``; (0, None) before anything."""
    fp = schema.feed_position
    row = conn.execute(sa.select(fp.c.last_seq, fp.c.log_id).where(fp.c.console_id == console_id)).first()
    return (0, None) if row is None else (int(row[0]), row[1])


def _upsert(conn: Connection, console_id: str, now: datetime, *, last_seq: int | None, log_id: str | None) -> None:
    fp = schema.feed_position
    stmt = dialect_insert(conn)(fp).values(console_id=console_id, last_seq=last_seq or 0, updated_at=to_us(now),
                                           log_id=log_id)
    changes: dict[str, Any] = {"log_id": stmt.excluded.log_id, "updated_at": stmt.excluded.updated_at}
    if last_seq is not None:
        changes["last_seq"] = stmt.excluded.last_seq
    conn.execute(stmt.on_conflict_do_update(index_elements=[fp.c.console_id], set_=changes))


def keep_log_id(engine: Engine, console_id: str, log_id: str, now: datetime) -> None:
    """Record that ``console_id``'s position counts in hub log ``log_id`` (the position is unchanged)."""
    with write_tx(engine) as conn:
        _upsert(conn, console_id, now, last_seq=None, log_id=log_id)


def reset_position(engine: Engine, console_id: str, last_seq: int, log_id: str | None,
                   record: FeedHealthRecord) -> None:
    """Move ``console_id``'s position to ``last_seq`` of log ``log_id`` (back if need be) and append
    ``record``, in one transaction."""
    with write_tx(engine) as conn:
        _upsert(conn, console_id, record.at, last_seq=last_seq, log_id=log_id)
        add_health(conn, [record])


def add_health(conn: Connection, records: list[FeedHealthRecord]) -> None:
    if records:
        conn.execute(schema.feed_health.insert(), [
            {"console_id": r.console_id, "at": to_us(r.at), "kind": r.kind, "seq": r.seq, "detail": r.detail,
             "data": json.dumps(r.data, ensure_ascii=False) if r.data else None}
            for r in records
        ])


def list_health(engine: Engine, console_id: str | None = None, limit: int = 100) -> list[FeedHealthRecord]:
    """Feed-health records, newest first (of ``console_id``, or of every console)."""
    t = schema.feed_health
    stmt = sa.select(t.c.console_id, t.c.at, t.c.kind, t.c.detail, t.c.seq, t.c.data).order_by(t.c.id.desc())
    if console_id is not None:
        stmt = stmt.where(t.c.console_id == console_id)
    with engine.connect() as conn:
        rows = conn.execute(stmt.limit(limit)).all()
    return [FeedHealthRecord(r[0], from_us(r[1]), r[2], r[3], r[4], json.loads(r[5]) if r[5] else {})  # type: ignore[arg-type]
            for r in rows]
