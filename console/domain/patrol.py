"""Patrol network, patrol coverage (巡查覆盖率) and track simplification. Pure: numpy + shapely.

The demo district has no street centre-lines, so the **patrol network** of each micro-grid (level 4,
land) is built from its polygon: its sides (the roads named in its ``roads`` property run along
them), each split at its midpoint, and lanes from every side's midpoint to the grid's centre. The
street segments of a grid are those pieces (a few dozen metres to ~250 m each). Work is in local
metres (an equirectangular projection around the district's centre, fine over a few km).

**Coverage**: a segment counts as walked in a window when at least ``MIN_SHARE`` of its length lies
within ``BUFFER_M`` of a track of that window (tracks are split at gaps longer than ``GAP_S`` or
``GAP_M``; the length is measured on samples every ``SAMPLE_M``, the distance to the track exactly).
:class:`CoverageAccumulator` builds the same figure up as fixes arrive. A grid's coverage is its walked length over its
total length; parents add their children's lengths. A street shared by two micro-grids is counted in
each. Shifts: day 08:00–20:00, night 20:00–08:00 in the room's zone (:func:`shift_window`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import shapely

from console.domain.geo import metres_per_degree
from console.domain.kpi import patrol_coverage_rate

BUFFER_M = 20.0
MIN_SHARE = 0.6
SIMPLIFY_M = 3.0
SAMPLE_M = 5.0
GAP_S = 120.0
GAP_M = 200.0
DAY_START_H = 8
NIGHT_START_H = 20


@dataclass(frozen=True, slots=True)
class LocalFrame:
    """lon/lat ⇄ local metres (east, north) around ``(lon0, lat0)``."""

    lon0: float
    lat0: float

    @property
    def scale(self) -> tuple[float, float]:
        return metres_per_degree(self.lat0)

    def to_xy(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mx, my = self.scale
        return (np.asarray(lon, dtype=float) - self.lon0) * mx, (np.asarray(lat, dtype=float) - self.lat0) * my

    def to_lonlat(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mx, my = self.scale
        return np.asarray(x, dtype=float) / mx + self.lon0, np.asarray(y, dtype=float) / my + self.lat0


@dataclass(slots=True)
class GridNet:
    """One grid's patrol graph: nodes (local metres) and undirected edges (node index pairs)."""

    grid_id: str
    nodes: np.ndarray  # (n, 2)
    edges: list[tuple[int, int]]
    adjacency: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for a, b in self.edges:
            self.adjacency.setdefault(a, []).append(b)
            self.adjacency.setdefault(b, []).append(a)


@dataclass(slots=True)
class PatrolNetwork:
    frame: LocalFrame
    grids: dict[str, GridNet]
    segments: np.ndarray  # (m, 2, 2) local metres
    segment_grid: np.ndarray  # (m,) index into grid_ids
    grid_ids: list[str]
    parents: dict[str, str | None]  # grid id → parent id, for every grid of the district
    sample_cache: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def lengths(self) -> np.ndarray:
        return np.hypot(self.segments[:, 1, 0] - self.segments[:, 0, 0], self.segments[:, 1, 1] - self.segments[:, 0, 1])

    def samples(self) -> tuple[np.ndarray, np.ndarray]:
        """Points every ``SAMPLE_M`` metres along the segments and the segment of each (cached)."""
        if self.sample_cache is None:
            self.sample_cache = _samples(self)
        return self.sample_cache

    def segments_lonlat(self) -> np.ndarray:
        """(m, 2, 2) lon/lat of every segment."""
        lon, lat = self.frame.to_lonlat(self.segments[..., 0], self.segments[..., 1])
        return np.stack([lon, lat], axis=-1)


