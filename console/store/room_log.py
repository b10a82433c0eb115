"""The room log (issue 15): what the room did that is not one event's action — broadcasts and their
acknowledgements, whistle check-ins and progress, claims, the SLA table in force. Append-only.

Entries appended through :meth:`RoomLogRepository.append_many` are also announced in the change log
(entity ``room_log``, the row's id) in the same transaction, so other seats read them in commit order
(PostgreSQL ``pg_notify``, SQLite polling — :mod:`console.services.room_sync`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.store import schema
from console.store.changelog import ENTITY_ROOM_LOG, append_changes
from console.store.codec import dumps, from_us, loads, to_us
from console.store.database import write_tx


@dataclass(frozen=True, slots=True)
class RoomEntry:
    at: datetime
    kind: str
    actor: str | None = None
    seat: str | None = None
    ref: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """A room-log row as read back (with its id: the append order)."""

    id: int
    at: datetime
    kind: str
    actor: str | None
    seat: str | None
    ref: str | None
    data: dict[str, Any]


def entry_row(e: Any) -> dict[str, Any]:
    """The row of an entry (a :class:`RoomEntry` or anything with its fields)."""
    return {"at": to_us(e.at), "kind": e.kind, "actor": e.actor, "seat": e.seat, "ref": e.ref,
            "data": dumps(e.data)}


class RoomLogRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def append_many(self, entries: Sequence[Any], conn: Connection | None = None) -> list[int]:
        """Append ``entries`` (announced in the change log, same transaction); returns their ids."""
        if not entries:
            return []
        if conn is not None:
            return self._append(conn, entries)
        with write_tx(self._engine) as c:
            return self._append(c, entries)

    @staticmethod
    def _append(conn: Connection, entries: Sequence[Any]) -> list[int]:
        t = schema.room_log
        ids = [int(conn.execute(t.insert().values(**entry_row(e)).returning(t.c.id)).scalar_one()) for e in entries]
        append_changes(conn, [(ENTITY_ROOM_LOG, str(i), 0) for i in ids], to_us(max(e.at for e in entries)))
        return ids

    def entries(self, kinds: Sequence[str] | None = None, ids: Sequence[int] | None = None) -> list[StoredEntry]:
        """Rows with their ids, in append order: of ``kinds``, or the rows ``ids`` (blocking)."""
        t = schema.room_log
        stmt = sa.select(t.c.id, t.c.at, t.c.kind, t.c.actor, t.c.seat, t.c.ref, t.c.data).order_by(t.c.id)
        if kinds is not None:
            stmt = stmt.where(t.c.kind.in_(list(kinds)))
        out: list[StoredEntry] = []
        with self._engine.connect() as c:
            for part in [None] if ids is None else [list(ids[i:i + 500]) for i in range(0, len(ids), 500)]:
                q = stmt if part is None else stmt.where(t.c.id.in_(part))
                out += [StoredEntry(int(r[0]), from_us(r[1]), r[2], r[3], r[4], r[5], loads(r[6], dict))  # type: ignore[arg-type]
                        for r in c.execute(q)]
        return out

    def list(self, kinds: Sequence[str] | None = None) -> list[RoomEntry]:
        t = schema.room_log
        stmt = sa.select(t.c.at, t.c.kind, t.c.actor, t.c.seat, t.c.ref, t.c.data).order_by(t.c.id)
        if kinds is not None:
            stmt = stmt.where(t.c.kind.in_(list(kinds)))
        with self._engine.connect() as c:
            return [RoomEntry(from_us(r[0]), r[1], r[2], r[3], r[4], loads(r[5], dict))  # type: ignore[arg-type]
                    for r in c.execute(stmt)]
