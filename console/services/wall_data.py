"""What the wall display (大屏) shows, computed off the GUI thread from a read-only store.

:class:`WallDataService` keeps the room's events as columns (:class:`~console.services.wall_cols.EventColumns`,
refreshed incrementally) and computes one immutable :class:`WallSnapshot` per refresh for every
page: the KPI tiles (the KPI strip's own formulas, :mod:`console.domain.kpi`) with a sparkline of
the last 8 days and the change against yesterday and the 7-day average; open and overdue counts
per grid and the live markers; overdue and supervised (督办) events by tier; open whistles (吹哨报到)
and their check-ins; rankings of grids, departments and workers; intake by hour and by source today
against the 7-day average; and the major/critical events that may take a screen over (alarms).

Days are the room's zone days (Asia/Shanghai by default). Nothing here writes to the store.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from console.domain.escalation import Whistle
from console.domain.escalation_log import Board
from console.domain.kpi import kpis, kpis_by
from console.domain.sla import SlaTable
from console.services.escalation_store import KEY as ESCALATION_KEY
from console.services.escalation_store import KINDS, BoardReader, entry_of, load_broadcast, load_whistle
from console.services.wall_cols import EventColumns

log = logging.getLogger(__name__)

# the tiles of the KPI page, in order: keys of console.domain.kpi.kpis plus the live counts
TILE_KEYS = ("closure_rate", "on_time_rate", "onsite_disposal_rate", "avg_handling_min", "dispatch_p90_s",
             "dept_response_rate", "open", "overdue", "patrol_coverage_rate")
COVERAGE_KEY = "patrol_coverage_rate"  # this shift's 巡查覆盖率 (the same shift of earlier days to compare)
COVERAGE_PAST_PER_REFRESH = 2  # earlier shifts computed per refresh (then cached): the first snapshot stays quick
RANK_KEYS = ("grid", "dept", "worker")
HISTORY_DAYS = 7
MAJOR_RANK = 2  # Level.MAJOR.rank; critical is 3
ALARM_LIST = 20
FULL_EVERY_S = 300.0  # a full version comparison (the safety net of the incremental reads) this often


@dataclass(frozen=True, slots=True)
class OverdueRow:
    id: str
    title: str
    level: int  # Level.rank
    grid_id: str | None
    deadline: float  # epoch seconds (NaN: none)
    past_s: float  # seconds past the deadline (0 when not overdue, e.g. only supervised)
    supervised: bool
    state: str


@dataclass(frozen=True, slots=True)
class Alarm:
    """A major/critical open event; ``breached`` when its deadline has passed."""

    id: str
    title: str
    level: int
    lon: float
    lat: float
    grid_id: str | None
    camera_id: str | None
    address: str | None
    received: float
    deadline: float
    breached: bool
    state: str

    @property
    def key(self) -> str:
        return f"{'breach' if self.breached else 'new'}:{self.id}"


@dataclass(frozen=True, slots=True)
class Markers:
    """Open located events in rid order. Ids are resolved lazily from ``id_source[rows]`` (an
    array the columns never change in place): a refresh that moved few markers reads few ids."""

    id_source: np.ndarray  # object array of event ids
    rows: np.ndarray  # positions into id_source, one per marker
    rid: np.ndarray  # int64 row ids (stable per event), ascending
    lon: np.ndarray
    lat: np.ndarray
    level: np.ndarray  # int8 rank
    deadline: np.ndarray  # epoch seconds, inf = none
    grid: np.ndarray  # int32 code into grid_labels, -1 = none
    grid_labels: list[str]

    @property
    def ids(self) -> list[str]:
        return self.id_source[self.rows].tolist()  # type: ignore[no-any-return]

    def ids_at(self, k: np.ndarray) -> list[str]:
        """Ids of the markers at positions ``k``."""
        return self.id_source[self.rows[k]].tolist()  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return int(self.rows.shape[0])


@dataclass(slots=True)
class WallSnapshot:
    at: datetime  # when the data were read
    day_start: datetime  # local midnight (aware, UTC)
    tiles: dict[str, float | None] = field(default_factory=dict)
    yesterday: dict[str, float | None] = field(default_factory=dict)
    week_avg: dict[str, float | None] = field(default_factory=dict)
    sparks: dict[str, list[float | None]] = field(default_factory=dict)  # 8 daily values, oldest first
    grid_open: dict[str, int] = field(default_factory=dict)
    grid_overdue: dict[str, int] = field(default_factory=dict)
    markers: Markers | None = None
    overdue: list[OverdueRow] = field(default_factory=list)
    overdue_total: int = 0
    overdue_by_tier: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # by Level.rank, all of them
    whistles: list[dict[str, Any]] = field(default_factory=list)
    rankings: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)
    hour_today: list[int] = field(default_factory=list)  # 24 counts by local hour
    hour_avg: list[float] = field(default_factory=list)  # 7-day mean per hour
    source_today: dict[str, int] = field(default_factory=dict)
    source_avg: dict[str, float] = field(default_factory=dict)
    alarms: list[Alarm] = field(default_factory=list)  # the newest major/critical open events
    alarms_new: list[Alarm] = field(default_factory=list)  # new, or newly in breach, since the last snapshot
    compute_ms: float = 0.0


def open_overdue_at(cols: EventColumns, t: float, *, current: bool = False) -> tuple[int, int]:
    """Open and overdue counts as they stood at ``t`` (from arrival, closure and deadline times;
    today's open counts are exact, earlier ones approximate a stage deadline by the one stored)."""
    recv = cols.col("received")
    closed = cols.col("closed")
    rejected = cols.col("rejected")
    was_open = (recv <= t) & ~(closed <= t) & ~rejected
    if current:  # now: the stored states are exact
        was_open = cols.col("open") & (recv <= t)
    overdue = was_open & (cols.col("deadline") < t)
    return int(np.count_nonzero(was_open)), int(np.count_nonzero(overdue))


def whistles_of(store: Any, until: datetime | None = None) -> tuple[list[Whistle], list[Any]]:
    """Whistles and broadcasts (roll calls) of the store's room log, folded up to ``until`` (default:
    all of it); a database from before the log held them: its old settings document."""
    board, errors = Board.fold((entry_of(r) for r in store.room_log.entries(KINDS)), until)
    for text in errors:
        log.warning("escalation board: %s; skipped", text)
    if board.broadcasts or board.whistles:
        return list(board.whistles.values()), list(board.broadcasts.values())
    return saved_document(store.settings)


def saved_document(settings: Any) -> tuple[list[Whistle], list[Any]]:
    """Whistles and broadcasts of the old settings document (databases the log does not hold them in yet)."""
    data = settings.get(ESCALATION_KEY, None) or {}
    whistles, broadcasts = [], []
    for d in data.get("whistles", []):
        try:
            whistles.append(load_whistle(d))
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("a saved whistle is unreadable (%s); skipped", exc)
    for d in data.get("broadcasts", []):
        try:
            broadcasts.append(load_broadcast(d))
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("a saved broadcast is unreadable (%s); skipped", exc)
    return whistles, broadcasts


class WallDataService:
    """Reads a store (read-only) and computes :class:`WallSnapshot`; call :meth:`refresh` from a worker thread."""

    def __init__(self, store: Any, table: SlaTable | None, *, tz: str = "Asia/Shanghai",
                 clock: Callable[[], datetime] | None = None, rank_limit: int = 10, overdue_limit: int = 60,
                 coverage: Any = None) -> None:
        """``coverage``: a :class:`console.services.coverage.PatrolCoverage` for the 巡查覆盖率 tile."""
        self.store = store
        self.coverage = coverage
        self._coverage_past: dict[datetime, float | None] = {}  # shift start → rate (earlier shifts)
        self.table = table
        self.tz = ZoneInfo(tz)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.rank_limit = rank_limit
        self.overdue_limit = overdue_limit
        self.cols = EventColumns(table)
        self._lock = threading.Lock()  # one refresh at a time
        self._last_full: datetime | None = None  # the day of the last full read
        self._full_at = 0.0
        # KPIs of past days are as known at each day's end: kept until the next full read
        self._daily: dict[datetime, dict[str, Any]] = {}
        self._alarm_rids: tuple[np.ndarray, np.ndarray] | None = None  # (open major/critical, breached) last time
        self._board = BoardReader(store)  # whistles: the room log's fold, read incrementally

    def day_start(self, now: datetime) -> datetime:
        local = now.astimezone(self.tz)
        return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)

    def refresh(self) -> WallSnapshot:
        """Read what changed and recompute every tile (blocking; raises the store's errors)."""
        with self._lock:
            now = self.clock()
            start = self.day_start(now)
            since = start - timedelta(days=HISTORY_DAYS + 1)
            full = self._last_full is None or self._last_full != start or time.monotonic() - self._full_at > FULL_EVERY_S
            self.cols.sync(self.store.engine, since, full=full)
            if full:
                self._last_full, self._full_at = start, time.monotonic()
                self._daily.clear()
            board = self._board.refresh()
            whistles = list(board.whistles.values()) if board.whistles or board.broadcasts else \
                saved_document(self.store.settings)[0]
            snap = self.compute(now, whistles)
            if self.coverage is not None:
                try:
                    self._coverage_tile(snap, now)
                except Exception:  # the other tiles stand without it
                    log.exception("wall: patrol coverage not computed")
            return snap

    def _coverage_tile(self, snap: WallSnapshot, now: datetime) -> None:
        """This shift's coverage so far (incremental), against the same shift of the 7 days before
        (each computed once, a couple per refresh; "—" until then or when there were no positions)."""
        from console.domain.patrol import shift_window

        cov = self.coverage
        name, s0, s1 = shift_window(now, cov.tz)
        current = cov.window(s0, s1, now)
        value = current.rate() if current.fixes else None
        past: list[float | None] = []
        budget = COVERAGE_PAST_PER_REFRESH
        for k in range(HISTORY_DAYS, 0, -1):
            p0, p1 = s0 - timedelta(days=k), s1 - timedelta(days=k)
            if p0 not in self._coverage_past and budget > 0:
                r = cov.window(p0, p1, now)
                self._coverage_past[p0] = r.rate() if r.fixes else None
                budget -= 1
            past.append(self._coverage_past.get(p0))
        for old in [t for t in self._coverage_past if t < s0 - timedelta(days=HISTORY_DAYS + 1)]:
            del self._coverage_past[old]
        snap.tiles[COVERAGE_KEY] = value
        snap.yesterday[COVERAGE_KEY] = past[-1]
        snap.week_avg[COVERAGE_KEY] = _mean(past)
        snap.sparks[COVERAGE_KEY] = [*past, value]

    def compute(self, now: datetime, whistles: list[Whistle]) -> WallSnapshot:
        """Every tile from the columns in memory (no store access)."""
        t0 = time.perf_counter()
        cols = self.cols
        start = self.day_start(now)
        snap = WallSnapshot(at=now, day_start=start)
        kc = cols.kpi_columns()
        t_now = now.timestamp()
        days = [self.day_start(start - timedelta(days=k) + timedelta(hours=12)) for k in range(HISTORY_DAYS, 0, -1)]
        bounds = [*days, start]

        def day_kpis(lo: datetime, hi: datetime, at: float, current: bool = False) -> dict[str, float | None]:
            ws = [w for w in whistles if lo <= w.blown_at < hi]
            k: dict[str, Any] = dict(kpis(kc, lo, hi, now=at, whistles=ws))
            k["open"], k["overdue"] = open_overdue_at(cols, at, current=current)
            return k

        daily = []
        for i in range(HISTORY_DAYS):
            if bounds[i] not in self._daily:
                self._daily[bounds[i]] = day_kpis(bounds[i], bounds[i + 1], bounds[i + 1].timestamp())
            daily.append(self._daily[bounds[i]])
        today = day_kpis(start, now + timedelta(microseconds=1), t_now, current=True)
        snap.tiles = {k: today.get(k) for k in TILE_KEYS}
        snap.yesterday = {k: daily[-1].get(k) for k in TILE_KEYS}
        snap.week_avg = {k: _mean([d.get(k) for d in daily]) for k in TILE_KEYS}
        snap.sparks = {k: [d.get(k) for d in (*daily, today)] for k in TILE_KEYS}
        self._map(snap, t_now)
        self._overdue(snap, t_now)
        snap.whistles = self._whistles(whistles, t_now)
        snap.rankings = {key: self._ranking(kc, key, start, now, whistles) for key in RANK_KEYS}
        self._intake(snap, bounds, now)
        self._alarms(snap, t_now)
        snap.compute_ms = (time.perf_counter() - t0) * 1000
        return snap

    # ---- pages -----------------------------------------------------------------------------------
    def _map(self, snap: WallSnapshot, t_now: float) -> None:
        cols = self.cols
        opened = cols.col("open")
        idx = np.nonzero(opened)[0]
        grid = cols.col("grid")[idx]
        deadline = cols.col("deadline")[idx]
        overdue = deadline < t_now
        labels = cols.labels["grid"].labels
        has = grid >= 0
        counts = np.bincount(grid[has], minlength=len(labels))
        od = np.bincount(grid[has & overdue], minlength=len(labels))
        snap.grid_open = {labels[i]: int(v) for i, v in enumerate(counts) if v}
        snap.grid_overdue = {labels[i]: int(v) for i, v in enumerate(od) if v}
        lon, lat = cols.col("lon")[idx], cols.col("lat")[idx]
        located = ~np.isnan(lon) & ~np.isnan(lat)
        # markers in rid order: the map diffs two refreshes with sorted searches (rows are appended in
        # rid order, so the sort is usually skipped)
        located = np.nonzero(located)[0]
        rid = cols.col("rid")[idx[located]]
        if rid.size > 1 and not bool(np.all(rid[1:] >= rid[:-1])):
            located = located[np.argsort(rid, kind="stable")]
        li = idx[located]
        snap.markers = Markers(
            id_source=cols.ids_array(), rows=li, rid=cols.col("rid")[li].copy(),
            lon=lon[located], lat=lat[located], level=cols.col("level")[li].astype(np.int8),
            deadline=np.where(np.isnan(deadline[located]), np.inf, deadline[located]),
            grid=grid[located].astype(np.int32), grid_labels=list(labels),
        )

    def _overdue(self, snap: WallSnapshot, t_now: float) -> None:
        cols = self.cols
        opened = cols.col("open")
        deadline = cols.col("deadline")
        past = t_now - deadline
        late = opened & (past > 0)
        sel = np.nonzero(late | (opened & cols.col("supervised")))[0]
        snap.overdue_total = int(sel.size)
        if not sel.size:
            return
        level = cols.col("level")[sel].astype(np.int64)
        snap.overdue_by_tier = np.bincount(level, minlength=4)[:4].tolist()
        p = np.where(np.isnan(past[sel]), 0.0, np.maximum(past[sel], 0.0))
        order = np.lexsort((-p, -level))[: self.overdue_limit]  # highest tier first, longest overdue first
        grid = cols.col("grid")
        glabels = cols.labels["grid"].labels
        sup = cols.col("supervised")
        for k in order.tolist():
            i = int(sel[k])
            g = int(grid[i])
            snap.overdue.append(OverdueRow(cols.ids[i], cols.titles[i], int(level[k]), glabels[g] if g >= 0 else None,
                                           float(deadline[i]), float(p[k]), bool(sup[i]), cols.states[i]))

    def _whistles(self, whistles: list[Whistle], t_now: float) -> list[dict[str, Any]]:
        out = []
        cols = self.cols
        for w in sorted(whistles, key=lambda w: w.blown_at, reverse=True):
            i = cols.row_of_id.get(w.event_id)
            if i is not None and not cols.open[i] and cols.valid[i]:
                continue  # the event is done: the whistle is closed
            if i is None and all(s.checked_in_at is not None for s in w.summons.values()) \
                    and t_now - w.blown_at.timestamp() > 86400:
                continue
            out.append({
                "id": w.id, "event_id": w.event_id, "title": cols.titles[i] if i is not None else w.note,
                "note": w.note, "blown_at": w.blown_at.timestamp(), "checkin_by": w.checkin_by.timestamp(),
                "escalated": w.escalated,
                "summons": [{"department_id": s.department_id,
                             "checked_in_at": s.checked_in_at.timestamp() if s.checked_in_at else None,
                             "late": (s.checked_in_at or datetime.fromtimestamp(t_now, UTC)) > w.checkin_by,
                             "red": s.red, "progress": len(s.progress)} for s in w.summons.values()],
            })
        return out

    def _ranking(self, kc: Any, key: str, start: datetime, now: datetime, whistles: list[Whistle]
                 ) -> list[tuple[str, dict[str, Any]]]:
        lo = start - timedelta(days=HISTORY_DAYS - 1)  # rankings over the last 7 days (today included)
        ws = [w for w in whistles if w.blown_at >= lo] if key == "dept" else []
        rows = kpis_by(kc, key, lo, now + timedelta(microseconds=1), now=now, whistles=ws)

        def score(item: tuple[str, dict[str, Any]]) -> tuple[float, float, int]:
            k = item[1]
            return (-(k.get("closure_rate") or 0.0), -(k.get("on_time_rate") or 0.0), -int(k.get("events") or 0))

        return sorted(rows.items(), key=score)[: self.rank_limit]

    def _intake(self, snap: WallSnapshot, bounds: list[datetime], now: datetime) -> None:
        cols = self.cols
        recv = cols.col("received")
        src = cols.col("source")
        offset = now.astimezone(self.tz).utcoffset() or timedelta(0)
        hour = ((recv + offset.total_seconds()) // 3600 % 24)
        today = (recv >= bounds[-1].timestamp()) & (recv <= now.timestamp())
        week = (recv >= bounds[0].timestamp()) & (recv < bounds[-1].timestamp())
        h_today = np.bincount(hour[today].astype(np.int64), minlength=24)
        h_week = np.bincount(hour[week].astype(np.int64), minlength=24) / HISTORY_DAYS
        snap.hour_today = h_today.tolist()
        snap.hour_avg = [round(float(v), 2) for v in h_week]
        labels = cols.labels["source"].labels
        s_today = np.bincount(src[today], minlength=len(labels))
        s_week = np.bincount(src[week], minlength=len(labels)) / HISTORY_DAYS
        snap.source_today = {labels[i]: int(s_today[i]) for i in range(len(labels))}
        snap.source_avg = {labels[i]: round(float(s_week[i]), 2) for i in range(len(labels))}

    def _alarms(self, snap: WallSnapshot, t_now: float) -> None:
        """The newest major/critical open events (for display), and those that are new since the
        last compute or whose deadline passed since then (``alarms_new``: they take a screen over)."""
        cols = self.cols
        sel = np.nonzero(cols.col("open") & (cols.col("level") >= MAJOR_RANK))[0]
        rid = cols.col("rid")[sel]
        breached = cols.col("deadline")[sel] < t_now
        fresh: np.ndarray = np.zeros(0, dtype=np.int64)
        if self._alarm_rids is not None:
            was_open, was_breached = self._alarm_rids
            new_open = ~np.isin(rid, was_open)
            new_breach = breached & ~np.isin(rid, was_breached)
            fresh = sel[new_open | new_breach]
        self._alarm_rids = (rid, rid[breached])
        recv = cols.col("received")[sel]
        level = cols.col("level")[sel]
        top = sel[np.lexsort((-recv, -level))[:ALARM_LIST]]
        snap.alarms = [self._alarm(int(i), t_now) for i in top.tolist()]
        snap.alarms_new = sorted((self._alarm(int(i), t_now) for i in fresh.tolist()),
                                 key=lambda a: (-a.level, a.received))

    def _alarm(self, i: int, t_now: float) -> Alarm:
        cols, f = self.cols, self.cols.f
        g = int(cols.c["grid"][i])
        deadline = float(f["deadline"][i])
        return Alarm(cols.ids[i], cols.titles[i], int(cols.level[i]), float(f["lon"][i]), float(f["lat"][i]),
                     cols.labels["grid"].labels[g] if g >= 0 else None, cols.cameras[i], cols.addresses[i],
                     float(f["received"][i]), deadline, bool(deadline < t_now), cols.states[i])

def _mean(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return sum(vals) / len(vals) if vals else None
