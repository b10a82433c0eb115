"""`python main.py users …` (issue 14): accounts managed from the command line, passwords never on argv."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from console.cli import main
from console.domain.roles import Role
from console.services.accounts import AccountService, LoginRefused
from console.store import open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'room.db'}"


def users(monkeypatch, capsys, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["users", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_list_disable_enable_passwd(db, monkeypatch, capsys):
    code, out, _ = users(monkeypatch, capsys, "add", "zhang", "--name", "张三", "--role", "officer",
                         "--password-stdin", "--db", db, stdin="first-password\n")
    assert code == 0
    assert "zhang added" in out
    code, out, _ = users(monkeypatch, capsys, "add", "wang", "--name", "王五", "--role", "supervisor",
                         "--password-stdin", "--db", db, stdin="second-password\n")
    assert code == 0
    assert users(monkeypatch, capsys, "disable", "wang", "--db", db)[0] == 0
    code, out, _ = users(monkeypatch, capsys, "list", "--db", db)
    lines = out.splitlines()
    assert lines[0].split() == ["LOGIN", "NAME", "ROLE", "STATUS", "CREATED"]
    assert lines[1].split()[:5] == ["wang", "王五", "supervisor", "值班长", "disabled"]
    assert lines[2].split()[:5] == ["zhang", "张三", "officer", "值班员", "active"]
    assert lines[-1] == "2 account(s)"

    with open_store(db) as store:
        service = AccountService(store)
        with pytest.raises(LoginRefused, match="账号已停用"):
            service.authenticate("wang", "second-password")
        assert service.authenticate("zhang", "first-password").role is Role.OFFICER
    assert users(monkeypatch, capsys, "enable", "wang", "--db", db)[0] == 0
    code, out, _ = users(monkeypatch, capsys, "passwd", "zhang", "--password-stdin", "--db", db,
                         stdin="changed-password\n")
    assert code == 0
    with open_store(db) as store:
        service = AccountService(store)
        assert service.authenticate("wang", "second-password").login == "wang"
        with pytest.raises(LoginRefused, match="密码错误"):
            service.authenticate("zhang", "first-password")
        assert service.authenticate("zhang", "changed-password").name == "张三"


def test_bad_input_is_one_clear_line(db, monkeypatch, capsys):
    args = ("add", "zhang", "--name", "张三", "--role", "officer", "--password-stdin", "--db", db)
    assert users(monkeypatch, capsys, *args, stdin="long-enough\n")[0] == 0
    code, _, err = users(monkeypatch, capsys, *args, stdin="long-enough\n")
    assert code == 1
    assert err.strip() == "users add: account 'zhang' exists already"
    code, _, err = users(monkeypatch, capsys, "add", "li", "--name", "李四", "--role", "officer",
                         "--password-stdin", "--db", db, stdin="short\n")
    assert code == 1
    assert "password too short" in err
    code, _, err = users(monkeypatch, capsys, "add", "bad login", "--name", "x", "--role", "wall",
                         "--password-stdin", "--db", db, stdin="long-enough\n")
    assert code == 1
    assert "login 'bad login'" in err
    code, _, err = users(monkeypatch, capsys, "disable", "ghost", "--db", db)
    assert code == 1
    assert "no account 'ghost'" in err
    code, _, err = users(monkeypatch, capsys, "passwd", "ghost", "--password-stdin", "--db", db, stdin="long-enough\n")
    assert code == 1
    assert "no account 'ghost'" in err


def test_no_password_on_argv_and_no_prompt_without_a_terminal(db, tmp_path):
    """Without --password-stdin and without a terminal the command refuses rather than read a password
    from anywhere else; there is no --password option at all."""
    env_cmd = [sys.executable, str(ROOT / "main.py"), "users", "add", "zhang", "--name", "张三", "--role", "officer",
               "--db", db]
    proc = subprocess.run(env_cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd=ROOT, timeout=60)
    assert proc.returncode == 1
    assert "no terminal to ask for the password: use --password-stdin" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = subprocess.run([*env_cmd, "--password", "secret-secret"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, cwd=ROOT, timeout=60)
    assert proc.returncode == 2
    assert "unrecognized arguments" in proc.stderr


def test_training_flag(db, monkeypatch, capsys):
    code, out, _ = users(monkeypatch, capsys, "training", "on", "--db", db)
    assert code == 0
    assert "training database" in out
    with open_store(db) as store:
        assert AccountService(store).is_training()
    code, out, _ = users(monkeypatch, capsys, "training", "off", "--db", db)
    assert "live room database" in out
