"""Geometry helpers on WGS-84 longitude/latitude (pure: stdlib, numpy, shapely).

Argument order is always ``(lon, lat)`` like GeoJSON; distances are metres, angles degrees.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import numpy as np

EARTH_RADIUS_M = 6_371_008.8

Ring = list[tuple[float, float]]


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres between two points."""
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def haversine_many(lon1: float, lat1: float, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Vectorised distances (m) from one point to arrays of points."""
    p1 = math.radians(lat1)
    p2 = np.radians(np.asarray(lats, dtype=float))
    dp = p2 - p1
    dl = np.radians(np.asarray(lons, dtype=float) - lon1)
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def bearing_deg(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Initial bearing from point 1 to point 2: 0 = north, clockwise, in [0, 360)."""
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360.0


def destination(lon: float, lat: float, bearing: float, distance_m: float) -> tuple[float, float]:
    """The point reached from (lon, lat) going ``distance_m`` along ``bearing`` degrees."""
    d = distance_m / EARTH_RADIUS_M
    b = math.radians(bearing)
    p1 = math.radians(lat)
    l1 = math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return (math.degrees(l2) + 540.0) % 360.0 - 180.0, math.degrees(p2)


def metres_per_degree(lat: float) -> tuple[float, float]:
    """Approximate metres per degree of longitude and latitude at ``lat``."""
    m_lat = math.pi * EARTH_RADIUS_M / 180.0
    return m_lat * math.cos(math.radians(lat)), m_lat


def offset_m(lon: float, lat: float, east_m: float, north_m: float) -> tuple[float, float]:
    """Shift a point by small east/north distances (equirectangular, fine below a few km)."""
    mx, my = metres_per_degree(lat)
    return lon + east_m / mx, lat + north_m / my


def angle_diff_deg(a: float, b: float) -> float:
    """Smallest absolute difference between two bearings, in [0, 180]."""
    d = abs(a - b) % 360.0
    return 360.0 - d if d > 180.0 else d


def ring_area_m2(ring: Sequence[tuple[float, float]]) -> float:
    """Unsigned area of a closed or open lon/lat ring (local equirectangular projection)."""
    if len(ring) < 3:
        return 0.0
    lat0 = sum(p[1] for p in ring) / len(ring)
    mx, my = metres_per_degree(lat0)
    acc = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        acc += (x1 * mx) * (y2 * my) - (x2 * mx) * (y1 * my)
    return abs(acc) / 2.0


def polygon_area_m2(rings: Sequence[Sequence[tuple[float, float]]]) -> float:
    """Area of a polygon given as exterior ring then holes."""
    if not rings:
        return 0.0
    return max(0.0, ring_area_m2(rings[0]) - sum(ring_area_m2(h) for h in rings[1:]))


def ring_centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Area centroid of a simple ring (falls back to the vertex mean when degenerate)."""
    pts = list(ring)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]
    a = cx = cy = 0.0
    n = len(pts)
    for i in range(n):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % n]
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-18:
        return sum(p[0] for p in pts) / n, sum(p[1] for p in pts) / n
    return cx / (3 * a), cy / (3 * a)


def close_ring(ring: Sequence[tuple[float, float]]) -> Ring:
    pts = [(float(x), float(y)) for x, y in ring]
    if pts and pts[0] != pts[-1]:
        pts.append(pts[0])
    return pts


def jittered_lattice(
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    cols: int,
    rows: int,
    *,
    jitter: float = 0.3,
    rng: random.Random | None = None,
    ndigits: int | None = None,
) -> np.ndarray:
    """Vertices of a ``cols`` × ``rows`` lattice over a rectangle, shape ``(cols+1, rows+1, 2)``.

    Interior vertices move by up to ``jitter`` of a cell; vertices on the rectangle's sides only
    slide along their side and corners stay fixed, so the cells built from shared vertices tile the
    rectangle exactly. With ``ndigits`` the coordinates are rounded (before any polygon is built).
    """
    rng = rng or random.Random(0)
    dx = (x1 - x0) / cols
    dy = (y1 - y0) / rows
    v = np.empty((cols + 1, rows + 1, 2), dtype=float)
    for i in range(cols + 1):
        for j in range(rows + 1):
            x = x0 + i * dx
            y = y0 + j * dy
            if 0 < i < cols:
                x += rng.uniform(-jitter, jitter) * dx
            if 0 < j < rows:
                y += rng.uniform(-jitter, jitter) * dy
            if ndigits is not None:
                x = round(x, ndigits)
                y = round(y, ndigits)
            v[i, j] = (x, y)
    # re-pin the sides exactly (rounding must not move them off the rectangle)
    v[0, :, 0] = x0
    v[cols, :, 0] = x1
    v[:, 0, 1] = y0
    v[:, rows, 1] = y1
    return v


def cell_ring(v: np.ndarray, i: int, j: int, width: int = 1) -> Ring:
    """Closed counter-clockwise ring of lattice cell(s) (i..i+width, j) using every shared vertex."""
    bottom = [tuple(map(float, v[k, j])) for k in range(i, i + width + 1)]
    top = [tuple(map(float, v[k, j + 1])) for k in range(i + width, i - 1, -1)]
    ring = bottom + top
    ring.append(ring[0])
    return ring  # type: ignore[return-value]


def random_point_in_box(
    rng: random.Random, bbox: tuple[float, float, float, float]
) -> tuple[float, float]:
    x0, y0, x1, y1 = bbox
    return rng.uniform(x0, x1), rng.uniform(y0, y1)
