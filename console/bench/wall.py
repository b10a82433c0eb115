"""Wall and report benchmarks (issue 16).

- ``wall_refresh_ms``: one refresh of the wall's data with every tile recomputed, over a room of
  100,000 open events and 7 days of history, while the room changes (50 events written between two
  refreshes) — the median of 15; ``wall_refresh_cold_ms`` is the first (full) read.
- ``wall_frame_ms``: one 1920×1080 frame of the busiest page (the slowest median over the pages)
  with the same data; per-page medians alongside.
- ``report_day_ms``: the report of a day with 10,000 events, data and file, the slower of PDF and
  XLSX (``report_day_pdf_ms``, ``report_day_xlsx_ms``).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)  # 15:30 in the room


def _room(path: Path, *, open_extra: int, per_day: int, days: int) -> tuple[Any, Any, Any]:
    from console.bench.wall_room import build_room
    from console.core import load_or_seed_district
    from console.domain.sla_config import DEFAULT_SLA_PATH, load_sla
    from console.store import open_store

    table = load_sla(DEFAULT_SLA_PATH)
    store = open_store(f"sqlite:///{path}")
    district = load_or_seed_district(store)
    build_room(store, district, table, NOW, days=days, history_per_day=per_day, open_extra=open_extra)
    store.close()
    return table, district, f"sqlite:///{path}"


def _touch(url: str, k: int, n: int = 50) -> None:
    """Write ``n`` open events as the room does: a state change, a version bump and an action each."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as c:
        rows = c.execute(sa.text(
            "SELECT rid, id, state FROM events WHERE state IN ('dispatched', 'accepted') ORDER BY rid "
            "LIMIT :n OFFSET :o"), {"n": n, "o": (k * n) % 5000}).all()
        at = int(NOW.timestamp() * 1e6)
        for rid, eid, state in rows:
            to = "accepted" if state == "dispatched" else "on_scene"
            c.execute(sa.text("UPDATE events SET state = :to, version = version + 1 WHERE rid = :rid"),
                      {"to": to, "rid": rid})
            c.execute(sa.text("INSERT INTO actions (event_id, at, kind, actor, from_state, to_state) "
                              "VALUES (:e, :at, 'transition', 'bench-unit', :frm, :to)"),
                      {"e": eid, "at": at, "frm": state, "to": to})
    engine.dispose()


def wall_figures(tmp: Path, quick: bool) -> dict[str, Any]:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QWidget

    from console.services.wall_data import WallDataService
    from console.store import open_store
    from console.views.wall.pages import PAGES
    from console.views.wall.window import WallScreen

    app = QApplication.instance() or QApplication([])
    n_open = 10_000 if quick else 100_000
    table, district, url = _room(tmp / "wall.db", open_extra=n_open, per_day=300, days=7)
    store = open_store(url, readonly=True)
    svc = WallDataService(store, table, clock=lambda: NOW)
    t0 = time.perf_counter()
    snap = svc.refresh()
    cold = (time.perf_counter() - t0) * 1000
    runs, runs_cpu = [], []
    for k in range(5 if quick else 15):
        _touch(url, k)
        t0, c0 = time.perf_counter(), time.thread_time()
        snap = svc.refresh()  # reads and computes on this thread (as on the wall's worker thread)
        runs_cpu.append((time.thread_time() - c0) * 1000)
        runs.append((time.perf_counter() - t0) * 1000)
    compute = statistics.median([svc.compute(NOW, []).compute_ms for _ in range(5)])
    screen = WallScreen(district, pages=PAGES, dwell=20, clock=lambda: NOW, height=1080)
    screen.resize(1920, 1080)
    screen.show()
    screen.apply(snap)
    img = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    per_page: dict[str, float] = {}
    per_page_cpu: dict[str, float] = {}
    for i, name in enumerate(PAGES):
        screen._show_page(i)
        for _ in range(3):
            app.processEvents()
        times, cpu = [], []
        for _ in range(5 if quick else 20):
            screen.tick()  # the once-a-second work: countdown, clock, staleness
            screen.pages[name].update()
            t0, c0 = time.perf_counter(), time.thread_time()
            QWidget.render(screen, img)  # the whole 1920×1080 window: header and page
            cpu.append((time.thread_time() - c0) * 1000)
            times.append((time.perf_counter() - t0) * 1000)
        per_page[name] = statistics.median(times)
        per_page_cpu[name] = statistics.median(cpu)
    applies = []
    for k in range(3):
        _touch(url, 100 + k)
        snap = svc.refresh()
        t0 = time.perf_counter()
        screen.apply(snap)  # every page takes the new data (the map writes only what changed)
        applies.append((time.perf_counter() - t0) * 1000)
    apply_ms = statistics.median(applies)
    screen.close()
    store.close()
    busiest = max(per_page, key=per_page.__getitem__)
    return {
        "wall_refresh_ms": round(statistics.median(runs), 1),
        "wall_refresh_cpu_ms": round(statistics.median(runs_cpu), 1),
        "wall_refresh_cold_ms": round(cold, 1),
        "wall_tiles_compute_ms": round(compute, 1),
        "wall_frame_ms": round(per_page[busiest], 2),
        "wall_frame_busiest_page": busiest,
        "wall_frame_ms_by_page": {k: round(v, 2) for k, v in per_page.items()},
        # CPU time of the GUI thread per frame: the same work, insensitive to other processes' load
        "wall_frame_cpu_ms": round(max(per_page_cpu.values()), 2),
        "wall_frame_cpu_ms_by_page": {k: round(v, 2) for k, v in per_page_cpu.items()},
        "wall_apply_snapshot_ms": round(apply_ms, 1),
        "wall_open_events": int(snap.tiles.get("open") or 0),
    }


def report_figures(tmp: Path, quick: bool) -> dict[str, Any]:
    from console.services.report import build_report, day_window
    from console.services.report_xlsx import write_xlsx
    from console.store import open_store
    from console.views.wall.report_pdf import ensure_gui_app, write_pdf

    ensure_gui_app()
    per_day = 1_000 if quick else 10_000
    table, district, url = _room(tmp / "report.db", open_extra=0, per_day=per_day, days=1)
    day = date(2026, 11, 22)
    t0, t1 = day_window(day, district.info.timezone)
    out: dict[str, list[float]] = {"pdf": [], "xlsx": []}
    cpu: dict[str, list[float]] = {"pdf": [], "xlsx": []}
    events = 0
    for _ in range(1 if quick else 3):
        for fmt in ("pdf", "xlsx"):
            store = open_store(url, readonly=True)
            start, c0 = time.perf_counter(), time.thread_time()
            data = build_report(store, table, t0, t1, district=district, now=NOW)
            (write_pdf if fmt == "pdf" else write_xlsx)(data, tmp / f"day.{fmt}")
            out[fmt].append((time.perf_counter() - start) * 1000)
            cpu[fmt].append((time.thread_time() - c0) * 1000)
            store.close()
            events = int(data.kpis["events"])
    pdf, xlsx = statistics.median(out["pdf"]), statistics.median(out["xlsx"])
    return {"report_day_ms": round(max(pdf, xlsx), 1), "report_day_pdf_ms": round(pdf, 1),
            "report_day_xlsx_ms": round(xlsx, 1), "report_day_events": events,
            "report_day_cpu_ms": round(max(statistics.median(cpu["pdf"]), statistics.median(cpu["xlsx"])), 1)}


def figures(quick: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        res = wall_figures(Path(tmp), quick)
        res.update(report_figures(Path(tmp), quick))
    return res


if __name__ == "__main__":
    import json

    print(json.dumps(figures(), ensure_ascii=False, indent=1))
