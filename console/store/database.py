"""Opening a database: checks that refuse to touch anything that is not ours, then migrations.

Nothing is written before the checks pass: a SQLite file is first inspected through a separate
read-only connection (so a foreign file is not even switched to WAL mode). A SQLite file opened for
writing gets a quick check on a worker thread and write transactions wait for it
(:mod:`console.store.integrity`); :func:`create_readonly_engine` opens a database for reading only
(``?mode=ro``, no migration, no writes), for ``export``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import QueuePool, StaticPool

from console.store.errors import StoreError
from console.store.integrity import Integrity, is_corruption
from console.store.schema import APP_MARKER, SCHEMA_VERSION, SQLITE_APPLICATION_ID

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 32_768  # page cache per connection (default 2 MiB thrashes the event indexes)
# Reads map the file instead of copying pages through the page cache: load_open (100k live rows
# spread over a large history) spends a third less CPU in SQLite. Address space only, not memory.
MMAP_BYTES = 1 << 30
# WAL pages before an automatic checkpoint (SQLite's default: 1,000). Each feed commit rewrites the
# same index leaf pages (one per grid); checkpointing every ~4 commits copied them back every time.
# 4,000 (~16 MiB of WAL) cut the commit cost of a 1,000-event batch by about a quarter.
WAL_AUTOCHECKPOINT_PAGES = 4_000
VERSION_TABLE = "alembic_version"
WRITE_OPTION = "console_write"


# The migration chain, oldest first: opening an up-to-date database needs only this list, so
# Alembic (≈150 ms of imports) is loaded only when a database must actually be upgraded.
# tests/store/test_open.py checks it against the scripts in MIGRATIONS_DIR.
REVISIONS: tuple[str, ...] = (
    "0001_initial", "0002_feed_write_indexes", "0003_event_version", "0004_quarantine_key", "0005_feed_log_id",
    "0006_room_sync",
    "0007_accounts_audit",
    "0008_replay",
    "0010_triage_learning",
    "0011_links",
    "0012_positions",
    "0013_audit_mac",
)


def alembic_config(connection: Connection | None = None) -> Any:
    """Alembic configuration built in code (no alembic.ini)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("version_table", VERSION_TABLE)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_revisions() -> list[str]:
    """The revisions of the migration scripts, oldest first (read by Alembic)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def known_revisions() -> set[str]:
    return set(REVISIONS)


def head_revision() -> str:
    return REVISIONS[-1]


@dataclass(frozen=True, slots=True)
class Target:
    """What ``open_store`` was asked to open."""

    url: URL
    label: str  # file path or URL without password, for messages
    sqlite_path: Path | None  # None for in-memory SQLite and server databases

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"


def resolve_target(url: str) -> Target:
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"{url}: not a valid database URL ({exc})") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:") or parsed.query.get("mode") == "memory":
            return Target(parsed, "in-memory SQLite database", None)
        path = Path(database).expanduser().absolute()
        return Target(parsed.set(database=str(path)), str(path), path)
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return Target(parsed, parsed.render_as_string(hide_password=True), None)


# --------------------------------------------------------------------------- checks


def check_sqlite_file(path: Path) -> None:
    """Refuse unwritable places and files that are not SQLite; create the data directory."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{path}: cannot use data directory {folder}: it exists but is not a directory")
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create data directory {folder}: {exc.strerror or exc}") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"{path}: data directory {folder} is not writable")
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    if not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"{path}: database file is not writable (read-only or permission denied)")
    size = path.stat().st_size
    if size == 0:
        return  # an empty file is an empty SQLite database
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read database file: {exc.strerror or exc}") from exc
    if header != SQLITE_HEADER or size < 512:
        raise StoreError(f"{path}: file is not a SQLite database (corrupt or another kind of file); left untouched")


