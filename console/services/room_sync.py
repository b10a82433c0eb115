"""Live sync between seats (issue 14): the change log followed into this seat's room.

Every write of shared state appends change-log rows in its own transaction
(:mod:`console.store.changelog`). :class:`RoomSync` follows them from a thread of its own:

- PostgreSQL: a dedicated psycopg connection ``LISTEN``s on the room's channel; a notification
  (the seq, sent at commit) wakes the thread at once. Notifications are best-effort — a listener
  that was disconnected misses them — so the thread also catches up with ``seq > last_seen`` on
  every (re)connect and every ``poll_s`` seconds: the catch-up is what makes the sync exact.
- SQLite (seats on one machine sharing a file): the same change log, polled every ``poll_s``
  (500 ms).

For each batch of changes the thread reads what changed — the events whose stored version is
newer than the room's, the live claims — and hands it to the loop (``call_soon_threadsafe``),
where :meth:`RoomSync.apply` puts it into the room. The room publishes ``events_changed`` &c. as
for any change, so the queue, the detail, the map, the grid tree and the escalation board update
with no restart; ``actions_appended`` refreshes a shown timeline. The seat's own writes come back
too and are skipped (the room holds that version already). Claims that ran out are dropped from
the room on the same beat (claims expire).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from console.domain.event import Event, utcnow
from console.services.bus import Bus
from console.services.room import Room
from console.store.changelog import (
    CHANNEL_SQL,
    ENTITY_ACTION,
    ENTITY_CLAIM,
    ENTITY_DISTRICT,
    ENTITY_EVENT,
    ENTITY_SETTING,
    Change,
)

log = logging.getLogger(__name__)

SQLITE_POLL_S = 0.5
PG_CATCH_UP_S = 3.0  # PostgreSQL: notifications wake the thread; this catch-up makes the sync exact
RECONNECT_S = 1.0
SWEEP_S = 1.0  # expired claims leave the room at most this long after their time
READ_LIMIT = 2_000  # change-log rows read at a time
PRUNE_CHECK_S = 60.0  # how often a seat checks it has not fallen behind the pruned part of the log
APPLY_CHUNK = 250  # arrivals put into the room per loop turn (~30 ms of the GUI thread)


@dataclass
class SyncBatch:
    """What one catch-up read: to be applied on the loop."""

    last_seq: int
    events: list[Event] = field(default_factory=list)
    claims: dict[str, tuple[str, str | None, datetime] | None] = field(default_factory=dict)
    touched: list[str] = field(default_factory=list)  # events whose log grew (timeline refresh)
    settings: list[str] = field(default_factory=list)
    district: bool = False  # a grid or camera import: the district is read again (``on_district``)


class RoomSync:
    def __init__(self, store: Any, room: Room, bus: Bus, *, seat: str, clock: Callable[[], datetime] = utcnow,
                 poll_s: float | None = None, on_setting: Callable[[str], None] | None = None,
                 on_district: Callable[[], None] | None = None) -> None:
        self.store = store
        self.room = room
        self.bus = bus
        self.seat = seat
        self.clock = clock
        self.postgres = store.dialect == "postgresql"
        self.poll_s = poll_s if poll_s is not None else (PG_CATCH_UP_S if self.postgres else SQLITE_POLL_S)
        self.on_setting = on_setting
        self.on_district = on_district  # on the loop: another seat or a tool imported grids or cameras
        self.last_seq = 0  # applied to the room up to here (the loop's side)
        self._cursor = 0  # updates read up to here (the thread's side)
        self._arrivals = 0  # arrivals read up to here
        self.applied = 0  # changes applied so far (tests, bench)
        self.listening = False  # PostgreSQL: LISTEN is in place
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._conn: Any = None
        self._claimed: dict[str, datetime] = {}  # events with another seat's claim in the room → until
        self._swept = 0.0  # monotonic time of the last expiry sweep
        self._pruned_checked = -PRUNE_CHECK_S  # monotonic time of the last look at the pruned mark
        self.resyncs = 0  # full re-reads of the room (the seat was behind the pruned log)

    # ---- lifecycle ---------------------------------------------------------------------------------
    def mark(self) -> int:
        """Start from the current head (call before the room is loaded from the store)."""
        self.last_seq = self._cursor = self._arrivals = self.store.change_head()
        return self.last_seq

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Follow the change log from ``last_seq`` (call on the running loop, or pass it)."""
        if self._thread is not None:
            return
        self._loop = loop or asyncio.get_running_loop()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="room-sync", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.cancel()  # a LISTEN wait ends at once
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def poke(self) -> None:
        """Catch up now (e.g. after this seat's own write, in tests)."""
        self._wake.set()

    # ---- the thread -------------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.postgres:
                    self._listen()
                else:
                    self._catch_up()
                    self._wake.wait(self.poll_s)
                    self._wake.clear()
            except Exception as exc:  # the database went away: catch up again after a pause
                if self._stop.is_set():
                    break
                log.warning("room sync: %s; reconnecting in %g s", exc, RECONNECT_S)
                self.listening = False
                self._stop.wait(RECONNECT_S)

    def _listen(self) -> None:
        import psycopg
        from psycopg import sql

        url = self.store.engine.url.set(drivername="postgresql")
        dsn = url.render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True, application_name=f"grid-sync:{self.seat}"[:63]) as conn:
            self._conn = conn
            try:
                row = conn.execute(CHANNEL_SQL).fetchone()
                channel = str(row[0]) if row else "grid_room"
                conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                self.listening = True
                self._catch_up()  # LISTEN first, then catch up: nothing falls in between
                while not self._stop.is_set():
                    woke = False
                    for _note in conn.notifies(timeout=self.poll_s, stop_after=1):
                        woke = True
                    if self._stop.is_set():
                        break
                    self._catch_up()
                    if woke:
                        self._wake.clear()
            finally:
                self.listening = False
                self._conn = None

    def _catch_up(self) -> None:
        now = time.monotonic()
        if now - self._pruned_checked >= PRUNE_CHECK_S:
            self._pruned_checked = now
            if min(self._cursor, self._arrivals) < self.store.changes_pruned_through():
                self._resync()
        # two cursors over the one log: what changed (another seat's decision, a claim, a field status) is
        # read before every slice of arrivals, so a burst of arrivals never keeps a decision waiting
        while not self._stop.is_set():
            updates = self.store.changes_after(self._cursor, READ_LIMIT, kind="updates")
            if updates:
                self._take(updates)
                self._cursor = updates[-1].seq
            arrivals = self.store.changes_after(self._arrivals, APPLY_CHUNK, kind="arrivals")
            if arrivals:
                self._take(arrivals)
                self._arrivals = arrivals[-1].seq
            self._hand_over(None)  # the expiry sweep
            if len(updates) < READ_LIMIT and len(arrivals) < APPLY_CHUNK:
                return

    def _take(self, changes: list[Change]) -> None:
        batch = self.read(changes)
        for part in self.parts(batch):
            self._hand_over(part)

    def _resync(self) -> None:
        """The changes this seat missed were pruned (it was away longer than the log keeps): read the
        room again — every open event, and the stored version of those the room holds that closed."""
        head = self.store.change_head()
        log.warning("room sync (%s): behind the pruned change log (at %d); reading the room again", self.seat,
                    self._cursor)
        fresh = self.store.events.load_open()
        ids = {ev.id for ev in fresh}
        gone = [i for i in list(self.room.events) if i not in ids]
        closed = list(self.store.events.get_many(gone).values()) if gone else []
        self._cursor = self._arrivals = head
        self.resyncs += 1
        for part in self.parts(SyncBatch(head, [*fresh, *closed])):
            self._hand_over(part)

    def read(self, changes: list[Change]) -> SyncBatch:
        """What ``changes`` changed, read from the store (blocking; the sync thread)."""
        batch = SyncBatch(last_seq=changes[-1].seq)
        room = self.room.events
        wanted: dict[str, None] = {}
        claims: dict[str, None] = {}
        for ch in changes:
            if ch.entity == ENTITY_EVENT:
                held = room.get(ch.entity_id)  # a dict read from this thread: atomic under the GIL
                if held is None or held.version < ch.version:
                    wanted[ch.entity_id] = None
            elif ch.entity == ENTITY_CLAIM:
                claims[ch.entity_id] = None
            elif ch.entity == ENTITY_ACTION:
                batch.touched.append(ch.entity_id)
            elif ch.entity == ENTITY_SETTING:
                batch.settings.append(ch.entity_id)
            elif ch.entity == ENTITY_DISTRICT:
                batch.district = True
        if wanted:
            found = self.store.events.get_many(list(wanted))
            batch.events = [found[i] for i in wanted if i in found]
            batch.touched.extend(wanted)
        if claims:
            holders = self.store.claims.holders(list(claims), self.clock())
            batch.claims = {eid: holders.get(eid) for eid in claims}
        return batch

    def parts(self, batch: SyncBatch) -> list[SyncBatch]:
        """``batch`` in loop-sized parts: first what changed of the events the room holds (another seat's
        decision, a claim: what its officer is looking at), then the arrivals, ``APPLY_CHUNK`` at a time —
        so a burst of arrivals never holds the loop (the GUI) for long, nor keeps a decision waiting."""
        room = self.room.events
        known = [ev for ev in batch.events if ev.id in room]
        arrivals = [ev for ev in batch.events if ev.id not in room]
        out = [SyncBatch(batch.last_seq, known, batch.claims, batch.touched, batch.settings, batch.district)]
        out += [SyncBatch(batch.last_seq, arrivals[i:i + APPLY_CHUNK]) for i in range(0, len(arrivals), APPLY_CHUNK)]
        return out

    def _hand_over(self, batch: SyncBatch | None) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(self.apply, batch)

    # ---- on the loop ------------------------------------------------------------------------------
    def apply(self, batch: SyncBatch | None) -> None:
        """Put what another seat (or the writer) committed into this seat's room."""
        if batch is None:
            if time.monotonic() - self._swept >= SWEEP_S:
                self.expire_claims()
            return
        room = self.room
        fresh: dict[str, Event] = {}
        for ev in batch.events:
            held = room.get(ev.id)
            if held is not None and held.version >= ev.version:
                continue  # this seat wrote it, or a newer version arrived meanwhile
            fresh[ev.id] = ev
        now = self.clock()
        for eid, holder in batch.claims.items():
            found = fresh.get(eid) or room.get(eid)
            if found is None:
                continue
            seat, officer, until = holder if holder is not None else (None, None, None)
            if holder is not None and until is not None and until <= now:
                seat, officer, until = None, None, None
            if seat is None:
                room.claim_officers.pop(eid, None)
            elif officer:
                room.claim_officers[eid] = officer
            if found.claimed_by != seat or found.claim_until != until or eid in fresh:
                fresh[eid] = found.copy(claimed_by=seat, claim_until=until)
        if fresh:
            for ev in fresh.values():
                if ev.claimed_by is not None and ev.claim_until is not None:
                    self._claimed[ev.id] = ev.claim_until
            room.upsert(list(fresh.values()))
        touched = sorted(set(batch.touched))
        if touched:
            self.bus.publish("actions_appended", event_ids=touched, actions=[])
        for key in batch.settings:
            if self.on_setting is not None:
                try:
                    self.on_setting(key)
                except Exception:
                    log.exception("room sync: applying setting %s failed", key)
        if batch.district and self.on_district is not None:
            try:
                self.on_district()
            except Exception:
                log.exception("room sync: reading the district again failed")
        self.last_seq = max(self.last_seq, batch.last_seq)
        self.applied += len(fresh)

    def expire_claims(self) -> None:
        """Drop claims that ran out (their seat stopped renewing them) from the room."""
        self._swept = time.monotonic()
        now = self.clock()
        gone = []
        for eid, until in list(self._claimed.items()):
            if until > now:
                continue
            del self._claimed[eid]
            ev = self.room.get(eid)
            self.room.claim_officers.pop(eid, None)
            if ev is not None and ev.claimed_by is not None and ev.claim_until is not None and ev.claim_until <= now:
                gone.append(ev.copy(claimed_by=None, claim_until=None))
        if gone:
            self.room.upsert(gone)
