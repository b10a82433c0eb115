"""Point-in-grid lookup: interior points, shared edges and vertices, holes, outside, batches."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.domain.district import District
from console.domain.grid import Grid, GridKind
from console.domain.spatial import GridLocator, bench_grid_lookup, grid_geometry, synthetic_grid_set

MICRO_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def micro(demo_district: District) -> list[Grid]:
    return demo_district.grids_at_level(4, GridKind.LAND)


@pytest.fixture(scope="module")
def micro_locator(micro: list[Grid]) -> GridLocator:
    return GridLocator(micro)


def _point_inside(geom: shapely.Polygon, u: float, v: float) -> tuple[float, float] | None:
    x0, y0, x1, y1 = geom.bounds
    x, y = x0 + u * (x1 - x0), y0 + v * (y1 - y0)
    return (x, y) if shapely.contains_properly(geom, shapely.Point(x, y)) else None


@MICRO_SETTINGS
@given(k=st.integers(0, 150), u=st.floats(0, 1), v=st.floats(0, 1))
def test_point_inside_micro_grid_maps_to_it(demo_district, micro, micro_locator, k, u, v):
    g = micro[k]
    p = _point_inside(demo_district.geometries[g.id], u, v)
    if p is None:
        return
    assert micro_locator.locate(*p) == g.id
    assert micro_locator.locate_many([p[0]], [p[1]]) == [g.id]
    got = demo_district.locate(*p)  # may be a governance unit drawn inside the micro-grid
    assert got == g.id or demo_district.parent(got).id == g.id
    assert g.id == got or demo_district.geometries[got].covers(shapely.Point(p))


@settings(max_examples=200, deadline=None)
@given(lon=st.floats(-180, 180), lat=st.floats(-90, 90))
def test_outside_the_district_is_none(demo_district, lon, lat):
    x0, y0, x1, y1 = demo_district.info.bbox
    if x0 - 0.001 <= lon <= x1 + 0.001 and y0 - 0.001 <= lat <= y1 + 0.001:
        return
    assert demo_district.locate(lon, lat) is None
    assert demo_district.police_grid_at(lon, lat) is None


def test_nan_and_empty_input(micro_locator):
    assert micro_locator.locate(float("nan"), 30.5) is None
    assert micro_locator.locate_many([], []) == []
    with pytest.raises(ValueError, match="differ"):
        micro_locator.locate_indices([1.0, 2.0], [1.0])


def test_shared_edges_and_vertices_map_to_exactly_one_grid(micro, micro_locator):
    """Every vertex and edge midpoint of every micro-grid lands in a grid that covers it, always the same."""
    xs, ys, owners = [], [], []
    for g in micro:
        ring = g.polygon[0]
        for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
            for px, py in ((ax, ay), ((ax + bx) / 2, (ay + by) / 2)):
                xs.append(px)
                ys.append(py)
                owners.append(g.id)
    first = micro_locator.locate_many(xs, ys)
    again = micro_locator.locate_many(xs[::-1], ys[::-1])[::-1]
    assert first == again
    geoms = {g.id: grid_geometry(g) for g in micro}
    for x, y, got in zip(xs, ys, first, strict=True):
        assert got is not None
        assert geoms[got].covers(shapely.Point(x, y))
        assert micro_locator.locate(x, y) == got
    # a shuffled copy of the grid list gives the same answers (tie rule independent of input order)
    shuffled = GridLocator(list(reversed(micro)))
    assert shuffled.locate_many(xs, ys) == first


def test_exact_shared_edge_tie_rule():
    left = Grid("b-left", "左", 4, None, polygon=[[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]])
    right = Grid("a-right", "右", 4, None, polygon=[[(1, 0), (2, 0), (2, 1), (1, 1), (1, 0)]])
    loc = GridLocator([left, right])
    assert loc.locate(1.0, 0.5) == "a-right"  # both cover it: the smaller id wins
    assert loc.locate(0.5, 0.5) == "b-left"
    assert loc.locate(1.5, 0.5) == "a-right"
    assert loc.locate(2.5, 0.5) is None


def test_holes_and_deeper_levels():
    outer = Grid(
        "outer",
        "外",
        4,
        None,
        polygon=[[(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)], [(1, 1), (3, 1), (3, 3), (1, 3), (1, 1)]],
    )
    island = Grid("island", "岛", 4, None, polygon=[[(1.5, 1.5), (2.5, 1.5), (2.5, 2.5), (1.5, 2.5), (1.5, 1.5)]])
    unit = Grid("unit", "楼", 5, "outer", polygon=[[(0.2, 0.2), (0.6, 0.2), (0.6, 0.6), (0.2, 0.6), (0.2, 0.2)]])
    loc = GridLocator([outer, island, unit])
    assert loc.locate(0.5, 3.5) == "outer"
    assert loc.locate(1.2, 1.2) is None  # in the hole, outside the island
    assert loc.locate(2.0, 2.0) == "island"
    assert loc.locate(0.4, 0.4) == "unit"  # deeper level wins over its parent
    assert loc.locate(1.0, 2.0) == "outer"  # on the hole's boundary: still the polygon's
    assert loc.locate_many([0.5, 1.2, 2.0, 0.4], [3.5, 1.2, 2.0, 0.4]) == ["outer", None, "island", "unit"]


@pytest.mark.parametrize("n", [1, 2, 3, 7, 151, 997])
def test_synthetic_set_tiles(n):
    grids = synthetic_grid_set(n, seed=3)
    assert len(grids) == n
    assert len({g.id for g in grids}) == n
    geoms = [grid_geometry(g) for g in grids]
    union = shapely.union_all(geoms)
    assert union.area == pytest.approx(sum(g.area for g in geoms), rel=1e-9)
    assert union.area == pytest.approx(0.3 * 0.3, rel=1e-9)


def test_synthetic_set_deterministic():
    a = synthetic_grid_set(50, seed=1)
    b = synthetic_grid_set(50, seed=1)
    c = synthetic_grid_set(50, seed=2)
    assert [g.polygon for g in a] == [g.polygon for g in b]
    assert [g.polygon for g in a] != [g.polygon for g in c]


def test_batch_matches_single_lookups():
    grids = synthetic_grid_set(400, seed=5)
    loc = GridLocator(grids)
    rng = np.random.default_rng(0)
    lons = rng.uniform(103.85, 104.25, 2000)
    lats = rng.uniform(30.35, 30.75, 2000)
    batch = loc.locate_many(lons, lats)
    assert batch == [loc.locate(x, y) for x, y in zip(lons, lats, strict=True)]
    inside = [(x, y) for x, y in zip(lons, lats, strict=True) if 103.9 < x < 104.2 and 30.4 < y < 30.7]
    assert all(loc.locate(x, y) is not None for x, y in inside)
    idx = loc.locate_indices(lons, lats)
    assert [loc.ids[i] if i >= 0 else None for i in idx] == batch


def test_bench_reports_a_rate():
    out = bench_grid_lookup(points=5000, runs=1, n=500)
    assert set(out) == {"grid_lookup_per_s"}
    assert out["grid_lookup_per_s"] > 0
