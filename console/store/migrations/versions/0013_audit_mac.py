"""The room key of the action log (issue 14): each action may carry an HMAC of its chain hash.

``actions.mac`` = HMAC-SHA256(room key, ``hash``) when the room signs its log with a key kept outside
the database (``console.store.audit``); rows appended before the key was set keep it empty. Adding
a column is no UPDATE: the append-only triggers stay as they are.

Revision ID: 0013_audit_mac
Revises: 0012_positions
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_audit_mac"
down_revision = "0012_positions"
branch_labels = None
depends_on = None

_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.add_column("actions", sa.Column("mac", sa.String(64)))
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="13"))


def downgrade() -> None:
    op.drop_column("actions", "mac")
    op.execute(_META.delete().where(_META.c.key == "audit_key_id"))
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="12"))
