"""The tamper-evident action log (issue 14): append-only in the database, and hash-chained.

Append-only: triggers refuse every ``UPDATE`` and ``DELETE`` of ``actions`` (and ``TRUNCATE`` on
PostgreSQL) in the database itself, whoever connects (:data:`SQLITE_TRIGGERS`, :data:`PG_TRIGGERS`,
created by migration ``0007_accounts_audit``).

Hash chain: every row stores ``prev_hash`` (the ``hash`` of the row appended before it; the genesis
value for the first) and ``hash`` = SHA-256 of the canonical JSON of its content (:data:`CHAINED`)
followed by ``prev_hash``. ``recorded_at`` is when the row was appended — the database server's clock
on PostgreSQL, read after the chain lock, so it never goes backwards along the chain; this machine's
clock on SQLite (one machine writes a SQLite file). :func:`chain_rows` fills the three columns of a
batch inside the append transaction: on PostgreSQL appends are serialised by a transaction-scoped
advisory lock (``pg_advisory_xact_lock``) taken before the last hash is read, so concurrent seats
extend one chain in a well-defined order (the ``id`` order); SQLite's ``BEGIN IMMEDIATE`` already
serialises writers. :func:`verify` walks the chain in ``id`` order and reports the first broken link:
a changed row (its hash no longer matches its content), a removed or inserted row (its ``prev_hash``
is not its predecessor's hash), a forged row without a valid hash, or a back-dated row (its
``recorded_at`` earlier than its predecessor's by more than :data:`CLOCK_SLACK_US`).

What a keyless chain cannot show: someone who can write to the database, disables the triggers and
recomputes every later hash can rewrite history undetected; anchoring the head hash elsewhere
(printed by ``audit verify``, kept in the shift report) is what catches that.

The room key (optional): a secret kept in a file outside the database (:func:`read_key_file`,
:func:`new_key_file`). When the room has one (``store_meta['audit_key_id']``, its fingerprint), every
process that appends must hold it (the store refuses to open for writing otherwise, see
``console.store.store.open_store``), and each row also stores ``mac`` = HMAC-SHA256(key, ``hash``).
Since ``hash`` chains everything before it, a row's MAC vouches for the whole prefix: an owner who
rewrites a row and recomputes every later hash cannot recompute the MACs. ``verify(key=…)`` checks
them: every MAC must match, no row after the first signed one may lack one, and a log with rows but no
signed row at all is reported (the signed rows were removed, or no action was appended since the key
was set). Deleting the newest rows still shows only against a head hash kept elsewhere.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.store import schema

GENESIS = "0" * 64
CHAINED = ("event_id", "at", "kind", "actor", "account", "seat", "from_state", "to_state", "note", "data",
           "recorded_at")
CHAIN_LOCK = "grid-console:actions-chain:"
# how far recorded_at may go back along the chain before a row counts as back-dated (clock steps)
CLOCK_SLACK_US = 60_000_000
REFUSED = "actions are append-only"
KEY_OPTION = "grid_audit_key"  # the engine's execution option carrying the room key (bytes)
KEY_META = "audit_key_id"  # store_meta: the fingerprint of the room key (absent: the room has none)
KEY_ENV = "GRID_AUDIT_KEY_FILE"  # the key file for every process that opens the room to write
KEY_BYTES = 32

SQLITE_TRIGGERS = (
    f"CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions BEGIN SELECT RAISE(ABORT, '{REFUSED}: "
    "UPDATE refused'); END",
    f"CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions BEGIN SELECT RAISE(ABORT, '{REFUSED}: "
    "DELETE refused'); END",
)
SQLITE_DROP_TRIGGERS = ("DROP TRIGGER IF EXISTS actions_no_update", "DROP TRIGGER IF EXISTS actions_no_delete")
PG_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{REFUSED}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$",
    "CREATE TRIGGER actions_append_only BEFORE UPDATE OR DELETE ON actions "
    "FOR EACH ROW EXECUTE FUNCTION actions_append_only()",
    "CREATE TRIGGER actions_no_truncate BEFORE TRUNCATE ON actions "
    "FOR EACH STATEMENT EXECUTE FUNCTION actions_append_only()",
)
PG_DROP_TRIGGERS = (
    "DROP TRIGGER IF EXISTS actions_no_truncate ON actions",
    "DROP TRIGGER IF EXISTS actions_append_only ON actions",
    "DROP FUNCTION IF EXISTS actions_append_only()",
)
_PG_LOCK_AND_NOW = sa.text(
    "SELECT pg_advisory_xact_lock(hashtext(:key || current_schema())), "
    "(extract(epoch from clock_timestamp()) * 1000000)::bigint"
)
A = schema.actions
_LAST_HASH = sa.select(A.c.hash).order_by(A.c.id.desc()).limit(1)
_SQLITE_LAST_HASH = "SELECT hash FROM actions ORDER BY id DESC LIMIT 1"


def row_hash(row: Mapping[str, Any] | sa.RowMapping, prev_hash: str) -> str:
    """SHA-256 (hex) of the canonical JSON of the row's chained columns, then ``prev_hash``."""
    content = json.dumps({k: row.get(k) for k in CHAINED}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((content + prev_hash).encode("ascii")).hexdigest()


class RoomKeyError(ValueError):
    """A room key file that cannot be used: the message names the file and the problem."""


def key_id(key: bytes) -> str:
    """The key's fingerprint (kept in the database; says which key, reveals nothing of it)."""
    return hmac.new(key, b"grid-console audit key id", hashlib.sha256).hexdigest()[:16]


def row_mac(key: bytes, row_hash_hex: str) -> str:
    return hmac.new(key, row_hash_hex.encode("ascii"), hashlib.sha256).hexdigest()


def read_key_file(path: str | os.PathLike[str]) -> bytes:
    """The room key from ``path`` (64 hex digits on the first line, as :func:`new_key_file` writes)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise RoomKeyError(f"room key file {p}: cannot read it ({exc})") from exc
    try:
        key = bytes.fromhex(text.splitlines()[0] if text else "")
    except ValueError:
        key = b""
    if len(key) < 16:
        raise RoomKeyError(f"room key file {p}: not a room key (expected {2 * KEY_BYTES} hex digits on the first line)")
    return key


def new_key_file(path: str | os.PathLike[str]) -> bytes:
    """Write a new random room key to ``path`` (created with mode 0600; never overwritten)."""
    p = Path(path)
    key = secrets.token_bytes(KEY_BYTES)
    try:
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise RoomKeyError(f"room key file {p} exists already; it is not overwritten") from None
    except OSError as exc:
        raise RoomKeyError(f"room key file {p}: cannot create it ({exc})") from exc
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex() + "\n")
    return key


def triggers_ddl(dialect: str) -> tuple[str, ...]:
    return PG_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS


def drop_triggers_ddl(dialect: str) -> tuple[str, ...]:
    return PG_DROP_TRIGGERS if dialect == "postgresql" else SQLITE_DROP_TRIGGERS


def chain_rows(conn: Connection, rows: Sequence[MutableMapping[str, Any]]) -> None:
    """Fill ``recorded_at``, ``prev_hash``, ``hash`` and ``mac`` (with the room key, else None) of ``rows`` (to be inserted in this order, in
    ``conn``'s write transaction, right after this call). PostgreSQL: takes the chain lock, held
    until the transaction ends."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        now = int(conn.execute(_PG_LOCK_AND_NOW, {"key": CHAIN_LOCK}).one()[1])
    else:
        now = time.time_ns() // 1000
    if conn.dialect.name == "sqlite":  # the driver straight: a third of the statement's cost
        prev = conn.exec_driver_sql(_SQLITE_LAST_HASH).scalar() or GENESIS
    else:
        prev = conn.execute(_LAST_HASH).scalar() or GENESIS
    key = conn.get_execution_options().get(KEY_OPTION)
    for row in rows:
        row["recorded_at"] = now
        row["prev_hash"] = prev
        row["hash"] = prev = row_hash(row, prev)
        row["mac"] = row_mac(key, prev) if key else None


def rechain_all(conn: Connection) -> int:
    """Compute the chain over every stored row in ``id`` order (migration 0007, before the triggers
    exist); returns how many rows. ``recorded_at`` stays NULL: appended before the chain existed."""
    cols = [A.c.id, *(A.c[k] for k in CHAINED)]
    prev = GENESIS
    n = 0
    update = sa.text("UPDATE actions SET prev_hash = :p, hash = :h WHERE id = :i")
    last_id = 0
    while True:
        page = conn.execute(sa.select(*cols).where(A.c.id > last_id).order_by(A.c.id).limit(5_000)).mappings().all()
        if not page:
            return n
        params = []
        for r in page:
            h = row_hash(r, prev)
            params.append({"p": prev, "h": h, "i": r["id"]})
            prev = h
        conn.execute(update, params)
        n += len(page)
        last_id = page[-1]["id"]


# --------------------------------------------------------------------------- verify


@dataclass(frozen=True, slots=True)
class Broken:
    """The first broken link: the row's id and what differs."""

    action_id: int
    what: str

    def __str__(self) -> str:
        return f"broken at action id {self.action_id}: {self.what}"


@dataclass(frozen=True, slots=True)
class Verdict:
    count: int  # rows checked (all of them when intact)
    head: str  # the hash of the last row checked (GENESIS for an empty log)
    broken: Broken | None = None
    signed: int = 0  # rows carrying a room-key MAC (checked when verified with the key)
    key_checked: bool = False  # verified with the room key

    @property
    def intact(self) -> bool:
        return self.broken is None


def _rows(engine: Engine, page: int = 5_000) -> Iterator[sa.RowMapping]:
    cols = [A.c.id, A.c.prev_hash, A.c.hash, A.c.mac, *(A.c[k] for k in CHAINED)]
    last_id: int | None = None
    with engine.connect() as conn:
        while True:
            stmt = sa.select(*cols).order_by(A.c.id).limit(page)
            if last_id is not None:
                stmt = stmt.where(A.c.id > last_id)
            rows = conn.execute(stmt).mappings().all()
            if not rows:
                return
            yield from rows
            last_id = rows[-1]["id"]


def stored_key_id(engine: Engine) -> str | None:
    """The fingerprint of the room key recorded in the database (None: the room has no key)."""
    meta = schema.store_meta
    with engine.connect() as conn:
        value = conn.execute(sa.select(meta.c.value).where(meta.c.key == KEY_META)).scalar()
    return str(value) if value else None


def verify(engine: Engine, key: bytes | None = None) -> Verdict:
    """Walk the chain in ``id`` order; the first broken link, or intact with the row count and head.
    With the room ``key``: every MAC must match, no row after the first signed one may lack one, and
    rows without any signed one are reported."""
    prev = GENESIS
    last_recorded: int | None = None
    n = signed = 0
    checked = key is not None

    def verdict(broken: Broken | None = None) -> Verdict:
        return Verdict(n, prev, broken, signed, checked)

    for r in _rows(engine):
        rid = int(r["id"])
        if r["hash"] is None or r["prev_hash"] is None:
            return verdict(Broken(rid, "no hash (a row not appended through the console: forged?)"))
        if r["prev_hash"] != prev:
            return verdict(Broken(
                rid, f"prev_hash {r['prev_hash'][:12]}… is not the previous row's hash {prev[:12]}… "
                     "(a row before it was removed, or this row was inserted out of order)"))
        expect = row_hash(r, prev)
        if r["hash"] != expect:
            return verdict(Broken(
                rid, f"hash {r['hash'][:12]}… does not match the row's content (expected {expect[:12]}…): "
                     "the row was changed after it was appended, or forged"))
        recorded = r["recorded_at"]
        if last_recorded is not None:
            if recorded is None:
                return verdict(Broken(rid, "recorded_at missing after chained rows (forged?)"))
            if recorded < last_recorded - CLOCK_SLACK_US:
                return verdict(Broken(
                    rid, f"back-dated: recorded_at {recorded} is {(last_recorded - recorded) / 1e6:.0f} s "
                         "before the previous row's"))
        mac = r["mac"]
        if key is not None:
            if mac is None and signed:
                return verdict(Broken(rid, "no room-key MAC after signed rows: the row was not appended by a "
                                           "seat holding the room key (forged, or the chain was recomputed)"))
            if mac is not None and not hmac.compare_digest(mac, row_mac(key, r["hash"])):
                return verdict(Broken(rid, "the room-key MAC does not match the row's hash: the chain was "
                                           "recomputed without the room key (rewritten history), or the key "
                                           "is not this room's"))
        if mac is not None:
            signed += 1
        if recorded is not None:
            last_recorded = recorded if last_recorded is None else max(last_recorded, recorded)
        prev = r["hash"]
        n += 1
    return verdict()
