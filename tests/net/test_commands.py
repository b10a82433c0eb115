"""Hub commands: every builder's command crosses a real websocket to a real hub, which reads it back
with its own decoder (``decode_client_frame`` + ``read_command``) into exactly what was built."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from console.domain.escalation import Tier
from console.domain.event import Level
from console.net import commands
from console.net.client import FeedClient, Status
from console.net.commands import Command, lead_unit, read_command, to_frame
from console.net.hub import KNOWN_ACTIONS, default_command_handler
from console.net.protocol import CommandFrame, FrameError, decode_client_frame, dumps
from tests.net.helpers import TOKEN, Sink, run, running_hub

CST = timezone(timedelta(hours=8))
DUE = datetime(2026, 11, 22, 10, 30, tzinfo=CST)  # sent as UTC
EXPECTED: list[tuple[Command, str | None, dict]] = [
    (commands.dispatch("ev-1", units=["dept.cityenf", "dept.police", "dept.cityenf", ""], instruction="清理占道经营",
                       deadline=DUE, category="city.vending", level=Level.SIGNIFICANT, seat="seat-1",
                       officer="officer-wang"),
     "ev-1",
     {"unit_id": "dept.cityenf", "assignees": ["dept.cityenf", "dept.police"], "instruction": "清理占道经营",
      "deadline": "2026-11-22T02:30:00+00:00", "category": "city.vending", "level": "significant",
      "seat": "seat-1", "officer": "officer-wang"}),
    (commands.close("ev-1", officer="officer-wang", seat="seat-1", note="核查通过"),
     "ev-1", {"officer": "officer-wang", "seat": "seat-1", "note": "核查通过"}),
    (commands.escalate("ev-2", from_tier=Tier.COMMUNITY, to_tier="street", reason="sla_breach:sign", note=None,
                       to_grid="yg-street", officer="system", seat="seat-1",
                       context={"stage": "sign", "deadline": "2026-11-22T02:00:00+00:00"}),
     "ev-2",
     {"from_tier": "community", "to_tier": "street", "reason": "sla_breach:sign", "note": None,
      "to_grid": "yg-street", "officer": "system", "seat": "seat-1",
      "context": {"stage": "sign", "deadline": "2026-11-22T02:00:00+00:00"}}),
    (commands.remind("ev-1", departments=["dept.cityenf"], note="超时督办：签收超时", officer="system", seat=None),
     "ev-1", {"departments": ["dept.cityenf"], "note": "超时督办：签收超时", "officer": "system", "seat": None}),
    (commands.whistle("ev-3", whistle_id="wh-1", departments=["dept.cityenf", "dept.market"], note="联合整治",
                      checkin_by=DUE, officer="officer-wang", seat="seat-1"),
     "ev-3",
     {"whistle_id": "wh-1", "departments": ["dept.cityenf", "dept.market"], "note": "联合整治",
      "checkin_by": "2026-11-22T02:30:00+00:00", "officer": "officer-wang", "seat": "seat-1"}),
    (commands.broadcast(None, broadcast_id="bc-1", instruction="台风红色预警，立即转移低洼住户",
                        grid_ids=["yg-c01", "yg-c02"], ack_by=DUE, resend=False, officer="officer-wang",
                        seat="seat-1"),
     None,
     {"broadcast_id": "bc-1", "instruction": "台风红色预警，立即转移低洼住户", "grid_ids": ["yg-c01", "yg-c02"],
      "ack_by": "2026-11-22T02:30:00+00:00", "resend": False, "officer": "officer-wang", "seat": "seat-1"}),
    (commands.broadcast("ev-4", broadcast_id="bc-1", instruction="再次通知", grid_ids=["yg-c02"], ack_by=None,
                        resend=True, officer="officer-wang", seat="seat-1"),
     "ev-4",
     {"broadcast_id": "bc-1", "instruction": "再次通知", "grid_ids": ["yg-c02"], "ack_by": None, "resend": True,
      "officer": "officer-wang", "seat": "seat-1"}),
    (commands.verify("ev-1", passed=False, note="现场仍有垃圾", officer="officer-wang", seat="seat-1"),
     "ev-1", {"passed": False, "note": "现场仍有垃圾", "officer": "officer-wang", "seat": "seat-1"}),
    (commands.reopen("ev-1", note="群众回访不满意", officer="officer-wang", seat="seat-1"),
     "ev-1", {"note": "群众回访不满意", "officer": "officer-wang", "seat": "seat-1"}),
    (commands.suspend("ev-1", until=DUE, note="延期至施工结束", officer="officer-wang", seat="seat-1"),
     "ev-1", {"until": "2026-11-22T02:30:00+00:00", "note": "延期至施工结束", "officer": "officer-wang",
              "seat": "seat-1"}),
    (commands.resume("ev-1", note=None, officer="officer-wang", seat="seat-1"),
     "ev-1", {"note": None, "officer": "officer-wang", "seat": "seat-1"}),
]


def test_builders_write_the_documented_payloads() -> None:
    assert {c.action for c, _e, _p in EXPECTED} == set(commands.ACTIONS) == KNOWN_ACTIONS
    for cmd, event_id, payload in EXPECTED:
        assert cmd.event_id == event_id
        assert cmd.payload == payload, cmd.action
        assert list(cmd.payload) == list(payload), cmd.action  # the documented order, too
        assert to_frame(cmd, "c-1") == {"type": "command", "command_id": "c-1", "action": cmd.action,
                                        "event_id": event_id, "payload": payload}


def test_every_command_is_read_back_by_a_real_hub(tmp_path) -> None:
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            received: list[CommandFrame] = []

            async def handler(frame: CommandFrame):
                received.append(frame)  # as the hub decoded it (decode_client_frame)
                return await default_command_handler(frame)

            hub.command_handler = handler
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, Sink(), batch_interval=0.01)
            client.start()
            await client.wait_until(lambda s: s.status is Status.CONNECTED, 10)
            for cmd, _e, _p in EXPECTED:
                res = await client.send_command(cmd)
                assert res.ok, (cmd.action, res.error)
            await client.stop()
            return received

    received = run(main())
    assert [f.action for f in received] == [c.action for c, _e, _p in EXPECTED]
    for frame, (cmd, event_id, payload) in zip(received, EXPECTED, strict=True):
        assert frame.event_id == event_id
        assert frame.payload == payload
        assert read_command(frame.action, frame.event_id, frame.payload) == cmd
    dispatch = read_command(received[0].action, received[0].event_id, received[0].payload)
    assert lead_unit(dispatch) == "dept.cityenf"  # the unit the simulator sends to the field


@pytest.mark.parametrize(("action", "event_id", "payload", "error"), [
    # the console's former dispatch shape: no unit the field side reads — refused, no fallback unit
    ("dispatch", "ev-1", {"targets": ["dept.cityenf"], "instruction": "去处理"},
     "dispatch needs a unit: payload.unit_id or payload.assignees[0]"),
    ("dispatch", "ev-1", {"assignees": []}, "dispatch needs a unit"),
    ("dispatch", "ev-1", {"unit_id": 7}, "payload.unit_id: expected a string, got number 7"),
    ("dispatch", "ev-1", {"unit_id": "dept.cityenf", "deadline": "tomorrow"}, "payload.deadline"),
    ("dispatch", "ev-1", {"unit_id": "dept.cityenf", "level": "urgent"}, "payload.level: 'urgent' is not one of"),
    ("dispatch", None, {"unit_id": "dept.cityenf"}, "dispatch needs an event_id"),
    ("escalate", "ev-1", {"to_tier": "province"}, "payload.to_tier: 'province' is not one of"),
    ("whistle", "ev-1", {"whistle_id": "wh-1", "departments": [], "checkin_by": "2026-11-22T02:30:00+00:00"},
     "payload.departments: must not be empty"),
    ("broadcast", None, {"broadcast_id": "bc-1", "grid_ids": ["g1"]}, "payload.instruction: missing"),
    ("remind", "ev-1", {}, "payload.departments: missing"),
    ("verify", "ev-1", {"passed": "yes"}, "payload.passed: expected true or false"),
    ("teleport", "ev-1", {}, "unknown action 'teleport'"),
])
def test_malformed_commands_are_refused_with_a_reason(action, event_id, payload, error) -> None:
    raw = dumps({"type": "command", "command_id": "c-1", "action": action, "event_id": event_id,
                 "payload": payload})
    frame = decode_client_frame(raw)
    assert isinstance(frame, CommandFrame)
    with pytest.raises(FrameError) as err:
        read_command(frame.action, frame.event_id, frame.payload)
    assert error in err.value.reason
    ok, reason = run(default_command_handler(frame))
    assert (ok, reason) == (False, err.value.reason)


def test_unknown_payload_fields_are_kept() -> None:
    cmd = read_command("dispatch", "ev-1", {"assignees": ["dept.housing"], "priority": 2})
    assert cmd.payload == {"assignees": ["dept.housing"], "priority": 2}
    assert lead_unit(cmd) == "dept.housing"


def test_builders_refuse_what_the_hub_would_refuse() -> None:
    base = dict(instruction="x", deadline=None, category=None, level=None, seat="seat-1", officer="o")
    with pytest.raises(ValueError, match="dispatch: needs at least one unit"):
        commands.dispatch("ev-1", units=["", ""], **base)
    with pytest.raises(ValueError, match="not a valid event id"):
        commands.dispatch("bad id", units=["dept.cityenf"], **base)
    with pytest.raises(ValueError, match="whistle: payload.departments: must not be empty"):
        commands.whistle("ev-1", whistle_id="wh-1", departments=[], note=None, checkin_by=DUE, officer="o",
                         seat=None)
    with pytest.raises(ValueError, match="escalate: payload.to_tier"):
        commands.escalate("ev-1", from_tier="street", to_tier="moon", reason="manual", note=None, to_grid=None,
                          officer="o", seat=None)
    naive = commands.dispatch("ev-1", units=["u"], **{**base, "deadline": datetime(2026, 11, 22, 2, 30)})
    aware = commands.dispatch("ev-1", units=["u"], **{**base, "deadline": datetime(2026, 11, 22, 2, 30, tzinfo=UTC)})
    assert naive.payload["deadline"] == aware.payload["deadline"] == "2026-11-22T02:30:00+00:00"
