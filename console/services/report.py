"""The shift or day report (班次/日报): what the room did in a time window, from a read-only store.

:func:`build_report` gathers every figure once into a :class:`ReportData` — the writers
(:mod:`console.services.report_xlsx`, the PDF in ``console.views.wall.report_pdf``) only lay it out:

- KPIs of the events that arrived in the window (the KPI strip's formulas, :mod:`console.domain.kpi`,
  as known at the window's end or now, whichever is earlier), and the same per grid, department and
  worker;
- overdue and supervised (督办) events; whistles (吹哨报到) and roll calls (一键下达) of the window;
- intake by hour and by source, and the distribution of handling times;
- patrol coverage (巡查覆盖率) of the window from the grid workers' stored tracks
  (:func:`console.services.coverage.patrol_coverage_report`): the district's rate, each shift's
  (clipped to the window) and each grid's walked and total street metres. A window without any
  position has no rate ("—"), not 0 %.

"Arrived" is ``received_at`` (``reported_at`` when the console has no arrival time), exactly as the
KPI formulas count. A window with no events gives an honest empty report.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from console.domain.district import District, DistrictInfo, load_district
from console.domain.grid import GridKind
from console.domain.kpi import KPI_KEYS, kpis, kpis_by
from console.domain.sla import SlaTable
from console.services.wall_cols import EventColumns
from console.services.wall_data import whistles_of

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"
# handling time (arrival → resolved) buckets, minutes
HANDLING_BINS = (0, 15, 30, 60, 120, 240, 480, 1440, math.inf)
HANDLING_LABELS = ("<15分钟", "15–30分钟", "30–60分钟", "1–2小时", "2–4小时", "4–8小时", "8–24小时", ">24小时")
Progress = Callable[[int, str], None]
# report labels (the report is written in the room's language, Simplified Chinese)
KPI_LABELS = {
    "events": ("接报事件数", "count"), "closure_rate": ("办结率", "pct"), "on_time_rate": ("按时办结率", "pct"),
    "onsite_disposal_rate": ("现场处置率", "pct"), "avg_handling_min": ("平均处置时长（分钟）", "num"),
    "dispatch_median_s": ("派遣时长中位数（秒）", "num"), "dispatch_p90_s": ("派遣时长p90（秒）", "num"),
    "dispatch_within_60s_rate": ("60秒内派遣率", "pct"), "dept_response_rate": ("部门响应率", "pct"),
    "resolved_24h_rate": ("24小时内处置率", "pct"), "resolved_7d_rate": ("7天内处置率", "pct"),
}
assert set(KPI_LABELS) == set(KPI_KEYS)
SOURCE_LABELS = {"hotline_12345": "12345热线", "city_mgmt": "智慧城管", "grid_app": "网格员APP", "police_110": "110分流",
                 "petition": "信访", "video_ai": "视频AI", "iot": "物联感知", "walk_in": "来访", "other": "其他"}
LEVEL_LABELS = ("一般", "较大", "重大", "特别重大")
STATE_LABELS = {"new": "待受理", "filed": "已立案", "dispatched": "已派遣", "accepted": "已签收", "on_scene": "处置中",
                "resolved": "已处置", "verified": "已核查", "closed": "已结案", "rejected": "不予立案",
                "returned": "退回", "escalated": "已上报", "suspended": "挂起", "reopened": "重新打开"}


@dataclass(slots=True)
class ReportData:
    t0: datetime
    t1: datetime
    at: datetime  # figures as known at this time (min(t1, now))
    tz: str
    title: str
    district: str
    kpis: dict[str, Any] = field(default_factory=dict)
    by: dict[str, list[tuple[str, str, dict[str, Any]]]] = field(default_factory=dict)  # key → (id, name, kpis)
    overdue: list[dict[str, Any]] = field(default_factory=list)
    whistles: list[dict[str, Any]] = field(default_factory=list)
    roll_calls: list[dict[str, Any]] = field(default_factory=list)
    hours: list[datetime] = field(default_factory=list)  # start of each hour bin (aware UTC)
    intake_hour: list[int] = field(default_factory=list)
    intake_source: dict[str, int] = field(default_factory=dict)
    handling: list[int] = field(default_factory=list)  # counts per HANDLING_LABELS
    open_at_end: int = 0
    coverage_rate: float | None = None  # 巡查覆盖率 of the district over [t0, at]
    coverage_fixes: int = 0  # positions the coverage was computed from
    coverage_shifts: list[tuple[str, datetime, datetime, float | None]] = field(default_factory=list)
    coverage_grids: list[dict[str, Any]] = field(default_factory=list)  # id, name, level, walked_m, total_m, rate

    @property
    def empty(self) -> bool:
        return int(self.kpis.get("events") or 0) == 0

    def local(self, t: datetime | float | None) -> str:
        if t is None or isinstance(t, float) and math.isnan(t):
            return ""
        dt = datetime.fromtimestamp(t, UTC) if isinstance(t, float) else t
        return dt.astimezone(ZoneInfo(self.tz)).strftime("%Y-%m-%d %H:%M")


def day_window(day: date, tz: str) -> tuple[datetime, datetime]:
    """The room's zone day [00:00, next 00:00) as aware UTC times."""
    z = ZoneInfo(tz)
    t0 = datetime.combine(day, time(0), z)
    t1 = datetime.combine(day + timedelta(days=1), time(0), z)
    return t0.astimezone(UTC), t1.astimezone(UTC)


