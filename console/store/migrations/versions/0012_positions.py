"""Grid workers' positions: packed fix chunks per worker and day, and each worker's last fix (issue 19).

Revision ID: 0012_positions
Revises: 0011_links
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_positions"
down_revision = "0011_links"
branch_labels = None
depends_on = None

SerialId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.create_table(
        "position_chunks",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("worker_id", sa.String(64), nullable=False),
        sa.Column("day", sa.Integer, nullable=False),
        sa.Column("t0", sa.BigInteger, nullable=False),
        sa.Column("t1", sa.BigInteger, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_position_chunks_worker_t0", "position_chunks", ["worker_id", "t0"])
    op.create_index("ix_position_chunks_t1", "position_chunks", ["t1"])
    op.create_index("ix_position_chunks_day", "position_chunks", ["day"])
    op.create_table(
        "worker_last",
        sa.Column("worker_id", sa.String(64), primary_key=True),
        sa.Column("t", sa.BigInteger, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("acc", sa.Float),
        sa.Column("vel", sa.Float),
        sa.Column("batt", sa.Integer),
        sa.Column("duty", sa.String(8)),
        sa.Column("received_at", sa.BigInteger, nullable=False),
    )
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="12"))


def downgrade() -> None:
    op.drop_table("worker_last")
    op.drop_index("ix_position_chunks_day", "position_chunks")
    op.drop_index("ix_position_chunks_t1", "position_chunks")
    op.drop_index("ix_position_chunks_worker_t0", "position_chunks")
    op.drop_table("position_chunks")
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="11"))
