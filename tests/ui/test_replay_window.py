"""The replay window (issue 15): the console's docks at the scrubber's instant, read-only."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import timedelta

import pytest

from console.cli import main
from console.replay_app import export_bookmarks, open_replay
from console.services.decisions import DecisionRefused
from console.services.replay import RoomAt

START = "2026-11-23T08:00:00+08:00"
pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*", "Couldn't (load|resolve) va.*")


@pytest.fixture(scope="module")
def recording(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("rec") / "shift.db"
    url = f"sqlite:///{path}"
    assert main(["simulate", "--hours", "5", "--start", START, "--db", url, "--json"]) == 0
    return url


def _rows(url: str) -> tuple:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return (conn.execute("SELECT * FROM events ORDER BY rid").fetchall(),
                conn.execute("SELECT * FROM actions ORDER BY id").fetchall(),
                conn.execute("SELECT count(*) FROM claims").fetchall())


def _queue(shell) -> dict[str, tuple]:
    model = shell.window.queue_model
    model.flush()
    out = {}
    for row in range(model.rowCount()):
        ev = model.event_at(row)
        out[ev.id] = (ev.state.value, ev.level.value, ev.category, ev.assignees, ev.claimed_by)
    return out


def _dumped(url: str, at) -> dict[str, tuple]:
    room = RoomAt.open(url)
    try:
        return {e["id"]: (e["state"], e["level"], e["category"], e["assignees"], e["claimed_by"])
                for e in room.dump(at)["open_events"]}
    finally:
        room.close()


@pytest.fixture
async def replay(qapp, qtbot, settings, recording):
    shell = await open_replay(recording, settings, qt_app=qapp, defer=True)
    qtbot.addWidget(shell.window)
    shell.window.show()
    yield shell
    shell.timer.stop()
    await shell.core.tasks.cancel_all()
    shell.core.close()


async def test_the_queue_shows_what_the_dump_says_at_each_instant(replay, recording):
    room = replay.replay
    for frac in (0.25, 0.5, 0.8, 1.0):
        at = room.start + (room.end - room.start) * frac
        await replay.seek(at)
        assert replay.core.at == at
        expected = _dumped(recording, at)
        assert _queue(replay) == expected
    assert expected  # the end of the shift still has open work
    await replay.seek(room.start + (room.end - room.start) * 0.3)  # and back again
    assert _queue(replay) == _dumped(recording, replay.core.at)


async def test_nothing_can_be_written_in_replay(replay, recording):
    before = _rows(recording)
    assert replay.shell.actions.isHidden()
    assert "复盘模式 · 非实时" in replay.banner.text()
    assert replay.window.objectName() == "replayWindow"
    assert "#d97706" in replay.window.styleSheet()
    eid = next(iter(_queue(replay)))
    decisions = replay.core.decisions
    with pytest.raises(DecisionRefused) as refused:
        await decisions.run(decisions.plan_supervise(eid, "督办"))
    assert str(refused.value) == "复盘模式：记录只读，不能修改"
    with pytest.raises(DecisionRefused):
        await decisions.claim(eid)
    replay.shell.open_event(eid)  # the queue's Enter selects only: no dispatch panel, no claim
    assert _rows(recording) == before


async def test_play_step_and_jump(replay, qtbot):
    room = replay.replay
    await replay.seek(room.start + timedelta(minutes=30))
    t0 = replay.core.at
    replay.step(+1)
    await replay.seek(replay.at)
    nxt = replay.core.at
    assert nxt > t0
    assert int(round(nxt.timestamp() * 1e6)) in set(room.action_times().tolist())
    replay.step(-1)
    await replay.seek(replay.at)
    assert replay.core.at < nxt
    replay.controls.speed.setCurrentIndex(replay.controls.speed.count() - 1)
    assert replay.speed == 60.0
    replay.controls.play.setChecked(True)
    assert replay.playing
    assert "播放中 60×" in replay.banner.text()
    before = replay.core.at
    qtbot.wait(120)
    replay._tick()
    await replay.seek(replay.at)
    assert replay.core.at > before
    replay.controls.play.setChecked(False)
    eid = next(iter(_queue(replay)))
    replay.shell.selection.select_id(eid)
    replay.jump_to_arrival()
    await replay.seek(replay.at)
    assert replay.core.at == room.timeline.versions[int(room.timeline.offsets[room.timeline.index[eid]])].received_at


async def test_bookmarks_are_stored_with_the_recording_and_exported(replay, recording, tmp_path):
    events_before = _rows(recording)[:2]
    await replay.seek(replay.replay.start + timedelta(hours=1))
    replay.add_bookmark("bookmark", "第一次派遣")
    replay.add_bookmark("note", "注意：派遣前应核实地址")
    assert replay.bookmarks.list.count() == 2
    marks = replay.replay.recording.bookmarks()
    assert [(b.kind, b.text, b.at) for b in marks] == [("bookmark", "第一次派遣", replay.core.at),
                                                        ("note", "注意：派遣前应核实地址", replay.core.at)]
    assert export_bookmarks(marks, tmp_path / "b.json", "json", replay.tz) == 2
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))[1]["kind"] == "note"
    export_bookmarks(marks, tmp_path / "b.csv", "csv", replay.tz)
    with (tmp_path / "b.csv").open(encoding="utf-8") as fh:
        assert [r["text"] for r in csv.DictReader(fh)] == ["第一次派遣", "注意：派遣前应核实地址"]
    for b in marks:
        replay.delete_bookmark(b.id)
    assert replay.bookmarks.list.count() == 0
    assert _rows(recording)[:2] == events_before


def test_the_replay_command_refuses_bad_input_in_one_line(tmp_path, capsys, recording):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    cases = (
        (["--db", str(other)], "is not a grid-console database"),
        (["--db", recording, "--from", "2026-11-01T08:00"], "is outside the recording"),
        (["--db", recording, "--speed", "100"], "--speed must be between 1 and 60"),
        (["--db", recording, "--at", START], "--at is for --dump json"),
    )
    for args, words in cases:
        capsys.readouterr()
        assert main(["replay", *args]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("replay: "), err
        assert words in err, err
        assert "Traceback" not in err
