"""The escalation board as a fold of the room log: broadcasts (一键下达 with their roll call) and
whistles (吹哨报到 with check-ins, progress and red marks) as of any instant.

Every change of a broadcast or whistle is one room-log entry (kind = the bus topic, ``ref`` = the
record's id, ``data`` = the change id, the change's detail and time; the creation — sent / blown —
carries the record as made). The fold applies
each entry *as a change*, never as a replacement of the record, and the changes commute:

- an acknowledgement / check-in keeps the earliest time known for that grid / department;
- a check-in in time clears a red mark a racing deadline made; a red mark never marks a department
  that checked in in time;
- progress notes are kept in time order; a resend counts once per entry;
- every entry carries a change id (``cid``): applying it again changes nothing.

So two seats that acknowledge the same broadcast for different grids at the same moment both
survive, on both seats, whatever order their entries reach each seat in — and a replay folding the
log in ``(at, id)`` order up to an instant gets the board of that instant.

Entries written before change ids existed (each carried the record after the change) fold the same
way: the change's time comes from the detail (``at``) or that record; a change of a record not seen
yet brings the record from the entry, as it was made.
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from console.domain.escalation import Broadcast, Summons, Whistle

BROADCAST_KINDS = ("broadcast_sent", "broadcast_acknowledged", "broadcast_resent", "broadcast_overdue")
WHISTLE_KINDS = ("whistle_blown", "whistle_checked_in", "whistle_progress", "whistle_red")
KINDS = BROADCAST_KINDS + WHISTLE_KINDS

Effect = tuple[str, dict[str, Any]]  # (bus topic, payload) of a change that changed the board


# ---- the records' JSON form ---------------------------------------------------------------------------
def _t(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt is not None else None


def _p(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _req(text: str | None) -> datetime:
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


def fresh_broadcast(d: dict[str, Any]) -> Broadcast:
    """The broadcast as it was sent (no acknowledgement, sent once), from any later form of it."""
    b = load_broadcast(d)
    return Broadcast(b.id, b.instruction, b.officer, b.sent_at, b.ack_by, dict.fromkeys(b.acks),
                     dict.fromkeys(b.acks, 1), b.event_id)


def fresh_whistle(d: dict[str, Any]) -> Whistle:
    """The whistle as it was blown (nobody checked in), from any later form of it."""
    w = load_whistle(d)
    return Whistle(w.id, w.event_id, w.note, w.officer, w.blown_at, w.checkin_by,
                   {dep: Summons(dep) for dep in w.summons})


# ---- entries --------------------------------------------------------------------------------------------
@dataclass(slots=True)
class LogEntry:
    """One change as the fold reads it (a room-log row; ``id`` 0 until stored)."""

    at: datetime
    kind: str
    ref: str | None
    data: dict[str, Any] = field(default_factory=dict)
    id: int = 0
    actor: str | None = None
    seat: str | None = None

    @property
    def cid(self) -> str:
        """The change's id: the one it was written with, else its row's."""
        cid = self.data.get("cid")
        return str(cid) if cid else f"row:{self.id}"


def new_cid() -> str:
    return uuid.uuid4().hex


def order(entries: Iterable[LogEntry]) -> list[LogEntry]:
    """The room's order: by time, then by append order."""
    return sorted(entries, key=lambda e: (e.at, e.id))


class Unreadable(ValueError):
    """An entry the fold cannot apply (its record unknown and not in the entry, a bad time...)."""


