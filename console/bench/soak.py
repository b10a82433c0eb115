"""Soak (issue 13): the console's services against the simulator for hours of room time, sped up.

``python main.py soak --hours 24 --speed 600 [--db URL] [--json]`` runs the console without views —
:class:`console.core.Core` (store, room, SLA clock with automatic escalation, the one decision
service) and the scripted officer (:mod:`console.services.officer`) on the live feed — against an
embedded hub + simulator (the demo feed, :class:`console.services.ingest.EmbeddedDemoHub`). Everything
runs on one sped-up room clock (:class:`console.services.sla_clock.ScaledClock`): the simulator's
pacing and stamps, arrivals, decisions, SLA deadlines and the officer's delays, so a day of the
room takes ``24 h / speed`` and deadlines breach and escalate as they would in a day.

Every simulated hour the process's resident memory is sampled (after a full collection), with the
sizes of the services' long-lived structures beside it to find what grows. The figure:

    soak_rss_growth_pct = (RSS at the end − RSS at hour 2) / RSS at hour 2 × 100    (bar ≤ 10)

Hour 2, not hour 0: the first hours fill the room, the caches and the interpreter's arenas.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CONSOLE_ID = "soak"
BASE_HOUR = 2  # the growth is measured from this hour (warm) to the end
START_HOUR = 7  # local time of day the room clock starts at (the backlog covers the two hours before)
CST = timezone(timedelta(hours=8))
BENCH_HOURS = 24.0
BENCH_SPEED = 1440.0  # a day in a minute: the bench area stays well under 3 minutes
Sample = dict[str, Any]


def day_start(now: datetime | None = None) -> datetime:
    """The room clock starts at the last ``START_HOUR`` o'clock (China time): the same day profile
    whenever the soak runs — hour 2 is in the morning peak, not in the quiet of some night."""
    local = (now or datetime.now(UTC)).astimezone(CST)
    start = local.replace(hour=START_HOUR, minute=0, second=0, microsecond=0)
    if start > local:
        start -= timedelta(days=1)
    return start.astimezone(UTC)


def rss_mb() -> float:
    """Resident set size of this process in MiB (Linux: /proc; elsewhere the peak)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _native_mb() -> dict[str, float]:
    """SQLite's own allocations and the C heap in use / free (glibc), in MiB, where available."""
    out: dict[str, float] = {}
    try:
        import ctypes
        import ctypes.util
        import sqlite3

        lib = ctypes.CDLL(ctypes.util.find_library("sqlite3") or "libsqlite3.so.0")
        if lib.sqlite3_libversion_number() == sqlite3.sqlite_version_info[0] * 1_000_000 + \
                sqlite3.sqlite_version_info[1] * 1000 + sqlite3.sqlite_version_info[2]:
            lib.sqlite3_memory_used.restype = ctypes.c_int64
            out["sqlite_mb"] = round(lib.sqlite3_memory_used() / 2**20, 2)

        class MallInfo2(ctypes.Structure):
            _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                        "fsmblks", "uordblks", "fordblks", "keepcost")]

        libc = ctypes.CDLL(None)
        libc.mallinfo2.restype = MallInfo2
        info = libc.mallinfo2()
        out["malloc_in_use_mb"] = round(info.uordblks / 2**20, 2)
        out["malloc_free_mb"] = round(info.fordblks / 2**20, 2)
    except (OSError, AttributeError, ValueError):
        pass
    return out


def growth_pct(by_hour: list[float]) -> float | None:
    """(end − hour 2) / hour 2 × 100; from the first sample when the soak is shorter than 3 hours."""
    if len(by_hour) < 2:
        return None
    base = by_hour[BASE_HOUR] if len(by_hour) > BASE_HOUR + 1 else by_hour[0]
    return round((by_hour[-1] - base) / base * 100.0, 2)


def _sizes(core: Any, officer: Any, demo: Any) -> Sample:
    """The services' long-lived structures (what a leak would show in)."""
    from console.services import decisions

    sla = core.sla
    hub = demo.hub
    return {
        "room_events": len(core.room.events),
        "room_day_tallies": len(core.room._by_day),
        "sla_tracked": len(sla._tracked),
        "sla_heap": len(sla._heap),
        "sla_fired": len(sla._fired),
        "officer_tried": len(officer.tried),
        "broadcasts": len(core.escalation.broadcasts),
        "whistles": len(core.escalation.whistles),
        "decision_tasks": len(decisions._tasks),
        "core_tasks": len(core.tasks.tasks),
        "hub_tail": len(hub._tail) if hub is not None else 0,
        "sim_tasks": len(demo.simulator._tasks) if demo.simulator is not None else 0,
        "py_objects": len(gc.get_objects()),
        **_native_mb(),
    }


