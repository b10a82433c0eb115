"""Whole-console figures: start-up with 100,000 stored live events.

``startup_to_usable_ms`` (target ≤ 2,000): from launching ``python main.py run`` on a database that
holds 100,000 open events until the window has painted with the newest 2,000 of them as rows of
the live queue — the first page of the start-up load; the queue sorts newest first, so that is
what the officer sees and acts on (the child prints ``USABLE <epoch>``) — median of 3 launches,
each a fresh process (interpreter start and imports included). The other pages are read while the
officer already works, with a progress label in the status bar.

``startup_all_rows_ms``: until every one of the 100,000 is a row of the queue (``ALL_ROWS``), with
``startup_loading_gui_lateness_p99_ms``: meanwhile, how late a 10 ms GUI timer fired (p99) — how
smooth the console is while the rest loads.

``startup_all_loaded_ms``: until the work deferred past that is done too — the map's markers and
the escalation board (the GUI thread is idle again: five 20 ms sleeps in a row each end less than
50 ms late), then the SLA clock's heap filled and its timer armed (the child prints
``SETTLED <epoch>``). Not included: the breaches that timer then fires (10 per loop turn) and the
escalations they cause.

Each launch gets its own copy of the freshly built database: a launch changes what it opens (the
SLA clock escalates overdue events), so reusing one file would measure a different room each time.
``startup_child_cpu_s`` is the child's CPU time (all threads), a figure less sensitive to a loaded
machine than wall time; ``startup_calibration_loop_1m_ms`` (a fixed loop timed just before each
launch) and ``load_average_1m`` say how loaded the machine was.
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


def launch_once(url: str, home: Path) -> dict[str, float]:
    """ms to USABLE, ALL_ROWS and SETTLED, the loading lateness p99 and child CPU seconds of one launch."""
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
    marks = {"cpu": cpu}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        if key in ("USABLE", "ALL_ROWS", "SETTLED"):
            marks[key] = (float(value) - t0) * 1000
        elif key == "LOADING_LATENESS_P99_MS":
            marks[key] = float(value)
    if "USABLE" not in marks:
        raise RuntimeError(f"console did not report usable (exit {proc.returncode}): {err[-500:]}")
    return marks


def figures(quick: bool = False) -> dict[str, float]:
    live = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        t0 = time.perf_counter()
        pristine = home / "pristine.db"
        build_db(pristine, live)
        build_s = time.perf_counter() - t0
        runs = []
        calibration = []
        for i in range(3):
            db = home / f"console-{i}.db"
            shutil.copyfile(pristine, db)
            calibration.append(_calibration_ms())
            runs.append(launch_once(f"sqlite:///{db}", home))
    suffix = "" if not quick else "_10k"

    def med(key: str, digits: int = 0) -> float | None:
        values = [r[key] for r in runs if key in r]
        return round(statistics.median(values), digits or None) if values else None

    return {
        f"startup_to_usable_ms{suffix}": med("USABLE"),
        f"startup_all_rows_ms{suffix}": med("ALL_ROWS"),
        f"startup_loading_gui_lateness_p99_ms{suffix}": med("LOADING_LATENESS_P99_MS", 1),
        f"startup_all_loaded_ms{suffix}": med("SETTLED"),
        "startup_runs_ms": [round(r["USABLE"]) for r in runs],
        "startup_all_rows_runs_ms": [round(r["ALL_ROWS"]) for r in runs if "ALL_ROWS" in r],
        "startup_child_cpu_s": med("cpu", 2),
        "startup_db_build_s": round(build_s, 1),
        "load_average_1m": round(os.getloadavg()[0], 2),
        # wall ms of a fixed pure-Python loop just before each launch (median): how busy the shared
        # machine was — the lateness figure is wall time, so it grows on a loaded machine
        "startup_calibration_loop_1m_ms": round(statistics.median(calibration), 1),
    }


def _calibration_ms() -> float:
    """Wall ms of 1M iterations of a plain loop (console/bench/queue.py's workload, one run)."""
    t0 = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i & 7
    return (time.perf_counter() - t0) * 1000
