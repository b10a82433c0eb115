"""The room as one system (issue 14): a change log seats follow, and the room's own id.

``change_log`` gets one row per shared-state write (an event version, a claim, an action, the
escalation records), appended in the writing transaction; seats catch up with ``seq > last_seen``
(PostgreSQL also ``pg_notify``s the seq). ``store_meta['room_id']`` names the room: the intake's
console id at the hub, shared by every seat. An existing database keeps the console id its feed
position was kept under (the busiest one), so upgrading never re-reads the hub's log; a new one
gets a fresh id.

Revision ID: 0006_room_sync
Revises: 0005_feed_log_id
Create Date: 2026-12-09
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006_room_sync"
down_revision = "0005_feed_log_id"
branch_labels = None
depends_on = None

SerialId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
_FP = sa.table("feed_position", sa.column("console_id", sa.String), sa.column("last_seq", sa.BigInteger))


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("seq", SerialId, primary_key=True, autoincrement=True),
        sa.Column("entity", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        sa.Column("at", sa.BigInteger, nullable=False),
    )
    bind = op.get_bind()
    kept = bind.execute(sa.select(_FP.c.console_id).order_by(_FP.c.last_seq.desc()).limit(1)).scalar()
    room_id = kept or f"room-{uuid.uuid4().hex[:12]}"
    op.execute(_META.insert().values(key="room_id", value=room_id))
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="6"))


def downgrade() -> None:
    op.drop_table("change_log")
    op.execute(_META.delete().where(_META.c.key == "room_id"))
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="5"))
