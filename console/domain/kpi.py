"""KPI formulas (考核): closure, on-time closure, on-site disposal, handling and dispatch times,
department response, share resolved within 24 h / 7 days — overall or per grid, department or
worker, for any time window (DESIGN §2). Formulas are documented in ``docs/sla.md``.

Pure and columnar: :class:`KpiColumns` holds one numpy array per needed field (times as float
seconds since the epoch, NaN when absent), so a month of a million events is one vectorised
pass. :func:`columns_from_events` builds the columns from Events + Actions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from console.domain.escalation import Whistle
from console.domain.event import Action, Event, State
from console.domain.sla import SlaTable, Stage

DAY_S = 86400.0
KPI_KEYS = (
    "events",
    "closure_rate",
    "on_time_rate",
    "onsite_disposal_rate",
    "avg_handling_min",
    "dispatch_median_s",
    "dispatch_p90_s",
    "dispatch_within_60s_rate",
    "dept_response_rate",
    "resolved_24h_rate",
    "resolved_7d_rate",
)
GROUP_KEYS = ("grid", "dept", "worker")
# from the grid workers' tracks, not from events (console.domain.patrol, console.services.coverage)
PATROL_KPI_KEYS = ("patrol_coverage_rate",)


def patrol_coverage_rate(walked_m: float, total_m: float) -> float | None:
    """巡查覆盖率: walked street length ÷ street length of the grids (None: no streets)."""
    return walked_m / total_m if total_m > 0 else None
_SIGNING = frozenset({State.ACCEPTED, State.ON_SCENE, State.RESOLVED})


@dataclass(slots=True)
class KpiColumns:
    received: np.ndarray  # float64 epoch seconds
    dispatched: np.ndarray  # float64, NaN = never dispatched
    signed: np.ndarray  # float64, NaN = never signed for (accepted)
    sign_due: np.ndarray  # float64, NaN = no sign-for limit known
    resolved: np.ndarray  # float64
    closed: np.ndarray  # float64
    close_due: np.ndarray  # float64, NaN = no closure limit known
    onsite: np.ndarray  # bool: resolved on the spot by the reporter (现场处置)
    rejected: np.ndarray  # bool: not filed (不予立案) — outside every KPI
    grid: np.ndarray  # int32 index into grid_labels, -1 = none
    dept: np.ndarray  # int32 index into dept_labels
    worker: np.ndarray  # int32 index into worker_labels
    grid_labels: list[str] = field(default_factory=list)
    dept_labels: list[str] = field(default_factory=list)
    worker_labels: list[str] = field(default_factory=list)
    exercise: np.ndarray | None = None  # bool: exercise/test messages (演练) — outside every KPI

    def __len__(self) -> int:
        return int(self.received.shape[0])


def _ts(dt: datetime | None) -> float:
    return dt.timestamp() if dt is not None else math.nan


class _Labels:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.labels: list[str] = []

    def code(self, label: str | None) -> int:
        if label is None:
            return -1
        i = self.index.get(label)
        if i is None:
            i = self.index[label] = len(self.labels)
            self.labels.append(label)
        return i


def columns_from_events(events: Sequence[Event], actions: Iterable[Action] = (),
                        table: SlaTable | None = None) -> KpiColumns:
    """Columns from events and their action log (sign-for times and resolving workers come
    from ``transition`` actions; limits from ``table`` when given)."""
    signed: dict[str, datetime] = {}
    worker: dict[str, str] = {}
    for a in actions:
        if a.kind != "transition" or a.to_state is None:
            continue
        if a.to_state in _SIGNING and a.from_state is State.DISPATCHED:
            if a.event_id not in signed or a.at < signed[a.event_id]:
                signed[a.event_id] = a.at
        if a.to_state is State.RESOLVED:
            worker[a.event_id] = str(a.data.get("unit_id") or a.actor)
    n = len(events)
    cols = {k: np.full(n, math.nan) for k in
            ("received", "dispatched", "signed", "sign_due", "resolved", "closed", "close_due")}
    onsite = np.zeros(n, dtype=bool)
    rejected = np.zeros(n, dtype=bool)
    exercise = np.zeros(n, dtype=bool)
    codes = {k: np.full(n, -1, dtype=np.int32) for k in GROUP_KEYS}
    labels = {k: _Labels() for k in GROUP_KEYS}
    for i, ev in enumerate(events):
        received = ev.received_at or ev.reported_at
        cols["received"][i] = received.timestamp()
        cols["dispatched"][i] = _ts(ev.dispatched_at)
        cols["signed"][i] = _ts(signed.get(ev.id))
        cols["resolved"][i] = _ts(ev.resolved_at)
        cols["closed"][i] = _ts(ev.closed_at)
        if table is not None:
            if ev.dispatched_at is not None:
                sign = table.limit(ev.category, ev.level, Stage.SIGN)
                cols["sign_due"][i] = table.add(ev.dispatched_at, sign).timestamp()
            close = table.limit(ev.category, ev.level, Stage.CLOSE)
            cols["close_due"][i] = table.add(received, close).timestamp()
        onsite[i] = ev.onsite
        rejected[i] = ev.state is State.REJECTED
        exercise[i] = ev.is_exercise
        codes["grid"][i] = labels["grid"].code(ev.grid_id)
        codes["dept"][i] = labels["dept"].code(ev.assignees[0] if ev.assignees else None)
        codes["worker"][i] = labels["worker"].code(worker.get(ev.id))
    return KpiColumns(**cols, onsite=onsite, rejected=rejected, **codes,
                      grid_labels=labels["grid"].labels, dept_labels=labels["dept"].labels,
                      worker_labels=labels["worker"].labels, exercise=exercise)


def whistle_counts(whistles: Iterable[Whistle], dept_labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per department (aligned to ``dept_labels``, extended with new departments): summoned and
    checked in in time."""
    index = {d: i for i, d in enumerate(dept_labels)}
    summoned: list[int] = [0] * len(dept_labels)
    in_time: list[int] = [0] * len(dept_labels)
    for w in whistles:
        for d, s in w.summons.items():
            if d not in index:
                index[d] = len(dept_labels)
                dept_labels.append(d)
                summoned.append(0)
                in_time.append(0)
            summoned[index[d]] += 1
            in_time[index[d]] += int(s.checked_in_at is not None and s.checked_in_at <= w.checkin_by)
    return np.asarray(summoned, dtype=np.int64), np.asarray(in_time, dtype=np.int64)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.maximum(den, 1), np.nan)


