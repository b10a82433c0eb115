"""`python main.py db check --db URL [--full]`: is the database file sound?
`python main.py db upgrade --db URL`: bring a database (the shared room database) to this release's schema.

``PRAGMA quick_check`` (the check every SQLite store gets when it is opened for writing), or with
``--full`` ``PRAGMA integrity_check`` (also compares every index with its table; ~5x slower:
280–400 ms for 100,000 events). Prints ``ok`` or each problem SQLite lists (at most 100), one a
line; exit 0 when sound, 1 when damaged, 2 when the file cannot be checked (missing, locked, not
a SQLite file path). Read-only: the file is never written. PostgreSQL checks its own pages
(``data_checksums``, ``amcheck``); this command is for SQLite files.
"""

from __future__ import annotations

import argparse
import sys
import time

EXIT_OK, EXIT_DAMAGED, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="database maintenance: db check --db FILE [--full]")
    tools = p.add_subparsers(dest="db_command", metavar="TOOL", required=True)
    c = tools.add_parser("check", help="check a SQLite database file for damage (read-only)",
                         description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("--db", default=None, metavar="URL",
                   help="SQLite file path or sqlite:/// URL (default: the console's database)")
    c.add_argument("--full", action="store_true", help="integrity_check instead of quick_check (slower)")
    c.set_defaults(func=run_check)
    u = tools.add_parser("upgrade", help="upgrade a database to this console's schema (e.g. the shared room "
                                         "database, once every seat runs this release)")
    u.add_argument("--db", default=None, metavar="URL", help="SQLAlchemy URL or SQLite file (default: the console's)")
    u.set_defaults(func=run_upgrade)


def run_upgrade(args: argparse.Namespace) -> int:
    from console.store import StoreError, open_store
    from console.store.database import head_revision

    url = args.db
    if url is not None and "://" not in url:
        url = f"sqlite:///{url}"
    try:
        store = open_store(url, upgrade=True)
    except StoreError as exc:
        print(f"db upgrade: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with store:
        print(f"{store.label}: schema at {head_revision()}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from console.store import StoreError, default_db_url
    from console.store.database import resolve_target
    from console.store.integrity import MAX_PROBLEMS, check_file

    url = args.db or default_db_url()
    try:
        target = resolve_target(url if "://" in url else f"sqlite:///{url}")
    except StoreError as exc:
        print(f"db check: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not target.is_sqlite or target.sqlite_path is None:
        print(f"db check: {target.label}: only SQLite files can be checked (PostgreSQL checks its own pages)",
              file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    try:
        problems = check_file(target.sqlite_path, full=args.full)
    except StoreError as exc:
        print(f"db check: {exc}", file=sys.stderr)
        return EXIT_USAGE
    took = (time.perf_counter() - started) * 1000
    kind = "integrity_check" if args.full else "quick_check"
    if not problems:
        print(f"ok ({target.sqlite_path}: {kind}, {took:.0f} ms)")
        return EXIT_OK
    for problem in problems:
        print(f"{target.sqlite_path}: {problem}")
    more = " (the first listed; there may be more)" if len(problems) >= MAX_PROBLEMS else ""
    print(f"db check: {target.sqlite_path} is damaged: {len(problems)} problem(s){more} found by {kind}",
          file=sys.stderr)
    return EXIT_DAMAGED
