"""The store: one database, its repositories, and the feed commit."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime
from types import TracebackType

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.domain.event import utcnow
from console.domain.ingest import IngestBatch, IngestResult
from console.store import database, schema
from console.store.accounts import AccountRepository
from console.store.audit import (
    KEY_ENV,
    KEY_META,
    KEY_OPTION,
    RoomKeyError,
    Verdict,
    key_id,
    read_key_file,
    stored_key_id,
    verify,
)
from console.store.changelog import Change, changes_after, last_seq, prune, pruned_through
from console.store.database import write_tx
from console.store.district import DistrictRepository
from console.store.errors import StoreError
from console.store.events import EventRepository
from console.store.feed import FeedHealthRecord, keep_log_id, list_health, read_cursor, reset_position
from console.store.ingest import commit_ingest, read_position
from console.store.integrity import Integrity
from console.store.isolate import commit_isolating, reason_of, refuses_record
from console.store.paths import default_db_url
from console.store.positions import PositionRepository
from console.store.records import ActionRepository, ClaimRepository, QuarantineRepository, SettingsRepository
from console.store.room_log import RoomLogRepository
from console.store.triage import TriageRecords

DEFAULT_CONSOLE_ID = "default"
log = logging.getLogger(__name__)


class Store:
    """An open console database. Thread-safe for use from a worker thread and the GUI thread."""

    def __init__(self, engine: Engine, label: str, revision: str, *, integrity: Integrity | None = None,
                 readonly: bool = False) -> None:
        self.engine = engine
        self.label = label  # file path or URL without password
        self.revision = revision
        self.integrity = integrity  # SQLite files opened for writing: the quick check and damage met since
        self.readonly = readonly
        self.dialect = engine.dialect.name
        self.events = EventRepository(engine)
        self.actions = ActionRepository(engine)
        self.district = DistrictRepository(engine)
        self.quarantine = QuarantineRepository(engine)
        self.settings = SettingsRepository(engine)
        self.claims = ClaimRepository(engine)
        self.accounts = AccountRepository(engine)
        self.triage = TriageRecords(engine)
        self.positions = PositionRepository(engine, self.settings)
        self.room_log = RoomLogRepository(engine)
        self._closed = False
        self._room_id: str | None = None

    # ---- the room (issue 14) ---------------------------------------------------------------------------
    @property
    def room_id(self) -> str:
        """The room's id (``store_meta['room_id']``): the intake's console id at the hub, shared by
        every seat of the room."""
        if self._room_id is None:
            with self.engine.connect() as conn:
                value = conn.execute(sa.text("SELECT value FROM store_meta WHERE key = 'room_id'")).scalar()
            self._room_id = str(value) if value else DEFAULT_CONSOLE_ID
        return self._room_id

    def changes_after(self, seq: int, limit: int = 5_000, *, kind: str | None = None,
                      conn: Connection | None = None) -> list[Change]:
        """Change-log rows after ``seq``, oldest first (``kind``: "arrivals" or "updates" only); on
        ``conn`` when given (a reader that holds its connection: no pool round trip per read)."""
        if conn is not None:
            return changes_after(conn, seq, limit, kind=kind)
        with self.engine.connect() as c:
            return changes_after(c, seq, limit, kind=kind)

    def prune_changes(self, retain_us: int) -> int:
        """Drop change-log rows older than ``retain_us`` (µs) before the newest; returns how many."""
        with write_tx(self.engine) as conn:
            return prune(conn, retain_us)

    def changes_pruned_through(self) -> int:
        """The highest change-log seq pruned (0: none)."""
        with self.engine.connect() as conn:
            return pruned_through(conn)

    def change_head(self) -> int:
        """The newest change-log seq (0 when empty)."""
        with self.engine.connect() as conn:
            return last_seq(conn)

    def commit_ingest(
        self, batch: IngestBatch, console_id: str = DEFAULT_CONSOLE_ID, now: datetime | None = None
    ) -> IngestResult:
        """Commit one feed batch in one transaction; nothing is written if any part fails.

        When the database refuses the batch for what a record contains, the batch is split to find
        the record(s) at fault, which are quarantined with the database's reason, and the rest is
        committed (``console.store.isolate``). Raises :class:`StoreError` when the database itself
        fails (the transaction is rolled back; the caller retries the batch).
        """
        stamp = now or utcnow()

        def commit(part: IngestBatch) -> IngestResult:
            with write_tx(self.engine) as conn:
                return commit_ingest(conn, self.events, self.actions, self.quarantine, part, console_id, stamp)

        try:
            try:
                return commit(batch)
            except Exception as exc:
                if not refuses_record(exc):
                    raise
                # what a record contains (NUL, a lone surrogate, …): single it out, commit the rest
                log.warning("%s: feed batch up to seq %d refused (%s); splitting it to find the record",
                            self.label, batch.last_seq, reason_of(exc))
                return commit_isolating(commit, batch, exc, stamp)
        except (sa.exc.SQLAlchemyError, ValueError, TypeError) as exc:
            # the database is unusable (locked, gone, full): nothing is skipped, the caller retries
            detail = getattr(exc, "orig", None) or exc
            raise StoreError(f"{self.label}: feed batch up to seq {batch.last_seq} not committed: {detail}") from exc

    def index_search(self, max_rows: int | None = 20_000) -> int:
        """Bring up to ``max_rows`` events into the history full-text index; return how many remain.

        Small feed batches index themselves as they commit; after a bulk load (replay, backfill)
        call this from a worker thread while the room is idle. Searches are correct meanwhile,
        only slower over the unindexed rows.
        """
        self.events.index_pending(max_rows)
        return self.events.pending_index()

    def feed_position(self, console_id: str = DEFAULT_CONSOLE_ID) -> int:
        """Last committed feed seq of ``console_id`` (0 before the first batch)."""
        with self.engine.connect() as conn:
            return read_position(conn, console_id)

    def feed_cursor(self, console_id: str = DEFAULT_CONSOLE_ID) -> tuple[int, str | None]:
        """(last committed feed seq, id of the hub log it counts in — None when not known)."""
        with self.engine.connect() as conn:
            return read_cursor(conn, console_id)

    def keep_feed_log_id(self, console_id: str, log_id: str, now: datetime | None = None) -> None:
        """Keep the id of the hub log ``console_id``'s position counts in (first seen)."""
        self._feed_write(lambda: keep_log_id(self.engine, console_id, log_id, now or utcnow()))

    def reset_feed_position(self, console_id: str, last_seq: int, log_id: str | None,
                            record: FeedHealthRecord) -> None:
        """The hub's log changed: move the position to ``last_seq`` of ``log_id`` (back if need be)
        and append the feed-health ``record``, in one transaction."""
        self._feed_write(lambda: reset_position(self.engine, console_id, last_seq, log_id, record))

    def feed_health(self, console_id: str | None = None, limit: int = 100) -> list[FeedHealthRecord]:
        """Feed-health records (hub log resets, …), newest first."""
        return list_health(self.engine, console_id, limit)

    def _feed_write(self, write: Callable[[], None]) -> None:
        try:
            write()
        except sa.exc.SQLAlchemyError as exc:
            detail = getattr(exc, "orig", None) or exc
            raise StoreError(f"{self.label}: feed position not written: {detail}") from exc

    def verify_audit(self, key: bytes | None = None) -> Verdict:
        """Walk the action log's hash chain (``console.store.audit.verify``), with the room key's MACs."""
        return verify(self.engine, key)

    # ---- the room key of the action log ------------------------------------------------------------
    @property
    def audit_key_id(self) -> str | None:
        """The fingerprint of the room's key (``store_meta['audit_key_id']``), None when it has none."""
        return stored_key_id(self.engine)

    def use_audit_key(self, key: bytes | None) -> None:
        """Sign every action appended from now on with ``key`` (checked against the room's key)."""
        stored = self.audit_key_id
        if key is not None and stored is not None and key_id(key) != stored:
            raise StoreError(f"{self.label}: the room key file is not this room's key (key id {key_id(key)}, "
                             f"the room's is {stored})")
        if key is None and stored is not None:
            raise StoreError(f"{self.label}: this room signs its action log with a room key (key id {stored}); "
                             f"set {KEY_ENV} to the key file (kept outside the database) to open it for writing")
        self.engine.update_execution_options(**{KEY_OPTION: key})

    def set_audit_key(self, key: bytes) -> None:
        """Make ``key`` the room's key (``audit key init``): record its fingerprint and sign from now on.
        A room that has another key already is refused."""
        stored = self.audit_key_id
        if stored is not None and stored != key_id(key):
            raise StoreError(f"{self.label}: the room has another key already (key id {stored})")
        meta = schema.store_meta
        with write_tx(self.engine) as conn:
            if stored is None:
                conn.execute(meta.insert().values(key=KEY_META, value=key_id(key)))
        self.engine.update_execution_options(**{KEY_OPTION: key})

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            if self.integrity is not None:
                self.integrity.stop()  # a quick check still running is interrupted, its thread joined
            self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.label!r}, revision={self.revision!r})"


