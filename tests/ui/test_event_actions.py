"""EventActions: buttons follow the lifecycle; each step runs the real services through run_task."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from console.domain.event import State
from console.views.event_actions import ACTIONS, EventActions, NoteDialog, SuspendDialog, WhistleDialog
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


def test_top_tier_cannot_escalate_and_tooltips_show_shortcuts(qtbot, rig: Rig) -> None:
    w = make_actions(qtbot, rig)
    w.set_event(rig.event(extra={"tier": "district"}))
    assert "escalate" not in w.enabled_actions()
    tips = {n: w.buttons[n].toolTip() for n in ("escalate", "supervise", "whistle", "verify_pass")}
    assert tips == {"escalate": "一键上报 (Ctrl+U)", "supervise": "督办 (Ctrl+S)", "whistle": "吹哨 (Ctrl+W)",
                    "verify_pass": "核查通过 (Ctrl+P)"}


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
