"""Every database is a recording (issue 15): room-level log, replay snapshots, bookmarks.

- ``room_log``: broadcasts, acknowledgements, whistle check-ins and progress, the SLA table in force —
  what the room did that is not one event's action (before this they lived in the settings table);
- ``replay_snapshots``: the folded room every 15 minutes of shift time, versioned and checksummed;
- ``replay_bookmarks``: bookmarks and trainer notes on the timeline.

Nothing is imported from the settings table: the escalation records saved there stay where they
are (the live console still reads them at start-up); from now on every change is logged here too.

Revision ID: 0008_replay
Revises: 0007_accounts_audit
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_replay"
down_revision = "0007_accounts_audit"
branch_labels = None
depends_on = None

SerialId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.create_table(
        "room_log",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("at", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(128)),
        sa.Column("seat", sa.String(64)),
        sa.Column("ref", sa.String(64)),
        sa.Column("data", sa.Text),
    )
    op.create_index("ix_room_log_at", "room_log", ["at"])
    op.create_table(
        "replay_snapshots",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("at", sa.BigInteger, nullable=False),
        sa.Column("format", sa.Integer, nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("built_at", sa.BigInteger, nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_replay_snapshots_at", "replay_snapshots", ["at"])
    op.create_table(
        "replay_bookmarks",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("at", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("author", sa.String(128)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("event_id", sa.String(64)),
        sa.Column("created_at", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_replay_bookmarks_at", "replay_bookmarks", ["at"])
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="8"))


def downgrade() -> None:
    op.drop_table("replay_bookmarks")
    op.drop_table("replay_snapshots")
    op.drop_table("room_log")
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="7"))