def open_store(url: str | None = None, *, readonly: bool = False, upgrade: bool | None = None,
               audit_key: bytes | None = None) -> Store:
    """Open (creating and migrating as needed) the console database.

    ``url`` is any SQLAlchemy URL; default: SQLite ``console.db`` in the data directory. Raises
    :class:`StoreError` — leaving the database untouched — for an unwritable location, a file that
    is not a database, another application's database, or a schema newer than this console.

    A SQLite file gets a quick check on a worker thread; writes wait for it and are refused (a
    ``StoreError`` naming the file) when the file is damaged (:mod:`console.store.integrity`).
    ``readonly``: read an existing database without migrating or writing anything (SQLite
    ``?mode=ro``, so a read-only file or a damaged one can still be exported). ``upgrade``: whether
    a database at an older schema revision is migrated (default: SQLite yes, a shared PostgreSQL room
    database no — refused with a message saying to run ``db upgrade``; see ``database.migrate``).
    ``audit_key``: the room key that signs appended actions (default: the file named by
    ``$GRID_AUDIT_KEY_FILE``, if set). A room that has a key is refused for writing without it
    (``console.store.audit``).
    """
    target = database.resolve_target(url or default_db_url())
    if readonly:
        return _open_readonly(target)
    integrity = None
    if target.sqlite_path is not None:
        database.check_sqlite_file(target.sqlite_path)
        database.inspect_sqlite_readonly(target.sqlite_path)
        integrity = Integrity(target.sqlite_path)
        integrity.start(check=target.sqlite_path.exists() and target.sqlite_path.stat().st_size > 0)
    engine = database.create_engine(target, integrity)
    try:
        revision = database.migrate(engine, target.label, upgrade=upgrade)
    except BaseException as exc:
        if integrity is not None:
            integrity.stop()
        engine.dispose()
        if isinstance(exc, sa.exc.SQLAlchemyError):
            detail = getattr(exc, "orig", None) or exc
            raise StoreError(f"{target.label}: cannot open database: {detail}") from exc
        if isinstance(exc, OSError):
            raise StoreError(f"{target.label}: cannot open database: {exc}") from exc
        raise
    store = Store(engine, target.label, revision, integrity=integrity)
    try:
        if audit_key is None and os.environ.get(KEY_ENV):
            audit_key = read_key_file(os.environ[KEY_ENV])
        store.use_audit_key(audit_key)
    except StoreError:
        store.close()
        raise
    except RoomKeyError as exc:
        store.close()
        raise StoreError(f"{target.label}: {exc}") from exc
    return store


def _open_readonly(target: database.Target) -> Store:
    engine = database.create_readonly_engine(target)
    try:
        revision = database.current_revision(engine, target.label)
    except StoreError:
        engine.dispose()
        raise
    except sa.exc.SQLAlchemyError as exc:
        engine.dispose()
        detail = getattr(exc, "orig", None) or exc
        raise StoreError(f"{target.label}: cannot open database for reading: {detail}") from exc
    return Store(engine, target.label, revision, readonly=True)
