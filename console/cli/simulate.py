"""`python main.py simulate`: play a scenario shift through the real services on a fake clock."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from console.cli.signin import EXIT_SIGN_IN, SignInFailed, add_sign_in_options, sign_in


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="simulate a shift with a scripted officer policy; prints KPIs")
    p.add_argument("--scenario", default="normal_day", help="scenario name (normal_day, typhoon, hotline_duplicates)")
    p.add_argument("--hours", type=float, default=24.0, help="simulated hours (default 24)")
    p.add_argument("--policy", choices=("none", "suggested"), default="suggested",
                   help="none: nobody dispatches; suggested: dispatch to the suggested department")
    p.add_argument("--delay", type=float, default=20.0, help="seconds before the officer dispatches (suggested)")
    p.add_argument("--seed", type=int, default=1, help="scenario and field-behaviour seed")
    p.add_argument("--start", default="2026-11-23T00:00:00+08:00", help="shift start (RFC 3339)")
    p.add_argument("--db", default=None, help="SQLAlchemy URL or SQLite file to persist the shift (default: in memory only)")
    p.add_argument("--sla", default=None, help="SLA table (default resources/sla.toml)")
    p.add_argument("--district", default=None, help="district directory (default resources/demo)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_sign_in_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from console.domain.district import DistrictError, load_district
    from console.domain.scenario import SCENARIOS, generate
    from console.domain.sla import SlaConfigError
    from console.domain.sla_config import DEFAULT_SLA_PATH, load_sla
    from console.services.simulate import Shift, ShiftConfig

    err = sys.stderr.write
    if args.scenario not in SCENARIOS:
        err(f"simulate: unknown scenario {args.scenario!r}; choose one of {', '.join(SCENARIOS)}\n")
        return 2
    if not args.hours > 0:
        err("simulate: --hours must be positive\n")
        return 2
    if args.delay < 0:
        err("simulate: --delay must not be negative\n")
        return 2
    try:
        start = datetime.fromisoformat(args.start)
    except ValueError:
        err(f"simulate: --start is not an RFC 3339 time: {args.start!r}\n")
        return 2
    if start.tzinfo is None:
        err("simulate: --start needs a UTC offset, e.g. 2026-11-23T00:00:00+08:00\n")
        return 2
    start = start.astimezone(UTC)
    sla_path = Path(args.sla) if args.sla else DEFAULT_SLA_PATH
    try:
        table = load_sla(sla_path)
        sla_text = sla_path.read_text(encoding="utf-8")  # recorded as the table in force (replay reads it)
    except SlaConfigError as exc:
        err(f"simulate: {exc}\n")
        return 2
    except OSError as exc:
        err(f"simulate: cannot read the SLA table {sla_path}: {exc}\n")
        return 2
    district_dir = Path(args.district) if args.district else Path(__file__).resolve().parents[2] / "resources" / "demo"
    try:
        district = load_district(district_dir)
    except (DistrictError, OSError) as exc:
        err(f"simulate: cannot load the district from {district_dir}: {exc}\n")
        return 2
    if args.user and not args.db:
        err("simulate: --user needs --db (the room whose accounts sign in; without --db the shift runs in memory "
            "as the demo officer)\n")
        return EXIT_SIGN_IN
    from console.store import open_store
    from console.store.errors import StoreError

    try:
        url = args.db if not args.db or "://" in args.db else f"sqlite:///{args.db}"  # a file path too
        store = open_store(url or "sqlite://")
    except StoreError as exc:
        err(f"simulate: {exc}\n")
        return 2
    try:
        try:  # the embedded shift keeps the demo officer; a room with accounts needs --user
            account = sign_in(store, args, tz=district.info.timezone)
        except SignInFailed as exc:
            err(f"simulate: {exc}\n")
            return EXIT_SIGN_IN
        stream = generate(args.scenario, district, seed=args.seed, start=start, hours=args.hours)
        cfg = ShiftConfig(policy=args.policy, delay_s=args.delay, seed=args.seed)
        result = Shift(stream, start=start, hours=args.hours, table=table, config=cfg, store=store,
                       district=district, sla_source=(str(sla_path), sla_text), account=account).run()
    finally:
        store.close()
    result = {"scenario": args.scenario, **result}
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        for key, value in result.items():
            sys.stdout.write(f"{key:28s} {value}\n")
    return 0
