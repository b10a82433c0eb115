"""EventActions: buttons follow the lifecycle; each step runs the real services through run_task."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from console.domain.event import State
from console.qtmodels.selection import EventSelection
from console.views.event_actions import (
    ACTIONS,
    EventActions,
    NoteDialog,
    SuspendDialog,
    WhistleDialog,
    available_actions,
    disabled_reasons,
)
from tests.ui.service_rig import DISTRICT, T0, ServiceRig


class Rig(ServiceRig):
    pass


@pytest.fixture
def rig() -> Rig:
    return Rig()


def make_actions(qtbot, rig: Rig) -> EventActions:
    w = EventActions(rig.esc, rig.decisions, DISTRICT, rig.run_task, officer="officer-li")
    qtbot.addWidget(w)
    return w


@pytest.mark.parametrize(
    ("state", "assignees", "expected"),
    [
        (State.NEW, [], {"escalate", "whistle"}),
        (State.FILED, [], {"escalate", "whistle", "suspend"}),
        (State.DISPATCHED, ["dept.sanitation"], {"escalate", "supervise", "whistle", "suspend"}),
        (State.ON_SCENE, ["dept.sanitation"], {"escalate", "supervise", "whistle", "suspend"}),
        (State.RESOLVED, ["dept.sanitation"], {"verify_pass", "verify_fail", "reopen"}),
        (State.SUSPENDED, ["dept.sanitation"], {"escalate", "resume"}),
        (State.CLOSED, [], {"reopen"}),
    ],
)
def test_buttons_enabled_per_state(qtbot, rig: Rig, state, assignees, expected) -> None:
    w = make_actions(qtbot, rig)
    assert w.enabled_actions() == set()
    w.set_event(rig.event(state=state, assignees=assignees))
    assert w.enabled_actions() == expected
    assert {n for n in ACTIONS if w.buttons[n].isEnabled()} == expected
    w.set_event(None)
    assert w.enabled_actions() == set()


def test_top_tier_cannot_escalate_and_tooltips_show_shortcuts_and_why_not(qtbot, rig: Rig) -> None:
    w = make_actions(qtbot, rig)
    assert w.buttons["reopen"].toolTip() == "重新打开 (Ctrl+Shift+O)\n未选择事件"
    w.set_event(rig.event(extra={"tier": "district"}))
    assert "escalate" not in w.enabled_actions()
    tips = {n: w.buttons[n].toolTip() for n in ("escalate", "supervise", "whistle", "verify_pass", "resume")}
    assert tips == {
        "escalate": "一键上报 (Ctrl+U)\n已在最高层级（区），无法继续上报",
        "supervise": "督办 (Ctrl+S)\n仅已派遣、已签收或到场处置的事件可以督办",
        "whistle": "吹哨 (Ctrl+W)",  # enabled: the shortcut only
        "verify_pass": "核查通过 (Ctrl+P)\n仅已处置（待核查）的事件可以核查",
        "resume": "恢复 (Ctrl+Shift+R)\n仅延期（挂起）中的事件可以恢复",
    }
    w.set_event(rig.event("e2", state=State.CLOSED))
    assert w.buttons["whistle"].toolTip() == "吹哨 (Ctrl+W)\n事件当前为“已结案”，不能吹哨"
    assert w.buttons["reopen"].toolTip() == "重新打开 (Ctrl+Shift+O)"


def test_every_disabled_step_says_why(rig: Rig) -> None:
    for state in State:
        ev = rig.event(f"e-{state.value}", state=state, assignees=["dept.sanitation"])
        allowed = available_actions(ev)
        reasons = disabled_reasons(ev)
        assert set(reasons) == {n for n in ACTIONS if not allowed[n]}, state
        assert all(reasons.values())


async def test_verify_pass_closes_the_event_in_a_real_store(qtbot) -> None:
    rig = Rig()
    store = rig.store
    try:
        ev = rig.event(state=State.RESOLVED, assignees=["dept.sanitation"], resolved_at=T0)
        w = make_actions(qtbot, rig)
        w.set_event(ev)
        with qtbot.waitSignal(w.done) as blocker:
            qtbot.mouseClick(w.buttons["verify_pass"], Qt.MouseButton.LeftButton)
            await rig.tasks[-1]
        assert blocker.args == ["e1", "verify_pass"]
        assert rig.room.get("e1") is None  # closed events leave the room
        stored = store.events.get("e1")
        assert stored.state is State.CLOSED
        assert stored.closed_at == T0
        steps = [(a.from_state, a.to_state, a.actor) for a in store.actions.for_event("e1") if a.kind == "transition"]
        assert steps == [(State.RESOLVED, State.VERIFIED, "officer-li"), (State.VERIFIED, State.CLOSED, "officer-li")]
        assert w.current.state is State.CLOSED
        assert w.enabled_actions() == {"reopen"}
        assert "已完成" in w.message.text()
        assert rig.commands[-1][:2] == ("close", "e1")
    finally:
        store.close()


async def test_verify_fail_needs_a_note_and_goes_back_to_the_department(qtbot, rig: Rig) -> None:
    w = make_actions(qtbot, rig)
    w.set_event(rig.event(state=State.RESOLVED, assignees=["dept.sanitation"]))
    qtbot.mouseClick(w.buttons["verify_fail"], Qt.MouseButton.LeftButton)
    dialog = w.dialog
    assert isinstance(dialog, NoteDialog)
    dialog.accept()  # empty note: refused, the dialog stays
    assert dialog.isVisible()
    assert dialog.problem.text() == "请填写说明"
    dialog.note.setPlainText("现场仍有垃圾")
    with qtbot.waitSignal(w.done):
        dialog.accept()
        await rig.tasks[-1]
    assert rig.room.get("e1").state is State.DISPATCHED
    assert w.enabled_actions() == {"escalate", "supervise", "whistle", "suspend"}


async def test_escalate_supervise_and_whistle_call_the_service(qtbot, rig: Rig) -> None:
    w = make_actions(qtbot, rig)
    w.set_event(rig.event())
    qtbot.mouseClick(w.buttons["escalate"], Qt.MouseButton.LeftButton)
    w.dialog.note.setPlainText("群众反映强烈")
    with qtbot.waitSignal(w.done):
        w.dialog.accept()
        await rig.tasks[-1]
    assert rig.room.get("e1").state is State.ESCALATED
    assert rig.room.get("e1").extra["tier"] == "street"
    assert rig.commands[-1][0] == "escalate"
    assert "街道" in w.header.text()

    rig.dispatch("e1", ["dept.sanitation"])
    assert "supervise" in w.enabled_actions()  # follows the room's events_changed
    w.actions_by_name["supervise"].trigger()
    w.dialog.note.setPlainText("请今日内处置")
    with qtbot.waitSignal(w.done):
        w.dialog.accept()
        await rig.tasks[-1]
    assert rig.room.get("e1").supervised
    assert rig.commands[-1][:2] == ("remind", "e1")

    qtbot.mouseClick(w.buttons["whistle"], Qt.MouseButton.LeftButton)
    dialog = w.dialog
    assert isinstance(dialog, WhistleDialog)
    dialog.accept()
    assert dialog.problem.text() == "至少选择一个部门"
    dialog.set_checked(["dept.housing", "dept.police"])
    dialog.note.setPlainText("多部门联合处置")
    with qtbot.waitSignal(w.done):
        dialog.accept()
        await rig.tasks[-1]
    (whistle,) = rig.esc.whistles.values()
    assert set(whistle.summons) == {"dept.housing", "dept.police"}
    assert whistle.note == "多部门联合处置"
    assert whistle.officer == "officer-li"


async def test_suspend_shows_the_service_error_then_resume(qtbot, rig: Rig) -> None:
    w = make_actions(qtbot, rig)
    w.set_event(rig.event(state=State.DISPATCHED, assignees=["dept.sanitation"]))
    qtbot.mouseClick(w.buttons["suspend"], Qt.MouseButton.LeftButton)
    dialog = w.dialog
    assert isinstance(dialog, SuspendDialog)
    dialog.accept()
    assert dialog.problem.text() == "延期须填写批准人"
    dialog.approver.setText("leader-zhao")
    dialog.reason.setText("等待产权单位答复")
    dialog.set_until(T0 - timedelta(hours=1))  # in the past: the decision is refused
    with qtbot.waitSignal(w.failed) as blocker:
        dialog.accept()
        await asyncio.gather(*rig.tasks, return_exceptions=True)
    assert blocker.args == ["延期截止时间必须晚于现在"]
    assert "延期截止时间必须晚于现在" in w.message.text()
    assert rig.room.get("e1").state is State.DISPATCHED
    assert "suspend" in w.enabled_actions()  # not stuck busy

    qtbot.mouseClick(w.buttons["suspend"], Qt.MouseButton.LeftButton)
    w.dialog.approver.setText("leader-zhao")
    w.dialog.reason.setText("等待产权单位答复")
    w.dialog.set_until(T0 + timedelta(days=2))
    with qtbot.waitSignal(w.done):
        w.dialog.accept()
        await rig.tasks[-1]
    ev = rig.room.get("e1")
    assert ev.state is State.SUSPENDED
    assert ev.extra["suspension"]["approved_by"] == "leader-zhao"
    assert ev.extra["suspension"]["until"] == (T0 + timedelta(days=2)).isoformat()
    assert w.enabled_actions() == {"escalate", "resume"}
    rig.clock.advance(3600)
    with qtbot.waitSignal(w.done):
        qtbot.mouseClick(w.buttons["resume"], Qt.MouseButton.LeftButton)
        await rig.tasks[-1]
    assert rig.room.get("e1").state is State.DISPATCHED


async def test_reopen_a_closed_event(qtbot, rig: Rig) -> None:
    w = make_actions(qtbot, rig)
    rig.event(state=State.RESOLVED)
    closed = rig.verify("e1", True)
    w.set_event(closed)
    qtbot.mouseClick(w.buttons["reopen"], Qt.MouseButton.LeftButton)
    w.dialog.note.setPlainText("群众再次反映")
    with qtbot.waitSignal(w.done):
        w.dialog.accept()
        await rig.tasks[-1]
    assert rig.room.get("e1").state is State.REOPENED
    assert w.current.state is State.REOPENED


def test_event_closed_at_another_seat_disables_every_step(qtbot, rig: Rig) -> None:
    w = make_actions(qtbot, rig)
    w.set_event(rig.event(state=State.RESOLVED))
    assert "verify_pass" in w.enabled_actions()
    rig.verify("e1", True)  # someone else closes it
    assert w.enabled_actions() == set()
    assert "已离开实时队列" in w.header.text()
    w.set_event(rig.room.get("e1"))  # None: nothing selected
    assert w.header.text() == "未选择事件"


def test_whistle_dialog_needs_a_reason_and_a_click_on_a_name_ticks_it(qtbot) -> None:
    dialog = WhistleDialog(DISTRICT)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.departments
    names = [view.item(i).text() for i in range(view.count())]
    housing = view.item(names.index("住建办"))
    rect = view.visualItemRect(housing)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # on the name
    assert dialog.checked() == ["dept.housing"]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.checked() == []
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    justice = view.visualItemRect(view.item(names.index("司法所")))
    box = justice.topLeft() + QPoint(10, justice.height() // 2)  # on the check box itself: one toggle
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert set(dialog.checked()) == {"dept.housing", "dept.justice"}
    dialog.accept()  # no reason given: refused
    assert dialog.isVisible()
    assert dialog.problem.text() == "请填写吹哨事由"
    dialog.note.setPlainText("   ")
    dialog.accept()
    assert dialog.problem.text() == "请填写吹哨事由"
    dialog.note.setPlainText("违建纠纷需联合处置")
    dialog.accept()
    assert not dialog.isVisible()


async def test_the_bar_acts_on_the_selection_at_the_click(qtbot, rig: Rig) -> None:
    selection = EventSelection(rig.room, rig.bus)
    w = EventActions(rig.esc, rig.decisions, DISTRICT, rig.run_task, officer="officer-li", selection=selection)
    qtbot.addWidget(w)
    rig.event("a", state=State.RESOLVED, assignees=["dept.sanitation"])
    rig.event("b", state=State.RESOLVED, assignees=["dept.sanitation"])
    selection.select_id("a")
    assert "暴露垃圾 · 已处置" in w.header.text()
    qtbot.mouseClick(w.buttons["verify_fail"], Qt.MouseButton.LeftButton)  # the dialog is for "a"
    dialog = w.dialog
    assert dialog.windowTitle() == "核查不通过 · 暴露垃圾"
    selection.select_id("b")  # the selection moves while the dialog is open
    dialog.note.setPlainText("仍未清理")
    with qtbot.waitSignal(w.failed) as blocker:
        dialog.accept()
    assert blocker.args == ["所选事件已变化，操作未执行，请重新操作"]
    assert not rig.tasks
    assert rig.room.get("a").state is State.RESOLVED
    assert rig.room.get("b").state is State.RESOLVED
    with qtbot.waitSignal(w.outcome) as blocker:
        qtbot.mouseClick(w.buttons["verify_pass"], Qt.MouseButton.LeftButton)  # acts on "b", the selection now
        await rig.tasks[-1]
    assert blocker.args[:2] == ["b", "verify_pass"]
    assert rig.room.get("a").state is State.RESOLVED
    assert rig.room.get("b") is None  # closed: it left the room ...
    assert selection.event_id == "b"  # ... and stays selected, shown as closed
    assert selection.event.state is State.CLOSED
    assert not selection.is_live
    assert w.enabled_actions() == {"reopen"}
    assert "已结案" in w.header.text()
