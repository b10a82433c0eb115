"""Shift simulator: a scenario played through the real services on an accelerated clock (issue 7).

A discrete-event loop on a :class:`FakeClock` — nothing waits. Events arrive at their scenario
offsets into the Room; the real SLA clock fires warnings and breaches, the real escalation
service escalates, the real closed loop applies every step through the lifecycle. The field
units answer dispatches like the hub's simulator (``console.net.simulator``): after
``SimConfig.accept_s`` a share ``return_share`` returns the event "not ours", the others sign
for it, arrive after ``on_scene_s`` and resolve after ``resolve_s`` (uniform ranges).

Officer policies:

- ``none``: nobody at the seat — no dispatch, no verification;
- ``suggested``: ``delay`` seconds after an event needs dispatching (arrival, return,
  escalation, failed check) the officer dispatches it to the suggested department; resolved
  events are verified (核查) after ``verify_s`` and closed (a share ``verify_fail_share`` fails
  and goes back to the department).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from console.domain.categories import DEFAULT_DEPARTMENT
from console.domain.event import Action, Event, State
from console.domain.ingest import StatusUpdate
from console.domain.kpi import columns_from_events, kpis
from console.domain.sla import SlaTable
from console.domain.suggest import suggest_department
from console.net.simulator import SimConfig
from console.services.bus import Bus
from console.services.closed_loop import ClosedLoop, LoopError
from console.services.escalation import DistrictLike, EscalationService
from console.services.room import Room
from console.services.sla_clock import FakeClock, SlaClock

POLICIES = ("none", "suggested")
OFFICER = "sim-officer"
SEAT = "sim-seat"
_NEEDS_DISPATCH = frozenset({State.NEW, State.FILED, State.RETURNED, State.ESCALATED, State.REOPENED})
RESULT_KEYS = (
    "closure_rate",
    "on_time_rate",
    "onsite_disposal_rate",
    "avg_handling_min",
    "dispatch_p90_s",
    "dispatch_within_60s_rate",
    "dept_response_rate",
    "escalations",
    "events",
)


@dataclass(slots=True)
class ShiftConfig:
    policy: str = "suggested"
    delay_s: float = 20.0
    verify_s: tuple[float, float] = (60.0, 600.0)
    verify_fail_share: float = 0.03
    seed: int = 1
    field: SimConfig = field(default_factory=SimConfig)


class _Events:
    def __init__(self, inner: Any, latest: dict[str, Event]) -> None:
        self._inner = inner
        self._latest = latest

    def insert(self, events: Sequence[Event]) -> None:
        for ev in events:
            self._latest[ev.id] = ev
        if self._inner is not None:
            self._inner.upsert_many(list(events))

    def update_many(self, events: Sequence[Event]) -> None:
        for ev in events:
            self._latest[ev.id] = ev
        if self._inner is not None:
            self._inner.update_many(list(events))


class _Actions:
    def __init__(self, inner: Any, log: list[Action]) -> None:
        self._inner = inner
        self._log = log

    def append_many(self, actions: Sequence[Action]) -> None:
        self._log.extend(actions)
        if self._inner is not None:
            self._inner.append_many(list(actions))


class RecordingStore:
    """Keeps the latest version of every event and the whole action log (for the KPIs) and
    forwards writes to a real store when one is given."""

    def __init__(self, store: Any = None) -> None:
        self.latest: dict[str, Event] = {}
        self.log: list[Action] = []
        self.events = _Events(store.events if store is not None else None, self.latest)
        self.actions = _Actions(store.actions if store is not None else None, self.log)


class Shift:
    """One simulated shift; build, then :meth:`run`."""

    def __init__(self, stream: Iterable[tuple[float, Event]], *, start: datetime, hours: float, table: SlaTable,
                 config: ShiftConfig | None = None, store: Any = None, district: DistrictLike | None = None) -> None:
        self.cfg = config or ShiftConfig()
        if self.cfg.policy not in POLICIES:
            raise ValueError(f"unknown policy {self.cfg.policy!r}; choose one of {', '.join(POLICIES)}")
        self.start = start
        self.end = start + timedelta(hours=hours)
        self.table = table
        self.rng = random.Random(self.cfg.seed)
        self.clock = FakeClock(start)
        self.bus = Bus()
        self.room = Room(self.bus, clock=self.clock.now)
        self.store = RecordingStore(store)
        self.loop = ClosedLoop(self.bus, self.room, self.store, table=table, clock=self.clock.now, seat=SEAT)
        self.sla = SlaClock(self.bus, table, self.clock)
        self.sla.attach()
        self.escalation = EscalationService(self.bus, self.loop, table, self.clock, district=district, seat=SEAT)
        self.warnings = 0
        self.breaches = 0
        self.bus.subscribe("sla_warning", self._on_warning)
        self.bus.subscribe("sla_breach", self._on_breach)
        self.bus.subscribe("events_added", self._on_events)
        self.bus.subscribe("events_changed", self._on_events)
        self._seq = 0
        self._pending_dispatch: set[str] = set()
        self._pending_verify: set[str] = set()
        for offset, ev in stream:
            at = start + timedelta(seconds=offset)
            if at >= self.end:
                break
            self.clock.call_at(at, partial(self._arrive, ev))

    # ---- bus handlers --------------------------------------------------------------------------
    def _on_warning(self, event: Event, deadline: Any) -> None:
        self.warnings += 1

    def _on_breach(self, event: Event, deadline: Any) -> None:
        self.breaches += 1

    def _on_events(self, events: list[Event]) -> None:
        if self.cfg.policy == "none":
            return
        for ev in events:
            if ev.state in _NEEDS_DISPATCH and ev.id not in self._pending_dispatch:
                self._pending_dispatch.add(ev.id)
                self.clock.call_later(self.cfg.delay_s, partial(self._officer_dispatch, ev.id))
            elif ev.state is State.RESOLVED and ev.id not in self._pending_verify:
                self._pending_verify.add(ev.id)
                self.clock.call_later(self.rng.uniform(*self.cfg.verify_s), partial(self._verify, ev.id))

    # ---- actors --------------------------------------------------------------------------------
    def _arrive(self, ev: Event) -> None:
        now = self.clock.now()
        ev = ev.copy(received_at=now, updated_at=now)
        if ev.state is State.RESOLVED and ev.resolved_at is None:
            ev = ev.copy(resolved_at=now)
        self.store.events.insert([ev])
        self.room.upsert([ev])

    def _officer_dispatch(self, event_id: str) -> None:
        self._pending_dispatch.discard(event_id)
        ev = self.room.get(event_id)
        if ev is None or ev.state not in _NEEDS_DISPATCH:
            return
        returned = ev.state is State.RETURNED or "returned_reason" in ev.extra
        dept = DEFAULT_DEPARTMENT if returned else suggest_department(ev.category)
        ev = self.loop.dispatch(ev, [dept], OFFICER, "按建议派遣")
        self._field_work(ev.id, dept)

    def _verify(self, event_id: str) -> None:
        self._pending_verify.discard(event_id)
        ev = self.room.get(event_id)
        if ev is None or ev.state is not State.RESOLVED:
            return
        passed = self.rng.random() >= self.cfg.verify_fail_share
        ev = self.loop.verify(ev, passed, OFFICER, "核查通过" if passed else "核查未通过，退回重办")
        if not passed:
            self._field_work(ev.id, ev.assignees[0] if ev.assignees else DEFAULT_DEPARTMENT)

    def _field_work(self, event_id: str, unit: str) -> None:
        """The hub simulator's field behaviour, on the fake clock."""
        f, rng = self.cfg.field, self.rng
        t = rng.uniform(*f.accept_s)
        if rng.random() < f.return_share:
            self._status_at(t, event_id, State.RETURNED, unit, "非本单位职责，请重新派遣 (not ours)")
            return
        self._status_at(t, event_id, State.ACCEPTED, unit, None)
        t += rng.uniform(*f.on_scene_s)
        self._status_at(t, event_id, State.ON_SCENE, unit, None)
        t += rng.uniform(*f.resolve_s)
        self._status_at(t, event_id, State.RESOLVED, unit, "已处置完毕")

    def _status_at(self, delay_s: float, event_id: str, state: State, unit: str, note: str | None) -> None:
        def apply() -> None:
            self._seq += 1
            st = StatusUpdate(self._seq, event_id, state, unit, self.clock.now(), note)
            try:
                self.loop.apply_feedback(st)
            except LoopError:
                pass  # the event left the loop meanwhile (e.g. suspended): the status is stale

        self.clock.call_later(delay_s, apply)

    # ---- run -----------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        wall = time.perf_counter()
        self.sla.start()
        self.clock.run_until(self.end)
        self.sla.stop()
        events = list(self.store.latest.values())
        cols = columns_from_events(events, self.store.log, self.table)
        k = kpis(cols, self.start, self.end, now=self.end)
        out: dict[str, Any] = {key: k.get(key) for key in RESULT_KEYS if key in k}
        out["escalations"] = self.escalation.escalations
        out["events"] = len(events)
        out.update(
            dispatch_median_s=k["dispatch_median_s"],
            resolved_24h_rate=k["resolved_24h_rate"],
            sla_warnings=self.warnings,
            sla_breaches=self.breaches,
            actions=len(self.store.log),
            policy=self.cfg.policy,
            delay_s=self.cfg.delay_s,
            simulated_hours=(self.end - self.start).total_seconds() / 3600.0,
            wall_s=round(time.perf_counter() - wall, 3),
        )
        return {key: _round(v) for key, v in out.items()}


def _round(v: Any) -> Any:
    return round(v, 4) if isinstance(v, float) else v
