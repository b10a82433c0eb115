"""Live sync between seats (issue 14): the change log followed into this seat's room.

Every write of shared state appends change-log rows in its own transaction
(:mod:`console.store.changelog`). :class:`RoomSync` follows them from threads of its own:

- PostgreSQL: a dedicated psycopg connection ``LISTEN``s on the room's channel; a notification
  (sent at commit: the seq and whether only arrivals came, ``<seq>:a`` or ``<seq>:u``) wakes the
  thread at once. Notifications are best-effort — a listener that was disconnected misses them — so
  the thread also catches up with ``seq > last_seen`` on every (re)connect and every ``poll_s``
  seconds: the catch-up is what makes the sync exact.

  Two paths (the latency path is measured by the ``room`` bench's ``seat_sync_p99_ms``): what
  changed — another seat's decision, a claim, a field status — is read by the listening thread as
  soon as its notification comes and handed to the loop ahead of any arrivals waiting there; the
  arrivals (the feed's new events, 1,000 a second at a peak) are read by a second thread, gathered
  to at most one read every ``arrivals_s`` (leading edge: the first after a quiet spell at once), so
  a slow read of them never delays a decision, and a following seat's queue takes one insert — one
  repaint of the table — per gathering instead of one per writer commit. Each thread reads through
  a connection it holds (autocommit: each read sees what was committed before it, with no pool
  check-out or rollback round trip per read).
- SQLite (seats on one machine sharing a file): the same change log, polled every ``poll_s``
  (500 ms).

For each batch of changes the threads read what changed — the events whose stored version is
newer than the room's, the live claims — and hand it to the loop (``call_soon_threadsafe``),
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
from collections import deque
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
    ENTITY_ROOM_LOG,
    ENTITY_SETTING,
    Change,
    note_kind,
)

log = logging.getLogger(__name__)

SQLITE_POLL_S = 0.5
PG_CATCH_UP_S = 3.0  # PostgreSQL: notifications wake the thread; this catch-up makes the sync exact
RECONNECT_S = 1.0
SWEEP_S = 1.0  # expired claims leave the room at most this long after their time
READ_LIMIT = 2_000  # change-log rows read at a time
PRUNE_CHECK_S = 60.0  # how often a seat checks it has not fallen behind the pruned part of the log
APPLY_CHUNK = 1_000  # arrivals put into the room per loop turn (~4 µs each; the queue model's flush follows)
# PostgreSQL: arrivals are read at most this often (leading edge). Each read ends in one insert into
# the seat's queue, and an insert at the top repaints the whole table (~20 ms of CPU offscreen): at
# 1,000 arrivals/s this caps that at 2 repaints a second instead of one per writer commit.
ARRIVALS_S = 0.5


@dataclass
class SyncBatch:
    """What one catch-up read: to be applied on the loop."""

    last_seq: int
    events: list[Event] = field(default_factory=list)
    claims: dict[str, tuple[str, str | None, datetime] | None] = field(default_factory=dict)
    touched: list[str] = field(default_factory=list)  # events whose log grew (timeline refresh)
    settings: list[str] = field(default_factory=list)
    room_log: list[Any] = field(default_factory=list)  # room-log rows appended (broadcast/whistle changes…)
    district: bool = False  # a grid or camera import: the district is read again (``on_district``)


class RoomSync:
    def __init__(self, store: Any, room: Room, bus: Bus, *, seat: str, clock: Callable[[], datetime] = utcnow,
                 poll_s: float | None = None, on_setting: Callable[[str], None] | None = None,
                 on_room_log: Callable[[list[Any]], None] | None = None,
                 room_log_kinds: tuple[str, ...] | None = None, arrivals_s: float = ARRIVALS_S,
                 on_district: Callable[[], None] | None = None) -> None:
        """``on_room_log(rows)``: room-log rows of ``room_log_kinds`` other seats appended (on the loop;
        also this seat's own, which it knows already). ``on_district()``: another seat or a tool
        imported grids or cameras (on the loop)."""
        self.store = store
        self.room = room
        self.bus = bus
        self.seat = seat
        self.clock = clock
        self.postgres = store.dialect == "postgresql"
        self.poll_s = poll_s if poll_s is not None else (PG_CATCH_UP_S if self.postgres else SQLITE_POLL_S)
        self.on_setting = on_setting
        self.on_room_log = on_room_log
        self.room_log_kinds = room_log_kinds
        self.arrivals_s = arrivals_s
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
        self._arrivals_thread: threading.Thread | None = None  # PostgreSQL: reads the arrivals
        self._arrivals_due = threading.Event()  # arrivals were announced (or the catch-up is due)
        self._arrivals_lock = threading.Lock()  # the arrivals cursor and its reads (vs. _resync)
        self._conn: Any = None
        self._reader: Any = None  # PostgreSQL: the thread's own reading connection (SQLAlchemy, autocommit)
        # batches on their way to the loop: what changed (and the sweep, None) before the arrivals
        self._queue_lock = threading.Lock()
        self._urgent: deque[SyncBatch | None] = deque()
        self._arriving: deque[SyncBatch | None] = deque()
        self._drain_due = False  # a _drain is scheduled on the loop
        self._claimed: dict[str, datetime] = {}  # events with another seat's claim in the room → until
        self._swept = 0.0  # monotonic time of the last expiry sweep
        self._sweep_sent = 0.0  # monotonic time the thread last asked the loop for one
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
        with self._queue_lock:  # batches handed to a loop that stopped before applying them
            self._drain_due = bool(self._urgent or self._arriving)
        if self._drain_due:
            self._loop.call_soon_threadsafe(self._drain)
        self._thread = threading.Thread(target=self._run, name="room-sync", daemon=True)
        self._thread.start()
        if self.postgres:  # arrivals have a thread of their own: a slow read of them never delays a decision
            self._arrivals_thread = threading.Thread(target=self._run_arrivals, name="room-sync-arrivals",
                                                     daemon=True)
            self._arrivals_thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._arrivals_due.set()
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.cancel()  # a LISTEN wait ends at once
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self._arrivals_thread is not None:
            self._arrivals_thread.join(timeout=10)
            self._arrivals_thread = None

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
        with (psycopg.connect(dsn, autocommit=True, application_name=f"grid-sync:{self.seat}"[:63]) as conn,
              self.store.engine.connect() as reader):
            self._conn = conn
            self._reader = reader.execution_options(isolation_level="AUTOCOMMIT")
            try:
                row = conn.execute(CHANNEL_SQL).fetchone()
                channel = str(row[0]) if row else "grid_room"
                conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                self.listening = True
                self._catch_up()  # LISTEN first, then catch up: nothing falls in between
                self._follow(conn)
            finally:
                self.listening = False
                self._conn = None
                self._reader = None

    def _follow(self, conn: Any) -> None:
        """Wait for notifications: read what changed at once (this thread), wake the arrivals thread
        for arrivals, and catch up every ``poll_s`` (what makes the sync exact)."""
        full_due = time.monotonic() + self.poll_s
        while not self._stop.is_set():
            wait = max(0.0, min(full_due - time.monotonic(), SWEEP_S))
            notes = list(conn.notifies(timeout=wait, stop_after=1))
            if notes:
                notes += conn.notifies(timeout=0.0)  # and whatever else came meanwhile
            kinds = {note_kind(note.payload) for note in notes}
            if self._wake.is_set():  # poke(): everything, now
                self._wake.clear()
                kinds = {"updates", "arrivals"}
            if self._stop.is_set():
                break
            if "updates" in kinds:  # another seat's decision: read and handed over at once
                while self._read_updates(self._reader):
                    pass
            if "arrivals" in kinds:
                self._arrivals_due.set()
            if time.monotonic() >= full_due:
                self._catch_up()
                full_due = time.monotonic() + self.poll_s
            self._sweep()

    def _run_arrivals(self) -> None:
        """PostgreSQL: read the arrivals when announced — at most every ``arrivals_s`` (leading edge),
        and every ``poll_s`` in any case — on a connection of this thread's own."""
        last = -1e9
        while not self._stop.is_set():
            try:
                with self.store.engine.connect() as c:
                    reader = c.execution_options(isolation_level="AUTOCOMMIT")
                    while not self._stop.is_set():
                        self._arrivals_due.wait(self.poll_s)
                        gather = last + self.arrivals_s - time.monotonic()
                        if gather > 0 and self._stop.wait(gather):  # more arrive meanwhile: one read for all
                            break
                        self._arrivals_due.clear()
                        last = time.monotonic()
                        while self._read_arrivals(reader) and not self._stop.is_set():
                            pass  # a backlog: read on
            except Exception as exc:  # the database went away: again after a pause
                if self._stop.is_set():
                    break
                log.warning("room sync (arrivals): %s; again in %g s", exc, RECONNECT_S)
                self._stop.wait(RECONNECT_S)

    def _read_updates(self, conn: Any = None) -> bool:
        """Hand over what changed after ``_cursor`` (one read); True when more is waiting."""
        updates = self.store.changes_after(self._cursor, READ_LIMIT, kind="updates", conn=conn)
        if updates:
            self._take(updates, urgent=True, conn=conn)
            self._cursor = updates[-1].seq
        return len(updates) >= READ_LIMIT

    def _read_arrivals(self, conn: Any = None) -> bool:
        """Hand over the arrivals after ``_arrivals`` (one read); True when more are waiting."""
        with self._arrivals_lock:
            arrivals = self.store.changes_after(self._arrivals, READ_LIMIT, kind="arrivals", conn=conn)
            if arrivals:
                self._take(arrivals, urgent=False, conn=conn)
                self._arrivals = arrivals[-1].seq
        return len(arrivals) >= READ_LIMIT

    def _sweep(self) -> None:
        """Ask the loop for the expiry sweep (at most every ``SWEEP_S``)."""
        now = time.monotonic()
        if now - self._sweep_sent >= SWEEP_S:
            self._sweep_sent = now
            self._hand_over(None, urgent=True)

    def _catch_up(self) -> None:
        now = time.monotonic()
        if now - self._pruned_checked >= PRUNE_CHECK_S:
            self._pruned_checked = now
            if min(self._cursor, self._arrivals) < self.store.changes_pruned_through():
                self._resync()
        # two cursors over the one log: what changed (another seat's decision, a claim, a field status) is
        # read apart from the arrivals, so a burst of arrivals never keeps a decision waiting
        while not self._stop.is_set():
            more_updates = self._read_updates(self._reader)
            if self.postgres:  # the arrivals thread reads them
                self._arrivals_due.set()
                more_arrivals = False
            else:
                more_arrivals = self._read_arrivals()
            self._sweep()
            if not (more_updates or more_arrivals):
                return

    def _take(self, changes: list[Change], *, urgent: bool, conn: Any = None) -> None:
        batch = self.read(changes, conn)
        if urgent:  # what changed: one part, ahead of the arrivals waiting for the loop
            self._hand_over(batch, urgent=True)
            return
        for part in self.parts(batch):
            self._hand_over(part, urgent=False)

    def _resync(self) -> None:
        """The changes this seat missed were pruned (it was away longer than the log keeps): read the
        room again — every open event, and the stored version of those the room holds that closed."""
        head = self.store.change_head()
        log.warning("room sync (%s): behind the pruned change log (at %d); reading the room again", self.seat,
                    self._cursor)
        with self._arrivals_lock:
            fresh = self.store.events.load_open()
            ids = {ev.id for ev in fresh}
            gone = [i for i in list(self.room.events) if i not in ids]
            closed = list(self.store.events.get_many(gone).values()) if gone else []
            self._cursor = self._arrivals = head
            self.resyncs += 1
            batch = SyncBatch(head, [*fresh, *closed])
            if self.on_room_log is not None:  # the room-log rows missed are applied once more (idempotent)
                batch.room_log = self.store.room_log.entries(self.room_log_kinds)
            for part in self.parts(batch):
                self._hand_over(part, urgent=False)

    def read(self, changes: list[Change], conn: Any = None) -> SyncBatch:
        """What ``changes`` changed, read from the store (blocking; a sync thread; on ``conn`` when given)."""
        batch = SyncBatch(last_seq=changes[-1].seq)
        room = self.room.events
        wanted: dict[str, None] = {}
        claims: dict[str, None] = {}
        logged: list[int] = []
        for ch in changes:
            if ch.entity == ENTITY_EVENT:
                held = room.get(ch.entity_id)  # a dict read from this thread: atomic under the GIL
                if held is None or held.version < ch.version:
                    wanted[ch.entity_id] = None
                    if ch.version:  # a new version: a shown timeline grew (an arrival has none yet)
                        batch.touched.append(ch.entity_id)
            elif ch.entity == ENTITY_CLAIM:
                claims[ch.entity_id] = None
            elif ch.entity == ENTITY_ACTION:
                batch.touched.append(ch.entity_id)
            elif ch.entity == ENTITY_SETTING:
                batch.settings.append(ch.entity_id)
            elif ch.entity == ENTITY_DISTRICT:
                batch.district = True
            elif ch.entity == ENTITY_ROOM_LOG and self.on_room_log is not None:
                logged.append(int(ch.entity_id))
        if logged:
            batch.room_log = self.store.room_log.entries(self.room_log_kinds, ids=logged)
        if wanted:
            found = self.store.events.get_many(list(wanted), conn)
            batch.events = [found[i] for i in wanted if i in found]
        if claims:
            holders = self.store.claims.holders(list(claims), self.clock(), conn)
            batch.claims = {eid: holders.get(eid) for eid in claims}
        return batch

    def parts(self, batch: SyncBatch) -> list[SyncBatch]:
        """``batch`` in loop-sized parts: first what changed of the events the room holds (another seat's
        decision, a claim: what its officer is looking at), then the arrivals, ``APPLY_CHUNK`` at a time —
        so a burst of arrivals never holds the loop (the GUI) for long, nor keeps a decision waiting."""
        room = self.room.events
        known = [ev for ev in batch.events if ev.id in room]
        arrivals = [ev for ev in batch.events if ev.id not in room]
        out = [SyncBatch(batch.last_seq, known, batch.claims, batch.touched, batch.settings, batch.room_log,
                         batch.district)]
        out += [SyncBatch(batch.last_seq, arrivals[i:i + APPLY_CHUNK]) for i in range(0, len(arrivals), APPLY_CHUNK)]
        return out

    def _hand_over(self, batch: SyncBatch | None, *, urgent: bool) -> None:
        """Queue ``batch`` for the loop (``None``: the expiry sweep). ``urgent`` (what changed) goes
        ahead of the arrivals waiting there: the loop applies every urgent batch, then one part of
        arrivals per turn (Qt paints between)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with self._queue_lock:
            (self._urgent if urgent else self._arriving).append(batch)
            if self._drain_due:
                return
            self._drain_due = True
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(self._drain)

    # ---- on the loop ------------------------------------------------------------------------------
    def _drain(self) -> None:
        """Apply what the thread handed over: every urgent batch, then one part of arrivals."""
        with self._queue_lock:
            urgent = list(self._urgent)
            self._urgent.clear()
        for batch in urgent:
            if batch is not None and any(eid not in self.room.events for eid in batch.claims):
                # a claim on an event still on its way in: the arrivals read before it go first (an
                # arrival read after it carries the claim already; a later claim change has its own batch)
                self._apply_arriving()
            self.apply(batch)
        with self._queue_lock:
            part = self._arriving.popleft() if self._arriving else None
        if part is not None:
            self.apply(part)
        with self._queue_lock:
            self._drain_due = bool(self._urgent or self._arriving)
            if not self._drain_due:
                return
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon(self._drain)  # the next part at the next turn

    def _apply_arriving(self) -> None:
        while True:
            with self._queue_lock:
                if not self._arriving:
                    return
                part = self._arriving.popleft()
            self.apply(part)

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
        if batch.room_log and self.on_room_log is not None:
            try:
                self.on_room_log(batch.room_log)
            except Exception:
                log.exception("room sync: applying %d room-log rows failed", len(batch.room_log))
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
