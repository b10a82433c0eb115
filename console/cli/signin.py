"""Signing in the headless tools (`officer`, `simulate`, `soak`) as the room's accounts (issue 14).

    --user LOGIN --password-file FILE      (or the password in $GRID_CONSOLE_PASSWORD)

The password is checked against the room's accounts with the login dialog's rules
(:meth:`console.services.accounts.AccountService.authenticate`: unknown, disabled, locked, wrong
password; five wrong ones in a row lock the account), so a script cannot guess faster than a person.
A password is never an argument: it would stay in the shell history and show in ``ps``.

Without ``--user`` a room that has no accounts besides the demo officer — the embedded demo, a fresh
test database, the simulator's in-memory store — signs in the demo officer (``demo``), as ``make run``
does; a room with accounts is refused ("sign in with --user …"). A wall account, or a trainer's on a
live room, may not decide and is refused too. Every action the tool records then carries the
account's login and the seat. Refusals are one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from console.domain.roles import Account, writes_at_all

PASSWORD_ENV = "GRID_CONSOLE_PASSWORD"
EXIT_SIGN_IN = 2


class SignInFailed(Exception):
    """The tool could not sign in: ``str()`` is the one line to print."""


def add_sign_in_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", default=None, metavar="LOGIN",
                   help="sign in as this account of the room (default: the demo officer of a room without accounts)")
    p.add_argument("--password-file", default=None, metavar="FILE",
                   help=f"the password on the first line of FILE (or set ${PASSWORD_ENV})")


def read_password(args: argparse.Namespace) -> str:
    path = getattr(args, "password_file", None)
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SignInFailed(f"cannot read the password file {path}: {exc}") from exc
        lines = text.splitlines()
        return lines[0] if lines else ""
    value = os.environ.get(PASSWORD_ENV)
    if value is None:
        raise SignInFailed(f"--user {args.user} needs --password-file FILE or ${PASSWORD_ENV}")
    return value


def sign_in(store: Any, args: argparse.Namespace, *, tz: str = "Asia/Shanghai") -> Account:
    """The account the tool works as (see the module's doc); raises :class:`SignInFailed`."""
    from console.services.accounts import AccountService, LoginRefused

    service = AccountService(store, tz=tz)
    login = getattr(args, "user", None)
    if login is None:
        if getattr(args, "password_file", None):
            raise SignInFailed("--password-file needs --user LOGIN")
        if service.has_accounts():
            raise SignInFailed(f"{store.label}: this room has accounts: sign in with --user LOGIN --password-file FILE "
                               f"(or ${PASSWORD_ENV})")
        return service.demo_account()
    password = read_password(args)
    try:
        account = service.authenticate(login, password)
    except LoginRefused as exc:
        raise SignInFailed(f"cannot sign in as {login}: {exc} ({_ENGLISH.get(exc.key, exc.key)})") from exc
    if not writes_at_all(account.role, training=service.is_training()):
        raise SignInFailed(f"account {login} ({account.label}) may not decide on this room: a {account.role.value} "
                           "account is read-only here")
    return account


_ENGLISH = {
    "unknown": "no such account",
    "wrong_password": "wrong password",
    "disabled": "the account is disabled",
    "locked": "the account is locked after repeated wrong passwords",
    "no_accounts": "the room has no accounts yet",
}
