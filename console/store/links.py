"""The durable side of rooms linked across levels (issue 18): outbox, inbox, references, cursor.

- **Outbox** (``link_outbox``): every message to another room is a row written in the transaction
  that decided it (or that read the action log, see :func:`scan_actions`); the link drains it in id
  order to JetStream with ``Nats-Msg-Id`` = ``msg_id`` and marks the row sent when the stream
  stored it. A street whose uplink is down keeps working: its messages wait here.
- **Inbox** (``link_inbox``): the id of every message applied, inserted in the applying
  transaction; a message seen again (redelivery after an outage, a replay) is not applied twice.
- **References** (``link_refs``): this room's event/broadcast/whistle ↔ the peer's.
- **Cursor** (``link_cursor``): how far the action log was read for entries to forward.

Blocking functions: call them on a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.domain.event import Action
from console.store import schema
from console.store.codec import from_us, loads, state_of, to_us
from console.store.database import write_tx
from console.store.records import dialect_insert

OB = schema.link_outbox
IB = schema.link_inbox
RF = schema.link_refs
CU = schema.link_cursor
AC = schema.actions
# on PostgreSQL action ids are not handed out in commit order: each scan looks this far back again
# (re-reading is harmless: an outbox row is written once per msg_id)
PG_LOOKBACK = 500


class AlreadyApplied(Exception):
    """The message id is in the inbox: it was applied before (nothing is written again)."""


@dataclass(frozen=True, slots=True)
class OutMsg:
    msg_id: str
    peer: str
    subject: str
    kind: str
    body: dict[str, Any]  # the whole envelope


@dataclass(frozen=True, slots=True)
class OutRow:
    id: int
    msg_id: str
    peer: str
    subject: str
    kind: str
    body: str  # JSON text, published as is


@dataclass(frozen=True, slots=True)
class Ref:
    kind: str
    local_id: str
    peer: str
    role: str
    remote_id: str


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# ---- outbox -----------------------------------------------------------------------------------------
def add_outbox(conn: Connection, msgs: Iterable[OutMsg], now: datetime) -> int:
    """Queue messages (a msg_id already queued is left as it is); returns how many were new."""
    rows = [{"msg_id": m.msg_id, "peer": m.peer, "subject": m.subject, "kind": m.kind, "body": _dumps(m.body),
             "created_at": to_us(now)} for m in msgs]
    if not rows:
        return 0
    n = 0
    for row in rows:  # one by one: RETURNING tells which were new (rowcount is not reliable on every driver)
        stmt = dialect_insert(conn)(OB).values(**row).on_conflict_do_nothing(index_elements=[OB.c.msg_id])
        n += conn.execute(stmt.returning(OB.c.id)).first() is not None
    return n


def queue(engine: Engine, msgs: Sequence[OutMsg], now: datetime) -> int:
    with write_tx(engine) as conn:
        return add_outbox(conn, msgs, now)


def pending(engine: Engine, limit: int = 200, peer: str | None = None) -> list[OutRow]:
    stmt = (sa.select(OB.c.id, OB.c.msg_id, OB.c.peer, OB.c.subject, OB.c.kind, OB.c.body)
            .where(OB.c.sent_at.is_(None)).order_by(OB.c.id).limit(limit))
    if peer is not None:
        stmt = stmt.where(OB.c.peer == peer)
    with engine.connect() as conn:
        return [OutRow(*r) for r in conn.execute(stmt)]


def mark_sent(engine: Engine, sent: Sequence[tuple[int, int | None]], now: datetime) -> None:
    """``sent``: (outbox row id, stream sequence) pairs the stream acknowledged."""
    if not sent:
        return
    with write_tx(engine) as conn:
        conn.execute(OB.update().where(OB.c.id == sa.bindparam("w_id")).values(
            sent_at=to_us(now), stream_seq=sa.bindparam("b_seq")),
            [{"w_id": i, "b_seq": s} for i, s in sent])


def backlog(engine: Engine) -> dict[str, int]:
    """Unsent messages per peer."""
    stmt = sa.select(OB.c.peer, sa.func.count()).where(OB.c.sent_at.is_(None)).group_by(OB.c.peer)
    with engine.connect() as conn:
        return {p: int(n) for p, n in conn.execute(stmt)}


def outbox_rows(engine: Engine, kind: str | None = None) -> list[dict[str, Any]]:
    """Every outbox row (tests, diagnostics), oldest first."""
    stmt = sa.select(OB).order_by(OB.c.id)
    if kind is not None:
        stmt = stmt.where(OB.c.kind == kind)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


# ---- inbox ------------------------------------------------------------------------------------------
def claim_inbox(conn: Connection, msg_id: str, peer: str, kind: str, now: datetime,
                stream_seq: int | None = None) -> None:
    """Record ``msg_id`` as applied in the caller's transaction; :class:`AlreadyApplied` if it was."""
    stmt = dialect_insert(conn)(IB).values(msg_id=msg_id, peer=peer, kind=kind, applied_at=to_us(now),
                                           stream_seq=stream_seq).on_conflict_do_nothing(index_elements=[IB.c.msg_id])
    if conn.execute(stmt.returning(IB.c.msg_id)).first() is None:
        raise AlreadyApplied(msg_id)