def room_district(store: Any) -> District:
    """The district stored in the database (read only); the demo district when none is stored."""
    if store.district.is_empty():
        return load_district(DEMO_DIR)
    grids, members, departments, cameras = store.district.load()
    raw = store.settings.get("district.info", None) or {"name": "—"}
    info = DistrictInfo(
        name=raw.get("name", "—"),
        level_names={int(k): v for k, v in (raw.get("level_names") or {}).items()} or DistrictInfo("x").level_names,
        timezone=raw.get("timezone", "Asia/Shanghai"),
        centre=tuple(raw["centre"]) if raw.get("centre") else None,
        bbox=tuple(raw["bbox"]) if raw.get("bbox") else None,
    )
    tree = [g for g in grids if g.kind is not GridKind.POLICE]
    police = [g for g in grids if g.kind is GridKind.POLICE]
    return District(info, tree, police_grids=police, members=members, departments=departments, cameras=cameras)


def build_report(store: Any, table: SlaTable | None, t0: datetime, t1: datetime, *, district: District | None = None,
                 now: datetime | None = None, title: str = "", progress: Progress | None = None,
                 coverage: Any = None) -> ReportData:
    """Every figure of the report for events that arrived in [t0, t1) (blocking; a worker thread).

    ``coverage``: the console's :class:`~console.services.coverage.PatrolCoverage` (its cached
    shifts are reused); a fresh one over ``store`` otherwise."""
    step = progress or (lambda _p, _s: None)
    district = district or room_district(store)
    tz = district.info.timezone
    at = min(t1, now or datetime.now(UTC))
    step(5, "read")
    cols = EventColumns(table)
    cols.sync(store.engine, t0, t1, include_open=False, by_arrival=True)
    kc = cols.kpi_columns()
    whistles, broadcasts = whistles_of(store, at)
    ws = [w for w in whistles if t0 <= w.blown_at < t1]
    step(40, "kpis")
    data = ReportData(t0, t1, at, tz, title, district.name)
    data.kpis = dict(kpis(kc, t0, t1, now=at, whistles=ws))
    names = {
        "grid": {g.id: g.name for g in [*district.grids.values(), *district.police_grids.values()]},
        "dept": {d.id: d.name for d in district.departments.values()},
        "worker": {m.id: m.name for m in district.members.values()},
    }
    for key in ("grid", "dept", "worker"):
        rows = kpis_by(kc, key, t0, t1, now=at, whistles=ws if key == "dept" else ())
        data.by[key] = sorted(((k, names[key].get(k, k), v) for k, v in rows.items()),
                              key=lambda r: (-int(r[2]["events"] or 0), r[0]))
    step(60, "lists")
    _overdue(data, cols, t0.timestamp(), t1.timestamp(), at.timestamp(), names)
    data.whistles = [_whistle(w, names["dept"]) for w in sorted(ws, key=lambda w: w.blown_at)]
    data.roll_calls = [_broadcast(b, names["grid"]) for b in sorted(broadcasts, key=lambda b: b.sent_at)
                       if t0 <= b.sent_at < t1]
    step(75, "charts")
    _charts(data, cols, t0, t1)
    step(80, "coverage")
    _coverage(data, store, district, coverage, now)
    step(90, "done")
    return data


SHIFT_LABELS = {"day": "白班", "night": "夜班"}


def _coverage(data: ReportData, store: Any, district: District, coverage: Any, now: datetime | None) -> None:
    """巡查覆盖率 of the window (up to ``data.at``), of each shift in it, and of every grid."""
    from console.services.coverage import PatrolCoverage

    cov = coverage if coverage is not None else PatrolCoverage(store, district)
    when = now or datetime.now(UTC)
    rep = cov.report(data.t0, data.at, now=when)
    data.coverage_rate, data.coverage_fixes = rep.rate, rep.fixes
    data.coverage_shifts = [(s.shift, s.t0, s.t1, s.rate) for s in cov.shifts_between(data.t0, data.at, when)]
    grids = district.grids
    rows: list[dict[str, Any]] = []
    for gid, total in rep.total_m.items():
        if total <= 0:
            continue
        g = grids.get(gid)
        walked = rep.walked_m.get(gid, 0.0)
        rows.append({"id": gid, "name": g.name if g is not None else gid, "level": g.level if g is not None else 0,
                     "walked_m": walked, "total_m": total, "rate": walked / total if rep.fixes else None})
    rows.sort(key=lambda r: (r["level"], r["id"]))
    data.coverage_grids = rows


