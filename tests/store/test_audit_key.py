"""The room key of the action log (issue 14): an owner who rewrites a row and recomputes every later
hash passes a keyless ``audit verify`` but is caught by ``audit verify --key-file``; seats without the
key cannot open a keyed room for writing. Through the CLI, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from console.cli import main
from console.domain.event import Action
from console.store import StoreError, open_store
from console.store.audit import CHAINED, GENESIS, KEY_ENV, key_id, read_key_file, row_hash, row_mac

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def room(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'room.db'}"
    return str(request.getfixturevalue("pg_url"))


def _cli(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def _append(store, n: int, start: int = 0) -> None:
    store.actions.append_many([Action("ev-a", T0 + timedelta(minutes=i), "note", "张三", seat="seat-1",
                                      note=f"第{i}条", account="zhang") for i in range(start, start + n)])


def _rewrite_history(url: str) -> None:
    """What an owner does: drop the triggers, change row 3, recompute every hash after it."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(sa.text("DROP TRIGGER actions_no_update"))
        else:
            conn.execute(sa.text("DROP TRIGGER actions_append_only ON actions"))
        conn.execute(sa.text("UPDATE actions SET note = '已按时处置' WHERE id = 3"))
        cols = ", ".join(("id", *CHAINED))
        prev = GENESIS
        for r in conn.execute(sa.text(f"SELECT {cols} FROM actions ORDER BY id")).mappings().all():
            h = row_hash(r, prev)
            conn.execute(sa.text("UPDATE actions SET prev_hash = :p, hash = :h WHERE id = :i"),
                         {"p": prev, "h": h, "i": r["id"]})
            prev = h
    engine.dispose()


def test_a_recomputed_chain_is_caught_only_with_the_key(room, tmp_path, capsys, make_event, monkeypatch):
    key_file = tmp_path / "secret" / "room.key"
    key_file.parent.mkdir()
    with open_store(room) as store:
        store.events.insert_many([make_event("ev-a")])
        _append(store, 2)  # appended before the room had a key
    code, out = _cli(capsys, "audit", "key", "init", "--key-file", str(key_file), "--db", room)
    assert code == 0, out
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = read_key_file(key_file)
    assert f"key id {key_id(key)}" in out
    # a seat without the key cannot open the room for writing: one clear message
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(StoreError, match=f"set {KEY_ENV} to the key file"):
        open_store(room)
    monkeypatch.setenv(KEY_ENV, str(key_file))
    with open_store(room) as store:
        _append(store, 4, start=2)
    code, out = _cli(capsys, "audit", "verify", "--db", room, "--key-file", str(key_file))
    assert code == 0, out
    assert out.startswith("intact (6 actions, 4 signed with the room key")
    _rewrite_history(room)
    code, out = _cli(capsys, "audit", "verify", "--db", room)  # keyless: the recomputed chain looks whole
    assert code == 0, out
    assert "not checked: give --key-file" in out
    code, out = _cli(capsys, "audit", "verify", "--db", room, "--key-file", str(key_file))
    assert code == 1
    assert "broken at action id 3" in out
    assert "room-key MAC does not match" in out


def test_stripped_macs_and_a_wrong_key_are_reported(tmp_path, capsys, make_event, monkeypatch):
    room = f"sqlite:///{tmp_path / 'room.db'}"
    key_file = tmp_path / "room.key"
    assert _cli(capsys, "audit", "key", "init", "--key-file", str(key_file), "--db", room)[0] == 0
    monkeypatch.setenv(KEY_ENV, str(key_file))
    with open_store(room) as store:
        store.events.insert_many([make_event("ev-a")])
        _append(store, 3)
    # another key file: refused as not this room's, for verifying and for writing
    other = tmp_path / "other.key"
    assert _cli(capsys, "audit", "key", "init", "--key-file", str(other), "--db",
                f"sqlite:///{tmp_path / 'other.db'}")[0] == 0
    code, out = _cli(capsys, "audit", "verify", "--db", room, "--key-file", str(other))
    assert code == 1
    assert "not this room's key" in out
    monkeypatch.setenv(KEY_ENV, str(other))
    with pytest.raises(StoreError, match="not this room's key"):
        open_store(room)
    # the owner strips every MAC (and recomputes nothing else): the keyed verify says so
    raw = sqlite3.connect(tmp_path / "room.db")
    raw.execute("DROP TRIGGER actions_no_update")
    raw.execute("UPDATE actions SET mac = NULL")
    raw.commit()
    raw.close()
    code, out = _cli(capsys, "audit", "verify", "--db", room, "--key-file", str(key_file))
    assert code == 1
    assert "no action carries a room-key MAC" in out
    # a MAC stripped from the last row only: no MAC after signed rows
    raw = sqlite3.connect(tmp_path / "room.db")
    key = read_key_file(key_file)
    for rid, h in raw.execute("SELECT id, hash FROM actions WHERE id < 3").fetchall():
        raw.execute("UPDATE actions SET mac = ? WHERE id = ?",
                    (row_mac(key, h), rid))
    raw.commit()
    raw.close()
    code, out = _cli(capsys, "audit", "verify", "--db", room, "--key-file", str(key_file))
    assert code == 1
    assert "broken at action id 3: no room-key MAC after signed rows" in out


def test_key_file_problems_are_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.key"
    bad.write_text("not a key\n")
    code, out = _cli(capsys, "audit", "verify", "--db", str(tmp_path / "x.db"), "--key-file", str(bad))
    assert code == 2
    assert "not a room key" in out
    assert "Traceback" not in out
    code, out = _cli(capsys, "audit", "verify", "--db", str(tmp_path / "x.db"), "--key-file",
                     str(tmp_path / "missing.key"))
    assert code == 2
    assert "cannot read it" in out


def test_the_feeds_fast_path_signs_too(tmp_path, capsys, make_event, monkeypatch):
    """The feed's SQLite fast path (field statuses → actions) and the repository path sign one chain."""
    from console.domain.event import State
    from console.domain.ingest import IngestBatch, StatusUpdate

    room = f"sqlite:///{tmp_path / 'room.db'}"
    key_file = tmp_path / "room.key"
    assert _cli(capsys, "audit", "key", "init", "--key-file", str(key_file), "--db", room)[0] == 0
    monkeypatch.setenv(KEY_ENV, str(key_file))
    with open_store(room) as store:
        store.commit_ingest(IngestBatch(last_seq=1, events=[make_event("ev-x", seq=1)]))
        store.actions.append_many([Action("ev-x", T0, "note", "张三", seat="s", account="zhang")])
        store.commit_ingest(IngestBatch(last_seq=2, statuses=[StatusUpdate(
            seq=2, event_id="ev-x", state=State.ACCEPTED, unit_id="dept.x", at=T0 + timedelta(minutes=1))]))
        with store.engine.connect() as conn:
            macs = conn.execute(sa.text("SELECT mac FROM actions ORDER BY id")).scalars().all()
    assert len(macs) >= 2
    assert all(macs)
    code, out = _cli(capsys, "audit", "verify", "--db", room, "--key-file", str(key_file))
    assert code == 0, out
    assert f"{len(macs)} signed with the room key" in out
