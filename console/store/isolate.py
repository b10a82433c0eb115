"""A feed batch the database refuses is split to find the record(s) at fault (issue 13, item 1).

``Store.commit_ingest`` commits a batch in one transaction. When the database refuses it for what a
record contains (a NUL character PostgreSQL cannot store, a lone surrogate no driver can encode, a
value out of a column's range, a constraint) rather than for its own state (locked, unreachable, out
of space), the same transaction would fail for ever and the feed would stall at that batch. So the
batch is split in two halves, each committed on its own, in seq order, and so on down to single
records: a record still refused alone is quarantined with the database's reason (and its seq, so the
position and the ack move past it), the rest is committed. ``k`` bad records among ``n`` cost about
``2·k·log2(n)`` extra transactions.

Anything else (:func:`refuses_record` is False) is raised as before: the client backs off and
retries, nothing is skipped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from console.domain.event import Event
from console.domain.ingest import IngestBatch, IngestResult, QuarantineRecord, StatusUpdate
from console.store.codec import event_to_json

log = logging.getLogger(__name__)

Commit = Callable[[IngestBatch], IngestResult]
Record = Event | StatusUpdate | QuarantineRecord


def refuses_record(exc: BaseException) -> bool:
    """True when ``exc`` says the database (or its driver) refused the data, not that it is unusable."""
    if isinstance(exc, (sa.exc.DataError, sa.exc.IntegrityError)):
        return True
    if isinstance(exc, sa.exc.DBAPIError):  # operational, programming, internal, interface errors
        return False
    if isinstance(exc, sa.exc.StatementError):  # a bind value the driver could not convert
        return isinstance(exc.orig, (ValueError, TypeError, OverflowError))
    return isinstance(exc, (ValueError, TypeError, OverflowError))  # incl. UnicodeEncodeError


def reason_of(exc: BaseException) -> str:
    """The database's own words, on one line."""
    detail = getattr(exc, "orig", None) or exc
    text = " ".join(str(detail).split())
    return text if len(text) <= 300 else text[:299] + "…"


def commit_isolating(commit: Commit, batch: IngestBatch, error: BaseException, now: datetime) -> IngestResult:
    """Commit ``batch`` (already refused with ``error``) part by part; quarantine each record the
    database refuses alone. Raises the first error that is not about a record."""
    records = _records(batch)
    if not records:  # nothing to single out: the database refuses the position itself
        raise error
    results: list[IngestResult] = []
    refused: list[str] = []

    def part(lo: int, hi: int, last: bool) -> IngestBatch:
        chunk = records[lo:hi]
        seqs = [s for s in map(_seq, chunk) if s is not None]
        last_seq = batch.last_seq if last else max(seqs, default=0)
        return IngestBatch(
            last_seq=last_seq,
            events=[r for r in chunk if isinstance(r, Event)],
            statuses=[r for r in chunk if isinstance(r, StatusUpdate)],
            quarantined=[r for r in chunk if isinstance(r, QuarantineRecord)],
            owned=batch.owned,
        )

    def attempt(lo: int, hi: int, known: BaseException | None) -> None:
        last = hi == len(records)
        if known is None:
            try:
                results.append(commit(part(lo, hi, last)))
                return
            except Exception as exc:
                if not refuses_record(exc):
                    raise
                known = exc
        if hi - lo == 1:
            q = _quarantine(records[lo], reason_of(known), now)
            refused.append(f"seq {q.seq}: {q.reason}")
            results.append(commit(IngestBatch(last_seq=batch.last_seq if last else (q.seq or 0), quarantined=[q])))
            return
        mid = (lo + hi) // 2
        attempt(lo, mid, None)
        attempt(mid, hi, None)

    attempt(0, len(records), error)
    for line in refused:
        log.warning("feed record refused by the database, quarantined: %s", line)
    return _merge(results)


def _seq(r: Record) -> int | None:
    return r.seq


def _records(batch: IngestBatch) -> list[Record]:
    """Every record of the batch in seq order (records without a seq first: they change no event)."""
    keyed: list[tuple[int, int, Record]] = []
    records: list[Record] = [*batch.quarantined, *batch.events, *batch.statuses]
    for order, r in enumerate(records):  # quarantined, events, statuses: the commit's own order
        seq = r.seq
        keyed.append((-1 if seq is None else seq, order, r))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [r for _seq_, _order, r in keyed]


def _quarantine(r: Record, reason: str, now: datetime) -> QuarantineRecord:
    why = f"refused by the database: {reason}"
    if isinstance(r, Event):
        try:
            payload = event_to_json(r)
        except (ValueError, TypeError, OverflowError):  # e.g. a naive time: keep what can be said
            payload = json.dumps({"id": r.id, "title": r.title}, ensure_ascii=False)
        raw = f'{{"type":"event","seq":{json.dumps(r.seq)},"event":{payload}}}'
        return QuarantineRecord(raw=raw, reason=why, received_at=now, seq=r.seq)
    if isinstance(r, StatusUpdate):
        raw = json.dumps({"type": "status", "seq": r.seq, "status": _status(r)}, ensure_ascii=False)
        return QuarantineRecord(raw=raw, reason=why, received_at=now, seq=r.seq)
    # a quarantined record the database refused: keep it in ASCII with both reasons
    return QuarantineRecord(raw=json.dumps(r.raw), reason=f"{r.reason}; {why}", received_at=now, seq=r.seq,
                            key=r.key)


def _status(st: StatusUpdate) -> dict[str, Any]:
    return {"event_id": st.event_id, "state": str(st.state), "unit_id": st.unit_id, "at": st.at.isoformat(),
            "note": st.note}


def _merge(results: list[IngestResult]) -> IngestResult:
    out = IngestResult(last_seq=max((r.last_seq for r in results), default=0))
    changed: dict[str, Event] = {}
    for r in results:
        out.new_events.extend(r.new_events)
        for ev in r.changed_events:
            changed.pop(ev.id, None)
            changed[ev.id] = ev  # the latest version, in the order of the last change
        out.actions.extend(r.actions)
        out.merged += r.merged
        out.stale += r.stale
        out.quarantined += r.quarantined
    out.changed_events = list(changed.values())
    return out
