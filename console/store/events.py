"""Event repository: bulk writes, fast loading of the live queue, history search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.domain.event import Event, Source, State
from console.domain.gcpause import gc_paused
from console.store import schema
from console.store.codec import (
    EVENT_COLUMNS,
    PACKED_REPORTED_AT,
    PACKED_SELECT,
    SQLITE_NULLABLE_COLUMNS,
    SQLITE_NULLABLE_PLACEHOLDER,
    SQLITE_ROW_COLUMNS,
    event_from_json,
    event_to_json,
    event_to_row,
    from_us,
    packed_row_decoder,
    row_decoder,
    sqlite_row_builder,
    to_us,
)
from console.store.database import write_tx
from console.store.records import dialect_insert

T = schema.events
_COLS = [T.c[name] for name in EVENT_COLUMNS]
_SELECT = sa.select(*_COLS)
_LIVE = [s.value for s in State if s.is_live]
_REPORTED_AT = itemgetter(EVENT_COLUMNS.index("reported_at"))  # ties keep index order
_UPDATABLE = [name for name in EVENT_COLUMNS if name != "id"]
_CHUNK = 500  # ids per IN (...) list
# A text query whose other filters leave at most this many rows scans them with LIKE instead of FTS.
_NARROW_LIMIT = 20_000
# SQLite fast path: positional rows straight to the driver (no per-row parameter processing), NULL
# bound as codec.SQLITE_NULL (the driver's adapter lookup for ``None`` cost ~0.4 µs a value).
_SQLITE_MAX_RID = "SELECT max(rid) FROM events"
# rarely set columns come packed into one value (see codec.PACKED_SELECT)
_SQLITE_LOAD_OPEN = (
    f"{PACKED_SELECT} INDEXED BY ix_events_state WHERE state IN ({', '.join(repr(v) for v in _LIVE)})"
)
_PACKED_REPORTED_AT = itemgetter(PACKED_REPORTED_AT)
_LIVE_IN = f"state IN ({', '.join(repr(v) for v in _LIVE)})"
_SQLITE_OPEN_RIDS = f"SELECT rid FROM events INDEXED BY ix_events_state WHERE {_LIVE_IN}"
_SQLITE_OPEN_RANGE = f"{PACKED_SELECT} WHERE rid BETWEEN ? AND ? AND {_LIVE_IN}"
_SQLITE_SELECT = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"
_PG_SELECT_ANY = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id = ANY(%s)"
_FTS_STATE = f"SELECT indexed_rid FROM {schema.FTS_STATE_TABLE} WHERE id = 1"


class _SqliteWriter:
    """The statements of the SQLite fast path (rows from ``codec.sqlite_row_builder``).

    Every row has the same shape (NULL bound as ``codec.SQLITE_NULL``), so a whole batch is one
    ``executemany``. (Multi-row ``INSERT … VALUES (…), (…)`` statements were tried: fewer driver
    calls, but 15% more CPU a row — large statements are hard on the caches.)
    """

    def __init__(self) -> None:
        columns = SQLITE_ROW_COLUMNS
        values = ", ".join(_placeholder(c) for c in columns)
        self.insert_sql = f"INSERT INTO events ({', '.join(columns)}) VALUES ({values})"
        sets = ", ".join(f"{c} = {_placeholder(c)}" for c in columns[2:])
        self.update_sql = f"UPDATE events SET {sets} WHERE id = ?"

    def insert(self, cursor: Any, events: Sequence[Event]) -> None:
        top = cursor.execute(_SQLITE_MAX_RID).fetchone()[0] or 0
        build = sqlite_row_builder()
        # explicit rids keep the arrival order
        cursor.executemany(self.insert_sql, [build(e, rid) for rid, e in enumerate(events, top + 1)])

    def update(self, cursor: Any, events: Sequence[Event]) -> None:
        build = sqlite_row_builder()
        rows = []
        for e in events:
            row = build(e, 0)
            rows.append((*row[2:], row[1]))  # rid and id are not written; id for the WHERE clause
        cursor.executemany(self.update_sql, rows)


def _placeholder(column: str) -> str:
    return SQLITE_NULLABLE_PLACEHOLDER if column in SQLITE_NULLABLE_COLUMNS else "?"


_SQLITE_WRITER = _SqliteWriter()


@contextmanager
def _driver_cursor(conn: Connection) -> Iterator[Any]:
    """A cursor of the DB-API connection under ``conn`` (same transaction).

    Driver errors are raised as SQLAlchemy's (``IntegrityError`` …), like ``conn.execute`` does.
    """
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        yield cursor
    except sqlite3.Error as exc:
        raise sa.exc.DBAPIError.instance(None, None, exc, sqlite3.Error) from exc
    finally:
        cursor.close()


@contextmanager
def _pg_driver_cursor(conn: Connection) -> Iterator[Any]:
    """A cursor of the psycopg connection under ``conn`` (same transaction); driver errors raised as
    SQLAlchemy's, like ``conn.execute`` does."""
    import psycopg

    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        yield cursor
    except psycopg.Error as exc:
        raise sa.exc.DBAPIError.instance(None, None, exc, psycopg.Error) from exc
    finally:
        cursor.close()


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class OpenPages:
    """The live room read in pages, newest arrival first (``EventRepository.open_pages``).

    The console's start-up shows the first page at once and reads the rest while the officer
    already works. ``total`` is the number of open events when the pages were planned; each page is
    its own short read of one arrival (rid) range, so an event closed in between is simply not in
    its page, and the caller (the Room) keeps any newer version it already holds.
    """

    def __init__(self, repo: EventRepository, rids: list[int], first: int, size: int) -> None:
        self._repo = repo
        self._bounds: list[tuple[int, int]] = []  # (low rid, high rid) per page
        start, n = 0, max(1, first)
        while start < len(rids):
            chunk = rids[start : start + n]
            self._bounds.append((chunk[-1], chunk[0]))
            start += n
            n = max(1, size)
        self.total = len(rids)
        self.pages = len(self._bounds)
        self._decode = packed_row_decoder() if repo._sqlite else row_decoder()  # one memo for every page

    @property
    def remaining(self) -> int:
        """Pages not read yet."""
        return len(self._bounds)

    def __iter__(self) -> Iterator[list[Event]]:
        while self._bounds:
            yield self.next_page()

    def next_page(self) -> list[Event]:
        """The next page (an empty list once every page has been read)."""
        if not self._bounds:
            return []
        lo, hi = self._bounds.pop(0)
        with gc_paused():  # thousands of new objects, no cycles
            rows = self._repo._open_range(lo, hi)
            return list(map(self._decode, rows))


