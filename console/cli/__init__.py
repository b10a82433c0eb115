"""Command line: `python main.py [run]` opens the console; the other subcommands are tools.

Each capability registers its own subcommands (``register(subparsers)`` in a module of this
package); this module only parses, dispatches and turns user errors into one clear line.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

log = logging.getLogger("console")

# modules of this package that add subcommands, in --help order
_PLUGINS = (
    "feed",
    "grids",
    "cameras",
    "simulate",
    "officer",
    "db",
    "soak",
    "train",
    "score",
    "users",
    "audit",
    "link",
    "wall",
    "report",
    "triage",
    "patrols",
    "replay",
)


def _not_yet(name: str, owner: str):
    def run(_args: argparse.Namespace) -> int:
        print(f"{name}: not available yet — it arrives with {owner}.", file=sys.stderr)
        return 2

    return run


def build_parser() -> argparse.ArgumentParser:
    from console.cli import bench, run

    parser = argparse.ArgumentParser(
        prog="main.py",
        description="网格治理指挥台 — grid-governance command console. Without a subcommand: run.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run.register(sub)
    for name in _PLUGINS:
        try:
            module = importlib.import_module(f"console.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"console.cli.{name}":
                raise
            continue
        module.register(sub)
    have = set(sub.choices)
    for name, owner in (
        ("feed", "the live intake (issue 3)"),
        ("export", "the live intake (issue 3)"),
    ):
        if name not in have:
            p = sub.add_parser(name, help=f"(not available yet: {owner})")
            p.set_defaults(func=_not_yet(name, owner))
    bench.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # no subcommand (or only run options) → run
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "-v", "--verbose"):
        argv = ["run", *argv]
    elif argv[0] in ("-v", "--verbose") and (len(argv) == 1 or argv[1].startswith("-")):
        argv = [argv[0], "run", *argv[1:]]
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        args = parser.parse_args(["run", *argv])
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
