"""Patrol coverage (巡查覆盖率) from the stored tracks: per grid and per shift, off the GUI thread.

The formula is :func:`console.domain.patrol.coverage` (street segments of the micro-grids walked
within 20 m); this service reads the window's tracks from the store and caches the patrol network.

For the reports: :func:`patrol_coverage_report` ``(store, district, t0, t1)`` → per-grid rates and the
district's; the KPI strip shows ``patrol_coverage_rate`` of the current shift (:meth:`PatrolCoverage.kpis`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from console.domain.district import District
from console.domain.event import utcnow
from console.domain.patrol import CoverageResult, PatrolNetwork, build_network, coverage, shift_window

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


class PatrolCoverage:
    def __init__(self, store: Any, district: District, *, tz: str | None = None) -> None:
        self.store = store
        self.district = district
        self.tz = tz or district.info.timezone
        self._net: PatrolNetwork | None = None

    @property
    def network(self) -> PatrolNetwork:
        if self._net is None:
            self._net = build_network(self.district)
        return self._net

    def compute(self, t0: datetime, t1: datetime) -> CoverageResult:
        tracks = self.store.positions.tracks(t0, t1)
        cols = [(a["t"] / 1e6, a["lon"], a["lat"]) for a in tracks.values()]
        return coverage(self.network, cols, t0, t1)

    def shift(self, now: datetime | None = None, shift: str | None = None) -> tuple[str, CoverageResult]:
        """The current shift so far (or ``shift`` of today's date), its coverage."""
        now = now or utcnow()
        name, t0, t1 = shift_window(now, self.tz, shift=shift)
        return name, self.compute(t0, min(t1, now))

    def report(self, t0: datetime, t1: datetime, shift: str | None = None) -> CoverageReport:
        r = self.compute(t0, t1)
        return CoverageReport(t0, t1, shift, r.rate(), r.by_grid(), dict(r.covered_m), dict(r.total_m))

    def kpis(self, now: datetime | None = None) -> dict[str, float | None]:
        _name, r = self.shift(now)
        return {KPI_KEY: r.rate()}

    def segments(self, result: CoverageResult) -> tuple[np.ndarray, np.ndarray]:
        """(m, 2, 2) lon/lat segments of the network and which were walked (for the map layer)."""
        return self.network.segments_lonlat(), result.walked

    async def shift_async(self, now: datetime | None = None) -> tuple[np.ndarray, np.ndarray, float | None]:
        def work() -> tuple[np.ndarray, np.ndarray, float | None]:
            _name, r = self.shift(now)
            seg, walked = self.segments(r)
            return seg, walked, r.rate()

        return await asyncio.get_running_loop().run_in_executor(None, work)


def patrol_coverage_report(store: Any, district: District, t0: datetime, t1: datetime,
                           shift: str | None = None) -> CoverageReport:
    """Patrol coverage of ``district`` between ``t0`` and ``t1`` from ``store``'s tracks (for reports)."""
    return PatrolCoverage(store, district).report(t0, t1, shift)