class EventRepository:
    """Events as :class:`console.domain.event.Event` records; nothing ORM-bound leaves it.

    Methods taking ``conn`` join the caller's transaction; without it they run their own.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        self._postgres = engine.dialect.name == "postgresql"

    # ------------------------------------------------------------------ writes
    def insert_many(self, events: Sequence[Event], conn: Connection | None = None) -> None:
        """Insert new events (an id already stored is an error: use ``upsert_many`` or ingest)."""
        if not events:
            return
        if conn is None:
            with write_tx(self._engine) as c:
                self.insert_many(events, c)
            return
        if self._sqlite:
            with _driver_cursor(conn) as cursor:
                _SQLITE_WRITER.insert(cursor, events)
        else:
            conn.execute(T.insert(), [event_to_row(e) for e in events])

    def upsert_many(self, events: Sequence[Event]) -> None:
        """Insert or replace every field of each event, by id."""
        if not events:
            return
        rows = [event_to_row(e) for e in events]
        stmt = dialect_insert(self._engine)(T)
        stmt = stmt.on_conflict_do_update(index_elements=[T.c.id], set_={name: stmt.excluded[name] for name in _UPDATABLE})
        with write_tx(self._engine) as c:
            for chunk in _chunks(rows):
                c.execute(stmt, list(chunk))

    def update(self, event: Event) -> None:
        self.update_many([event])

    def update_many(self, events: Sequence[Event], conn: Connection | None = None) -> None:
        """Store the current fields of events that already exist (unknown ids are ignored)."""
        if not events:
            return
        if conn is None:
            with write_tx(self._engine) as c:
                self.update_many(events, c)
            return
        if self._sqlite:
            with _driver_cursor(conn) as cursor:
                _SQLITE_WRITER.update(cursor, events)
            return
        stmt = (
            T.update()
            .where(T.c.id == sa.bindparam("b_id"))
            .values({name: sa.bindparam(f"b_{name}") for name in _UPDATABLE})
        )
        conn.execute(stmt, [{f"b_{k}": v for k, v in event_to_row(e).items()} for e in events])

    def record_duplicate(
        self, kept_id: str, report: Event, at: datetime, kind: str = "merged", conn: Connection | None = None
    ) -> None:
        """Record ``report`` as a duplicate of the kept event and bump its ``duplicate_count``.

        For an officer merging two reports ("merged"); re-sent feed ids are recorded by
        ``Store.commit_ingest`` ("resent"). Changing the duplicate's own state is the caller's
        lifecycle decision.
        """
        if conn is None:
            with write_tx(self._engine) as c:
                self.record_duplicate(kept_id, report, at, kind, c)
            return
        conn.execute(
            schema.duplicate_reports.insert().values(
                event_id=kept_id,
                report_id=report.id,
                kind=kind,
                seq=report.seq,
                received_at=to_us(at),
                payload=event_to_json(report),
            )
        )
        conn.execute(
            T.update()
            .where(T.c.id == kept_id)
            .values(duplicate_count=T.c.duplicate_count + 1, updated_at=to_us(at), version=T.c.version + 1)
        )

    # ------------------------------------------------------------------ reads
    def get(self, event_id: str) -> Event | None:
        return self.get_many([event_id]).get(event_id)

    def get_many(self, ids: Iterable[str], conn: Connection | None = None, *, lock: bool = False) -> dict[str, Event]:
        """Stored events by id (ids not stored are absent from the result).

        ``lock``: inside the caller's write transaction, lock the rows until it ends (``FOR UPDATE``
        on PostgreSQL, in id order so two writers never deadlock; SQLite's write transaction is
        already exclusive), so a read-modify-write cannot lose another connection's update.
        """
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        if conn is None:
            with self._engine.connect() as c:
                return self.get_many(wanted, c, lock=lock)
        out: dict[str, Event] = {}
        decode = row_decoder()
        if self._sqlite:
            with _driver_cursor(conn) as cursor:
                for chunk in _chunks(wanted):
                    sql = f"{_SQLITE_SELECT} WHERE id IN ({', '.join('?' * len(chunk))})"
                    for row in cursor.execute(sql, chunk):
                        out[row[0]] = decode(row)
            return out
        if self._postgres and not lock:
            # one statement through the driver (``= ANY`` of an array): a third of the CPU of the
            # SQLAlchemy path, which matters to a seat following 1,000 arrivals a second (RoomSync)
            with _pg_driver_cursor(conn) as cursor:
                for row in cursor.execute(_PG_SELECT_ANY, (wanted,)):
                    out[row[0]] = decode(row)
            return out
        if lock and self._postgres:
            wanted.sort()
        for chunk in _chunks(wanted):
            stmt = _SELECT.where(T.c.id.in_(chunk))
            if lock and self._postgres:
                stmt = stmt.order_by(T.c.id).with_for_update()
            for row in conn.execute(stmt):
                ev = decode(row)
                out[ev.id] = ev
        return out

    def load_open(self) -> list[Event]:
        """Every non-terminal event (the live room), oldest report first.

        Selected through the state index (never a scan of the whole history: SQLite's planner
        would scan once statistics say "few distinct states"), sorted here, and read with the
        garbage collector paused (millions of new objects would trigger repeated full collections).
        """
        with gc_paused(), self._engine.connect() as c:
            if self._sqlite:
                with _driver_cursor(c) as cursor:
                    rows = cursor.execute(_SQLITE_LOAD_OPEN).fetchall()  # plain tuples: cheapest to sort
                rows.sort(key=_PACKED_REPORTED_AT)
                return list(map(packed_row_decoder(), rows))
            rows = [tuple(r) for r in c.execute(_SELECT.where(T.c.state.in_(_LIVE)))]
        rows.sort(key=_REPORTED_AT)
        return list(map(row_decoder(), rows))

    def open_pages(self, first: int = 2_000, size: int = 5_000) -> OpenPages:
        """The live room in pages, newest arrival first: ``first`` events, then ``size`` at a time.

        Planning reads only the open events' rids (through the state index); each page is then one
        range read. Call from any thread; each read uses its own connection.
        """
        with self._engine.connect() as c:
            if self._sqlite:
                with _driver_cursor(c) as cursor:
                    rids = [r[0] for r in cursor.execute(_SQLITE_OPEN_RIDS)]
            else:
                rids = list(c.execute(sa.select(T.c.rid).where(T.c.state.in_(_LIVE))).scalars())
        rids.sort(reverse=True)
        return OpenPages(self, rids, first, size)

    def _open_range(self, lo: int, hi: int) -> list[Any]:
        with self._engine.connect() as c:
            if self._sqlite:
                with _driver_cursor(c) as cursor:
                    return cursor.execute(_SQLITE_OPEN_RANGE, (lo, hi)).fetchall()
            stmt = _SELECT.where(T.c.rid.between(lo, hi), T.c.state.in_(_LIVE))
            return [tuple(r) for r in c.execute(stmt)]

    def count(self, states: Iterable[State] | None = None) -> int:
        stmt = sa.select(sa.func.count()).select_from(T)
        if states is not None:
            stmt = stmt.where(T.c.state.in_([str(s) for s in states]))
        with self._engine.connect() as c:
            return int(c.execute(stmt).scalar_one())

    def duplicate_reports(self, event_id: str) -> list[tuple[str, datetime, Event]]:
        """Reports merged into ``event_id``: (kind, received_at, report as received), oldest first."""
        d = schema.duplicate_reports
        stmt = sa.select(d.c.kind, d.c.received_at, d.c.payload).where(d.c.event_id == event_id).order_by(d.c.id)
        with self._engine.connect() as c:
            rows = c.execute(stmt).all()
        return [(kind, from_us(at), event_from_json(payload)) for kind, at, payload in rows]  # type: ignore[misc]

    # ------------------------------------------------------------------ search index (SQLite)
    def index_pending(self, max_rows: int | None = None, conn: Connection | None = None) -> int:
        """Add up to ``max_rows`` not yet indexed events to the full-text index; return how many.

        Searches are correct either way (unindexed rows are scanned with LIKE); indexing keeps them
        fast. A no-op on other databases.
        """
        if not self._sqlite:
            return 0
        if conn is None:
            with write_tx(self._engine) as c:
                return self.index_pending(max_rows, c)
        done = int(conn.exec_driver_sql(_FTS_STATE).scalar_one())
        limit = "" if max_rows is None else f" LIMIT {int(max_rows)}"
        top = conn.exec_driver_sql(
            f"SELECT max(rid), count(*) FROM (SELECT rid FROM events WHERE rid > ? ORDER BY rid{limit})", (done,)
        ).one()
        if top[0] is None:
            return 0
        conn.exec_driver_sql(
            f"INSERT INTO {schema.FTS_TABLE}(rowid, title, description, address) "
            "SELECT rid, title, description, address FROM events WHERE rid > ? AND rid <= ?",
            (done, top[0]),
        )
        conn.exec_driver_sql(f"UPDATE {schema.FTS_STATE_TABLE} SET indexed_rid = ? WHERE id = 1", (top[0],))
        return int(top[1])

    def pending_index(self) -> int:
        """Events not yet in the full-text index (0 on databases without one)."""
        if not self._sqlite:
            return 0
        with self._engine.connect() as c:
            done = int(c.exec_driver_sql(_FTS_STATE).scalar_one())
            return int(c.exec_driver_sql("SELECT count(*) FROM events WHERE rid > ?", (done,)).scalar_one())

    # ------------------------------------------------------------------ history search
    def search(
        self,
        text: str | None = None,
        grid_ids: Iterable[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        states: Iterable[State] | None = None,
        category: str | None = None,
        source: Source | str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Event]:
        """History, newest report first (``since`` inclusive, ``until`` exclusive).

        ``text`` matches a case-insensitive substring of the title, description or address.
        """
        where: list[Any] = []
        if grid_ids is not None:
            where.append(T.c.grid_id.in_(list(grid_ids)))
        if since is not None:
            where.append(T.c.reported_at >= to_us(since))
        if until is not None:
            where.append(T.c.reported_at < to_us(until))
        if states is not None:
            where.append(T.c.state.in_([str(s) for s in states]))
        if category is not None:
            where.append(T.c.category == category)
        if source is not None:
            where.append(T.c.source == str(source))
        text = (text or "").strip()
        with self._engine.connect() as c:
            if text:
                where.append(self._text_clause(c, text, where))
            stmt = _SELECT.where(*where).order_by(T.c.reported_at.desc(), T.c.rid.desc()).limit(limit).offset(offset)
            decode = row_decoder()
            return [decode(r) for r in c.execute(stmt)]

    def _text_clause(self, conn: Connection, text: str, narrowing: list[Any]) -> Any:
        pattern = _like_pattern(text)
        if self._postgres:
            return sa.literal_column(schema.PG_SEARCH_EXPR).ilike(pattern, escape="\\")
        like = sa.or_(
            T.c.title.like(pattern, escape="\\"),
            T.c.description.like(pattern, escape="\\"),
            T.c.address.like(pattern, escape="\\"),
        )
        if not self._sqlite or len(text) < 3:
            return like  # trigram FTS needs 3 characters: LIKE within the narrowed set
        if narrowing and self._narrow_count(conn, narrowing) < _NARROW_LIMIT:
            return like  # the indexed filters already leave few rows: scanning them is cheaper
        done = int(conn.exec_driver_sql(_FTS_STATE).scalar_one())
        phrase = '"' + text.replace('"', '""') + '"'
        fts = sa.text(f"SELECT rowid FROM {schema.FTS_TABLE} WHERE {schema.FTS_TABLE} MATCH :q").bindparams(q=phrase)
        indexed = T.c.rid.in_(fts.columns(sa.column("rowid")))
        return sa.or_(indexed, sa.and_(T.c.rid > done, like))  # rows above the mark are not indexed yet

    def _narrow_count(self, conn: Connection, narrowing: list[Any]) -> int:
        inner = sa.select(sa.literal(1)).select_from(T).where(*narrowing).limit(_NARROW_LIMIT).subquery()
        return int(conn.execute(sa.select(sa.func.count()).select_from(inner)).scalar_one())
