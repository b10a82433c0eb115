"""`python main.py replay`: replay (复盘) a recorded shift — the console read-only, or a headless dump.

    python main.py replay --db URL [--from ISO] [--to ISO] [--speed X]     # the replay window
    python main.py replay --db URL --at ISO --dump json                    # the room at one instant

An instant without an offset is the room's local time (Asia/Shanghai unless the recording says
otherwise). Every console database is a recording; it is opened read-only (only its replay snapshot
and bookmark tables are ever written).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="replay a recorded shift read-only (复盘), or dump the room at an instant")
    p.add_argument("--db", required=True, help="the recording: SQLAlchemy URL or SQLite file")
    p.add_argument("--from", dest="start", default=None, metavar="ISO", help="start the replay at this instant")
    p.add_argument("--to", dest="stop", default=None, metavar="ISO", help="stop the replay at this instant")
    p.add_argument("--speed", type=float, default=1.0, help="playback speed, 1–60 (default 1)")
    p.add_argument("--at", default=None, metavar="ISO", help="with --dump: the instant to dump")
    p.add_argument("--dump", choices=("json",), default=None, help="print the room at --at and exit (no window)")
    p.add_argument("--lang", default=None, help="UI language (zh_CN, en)")
    p.set_defaults(func=run)


def _url(db: str) -> str:
    return db if "://" in db else f"sqlite:///{db}"


def run(args: argparse.Namespace) -> int:
    from console.services.replay import ReplayError

    try:
        if args.dump:
            return _dump(args)
        if args.at:
            raise ReplayError("--at is for --dump json (the window starts at --from)")
        if not 1.0 <= args.speed <= 60.0:
            raise ReplayError(f"--speed must be between 1 and 60, not {args.speed:g}")
        from console.replay_app import run_replay_window

        return run_replay_window(_url(args.db), start=args.start, stop=args.stop, speed=args.speed, lang=args.lang)
    except ReplayError as exc:
        print(f"replay: {exc}", file=sys.stderr)
        return 2


def _dump(args: argparse.Namespace) -> int:
    from console.services.replay import ReplayError, RoomAt, parse_instant

    if not args.at:
        raise ReplayError("--dump json needs --at ISO (the instant to dump)")
    room = RoomAt.open(_url(args.db))
    try:
        at = parse_instant(args.at, room.tz)
        out = room.dump(at)
    finally:
        room.close()
    if room.snapshot_status != "loaded":
        log.info("replay snapshots: %s", room.snapshot_status)
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")
    return 0
