"""Flat escalation (扁平化) rules and records: tiers, 一键上报, 一键下达 roll call, 吹哨报到 (DESIGN §2).

Pure state and rules; the service (``console.services.escalation``) persists and publishes.

- Tiers: micro-grid → community → street → district. A breach moves an event one tier up;
  major and critical events go straight to the street command (and from there to the district).
- An event waiting for dispatch (new, filed, returned, reopened) is *transitioned* to
  ``escalated``: the higher tier must dispatch it. An event already with a department keeps its
  state; the escalation is recorded (the higher tier supervises) without taking the work away.
- :class:`Broadcast` (一键下达): an instruction sent down to grids with a per-grid roll call.
- :class:`Whistle` (吹哨报到): departments summoned to an event, each must check in (报到) by a
  deadline; late or missing check-ins go red; response rate = in time / summoned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from console.domain.event import Action, Event, Level, State
from console.domain.lifecycle import can_transition, transition
from console.domain.sla import Stage, mark_stage_start

TIER_KEY = "tier"  # Event.extra key holding the tier name the event is handled at


class Tier(IntEnum):
    MICRO_GRID = 0  # 微网格
    COMMUNITY = 1  # 社区/村
    STREET = 2  # 街道指挥中心
    DISTRICT = 3  # 区

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def name_zh(self) -> str:
        return ("微网格", "社区", "街道", "区")[self.value]

    @classmethod
    def parse(cls, name: str) -> Tier:
        return cls[name.upper()]


def tier_for_grid_level(level: int | None) -> Tier:
    """Grid level (0 district, 1 street, 2 block, 3 community, 4+ micro-grid/unit) → its tier."""
    if level is None or level >= 4:
        return Tier.MICRO_GRID
    if level <= 0:
        return Tier.DISTRICT
    if level >= 2:
        return Tier.COMMUNITY
    return Tier.STREET


def tier_of(event: Event, grid_level: int | None = None) -> Tier:
    """The tier the event is handled at: recorded by a previous escalation, else from its grid."""
    name = event.extra.get(TIER_KEY)
    if isinstance(name, str):
        try:
            return Tier.parse(name)
        except KeyError:
            pass
    return tier_for_grid_level(grid_level)


def escalation_target(current: Tier, level: Level) -> Tier | None:
    """One tier up; major/critical at least to the street command; None at the top."""
    if current is Tier.DISTRICT:
        return None
    target = Tier(current + 1)
    if level.is_urgent and target < Tier.STREET:
        target = Tier.STREET
    return target


_WAITING_FOR_DISPATCH = frozenset({State.NEW, State.FILED, State.RETURNED, State.REOPENED})


def escalate_event(
    event: Event,
    *,
    to_tier: Tier,
    reason: str,
    actor: str,
    at: datetime,
    seat: str | None = None,
    note: str | None = None,
    from_tier: Tier | None = None,
    extra_data: dict[str, Any] | None = None,
) -> tuple[Event, list[Action]]:
    """Move the event to ``to_tier``; returns the new event and the actions to log.

    Events waiting for dispatch go through the lifecycle to ``escalated`` (their dispatch clock
    restarts for the new tier); others keep their state and only the escalation is logged.
    """
    src = from_tier if from_tier is not None else tier_of(event)
    data: dict[str, Any] = {"from_tier": src.label, "to_tier": to_tier.label, "reason": reason}
    data.update(extra_data or {})
    actions: list[Action] = []
    ev = event
    if ev.state in _WAITING_FOR_DISPATCH and can_transition(ev.state, State.ESCALATED):
        ev, act = transition(ev, State.ESCALATED, actor=actor, at=at, seat=seat, note=note, data=data)
        actions.append(act)
    extra = dict(ev.extra)
    extra[TIER_KEY] = to_tier.label
    if ev.state is State.ESCALATED:
        extra = mark_stage_start(extra, Stage.DISPATCH, at)
    ev = ev.copy(extra=extra, updated_at=at)
    actions.append(
        Action(event_id=ev.id, at=at, kind="escalate", actor=actor, seat=seat, from_state=event.state,
               to_state=ev.state, note=note, data=data)
    )
    return ev, actions


# ---- 一键下达: broadcast with roll call ------------------------------------------------------------
@dataclass(slots=True)
class Broadcast:
    id: str
    instruction: str
    officer: str
    sent_at: datetime
    ack_by: datetime  # acknowledgement deadline
    acks: dict[str, datetime | None]  # grid id → acknowledged at (None = silent)
    sends: dict[str, int] = field(default_factory=dict)  # grid id → times sent (1 + resends)
    event_id: str | None = None

    @classmethod
    def create(cls, id: str, instruction: str, grid_ids: list[str], officer: str, at: datetime,
               ack_within: timedelta, event_id: str | None = None) -> Broadcast:
        if not grid_ids:
            raise ValueError("a broadcast needs at least one target grid")
        unique = list(dict.fromkeys(grid_ids))
        return cls(id, instruction, officer, at, at + ack_within, {g: None for g in unique},
                   {g: 1 for g in unique}, event_id)

    def acknowledge(self, grid_id: str, at: datetime) -> bool:
        """Record the grid's acknowledgement; False if it had already acknowledged."""
        if grid_id not in self.acks:
            raise KeyError(f"grid {grid_id!r} is not a target of broadcast {self.id}")
        if self.acks[grid_id] is not None:
            return False
        self.acks[grid_id] = at
        return True

    def silent(self) -> list[str]:
        return [g for g, at in self.acks.items() if at is None]

    def resent(self, grid_ids: list[str]) -> None:
        for g in grid_ids:
            self.sends[g] = self.sends.get(g, 1) + 1

    @property
    def ack_rate(self) -> float:
        return sum(at is not None for at in self.acks.values()) / len(self.acks)

    def ack_in_time_rate(self) -> float:
        return sum(at is not None and at <= self.ack_by for at in self.acks.values()) / len(self.acks)


