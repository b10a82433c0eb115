"""Hub commands (DESIGN §4.14 "one builder writes every hub command", §5).

Every console → hub ``command`` frame is built here, by one typed function per action, and read
back here by the hub and the simulator (:func:`read_command`), so what a seat sends and what the
field side acts on cannot drift apart. docs/protocol.md documents each payload exactly.

- builders (``dispatch``, ``close``, ``escalate``, ``remind``, ``whistle``, ``broadcast``, ``verify``,
  ``reopen``, ``suspend``, ``resume``) return a :class:`Command`; they raise ``ValueError`` for a
  command the hub would refuse (e.g. a dispatch to no unit);
- :func:`to_frame` is the wire frame of a command;
- :func:`read_command` validates a received frame's action, event id and payload (pydantic strict,
  unknown payload fields are kept) and raises :class:`~console.net.protocol.FrameError` with a short
  reason (``payload.unit_id: expected a string, got number 5``) that the hub answers in
  ``command_result.error``;
- :func:`lead_unit` is the unit that does the field work of a dispatch (``unit_id``, else
  ``assignees[0]``).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal, NotRequired

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, with_config
from typing_extensions import TypedDict

from console.domain.escalation import Tier
from console.domain.event import DESCRIPTION_MAX, Level
from console.net.protocol import ID_PATTERN, RFC3339_PATTERN, FrameError, iso
from console.net.reasons import describe

DISPATCH = "dispatch"
ESCALATE = "escalate"
BROADCAST = "broadcast"
CLOSE = "close"
REMIND = "remind"  # 督办
WHISTLE = "whistle"  # 吹哨报到
VERIFY = "verify"
REOPEN = "reopen"
SUSPEND = "suspend"
RESUME = "resume"
ACTIONS = (DISPATCH, ESCALATE, BROADCAST, CLOSE, REMIND, WHISTLE, VERIFY, REOPEN, SUSPEND, RESUME)
NO_EVENT_ACTIONS = frozenset({BROADCAST})  # the only action that may go without an event_id
TIERS = tuple(t.label for t in Tier)  # micro_grid, community, street, district
NOTE_MAX = 2000


@dataclass(frozen=True, slots=True)
class Command:
    """One console → hub command: ``action`` on ``event_id`` with its ``payload`` (JSON values)."""

    action: str
    event_id: str | None
    payload: dict[str, Any]


def to_frame(command: Command, command_id: str) -> dict[str, Any]:
    """``{"type":"command","command_id","action","event_id","payload"}``."""
    return {"type": "command", "command_id": command_id, "action": command.action,
            "event_id": command.event_id, "payload": command.payload}


# ---- payload schemas (what the hub accepts; the builders always write every field) ------------------
Name = Annotated[str, Field(min_length=1, max_length=64)]
Text = Annotated[str, Field(max_length=DESCRIPTION_MAX)]
Note = Annotated[str, Field(max_length=NOTE_MAX)] | None
Time = Annotated[str, Field(pattern=RFC3339_PATTERN)]
Names = list[Name]
TierName = Literal["micro_grid", "community", "street", "district"]
LevelName = Literal["general", "significant", "major", "critical"]
_CFG = ConfigDict(strict=True, extra="allow")


@with_config(_CFG)
class _Common(TypedDict):
    officer: NotRequired[Name]
    seat: NotRequired[Name | None]
    note: NotRequired[Note]


@with_config(_CFG)
class DispatchPayload(_Common):
    unit_id: NotRequired[Name]
    assignees: NotRequired[Names]
    instruction: NotRequired[Text]
    deadline: NotRequired[Time | None]
    category: NotRequired[Name | None]
    level: NotRequired[LevelName | None]


@with_config(_CFG)
class EscalatePayload(_Common):
    to_tier: TierName
    from_tier: NotRequired[TierName]
    reason: NotRequired[Annotated[str, Field(min_length=1, max_length=200)]]
    to_grid: NotRequired[Name | None]
    context: NotRequired[dict[str, Any]]


@with_config(_CFG)
class RemindPayload(_Common):
    departments: Names


@with_config(_CFG)
class WhistlePayload(_Common):
    whistle_id: Name
    departments: Annotated[Names, Field(min_length=1)]
    checkin_by: Time


@with_config(_CFG)
class BroadcastPayload(_Common):
    broadcast_id: Name
    instruction: Annotated[str, Field(min_length=1, max_length=DESCRIPTION_MAX)]
    grid_ids: Annotated[Names, Field(min_length=1)]
    ack_by: NotRequired[Time | None]
    resend: NotRequired[bool]


@with_config(_CFG)
class VerifyPayload(_Common):
    passed: bool


@with_config(_CFG)
class SuspendPayload(_Common):
    until: NotRequired[Time | None]


_SCHEMAS: dict[str, TypeAdapter[Any]] = {
    DISPATCH: TypeAdapter(DispatchPayload),
    ESCALATE: TypeAdapter(EscalatePayload),
    BROADCAST: TypeAdapter(BroadcastPayload),
    CLOSE: TypeAdapter(_Common),
    REMIND: TypeAdapter(RemindPayload),
    WHISTLE: TypeAdapter(WhistlePayload),
    VERIFY: TypeAdapter(VerifyPayload),
    REOPEN: TypeAdapter(_Common),
    SUSPEND: TypeAdapter(SuspendPayload),
    RESUME: TypeAdapter(_Common),
}
_EVENT_ID = TypeAdapter(Annotated[str, Field(pattern=ID_PATTERN)])


# ---- reading (hub, simulator) -----------------------------------------------------------------------
def read_command(action: str, event_id: str | None, payload: Mapping[str, Any]) -> Command:
    """Validate a received command; raises :class:`FrameError` with the reason the hub answers."""
    schema = _SCHEMAS.get(action)
    if schema is None:
        raise FrameError(f"unknown action {action!r}")
    if event_id is None and action not in NO_EVENT_ACTIONS:
        raise FrameError(f"{action} needs an event_id")
    try:
        body = schema.validate_python(dict(payload))
    except ValidationError as exc:
        raise FrameError("; ".join(p if p.startswith("(+") else f"payload.{p}"
                                   for p in describe(exc, frame=False).split("; "))) from None
    cmd = Command(action, event_id, body)
    if action == DISPATCH and lead_unit(cmd) is None:
        raise FrameError("dispatch needs a unit: payload.unit_id or payload.assignees[0]")
    return cmd


def lead_unit(command: Command) -> str | None:
    """The unit doing a dispatch's field work (and reporting its statuses): ``unit_id``, else
    ``assignees[0]``; ``None`` when the payload names no unit."""
    p = command.payload
    unit = p.get("unit_id")
    if isinstance(unit, str) and unit:
        return unit
    assignees = p.get("assignees")
    if isinstance(assignees, list) and assignees and isinstance(assignees[0], str) and assignees[0]:
        return assignees[0]
    return None


# ---- builders (consoles) --------------------------------------------------------------------------
def _build(action: str, event_id: str | None, payload: dict[str, Any]) -> Command:
    if event_id is not None:
        try:
            _EVENT_ID.validate_python(event_id)
        except ValidationError:
            raise ValueError(f"{action}: {event_id!r} is not a valid event id") from None
    try:
        read_command(action, event_id, payload)  # a built command is one the hub accepts
    except FrameError as exc:
        raise ValueError(f"{action}: {exc.reason}") from None
    return Command(action, event_id, payload)


def _names(values: Iterable[str]) -> list[str]:
    """Non-empty names, in order, each once."""
    return list(dict.fromkeys(v for v in values if v))


def _time(value: datetime | None) -> str | None:
    return iso(value) if value is not None else None


def _tier(value: Tier | str) -> str:
    return value.label if isinstance(value, Tier) else str(value)


def dispatch(event_id: str, *, units: Iterable[str], instruction: str, deadline: datetime | None,
             category: str | None, level: Level | str | None, seat: str | None, officer: str) -> Command:
    """派遣 to ``units`` (the first is the lead unit that reports back); ``ValueError`` without a unit."""
    assignees = _names(units)
    if not assignees:
        raise ValueError("dispatch: needs at least one unit")
    return _build(DISPATCH, event_id, {
        "unit_id": assignees[0], "assignees": assignees, "instruction": instruction,
        "deadline": _time(deadline), "category": category, "level": str(level) if level is not None else None,
        "seat": seat, "officer": officer,
    })


def close(event_id: str, *, officer: str, seat: str | None, note: str | None) -> Command:
    """结案 (after a passed verification)."""
    return _build(CLOSE, event_id, {"officer": officer, "seat": seat, "note": note})


def escalate(event_id: str, *, from_tier: Tier | str, to_tier: Tier | str, reason: str, note: str | None,
             to_grid: str | None, officer: str, seat: str | None,
             context: Mapping[str, Any] | None = None) -> Command:
    """上报 one tier up (``reason``: ``manual``, ``sla_breach:<stage>``, ``whistle_no_show``…);
    ``context``: details of an automatic escalation (``stage``, ``deadline``, ``whistle_id``…)."""
    payload: dict[str, Any] = {"from_tier": _tier(from_tier), "to_tier": _tier(to_tier), "reason": reason,
                               "note": note, "to_grid": to_grid, "officer": officer, "seat": seat}
    if context:
        payload["context"] = dict(context)
    return _build(ESCALATE, event_id, payload)


def remind(event_id: str, *, departments: Iterable[str], note: str | None, officer: str,
           seat: str | None) -> Command:
    """督办: remind the event's department(s) of overdue work."""
    return _build(REMIND, event_id, {"departments": _names(departments), "note": note, "officer": officer,
                                     "seat": seat})


