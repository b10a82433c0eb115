"""The room's live state: every open event, in plain Python (DESIGN §4.2).

This is the source of truth the Qt models adapt. It is fed by the store at start-up and by
committed ingest results afterwards, and it publishes on the :class:`Bus`:

- ``events_loaded(events: list[Event])`` — stored open events read at start-up, one call per page
  (not arrivals: no alert, no "new" flash);
- ``events_added(events: list[Event])`` — new live events (one call per batch);
- ``events_changed(events: list[Event])`` — live events whose fields changed;
- ``events_removed(ids: list[str])`` — events that left the live queue (closed, rejected);
- ``grid_counts_changed()`` — per-grid open/overdue/today counts may have changed.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from console.domain.event import Event, State, utcnow
from console.domain.gcpause import gc_paused
from console.domain.ingest import IngestResult
from console.services.bus import Bus


class _Overdue:
    """Per-grid count of the deadlines passed at a moving instant, kept incrementally.

    Counting every tracked deadline against the clock (13,000 open events at a busy hour) took
    ~10 ms per grid-tree refresh; here the deadlines not yet passed wait in a heap ordered by due
    time and are counted as the instant passes them. A move back in time (a replay seek) or a bulk
    load rebuilds the count in one scan."""

    def __init__(self, deadlines: dict[str, tuple[str | None, datetime]]) -> None:
        self._deadlines = deadlines
        self.by_grid: Counter[str | None] = Counter()
        self._counted: dict[str, str | None] = {}  # event id → grid, of the deadlines counted as passed
        self._heap: list[tuple[datetime, str]] = []  # (due, event id), stale entries skipped when popped
        self._now: datetime | None = None  # None: to rebuild at the next query

    def invalidate(self) -> None:
        self._now = None

    def added(self, event_id: str, grid: str | None, due: datetime) -> None:
        if self._now is None:
            return
        if self._now > due:
            self._counted[event_id] = grid
            self.by_grid[grid] += 1
        else:
            heapq.heappush(self._heap, (due, event_id))

    def removed(self, event_id: str) -> None:
        if self._now is None or event_id not in self._counted:
            return
        grid = self._counted.pop(event_id)
        self.by_grid[grid] -= 1
        if self.by_grid[grid] <= 0:
            del self.by_grid[grid]

    def at(self, now: datetime) -> Counter[str | None]:
        if self._now is None or now < self._now or len(self._heap) > 2 * len(self._deadlines) + 1024:
            self._rebuild(now)
            return self.by_grid
        heap, deadlines, counted, by_grid = self._heap, self._deadlines, self._counted, self.by_grid
        while heap and heap[0][0] < now:
            due, eid = heapq.heappop(heap)
            entry = deadlines.get(eid)
            if entry is not None and entry[1] == due and eid not in counted:  # else a stale entry
                counted[eid] = entry[0]
                by_grid[entry[0]] += 1
        self._now = now
        return by_grid

    def _rebuild(self, now: datetime) -> None:
        self._counted = {eid: g for eid, (g, due) in self._deadlines.items() if now > due}
        self.by_grid = Counter(self._counted.values())
        counted = self._counted
        self._heap = [(due, eid) for eid, (_g, due) in self._deadlines.items() if eid not in counted]
        heapq.heapify(self._heap)
        self._now = now


class Room:
    def __init__(
        self,
        bus: Bus,
        *,
        clock: Callable[[], datetime] = utcnow,
        tz_offset_hours: int = 8,
        deadline_fn: Callable[[Event], datetime | None] | None = None,
    ) -> None:
        """``deadline_fn`` (the SLA clock's) gives each event's current-stage deadline; without it the
        event's own ``deadline_at`` counts."""
        self.bus = bus
        self.clock = clock
        self.deadline_fn = deadline_fn
        self._tz = timedelta(hours=tz_offset_hours)
        self.events: dict[str, Event] = {}
        # officers of other seats' live claims (event id → name), kept by the room sync: the
        # queue shows "席位2·张三 正在研判"
        self.claim_officers: dict[str, str] = {}
        # incremental per-grid tallies, so counts stay cheap with 100k live events
        self._open: Counter[str | None] = Counter()
        self._by_day: Counter[tuple[str | None, int]] = Counter()  # (grid, local day ordinal)
        self._deadlines: dict[str, tuple[str | None, datetime]] = {}
        self._overdue = _Overdue(self._deadlines)
        # start-up load in pages (begin_load … end_load): ids the live path changed meanwhile — a
        # page read from the store before that change must not bring the older version back
        self.loading = False
        self._touched: set[str] = set()

    # ---- queries -------------------------------------------------------------------------------
    def get(self, event_id: str) -> Event | None:
        return self.events.get(event_id)

    def live_events(self) -> list[Event]:
        return list(self.events.values())

    def _local_day_start(self, now: datetime) -> datetime:
        local = now + self._tz
        return local.replace(hour=0, minute=0, second=0, microsecond=0) - self._tz

    def _day(self, at: datetime) -> int:
        return (at + self._tz).toordinal()

    def _tally(self, ev: Event, sign: int) -> None:
        day = (ev.grid_id, self._day(ev.reported_at))
        self._open[ev.grid_id] += sign
        self._by_day[day] += sign
        if sign > 0 and ev.deadline_at is not None:
            self._deadlines[ev.id] = (ev.grid_id, ev.deadline_at)
            self._overdue.added(ev.id, ev.grid_id, ev.deadline_at)
        elif sign < 0:
            self._deadlines.pop(ev.id, None)
            self._overdue.removed(ev.id)
            # a tally at zero goes: one (grid, day) a day per grid was kept forever (the soak)
            if self._by_day[day] <= 0:
                del self._by_day[day]
            if self._open[ev.grid_id] <= 0:
                del self._open[ev.grid_id]

    def _put(self, ev: Event) -> Event:
        """Store the live version; with an SLA clock its deadline_at is the current stage's deadline."""
        if self.deadline_fn is not None:
            # derived field: the room owns its live copies, so set it in place (copying 100k
            # dataclasses at start-up costs seconds)
            ev.deadline_at = self.deadline_fn(ev)
        old = self.events.get(ev.id)
        if old is not None:
            self._tally(old, -1)
        self.events[ev.id] = ev
        self._tally(ev, +1)
        return ev

    def _drop(self, event_id: str) -> None:
        old = self.events.pop(event_id, None)
        if old is not None:
            self._tally(old, -1)

    def counts_by_grid(self) -> dict[str | None, tuple[int, int, int]]:
        """grid id → (open, overdue, reported today) for the grid itself (not its subtree)."""
        now = self.clock()
        today = self._day(now)
        overdue = self._overdue.at(now)
        return {
            g: (n, overdue.get(g, 0), self._by_day.get((g, today), 0)) for g, n in self._open.items() if n > 0
        }

    def overdue_count(self) -> int:
        now = self.clock()
        return sum(self._overdue.at(now).values())

    # ---- updates -------------------------------------------------------------------------------
    def begin_load(self) -> None:
        """The stored open events will now arrive in pages (:meth:`load`) while the room is live."""
        self.loading = True
        self._touched = set()

    def end_load(self) -> None:
        self.loading = False
        self._touched = set()

    def load(self, events: Iterable[Event]) -> list[Event]:
        """Add stored open events read at start-up (a page of them); returns those added.

        Events the room already holds are skipped (the room's version is the newer one), and so
        are, between :meth:`begin_load` and :meth:`end_load`, events the live path has changed or
        removed since — the page may have been read before that change. Publishes
        ``events_loaded`` (not ``events_added``: these are not arrivals).
        """
        # the cyclic GC is paused for the bulk pass: with a few hundred thousand live objects, the
        # collections it would trigger cost more than the pass itself (no cycles are made here)
        with gc_paused():
            known, touched = self.events, self._touched
            page = {ev.id: ev for ev in events if ev.is_open and ev.id not in known and ev.id not in touched}
            added = self._add_page(list(page.values()))
        if added:
            self.bus.publish("events_loaded", events=added)
            self.bus.publish("grid_counts_changed")
        return added

    def _add_page(self, added: list[Event]) -> list[Event]:
        """Events new to the room (distinct ids): the same state as ``_put`` per event, with the
        tallies counted in bulk (C-level ``Counter`` updates instead of three per event)."""
        fn = self.deadline_fn
        if fn is not None:
            for ev in added:
                ev.deadline_at = fn(ev)
        self.events.update((ev.id, ev) for ev in added)
        tz = self._tz
        self._open.update(ev.grid_id for ev in added)
        self._by_day.update((ev.grid_id, (ev.reported_at + tz).toordinal()) for ev in added)
        self._deadlines.update((ev.id, (ev.grid_id, ev.deadline_at)) for ev in added if ev.deadline_at is not None)
        self._overdue.invalidate()
        return added

    def upsert(self, events: Iterable[Event]) -> None:
        """Apply new versions of events: add, change or remove them from the live set."""
        added: list[Event] = []
        changed: list[Event] = []
        removed: list[str] = []
        if self.loading:
            events = list(events)
            self._touched.update(ev.id for ev in events)
        for ev in events:
            held = self.events.get(ev.id)
            known = held is not None
            if known and ev.version < held.version:  # type: ignore[union-attr]
                continue  # an older version than the room's (a decision published after a feed batch)
            if ev.is_open:
                (changed if known else added).append(self._put(ev))
            elif known:
                self._drop(ev.id)
                removed.append(ev.id)
        if added:
            self.bus.publish("events_added", events=added)
        if changed:
            self.bus.publish("events_changed", events=changed)
        if removed:
            self.bus.publish("events_removed", ids=removed)
        if added or changed or removed:
            self.bus.publish("grid_counts_changed")

    def remove(self, ids: Iterable[str]) -> None:
        """Take events out of the room without a new version (replay going back before them)."""
        removed = [eid for eid in ids if eid in self.events]
        for eid in removed:
            self._drop(eid)
        if removed:
            self.bus.publish("events_removed", ids=removed)
            self.bus.publish("grid_counts_changed")

    def apply_ingest(self, result: IngestResult) -> None:
        self.upsert([*result.new_events, *result.changed_events])

    def newest_awaiting_dispatch(self, seat: str | None = None) -> Event | None:
        """The newest event still waiting for a dispatch decision that no other seat holds.

        Urgent (major/critical) events come before general ones: the officer's ``N`` key.
        """
        now = self.clock()
        best: Event | None = None
        best_key: tuple[int, datetime] | None = None
        for ev in self.events.values():
            if ev.state not in _AWAITING:
                continue
            if ev.claimed_by and ev.claimed_by != seat and ev.claim_until and ev.claim_until > now:
                continue
            key = (1 if ev.level.is_urgent else 0, ev.received_at or ev.reported_at)
            if best_key is None or key > best_key:
                best, best_key = ev, key
        return best


_AWAITING = frozenset({State.NEW, State.RETURNED, State.ESCALATED, State.REOPENED})
