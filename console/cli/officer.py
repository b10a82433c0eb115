"""`python main.py officer`: the scripted duty officer, headless, on a live hub (issue 11).

    python main.py officer --connect wss://HOST:PORT/feed [--token-file F] [--ca FILE] --db URL
                           --policy suggested [--delay S] [--verify-delay S] [--exit-when-idle S]
                           [--seat ID] [--user LOGIN --password-file F] [--json]

It works the room exactly as the console does — the same Core (store, room, SLA clock with automatic
escalation, the one decision service) and the same feed client — with
:class:`console.services.officer.ScriptedOfficer` deciding instead of a person: it claims, dispatches
the suggestion after ``--delay``, verifies resolved work, and re-dispatches returned work to the
next suggestion. It is the load generator and the training baseline of later work.

It signs in as one of the room's accounts (``--user LOGIN --password-file F`` or
``$GRID_CONSOLE_PASSWORD``, the login dialog's rules and lockout; ``console.cli.signin``) — on a room
without accounts as the demo officer — and every action it records carries that account and its seat.
A refused sign-in is one line and exit code 2.

The token comes from ``--token-file`` or ``$GRID_FEED_TOKEN`` (``--token`` is for tests). A first
connection that fails (TLS, refused, HTTP 401, …) stops it at once with one line and exit code 3
(token refused) or 4 (any other failure).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import sys
from dataclasses import asdict
from typing import Any

from console.cli.feed_options import (
    CredentialError,
    add_tls_option,
    add_token_options,
    client_tls,
    token_from,
)
from console.cli.signin import EXIT_SIGN_IN, SignInFailed, add_sign_in_options, sign_in

log = logging.getLogger(__name__)
EXIT_UNAUTHORIZED = 3


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("officer", help="a scripted duty officer working a live hub (headless)")
    p.add_argument("--connect", required=True, help="hub URL, e.g. ws://127.0.0.1:8765/feed")
    add_token_options(p)
    add_tls_option(p)
    p.add_argument("--db", required=True, help="SQLAlchemy URL or SQLite file of this seat's (or the room's) store")
    p.add_argument("--policy", choices=("none", "suggested"), default="suggested")
    p.add_argument("--delay", type=float, default=20.0, help="seconds before dispatching an event (default 20)")
    p.add_argument("--verify-delay", type=float, default=30.0, help="seconds before verifying resolved work")
    p.add_argument("--exit-when-idle", type=float, default=None, metavar="S",
                   help="exit after S seconds without new records and with nothing left to decide")
    p.add_argument("--seat", default="officer-bot", help="seat id")
    p.add_argument("--intake", choices=("auto", "never"), default="auto",
                   help="auto: take part in the room's intake (always the writer on SQLite; on PostgreSQL the "
                        "seat holding the room's lock); never: only follow the room (PostgreSQL)")
    p.add_argument("--officer", default="脚本值班员",
                   help="the actor's name when signed in as the demo officer (else the account's name)")
    add_sign_in_options(p)
    p.add_argument("--json", action="store_true", help="print the officer's figures as one JSON object")
    p.set_defaults(func=run)


def _db_url(text: str) -> str:
    return text if "://" in text else f"sqlite:///{text}"


def run(args: argparse.Namespace) -> int:
    if args.delay < 0 or args.verify_delay < 0:
        print("officer: --delay and --verify-delay must not be negative", file=sys.stderr)
        return 2
    from console.core import Core, Options, StartupError
    from console.services.feed_start import FeedStartError

    try:
        args.token = token_from(args)
        args.tls = client_tls(args, args.connect)
    except (CredentialError, ValueError) as exc:
        print(f"officer: {exc}", file=sys.stderr)
        return 2
    try:
        core = Core(Options(db=_db_url(args.db), seat=args.seat, officer=args.officer, no_feed=True))
    except StartupError as exc:
        print(f"officer: {exc}", file=sys.stderr)
        return 2
    try:
        account = sign_in(core.store, args, tz=core.district.info.timezone)
    except SignInFailed as exc:
        core.close()
        print(f"officer: {exc}", file=sys.stderr)
        return EXIT_SIGN_IN
    core.sign_in(demo_named(account, args.officer))
    try:
        code, stats = asyncio.run(_work(core, args))
    except FeedStartError as exc:
        print(f"officer: {exc}", file=sys.stderr)
        return exc.exit_code
    finally:
        core.close()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
    return code


async def _work(core: Any, args: argparse.Namespace) -> tuple[int, dict]:
    from console.net.client import Status
    from console.services.feed_start import FeedStartError, StartWatch, wait_started
    from console.services.ingest import IngestService
    from console.services.officer import ScriptedOfficer

    loop = asyncio.get_running_loop()
    officer = ScriptedOfficer(core.decisions, core.triage, core.bus, policy=args.policy, delay_s=args.delay,
                              call_later=lambda delay, fn: loop.call_later(delay, fn),
                              verify_delay=lambda: args.verify_delay)
    activity = [loop.time()]  # the room's last change: the idle clock of a seat that does not write

    def touched(**_payload: Any) -> None:
        activity[0] = loop.time()

    for name in ("events_added", "events_changed", "events_removed"):
        core.bus.subscribe(name, touched)
    pages = await core.load_first_page()
    await core.load_other_pages(pages)
    core.sla.start()
    watch = StartWatch()
    core.bus.subscribe("feed_state", watch.on_event_feed_state)
    postgres = core.store.dialect == "postgresql"

    async def make_ingest() -> IngestService:
        return IngestService(core.store, core.room, core.bus, args.connect, args.token,
                             console_id=core.room_id, district=core.district, ssl=args.tls)

    if args.intake == "never" and not postgres:
        print("officer: --intake never needs a PostgreSQL room (on SQLite this seat is the writer)", file=sys.stderr)
        return 2, {}
    await core.start_room(make_ingest if args.intake == "auto" else None, connect=args.connect,
                          token=args.token, ssl=args.tls)
    idle_limit = math.inf if args.exit_when_idle is None else args.exit_when_idle
    code = 0
    try:
        if not postgres:  # the one seat: its intake runs at once, and a failing first connection stops it
            await core.election.decided.wait()
            if core.ingest is not None:
                await wait_started(core.ingest.client, watch)
        else:
            try:
                await asyncio.wait_for(core.command_link.connected.wait(), 15.0)
            except TimeoutError:
                raise FeedStartError(args.connect, "unreachable", "the hub did not answer within 15 s") from None
        started = loop.time()
        while True:
            await asyncio.sleep(0.2)
            client = core.ingest.client if core.ingest is not None else None
            if client is not None and client.state.status is Status.UNAUTHORIZED:
                print("officer: the hub refused the token", file=sys.stderr)
                code = EXIT_UNAUTHORIZED
                break
            last = max(started, activity[0], client.last_activity if client is not None else 0.0)
            if loop.time() - last >= idle_limit and not officer.busy:
                break
    finally:
        last_seq = core.ingest.client.state.last_seq if core.ingest is not None else core.store.feed_position(
            core.room_id)
        terms = core_writer_terms(core)
        await core.stop_room()
        core.sla.stop()
        await core.tasks.cancel_all()
    stats = {**asdict(officer.stats), "last_seq": last_seq, "open_events": len(core.room.events),
             "writer_terms": terms}
    log.info("officer done: %s", stats)
    return code, stats


def demo_named(account: Any, name: str | None) -> Any:
    """The demo officer acts under the tool's ``--officer`` name (its login stays ``demo``)."""
    from dataclasses import replace

    from console.services.accounts import DEMO_LOGIN

    return replace(account, name=name) if account.login == DEMO_LOGIN and name else account


def core_writer_terms(core: Any) -> int:
    """How many times this seat became the room's intake writer."""
    return 0 if core.election is None else int(core.election.gained)
