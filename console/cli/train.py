"""`python main.py train`: training mode (培训模式) — a recorded shift played again for a trainee.

    python main.py train --from RECORDED_URL --db SANDBOX_URL --trainee NAME
                         [--start ISO] [--hours H] [--speed X] [--seed N]

The recorded shift's arrivals (from ``--start``, default its first arrival, for ``--hours``) are
played through an embedded hub at ``--speed`` into the sandbox database, and the normal console
opens on the sandbox with a training watermark, the live score dock and 【培训】 before every
outgoing command. The field answers the trainee's own dispatches (the simulator's field units,
seeded by ``--seed``), not the recorded statuses. ``--db`` may not be the recording itself nor a
live room's database; such a choice is refused with one line (exit 2) and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

ROOM_ZONE = "Asia/Shanghai"


def db_url(text: str) -> str:
    return text if "://" in text else f"sqlite:///{text}"


def parse_instant(text: str, tz: str = ROOM_ZONE) -> datetime:
    """ISO 8601; without an offset it is read in the room's zone."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=ZoneInfo(tz))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="training mode: a recorded shift played again into a sandbox for a trainee")
    p.add_argument("--from", dest="recording", required=True, metavar="RECORDED_URL",
                   help="the recorded shift (SQLAlchemy URL or SQLite file); read only")
    p.add_argument("--db", required=True, metavar="SANDBOX_URL",
                   help="the sandbox database (new, or an earlier training sandbox)")
    p.add_argument("--trainee", required=True, help="the trainee's name (the officer in the sandbox's action log)")
    p.add_argument("--start", default=None, help="window start, ISO 8601 (default: the first recorded arrival)")
    p.add_argument("--hours", type=float, default=8.0, help="window length in hours (default 8)")
    p.add_argument("--speed", type=float, default=1.0, help="playback speed (default 1: as recorded)")
    p.add_argument("--seed", type=int, default=1, help="seed of the field units' behaviour")
    p.add_argument("--seat", default="training", help="seat id in the sandbox")
    p.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="UI language")
    p.add_argument("--basemap", metavar="PATH", help="offline basemap: XYZ tile directory or .mbtiles file")
    p.add_argument("--quit-after", type=float, default=None, help=argparse.SUPPRESS)
    p.add_argument("--screenshot", metavar="DIR", default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from console.services.training import TrainingRefused, plan_summary, prepare

    try:
        start = parse_instant(args.start) if args.start else None
    except ValueError:
        print(f"train: --start {args.start!r} is not an ISO 8601 time", file=sys.stderr)
        return 2
    args.db = db_url(args.db)
    try:
        plan = prepare(db_url(args.recording), args.db, args.trainee, start=start, hours=args.hours,
                       speed=args.speed, seed=args.seed)
    except TrainingRefused as exc:
        print(f"train: {exc}", file=sys.stderr)
        return 2
    print(f"train: {plan_summary(plan)}", file=sys.stderr)
    args.officer = plan.trainee
    from console.training_app import run_training

    code, score = run_training(args, plan)
    if score is not None:  # the trainee's totals at the end (the full report: `score`)
        print(json.dumps({"trainee": score["trainee"], "played_events": score["played_events"],
                          "totals": score["totals"]["trainee"]}, ensure_ascii=False))
    return code
