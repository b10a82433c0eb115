"""`python main.py bench --json`: one JSON object of named figures.

Each area's figures come from ``console.bench.<area>.figures()``, run in its own child process
(offscreen Qt) so one area's memory, threads or crash cannot skew or stop another's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

AREAS = ("app", "live", "store", "domain", "feed", "queue", "officer", "decisions", "map", "video", "sla", "soak",
         "room", "link", "wall", "triage", "tracks", "replay")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="measure the named speed figures (JSON with --json)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--only", default="", help=f"comma-separated areas of: {', '.join(AREAS)}")
    p.add_argument("--quick", action="store_true", help="smaller data sets (smoke run)")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per area")
    p.set_defaults(func=run)


def _run_area(area: str, quick: bool, timeout: float) -> dict:
    code = (
        "import inspect, json, sys\n"
        f"from console.bench.{area} import figures\n"
        f"kw = {{'quick': {quick!r}}} if 'quick' in inspect.signature(figures).parameters else {{}}\n"
        "r = figures(**kw)\n"
        "sys.stdout.write('\\n@@BENCH@@' + json.dumps(r) + '\\n')\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    if area != "triage":  # the console would train its classifier in the background and skew the timings
        env.setdefault("GRID_CONSOLE_TRIAGE_MODEL", "0")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=env
        )
    except subprocess.TimeoutExpired:
        return {f"{area}_error": f"timed out after {timeout:.0f} s"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("@@BENCH@@"):
            out = json.loads(line[len("@@BENCH@@") :])
            out[f"{area}_bench_s"] = round(time.perf_counter() - t0, 1)
            return out
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return {f"{area}_error": f"exit {proc.returncode}: " + " | ".join(tail)}


def run(args: argparse.Namespace) -> int:
    areas = [a for a in (args.only.split(",") if args.only else AREAS) if a]
    unknown = [a for a in areas if a not in AREAS]
    if unknown:
        print(f"bench: unknown area(s) {', '.join(unknown)}; known: {', '.join(AREAS)}", file=sys.stderr)
        return 2
    results: dict = {"cpu_count": os.cpu_count()}
    for area in areas:
        if not args.json:
            print(f"… {area}", file=sys.stderr, flush=True)
        results.update(_run_area(area, args.quick, args.timeout))
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for k, v in results.items():
            print(f"{k:40s} {v}")
    return 1 if any(k.endswith("_error") for k in results) else 0
