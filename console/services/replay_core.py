"""The console's services over a recording, read-only, at a movable instant (replay mode).

:class:`ReplayCore` has the shape of :class:`console.core.Core` that the console window uses — room,
bus, district, SLA clock, escalation, decisions, KPIs, the selection's fetch, the detail's log — so
the same docks (queue, grid tree, detail with timeline, map, escalation board, KPI strip, video
wall) show the room *at the replay instant*. Every write path refuses: the decision service raises
``DecisionRefused("replay")``, claims and snapshots are refused, nothing reaches the recording.

:meth:`ReplayCore.seek` moves the instant: the new state is computed on a worker thread
(:meth:`compute`) and applied to the room on the loop's thread (:meth:`apply`) — only the events
that arrived, changed or left between the two instants are touched.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from console.domain.district import District, DistrictInfo
from console.domain.event import Event
from console.domain.grid import GridKind
from console.services.bus import Bus
from console.services.decisions import DecisionRefused, DecisionService
from console.services.escalation import EscalationService
from console.services.positions import TaskIndex
from console.services.replay import RoomAt
from console.services.replay_field import ReplayField
from console.services.room import Room
from console.services.sla_clock import FakeClock, SlaClock
from console.services.triage import TriageService
from console.store import Store

log = logging.getLogger(__name__)


class ReplayDecisions(DecisionService):
    """The decision service of a replay: every write refuses (nothing is written to a recording)."""

    def commit(self, plan: Any, now: datetime | None = None) -> Any:
        raise DecisionRefused("replay")

    async def claim(self, event_id: str) -> str | None:
        raise DecisionRefused("replay")

    async def release(self, event_id: str) -> None:
        return None

    async def refresh_claims(self) -> None:
        return None  # claims come from the recording's room log


class ReplayClock(FakeClock):
    """The room's time is the replay instant; no timer ever fires (the recording already has the outcome)."""

    def set(self, at: datetime) -> None:
        self._now = at
        self._queue.clear()


@dataclass(frozen=True, slots=True)
class Frame:
    """A computed step of the replay: what to put into the room."""

    at: datetime
    upsert: list[Event]
    remove: list[str]
    state: Any
    board: Any = None  # the escalation board folded anew (a seek back in time), or None
    board_changes: tuple[Any, ...] = ()  # else: its changes since the instant shown


class _Options:
    basemap: str | None = None
    gcj02 = False


def district_of(store: Store, fallback: Any = None) -> District:
    grids, members, departments, cameras = store.district.load()
    raw = store.settings.get("district.info", None) or {"name": "—"}
    info = DistrictInfo(
        name=raw.get("name", "—"),
        level_names={int(k): v for k, v in (raw.get("level_names") or {}).items()} or DistrictInfo("x").level_names,
        timezone=raw.get("timezone", "Asia/Shanghai"),
        centre=tuple(raw["centre"]) if raw.get("centre") else None,
        bbox=tuple(raw["bbox"]) if raw.get("bbox") else None,
    )
    if not grids and fallback is not None:  # a recording made without a district (simulator, bench)
        return fallback()
    tree = [g for g in grids if g.kind is not GridKind.POLICE]
    police = [g for g in grids if g.kind is GridKind.POLICE]
    return District(info, tree, police_grids=police, members=members, departments=departments, cameras=cameras)


class _Kpis:
    def __init__(self, core: ReplayCore) -> None:
        self.core = core
        self.coverage: Any = None  # the shift's 巡查覆盖率, kept running across frames (made on first use)

    def _compute(self, at: datetime) -> dict[str, Any]:
        if self.coverage is None:
            self.coverage = self.core.replay.instant_coverage()
        return self.core.replay.kpis_at(at, coverage=self.coverage)

    async def compute_async(self, now: datetime | None = None) -> dict[str, Any]:
        at = self.core.at
        return await asyncio.get_running_loop().run_in_executor(None, self._compute, at)


class _RefusedSnapshots:
    actor = "replay"

    def save(self, *_args: Any, **_kw: Any) -> Any:
        raise DecisionRefused("replay")


