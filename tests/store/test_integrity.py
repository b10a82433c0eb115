"""A damaged SQLite page is noticed: quick check at open, no writes into it, db check (issue 13 #13)."""

from __future__ import annotations

import pytest

from console.cli import main as cli_main
from console.domain.ingest import IngestBatch
from console.store import DamagedStoreError, StoreError, open_store
from tests.store.damage import damage_page, damaged_store, events_leaf_pages, fill, fingerprint


def test_quick_check_at_open_refuses_writes_into_a_damaged_file(tmp_path, make_event):
    path = tmp_path / "console.db"
    damaged_store(path)
    before = fingerprint(path)
    store = open_store(f"sqlite:///{path}")  # opening reads only: a damaged file can still be looked at
    try:
        assert store.integrity is not None
        assert store.integrity.wait(60)
        assert store.integrity.damaged
        with pytest.raises(DamagedStoreError) as info:
            store.commit_ingest(IngestBatch(last_seq=3_001, events=[make_event("new-1", seq=3_001)]))
        assert str(info.value).startswith(f"{path}: the database file is damaged (")
        assert "refusing to write into it" in str(info.value)
        with pytest.raises(DamagedStoreError):
            store.settings.set("theme", "dark")
    finally:
        store.close()
    assert fingerprint(path) == before  # not one byte written


def test_a_sound_file_is_checked_and_written(tmp_path, make_event):
    path = tmp_path / "console.db"
    fill(path, 500)
    with open_store(f"sqlite:///{path}") as store:
        store.commit_ingest(IngestBatch(last_seq=501, events=[make_event("new-1", seq=501)]))
        assert store.integrity is not None
        assert store.integrity.checked
        assert store.integrity.problems == []
        assert store.integrity.seconds is not None
        assert store.events.count() == 501


def test_damage_met_while_running_stops_the_writes(tmp_path, make_event):
    path = tmp_path / "console.db"
    fill(path, 3_000)
    with open_store(f"sqlite:///{path}") as store:
        assert store.integrity is not None
        assert store.integrity.wait(60)
        assert not store.integrity.damaged
        damage_page(path, events_leaf_pages(path)[5])  # the disk goes bad under a running console
        with pytest.raises(Exception, match="malformed"):  # noqa: PT011 - SQLAlchemy's DatabaseError
            store.events.search(limit=5_000)
        assert store.integrity.damaged
        with pytest.raises(DamagedStoreError, match="the database file is damaged"):
            store.commit_ingest(IngestBatch(last_seq=3_001, events=[make_event("new-1", seq=3_001)]))


def test_db_check_command(tmp_path, capsys):
    sound = tmp_path / "sound.db"
    fill(sound, 200)
    assert cli_main(["db", "check", "--db", str(sound)]) == 0
    assert capsys.readouterr().out.startswith(f"ok ({sound}: quick_check, ")
    assert cli_main(["db", "check", "--db", f"sqlite:///{sound}", "--full"]) == 0
    assert capsys.readouterr().out.startswith(f"ok ({sound}: integrity_check, ")

    bad = tmp_path / "bad.db"
    damaged_store(bad, 3_000)
    before = fingerprint(bad)
    for full in ([], ["--full"]):
        assert cli_main(["db", "check", "--db", str(bad), *full]) == 1
        out, err = capsys.readouterr()
        assert out.splitlines()
        assert all(line.startswith(f"{bad}: ") for line in out.splitlines())
        assert f"db check: {bad} is damaged: " in err
        assert "Traceback" not in err
    assert fingerprint(bad) == before

    assert cli_main(["db", "check", "--db", str(tmp_path / "missing.db")]) == 2
    assert "no such database file" in capsys.readouterr().err
    assert cli_main(["db", "check", "--db", "postgresql://u@127.0.0.1/x"]) == 2
    assert "only SQLite files can be checked" in capsys.readouterr().err


def test_readonly_open_reads_and_never_writes(tmp_path, make_event):
    path = tmp_path / "console.db"
    fill(path, 100)
    before = fingerprint(path)
    with open_store(f"sqlite:///{path}", readonly=True) as store:
        assert store.readonly
        assert store.events.count() == 100
        with pytest.raises(Exception, match="readonly database|read-only"):  # noqa: PT011 - the driver's error
            store.settings.set("theme", "dark")
    assert fingerprint(path) == before
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="an empty database, nothing to read"):
        open_store(f"sqlite:///{empty}", readonly=True)
    assert empty.stat().st_size == 0
    with pytest.raises(StoreError, match="no such database"):
        open_store(f"sqlite:///{tmp_path / 'missing.db'}", readonly=True)
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(StoreError, match="cannot be opened read-only"):
        open_store("sqlite://", readonly=True)


def test_readonly_open_on_postgresql(pg_url, make_event):
    with open_store(pg_url) as store:
        store.events.insert_many([make_event("pg-1"), make_event("pg-2")])
    with open_store(pg_url, readonly=True) as store:
        assert store.events.count() == 2
        with pytest.raises(Exception, match="read-only transaction"):  # noqa: PT011 - the driver's error
            store.settings.set("theme", "dark")
