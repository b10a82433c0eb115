"""Store fixtures: real SQLite files in tmp_path; PostgreSQL in a throw-away schema per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from console.domain.event import Event, Level, Location, Source
from console.store import Store, open_store

PG_ADMIN_URL = os.environ.get("GRID_CONSOLE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'console.db'}"


@pytest.fixture
def store(db_url) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def make_event() -> Callable[..., Event]:
    counter = iter(range(1, 1_000_000))

    def factory(event_id: str | None = None, **fields: Any) -> Event:
        n = next(counter)
        base: dict[str, Any] = {
            "id": event_id or f"ev-{n:06d}",
            "source": Source.GRID_APP,
            "category": "city_appearance",
            "title": f"中山路{n}号占道经营",
            "reported_at": T0 + timedelta(minutes=n),
            "description": "群众反映中山路附近占道经营，请尽快处理。",
            "level": Level.GENERAL,
            "location": Location(30.6, 114.3, f"中山路{n}号"),
            "grid_id": "G4-001",
            "seq": n,
        }
        base.update(fields)
        return Event(**base)

    return factory


def _pg_reachable() -> str | None:
    """None when the test server answers, else the reason it does not."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        return f"psycopg not installed: {exc}"
    dsn = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL at {dsn} unreachable: {exc}".strip()


@pytest.fixture(scope="session")
def pg_available() -> None:
    reason = _pg_reachable()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true requires PostgreSQL: {reason}")
    pytest.skip(reason)


@pytest.fixture
def pg_url(pg_available) -> Iterator[str]:
    """URL of a fresh, uniquely named schema (dropped afterwards) on the test server."""
    import psycopg

    schema = f"store_test_{uuid.uuid4().hex[:12]}"
    dsn = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
