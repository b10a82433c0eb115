"""Subcommands of the live intake: ``feed`` (run a hub), ``record`` (headless recorder), ``export``.

    python main.py feed --port 8765 [--token-file F] --scenario normal_day [--speed X] [--rate R] [--seed S]
                        [--log DB] [--from PATH] [--cert C --key K] [--media DIR]
    python main.py record --connect wss://HOST:8765/feed [--token-file F] [--ca FILE] --db URL
                          [--exit-when-idle S]
    python main.py export --db URL --what events|actions|quarantine --format jsonl|csv [--out FILE]

The token comes from ``--token-file`` or ``$GRID_FEED_TOKEN`` (``--token`` is for tests: it warns).
Also runnable as ``python -m console.cli.feed feed ...``. User errors print one line and exit 2; a
recorder whose first connection fails prints one line and exits 3 (token refused) or 4 (any other).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from console.cli.feed_options import (
    CredentialError,
    add_tls_option,
    add_token_options,
    client_tls,
    token_from,
    warn,
)
from console.net.security import is_loopback_host

EXIT_USAGE = 2


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feed", help="run a feed hub with the simulator (or publish files with --from)")
    p.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="TCP port (0 = any free port; default 8765)")
    add_token_options(p, "bearer token clients must send")
    p.add_argument("--scenario", default=None,
                   help="simulator scenario: normal_day, typhoon, hotline_duplicates (default normal_day; "
                        "none with --from unless given)")
    p.add_argument("--speed", type=float, default=1.0, help="clock speed of the scenario (default 1)")
    p.add_argument("--rate", type=float, default=None, help="fixed events/s instead of the scenario clock (0 = max)")
    p.add_argument("--count", type=int, default=None, help="stop publishing after N events")
    p.add_argument("--seed", type=int, default=1, help="scenario seed (default 1)")
    p.add_argument("--backlog-hours", type=float, default=0.0, help="publish the last H hours at once")
    p.add_argument("--malformed", type=float, default=0.0, metavar="SHARE",
                   help="inject this share of malformed records (quarantine demo; default 0)")
    p.add_argument("--log", default=None, metavar="DB", help="hub log SQLite file (default: hub-log.sqlite3 in the data dir)")
    p.add_argument("--from", dest="from_path", default=None, metavar="PATH",
                   help="publish Open311 (.json), CAP (.xml) or protocol (.jsonl) files from a file or directory "
                        "(a bad file or record is skipped with its reason; files over 64 MiB are skipped)")
    p.add_argument("--district", default=None, metavar="DIR", help="district directory (default: resources/demo)")
    p.add_argument("--cert", default=None, help="TLS certificate (PEM) → wss://")
    p.add_argument("--key", default=None, help="TLS private key (PEM)")
    p.add_argument("--media", default=None, metavar="DIR", help="serve files of DIR at /media/<name>")
    p.add_argument("--broker", default=None, metavar="URL",
                   help="publish into NATS JetStream instead of serving websockets: nats://HOST:PORT/<subject> "
                        "(the token authenticates to the NATS server; consoles --connect the same URL)")
    p.set_defaults(func=run_feed)

    r = sub.add_parser("record", help="record a hub's stream into a database (headless)")
    r.add_argument("--connect", required=True, metavar="URL", help="hub URL, e.g. ws://10.1.2.3:8765/feed")
    add_token_options(r)
    add_tls_option(r)
    r.add_argument("--db", required=True, metavar="URL", help="SQLAlchemy URL or SQLite file path")
    r.add_argument("--exit-when-idle", type=float, default=None, metavar="S",
                   help="exit 0 after S seconds without new records (default: run until interrupted)")
    r.add_argument("--console-id", default=None,
                   help="console id used to subscribe (default: the room's id on PostgreSQL, recorder on SQLite)")
    r.add_argument("--seat", default=None,
                   help="name of this writer in the room (PostgreSQL: it records only while it holds the room's "
                        "intake lock; default recorder-PID)")
    r.set_defaults(func=run_record)

    e = sub.add_parser("export", help="export events, actions or the quarantine as JSON lines or CSV")
    e.add_argument("--db", required=True, metavar="URL", help="SQLAlchemy URL or SQLite file path")
    e.add_argument("--what", choices=("events", "actions", "quarantine"), default="events")
    e.add_argument("--format", dest="fmt", choices=("jsonl", "csv"), default="jsonl")
    e.add_argument("--out", default="-", help="output file (default: standard output)")
    e.set_defaults(func=run_export)


# ---- feed ------------------------------------------------------------------------------------------
def run_feed(args: argparse.Namespace) -> int:
    from console.net.adapters import AdapterError
    from console.net.hublog import HubLogError

    try:
        args.token = token_from(args)
    except CredentialError as exc:
        return _fail(str(exc))
    if not args.token:
        return _fail("a token is required ($GRID_FEED_TOKEN or --token-file FILE)")
    if bool(args.cert) != bool(args.key):
        return _fail("--cert and --key go together")
    if not args.cert and not is_loopback_host(args.host):
        warn(f"serving ws:// (no TLS) on {args.host}: the token and every record travel in clear text to "
             "consoles on other machines; use --cert/--key (wss://)")
    if args.media and not Path(args.media).is_dir():
        return _fail(f"--media {args.media}: not a directory")
    if args.rate is not None and args.rate < 0:
        return _fail("--rate must be >= 0")
    if args.rate == 0 and args.count is None:
        return _fail("--rate 0 (as fast as possible) needs --count")
    if args.speed <= 0:
        return _fail("--speed must be > 0")
    if args.district is None:
        from console.services.ingest import default_district_dir

        args.district = str(default_district_dir())
    try:
        return asyncio.run(_serve(args))
    except (AdapterError, HubLogError, OSError, ValueError) as exc:
        return _fail(str(exc))


def _record_key(obj: dict) -> str | None:
    """Log key of a loaded record: its id; a CAP Update/Cancel also names its own identifier."""
    eid = obj.get("id")
    if not isinstance(eid, str):
        return None
    cap = obj.get("cap")
    if isinstance(cap, dict) and cap.get("msg_type") in ("Update", "Cancel"):
        return f"{eid}@{cap.get('identifier')}"
    return eid


def _default_log() -> Path:
    from console.store import data_dir

    return Path(data_dir()) / "hub-log.sqlite3"


async def _serve(args: argparse.Namespace) -> int:
    from console.domain.district import load_district
    from console.net.adapters import load_path
    from console.net.hub import Hub, server_ssl_context
    from console.net.hublog import HubLog
    from console.net.protocol import dumps
    from console.net.simulator import SimConfig, Simulator

    ssl = server_ssl_context(args.cert, args.key) if args.cert else None
    hublog = HubLog(args.log or _default_log())
    hub: Any
    if args.broker:
        from console.net.broker import BrokerHub
        from console.net.jetstream import NatsCredentials

        hub = BrokerHub(hublog, args.broker, NatsCredentials(token=args.token))
    else:
        hub = Hub(hublog, args.token, host=args.host, port=args.port, ssl=ssl, media_dir=args.media)
    sim: Simulator | None = None
    try:
        if args.from_path:
            loaded = await asyncio.to_thread(load_path, args.from_path)  # bad files/records: skipped
            for problem in loaded.problems:
                print(f"skipped: {problem}", file=sys.stderr, flush=True)
            known = await asyncio.to_thread(hublog.keys, "event")
            fresh = []
            for kind, obj in loaded.records:
                key = _record_key(obj)
                if key is not None and key in known:
                    continue  # already published by an earlier run
                fresh.append((kind, dumps(obj), key))
            hub.publish_many(fresh)
            skipped = len(loaded.problems)
            print(f"published {len(fresh)} records from {args.from_path} ({len(loaded.records) - len(fresh)} "
                  f"already in the log); skipped {skipped}{' (reasons above)' if skipped else ''}", flush=True)
        scenario = args.scenario or (None if args.from_path else "normal_day")
        if scenario:
            district = await asyncio.to_thread(load_district, args.district)
            sim = Simulator(hub, district, SimConfig(
                scenario=scenario, seed=args.seed, speed=args.speed, rate=args.rate, count=args.count,
                backlog_hours=args.backlog_hours, malformed_share=args.malformed))
        try:
            await hub.start()
        except ConnectionError as exc:  # the broker refused the token, or no server answered
            return _fail(str(exc))
        print(f"feed hub {'publishing to' if args.broker else 'listening on'} {hub.url} "
              f"(log {hublog.path}, head {hublog.head})", flush=True)
        if sim is not None:
            sim.start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        print("feed hub stopping", flush=True)
        return 0
    finally:
        if sim is not None:
            await sim.stop()
        await hub.stop()
        hublog.close()


# ---- record / export ---------------------------------------------------------------------------------
def _db_url(text: str) -> str:
    return text if "://" in text else f"sqlite:///{Path(text).resolve()}"


def run_record(args: argparse.Namespace) -> int:
    from console.services.feed_start import FeedStartError
    from console.services.recorder import EXIT_UNAUTHORIZED, record
    from console.store import StoreError

    idle = math.inf if args.exit_when_idle is None else args.exit_when_idle
    if idle <= 0:
        return _fail("--exit-when-idle must be > 0")
    try:
        token = token_from(args)
        tls = client_tls(args, args.connect)
        db_url = _db_url(args.db)
        console_id = args.console_id or (None if db_url.startswith("postgresql") else "recorder")
        code = asyncio.run(record(args.connect, token, db_url, idle, console_id=console_id, ssl=tls,
                                  seat=args.seat))
    except FeedStartError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (StoreError, ValueError) as exc:  # CredentialError is a ValueError
        return _fail(str(exc))
    if code == EXIT_UNAUTHORIZED:
        print("error: the hub refused the token (HTTP 401)", file=sys.stderr)
    return code


def run_export(args: argparse.Namespace) -> int:
    from console.services.export import ExportReadError, export
    from console.store import StoreError

    url = _db_url(args.db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return _fail(f"{args.db}: no such database")
    try:
        n = export(url, args.what, args.fmt, args.out)  # opens the database read-only
    except ExportReadError as exc:
        kept = f" ({exc.rows:,} rows written to {args.out})" if args.out != "-" else ""
        print(f"error: {exc}{kept}", file=sys.stderr)
        return 1
    except (StoreError, ValueError, OSError) as exc:
        return _fail(str(exc))
    if args.out != "-":
        print(f"exported {n} {args.what} to {args.out}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m console.cli.feed")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.exit(main())
