"""Map projection and tile math: WGS-84 ⇄ Web-Mercator metres, XYZ/TMS tiles, GCJ-02.

Pure Python + numpy. Everything takes ``(lon, lat)`` in degrees (GeoJSON order).

- Web-Mercator (EPSG:3857) metres are what the map canvas works in, so shapes keep their
  proportions; a Mercator metre is ``1 / cos(lat)`` ground metres (see :func:`ground_resolution`).
- XYZ tiles (``{z}/{x}/{y}.png``, OSM/Google scheme) count rows from the north; MBTiles stores
  them in TMS order, rows from the south: :func:`xyz_to_tms_row` converts (its own inverse).
- GCJ-02 ("火星坐标") is the obfuscated datum mandated for maps published in China. Tile sets
  rendered in GCJ-02 (most Chinese commercial tiles) are shifted 100–700 m from WGS-84 data, so the
  canvas converts its vectors with :func:`wgs84_to_gcj02` when the basemap declares GCJ-02. Outside
  China the transform is the identity. :func:`gcj02_to_wgs84` inverts it iteratively (< 1 mm).
"""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_3857 = 6_378_137.0
ORIGIN_SHIFT = math.pi * EARTH_RADIUS_3857  # 20037508.342789244: half the world's width in metres
MAX_LAT = 85.05112877980659  # Web-Mercator's square world ends here
TILE_SIZE = 256

# Krasovsky 1940 ellipsoid used by GCJ-02
_GCJ_A = 6_378_245.0
_GCJ_EE = 0.00669342162296594323


# ---- Web-Mercator -------------------------------------------------------------------------------
def lonlat_to_mercator(lon: float, lat: float) -> tuple[float, float]:
    """(lon, lat) degrees → Web-Mercator (x, y) metres; latitudes are clamped to ±MAX_LAT."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = math.radians(lon) * EARTH_RADIUS_3857
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * EARTH_RADIUS_3857
    return x, y


def mercator_to_lonlat(x: float, y: float) -> tuple[float, float]:
    lon = math.degrees(x / EARTH_RADIUS_3857)
    lat = math.degrees(2 * math.atan(math.exp(y / EARTH_RADIUS_3857)) - math.pi / 2)
    return lon, lat


def lonlat_to_mercator_np(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised :func:`lonlat_to_mercator`."""
    lon = np.asarray(lon, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LAT, MAX_LAT)
    x = np.radians(lon) * EARTH_RADIUS_3857
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * EARTH_RADIUS_3857
    return x, y


