"""Initial schema: events, action log, duplicates, district, quarantine, settings, feed position, claims.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

SerialId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# Incremental trigram index: fts_state.indexed_rid marks how far events are indexed (see
# console.store.schema); only indexed rows are maintained by the triggers.
_INDEXED = "(SELECT indexed_rid FROM fts_state WHERE id = 1)"
FTS_DDL = (
    "CREATE VIRTUAL TABLE events_fts USING fts5(title, description, address, "
    "content='events', content_rowid='rid', tokenize='trigram')",
    "CREATE TABLE fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_rid INTEGER NOT NULL)",
    "INSERT INTO fts_state (id, indexed_rid) VALUES (1, 0)",
    f"CREATE TRIGGER events_fts_ad AFTER DELETE ON events WHEN old.rid <= {_INDEXED} BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, title, description, address) "
    "VALUES ('delete', old.rid, old.title, old.description, old.address); END",
    "CREATE TRIGGER events_fts_au AFTER UPDATE OF title, description, address ON events "
    f"WHEN old.rid <= {_INDEXED} BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, title, description, address) "
    "VALUES ('delete', old.rid, old.title, old.description, old.address); "
    "INSERT INTO events_fts(rowid, title, description, address) "
    "VALUES (new.rid, new.title, new.description, new.address); END",
)
PG_SEARCH_EXPR = "(coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(address, ''))"


def upgrade() -> None:
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("rid", SerialId, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("reported_at", sa.BigInteger, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("address", sa.Text),
        sa.Column("grid_id", sa.String(64)),
        sa.Column("reporter_name", sa.Text),
        sa.Column("reporter_phone", sa.String(64)),
        sa.Column("camera_id", sa.String(64)),
        sa.Column("attachments", sa.Text),
        sa.Column("extra", sa.Text),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("received_at", sa.BigInteger),
        sa.Column("seq", sa.BigInteger),
        sa.Column("updated_at", sa.BigInteger),
        sa.Column("assignees", sa.Text),
        sa.Column("dispatched_at", sa.BigInteger),
        sa.Column("deadline_at", sa.BigInteger),
        sa.Column("resolved_at", sa.BigInteger),
        sa.Column("closed_at", sa.BigInteger),
        sa.Column("duplicate_of", sa.String(64)),
        sa.Column("duplicate_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claim_until", sa.BigInteger),
        sa.Column("supervised", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("onsite", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("grid_flag", sa.String(64)),
        sa.UniqueConstraint("id", name="uq_events_id"),
    )
    op.create_index("ix_events_state", "events", ["state"])
    op.create_index("ix_events_grid_reported", "events", ["grid_id", "reported_at"])
    op.create_index("ix_events_reported_at", "events", ["reported_at"])
    op.create_index("ix_events_category", "events", ["category"])
    op.create_index("ix_events_source", "events", ["source"])

    op.create_table(
        "actions",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("at", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("seat", sa.String(64)),
        sa.Column("from_state", sa.String(16)),
        sa.Column("to_state", sa.String(16)),
        sa.Column("note", sa.Text),
        sa.Column("data", sa.Text),
    )
    op.create_index("ix_actions_event_id", "actions", ["event_id"])
    op.create_index("ix_actions_at", "actions", ["at"])

    op.create_table(
        "duplicate_reports",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("report_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("seq", sa.BigInteger),
        sa.Column("received_at", sa.BigInteger, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_duplicate_reports_event_id", "duplicate_reports", ["event_id"])

    op.create_table(
        "grids",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("parent_id", sa.String(64)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("polygon", sa.Text),
        sa.Column("props", sa.Text),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("grid_id", sa.String(64), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("phone", sa.String(64)),
        sa.Column("on_duty", sa.Boolean, nullable=False),
    )
    op.create_index("ix_members_grid_id", "members", ["grid_id"])
    op.create_table(
        "departments",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("phone", sa.String(64)),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_table(
        "cameras",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("grid_id", sa.String(64)),
        sa.Column("heading_deg", sa.Float),
        sa.Column("fov_deg", sa.Float, nullable=False),
        sa.Column("main_url", sa.Text),
        sa.Column("sub_url", sa.Text),
        sa.Column("tags", sa.Text),
    )
    op.create_table(
        "quarantine",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("seq", sa.BigInteger),
        sa.Column("received_at", sa.BigInteger, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "feed_position",
        sa.Column("console_id", sa.String(64), primary_key=True),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("seat", sa.String(64), nullable=False),
        sa.Column("officer", sa.String(128)),
        sa.Column("until", sa.BigInteger, nullable=False),
    )

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for ddl in FTS_DDL:
            op.execute(ddl)
        op.execute("PRAGMA application_id = 1196575044")  # 0x47524944 "GRID"
    elif bind.dialect.name == "postgresql":
        _pg_trigram_index(bind)

    meta = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.bulk_insert(meta, [{"key": "app", "value": "grid-console"}, {"key": "schema_version", "value": "1"}])


def _pg_trigram_index(bind: sa.engine.Connection) -> None:
    """GIN trigram index for history search when pg_trgm is (or can be made) available."""
    find = sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    )
    schema = bind.execute(find).scalar()
    if schema is None:
        nested = bind.begin_nested()
        try:
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
            nested.commit()
        except sa.exc.DBAPIError:
            nested.rollback()
        schema = bind.execute(find).scalar()
    if schema is None:
        return  # plain ILIKE
    quoted = bind.dialect.identifier_preparer.quote_identifier(schema)
    op.execute(f"CREATE INDEX ix_events_search_trgm ON events USING gin ({PG_SEARCH_EXPR} {quoted}.gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("events_fts_au", "events_fts_ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS events_fts")
        op.execute("DROP TABLE IF EXISTS fts_state")
        op.execute("PRAGMA application_id = 0")
    for name in (
        "claims",
        "feed_position",
        "settings",
        "quarantine",
        "cameras",
        "departments",
        "members",
        "grids",
        "duplicate_reports",
        "actions",
        "events",
        "store_meta",
    ):
        op.drop_table(name)