def build_network(district, *, level: int = 4) -> PatrolNetwork:  # district: console.domain.district.District
    """The patrol network of every land grid of ``level`` with a polygon."""
    centre = district.info.centre
    if centre is None:
        pts = [p for g in district.grids.values() if g.polygon for p in g.polygon[0]]
        centre = (sum(p[0] for p in pts) / max(len(pts), 1), sum(p[1] for p in pts) / max(len(pts), 1))
    frame = LocalFrame(float(centre[0]), float(centre[1]))
    grids: dict[str, GridNet] = {}
    segs: list[np.ndarray] = []
    seg_grid: list[int] = []
    ids: list[str] = []
    for g in district.grids.values():
        if g.level != level or not g.polygon or str(g.kind) != "land":
            continue
        ring = np.asarray(g.polygon[0], dtype=float)
        if len(ring) > 1 and np.allclose(ring[0], ring[-1]):
            ring = ring[:-1]
        if len(ring) < 3:
            continue
        x, y = frame.to_xy(ring[:, 0], ring[:, 1])
        corners = np.column_stack([x, y])
        n = len(corners)
        mids = (corners + np.roll(corners, -1, axis=0)) / 2
        centre_pt = shapely.Polygon(corners).point_on_surface()
        nodes = np.vstack([corners, mids, [[centre_pt.x, centre_pt.y]]])
        c = 2 * n
        edges = []
        for i in range(n):
            edges.append((i, n + i))
            edges.append((n + i, (i + 1) % n))
            edges.append((n + i, c))
        net = GridNet(g.id, nodes, edges)
        grids[g.id] = net
        k = len(ids)
        ids.append(g.id)
        for a, b in edges:
            segs.append(np.array([nodes[a], nodes[b]]))
            seg_grid.append(k)
    parents = {g.id: g.parent_id for g in district.grids.values()}
    return PatrolNetwork(frame, grids, np.array(segs, dtype=float).reshape(-1, 2, 2),
                         np.array(seg_grid, dtype=np.int32), ids, parents)


# ---- tracks -----------------------------------------------------------------------------------------
def split_track(t_s: np.ndarray, x: np.ndarray, y: np.ndarray, *, gap_s: float = GAP_S,
                gap_m: float = GAP_M) -> list[np.ndarray]:
    """A track (times in s, local metres) → pieces of (n, 2) without gaps (jumps are not walked)."""
    if len(t_s) < 2:
        return []
    dt = np.diff(t_s)
    dd = np.hypot(np.diff(x), np.diff(y))
    cut = np.flatnonzero((dt > gap_s) | (dd > gap_m)) + 1
    out = []
    for part in np.split(np.arange(len(t_s)), cut):
        if len(part) >= 2:
            out.append(np.column_stack([x[part], y[part]]))
    return out


def simplify(xy: np.ndarray, tolerance: float) -> np.ndarray:
    """A polyline (n, 2) simplified (Douglas–Peucker, shapely) to ``tolerance`` (same units)."""
    if len(xy) < 3 or tolerance <= 0:
        return xy
    line = shapely.simplify(shapely.linestrings(xy), tolerance, preserve_topology=False)
    return shapely.get_coordinates(line)


def densify(xy: np.ndarray, step: float) -> np.ndarray:
    """A polyline (n, 2) with extra points so no two consecutive ones are more than ``step`` apart."""
    if len(xy) < 2:
        return xy
    seg = np.hypot(*np.diff(xy, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    d = np.append(np.arange(0.0, cum[-1], step), cum[-1])
    return np.column_stack([np.interp(d, cum, xy[:, 0]), np.interp(d, cum, xy[:, 1])])


def coverage(net: PatrolNetwork, tracks: Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]],
             t0: datetime, t1: datetime, *, buffer_m: float = BUFFER_M, min_share: float = MIN_SHARE) -> CoverageResult:
    """Which segments of ``net`` the ``tracks`` — (t seconds, lon, lat) arrays, one per worker — walked.

    A segment is sampled every ``SAMPLE_M`` metres (midpoints of equal pieces); a sample is inside
    when it lies within ``buffer_m`` of a track (the exact distance to the track's polyline, split
    at gaps: shapely ``STRtree`` ``dwithin`` over pieces of at most ``LINE_VERTICES`` vertices);
    a segment is walked when at least ``min_share`` of its samples are. The same computation as
    :class:`CoverageAccumulator` fed everything at once."""
    acc = CoverageAccumulator(net, t0, buffer_m=buffer_m, min_share=min_share)
    acc.add((str(i), t, lon, lat) for i, (t, lon, lat) in enumerate(tracks))
    return acc.result(t1)


LINE_VERTICES = 16  # a track is indexed in pieces this long (local envelopes: a few hundred metres)


def _lines(piece: np.ndarray, vertices: int = LINE_VERTICES) -> list[np.ndarray]:
    """A polyline cut into polylines of at most ``vertices`` vertices sharing their ends."""
    step = vertices - 1
    return [piece[i : i + vertices] for i in range(0, max(len(piece) - 1, 1), step) if len(piece[i : i + vertices]) >= 2]