def whistle(event_id: str, *, whistle_id: str, departments: Iterable[str], note: str | None,
            checkin_by: datetime, officer: str, seat: str | None) -> Command:
    """吹哨: summon ``departments``, each to check in (报到) by ``checkin_by``."""
    return _build(WHISTLE, event_id, {"whistle_id": whistle_id, "departments": _names(departments),
                                      "note": note, "checkin_by": iso(checkin_by), "officer": officer,
                                      "seat": seat})


def broadcast(event_id: str | None, *, broadcast_id: str, instruction: str, grid_ids: Iterable[str],
              ack_by: datetime | None, resend: bool, officer: str, seat: str | None) -> Command:
    """一键下达 to ``grid_ids`` (``resend``: again to the silent ones), acknowledged by ``ack_by``."""
    return _build(BROADCAST, event_id, {"broadcast_id": broadcast_id, "instruction": instruction,
                                        "grid_ids": _names(grid_ids), "ack_by": _time(ack_by),
                                        "resend": resend, "officer": officer, "seat": seat})


def verify(event_id: str, *, passed: bool, note: str | None, officer: str, seat: str | None) -> Command:
    """核查 result (a failed check sends the work back to the assignees)."""
    return _build(VERIFY, event_id, {"passed": passed, "note": note, "officer": officer, "seat": seat})


