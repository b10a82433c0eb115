"""The room log (issue 15): what the room did that is not one event's action — broadcasts and their
acknowledgements, whistle check-ins and progress, claims, the SLA table in force. Append-only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.store import schema
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


def entry_row(e: RoomEntry) -> dict[str, Any]:
    return {"at": to_us(e.at), "kind": e.kind, "actor": e.actor, "seat": e.seat, "ref": e.ref,
            "data": dumps(e.data)}


class RoomLogRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def append_many(self, entries: Sequence[RoomEntry], conn: Connection | None = None) -> None:
        if not entries:
            return
        rows = [entry_row(e) for e in entries]
        if conn is not None:
            conn.execute(schema.room_log.insert(), rows)
            return
        with write_tx(self._engine) as c:
            c.execute(schema.room_log.insert(), rows)

    def list(self, kinds: Sequence[str] | None = None) -> list[RoomEntry]:
        t = schema.room_log
        stmt = sa.select(t.c.at, t.c.kind, t.c.actor, t.c.seat, t.c.ref, t.c.data).order_by(t.c.id)
        if kinds is not None:
            stmt = stmt.where(t.c.kind.in_(list(kinds)))
        with self._engine.connect() as c:
            return [RoomEntry(from_us(r[0]), r[1], r[2], r[3], r[4], loads(r[5], dict))  # type: ignore[arg-type]
                    for r in c.execute(stmt)]
