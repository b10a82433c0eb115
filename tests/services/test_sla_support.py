"""Shared wiring for the SLA / escalation / closed-loop service tests (fake clock, fake store)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from console.domain.categories import CATEGORIES
from console.domain.event import Action, Event, Level, Source, State
from console.domain.ingest import IngestBatch, StatusUpdate
from console.domain.sla import SlaTable, parse_sla
from console.net.commands import Command
from console.services.bus import Bus
from console.services.decisions import DecisionService, drive
from console.services.escalation import EscalationService
from console.services.room import Room
from console.services.sla_clock import FakeClock, SlaClock
from console.store import open_store

TABLE_TEXT = """\
[warning]
warn_ratio = 0.8

[escalation]
whistle_checkin = "30min"
broadcast_ack = "15min"

[levels.general]
dispatch = "60s"
sign = "30min"
arrive = "2h"
resolve = "24h"
close = "5d"

[levels.significant]
dispatch = "60s"
sign = "15min"
arrive = "1h"
resolve = "8h"
close = "3d"

[levels.major]
dispatch = "60s"
sign = "5min"
arrive = "30min"
resolve = "4h"
close = "2d"

[levels.critical]
dispatch = "60s"
sign = "3min"
arrive = "15min"
resolve = "2h"
close = "1d"

[categories."city.garbage"]
resolve = "4wh"
"""
# Monday 2026-11-23 09:00 Asia/Shanghai
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def table() -> SlaTable:
    return parse_sla(TABLE_TEXT, categories=frozenset(CATEGORIES))


class Recorder:
    """Collects bus publications as (name, event id, detail, time)."""

    def __init__(self, bus: Bus, clock: FakeClock, names: Sequence[str]) -> None:
        self.clock = clock
        self.seen: list[tuple[str, str, str, datetime]] = []
        for name in names:
            bus.subscribe(name, self._make(name))

    def _make(self, name: str):
        def cb(**payload: Any) -> None:
            ev = payload.get("event")
            if "deadline" in payload:
                detail = payload["deadline"].kind.value
            elif "to_tier" in payload:
                detail = f"{payload['from_tier']}->{payload['to_tier']}"
            else:
                detail = ""
            self.seen.append((name, ev.id if ev is not None else "", detail, self.clock.now()))

        self._keep = getattr(self, "_keep", [])
        self._keep.append(cb)
        return cb


class Rig:
    """Room, SLA clock, decision and escalation services on a fake clock over a real (in-memory)
    SQLite store; decisions run inline, so the services' coroutines are driven synchronously."""

    def __init__(self, start: datetime = T0, *, auto: bool = True, district: Any = None) -> None:
        self.clock = FakeClock(start)
        self.bus = Bus()
        self.room = Room(self.bus, clock=self.clock.now)
        self.store = open_store("sqlite://")
        self.table = table()
        self.sla = SlaClock(self.bus, self.table, self.clock)
        self.sla.attach()
        self.sla.start()
        self.rec = Recorder(self.bus, self.clock, ("sla_warning", "sla_breach", "event_escalated"))
        self.commands: list[dict] = []
        self.decisions = DecisionService(self.store, self.room, self.bus, district, table=self.table, seat="seat-1",
                                         officer="officer-li", send_command=self._send, clock=self.clock.now,
                                         inline=True)
        self.esc = EscalationService(self.bus, self.decisions, self.table, self.clock, district=district, auto=auto)

    def _send(self, command: Command) -> tuple[bool, str | None]:
        self.commands.append({"action": command.action, "event_id": command.event_id, "payload": command.payload})
        return True, None

    def do(self, coro: Any) -> Any:
        """Drive a service coroutine (inline decisions never suspend)."""
        return drive(coro)

    def add(self, eid: str = "e1", *, category: str = "city.garbage", level: Level = Level.GENERAL,
            state: State = State.NEW, **kw: Any) -> Event:
        now = self.clock.now()
        ev = Event(id=eid, source=Source.GRID_APP, category=category, title="暴露垃圾", reported_at=now,
                   received_at=now, level=level, state=state, **kw)
        self.store.events.insert_many([ev])
        self.room.upsert([ev])
        return ev

    def dispatch(self, eid: str, units: list[str], officer: str = "officer-li") -> Event:
        """The officer dispatches through the decision path."""
        return drive(self.decisions.dispatch(eid, units, f"{officer}：请处置"))

    def verify(self, eid: str, passed: bool, note: str | None = None) -> Event:
        return drive(self.decisions.verify(eid, passed, note))

    def status(self, eid: str, state: State, at: datetime, unit: str = "dept.sanitation",
               note: str | None = None) -> None:
        """Field feedback through the live status path (``Store.commit_ingest``)."""
        self._seq = getattr(self, "_seq", 0) + 1
        res = self.store.commit_ingest(IngestBatch(last_seq=self._seq, statuses=[
            StatusUpdate(self._seq, eid, state, unit, at, note)]), "rig", self.clock.now())
        self.room.apply_ingest(res)

    def actions(self, kind: str | None = None) -> list[Action]:
        return [a for a in self.store.actions.log() if kind is None or a.kind == kind]
