"""import-cameras on hostile files: size cap, parse errors, NUL — issues with line and field (issue 13 #12)."""

from __future__ import annotations

import argparse

import pytest

from console.domain.cameras import CameraImportError, load_cameras_file, parse_cameras_csv, parse_cameras_json

HEADER = "id,name,lat,lon\n"


def test_json_nested_too_deeply_is_an_issue():
    cams, issues = parse_cameras_json("[" * 100_000 + "]" * 100_000)
    assert cams == []
    assert [str(i) for i in issues] == ["line 1: invalid JSON: nested too deeply to parse"]


def test_json_number_python_refuses_is_an_issue():
    _, (issue,) = parse_cameras_json('[{"id": "c1", "name": "n", "lat": ' + "1" * 5000 + ', "lon": 104}]')
    assert issue.message.startswith("invalid JSON: Exceeds the limit (4300 digits)")


def test_csv_field_over_the_csv_limit_is_an_issue():
    _, (issue,) = parse_cameras_csv(HEADER + 'c1,"' + "x" * 200_000 + '",30.5,104.0\n')
    assert (issue.line, issue.message) == (2, "unreadable CSV: field larger than field limit (131072)")


def test_nul_and_lone_surrogate_are_refused_with_line_and_field():
    _, issues = parse_cameras_csv(HEADER + "c1,路口\x00,30.5,104.0\nc2,ok,30.5,104.0\n")
    assert [str(i) for i in issues] == ["line 2, field name: contains a NUL character (U+0000)"]
    _, issues = parse_cameras_json('[\n{"id": "c1", "name": "ok", "lat": 30.5, "lon": 104,\n'
                                   ' "tags": ["a", "\\ud800"]}]')
    assert [str(i) for i in issues] == ["line 2, field tags: contains a lone surrogate (U+D800)"]


def test_file_over_the_size_cap_is_not_read(tmp_path, monkeypatch):
    import console.domain.cameras as cameras

    p = tmp_path / "cams.csv"
    p.write_text(HEADER + "c1,ok,30.5,104.0\n", encoding="utf-8")
    monkeypatch.setattr(cameras, "MAX_FILE_BYTES", 10)
    with pytest.raises(CameraImportError, match="more than the 10 a camera file may have; not read"):
        load_cameras_file(p)


def test_cli_reports_parse_errors_in_one_line_each(tmp_path, capsys):
    from console.cli import cameras as cli

    p = tmp_path / "deep.json"
    p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    db = tmp_path / "c.db"
    assert cli.run(argparse.Namespace(file=p, db=f"sqlite:///{db}", check=False)) == 1
    assert capsys.readouterr().err.splitlines() == [f"{p}:1: -: invalid JSON: nested too deeply to parse",
                                                    "import-cameras: 1 problem(s); nothing stored"]
    assert not db.exists()
