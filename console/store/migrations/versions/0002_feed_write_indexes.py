"""Drop the category and source indexes of events: the feed's insert path paid for them.

Each feed insert landed in the middle of both B-trees (a handful of distinct values, appended per
value), about a quarter of the SQLite insert cost. History search filters on category/source only
together with the time order, which ``ix_events_reported_at`` / ``ix_events_grid_reported`` serve.

Revision ID: 0002_feed_write_indexes
Revises: 0001_initial
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_feed_write_indexes"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.drop_index("ix_events_category", table_name="events")
    op.drop_index("ix_events_source", table_name="events")
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="2"))


def downgrade() -> None:
    op.create_index("ix_events_category", "events", ["category"])
    op.create_index("ix_events_source", "events", ["source"])
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="1"))
