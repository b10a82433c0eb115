"""Rooms linked across levels (issue 18): the outbox, the inbox (de-duplication by message id), the
references between this room's records and another room's, and the action-log cursor of each link.

Revision ID: 0011_links
Revises: 0010_triage_learning
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_links"
down_revision = "0010_triage_learning"
branch_labels = None
depends_on = None

SerialId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.create_table(
        "link_outbox",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("msg_id", sa.String(160), nullable=False),
        sa.Column("peer", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.Column("sent_at", sa.BigInteger),
        sa.Column("stream_seq", sa.BigInteger),
        sa.UniqueConstraint("msg_id", name="uq_link_outbox_msg_id"),
    )
    op.create_index("ix_link_outbox_sent_at", "link_outbox", ["sent_at"])
    op.create_table(
        "link_inbox",
        sa.Column("msg_id", sa.String(160), primary_key=True),
        sa.Column("peer", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("applied_at", sa.BigInteger, nullable=False),
        sa.Column("stream_seq", sa.BigInteger),
    )
    op.create_table(
        "link_refs",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("local_id", sa.String(128), primary_key=True),
        sa.Column("peer", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("remote_id", sa.String(128), nullable=False),
        sa.Column("linked_at", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_link_refs_peer_remote", "link_refs", ["peer", "kind", "remote_id"])
    op.create_table(
        "link_cursor",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("last_action_id", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.BigInteger, nullable=False),
    )
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="11"))


def downgrade() -> None:
    op.drop_table("link_cursor")
    op.drop_index("ix_link_refs_peer_remote", table_name="link_refs")
    op.drop_table("link_refs")
    op.drop_table("link_inbox")
    op.drop_index("ix_link_outbox_sent_at", table_name="link_outbox")
    op.drop_table("link_outbox")
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="10"))
