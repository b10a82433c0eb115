"""The tamper-evident action log (issue 14): append-only in the database, hash-chained, verified.

SQLite files and PostgreSQL (a throw-away schema). A hand-made UPDATE or DELETE is refused by the
database; whoever drops the triggers first and edits, deletes, forges or back-dates a row is caught
by ``python main.py audit verify`` (exit 1, the first broken link); an existing database is chained
by the migration; concurrent appends on PostgreSQL extend one chain.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from console.cli import main
from console.domain.event import Action, State
from console.store import StoreError, open_store
from console.store.audit import GENESIS, row_hash
from console.store.database import alembic_config, create_engine, resolve_target

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def _log(store, make_event, n=6):
    store.events.insert_many([make_event("ev-a"), make_event("ev-b")])
    store.actions.append_many([Action("ev-a", T0 + timedelta(minutes=i), "note", "张三", seat="seat-1",
                                      note=f"第{i}条", account="zhang", data={"i": i}) for i in range(n)])


def _verify(url, capsys) -> tuple[int, str]:
    code = main(["audit", "verify", "--db", url])
    out = capsys.readouterr()
    return code, out.out + out.err


def _last(conn) -> dict:
    return dict(conn.execute(sa.text("SELECT * FROM actions ORDER BY id DESC LIMIT 1")).mappings().one())


def _forge(conn, prev: dict, *, recorded_at: int, at: int, good_hash: bool) -> int:
    row = {"event_id": "ev-b", "at": at, "kind": "dispatch", "actor": "张三", "account": "zhang", "seat": "seat-1",
           "from_state": None, "to_state": None, "note": "早已派遣", "data": None, "recorded_at": recorded_at}
    row["prev_hash"] = prev["hash"]
    row["hash"] = row_hash(row, prev["hash"]) if good_hash else "f" * 64
    cols = ", ".join(row)
    conn.execute(sa.text(f"INSERT INTO actions ({cols}) VALUES ({', '.join(':' + c for c in row)})"), row)
    return int(conn.execute(sa.text("SELECT max(id) FROM actions")).scalar())


# --------------------------------------------------------------------------- SQLite


def test_appends_are_chained_and_verified_intact(store, db_url, make_event, capsys):
    _log(store, make_event)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT prev_hash, hash, account, recorded_at FROM actions ORDER BY id")).all()
    assert rows[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    assert {r.account for r in rows} == {"zhang"}
    assert all(r.recorded_at for r in rows)
    code, out = _verify(db_url, capsys)
    assert code == 0
    assert out.startswith("intact (6 actions")


def test_sqlite_refuses_update_and_delete(store, make_event):
    _log(store, make_event)
    for sql in ("UPDATE actions SET note = '改过' WHERE id = 2", "DELETE FROM actions WHERE id = 2",
                "DELETE FROM actions"):
        with pytest.raises(sa.exc.DatabaseError, match="actions are append-only"), store.engine.begin() as conn:
            conn.execute(sa.text(sql))
    assert store.actions.count() == 6


def _tamper_sqlite(path, *sql):
    """What someone with the file does: drop the triggers, then edit."""
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER actions_no_update")
    raw.execute("DROP TRIGGER actions_no_delete")
    for s in sql:
        raw.execute(s)
    raw.commit()
    raw.close()


def test_an_edited_row_is_caught(store, db_url, make_event, capsys, tmp_path):
    _log(store, make_event)
    store.close()
    _tamper_sqlite(tmp_path / "console.db", "UPDATE actions SET note = '已按时处置' WHERE id = 3")
    code, out = _verify(db_url, capsys)
    assert code == 1
    assert "broken at action id 3" in out
    assert "does not match the row's content" in out


def test_a_deleted_row_is_caught(store, db_url, make_event, capsys, tmp_path):
    _log(store, make_event)
    store.close()
    _tamper_sqlite(tmp_path / "console.db", "DELETE FROM actions WHERE id = 4")
    code, out = _verify(db_url, capsys)
    assert code == 1
    assert "broken at action id 5" in out
    assert "prev_hash" in out


def test_forged_and_back_dated_inserts_are_caught(store, db_url, make_event, capsys):
    _log(store, make_event)
    with store.engine.begin() as conn:  # a hand-made INSERT with a made-up hash (no trigger stops INSERT)
        forged = _forge(conn, _last(conn), recorded_at=_last(conn)["recorded_at"], at=1, good_hash=False)
    code, out = _verify(db_url, capsys)
    assert code == 1
    assert f"broken at action id {forged}" in out


def test_a_back_dated_row_with_a_valid_hash_is_caught(store, db_url, make_event, capsys):
    _log(store, make_event)
    with store.engine.begin() as conn:  # someone who knows the algorithm, back-dating by a day
        last = _last(conn)
        back = _forge(conn, last, recorded_at=last["recorded_at"] - 86_400_000_000,
                      at=last["at"] - 86_400_000_000, good_hash=True)
    code, out = _verify(db_url, capsys)
    assert code == 1
    assert f"broken at action id {back}: back-dated" in out


def test_feed_and_decision_appends_extend_one_chain(store, db_url, make_event, capsys):
    """The feed's fast SQLite path and the repository path write the same chain."""
    from console.domain.ingest import IngestBatch, StatusUpdate

    store.commit_ingest(IngestBatch(last_seq=2, events=[make_event("ev-x", seq=1), make_event("ev-y", seq=2)]))
    store.actions.append_many([Action("ev-x", T0, "note", "张三", seat="s", account="zhang")])
    store.commit_ingest(IngestBatch(last_seq=3, statuses=[StatusUpdate(
        seq=3, event_id="ev-x", state=State.ACCEPTED, unit_id="dept.x", at=T0 + timedelta(minutes=1))]))
    assert store.actions.count() >= 2
    code, out = _verify(db_url, capsys)
    assert code == 0, out