class ReplayCore:
    """Core-shaped services over a :class:`RoomAt`, at :attr:`at`."""

    def __init__(self, replay: RoomAt, tasks: Any, *, seat: str = "replay", officer: str = "复盘",
                 district: Any = None) -> None:
        """``tasks``: the window's task runner; ``district``: a loader of the district to use when the
        recording holds none."""
        self.replay = replay
        self.options = _Options()
        self.seat = seat
        self.officer = officer
        rec = replay.recording
        self.store = Store(rec.engine, rec.label, rec.revision or "", readonly=True)
        self.district = district_of(self.store, district)
        replay.set_district(self.district)
        self.at = replay.start
        self.bus = Bus()
        self.clock = ReplayClock(self.at)
        table = replay.table_at(self.at)
        self.sla = SlaClock(self.bus, table, self.clock)
        self.room = Room(self.bus, clock=self.clock.now, deadline_fn=self.sla.room_deadline)
        self.sla.follow_room()
        self.tasks = tasks
        self.triage = TriageService(self.room, self.district)
        self.decisions = ReplayDecisions(self.store, self.room, self.bus, self.district, table=table, seat=seat,
                                         officer=officer, clock=self.clock.now)
        self.escalation = EscalationService(self.bus, self.decisions, table, self.clock, district=self.district,
                                            auto=False)
        self.kpi = _Kpis(self)
        self.snapshots = _RefusedSnapshots()
        self.loaded_live = 0
        # what the live console's window reads of its core and replay has not: no signed-in account,
        # not a training database, no classifier, no link, no patrol coverage layer
        self.account = None
        self.training = False
        self.triage_engine = None
        self.link = None
        self.coverage = None
        # the grid workers as they were at the instant (console.services.replay_field): the map's
        # worker layer reads the roster, its tracks the recording's positions
        self.on_task = TaskIndex(self.bus, self.room)
        self.field = ReplayField(self.store, self.district, self.bus, clock=self.clock.now,
                                 on_task=self.on_task.tasks, run_task=tasks)
        self.workers = self.field.live
        self.positions = self.field
        self._versions = itertools.count(1)
        self._state: Any = None
        self._board_at: datetime | None = None  # the instant the escalation board shows

    # ---- moving the instant -------------------------------------------------------------------------------
    def compute(self, at: datetime) -> Frame:
        """The room at ``at`` relative to the room now (any thread; reads only)."""
        replay = self.replay
        prev = self._state
        if prev is not None and replay.complete:
            state = replay.timeline.state_after(prev, at)  # playing: a small step from the last frame
        else:
            state = replay.state_at(at)
        table = replay.table_at(at)
        if self._state is None:
            candidates = None
        else:
            candidates = replay.timeline.touched_between(self.at, at)
        tl = replay.timeline
        upsert: list[Event] = []
        remove: list[str] = []
        if candidates is None:
            upsert.extend(replay.present(e, at, table) for e in state.open_events())
        else:
            ev: Event | None
            for i in candidates:
                ev = tl.version_of(i, state.version_index)
                if ev is None or not ev.is_open:
                    remove.append(tl.ids[i])
                else:
                    upsert.append(replay.present(ev, at, table))
            claimed = replay.claims_touched(self.at, at)
            for eid in claimed:
                k = tl.index.get(eid)
                ev = tl.version_of(k, state.version_index) if k is not None else None
                if ev is not None and ev.is_open:
                    upsert.append(replay.present(ev, at, table))
        board, changes = self._board_step(at)
        return Frame(at, upsert, remove, state, board, changes)

    def _board_step(self, at: datetime) -> tuple[Any, tuple[Any, ...]]:
        """The escalation board at ``at``: forward, the changes since the instant shown (applied on the
        loop, a few at a time); backward or first, the board folded anew here, off the loop."""
        prev = self._board_at
        if prev is not None and at >= prev:
            return None, tuple(self.replay.board_between(prev, at))
        if prev is None or self.replay.board_between(at, prev):
            return self.replay.board_at(at), ()
        return None, ()

    def apply(self, frame: Frame) -> None:
        """Put a computed frame into the room (the loop's thread)."""
        first = self._state is None
        self.at = frame.at
        self.clock.set(frame.at)
        self._state = frame.state
        table = self.replay.table_at(frame.at)
        if table is not self.sla.table:
            self.sla.set_table(table)
        for ev in frame.upsert:
            ev.version = next(self._versions)
        if first:
            self.room.load(frame.upsert)
            self.loaded_live = len(frame.upsert)
        else:
            self.room.remove([eid for eid in frame.remove if eid in self.room.events])
            self.room.upsert(frame.upsert)
        self._sync_escalation(frame)
        if first:
            self.bus.publish("grid_counts_changed")
        self.field.follow(frame.at)

    async def seek(self, at: datetime) -> Frame:
        at = min(max(at, self.replay.start), self.replay.end)
        frame = await asyncio.get_running_loop().run_in_executor(None, self.compute, at)
        self.apply(frame)
        return frame

    def seek_now(self, at: datetime) -> Frame:
        frame = self.compute(at)
        self.apply(frame)
        return frame

    def _sync_escalation(self, frame: Frame) -> None:
        """Broadcasts and whistles as they stood at the frame's instant (the room log folded, as the live
        seats fold it): forward, the changes since are applied and published as they were live (the
        board's rows change in place); backward, the board folded anew is published whole."""
        svc = self.escalation
        if frame.board is not None:
            svc.board = frame.board
            self.bus.publish("escalation_board_reset", broadcasts=list(svc.board.broadcasts.values()),
                             whistles=list(svc.board.whistles.values()))
        for e in frame.board_changes:
            try:
                svc.announce(svc.board.apply(e))
            except ValueError as exc:
                log.warning("room log %s (%s %s) unreadable: %s", e.id, e.kind, e.ref, exc)
        self._board_at = frame.at

    # ---- what the window reads ---------------------------------------------------------------------------
    def event_at(self, event_id: str) -> Event | None:
        state = self._state or self.replay.state_at(self.at)
        ev = state.event(event_id)
        return self.replay.present(ev, self.at) if ev is not None else None

    async def stored_event(self, event_id: str) -> Any:
        return self.event_at(event_id)

    def actions_for(self, event_id: str) -> list:
        return self.replay.actions_at(event_id, self.at)

    async def event_details(self, event_id: str) -> tuple[list, list]:
        return self.replay.actions_at(event_id, self.at), []

    def duplicates_for(self, event_id: str) -> list:
        return []

    def search_history(self, query: Any, limit: int, offset: int) -> list:
        """The history dock's query over the room as it stood at the replay instant (a worker thread)."""
        return self.replay.search(self.at, **query.as_kwargs(), limit=limit, offset=offset)

    def close(self) -> None:
        self.sla.stop()
        self.replay.close()
