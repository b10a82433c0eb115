"""Web-Mercator, tile math and GCJ-02 (console.domain.projection)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.domain.geo import haversine_m
from console.domain.projection import (
    ORIGIN_SHIFT,
    gcj02_to_wgs84,
    gcj02_to_wgs84_np,
    lonlat_to_mercator,
    lonlat_to_mercator_np,
    lonlat_to_tile,
    mercator_to_lonlat,
    mercator_to_tile,
    metres_per_pixel,
    out_of_china,
    tile_bounds_lonlat,
    tile_bounds_mercator,
    tiles_in_bbox,
    wgs84_to_gcj02,
    wgs84_to_gcj02_np,
    xyz_to_tms_row,
    zoom_for_resolution,
)


def test_mercator_known_values():
    assert lonlat_to_mercator(0, 0) == pytest.approx((0.0, 0.0), abs=1e-9)
    assert lonlat_to_mercator(180, 0)[0] == pytest.approx(20037508.342789244)
    assert lonlat_to_mercator(0, 85.05112877980659)[1] == pytest.approx(ORIGIN_SHIFT, rel=1e-9)


def test_mercator_matches_proj():
    pyproj = pytest.importorskip("pyproj")
    t = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    for lon, lat in ((121.4737, 31.2304), (104.06, 30.67), (-70.6, -33.45), (13.405, 52.52)):
        assert lonlat_to_mercator(lon, lat) == pytest.approx(t.transform(lon, lat), abs=1e-3)


@given(st.floats(-179.9, 179.9), st.floats(-85, 85))
def test_mercator_round_trip(lon, lat):
    lo, la = mercator_to_lonlat(*lonlat_to_mercator(lon, lat))
    assert lo == pytest.approx(lon, abs=1e-9)
    assert la == pytest.approx(lat, abs=1e-9)


def test_vectorised_matches_scalar():
    lon = np.array([0.0, 121.47, -70.1])
    lat = np.array([0.0, 31.23, -33.4])
    x, y = lonlat_to_mercator_np(lon, lat)
    for i in range(3):
        assert (x[i], y[i]) == pytest.approx(lonlat_to_mercator(lon[i], lat[i]))


def test_known_tile_numbers():
    assert lonlat_to_tile(0.0, 0.0, 0) == (0, 0)
    assert lonlat_to_tile(0.0001, 0.0001, 1) == (1, 0)
    assert lonlat_to_tile(-0.0001, -0.0001, 1) == (0, 1)
    assert lonlat_to_tile(13.4050, 52.5200, 10) == (550, 335)  # Berlin (OSM wiki slippy-map example)
    assert lonlat_to_tile(121.4737, 31.2304, 10) == (857, 418)  # Shanghai
    assert lonlat_to_tile(-180.0, 85.0511, 5) == (0, 0)
    assert lonlat_to_tile(179.9999, -85.0511, 5) == (31, 31)


@given(st.integers(0, 18), st.floats(-179.9, 179.9), st.floats(-85, 85))
def test_point_lies_in_its_tile(z, lon, lat):
    x, y = lonlat_to_tile(lon, lat, z)
    w, s, e, n = tile_bounds_lonlat(z, x, y)
    assert w - 1e-9 <= lon <= e + 1e-9
    assert s - 1e-9 <= lat <= n + 1e-9
    assert mercator_to_tile(*lonlat_to_mercator(lon, lat), z) == (x, y)


def test_tile_bounds_and_ranges():
    assert tile_bounds_mercator(0, 0, 0) == pytest.approx((-ORIGIN_SHIFT, -ORIGIN_SHIFT, ORIGIN_SHIFT, ORIGIN_SHIFT))
    w, s, e, n = tile_bounds_mercator(3, 2, 5)
    assert tiles_in_bbox(3, w + 1, s + 1, e - 1, n - 1) == (2, 5, 2, 5)
    assert metres_per_pixel(0) == pytest.approx(156543.03392804097)
    for z in range(20):
        assert zoom_for_resolution(metres_per_pixel(z)) == pytest.approx(z)


@given(st.integers(0, 20), st.data())
def test_tms_row_is_an_involution(z, data):
    y = data.draw(st.integers(0, (1 << z) - 1))
    assert xyz_to_tms_row(z, xyz_to_tms_row(z, y)) == y
    assert 0 <= xyz_to_tms_row(z, y) < (1 << z)
    assert xyz_to_tms_row(z, 0) == (1 << z) - 1


@settings(max_examples=300)
@given(st.floats(73.7, 134.7), st.floats(18.2, 53.4))
def test_gcj02_round_trip_within_1m_in_china(lon, lat):
    glon, glat = wgs84_to_gcj02(lon, lat)
    shift = haversine_m(lon, lat, glon, glat)
    assert 1.0 < shift < 1200.0  # the obfuscation moves points by hundreds of metres
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    assert haversine_m(lon, lat, wlon, wlat) < 1.0


@given(st.floats(-179, 179), st.floats(-80, 80))
def test_gcj02_identity_outside_china(lon, lat):
    if not out_of_china(lon, lat):
        return
    assert wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_gcj02_vectorised_and_typical_offset():
    lon = np.array([116.397, 121.4737, 2.35])  # Beijing, Shanghai, Paris
    lat = np.array([39.909, 31.2304, 48.85])
    glon, glat = wgs84_to_gcj02_np(lon, lat)
    assert glon[2] == lon[2]
    assert glat[2] == lat[2]
    d = [haversine_m(lon[i], lat[i], glon[i], glat[i]) for i in range(2)]
    assert all(300 < v < 800 for v in d)
    back_lon, back_lat = gcj02_to_wgs84_np(glon, glat)
    assert np.allclose(back_lon, lon, atol=1e-7)
    assert np.allclose(back_lat, lat, atol=1e-7)
    assert not math.isnan(float(glon[0]))