def applied(engine: Engine, msg_id: str) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(IB.c.msg_id).where(IB.c.msg_id == msg_id)).first() is not None


def inbox_count(engine: Engine, kind: str | None = None) -> int:
    stmt = sa.select(sa.func.count()).select_from(IB)
    if kind is not None:
        stmt = stmt.where(IB.c.kind == kind)
    with engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


# ---- references -------------------------------------------------------------------------------------
def add_ref(conn: Connection, ref: Ref, now: datetime) -> None:
    stmt = dialect_insert(conn)(RF).values(kind=ref.kind, local_id=ref.local_id, peer=ref.peer, role=ref.role,
                                           remote_id=ref.remote_id, linked_at=to_us(now))
    conn.execute(stmt.on_conflict_do_nothing(index_elements=[RF.c.kind, RF.c.local_id, RF.c.peer]))


def refs_of(conn: Connection, kind: str, local_ids: Iterable[str]) -> dict[str, list[Ref]]:
    ids = list(dict.fromkeys(local_ids))
    out: dict[str, list[Ref]] = {}
    for start in range(0, len(ids), 500):
        stmt = sa.select(RF.c.kind, RF.c.local_id, RF.c.peer, RF.c.role, RF.c.remote_id).where(
            RF.c.kind == kind, RF.c.local_id.in_(ids[start:start + 500]))
        for r in conn.execute(stmt):
            out.setdefault(r[1], []).append(Ref(*r))
    return out


def local_of(engine_or_conn: Engine | Connection, kind: str, peer: str, remote_id: str) -> str | None:
    stmt = sa.select(RF.c.local_id).where(RF.c.kind == kind, RF.c.peer == peer, RF.c.remote_id == remote_id)
    if isinstance(engine_or_conn, Connection):
        return engine_or_conn.execute(stmt).scalar()
    with engine_or_conn.connect() as conn:
        return conn.execute(stmt).scalar()


def refs(engine: Engine, kind: str, local_id: str) -> list[Ref]:
    with engine.connect() as conn:
        return refs_of(conn, kind, [local_id]).get(local_id, [])


def all_refs(engine: Engine, kind: str | None = None) -> list[Ref]:
    stmt = sa.select(RF.c.kind, RF.c.local_id, RF.c.peer, RF.c.role, RF.c.remote_id).order_by(RF.c.linked_at)
    if kind is not None:
        stmt = stmt.where(RF.c.kind == kind)
    with engine.connect() as conn:
        return [Ref(*r) for r in conn.execute(stmt)]


# ---- the action log, forwarded ------------------------------------------------------------------------
def _action(r: Any) -> Action:
    return Action(event_id=r[1], at=from_us(r[2]), kind=r[3], actor=r[4], seat=r[5],  # type: ignore[arg-type]
                  from_state=state_of(r[6]) if r[6] is not None else None,
                  to_state=state_of(r[7]) if r[7] is not None else None, note=r[8], data=loads(r[9], dict))


_COLS = (AC.c.id, AC.c.event_id, AC.c.at, AC.c.kind, AC.c.actor, AC.c.seat, AC.c.from_state, AC.c.to_state,
         AC.c.note, AC.c.data)


def timeline(conn: Connection, event_id: str, upto: int | None = None) -> list[tuple[int, Action]]:
    """An event's log, oldest first (up to action id ``upto``)."""
    stmt = sa.select(*_COLS).where(AC.c.event_id == event_id).order_by(AC.c.id)
    if upto is not None:
        stmt = stmt.where(AC.c.id <= upto)
    return [(int(r[0]), _action(r)) for r in conn.execute(stmt)]


# build(conn, [(action id, action)]) -> messages to queue (and refs it wrote itself)
Build = Callable[[Connection, list[tuple[int, Action]]], list[OutMsg]]