def inspect_sqlite_readonly(path: Path) -> None:
    """Classify an existing SQLite file without writing to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    uri = f"{path.as_uri()}?mode=ro"
    try:
        raw = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open database file: {exc}") from exc
    try:
        app_id = raw.execute("PRAGMA application_id").fetchone()[0]
        engine = sa.create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)
        with engine.connect() as conn:
            check_ownership(conn, path, app_id=app_id)
        engine.dispose()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: database file is corrupt or unreadable ({exc}); left untouched") from exc
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"{path}: database file is corrupt or unreadable ({exc.orig}); left untouched") from exc
    finally:
        raw.close()


def check_ownership(conn: Connection, label: Any, *, app_id: int | None = None) -> str | None:
    """Raise :class:`StoreError` for a foreign or newer database; return our current revision.

    ``None`` means the database is empty (no tables): safe to create our schema in it.
    """
    tables = set(sa.inspect(conn).get_table_names())
    if app_id not in (None, 0, SQLITE_APPLICATION_ID):
        raise StoreError(
            f"{label}: belongs to another application (SQLite application_id {app_id:#x}); "
            "not a grid-console database, left untouched"
        )
    if not tables:
        return None
    meta: dict[str, str] = {}
    if "store_meta" in tables:
        rows = conn.execute(sa.text("SELECT key, value FROM store_meta")).all()
        meta = {str(k): str(v) for k, v in rows}
    if meta.get("app") != APP_MARKER:
        listed = ", ".join(sorted(tables)[:6]) + (", …" if len(tables) > 6 else "")
        raise StoreError(
            f"{label}: is not a grid-console database (it has other tables: {listed}); "
            "refusing to migrate or overwrite it"
        )
    revision = None
    if VERSION_TABLE in tables:
        revision = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    version = int(meta.get("schema_version", "0") or 0)
    if (revision is not None and revision not in known_revisions()) or version > SCHEMA_VERSION:
        raise StoreError(
            f"{label}: database schema (revision {revision}, version {version}) is newer than this "
            f"console supports (revision {head_revision()}, version {SCHEMA_VERSION}); "
            "upgrade the console — the database was left untouched"
        )
    if revision is None:
        raise StoreError(f"{label}: grid-console database without a schema revision (damaged?); left untouched")
    return revision


# --------------------------------------------------------------------------- engine


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # transactions are begun explicitly (see _sqlite_begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    cur.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
    cur.close()


def _sqlite_connect_readonly(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only = ON")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front: a deferred transaction that reads first and writes
    # later fails at once with SQLITE_BUSY when another connection wrote in between.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """A write transaction (``BEGIN IMMEDIATE`` on SQLite); commits on success, rolls back on error."""
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            yield conn


def create_engine(target: Target, integrity: Integrity | None = None) -> Engine:
    """The engine for reading and writing; with ``integrity``, writes wait for its check and stop on damage."""
    if target.is_sqlite:
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if target.sqlite_path is None:
            kwargs["poolclass"] = StaticPool
        engine = sa.create_engine(target.url, **kwargs)
        sa.event.listen(engine, "connect", _sqlite_connect)
        if integrity is not None:
            _guard_writes(engine, integrity)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(target.url, pool_pre_ping=True)


def _guard_writes(engine: Engine, integrity: Integrity) -> None:
    def before_begin(conn: Connection) -> None:  # registered before _sqlite_begin: refuses before BEGIN IMMEDIATE
        if conn.get_execution_options().get(WRITE_OPTION):
            integrity.refuse_writes_if_damaged()

    def on_error(context: sa.engine.ExceptionContext) -> None:
        if is_corruption(context.original_exception):
            integrity.mark_damaged(str(context.original_exception))

    sa.event.listen(engine, "begin", before_begin)
    sa.event.listen(engine, "handle_error", on_error)


def check_sqlite_readable(path: Path) -> None:
    """A SQLite file that exists and can be read (writability is not needed to read it)."""
    if not path.exists():
        raise StoreError(f"{path}: no such database")
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read database file: {exc.strerror or exc}") from exc
    if not header:
        raise StoreError(f"{path}: an empty database, nothing to read")
    if header != SQLITE_HEADER:
        raise StoreError(f"{path}: file is not a SQLite database (corrupt or another kind of file)")


def create_readonly_engine(target: Target) -> Engine:
    """An engine that can only read: SQLite ``?mode=ro`` + ``query_only``; PostgreSQL read-only transactions."""
    if not target.is_sqlite:
        return sa.create_engine(target.url, pool_pre_ping=True, execution_options={"postgresql_readonly": True})
    path = target.sqlite_path
    if path is None:
        raise StoreError(f"{target.label}: an in-memory database cannot be opened read-only")
    check_sqlite_readable(path)
    uri = f"{path.as_uri()}?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = sa.create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    sa.event.listen(engine, "connect", _sqlite_connect_readonly)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def current_revision(engine: Engine, label: str) -> str:
    """Check ownership and the revision without writing; the schema must be this console's."""
    with engine.connect() as conn:
        revision = check_ownership(conn, label)
    if revision is None:
        raise StoreError(f"{label}: an empty database, nothing to read")
    if revision != head_revision():
        raise StoreError(f"{label}: database schema revision {revision} is older than this console's "
                         f"({head_revision()}); a read-only open does not migrate — upgrade it with "
                         "`python main.py db upgrade --db URL`")
    return revision


class SchemaBehind(StoreError):
    """A shared (PostgreSQL) room database at an older schema revision than this console's."""


def behind_message(label: str, current: str) -> str:
    return (f"{label}: the room database is at schema revision {current}, older than this console's "
            f"({head_revision()}, version {SCHEMA_VERSION}); every seat shares it, so it is not upgraded "
            "on opening: once every seat runs this release, upgrade it with "
            "`python main.py db upgrade --db URL`")


def migrate(engine: Engine, label: str, *, upgrade: bool | None = None) -> str:
    """Check ownership again under a lock and upgrade to head in one transaction.

    SQLite: an up-to-date file is recognised by a read first, so opening it writes nothing (and need
    not wait for the quick check, which gates every write).

    ``upgrade``: whether a database at an older revision is upgraded. Default: yes on SQLite (one
    seat's file), no on PostgreSQL — the room database is shared by every seat, and seats still on
    the older release would write rows the new schema does not expect (actions outside the hash
    chain), so an older room database is refused (:class:`SchemaBehind`, saying what to run) until
    ``python main.py db upgrade`` upgrades it. An empty database is always created.
    """
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            if check_ownership(conn, label) == head_revision():
                return head_revision()
    with write_tx(engine) as conn:
        if conn.dialect.name == "postgresql":
            # two seats opening an empty schema at once must not both create it
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext('grid-console:' || current_schema()))"))
        current = check_ownership(conn, label)
        head = head_revision()
        may_upgrade = upgrade if upgrade is not None else conn.dialect.name != "postgresql"
        if current is not None and current != head and not may_upgrade:
            raise SchemaBehind(behind_message(label, current))
        if current != head:
            from alembic import command

            command.upgrade(alembic_config(conn), "head")
        return head
