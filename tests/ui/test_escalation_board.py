"""Escalation board: 超期/临期 events, 吹哨报到 whistles, 一键下达 broadcasts and the roll-call dialog."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from console.domain.district import load_district
from console.domain.escalation import Tier
from console.domain.event import Event, Source, State
from console.qtmodels.broadcast_model import BroadcastModel, RollCallModel
from console.qtmodels.escalation_model import (
    COL_STAGE,
    COL_SUPERVISED,
    COL_TIME,
    COL_TITLE,
    RED,
    EscalationModel,
    breach_text,
)
from console.qtmodels.roles import EventIdRole, OverdueRole
from console.views.broadcast_dialog import BroadcastDialog
from console.views.escalation_board import EscalationBoard, WhistleModel
from console.widgets.kpi_tile import KpiStrip
from tests.ui.service_rig import ServiceRig

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 09:00 in Asia/Shanghai
DISTRICT = load_district("resources/demo")
MICRO = DISTRICT.grids_at_level(4)[0].id


class Rig(ServiceRig):
    """Real bus, room, SLA clock (on a FakeClock), decision path and escalation service."""

    def __init__(self) -> None:
        super().__init__(start_clock=True)
        self.decisions.inline = True  # the board test drives the services from the test itself

    def add(self, eid: str, title: str = "暴露垃圾", **kw) -> Event:
        return self.event(eid, title=title, **kw)


@pytest.fixture
def rig() -> Rig:
    return Rig()


def make_board(qtbot, rig: Rig) -> EscalationBoard:
    board = EscalationBoard(rig.room, rig.bus, rig.sla, rig.esc, district=DISTRICT, flush_ms=0, tick_ms=0)
    qtbot.addWidget(board)
    return board


def test_breach_on_the_bus_puts_the_event_on_top_as_overdue(qtbot, qtmodeltester, rig: Rig) -> None:
    rig.add("slow")
    rig.dispatch("slow", ["dept.sanitation"])  # sign-for within 30 min, warned at 24 min
    board = make_board(qtbot, rig)
    model = board.events_model
    qtmodeltester.check(model)
    assert model.rowCount() == 0  # nothing at risk yet
    with qtbot.waitSignal(model.flushed):
        rig.clock.advance(timedelta(minutes=25))  # the SLA clock publishes sla_warning
    assert model.event_ids() == ["slow"]
    assert model.index(0, COL_TIME).data() == breach_text(300) == "剩余 5分钟"
    assert model.index(0, COL_TIME).data(Qt.ItemDataRole.ForegroundRole).name() == "#f0a020"
    rig.add("fresh", title="占道经营")  # dispatch deadline 60 s from now
    with qtbot.waitSignal(model.flushed):
        rig.clock.advance(62)  # sla_breach for "fresh"
    assert model.event_ids() == ["fresh", "slow"]
    top = model.index(0, COL_TIME)
    assert top.data() == "超期 2秒"
    assert top.data(Qt.ItemDataRole.ForegroundRole) == RED
    assert top.data(OverdueRole) is True
    assert model.index(0, COL_TITLE).data() == "占道经营"
    assert model.index(0, COL_STAGE).data() == "派遣"
    assert model.index(0, 0).data() == "微网格"
    assert board.tabs.tabText(0) == "超期/临期 (2)"
    qtmodeltester.check(model)


def test_tick_updates_only_the_time_column_and_sorting_is_in_python(qtbot, rig: Rig) -> None:
    for i in range(3):
        rig.add(f"e{i}")
        rig.clock.advance(10)
    rig.clock.advance(60)
    model = EscalationModel(rig.room, rig.bus, rig.sla, district=DISTRICT, flush_ms=0, tick_ms=0)
    assert model.event_ids() == ["e0", "e1", "e2"]  # most overdue first
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.tick()
    first, last = blocker.args[0], blocker.args[1]
    assert (first.row(), first.column(), last.row(), last.column()) == (0, COL_TIME, 2, COL_TIME)
    with qtbot.waitSignal(model.layoutChanged):
        model.sort(COL_TIME, Qt.SortOrder.DescendingOrder)
    assert model.event_ids() == ["e2", "e1", "e0"]
    model.sort(COL_TIME, Qt.SortOrder.AscendingOrder)
    assert model.event_ids() == ["e0", "e1", "e2"]


def test_supervise_escalate_remove_and_tier_filter(qtbot, qtmodeltester, rig: Rig) -> None:
    rig.add("a")
    rig.add("b")
    rig.clock.advance(61)
    board = make_board(qtbot, rig)
    model = board.events_model
    assert set(model.event_ids()) == {"a", "b"}
    rig.dispatch("a", ["dept.sanitation"])
    with qtbot.waitSignal(model.flushed):
        rig.clock.advance(timedelta(minutes=31))  # sign-for breached
    with qtbot.waitSignal(model.flushed):
        rig.now(rig.esc.supervise("a", "请立即签收", "leader"))
    row = model.event_ids().index("a")
    assert model.index(row, COL_SUPERVISED).data() == "督办"
    with qtbot.waitSignal(model.flushed):
        rig.now(rig.esc.escalate("b", "群众反映强烈"))  # to the street; its dispatch clock restarts
    assert "b" not in model.event_ids()
    with qtbot.waitSignal(model.flushed):
        rig.clock.advance(61)
    assert model.index(model.event_ids().index("b"), 0).data() == "街道"
    board.tier_filter.setCurrentIndex(board.tier_filter.findData(Tier.STREET.value))
    assert model.event_ids() == ["b"]
    qtmodeltester.check(model)
    board.tier_filter.setCurrentIndex(0)
    with qtbot.waitSignal(model.flushed):
        rig.room.upsert([rig.room.get("b").copy(state=State.REJECTED)])
    assert model.event_ids() == ["a"]


def test_double_click_emits_event_activated(qtbot, rig: Rig) -> None:
    rig.add("e1")
    rig.clock.advance(61)
    board = make_board(qtbot, rig)
    board.show()
    qtbot.waitExposed(board)
    view = board.events_view
    rect = view.visualRect(board.events_model.index(0, COL_TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(board.eventActivated) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["e1"]


def test_whistle_checked_in_and_red_with_response_rate(qtbot, qtmodeltester, rig: Rig) -> None:
    rig.add("e1", title="物业纠纷")
    board = make_board(qtbot, rig)
    model: WhistleModel = board.whistle_model
    with qtbot.waitSignal(model.flushed):
        w = rig.now(rig.esc.whistle("e1", ["dept.housing", "dept.justice"], "联合处置"))
    parent = model.index(0, 0)
    assert model.rowCount(parent) == 2
    assert model.index(0, 1, parent).data() == "待报到（剩余 30分钟）"
    rig.clock.advance(timedelta(minutes=10))
    rig.esc.check_in(w.id, "dept.housing")
    rig.clock.advance(timedelta(minutes=21))  # past the 30 min check-in deadline
    rig.esc.check_whistle(w.id)
    housing, justice = model.index(0, 1, parent), model.index(1, 1, parent)
    assert model.index(0, 0, parent).data() == "住建办"
    assert housing.data() == "09:10:00"
    assert housing.data(Qt.ItemDataRole.ForegroundRole) is None
    assert justice.data() == "未报到"
    assert justice.data(Qt.ItemDataRole.ForegroundRole) == RED
    assert model.index(0, 3).data() == "50%"
    assert model.index(0, 1).data() == "1/2 已报到 · 时限 09:30:00"
    assert model.parent(justice) == parent
    assert model.index(0, 1, parent).data(EventIdRole) == "e1"
    assert board.tabs.tabText(1) == "吹哨报到 (1)"
    qtmodeltester.check(model)
    rig.room.upsert([rig.room.get("e1").copy(state=State.REJECTED)])  # the event leaves the room
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_broadcast_model_counts_and_drops_when_everyone_answered(qtbot, qtmodeltester, rig: Rig) -> None:
    b = rig.esc.broadcast("防汛预警", ["yg-b01", "yg-b02"], "commander")
    model = BroadcastModel(rig.esc.broadcasts.values(), rig.bus, district=DISTRICT, clock=rig.clock.now)
    assert model.index(0, 2).data() == "0/2"
    rig.esc.acknowledge(b.id, "yg-b01")
    assert model.index(0, 2).data() == "1/2"
    assert model.index(0, 3).data() == DISTRICT.grid("yg-b02").name
    qtmodeltester.check(model)
    rig.clock.advance(timedelta(minutes=16))
    assert model.index(0, 4).data() == "已超时"
    with qtbot.waitSignal(model.rowsRemoved):
        rig.esc.acknowledge(b.id, "yg-b02")
    assert model.rowCount() == 0


async def test_broadcast_dialog_roll_call_and_resend(qtbot, qtmodeltester, rig: Rig) -> None:
    tasks: list[asyncio.Future] = []

    def run_task(coro):
        fut = asyncio.ensure_future(coro)
        tasks.append(fut)
        return fut

    board = make_board(qtbot, rig)
    dialog = BroadcastDialog(rig.esc, DISTRICT, run_task, officer="commander")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.send_btn, Qt.MouseButton.LeftButton)  # no instruction yet
    assert "请填写指令内容" in dialog.message.text()
    dialog.instruction.setPlainText("台风红色预警：立即转移低洼地带人员")
    dialog.set_checked(["yg-b01", "yg-b02", "yg-c01-m01"])
    assert set(dialog.targets()) >= {"yg-b01", "yg-b02", "yg-c01-m01"}
    chosen = dialog.targets()
    with qtbot.waitSignal(dialog.sent):
        qtbot.mouseClick(dialog.send_btn, Qt.MouseButton.LeftButton)
        await tasks[-1]
    b = dialog.broadcast
    assert b is not None
    assert list(b.acks) == chosen
    assert rig.commands[-1][0] == "broadcast"
    assert dialog.pages.currentIndex() == 1
    roll: RollCallModel = dialog.roll_model
    qtmodeltester.check(roll)
    rig.esc.acknowledge(b.id, "yg-b01")
    assert f"已回应 1/{len(chosen)}" in dialog.summary.text()
    row = list(b.acks).index("yg-b02")
    assert roll.index(row, 1).data() == "未回应"
    assert roll.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) == RED
    assert roll.index(list(b.acks).index("yg-b01"), 1).data() == "09:00:00"
    assert board.broadcast_model.index(0, 2).data() == f"1/{len(chosen)}"
    with qtbot.waitSignal(dialog.resent) as blocker:
        qtbot.mouseClick(dialog.resend_btn, Qt.MouseButton.LeftButton)
        await tasks[-1]
    silent = [g for g in chosen if g != "yg-b01"]
    assert blocker.args == [b.id, silent]
    action, _event_id, payload = rig.commands[-1]
    assert (action, payload["grid_ids"], payload["resend"]) == ("broadcast", silent, True)
    assert roll.index(row, 2).data() == "2"
    assert "已向" in dialog.message.text()


async def test_broadcast_dialog_shows_the_service_error(qtbot, rig: Rig) -> None:
    tasks: list[asyncio.Future] = []

    def run_task(coro):
        fut = asyncio.ensure_future(coro)
        tasks.append(fut)
        return fut

    dialog = BroadcastDialog(rig.esc, DISTRICT, run_task, officer="commander")
    qtbot.addWidget(dialog)
    dialog.open_broadcast("bc-404")
    assert "没有该下达记录" in dialog.message.text()
    dialog.instruction.setPlainText("注意")
    dialog.some_grids.setChecked(True)
    qtbot.mouseClick(dialog.send_btn, Qt.MouseButton.LeftButton)
    assert "请至少勾选一个网格" in dialog.message.text()
    rig.esc.district = None  # "all grids" needs the district: the service refuses
    dialog.all_grids.setChecked(True)
    with qtbot.waitSignal(dialog.failed) as blocker:
        qtbot.mouseClick(dialog.send_btn, Qt.MouseButton.LeftButton)
        await asyncio.gather(*tasks, return_exceptions=True)
    assert blocker.args == ["broadcast to all grids needs the district"]
    assert dialog.pages.currentIndex() == 0


def test_kpi_strip_shows_big_figures_with_targets(qtbot) -> None:
    strip = KpiStrip()
    qtbot.addWidget(strip)
    assert [t.spec.title for t in strip.tiles.values()] == [
        "办结率", "按时办结率", "现场处置率", "平均处置时长", "派遣p90", "60秒内派遣率", "部门响应率", "巡查覆盖率"]
    strip.set_figures({"closure_rate": 0.9083, "avg_handling_min": 79.2, "dispatch_p90_s": 75.0,
                       "dept_response_rate": 0.99, "dispatch_within_60s_rate": None,
                       "patrol_coverage_rate": 0.625})
    assert strip.tile("patrol_coverage_rate").text() == "62.5%"
    assert strip.tile("closure_rate").text() == "90.8%"
    assert strip.tile("avg_handling_min").text() == "1小时19分"
    assert strip.tile("dispatch_p90_s").text() == "1分15秒"
    assert strip.tile("dispatch_p90_s").state() == "bad"  # target: p90 ≤ 60 s
    assert strip.tile("dept_response_rate").text() == "99.0%"
    assert strip.tile("dispatch_within_60s_rate").text() == "—"
    assert strip.tile("on_time_rate").text() == "—"  # absent key
    strip.set_figures({"dispatch_p90_s": 42})
    assert strip.tile("dispatch_p90_s").text() == "42秒"
    assert strip.tile("dispatch_p90_s").state() == "good"
    assert strip.tile("closure_rate").text() == "—"


def _overdue(rig: Rig, eid: str, minutes_ago: float, title: str = "暴露垃圾") -> Event:
    at = rig.clock.now() - timedelta(minutes=minutes_ago)
    return Event(id=eid, source=Source.GRID_APP, category="unclassified", title=title, reported_at=at,
                 received_at=at, grid_id=MICRO)


def test_a_large_batch_is_merged_in_order_and_the_selection_stays(qtbot, qtmodeltester, rig: Rig) -> None:
    rig.room.upsert([_overdue(rig, f"old{i}", 10 + i) for i in range(3)])
    board = make_board(qtbot, rig)
    model, view = board.events_model, board.events_view
    view.setCurrentIndex(model.index(model.event_ids().index("old1"), COL_TITLE))
    with qtbot.waitSignal(model.flushed):
        rig.room.upsert([_overdue(rig, f"new{i:02d}", 5 + 0.5 * i) for i in range(40)])  # one layout change
    assert model.rowCount() == 43
    left = [model.seconds_left(r) for r in range(model.rowCount())]
    assert left == sorted(left)  # most overdue first
    assert view.currentIndex().data(EventIdRole) == "old1"
    assert board.tabs.tabText(0) == "超期/临期 (43)"
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.flushed):
        rig.room.upsert([rig.room.get(f"new{i:02d}").copy(state=State.REJECTED) for i in range(0, 40, 2)])
    assert model.rowCount() == 23
    assert view.currentIndex().data(EventIdRole) == "old1"
    qtmodeltester.check(model)


def test_descending_order_keeps_new_and_moved_rows_in_place(qtbot, qtmodeltester, rig: Rig) -> None:
    rig.room.upsert([_overdue(rig, f"e{i}", 10 + i, title=t) for i, t in enumerate(["乙", "丁", "甲"])])
    board = make_board(qtbot, rig)
    model, view = board.events_model, board.events_view
    with qtbot.waitSignal(model.layoutChanged):
        model.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)

    def titles() -> list[str]:
        return [model.index(r, COL_TITLE).data() for r in range(model.rowCount())]

    assert titles() == sorted(titles(), reverse=True)
    view.setCurrentIndex(model.index(titles().index("丁"), COL_TITLE))
    with qtbot.waitSignal(model.flushed):
        rig.room.upsert([_overdue(rig, "e3", 3, title="丙"), _overdue(rig, "e4", 4, title="戊")])
    assert sorted(titles()) == sorted(["乙", "丁", "甲", "丙", "戊"])
    assert titles() == sorted(titles(), reverse=True)
    with qtbot.waitSignal(model.flushed):
        rig.room.upsert([rig.room.get("e1").copy(title="子")])  # 丁 → 子: the row moves, selected
    assert titles() == sorted(titles(), reverse=True)
    assert view.currentIndex().data(EventIdRole) == "e1"
    assert view.currentIndex().data() == "子"
    qtmodeltester.check(model)
    model.sort(COL_TIME, Qt.SortOrder.AscendingOrder)
    left = [model.seconds_left(r) for r in range(model.rowCount())]
    assert left == sorted(left)


def test_a_breach_for_a_row_already_shown_changes_nothing(qtbot, rig: Rig) -> None:
    rig.room.upsert([_overdue(rig, "late", 10)])
    board = make_board(qtbot, rig)
    model = board.events_model
    assert model.event_ids() == ["late"]
    ev = rig.room.get("late")
    with qtbot.assertNotEmitted(model.dataChanged), qtbot.waitSignal(model.flushed):
        rig.bus.publish("sla_breach", event=ev, deadline=rig.sla.deadline_of("late"))
    assert model.event_ids() == ["late"]
