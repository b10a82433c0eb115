"""Committing one feed batch in one transaction (``Store.commit_ingest``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from console.domain.event import Action, Event, State
from console.domain.ingest import IngestBatch, IngestResult, QuarantineRecord, StatusUpdate
from console.domain.lifecycle import IllegalTransition, transition
from console.store import schema
from console.store.codec import clone_event, event_to_json, to_us
from console.store.events import EventRepository
from console.store.records import ActionRepository, QuarantineRepository, dialect_insert

# Batches with at most this many new events also index up to AUTO_INDEX_ROWS unindexed events for
# history search (~150 µs each); bigger (bulk/replay) batches leave that to Store.index_search.
AUTO_INDEX_BATCH = 50
AUTO_INDEX_ROWS = 500


def read_position(conn: Connection, console_id: str, *, lock: bool = False) -> int:
    fp = schema.feed_position
    stmt = sa.select(fp.c.last_seq).where(fp.c.console_id == console_id)
    if lock and conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    value = conn.execute(stmt).scalar()
    return int(value) if value is not None else 0


def write_position(conn: Connection, console_id: str, last_seq: int, now: datetime) -> None:
    fp = schema.feed_position
    stmt = dialect_insert(conn)(fp).values(console_id=console_id, last_seq=last_seq, updated_at=to_us(now))
    stmt = stmt.on_conflict_do_update(
        index_elements=[fp.c.console_id],
        set_={
            "last_seq": sa.func.max(fp.c.last_seq, stmt.excluded.last_seq)
            if conn.dialect.name == "sqlite"
            else sa.func.greatest(fp.c.last_seq, stmt.excluded.last_seq),
            "updated_at": stmt.excluded.updated_at,
        },
    )
    conn.execute(stmt)


def _status_raw(st: StatusUpdate) -> str:
    return json.dumps(
        {
            "type": "status",
            "seq": st.seq,
            "status": {
                "event_id": st.event_id,
                "state": str(st.state),
                "unit_id": st.unit_id,
                "at": st.at.isoformat(),
                "note": st.note,
            },
        },
        ensure_ascii=False,
    )


@dataclass
class _Plan:
    """What the batch does, worked out in memory before one write phase."""

    now: datetime
    current: dict[str, Event]  # latest state of every event the batch touches
    new_ids: dict[str, None] = field(default_factory=dict)  # insertion order
    changed_ids: dict[str, None] = field(default_factory=dict)  # stored before this batch
    actions: list[Action] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[QuarantineRecord] = field(default_factory=list)
    merged: int = 0
    stale: int = 0

    def touch(self, event: Event) -> None:
        self.current[event.id] = event
        if event.id not in self.new_ids:
            self.changed_ids[event.id] = None

    def add_event(self, ev: Event) -> None:
        now = self.now
        kept = self.current.get(ev.id)
        if kept is not None:
            self.merged += 1
            self.duplicates.append(
                {
                    "event_id": kept.id,
                    "report_id": ev.id,
                    "kind": "resent",
                    "seq": ev.seq,
                    "received_at": to_us(now),
                    "payload": event_to_json(ev),
                }
            )
            self.touch(kept.copy(duplicate_count=kept.duplicate_count + 1, updated_at=now))
            self.actions.append(
                Action(
                    event_id=kept.id,
                    at=now,
                    kind="merge",
                    actor="feed",
                    note="re-sent report merged",
                    data={"seq": ev.seq, "report_id": ev.id},
                )
            )
            return
        stored = clone_event(ev)
        stored.received_at = now
        stored.updated_at = now
        self.current[ev.id] = stored
        self.new_ids[ev.id] = None
        if ev.state is State.RESOLVED and ev.onsite:
            if stored.resolved_at is None:
                stored.resolved_at = ev.reported_at
            self.actions.append(
                Action(
                    event_id=ev.id,
                    at=stored.resolved_at or now,
                    kind="onsite_resolved",
                    actor=ev.reporter_name or "feed",
                    from_state=None,
                    to_state=State.RESOLVED,
                    note="resolved on the spot by the reporter",
                    data={"seq": ev.seq},
                )
            )

    def apply_status(self, st: StatusUpdate) -> None:
        actor = st.unit_id or "feed"
        ev = self.current.get(st.event_id)
        if ev is None:
            self.quarantine.append(
                QuarantineRecord(
                    raw=_status_raw(st),
                    reason=f"status for unknown event {st.event_id!r}",
                    received_at=self.now,
                    seq=st.seq,
                )
            )
            return
        data = {"seq": st.seq, "unit_id": st.unit_id}
        try:
            updated, action = transition(ev, st.state, actor=actor, at=st.at, note=st.note, data=data)
        except IllegalTransition as exc:
            self.actions.append(
                Action(
                    event_id=ev.id,
                    at=st.at,
                    kind="status_ignored",
                    actor=actor,
                    from_state=ev.state,
                    to_state=st.state,
                    note=str(exc),
                    data=data,
                )
            )
            return
        self.touch(updated)
        self.actions.append(action)


def commit_ingest(
    conn: Connection,
    events: EventRepository,
    actions: ActionRepository,
    quarantine: QuarantineRepository,
    batch: IngestBatch,
    console_id: str,
    now: datetime,
) -> IngestResult:
    """Apply ``batch`` inside the caller's transaction ``conn``."""
    last = read_position(conn, console_id, lock=True)
    records: list[tuple[int, int, Any]] = []  # (seq, kind order, record)
    stale = 0
    for ev in batch.events:
        if ev.seq is not None and ev.seq <= last:
            stale += 1
        else:
            records.append((ev.seq if ev.seq is not None else last, 0, ev))
    for st in batch.statuses:
        if st.seq <= last:
            stale += 1
        else:
            records.append((st.seq, 1, st))
    kept_quarantine: list[QuarantineRecord] = []
    for q in batch.quarantined:
        if q.seq is not None and q.seq <= last:
            stale += 1
        else:
            kept_quarantine.append(q)
    records.sort(key=lambda r: (r[0], r[1]))

    wanted = {r[2].id if r[1] == 0 else r[2].event_id for r in records}
    plan = _Plan(now=now, current=events.get_many(wanted, conn) if wanted else {})
    plan.stale = stale
    plan.quarantine.extend(kept_quarantine)
    for _seq, kind, rec in records:
        if kind == 0:
            plan.add_event(rec)
        else:
            plan.apply_status(rec)

    new_events = [plan.current[i] for i in plan.new_ids]
    changed = [plan.current[i] for i in plan.changed_ids]
    events.insert_many(new_events, conn)
    if len(new_events) <= AUTO_INDEX_BATCH:
        events.index_pending(AUTO_INDEX_ROWS, conn)  # live trickle: keep the search index current
    events.update_many(changed, conn)
    if plan.duplicates:
        conn.execute(schema.duplicate_reports.insert(), plan.duplicates)
    actions.append_many(plan.actions, conn)
    quarantine.add_many(plan.quarantine, conn)
    new_last = max(last, batch.last_seq)
    write_position(conn, console_id, new_last, now)
    return IngestResult(
        last_seq=new_last,
        new_events=new_events,
        changed_events=changed,
        actions=plan.actions,
        merged=plan.merged,
        stale=plan.stale,
        quarantined=len(plan.quarantine),
    )
