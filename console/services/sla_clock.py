"""SLA clock: fires each deadline's warning and breach exactly once (DESIGN §2, issue 7).

Keeps a heap of ``(due, seq, event_id, version, what)``; ``track``/``untrack`` bump the event's
version so older heap entries are skipped when popped — no per-second scan of the open events.
``tick(now)`` pops everything due and publishes on the :class:`Bus`:

- ``sla_warning(event: Event, deadline: Deadline)`` — the warning threshold passed;
- ``sla_breach(event: Event, deadline: Deadline)`` — the deadline passed.

The clock runs on a :class:`Clock`: :class:`LoopClock` arms one asyncio timer for the next due
instant (sleeping until then), :class:`FakeClock` is a discrete-event clock for tests and the
shift simulator (``advance``/``run_until`` run the scheduled callbacks in time order),
:class:`ScaledClock` is wall time sped up (the soak).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from console.domain.event import Event, utcnow
from console.domain.gcpause import gc_paused
from console.domain.sla import Deadline, SlaConfigError, SlaTable, Stage, next_deadline
from console.domain.sla_config import load_sla
from console.services.bus import Bus

log = logging.getLogger(__name__)


class Timer(Protocol):
    def cancel(self) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime: ...

    def call_at(self, when: datetime, callback: Callable[[], None]) -> Timer: ...


# ---- clocks ---------------------------------------------------------------------------------------
class _FakeTimer:
    __slots__ = ("cancelled",)

    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class FakeClock:
    """A discrete-event clock: nothing waits; callbacks run when the clock is advanced past them."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start")
        self._now = start
        self._queue: list[tuple[datetime, int, _FakeTimer, Callable[[], None]]] = []
        self._seq = itertools.count()

    def now(self) -> datetime:
        return self._now

    def call_at(self, when: datetime, callback: Callable[[], None]) -> _FakeTimer:
        timer = _FakeTimer()
        heapq.heappush(self._queue, (max(when, self._now), next(self._seq), timer, callback))
        return timer

    def call_later(self, delay: timedelta | float, callback: Callable[[], None]) -> _FakeTimer:
        d = delay if isinstance(delay, timedelta) else timedelta(seconds=delay)
        return self.call_at(self._now + d, callback)

    def next_due(self) -> datetime | None:
        while self._queue and self._queue[0][2].cancelled:
            heapq.heappop(self._queue)
        return self._queue[0][0] if self._queue else None

    def run_until(self, until: datetime) -> int:
        """Run every callback due up to ``until`` in time order, then set the clock to ``until``."""
        ran = 0
        while True:
            due = self.next_due()
            if due is None or due > until:
                break
            when, _, timer, cb = heapq.heappop(self._queue)
            self._now = when
            cb()
            ran += 1
        self._now = max(self._now, until)
        return ran

    def advance(self, delta: timedelta | float) -> int:
        d = delta if isinstance(delta, timedelta) else timedelta(seconds=delta)
        return self.run_until(self._now + d)


