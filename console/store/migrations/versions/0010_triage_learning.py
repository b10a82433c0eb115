"""Learning from the room: labelled triage examples and classifier versions (issue 17).

Revision ID: 0010_triage_learning
Revises: 0008_replay
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_triage_learning"
down_revision = "0008_replay"
branch_labels = None
depends_on = None

SerialId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.create_table(
        "triage_examples",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("at", sa.BigInteger, nullable=False),
        sa.Column("event_id", sa.String(64)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("matter", sa.String(64), nullable=False),
        sa.Column("department", sa.String(64), nullable=False),
        sa.Column("suggested_matter", sa.String(64)),
        sa.Column("suggested_department", sa.String(64)),
        sa.Column("seat", sa.String(64)),
        sa.Column("officer", sa.String(128)),
    )
    op.create_table(
        "triage_models",
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("n_examples", sa.Integer, nullable=False),
        sa.Column("heldout_top1", sa.Float, nullable=False),
        sa.Column("heldout_top3", sa.Float, nullable=False),
        sa.Column("abstention", sa.Float, nullable=False),
        sa.Column("threshold", sa.Float, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="10"))


def downgrade() -> None:
    op.drop_table("triage_models")
    op.drop_table("triage_examples")
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="8"))
