"""Whole-console figures: start-up with 100,000 stored live events.

``startup_to_usable_ms`` (target ≤ 2,000): from launching ``python main.py run`` on a database that
holds 100,000 open events until every one of them is a row of the live queue and the window has
painted — median of 3 launches, each a fresh process (interpreter start and imports included).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from console.bench.queue import synthetic_events
from console.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def build_db(path: Path, live: int) -> str:
    from console.app import load_or_seed_district

    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        load_or_seed_district(store)
        events = synthetic_events(live)
        for i in range(0, len(events), 5_000):
            store.events.insert_many(events[i : i + 5_000])
    finally:
        store.close()
    return url


def launch_once(url: str, home: Path) -> float:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        GRID_CONSOLE_DATA_DIR=str(home / "data"),
    )
    t0 = time.time()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "run", "--db", url, "--no-feed", "--report-usable"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("USABLE "):
            return (float(line.split()[1]) - t0) * 1000
    raise RuntimeError(f"console did not report usable (exit {proc.returncode}): {proc.stderr[-500:]}")


def figures(quick: bool = False) -> dict[str, float]:
    live = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        t0 = time.perf_counter()
        url = build_db(home / "console.db", live)
        build_s = time.perf_counter() - t0
        runs = [launch_once(url, home) for _ in range(3)]
    key = "startup_to_usable_ms" if not quick else "startup_to_usable_ms_10k"
    return {key: round(statistics.median(runs), 0), "startup_runs_ms": [round(r) for r in runs],
            "startup_db_build_s": round(build_s, 1)}