@dataclass
class Board:
    """Broadcasts and whistles folded from the room log."""

    broadcasts: dict[str, Broadcast] = field(default_factory=dict)
    whistles: dict[str, Whistle] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # change ids applied
    overdue: set[str] = field(default_factory=set)  # broadcasts whose overdue roll call was noted
    last_at: datetime | None = None  # the newest change applied

    @classmethod
    def fold(cls, entries: Iterable[LogEntry], until: datetime | None = None) -> tuple[Board, list[str]]:
        """The board after ``entries`` (in the room's order) up to ``until`` (inclusive); and the
        reasons of the entries that could not be applied (skipped)."""
        board, errors = cls(), []
        for e in order(entries):
            if until is not None and e.at > until:
                break
            try:
                board.apply(e)
            except Unreadable as exc:
                errors.append(f"room log {e.id} ({e.kind} {e.ref}): {exc}")
        return board, errors

    def apply(self, e: LogEntry) -> list[Effect]:
        """Apply one change; returns what it changed as bus topics and payloads (none when it was
        applied before or changed nothing). Raises :class:`Unreadable`."""
        if e.kind not in KINDS:
            return []
        cid = e.cid
        if cid in self.seen:
            return []
        try:
            out = self._apply_broadcast(e) if e.kind in BROADCAST_KINDS else self._apply_whistle(e)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise Unreadable(str(exc) or type(exc).__name__) from exc
        self.seen.add(cid)
        if self.last_at is None or e.at > self.last_at:
            self.last_at = e.at
        return out

    # ---- broadcasts ------------------------------------------------------------------------------------
    def _broadcast(self, e: LogEntry, out: list[Effect]) -> Broadcast:
        b = self.broadcasts.get(e.ref or "")
        if b is None:
            snap = e.data.get("broadcast")
            if not isinstance(snap, dict):
                raise KeyError(f"broadcast {e.ref!r} unknown and not in the entry")
            b = fresh_broadcast(snap)
            self.broadcasts[b.id] = b
            out.append(("broadcast_sent", {"broadcast": b}))
        return b

    def _apply_broadcast(self, e: LogEntry) -> list[Effect]:
        out: list[Effect] = []
        b = self._broadcast(e, out)
        d = e.data
        if e.kind == "broadcast_acknowledged":
            grid = str(d["grid_id"])
            if grid not in b.acks:
                raise KeyError(f"grid {grid!r} is not a target of broadcast {b.id}")
            at = _change_time(e, (d.get("broadcast") or {}).get("acks", {}).get(grid))
            held = b.acks[grid]
            if held is None or at < held:
                b.acks[grid] = at
                out.append(("broadcast_acknowledged", {"broadcast": b, "grid_id": grid}))
        elif e.kind == "broadcast_resent":
            grids = [str(g) for g in d["grid_ids"] if g in b.acks]
            for g in grids:
                b.sends[g] = b.sends.get(g, 1) + 1
            if grids:
                out.append(("broadcast_resent", {"broadcast": b, "grid_ids": grids}))
        elif e.kind == "broadcast_overdue":
            self.overdue.add(b.id)
            silent = b.silent()
            if silent:
                out.append(("broadcast_overdue", {"broadcast": b, "silent": silent}))
        return out

    # ---- whistles --------------------------------------------------------------------------------------
    def _whistle(self, e: LogEntry, out: list[Effect]) -> Whistle:
        w = self.whistles.get(e.ref or "")
        if w is None:
            snap = e.data.get("whistle")
            if not isinstance(snap, dict):
                raise KeyError(f"whistle {e.ref!r} unknown and not in the entry")
            w = fresh_whistle(snap)
            self.whistles[w.id] = w
            out.append(("whistle_blown", {"whistle": w}))
        return w

    def _apply_whistle(self, e: LogEntry) -> list[Effect]:
        out: list[Effect] = []
        w = self._whistle(e, out)
        d = e.data
        if e.kind == "whistle_checked_in":
            dep = str(d["department_id"])
            s = w._summons(dep)
            snap = _summons_of(d.get("whistle"), dep)
            at = _change_time(e, snap.get("checked_in_at"))
            if s.checked_in_at is None or at < s.checked_in_at:
                s.checked_in_at = at
                s.red = at > w.checkin_by  # in time: a red mark a racing deadline made does not stand
                out.append(("whistle_checked_in", {"whistle": w, "department_id": dep}))
        elif e.kind == "whistle_progress":
            dep, note = str(d["department_id"]), str(d.get("note") or "")
            s = w._summons(dep)
            at = _change_time(e, _progress_time(d.get("whistle"), dep, note))
            bisect.insort(s.progress, (at, note))
            out.append(("whistle_progress", {"whistle": w, "department_id": dep, "note": note}))
        elif e.kind == "whistle_red":
            marked = []
            for dep in (str(x) for x in d.get("department_ids") or ()):
                s = w._summons(dep)
                in_time = s.checked_in_at is not None and s.checked_in_at <= w.checkin_by
                if not in_time and not s.red:
                    s.red = True
                    marked.append(dep)
            escalated = bool(d.get("escalated", (d.get("whistle") or {}).get("escalated", True)))
            if escalated and not w.escalated:
                w.escalated = True
            if marked:
                out.append(("whistle_red", {"whistle": w, "department_ids": marked}))
        return out


