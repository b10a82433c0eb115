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
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
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


def triggers_ddl(dialect: str) -> tuple[str, ...]:
    return PG_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS


def drop_triggers_ddl(dialect: str) -> tuple[str, ...]:
    return PG_DROP_TRIGGERS if dialect == "postgresql" else SQLITE_DROP_TRIGGERS


def chain_rows(conn: Connection, rows: Sequence[MutableMapping[str, Any]]) -> None:
    """Fill ``recorded_at``, ``prev_hash`` and ``hash`` of ``rows`` (to be inserted in this order, in
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
    for row in rows:
        row["recorded_at"] = now
        row["prev_hash"] = prev
        row["hash"] = prev = row_hash(row, prev)


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

    @property
    def intact(self) -> bool:
        return self.broken is None


def _rows(engine: Engine, page: int = 5_000) -> Iterator[sa.RowMapping]:
    cols = [A.c.id, A.c.prev_hash, A.c.hash, *(A.c[k] for k in CHAINED)]
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


def verify(engine: Engine) -> Verdict:
    """Walk the chain in ``id`` order; the first broken link, or intact with the row count and head."""
    prev = GENESIS
    last_recorded: int | None = None
    n = 0
    for r in _rows(engine):
        rid = int(r["id"])
        if r["hash"] is None or r["prev_hash"] is None:
            return Verdict(n, prev, Broken(rid, "no hash (a row not appended through the console: forged?)"))
        if r["prev_hash"] != prev:
            return Verdict(n, prev, Broken(
                rid, f"prev_hash {r['prev_hash'][:12]}… is not the previous row's hash {prev[:12]}… "
                     "(a row before it was removed, or this row was inserted out of order)"))
        expect = row_hash(r, prev)
        if r["hash"] != expect:
            return Verdict(n, prev, Broken(
                rid, f"hash {r['hash'][:12]}… does not match the row's content (expected {expect[:12]}…): "
                     "the row was changed after it was appended, or forged"))
        recorded = r["recorded_at"]
        if last_recorded is not None:
            if recorded is None:
                return Verdict(n, prev, Broken(rid, "recorded_at missing after chained rows (forged?)"))
            if recorded < last_recorded - CLOCK_SLACK_US:
                return Verdict(n, prev, Broken(
                    rid, f"back-dated: recorded_at {recorded} is {(last_recorded - recorded) / 1e6:.0f} s "
                         "before the previous row's"))
        if recorded is not None:
            last_recorded = recorded if last_recorded is None else max(last_recorded, recorded)
        prev = r["hash"]
        n += 1
    return Verdict(n, prev)
