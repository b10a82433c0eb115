"""Alembic environment, driven programmatically by ``console.store.migrate``.

The caller passes an open SQLAlchemy connection in ``config.attributes["connection"]``; no
alembic.ini and no URL are read here.
"""

from __future__ import annotations

from alembic import context

from console.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("console.store migrations run only through console.store.migrate (no connection given)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
