"""Escalation service: automatic escalation on breach, 一键上报, 督办, 一键下达, 吹哨报到 (issue 7).

Rules and records are in :mod:`console.domain.escalation`; every change of an event (and every log
entry on one) goes through the one decision path (:class:`~console.services.decisions.DecisionService`),
and hub commands through its sender and the one builder (:mod:`console.net.commands`). Published on
the bus:

- ``event_escalated(event, from_tier: str, to_tier: str, reason: str)``
- ``event_supervised(event, officer: str, note: str)`` (also automatic when a department's sign-for,
  arrival or resolution deadline passes)
- ``broadcast_sent(broadcast)``, ``broadcast_acknowledged(broadcast, grid_id)``,
  ``broadcast_resent(broadcast, grid_ids)``, ``broadcast_overdue(broadcast, silent: list[str])``
- ``whistle_blown(whistle)``, ``whistle_checked_in(whistle, department_id)``,
  ``whistle_progress(whistle, department_id, note)``, ``whistle_red(whistle, department_ids)``

Broadcasts and whistles are a fold of the room log (:mod:`console.domain.escalation_log`): every change
above is one entry, applied to :attr:`EscalationService.board` at once, handed to ``recorder`` (the room
log, :mod:`console.services.escalation_store`) and published; other seats' entries come in through
:meth:`EscalationService.apply_entries`. Deadlines act only where ``acts_on_deadlines()`` (the intake writer).

The officer's steps are coroutines. With a decision service in inline mode (the shift simulator,
tests on a fake clock) they finish without suspending, and :func:`console.services.decisions.drive`
runs them to the end synchronously.
"""

from __future__ import annotations

import itertools
import logging
import secrets
from collections.abc import Callable, Coroutine
from datetime import datetime
from functools import partial
from typing import Any, Protocol

from console.domain.escalation import (
    Broadcast,
    Tier,
    Whistle,
    escalation_target,
    tier_for_grid_level,
    tier_of,
)
from console.domain.escalation_log import Board, Effect, LogEntry, dump_broadcast, dump_whistle, new_cid
from console.domain.event import Event
from console.domain.grid import GridKind
from console.domain.sla import Deadline, SlaTable, Stage, next_deadline
from console.net import commands
from console.services.bus import Bus
from console.services.decisions import DecisionRefused, DecisionService, spawn
from console.services.sla_clock import Clock

log = logging.getLogger(__name__)

