"""Patrol coverage (巡查覆盖率) from the stored tracks: per grid and per shift, off the GUI thread.

The formula is :func:`console.domain.patrol.coverage` (street segments of the micro-grids walked
within 20 m); this service reads the window's tracks from the store, keeps the current shift's
figure up to date incrementally and caches finished windows (:class:`PatrolCoverage`), so the KPI
strip's refresh every 30 s reads only the last minutes of fixes.

For the reports: :func:`patrol_coverage_report` ``(store, district, t0, t1)`` → per-grid rates and the
district's; the KPI strip and the wall show ``patrol_coverage_rate`` of the current shift
(:meth:`PatrolCoverage.kpis`); a window without any fix has no rate (None, shown "—").
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from console.domain.district import District
from console.domain.event import utcnow
from console.domain.patrol import (
    CoverageAccumulator,
    CoverageResult,
    PatrolNetwork,
    build_network,
    shift_window,
)

KPI_KEY = "patrol_coverage_rate"


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """What a report shows: the window, the shift name (when a shift), the district's rate and
    each grid's (micro-grids and every ancestor), walked and total street metres."""

    t0: datetime
    t1: datetime
    shift: str | None
    rate: float | None
    by_grid: dict[str, float]
    walked_m: dict[str, float]
    total_m: dict[str, float]
    fixes: int = 0  # fixes in the window (0: no positions: the rate is None)


class PatrolCoverage:
    """Patrol coverage from the store's tracks, cached (thread-safe: the KPI strip, the wall, the
    map and the reports ask from worker threads).

    - The **current shift** (what the KPI strip, the wall and the map show) is a running
      :class:`~console.domain.patrol.CoverageAccumulator`: each call adds the fixes since the last
      one (read back ``OVERLAP`` to take fixes that were stored a little late), and every
      ``FULL_EVERY_S`` it is recomputed from all the shift's fixes (fixes stored out of order).
    - **Finished windows** (a past shift, a report's day) are computed once and kept (LRU), per
      window, unless they ended less than ``SETTLE`` ago (positions may still be arriving).
    """

    OVERLAP = timedelta(minutes=5)
    FULL_EVERY_S = 600.0
    SETTLE = timedelta(minutes=10)
    KEEP = 48

    def __init__(self, store: Any, district: District, *, tz: str | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.district = district
        self.tz = tz or district.info.timezone
        self._net: PatrolNetwork | None = None
        self._lock = threading.RLock()
        self._monotonic = clock
        self._running: tuple[datetime, CoverageAccumulator, datetime, float] | None = None  # t0, acc, read to, built
        self._done: OrderedDict[tuple[datetime, datetime], CoverageResult] = OrderedDict()
        self.reads = 0  # store reads (tests)
        self.full_computations = 0

    @property
    def network(self) -> PatrolNetwork:
        with self._lock:
            if self._net is None:
                self._net = build_network(self.district)
            return self._net

    def _tracks(self, t0: datetime, t1: datetime) -> list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]:
        self.reads += 1
        tracks = self.store.positions.tracks(t0, t1)
        return [(wid, a["t"] / 1e6, a["lon"], a["lat"]) for wid, a in tracks.items()]

    def compute(self, t0: datetime, t1: datetime) -> CoverageResult:
        """The coverage of [t0, t1] from every fix in it (no cache)."""
        acc = CoverageAccumulator(self.network, t0)
        acc.add(self._tracks(t0, t1))
        self.full_computations += 1
        return acc.result(t1)

    def window(self, t0: datetime, t1: datetime, now: datetime | None = None) -> CoverageResult:
        """The coverage of [t0, min(t1, now)]: the running shift's when ``t0`` starts it, a cached
        result when the window is over, else computed."""
        now = now or utcnow()
        with self._lock:
            if t1 <= now - self.SETTLE:
                key = (t0, t1)
                got = self._done.get(key)
                if got is None:
                    got = self._done[key] = self.compute(t0, t1)
                    while len(self._done) > self.KEEP:
                        self._done.popitem(last=False)
                self._done.move_to_end(key)
                return got
            if t1 > now and self._is_shift_start(t0, now):
                return self._current(t0, now)
            return self.compute(t0, min(t1, now))

    def _is_shift_start(self, t0: datetime, now: datetime) -> bool:
        return shift_window(now, self.tz)[1] == t0

    def _current(self, t0: datetime, now: datetime) -> CoverageResult:
        run = self._running
        tick = self._monotonic()
        if run is not None and run[0] == t0 and now <= run[2] and tick - run[3] < self.FULL_EVERY_S:
            return run[1].result(now)  # asked again for (about) the same instant: another reader's refresh
        if run is None or run[0] != t0 or tick - run[3] >= self.FULL_EVERY_S:
            acc = CoverageAccumulator(self.network, t0)
            acc.add(self._tracks(t0, now))
            self.full_computations += 1
            self._running = (t0, acc, now, tick)
            return acc.result(now)
        _t0, acc, read_to, built = run
        acc.add(self._tracks(max(t0, read_to - self.OVERLAP), now))
        self._running = (t0, acc, now, built)
        return acc.result(now)

    def shift(self, now: datetime | None = None, shift: str | None = None) -> tuple[str, CoverageResult]:
        """The current shift so far (or ``shift`` of today's date), its coverage."""
        now = now or utcnow()
        name, t0, t1 = shift_window(now, self.tz, shift=shift)
        return name, self.window(t0, t1, now)

    def report(self, t0: datetime, t1: datetime, shift: str | None = None, now: datetime | None = None) -> CoverageReport:
        now = now or utcnow()
        r = self.window(t0, t1, now)
        return CoverageReport(t0, t1, shift, r.rate() if r.fixes else None, r.by_grid(), dict(r.covered_m),
                              dict(r.total_m), r.fixes)

    def shifts_between(self, t0: datetime, t1: datetime, now: datetime | None = None) -> list[ShiftCoverage]:
        """Every shift overlapping [t0, t1), clipped to it, with its coverage (the reports' rows)."""
        now = now or utcnow()
        out: list[ShiftCoverage] = []
        at = t0
        while at < t1 and at < now:
            name, s0, s1 = shift_window(at, self.tz)
            a, b = max(s0, t0), min(s1, t1)
            r = self.window(a, b, now)
            out.append(ShiftCoverage(name, a, b, r.rate() if r.fixes else None, r.fixes))
            at = s1
        return out

    def kpis(self, now: datetime | None = None) -> dict[str, float | None]:
        _name, r = self.shift(now)
        return {KPI_KEY: r.rate() if r.fixes else None}

    def segments(self, result: CoverageResult) -> tuple[np.ndarray, np.ndarray]:
        """(m, 2, 2) lon/lat of the network's segments and which were walked (for the map layer)."""
        return self.network.segments_lonlat(), result.walked

    async def shift_async(self, now: datetime | None = None) -> tuple[np.ndarray, np.ndarray, float | None]:
        def work() -> tuple[np.ndarray, np.ndarray, float | None]:
            _name, r = self.shift(now)
            seg, walked = self.segments(r)
            return seg, walked, r.rate()

        return await asyncio.get_running_loop().run_in_executor(None, work)


