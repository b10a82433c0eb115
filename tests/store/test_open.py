"""Opening the store: migrations, reopening, and refusing what is not ours (nothing overwritten)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from console.store import StoreError, data_dir, default_db_url, open_store
from console.store.database import REVISIONS, WAL_AUTOCHECKPOINT_PAGES, head_revision, script_revisions
from console.store.schema import SQLITE_APPLICATION_ID, SQLITE_ONLY_TABLES, metadata


def _fingerprint(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def test_default_location_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv("GRID_CONSOLE_DATA_DIR", str(tmp_path / "data"))
    assert data_dir() == tmp_path / "data"
    assert default_db_url() == f"sqlite:///{tmp_path / 'data' / 'console.db'}"
    with open_store() as store:
        assert store.events.count() == 0
    assert (tmp_path / "data" / "console.db").is_file()


def test_default_location_without_env_is_user_data_dir(monkeypatch):
    import platformdirs

    monkeypatch.delenv("GRID_CONSOLE_DATA_DIR")
    assert data_dir() == Path(platformdirs.user_data_dir("grid-console"))


def test_migrates_empty_file_to_head_with_sqlite_settings(tmp_path):
    path = tmp_path / "console.db"
    with open_store(f"sqlite:///{path}") as store:
        assert store.revision == head_revision()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == WAL_AUTOCHECKPOINT_PAGES
            assert conn.exec_driver_sql("PRAGMA application_id").scalar() == SQLITE_APPLICATION_ID
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version == head_revision()


def test_revision_list_follows_the_migration_scripts():
    # opening a database compares against REVISIONS without loading Alembic: it must list every
    # migration script, in order, with the newest last
    assert list(REVISIONS) == script_revisions()
    assert head_revision() == script_revisions()[-1]


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path):
    path = tmp_path / "console.db"
    open_store(f"sqlite:///{path}").close()
    code = (
        "import sys; from console.store import open_store; "
        f"open_store({f'sqlite:///{path}'!r}).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_zero_byte_file_is_an_empty_database(tmp_path):
    path = tmp_path / "console.db"
    path.touch()
    with open_store(f"sqlite:///{path}") as store:
        assert store.events.count() == 0


def test_migration_matches_schema_metadata(store):
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={"include_object": lambda obj, name, type_, reflected, compare_to: name not in SQLITE_ONLY_TABLES
                  and not (name or "").startswith("events_fts")},
        )
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_reopen_keeps_data_and_does_not_remigrate(db_url, make_event):
    with open_store(db_url) as store:
        store.events.insert_many([make_event("keep-1"), make_event("keep-2")])
        store.settings.set("theme", "dark")
    with open_store(db_url) as store:
        assert store.events.count() == 2
        assert store.events.get("keep-1").title.endswith("占道经营")
        assert store.settings.get("theme") == "dark"


def test_corrupt_file_is_refused_untouched(tmp_path):
    path = tmp_path / "console.db"
    path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    before, names = _fingerprint(path), _siblings(path)
    with pytest.raises(StoreError) as info:
        open_store(f"sqlite:///{path}")
    assert str(path) in str(info.value)
    assert "not a SQLite database" in str(info.value)
    assert _fingerprint(path) == before
    assert _siblings(path) == names


def test_damaged_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "console.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t (x)")
    raw.commit()
    raw.close()
    data = bytearray(path.read_bytes())
    data[100:len(data)] = b"\xff" * (len(data) - 100)  # header kept, schema page destroyed
    path.write_bytes(bytes(data))
    before = _fingerprint(path)
    with pytest.raises(StoreError) as info:
        open_store(f"sqlite:///{path}")
    assert str(path) in str(info.value)
    assert _fingerprint(path) == before


def test_foreign_database_is_refused_untouched(tmp_path):
    path = tmp_path / "accounts.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    raw.execute("INSERT INTO customers (name) VALUES ('王芳')")
    raw.commit()
    raw.close()
    before, names = _fingerprint(path), _siblings(path)
    with pytest.raises(StoreError) as info:
        open_store(f"sqlite:///{path}")
    message = str(info.value)
    assert str(path) in message
    assert "not a grid-console database" in message
    assert "customers" in message
    assert _fingerprint(path) == before
    assert _siblings(path) == names  # not even switched to WAL (no -wal/-shm files)


def test_foreign_alembic_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    raw.execute("INSERT INTO alembic_version VALUES ('0001_initial')")
    raw.execute("CREATE TABLE events (id TEXT)")
    raw.commit()
    raw.close()
    before = _fingerprint(path)
    with pytest.raises(StoreError, match="not a grid-console database"):
        open_store(f"sqlite:///{path}")
    assert _fingerprint(path) == before


def test_other_application_id_is_refused(tmp_path):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA application_id = 1234")
    raw.execute("CREATE TABLE x (y)")
    raw.execute("DROP TABLE x")
    raw.commit()
    raw.close()
    before = _fingerprint(path)
    with pytest.raises(StoreError, match="another application"):
        open_store(f"sqlite:///{path}")
    assert _fingerprint(path) == before


def _make_newer(path: Path) -> None:
    with open_store(f"sqlite:///{path}"):
        pass
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    raw.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    raw.commit()
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "console.db"
    _make_newer(path)
    before = _fingerprint(path)
    with pytest.raises(StoreError) as info:
        open_store(f"sqlite:///{path}")
    message = str(info.value)
    assert str(path) in message
    assert "newer" in message
    assert "0099_from_the_future" in message
    assert _fingerprint(path) == before


def test_data_dir_blocked_by_a_file(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        open_store(f"sqlite:///{blocker / 'sub' / 'console.db'}")
    assert "cannot create data directory" in str(info.value) or "not a directory" in str(info.value)
    assert blocker.read_text() == "x"


def test_database_path_is_a_directory(tmp_path):
    (tmp_path / "console.db").mkdir()
    with pytest.raises(StoreError, match="is a directory"):
        open_store(f"sqlite:///{tmp_path / 'console.db'}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions, so nothing is unwritable")
def test_unwritable_directory_and_file(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "console.db"
    with open_store(f"sqlite:///{path}"):
        pass
    path.chmod(0o444)
    before = _fingerprint(path)
    try:
        with pytest.raises(StoreError, match="not writable"):
            open_store(f"sqlite:///{path}")
        assert _fingerprint(path) == before
        path.chmod(0o644)
        folder.chmod(0o555)
        with pytest.raises(StoreError, match="not writable"):
            open_store(f"sqlite:///{path}")
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_invalid_url_is_a_store_error():
    with pytest.raises(StoreError):
        open_store("not a url at all")


def test_in_memory_database_works():
    with open_store("sqlite://") as store:
        assert store.events.count() == 0
        store.settings.set("k", [1, 2])
        assert store.settings.get("k") == [1, 2]


def test_store_does_not_import_qt_or_upper_layers():
    import subprocess
    import sys

    code = (
        "import sys, console.store, console.bench.store; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'qasync') "
        "or m.startswith(('console.net', 'console.services'))]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError, match="cannot open database"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_schema_tables_exist(store):
    names = set(sa.inspect(store.engine).get_table_names())
    assert {
        "events", "actions", "duplicate_reports", "grids", "members", "departments", "cameras",
        "quarantine", "settings", "feed_position", "claims", "store_meta", "events_fts",
    } <= names
