"""The hub's durable, sequenced record log (SQLite, WAL).

Every record the hub publishes is appended here first and gets the next ``seq``; subscribers are
served from this log (replay and live alike), so a restarted hub replays exactly what it had.
A record is ``(seq, kind, payload)`` where ``kind`` is ``event``/``status`` (payload = the JSON
object text) or ``raw`` (payload = a whole frame sent as is — used to demo the quarantine).
The log also keeps each console's last ack and small key/value state (the simulator's cursor).

Each log has an id (meta ``log_id``, random, made with the log): sent in ``subscribed``, it lets a
console tell a new log whose seqs start again from the one its position counts in. Writes wait up to
``BUSY_TIMEOUT_S`` for another writer of the file; reads use their own connection (WAL: readers never
wait for a writer), so a write stuck on a lock does not hold up the subscribers.
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from console.net.protocol import MAX_FRAME_BYTES

KINDS = ("event", "status", "raw")
LOG_ID_META = "log_id"
BUSY_TIMEOUT_S = 5.0  # how long a write waits for another writer of the file before it fails

_SCHEMA = """
CREATE TABLE IF NOT EXISTS log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    key TEXT,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS log_key ON log(key);
CREATE TABLE IF NOT EXISTS acks (console_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class HubLogError(RuntimeError):
    """The log file cannot be opened or is not a hub log."""


@dataclass(frozen=True, slots=True)
class LogRecord:
    seq: int
    kind: str
    payload: str


def _checked(records: Iterable[tuple[str, str, str | None]]) -> list[tuple[str, str, str | None]]:
    rows = list(records)
    for kind, payload, _key in rows:
        if kind not in KINDS:
            raise ValueError(f"unknown record kind {kind!r}")
        if len(payload) > MAX_FRAME_BYTES // 2:
            raise ValueError(f"record too large ({len(payload)} chars, max {MAX_FRAME_BYTES // 2})")
    return rows


class HubLog:
    """Append-only log; thread-safe (one connection guarded by a lock)."""

    def __init__(self, path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = str(path)
        self.busy_timeout = busy_timeout
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._connect()
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._head = int(self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM log").fetchone()[0])
            self.log_id = self._ensure_log_id()
            # reads on their own connection (an in-memory log has only one)
            self._rdb = self._db if self.path == ":memory:" else self._connect()
        except sqlite3.DatabaseError as exc:
            raise HubLogError(f"cannot use {self.path} as a hub log: {exc}") from exc
        self._lock = threading.Lock()  # the write connection
        self._rlock = threading.Lock() if self._rdb is not self._db else self._lock

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=self.busy_timeout)
        db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        return db

    def _ensure_log_id(self) -> str:
        """This log's id, made (random) the first time the file is opened as a hub log."""
        self._db.execute("INSERT OR IGNORE INTO meta(name, value) VALUES (?, ?)", (LOG_ID_META, secrets.token_hex(16)))
        return str(self._db.execute("SELECT value FROM meta WHERE name = ?", (LOG_ID_META,)).fetchone()[0])

    @property
    def head(self) -> int:
        """The highest seq assigned so far (0 for an empty log)."""
        return self._head

    def append(self, kind: str, payload: str, key: str | None = None) -> int:
        return self.append_many([(kind, payload, key)])[-1]

    def append_many(self, records: Iterable[tuple[str, str, str | None]]) -> list[int]:
        """Append records in one transaction; returns their seqs (consecutive)."""
        rows = _checked(records)
        if not rows:
            return []
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                cur.executemany("INSERT INTO log(kind, payload, key) VALUES (?, ?, ?)", rows)
                head = int(cur.execute("SELECT MAX(seq) FROM log").fetchone()[0])
                cur.execute("COMMIT")
            except BaseException:
                _rollback(cur)
                raise
            self._head = head
        return list(range(head - len(rows) + 1, head + 1))

    def read(self, after_seq: int, limit: int = 1000) -> list[LogRecord]:
        """Records with seq > after_seq in order, at most ``limit``."""
        with self._rlock:
            rows = self._rdb.execute(
                "SELECT seq, kind, payload FROM log WHERE seq > ? ORDER BY seq LIMIT ?", (after_seq, limit)
            ).fetchall()
        return [LogRecord(*r) for r in rows]

    def has_key(self, key: str) -> bool:
        with self._rlock:
            return self._rdb.execute("SELECT 1 FROM log WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def keys(self, kind: str) -> set[str]:
        with self._rlock:
            rows = self._rdb.execute("SELECT key FROM log WHERE kind = ? AND key IS NOT NULL", (kind,))
            return {r[0] for r in rows}

    def count(self, kind: str | None = None) -> int:
        with self._rlock:
            if kind is None:
                return int(self._rdb.execute("SELECT COUNT(*) FROM log").fetchone()[0])
            return int(self._rdb.execute("SELECT COUNT(*) FROM log WHERE kind = ?", (kind,)).fetchone()[0])

    # ---- acks and state ----------------------------------------------------------------------------
    def record_ack(self, console_id: str, seq: int, at: str) -> None:
        self.record_acks({console_id: seq}, at)

    def record_acks(self, acks: dict[str, int], at: str) -> None:
        """Keep each console's highest ack (one transaction)."""
        if not acks:
            return
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                cur.executemany(
                    "INSERT INTO acks(console_id, seq, at) VALUES (?, ?, ?) ON CONFLICT(console_id) "
                    "DO UPDATE SET seq = MAX(seq, excluded.seq), at = excluded.at",
                    [(c, s, at) for c, s in acks.items()],
                )
                cur.execute("COMMIT")
            except BaseException:
                _rollback(cur)
                raise

    def acks(self) -> dict[str, int]:
        with self._rlock:
            return {c: int(s) for c, s in self._rdb.execute("SELECT console_id, seq FROM acks")}

    def get_meta(self, name: str) -> str | None:
        with self._rlock:
            row = self._rdb.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def append_with_meta(self, records: Sequence[tuple[str, str, str | None]], name: str, value: str) -> list[int]:
        """Append records and set one meta value in the same transaction (cursor stays exact)."""
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                rows = _checked(records)
                if rows:
                    cur.executemany("INSERT INTO log(kind, payload, key) VALUES (?, ?, ?)", rows)
                cur.execute(
                    "INSERT INTO meta(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    (name, value),
                )
                head = int(cur.execute("SELECT COALESCE(MAX(seq), 0) FROM log").fetchone()[0])
                cur.execute("COMMIT")
            except BaseException:
                _rollback(cur)
                raise
            self._head = head
        return list(range(head - len(rows) + 1, head + 1))

    def close(self) -> None:
        with self._lock:
            if self._rdb is not self._db:
                with self._rlock:
                    self._rdb.close()
            self._db.close()


def _rollback(cur: sqlite3.Cursor) -> None:
    """Roll back after a failed write; a failed rollback (the I/O error again) must not hide the first."""
    with contextlib.suppress(sqlite3.Error):
        cur.execute("ROLLBACK")