@dataclass(frozen=True, slots=True)
class ShiftCoverage:
    """One shift's coverage (clipped to a report's window): name ``day``/``night``, window, rate."""

    shift: str
    t0: datetime
    t1: datetime
    rate: float | None
    fixes: int


class InstantCoverage:
    """巡查覆盖率 of the shift holding an instant that moves both ways (the shift replay's KPI strip).

    Forward in the same shift, only the fixes since the last instant are added (the accumulator keeps
    each worker's last fix, so the result equals a computation over the whole shift up to the
    instant); back in time, or into another shift, the shift is read again up to the instant."""

    def __init__(self, coverage: PatrolCoverage) -> None:
        self.coverage = coverage
        self._lock = threading.Lock()
        self._run: tuple[datetime, CoverageAccumulator, datetime] | None = None  # shift start, acc, read to

    def result(self, at: datetime) -> CoverageResult:
        cov = self.coverage
        _name, s0, _s1 = shift_window(at, cov.tz)
        with self._lock:
            run = self._run
            if run is None or run[0] != s0 or at < run[2]:
                acc = CoverageAccumulator(cov.network, s0)
                acc.add(cov._tracks(s0, at))
                cov.full_computations += 1
            else:
                acc = run[1]
                acc.add(cov._tracks(run[2], at))
            self._run = (s0, acc, at)
            return acc.result(at)

    def kpis(self, at: datetime) -> dict[str, float | None]:
        r = self.result(at)
        return {KPI_KEY: r.rate() if r.fixes else None}


def patrol_coverage_report(store: Any, district: District, t0: datetime, t1: datetime,
                           shift: str | None = None) -> CoverageReport:
    """Patrol coverage of ``district`` between ``t0`` and ``t1`` from ``store``'s tracks (for reports)."""
    return PatrolCoverage(store, district).report(t0, t1, shift)
