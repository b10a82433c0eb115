"""`python main.py users add|disable|enable|passwd|list|training --db URL`: the room's accounts.

    users add LOGIN --name 张三 --role officer|supervisor|trainer|wall [--password-stdin]
    users passwd LOGIN [--password-stdin]
    users disable LOGIN / users enable LOGIN   (enable also lifts a lockout)
    users list
    users training on|off|show                 (a training database: trainers may write to it)

A password is never taken from the command line (it would stay in the shell history and be seen
in ``ps``): it is asked twice at the terminal (getpass), or read from the first line of standard
input with ``--password-stdin`` (scripts). Exit 0 on success, 1 when the account command is
refused (exists, unknown, bad input), 2 when the database cannot be opened.
"""

from __future__ import annotations

import argparse
import getpass
import sys

EXIT_OK, EXIT_REFUSED, EXIT_STORE = 0, 1, 2
ROLES = ("officer", "supervisor", "trainer", "wall")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="accounts of the room database: users add|disable|enable|passwd|list|training",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    tools = p.add_subparsers(dest="users_command", metavar="TOOL", required=True)

    def tool(name: str, help_text: str, *, login: bool = True, password: bool = False) -> argparse.ArgumentParser:
        t = tools.add_parser(name, help=help_text)
        t.add_argument("--db", default=None, metavar="URL", help="SQLAlchemy URL or SQLite file (default: the console's)")
        if login:
            t.add_argument("login", help="the account's login name")
        if password:
            t.add_argument("--password-stdin", action="store_true",
                           help="read the password from the first line of standard input (no prompt)")
        t.set_defaults(func=run)
        return t

    add = tool("add", "add an account", password=True)
    add.add_argument("--name", required=True, help="display name shown in the room and the action log")
    add.add_argument("--role", required=True, choices=ROLES)
    tool("passwd", "set an account's password", password=True)
    tool("disable", "disable an account (it can no longer sign in)")
    tool("enable", "enable an account again (also lifts a lockout)")
    tool("list", "list the accounts", login=False)
    training = tool("training", "mark the database as a training database (or not)", login=False)
    training.add_argument("state", choices=("on", "off", "show"))


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise ValueError("no terminal to ask for the password: use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise ValueError("the two passwords differ")
    return first


def run(args: argparse.Namespace) -> int:
    from console.services.accounts import AccountError, AccountService
    from console.store import StoreError, open_store

    url = args.db
    if url is not None and "://" not in url:
        url = f"sqlite:///{url}"
    try:
        store = open_store(url)
    except StoreError as exc:
        print(f"users: {exc}", file=sys.stderr)
        return EXIT_STORE
    try:
        service = AccountService(store)
        cmd = args.users_command
        if cmd == "list":
            _print_table(service)
        elif cmd == "training":
            if args.state != "show":
                service.set_training(args.state == "on")
            print(f"{store.label}: {'training database' if service.is_training() else 'live room database'}")
        elif cmd == "add":
            service.add(args.login, args.name, args.role, _password(args))
            print(f"account {args.login} added ({args.role})")
        elif cmd == "passwd":
            if store.accounts.get(args.login) is None:
                raise AccountError(f"no account {args.login!r}")
            service.set_password(args.login, _password(args))
            print(f"password of {args.login} changed")
        elif cmd in ("disable", "enable"):
            service.set_disabled(args.login, cmd == "disable")
            print(f"account {args.login} {cmd}d")
        return EXIT_OK
    except (AccountError, StoreError, ValueError) as exc:
        print(f"users {args.users_command}: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        store.close()


def _print_table(service: object) -> None:
    from console.domain.roles import ROLE_ZH

    rows = service.list()  # type: ignore[attr-defined]
    now = service.clock()  # type: ignore[attr-defined]
    tz = service.tz  # type: ignore[attr-defined]
    table = [("LOGIN", "NAME", "ROLE", "STATUS", "CREATED")]
    for r in rows:
        if r.disabled:
            status = "disabled"
        elif r.locked_until is not None and r.locked_until > now:
            status = f"locked until {r.locked_until.astimezone(tz):%H:%M}"
        else:
            status = "active" + (f" ({r.failed_attempts} failed)" if r.failed_attempts else "")
        table.append((r.login, r.name, f"{r.role.value} {ROLE_ZH[r.role]}", status,
                      f"{r.created_at.astimezone(tz):%Y-%m-%d %H:%M}"))
    widths = [max(_width(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(f"{len(rows)} account(s)")


def _width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
