"""Bench area ``room`` (issue 14): the room as one system on PostgreSQL.

- ``decision_commit_pg_p99_ms``: one officer decision (研判, :meth:`DecisionService.commit`: locked
  read, compare-and-set, action, change-log row and ``pg_notify``, commit) on PostgreSQL, p99.
- ``take_over_commit_pg_p99_ms``: a supervisor's take-over of a claim (接管研判: the claim's
  compare-and-set, the action and the change-log rows in one transaction) on PostgreSQL, p99.
- ``writer_failover_s``: the intake writer (``python main.py record``) killed with SIGKILL while the
  hub streams; time until the standby writer holds the room's lock and the room's feed position
  moves again. Three kills; the figure is the slowest.
- ``seat_sync_p99_ms``: four seats as separate processes (``console.bench.room_seat``, each set up
  as the console sets itself up and showing its queue dock offscreen), a writer, a hub streaming
  1,000 events/s, one PostgreSQL room: seat A commits a decision every 0.2 s; seats B, C and D note
  when their queue table has repainted after the row's change. Wall-clock timestamps (one machine:
  one clock), p99 over every (commit, follower) pair in the measured window (30 s after a warm-up;
  the seats all stop together afterwards). With it: ``seat_sync_p50_ms``, ``seat_sync_missing``
  (pairs never repainted: failures), ``seat_sync_changes_per_s`` (change-log rows a second: the
  feed really ran at its rate), ``seat_sync_cpu_pct`` (CPU per process over the window, % of one
  core: each seat, the writer, the hub, the PostgreSQL backends serving them, the machine's busy
  share of all cores and ``other`` — what the rest of the machine used) and ``seat_sync_load``.

Each runs in a fresh schema on the test server (``$GRID_CONSOLE_TEST_PG``, default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``), dropped afterwards. Without a server the
figures are ``None`` with ``room_skipped`` saying why.
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN_URL = os.environ.get("GRID_CONSOLE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TOKEN = "bench-token"
WARM_UP_S = 3.0
GRACE_S = 5.0  # after the measured window, before the seats stop: the last commits reach every seat


def _dsn() -> str:
    return PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")


@contextmanager
def pg_schema() -> Iterator[str]:
    import psycopg

    schema = f"bench_room_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_dsn(), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(_dsn(), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def pg_unreachable() -> str | None:
    """None when the PostgreSQL server answers, else why not."""
    import psycopg

    try:
        with psycopg.connect(_dsn(), connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL at {_dsn()} unreachable: {exc}".strip()


def p99(values: list[float]) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(0.99 * len(s)))] if s else float("nan")


# ---- decision_commit_pg_p99_ms ----------------------------------------------------------------------
def decision_commit(url: str, n: int) -> float:
    from console.core import RESOURCES
    from console.domain.district import load_district
    from console.domain.event import Event, Level, Location, Source
    from console.domain.ingest import IngestBatch
    from console.domain.sla import load_sla
    from console.services.bus import Bus
    from console.services.decisions import DecisionService
    from console.services.room import Room
    from console.store import open_store

    district = load_district(RESOURCES / "demo")
    micro = next(g for g in district.leaves if g.level == 4)
    lon, lat = district.geometries[micro.id].representative_point().coords[0]
    now = datetime.now(UTC)
    store = open_store(url)
    try:
        events = [Event(id=f"dc-{i}", source=Source.HOTLINE_12345, category="city.vending", title=f"占道经营 {i}",
                        reported_at=now - timedelta(minutes=1), location=Location(lat, lon), grid_id=micro.id)
                  for i in range(n)]
        store.commit_ingest(IngestBatch(last_seq=n, events=events), store.room_id)
        bus = Bus()
        room = Room(bus)
        svc = DecisionService(store, room, bus, district, table=load_sla(RESOURCES / "sla.toml"), seat="bench",
                              officer="bench")
        times = []
        for ev in events:
            plan = svc.plan_file(ev.id, "city.vending", Level.GENERAL, "bench")
            t = time.perf_counter()
            svc.commit(plan)
            times.append((time.perf_counter() - t) * 1000)
        return round(p99(times[10:]), 2)  # the first few warm the connection pool and the plans
    finally:
        store.close()


def take_over_commit(url: str, n: int) -> float:
    """A supervisor's take-over of another seat's claim on PostgreSQL (one transaction: the claim's
    compare-and-set, the event's holder, the room-log entry, the ``take_over`` action, change-log rows and
    ``pg_notify``), p99 in ms over ``n`` claims."""
    from console.core import RESOURCES
    from console.domain.district import load_district
    from console.domain.event import Event, Location, Source
    from console.domain.ingest import IngestBatch
    from console.domain.sla import load_sla
    from console.services.bus import Bus
    from console.services.decisions import CLAIM_TTL, DecisionService
    from console.services.room import Room
    from console.store import open_store

    district = load_district(RESOURCES / "demo")
    micro = next(g for g in district.leaves if g.level == 4)
    lon, lat = district.geometries[micro.id].representative_point().coords[0]
    now = datetime.now(UTC)
    store = open_store(url)
    try:
        events = [Event(id=f"to-{i}", source=Source.HOTLINE_12345, category="city.vending", title=f"占道经营 {i}",
                        reported_at=now - timedelta(minutes=1), location=Location(lat, lon), grid_id=micro.id)
                  for i in range(n)]
        store.commit_ingest(IngestBatch(last_seq=n, events=events), store.room_id)
        for ev in events:
            store.claims.claim(ev.id, "seat-1", "值班员", CLAIM_TTL, now)
        bus = Bus()
        svc = DecisionService(store, Room(bus), bus, district, table=load_sla(RESOURCES / "sla.toml"),
                              seat="supervisor", officer="值班长")
        times = []
        for ev in events:
            plan = svc.plan_take_over(ev.id, ("seat-1", "值班员"), datetime.now(UTC))
            t = time.perf_counter()
            svc.commit(plan)
            times.append((time.perf_counter() - t) * 1000)
        return round(p99(times[10:]), 2)
    finally:
        store.close()


# ---- processes ----------------------------------------------------------------------------------------
def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONUNBUFFERED="1", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))


def _spawn(*args: str, stderr: Any = subprocess.DEVNULL, stdin: Any = subprocess.DEVNULL) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, *args], cwd=str(ROOT), env=_env(), text=True,
                            stdout=subprocess.PIPE, stderr=stderr, stdin=stdin)


def _record(hub_url: str, url: str, seat: str) -> subprocess.Popen[str]:
    return _spawn("main.py", "record", "--connect", hub_url, "--token", TOKEN, "--db", url, "--seat", seat)


def _lock_held_by(conn: Any, seat: str) -> bool:
    row = conn.execute("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                       "WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = %s",
                       (f"grid-intake:{seat}",)).fetchone()
    return bool(row and row[0])


def _position(conn: Any, room_id: str) -> int:
    row = conn.execute("SELECT last_seq FROM feed_position WHERE console_id = %s", (room_id,)).fetchone()
    return int(row[0]) if row else 0


def _wait(pred: Any, limit: float, poll: float = 0.01) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(poll)
    return False


def writer_failover(url: str, kills: int = 3) -> list[float]:
    import psycopg

    from console.bench.feed import HubProcess
    from console.store import open_store

    store = open_store(url)
    room_id = store.room_id
    store.close()
    tmp = tempfile.mkdtemp(prefix="bench-room-")
    hub = HubProcess(Path(tmp) / "hub.sqlite3", "--rate", "200", "--count", "1000000", "--scenario", "normal_day",
                     token=TOKEN)
    hub.start()
    procs: list[subprocess.Popen[str]] = []
    out: list[float] = []
    sql_url = url.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(sql_url, autocommit=True) as conn:
            procs.append(_record(hub.url, url, "w-1"))
            if not _wait(lambda: _position(conn, room_id) > 0, 120):
                raise RuntimeError("the first writer did not start")
            for k in range(1, kills + 1):
                procs.append(_record(hub.url, url, f"w-{k + 1}"))  # the standby
                time.sleep(3.0)  # the standby is up and retrying the lock
                writer = procs[k - 1]
                t0 = time.perf_counter()
                writer.send_signal(signal.SIGKILL)
                writer.wait(10)
                at_kill = _position(conn, room_id)
                if not _wait(lambda k=k: _lock_held_by(conn, f"w-{k + 1}"), 60):
                    raise RuntimeError("no standby took the lock")
                if not _wait(lambda a=at_kill: _position(conn, room_id) > a, 60):
                    raise RuntimeError("the standby did not resume")
                out.append(round(time.perf_counter() - t0, 2))
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)
        hub.stop()
    return out


def _change_head(conn: Any, url: str) -> int:
    """The room's newest change-log seq (its schema is in the URL's search_path)."""
    schema = url.rsplit("search_path%3D", 1)[1]
    row = conn.execute(f'SELECT coalesce(max(seq), 0) FROM "{schema}".change_log').fetchone()
    return int(row[0]) if row else 0


def _pg_backends(conn: Any, pids: list[int]) -> list[int]:
    """The PostgreSQL backends serving these processes (matched by their client ports)."""
    from console.bench.proc_cpu import client_ports

    ports = client_ports(pids, 5432)
    if not ports:
        return []
    rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE client_port = ANY(%s)", (sorted(ports),)).fetchall()
    return [int(r[0]) for r in rows]


def seat_sync(url: str, duration: float, info: dict[str, Any] | None = None) -> list[float]:
    """Latencies (ms) of every (commit on A, row repainted on B/C/D) pair. ``info`` gets ``cpu_pct``
    (each process group's CPU, % of one core, over the measured window), ``missing_pairs`` (pairs
    whose repaint never came: failures) and ``changes_per_s`` (change-log rows a second: the feed's rate into the room)."""
    import psycopg

    from console.bench.feed import HubProcess
    from console.bench.proc_cpu import CpuMeter

    tmp = tempfile.mkdtemp(prefix="bench-room-")
    hub = HubProcess(Path(tmp) / "hub.sqlite3", "--rate", "1000", "--count", "10000000", "--scenario", "normal_day",
                     token=TOKEN)
    hub.start()
    procs: list[subprocess.Popen[str]] = []
    names: dict[str, subprocess.Popen[str]] = {}
    lines: dict[str, list[str]] = {}
    threads: list[threading.Thread] = []
    ready = threading.Event()
    window_end = float("inf")

    def collect(name: str, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.setdefault(name, []).append(line.strip())
            if line.startswith("READY ") and sum(1 for v in lines.values() for x in v if x.startswith("READY ")) == 4:
                ready.set()

    from console.core import load_or_seed_district
    from console.store import open_store

    store = open_store(url)
    load_or_seed_district(store)  # the room's district, once, before its seats start
    store.close()
    try:
        procs.append(_record(hub.url, url, "writer"))
        names["writer"] = procs[0]
        seats = [("A", "commit"), ("B", "follow"), ("C", "follow"), ("D", "follow")]
        for name, role in seats:
            proc = _spawn("-m", "console.bench.room_seat", "--db", url, "--seat", f"seat-{name}", "--role", role,
                          "--duration", str(duration + 120), "--every", "0.2", stdin=subprocess.PIPE,
                          stderr=open(Path(tmp) / f"seat-{name}.log", "w"))  # noqa: SIM115 - the child owns it
            procs.append(proc)
            names[f"seat-{name}"] = proc
            t = threading.Thread(target=collect, args=(name, proc), daemon=True)
            t.start()
            threads.append(t)
        if ready.wait(duration + 120):
            time.sleep(WARM_UP_S)
            with psycopg.connect(_dsn(), autocommit=True) as conn:
                ours = [p.pid for p in procs]
                groups = {name: (lambda p=p: [p.pid]) for name, p in names.items()}
                groups["hub"] = lambda: [hub.proc.pid] if hub.proc is not None else []
                groups["postgres"] = lambda: _pg_backends(conn, ours)
                meter = CpuMeter(groups)
                head0 = _change_head(conn, url)
                meter.start()
                end = time.monotonic() + duration
                while time.monotonic() < end:
                    time.sleep(1.0)
                    meter.sample()
                figures = meter.stop()
                head1 = _change_head(conn, url)
                if info is not None:
                    info["cpu_pct"] = figures
                    info["changes_per_s"] = round((head1 - head0) / duration)
            window_end = time.time()
            time.sleep(GRACE_S)  # the last commits' rows reach the other seats
        for p in procs[1:]:  # every seat stops at once, after the measured window
            with contextlib.suppress(OSError):
                assert p.stdin is not None
                p.stdin.write("stop\n")
                p.stdin.close()
        for p in procs[1:]:
            p.wait(60)
        for t in threads:
            t.join(10)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)
        hub.stop()
    # commits count once every seat follows the room, after a warm-up (the first pages, the backlog)
    ready_at = [float(line.split()[1]) for v in lines.values() for line in v if line.startswith("READY ")]
    start = (max(ready_at) if len(ready_at) == 4 else float("inf")) + WARM_UP_S
    commits = {}
    for line in lines.get("A", []):
        if line.startswith("COMMIT "):
            _, eid, stamp = line.split()
            if start <= float(stamp) <= window_end:
                commits[eid] = float(stamp)
    lat: list[float] = []
    for name in ("B", "C", "D"):
        for line in lines.get(name, []):
            if line.startswith("SEEN "):
                _, eid, stamp = line.split()
                if eid in commits:
                    lat.append((float(stamp) - commits[eid]) * 1000)
    if os.environ.get("ROOM_SEAT_TRACE"):
        for name in ("B", "C", "D"):
            for line in lines.get(name, []):
                parts = line.split()
                if len(parts) > 2 and parts[0] not in ("READY",) and parts[1] in commits:
                    c = commits[parts[1]]
                    with contextlib.suppress(ValueError):  # two threads' lines can interleave
                        print(name, parts[0], parts[1], *[f"{(float(x) - c) * 1000:.0f}" for x in parts[2:4]],
                              *parts[4:], f"@{c:.6f}", file=sys.stderr)
    if info is not None:  # (commit, follower) pairs never seen: each counts as a failure of the bar
        info["missing_pairs"] = 3 * len(commits) - len(lat)
    if not lat:
        tails: dict[str, list[str]] = {k: v[-3:] for k, v in lines.items()}
        tails["A-stderr"] = (Path(tmp) / "seat-A.log").read_text()[-600:].splitlines()
        raise RuntimeError(f"no seat-sync samples: {tails}")
    return lat


def figures(quick: bool = False) -> dict[str, Any]:
    reason = pg_unreachable()
    if reason:
        return {"decision_commit_pg_p99_ms": None, "take_over_commit_pg_p99_ms": None, "writer_failover_s": None,
                "seat_sync_p99_ms": None,
                "room_skipped": reason}
    out: dict[str, Any] = {}
    with pg_schema() as url:
        out["decision_commit_pg_p99_ms"] = decision_commit(url, 200 if quick else 1_000)
    with pg_schema() as url:
        out["take_over_commit_pg_p99_ms"] = take_over_commit(url, 200 if quick else 500)
    with pg_schema() as url:
        runs = writer_failover(url, 1 if quick else 3)
        out["writer_failover_s"] = max(runs)
        out["writer_failover_runs_s"] = runs
    with pg_schema() as url:
        info: dict[str, Any] = {}
        lat = seat_sync(url, 10.0 if quick else 30.0, info)
        out["seat_sync_p99_ms"] = round(p99(lat), 1)
        out["seat_sync_p50_ms"] = round(statistics.median(lat), 1) if lat else None
        out["seat_sync_samples"] = len(lat)
        out["seat_sync_cpu_pct"] = info.get("cpu_pct")  # % of one core per process over the measured window
        out["seat_sync_missing"] = info.get("missing_pairs")
        out["seat_sync_changes_per_s"] = info.get("changes_per_s")
        out["seat_sync_load"] = round(os.getloadavg()[0], 2)
    return out
