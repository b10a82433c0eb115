"""Geometry helpers."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.domain.geo import (
    angle_diff_deg,
    bearing_deg,
    cell_ring,
    close_ring,
    destination,
    haversine_m,
    haversine_many,
    jittered_lattice,
    offset_m,
    polygon_area_m2,
    ring_area_m2,
    ring_centroid,
)


def test_haversine_known_values():
    assert haversine_m(104.0, 30.0, 104.0, 31.0) == pytest.approx(111_195, rel=1e-3)
    assert haversine_m(0, 0, 1, 0) == pytest.approx(111_195, rel=1e-3)
    assert haversine_m(104.0, 30.55, 104.0, 30.55) == 0.0
    d = haversine_many(104.0, 30.0, np.array([104.0, 104.0]), np.array([31.0, 30.0]))
    assert d[0] == pytest.approx(111_195, rel=1e-3)
    assert d[1] == 0


def test_bearing():
    assert bearing_deg(104.0, 30.0, 104.0, 30.1) == pytest.approx(0.0, abs=1e-6)
    assert bearing_deg(104.0, 30.0, 104.1, 30.0) == pytest.approx(90.0, abs=0.1)
    assert bearing_deg(104.0, 30.0, 104.0, 29.9) == pytest.approx(180.0, abs=1e-6)
    assert bearing_deg(104.0, 30.0, 103.9, 30.0) == pytest.approx(270.0, abs=0.1)
    assert angle_diff_deg(350, 10) == 20
    assert angle_diff_deg(10, 190) == 180


@given(
    lon=st.floats(103.0, 105.0),
    lat=st.floats(20.0, 45.0),
    brg=st.floats(0, 359.9),
    dist=st.floats(1.0, 20_000.0),
)
def test_destination_round_trip(lon, lat, brg, dist):
    lon2, lat2 = destination(lon, lat, brg, dist)
    assert haversine_m(lon, lat, lon2, lat2) == pytest.approx(dist, rel=1e-6, abs=1e-6)
    assert angle_diff_deg(bearing_deg(lon, lat, lon2, lat2), brg) < 1e-3


def test_offset_and_area():
    lon, lat = offset_m(104.0, 30.55, 100.0, 0.0)
    assert haversine_m(104.0, 30.55, lon, lat) == pytest.approx(100.0, rel=1e-3)
    x1, y1 = offset_m(104.0, 30.55, 100.0, 100.0)
    square = [(104.0, 30.55), (x1, 30.55), (x1, y1), (104.0, y1)]
    assert ring_area_m2(square) == pytest.approx(10_000, rel=1e-3)
    assert ring_area_m2(close_ring(square)) == pytest.approx(10_000, rel=1e-3)
    hx, hy = offset_m(104.0, 30.55, 50.0, 50.0)
    hole = [(104.0, 30.55), (hx, 30.55), (hx, hy), (104.0, hy)]
    assert polygon_area_m2([square, hole]) == pytest.approx(7_500, rel=1e-3)
    assert polygon_area_m2([]) == 0.0
    cx, cy = ring_centroid(close_ring(square))
    assert cx == pytest.approx((104.0 + x1) / 2)
    assert cy == pytest.approx((30.55 + y1) / 2)


def test_lattice_pins_sides_and_shares_vertices():
    v = jittered_lattice(0.0, 0.0, 4.0, 2.0, 4, 2, jitter=0.3, rng=random.Random(1), ndigits=6)
    assert v.shape == (5, 3, 2)
    assert (v[0, :, 0] == 0).all()
    assert (v[4, :, 0] == 4).all()
    assert (v[:, 0, 1] == 0).all()
    assert (v[:, 2, 1] == 2).all()
    a = cell_ring(v, 0, 0)
    b = cell_ring(v, 1, 0)
    assert a[1] == b[0]
    assert a[2] == b[-2]
    wide = cell_ring(v, 0, 0, 2)
    assert len(wide) == 7
    assert wide[0] == wide[-1]
