"""Camera import validation, view-cone ranking and tour groups (console/domain/cameras.py)."""

from __future__ import annotations

import json

import pytest

from console.cli import cameras as cli_cameras
from console.domain.cameras import (
    CameraGroup,
    CameraImportError,
    angle_diff_deg,
    bearing_deg,
    camera_groups,
    distance_m,
    group_members,
    load_cameras_file,
    parse_cameras_csv,
    parse_cameras_json,
    rank_cameras,
    sees,
)
from console.domain.grid import Camera

HEADER = "id,name,lat,lon,grid_id,heading_deg,fov_deg,main_url,sub_url,tags\n"
GOOD = "cam-1,南桥路口,30.92,121.47,g1,90,60,rtsp://10.0.0.1/main,rtsp://10.0.0.1/sub,路口;治安\n"


def test_csv_good_rows_become_cameras():
    cams, issues = parse_cameras_csv(HEADER + GOOD + "cam-2,菜场,30.93,121.48,,,,,,\n")
    assert issues == []
    assert cams[0] == Camera("cam-1", "南桥路口", 30.92, 121.47, "g1", 90.0, 60.0,
                             "rtsp://10.0.0.1/main", "rtsp://10.0.0.1/sub", ["路口", "治安"])  # fmt: skip
    assert cams[1].heading_deg is None
    assert cams[1].fov_deg == 90.0
    assert cams[1].tags == []


def test_csv_reports_each_bad_row_with_line_and_field():
    text = (
        HEADER
        + GOOD
        + "bad id!,x,30.9,121.4,,,,,,\n"  # line 3
        + "cam-3,,95,121.4,,,,,,\n"  # line 4: name missing, lat out of range
        + "cam-4,y,30.9,abc,,400,0,ftp://x/y,,\n"  # line 5: lon, heading, fov, main_url
        + "cam-1,dup,30.9,121.4,,,,,,\n"  # line 6: duplicate id
    )
    cams, issues = parse_cameras_csv(text)
    got = {(i.line, i.field) for i in issues}
    assert got == {(3, "id"), (4, "name"), (4, "lat"), (5, "lon"), (5, "heading_deg"), (5, "fov_deg"),
                   (5, "main_url"), (6, "id")}  # fmt: skip
    assert "line 6, field id: duplicate" in str(next(i for i in issues if i.line == 6))


def test_csv_missing_required_column():
    _cams, issues = parse_cameras_csv("id,name,lat\nc,n,1\n")
    assert [(i.line, i.field) for i in issues] == [(1, "lon")]


def test_json_list_and_wrapped_with_line_numbers():
    doc = [
        {"id": "a", "name": "甲", "lat": 30.9, "lon": 121.4, "tags": ["x"]},
        {"id": "b", "name": "乙", "lat": "oops", "lon": 121.4},
        {"id": "c", "name": "丙", "lat": 30.9, "lon": 121.4, "tags": 5},
    ]
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    cams, issues = parse_cameras_json(text)
    assert [c.id for c in cams] == ["a"]
    lines = text.splitlines()
    line_b = next(n for n, ln in enumerate(lines, 1) if '"b"' in ln) - 1  # the object's "{" line
    assert [(i.line, i.field) for i in issues] == [(line_b, "lat"), (line_b + 6, "tags")]
    wrapped, issues2 = parse_cameras_json(json.dumps({"cameras": doc[:1]}))
    assert issues2 == []
    assert wrapped[0].tags == ["x"]
    _c, bad = parse_cameras_json("{not json")
    assert bad[0].field == ""
    assert "invalid JSON" in bad[0].message


def test_load_file_raises_with_all_issues(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text(HEADER + "x,,1,2,,,,,,\n", encoding="utf-8")
    with pytest.raises(CameraImportError) as exc:
        load_cameras_file(f)
    assert exc.value.issues[0].line == 2
    good = tmp_path / "c.json"
    good.write_text(json.dumps([{"id": "a", "name": "甲", "lat": 1, "lon": 2}]), encoding="utf-8")
    assert load_cameras_file(good)[0].id == "a"


def test_cli_import_cameras_stores_nothing_when_invalid(tmp_path, monkeypatch, capsys):
    import argparse

    parser = argparse.ArgumentParser()
    cli_cameras.register(parser.add_subparsers())
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + GOOD + "c2,n,100,1,,,,,,\n", encoding="utf-8")
    args = parser.parse_args(["import-cameras", str(bad)])
    stored = []

    class FakeStore:
        class district:  # noqa: N801
            upsert_cameras = staticmethod(stored.extend)

    import console.store

    monkeypatch.setattr(console.store, "open_store", lambda url=None: FakeStore, raising=False)
    assert args.func(args) == 1
    assert "bad.csv:3: lat:" in capsys.readouterr().err
    assert stored == []
    good = tmp_path / "good.csv"
    good.write_text(HEADER + GOOD, encoding="utf-8")
    args = parser.parse_args(["import-cameras", str(good), "--db", "sqlite://"])
    assert args.func(args) == 0
    assert [c.id for c in stored] == ["cam-1"]


def test_geometry():
    assert distance_m(30.0, 121.0, 30.001, 121.0) == pytest.approx(111.2, abs=0.5)
    assert bearing_deg(30.0, 121.0, 30.001, 121.0) == pytest.approx(0.0, abs=0.01)
    assert bearing_deg(30.0, 121.0, 30.0, 121.001) == pytest.approx(90.0, abs=0.01)
    assert angle_diff_deg(350, 10) == 20
    north = Camera("n", "n", 30.0, 121.0, heading_deg=0.0, fov_deg=60.0)
    assert sees(north, 30.001, 121.0)
    assert not sees(north, 29.999, 121.0)
    assert sees(north, 30.001, 121.0005)  # ~25° off axis, inside ±30°
    assert not sees(north, 30.001, 121.0008)  # ~35° off axis
    assert sees(Camera("p", "ptz", 30.0, 121.0), 29.0, 121.0)  # no heading: sees all round
    assert sees(north, 29.99995, 121.0)  # within a few metres: always


def test_rank_orders_seeing_first_then_distance():
    pt = (30.0, 121.0)
    cams = [
        Camera("blind-near", "a", 29.9999, 121.0, heading_deg=180.0, fov_deg=90.0),  # 11 m, looks away
        Camera("see-far", "b", 29.998, 121.0, heading_deg=0.0, fov_deg=90.0),  # 222 m
        Camera("see-near", "c", 29.999, 121.0, heading_deg=10.0, fov_deg=90.0),  # 111 m
        Camera("too-far", "d", 29.9, 121.0, heading_deg=0.0),
    ]
    hits = rank_cameras(cams, *pt)
    assert [h.camera.id for h in hits] == ["see-near", "see-far", "blind-near"]
    assert [h.sees for h in hits] == [True, True, False]
    assert [h.camera.id for h in rank_cameras(cams, *pt, include_blind=False, limit=1)] == ["see-near"]


def test_groups():
    cams = [Camera("b", "b", 0, 0, grid_id="g1", tags=["河道"]), Camera("a", "a", 0, 0, grid_id="g1", tags=["河道", "路口"])]
    assert camera_groups(cams) == [CameraGroup("tag", "河道"), CameraGroup("tag", "路口"), CameraGroup("grid", "g1")]
    assert [c.id for c in group_members(cams, CameraGroup("tag", "河道"))] == ["a", "b"]
    assert [c.id for c in group_members(cams, CameraGroup("grid", "g1"))] == ["a", "b"]
