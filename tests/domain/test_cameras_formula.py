"""Camera files with spreadsheet formulas (issue 13, item 11): a text field starting with = + - @ is
refused with its line and field, and nothing is stored; numbers (a negative longitude) are not text."""

from __future__ import annotations

import json

import pytest

from console.cli import main as cli
from console.domain.cameras import parse_cameras_csv, parse_cameras_json
from console.store import open_store

HEADER = "id,name,lat,lon,grid_id,heading_deg,fov_deg,main_url,sub_url,tags\n"
GOOD = "cam-1,云港路口,30.54,104.06,yg-c01,90,60,rtsp://10.0.0.1/1,,路口;主干道\n"


@pytest.mark.parametrize(
    ("row", "field", "start"),
    [
        ("cam-2,\"=cmd|' /C calc'!A0\",30.5,104.0,,,,,,\n", "name", "'='"),
        ("cam-2,\" +SUM(A1)\",30.5,104.0,,,,,,\n", "name", "'+'"),  # after the spaces
        ("cam-2,\"\t@SUM(1)\",30.5,104.0,,,,,,\n", "name", "'@'"),  # after the TAB
        ("-cam,路口,30.5,104.0,,,,,,\n", "id", "'-'"),
        ("cam-2,路口,30.5,104.0,=A1,,,,,\n", "grid_id", "'='"),
        ("cam-2,路口,30.5,104.0,,,,=rtsp://x/1,,\n", "main_url", "'='"),
        ("cam-2,路口,30.5,104.0,,,,,,ok;=HYPERLINK(\"x\")\n", "tags", "'='"),
    ],
)
def test_csv_formula_field_is_refused(row, field, start):
    cameras, issues = parse_cameras_csv(HEADER + GOOD + row)
    assert [c.id for c in cameras] == ["cam-1"]
    assert len(issues) == 1, issues  # one clear message per field, not one per rule it breaks
    (issue,) = issues
    assert (issue.line, issue.field) == (3, field)
    assert issue.message.startswith(f"starts with {start}: a spreadsheet would run it as a formula (CSV injection)")


def test_json_formula_field_is_refused_and_numbers_are_fine():
    doc = [
        {"id": "cam-1", "name": "西门", "lat": -33.8, "lon": -70.6, "tags": ["a"]},
        {"id": "cam-2", "name": "=1+1", "lat": 30.5, "lon": 104.0, "tags": ["@x"]},
    ]
    text = "[\n" + ",\n".join(json.dumps(d, ensure_ascii=False) for d in doc) + "\n]\n"
    cameras, issues = parse_cameras_json(text)
    assert [c.id for c in cameras] == ["cam-1"]  # negative lat/lon are numbers
    assert sorted((i.field, i.line) for i in issues) == [("name", 3), ("tags", 3)]


def test_import_cameras_refuses_the_file_and_stores_nothing(tmp_path, capsys):
    path = tmp_path / "cameras.csv"
    path.write_text(HEADER + GOOD + "cam-2,\"=cmd|' /C calc'!A0\",30.5,104.0,,,,,,\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path}/c.db"
    assert cli(["import-cameras", str(path), "--db", db]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}:3: name: starts with '=': a spreadsheet would run it as a formula")
    assert err[-1] == "import-cameras: 1 problem(s); nothing stored"
    store = open_store(db)
    try:
        assert not [c for c in store.district.load()[3] if c.id in ("cam-1", "cam-2")]
    finally:
        store.close()
