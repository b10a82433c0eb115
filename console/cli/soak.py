"""`python main.py soak`: the console's services against the simulator for hours of room time (issue 13).

    python main.py soak --hours 24 --speed 600 [--db URL] [--scenario normal_day] [--json]

Runs the console without views (store, room, SLA clock, decision service, escalation, the scripted
officer) against an embedded hub + simulator on a sped-up room clock, and reports the resident
memory every simulated hour and its growth from hour 2 to the end (``console/bench/soak.py``).
Exit 0; 1 when the growth is over ``--max-growth`` (default 10 %).
"""

from __future__ import annotations

import argparse
import json
import sys

from console.cli.signin import add_sign_in_options
from console.domain.scenario import SCENARIOS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("soak", help="run the services against the simulator for hours of room time (memory)")
    p.add_argument("--hours", type=float, default=24.0, help="hours of room time (default 24)")
    p.add_argument("--speed", type=float, default=600.0,
                   help="room seconds per wall second (default 600: a day in 2.4 minutes)")
    p.add_argument("--db", default=None, help="SQLAlchemy URL or SQLite file (default: a temporary file)")
    p.add_argument("--scenario", choices=SCENARIOS, default="normal_day")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--max-growth", type=float, default=10.0, metavar="PCT",
                   help="exit 1 when RSS grew more than this from hour 2 to the end (default 10)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    add_sign_in_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.hours <= 0 or args.speed <= 0:
        print("soak: --hours and --speed must be positive", file=sys.stderr)
        return 2
    from console.bench.soak import run_soak

    def progress(sample: dict) -> None:
        if not args.json:
            print(f"hour {sample['hour']:>3}: RSS {sample['rss_mb']:7.1f} MiB, {sample['received']} records, "
                  f"{sample['room_events']} open (wall {sample['wall_s']} s)", flush=True)

    db = args.db if args.db is None or "://" in args.db else f"sqlite:///{args.db}"
    from console.cli.signin import EXIT_SIGN_IN, SignInFailed, sign_in

    def account_of(core: object) -> object:  # signed in on the soak's store, before anything runs
        return sign_in(core.store, args, tz=core.district.info.timezone)  # type: ignore[attr-defined]

    try:
        result = run_soak(args.hours, args.speed, db=db, scenario=args.scenario, seed=args.seed, on_hour=progress,
                          sign_in=account_of)
    except SignInFailed as exc:
        print(f"soak: {exc}", file=sys.stderr)
        return EXIT_SIGN_IN
    growth = result["soak_rss_growth_pct"]
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"RSS growth from hour 2 to the end: {growth} % (bar ≤ {args.max_growth:g} %)")
    return 1 if growth is not None and growth > args.max_growth else 0
