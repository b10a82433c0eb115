"""Point-in-grid lookup with a shapely 2 STRtree (vectorised).

A point may touch several indexed polygons: on a shared edge, on a shared vertex, or inside a
governance unit drawn over its micro-grid. The answer is then the candidate with the highest
``level`` (the deepest grid) and, among equal levels, the smallest grid id — so a point on a
shared edge maps to exactly one grid, the same one every time. Holes are honoured: a point strictly
inside a hole is not in that polygon.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Iterable, Sequence

import numpy as np
import shapely

from console.domain.geo import cell_ring, jittered_lattice
from console.domain.grid import Grid, GridKind


def grid_geometry(grid: Grid) -> shapely.Polygon:
    """The shapely polygon of a grid (raises ValueError when it has none or it is invalid)."""
    if not grid.polygon:
        raise ValueError(f"grid {grid.id} has no polygon")
    shell, *holes = grid.polygon
    poly = shapely.Polygon(shell, holes)
    if poly.is_empty or not poly.is_valid:
        raise ValueError(f"grid {grid.id}: invalid polygon ({shapely.is_valid_reason(poly)})")
    return poly


class GridLocator:
    """Find the grid containing a point among ``grids`` (those without a polygon are skipped)."""

    def __init__(self, grids: Iterable[Grid], geometries: Sequence[shapely.Polygon] | None = None) -> None:
        items = [g for g in grids if g.polygon]
        if geometries is not None:
            geoms_by_id = {g.id: geom for g, geom in zip(items, geometries, strict=True)}
        order = sorted(range(len(items)), key=lambda k: items[k].id)
        self._grids: list[Grid] = [items[k] for k in order]
        self.ids: list[str] = [g.id for g in self._grids]
        if geometries is not None:
            geoms = [geoms_by_id[i] for i in self.ids]
        else:
            geoms = [grid_geometry(g) for g in self._grids]
        self.geometries = np.array(geoms, dtype=object)
        shapely.prepare(self.geometries)
        self._tree = shapely.STRtree(self.geometries)
        levels = np.array([g.level for g in self._grids], dtype=np.int64)
        n = len(self._grids)
        # higher level wins; on a tie the smaller id (lower index) wins
        self._priority = levels * (n + 1) + (n - np.arange(n, dtype=np.int64))
        self._ids_obj = np.array(self.ids + [None], dtype=object)  # index -1 -> None

    def __len__(self) -> int:
        return len(self._grids)

    @property
    def grids(self) -> list[Grid]:
        return list(self._grids)

    def locate_indices(self, lons: Sequence[float] | np.ndarray, lats: Sequence[float] | np.ndarray) -> np.ndarray:
        """Index into :attr:`ids` of the grid holding each point, ``-1`` where none does."""
        x = np.asarray(lons, dtype=float).ravel()
        y = np.asarray(lats, dtype=float).ravel()
        if x.shape != y.shape:
            raise ValueError("lons and lats differ in length")
        out = np.full(x.shape[0], -1, dtype=np.int64)
        if x.shape[0] == 0 or len(self._grids) == 0:
            return out
        pts = shapely.points(x, y)
        pt_idx, geom_idx = self._tree.query(pts, predicate="intersects")
        if pt_idx.size == 0:
            return out
        prio = self._priority[geom_idx]
        # sort by point, then priority; the last entry of each point's run wins
        order = np.lexsort((prio, pt_idx))
        pt_sorted = pt_idx[order]
        last = np.ones(pt_sorted.shape[0], dtype=bool)
        last[:-1] = pt_sorted[1:] != pt_sorted[:-1]
        out[pt_sorted[last]] = geom_idx[order][last]
        return out

    def locate_many(self, lons: Sequence[float] | np.ndarray, lats: Sequence[float] | np.ndarray) -> list[str | None]:
        """Grid id (or None) for each point."""
        return self._ids_obj[self.locate_indices(lons, lats)].tolist()

    def locate(self, lon: float, lat: float) -> str | None:
        if not (np.isfinite(lon) and np.isfinite(lat)):
            return None
        hits = self._tree.query(shapely.Point(lon, lat), predicate="intersects")
        if hits.size == 0:
            return None
        best = int(hits[np.argmax(self._priority[hits])])
        return self.ids[best]


def synthetic_grid_set(
    n: int = 5000,
    seed: int = 0,
    bbox: tuple[float, float, float, float] = (103.9, 30.4, 104.2, 30.7),
) -> list[Grid]:
    """``n`` polygons tiling ``bbox`` exactly: a jittered lattice, a few cells merged in pairs."""
    if n < 1:
        raise ValueError("n must be positive")
    rows = max(1, round(n**0.5))
    cols = -(-n // rows)
    if cols < 2 and rows * cols != n:
        cols = 2
    excess = rows * cols - n  # < rows: merge that many horizontal pairs in the last two columns
    v = jittered_lattice(*bbox, cols, rows, jitter=0.3, rng=random.Random(seed))
    grids: list[Grid] = []
    for j in range(rows):
        merged = j < excess
        last = cols - 2 if merged else cols
        for i in range(last):
            grids.append(_cell_grid(v, i, j, 1, len(grids)))
        if merged:
            grids.append(_cell_grid(v, cols - 2, j, 2, len(grids)))
    return grids


def _cell_grid(v: np.ndarray, i: int, j: int, width: int, k: int) -> Grid:
    return Grid(
        id=f"syn-{k:05d}",
        name=f"合成网格{k}",
        level=4,
        parent_id=None,
        kind=GridKind.LAND,
        polygon=[cell_ring(v, i, j, width)],
    )


def bench_grid_lookup(points: int = 200_000, runs: int = 3, n: int = 5000) -> dict[str, float]:
    """Batched lookups per second against ``n`` polygons (median of ``runs`` runs)."""
    grids = synthetic_grid_set(n, seed=0)
    locator = GridLocator(grids)
    x0, y0, x1, y1 = 103.9, 30.4, 104.2, 30.7
    rng = np.random.default_rng(1)
    lons = rng.uniform(x0, x1, points)
    lats = rng.uniform(y0, y1, points)
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        ids = locator.locate_many(lons, lats)
        dt = time.perf_counter() - t0
        if len(ids) != points:
            raise RuntimeError("lookup returned a wrong number of results")
        rates.append(points / dt)
    return {"grid_lookup_per_s": float(statistics.median(rates))}