def test_migration_chains_an_existing_log(tmp_path, capsys):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(resolve_target(url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0005_feed_log_id")
        conn.execute(sa.text("INSERT INTO events (id, source, category, title, reported_at, level, state) "
                             "VALUES ('old-1', 'other', 'x', '旧事件', 0, 'general', 'new')"))
        for i in range(3):
            conn.execute(sa.text("INSERT INTO actions (event_id, at, kind, actor, seat, note, data) "
                                 "VALUES ('old-1', :at, 'note', '老值班员', 'seat-1', :n, :d)"),
                         {"at": i, "n": f"旧记录{i}", "d": json.dumps({"i": i})})
    engine.dispose()
    with open_store(url) as store:  # one seat's SQLite file: upgraded on opening
        assert store.verify_audit().count == 3
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), store.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM actions"))
        store.actions.append_many([Action("old-1", T0, "note", "张三", account="zhang")])
    code, out = _verify(url, capsys)
    assert code == 0
    assert out.startswith("intact (4 actions")


def test_verify_of_a_missing_database_is_one_line(tmp_path, capsys):
    code, out = _verify(f"sqlite:///{tmp_path / 'nope.db'}", capsys)
    assert code == 2
    assert "no such database" in out
    assert "Traceback" not in out


# --------------------------------------------------------------------------- PostgreSQL


def test_postgres_refuses_update_delete_truncate_and_verify_catches_a_forgery(pg_url, make_event, capsys):
    with open_store(pg_url) as store:
        _log(store, make_event)
        for sql in ("UPDATE actions SET note = '改过' WHERE id = 2", "DELETE FROM actions WHERE id = 2",
                    "TRUNCATE actions CASCADE"):
            with pytest.raises(sa.exc.DBAPIError, match="actions are append-only"), store.engine.begin() as conn:
                conn.execute(sa.text(sql))
        assert store.actions.count() == 6
        code, out = _verify(pg_url, capsys)
        assert code == 0
        assert out.startswith("intact (6 actions")
        with store.engine.begin() as conn:
            forged = _forge(conn, _last(conn), recorded_at=_last(conn)["recorded_at"], at=1, good_hash=False)
    code, out = _verify(pg_url, capsys)
    assert code == 1
    assert f"broken at action id {forged}" in out


def test_postgres_concurrent_appends_extend_one_chain(pg_url, make_event):
    with open_store(pg_url) as store:
        store.events.insert_many([make_event("ev-a")])
        errors: list[BaseException] = []

        def seat(n: int) -> None:
            try:
                for i in range(15):
                    store.actions.append_many([Action("ev-a", T0, "note", f"officer-{n}", seat=f"seat-{n}",
                                                      account=f"o{n}", note=f"{i}-{j}") for j in range(2)])
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=seat, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        verdict = store.verify_audit()
        assert verdict.intact, verdict.broken
        assert verdict.count == 4 * 15 * 2


def test_a_room_database_a_release_behind_is_refused_with_what_to_run(pg_url, capsys):
    from alembic import command

    engine = create_engine(resolve_target(pg_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0005_feed_log_id")
    engine.dispose()
    with pytest.raises(StoreError) as info:
        open_store(pg_url)
    message = str(info.value)
    assert "older than this console's" in message
    assert "python main.py db upgrade" in message
    assert main(["db", "upgrade", "--db", pg_url]) == 0
    with open_store(pg_url) as store:
        assert store.verify_audit().intact
