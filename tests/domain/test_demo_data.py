"""The generated demo district: counts 1/11/16/151, exact tiling, overlays, determinism, size."""

from __future__ import annotations

import filecmp
import itertools
import json
from pathlib import Path

import pytest
import shapely

from console.domain.demo_gen import generate
from console.domain.district import District
from console.domain.grid import GridKind
from tests.domain.conftest import DEMO_DIR

EPS = 1e-12  # deg², ≈ 0.01 m²


def _land(d: District, level: int) -> list:
    return d.grids_at_level(level, GridKind.LAND)


def test_counts_1_11_16_151_n(demo_district: District):
    d = demo_district
    assert [len(_land(d, lv)) for lv in (1, 2, 3, 4)] == [1, 11, 16, 151]
    assert len(_land(d, 5)) > 100  # N governance units
    assert len(d.grids_at_level(2, GridKind.MOUNTAIN)) == 1
    assert len(d.grids_at_level(2, GridKind.WATER)) == 1
    assert len(d.police_grids) == 24
    units = {g.props["unit_type"] for g in _land(d, 5)}
    assert {"residential", "market", "school", "hospital"} <= units


def test_parent_levels(demo_district: District):
    d = demo_district
    for g in d.grids.values():
        if g.level == 1:
            assert g.parent_id is None
        else:
            assert d.grids[g.parent_id].level == g.level - 1 or g.kind is not GridKind.LAND


@pytest.mark.parametrize("level", [2, 3, 4])
def test_children_tile_parent_exactly(demo_district: District, level: int):
    d = demo_district
    geo = d.geometries
    for parent in d.grids_at_level(level - 1):
        kids = [geo[k.id] for k in d.children(parent.id) if k.level == level]
        if not kids:
            continue
        union = shapely.union_all(kids)
        assert union.symmetric_difference(geo[parent.id]).area < EPS, parent.id
        assert abs(sum(k.area for k in kids) - geo[parent.id].area) < EPS, parent.id


def test_micro_grids_tile_land_without_overlap(demo_district: District):
    d = demo_district
    geo = d.geometries
    micro = [geo[g.id] for g in _land(d, 4)]
    blocks = shapely.union_all([geo[g.id] for g in _land(d, 2)])
    union = shapely.union_all(micro)
    assert union.geom_type == "Polygon"
    assert not list(union.interiors)
    assert abs(union.area - blocks.area) < EPS
    assert abs(sum(m.area for m in micro) - union.area) < EPS
    tree = shapely.STRtree(micro)
    a, b = tree.query(micro, predicate="intersects")
    for i, j in zip(a, b, strict=True):
        if i < j:
            assert micro[i].intersection(micro[j]).area < EPS, (i, j)


def test_street_is_union_of_all_level_2(demo_district: District):
    d = demo_district
    geo = d.geometries
    lvl2 = [geo[g.id] for g in d.children("yg")]
    assert abs(shapely.union_all(lvl2).area - geo["yg"].area) < EPS
    assert abs(sum(x.area for x in lvl2) - geo["yg"].area) < EPS
    land = shapely.union_all([geo[g.id] for g in _land(d, 2)])
    for gid in ("yg-mtn", "yg-wtr"):
        shared = land.boundary.intersection(geo[gid].boundary)
        assert shared.length > 0.005, gid  # adjoins the land along a real edge (> ~500 m)


def test_police_overlay_covers_land_exactly(demo_district: District):
    d = demo_district
    pol = [shapely.Polygon(g.polygon[0], g.polygon[1:]) for g in d.police_grids.values()]
    land = shapely.union_all([d.geometries[g.id] for g in _land(d, 2)])
    assert shapely.union_all(pol).symmetric_difference(land).area < EPS
    assert abs(sum(p.area for p in pol) - land.area) < EPS


def test_units_inside_their_micro_grid(demo_district: District):
    d = demo_district
    for u in _land(d, 5):
        assert d.geometries[u.parent_id].contains(d.geometries[u.id]), u.id
        assert "号" in u.props["address"]


def test_names_are_chinese_and_styled(demo_district: District):
    d = demo_district
    for g in _land(d, 4):
        community = d.parent(g.id).name
        assert g.name.startswith(community)
        assert g.name.endswith("微网格")
        assert "第" in g.name
    assert all(g.name.endswith("社区") for g in _land(d, 3))
    assert all(g.name.endswith("街区网格") for g in _land(d, 2))
    assert all("警格" in g.name for g in d.police_grids.values())


def test_grid_names_unique(demo_district: District):
    names = [g.name for g in demo_district.grids.values()] + [g.name for g in demo_district.police_grids.values()]
    assert len(names) == len(set(names))


def test_coordinates_plausible(demo_district: District):
    x0, y0, x1, y1 = demo_district.info.bbox
    assert 103.9 < x0 < x1 < 104.1
    assert 30.45 < y0 < y1 < 30.65


def test_files_small_and_valid_json():
    total = 0
    for name in ("district.json", "grids.geojson", "police_grids.geojson", "members.json",
                 "departments.json", "cameras.json"):
        path = DEMO_DIR / name
        json.loads(path.read_text(encoding="utf-8"))
        total += path.stat().st_size
    assert total < 2 * 1024 * 1024


def test_generator_is_deterministic_and_matches_committed_files(tmp_path: Path):
    counts = generate(tmp_path / "a", seed=7)
    assert counts["micro_grids"] == 151
    assert counts["police_grids"] == 24
    assert counts["cameras"] == 100
    names = sorted(p.name for p in DEMO_DIR.iterdir() if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(DEMO_DIR, tmp_path / "a", names, shallow=False)
    stale = "resources/demo is stale: rerun python -m console.domain.demo_gen resources/demo --seed 7"
    assert not mismatch, stale
    assert not errors, stale
    generate(tmp_path / "b", seed=8)
    assert not filecmp.cmp(tmp_path / "a" / "grids.geojson", tmp_path / "b" / "grids.geojson", shallow=False)


def test_grid_ids_unique_across_overlay(demo_district: District):
    ids = list(demo_district.grids) + list(demo_district.police_grids)
    assert len(ids) == len(set(ids))
    assert not any(a == b for a, b in itertools.pairwise(sorted(ids)))
