"""Export: events as protocol objects plus console fields (JSONL round trip), CSV with a header."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from console.domain.event import State
from console.domain.ingest import IngestBatch, QuarantineRecord, StatusUpdate
from console.net.protocol import event_from_dict
from console.services.export import EVENT_COLUMNS, export
from console.store import open_store
from tests.net.helpers import event_obj


def _fill(db: str) -> list:
    events = [
        event_from_dict(event_obj(1, level="major", custom={"k": [1, 2]}, reporter={"name": "王芳", "phone": "1"}), seq=1),
        event_from_dict(event_obj(2, category="zz.unknown", attachments=[{"kind": "image", "url": "u"}]), seq=2),
        event_from_dict(event_obj(3, grid_id="yg-c01", location=None), seq=3),
    ]
    store = open_store(db)
    try:
        at = datetime(2026, 11, 22, 2, tzinfo=UTC)
        store.commit_ingest(IngestBatch(
            last_seq=5, events=events,
            statuses=[StatusUpdate(seq=4, event_id="ev-1", state=State.ACCEPTED, unit_id="u1", at=at)],
            quarantined=[QuarantineRecord(raw="garbage", reason="not JSON: x", received_at=at, seq=5)],
        ), "seat")
    finally:
        store.close()
    return events


def test_jsonl_round_trip(tmp_path):
    db = f"sqlite:///{tmp_path}/c.db"
    originals = {e.id: e for e in _fill(db)}
    out = io.StringIO()
    assert export(db, "events", "jsonl", out) == 3
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {rec["id"] for rec in lines} == set(originals)
    for rec in lines:
        assert "state" in rec
        assert "seq" in rec
        back = event_from_dict({k: v for k, v in rec.items() if k not in ("state", "seq", "received_at",
                                "updated_at", "assignees", "dispatched_at", "deadline_at", "resolved_at",
                                "closed_at", "duplicate_of", "duplicate_count", "supervised", "onsite",
                                "grid_flag", "claimed_by")})
        orig = originals[rec["id"]]
        for field in ("source", "category", "title", "reported_at", "level", "location", "grid_id",
                      "reporter_name", "reporter_phone", "attachments", "extra", "description"):
            assert getattr(back, field) == getattr(orig, field), field
    assert next(r for r in lines if r["id"] == "ev-2")["category"] == "zz.unknown"


def test_csv_has_header_and_rows(tmp_path):
    db = f"sqlite:///{tmp_path}/c.db"
    _fill(db)
    out = tmp_path / "events.csv"
    assert export(db, "events", "csv", out) == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(rows[0].keys()) == EVENT_COLUMNS
    by_id = {r["id"]: r for r in rows}
    assert by_id["ev-1"]["reporter_name"] == "王芳"
    assert json.loads(by_id["ev-1"]["extra"]) == {"custom": {"k": [1, 2]}}
    assert float(by_id["ev-2"]["lat"]) == 30.54
    assert by_id["ev-3"]["grid_id"] == "yg-c01"


def test_actions_and_quarantine(tmp_path):
    db = f"sqlite:///{tmp_path}/c.db"
    _fill(db)
    out = io.StringIO()
    export(db, "quarantine", "jsonl", out)
    (q,) = [json.loads(x) for x in out.getvalue().splitlines()]
    assert (q["seq"], q["raw"], q["reason"]) == (5, "garbage", "not JSON: x")
    out = io.StringIO()
    n = export(db, "actions", "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows)
    assert set(rows[0]) == {"event_id", "at", "kind", "actor", "account", "seat", "from_state", "to_state", "note",
                            "data"}
