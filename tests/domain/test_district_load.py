"""Loading the demo district, the hierarchy helpers, and validation errors on broken files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from console.domain.district import District, DistrictError, DistrictInfo, load_district
from console.domain.grid import Grid, GridKind, Member, Role
from tests.domain.conftest import DEMO_DIR


def test_info(demo_district: District):
    d = demo_district
    assert d.name == "云港街道（虚构示范）"
    assert d.level_names == {1: "街道", 2: "街区网格", 3: "社区网格", 4: "微网格", 5: "治理单元"}
    assert d.level_name(4) == "微网格"
    assert d.info.timezone == "Asia/Shanghai"
    lon, lat = d.info.centre
    assert 103.9 < lon < 104.1
    assert 30.5 < lat < 30.6
    x0, y0, x1, y1 = d.info.bbox
    assert x0 < lon < x1
    assert y0 < lat < y1


def test_hierarchy(demo_district: District):
    d = demo_district
    assert [g.id for g in d.roots] == ["yg"]
    kids = d.children("yg")
    assert sum(g.kind is GridKind.LAND for g in kids) == 11
    assert {g.kind for g in kids} == {GridKind.LAND, GridKind.MOUNTAIN, GridKind.WATER}
    micro = d.grids_at_level(4)
    m = micro[0]
    anc = d.ancestors(m.id)
    assert [g.level for g in anc] == [3, 2, 1]
    assert d.parent(m.id) is anc[0]
    assert d.parent("yg") is None
    assert d.path(m.id)[0].id == "yg"
    assert d.path(m.id)[-1] is m
    sub = d.subtree_ids("yg")
    assert sub == frozenset(d.grids)
    assert d.subtree_ids("yg") is sub  # cached
    comm = anc[0]
    assert m.id in d.subtree_ids(comm.id)
    assert d.subtree_ids("nope") == frozenset()
    leaves = d.leaves
    assert all(not d.children(g.id) for g in leaves)
    assert {g.level for g in leaves} <= {2, 4, 5}
    for g in d.police_grids.values():
        assert g.kind is GridKind.POLICE
        assert g.id not in d.grids
        assert g.id not in sub


def test_people(demo_district: District):
    d = demo_district
    for m in d.grids_at_level(4):
        workers = [x for x in d.members_of(m.id) if x.role in (Role.FULLTIME, Role.PARTTIME)]
        assert workers, m.id
    for c in d.grids_at_level(3):
        assert any(x.role is Role.GRID_CHIEF for x in d.members_of(c.id))
    for p in d.police_grids:
        assert any(x.role is Role.POLICE for x in d.members_of(p))
    roles = {x.role for x in d.members.values()}
    assert roles == set(Role)
    workers = [x for x in d.members.values() if x.role in (Role.FULLTIME, Role.PARTTIME)]
    share = sum(x.on_duty for x in workers) / len(workers)
    assert 0.5 <= share <= 0.7
    some = d.grids_at_level(4)[3].id
    assert all(x.on_duty for x in d.on_duty_members(some))
    assert all(x.phone and x.phone.startswith("1") and len(x.phone) == 11 for x in d.members.values())


def test_cameras_and_departments(demo_district: District):
    d = demo_district
    assert len(d.cameras) == 100
    for c in d.cameras.values():
        assert c.grid_id == d.locate(c.lon, c.lat)
        assert c.main_url == f"demo://{c.id}/main"
        assert c.sub_url == f"demo://{c.id}/sub"
        assert c.heading_deg is not None
        assert 0 <= c.heading_deg < 360
    assert any("交叉口" in c.name for c in d.cameras.values())
    assert d.department("dept.cityenf").name == "综合行政执法队"
    near = d.cameras_near(next(iter(d.cameras.values())).lon, next(iter(d.cameras.values())).lat, 200)
    assert near
    assert near[0][1] == pytest.approx(0.0, abs=0.01)
    assert [x[1] for x in near] == sorted(x[1] for x in near)


def test_locate_and_police(demo_district: District):
    d = demo_district
    m = d.grids_at_level(4)[10]
    p = d.geometries[m.id].representative_point()
    got = d.locate(p.x, p.y)
    assert got == m.id or d.parent(got).id == m.id  # micro-grid or one of its units
    assert d.locate(0.0, 0.0) is None
    assert d.police_grid_at(p.x, p.y) in d.police_grids
    assert d.police_grid_at(0.0, 0.0) is None
    mtn = d.geometries["yg-mtn"].representative_point()
    assert d.locate(mtn.x, mtn.y) == "yg-mtn"
    assert d.police_grid_at(mtn.x, mtn.y) is None  # police overlay covers the land only
    assert d.locate_many([p.x, 0.0], [p.y, 0.0]) == [got, None]
    assert d.contains(m.id, p.x, p.y)


def test_in_memory_district_without_geometry():
    grids = [Grid("s", "街道", 1, None), Grid("c", "社区", 3, "s"), Grid("m", "微网格", 4, "c")]
    d = District(DistrictInfo("测试"), grids, members=[Member("u", "张三", "m", Role.FULLTIME, on_duty=True)])
    assert d.locate(1, 1) is None
    assert [g.id for g in d.ancestors("m")] == ["c", "s"]
    assert d.on_duty_members("m")[0].id == "u"
    with pytest.raises(DistrictError, match="unknown parent_id"):
        District(DistrictInfo("x"), [Grid("a", "a", 1, "zz")])
    with pytest.raises(DistrictError, match="cycle"):
        District(DistrictInfo("x"), [Grid("a", "a", 1, "b"), Grid("b", "b", 1, "a")])


# --- validation of broken files -----------------------------------------------------------------


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    out = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, out)
    return out


def _edit_grids(directory: Path, fn, name: str = "grids.geojson") -> None:
    path = directory / name
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data["features"])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_bad_json(broken: Path):
    (broken / "grids.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(DistrictError, match=r"grids\.geojson: bad JSON at line"):
        load_district(broken)


def test_missing_file(broken: Path):
    (broken / "members.json").unlink()
    with pytest.raises(DistrictError, match=r"members\.json: file missing"):
        load_district(broken)


def test_missing_parent(broken: Path):
    def fn(feats):
        feats[20]["properties"]["parent_id"] = "yg-nowhere"
        fn.gid = feats[20]["properties"]["id"]

    _edit_grids(broken, fn)
    with pytest.raises(DistrictError) as info:
        load_district(broken)
    msg = str(info.value)
    assert "grids.geojson" in msg
    assert "feature 20" in msg
    assert fn.gid in msg
    assert "yg-nowhere" in msg


def test_duplicate_id(broken: Path):
    def fn(feats):
        feats[31]["properties"]["id"] = feats[30]["properties"]["id"]

    _edit_grids(broken, fn)
    with pytest.raises(DistrictError, match=r"grids\.geojson: feature 31 \(id '.+'\): duplicate grid id"):
        load_district(broken)


def test_duplicate_id_across_files(broken: Path):
    _edit_grids(broken, lambda feats: feats[0]["properties"].update(id="yg"), "police_grids.geojson")
    with pytest.raises(DistrictError, match=r"police_grids\.geojson: feature 0 \(id 'yg'\): duplicate"):
        load_district(broken)


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "LineString", "coordinates": [[104.0, 30.5], [104.01, 30.51]]},
        {"type": "Point", "coordinates": [104.0, 30.5]},
        {"type": "MultiPolygon", "coordinates": []},
        None,
    ],
)
def test_non_polygon(broken: Path, geometry):
    _edit_grids(broken, lambda feats: feats[7].update(geometry=geometry))
    with pytest.raises(DistrictError, match=r"grids\.geojson: feature 7 \(id '[^']+'\): (geometry must|missing geo)"):
        load_district(broken)


def test_invalid_polygon(broken: Path):
    bowtie = [[[104.0, 30.5], [104.01, 30.51], [104.01, 30.5], [104.0, 30.51], [104.0, 30.5]]]
    _edit_grids(broken, lambda feats: feats[9].update(geometry={"type": "Polygon", "coordinates": bowtie}))
    with pytest.raises(DistrictError, match=r"feature 9 .*invalid polygon"):
        load_district(broken)


def test_unclosed_ring(broken: Path):
    ring = [[[104.0, 30.5], [104.01, 30.51], [104.01, 30.5]]]
    _edit_grids(broken, lambda feats: feats[9].update(geometry={"type": "Polygon", "coordinates": ring}))
    with pytest.raises(DistrictError, match=r"feature 9 .*ring must be closed"):
        load_district(broken)


@pytest.mark.parametrize("field", ["id", "name", "level"])
def test_missing_field(broken: Path, field: str):
    _edit_grids(broken, lambda feats: feats[12]["properties"].pop(field))
    with pytest.raises(DistrictError, match=rf"grids\.geojson: feature 12.*missing field '{field}'"):
        load_district(broken)


def test_wrong_type_and_kind(broken: Path):
    _edit_grids(broken, lambda feats: feats[3]["properties"].update(level="two"))
    with pytest.raises(DistrictError, match=r"feature 3 .*'level' has the wrong type"):
        load_district(broken)


def test_police_kind_in_wrong_file(broken: Path):
    _edit_grids(broken, lambda feats: feats[2]["properties"].update(kind="police"))
    with pytest.raises(DistrictError, match=r"grids\.geojson: feature 2 .*does not belong"):
        load_district(broken)


def test_parent_cycle(broken: Path):
    def fn(feats):
        feats[0]["properties"]["parent_id"] = feats[1]["properties"]["id"]

    _edit_grids(broken, fn)
    with pytest.raises(DistrictError, match=r"grids\.geojson: .*cycle"):
        load_district(broken)


def test_member_unknown_grid(broken: Path):
    path = broken / "members.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data[5]["grid_id"] = "nowhere"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DistrictError, match=r"members\.json: feature 5 \(id 'm-0006'\): unknown grid_id"):
        load_district(broken)


def test_camera_missing_lat(broken: Path):
    path = broken / "cameras.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data[4]["lat"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DistrictError, match=r"cameras\.json: feature 4 \(id 'cam-005'\): missing field 'lat'"):
        load_district(broken)


def test_not_a_directory(tmp_path: Path):
    with pytest.raises(DistrictError, match="not a directory"):
        load_district(tmp_path / "absent")
