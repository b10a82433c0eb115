"""File imports into PostgreSQL: text PostgreSQL refuses (NUL) is reported, never a traceback (issue 13 #12)."""

from __future__ import annotations

import argparse

from tests.domain.test_grid_import import fc, valid_features


def test_import_grids_with_nul_in_a_name_on_postgresql(pg_url, tmp_path, capsys):
    from console.cli import grids as cli
    from console.store import open_store

    feats = valid_features()
    assert cli.run(argparse.Namespace(file=_write(tmp_path / "good.geojson", feats), db=pg_url, dry_run=False)) == 0
    feats[1]["properties"]["name"] = "块\x00B1"
    feats[2]["properties"]["remark"] = "note\x00"
    path = _write(tmp_path / "nul.geojson", feats)
    assert cli.run(argparse.Namespace(file=path, db=pg_url, dry_run=False)) == 2
    err = capsys.readouterr().err
    assert f"{path}: feature #1 (id=B1): name: contains a control character U+0000" in err
    assert f"{path}: feature #2 (id=B2): remark: contains a control character U+0000" in err
    assert "Traceback" not in err
    with open_store(pg_url) as store:
        grids, *_ = store.district.load()
    assert {g.name for g in grids} == {g["properties"]["name"] for g in valid_features()}  # nothing written


def test_import_cameras_with_nul_on_postgresql(pg_url, tmp_path, capsys):
    from console.cli import cameras as cli
    from console.store import open_store

    path = tmp_path / "cams.csv"
    path.write_text("id,name,lat,lon\ncam-1,路口\x00,30.5,104.0\ncam-2,菜场,30.5,104.0\n", encoding="utf-8")
    assert cli.run(argparse.Namespace(file=path, db=pg_url, check=False)) == 1
    err = capsys.readouterr().err
    assert f"{path}:2: name: contains a NUL character (U+0000)" in err
    assert "Traceback" not in err
    with open_store(pg_url) as store:
        *_, cameras = store.district.load()
    assert cameras == []


def _write(path, features) -> str:
    path.write_text(fc(*features), encoding="utf-8")
    return str(path)