def _in_window(cols: EventColumns, lo: float, hi: float) -> np.ndarray:
    recv = cols.col("received")
    return (recv >= lo) & (recv < hi) & ~cols.col("rejected")


def _overdue(data: ReportData, cols: EventColumns, lo: float, hi: float, at: float,
             names: dict[str, dict[str, str]]) -> None:
    """Events of the window closed after their closure limit, still unclosed past it at ``at``,
    open past their current deadline, or supervised (督办)."""
    sel = _in_window(cols, lo, hi)
    closed, due = cols.col("closed"), cols.col("close_due")
    done = closed <= at
    late_closed = done & (closed > due)
    late_open = ~done & (due < at)
    stage_late = cols.col("open") & (cols.col("deadline") < at)
    late = sel & (late_closed | late_open | stage_late)
    pick = np.nonzero(late | (sel & cols.col("supervised")))[0]
    grid, dept = cols.col("grid"), cols.col("dept")
    glab, dlab = cols.labels["grid"].labels, cols.labels["dept"].labels
    rows: list[dict[str, Any]] = []
    for i in pick.tolist():
        end = closed[i] if done[i] else at
        ref = due[i] if not stage_late[i] or late_closed[i] or late_open[i] else cols.col("deadline")[i]
        over = max(0.0, float(end - ref)) if not math.isnan(ref) else 0.0
        g, d = int(grid[i]), int(dept[i])
        rows.append({
            "id": cols.ids[i], "title": cols.titles[i], "level": int(cols.level[i]),
            "grid": names["grid"].get(glab[g], glab[g]) if g >= 0 else "",
            "dept": names["dept"].get(dlab[d], dlab[d]) if d >= 0 else "",
            "received": float(cols.col("received")[i]), "due": float(ref), "closed": float(closed[i]),
            "over_min": round(over / 60.0, 1), "supervised": bool(cols.supervised[i]), "state": cols.states[i],
            "late": bool(late[i]),
        })
    rows.sort(key=lambda r: (-int(r["level"]), -float(r["over_min"]), str(r["id"])))
    data.overdue = rows


def _whistle(w: Any, dept_names: dict[str, str]) -> dict[str, Any]:
    return {"id": w.id, "event_id": w.event_id, "note": w.note, "officer": w.officer, "blown_at": w.blown_at,
            "checkin_by": w.checkin_by, "escalated": w.escalated,
            "summons": [{"department": dept_names.get(s.department_id, s.department_id),
                         "checked_in_at": s.checked_in_at,
                         "in_time": s.checked_in_at is not None and s.checked_in_at <= w.checkin_by}
                        for s in w.summons.values()]}


def _broadcast(b: Any, grid_names: dict[str, str]) -> dict[str, Any]:
    return {"id": b.id, "instruction": b.instruction, "officer": b.officer, "sent_at": b.sent_at, "ack_by": b.ack_by,
            "acks": [{"grid": grid_names.get(g, g), "acked_at": at, "in_time": at is not None and at <= b.ack_by}
                     for g, at in b.acks.items()]}


def _charts(data: ReportData, cols: EventColumns, t0: datetime, t1: datetime) -> None:
    lo, hi = t0.timestamp(), t1.timestamp()
    sel = _in_window(cols, lo, hi)
    recv = cols.col("received")[sel]
    n_hours = max(1, math.ceil((hi - lo) / 3600))
    data.hours = [t0 + timedelta(hours=h) for h in range(n_hours)]
    data.intake_hour = np.bincount(((recv - lo) // 3600).astype(np.int64), minlength=n_hours)[:n_hours].tolist()
    src = cols.col("source")[sel]
    labels = cols.labels["source"].labels
    counts = np.bincount(src, minlength=len(labels)) if src.size else np.zeros(len(labels), dtype=np.int64)
    data.intake_source = {labels[i]: int(counts[i]) for i in np.argsort(-counts, kind="stable").tolist() if counts[i]}
    resolved = cols.col("resolved")[sel]
    at = data.at.timestamp()
    done = resolved <= at
    took = np.maximum(resolved[done] - recv[done], 0.0) / 60.0
    data.handling = np.histogram(took, bins=np.array(HANDLING_BINS[:-1] + (1e12,)))[0].tolist()
    opened = cols.col("open")[sel]
    data.open_at_end = int(np.count_nonzero(opened))

