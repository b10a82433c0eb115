"""``python main.py link --config FILE``: a room's link to the other levels' rooms, headless.

Runs the room's services (the same Core as the console: store, decision path, escalation) and its
:class:`~console.services.link.LinkService` until interrupted, printing the link's state when it
changes. Exit 2: a bad configuration or credentials file (one line naming it); 3: the NATS server
refused the credentials; 4: the database cannot be opened.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys

EXIT_USAGE, EXIT_UNAUTHORIZED, EXIT_STORE = 2, 3, 4


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("link", help="run a room's link to its district/streets on NATS JetStream (headless)")
    p.add_argument("--config", required=True, metavar="FILE", help="the room's link configuration (TOML)")
    p.add_argument("--db", default=None, metavar="URL", help="the room's database (default: db of the config)")
    p.add_argument("--exit-after", type=float, default=None, metavar="S", help="stop after S seconds (tests)")
    p.set_defaults(func=run_link)


def run_link(args: argparse.Namespace) -> int:
    from console.net.jetstream import read_credentials
    from console.net.security import CredentialError
    from console.services.link_config import LinkConfigError, load_link_config

    try:
        config = load_link_config(args.config)
        creds = read_credentials(config.credentials or "")
    except (LinkConfigError, CredentialError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    db = args.db or config.db
    if db and "://" not in db:
        from pathlib import Path

        db = f"sqlite:///{Path(db).resolve()}"
    return asyncio.run(_run(config, creds, db, args.exit_after))


async def _run(config, creds, db: str | None, exit_after: float | None) -> int:  # noqa: ANN001
    from console.core import Core, Options, StartupError
    from console.net.jetstream import NatsAuthError
    from console.services.link import LinkService

    try:
        core = Core(Options(db=db, seat=f"link-{config.room}", officer="link", no_feed=True))
    except StartupError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return EXIT_STORE
    last: list[str] = []

    def show(state) -> None:  # noqa: ANN001
        line = (f"link {state.room} ({state.level}): {state.status}; backlog up {state.backlog_up}, "
                f"down {state.backlog_down}; sent {state.sent}, applied {state.applied}, "
                f"quarantined {state.quarantined}")
        if not last or last[-1] != line:
            last.append(line)
            print(line, flush=True)

    core.bus.subscribe("link_state", show)
    link = LinkService(config, core.store, core.room, core.bus, core.decisions, core.escalation, core.district,
                       credentials=creds)
    try:
        try:
            await link.start()
        except NatsAuthError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_UNAUTHORIZED
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), exit_after)
        return 0
    finally:
        await link.stop()
        core.close()
