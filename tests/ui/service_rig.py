"""The real services under the views for UI tests: bus, room, SLA clock on a fake clock, the one
decision path over an in-memory SQLite store, and the escalation service."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from console.domain.district import load_district
from console.domain.event import Event, Source, State
from console.domain.sla import default_table
from console.net.commands import Command
from console.services.bus import Bus
from console.services.decisions import DecisionService, drive
from console.services.escalation import EscalationService
from console.services.room import Room
from console.services.sla_clock import FakeClock, SlaClock
from console.store import open_store

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 09:00 in Asia/Shanghai
DISTRICT = load_district("resources/demo")
MICRO = DISTRICT.grids_at_level(4)[0].id


class ServiceRig:
    """Decisions the widgets start run as they do in the console: committed on a worker thread of
    the running loop. The rig's own set-up steps (``dispatch``, ``verify``) run inline."""

    def __init__(self, *, start_clock: bool = False, officer: str = "officer-li") -> None:
        self.clock = FakeClock(T0)
        self.bus = Bus()
        self.room = Room(self.bus, clock=self.clock.now)
        self.store = open_store("sqlite://")
        self.table = default_table()
        self.sla = SlaClock(self.bus, self.table, self.clock)
        self.sla.attach()
        if start_clock:
            self.sla.start()
        self.commands: list[tuple[str, str | None, dict]] = []
        self.decisions = DecisionService(self.store, self.room, self.bus, DISTRICT, table=self.table, seat="seat-1",
                                         officer=officer, send_command=self._send, clock=self.clock.now)
        self.esc = EscalationService(self.bus, self.decisions, self.table, self.clock, district=DISTRICT,
                                     auto=False)
        self.tasks: list[asyncio.Future] = []

    def _send(self, command: Command) -> tuple[bool, str | None]:
        self.commands.append((command.action, command.event_id, command.payload))
        return True, None

    def run_task(self, coro: Any) -> asyncio.Future:
        fut = asyncio.ensure_future(coro)
        self.tasks.append(fut)
        return fut

    def now(self, coro: Any) -> Any:
        """Run a service coroutine to its end here (set-up steps of a test)."""
        inline, self.decisions.inline = self.decisions.inline, True
        try:
            return drive(coro)
        finally:
            self.decisions.inline = inline

    def event(self, eid: str = "e1", state: State = State.NEW, title: str = "暴露垃圾", **kw: Any) -> Event:
        now = self.clock.now()
        ev = Event(id=eid, source=Source.GRID_APP, category="unclassified", title=title, reported_at=now,
                   received_at=now, grid_id=kw.pop("grid_id", MICRO), state=state, **kw)
        self.store.events.insert_many([ev])
        self.room.upsert([ev])
        return ev

    def dispatch(self, eid: str, units: list[str]) -> Event:
        return self.now(self.decisions.dispatch(eid, units, "请处置"))

    def verify(self, eid: str, passed: bool = True, note: str | None = None) -> Event:
        return self.now(self.decisions.verify(eid, passed, note))
