"""The scripted duty officer (issue 11): works the room through the one decision path, as the GUI would.

Policies:

- ``none``: nobody at the seat — no dispatch, no verification;
- ``suggested``: ``delay_s`` after an event needs a dispatch (arrival, return, escalation, reopen,
  failed check) the officer claims it and dispatches it to the suggested department; work that
  came back "not ours" (退回) goes to the next suggestion not yet tried, and when every suggestion
  was tried the event is rejected with the reason; resolved work is verified (核查) after
  ``verify_delay()`` seconds, passing unless ``verify_passes()`` says otherwise.

The same class drives the headless ``python main.py officer`` against a live hub (asyncio loop,
decisions committed on worker threads) and the shift simulator (a fake clock, an inline decision
service): only ``call_later`` and the decision service's mode differ. It is the load generator and
the training baseline of later work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from console.domain.categories import DEFAULT_DEPARTMENT
from console.domain.decisions import DISPATCHABLE
from console.domain.event import Event, State
from console.domain.suggest import suggest_department
from console.services.bus import Bus
from console.services.decisions import DecisionRefused, DecisionService, spawn
from console.services.triage import TriageService

log = logging.getLogger(__name__)
POLICIES = ("none", "suggested")
INSTRUCTION = "按建议派遣，请及时到场核实处置"


@dataclass
class OfficerStats:
    dispatched: int = 0
    redispatched: int = 0
    verified: int = 0
    failed_checks: int = 0
    rejected: int = 0
    refused: int = 0  # decisions another seat (or the feed) made first
    skipped_claimed: int = 0
    errors: list[str] = field(default_factory=list)


class ScriptedOfficer:
    def __init__(
        self,
        decisions: DecisionService,
        triage: TriageService,
        bus: Bus,
        *,
        policy: str = "suggested",
        delay_s: float = 20.0,
        call_later: Callable[[float, Callable[[], None]], Any],
        verify_delay: Callable[[], float] = lambda: 30.0,
        verify_passes: Callable[[Event], bool] = lambda ev: True,
    ) -> None:
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
        self.decisions = decisions
        self.triage = triage
        self.room = decisions.room
        self.policy = policy
        self.delay_s = delay_s
        self.call_later = call_later
        self.verify_delay = verify_delay
        self.verify_passes = verify_passes
        self.stats = OfficerStats()
        self.tried: dict[str, list[str]] = {}  # event id → units dispatched so far, in order
        self._pending_dispatch: set[str] = set()
        self._pending_verify: set[str] = set()
        if policy != "none":
            for name in ("events_added", "events_changed", "events_loaded"):
                bus.subscribe(name, self.on_events)
            bus.subscribe("events_removed", self.on_removed)

    @property
    def busy(self) -> bool:
        """Decisions scheduled and not taken yet."""
        return bool(self._pending_dispatch or self._pending_verify)

    def on_events(self, events: list[Event]) -> None:
        for ev in events:
            if ev.state in DISPATCHABLE and ev.id not in self._pending_dispatch:
                self._pending_dispatch.add(ev.id)
                self.call_later(self.delay_s, partial(self._start, self._dispatch, ev.id, "officer dispatch"))
            elif ev.state is State.RESOLVED and ev.id not in self._pending_verify:
                self._pending_verify.add(ev.id)
                self.call_later(self.verify_delay(), partial(self._start, self._verify, ev.id, "officer check"))

    def on_removed(self, ids: list[str]) -> None:
        """Closed or rejected: forget the units tried (kept forever, they grew with every event
        of a shift; measured by the soak). A reopened event starts a new round of suggestions."""
        for eid in ids:
            self.tried.pop(eid, None)

    @staticmethod
    def _start(step: Callable[[str], Coroutine[Any, Any, None]], event_id: str, what: str) -> None:
        spawn(step(event_id), what=what)

    # ---- choices --------------------------------------------------------------------------------
    def candidates(self, ev: Event) -> list[str]:
        """Units in the order of the suggestion: the suggested department, the departments of the
        other likely categories, the on-duty grid worker, then the 综治 office."""
        out: list[str] = []
        try:
            s = self.triage.suggest(ev.id)
        except DecisionRefused:
            s = None
        if s is not None:
            out.extend(s.targets)
            out.extend(suggest_department(code) for code, _score, _why in s.alternatives)
            if s.assignee_id:
                out.append(s.assignee_id)
        else:
            out.append(suggest_department(ev.category))
        out.append(DEFAULT_DEPARTMENT)
        active = [u for u in dict.fromkeys(out) if self.decisions.unit_name(u) is not None]
        return active

    # ---- steps ----------------------------------------------------------------------------------
    async def _dispatch(self, event_id: str) -> None:
        self._pending_dispatch.discard(event_id)
        ev = self.room.get(event_id)
        if ev is None or ev.state not in DISPATCHABLE:
            return
        holder = await self.decisions.claim(event_id)
        if holder is not None:
            self.stats.skipped_claimed += 1
            return
        tried = self.tried.setdefault(event_id, [])
        fresh = [u for u in self.candidates(ev) if u not in tried]
        try:
            if not fresh:
                await self.decisions.reject(event_id, "多个责任单位均退回：" + "、".join(
                    self.decisions.unit_name(u) or u for u in tried) + "，不予立案，转线下协调")
                self.stats.rejected += 1
                await self.decisions.release(event_id)
                return
            unit = fresh[0]
            tried.append(unit)
            await self.decisions.dispatch(event_id, [unit], INSTRUCTION)
            if len(tried) > 1:
                self.stats.redispatched += 1
            else:
                self.stats.dispatched += 1
        except DecisionRefused as exc:
            self.stats.refused += 1
            log.info("officer: %s not decided: %s", event_id, exc)
            await self.decisions.release(event_id)

    async def _verify(self, event_id: str) -> None:
        self._pending_verify.discard(event_id)
        ev = self.room.get(event_id)
        if ev is None or ev.state is not State.RESOLVED:
            return
        passed = self.verify_passes(ev)
        try:
            await self.decisions.verify(event_id, passed, "核查通过" if passed else "核查未通过，退回重办")
        except DecisionRefused as exc:
            self.stats.refused += 1
            log.info("officer: %s not verified: %s", event_id, exc)
            return
        if passed:
            self.stats.verified += 1
        else:
            self.stats.failed_checks += 1