# ---- 吹哨报到: whistle ------------------------------------------------------------------------------
@dataclass(slots=True)
class Summons:
    department_id: str
    checked_in_at: datetime | None = None
    progress: list[tuple[datetime, str]] = field(default_factory=list)
    red: bool = False  # missed the check-in deadline


@dataclass(slots=True)
class Whistle:
    id: str
    event_id: str
    note: str
    officer: str
    blown_at: datetime
    checkin_by: datetime
    summons: dict[str, Summons]
    escalated: bool = False

    @classmethod
    def create(cls, id: str, event_id: str, department_ids: list[str], note: str, officer: str,
               at: datetime, checkin_within: timedelta) -> Whistle:
        if not department_ids:
            raise ValueError("a whistle summons at least one department")
        unique = list(dict.fromkeys(department_ids))
        return cls(id, event_id, note, officer, at, at + checkin_within, {d: Summons(d) for d in unique})

    def _summons(self, department_id: str) -> Summons:
        try:
            return self.summons[department_id]
        except KeyError:
            raise KeyError(f"department {department_id!r} was not summoned by whistle {self.id}") from None

    def check_in(self, department_id: str, at: datetime) -> bool:
        """Record 报到; False if already checked in. A late check-in stays red."""
        s = self._summons(department_id)
        if s.checked_in_at is not None:
            return False
        s.checked_in_at = at
        if at > self.checkin_by:
            s.red = True
        return True

    def report_progress(self, department_id: str, at: datetime, note: str) -> None:
        self._summons(department_id).progress.append((at, note))

    def overdue(self, now: datetime) -> list[str]:
        """Departments that have not checked in and are past the deadline (not yet marked red)."""
        if now < self.checkin_by:
            return []
        return [d for d, s in self.summons.items() if s.checked_in_at is None and not s.red]

    def mark_red(self, department_ids: list[str]) -> None:
        for d in department_ids:
            self._summons(d).red = True

    @property
    def red(self) -> list[str]:
        return [d for d, s in self.summons.items() if s.red]

    def in_time(self) -> int:
        return sum(s.checked_in_at is not None and s.checked_in_at <= self.checkin_by
                   for s in self.summons.values())

    @property
    def response_rate(self) -> float:
        """Checked in in time / summoned."""
        return self.in_time() / len(self.summons)
