"""EventSelection: one selected event per window, kept fresh from the room, kept when it leaves;
the queue sets it and follows it without its own row moves changing it."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QSettings, Qt
from ui_factories import FakeClock, NoDetails, make_events, small_district

from console.domain.event import State
from console.qtmodels.selection import EventSelection
from console.services.bus import Bus
from console.services.room import Room
from console.views.main_window import MainWindow


@pytest.fixture
def room():
    bus = Bus()
    r = Room(bus, clock=FakeClock())
    r.load(make_events(10))
    return r


def record(selection: EventSelection) -> tuple[list, list]:
    changed: list = []
    selected: list = []
    selection.changed.connect(lambda ev: changed.append(ev.id if ev is not None else None))
    selection.selected.connect(lambda ev: selected.append(ev.id if ev is not None else None))
    return changed, selected


def test_select_follow_changes_and_clear(room) -> None:
    sel = EventSelection(room, room.bus)
    changed, selected = record(sel)
    assert sel.event is None
    assert sel.event_id is None
    assert not sel.is_live
    assert not sel.select_id("missing")
    assert sel.select_id("ev-000001")
    assert sel.is_live
    assert sel.event is room.get("ev-000001")
    room.upsert([room.get("ev-000002").copy(title="别的事件")])  # another event: nothing
    room.upsert([room.get("ev-000001").copy(title="新标题")])
    assert sel.event.title == "新标题"
    sel.select(room.get("ev-000001"))  # selecting it again only refreshes
    assert sel.select_id("ev-000003")
    sel.clear()
    assert changed == ["ev-000001", "ev-000001", "ev-000001", "ev-000003", None]
    assert selected == ["ev-000001", "ev-000003", None]


def test_a_closed_event_stays_selected_and_a_history_event_can_be_selected(room) -> None:
    sel = EventSelection(room, room.bus)
    changed, _ = record(sel)
    sel.select_id("ev-000001")
    resolved = room.get("ev-000001").copy(state=State.RESOLVED)
    room.upsert([resolved])
    closed = resolved.copy(state=State.CLOSED)
    room.upsert([closed])  # closed at another seat: the room drops it
    assert sel.event_id == "ev-000001"
    assert not sel.is_live
    assert sel.event.state is State.RESOLVED  # the last live version until the stored one is known
    assert sel.update(closed)  # e.g. the decision's result
    assert sel.event.state is State.CLOSED
    assert not sel.update(closed)  # identical: nothing emitted
    assert not sel.update(room.get("ev-000002"))  # another id: ignored
    assert changed == ["ev-000001"] * 4

    stored = room.get("ev-000004").copy(id="old-1", state=State.CLOSED)  # from 历史查询
    sel.select(stored)
    assert sel.event is stored
    assert not sel.is_live
    reopened = stored.copy(state=State.REOPENED)
    room.upsert([reopened])  # reopened: back in the room (events_added)
    assert sel.is_live
    assert sel.event is reopened
    live = room.get("ev-000005")
    sel.select(live.copy(title="过时的历史版本"))  # the room's version wins
    assert sel.event is live


async def test_the_stored_version_is_fetched_when_the_event_leaves_the_room(room) -> None:
    stored = room.get("ev-000001").copy(state=State.CLOSED, title="已结案版本")
    asked: list[str] = []

    async def fetch(event_id: str):
        asked.append(event_id)
        return stored

    tasks: list[asyncio.Future] = []
    sel = EventSelection(room, room.bus, fetch=fetch, run_task=lambda c: tasks.append(asyncio.ensure_future(c)))
    sel.select_id("ev-000001")
    room.upsert([room.get("ev-000001").copy(state=State.REJECTED)])
    await asyncio.gather(*tasks)
    assert asked == ["ev-000001"]
    assert sel.event.title == "已结案版本"
    assert not sel.is_live


@pytest.fixture
def window(qtbot, tmp_path, room):
    settings = QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)
    win = MainWindow(room, room.bus, small_district(), NoDetails(), settings=settings, clock=FakeClock(),
                     workstation="ws-test")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_queue_row_leaving_does_not_move_the_selection(qtbot, window) -> None:
    room, model, table = window.room, window.queue_model, window.queue_view.table
    sel = window.selection
    first = model.event_at(0).id
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))  # the officer picks the top row
    assert sel.event_id == first
    assert window.detail_view.current_event_id() == first
    qtbot.keyClick(table, Qt.Key.Key_Down)  # … and moves down with the keyboard
    second = model.event_at(1).id
    assert sel.event_id == second
    room.upsert([room.get(second).copy(state=State.CLOSED)])  # closed elsewhere: the row goes
    qtbot.waitUntil(lambda: model.row_of(second) < 0)
    assert sel.event_id == second  # not the neighbour Qt moved the current row to
    assert window.detail_view.current_event_id() == second
    assert not table.currentIndex().isValid()  # no other row looks selected
    third = model.event_at(2).id
    room.upsert([room.get(third).copy(title="改个标题")])
    qtbot.waitUntil(lambda: not model.has_pending())
    assert sel.event_id == second


def test_the_queue_follows_a_selection_made_elsewhere_and_a_resort_keeps_it(qtbot, window) -> None:
    model, table, sel = window.queue_model, window.queue_view.table, window.selection
    target = model.event_at(5).id
    assert sel.select_id(target)  # e.g. from the map or the board
    assert model.event_at(table.currentIndex().row()).id == target
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # re-sorted: the row moves, the selection does not
    assert sel.event_id == target
    assert model.event_at(table.currentIndex().row()).id == target
    window.queue_view.search.setText(model.event_at(0).title + "不存在")
    window.queue_view._apply_search()  # filtered out: no row current, the selection stays
    assert model.rowCount() == 0
    assert sel.event_id == target
    assert not table.currentIndex().isValid()
    window.queue_view.search.clear()
    window.queue_view._apply_search()  # shown again: its row is current again
    assert model.event_at(table.currentIndex().row()).id == target
    assert sel.event_id == target
