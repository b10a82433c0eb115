"""Hub commands (docs/protocol.md "command"): one builder per action, used by every sender.

(Integrator's placeholder for the builder being written on the h-net branch.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Command:
    action: str
    event_id: str | None
    payload: dict[str, Any] = field(default_factory=dict)


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def dispatch(event_id: str, *, units: list[str], instruction: str, deadline: datetime | None, category: str,
             level: str, seat: str | None, officer: str) -> Command:
    if not units:
        raise ValueError("a dispatch names at least one unit")
    return Command("dispatch", event_id, {"unit_id": units[0], "assignees": list(units), "instruction": instruction,
                                          "deadline": _iso(deadline), "category": category, "level": level,
                                          "seat": seat, "officer": officer})


def close(event_id: str, *, officer: str, seat: str | None, note: str | None) -> Command:
    return Command("close", event_id, {"officer": officer, "seat": seat, "note": note})


def escalate(event_id: str, *, from_tier: str, to_tier: str, reason: str, note: str | None, to_grid: str | None,
             officer: str, seat: str | None) -> Command:
    return Command("escalate", event_id, {"from_tier": from_tier, "to_tier": to_tier, "reason": reason, "note": note,
                                          "to_grid": to_grid, "officer": officer, "seat": seat})


def remind(event_id: str, *, departments: list[str], note: str, officer: str, seat: str | None) -> Command:
    return Command("remind", event_id, {"departments": list(departments), "note": note, "officer": officer,
                                        "seat": seat})


def whistle(event_id: str, *, whistle_id: str, departments: list[str], note: str, checkin_by: datetime,
            officer: str, seat: str | None) -> Command:
    return Command("whistle", event_id, {"whistle_id": whistle_id, "departments": list(departments), "note": note,
                                         "checkin_by": _iso(checkin_by), "officer": officer, "seat": seat})


def broadcast(event_id: str | None, *, broadcast_id: str, instruction: str, grid_ids: list[str],
              ack_by: datetime | None, resend: bool, officer: str, seat: str | None) -> Command:
    return Command("broadcast", event_id, {"broadcast_id": broadcast_id, "instruction": instruction,
                                           "grid_ids": list(grid_ids), "ack_by": _iso(ack_by), "resend": resend,
                                           "officer": officer, "seat": seat})
