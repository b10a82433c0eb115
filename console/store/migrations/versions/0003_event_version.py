"""Events get a ``version``: every write of a stored event bumps it (compare-and-set, issue 11).

Officer decisions and the feed's field statuses write the same rows from different connections
(seats, the intake writer); each write checks the version it read and bumps it, so neither can
overwrite the other's fields unseen.

Revision ID: 0003_event_version
Revises: 0002_feed_write_indexes
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_event_version"
down_revision = "0002_feed_write_indexes"
branch_labels = None
depends_on = None

_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="0"))
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="3"))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("version")
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="2"))