def _pad(a: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros(size, dtype=np.float64)
    out[: min(size, a.size)] = a[:size]
    return out


def _group_quantiles(codes: np.ndarray, values: np.ndarray, groups: int, qs: Sequence[float]) -> np.ndarray:
    """Linear-interpolated quantiles of ``values`` per group code → shape (len(qs), groups).

    One float sort of ``code * span + (value - min)`` orders by group, then by value."""
    out = np.full((len(qs), groups), np.nan)
    if values.size == 0:
        return out
    lo_v = float(values.min())
    span = float(values.max()) - lo_v + 1.0
    key = np.sort(codes.astype(np.float64) * span + (values - lo_v))
    counts = np.bincount(codes, minlength=groups)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    has = counts > 0
    base = starts[has]
    group_of = np.nonzero(has)[0].astype(np.float64)
    for k, q in enumerate(qs):
        pos = q * (counts[has] - 1)
        lo = np.floor(pos).astype(np.int64)
        hi = np.minimum(lo + 1, counts[has] - 1)
        frac = pos - lo
        v_lo = key[base + lo] - group_of * span + lo_v
        v_hi = key[base + hi] - group_of * span + lo_v
        out[k, has] = v_lo * (1 - frac) + v_hi * frac
    return out


def _grouped(c: KpiColumns, codes: np.ndarray, groups: int, t0: float, t1: float, now: float,
             whistles: tuple[np.ndarray, np.ndarray] | None) -> dict[str, np.ndarray]:
    """Every KPI per group code, computed on the full columns with boolean selections (no
    gathers): one pass of comparisons, then one ``bincount`` (or ``count_nonzero``) per figure."""
    recv = c.received
    mask = (recv >= t0) & (recv < t1) & ~c.rejected & (codes >= 0)
    if c.exercise is not None:  # exercise and test messages never count
        mask &= ~c.exercise
    gc = np.maximum(codes, 0)

    def count(sel: np.ndarray) -> np.ndarray:
        if groups == 1:
            return np.array([float(np.count_nonzero(sel))])
        return np.bincount(gc[sel], minlength=groups).astype(np.float64)

    def total(values: np.ndarray, sel: np.ndarray) -> np.ndarray:
        if groups == 1:
            return np.array([float(values[sel].sum())])
        return np.bincount(gc, weights=np.where(sel, values, 0.0), minlength=groups)

    n = count(mask)
    closed, due = c.closed, c.close_due
    is_closed = mask & (closed <= now)  # NaN compares False
    on_time = is_closed & ~(closed > due)  # no limit known counts as on time
    resolved = c.resolved
    is_resolved = mask & (resolved <= now)
    # an event resolved on the spot arrives already resolved (resolved_at before it reached the room):
    # it took the room no handling time, never a negative one
    took = np.maximum(resolved - recv, 0.0)
    onsite = mask & c.onsite
    needs_dispatch = mask & ~c.onsite
    disp = c.dispatched
    is_disp = needs_dispatch & (disp <= now)
    delay = disp - recv
    # an event still inside its first minute and not yet dispatched is not (yet) late
    in_first_minute = needs_dispatch & ~is_disp & (now - recv < 60.0)
    signed = c.signed
    signed_ok = is_disp & (signed <= now) & ~(signed > c.sign_due)
    resp_num, resp_den = count(signed_ok), count(is_disp)
    if whistles is not None:
        summoned, in_time = whistles
        resp_num = resp_num + _pad(in_time, groups)
        resp_den = resp_den + _pad(summoned, groups)
    if groups == 1:
        d = delay[is_disp]
        quant = np.quantile(d, [0.5, 0.9]).reshape(2, 1) if d.size else np.full((2, 1), np.nan)
    else:
        quant = _group_quantiles(codes[is_disp], delay[is_disp], groups, (0.5, 0.9))
    n_resolved = count(is_resolved)
    return {
        "events": n,
        "closure_rate": _ratio(count(is_closed), n),
        "on_time_rate": _ratio(count(on_time), count(is_closed)),
        "onsite_disposal_rate": _ratio(count(onsite), n),
        "avg_handling_min": _ratio(total(took, is_resolved), n_resolved) / 60.0,
        "dispatch_median_s": quant[0],
        "dispatch_p90_s": quant[1],
        "dispatch_within_60s_rate": _ratio(count(is_disp & (delay <= 60.0)),
                                           count(needs_dispatch & ~in_first_minute)),
        "dept_response_rate": _ratio(resp_num, resp_den),
        "resolved_24h_rate": _ratio(count(is_resolved & (took <= DAY_S)), n),
        "resolved_7d_rate": _ratio(count(is_resolved & (took <= 7 * DAY_S)), n),
    }


def _clean(v: float) -> float | int | None:
    if isinstance(v, float | np.floating) and math.isnan(v):
        return None
    return float(v)


def _window(t0: datetime | float | None, t1: datetime | float | None, now: datetime | float | None
            ) -> tuple[float, float, float]:
    def sec(x: datetime | float | None, default: float) -> float:
        if x is None:
            return default
        return x.timestamp() if isinstance(x, datetime) else float(x)

    end = sec(t1, math.inf)
    return sec(t0, -math.inf), end, sec(now, end)


def kpis(c: KpiColumns, t0: datetime | float | None = None, t1: datetime | float | None = None, *,
         now: datetime | float | None = None, whistles: Iterable[Whistle] = ()) -> dict[str, float | int | None]:
    """Overall KPIs of the events received in [t0, t1), as known at ``now`` (default t1)."""
    lo, hi, at = _window(t0, t1, now)
    ws = list(whistles)
    wt = None
    if ws:
        summoned, in_time = whistle_counts(ws, [])
        wt = (np.array([summoned.sum()]), np.array([in_time.sum()]))
    res = _grouped(c, np.zeros(len(c), dtype=np.int32), 1, lo, hi, at, wt)
    out = {k: _clean(v[0]) for k, v in res.items()}
    out["events"] = int(res["events"][0])
    return out


def kpis_by(c: KpiColumns, key: str, t0: datetime | float | None = None, t1: datetime | float | None = None,
            *, now: datetime | float | None = None, whistles: Iterable[Whistle] = ()
            ) -> dict[str, dict[str, float | int | None]]:
    """KPIs per grid, department or worker (``key`` in ``GROUP_KEYS``); groups with no events
    in the window are left out (departments with only whistles stay in)."""
    if key not in GROUP_KEYS:
        raise ValueError(f"group by one of {GROUP_KEYS}, not {key!r}")
    labels = list(getattr(c, f"{key}_labels"))
    codes = getattr(c, key)
    wt = whistle_counts(whistles, labels) if key == "dept" else None
    lo, hi, at = _window(t0, t1, now)
    res = _grouped(c, codes, len(labels), lo, hi, at, wt)
    out: dict[str, dict[str, float | int | None]] = {}
    for i, label in enumerate(labels):
        if res["events"][i] == 0 and (wt is None or i >= wt[0].size or wt[0][i] == 0):
            continue
        row = {k: _clean(v[i]) for k, v in res.items()}
        row["events"] = int(res["events"][i])
        out[label] = row
    return out
