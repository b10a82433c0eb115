"""GeoJSON grid import validation (console.domain.grid_import) and the import-grids command."""

from __future__ import annotations

import argparse
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.domain.geo import polygon_area_m2
from console.domain.grid import GridKind
from console.domain.grid_import import GridImportError, load_grids, parse_grids, validate_grids

X0, Y0, D = 104.0, 30.6, 0.01  # ~960 m × 1110 m cells


def rect(x0: float, y0: float, x1: float, y1: float) -> list[list[list[float]]]:
    ring = [[X0 + x0 * D, Y0 + y0 * D], [X0 + x1 * D, Y0 + y0 * D], [X0 + x1 * D, Y0 + y1 * D],
            [X0 + x0 * D, Y0 + y1 * D], [X0 + x0 * D, Y0 + y0 * D]]
    return [ring]


def feat(gid, level, parent, coords, *, name=None, kind=None, gtype="Polygon", **extra):
    props = {"id": gid, "name": name if name is not None else f"网格{gid}", "level": level, "parent_id": parent}
    if kind:
        props["kind"] = kind
    props.update(extra)
    return {"type": "Feature", "properties": props, "geometry": {"type": gtype, "coordinates": coords}}


def fc(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False)


def valid_features():
    return [
        feat("S", 1, None, rect(0, 0, 4, 2), name="示范街道"),
        feat("B1", 2, "S", rect(0, 0, 2, 2)),
        feat("B2", 2, "S", rect(2, 0, 4, 2), kind="water"),
        feat("P1", 3, None, rect(0, 0, 3, 2), kind="police"),  # 警格 overlay may straddle blocks
    ]


def errors_of(text: str) -> list:
    with pytest.raises(GridImportError) as info:
        parse_grids(text, source="grids.geojson")
    assert "nothing imported" in str(info.value)
    return info.value.issues


def test_valid_collection_returns_grids():
    grids = parse_grids(fc(*valid_features(), ))
    by = {g.id: g for g in grids}
    assert by["S"].level == 1
    assert by["S"].parent_id is None
    assert by["S"].name == "示范街道"
    assert by["B2"].kind == GridKind.WATER
    assert by["B2"].parent_id == "S"
    assert by["P1"].kind == GridKind.POLICE
    assert by["B1"].polygon[0][0] == (X0, Y0)
    assert validate_grids(grids) == []


def test_broken_json_names_line_and_column():
    (issue,) = errors_of('{"type": "FeatureCollection",\n  "features": [,]}')
    assert issue.prop == "json"
    assert "line 2, column 16" in issue.message


def test_not_a_feature_collection():
    (issue,) = errors_of('{"type": "Feature"}')
    assert issue.prop == "type"


def test_non_polygon_geometry():
    feats = valid_features()
    feats[1]["geometry"] = {"type": "Point", "coordinates": [104.0, 30.6]}
    issues = errors_of(fc(*feats))
    assert any(i.index == 1 and i.grid_id == "B1" and i.prop == "geometry" and "Point" in i.message for i in issues)


def test_self_intersection_is_explained():
    feats = valid_features()
    bowtie = [[[X0, Y0], [X0 + 2 * D, Y0 + 2 * D], [X0 + 2 * D, Y0], [X0, Y0 + 2 * D], [X0, Y0]]]
    feats[1] = feat("B1", 2, "S", bowtie)
    issues = errors_of(fc(*feats))
    bad = [i for i in issues if i.grid_id == "B1"]
    assert bad
    assert bad[0].prop == "geometry"
    assert "Self-intersection" in bad[0].message
    assert "feature #1 (id=B1): geometry" in str(bad[0])


def test_sibling_overlap_names_both():
    feats = valid_features()
    feats[2] = feat("B2", 2, "S", rect(1.5, 0, 4, 2))
    issues = errors_of(fc(*feats))
    (ov,) = [i for i in issues if "overlaps" in i.message]
    assert ov.grid_id == "B2"
    assert "'B1'" in ov.message
    assert "m²" in ov.message


def test_gap_reports_area_and_place():
    feats = valid_features()
    feats[2] = feat("B2", 2, "S", rect(2, 0, 3.5, 2))  # leaves x 3.5..4 uncovered
    issues = errors_of(fc(*feats))
    (gap,) = [i for i in issues if "uncovered" in i.message]
    assert gap.grid_id == "S"
    assert gap.index == 0
    expected = polygon_area_m2([[tuple(p) for p in rect(3.5, 0, 4, 2)[0]]])
    reported = float(gap.message.split(" leave ")[1].split(" m²")[0].replace(",", ""))
    assert reported == pytest.approx(expected, rel=0.01)
    assert "near lon 104.03" in gap.message


