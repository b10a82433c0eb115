"""Accounts in the room database (issue 14): rows only — hashing and the login rules are in
``console.services.accounts``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.domain.roles import Role
from console.store import schema
from console.store.codec import from_us, to_us
from console.store.database import write_tx
from console.store.errors import StoreError

T = schema.accounts


@dataclass(frozen=True, slots=True)
class AccountRow:
    login: str
    name: str
    role: Role
    password_hash: str
    disabled: bool
    failed_attempts: int
    locked_until: datetime | None
    created_at: datetime


def _row(r: sa.Row) -> AccountRow:
    return AccountRow(login=r.login, name=r.display_name, role=Role(r.role), password_hash=r.password_hash,
                      disabled=bool(r.disabled), failed_attempts=int(r.failed_attempts),
                      locked_until=from_us(r.locked_until), created_at=from_us(r.created_at))  # type: ignore[arg-type]


class AccountExists(StoreError):
    pass


class NoSuchAccount(StoreError):
    pass


class AccountRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get(self, login: str) -> AccountRow | None:
        with self._engine.connect() as c:
            r = c.execute(sa.select(T).where(T.c.login == login)).first()
        return _row(r) if r is not None else None

    def list(self) -> list[AccountRow]:
        with self._engine.connect() as c:
            return [_row(r) for r in c.execute(sa.select(T).order_by(T.c.login))]

    def count(self) -> int:
        with self._engine.connect() as c:
            return int(c.execute(sa.select(sa.func.count()).select_from(T)).scalar_one())

    def add(self, login: str, name: str, role: Role, password_hash: str, now: datetime) -> None:
        try:
            with write_tx(self._engine) as c:
                if c.execute(sa.select(T.c.id).where(T.c.login == login)).first() is not None:
                    raise AccountExists(f"account {login!r} exists already")
                c.execute(T.insert().values(login=login, display_name=name, role=str(role),
                                            password_hash=password_hash, disabled=False, failed_attempts=0,
                                            locked_until=None, created_at=to_us(now)))
        except sa.exc.IntegrityError as exc:  # another process added the same login meanwhile
            raise AccountExists(f"account {login!r} exists already") from exc

    def update(self, login: str, **values: object) -> None:
        """Set columns of one account (``disabled``, ``password_hash``, ``failed_attempts``, …)."""
        if "locked_until" in values:
            values["locked_until"] = to_us(values["locked_until"])  # type: ignore[arg-type]
        with write_tx(self._engine) as c:
            if c.execute(T.update().where(T.c.login == login).values(**values)).rowcount != 1:
                raise NoSuchAccount(f"no account {login!r}")

    def attempt(self, login: str, decide: Callable[[AccountRow], dict[str, object]]) -> AccountRow | None:
        """Read the account locked for this transaction, let ``decide`` say what to store (a failed or
        successful login), store it; None when there is no such account."""
        with write_tx(self._engine) as c:
            row = self._locked(c, login)
            if row is None:
                return None
            values = decide(row)
            if values:
                if "locked_until" in values:
                    values["locked_until"] = to_us(values["locked_until"])  # type: ignore[arg-type]
                c.execute(T.update().where(T.c.login == login).values(**values))
            return row

    @staticmethod
    def _locked(c: Connection, login: str) -> AccountRow | None:
        stmt = sa.select(T).where(T.c.login == login)
        if c.dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        r = c.execute(stmt).first()
        return _row(r) if r is not None else None
