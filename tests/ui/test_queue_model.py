"""QueueModel: batching, sort/filter in Python, countdown colours, removal, urgent signal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from ui_factories import T0, FakeClock, make_event, make_events, small_district

from console.domain.event import Level, Source, State
from console.qtmodels import labels
from console.qtmodels.queue_model import QueueModel
from console.qtmodels.queue_rows import COL_AGE, COL_COUNTDOWN, COL_LEVEL, COL_SOURCE, COL_STATUS, COL_TITLE
from console.qtmodels.roles import CountdownRole, EventIdRole, LevelRole, OverdueRole
from console.services.bus import Bus
from console.services.room import Room

Display = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def bus():
    return Bus()


@pytest.fixture
def room(bus, clock):
    return Room(bus, clock=clock)


def make_model(room, bus, clock, **kw) -> QueueModel:
    kw.setdefault("tick_ms", 0)
    return QueueModel(room, bus, district=small_district(), clock=clock, seat_id="seat-1", **kw)


def ids(model: QueueModel) -> list[str]:
    return [model.data(model.index(r, 0), EventIdRole) for r in range(model.rowCount())]


def test_model_passes_modeltester_through_sort_filter_insert_remove(qtbot, qtmodeltester, room, bus, clock):
    room.load(make_events(60))
    model = make_model(room, bus, clock)
    assert model.rowCount() == 60
    qtmodeltester.check(model)
    model.sort(COL_LEVEL, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_filter(text="占道")
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.upsert(make_events(9, start=100))
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.upsert([ev.copy(state=State.CLOSED) for ev in make_events(6, start=0)])
    qtmodeltester.check(model)
    model.set_filter(text="")
    qtmodeltester.check(model)


def test_initial_order_is_newest_first_with_precomputed_display(qtbot, room, bus, clock):
    room.load(make_events(5))
    model = make_model(room, bus, clock)
    assert ids(model) == [f"ev-{i:06d}" for i in range(5)]  # ev-0 received last
    idx = model.index(0, COL_SOURCE)
    assert model.data(idx) == "12345热线"
    assert model.data(model.index(0, COL_STATUS)) == "待受理"
    assert model.data(model.index(0, COL_LEVEL)) in labels.level_labels().values()
    assert model.data(model.index(0, 4)) == "海湾一号微网格"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "级别"


def test_many_adds_are_flushed_as_one_insert_at_the_top(qtbot, room, bus, clock):
    room.load(make_events(10))
    model = make_model(room, bus, clock)
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    with qtbot.waitSignal(model.flushed, timeout=2000):
        for i in range(100, 150):  # fifty separate bus publications
            room.upsert([make_event(i, received_at=clock.now + timedelta(seconds=i))])
    assert inserts == [(0, 49)]
    assert model.rowCount() == 60
    assert model.data(model.index(0, 0), EventIdRole) == "ev-000149"  # newest first
    assert not model.has_pending()


def test_changed_rows_emit_narrow_data_changed(qtbot, room, bus, clock):
    room.load(make_events(20))
    model = make_model(room, bus, clock)
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=None: changes.append((a.row(), b.row())))
    target = room.get("ev-000007")
    row = model.row_of("ev-000007")
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.upsert([target.copy(title="已更新的标题")])
    assert changes == [(row, row)]
    assert model.data(model.index(row, COL_TITLE)) == "已更新的标题"


def test_closed_events_leave_the_queue(qtbot, room, bus, clock):
    room.load(make_events(10))
    model = make_model(room, bus, clock)
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    gone = [room.get("ev-000002").copy(state=State.CLOSED), room.get("ev-000003").copy(state=State.REJECTED)]
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.upsert(gone)
    assert removed == [(2, 3)]
    assert "ev-000002" not in ids(model)
    assert model.rowCount() == 8
    assert model.live_count() == 8


def test_sort_is_python_side_and_keeps_persistent_indexes(qtbot, room, bus, clock):
    room.load(make_events(40))
    model = make_model(room, bus, clock)
    keep = QPersistentModelIndex(model.index(model.row_of("ev-000014"), COL_TITLE))
    model.sort(COL_LEVEL, Qt.SortOrder.DescendingOrder)
    ranks = [model.data(model.index(r, 0), LevelRole).rank for r in range(model.rowCount())]
    assert ranks == sorted(ranks, reverse=True)
    assert keep.isValid()
    assert keep.row() == model.row_of("ev-000014")
    assert keep.column() == COL_TITLE
    model.sort(COL_AGE, Qt.SortOrder.DescendingOrder)  # oldest first
    assert ids(model)[0] == "ev-000039"
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.data(model.index(r, COL_TITLE)) for r in range(model.rowCount())]
    assert titles == sorted(titles)


def test_filters(qtbot, room, bus, clock):
    evs = make_events(40)
    evs[1] = evs[1].copy(claimed_by="seat-1")
    evs[2] = evs[2].copy(assignees=["seat-1"])
    room.load(evs)
    model = make_model(room, bus, clock)
    everything = set(ids(model))

    model.set_filter(levels=frozenset({Level.CRITICAL}))
    assert set(ids(model)) == {e.id for e in evs if e.level is Level.CRITICAL}
    model.set_filter(levels=None, states=frozenset({State.NEW}))
    assert set(ids(model)) == {e.id for e in evs if e.state is State.NEW}
    model.set_filter(states=None, sources=frozenset({Source.IOT}))
    assert set(ids(model)) == {e.id for e in evs if e.source is Source.IOT}
    model.set_filter(sources=None, grids=frozenset({"m1", "m2"}))
    assert set(ids(model)) == {e.id for e in evs if e.grid_id in {"m1", "m2"}}
    model.set_filter(grids=None, text="海湾路13号")
    assert ids(model) == ["ev-000013"]
    model.set_filter(text="占道")
    assert set(ids(model)) == {e.id for e in evs if "占道" in e.title}
    model.set_filter(text="", mine=True)
    assert set(ids(model)) == {"ev-000001", "ev-000002"}
    model.set_filter(mine=False, overdue=True)
    assert set(ids(model)) == {e.id for e in evs if e.deadline_at < clock.now}
    model.set_filter(overdue=False, category="unclassified")
    assert set(ids(model)) == everything
    assert model.data(model.index(model.row_of("ev-000005"), 0), OverdueRole) is True
    assert model.data(model.index(model.row_of("ev-000006"), 0), OverdueRole) is False


def test_new_events_respect_the_active_filter(qtbot, room, bus, clock):
    room.load(make_events(10))
    model = make_model(room, bus, clock)
    model.set_filter(levels=frozenset({Level.MAJOR, Level.CRITICAL}))
    before = model.rowCount()
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.upsert([make_event(500, level=Level.GENERAL), make_event(501, level=Level.MAJOR)])
    assert model.rowCount() == before + 1
    assert model.data(model.index(0, 0), EventIdRole) == "ev-000501"
    assert model.live_count() == 12


def test_countdown_colours_follow_the_injected_clock(qtbot, room, bus, clock):
    room.load([make_event(0, received_at=clock.now), make_event(1, state=State.DISPATCHED)])
    model = make_model(room, bus, clock)
    row = model.row_of("ev-000000")
    idx = model.index(row, COL_COUNTDOWN)
    fg = Qt.ItemDataRole.ForegroundRole
    assert model.data(idx, CountdownRole) == 0
    assert model.data(idx) == "剩余 1:00"  # counts down to the one-minute limit, like the detail's badge
    assert model.data(idx, fg).name() == "#8fd18f"
    clock.advance(23)
    assert model.data(idx) == "剩余 0:37"
    clock.advance(6)
    assert model.data(idx) == "剩余 0:31"
    assert model.data(idx, fg).name() == "#8fd18f"
    clock.advance(1)
    assert model.data(idx, fg).name() == labels.AMBER
    clock.advance(30)
    assert model.data(idx) == "超时 0:00"
    assert model.data(idx, fg).name() == labels.RED
    clock.advance(12)
    assert model.data(idx) == "超时 0:12"
    assert model.data(idx, fg).name() == labels.RED
    dispatched = model.index(model.row_of("ev-000001"), COL_COUNTDOWN)
    assert model.data(dispatched) == ""
    assert model.data(dispatched, CountdownRole) is None


def test_tick_refreshes_only_the_countdown_column(qtbot, room, bus, clock):
    room.load(make_events(5))
    model = make_model(room, bus, clock)
    seen: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=None: seen.append((a.row(), a.column(), b.row(), b.column())))
    model.tick()
    assert seen == [(0, COL_COUNTDOWN, 4, COL_COUNTDOWN)]


def test_tick_timer_runs(qtbot, room, bus, clock):
    room.load(make_events(3))
    model = make_model(room, bus, clock, tick_ms=20)
    with qtbot.waitSignal(model.dataChanged, timeout=2000) as blocker:
        pass
    top_left = blocker.args[0]
    assert top_left.column() == COL_COUNTDOWN


def test_urgent_arrivals_are_signalled(qtbot, room, bus, clock):
    model = make_model(room, bus, clock)
    with qtbot.waitSignal(model.urgentArrived, timeout=2000) as blocker:
        room.upsert([make_event(1, level=Level.GENERAL), make_event(2, level=Level.CRITICAL)])
    assert blocker.args == ["ev-000002"]


def test_events_loaded_at_start_up_are_rows_but_not_urgent_arrivals(qtbot, room, bus, clock):
    """Start-up pages of stored events fill the queue without flashing or sounding for old events."""
    model = make_model(room, bus, clock)
    urgent: list[str] = []
    model.urgentArrived.connect(urgent.append)
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.load([make_event(1, level=Level.CRITICAL), make_event(2, level=Level.MAJOR)])
    assert sorted(ids(model)) == ["ev-000001", "ev-000002"]
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.load([make_event(3, level=Level.CRITICAL)])
        room.upsert([make_event(4, level=Level.CRITICAL)])  # a real arrival in the same flush
    assert model.rowCount() == 4
    assert urgent == ["ev-000004"]


def test_start_up_pages_take_their_sorted_place(qtbot, qtmodeltester, room, bus, clock):
    """Pages come newest first: under the default order each page goes below the rows shown; under
    another order its rows are merged in place (arrivals still go on top as they come)."""
    model = make_model(room, bus, clock)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.load(make_events(10))  # the newest
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.load(make_events(20, start=10))  # older
    assert ids(model) == [f"ev-{i:06d}" for i in range(30)]  # newest on top, nothing out of place
    model.sort(COL_LEVEL, Qt.SortOrder.DescendingOrder)
    with qtbot.waitSignal(model.flushed, timeout=2000):
        room.load(make_events(30, start=30))
    merged = ids(model)
    model.sort(COL_LEVEL, Qt.SortOrder.DescendingOrder)
    assert merged == ids(model)
    assert model.data(model.index(0, COL_LEVEL), LevelRole) == Level.CRITICAL
    qtmodeltester.check(model)


def test_index_out_of_range_is_invalid(qtbot, room, bus, clock):
    model = make_model(room, bus, clock)
    assert not model.index(0, 0).isValid()
    assert model.rowCount(QModelIndex()) == 0
    assert model.event_at(3) is None
    assert model.row_of("nope") == -1


def test_age_text_and_shanghai_independent_display(qtbot, room, bus, clock):
    room.load([make_event(0, received_at=T0 - timedelta(minutes=3))])
    model = make_model(room, bus, clock)
    assert model.data(model.index(0, COL_AGE)) == "3分钟"
    tip = model.data(model.index(0, COL_AGE), Qt.ItemDataRole.ToolTipRole)
    assert tip == "接收于 2026-11-22 09:57:00"  # 01:57 UTC shown in Asia/Shanghai


def test_a_delegate_gets_every_role_of_a_cell_in_one_call_with_the_same_values(qtbot, room, bus, clock):
    """multiData (what item delegates call when painting) answers exactly like data()."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    room.load(make_events(5) + [make_event(9, level=Level.CRITICAL)])
    model = make_model(room, bus, clock)
    roles = [int(r) for r in Qt.ItemDataRole if r < Qt.ItemDataRole.UserRole] + [EventIdRole, LevelRole,
                                                                               CountdownRole, OverdueRole]
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            for role in roles:
                rd = QModelRoleData(role)
                model.multiData(index, QModelRoleDataSpan(rd))
                assert rd.data() == model.data(index, role), (row, col, role)


