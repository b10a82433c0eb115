"""Shared wiring for the SLA / escalation / closed-loop service tests (fake clock, fake store)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from console.domain.categories import CATEGORIES
from console.domain.event import Action, Event, Level, Source, State
from console.domain.sla import SlaTable, parse_sla
from console.services.bus import Bus
from console.services.closed_loop import ClosedLoop
from console.services.escalation import EscalationService
from console.services.room import Room
from console.services.sla_clock import FakeClock, SlaClock

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


@dataclass
class _Repo:
    rows: list[Any] = field(default_factory=list)

    def update_many(self, events: Sequence[Event]) -> None:
        self.rows.extend(events)

    def append_many(self, actions: Sequence[Action]) -> None:
        self.rows.extend(actions)


class FakeStore:
    def __init__(self) -> None:
        self.events = _Repo()
        self.actions = _Repo()


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
    def __init__(self, start: datetime = T0, *, auto: bool = True) -> None:
        self.clock = FakeClock(start)
        self.bus = Bus()
        self.room = Room(self.bus, clock=self.clock.now)
        self.store = FakeStore()
        self.table = table()
        self.loop = ClosedLoop(self.bus, self.room, self.store, table=self.table, clock=self.clock.now, seat="seat-1")
        self.sla = SlaClock(self.bus, self.table, self.clock)
        self.sla.attach()
        self.sla.start()
        self.rec = Recorder(self.bus, self.clock, ("sla_warning", "sla_breach", "event_escalated"))
        self.commands: list[dict] = []
        self.esc = EscalationService(self.bus, self.loop, self.table, self.clock, send_command=self._send,
                                     seat="seat-1", auto=auto)

    def _send(self, action: str, event_id: str | None, payload: dict) -> None:
        self.commands.append({"action": action, "event_id": event_id, "payload": payload})

    def add(self, eid: str = "e1", *, category: str = "city.garbage", level: Level = Level.GENERAL,
            state: State = State.NEW, **kw: Any) -> Event:
        now = self.clock.now()
        ev = Event(id=eid, source=Source.GRID_APP, category=category, title="暴露垃圾", reported_at=now,
                   received_at=now, level=level, state=state, **kw)
        self.room.upsert([ev])
        return ev

    def actions(self, kind: str | None = None) -> list[Action]:
        return [a for a in self.store.actions.rows if kind is None or a.kind == kind]