class CoverageAccumulator:
    """Patrol coverage of a window built up as fixes arrive (the KPI strip's current shift: each
    refresh adds only the fixes since the last one).

    Equal to :func:`coverage` over all the fixes added, as long as each worker's fixes arrive in
    time order: a worker's last fix is kept, so the walk from it to the next fix added later is
    counted; a fix older than the worker's last one added is not (``late`` counts them — a full
    recomputation takes them in). Samples once inside stay inside (a walk is never undone)."""

    def __init__(self, net: PatrolNetwork, t0: datetime, *, buffer_m: float = BUFFER_M,
                 min_share: float = MIN_SHARE) -> None:
        self.net = net
        self.t0 = t0
        self.buffer_m = buffer_m
        self.min_share = min_share
        samples, self.owner = net.samples()
        self._points = shapely.points(samples) if len(samples) else np.empty(0, dtype=object)
        self.inside = np.zeros(len(samples), dtype=bool)
        self.last: dict[str, tuple[float, float, float]] = {}  # worker → (t, x, y) of the last fix added
        self.fixes = 0
        self.late = 0

    def add(self, tracks: Iterable[tuple[str, np.ndarray, np.ndarray, np.ndarray]]) -> int:
        """Add each worker's fixes — (worker id, t seconds, lon, lat), in time order; returns the fixes taken."""
        lines: list[np.ndarray] = []
        taken = 0
        for wid, t, lon, lat in tracks:
            t = np.asarray(t, dtype=float)
            prev = self.last.get(wid)
            if prev is not None:
                keep = t > prev[0]
                self.late += int(np.count_nonzero(t < prev[0]))
                t, lon, lat = t[keep], np.asarray(lon)[keep], np.asarray(lat)[keep]
            if not len(t):
                continue
            x, y = self.net.frame.to_xy(lon, lat)
            taken += len(t)
            if prev is not None:
                t = np.concatenate([[prev[0]], t])
                x = np.concatenate([[prev[1]], x])
                y = np.concatenate([[prev[2]], y])
            self.last[wid] = (float(t[-1]), float(x[-1]), float(y[-1]))
            for piece in split_track(t, x, y):
                lines.extend(_lines(piece))
        self.fixes += taken
        todo = np.flatnonzero(~self.inside)
        if lines and len(todo):
            counts = np.fromiter((len(v) for v in lines), dtype=np.int64, count=len(lines))
            geoms = shapely.linestrings(np.concatenate(lines), indices=np.repeat(np.arange(len(lines)), counts))
            tree = shapely.STRtree(geoms)
            hit = tree.query(self._points[todo], predicate="dwithin", distance=self.buffer_m)[0]
            self.inside[todo[hit]] = True
        return taken

    def walked(self) -> np.ndarray:
        m = len(self.net.segments)
        if not m:
            return np.zeros(0, dtype=bool)
        share = (np.bincount(self.owner, weights=self.inside, minlength=m)
                 / np.maximum(np.bincount(self.owner, minlength=m), 1))
        return share >= self.min_share  # type: ignore[no-any-return]

    def result(self, t1: datetime) -> CoverageResult:
        return CoverageResult.build(self.net, self.walked(), self.t0, t1, fixes=self.fixes)


def _samples(net: PatrolNetwork) -> tuple[np.ndarray, np.ndarray]:
    """Points every ``SAMPLE_M`` along each segment (segment midpoints of equal pieces) and their segment."""
    lengths = net.lengths
    k = np.maximum(1, np.ceil(lengths / SAMPLE_M).astype(int))
    owner = np.repeat(np.arange(len(lengths)), k)
    start = np.concatenate([[0], np.cumsum(k)[:-1]])
    frac = (np.arange(len(owner)) - start[owner] + 0.5) / k[owner]
    a, b = net.segments[owner, 0], net.segments[owner, 1]
    return a + (b - a) * frac[:, None], owner