def _change_time(e: LogEntry, fallback: str | None) -> datetime:
    """When the change happened: the detail's ``at``, else the record's own time, else the entry's."""
    text = e.data.get("at") or fallback
    return datetime.fromisoformat(text) if text else e.at


def _summons_of(snap: Any, dep: str) -> dict[str, Any]:
    if isinstance(snap, dict):
        for s in snap.get("summons") or ():
            if s.get("department_id") == dep:
                return dict(s)
    return {}


def _progress_time(snap: Any, dep: str, note: str) -> str | None:
    """Entries without an ``at``: the latest progress of ``dep`` with this note in the record after it."""
    for at, text in reversed(_summons_of(snap, dep).get("progress") or []):
        if text == note:
            return str(at)
    return None


# ---- records → changes (importing the old settings document) ---------------------------------------------
def changes_of(broadcasts: Iterable[Broadcast], whistles: Iterable[Whistle]) -> list[LogEntry]:
    """The changes that fold into these records: sent/blown, then every acknowledgement, resend,
    check-in, progress note and red mark at its time (what the old settings document held, as a log)."""
    out: list[LogEntry] = []
    for b in broadcasts:
        base = dump_broadcast(fresh_broadcast(dump_broadcast(b)))
        out.append(LogEntry(b.sent_at, "broadcast_sent", b.id, {"cid": new_cid(), "broadcast": base},
                            actor=b.officer))
        for g, at in b.acks.items():
            if at is not None:
                out.append(LogEntry(at, "broadcast_acknowledged", b.id,
                                    {"cid": new_cid(), "grid_id": g, "at": at.isoformat()}))
        extra = max((n - 1 for n in b.sends.values()), default=0)
        for i in range(extra):
            grids = [g for g, n in b.sends.items() if n - 1 > i]
            out.append(LogEntry(b.sent_at, "broadcast_resent", b.id, {"cid": new_cid(), "grid_ids": grids}))
    for w in whistles:
        base = dump_whistle(fresh_whistle(dump_whistle(w)))
        out.append(LogEntry(w.blown_at, "whistle_blown", w.id, {"cid": new_cid(), "whistle": base}, actor=w.officer))
        for s in w.summons.values():
            if s.checked_in_at is not None:
                out.append(LogEntry(s.checked_in_at, "whistle_checked_in", w.id, {
                    "cid": new_cid(), "department_id": s.department_id, "at": s.checked_in_at.isoformat()}))
            for at, note in s.progress:
                out.append(LogEntry(at, "whistle_progress", w.id, {
                    "cid": new_cid(), "department_id": s.department_id, "note": note, "at": at.isoformat()}))
        red = [s.department_id for s in w.summons.values()
               if s.red and not (s.checked_in_at is not None and s.checked_in_at > w.checkin_by)]
        if red or w.escalated:
            out.append(LogEntry(w.checkin_by, "whistle_red", w.id, {
                "cid": new_cid(), "department_ids": red, "escalated": w.escalated}))
    return order(out)


# ---- the board as JSON (``replay --dump json``) ---------------------------------------------------------
def broadcast_view(b: Broadcast, now: datetime) -> dict[str, Any]:
    """A broadcast's roll call at ``now``; ``awaiting``: some grid is silent (the board lists it)."""
    silent = b.silent()
    return {"id": b.id, "instruction": b.instruction, "officer": b.officer, "event_id": b.event_id,
            "sent_at": _t(b.sent_at), "ack_by": _t(b.ack_by), "targets": len(b.acks),
            "acknowledged": len(b.acks) - len(silent), "silent": silent,
            "acks": {g: _t(at) for g, at in b.acks.items()}, "sends": dict(b.sends),
            "overdue": bool(silent) and now > b.ack_by, "awaiting": bool(silent)}


def whistle_view(w: Whistle, now: datetime) -> dict[str, Any]:
    """A whistle's check-ins at ``now``: each department's time, red mark, progress."""
    return {"id": w.id, "event_id": w.event_id, "note": w.note, "officer": w.officer,
            "blown_at": _t(w.blown_at), "checkin_by": _t(w.checkin_by), "escalated": w.escalated,
            "checked_in": sum(s.checked_in_at is not None for s in w.summons.values()),
            "response_rate": round(w.response_rate, 4),
            "summons": [{"department_id": s.department_id, "checked_in_at": _t(s.checked_in_at), "red": s.red,
                         "late": s.red or (s.checked_in_at is None and now > w.checkin_by),
                         "progress": [[_t(at), note] for at, note in s.progress]} for s in w.summons.values()]}