SYSTEM = "system"
_DEPARTMENT_STAGES = frozenset({Stage.SIGN, Stage.ARRIVE, Stage.RESOLVE})
# what a change of a broadcast or whistle publishes (console.domain.escalation_log.KINDS, as literals)
BOARD_TOPICS = ("broadcast_sent", "broadcast_acknowledged", "broadcast_resent", "broadcast_overdue",
                "whistle_blown", "whistle_checked_in", "whistle_progress", "whistle_red")
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
        decisions: DecisionService,
        table: SlaTable,
        clock: Clock,
        *,
        district: DistrictLike | None = None,
        auto: bool = True,
    ) -> None:
        self.bus = bus
        self.decisions = decisions
        self.room = decisions.room
        self.table = table
        self.clock = clock
        self.district = district
        self.seat = decisions.seat
        counter = itertools.count(1)
        # unique across restarts and seats (records are persisted): start stamp + random tag + counter
        stamp = clock.now().strftime("%Y%m%d%H%M%S") + "-" + secrets.token_hex(2)
        self._seq_id = lambda prefix: f"{prefix}-{stamp}-{next(counter)}"
        # the board: a fold of the room log (console.domain.escalation_log); every change below is one
        # entry, applied here and handed to ``recorder`` (console.services.escalation_store) for the log
        self.board = Board()
        self.recorder: Callable[[LogEntry], None] | None = None
        # deadlines act on one seat of the room (the intake writer): set by the composition root
        self.acts_on_deadlines: Callable[[], bool] = lambda: True
        self.escalations = 0
        if auto:
            bus.subscribe("sla_breach", self.on_breach)
        bus.subscribe("sla_table_reloaded", self._on_table)

    def _on_table(self, table: SlaTable) -> None:
        self.table = table

    @property
    def broadcasts(self) -> dict[str, Broadcast]:
        return self.board.broadcasts

    @property
    def whistles(self) -> dict[str, Whistle]:
        return self.board.whistles

    # ---- changes: one room-log entry each ---------------------------------------------------------
    def _change(self, kind: str, ref: str, stamp: datetime, actor: str | None = None, **detail: Any) -> list[Effect]:
        """Apply one change of a broadcast or whistle to the board, record it (at ``stamp``, the room's
        time; the detail's ``at`` is when the change happened, if another), publish what it changed."""
        data: dict[str, Any] = {"cid": new_cid(), **detail}
        entry = LogEntry(stamp, kind, ref, data, actor=actor, seat=self.seat)
        effects = self.board.apply(entry)
        b, w = self.board.broadcasts.get(ref), self.board.whistles.get(ref)
        # the record itself rides only on its creation (sent / blown); a change carries its detail alone
        # (an acknowledgement of a broadcast to 400 grids stays ~200 bytes, not the whole roll call)
        if entry.actor is None:
            entry.actor = b.officer if b is not None else w.officer if w is not None else None
        if self.recorder is not None:
            self.recorder(entry)
        self.announce(effects)
        return effects

    def announce(self, effects: list[Effect]) -> None:
        """Publish what changes did to the board (each on its own topic)."""
        for kind, payload in effects:
            for topic in BOARD_TOPICS:
                if topic == kind:
                    self.bus.publish(topic, **payload)

    def apply_entries(self, entries: list[LogEntry]) -> int:
        """Changes other seats wrote (the room sync): fold them in, publish what changed, arm the
        deadlines of records new here. Returns how many changed the board."""
        changed = 0
        for e in entries:
            known = e.ref in self.board.broadcasts or e.ref in self.board.whistles
            try:
                effects = self.board.apply(e)
            except ValueError as exc:
                log.warning("room log %s (%s %s) not applied: %s", e.id, e.kind, e.ref, exc)
                continue
            if effects:
                changed += 1
                self.announce(effects)
                if not known and e.ref is not None:
                    self.arm(e.ref)
        return changed

    def arm(self, ref: str | None = None) -> None:
        """Arm the acknowledgement / check-in deadlines of ``ref`` (default: every record): those ahead
        at their time, those passed and not yet acted on at once."""
        now = self.clock.now()
        for b in self.board.broadcasts.values() if ref is None else filter(None, [self.board.broadcasts.get(ref)]):
            if b.silent() and b.ack_by > now:
                self.clock.call_at(b.ack_by, partial(self._check_broadcast, b.id))
        for w in self.board.whistles.values() if ref is None else filter(None, [self.board.whistles.get(ref)]):
            if w.escalated:
                continue
            if w.checkin_by > now:
                self.clock.call_at(w.checkin_by, partial(self._on_checkin_deadline, w.id))
            elif w.overdue(now):
                self.clock.call_at(now, partial(self._on_checkin_deadline, w.id))

    # ---- plumbing ------------------------------------------------------------------------------
    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        spawn(coro, what="escalation step")

    def _send(self, command: commands.Command) -> None:
        self._spawn(self.decisions.send(command))

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

    def _event(self, event: Event | str) -> Event:
        eid = event if isinstance(event, str) else event.id
        ev = self.room.get(eid)
        if ev is None:
            if isinstance(event, Event):
                return event
            raise DecisionRefused("not_live", event_id=eid)
        return ev

    # ---- escalation ----------------------------------------------------------------------------
    def on_breach(self, event: Event, deadline: Deadline) -> None:
        """A deadline passed: move the event one tier up (street command for major/critical)."""
        self._spawn(self._on_breach(event, deadline))

    async def _on_breach(self, event: Event, deadline: Deadline) -> None:
        ev = self.room.get(event.id) or event
        current = next_deadline(ev, self.table)
        if current is None or current.kind is not deadline.kind:
            return  # the event moved on since the breach was due
        reason = f"sla_breach:{deadline.kind.value}"
        escalated = await self._escalate(ev, None, SYSTEM, reason, None,
                                         {"stage": deadline.kind.value, "deadline": deadline.at.isoformat()})
        if deadline.kind in _DEPARTMENT_STAGES and ev.assignees:
            # overdue work with a department is supervised (督办): the department is reminded
            await self.supervise((escalated or ev).id, f"超时督办：{_STAGE_ZH[deadline.kind]}超时", SYSTEM)

    async def escalate(self, event: Event | str, note: str | None, officer: str | None = None) -> Event | None:
        """一键上报: push the event up to the street command (from the street: to the district).
        None when the event is already at the top tier."""
        ev = self._event(event)
        tier = self.tier(ev)
        target = Tier.STREET if tier < Tier.STREET else escalation_target(tier, ev.level)
        return await self._escalate(ev, target, officer, "manual", note)

    async def _escalate(self, ev: Event, target: Tier | None, actor: str | None, reason: str, note: str | None,
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
        plan = self.decisions.plan_escalate(ev.id, from_tier=src, to_tier=to, reason=reason, note=note,
                                            extra_data=extra, actor=actor)
        new = await self.decisions.execute(plan)
        self.escalations += 1
        self.bus.publish("event_escalated", event=new, from_tier=src.label, to_tier=to.label, reason=reason)
        return new

    # ---- 督办 ---------------------------------------------------------------------------------------
    async def supervise(self, event: Event | str, note: str, officer: str | None = None) -> Event:
        """Mark the event supervised and remind its department(s) through the hub."""
        eid = event if isinstance(event, str) else event.id
        new = await self.decisions.execute(self.decisions.plan_supervise(eid, note, actor=officer))
        self.bus.publish("event_supervised", event=new, officer=officer or self.decisions.officer, note=note)
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
        self.decisions.permit("broadcast")  # a role that may not (wall, trainer on a live room) is refused
        grid_ids = list(targets) if targets else self.all_target_grids()
        now = self.clock.now()
        created = Broadcast.create(self._seq_id("bc"), instruction, grid_ids, officer, now, self.table.broadcast_ack,
                                   event_id)
        self._change("broadcast_sent", created.id, now, officer, broadcast=dump_broadcast(created))
        b = self.broadcasts[created.id]
        if event_id is not None and self.room.get(event_id) is not None:
            self._spawn(self.decisions.execute(self.decisions.plan_log(
                event_id, "broadcast", instruction, actor=officer, broadcast_id=b.id, grids=len(b.acks))))
        self._send(commands.broadcast(event_id, broadcast_id=b.id, instruction=instruction, grid_ids=list(b.acks),
                                      ack_by=b.ack_by, resend=False, officer=officer, seat=self.seat))
        self.clock.call_at(b.ack_by, partial(self._check_broadcast, b.id))
        return b

    def acknowledge(self, broadcast_id: str, grid_id: str, at: datetime | None = None) -> Broadcast:
        b = self._broadcast(broadcast_id)
        if grid_id not in b.acks:
            raise KeyError(f"grid {grid_id!r} is not a target of broadcast {b.id}")
        if b.acks[grid_id] is None:
            when = at or self.clock.now()
            self._change("broadcast_acknowledged", b.id, self.clock.now(), grid_id, grid_id=grid_id,
                         at=when.isoformat())
        return b

    def resend_to_silent(self, broadcast_id: str) -> list[str]:
        b = self._broadcast(broadcast_id)
        silent = b.silent()
        if silent:
            self._send(commands.broadcast(b.event_id, broadcast_id=b.id, instruction=b.instruction, grid_ids=silent,
                                          ack_by=b.ack_by, resend=True, officer=b.officer, seat=self.seat))
            self._change("broadcast_resent", b.id, self.clock.now(), self.decisions.officer, grid_ids=silent)
        return silent

    def _broadcast(self, broadcast_id: str) -> Broadcast:
        try:
            return self.broadcasts[broadcast_id]
        except KeyError:
            raise KeyError(f"no broadcast {broadcast_id!r}") from None

    def _check_broadcast(self, broadcast_id: str) -> None:
        b = self.broadcasts.get(broadcast_id)
        if b is not None and b.silent() and b.id not in self.board.overdue and self.acts_on_deadlines():
            self._change("broadcast_overdue", b.id, self.clock.now(), SYSTEM, silent=b.silent())

    # ---- 吹哨报到 -----------------------------------------------------------------------------------
    async def whistle(self, event: Event | str, department_ids: list[str], note: str,
                      officer: str | None = None) -> Whistle:
        eid = event if isinstance(event, str) else event.id
        now = self.clock.now()
        wid = self._seq_id("wh")
        checkin_by = now + self.table.whistle_checkin
        await self.decisions.execute(self.decisions.plan_whistle(eid, department_ids, note, whistle_id=wid,
                                                                 checkin_by=checkin_by))
        created = Whistle.create(wid, eid, department_ids, note.strip(), officer or self.decisions.officer, now,
                                 self.table.whistle_checkin)
        self._change("whistle_blown", wid, now, created.officer, whistle=dump_whistle(created))
        w = self.whistles[wid]
        self.clock.call_at(w.checkin_by, partial(self._on_checkin_deadline, w.id))
        return w

    def check_in(self, whistle_id: str, department_id: str, at: datetime | None = None) -> Whistle:
        w = self._whistle(whistle_id)
        s = w._summons(department_id)
        now = at or self.clock.now()
        if s.checked_in_at is None:
            self._change("whistle_checked_in", w.id, self.clock.now(), department_id, department_id=department_id,
                         at=now.isoformat())
            self._log_on_event(w, "check_in", department_id, None, {"in_time": now <= w.checkin_by})
        return w

    def report_progress(self, whistle_id: str, department_id: str, note: str, at: datetime | None = None) -> Whistle:
        w = self._whistle(whistle_id)
        w._summons(department_id)
        now = at or self.clock.now()
        self._change("whistle_progress", w.id, self.clock.now(), department_id, department_id=department_id,
                     note=note, at=now.isoformat())
        self._log_on_event(w, "progress", department_id, note, {})
        return w

    def _on_checkin_deadline(self, whistle_id: str) -> None:
        self.check_whistle(whistle_id)

    def check_whistle(self, whistle_id: str) -> list[str]:
        """Departments missing at the check-in deadline go red; the event escalates once."""
        w = self._whistle(whistle_id)
        missing = w.overdue(self.clock.now())
        if not missing or not self.acts_on_deadlines():
            return []
        escalate = not w.escalated
        self._change("whistle_red", w.id, self.clock.now(), SYSTEM, department_ids=missing, escalated=True)
        if escalate:
            ev = self.room.get(w.event_id)
            if ev is not None:
                self._spawn(self._escalate(ev, None, SYSTEM, "whistle_no_show", None,
                                           {"whistle_id": w.id, "departments": missing}))
        return missing

    def _whistle(self, whistle_id: str) -> Whistle:
        try:
            return self.whistles[whistle_id]
        except KeyError:
            raise KeyError(f"no whistle {whistle_id!r}") from None

    def _log_on_event(self, w: Whistle, kind: str, department_id: str, note: str | None, data: dict) -> None:
        if self.room.get(w.event_id) is None:
            return
        self._spawn(self.decisions.execute(self.decisions.plan_log(
            w.event_id, kind, note, actor=department_id, whistle_id=w.id, **data)))
