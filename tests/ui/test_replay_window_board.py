"""The replay window's escalation board and history dock follow the scrubber (issue 15): at every
instant the 一键下达 and 吹哨报到 tabs list what ``replay --dump json`` says, forward and back in time,
and the history dock lists the events as they stood then (the same fold)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from console.replay_app import open_replay
from console.services.replay import RoomAt
from tests.services.replay_board_rig import MIN, BoardShift, record_board_shift

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*", "Couldn't (load|resolve) va.*")
_DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture(scope="module")
def shift(tmp_path_factory) -> BoardShift:
    return record_board_shift(tmp_path_factory.mktemp("rec") / "board.db")


@pytest.fixture
async def replay(qapp, qtbot, settings, shift):
    shell = await open_replay(shift.url, settings, qt_app=qapp, defer=True)
    qtbot.addWidget(shell.window)
    shell.window.show()
    yield shell
    shell.timer.stop()
    await shell.core.tasks.cancel_all()
    shell.core.close()


def _board(shell) -> tuple[list, list]:
    """What the board's 一键下达 and 吹哨报到 tabs show: (id, 已回应, 未回应网格) and (id, 报到 per department)."""
    bm = shell.shell.board.broadcast_model
    broadcasts = [(bm.broadcast_at(r).id, bm.data(bm.index(r, 2), _DISPLAY)) for r in range(bm.rowCount())]
    wm = shell.shell.board.whistle_model
    whistles = []
    for r in range(wm.rowCount()):
        parent = wm.index(r, 0)
        late = [("未报到" in (t := wm.data(wm.index(c, 1, parent), _DISPLAY)) or "迟到" in t)
                for c in range(wm.rowCount(parent))]
        whistles.append((wm.whistle_at(r).id, wm.data(wm.index(r, 1), _DISPLAY).split(" ")[0], late))
    return broadcasts, whistles


def _dumped(url: str, at) -> tuple[list, list]:
    room = RoomAt.open(url)
    try:
        d = room.board_dump(at)
    finally:
        room.close()
    broadcasts = [(b["id"], f"{b['acknowledged']}/{b['targets']}") for b in reversed(d["broadcasts"]) if b["awaiting"]]
    whistles = [(w["id"], f"{w['checked_in']}/{len(w['summons'])}", [s["late"] for s in w["summons"]])
                for w in reversed(d["whistles"]) if w["event_open"]]
    return broadcasts, whistles


async def test_the_board_shows_what_the_dump_says_forward_and_back(replay, shift, qtmodeltester):
    instants = [shift.t1 - MIN, shift.t1 + 12 * MIN, shift.t1 + 55 * MIN, shift.tw + 2 * MIN, shift.tw + 12 * MIN,
                shift.tw + 25 * MIN]
    seen = []
    for at in [*sorted(instants), *reversed(sorted(instants))]:  # forward (changes applied), back (folded anew)
        await replay.seek(at)
        shown = _board(replay)
        assert shown == _dumped(shift.url, at), at
        seen.append(shown)
    qtmodeltester.check(replay.shell.board.broadcast_model)
    qtmodeltester.check(replay.shell.board.whistle_model)
    await replay.seek(shift.t1 + 12 * MIN)
    assert _board(replay)[0] == [(shift.broadcast_id, "1/3")]
    await replay.seek(shift.tw + 12 * MIN)
    (whistle,) = _board(replay)[1]
    assert whistle == (shift.whistle_id, "1/2", [False, False])
    await replay.seek(shift.tw + 25 * MIN)
    assert _board(replay)[1] == [(shift.whistle_id, "1/2", [False, True])]
    tabs = replay.shell.board.tabs
    broadcasts, whistles = _board(replay)
    assert tabs.tabText(1).endswith(f"({len(whistles)})")
    assert tabs.tabText(2).endswith(f"({len(broadcasts)})")
    await replay.seek(min(shift.t1, shift.tw) - MIN)
    assert _board(replay) == ([], [])
    assert tabs.tabText(1).endswith("(0)")
    assert tabs.tabText(2).endswith("(0)")


async def _loaded(model) -> None:
    async with asyncio.timeout(10):
        while model.is_loading():  # noqa: ASYNC110 - the model's page arrives through the loop
            await asyncio.sleep(0.01)


async def test_the_history_dock_lists_the_room_at_the_instant(replay, shift, qtbot):
    view = replay.shell.history_view
    model = view.model
    at = shift.t1 + 12 * MIN
    await replay.seek(at)
    view.search_now()
    await _loaded(model)
    room = replay.replay
    state = room.state_at(at)
    rows = [model.event_at(r) for r in range(model.rowCount())]
    assert rows, "the history at the instant is not empty"
    assert [e.id for e in rows] == [e.id for e in room.search(at, since=at - timedelta(days=7), limit=len(rows))]
    for ev in rows:  # each event in its version of then, arrived by then
        assert ev.state is state.event(ev.id).state
        assert ev.received_at is None or ev.received_at <= at
    closed_later = [e for e in rows if e.is_open and room.state_at(room.end).event(e.id).state.value == "closed"]
    assert closed_later, "some event open then was closed by the end of the recording"
    # moving the scrubber (paused) runs the dock's query again at the new instant
    later = shift.t1 + 90 * MIN
    await replay.seek(later)
    assert model.query.since == later - timedelta(days=7)  # the 近7天 window ends at the instant shown
    await _loaded(model)
    assert model.rowCount() > len(rows) or [model.event_at(r).state for r in range(model.rowCount())] != [
        e.state for e in rows]