def test_missing_parent_duplicate_id_and_bad_properties():
    feats = valid_features()
    feats.append(feat("C9", 3, "NOPE", rect(0, 0, 1, 1)))
    feats.append(feat("B1", 2, "S", rect(0, 0, 2, 2)))
    feats.append(feat("X1", "high", "S", rect(0, 0, 1, 1)))
    feats.append(feat("X2", 3, "B1", rect(0, 0, 1, 1), name=""))
    feats.append(feat("X3", 3, "B1", rect(0, 0, 1, 1), kind="lava"))
    feats.append(feat("X4", 1, "B1", rect(0, 0, 1, 1)))
    issues = errors_of(fc(*feats))
    assert any(i.grid_id == "C9" and i.prop == "parent_id" and "'NOPE' does not exist" in i.message for i in issues)
    assert any(i.index == 5 and i.prop == "id" and "duplicate" in i.message and "#1" in i.message for i in issues)
    assert any(i.grid_id == "X1" and i.prop == "level" for i in issues)
    assert any(i.grid_id == "X2" and i.prop == "name" for i in issues)
    assert any(i.grid_id == "X3" and i.prop == "kind" and "lava" in i.message for i in issues)
    assert any(i.grid_id == "X4" and i.prop == "level" and "not below" in i.message for i in issues)


def test_missing_id_and_unclosed_ring():
    feats = valid_features()
    del feats[1]["properties"]["id"]
    feats[2]["geometry"]["coordinates"][0].pop()
    issues = errors_of(fc(*feats))
    assert any(i.index == 1 and i.prop == "id" for i in issues)
    assert any(i.index == 2 and "not closed" in i.message for i in issues)


def test_multipolygon_keeps_other_parts():
    feats = valid_features()
    feats[0] = feat("S", 1, None, [rect(5, 0, 6, 1), rect(0, 0, 4, 2)], gtype="MultiPolygon")  # with an island
    feats.append(feat("B3", 2, "S", rect(5, 0, 6, 1)))
    grids = parse_grids(fc(*feats))
    s = next(g for g in grids if g.id == "S")
    assert len(s.props["parts"]) == 1
    assert s.polygon[0][0] == pytest.approx((X0, Y0))  # the larger part first
    # touching parts are not a valid MultiPolygon
    feats[2] = feat("B2", 2, "S", [rect(2, 0, 4, 1.9), rect(2, 1.9, 4, 2)], gtype="MultiPolygon")
    assert any("invalid polygon" in i.message for i in errors_of(fc(*feats)))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=2, max_size=6), st.data())
def test_strip_partitions_validate_and_a_missing_strip_is_a_gap(widths, data):
    total = sum(widths)
    edges = [0]
    for w in widths:
        edges.append(edges[-1] + w)
    scale = 4 / total
    kids = [feat(f"K{k}", 2, "S", rect(edges[k] * scale, 0, edges[k + 1] * scale, 2)) for k in range(len(widths))]
    parent = feat("S", 1, None, rect(0, 0, 4, 2))
    assert len(parse_grids(fc(parent, *kids))) == len(widths) + 1
    drop = data.draw(st.integers(0, len(widths) - 1))
    issues = errors_of(fc(parent, *(k for i, k in enumerate(kids) if i != drop)))
    (gap,) = issues
    expected = polygon_area_m2([[tuple(p) for p in kids[drop]["geometry"]["coordinates"][0]]])
    reported = float(gap.message.split(" leave ")[1].split(" m²")[0].replace(",", ""))
    assert reported == pytest.approx(expected, rel=0.01)


def test_load_grids_reads_a_file(tmp_path):
    p = tmp_path / "g.geojson"
    p.write_text(fc(*valid_features()), encoding="utf-8")
    assert len(load_grids(p)) == 4
    with pytest.raises(GridImportError, match="cannot read"):
        load_grids(tmp_path / "missing.geojson")


def test_import_grids_command_stores_only_valid_files(tmp_path, capsys):
    from console.cli import grids as cli
    from console.store import open_store

    db = tmp_path / "c.db"
    bad = tmp_path / "bad.geojson"
    feats = valid_features()
    feats[1]["properties"]["parent_id"] = "NOPE"
    bad.write_text(fc(*feats), encoding="utf-8")
    args = argparse.Namespace(file=str(bad), db=f"sqlite:///{db}", dry_run=False)
    assert cli.run(args) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not db.exists()  # nothing stored (not even a database created)

    good = tmp_path / "good.geojson"
    good.write_text(fc(*valid_features()), encoding="utf-8")
    assert cli.run(argparse.Namespace(file=str(good), db=f"sqlite:///{db}", dry_run=True)) == 0
    assert not db.exists()
    assert cli.run(argparse.Namespace(file=str(good), db=f"sqlite:///{db}", dry_run=False)) == 0
    store = open_store(f"sqlite:///{db}")
    try:
        stored, *_ = store.district.load()
    finally:
        store.close()
    assert sorted(g.id for g in stored) == ["B1", "B2", "P1", "S"]


def test_demo_district_validates():
    from pathlib import Path

    demo = Path(__file__).resolve().parents[2] / "resources" / "demo"
    if not (demo / "grids.geojson").exists():
        pytest.skip("demo district not generated")
    doc = json.loads((demo / "grids.geojson").read_text(encoding="utf-8"))
    police = json.loads((demo / "police_grids.geojson").read_text(encoding="utf-8"))
    doc["features"] += police["features"]
    grids = parse_grids(json.dumps(doc))
    assert {g.level for g in grids} >= {1, 2, 3, 4}


