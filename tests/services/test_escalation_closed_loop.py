"""Closed loop: feedback, verification, reopen, suspension — every step logged and persisted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from console.domain.event import State
from console.domain.ingest import StatusUpdate
from console.domain.sla import Stage
from console.services.closed_loop import LoopError
from tests.services.test_sla_support import T0, Rig


def st(eid: str, state: State, r: Rig, note: str | None = None, seq: int = 1) -> StatusUpdate:
    return StatusUpdate(seq, eid, state, "dept.sanitation", r.clock.now(), note)


def test_full_loop_with_failed_verification() -> None:
    r = Rig(auto=False)
    r.add("e1")
    r.clock.advance(20)
    ev = r.loop.dispatch("e1", ["dept.sanitation"], "officer-wang", "请清运")
    assert ev.state is State.DISPATCHED
    assert ev.dispatched_at == T0 + timedelta(seconds=20)
    assert ev.deadline_at == T0 + timedelta(seconds=20, minutes=30)  # sign-for deadline stamped
    for state in (State.ACCEPTED, State.ON_SCENE):
        r.clock.advance(300)
        r.loop.apply_feedback(st("e1", state, r))
    r.clock.advance(300)
    ev = r.loop.apply_feedback(st("e1", State.RESOLVED, r, "已清运"), photo="demo://after.jpg")
    assert ev.extra["resolution_photo"] == "demo://after.jpg"
    assert r.sla.deadline_of("e1").kind is Stage.CLOSE
    ev = r.loop.verify("e1", False, "officer-wang", "现场仍有垃圾")
    assert ev.state is State.DISPATCHED
    assert ev.resolved_at is None
    assert r.sla.deadline_of("e1").at == r.clock.now() + timedelta(minutes=30)  # sign clock restarted
    r.loop.apply_feedback(st("e1", State.RESOLVED, r, "二次清运"))
    ev = r.loop.verify("e1", True, "officer-wang", "核查通过")
    assert ev.state is State.CLOSED
    assert r.room.get("e1") is None
    transitions = [(a.from_state, a.to_state, a.actor, a.seat) for a in r.actions("transition")]
    assert transitions == [
        (State.NEW, State.DISPATCHED, "officer-wang", "seat-1"),
        (State.DISPATCHED, State.ACCEPTED, "dept.sanitation", None),
        (State.ACCEPTED, State.ON_SCENE, "dept.sanitation", None),
        (State.ON_SCENE, State.RESOLVED, "dept.sanitation", None),
        (State.RESOLVED, State.DISPATCHED, "officer-wang", "seat-1"),
        (State.DISPATCHED, State.RESOLVED, "dept.sanitation", None),
        (State.RESOLVED, State.VERIFIED, "officer-wang", "seat-1"),
        (State.VERIFIED, State.CLOSED, "officer-wang", "seat-1"),
    ]
    assert r.store.events.rows[-1].state is State.CLOSED
    # reopen a closed event: back in the room, dispatch clock running again
    ev = r.loop.reopen(ev, "leader-zhao", "群众再次反映")
    assert ev.state is State.REOPENED
    assert ev.closed_at is None
    assert r.room.get("e1") is not None
    assert r.sla.deadline_of("e1").kind is Stage.DISPATCH


def test_commands_sent_when_wired() -> None:
    r = Rig(auto=False)
    sent: list[dict] = []
    r.loop._send = lambda action, event_id, payload: sent.append(
        {"type": "command", "action": action, "event_id": event_id, "payload": payload})
    r.add("e1")
    r.loop.dispatch("e1", ["dept.sanitation"], "officer-wang", "请清运")
    r.loop.apply_feedback(st("e1", State.RESOLVED, r))
    r.loop.verify("e1", True, "officer-wang")
    assert [(c["type"], c["action"], c["event_id"]) for c in sent] == [
        ("command", "dispatch", "e1"), ("command", "close", "e1")]
    assert sent[0]["payload"]["assignees"] == ["dept.sanitation"]
    assert sent[0]["payload"]["department_id"] == "dept.sanitation"


def test_returned_goes_back_to_triage_with_reason() -> None:
    r = Rig(auto=False)
    r.add("e1")
    r.loop.dispatch("e1", ["dept.housing"], "officer-wang")
    r.clock.advance(90)
    ev = r.loop.apply_feedback(st("e1", State.RETURNED, r, "非本单位职责"))
    assert ev.state is State.RETURNED
    assert ev.assignees == []
    assert ev.extra["returned_reason"] == "非本单位职责"
    dl = r.sla.deadline_of("e1")
    assert (dl.kind, dl.at) == (Stage.DISPATCH, r.clock.now() + timedelta(seconds=60))
    assert r.loop.apply_feedback(st("e1", State.ON_SCENE, r)) is None  # stale feedback ignored
    assert r.loop.apply_feedback(st("nope", State.ACCEPTED, r)) is None
    with pytest.raises(LoopError):
        r.loop.apply_feedback(st("e1", State.CLOSED, r))


def test_suspension_stops_and_moves_the_clock() -> None:
    r = Rig(auto=False)
    r.add("e1")
    r.loop.dispatch("e1", ["dept.sanitation"], "officer-wang")
    r.clock.advance(600)  # 10 min into the 30 min sign-for limit
    with pytest.raises(LoopError):
        r.loop.suspend("e1", r.clock.now() + timedelta(hours=2), "", "no approver")
    ev = r.loop.suspend("e1", r.clock.now() + timedelta(hours=2), "leader-zhao", "等待业主配合", "officer-wang")
    assert ev.state is State.SUSPENDED
    assert ev.deadline_at is None
    assert r.sla.deadline_of("e1") is None
    r.clock.advance(timedelta(hours=1))
    assert r.rec.seen == []  # nothing fires while suspended
    ev = r.loop.resume("e1", "officer-wang", "业主已联系")
    assert ev.state is State.DISPATCHED
    # 20 min of the limit remain after the hour-long pause
    assert r.sla.deadline_of("e1").at == r.clock.now() + timedelta(minutes=20)
    act = r.actions("transition")[-1]
    assert act.data["paused_s"] == 3600
    with pytest.raises(LoopError):
        r.loop.resume("e1", "officer-wang")


def test_errors_are_loop_errors() -> None:
    r = Rig(auto=False)
    r.add("e1")
    with pytest.raises(LoopError):
        r.loop.verify("e1", True, "o")
    with pytest.raises(LoopError):
        r.loop.dispatch("e1", [], "o")
    with pytest.raises(LoopError):
        r.loop.reopen("e1", "o", "x")
    with pytest.raises(LoopError):
        r.loop.current("missing")
