"""Grid workers live: positions in (MQTT or in-process), batched into the store, the live roster.

- :class:`LiveWorkers` — each worker's last fix and state (on duty / off duty / on a task / stale
  after 5 min without a fix), with numpy columns for :meth:`LiveWorkers.nearest` (walking time).
- :class:`PositionService` — takes raw messages (``submit(topic, payload)``: from the MQTT intake in
  :mod:`console.net.mqtt` or the in-process demo), validates them (:func:`console.domain.positions.parse_fix`),
  keeps them in a bounded queue and writes them in batches (≤ ``BATCH`` fixes or every ``FLUSH_S``)
  on a worker thread: fixes into ``position_chunks``/``worker_last``, refusals into the store's
  quarantine with their reason, in one transaction. Then it updates :class:`LiveWorkers` and publishes
  ``worker_positions`` on the bus. A full queue makes the MQTT reader wait (the broker buffers);
  nothing is dropped.

No Qt here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from console.domain.district import District
from console.domain.event import State
from console.domain.ingest import QuarantineRecord
from console.domain.positions import STALE_AFTER_S, Fix, Reach, Rejected, nearest, parse_fix, topic_worker
from console.domain.quarantine_limit import QuarantineLimiter
from console.store.database import write_tx

log = logging.getLogger(__name__)
BATCH = 5_000
FLUSH_S = 0.1
QUEUE_MAX = 50_000
SUMMARY_EVERY_S = 5.0  # when no fix arrives: the rate-limited quarantine's summaries are written this often
MAX_RAW = 4096  # characters of a refused payload kept (parse_fix refuses anything longer anyway)
TASK_STATES = frozenset({State.DISPATCHED, State.ACCEPTED, State.ON_SCENE})

ON_DUTY, OFF_DUTY, ON_TASK, STALE = "on_duty", "off_duty", "on_task", "stale"
WORKER_STATES = (ON_DUTY, ON_TASK, STALE, OFF_DUTY)


@dataclass(slots=True)
class WorkerView:
    """One worker as the map and the dispatch panel see them."""

    id: str
    name: str
    grid_id: str
    role: str
    lon: float
    lat: float
    t: datetime  # time of the last fix
    batt: int | None
    acc: float | None
    state: str  # one of WORKER_STATES

    def age_s(self, now: datetime) -> float:
        return max(0.0, (now - self.t).total_seconds())


@dataclass(slots=True)
class WorkerEntry:
    lon: float
    lat: float
    t_us: int
    batt: int | None
    acc: float | None
    duty: str | None  # the app's last word on duty (None: never said)


class LiveWorkers:
    """The roster's last fixes and states; cheap to query from the GUI thread."""

    def __init__(self, district: District, *, clock: Callable[[], datetime] | None = None,
                 on_task: Callable[[], set[str]] | None = None) -> None:
        self.district = district
        self.clock = clock or (lambda: datetime.now(UTC))
        self.on_task = on_task or (lambda: set())
        self.entries: dict[str, WorkerEntry] = {}
        self._cols: tuple[list[str], np.ndarray, np.ndarray] | None = None

    def update(self, fixes: list[Fix]) -> list[str]:
        """Apply accepted fixes (any order); returns the ids whose last fix changed."""
        changed = []
        for f in fixes:
            e = self.entries.get(f.worker_id)
            if e is not None and f.t_us < e.t_us:
                continue  # an older fix arriving late: stored, but not the live position
            duty = f.duty if f.duty is not None else (e.duty if e is not None else None)
            self.entries[f.worker_id] = WorkerEntry(f.lon, f.lat, f.t_us, f.batt if f.batt >= 0 else None,
                                               None if math.isnan(f.acc) else f.acc, duty)
            changed.append(f.worker_id)
        if changed:
            self._cols = None
        return changed

    def load(self, last: list[Any]) -> None:
        """Start-up: the stored last fixes (``PositionRepository.last()``)."""
        for r in last:
            self.entries[r.worker_id] = WorkerEntry(r.lon, r.lat, int(r.t.timestamp() * 1e6), r.batt, r.acc, r.duty)
        self._cols = None

    def replace(self, entries: dict[str, WorkerEntry]) -> None:
        """Everyone's last fix at once (the shift replay's roster at its instant)."""
        self.entries = entries
        self._cols = None

    def last_t_us(self) -> dict[str, int]:
        return {k: e.t_us for k, e in self.entries.items()}

    def state_of(self, worker_id: str, now: datetime | None = None, tasks: set[str] | None = None) -> str:
        e = self.entries.get(worker_id)
        m = self.district.members.get(worker_id)
        if e is None or m is None:
            return OFF_DUTY
        if e.duty == "off" or (e.duty is None and not m.on_duty):
            return OFF_DUTY
        now = now or self.clock()
        if now.timestamp() - e.t_us / 1e6 > STALE_AFTER_S:
            return STALE
        if worker_id in (tasks if tasks is not None else self.on_task()):
            return ON_TASK
        return ON_DUTY

    def view(self, worker_id: str, now: datetime | None = None, tasks: set[str] | None = None) -> WorkerView | None:
        e = self.entries.get(worker_id)
        m = self.district.members.get(worker_id)
        if e is None or m is None:
            return None
        return WorkerView(m.id, m.name, m.grid_id, str(m.role), e.lon, e.lat,
                          datetime.fromtimestamp(e.t_us / 1e6, UTC), e.batt, e.acc,
                          self.state_of(worker_id, now, tasks))

    def views(self, now: datetime | None = None) -> list[WorkerView]:
        now = now or self.clock()
        tasks = self.on_task()
        return [v for k in self.entries if (v := self.view(k, now, tasks)) is not None]

    def columns(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        if self._cols is None:
            ids = list(self.entries)
            self._cols = (ids, np.array([self.entries[k].lon for k in ids], dtype=float),
                          np.array([self.entries[k].lat for k in ids], dtype=float))
        return self._cols

    def nearest(self, lon: float, lat: float, k: int = 5, *, states: tuple[str, ...] = (ON_DUTY,),
                now: datetime | None = None) -> list[tuple[Reach, WorkerView]]:
        """The ``k`` workers in ``states`` nearest to (lon, lat) by walking time, nearest first."""
        ids, lons, lats = self.columns()
        if not ids:
            return []
        now = now or self.clock()
        tasks = self.on_task()
        # rank everyone (500 workers: ~50 µs), then keep those in the wanted states
        out: list[tuple[Reach, WorkerView]] = []
        for r in nearest(ids, lons, lats, lon, lat, len(ids)):
            v = self.view(r.worker_id, now, tasks)
            if v is not None and v.state in states:
                out.append((r, v))
                if len(out) >= k:
                    break
        return out


class TaskIndex:
    """Which workers are on a task: assignees of live events that are dispatched, accepted or on
    scene — kept up to date from the room's bus topics (a scan of 100,000 live events would cost
    tens of ms on the GUI thread), so ``tasks()`` is a set lookup."""

    def __init__(self, bus: Any, room: Any = None) -> None:
        self._by_event: dict[str, tuple[str, ...]] = {}
        self._count: dict[str, int] = {}
        if room is not None:
            self._apply(room.live_events())
        for name in ("events_loaded", "events_added", "events_changed"):
            bus.subscribe(name, self.on_event_events_added)
        bus.subscribe("events_removed", self.on_event_events_removed)

    def on_event_events_added(self, events: list[Any]) -> None:
        self._apply(events)

    def on_event_events_removed(self, ids: list[str]) -> None:
        for eid in ids:
            self._drop(eid)

    def _apply(self, events: Any) -> None:
        for ev in events:
            self._drop(ev.id)
            if ev.state in TASK_STATES and ev.assignees:
                who = tuple(ev.assignees)
                self._by_event[ev.id] = who
                for w in who:
                    self._count[w] = self._count.get(w, 0) + 1

    def _drop(self, event_id: str) -> None:
        for w in self._by_event.pop(event_id, ()):
            n = self._count.get(w, 0) - 1
            if n > 0:
                self._count[w] = n
            else:
                self._count.pop(w, None)

    def tasks(self) -> set[str]:
        return set(self._count)

    def __contains__(self, worker_id: str) -> bool:
        return worker_id in self._count


@dataclass(slots=True)
class IntakeStats:
    received: int = 0
    stored: int = 0
    quarantined: int = 0  # refused (all of them counted)
    quarantine_dropped: int = 0  # refused beyond the rate limit: counted in a summary row, not kept raw
    reasons: dict[str, int] = field(default_factory=dict)
    last_flush_ms: float = 0.0


class PositionService:
    """Positions in: validate, queue (bounded), store in batches, update the live roster, publish."""

    def __init__(self, store: Any, district: District, bus: Any = None, *, live: LiveWorkers | None = None,
                 clock: Callable[[], datetime] | None = None, batch: int = BATCH, flush_s: float = FLUSH_S,
                 queue_max: int = QUEUE_MAX) -> None:
        self.store = store
        self.district = district
        self.bus = bus
        self.clock = clock or (lambda: datetime.now(UTC))
        self.live = live or LiveWorkers(district, clock=self.clock)
        self.batch = batch
        self.flush_s = flush_s
        self.queue: asyncio.Queue[tuple[str, bytes, int]] = asyncio.Queue(maxsize=queue_max)
        self.stats = IntakeStats()
        self._task: asyncio.Task | None = None
        self._last_t = self.live.last_t_us()
        self._bbox = district.info.bbox
        self.flushed: list[Callable[[list[Fix], list[QuarantineRecord]], None]] = []  # test/bench hooks
        self.limiter = QuarantineLimiter()
        self._refused = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def load_last(self) -> None:
        """Put the stored last fixes into the live roster (start-up)."""
        self.live.load(self.store.positions.last())
        self._last_t = self.live.last_t_us()

    async def submit(self, topic: str, payload: bytes) -> None:
        """One raw message (waits while the queue is full: back-pressure on the reader)."""
        self._idle.clear()
        await self.queue.put((topic, payload, int(time.time() * 1e6)))

    def submit_nowait(self, topic: str, payload: bytes) -> bool:
        try:
            self.queue.put_nowait((topic, payload, int(time.time() * 1e6)))
        except asyncio.QueueFull:
            return False
        self._idle.clear()
        return True

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.drain()

    async def wait_idle(self) -> None:
        """Until everything submitted so far is stored (tests, bench)."""
        while not (self.queue.empty() and self._idle.is_set()):
            await self._idle.wait()
            await asyncio.sleep(0)  # a message submitted meanwhile clears the flag again

    async def _run(self) -> None:
        while True:
            try:
                items = [await asyncio.wait_for(self.queue.get(), SUMMARY_EVERY_S)]
            except TimeoutError:  # quiet: the rate limit's summaries of the minutes that are over
                if self.limiter.pending:
                    await self._process([])
                continue
            # let a batch gather (one short sleep, not a wait per message), then take what is there
            await asyncio.sleep(self.flush_s)
            while len(items) < self.batch:
                try:
                    items.append(self.queue.get_nowait())
                except asyncio.QueueEmpty:
                    break
            try:
                await self._process(items)
            except Exception:
                log.exception("positions: a batch of %d messages could not be stored; retrying", len(items))
                await asyncio.sleep(1.0)
                for it in items:  # nothing lost: back to the front of the line
                    await self.queue.put(it)
            if self.queue.empty():
                self._idle.set()

    async def drain(self, *, final: bool = True) -> None:
        """Process whatever is queued now (no waiting); ``final``: with the rate limit's summaries of
        the current minute too (stopping)."""
        items = []
        while not self.queue.empty():
            items.append(self.queue.get_nowait())
        if items or (final and self.limiter.pending):
            await self._process(items, final=final)
        self._idle.set()

    def validate(self, items: list[tuple[str, bytes, int]]) -> tuple[list[Fix], list[QuarantineRecord]]:
        now_us = int(self.clock().timestamp() * 1e6)
        members = self.district.members
        fixes: list[Fix] = []
        bad: list[QuarantineRecord] = []
        last = self._last_t
        limiter = self.limiter
        for topic, payload, recv_us in items:
            r = parse_fix(topic, payload, known=members.__contains__, now_us=now_us, last_t_us=last, bbox=self._bbox)
            if isinstance(r, Rejected):
                self.stats.reasons[r.kind] = self.stats.reasons.get(r.kind, 0) + 1
                self._refused += 1
                if not limiter.admit(r.kind, topic_worker(topic), recv_us):
                    self.stats.quarantine_dropped += 1
                    continue
                raw = payload.decode("utf-8", "backslashreplace") if isinstance(payload, bytes) else str(payload)
                bad.append(QuarantineRecord(raw=f"{topic} {raw[:MAX_RAW]}", reason=r.reason,
                                            received_at=datetime.fromtimestamp(recv_us / 1e6, UTC)))
                log.info("position quarantined (%s): %s", topic, r.reason)
            else:
                fixes.append(r)
                if r.t_us > last.get(r.worker_id, 0):
                    last[r.worker_id] = r.t_us
        return fixes, bad

    async def _process(self, items: list[tuple[str, bytes, int]], *, final: bool = False) -> None:
        t0 = time.perf_counter()
        refused_before = self._refused
        fixes, bad = self.validate(items)
        for s in self.limiter.closed(int(time.time() * 1e6), final=final):
            bad.append(QuarantineRecord(raw=f"grid/+/workers/{s.worker}/position ({s.dropped} not kept)",
                                        reason=s.reason, received_at=s.at))
            log.warning("positions: %s", s.reason)
        self.stats.received += len(items)
        store = self.store

        def write() -> None:
            with write_tx(store.engine) as conn:
                store.positions.append(fixes, conn=conn)
                store.quarantine.add_many(bad, conn)

        if fixes or bad:
            await asyncio.get_running_loop().run_in_executor(None, write)
        self.stats.stored += len(fixes)
        self.stats.quarantined += self._refused - refused_before
        changed = self.live.update(fixes)
        self.stats.last_flush_ms = (time.perf_counter() - t0) * 1000
        for hook in list(self.flushed):
            hook(fixes, bad)
        if changed and self.bus is not None:
            self.bus.publish("worker_positions", worker_ids=sorted(set(changed)))

    # ---- reads for the views (off the GUI thread) ------------------------------------------------
    async def track(self, worker_id: str, t0: datetime, t1: datetime) -> np.ndarray:
        return await asyncio.get_running_loop().run_in_executor(
            None, self.store.positions.track, worker_id, t0, t1)

    async def tracks(self, t0: datetime, t1: datetime, workers: list[str] | None = None) -> dict[str, np.ndarray]:
        return await asyncio.get_running_loop().run_in_executor(
            None, self.store.positions.tracks, t0, t1, workers)

    async def upkeep(self) -> tuple[int, int]:
        """Compact finished days and prune days past the retention period (worker thread)."""
        now = self.clock()
        return await asyncio.get_running_loop().run_in_executor(None, self.store.positions.upkeep, now)


def recent_window(now: datetime, hours: float) -> tuple[datetime, datetime]:
    return now - timedelta(hours=hours), now


__all__ = ["LiveWorkers", "PositionService", "WorkerView", "WORKER_STATES", "ON_DUTY", "OFF_DUTY", "ON_TASK",
           "STALE", "TaskIndex", "recent_window"]
