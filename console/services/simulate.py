"""Shift simulator: a scenario played through the real services on an accelerated clock (issue 7, 11).

A discrete-event loop on a :class:`FakeClock` — nothing waits. Events arrive at their scenario
offsets and are committed like feed records (``Store.commit_ingest``); the real SLA clock fires
warnings and breaches, the real escalation service escalates, and every officer decision goes
through the one decision path (:class:`DecisionService`, inline on the fake clock) taken by the
:class:`~console.services.officer.ScriptedOfficer` — the same officer ``python main.py officer``
runs against a live hub. Dispatch commands are built by the one builder and answered by field units
that behave like the hub's simulator (``console.net.simulator``): the unit the command names signs
for the work after ``SimConfig.accept_s`` (a share ``return_share`` returns it "not ours"), arrives
after ``on_scene_s`` and resolves after ``resolve_s``; their statuses are committed through the live
status path. The store is an in-memory SQLite database unless one is given.

Officer policies: see :mod:`console.services.officer` (``none``, ``suggested``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from console.domain.event import Action, Event, State
from console.domain.ingest import IngestBatch, StatusUpdate
from console.domain.kpi import columns_from_events, kpis
from console.domain.roles import Account
from console.domain.sla import SlaTable
from console.net.commands import Command
from console.net.simulator import SimConfig
from console.services.bus import Bus
from console.services.decisions import DecisionService
from console.services.escalation import DistrictLike, EscalationService
from console.services.escalation_store import EscalationRecords
from console.services.officer import POLICIES, ScriptedOfficer
from console.services.room import Room
from console.services.sla_clock import FakeClock, SlaClock
from console.services.triage import TriageService
from console.store.room_log import RoomEntry

OFFICER = "sim-officer"
SEAT = "sim-seat"
CONSOLE_ID = "simulator"
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


class Shift:
    """One simulated shift; build, then :meth:`run`."""

    def __init__(self, stream: Iterable[tuple[float, Event]], *, start: datetime, hours: float, table: SlaTable,
                 config: ShiftConfig | None = None, store: Any = None, district: DistrictLike | None = None,
                 sla_source: tuple[str, str] | None = None, account: Account | None = None) -> None:
        """``sla_source``: (path, TOML text) of ``table``, recorded in the room log as the table in force
        (as the live console records it), so a replay of the shift uses the same deadlines.
        ``account``: who decides (its login and the seat go into every action; ``python main.py
        simulate`` signs in the demo officer or ``--user``); None: no sign-in (library use)."""
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
        if store is None:
            from console.store import open_store

            store = open_store("sqlite://")
        self.store = store
        self.sla = SlaClock(self.bus, table, self.clock)
        self.sla.attach()
        self.decisions = DecisionService(store, self.room, self.bus, district, table=table, seat=SEAT,
                                         officer=OFFICER, send_command=self._on_command, clock=self.clock.now,
                                         inline=True)
        if account is not None:
            self.decisions.sign_in(account)
        self.escalation = EscalationService(self.bus, self.decisions, table, self.clock, district=district)
        # broadcasts and whistles are recorded in the room log as on a live seat
        self.escalation_records = EscalationRecords(self.escalation, None, self.bus, room_log=store.room_log, seat=SEAT)
        self.sla_source = sla_source
        self.officer = ScriptedOfficer(
            self.decisions, TriageService(self.room, district), self.bus,  # type: ignore[arg-type]
            policy=self.cfg.policy, delay_s=self.cfg.delay_s,
            call_later=lambda delay, fn: self.clock.call_later(delay, fn),
            verify_delay=lambda: self.rng.uniform(*self.cfg.verify_s),
            verify_passes=lambda ev: self.rng.random() >= self.cfg.verify_fail_share,
        )
        self.warnings = 0
        self.breaches = 0
        self.bus.subscribe("sla_warning", self._on_warning)
        self.bus.subscribe("sla_breach", self._on_breach)
        self._seq = 0
        self.arrived: list[str] = []
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

    # ---- the feed ------------------------------------------------------------------------------
    def _commit(self, batch: IngestBatch) -> None:
        result = self.store.commit_ingest(batch, CONSOLE_ID, self.clock.now())
        self.room.apply_ingest(result)

    def _arrive(self, ev: Event) -> None:
        self._seq += 1
        report = ev.copy(seq=self._seq)
        if report.state is State.RESOLVED and report.resolved_at is None:
            report.resolved_at = self.clock.now()
        self.arrived.append(report.id)
        self._commit(IngestBatch(last_seq=self._seq, events=[report]))

    def _on_command(self, command: Command) -> tuple[bool, str | None]:
        """The hub's simulator, on the fake clock: the unit the dispatch names does the work."""
        if command.action == "dispatch":
            unit = command.payload.get("unit_id")
            if not unit:
                return False, "dispatch names no unit"
            self._field_work(str(command.event_id), str(unit))
        return True, None

    def _field_work(self, event_id: str, unit: str) -> None:
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
            self._commit(IngestBatch(last_seq=self._seq, statuses=[st]))

        self.clock.call_later(delay_s, apply)

    # ---- results -------------------------------------------------------------------------------
    @property
    def latest(self) -> dict[str, Event]:
        """Every event of the shift as stored now."""
        return self.store.events.get_many(self.arrived)

    @property
    def log(self) -> list[Action]:
        return self.store.actions.log(self.arrived)

    def record_sla_table(self) -> None:
        """The SLA table in force from the shift's start, in the room log (what replay reads)."""
        if self.sla_source is None:
            return  # a table built in code (tests, benches): no text to record
        path, text = self.sla_source
        self.store.room_log.append_many([RoomEntry(self.start, "sla_table", actor="system", seat=SEAT,
                                                   data={"path": path, "toml": text})])

    def run(self) -> dict[str, Any]:
        wall = time.perf_counter()
        self.record_sla_table()
        self.sla.start()
        self.clock.run_until(self.end)
        self.sla.stop()
        events = list(self.latest.values())
        log = self.log
        cols = columns_from_events(events, log, self.table)
        k = kpis(cols, self.start, self.end, now=self.end)
        out: dict[str, Any] = {key: k.get(key) for key in RESULT_KEYS if key in k}
        out["escalations"] = self.escalation.escalations
        out["events"] = len(events)
        out.update(
            dispatch_median_s=k["dispatch_median_s"],
            resolved_24h_rate=k["resolved_24h_rate"],
            sla_warnings=self.warnings,
            sla_breaches=self.breaches,
            actions=len(log),
            policy=self.cfg.policy,
            delay_s=self.cfg.delay_s,
            simulated_hours=(self.end - self.start).total_seconds() / 3600.0,
            wall_s=round(time.perf_counter() - wall, 3),
        )
        return {key: _round(v) for key, v in out.items()}


def _round(v: Any) -> Any:
    return round(v, 4) if isinstance(v, float) else v
