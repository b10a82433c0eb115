"""Replay (issue 15): the fold of a recording, the headless dump, snapshots and bad input."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from console.cli import main
from console.services.replay import ReplayError, RoomAt
from console.store import open_store
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)

START = "2026-11-23T08:00:00+08:00"


def _simulate(path, hours: float, scenario: str = "normal_day") -> str:
    url = f"sqlite:///{path}"
    assert main(["simulate", "--scenario", scenario, "--hours", str(hours), "--start", START, "--db", url,
                 "--json"]) == 0
    return url


@pytest.fixture(scope="module")
def shift(tmp_path_factory) -> str:
    """A recorded 6 h day shift (the scripted officer dispatching, the field answering)."""
    return _simulate(tmp_path_factory.mktemp("rec") / "shift.db", 6)


def _dump(url: str, at: str, capsys) -> dict:
    capsys.readouterr()
    assert main(["replay", "--db", url, "--at", at, "--dump", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    out.pop("recording")
    return out


def test_the_fold_at_the_end_is_every_stored_row(shift):
    room = RoomAt.open(shift)
    try:
        state = room.state_at(room.end)
        with open_store(shift, readonly=True) as store:
            stored = {e.id: e for e in store.events.search(limit=100_000)}
        folded = {e.id: e for e in state.events()}
        assert folded.keys() == stored.keys()
        assert len(folded) > 50
        fields = ("state", "category", "level", "assignees", "dispatched_at", "resolved_at", "closed_at",
                  "duplicate_of", "duplicate_count", "supervised", "grid_id", "title", "extra")
        for eid, row in stored.items():
            assert {f: getattr(folded[eid], f) for f in fields} == {f: getattr(row, f) for f in fields}, eid
    finally:
        room.close()


def test_an_event_exists_from_its_arrival_and_changes_at_its_actions(shift):
    room = RoomAt.open(shift)
    try:
        tl = room.timeline
        i = next(k for k in range(len(tl)) if int(tl.offsets[k + 1] - tl.offsets[k]) >= 3)
        eid = tl.ids[i]
        versions = tl.versions[int(tl.offsets[i]):int(tl.offsets[i + 1])]
        arrival = versions[0].received_at
        assert room.state_at(arrival - timedelta(microseconds=1)).event(eid) is None
        assert room.state_at(arrival).event(eid).state is versions[0].state
        assert [v.state for v in versions][-1] is room.state_at(room.end).event(eid).state
    finally:
        room.close()


def test_dump_equals_a_fresh_recording_stopped_at_that_instant(tmp_path, capsys):
    full = _simulate(tmp_path / "full.db", 6)
    short = _simulate(tmp_path / "short.db", 3)
    room = RoomAt.open(short)
    end = room.end
    room.close()
    for at in (end, end - timedelta(minutes=47)):
        text = at.isoformat()
        assert _dump(full, text, capsys) == _dump(short, text, capsys)
    assert _dump(full, end.isoformat(), capsys)["open_events"]


def test_dump_lists_open_events_with_the_strip_kpis(shift, capsys):
    room = RoomAt.open(shift)
    mid = room.start + (room.end - room.start) / 2
    room.close()
    out = _dump(shift, mid.isoformat(), capsys)
    assert set(out["kpis"]) >= {"closure_rate", "on_time_rate", "onsite_disposal_rate", "avg_handling_min",
                                "dispatch_p90_s", "dispatch_within_60s_rate", "dept_response_rate", "events"}
    ev = out["open_events"][0]
    assert set(ev) == {"id", "state", "level", "category", "grid_id", "assignees", "deadline_at", "tier",
                       "claimed_by"}
    assert [e["id"] for e in out["open_events"]] == sorted(e["id"] for e in out["open_events"])


# ---- snapshots ------------------------------------------------------------------------------------------
def _recording_rows(path) -> tuple:
    with sqlite3.connect(path) as conn:
        return (conn.execute("SELECT * FROM events ORDER BY rid").fetchall(),
                conn.execute("SELECT * FROM actions ORDER BY id").fetchall())


def test_snapshots_are_built_once_then_loaded(tmp_path):
    url = _simulate(tmp_path / "s.db", 2)
    first = RoomAt.open(url)
    first.close()
    assert first.snapshot_status.startswith("rebuilt")
    second = RoomAt.open(url)
    second.close()
    assert second.snapshot_status == "loaded"


def test_a_corrupt_snapshot_table_is_rebuilt_not_trusted(tmp_path, capsys):
    path = tmp_path / "s.db"
    url = _simulate(path, 3)
    RoomAt.open(url).close()
    at = (RoomAt.open(url).end - timedelta(minutes=30)).isoformat()
    good = _dump(url, at, capsys)
    before = _recording_rows(path)
    with sqlite3.connect(path) as conn:  # flip bytes of one snapshot, and make another lie consistently
        rows = conn.execute("SELECT id, payload FROM replay_snapshots ORDER BY at").fetchall()
        conn.execute("UPDATE replay_snapshots SET payload = ? WHERE id = ?", (b"\x00garbage", rows[-1][0]))
    room = RoomAt.open(url)
    room.close()
    assert room.snapshot_status == "rebuilt: checksum mismatch (damaged)"
    assert _dump(url, at, capsys) == good
    assert _recording_rows(path) == before  # events and actions untouched


def test_a_snapshot_that_lies_with_a_valid_checksum_is_rebuilt(tmp_path):
    import hashlib
    import zlib

    import numpy as np

    path = tmp_path / "s.db"
    url = _simulate(path, 3)
    RoomAt.open(url).close()
    with sqlite3.connect(path) as conn:
        sid, payload = conn.execute("SELECT id, payload FROM replay_snapshots ORDER BY at DESC").fetchone()
        vi = np.frombuffer(zlib.decompress(payload), dtype="<i4").copy()
        vi[:] = 0
        forged = zlib.compress(vi.tobytes())
        conn.execute("UPDATE replay_snapshots SET payload = ?, checksum = ? WHERE id = ?",
                     (forged, hashlib.sha256(forged).hexdigest(), sid))
    room = RoomAt.open(url)
    room.close()
    assert room.snapshot_status == "rebuilt: does not match the log (damaged)"


# ---- bad input -------------------------------------------------------------------------------------------
def test_not_a_console_database_is_one_clear_line(tmp_path, capsys):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    for path, words in ((other, "is not a grid-console database"), (text, "not a SQLite database"),
                        (tmp_path / "missing.db", "no such database")):
        capsys.readouterr()
        assert main(["replay", "--db", str(path), "--at", START, "--dump", "json"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("replay: ")
        assert words in err
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    with sqlite3.connect(other) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("customers",)]


def test_an_instant_outside_the_recording_or_unreadable(shift, capsys):
    before = _recording_rows(shift.removeprefix("sqlite:///"))
    for at, words in (("2026-11-20T08:00", "is outside the recording"), ("yesterday", "not an ISO 8601 instant")):
        capsys.readouterr()
        assert main(["replay", "--db", shift, "--at", at, "--dump", "json"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("replay: ")
        assert words in err
        assert len(err.strip().splitlines()) == 1
    capsys.readouterr()
    assert main(["replay", "--db", shift, "--dump", "json"]) == 2
    assert "--dump json needs --at" in capsys.readouterr().err
    assert _recording_rows(shift.removeprefix("sqlite:///")) == before


def test_an_empty_console_database_has_nothing_to_replay(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    open_store(url).close()
    with pytest.raises(ReplayError, match="holds no events"):
        RoomAt.open(url)


def test_the_scrubber_marks_majors_and_breaches(shift):
    room = RoomAt.open(shift)
    try:
        marks = room.marks()
        majors = {ev.id for ev in room.timeline.versions_first() if ev.level.is_urgent}
        assert {eid for _t, eid in marks["major"]} == majors
        escalated = {a.event_id for acts in room.log.values() for a in acts if a.kind == "escalate"}
        assert {eid for _t, eid in marks["breach"] + marks["escalation"]} == escalated
        assert all(room.start <= t <= room.end for v in marks.values() for t, _e in v)
        starts, counts = room.intake_per_minute()
        assert int(counts.sum()) == len(room.timeline)
    finally:
        room.close()


def test_a_step_forward_from_the_last_frame_equals_a_seek(shift):
    room = RoomAt.open(shift)
    try:
        tl = room.timeline
        at = room.start + timedelta(minutes=20)
        prev = room.state_at(at)
        while at < room.end:
            at = min(room.end, at + timedelta(seconds=97))
            step = tl.state_after(prev, at)
            assert (step.version_index == room.state_at(at).version_index).all(), at
            prev = step
    finally:
        room.close()


def test_deadlines_follow_the_sla_table_recorded_in_force(tmp_path, capsys):
    import shutil

    from console.domain.sla_config import DEFAULT_SLA_PATH

    path = tmp_path / "s.db"
    shutil.copy(_simulate_cached(tmp_path), path)
    url = f"sqlite:///{path}"
    room = RoomAt.open(url)
    at = room.end
    room.close()
    before = {e["id"]: e for e in _dump(url, at.isoformat(), capsys)["open_events"]}
    toml = Path(DEFAULT_SLA_PATH).read_text(encoding="utf-8")
    slower = toml.replace('[levels.general]        # 一般\ndispatch = "60s"\nsign = "30min"\narrive = "2h"',
                          '[levels.general]        # 一般\ndispatch = "60s"\nsign = "30min"\narrive = "5h"')
    assert slower != toml
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO room_log (at, kind, actor, data) VALUES (?, 'sla_table', 'system', ?)",
                     (int((at - timedelta(hours=3)).timestamp() * 1e6), json.dumps({"path": "sla.toml", "toml": slower})))
    after = {e["id"]: e for e in _dump(url, at.isoformat(), capsys)["open_events"]}
    moved = [eid for eid in before if before[eid]["deadline_at"] != after[eid]["deadline_at"]]
    assert moved  # the general events on their way to the scene got the recorded, longer limit
    assert all(before[eid]["level"] == "general" for eid in moved)


def _simulate_cached(tmp_path) -> Path:
    path = tmp_path / "orig.db"
    _simulate(path, 3)
    return path


@pytest.fixture
def pg_db(request) -> str:
    return request.getfixturevalue("pg_url")


@pytest.mark.postgres
def test_a_recording_on_postgresql_replays_as_on_sqlite(tmp_path, pg_db, capsys):
    lite = _simulate(tmp_path / "s.db", 2)
    assert main(["simulate", "--hours", "2", "--start", START, "--db", pg_db, "--json"]) == 0
    room = RoomAt.open(pg_db)
    try:
        assert room.snapshot_status.startswith("rebuilt")
        at = room.end - timedelta(minutes=10)
    finally:
        room.close()
    assert _dump(pg_db, at.isoformat(), capsys) == _dump(lite, at.isoformat(), capsys)
    again = RoomAt.open(pg_db)
    again.close()
    assert again.snapshot_status == "loaded"