class LoopClock:
    """Wall-clock time; timers are asyncio ``call_later`` handles on the running loop."""

    def __init__(self, now: Callable[[], datetime] = utcnow, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self._now = now
        self._loop = loop

    def now(self) -> datetime:
        return self._now()

    def call_at(self, when: datetime, callback: Callable[[], None]) -> asyncio.TimerHandle:
        loop = self._loop or asyncio.get_running_loop()
        delay = max(0.0, (when - self._now()).total_seconds())
        return loop.call_later(delay, callback)


class ScaledClock:
    """Room time running ``speed`` times as fast as the wall clock from ``start`` (the soak: a day of
    the room in minutes); timers are asyncio handles, their delays divided by ``speed``."""

    def __init__(self, speed: float, start: datetime | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self.start = start or utcnow()
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=(time.monotonic() - self._t0) * self.speed)

    def wall_seconds(self, room_seconds: float) -> float:
        return max(0.0, room_seconds) / self.speed

    def call_at(self, when: datetime, callback: Callable[[], None]) -> asyncio.TimerHandle:
        return self.call_later((when - self.now()).total_seconds(), callback)

    def call_later(self, delay: float, callback: Callable[[], None]) -> asyncio.TimerHandle:
        """``callback`` after ``delay`` seconds of room time."""
        return asyncio.get_running_loop().call_later(self.wall_seconds(delay), callback)

    async def sleep_until(self, when: datetime) -> None:
        """Sleep until the room time ``when`` (one sleep: the clock is a linear function of the
        monotonic clock that asyncio's timers also run on)."""
        await asyncio.sleep(self.wall_seconds((when - self.now()).total_seconds()))


# ---- the SLA clock ------------------------------------------------------------------------------
WARN, BREACH = 0, 1
TICK_LIMIT = 10  # warnings/breaches published per timer callback
COMPACT_FACTOR, COMPACT_MIN = 4, 1024  # the heap is rebuilt when over 4 × tracked + 1024 entries


_SEQ_BITS = 22
_SEQ_MASK = (1 << _SEQ_BITS) - 1


def _key(due_ts: float, seq: int) -> int:
    """Heap key: due time in whole microseconds, then insertion order."""
    return (int(due_ts * 1_000_000) << _SEQ_BITS) | (seq & _SEQ_MASK)


class SlaClock:
    def __init__(self, bus: Bus, table: SlaTable, clock: Clock) -> None:
        self.bus = bus
        self.table = table
        self.clock = clock
        # heap of int keys: due in epoch microseconds (floored) << 22 | tie-break seq — plain int
        # comparisons are several times cheaper than tuple ones; _entries maps a key to its entry
        self._heap: list[int] = []
        self._entries: dict[int, tuple[str, int, int]] = {}  # key → (event id, version, WARN | BREACH)
        self._seq = itertools.count()
        # id → (version, event, deadline, deadline as epoch seconds)
        self._tracked: dict[str, tuple[int, Event, Deadline, float]] = {}
        self._vseq = itertools.count(1)  # global: a stale entry can never match a newer version
        self._fired: dict[str, set[tuple[Stage, float, int]]] = {}  # (stage, deadline epoch s, WARN|BREACH)
        self._timer: Timer | None = None
        self._timer_at: datetime | None = None
        self._running = False
        # id → (event, deadline or None) computed by room_deadline before start(), not yet filed in
        # the heap: start-up pays for the deadlines only, the heap is filled once the clock starts
        # (or the first time anything changes the tracking state), in one heapify
        self._deferred: dict[str, tuple[Event, Deadline | None]] = {}
        # record_table(path, toml text): the table put in force by reload() is recorded (the room log)
        self.record_table: Callable[[str, str], None] | None = None

    # ---- tracking ------------------------------------------------------------------------------
    def __len__(self) -> int:
        self._settle()
        return len(self._tracked)

    def deadline_of(self, event_id: str) -> Deadline | None:
        if self._deferred:  # a deferred deadline is newer than a filed one
            d = self._deferred.get(event_id)
            if d is not None:
                return d[1]
        t = self._tracked.get(event_id)
        return t[2] if t else None

    def deadline_for(self, event: Event, now: datetime | None = None) -> datetime | None:
        """The event's current deadline under the table in force (``triage.DeadlineFn`` shape)."""
        dl = next_deadline(event, self.table)
        return dl.at if dl is not None else None

    def track(self, event: Event) -> Deadline | None:
        """(Re)compute the event's current deadline; returns it (None: no clock runs)."""
        if self._deferred:
            self._settle()
        dl = next_deadline(event, self.table)
        self._file(event, dl, heapq.heappush)
        if self._running:
            self._arm()
        return dl

    def _file(self, event: Event, dl: Deadline | None, push: Callable[[list, int], None]) -> None:
        if dl is None:
            self._tracked.pop(event.id, None)
            return
        if push is heapq.heappush and len(self._heap) > COMPACT_FACTOR * len(self._tracked) + COMPACT_MIN:
            self._compact()
        version = next(self._vseq)
        at = dl.at.timestamp()
        self._tracked[event.id] = (version, event, dl, at)
        fired = self._fired.get(event.id)
        if dl.warn_at < dl.at and (fired is None or (dl.kind, at, WARN) not in fired):
            key = self._free_key(dl.warn_at.timestamp())
            self._entries[key] = (event.id, version, WARN)
            push(self._heap, key)
        if fired is None or (dl.kind, at, BREACH) not in fired:
            key = self._free_key(at)
            self._entries[key] = (event.id, version, BREACH)
            push(self._heap, key)

    def _compact(self) -> None:
        """Drop the stale entries (older versions of re-tracked events, untracked events).

        They used to leave only when they came due: every change of an event pushes two entries, so
        the heap held several per live event, for as long as its deadlines (hours, days) were ahead
        (the soak: ~900 entries for 10 tracked events). Rebuilt once it is ``COMPACT_FACTOR`` times
        the live entries: O(n), amortised over the pushes that made it grow.
        """
        tracked, entries = self._tracked, self._entries
        live = {}
        for key in self._heap:
            entry = entries[key]
            t = tracked.get(entry[0])
            if t is not None and t[0] == entry[1]:
                live[key] = entry
        # in place: tick() and _live_top() hold the heap and the entries in locals
        entries.clear()
        entries.update(live)
        self._heap[:] = live
        heapq.heapify(self._heap)

    def _free_key(self, due_ts: float) -> int:
        key = _key(due_ts, next(self._seq))
        while key in self._entries:  # only after 4M pushes within one microsecond
            key += 1
        return key

    def _settle(self, limit: int | None = None) -> None:
        """File the deadlines computed before start() (all, or the ``limit`` oldest of them)."""
        if not self._deferred:
            return
        if limit is None or limit >= len(self._deferred):
            deferred, self._deferred = list(self._deferred.values()), {}
        else:
            pending = self._deferred
            deferred = [pending.pop(k) for k in list(itertools.islice(pending, limit))]
        bulk = len(deferred) > len(self._heap)
        push: Callable[[list, int], None] = list.append if bulk else heapq.heappush  # type: ignore[assignment]
        with gc_paused():  # hundreds of thousands of new tuples, no cycles
            for ev, dl in deferred:
                self._file(ev, dl, push)
            if bulk:
                heapq.heapify(self._heap)

    def track_many(self, events: Iterable[Event]) -> None:
        running, self._running = self._running, False  # arm once at the end
        try:
            for ev in events:
                self.track(ev)
        finally:
            self._running = running
        self._arm()

    def untrack(self, event_id: str) -> None:
        # a deferred deadline is only dropped: filing every deferred one first (as this did) cost a
        # replay, whose clock never starts, a heap push per changed event and O(n) heap compactions
        self._deferred.pop(event_id, None)
        self._tracked.pop(event_id, None)
        self._fired.pop(event_id, None)

    # ---- firing --------------------------------------------------------------------------------
    def _live_top(self) -> tuple[str, int, int] | None:
        if self._deferred:
            self._settle()
        heap, tracked, entries = self._heap, self._tracked, self._entries
        while heap:
            entry = entries[heap[0]]
            t = tracked.get(entry[0])
            if t is not None and t[0] == entry[1]:
                return entry
            del entries[heapq.heappop(heap)]
        return None

    def next_due(self) -> datetime | None:
        top = self._live_top()
        if top is None:
            return None
        t = self._tracked[top[0]][2]
        return t.warn_at if top[2] == WARN else t.at

    def tick(self, now: datetime | None = None, limit: int | None = None) -> int:
        """Publish every warning/breach due at ``now`` (at most ``limit``: the rest stays due);
        returns how many were published."""
        now = now if now is not None else self.clock.now()
        if self._deferred:
            self._settle()
        now_ts = now.timestamp()
        heap, tracked, fired_all, entries = self._heap, self._tracked, self._fired, self._entries
        pop = heapq.heappop
        # the subscribers, resolved once per tick instead of once per notification
        subscribers = {WARN: self.bus.callbacks("sla_warning"), BREACH: self.bus.callbacks("sla_breach")}
        published = 0
        due_key = _key(now_ts, _SEQ_MASK)  # every key due at or before now
        while heap and heap[0] <= due_key:
            if limit is not None and published >= limit:
                break
            eid, version, what = entries.pop(pop(heap))
            t = tracked.get(eid)
            if t is None or t[0] != version:
                continue  # stale: the event changed or left since this entry was pushed
            dl, at = t[2], t[3]
            if what == WARN and at <= now_ts:
                continue  # the breach is due too: a warning now would only be noise
            fired = fired_all.get(eid)
            if fired is None:
                fired = fired_all[eid] = set()
            key = (dl.kind, at, what)
            if key in fired:
                continue
            fired.add(key)
            published += 1
            for cb in subscribers[what]:
                try:
                    cb(event=t[1], deadline=dl)
                except Exception:  # one broken subscriber must not stop the clock or the others
                    log.exception("subscriber of %s failed", "sla_warning" if what == WARN else "sla_breach")
        return published

    # ---- timer ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Fire deadlines on the clock's own timer from now on."""
        self._running = True
        self._settle()
        self._arm()

    async def start_in_steps(self, step: int = 10_000) -> None:
        """:meth:`start`, filing the deferred deadlines ``step`` at a time with a loop turn between,
        so the GUI thread is never held for the whole pass (100,000 deadlines ≈ 0.6 s)."""
        while len(self._deferred) > step:
            self._settle(step)
            await asyncio.sleep(0)
        self.start()

    def stop(self) -> None:
        self._running = False
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._timer_at = None

    def _arm(self) -> None:
        if not self._running:
            return
        due = self.next_due()
        if due is None or (self._timer_at is not None and self._timer_at <= due):
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer_at = due
        self._timer = self.clock.call_at(due, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = self._timer_at = None
        try:
            # a bounded share per timer callback: after a restart thousands of deadlines can be due
            # at once, and each breach drives escalation work; the rest runs on the next loop turns
            self.tick(self.clock.now(), limit=TICK_LIMIT)
        finally:
            self._arm()

    # ---- room and table ------------------------------------------------------------------------
    def attach(self, bus: Bus | None = None) -> None:
        """Follow the Room: track added/changed events, untrack removed ones."""
        b = bus or self.bus
        b.subscribe("events_loaded", self._on_events)
        b.subscribe("events_added", self._on_events)
        b.subscribe("events_changed", self._on_events)
        b.subscribe("events_removed", self._on_removed)

    def _on_events(self, events: list[Event]) -> None:
        self.track_many(events)

    def room_deadline(self, event: Event) -> datetime | None:
        """The Room's ``deadline_fn``: track the event and return its current deadline.

        With :meth:`follow_room` the room computes each deadline once (this call) and the timer is
        re-armed once per published batch instead of once per event. Before :meth:`start` (the
        room's start-up load) the deadline is only computed here and filed later (:meth:`_settle`).
        """
        if not self._running:
            dl = next_deadline(event, self.table)
            self._deferred[event.id] = (event, dl)
            return dl.at if dl is not None else None
        running, self._running = self._running, False
        try:
            dl = self.track(event)
        finally:
            self._running = running
        return dl.at if dl is not None else None

    def follow_room(self, bus: Bus | None = None) -> None:
        """Like :meth:`attach`, for a Room built with ``deadline_fn=self.room_deadline``."""
        b = bus or self.bus
        b.subscribe("events_loaded", self._rearm)
        b.subscribe("events_added", self._rearm)
        b.subscribe("events_changed", self._rearm)
        b.subscribe("events_removed", self._on_removed)

    def _rearm(self, events: list[Event]) -> None:
        if self._running:
            self._arm()

    def _on_removed(self, ids: list[str]) -> None:
        for eid in ids:
            self.untrack(eid)

    def set_table(self, table: SlaTable) -> None:
        """Switch to a new table and recompute every tracked deadline."""
        self.table = table
        self._settle()
        self.track_many([t[1] for t in list(self._tracked.values())])

    def reload(self, path: str | Path) -> SlaConfigError | None:
        """Live reload: a valid file replaces the table; an invalid one is refused and reported
        (``sla_table_error(error)`` on the bus) while the previous table stays in force."""
        try:
            table = load_sla(path)
        except SlaConfigError as exc:
            log.warning("SLA table not reloaded: %s", exc)
            self.bus.publish("sla_table_error", error=exc)
            return exc
        self.set_table(table)
        if self.record_table is not None:
            try:
                self.record_table(str(path), Path(path).read_text(encoding="utf-8"))
            except OSError as exc:
                log.warning("the reloaded SLA table %s could not be recorded: %s", path, exc)
        self.bus.publish("sla_table_reloaded", table=table)
        return None
