"""Whole-console figures: start-up with 100,000 stored live events.

``startup_to_usable_ms`` (target ≤ 2,000): from launching ``python main.py run`` on a database that
holds 100,000 open events until every one of them is a row of the live queue and the window has
painted (the child prints ``USABLE <epoch>``) — median of 3 launches, each a fresh process
(interpreter start and imports included).

``startup_all_loaded_ms``: until the work deferred past that first paint is done too — the map's
markers and the escalation board (the GUI thread is idle again: five 20 ms sleeps in a row each end
less than 50 ms late), then the SLA clock's heap filled and its timer armed (the child prints
``SETTLED <epoch>``). Not included: the breaches that timer then fires (10 per loop turn) and the
escalations they cause.

Each launch gets its own copy of the freshly built database: a launch changes what it opens (the
SLA clock escalates overdue events), so reusing one file would measure a different room each time.
``startup_child_cpu_s`` is the child's CPU time (all threads), a figure less sensitive to a loaded
machine than wall time.
"""

from __future__ import annotations

import os
import resource
import shutil
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


def launch_once(url: str, home: Path) -> tuple[float, float | None, float]:
    """(ms to usable, ms to settled or None, child CPU seconds) of one launch."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        GRID_CONSOLE_DATA_DIR=str(home / "data"),
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "run", "--db", url, "--no-feed", "--report-usable"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        out, err = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime  # the reaped child's
    marks = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        if key in ("USABLE", "SETTLED"):
            marks[key] = (float(value) - t0) * 1000
    if "USABLE" not in marks:
        raise RuntimeError(f"console did not report usable (exit {proc.returncode}): {err[-500:]}")
    return marks["USABLE"], marks.get("SETTLED"), cpu


def figures(quick: bool = False) -> dict[str, float]:
    live = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        t0 = time.perf_counter()
        pristine = home / "pristine.db"
        build_db(pristine, live)
        build_s = time.perf_counter() - t0
        runs = []
        for i in range(3):
            db = home / f"console-{i}.db"
            shutil.copyfile(pristine, db)
            runs.append(launch_once(f"sqlite:///{db}", home))
    suffix = "" if not quick else "_10k"
    usable = [r[0] for r in runs]
    settled = [r[1] for r in runs if r[1] is not None]
    return {
        f"startup_to_usable_ms{suffix}": round(statistics.median(usable)),
        f"startup_all_loaded_ms{suffix}": round(statistics.median(settled)) if settled else None,
        "startup_runs_ms": [round(r) for r in usable],
        "startup_all_loaded_runs_ms": [round(r) for r in settled],
        "startup_child_cpu_s": round(statistics.median(r[2] for r in runs), 2),
        "startup_db_build_s": round(build_s, 1),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
