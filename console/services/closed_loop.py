"""The closed loop (闭环): dispatch, department feedback, verification, closure, reopen, suspension.

Every step goes through :func:`console.domain.lifecycle.transition` and is logged as an
:class:`Action` with the officer (or unit) and the seat. Changed events get their current SLA
deadline in ``deadline_at``, are persisted through a store-like object (``events.update_many``,
``actions.append_many``) and applied to the :class:`Room` (which the SLA clock follows).

Published on the bus: ``actions_appended(actions: list[Action])`` after each step. With a
``send_command(action, event_id, payload)`` wired, ``dispatch`` and a passed verification also
send the hub ``dispatch`` / ``close`` commands.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol

from console.domain.event import Action, Event, State, utcnow
from console.domain.ingest import StatusUpdate
from console.domain.lifecycle import IllegalTransition, can_transition, transition
from console.domain.sla import SlaTable, Stage, add_pause, mark_stage_start, next_deadline
from console.services.bus import Bus
from console.services.room import Room

log = logging.getLogger(__name__)

FEEDBACK_STATES = frozenset({State.ACCEPTED, State.ON_SCENE, State.RESOLVED, State.RETURNED})
SUSPENSION_KEY = "suspension"  # Event.extra: {"from", "since", "until", "approved_by", "reason"}


class _EventWriter(Protocol):
    def update_many(self, events: Sequence[Event]) -> None: ...


class _ActionWriter(Protocol):
    def append_many(self, actions: Sequence[Action]) -> None: ...


class StoreLike(Protocol):
    @property
    def events(self) -> _EventWriter: ...

    @property
    def actions(self) -> _ActionWriter: ...


class LoopError(ValueError):
    """A closed-loop step that does not apply to the event as it stands."""


class ClosedLoop:
    def __init__(
        self,
        bus: Bus,
        room: Room,
        store: StoreLike | None = None,
        *,
        table: SlaTable | None = None,
        clock: Callable[[], datetime] = utcnow,
        seat: str | None = None,
        send_command: Callable[[str, str | None, dict[str, Any]], Any] | None = None,
    ) -> None:
        self.bus = bus
        self._send = send_command
        self._tasks: set[asyncio.Future[Any]] = set()
        self.room = room
        self.store = store
        self.table = table
        self.clock = clock
        self.seat = seat
        bus.subscribe("sla_table_reloaded", self._on_table)

    def _on_table(self, table: SlaTable) -> None:
        self.table = table  # a live-reloaded table (published by the SLA clock)

    # ---- plumbing ------------------------------------------------------------------------------
    def current(self, event: Event | str) -> Event:
        """The room's latest version of the event (the argument itself if the room lacks it)."""
        eid = event if isinstance(event, str) else event.id
        live = self.room.get(eid)
        if live is not None:
            return live
        if isinstance(event, str):
            raise LoopError(f"event {eid} is not in the room")
        return event

    def commit(self, events: Sequence[Event], actions: Sequence[Action]) -> list[Event]:
        """Stamp deadlines, persist, update the room and announce the actions."""
        out = []
        for ev in events:
            if self.table is not None:
                dl = next_deadline(ev, self.table)
                ev = ev.copy(deadline_at=dl.at if dl else None)
            out.append(ev)
        if self.store is not None:
            self.store.events.update_many(out)
            if actions:
                self.store.actions.append_many(list(actions))
        self.room.upsert(out)
        if actions:
            self.bus.publish("actions_appended", actions=list(actions))
        return out

    def command(self, action: str, event_id: str, payload: dict[str, Any]) -> None:
        """``send_command(action, event_id, payload)`` to the hub when a sender is wired."""
        if self._send is None:
            return
        result = self._send(action, event_id, payload)
        if inspect.isawaitable(result):
            task = asyncio.ensure_future(result)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _step(self, ev: Event, dst: State, actor: str, at: datetime, note: str | None = None,
              data: dict | None = None, *, from_field: bool = False) -> tuple[Event, Action]:
        seat = None if from_field else self.seat  # field feedback comes from no console seat
        try:
            return transition(ev, dst, actor=actor, at=at, seat=seat, note=note, data=data)
        except IllegalTransition as exc:
            raise LoopError(str(exc)) from None

    # ---- dispatch ------------------------------------------------------------------------------
    def dispatch(self, event: Event | str, department_ids: list[str], officer: str, note: str | None = None,
                 *, at: datetime | None = None) -> Event:
        """派遣 to one or more departments (also re-dispatch after a return or failed check)."""
        if not department_ids:
            raise LoopError("dispatch needs at least one department")
        ev = self.current(event)
        now = at or self.clock()
        ev, act = self._step(ev, State.DISPATCHED, officer, now, note, {"departments": list(department_ids)})
        extra = mark_stage_start(ev.extra, Stage.SIGN, now)
        ev = ev.copy(assignees=list(department_ids), extra=extra)
        dispatch = Action(ev.id, now, "dispatch", officer, self.seat, None, None, note,
                          {"departments": list(department_ids)})
        out = self.commit([ev], [act, dispatch])[0]
        self.command("dispatch", out.id, {"assignees": list(department_ids), "department_id": department_ids[0],
                                          "note": note, "officer": officer})
        return out

    # ---- feedback (from departments / grid workers) ----------------------------------------------
    def apply_feedback(self, status: StatusUpdate, *, photo: str | None = None) -> Event | None:
        """Apply a department's status; None when it does not apply (stale, out of order)."""
        if status.state not in FEEDBACK_STATES:
            raise LoopError(f"{status.state.value} is not department feedback")
        ev = self.room.get(status.event_id)
        if ev is None or not can_transition(ev.state, status.state):
            log.info("feedback %s for %s ignored (event %s)", status.state.value, status.event_id,
                     "unknown" if ev is None else ev.state.value)
            return None
        actor = status.unit_id or "unit"
        data: dict[str, Any] = {"unit_id": status.unit_id, "seq": status.seq}
        if photo:
            data["photo"] = photo
        new, act = self._step(ev, status.state, actor, status.at, status.note, data, from_field=True)
        if status.state is State.RETURNED:
            # "not ours": back to triage, with the reason, and no longer with that department
            extra = mark_stage_start(new.extra, Stage.DISPATCH, status.at)
            extra["returned_reason"] = status.note or ""
            new = new.copy(assignees=[], extra=extra)
        elif status.state is State.RESOLVED and photo:
            new = new.copy(extra={**new.extra, "resolution_photo": photo})
        return self.commit([new], [act])[0]

    # ---- verification, closure, reopen --------------------------------------------------------------
    def verify(self, event: Event | str, passed: bool, officer: str, note: str | None = None,
               *, at: datetime | None = None) -> Event:
        """核查: pass → verified → closed; fail → back to the department (dispatched)."""
        ev = self.current(event)
        now = at or self.clock()
        if ev.state is not State.RESOLVED:
            raise LoopError(f"event {ev.id} is {ev.state.value}, only resolved events are verified")
        if passed:
            ev, a1 = self._step(ev, State.VERIFIED, officer, now, note, {"passed": True})
            ev, a2 = self._step(ev, State.CLOSED, officer, now, note)
            out = self.commit([ev], [a1, a2])[0]
            self.command("close", out.id, {"officer": officer, "note": note})
            return out
        ev, act = self._step(ev, State.DISPATCHED, officer, now, note, {"passed": False})
        ev = ev.copy(resolved_at=None, extra=mark_stage_start(ev.extra, Stage.SIGN, now))
        return self.commit([ev], [act])[0]

    def reopen(self, event: Event | str, officer: str, reason: str, *, at: datetime | None = None) -> Event:
        ev = self.current(event)
        now = at or self.clock()
        ev, act = self._step(ev, State.REOPENED, officer, now, reason)
        ev = ev.copy(extra=mark_stage_start(ev.extra, Stage.DISPATCH, now))
        return self.commit([ev], [act])[0]

    # ---- suspension (延期) ---------------------------------------------------------------------------
    def suspend(self, event: Event | str, until: datetime, approved_by: str, reason: str,
                officer: str | None = None, *, at: datetime | None = None) -> Event:
        """Approved suspension: the SLA clock stops until ``resume``."""
        if not approved_by:
            raise LoopError("a suspension needs the approver")
        ev = self.current(event)
        now = at or self.clock()
        if until <= now:
            raise LoopError("a suspension must end in the future")
        data = {"until": until.isoformat(), "approved_by": approved_by, "reason": reason}
        src = ev.state
        ev, act = self._step(ev, State.SUSPENDED, officer or approved_by, now, reason, data)
        extra = dict(ev.extra)
        extra[SUSPENSION_KEY] = {"from": src.value, "since": now.isoformat(), **data}
        return self.commit([ev.copy(extra=extra)], [act])[0]

    def resume(self, event: Event | str, officer: str, note: str | None = None,
               *, at: datetime | None = None) -> Event:
        """End a suspension: back to the state it was suspended from; deadlines move by the pause."""
        ev = self.current(event)
        now = at or self.clock()
        info = ev.extra.get(SUSPENSION_KEY)
        if ev.state is not State.SUSPENDED or not isinstance(info, dict):
            raise LoopError(f"event {ev.id} is not suspended")
        dst = State(info["from"])
        if not can_transition(State.SUSPENDED, dst):
            dst = State.DISPATCHED if ev.assignees else State.FILED
        since = datetime.fromisoformat(info["since"])
        ev, act = self._step(ev, dst, officer, now, note, {"paused_s": (now - since).total_seconds()})
        extra = add_pause(ev.extra, since, now)
        extra.pop(SUSPENSION_KEY, None)
        return self.commit([ev.copy(extra=extra)], [act])[0]
