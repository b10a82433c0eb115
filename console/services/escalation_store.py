"""Broadcasts (一键下达) and whistles (吹哨报到) survive a restart of the console, and are recorded.

The escalation service keeps them as domain records; this module saves them — debounced, in a
worker thread — as one JSON document in the store's settings table after every change, and loads
them back at start-up (re-arming the acknowledgement and check-in deadlines that are still ahead).

Every change is also appended to the store's room log (issue 15: every database is a recording):
one entry per change, kind = the bus topic (``broadcast_sent``, ``whistle_checked_in`` …), ``ref``
the broadcast or whistle id, ``data`` the record as it stood after the change plus the change's own
detail (grid, department, note). Replay reads them back by time.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from functools import partial
from typing import Any

from console.domain.escalation import Broadcast, Summons, Whistle
from console.services.bus import Bus
from console.store.room_log import RoomEntry

log = logging.getLogger(__name__)
KEY = "escalation.records.v1"
CHANGES = (
    "broadcast_sent", "broadcast_acknowledged", "broadcast_resent", "broadcast_overdue",
    "whistle_blown", "whistle_checked_in", "whistle_progress", "whistle_red",
)


def _t(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt is not None else None


def _p(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _req(text: str) -> datetime:
    """A time the record cannot lack (a missing one is an unreadable record: ValueError)."""
    if not text:
        raise ValueError("a required time is missing")
    return datetime.fromisoformat(text)


def dump_broadcast(b: Broadcast) -> dict[str, Any]:
    return {"id": b.id, "instruction": b.instruction, "officer": b.officer, "sent_at": _t(b.sent_at),
            "ack_by": _t(b.ack_by), "acks": {g: _t(at) for g, at in b.acks.items()}, "sends": dict(b.sends),
            "event_id": b.event_id}


def load_broadcast(d: dict[str, Any]) -> Broadcast:
    return Broadcast(d["id"], d["instruction"], d["officer"], _req(d["sent_at"]), _req(d["ack_by"]),
                     {g: _p(at) for g, at in d["acks"].items()}, dict(d.get("sends") or {}), d.get("event_id"))


def dump_whistle(w: Whistle) -> dict[str, Any]:
    return {"id": w.id, "event_id": w.event_id, "note": w.note, "officer": w.officer,
            "blown_at": _t(w.blown_at), "checkin_by": _t(w.checkin_by), "escalated": w.escalated,
            "summons": [{"department_id": s.department_id, "checked_in_at": _t(s.checked_in_at),
                         "progress": [[_t(at), note] for at, note in s.progress], "red": s.red}
                        for s in w.summons.values()]}


def load_whistle(d: dict[str, Any]) -> Whistle:
    summons = {
        s["department_id"]: Summons(s["department_id"], _p(s.get("checked_in_at")),
                                    [(_req(at), note) for at, note in s.get("progress") or []], bool(s.get("red")))
        for s in d["summons"]
    }
    return Whistle(d["id"], d["event_id"], d["note"], d["officer"], _req(d["blown_at"]), _req(d["checkin_by"]),
                   summons, bool(d.get("escalated")))


def change_entry(topic: str, payload: dict[str, Any], at: datetime) -> Any:
    """The room-log entry of one broadcast/whistle change."""
    b, w = payload.get("broadcast"), payload.get("whistle")
    data: dict[str, Any] = {}
    if b is not None:
        data["broadcast"] = dump_broadcast(b)
    if w is not None:
        data["whistle"] = dump_whistle(w)
    for key in ("grid_id", "department_id", "note"):
        if payload.get(key) is not None:
            data[key] = payload[key]
    for key in ("grid_ids", "silent", "department_ids"):
        if payload.get(key) is not None:
            data[key] = list(payload[key])
    rec = b if b is not None else w
    actor = getattr(rec, "officer", None)
    return RoomEntry(at=at, kind=topic, actor=actor, ref=getattr(rec, "id", None), data=data)


class EscalationRecords:
    """Load at start, save after every change of a broadcast or whistle."""

    def __init__(self, escalation: Any, settings: Any, bus: Bus, *, delay_s: float = 0.5,
                 room_log: Any = None) -> None:
        """``room_log``: the store's room log (``append_many``); every change is appended to it."""
        self.escalation = escalation
        self.settings = settings
        self.delay_s = delay_s
        self.room_log = room_log
        self._pending: asyncio.Future[Any] | None = None
        self._dirty = False
        self._entries: list[Any] = []
        self._merging = False
        self.bus = bus
        for name in CHANGES:
            bus.subscribe(name, partial(self._record, name))

    def _record(self, topic: str, **payload: Any) -> None:
        if self.room_log is not None:
            self._entries.append(change_entry(topic, payload, self.escalation.clock.now()))
        self._changed(**payload)

    def flush_log(self) -> None:
        """Append the changes not yet in the room log (blocking)."""
        entries, self._entries = self._entries, []
        if entries and self.room_log is not None:
            try:
                self.room_log.append_many(entries)
            except Exception:
                log.exception("recording %d broadcast/whistle changes in the room log failed", len(entries))

    def load(self) -> int:
        """Restore saved records into the service (blocking; call before the loop runs)."""
        data = self.settings.get(KEY, None) or {}
        svc = self.escalation
        try:
            for d in data.get("broadcasts", []):
                b = load_broadcast(d)
                svc.broadcasts[b.id] = b
            for d in data.get("whistles", []):
                w = load_whistle(d)
                svc.whistles[w.id] = w
        except (KeyError, TypeError, ValueError) as exc:
            log.error("saved broadcasts/whistles in %s are unreadable (%s); starting without them", KEY, exc)
            return 0
        return len(svc.broadcasts) + len(svc.whistles)

    def merge_saved(self) -> int:
        """Another seat saved the records (the room sync saw the setting change): take the broadcasts
        and whistles this seat does not know yet, and the newer state of those it knows (a seat's
        acks and check-ins are kept: the saved record is taken only when it has at least as many).
        Returns how many records were new. Publishing them does not save them again."""
        data = self.settings.get(KEY, None) or {}
        svc, new = self.escalation, 0
        self._merging = True
        try:
            for d in data.get("broadcasts", []):
                b = load_broadcast(d)
                held = svc.broadcasts.get(b.id)
                if held is None:
                    svc.broadcasts[b.id] = b
                    self.bus.publish("broadcast_sent", broadcast=b)
                    new += 1
                elif sum(at is not None for at in b.acks.values()) >= sum(at is not None for at in held.acks.values()):
                    svc.broadcasts[b.id] = b
            for d in data.get("whistles", []):
                w = load_whistle(d)
                if w.id not in svc.whistles:
                    svc.whistles[w.id] = w
                    self.bus.publish("whistle_blown", whistle=w)
                    new += 1
        except (KeyError, TypeError, ValueError) as exc:
            log.error("saved broadcasts/whistles in %s are unreadable (%s); not merged", KEY, exc)
            return new
        finally:
            self._merging = False
        saved = {d.get("id") for d in data.get("broadcasts", [])} | {d.get("id") for d in data.get("whistles", [])}
        if any(i not in saved for i in (*svc.broadcasts, *svc.whistles)):
            self._changed()  # two seats saved at once: write the union back, so both records stay
        return new

    def arm(self) -> None:
        """Re-arm the deadlines still ahead (on the running loop)."""
        svc, now = self.escalation, self.escalation.clock.now()
        for b in svc.broadcasts.values():
            if b.ack_by > now and b.silent():
                svc.clock.call_at(b.ack_by, partial(svc._check_broadcast, b.id))
        for w in svc.whistles.values():
            if w.checkin_by > now and not w.escalated:
                svc.clock.call_at(w.checkin_by, partial(svc._on_checkin_deadline, w.id))

    def snapshot(self) -> dict[str, Any]:
        svc = self.escalation
        return {"broadcasts": [dump_broadcast(b) for b in svc.broadcasts.values()],
                "whistles": [dump_whistle(w) for w in svc.whistles.values()]}

    def save(self) -> None:
        self.settings.set(KEY, self.snapshot())
        self.flush_log()

    def _changed(self, **_payload: Any) -> None:
        if self._merging:
            return  # records another seat saved: nothing new to save
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.save()  # no loop (tests, simulator): save at once
            return
        self._dirty = True
        if self._pending is None or self._pending.done():
            self._pending = asyncio.ensure_future(self._save_later(loop))

    async def _save_later(self, loop: asyncio.AbstractEventLoop) -> None:
        while self._dirty:  # a change during the write is saved by the next round
            await asyncio.sleep(self.delay_s)
            self._dirty = False
            data = self.snapshot()  # taken on the loop thread; written in a worker thread
            try:
                await loop.run_in_executor(None, self.settings.set, KEY, data)
            except Exception:
                log.exception("saving broadcasts/whistles failed")
            await loop.run_in_executor(None, self.flush_log)
