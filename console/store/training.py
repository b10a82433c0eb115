"""What training mode (培训模式) reads from a recording and keeps in a sandbox database.

- :func:`arrivals`: a recorded shift's intake, in arrival order (``received_at``, else the report
  time), inside a window — what ``train`` plays again;
- the sandbox mark: the settings key ``training`` (trainee, recording, window, speed) — a database
  with it is a training sandbox; one without it that holds events is a live room and is refused;
- the room id: the settings key ``room.id`` (a random id given to a sandbox when it is marked),
  else a fingerprint of the stored intake, so the recording reached under another URL is still
  recognised.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from console.domain.event import Event
from console.store import schema
from console.store.codec import EVENT_COLUMNS, from_us, row_decoder, to_us

TRAINING_KEY = "training"
ROOM_ID_KEY = "room.id"

_T = schema.events
_ARRIVED = sa.func.coalesce(_T.c.received_at, _T.c.reported_at)


def arrivals(store: Any, since: datetime | None, until: datetime | None, *, limit: int = 200_000) -> list[Event]:
    """The recorded intake received in [since, until), oldest arrival first (merged duplicate
    reports are not events: they arrived into an event already stored)."""
    where: list[Any] = []
    if since is not None:
        where.append(_ARRIVED >= to_us(since))
    if until is not None:
        where.append(_ARRIVED < to_us(until))
    stmt = (sa.select(*[_T.c[c] for c in EVENT_COLUMNS]).where(*where)
            .order_by(_ARRIVED, _T.c.seq, _T.c.rid).limit(limit))
    decode = row_decoder()
    with store.engine.connect() as conn:
        return [decode(r) for r in conn.execute(stmt)]


def first_arrival(store: Any) -> datetime | None:
    """When the recording's first event arrived (None when it holds none)."""
    with store.engine.connect() as conn:
        us = conn.execute(sa.select(sa.func.min(_ARRIVED))).scalar()
    return from_us(int(us)) if us is not None else None


def event_count(store: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(_T)).scalar_one())


def training_mark(store: Any) -> dict[str, Any] | None:
    """The sandbox's training mark, or None for a database that is not a training sandbox."""
    mark = store.settings.get(TRAINING_KEY, None)
    return mark if isinstance(mark, dict) else None


def mark_training(store: Any, mark: dict[str, Any]) -> str:
    """Mark ``store`` as a training sandbox (keeping an earlier session's fields); returns its room id."""
    room = store.settings.get(ROOM_ID_KEY, None)
    if not isinstance(room, str) or not room:
        room = f"training-{uuid.uuid4()}"
        store.settings.set(ROOM_ID_KEY, room)
    store.settings.set(TRAINING_KEY, {**(training_mark(store) or {}), **mark})
    return room


def room_id(store: Any) -> str:
    """The room's id: ``room.id`` when set, else a fingerprint of its intake (first and last event
    ids, how many) — the same database reached under another URL gives the same id."""
    room = store.settings.get(ROOM_ID_KEY, None)
    if isinstance(room, str) and room:
        return room
    with store.engine.connect() as conn:
        n = int(conn.execute(sa.select(sa.func.count()).select_from(_T)).scalar_one())
        first = conn.execute(sa.select(_T.c.id).order_by(_T.c.rid).limit(1)).scalar()
        last = conn.execute(sa.select(_T.c.id).order_by(_T.c.rid.desc()).limit(1)).scalar()
    return "intake-" + hashlib.sha256(f"{n}\x00{first}\x00{last}".encode()).hexdigest()[:24]
