"""Training mode without the window: `train` refuses the recording and live rooms with one line,
marks a sandbox, and `score` writes JSON and a PDF with Chinese text; exercises stay out of the KPIs."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from console.cli import main
from console.core import load_or_seed_district
from console.domain.event import Action, Event, Source, State
from console.domain.sla_config import default_table
from console.services.kpi_service import KpiService
from console.services.training import TrainingRefused, prepare
from console.store import data_dir, open_store
from console.store import training as tstore
from tests.store import conftest as store_fixtures
from tests.training_rig import OTHER_DEPT, START, make_recording

# the PostgreSQL fixtures of tests/store (a throw-away schema per test on 127.0.0.1)
pg_available = store_fixtures.pg_available
pg_url = store_fixtures.pg_url


@pytest.fixture
def recording(tmp_path) -> Path:
    path = tmp_path / "recorded.db"
    make_recording(f"sqlite:///{path}")
    return path


def _train(capsys, recording: Path, db: str, *extra: str) -> tuple[int, str]:
    code = main(["train", "--from", str(recording), "--db", db, "--trainee", "李学员", *extra])
    return code, capsys.readouterr().err.strip().splitlines()[-1]


def _fingerprint(path: Path) -> tuple[int, bytes]:
    return path.stat().st_size, path.read_bytes()


def test_train_refuses_the_recording_itself(capsys, recording, tmp_path):
    before = _fingerprint(recording)
    code, line = _train(capsys, recording, str(recording))
    assert code == 2
    assert line == f"train: --db {recording} is the recording itself; give a separate sandbox database"
    code, line = _train(capsys, recording, f"sqlite:///{recording}")  # the same file as a URL
    assert code == 2
    assert "is the recording itself" in line
    link = tmp_path / "link.db"
    link.symlink_to(recording)
    code, line = _train(capsys, recording, str(link))  # another name for the same file
    assert code == 2
    assert "is the recording itself" in line
    copy = tmp_path / "copy.db"
    shutil.copy(recording, copy)  # a copy: the same room's intake
    code, line = _train(capsys, recording, str(copy))
    assert code == 2
    assert "is the recording itself (same room" in line
    assert _fingerprint(recording) == before


def test_train_refuses_a_live_room_database(capsys, recording, tmp_path):
    live = tmp_path / "live.db"
    with open_store(f"sqlite:///{live}") as store:
        load_or_seed_district(store)
        store.events.insert_many([Event(id="live-1", source=Source.GRID_APP, category="city.garbage",
                                        title="真实事件", reported_at=START, received_at=START)])
    before = _fingerprint(live)
    code, line = _train(capsys, recording, str(live))
    assert code == 2
    assert line == (f"train: --db {live} is a live room database (1 events, not marked as a training sandbox); "
                    "training never writes into a live room")
    assert _fingerprint(live) == before


def test_train_refuses_what_is_not_a_recording(capsys, tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("not a database\n")
    code, line = _train(capsys, junk, str(tmp_path / "sandbox.db"))
    assert code == 2
    assert line == f"train: --from: {junk}: file is not a SQLite database (corrupt or another kind of file)"
    empty = tmp_path / "empty.db"
    open_store(f"sqlite:///{empty}").close()
    code, line = _train(capsys, empty, str(tmp_path / "sandbox.db"))
    assert code == 2
    assert line == f"train: --from {empty}: the recording holds no events"
    code, line = _train(capsys, junk, str(tmp_path / "sandbox.db"), "--start", "tomorrow")
    assert code == 2
    assert line == "train: --start 'tomorrow' is not an ISO 8601 time"


def test_prepare_marks_the_sandbox_and_reads_the_window_in_arrival_order(recording, tmp_path):
    sandbox = f"sqlite:///{tmp_path / 'sandbox.db'}"
    plan = prepare(f"sqlite:///{recording}", sandbox, "李学员", start=START + timedelta(minutes=1), hours=0.1,
                   speed=10)
    assert [w["id"] for _off, w in plan.items] == ["rec-001", "rec-002", "rec-003"]
    assert [off for off, _w in plan.items] == [60.0, 180.0, 300.0]
    assert all("state" not in w and "assignees" not in w for _off, w in plan.items)
    with open_store(sandbox) as store:
        mark = tstore.training_mark(store)
        assert mark is not None
        assert mark["trainee"] == "李学员"
        assert mark["events"] == 3
        assert not store.district.is_empty()  # the recording's district
        assert tstore.event_count(store) == 0
    again = prepare(f"sqlite:///{recording}", sandbox, "李学员", hours=1)  # a marked sandbox is reused
    assert len(again.items) == 5
    with pytest.raises(TrainingRefused, match="--hours and --speed must be greater than 0"):
        prepare(f"sqlite:///{recording}", sandbox, "李学员", speed=0)


def _trainee_work(sandbox: str, recorded: list[Event]) -> None:
    """What a trainee did in the sandbox: the first event dispatched in 40 s to the responsible
    department, the second in 90 s to the department the recorded officer chose, the rest not yet."""
    from console.domain.suggest import suggest_department

    played = [ev.copy(state=State.NEW, assignees=[], dispatched_at=None) for ev in recorded[:3]]
    work = {0: (40, suggest_department(recorded[0].category)), 1: (90, OTHER_DEPT)}
    actions = []
    for i, (secs, dept) in work.items():
        at = played[i].received_at + timedelta(seconds=secs)
        played[i] = played[i].copy(state=State.DISPATCHED, assignees=[dept], dispatched_at=at)
        actions.append(Action(event_id=played[i].id, at=at, kind="dispatch", actor="李学员", data={"targets": [dept]}))
    with open_store(sandbox) as store:
        store.events.insert_many(played)
        store.actions.append_many(actions)


def test_score_cli_writes_json_and_a_pdf_with_chinese_text(recording, tmp_path, capsys):
    sandbox = f"sqlite:///{tmp_path / 'sandbox.db'}"
    prepare(f"sqlite:///{recording}", sandbox, "李学员", hours=1)
    with open_store(f"sqlite:///{recording}", readonly=True) as rec:
        recorded = tstore.arrivals(rec, None, None)
    _trainee_work(sandbox, recorded)
    out = tmp_path / "score.json"
    assert main(["score", "--db", sandbox, "--against", str(recording), "--format", "json", "--out", str(out)]) == 0
    score = json.loads(out.read_text(encoding="utf-8"))
    rows = {r["id"]: r for r in score["events"]}
    assert list(rows) == ["rec-000", "rec-001", "rec-002"]
    assert rows["rec-000"]["seconds_to_dispatch"] == 40.0
    assert rows["rec-000"]["department_vs_table"] == "match"
    assert rows["rec-000"]["department_vs_recorded"] == "match"
    assert rows["rec-001"]["seconds_to_dispatch"] == 90.0
    assert rows["rec-001"]["within_target"] is False
    assert rows["rec-001"]["department_vs_table"] == "differs"
    assert rows["rec-001"]["department_vs_recorded"] == "match"
    assert rows["rec-002"]["department_vs_table"] == "not_dispatched"
    assert rows["rec-001"]["recorded_department_vs_table"] == "differs"  # the recorded officer's own verdict
    assert score["totals"]["recorded"]["department_table_rate"] == 0.6667
    assert rows["rec-002"]["recorded_seconds_to_dispatch"] == 25.0
    assert score["totals"]["trainee"]["dispatched"] == 2
    assert score["totals"]["recorded"]["dispatched"] == 3
    assert score["kpis"]["recorded"]["dispatch_median_s"] == 25.0
    assert score["trainee"] == "李学员"
    assert score["played_events"] == 3
    assert score["recorded_events"] == 5

    pdf = tmp_path / "score.pdf"
    assert main(["score", "--db", sandbox, "--against", str(recording), "--format", "pdf", "--out", str(pdf)]) == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdffonts") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdffonts, pdftotext) not installed: the PDF's text is not checked")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansCJK" in fonts
    assert " yes " in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "培训评分报告" in text
    assert "李学员" in text
    assert "录制事件0" in text


def test_score_refuses_a_database_that_is_not_a_sandbox(recording, tmp_path, capsys):
    code = main(["score", "--db", str(recording), "--against", str(recording), "--format", "json"])
    assert code == 2
    assert capsys.readouterr().err.strip() == f"score: --db {recording}: not a training sandbox (no training mark)"
    assert main(["score", "--db", str(recording), "--against", str(recording), "--format", "pdf"]) == 2
    assert capsys.readouterr().err.strip() == "score: --format pdf needs --out FILE"


def test_live_kpis_leave_exercise_events_out(tmp_path):
    now = START + timedelta(hours=1)
    with open_store(f"sqlite:///{tmp_path / 'room.db'}") as store:
        def event(eid: str, extra: dict) -> Event:
            return Event(id=eid, source=Source.OTHER, category="city.garbage", title=eid, reported_at=START,
                         received_at=START, state=State.DISPATCHED, dispatched_at=START + timedelta(seconds=30),
                         extra=extra)

        store.events.insert_many([event("live-1", {}), event("drill-1", {"exercise": True}),
                                  event("cap-exercise:1", {"drill": True, "cap": {"status": "Exercise"}})])
        figures = KpiService(store, default_table()).compute(now=now, window=timedelta(hours=2))
    assert figures["events"] == 1
    assert figures["dispatch_median_s"] == 30.0


def test_postgresql_live_room_and_the_recording_itself_are_refused(recording, pg_url):
    with open_store(pg_url) as live:  # a room's database on the server: events, no training mark
        load_or_seed_district(live)
        live.events.insert_many([Event(id="live-1", source=Source.GRID_APP, category="city.garbage",
                                       title="真实事件", reported_at=START, received_at=START)])
    with pytest.raises(TrainingRefused, match="is a live room database"):
        prepare(f"sqlite:///{recording}", pg_url, "李学员")
    with open_store(pg_url) as live:
        assert tstore.training_mark(live) is None  # nothing written
    with pytest.raises(TrainingRefused, match="is the recording itself"):
        prepare(pg_url, pg_url, "李学员")


def test_postgresql_sandbox_gets_marked(recording, pg_url):
    plan = prepare(f"sqlite:///{recording}", pg_url, "李学员", hours=1)
    assert len(plan.items) == 5
    with open_store(pg_url) as store:
        assert tstore.training_mark(store)["recording"] == str(recording)
        assert not store.district.is_empty()


async def _play_once(plan) -> int:
    """Run the training hub until its player has published the plan; the hub log's event count."""
    from console.domain.district import load_district
    from console.services.training import TrainingHub

    hub = TrainingHub(plan, load_district("resources/demo"))
    await hub.start()
    try:
        await asyncio.wait_for(hub.player.done.wait(), 20)
        return hub.hub.log.count("event")
    finally:
        await hub.stop()


async def test_a_restarted_session_resumes_the_stream_instead_of_playing_it_again(recording, tmp_path):
    plan = prepare(f"sqlite:///{recording}", f"sqlite:///{tmp_path / 'sandbox.db'}", "李学员", speed=10_000)
    assert await _play_once(plan) == 5
    assert await _play_once(plan) == 5
    assert (tmp_path / "sandbox.db.training-hub.sqlite3").exists()


async def test_a_server_sandbox_keeps_its_hub_log_in_the_data_dir(recording, pg_url):
    plan = prepare(f"sqlite:///{recording}", pg_url, "李学员", speed=10_000)
    assert await _play_once(plan) == 5
    assert await _play_once(plan) == 5
    assert (data_dir() / "training" / f"{plan.sandbox_room}.hub.sqlite3").exists()