def mercator_to_lonlat_np(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lon = np.degrees(np.asarray(x, dtype=float) / EARTH_RADIUS_3857)
    lat = np.degrees(2 * np.arctan(np.exp(np.asarray(y, dtype=float) / EARTH_RADIUS_3857)) - np.pi / 2)
    return lon, lat


def ground_resolution(lat: float) -> float:
    """Ground metres per Web-Mercator metre at ``lat`` (the scale factor's inverse)."""
    return math.cos(math.radians(lat))


# ---- tiles ----------------------------------------------------------------------------------------
def tile_span_m(z: int) -> float:
    """Width (= height) of one tile at zoom ``z`` in Web-Mercator metres."""
    return 2 * ORIGIN_SHIFT / (1 << z)


def metres_per_pixel(z: int) -> float:
    """Web-Mercator metres per tile pixel at zoom ``z`` (156543.03 at z = 0)."""
    return tile_span_m(z) / TILE_SIZE


def zoom_for_resolution(mpp: float) -> float:
    """The (fractional) tile zoom whose pixels are ``mpp`` Web-Mercator metres wide."""
    return math.log2(metres_per_pixel(0) / max(mpp, 1e-9))


def lonlat_to_tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    """XYZ tile (x, y) holding the point at zoom ``z`` (rows counted from the north)."""
    n = 1 << z
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = int((lon + 180.0) / 360.0 * n)
    lr = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(lr)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def mercator_to_tile(x: float, y: float, z: int) -> tuple[int, int]:
    span = tile_span_m(z)
    n = 1 << z
    tx = int(math.floor((x + ORIGIN_SHIFT) / span))
    ty = int(math.floor((ORIGIN_SHIFT - y) / span))
    return min(max(tx, 0), n - 1), min(max(ty, 0), n - 1)


def tile_bounds_mercator(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of XYZ tile ``z/x/y`` in Web-Mercator metres."""
    span = tile_span_m(z)
    west = -ORIGIN_SHIFT + x * span
    north = ORIGIN_SHIFT - y * span
    return west, north - span, west + span, north


def tile_bounds_lonlat(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of XYZ tile ``z/x/y`` in degrees."""
    w, s, e, n = tile_bounds_mercator(z, x, y)
    west, south = mercator_to_lonlat(w, s)
    east, north = mercator_to_lonlat(e, n)
    return west, south, east, north


def tiles_in_bbox(
    z: int, west: float, south: float, east: float, north: float
) -> tuple[int, int, int, int]:
    """Inclusive XYZ tile ranges (x0, y0, x1, y1) covering a Web-Mercator metre box."""
    x0, y0 = mercator_to_tile(west, north, z)
    x1, y1 = mercator_to_tile(east, south, z)
    return x0, y0, x1, y1


def xyz_to_tms_row(z: int, y: int) -> int:
    """XYZ row ⇄ TMS row (MBTiles ``tile_row``); the mapping is its own inverse."""
    return (1 << z) - 1 - y


# ---- GCJ-02 ---------------------------------------------------------------------------------------
def out_of_china(lon: float, lat: float) -> bool:
    """True outside the rough box where GCJ-02 applies (the transform is then the identity)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _delta(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = lon - 105.0
    y = lat - 35.0
    pi = np.pi
    common = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat = dlat + common
    dlat = dlat + (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat = dlat + (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon = dlon + common
    dlon = dlon + (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon = dlon + (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    radlat = lat / 180.0 * pi
    magic = 1.0 - _GCJ_EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_GCJ_A * (1.0 - _GCJ_EE)) / (magic * sqrtmagic) * pi)
    dlon = (dlon * 180.0) / (_GCJ_A / sqrtmagic * np.cos(radlat) * pi)
    return dlon, dlat


def _in_china_np(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    return (lon >= 72.004) & (lon <= 137.8347) & (lat >= 0.8293) & (lat <= 55.8271)


def wgs84_to_gcj02_np(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised WGS-84 → GCJ-02 (identity for points outside China)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    dlon, dlat = _delta(lon, lat)
    inside = _in_china_np(lon, lat)
    return np.where(inside, lon + dlon, lon), np.where(inside, lat + dlat, lat)


def gcj02_to_wgs84_np(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised GCJ-02 → WGS-84 by fixed-point iteration (converges to < 1e-9° in a few steps)."""
    glon = np.asarray(lon, dtype=float)
    glat = np.asarray(lat, dtype=float)
    wlon, wlat = glon.copy(), glat.copy()
    for _ in range(30):
        tlon, tlat = wgs84_to_gcj02_np(wlon, wlat)
        elon, elat = tlon - glon, tlat - glat
        wlon = wlon - elon
        wlat = wlat - elat
        if float(np.max(np.abs(elon), initial=0.0)) < 1e-10 and float(np.max(np.abs(elat), initial=0.0)) < 1e-10:
            break
    inside = _in_china_np(glon, glat)
    return np.where(inside, wlon, glon), np.where(inside, wlat, glat)


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    if out_of_china(lon, lat):
        return lon, lat
    x, y = wgs84_to_gcj02_np(np.array([lon]), np.array([lat]))
    return float(x[0]), float(y[0])


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    if out_of_china(lon, lat):
        return lon, lat
    x, y = gcj02_to_wgs84_np(np.array([lon]), np.array([lat]))
    return float(x[0]), float(y[0])
