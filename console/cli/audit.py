"""`python main.py audit verify --db URL [--key-file F]`: is the action log intact?
`python main.py audit key init --key-file F --db URL`: sign the room's action log with a room key.

Walks the hash chain of the action log (``console.store.audit``) in append order and prints
``intact (N actions)`` with the head hash, or the first broken link — the action's id and what
differs (its content changed, a row before it removed or inserted, a row without a valid hash, a
back-dated row). Read-only. Exit 0 when intact, 1 when broken, 2 when the database cannot be read.

With ``--key-file`` (the room key, kept outside the database) it also checks every action's HMAC:
a chain recomputed by someone with owner rights but without the key is caught. ``audit key init``
creates the key file (mode 0600) when it does not exist and records the key's fingerprint in the
room; from then on every process that writes to the room needs ``$GRID_AUDIT_KEY_FILE``.
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
    v.add_argument("--key-file", default=None, metavar="FILE",
                   help="the room key (kept outside the database): also check each action's HMAC")
    v.set_defaults(func=run_verify)
    k = tools.add_parser("key", help="key init --key-file F --db URL: sign the action log with a room key")
    k.add_argument("key_command", choices=("init",), metavar="init")
    k.add_argument("--key-file", required=True, metavar="FILE",
                   help="the room key file (created with mode 0600 when it does not exist)")
    k.add_argument("--db", default=None, metavar="URL", help="SQLAlchemy URL or SQLite file (default: the console's)")
    k.set_defaults(func=run_key)


def _url(text: str | None) -> str | None:
    return f"sqlite:///{text}" if text is not None and "://" not in text else text


def run_key(args: argparse.Namespace) -> int:
    from pathlib import Path

    from console.store import StoreError, open_store
    from console.store.audit import RoomKeyError, key_id, new_key_file, read_key_file

    path = Path(args.key_file)
    try:
        created = not path.exists()
        key = new_key_file(path) if created else read_key_file(path)
    except RoomKeyError as exc:
        print(f"audit key: {exc}", file=sys.stderr)
        return EXIT_STORE
    try:
        store = open_store(_url(args.db), audit_key=key)
        try:
            store.set_audit_key(key)
        finally:
            store.close()
    except StoreError as exc:
        print(f"audit key: {exc}", file=sys.stderr)
        return EXIT_STORE
    print(f"{'created' if created else 'read'} {path}; {store.label} signs its action log with key id {key_id(key)}")
    print(f"every seat and tool that writes to this room needs GRID_AUDIT_KEY_FILE={path.resolve()}; keep a copy "
          "of the file away from the database server")
    return EXIT_INTACT


def run_verify(args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from console.store import StoreError, open_store
    from console.store.audit import RoomKeyError, key_id, read_key_file

    key = None
    if args.key_file:
        try:
            key = read_key_file(args.key_file)
        except RoomKeyError as exc:
            print(f"audit verify: {exc}", file=sys.stderr)
            return EXIT_STORE
    try:
        store = open_store(_url(args.db), readonly=True)
    except StoreError as exc:
        print(f"audit verify: {exc}", file=sys.stderr)
        return EXIT_STORE
    try:
        stored = store.audit_key_id
        verdict = store.verify_audit(key)
    except sa.exc.SQLAlchemyError as exc:
        print(f"audit verify: {store.label}: cannot read the action log: {getattr(exc, 'orig', None) or exc}",
              file=sys.stderr)
        return EXIT_STORE
    finally:
        store.close()
    if key is not None and stored is not None and key_id(key) != stored:
        print(f"{store.label}: the key file is not this room's key (key id {key_id(key)}, the room's is {stored})")
        return EXIT_BROKEN
    if verdict.intact and key is not None and verdict.count and not verdict.signed:
        print(f"{store.label}: no action carries a room-key MAC ({verdict.count} actions): the signed actions were "
              "removed and the chain recomputed, or none was appended since the key was set")
        return EXIT_BROKEN
    if verdict.intact:
        if key is not None:
            print(f"intact ({verdict.count} actions, {verdict.signed} signed with the room key {key_id(key)}; "
                  f"head {verdict.head})")
        elif verdict.signed:
            print(f"intact ({verdict.count} actions; head {verdict.head}); {verdict.signed} signed with a room key "
                  "— not checked: give --key-file")
        else:
            print(f"intact ({verdict.count} actions; head {verdict.head})")
        return EXIT_INTACT
    print(f"{store.label}: {verdict.broken} ({verdict.count} actions before it are intact)")
    return EXIT_BROKEN
