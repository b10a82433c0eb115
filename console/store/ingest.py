"""Committing one feed batch in one transaction (``Store.commit_ingest``).

An event id the store already holds is merged, never stored twice: an identical report is a
plain duplicate (``duplicate_count`` + 1, a ``merge`` action); a report with new content is an
update from the source, applied by the rules of ``console.domain.source_update`` as a
``source_update`` action (the row stays the fold of its log). Either way the report as received is
kept in ``duplicate_reports`` (kind ``resent`` or ``update``).
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from operator import itemgetter, lt
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from console.domain.decisions import apply_action
from console.domain.event import Action, Event, State
from console.domain.gcpause import gc_paused
from console.domain.ingest import IngestBatch, IngestResult, QuarantineRecord, StatusUpdate
from console.domain.lifecycle import IllegalTransition, transition
from console.domain.source_update import SOURCE_UPDATE, source_changes
from console.store import schema
from console.store.audit import chain_rows
from console.store.changelog import append_changes, event_changes
from console.store.codec import (
    SQLITE_NULL,
    SQLITE_NULLABLE_PLACEHOLDER,
    clone_event,
    event_to_json,
    to_us,
)
from console.store.events import EventRepository
from console.store.records import ActionRepository, QuarantineRepository, action_to_row, dialect_insert

# Batches with at most this many new events also index up to AUTO_INDEX_ROWS unindexed events for
# history search (~150 µs each); bigger (bulk/replay) batches leave that to Store.index_search.
AUTO_INDEX_BATCH = 50
AUTO_INDEX_ROWS = 500


# SQLite: plain driver SQL (building and compiling the SQLAlchemy statements took ~1 ms a batch)
_SQLITE_READ_POSITION = "SELECT last_seq FROM feed_position WHERE console_id = ?"
_SQLITE_WRITE_POSITION = (
    "INSERT INTO feed_position (console_id, last_seq, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (console_id) DO UPDATE SET last_seq = max(feed_position.last_seq, excluded.last_seq), "
    "updated_at = excluded.updated_at"
)


def read_position(conn: Connection, console_id: str, *, lock: bool = False) -> int:
    if conn.dialect.name == "sqlite":
        value = conn.exec_driver_sql(_SQLITE_READ_POSITION, (console_id,)).scalar()
    else:
        fp = schema.feed_position
        stmt = sa.select(fp.c.last_seq).where(fp.c.console_id == console_id)
        if lock and conn.dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        value = conn.execute(stmt).scalar()
    return int(value) if value is not None else 0


def write_position(conn: Connection, console_id: str, last_seq: int, now: datetime) -> None:
    """Move ``console_id``'s position to ``last_seq`` (never back)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(_SQLITE_WRITE_POSITION, (console_id, last_seq, to_us(now)))
        return
    fp = schema.feed_position
    stmt = dialect_insert(conn)(fp).values(console_id=console_id, last_seq=last_seq, updated_at=to_us(now))
    stmt = stmt.on_conflict_do_update(
        index_elements=[fp.c.console_id],
        set_={
            "last_seq": sa.func.greatest(fp.c.last_seq, stmt.excluded.last_seq),
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

    def add_events(self, events: Iterable[Event], owned: bool = False) -> None:
        """Add reports in seq order: new ids stored (stamped ``now``), known ids merged.

        The stored record is a copy, or with ``owned`` (see ``IngestBatch.owned``) the report itself.
        """
        now = self.now
        current = self.current
        new_ids = self.new_ids
        clone = clone_event
        for ev in events:
            if ev.id in current:
                self._merge(current[ev.id], ev)
                continue
            stored = ev if owned else clone(ev)
            stored.received_at = now
            stored.updated_at = now
            current[ev.id] = stored
            new_ids[ev.id] = None
            if ev.onsite and ev.state is State.RESOLVED:
                self._resolved_onsite(ev, stored)

    def _merge(self, kept: Event, ev: Event) -> None:
        now = self.now
        self.merged += 1
        changes, was, ignored = source_changes(kept, ev)
        self.duplicates.append(
            {
                "event_id": kept.id,
                "report_id": ev.id,
                "kind": "update" if changes or ignored else "resent",
                "seq": ev.seq,
                "received_at": to_us(now),
                "payload": event_to_json(ev),
            }
        )
        if changes or ignored:  # an update from the source: applied as the fold applies it
            action = Action(event_id=kept.id, at=now, kind=SOURCE_UPDATE, actor="feed",
                            note="report updated by its source",
                            data={"seq": ev.seq, "changes": changes, "was": was, "ignored": ignored})
            self.touch(apply_action(kept, action))
            self.actions.append(action)
            return
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

    def _resolved_onsite(self, ev: Event, stored: Event) -> None:
        if stored.resolved_at is None:
            stored.resolved_at = ev.reported_at
        self.actions.append(
            Action(
                event_id=ev.id,
                at=stored.resolved_at or self.now,
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


_SEQ_AND_KIND = itemgetter(0, 1)


def _append_actions(conn: Connection, repo: ActionRepository, actions: list[Action]) -> None:
    """``repo.append_many`` in the caller's transaction; on SQLite straight to the driver.

    SQLAlchemy's executemany cost ~15 µs an action (a fifth of feed events bring one). Here the
    rows of ``records.action_to_row``, chained (``console.store.audit.chain_rows``), as plain tuples,
    NULL bound as ``SQLITE_NULL`` (as ``EventRepository.insert_many`` does, for the same reason).
    """
    if not actions:
        return
    if conn.dialect.name != "sqlite":
        repo.append_many(actions, conn)
        return
    rows = [action_to_row(a) for a in actions]
    chain_rows(conn, rows)
    n = SQLITE_NULL
    conn.exec_driver_sql(_ACTION_INSERT, [
        tuple(n if r[c] is None else r[c] for c in _ACTION_COLUMNS) for r in rows
    ])


_ACTION_COLUMNS = ("event_id", "at", "kind", "actor", "seat", "from_state", "to_state", "note", "data", "account",
                   "recorded_at", "prev_hash", "hash", "mac")
_ACTION_INSERT = (
    f"INSERT INTO actions ({', '.join(_ACTION_COLUMNS)}) "
    f"VALUES ({', '.join([SQLITE_NULLABLE_PLACEHOLDER] * len(_ACTION_COLUMNS))})"
)


def _stored(conn: Connection, events: EventRepository, ids: set[str]) -> dict[str, Event]:
    """The stored events among ``ids``, locked until the batch commits.

    On SQLite (whose write transaction is exclusive anyway) which of them exist is asked first in one
    statement: nearly every id of a feed batch is new, so one JSON-array parameter instead of reading
    full rows through ``IN (?, …)`` lists of 500 ids; only the ids found (re-sent reports) are read.
    On PostgreSQL the rows are read ``FOR UPDATE``: an officer's decision committing between this
    read and the batch's write would otherwise be overwritten (lost update, issue 11).
    """
    if not ids:
        return {}
    if conn.dialect.name == "sqlite" and _SQLITE_JSON:
        found = conn.exec_driver_sql(_SQLITE_EXISTING, (json.dumps(list(ids)),)).scalars().all()
        return events.get_many(found, conn) if found else {}
    return events.get_many(ids, conn, lock=True)


_SQLITE_JSON = sqlite3.sqlite_version_info >= (3, 38)  # JSON functions built in
_SQLITE_EXISTING = "SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))"


def _fresh_events_in_order(events: list[Event], last: int) -> list[Event] | None:
    """The events with seq > ``last`` when every seq is set and ascending; else ``None``."""
    maybe = [ev.seq for ev in events]
    if None in maybe:
        return None
    seqs = cast("list[int]", maybe)  # every seq is set (checked above)
    if not all(map(lt, seqs, islice(seqs, 1, None))):
        return None
    return events[bisect_right(seqs, last) :]


@gc_paused()
def commit_ingest(
    conn: Connection,
    events: EventRepository,
    actions: ActionRepository,
    quarantine: QuarantineRepository,
    batch: IngestBatch,
    console_id: str,
    now: datetime,
) -> IngestResult:
    """Apply ``batch`` inside the caller's transaction ``conn``.

    Runs with the garbage collector paused, as ``EventRepository.load_open`` reads: a batch makes
    thousands of short-lived objects (copies, rows), no cycles, and with default thresholds they
    triggered collections of everything the process holds (~13% of the insert time in the store
    benchmark).
    """
    last = read_position(conn, console_id, lock=True)
    stale = 0
    kept_quarantine: list[QuarantineRecord] = []
    for q in batch.quarantined:
        if q.seq is not None and q.seq <= last:
            stale += 1
        else:
            kept_quarantine.append(q)
    fresh = _fresh_events_in_order(batch.events, last) if not batch.statuses else None
    if fresh is not None:  # the usual feed batch: events only, seqs ascending
        stale += len(batch.events) - len(fresh)
        wanted = {ev.id for ev in fresh}
    else:
        records: list[tuple[int, int, Any]] = []  # (seq, kind order, record)
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
        records.sort(key=_SEQ_AND_KIND)
        wanted = {r[2].id if r[1] == 0 else r[2].event_id for r in records}

    plan = _Plan(now=now, current=_stored(conn, events, wanted))
    plan.stale = stale
    plan.quarantine.extend(kept_quarantine)
    if fresh is not None:
        plan.add_events(fresh, batch.owned)
    else:
        for _seq, kind, rec in records:
            if kind == 0:
                plan.add_events((rec,), batch.owned)
            else:
                plan.apply_status(rec)

    new_events = [plan.current[i] for i in plan.new_ids]
    changed = []
    for i in plan.changed_ids:  # each write of a stored event bumps its version (compare-and-set)
        ev = plan.current[i]
        ev.version += 1  # a copy made by this batch (touch), never the caller's object
        changed.append(ev)
    events.insert_many(new_events, conn)
    if len(new_events) <= AUTO_INDEX_BATCH:
        events.index_pending(AUTO_INDEX_ROWS, conn)  # live trickle: keep the search index current
    events.update_many(changed, conn)
    if plan.duplicates:
        conn.execute(schema.duplicate_reports.insert(), plan.duplicates)
    _append_actions(conn, actions, plan.actions)
    quarantined = quarantine.add_many(plan.quarantine, conn)  # a keyed record already kept is not again
    new_last = max(last, batch.last_seq)
    write_position(conn, console_id, new_last, now)
    append_changes(conn, event_changes([*new_events, *changed], plan.actions), to_us(now))  # last: see changelog
    return IngestResult(
        last_seq=new_last,
        new_events=new_events,
        changed_events=changed,
        actions=plan.actions,
        merged=plan.merged,
        stale=plan.stale,
        quarantined=quarantined,
    )
