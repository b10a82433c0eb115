"""The headless tools sign in (issue 14): `simulate`, `officer` and `soak` take ``--user LOGIN
--password-file F`` (or ``$GRID_CONSOLE_PASSWORD``), checked against the room's accounts with the
login dialog's lockout; a room without accounts keeps the demo officer. Every action they record
carries the account and the seat; a wrong password, a disabled, locked or read-only account is one
line and exit 2. Through the CLI (``main``), on real SQLite files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from console.cli import main
from console.services.accounts import AccountService
from console.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SIM = ["simulate", "--hours", "1", "--scenario", "normal_day", "--json"]


def _room_with_accounts(path: Path) -> str:
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        service = AccountService(store)
        service.add("zhang", "张三", "officer", "correct horse")
        service.add("wall1", "大屏一", "wall", "correct horse")
        service.add("gone", "离职者", "officer", "correct horse")
        service.set_disabled("gone", True)
    return url


def _pw(tmp_path: Path, text: str) -> str:
    f = tmp_path / f"pw-{abs(hash(text))}.txt"
    f.write_text(text + "\n", encoding="utf-8")
    return str(f)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _accounts_by_seat(db: Path) -> set[tuple[str | None, str | None]]:
    with sqlite3.connect(db) as conn:
        return set(conn.execute("SELECT DISTINCT account, seat FROM actions WHERE seat IS NOT NULL").fetchall())


def test_simulate_keeps_the_demo_officer_on_a_room_without_accounts(tmp_path, capsys):
    db = tmp_path / "sim.db"
    code, out, err = _run(capsys, *SIM, "--db", str(db))
    assert code == 0, err
    assert json.loads(out)["events"] > 0
    assert _accounts_by_seat(db) == {("demo", "sim-seat")}


def test_simulate_signs_in_and_every_action_carries_the_account(tmp_path, capsys, monkeypatch):
    db = tmp_path / "room.db"
    _room_with_accounts(db)
    # a room with accounts: no silent demo officer
    code, _, err = _run(capsys, *SIM, "--db", str(db))
    assert code == 2
    assert err.strip() == (f"simulate: {db}: this room has accounts: sign in with --user LOGIN --password-file "
                           "FILE (or $GRID_CONSOLE_PASSWORD)")
    code, out, err = _run(capsys, *SIM, "--db", str(db), "--user", "zhang", "--password-file",
                          _pw(tmp_path, "correct horse"))
    assert code == 0, err
    assert _accounts_by_seat(db) == {("zhang", "sim-seat")}
    monkeypatch.setenv("GRID_CONSOLE_PASSWORD", "correct horse")  # the env var instead of a file
    assert _run(capsys, *SIM, "--db", str(db), "--user", "zhang")[0] == 0


@pytest.mark.parametrize(("user", "password", "expected"), [
    ("zhang", "wrong horse", "cannot sign in as zhang: 密码错误 (wrong password)"),
    ("gone", "correct horse", "cannot sign in as gone: 账号已停用 (the account is disabled)"),
    ("nobody", "correct horse", "cannot sign in as nobody: 账号不存在 (no such account)"),
    ("wall1", "correct horse", "account wall1 (大屏一（大屏）) may not decide on this room: a wall account is "
                               "read-only here"),
])
def test_refusals_are_one_line_and_exit_2(tmp_path, capsys, user, password, expected):
    db = tmp_path / "room.db"
    _room_with_accounts(db)
    code, out, err = _run(capsys, *SIM, "--db", str(db), "--user", user, "--password-file", _pw(tmp_path, password))
    assert code == 2
    assert err.splitlines() == [f"simulate: {expected}"]
    assert out == ""
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 0  # nothing was simulated


def test_the_lockout_applies_to_scripts(tmp_path, capsys):
    db = tmp_path / "room.db"
    _room_with_accounts(db)
    wrong = _pw(tmp_path, "guess")
    for _ in range(4):
        assert "密码错误" in _run(capsys, *SIM, "--db", str(db), "--user", "zhang", "--password-file", wrong)[2]
    code, _, err = _run(capsys, *SIM, "--db", str(db), "--user", "zhang", "--password-file", wrong)
    assert code == 2
    assert "账号已锁定至" in err
    assert "locked after repeated wrong passwords" in err
    # locked: even the right password is refused now
    code, _, err = _run(capsys, *SIM, "--db", str(db), "--user", "zhang", "--password-file",
                        _pw(tmp_path, "correct horse"))
    assert code == 2
    assert "账号已锁定至" in err


def test_missing_password_and_user_without_db(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GRID_CONSOLE_PASSWORD", raising=False)
    db = tmp_path / "room.db"
    _room_with_accounts(db)
    code, _, err = _run(capsys, *SIM, "--db", str(db), "--user", "zhang")
    assert code == 2
    assert "--user zhang needs --password-file FILE or $GRID_CONSOLE_PASSWORD" in err
    code, _, err = _run(capsys, *SIM, "--user", "zhang", "--password-file", _pw(tmp_path, "x"))
    assert code == 2
    assert "--user needs --db" in err


def test_officer_refuses_a_wrong_password_before_connecting(tmp_path, capsys, monkeypatch):
    db = tmp_path / "room.db"
    _room_with_accounts(db)
    monkeypatch.setenv("GRID_FEED_TOKEN", "t")
    # the hub address is never contacted: the sign-in comes first
    code, _, err = _run(capsys, "officer", "--connect", "ws://127.0.0.1:9/feed", "--db", str(db),
                        "--user", "zhang", "--password-file", _pw(tmp_path, "wrong horse"))
    assert code == 2
    assert err.strip() == "officer: cannot sign in as zhang: 密码错误 (wrong password)"
    code, _, err = _run(capsys, "officer", "--connect", "ws://127.0.0.1:9/feed", "--db", str(db))
    assert code == 2
    assert "this room has accounts" in err


def test_soak_refuses_a_disabled_account(tmp_path):
    db = tmp_path / "room.db"
    _room_with_accounts(db)
    proc = subprocess.run(
        [sys.executable, "main.py", "soak", "--hours", "1", "--speed", "3600", "--db", str(db), "--user", "gone",
         "--password-file", _pw(tmp_path, "correct horse")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == "soak: cannot sign in as gone: 账号已停用 (the account is disabled)"
    assert "Traceback" not in proc.stderr


def test_seats_starting_together_share_one_demo_account(tmp_path) -> None:
    """Three scripted officers started at once on one room each create the demo officer on first use:
    the ones that lose the race sign in with the account the winner made (no traceback)."""
    from console.services.accounts import DEMO_LOGIN, AccountService
    from console.store import open_store

    url = f"sqlite:///{tmp_path / 'room.db'}"
    with open_store(url) as first, open_store(url) as second:
        late = AccountService(second)
        real_get = late.repo.get
        calls = []

        def get_after_the_other_seat_added_it(login):  # the other seat adds it between our read and write
            calls.append(login)
            if len(calls) == 1:
                AccountService(first).demo_account()
                return None
            return real_get(login)

        late.repo.get = get_after_the_other_seat_added_it
        account = late.demo_account()
        assert account.login == DEMO_LOGIN
        assert [r.login for r in first.accounts.list()] == [DEMO_LOGIN]