@dataclass(frozen=True, slots=True)
class CoverageResult:
    t0: datetime
    t1: datetime
    walked: np.ndarray  # (m,) bool per network segment
    covered_m: dict[str, float]  # grid id (micro-grids and their ancestors) → walked length
    total_m: dict[str, float]
    leaves: frozenset[str]
    fixes: int = 0  # fixes taken into account (0: no positions in the window)

    @classmethod
    def build(cls, net: PatrolNetwork, walked: np.ndarray, t0: datetime, t1: datetime, *,
              fixes: int = 0) -> CoverageResult:
        lengths = net.lengths
        k = len(net.grid_ids)
        tot = np.bincount(net.segment_grid, weights=lengths, minlength=k)
        cov = np.bincount(net.segment_grid, weights=lengths * walked, minlength=k)
        total = {gid: float(tot[i]) for i, gid in enumerate(net.grid_ids)}
        covered = {gid: float(cov[i]) for i, gid in enumerate(net.grid_ids)}
        for gid in list(net.grid_ids):
            p = net.parents.get(gid)
            seen = 0
            while p is not None and seen < 16:
                total[p] = total.get(p, 0.0) + total[gid]
                covered[p] = covered.get(p, 0.0) + covered[gid]
                p = net.parents.get(p)
                seen += 1
        return cls(t0, t1, walked, covered, total, frozenset(net.grid_ids), fixes)

    def rate(self, grid_id: str | None = None) -> float | None:
        """Walked share of a grid's streets (None id: the whole district; None: no streets)."""
        if grid_id is None:
            tot = sum(self.total_m[g] for g in self.leaves)
            cov = sum(self.covered_m[g] for g in self.leaves)
        else:
            tot, cov = self.total_m.get(grid_id, 0.0), self.covered_m.get(grid_id, 0.0)
        return patrol_coverage_rate(cov, tot)

    def by_grid(self) -> dict[str, float]:
        return {g: self.covered_m[g] / t for g, t in self.total_m.items() if t > 0}


def shift_window(now: datetime, tz: str = "Asia/Shanghai", *, shift: str | None = None,
                 day: datetime | None = None) -> tuple[str, datetime, datetime]:
    """The shift (``"day"`` 08–20 / ``"night"`` 20–08 local) containing ``now`` — or ``shift`` of the
    local date of ``day`` — as (name, start, end) in UTC."""
    zone = ZoneInfo(tz)
    local = (day or now).astimezone(zone)
    if shift is None:
        if DAY_START_H <= local.hour < NIGHT_START_H:
            shift, base = "day", local
        else:
            shift = "night"
            base = local if local.hour >= NIGHT_START_H else local - timedelta(days=1)
    else:
        base = local
    date = base.replace(hour=0, minute=0, second=0, microsecond=0)
    if shift == "day":
        start, end = date.replace(hour=DAY_START_H), date.replace(hour=NIGHT_START_H)
    elif shift == "night":
        start = date.replace(hour=NIGHT_START_H)
        end = (date + timedelta(days=1)).replace(hour=DAY_START_H)
    else:
        raise ValueError(f"unknown shift {shift!r}")
    utc = now.tzinfo
    return shift, start.astimezone(utc), end.astimezone(utc)


def route_nodes(net: GridNet, rng: np.random.Generator, length_m: float, start: int | None = None) -> np.ndarray:
    """A random walk on the grid's patrol graph of at least ``length_m`` (no immediate U-turns
    where the graph allows): its node coordinates (k, 2) in local metres."""
    node = int(rng.integers(len(net.nodes))) if start is None else start
    prev = -1
    path = [node]
    walked = 0.0
    guard = 0
    while walked < length_m and guard < 100_000:
        guard += 1
        nbrs = net.adjacency.get(node, [])
        if not nbrs:
            break
        options = [n for n in nbrs if n != prev] or nbrs
        nxt = options[int(rng.integers(len(options)))]
        walked += float(np.hypot(*(net.nodes[nxt] - net.nodes[node])))
        prev, node = node, nxt
        path.append(node)
    return net.nodes[np.array(path)]


def along(path: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """Points at distances ``dist`` (metres) along a polyline (k, 2); clamped to its ends."""
    seg = np.hypot(*np.diff(path, axis=0).T) if len(path) > 1 else np.zeros(0)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    d = np.clip(dist, 0.0, cum[-1] if len(cum) else 0.0)
    return np.column_stack([np.interp(d, cum, path[:, 0]), np.interp(d, cum, path[:, 1])])


def polyline_length(path: Sequence[Sequence[float]] | np.ndarray) -> float:
    a = np.asarray(path, dtype=float)
    return float(np.hypot(*np.diff(a, axis=0).T).sum()) if len(a) > 1 else 0.0
