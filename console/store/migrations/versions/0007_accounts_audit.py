"""Accounts and a tamper-evident action log (issue 14).

``accounts`` (login, display name, role, argon2 password hash, disabled, failed attempts, locked
until); ``actions`` gains ``account`` (the signed-in login), ``recorded_at`` (when appended),
``prev_hash`` and ``hash`` (the chain, see ``console.store.audit``). Existing rows are chained in
``id`` order; then triggers make ``actions`` append-only (UPDATE/DELETE refused, on SQLite and
PostgreSQL).

Revision ID: 0007_accounts_audit
Revises: 0006_room_sync
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.store.audit import drop_triggers_ddl, rechain_all, triggers_ddl

revision = "0007_accounts_audit"
down_revision = "0006_room_sync"
branch_labels = None
depends_on = None

SerialId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_META = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", SerialId, primary_key=True, autoincrement=True),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.BigInteger),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("login", name="uq_accounts_login"),
    )
    with op.batch_alter_table("actions") as batch:
        batch.add_column(sa.Column("account", sa.String(64)))
        batch.add_column(sa.Column("recorded_at", sa.BigInteger))
        batch.add_column(sa.Column("prev_hash", sa.String(64)))
        batch.add_column(sa.Column("hash", sa.String(64)))
    conn = op.get_bind()
    rechain_all(conn)
    for ddl in triggers_ddl(conn.dialect.name):
        op.execute(ddl)
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="7"))


def downgrade() -> None:
    conn = op.get_bind()
    for ddl in drop_triggers_ddl(conn.dialect.name):
        op.execute(ddl)
    with op.batch_alter_table("actions") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("recorded_at")
        batch.drop_column("account")
    op.drop_table("accounts")
    op.execute(_META.update().where(_META.c.key == "schema_version").values(value="6"))
