"""Persistence: SQLAlchemy 2 Core schema, repositories and Alembic migrations (no Qt here).

``open_store(url=None) -> Store``; SQLite in the user's data directory by default, any SQLAlchemy
URL (PostgreSQL for multi-seat rooms) otherwise. Repositories return domain records only.
"""

from console.store.errors import DamagedStoreError, StoreError
from console.store.paths import data_dir, default_db_url
from console.store.store import Store, open_store

__all__ = ["DamagedStoreError", "Store", "StoreError", "data_dir", "default_db_url", "open_store"]
