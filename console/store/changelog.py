"""The change log: what seats must see, appended in the writing transaction (issue 14).

Every write of shared state calls :func:`append_changes` as the last statement of its transaction:
one row per changed entity (``ENTITY_EVENT`` with the event's new version, ``ENTITY_CLAIM``,
``ENTITY_ACTION`` for a log entry that changed no event, ``ENTITY_SETTING`` for a shared setting
such as the intake writer's feed health, ``ENTITY_ROOM_LOG`` for a room-log row such as a broadcast's
acknowledgement, ``ENTITY_DISTRICT`` for a grid or camera import). Seats read ``seq > last_seen``
(:func:`changes_after`).

On PostgreSQL two things make that exact:

- the appends are serialised by a transaction-level advisory lock taken just before them, so seqs
  become visible in commit order — a reader that has seen seq 11 can never later find a seq 10
  committed after it (a sequence alone hands numbers out at insert time, not at commit);
- ``pg_notify(channel, "<seq>:a|u")`` in the same transaction wakes the listening seats at commit (the
  payload says whether only arrivals came, see :func:`note_kind`). The
  channel is per schema (:data:`CHANNEL_SQL`; notifications are per database already), so rooms
  on one server — and tests in their own schemas — never hear each other.

The lock is taken last and held only for the insert and the commit; a transaction holding it waits
for nothing else, so it cannot deadlock with row locks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from console.store import schema

ENTITY_EVENT = "event"
ENTITY_CLAIM = "claim"
ENTITY_ACTION = "action"
ENTITY_SETTING = "setting"
ENTITY_ROOM_LOG = "room_log"  # a room-log row (broadcast / whistle change…), entity_id = its id
ENTITY_DISTRICT = "district"  # the district (grids, members, departments, cameras) was replaced or extended

CHANNEL_SQL = "SELECT 'grid_room_' || md5(current_schema())"
# PostgreSQL: the lock, the insert and the notify in one statement (one round trip: under load each costs
# a few ms of a decision's commit). The lock's CTE is computed before the first row is inserted (the
# insert reads from it), so every seq is drawn under the lock; a CTE calling a volatile function is
# never inlined.
_PG_APPEND = sa.text(
    "WITH l AS (SELECT pg_advisory_xact_lock(hashtext('grid-changes:' || current_schema())) AS held), "
    "ins AS (INSERT INTO change_log (entity, entity_id, version, at) "
    "SELECT t.e, t.i, t.v, :at FROM l, unnest(CAST(:es AS text[]), CAST(:ids AS text[]), CAST(:vs AS int[])) "
    "AS t(e, i, v) RETURNING seq) "
    "SELECT pg_notify('grid_room_' || md5(current_schema()), max(seq)::text || :kind) FROM ins"
)
# The notification's payload: the newest seq and what kind of rows came with it — ``<seq>:a`` only
# arrivals (new events from the feed), ``<seq>:u`` anything else (a decision, a claim, a field status…),
# so a listening seat reads another seat's decision at once and may gather arrivals (RoomSync).
NOTE_ARRIVALS = ":a"
NOTE_UPDATES = ":u"
_SQLITE_INSERT = "INSERT INTO change_log (entity, entity_id, version, at) VALUES (?, ?, ?, ?)"
CL = schema.change_log


@dataclass(frozen=True, slots=True)
class Change:
    seq: int
    entity: str
    entity_id: str
    version: int


def append_changes(conn: Connection, changes: Iterable[tuple[str, str, int]], at_us: int | None) -> None:
    """Append ``(entity, entity_id, version)`` rows in ``conn``'s transaction (call it last)."""
    at_us = at_us or 0
    rows = [(e, i[:64], v) for e, i, v in changes]
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(_SQLITE_INSERT, [(e, i, v, at_us) for e, i, v in rows])
        return
    if conn.dialect.name == "postgresql":
        kind = NOTE_ARRIVALS if all(e == ENTITY_EVENT and v == 0 for e, _i, v in rows) else NOTE_UPDATES
        conn.execute(_PG_APPEND, {"at": at_us, "es": [r[0] for r in rows], "ids": [r[1] for r in rows],
                                  "vs": [r[2] for r in rows], "kind": kind})
        return
    conn.execute(CL.insert(), [{"entity": e, "entity_id": i, "version": v, "at": at_us} for e, i, v in rows])


def event_changes(events: Iterable[object], actions: Sequence[object] = ()) -> list[tuple[str, str, int]]:
    """Rows for changed events (their versions) and for actions on events not among them."""
    out: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for ev in events:
        eid = ev.id  # type: ignore[attr-defined]
        seen.add(eid)
        out.append((ENTITY_EVENT, eid, int(ev.version)))  # type: ignore[attr-defined]
    for a in actions:
        eid = a.event_id  # type: ignore[attr-defined]
        if eid not in seen:
            seen.add(eid)
            out.append((ENTITY_ACTION, eid, 0))
    return out


ARRIVAL = sa.and_(CL.c.entity == ENTITY_EVENT, CL.c.version == 0)  # a new event (the feed's arrivals)


def note_kind(payload: str) -> str:
    """What a notification announces: ``"arrivals"`` (only new events) or ``"updates"`` (anything
    else — also for a payload without a kind: reading too much is safe, too little is not)."""
    return "arrivals" if payload.endswith(NOTE_ARRIVALS) else "updates"


def changes_after(conn: Connection, seq: int, limit: int = 5_000, *, kind: str | None = None) -> list[Change]:
    """The changes after ``seq``, oldest first (at most ``limit``); ``kind`` "arrivals" (new events) or
    "updates" (everything else: new versions, claims, actions, settings, room-log rows), or "room_log"
    (room-log rows only) for only those."""
    stmt = sa.select(CL.c.seq, CL.c.entity, CL.c.entity_id, CL.c.version).where(CL.c.seq > seq)
    if kind == "arrivals":
        stmt = stmt.where(ARRIVAL)
    elif kind == "updates":
        stmt = stmt.where(sa.not_(ARRIVAL))
    elif kind == "room_log":
        stmt = stmt.where(CL.c.entity == ENTITY_ROOM_LOG)
    rows = conn.execute(stmt.order_by(CL.c.seq).limit(limit)).all()
    return [Change(int(r[0]), r[1], r[2], int(r[3])) for r in rows]


def last_seq(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(CL.c.seq), 0))).scalar_one())


PRUNED_KEY = "change_log_pruned_through"  # store_meta: the highest seq pruned so far


def prune(conn: Connection, retain_us: int) -> int:
    """Delete the rows older than ``retain_us`` before the newest row's time (the room's own clock),
    noting the highest seq deleted in ``store_meta``; returns how many went. A seat whose position
    is below that mark reads the room again (``RoomSync``)."""
    newest = conn.execute(sa.select(sa.func.max(CL.c.at))).scalar()
    if newest is None:
        return 0
    horizon = int(newest) - retain_us
    top = conn.execute(sa.select(sa.func.max(CL.c.seq)).where(CL.c.at < horizon)).scalar()
    if top is None:
        return 0
    gone = conn.execute(CL.delete().where(CL.c.seq <= top)).rowcount
    meta = schema.store_meta
    done = conn.execute(meta.update().where(meta.c.key == PRUNED_KEY).values(value=str(int(top)))).rowcount
    if not done:
        conn.execute(meta.insert().values(key=PRUNED_KEY, value=str(int(top))))
    return int(gone or 0)


def pruned_through(conn: Connection) -> int:
    meta = schema.store_meta
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == PRUNED_KEY)).scalar()
    return int(value) if value else 0
