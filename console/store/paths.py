"""Where the console keeps its data (the user's data directory unless overridden)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "GRID_CONSOLE_DATA_DIR"
APP_NAME = "grid-console"
DB_FILENAME = "console.db"


def data_dir() -> Path:
    """``$GRID_CONSOLE_DATA_DIR`` when set, else the per-user data directory."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def default_db_url() -> str:
    """SQLAlchemy URL of the default SQLite file ``console.db`` in :func:`data_dir`."""
    return f"sqlite:///{default_db_path()}"