def reopen(event_id: str, *, note: str | None, officer: str, seat: str | None) -> Command:
    return _build(REOPEN, event_id, {"note": note, "officer": officer, "seat": seat})


def suspend(event_id: str, *, until: datetime | None, note: str | None, officer: str,
            seat: str | None) -> Command:
    """挂起/延期 (approved) until ``until`` (open-ended when ``None``)."""
    return _build(SUSPEND, event_id, {"until": _time(until), "note": note, "officer": officer, "seat": seat})


def resume(event_id: str, *, note: str | None, officer: str, seat: str | None) -> Command:
    return _build(RESUME, event_id, {"note": note, "officer": officer, "seat": seat})


if TIERS != TierName.__args__ or tuple(str(v) for v in Level) != LevelName.__args__:  # type: ignore[attr-defined]
    raise RuntimeError("tiers or levels changed: update console.net.commands")


async def round_trip(ws: Any, pending: dict[str, asyncio.Future[Any]], command: Command,
                     wait_s: float) -> Any:
    """Send ``command`` on the open websocket ``ws`` and wait for the hub's ``command_result``.

    ``pending`` maps command ids to the futures the connection's reader resolves when the result
    arrives (and fails when the connection goes). One path for the intake client and a seat's
    command-only link; every failure is a :class:`~console.net.client_state.CommandError`."""
    from websockets.exceptions import ConnectionClosed

    from console.net.client_state import CommandError
    from console.net.protocol import dumps

    cid = str(uuid.uuid4())
    fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    pending[cid] = fut
    try:
        await ws.send(dumps(to_frame(command, cid)))
        return await asyncio.wait_for(fut, wait_s)
    except ConnectionClosed as exc:
        raise CommandError("connection to the hub lost") from exc
    except TimeoutError as exc:
        raise CommandError(f"no answer from the hub within {wait_s:g} s") from exc
    finally:
        pending.pop(cid, None)
