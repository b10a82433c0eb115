"""Broadcasts (一键下达) and whistles (吹哨报到) live in the room log; the board is its fold.

Every change of a broadcast or whistle is one room-log entry (kind = the bus topic, ``ref`` the
record's id, ``data`` the change's detail, its change id and the record as it stood after it — see
:mod:`console.domain.escalation_log`). The escalation service applies its own changes to its board at
once and hands them to :class:`EscalationRecords`, which appends them to the room log — debounced,
in a worker thread. The append is announced in the change log, so every other seat's room sync
reads the entries and folds them into its board (:meth:`EscalationRecords.apply`): the room log is
the one source of truth, and concurrent changes of two seats (two grids acknowledging one broadcast)
both survive everywhere.

At start-up :meth:`EscalationRecords.load` folds the log. A database from before (whose board lived
in one JSON settings document, ``escalation.records.v1``) is imported into the log once, when the
log holds no broadcast or whistle yet; the document is never written again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from console.domain.escalation import Broadcast, Whistle
from console.domain.escalation_log import (
    KINDS,
    Board,
    LogEntry,
    changes_of,
    dump_broadcast,
    dump_whistle,
    load_broadcast,
    load_whistle,
)
from console.services.bus import Bus

log = logging.getLogger(__name__)
KEY = "escalation.records.v1"  # the settings document of old databases (read once, to import)
CHANGES = KINDS

__all__ = ["CHANGES", "KEY", "BoardReader", "EscalationRecords", "dump_broadcast", "dump_whistle", "entry_of",
           "fold_store", "load_broadcast", "load_whistle"]


def entry_of(row: Any) -> LogEntry:
    """A stored room-log row as the fold reads it."""
    return LogEntry(row.at, row.kind, row.ref, row.data or {}, id=row.id, actor=row.actor, seat=row.seat)


def fold_store(room_log: Any) -> Board:
    """The board folded from a store's whole room log (blocking)."""
    board, errors = Board.fold(entry_of(r) for r in room_log.entries(KINDS))
    for text in errors:
        log.warning("escalation board: %s; skipped", text)
    return board


class EscalationRecords:
    """Fold the room log into the escalation service at start; append its changes to the log."""

    def __init__(self, escalation: Any, settings: Any, bus: Bus, *, delay_s: float = 0.5,
                 room_log: Any = None, seat: str | None = None) -> None:
        """``settings``: read once for the old document; ``room_log``: the store's room log."""
        self.escalation = escalation
        self.settings = settings
        self.delay_s = delay_s
        self.room_log = room_log
        self.seat = seat or getattr(escalation, "seat", None)
        self.bus = bus
        self._pending: asyncio.Future[Any] | None = None
        self._entries: list[LogEntry] = []
        self.imported = 0  # records imported from the old settings document
        escalation.recorder = self._record

    # ---- start-up -----------------------------------------------------------------------------------
    def load(self) -> int:
        """Fold the room log into the service (blocking; call before the loop runs, after the room
        sync marked its start: what is appended meanwhile comes again and is applied once).
        Returns how many broadcasts and whistles the board holds."""
        svc = self.escalation
        if self.room_log is None:
            return 0
        try:
            rows = self.room_log.entries(KINDS)
        except Exception:
            log.exception("reading broadcasts and whistles from the room log failed; starting without them")
            return 0
        if not rows:
            self._import_document()
            rows = self.room_log.entries(KINDS) if self.imported else []
        board, errors = Board.fold(entry_of(r) for r in rows)
        for text in errors:
            log.warning("escalation board: %s; skipped", text)
        svc.board = board
        return len(board.broadcasts) + len(board.whistles)

    def _import_document(self) -> None:
        """The old settings document, as changes in the room log (once: the log had none)."""
        data = self.settings.get(KEY, None) if self.settings is not None else None
        if not data:
            return
        broadcasts: list[Broadcast] = []
        whistles: list[Whistle] = []
        doc = data if isinstance(data, dict) else {}
        for d in doc.get("broadcasts", []):
            try:
                broadcasts.append(load_broadcast(d))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                log.error("a saved broadcast in %s is unreadable (%s); not imported", KEY, exc)
        for d in doc.get("whistles", []):
            try:
                whistles.append(load_whistle(d))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                log.error("a saved whistle in %s is unreadable (%s); not imported", KEY, exc)
        entries = changes_of(broadcasts, whistles)
        for e in entries:
            e.seat = self.seat
        try:
            self.room_log.append_many(entries)
        except Exception:
            log.exception("importing %d saved broadcasts/whistles into the room log failed", len(entries))
            return
        self.imported = len(broadcasts) + len(whistles)
        log.info("imported %d broadcasts and %d whistles of %s into the room log", len(broadcasts), len(whistles), KEY)

    def arm(self) -> None:
        """Re-arm the deadlines of the folded board (on the running loop)."""
        self.escalation.arm()

    # ---- other seats' changes ---------------------------------------------------------------------------
    def apply(self, rows: Iterable[Any]) -> int:
        """Room-log rows the room sync read (any kinds): fold the broadcast/whistle changes in."""
        entries = [entry_of(r) for r in rows if r.kind in KINDS]
        return self.escalation.apply_entries(entries) if entries else 0

    # ---- this seat's changes ------------------------------------------------------------------------------
    def _record(self, entry: LogEntry) -> None:
        if self.room_log is None:
            return
        self._entries.append(entry)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush_log()  # no loop (tests, simulator): at once
            return
        if self._pending is None or self._pending.done():
            self._pending = asyncio.ensure_future(self._flush_later(loop))

    def flush_log(self) -> bool:
        """Append the changes not yet in the room log (blocking); False when the store refused them
        (they are kept, and tried again with the next change)."""
        entries, self._entries = self._entries, []
        if not entries or self.room_log is None:
            return True
        try:
            ids = self.room_log.append_many(entries)
        except Exception:
            log.exception("recording %d broadcast/whistle changes in the room log failed; kept", len(entries))
            self._entries[:0] = entries
            return False
        for e, i in zip(entries, ids or (), strict=False):
            e.id = i
        return True

    async def _flush_later(self, loop: asyncio.AbstractEventLoop) -> None:
        while self._entries:  # a change during the write goes with the next round
            await asyncio.sleep(self.delay_s)
            if not await loop.run_in_executor(None, self.flush_log):
                return  # the store refuses: the next change tries again

    async def drain(self) -> None:
        """Wait until every change made so far is in the room log (shutdown, tests)."""
        if self._pending is not None and not self._pending.done():
            await asyncio.shield(self._pending)
        if self._entries:
            await asyncio.get_running_loop().run_in_executor(None, self.flush_log)


class BoardReader:
    """The board of a store, kept up to date by reading only what the change log says was appended
    (the wall, the supervisor report: read-only, from a worker thread)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.board = Board()
        self._seq: int | None = None

    def refresh(self) -> Board:
        store = self.store
        if self._seq is None or self._seq < store.changes_pruned_through():
            self._seq = store.change_head()
            self.board = fold_store(store.room_log)
            return self.board
        while True:
            changes = store.changes_after(self._seq, 5_000, kind="room_log")
            if not changes:
                return self.board
            rows = store.room_log.entries(KINDS, ids=[int(c.entity_id) for c in changes])
            for e in sorted((entry_of(r) for r in rows), key=lambda e: (e.at, e.id)):
                try:
                    self.board.apply(e)
                except ValueError as exc:
                    log.warning("escalation board: room log %s not applied: %s", e.id, exc)
            self._seq = changes[-1].seq
