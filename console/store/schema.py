"""SQLAlchemy Core tables of the console database.

Conventions:
- every time is an integer count of microseconds since the Unix epoch, UTC (``*_us`` semantics,
  column names without suffix): exact round trip, correct sorting, identical on SQLite and PostgreSQL;
- JSON payloads are stored as UTF-8 JSON text (``NULL`` for an empty list/dict);
- the migrations (``0001_initial`` and later) create exactly these tables (a test compares them).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

APP_MARKER = "grid-console"  # value of store_meta['app']
SQLITE_APPLICATION_ID = 0x47524944  # PRAGMA application_id, "GRID"
SCHEMA_VERSION = 13  # store_meta['schema_version'] written by the latest migration

# Integer primary keys that autoincrement on SQLite (rowid alias) and PostgreSQL (identity/serial).
SerialId = BigInteger().with_variant(Integer(), "sqlite")
Micros = BigInteger  # µs since epoch, UTC

metadata = MetaData()

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    # explicit integer key: the FTS index refers to it, and VACUUM keeps it (unlike an implicit rowid)
    Column("rid", SerialId, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False),
    Column("source", String(32), nullable=False),
    Column("category", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("reported_at", Micros, nullable=False),
    Column("description", Text),
    Column("level", String(16), nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("address", Text),
    Column("grid_id", String(64)),
    Column("reporter_name", Text),
    Column("reporter_phone", String(64)),
    Column("camera_id", String(64)),
    Column("attachments", Text),
    Column("extra", Text),
    Column("state", String(16), nullable=False),
    Column("received_at", Micros),
    Column("seq", BigInteger),
    Column("updated_at", Micros),
    Column("assignees", Text),
    Column("dispatched_at", Micros),
    Column("deadline_at", Micros),
    Column("resolved_at", Micros),
    Column("closed_at", Micros),
    Column("duplicate_of", String(64)),
    Column("duplicate_count", Integer, nullable=False, server_default="0"),
    Column("claimed_by", String(64)),
    Column("claim_until", Micros),
    Column("supervised", Boolean, nullable=False, server_default="0"),
    Column("onsite", Boolean, nullable=False, server_default="0"),
    Column("grid_flag", String(64)),
    Column("version", Integer, nullable=False, server_default="0"),
    UniqueConstraint("id", name="uq_events_id"),
    Index("ix_events_state", "state"),
    Index("ix_events_grid_reported", "grid_id", "reported_at"),
    Index("ix_events_reported_at", "reported_at"),
)

actions = Table(
    "actions",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("at", Micros, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("seat", String(64)),
    Column("from_state", String(16)),
    Column("to_state", String(16)),
    Column("note", Text),
    Column("data", Text),
    # tamper evidence (console.store.audit): who signed in, when the row was appended (the database's
    # clock on PostgreSQL), and the hash chain — hash = SHA-256 of the row's content and prev_hash
    Column("account", String(64)),
    Column("recorded_at", Micros),
    Column("prev_hash", String(64)),
    Column("hash", String(64)),
    Column("mac", String(64)),  # HMAC-SHA256(room key, hash) when the room keys its log (0013_audit_mac)
    Index("ix_actions_event_id", "event_id"),
    Index("ix_actions_at", "at"),
)

# Who may sign in (issue 14): roles officer | supervisor | trainer | wall (console.domain.roles);
# password_hash is an argon2id hash (argon2-cffi); after repeated failures locked_until is set.
accounts = Table(
    "accounts",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("login", String(64), nullable=False),
    Column("display_name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("failed_attempts", Integer, nullable=False, server_default="0"),
    Column("locked_until", Micros),
    Column("created_at", Micros, nullable=False),
    UniqueConstraint("login", name="uq_accounts_login"),
)

duplicate_reports = Table(
    "duplicate_reports",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),  # the kept event
    Column("report_id", String(64), nullable=False),  # id the report arrived with
    Column("kind", String(16), nullable=False),  # "resent" | "merged" | "update" (a source update)
    Column("seq", BigInteger),
    Column("received_at", Micros, nullable=False),
    Column("payload", Text, nullable=False),  # the report as received (event JSON)
    Index("ix_duplicate_reports_event_id", "event_id"),
)

grids = Table(
    "grids",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("pos", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("parent_id", String(64)),
    Column("kind", String(16), nullable=False),
    Column("polygon", Text),
    Column("props", Text),
)

members = Table(
    "members",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("pos", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("grid_id", String(64), nullable=False),
    Column("role", String(32), nullable=False),
    Column("phone", String(64)),
    Column("on_duty", Boolean, nullable=False),
    Index("ix_members_grid_id", "grid_id"),
)

departments = Table(
    "departments",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("pos", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("phone", String(64)),
    Column("active", Boolean, nullable=False),
)

cameras = Table(
    "cameras",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("pos", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("grid_id", String(64)),
    Column("heading_deg", Float),
    Column("fov_deg", Float, nullable=False),
    Column("main_url", Text),
    Column("sub_url", Text),
    Column("tags", Text),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("seq", BigInteger),
    Column("received_at", Micros, nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw", Text, nullable=False),
    # a record without a seq is kept once: SHA-256 of its console, place in the stream and content
    Column("dedupe_key", String(64)),
    Index("uq_quarantine_dedupe_key", "dedupe_key", unique=True),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("value", Text, nullable=False),
)

feed_position = Table(
    "feed_position",
    metadata,
    Column("console_id", String(64), primary_key=True),
    Column("last_seq", BigInteger, nullable=False),
    Column("updated_at", Micros, nullable=False),
    Column("log_id", String(64)),  # the hub log last_seq counts in (subscribed.log_id); NULL: not known
)

# What happened to the feed itself (not to one record): e.g. a hub log reset and the resync (kind
# "log_reset"). Append-only; shown in the feed-status view.
feed_health = Table(
    "feed_health",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("console_id", String(64), nullable=False),
    Column("at", Micros, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("seq", BigInteger),  # the console's position when it happened
    Column("detail", Text, nullable=False),
    Column("data", Text),  # JSON
)

# Learning from the room (issue 17): each dispatch where the officer chose another department than
# the suggestion is a labelled example; every retrained classifier is a version (its file lives in
# the data dir, keyed by ``fingerprint``; it can be rebuilt from the examples up to ``n_examples``).
triage_examples = Table(
    "triage_examples",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("at", Micros, nullable=False),
    Column("event_id", String(64)),
    Column("text", Text, nullable=False),
    Column("matter", String(64), nullable=False),  # the label: the matter the officer's choice implies
    Column("department", String(64), nullable=False),
    Column("suggested_matter", String(64)),
    Column("suggested_department", String(64)),
    Column("seat", String(64)),
    Column("officer", String(128)),
)

triage_models = Table(
    "triage_models",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("created_at", Micros, nullable=False),
    Column("status", String(16), nullable=False),  # active | retired | rejected
    Column("fingerprint", String(32), nullable=False),
    Column("n_examples", Integer, nullable=False),  # room examples (by id order) it was trained with
    Column("heldout_top1", Float, nullable=False),
    Column("heldout_top3", Float, nullable=False),
    Column("abstention", Float, nullable=False),
    Column("threshold", Float, nullable=False),
    Column("note", Text),
)

claims = Table(
    "claims",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("seat", String(64), nullable=False),
    Column("officer", String(128)),
    Column("until", Micros, nullable=False),
)

# ---- rooms linked across levels (issue 18, console.store.links) ------------------------------------
# Messages to other rooms, written in the transaction that decided them and drained to NATS
# JetStream in id order (Nats-Msg-Id = msg_id); sent_at/stream_seq set once the stream stored them.
link_outbox = Table(
    "link_outbox",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("msg_id", String(160), nullable=False),
    Column("peer", String(64), nullable=False),  # the room it goes to
    Column("subject", String(255), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("body", Text, nullable=False),  # the envelope, JSON
    Column("created_at", Micros, nullable=False),
    Column("sent_at", Micros),
    Column("stream_seq", BigInteger),
    UniqueConstraint("msg_id", name="uq_link_outbox_msg_id"),
    Index("ix_link_outbox_sent_at", "sent_at"),
)

# Messages from other rooms already applied (de-duplication by message id, in the applying transaction).
link_inbox = Table(
    "link_inbox",
    metadata,
    Column("msg_id", String(160), primary_key=True),
    Column("peer", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("applied_at", Micros, nullable=False),
    Column("stream_seq", BigInteger),
)

# What a record of this room is in another room: an event escalated up (role "up") or reported by a
# street (role "down"), a broadcast received, a whistle relayed.
link_refs = Table(
    "link_refs",
    metadata,
    Column("kind", String(16), primary_key=True),  # event | broadcast | whistle
    Column("local_id", String(128), primary_key=True),
    Column("peer", String(64), primary_key=True),
    Column("role", String(8), nullable=False),  # up: the peer is above us; down: below
    Column("remote_id", String(128), nullable=False),
    Column("linked_at", Micros, nullable=False),
    Index("ix_link_refs_peer_remote", "peer", "kind", "remote_id"),
)

# How far the action log has been looked at for actions to forward (per link).
link_cursor = Table(
    "link_cursor",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("last_action_id", BigInteger, nullable=False),
    Column("updated_at", Micros, nullable=False),
)


# Grid workers' positions (issue 19, migration 0012_positions): fixes packed per worker and UTC day
# in chunks (console.domain.positions.FIX_DTYPE, zlib; one chunk per worker per intake batch, merged
# into one per worker and day once the day is over), and each worker's last fix (retained).
position_chunks = Table(
    "position_chunks",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("worker_id", String(64), nullable=False),
    Column("day", Integer, nullable=False),  # UTC date as YYYYMMDD
    Column("t0", Micros, nullable=False),  # first and last fix of the chunk
    Column("t1", Micros, nullable=False),
    Column("n", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Index("ix_position_chunks_worker_t0", "worker_id", "t0"),
    Index("ix_position_chunks_t1", "t1"),
    Index("ix_position_chunks_day", "day"),
)

worker_last = Table(
    "worker_last",
    metadata,
    Column("worker_id", String(64), primary_key=True),
    Column("t", Micros, nullable=False),
    Column("lon", Float, nullable=False),
    Column("lat", Float, nullable=False),
    Column("acc", Float),
    Column("vel", Float),
    Column("batt", Integer),
    Column("duty", String(8)),
    Column("received_at", Micros, nullable=False),
)


# Room-level records that belong to no one event (issue 15, "every database is a recording"):
# broadcasts (一键下达) and their acknowledgements, whistle check-ins and progress, and the SLA table in
# force (kind "sla_table", at start-up and on every change). Append-only; replay folds them by ``at``.
room_log = Table(
    "room_log",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("at", Micros, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("actor", String(128)),
    Column("seat", String(64)),
    Column("ref", String(64)),  # the broadcast / whistle / event id the record is about
    Column("data", Text),  # JSON
    Index("ix_room_log_at", "at"),
)

# Replay snapshots kept beside the recording (issue 15): the folded room every 15 minutes of shift
# time, built on first open. ``format`` versions the payload; ``checksum`` (SHA-256 of the payload)
# and ``fingerprint`` (what the recording held when built) make a damaged or stale one rebuilt.
replay_snapshots = Table(
    "replay_snapshots",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("at", Micros, nullable=False),
    Column("format", Integer, nullable=False),
    Column("fingerprint", String(128), nullable=False),
    Column("checksum", String(64), nullable=False),
    Column("built_at", Micros, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Index("ix_replay_snapshots_at", "at"),
)

# Bookmarks and trainer notes on a recording's timeline.
replay_bookmarks = Table(
    "replay_bookmarks",
    metadata,
    Column("id", SerialId, primary_key=True, autoincrement=True),
    Column("at", Micros, nullable=False),  # the instant of the recording it marks
    Column("kind", String(16), nullable=False),  # "bookmark" | "note"
    Column("author", String(128)),
    Column("text", Text, nullable=False),
    Column("event_id", String(64)),
    Column("created_at", Micros, nullable=False),
    Index("ix_replay_bookmarks_at", "at"),
)


# What seats must see, one row per shared-state write, appended in the writing transaction (issue 14):
# entity "event" (a new version of an event), "claim" (taken, renewed or released), "action" (a log
# entry that changed no event), "escalation" (the broadcast/whistle records). Seats catch up with
# ``seq > last_seen`` (console.services.room_sync); PostgreSQL also notifies the seq.
change_log = Table(
    "change_log",
    metadata,
    Column("seq", SerialId, primary_key=True, autoincrement=True),
    Column("entity", String(16), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("version", Integer, nullable=False, server_default="0"),
    Column("at", Micros, nullable=False),
)

# SQLite full-text index: external content over events, trigram tokenizer (Chinese substrings).
# Indexing is incremental, not per insert: trigram indexing costs ~150 µs an event, ten times the
# insert itself, so ``fts_state.indexed_rid`` marks how far events are indexed and searches cover
# the rows above it with LIKE. ``EventRepository.index_pending`` moves the mark.
FTS_TABLE = "events_fts"
FTS_STATE_TABLE = "fts_state"
SQLITE_ONLY_TABLES = (FTS_TABLE, FTS_STATE_TABLE)
_INDEXED = f"(SELECT indexed_rid FROM {FTS_STATE_TABLE} WHERE id = 1)"
SQLITE_FTS_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, description, address, "
    "content='events', content_rowid='rid', tokenize='trigram')",
    f"CREATE TABLE {FTS_STATE_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_rid INTEGER NOT NULL)",
    f"INSERT INTO {FTS_STATE_TABLE} (id, indexed_rid) VALUES (1, 0)",
    f"CREATE TRIGGER events_fts_ad AFTER DELETE ON events WHEN old.rid <= {_INDEXED} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, description, address) "
    "VALUES ('delete', old.rid, old.title, old.description, old.address); END",
    f"CREATE TRIGGER events_fts_au AFTER UPDATE OF title, description, address ON events "
    f"WHEN old.rid <= {_INDEXED} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, description, address) "
    "VALUES ('delete', old.rid, old.title, old.description, old.address); "
    f"INSERT INTO {FTS_TABLE}(rowid, title, description, address) "
    "VALUES (new.rid, new.title, new.description, new.address); END",
)

# PostgreSQL: the searched text, indexed with pg_trgm when the extension is available.
PG_SEARCH_EXPR = "(coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(address, ''))"
PG_TRGM_INDEX = "ix_events_search_trgm"
