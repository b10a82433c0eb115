"""Escalation service: automatic escalation on breach, 一键上报, 督办, 一键下达, 吹哨报到 (issue 7).

Rules and records are in :mod:`console.domain.escalation`; this service applies them, persists
through the :class:`~console.services.closed_loop.ClosedLoop` (store + room), sends hub commands
through an injected ``send_command(action, event_id, payload)`` (the same sender signature as
``console.services.triage``; may be async) and publishes on the bus:

- ``event_escalated(event, from_tier: str, to_tier: str, reason: str)``
- ``event_supervised(event, officer: str, note: str)`` (also automatic when a department's sign-for,
  arrival or resolution deadline passes)
- ``broadcast_sent(broadcast)``, ``broadcast_acknowledged(broadcast, grid_id)``,
  ``broadcast_resent(broadcast, grid_ids)``, ``broadcast_overdue(broadcast, silent: list[str])``
- ``whistle_blown(whistle)``, ``whistle_checked_in(whistle, department_id)``,
  ``whistle_progress(whistle, department_id, note)``, ``whistle_red(whistle, department_ids)``

Command actions: ``escalate``, ``remind``, ``broadcast`` (event id may be None), ``whistle``.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import logging
import secrets
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any, Protocol

from console.domain.escalation import (
    Broadcast,
    Tier,
    Whistle,
    escalate_event,
    escalation_target,
    tier_for_grid_level,
    tier_of,
)
from console.domain.event import Action, Event
from console.domain.grid import GridKind
from console.domain.sla import Deadline, SlaTable, Stage, next_deadline
from console.services.bus import Bus
from console.services.closed_loop import ClosedLoop
from console.services.sla_clock import Clock

log = logging.getLogger(__name__)

SYSTEM = "system"
_DEPARTMENT_STAGES = frozenset({Stage.SIGN, Stage.ARRIVE, Stage.RESOLVE})
_STAGE_ZH = {Stage.DISPATCH: "派遣", Stage.SIGN: "签收", Stage.ARRIVE: "到场", Stage.RESOLVE: "处置", Stage.CLOSE: "结案"}


class DistrictLike(Protocol):
    """What the service needs of :class:`console.domain.district.District`."""

    def grid(self, grid_id: str) -> Any: ...

    def ancestors(self, grid_id: str) -> list[Any]: ...

    def children(self, grid_id: str | None) -> list[Any]: ...


class EscalationService:
    def __init__(
        self,
        bus: Bus,
        loop: ClosedLoop,
        table: SlaTable,
        clock: Clock,
        *,
        send_command: Callable[[str, str | None, dict[str, Any]], Any] | None = None,
        district: DistrictLike | None = None,
        seat: str | None = None,
        auto: bool = True,
    ) -> None:
        self.bus = bus
        self.loop = loop
        self.table = table
        self.clock = clock
        self.district = district
        self.seat = seat
        self._send = send_command
        counter = itertools.count(1)
        # unique across restarts and seats (records are persisted): start stamp + random tag + counter
        stamp = clock.now().strftime("%Y%m%d%H%M%S") + "-" + secrets.token_hex(2)
        self._seq_id = lambda prefix: f"{prefix}-{stamp}-{next(counter)}"
        self.broadcasts: dict[str, Broadcast] = {}
        self.whistles: dict[str, Whistle] = {}
        self.escalations = 0
        self._tasks: set[asyncio.Future[Any]] = set()
        if auto:
            bus.subscribe("sla_breach", self.on_breach)
        bus.subscribe("sla_table_reloaded", self._on_table)

    def _on_table(self, table: SlaTable) -> None:
        self.table = table

    # ---- plumbing ------------------------------------------------------------------------------
    def command(self, action: str, event_id: str | None, payload: dict[str, Any]) -> dict[str, Any]:
        """Send ``send_command(action, event_id, payload)`` (the triage service's sender
        signature; an awaitable result is scheduled on the running loop). Returns the command."""
        if self._send is not None:
            result = self._send(action, event_id, payload)
            if inspect.isawaitable(result):
                task = asyncio.ensure_future(result)
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
        return {"action": action, "event_id": event_id, "payload": payload}

    def _grid_level(self, grid_id: str | None) -> int | None:
        if self.district is None or grid_id is None:
            return None
        g = self.district.grid(grid_id)
        return g.level if g is not None else None

    def _grid_for_tier(self, grid_id: str | None, tier: Tier) -> str | None:
        """The ancestor grid that handles ``tier`` for an event in ``grid_id`` (None if unknown)."""
        if self.district is None or grid_id is None or self.district.grid(grid_id) is None:
            return None
        chain = [self.district.grid(grid_id), *self.district.ancestors(grid_id)]
        for g in chain:
            if g is not None and g.level is not None and tier_for_grid_level(g.level) >= tier:
                return str(g.id)
        return None

    def tier(self, event: Event) -> Tier:
        return tier_of(event, self._grid_level(event.grid_id))

    # ---- escalation ----------------------------------------------------------------------------
    def on_breach(self, event: Event, deadline: Deadline) -> None:
        """A deadline passed: move the event one tier up (street command for major/critical)."""
        ev = self.loop.room.get(event.id) or event
        current = next_deadline(ev, self.table)
        if current is None or current.kind is not deadline.kind:
            return  # the event moved on since the breach was due
        reason = f"sla_breach:{deadline.kind.value}"
        escalated = self._escalate(ev, None, SYSTEM, reason, None,
                                   {"stage": deadline.kind.value, "deadline": deadline.at.isoformat()})
        if deadline.kind in _DEPARTMENT_STAGES and ev.assignees:
            # overdue work with a department is supervised (督办): the department is reminded
            self.supervise(escalated or ev, SYSTEM, f"超时督办：{_STAGE_ZH[deadline.kind]}超时")

    def escalate(self, event: Event | str, note: str, officer: str) -> Event | None:
        """一键上报: push the event up to the street command (from the street: to the district)."""
        ev = self.loop.current(event)
        tier = self.tier(ev)
        target = Tier.STREET if tier < Tier.STREET else escalation_target(tier, ev.level)
        return self._escalate(ev, target, officer, "manual", note)

    def _escalate(self, ev: Event, target: Tier | None, actor: str, reason: str, note: str | None,
                  data: dict[str, Any] | None = None) -> Event | None:
        src = self.tier(ev)
        to = target if target is not None else escalation_target(src, ev.level)
        if to is None:
            log.debug("event %s is at the top tier; not escalated (%s)", ev.id, reason)
            return None
        extra = dict(data or {})
        grid = self._grid_for_tier(ev.grid_id, to)
        if grid is not None:
            extra["to_grid"] = grid
        now = self.clock.now()
        new, actions = escalate_event(ev, to_tier=to, reason=reason, actor=actor, at=now, seat=self.seat,
                                      note=note, from_tier=src, extra_data=extra)
        new = self.loop.commit([new], actions)[0]
        self.escalations += 1
        self.command("escalate", new.id, {"from_tier": src.label, "to_tier": to.label, "reason": reason,
                                          "note": note, **extra})
        self.bus.publish("event_escalated", event=new, from_tier=src.label, to_tier=to.label, reason=reason)
        return new

    # ---- 督办 ---------------------------------------------------------------------------------------
    def supervise(self, event: Event | str, officer: str, note: str) -> Event:
        """Mark the event supervised and remind its department(s) through the hub."""
        ev = self.loop.current(event)
        now = self.clock.now()
        departments = list(ev.assignees)
        new = ev.copy(supervised=True, updated_at=now)
        act = Action(ev.id, now, "supervise", officer, self.seat, ev.state, ev.state, note,
                     {"departments": departments})
        new = self.loop.commit([new], [act])[0]
        self.command("remind", ev.id, {"departments": departments, "note": note, "officer": officer})
        self.bus.publish("event_supervised", event=new, officer=officer, note=note)
        return new

    # ---- 一键下达 -----------------------------------------------------------------------------------
    def all_target_grids(self) -> list[str]:
        """Every governance grid below the top (blocks, communities, micro-grids)."""
        if self.district is None:
            raise ValueError("broadcast to all grids needs the district")
        out: list[str] = []
        stack = list(self.district.children(None))
        while stack:
            g = stack.pop(0)
            if getattr(g, "kind", None) is GridKind.POLICE:
                continue
            if g.parent_id is not None:
                out.append(str(g.id))
            stack.extend(self.district.children(g.id))
        return out

    def broadcast(self, instruction: str, targets: list[str] | None, officer: str,
                  event_id: str | None = None) -> Broadcast:
        grid_ids = list(targets) if targets else self.all_target_grids()
        now = self.clock.now()
        b = Broadcast.create(self._seq_id("bc"), instruction, grid_ids, officer, now, self.table.broadcast_ack,
                             event_id)
        self.broadcasts[b.id] = b
        ev = self.loop.room.get(event_id) if event_id is not None else None
        if ev is not None and event_id is not None:
            act = Action(event_id, now, "broadcast", officer, self.seat, None, None, instruction,
                         {"broadcast_id": b.id, "grids": len(b.acks)})
            self.loop.commit([ev], [act])
        self.command("broadcast", event_id, {"broadcast_id": b.id, "instruction": instruction,
                                             "grid_ids": list(b.acks), "ack_by": b.ack_by.isoformat()})
        self.clock.call_at(b.ack_by, partial(self._check_broadcast, b.id))
        self.bus.publish("broadcast_sent", broadcast=b)
        return b

    def acknowledge(self, broadcast_id: str, grid_id: str, at: datetime | None = None) -> Broadcast:
        b = self._broadcast(broadcast_id)
        if b.acknowledge(grid_id, at or self.clock.now()):
            self.bus.publish("broadcast_acknowledged", broadcast=b, grid_id=grid_id)
        return b

    def resend_to_silent(self, broadcast_id: str) -> list[str]:
        b = self._broadcast(broadcast_id)
        silent = b.silent()
        if silent:
            b.resent(silent)
            self.command("broadcast", b.event_id, {"broadcast_id": b.id, "instruction": b.instruction,
                                                   "grid_ids": silent, "resend": True})
            self.bus.publish("broadcast_resent", broadcast=b, grid_ids=silent)
        return silent

    def _broadcast(self, broadcast_id: str) -> Broadcast:
        try:
            return self.broadcasts[broadcast_id]
        except KeyError:
            raise KeyError(f"no broadcast {broadcast_id!r}") from None

    def _check_broadcast(self, broadcast_id: str) -> None:
        b = self.broadcasts.get(broadcast_id)
        if b is not None and b.silent():
            self.bus.publish("broadcast_overdue", broadcast=b, silent=b.silent())

    # ---- 吹哨报到 -----------------------------------------------------------------------------------
    def whistle(self, event: Event | str, department_ids: list[str], note: str, officer: str = SYSTEM) -> Whistle:
        ev = self.loop.current(event)
        now = self.clock.now()
        w = Whistle.create(self._seq_id("wh"), ev.id, department_ids, note, officer, now,
                           self.table.whistle_checkin)
        self.whistles[w.id] = w
        act = Action(ev.id, now, "whistle", officer, self.seat, None, None, note,
                     {"whistle_id": w.id, "departments": list(w.summons), "checkin_by": w.checkin_by.isoformat()})
        self.loop.commit([ev], [act])
        self.command("whistle", ev.id, {"whistle_id": w.id, "departments": list(w.summons), "note": note,
                                        "checkin_by": w.checkin_by.isoformat()})
        self.clock.call_at(w.checkin_by, partial(self._on_checkin_deadline, w.id))
        self.bus.publish("whistle_blown", whistle=w)
        return w

    def check_in(self, whistle_id: str, department_id: str, at: datetime | None = None) -> Whistle:
        w = self._whistle(whistle_id)
        now = at or self.clock.now()
        if w.check_in(department_id, now):
            self._log_on_event(w, "check_in", department_id, None, {"in_time": now <= w.checkin_by})
            self.bus.publish("whistle_checked_in", whistle=w, department_id=department_id)
        return w

    def report_progress(self, whistle_id: str, department_id: str, note: str, at: datetime | None = None) -> Whistle:
        w = self._whistle(whistle_id)
        now = at or self.clock.now()
        w.report_progress(department_id, now, note)
        self._log_on_event(w, "progress", department_id, note, {})
        self.bus.publish("whistle_progress", whistle=w, department_id=department_id, note=note)
        return w

    def _on_checkin_deadline(self, whistle_id: str) -> None:
        self.check_whistle(whistle_id)

    def check_whistle(self, whistle_id: str) -> list[str]:
        """Departments missing at the check-in deadline go red; the event escalates once."""
        w = self._whistle(whistle_id)
        missing = w.overdue(self.clock.now())
        if not missing:
            return []
        w.mark_red(missing)
        self.bus.publish("whistle_red", whistle=w, department_ids=missing)
        if not w.escalated:
            w.escalated = True
            ev = self.loop.room.get(w.event_id)
            if ev is not None:
                self._escalate(ev, None, SYSTEM, "whistle_no_show", None,
                               {"whistle_id": w.id, "departments": missing})
        return missing

    def _whistle(self, whistle_id: str) -> Whistle:
        try:
            return self.whistles[whistle_id]
        except KeyError:
            raise KeyError(f"no whistle {whistle_id!r}") from None

    def _log_on_event(self, w: Whistle, kind: str, department_id: str, note: str | None, data: dict) -> None:
        ev = self.loop.room.get(w.event_id)
        if ev is None:
            return
        act = Action(ev.id, self.clock.now(), kind, department_id, self.seat, None, None, note,
                     {"whistle_id": w.id, **data})
        self.loop.commit([ev], [act])