def test_flashing_rows_get_the_flash_background(qtbot, room, bus, clock):
    from console.qtmodels.queue_cells import FLASH_COLOR

    room.load(make_events(4))
    model = make_model(room, bus, clock)
    row = model.row_of("ev-000002")
    background = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index(row, COL_TITLE), background) is None
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_flash(["ev-000002"])
    assert blocker.args[2] == [background]
    assert blocker.args[0].row() == blocker.args[1].row() == row  # only the blinking row is repainted
    assert model.data(model.index(row, COL_TITLE), background) == FLASH_COLOR
    assert model.data(model.index(row - 1 if row else row + 1, COL_TITLE), background) is None
    with qtbot.assertNotEmitted(model.dataChanged):
        model.set_flash(["ev-000002"])  # unchanged
    model.set_flash(["ev-000002"], on=False)  # the blink's off phase
    assert model.data(model.index(row, COL_TITLE), background) is None


def test_counts_follow_a_stream_of_flushes_and_end_on_the_last_figures(qtbot, room, bus, clock):
    model = make_model(room, bus, clock)
    counts: list[tuple[int, int]] = []
    model.countsChanged.connect(lambda visible, live: counts.append((visible, live)))
    for k in range(3):
        with qtbot.waitSignal(model.flushed, timeout=2000):
            room.upsert([make_event(100 + k)])
    assert counts[0] == (1, 1)  # the first change shows at once
    qtbot.waitUntil(lambda: counts[-1] == (3, 3), timeout=2000)  # ...and the last one follows
    assert len(counts) <= 3


def test_exercise_events_are_tagged_in_the_queue(qtmodeltester, room, bus, clock):
    room.load([make_event(1, extra={"exercise": True}), make_event(2)])
    model = make_model(room, bus, clock)
    qtmodeltester.check(model)
    titles = {model.data(model.index(r, 0), EventIdRole): model.data(model.index(r, COL_TITLE), Display)
              for r in range(model.rowCount())}
    assert titles["ev-000001"].startswith("【演练】")
    assert not titles["ev-000002"].startswith("【演练】")
