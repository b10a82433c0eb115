"""Store benchmarks: feed commit throughput and history search over a million events.

``figures(quick=False)`` returns ``store_insert_events_per_s`` and ``history_search_1m_ms`` (plus
build time and secondary figures). Everything runs in temporary directories.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from console.domain.event import Event, Level, Location, Source
from console.domain.ingest import IngestBatch
from console.store import open_store
from console.store.codec import EVENT_COLUMNS

ROADS = ["中山路", "人民路", "解放大道", "滨江路", "建设路", "新华街", "南桥路", "西航港大道", "黄岛路", "文化街",
         "长江路", "和平里", "友谊路", "胜利街", "光明巷", "青年路"]
ISSUES = [
    ("city_appearance", "占道经营"), ("city_appearance", "垃圾暴露"), ("flood", "道路积水"), ("greening", "树木倒伏"),
    ("building", "违章搭建"), ("environment", "噪音扰民"), ("facility", "井盖缺失"), ("facility", "路灯损坏"),
    ("environment", "油烟扰民"), ("utility", "停电"), ("safety", "消防通道堵塞"), ("dispute", "邻里纠纷"),
    ("traffic", "机动车乱停放"), ("safety", "燃气泄漏"), ("sanitation", "污水外溢"), ("market", "无证摊贩"),
    ("dispute", "拖欠工资"), ("facility", "电梯故障"), ("safety", "高空抛物"), ("environment", "焚烧垃圾"),
]
DETAILS = ["请尽快处理", "影响居民出行", "已持续多日", "现场有围观群众", "多次反映未解决", "夜间尤为严重", "存在安全隐患"]
SOURCES = list(Source)
GRIDS = [f"G4-{i:03d}" for i in range(1, 152)]
LEVEL_WEIGHTS = ([Level.GENERAL, Level.SIGNIFICANT, Level.MAJOR, Level.CRITICAL], [85, 10, 4, 1])
YEAR_START = datetime(2025, 1, 1, tzinfo=UTC)
YEAR_US = 365 * 86_400 * 1_000_000


def realistic_event(rng: random.Random, n: int, reported_at: datetime, seq: int | None = None) -> Event:
    category, issue = rng.choice(ISSUES)
    road = rng.choice(ROADS)
    address = f"{road}{rng.randint(1, 999)}号"
    grid = rng.choice(GRIDS)
    return Event(
        id=f"ev-{n:09d}",
        source=rng.choice(SOURCES),
        category=category,
        title=f"{road}{issue}",
        description=f"群众反映{address}附近{issue}，{rng.choice(DETAILS)}。",
        level=rng.choices(*LEVEL_WEIGHTS)[0],
        reported_at=reported_at,
        location=Location(30.5 + rng.random() * 0.2, 114.2 + rng.random() * 0.2, address),
        grid_id=grid,
        reporter_name=rng.choice(["张伟", "王芳", "李娜", "刘洋", "陈静", None]),
        reporter_phone=f"13{rng.randint(0, 999_999_999):09d}",
        seq=seq,
    )


def event_stream(count: int, seed: int = 7, start: datetime | None = None) -> Iterator[Event]:
    """``count`` events one second apart with seq 1..count."""
    rng = random.Random(seed)
    t0 = start or datetime.now(UTC)
    for n in range(1, count + 1):
        yield realistic_event(rng, n, t0 + timedelta(seconds=n), seq=n)


def insert_run(events: int = 50_000, batch_size: int = 1_000, cpu: list[float] | None = None) -> float:
    """Events/s (wall clock) committing ``events`` through ``Store.commit_ingest`` into a fresh SQLite file.

    ``cpu`` receives the rate by process CPU time too (steadier on a shared, loaded machine).
    """
    stream = list(event_stream(events))
    batches = [
        IngestBatch(last_seq=stream[min(i + batch_size, events) - 1].seq or 0, events=stream[i : i + batch_size])
        for i in range(0, events, batch_size)
    ]
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        try:
            started, cpu_started = time.perf_counter(), time.process_time()
            for batch in batches:
                store.commit_ingest(batch)
            elapsed, cpu_elapsed = time.perf_counter() - started, time.process_time() - cpu_started
        finally:
            store.close()
    if cpu is not None:
        cpu.append(events / cpu_elapsed)
    return events / elapsed


def calibration_ms() -> float:
    """CPU ms for a fixed pure-Python loop: compare figures across machines and load."""
    started = time.process_time()
    sum(range(10_000_000))
    return (time.process_time() - started) * 1000


def _history_rows(count: int, seed: int) -> Iterator[tuple[Any, ...]]:
    """Row tuples in ``EVENT_COLUMNS`` order, built directly (no Event objects) for speed.

    Spread over one year, ~10% still open, same vocabulary as :func:`realistic_event`.
    """
    rng = random.Random(seed)
    rand, randrange = rng.random, rng.randrange
    states = ["closed"] * 90 + ["resolved"] * 4 + ["dispatched"] * 3 + ["new"] * 3
    levels = ["general"] * 85 + ["significant"] * 10 + ["major"] * 4 + ["critical"]
    sources = [s.value for s in SOURCES]
    names = ["张伟", "王芳", "李娜", "刘洋", "陈静", None]
    start = int(YEAR_START.timestamp()) * 1_000_000
    for n in range(1, count + 1):
        category, issue = ISSUES[randrange(len(ISSUES))]
        road = ROADS[randrange(len(ROADS))]
        address = f"{road}{randrange(1, 1000)}号"
        at = start + randrange(YEAR_US)
        yield (
            f"ev-{n:09d}", sources[randrange(len(sources))], category, f"{road}{issue}", at,
            f"群众反映{address}附近{issue}，{DETAILS[randrange(len(DETAILS))]}。", levels[randrange(100)],
            30.5 + rand() * 0.2, 114.2 + rand() * 0.2, address, GRIDS[randrange(len(GRIDS))],
            names[randrange(len(names))], f"13{randrange(1_000_000_000):09d}", None, None, None,
            states[randrange(100)], at, n, at, None, None, None, None, None, None, 0, None, None, False, False, None, 0,
        )


def build_history_db(path: Path, count: int = 1_000_000, seed: int = 11, phases: dict[str, float] | None = None) -> float:
    """Create a store at ``path`` holding ``count`` events; return the build time in seconds.

    Bulk path: indexes and FTS triggers are dropped, rows go in with raw ``executemany`` in large
    transactions, then indexes are recreated and the FTS index rebuilt in one pass.
    """
    started = time.perf_counter()
    open_store(f"sqlite:///{path}").close()
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        raw.execute("PRAGMA synchronous = OFF")
        raw.execute("PRAGMA cache_size = -262144")
        ddl = raw.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'events' AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL"
        ).fetchall()
        for kind, name, _sql in ddl:
            raw.execute(f"DROP {kind.upper()} {name}")
        insert = f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
        rows = _history_rows(count, seed)
        while True:
            chunk = [row for _, row in zip(range(100_000), rows, strict=False)]
            if not chunk:
                break
            raw.execute("BEGIN")
            raw.executemany(insert, chunk)
            raw.execute("COMMIT")
        mark = time.perf_counter()
        raw.execute("BEGIN")
        for _kind, _name, sql in ddl:
            raw.execute(sql)
        raw.execute("COMMIT")
        indexed = time.perf_counter()
        raw.execute("BEGIN")
        raw.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
        raw.execute("UPDATE fts_state SET indexed_rid = (SELECT coalesce(max(rid), 0) FROM events) WHERE id = 1")
        raw.execute("COMMIT")
        raw.execute("ANALYZE")
        if phases is not None:
            phases.update(rows_s=mark - started, indexes_s=indexed - mark, fts_s=time.perf_counter() - indexed)
    finally:
        raw.close()
    return time.perf_counter() - started


def search_timings(path: Path, runs: int = 20, seed: int = 5, text_only: bool = False) -> list[float]:
    """Milliseconds per search: text + 10 grids + a 7-day window (or text alone), limit 100."""
    rng = random.Random(seed)
    store = open_store(f"sqlite:///{path}")
    timings = []
    try:
        for _ in range(runs):
            since = YEAR_START + timedelta(days=rng.randrange(358))
            issue = rng.choice(ISSUES)[1]
            started = time.perf_counter()
            if text_only:
                found = store.events.search(text=issue, limit=100)
            else:
                found = store.events.search(
                    text=issue, grid_ids=rng.sample(GRIDS, 10), since=since, until=since + timedelta(days=7), limit=100
                )
            timings.append((time.perf_counter() - started) * 1000)
            assert all(issue in (e.title + (e.description or "")) for e in found)
    finally:
        store.close()
    return timings


def load_open_ms(path: Path) -> tuple[float, int]:
    store = open_store(f"sqlite:///{path}")
    try:
        started = time.perf_counter()
        live = store.events.load_open()
        return (time.perf_counter() - started) * 1000, len(live)
    finally:
        store.close()


def figures(quick: bool = False) -> dict[str, float]:
    """Store figures; ``quick`` builds 100,000 history events instead of 1,000,000.

    The 1,000,000-event build takes ~85 s of CPU (minutes of wall time on a loaded machine).
    """
    out: dict[str, float] = {"calibration_sum_1e7_cpu_ms": round(calibration_ms(), 1)}
    cpu_rates: list[float] = []
    out["store_insert_events_per_s"] = round(statistics.median(insert_run(cpu=cpu_rates) for _ in range(3)))
    out["store_insert_events_per_cpu_s"] = round(statistics.median(cpu_rates))
    size = 100_000 if quick else 1_000_000
    label = "100k" if quick else "1m"
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        path = Path(tmp) / "history.db"
        phases: dict[str, float] = {}
        out[f"history_build_{label}_s"] = round(build_history_db(path, size, phases=phases), 1)
        out.update({f"history_build_{label}_{k}": round(v, 1) for k, v in phases.items()})
        out[f"history_search_{label}_ms"] = round(statistics.median(search_timings(path)), 2)
        out[f"history_text_only_search_{label}_ms"] = round(statistics.median(search_timings(path, text_only=True)), 2)
        ms, live = load_open_ms(path)
        out["load_open_ms"] = round(ms, 1)
        out["load_open_events"] = live
    out["calibration_sum_1e7_cpu_ms_after"] = round(calibration_ms(), 1)
    return out


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(figures(quick="--quick" in sys.argv), indent=2))
