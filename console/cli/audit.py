"""`python main.py audit verify --db URL`: is the action log intact?

Walks the hash chain of the action log (``console.store.audit``) in append order and prints
``intact (N actions)`` with the head hash, or the first broken link — the action's id and what
differs (its content changed, a row before it removed or inserted, a row without a valid hash, a
back-dated row). Read-only. Exit 0 when intact, 1 when broken, 2 when the database cannot be read.
"""

from __future__ import annotations

import argparse
import sys

EXIT_INTACT, EXIT_BROKEN, EXIT_STORE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="audit verify --db URL: check the action log's hash chain",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    tools = p.add_subparsers(dest="audit_command", metavar="TOOL", required=True)
    v = tools.add_parser("verify", help="check the action log's hash chain (read-only)")
    v.add_argument("--db", default=None, metavar="URL", help="SQLAlchemy URL or SQLite file (default: the console's)")
    v.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from console.store import StoreError, open_store

    url = args.db
    if url is not None and "://" not in url:
        url = f"sqlite:///{url}"
    try:
        store = open_store(url, readonly=True)
    except StoreError as exc:
        print(f"audit verify: {exc}", file=sys.stderr)
        return EXIT_STORE
    try:
        verdict = store.verify_audit()
    except sa.exc.SQLAlchemyError as exc:
        print(f"audit verify: {store.label}: cannot read the action log: {getattr(exc, 'orig', None) or exc}",
              file=sys.stderr)
        return EXIT_STORE
    finally:
        store.close()
    if verdict.intact:
        print(f"intact ({verdict.count} actions; head {verdict.head})")
        return EXIT_INTACT
    print(f"{store.label}: {verdict.broken} ({verdict.count} actions before it are intact)")
    return EXIT_BROKEN
