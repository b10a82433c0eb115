"""A damaged or read-only database: export reads what it can, the recorder stops writing (issue 13 #13)."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from console.cli.feed import main as feed_main
from console.services.export import ExportReadError, export
from console.services.recorder import record
from console.store import DamagedStoreError
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub
from tests.store.damage import damaged_store, fill, fingerprint


def test_export_reports_the_read_error_with_the_row_count(tmp_path, capsys):
    path = tmp_path / "console.db"
    damaged_store(path, 3_000, where=0.25)  # among the older rows: the export (newest first) gets far
    out = tmp_path / "events.jsonl"
    with pytest.raises(ExportReadError) as info:
        export(f"sqlite:///{path}", "events", "jsonl", out)
    rows = info.value.rows
    assert 0 < rows < 3_000
    assert str(info.value).startswith(f"{path}: read error after exporting {rows:,} of 3,000 events: "
                                      "database disk image is malformed; the file is damaged")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == rows  # what was read is kept
    assert all(json.loads(line)["id"].startswith("ev-") for line in lines)

    assert feed_main(["export", "--db", str(path), "--out", str(out), "--format", "csv"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"error: {path}: read error after exporting ")
    assert f"rows written to {out})" in err
    assert "Traceback" not in err


def test_export_opens_read_only_without_waiting_for_a_writer(tmp_path):
    path = tmp_path / "console.db"
    fill(path, 300)
    before = fingerprint(path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a recorder in the middle of a commit holds the write lock
    writer.execute("INSERT INTO settings(key, value) VALUES ('x', '1')")
    try:
        out = tmp_path / "events.jsonl"
        assert export(f"sqlite:///{path}", "events", "jsonl", out) == 300  # no migration, no write lock asked
        assert len(out.read_text(encoding="utf-8").splitlines()) == 300
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert fingerprint(path) == before


def test_recorder_refuses_to_write_into_a_damaged_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "rec.db"
    damaged_store(path, 3_000)
    before = fingerprint(path)

    acked: list[int] = []

    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            hub.publish_many([("event", dumps(event_obj(f"n{i}")), None) for i in range(1, 51)])
            try:
                await record(hub.url, TOKEN, f"sqlite:///{path}", exit_when_idle=60)  # stops long before idle
            finally:
                acked.append(hub.acks.get("recorder", 0))

    with pytest.raises(DamagedStoreError, match="the database file is damaged"):
        run(main())
    assert acked == [0]  # nothing acked: the hub keeps every record for a sound database
    assert fingerprint(path) == before

    async def via_cli():
        async with running_hub(tmp_path / "hub2.db") as hub:
            hub.publish("event", dumps(event_obj("m1")))
            return await asyncio.to_thread(
                feed_main, ["record", "--connect", hub.url, "--db", str(path), "--exit-when-idle", "60"])

    monkeypatch.setenv("GRID_FEED_TOKEN", TOKEN)  # the token off the command line (issue 13 #10)
    assert run(via_cli()) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: the database file is damaged")
    assert "Traceback" not in err
    assert fingerprint(path) == before