# ---- hostile files (issue 13 #12): every problem is an issue naming the file, feature and property ----
def test_json_nested_too_deeply_is_an_issue_not_a_recursion_error():
    (issue,) = errors_of('{"type":"FeatureCollection","features":' + "[" * 100_000 + "]" * 100_000 + "}")
    assert str(issue) == "file: json: nested too deeply to parse"


def test_numbers_python_refuses_are_an_issue():
    (issue,) = errors_of('{"type":"FeatureCollection","features":[' + "1" * 5000 + "]}")
    assert issue.prop == "json"
    assert "unreadable JSON" in issue.message


def test_file_over_the_size_cap_is_refused_before_parsing(tmp_path, monkeypatch):
    import console.domain.grid_import as gi

    p = tmp_path / "big.geojson"
    p.write_text(fc(*valid_features()), encoding="utf-8")
    monkeypatch.setattr(gi, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(gi.json, "loads", lambda *_a, **_k: pytest.fail("parsed a file over the cap"))
    with pytest.raises(GridImportError) as info:
        load_grids(p)
    (issue,) = info.value.issues
    assert str(issue).startswith(f"file: {p.stat().st_size:,} bytes, more than the 100 bytes")


def test_too_many_features_refused_before_any_is_built(monkeypatch):
    import console.domain.grid_import as gi

    monkeypatch.setattr(gi, "MAX_FEATURES", 3)
    monkeypatch.setattr(gi, "_parse_feature", lambda *_a: pytest.fail("built a feature over the cap"))
    (issue,) = errors_of(fc(*valid_features()))
    assert str(issue) == "file: features: 4 features, more than the 3 a grid file may have"


def test_control_characters_and_lone_surrogates_in_names_are_refused():
    feats = valid_features()
    feats[0]["properties"]["name"] = "示范\x00街道"
    feats[1]["properties"]["note"] = {"remark": ["ok", "bad\x00"]}
    feats[2]["properties"]["name"] = "换\n行"
    feats[3]["properties"]["id"] = "P\ud8001"
    issues = errors_of(fc(*feats))
    text = [str(i) for i in issues]
    assert "feature #0 (id=S): name: contains a control character U+0000 at position 3: '示范\\x00街道'" in text
    assert "feature #1 (id=B1): note.remark[1]: contains a control character U+0000 at position 4" in text
    assert "feature #2 (id=B2): name: contains a control character U+000A at position 2: '换\\n行'" in text
    assert any(t.startswith("feature #3: id: contains a lone surrogate U+D800 at position 2") for t in text)


def test_properties_nested_too_deeply_are_refused():
    feats = valid_features()
    deep: dict = {}
    node = deep
    for _ in range(40):
        node["x"] = {}
        node = node["x"]
    feats[1]["properties"]["meta"] = deep
    issues = errors_of(fc(*feats))
    assert "feature #1 (id=B1): meta: nested deeper than 16 levels" in [str(i) for i in issues]


def test_shapely_errors_become_issues(monkeypatch):
    import shapely
    from shapely.errors import GEOSException

    import console.domain.grid_import as gi

    def boom(*_a, **_k):
        raise GEOSException("TopologyException: side location conflict")

    monkeypatch.setattr(gi, "_check_topology", boom)
    (issue,) = errors_of(fc(*valid_features()))
    assert str(issue) == "file: geometry: topology check failed: GEOSException: TopologyException: side location conflict"
    monkeypatch.undo()
    real = shapely.Polygon

    def polygon(shell, holes=None):
        if holes:
            raise GEOSException("IllegalArgumentException: Invalid number of points in LinearRing")
        return real(shell, holes)

    monkeypatch.setattr(gi.shapely, "Polygon", polygon)
    feats = valid_features()
    feats[1]["geometry"]["coordinates"] = rect(0, 0, 2, 2) + rect(0.5, 0.5, 1, 1)
    issues = errors_of(fc(*feats))
    assert any(i.index == 1 and i.prop == "geometry" and "unusable geometry: GEOSException" in i.message
               for i in issues)


def test_import_grids_command_one_line_per_issue_and_nothing_written(tmp_path, capsys):
    from console.cli import grids as cli

    db = tmp_path / "c.db"
    deep = tmp_path / "deep.geojson"
    deep.write_text('{"type":"FeatureCollection","features":' + "[" * 100_000 + "]" * 100_000 + "}")
    assert cli.run(argparse.Namespace(file=str(deep), db=f"sqlite:///{db}", dry_run=False)) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"{deep}: file: json: nested too deeply to parse",
                                f"import-grids: 1 error(s) in {deep}; nothing imported"]
    nul = tmp_path / "nul.geojson"
    feats = valid_features()
    feats[1]["properties"]["name"] = "a\x00b"
    nul.write_text(fc(*feats), encoding="utf-8")
    assert cli.run(argparse.Namespace(file=str(nul), db=f"sqlite:///{db}", dry_run=False)) == 2
    assert f"{nul}: feature #1 (id=B1): name: contains a control character U+0000" in capsys.readouterr().err
    assert not db.exists()
