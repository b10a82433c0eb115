"""`python main.py [run]`: open the console (the demo by default)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="open the console (default: embedded demo feed on the local SQLite)")
    p.add_argument("--db", help="SQLAlchemy URL (default: SQLite in the user data dir)")
    p.add_argument("--connect", metavar="URL", help="a real hub, e.g. ws://10.1.2.3:8765/feed")
    p.add_argument("--token-file", metavar="FILE",
                   help="read the bearer token for --connect from the first line of FILE (default: $GRID_FEED_TOKEN)")
    p.add_argument("--token", help="the bearer token itself — for tests only: every user sees it in ps")
    p.add_argument("--ca", metavar="FILE",
                   help="for a wss:// hub: also trust the CA certificates in FILE (PEM), e.g. its self-signed "
                        "certificate (the system trust store is always used)")
    p.add_argument("--seat", default=None, help="this workstation's seat id (default: host name)")
    p.add_argument("--officer", default=None, help="duty officer's name shown in the action log")
    p.add_argument("--user", default=None, metavar="LOGIN",
                   help="the account to sign in as (the login dialog opens with it filled in); without it a "
                        "SQLite database with no accounts signs in the demo officer")
    p.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="UI language (default: saved, else 中文)")
    p.add_argument("--basemap", metavar="PATH", help="offline basemap: XYZ tile directory or .mbtiles file")
    p.add_argument("--gcj02", action="store_true", help="the basemap tiles are in GCJ-02 coordinates")
    p.add_argument("--mqtt", metavar="URL", default=None,
                   help="MQTT broker of the grid workers' positions, e.g. mqtt://10.1.2.3:1883 "
                        "(the demo uses mqtt://127.0.0.1:1883 when reachable, else in-process patrols)")
    p.add_argument("--mqtt-user", metavar="NAME", default=None, help="user name on the positions broker")
    p.add_argument("--mqtt-password-file", metavar="FILE", default=None,
                   help="file whose first line is the password on the positions broker (with --mqtt-user)")
    p.add_argument("--mqtt-tls-ca", metavar="FILE", default=None,
                   help="TLS to the positions broker, trusting the CA certificates in FILE (PEM); mqtts:// URLs "
                        "use TLS with the system trust store")
    p.add_argument("--mqtt-tls-cert", metavar="FILE", default=None,
                   help="client certificate (PEM) when the positions broker asks for one (with --mqtt-tls-key)")
    p.add_argument("--mqtt-tls-key", metavar="FILE", default=None, help="the client certificate's private key (PEM)")
    p.add_argument("--mqtt-tls-insecure", action="store_true",
                   help="TLS without checking the broker's host name (a test broker only)")
    p.add_argument("--demo-speed", type=float, default=1.0, help="pace of the embedded demo feed")
    p.add_argument("--no-feed", action="store_true", help="open without any feed (offline review)")
    p.add_argument("--link", metavar="FILE", default=None,
                   help="link this room to its district/streets on NATS JetStream (TOML, see docs/federation.md)")
    p.add_argument("--quit-after", type=float, default=None, help=argparse.SUPPRESS)
    p.add_argument("--screenshot", metavar="DIR", default=None, help=argparse.SUPPRESS)
    # benchmark hook: print "USABLE <epoch s>" once the newest stored live events are rows of the
    # queue (first page), "ALL_ROWS" once all are, "SETTLED" once the deferred work is done, then quit
    p.add_argument("--report-usable", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from console.launch import run_console

    return run_console(args)
