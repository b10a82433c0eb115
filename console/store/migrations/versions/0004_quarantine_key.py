"""Quarantine rows get a ``dedupe_key``: a record without a seq is kept once (issue 13, item 8).

A frame whose seq cannot be read is quarantined without one, so the feed position cannot make its
quarantine idempotent: after a crash the hub sends it again. The client keys such records (SHA-256
of the console, the record's place in the stream and its content); the unique index keeps one.

Revision ID: 0004_quarantine_key
Revises: 0003_event_version
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_quarantine_key"
down_revision = "0003_event_version"
branch_labels = None
depends_on = None

_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.add_column("quarantine", sa.Column("dedupe_key", sa.String(64)))
    op.create_index("uq_quarantine_dedupe_key", "quarantine", ["dedupe_key"], unique=True)
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="4"))


def downgrade() -> None:
    op.drop_index("uq_quarantine_dedupe_key", table_name="quarantine")
    with op.batch_alter_table("quarantine") as batch:
        batch.drop_column("dedupe_key")
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="3"))
