"""A console database read as a recording (issue 15): read-only, except its replay tables.

:class:`Recording` opens the database without migrating it and reads the events, the action log
and the room log. The only writes replay ever makes go to ``replay_snapshots`` and
``replay_bookmarks`` — through a separate connection that touches no other table — and only when
the database has them (schema 8 and later); a read-only file keeps its snapshots in memory.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.domain.event import Action
from console.store import database, schema
from console.store.codec import EVENT_COLUMNS, from_us, loads, row_decoder, state_of, to_us
from console.store.errors import StoreError

log = logging.getLogger(__name__)
SNAPSHOT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class RoomLogRecord:
    id: int
    at: datetime
    kind: str
    actor: str | None
    seat: str | None
    ref: str | None
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: int
    at: datetime
    kind: str  # "bookmark" | "note"
    author: str | None
    text: str
    event_id: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StoredSnapshot:
    at: int  # µs
    format: int
    fingerprint: str
    checksum: str
    payload: bytes

    @property
    def intact(self) -> bool:
        return hashlib.sha256(self.payload).hexdigest() == self.checksum


def _db_error(label: str, exc: BaseException) -> StoreError:
    detail = getattr(exc, "orig", None) or exc
    return StoreError(f"{label}: cannot read the recording: {detail}")


def _action(r: Any) -> Action:
    return Action(event_id=r[0], at=from_us(r[1]), kind=r[2], actor=r[3], seat=r[4],  # type: ignore[arg-type]
                  from_state=state_of(r[5]) if r[5] is not None else None,
                  to_state=state_of(r[6]) if r[6] is not None else None, note=r[7], data=loads(r[8], dict))


class Recording:
    """An open recording. Reads on any thread (each call its own connection)."""

    def __init__(self, url: str) -> None:
        target = database.resolve_target(url)
        self.label = target.label
        self._target = target
        self.engine: Engine = database.create_readonly_engine(target)
        try:
            with self.engine.connect() as conn:
                self.revision = database.check_ownership(conn, self.label)
                self.tables = set(sa.inspect(conn).get_table_names())
        except StoreError:
            self.engine.dispose()
            raise
        except (sa.exc.SQLAlchemyError, sqlite3.Error) as exc:
            self.engine.dispose()
            raise _db_error(self.label, exc) from exc
        if self.revision is None or "events" not in self.tables or "actions" not in self.tables:
            self.engine.dispose()
            raise StoreError(f"{self.label}: an empty database, not a console recording")
        self._writer: Engine | None = None

    def close(self) -> None:
        self.engine.dispose()
        if self._writer is not None:
            self._writer.dispose()

    # ---- reads --------------------------------------------------------------------------------------
    def _read(self, fn: Any) -> Any:
        try:
            with self.engine.connect() as conn:
                return fn(conn)
        except (sa.exc.SQLAlchemyError, sqlite3.Error) as exc:
            raise _db_error(self.label, exc) from exc

    def fingerprint(self) -> str:
        """What the recording holds (a snapshot built for other contents is not used)."""
        def read(conn: Any) -> str:
            n_ev, max_rid = conn.execute(sa.text("SELECT count(*), coalesce(max(rid), 0) FROM events")).one()
            n_act, max_id = conn.execute(sa.text("SELECT count(*), coalesce(max(id), 0) FROM actions")).one()
            n_log = 0
            if "room_log" in self.tables:
                n_log = conn.execute(sa.text("SELECT coalesce(max(id), 0) FROM room_log")).scalar()
            return f"e{n_ev}.{max_rid}:a{n_act}.{max_id}:r{n_log}"

        return str(self._read(read))

    def last_mark(self) -> datetime | None:
        """The latest instant the recording knows the room was running (feed position, room log)."""
        def read(conn: Any) -> int | None:
            marks = [conn.execute(sa.text("SELECT max(updated_at) FROM feed_position")).scalar()]
            if "room_log" in self.tables:
                marks.append(conn.execute(sa.text("SELECT max(at) FROM room_log")).scalar())
            known = [int(m) for m in marks if m is not None]
            return max(known) if known else None

        value = self._read(read)
        return from_us(value) if value is not None else None

    def extent(self) -> tuple[int | None, int | None, int]:
        """(first arrival, last arrival or action, number of events), µs."""
        def read(conn: Any) -> tuple[int | None, int | None, int]:
            lo, hi, n = conn.execute(sa.text(
                "SELECT min(coalesce(received_at, reported_at)), max(coalesce(received_at, reported_at)), count(*) "
                "FROM events")).one()
            last_action = conn.execute(sa.text("SELECT max(at) FROM actions")).scalar()
            ends = [int(v) for v in (hi, last_action) if v is not None]
            return (int(lo) if lo is not None else None), (max(ends) if ends else None), int(n)

        return self._read(read)  # type: ignore[no-any-return]

    def event_chunks(self, size: int, first: int | None = None) -> Any:
        """Every event in arrival order, ``size`` at a time: the order is read first (only the row ids:
        sorting whole rows made the first chunk wait for all of them), then each chunk by id."""
        decode = row_decoder()
        cols = ", ".join(EVENT_COLUMNS)
        order = self._read(lambda c: [r[0] for r in c.exec_driver_sql(
            "SELECT rid FROM events ORDER BY coalesce(received_at, reported_at), id")])
        t = schema.events
        bounds = [0, *range(first or size, len(order), size)] if len(order) > (first or size) else [0]
        for n, k in enumerate(bounds):
            rids = order[k:bounds[n + 1]] if n + 1 < len(bounds) else order[k:]

            def read(conn: Any, rids: list[int] = rids) -> list[Any]:
                if conn.dialect.name == "sqlite":
                    import json

                    return conn.exec_driver_sql(
                        f"SELECT {cols}, rid FROM events WHERE rid IN (SELECT value FROM json_each(?))",
                        (json.dumps(rids),)).fetchall()
                return conn.execute(sa.select(*[t.c[c] for c in EVENT_COLUMNS], t.c.rid)
                                    .where(t.c.rid.in_(rids))).fetchall()

            rows = self._read(read)
            at = {rid: i for i, rid in enumerate(rids)}
            rows.sort(key=lambda r: at[r[-1]])
            yield [decode(r[:-1]) for r in rows]

    def actions_of(self, ids: Sequence[str]) -> dict[str, list[Action]]:
        """The log of the events ``ids``, each in the order it was appended."""
        def read(conn: Any) -> dict[str, list[Action]]:
            out: dict[str, list[Action]] = defaultdict(list)
            cols = "event_id, at, kind, actor, seat, from_state, to_state, note, data, id"
            rows: list[Any] = []
            if conn.dialect.name == "sqlite":
                import json

                rows = conn.exec_driver_sql(
                    f"SELECT {cols} FROM actions WHERE event_id IN (SELECT value FROM json_each(?))",
                    (json.dumps(list(ids)),)).fetchall()
            else:
                t = schema.actions
                for k in range(0, len(ids), 1000):
                    rows += conn.execute(sa.select(t.c.event_id, t.c.at, t.c.kind, t.c.actor, t.c.seat, t.c.from_state,
                                                   t.c.to_state, t.c.note, t.c.data, t.c.id)
                                         .where(t.c.event_id.in_(list(ids[k:k + 1000])))).fetchall()
            rows.sort(key=lambda r: r[9])
            for r in rows:
                out[r[0]].append(_action(r))
            return out

        return dict(self._read(read))

    def events(self) -> list[Any]:
        decode = row_decoder()
        cols = ", ".join(EVENT_COLUMNS)
        return list(self._read(lambda c: [decode(r) for r in c.exec_driver_sql(f"SELECT {cols} FROM events")]))

    def actions(self) -> dict[str, list[Action]]:
        """The log by event, each in the order it was appended."""
        def read(conn: Any) -> dict[str, list[Action]]:
            out: dict[str, list[Action]] = defaultdict(list)
            rows = conn.exec_driver_sql(
                "SELECT event_id, at, kind, actor, seat, from_state, to_state, note, data FROM actions ORDER BY id")
            for r in rows:
                out[r[0]].append(_action(r))
            return out

        return dict(self._read(read))

    def room_log(self) -> list[RoomLogRecord]:
        if "room_log" not in self.tables:
            return []
        t = schema.room_log
        stmt = sa.select(t.c.id, t.c.at, t.c.kind, t.c.actor, t.c.seat, t.c.ref, t.c.data).order_by(t.c.id)
        return list(self._read(lambda c: [
            RoomLogRecord(r[0], from_us(r[1]), r[2], r[3], r[4], r[5], loads(r[6], dict))  # type: ignore[arg-type]
            for r in c.execute(stmt)]))

    def settings(self, key: str) -> Any:
        import json

        t = schema.settings
        text = self._read(lambda c: c.execute(sa.select(t.c.value).where(t.c.key == key)).scalar())
        return None if text is None else json.loads(text)

    # ---- snapshots and bookmarks (the only writes) ------------------------------------------------------
    @property
    def has_replay_tables(self) -> bool:
        return "replay_snapshots" in self.tables and "replay_bookmarks" in self.tables

    def writer(self) -> Engine:
        """An engine for the replay tables only (never used on any other table)."""
        if self._writer is None:
            if self._target.is_sqlite:
                path = self._target.sqlite_path

                def connect() -> sqlite3.Connection:
                    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
                    conn.isolation_level = None
                    return conn

                self._writer = sa.create_engine("sqlite://", creator=connect)
            else:
                self._writer = sa.create_engine(self._target.url, pool_pre_ping=True)
        return self._writer

    def snapshots(self) -> list[StoredSnapshot]:
        if not self.has_replay_tables:
            return []
        t = schema.replay_snapshots
        stmt = sa.select(t.c.at, t.c.format, t.c.fingerprint, t.c.checksum, t.c.payload).order_by(t.c.at)
        return list(self._read(lambda c: [StoredSnapshot(int(r[0]), int(r[1]), r[2], r[3], bytes(r[4]))
                                          for r in c.execute(stmt)]))

    def replace_snapshots(self, fingerprint: str, items: Sequence[tuple[int, bytes]], built_at: datetime) -> bool:
        """Replace the snapshot table's rows; False (logged) when the database cannot be written."""
        if not self.has_replay_tables:
            return False
        t = schema.replay_snapshots
        rows = [{"at": at, "format": SNAPSHOT_FORMAT, "fingerprint": fingerprint,
                 "checksum": hashlib.sha256(payload).hexdigest(), "built_at": to_us(built_at), "payload": payload}
                for at, payload in items]
        try:
            with self.writer().begin() as conn:
                conn.execute(t.delete())
                if rows:
                    conn.execute(t.insert(), rows)
        except (sa.exc.SQLAlchemyError, sqlite3.Error) as exc:
            log.warning("%s: replay snapshots kept in memory only (cannot write them: %s)", self.label,
                        getattr(exc, "orig", None) or exc)
            return False
        return True

    def bookmarks(self) -> list[Bookmark]:
        if not self.has_replay_tables:
            return []
        t = schema.replay_bookmarks
        stmt = sa.select(t.c.id, t.c.at, t.c.kind, t.c.author, t.c.text, t.c.event_id, t.c.created_at).order_by(
            t.c.at, t.c.id)
        return list(self._read(lambda c: [Bookmark(r[0], from_us(r[1]), r[2], r[3], r[4], r[5],  # type: ignore[arg-type]
                                                   from_us(r[6])) for r in c.execute(stmt)]))  # type: ignore[arg-type]

    def add_bookmark(self, at: datetime, kind: str, text: str, *, author: str | None = None,
                     event_id: str | None = None, now: datetime) -> Bookmark:
        if not self.has_replay_tables:
            raise StoreError(f"{self.label}: this recording has no bookmark table (schema older than 8); "
                             "open it once with the console to upgrade it")
        t = schema.replay_bookmarks
        try:
            with self.writer().begin() as conn:
                rid = conn.execute(t.insert().values(at=to_us(at), kind=kind, author=author, text=text,
                                                     event_id=event_id, created_at=to_us(now))).inserted_primary_key
        except (sa.exc.SQLAlchemyError, sqlite3.Error) as exc:
            raise StoreError(f"{self.label}: cannot store the bookmark: {getattr(exc, 'orig', None) or exc}") from exc
        return Bookmark(int(rid[0]) if rid else 0, at, kind, author, text, event_id, now)

    def delete_bookmark(self, bookmark_id: int) -> None:
        t = schema.replay_bookmarks
        with self.writer().begin() as conn:
            conn.execute(t.delete().where(t.c.id == bookmark_id))
