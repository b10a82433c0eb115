"""The feed position keeps the hub's log id; feed-health records (issue 13, item 2).

A hub whose log was reset starts its seqs again: a console that only kept ``last_seq`` asked the new
log for what comes after its old position and silently got nothing. ``feed_position.log_id`` keeps
the id of the log the position counts in (sent by the hub in ``subscribed``), so a change is seen;
``feed_health`` records such feed-level happenings (the reset and the resync) for the officer.

Revision ID: 0005_feed_log_id
Revises: 0004_quarantine_key
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_feed_log_id"
down_revision = "0004_quarantine_key"
branch_labels = None
depends_on = None

SerialId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    with op.batch_alter_table("feed_position") as batch:
        batch.add_column(sa.Column("log_id", sa.String(64)))
    op.create_table(
        "feed_health",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("console_id", sa.String(64), nullable=False),
        sa.Column("at", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("data", sa.Text),
    )
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="5"))


def downgrade() -> None:
    op.drop_table("feed_health")
    with op.batch_alter_table("feed_position") as batch:
        batch.drop_column("log_id")
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="4"))