async def soak(hours: float, speed: float, *, db: str | None = None, workdir: Path, scenario: str = "normal_day",
               seed: int = 1, on_hour: Callable[[Sample], None] | None = None,
               sign_in: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """Run the soak in ``workdir`` (the hub log, and the store unless ``db`` names one).
    ``sign_in(core)``: the account the officer decides as (``python main.py soak``: ``--user``, or the
    demo officer); it may raise to stop before anything runs (the store is closed)."""
    from console.core import Core, Options, tune_gc
    from console.services.ingest import EmbeddedDemoHub, IngestService
    from console.services.officer import ScriptedOfficer
    from console.services.sla_clock import ScaledClock

    tune_gc()
    clock = ScaledClock(speed, start=day_start())
    core = Core(Options(db=db or f"sqlite:///{workdir / 'soak.db'}", seat="soak-seat", officer="soak-officer",
                        no_feed=True), clock=clock)
    if sign_in is not None:
        try:
            core.sign_in(sign_in(core))
        except BaseException:
            core.close()
            raise
    rng = random.Random(seed)
    stopping = False

    def call_later(delay: float, fn: Callable[[], None]) -> Any:  # the officer's next step, unless stopping
        return clock.call_later(delay, lambda: None if stopping else fn())

    officer = ScriptedOfficer(core.decisions, core.triage, core.bus, policy="suggested", delay_s=20.0,
                              call_later=call_later, verify_delay=lambda: rng.uniform(60.0, 600.0))
    demo = EmbeddedDemoHub(workdir / "hub", district=core.district, scenario=scenario, seed=seed, speed=speed,
                           backlog_hours=2.0, clock=clock.now)
    samples: list[Sample] = []
    t0 = time.perf_counter()
    try:
        url = await demo.start()
        pages = await core.load_first_page()
        await core.load_other_pages(pages)
        core.sla.start()
        core.ingest = IngestService(core.store, core.room, core.bus, url, demo.token, console_id=CONSOLE_ID,
                                    district=core.district, clock=clock.now)
        core.ingest.start()
        start = clock.now()
        for hour in range(int(hours) + 1):
            await clock.sleep_until(start + timedelta(hours=hour))
            gc.collect()
            sample = {"hour": hour, "rss_mb": round(rss_mb(), 1), "wall_s": round(time.perf_counter() - t0, 1),
                      "received": core.ingest.client.committed_records, **_sizes(core, officer, demo)}
            samples.append(sample)
            if on_hour is not None:
                on_hour(sample)
    finally:
        stopping = True
        core.sla.stop()
        await _drain_decisions()
        if core.ingest is not None:
            await core.ingest.stop()
        await demo.stop()
        await core.tasks.cancel_all()
        await _drain_decisions()
        stored = core.store.events.count()
        core.close()
    by_hour = [s["rss_mb"] for s in samples]
    return {
        "soak_hours": hours,
        "soak_speed": speed,
        "soak_scenario": scenario,
        "soak_wall_s": round(time.perf_counter() - t0, 1),
        "soak_rss_mb_by_hour": by_hour,
        "soak_rss_growth_pct": growth_pct(by_hour),
        "soak_events_stored": stored,
        "soak_records_received": samples[-1]["received"] if samples else 0,
        "soak_open_events": samples[-1]["room_events"] if samples else 0,
        "soak_escalations": core.escalation.escalations,
        "soak_officer": {k: v for k, v in vars(officer.stats).items() if k != "errors"},
        "soak_hourly": samples,
    }


async def _drain_decisions() -> None:
    """Let the decisions already started finish (they commit on worker threads), bounded."""
    from console.services import decisions

    pending = list(decisions._tasks)
    if pending:
        _done, late = await asyncio.wait(pending, timeout=10.0)
        for t in late:
            t.cancel()
        await asyncio.gather(*late, return_exceptions=True)


def run_soak(hours: float, speed: float, *, db: str | None = None, scenario: str = "normal_day", seed: int = 1,
             on_hour: Callable[[Sample], None] | None = None,
             sign_in: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """Run :func:`soak` on a fresh event loop in a temporary directory (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="grid-soak-") as tmp:
        return asyncio.run(soak(hours, speed, db=db, workdir=Path(tmp), scenario=scenario, seed=seed,
                                on_hour=on_hour, sign_in=sign_in))


def figures() -> dict[str, Any]:
    """The bench area: a day of the room at ``BENCH_SPEED``."""
    logging.getLogger("console").setLevel(logging.WARNING)
    r = run_soak(BENCH_HOURS, BENCH_SPEED)
    return {k: r[k] for k in ("soak_rss_growth_pct", "soak_rss_mb_by_hour", "soak_hours", "soak_speed",
                              "soak_events_stored", "soak_escalations")}
