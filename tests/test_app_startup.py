"""Start-up refusals (issue 2): a corrupt or foreign database, an unwritable data dir, broken demo
data → one clear message naming the file and the problem, a non-zero exit, nothing overwritten."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_console(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.update(env_extra or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "run", "--no-feed", "--quit-after", "0.1", *args],
                          capture_output=True, text=True, timeout=120, env=env)


def test_corrupt_database_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "console.db"
    db.write_bytes(b"not a database at all" * 200)
    before = db.read_bytes()
    proc = run_console("--db", f"sqlite:///{db}")
    assert proc.returncode != 0
    assert str(db) in proc.stderr
    assert "Traceback" not in proc.stderr
    assert db.read_bytes() == before


def test_foreign_database_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("create table customers (id integer primary key, name text)")
    con.execute("insert into customers values (1, 'x')")
    con.commit()
    con.close()
    before = db.read_bytes()
    proc = run_console("--db", f"sqlite:///{db}")
    assert proc.returncode != 0
    assert str(db) in proc.stderr
    assert db.read_bytes() == before


def test_unusable_data_dir_is_reported(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data directory should be")
    proc = run_console(env_extra={"GRID_CONSOLE_DATA_DIR": str(blocker)})
    assert proc.returncode != 0
    assert str(blocker) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_broken_demo_district_is_reported_by_file_and_feature(tmp_path, monkeypatch):
    from console import core as app
    from console.domain.district import load_district

    demo = tmp_path / "demo"
    demo.mkdir()
    for f in app.DEMO_DIR.iterdir():
        if f.is_file():
            (demo / f.name).write_bytes(f.read_bytes())
    grids = json.loads((demo / "grids.geojson").read_text(encoding="utf-8"))
    grids["features"][5]["properties"]["parent_id"] = "no-such-parent"
    (demo / "grids.geojson").write_text(json.dumps(grids, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(app, "DEMO_DIR", demo)
    from console.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    with pytest.raises(Exception, match=r"grids\.geojson.*no-such-parent"):
        app.load_or_seed_district(store)
    assert store.district.is_empty(), "nothing stored from a broken district"
    store.close()
    with pytest.raises(Exception, match="grids.geojson"):
        load_district(demo)
