"""Queue benchmarks: 100k live events in the Room and the QueueModel (DESIGN §4.5).

``figures()`` returns milliseconds / megabytes; targets: sort ≤ 100 ms, filter ≤ 50 ms, inserting a
batch of 1,000 into a model holding 100k rows (bus handler + flush, with a table view attached)
≤ 20 ms, process RSS with 100k live events ≤ 500 MB.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.domain.event import Event, Level, Location, Source, State
from console.qtmodels.queue_model import QueueModel
from console.qtmodels.queue_rows import COL_AGE, COL_LEVEL, COL_TITLE
from console.services.bus import Bus
from console.services.room import Room
from console.views.queue_view import QueueView

LIVE = 100_000
BATCH = 1_000
TARGETS = {
    "queue_sort_100k_ms": 100.0,
    "queue_filter_100k_ms": 50.0,
    "queue_insert_1k_ms": 20.0,
    "rss_mb_100k_live": 500.0,
}
_T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
_TITLES = ("占道经营", "垃圾暴露", "井盖缺失", "噪音扰民", "违章搭建", "道路积水", "树木倒伏", "消防通道堵塞")
_LEVELS = (Level.GENERAL,) * 12 + (Level.SIGNIFICANT,) * 5 + (Level.MAJOR, Level.CRITICAL)
_STATES = (State.NEW, State.FILED, State.DISPATCHED, State.ACCEPTED, State.ON_SCENE, State.RESOLVED)
_SOURCES = tuple(Source)


def synthetic_events(n: int, *, start: int = 0, now: datetime = _T0) -> list[Event]:
    """Deterministic, varied live events (titles, levels, states, sources, grids, deadlines)."""
    out = []
    for i in range(start, start + n):
        received = now - timedelta(seconds=(LIVE - i) * 3)
        out.append(
            Event(
                id=f"bench-{i:07d}",
                source=_SOURCES[i % len(_SOURCES)],
                category="unclassified",
                title=f"{_TITLES[i % len(_TITLES)]} 第{i}号",
                reported_at=received - timedelta(seconds=20),
                received_at=received,
                description=f"群众反映{_TITLES[(i * 7) % len(_TITLES)]}，位置在海湾路{i % 500}号附近，请尽快处理。",
                level=_LEVELS[i % len(_LEVELS)],
                location=Location(22.5 + (i % 1000) * 1e-4, 113.9 + (i % 977) * 1e-4, f"海湾路{i % 500}号"),
                grid_id=f"grid-{i % 151:03d}",
                state=_STATES[i % len(_STATES)],
                assignees=["dept.cg"] if i % 3 else [],
                deadline_at=received + timedelta(hours=4),
            )
        )
    return out


def _rss_mb() -> float:
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _ms(fn: Any, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000.0)
    return statistics.median(runs)


def _calibration_ms() -> float:
    """A fixed pure-Python workload: compare figures across machines / loaded moments with it."""

    def work() -> None:
        total = 0
        for i in range(1_000_000):
            total += i & 7

    return _ms(work, 3)


def figures(quick: bool = False) -> dict[str, Any]:
    """Measure the queue at 100k live rows; ``quick`` takes one sample per figure instead of three."""
    app = QApplication.instance() or QApplication([])
    repeat = 1 if quick else 3
    rss_before = _rss_mb()
    bus = Bus()
    now = _T0
    room = Room(bus, clock=lambda: now)
    room.load(synthetic_events(LIVE))
    model = QueueModel(room, bus, clock=lambda: now, seat_id="seat-1", tick_ms=0)
    view = QueueView(model)
    view.resize(1400, 800)
    view.show()
    app.processEvents()
    rss = _rss_mb()

    sort_ms = {
        "level": _ms(lambda: model.sort(COL_LEVEL, Qt.SortOrder.DescendingOrder), repeat),
        "title": _ms(lambda: model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder), repeat),
        "age": _ms(lambda: model.sort(COL_AGE, Qt.SortOrder.AscendingOrder), repeat),
    }
    levels = frozenset({Level.MAJOR, Level.CRITICAL})

    def level_filter() -> None:
        model.set_filter(levels=levels)
        model.set_filter(levels=None)

    def text_filter() -> None:
        model.set_filter(text="海湾路42号")
        model.set_filter(text="")

    # each callable applies a filter and clears it again: two passes over 100k rows, halved below
    filter_ms = {
        "level": _ms(level_filter, repeat) / 2,
        "text": _ms(text_filter, repeat) / 2,
    }
    app.processEvents()

    insert_runs = []
    for k in range(2 if quick else 5):
        batch = synthetic_events(BATCH, start=LIVE + k * BATCH, now=now + timedelta(hours=1))
        t = time.perf_counter()
        bus.publish("events_added", events=batch)
        model.flush()
        insert_runs.append((time.perf_counter() - t) * 1000.0)
        app.processEvents()
    rows_after = model.rowCount()
    counts_ms = _ms(room.counts_by_grid, repeat)  # what the grid tree / status bar pay per recount
    view.close()
    view.deleteLater()
    app.processEvents()
    return {
        "queue_sort_100k_ms": round(max(sort_ms.values()), 1),
        "queue_sort_100k_ms_by_column": {k: round(v, 1) for k, v in sort_ms.items()},
        "queue_filter_100k_ms": round(max(filter_ms.values()), 1),
        "queue_filter_100k_ms_by_facet": {k: round(v, 1) for k, v in filter_ms.items()},
        "queue_insert_1k_ms": round(statistics.median(insert_runs), 1),
        "queue_insert_1k_ms_max": round(max(insert_runs), 1),
        "rss_mb_100k_live": round(rss, 1),
        "rss_mb_100k_live_delta": round(rss - rss_before, 1),  # what the room + model + view added
        "room_counts_by_grid_100k_ms": round(counts_ms, 1),
        "rows_after_inserts": rows_after,
        "load_average_1m": round(os.getloadavg()[0], 2),
        "calibration_loop_1m_ms": round(_calibration_ms(), 1),  # machine speed at measurement time
        "cpus": os.cpu_count(),
        "targets": TARGETS,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(figures(), ensure_ascii=False, indent=2))