def scan_actions(engine: Engine, name: str, build: Build, now: datetime, limit: int = 1000) -> int:
    """Read the action log past the link's cursor, queue what ``build`` makes of it and move the
    cursor, in one transaction. Returns how many actions were read (``limit``: call again)."""
    with write_tx(engine) as conn:
        cursor = conn.execute(sa.select(CU.c.last_action_id).where(CU.c.name == name)).scalar()
        start = int(cursor or 0)
        if conn.dialect.name == "postgresql":
            start = max(0, start - PG_LOOKBACK)
        rows = conn.execute(sa.select(*_COLS).where(AC.c.id > start).order_by(AC.c.id).limit(limit)).all()
        if not rows:
            return 0
        batch = [(int(r[0]), _action(r)) for r in rows]
        add_outbox(conn, build(conn, batch), now)
        last = max(int(cursor or 0), batch[-1][0])
        stmt = dialect_insert(conn)(CU).values(name=name, last_action_id=last, updated_at=to_us(now))
        conn.execute(stmt.on_conflict_do_update(index_elements=[CU.c.name],
                                                set_={"last_action_id": last, "updated_at": to_us(now)}))
        fresh = [a for a in batch if a[0] > int(cursor or 0)]
        return len(fresh) if len(rows) < limit else limit


def cursor_of(engine: Engine, name: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(CU.c.last_action_id).where(CU.c.name == name)).scalar() or 0)


def max_action_id(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.max(AC.c.id))).scalar() or 0)


# ---- applying a peer's report ---------------------------------------------------------------------------
class IdTaken(Exception):
    """The reported event's id is already used here by another report (not linked to this peer)."""


def ingest_linked(store: Any, event: Any, peer: str, msg_id: str, kind: str, stream_seq: int | None,
                  mirrored: Sequence[Action], now: datetime) -> Any:
    """A peer's report (escalation, whistle) as a new event of this room, in one transaction: the
    inbox entry, the event through the feed's commit (:func:`console.store.ingest.commit_ingest`,
    under the position ``link:<peer>``), the peer's timeline mirrored into the log, the reference.

    Returns the :class:`~console.domain.ingest.IngestResult`; raises :class:`AlreadyApplied`, or
    :class:`IdTaken` when the id is already another report's."""
    from console.domain.ingest import IngestBatch
    from console.store.ingest import commit_ingest, read_position

    with write_tx(store.engine) as conn:
        claim_inbox(conn, msg_id, peer, kind, now, stream_seq)
        if store.events.get_many([event.id], conn):
            if local_of(conn, "event", peer, event.id) != event.id:
                raise IdTaken(event.id)
        console_id = f"link:{peer}"
        seq = max(read_position(conn, console_id) + 1, stream_seq or 0)
        event.seq = seq
        result = commit_ingest(conn, store.events, store.actions, store.quarantine,
                               IngestBatch(last_seq=seq, events=[event], owned=True), console_id, now)
        if mirrored:
            store.actions.append_many(list(mirrored), conn)
            result.actions.extend(mirrored)
        add_ref(conn, Ref("event", event.id, peer, "down", event.id), now)
        return result


def mark_applied(engine: Engine, msg_id: str, peer: str, kind: str, now: datetime, stream_seq: int | None = None,
                 ref: Ref | None = None, out: Sequence[OutMsg] = ()) -> None:
    """The inbox entry of a message applied outside a decision (a broadcast received, a roll-call
    answer), with the reference and the messages it queues, in one transaction."""
    with write_tx(engine) as conn:
        claim_inbox(conn, msg_id, peer, kind, now, stream_seq)
        if ref is not None:
            add_ref(conn, ref, now)
        add_outbox(conn, out, now)


def add_ref_now(engine: Engine, ref: Ref, now: datetime) -> None:
    with write_tx(engine) as conn:
        add_ref(conn, ref, now)


def has_ref(engine: Engine, kind: str, peer: str, remote_id: str) -> bool:
    return local_of(engine, kind, peer, remote_id) is not None


def set_cursor(engine: Engine, name: str, last_action_id: int, now: datetime) -> None:
    with write_tx(engine) as conn:
        stmt = dialect_insert(conn)(CU).values(name=name, last_action_id=last_action_id, updated_at=to_us(now))
        conn.execute(stmt.on_conflict_do_update(index_elements=[CU.c.name],
                                                set_={"last_action_id": last_action_id, "updated_at": to_us(now)}))
