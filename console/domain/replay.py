"""Replay (复盘): the room at any instant, folded from a recording's arrivals and action log.

Pure Python (numpy for the indexes). A recording is every stored event and its action log. The
state of an event at instant ``t`` is :func:`console.domain.decisions.fold` of its arrival base
with its actions whose ``at`` ≤ ``t``, in log order; an event exists from its arrival
(``received_at``, else ``reported_at``). This is the same fold the store keeps its rows by, so the
stored row is the state at the end of the recording.

The arrival base is worked back from the stored row (:func:`arrival_base`): the room's own fields
reset to what an arriving report has, and every field an action changed given the value the
*first* such action recorded as the one it replaced (``triage``'s ``was_category``/``was_level``,
``source_update``'s ``was``).

:class:`Timeline` precomputes, per event, its versions (one per distinct action time) and
checkpoints of which version every event is at, every ``CHECKPOINT`` of shift time; the state at
``t`` is the checkpoint at or before ``t`` with the events touched since moved to their version at
``t`` (a bisect each) — a few ms for 100,000 events (the snapshots; see console/services/replay.py).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from console.domain.decisions import apply_action
from console.domain.escalation import TIER_KEY
from console.domain.event import Event, Level, Location, State
from console.domain.lifecycle import RETURNED_REASON_KEY, SUSPENSION_KEY
from console.domain.sla import PAUSED_KEY, SLA_START_KEY
from console.domain.source_update import SOURCE_UPDATE

CHECKPOINT = timedelta(minutes=15)
# Event.extra keys that only actions write (the arrival never has them)
ACTION_EXTRA_KEYS = frozenset({TIER_KEY, SLA_START_KEY, PAUSED_KEY, SUSPENSION_KEY, RETURNED_REASON_KEY})
_REPORT_FIELDS = ("title", "description", "reporter_name", "reporter_phone", "camera_id")
ONSITE_RESOLVED = "onsite_resolved"


def us(dt: datetime) -> int:
    """µs since the epoch (the store's time unit)."""
    return int(round(dt.timestamp() * 1_000_000))


def from_us(value: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=int(value))


def arrival_of(ev: Event) -> datetime:
    return ev.received_at or ev.reported_at


def arrival_base(row: Event, actions: Sequence[Action_]) -> Event:
    """The event as it arrived, worked back from the stored ``row`` and its log (in log order)."""
    first: dict[str, Any] = {}
    extra_was: dict[str, Any] = {}
    added: set[tuple[str, str]] = set()
    onsite_at: datetime | None = None
    for a in actions:
        data = a.data
        if a.kind == "triage":
            first.setdefault("category", data.get("was_category"))
            first.setdefault("level", data.get("was_level"))
        elif a.kind == SOURCE_UPDATE:
            was = data.get("was") or {}
            for name, value in was.items():
                if name == "extra":
                    for k, v in (value or {}).items():
                        extra_was.setdefault(k, v)
                else:
                    first.setdefault(name, value)
            for att in (data.get("changes") or {}).get("attachments_added") or ():
                added.add((att.get("kind"), att.get("url")))
        elif a.kind == ONSITE_RESOLVED and onsite_at is None:
            onsite_at = a.at
    extra = {k: v for k, v in row.extra.items() if k not in ACTION_EXTRA_KEYS}
    for k, v in extra_was.items():
        if v is None:
            extra.pop(k, None)
        else:
            extra[k] = v
    changes: dict[str, Any] = {
        "state": State.RESOLVED if onsite_at is not None else State.NEW,
        "updated_at": row.received_at,
        "assignees": [],
        "dispatched_at": None,
        "deadline_at": None,
        "resolved_at": onsite_at,
        "closed_at": None,
        "duplicate_of": None,
        "duplicate_count": 0,
        "claimed_by": None,
        "claim_until": None,
        "supervised": False,
        "version": 0,
        "extra": extra,
        "attachments": [att for att in row.attachments if (att.kind, att.url) not in added],
    }
    for name in _REPORT_FIELDS:
        if name in first:
            changes[name] = first[name]
    if first.get("category"):
        changes["category"] = first["category"]
    if first.get("level"):
        changes["level"] = Level(first["level"])
    if "location" in first:
        loc = first["location"]
        changes["location"] = Location(loc["lat"], loc["lon"], loc.get("address")) if loc else None
    if "grid_id" in first:
        changes["grid_id"] = first["grid_id"]
        changes["grid_flag"] = first.get("grid_flag")
    return row.copy(**changes)


Action_ = Any  # console.domain.event.Action (kept loose for the numpy-heavy paths)


@dataclass(slots=True)
class RoomState:
    """The room at ``at``: the version every event is at (-1: not arrived yet)."""

    at: datetime
    version_index: np.ndarray  # int32 per event of the timeline
    timeline: Timeline

    def events(self) -> list[Event]:
        """Every event arrived by ``at``, as it stood then."""
        return self.timeline.events_of(self.version_index)

    def open_events(self) -> list[Event]:
        return self.timeline.events_of(self.version_index, open_only=True)

    def event(self, event_id: str) -> Event | None:
        i = self.timeline.index.get(event_id)
        if i is None:
            return None
        return self.timeline.version_of(i, self.version_index)


@dataclass(frozen=True, slots=True)
class _Index:
    """The numpy indexes of the events folded so far (swapped whole: readers on other threads see
    one consistent set)."""

    offsets: np.ndarray  # int64, n + 1: event i's versions are versions[offsets[i]:offsets[i + 1]]
    vtimes: np.ndarray  # int64 µs from which each version holds
    arrivals: np.ndarray  # int64 µs per event
    v_open: np.ndarray  # bool per version
    touch_t: np.ndarray  # int64 µs, sorted: every arrival and change
    touch_i: np.ndarray  # int32: the event of each touch


def _empty_index() -> _Index:
    z = np.zeros(0, dtype=np.int64)
    return _Index(np.zeros(1, dtype=np.int64), z, z, np.zeros(0, dtype=bool), z, np.zeros(0, dtype=np.int32))


class NotReady(Exception):
    """The instant is past what has been folded so far (the recording is still being read)."""


class Timeline:
    """Every event's versions over time, and checkpoints for instant seeks.

    Built in chunks of events in arrival order (:meth:`extend`, then :meth:`finish`): the state at
    ``t`` is exact as soon as every event arriving by ``t`` is folded (:attr:`ready_until`), so the
    replay window shows its first instant while the rest of a long recording is still being read.
    """

    def __init__(self, rows: Sequence[Event] = (), log: Mapping[str, Sequence[Action_]] | None = None, *,
                 start: datetime | None = None, end: datetime | None = None,
                 checkpoint: timedelta = CHECKPOINT, progress: Callable[[int, int], None] | None = None) -> None:
        self.ids: list[str] = []
        self.index: dict[str, int] = {}
        self.versions: list[Event] = []
        self._vtimes: list[int] = []
        self._offsets: list[int] = [0]
        self._touch_t: list[int] = []
        self._touch_i: list[int] = []
        self._arrivals: list[int] = []
        self._v_open: list[bool] = []
        self._ix = _empty_index()
        self.start = start
        self.end = end
        self.checkpoint = checkpoint
        self.checkpoints: list[tuple[int, np.ndarray]] = []
        self.ready_until = -(1 << 62)  # µs: every event arriving by then is folded
        self.complete = False
        if rows or log:
            ordered = sorted(rows, key=lambda e: (arrival_of(e), e.id))
            self.extend(ordered, log or {}, progress=progress, total=len(ordered))
            self.finish()

    def __len__(self) -> int:
        return len(self.ids)

    # the current indexes (one consistent set)
    offsets = property(lambda self: self._ix.offsets)
    vtimes = property(lambda self: self._ix.vtimes)
    arrivals = property(lambda self: self._ix.arrivals)
    v_open = property(lambda self: self._ix.v_open)
    touch_t = property(lambda self: self._ix.touch_t)
    touch_i = property(lambda self: self._ix.touch_i)

    # ---- folding ------------------------------------------------------------------------------------------
    def extend(self, rows: Sequence[Event], log: Mapping[str, Sequence[Action_]], *,
               progress: Callable[[int, int], None] | None = None, total: int = 0) -> None:
        """Fold further events, in arrival order, none arriving before those already folded."""
        versions, vtimes, offsets = self.versions, self._vtimes, self._offsets
        touch_t, touch_i, v_open = self._touch_t, self._touch_i, self._v_open
        last_arrival = self.ready_until
        for row in rows:
            i = len(self.ids)
            acts = list(log.get(row.id, ()))
            base = arrival_base(row, acts)
            arr = us(arrival_of(row))
            last_arrival = max(last_arrival, arr)
            self.ids.append(row.id)
            self.index[row.id] = i
            self._arrivals.append(arr)
            touch_t.append(arr)
            touch_i.append(i)
            times = sorted({max(us(a.at), arr) for a in acts if a.kind != ONSITE_RESOLVED})
            cur = base
            versions.append(base)
            vtimes.append(arr)
            applied = 0
            in_order = all(acts[k].at <= acts[k + 1].at for k in range(len(acts) - 1))
            for t in times:
                if in_order:  # the usual log: one pass
                    while applied < len(acts) and max(us(acts[applied].at), arr) <= t:
                        cur = apply_action(cur, acts[applied])
                        applied += 1
                else:  # a log whose times are not in its order: each version folded in full
                    cur = base
                    for a in acts:
                        if max(us(a.at), arr) <= t:
                            cur = apply_action(cur, a)
                if t == arr:
                    versions[-1] = cur
                    continue
                versions.append(cur)
                vtimes.append(t)
                touch_t.append(t)
                touch_i.append(i)
            v_open.extend(v.state.is_live for v in versions[offsets[-1]:])
            offsets.append(len(versions))
            if progress is not None and (i % 2000 == 0):
                progress(i + 1, total)
        self._publish()
        self.ready_until = last_arrival
        if self.start is None and self.ids:
            self.start = from_us(self._arrivals[0])

    def _publish(self) -> None:
        touch_t = np.asarray(self._touch_t, dtype=np.int64)
        order = np.argsort(touch_t, kind="stable")
        self._ix = _Index(np.asarray(self._offsets, dtype=np.int64), np.asarray(self._vtimes, dtype=np.int64),
                          np.asarray(self._arrivals, dtype=np.int64), np.asarray(self._v_open, dtype=bool),
                          touch_t[order], np.asarray(self._touch_i, dtype=np.int32)[order])

    def finish(self) -> None:
        """Every event is folded: the extent and the checkpoints."""
        ix = self._ix
        if self.start is None:
            self.start = from_us(int(ix.touch_t[0])) if ix.touch_t.size else datetime.now(UTC)
        last = from_us(int(ix.touch_t[-1])) if ix.touch_t.size else self.start
        self.end = max(self.end, last) if self.end is not None else last
        self.ready_until = 1 << 62
        self._build_checkpoints()
        self.complete = True

    # ---- checkpoints ----------------------------------------------------------------------------------
    def _build_checkpoints(self) -> None:
        step = int(self.checkpoint.total_seconds() * 1_000_000)
        t0 = us(self.start)  # type: ignore[arg-type]
        t_end = us(self.end)  # type: ignore[arg-type]
        self.checkpoints = []
        ix = self._ix
        vi = np.full(ix.arrivals.size, -1, dtype=np.int32)
        last = None
        t = t0
        while True:
            vi = self._advance(ix, vi, last, t)
            self.checkpoints.append((t, vi.copy()))
            last = t
            if t >= t_end:
                break
            t = min(t + step, t_end)

    def set_checkpoints(self, checkpoints: Iterable[tuple[int, np.ndarray]]) -> None:
        """Checkpoints read back from the snapshot table (already verified)."""
        self.checkpoints = sorted(checkpoints, key=lambda c: c[0])

    @staticmethod
    def _advance(ix: _Index, vi: np.ndarray, since: int | None, t: int) -> np.ndarray:
        """``vi`` (the versions at ``since``; None: nothing arrived) moved to instant ``t`` ≥ since."""
        lo = 0 if since is None else int(np.searchsorted(ix.touch_t, since, side="right"))
        hi = int(np.searchsorted(ix.touch_t, t, side="right"))
        if hi > lo:
            offsets, vtimes = ix.offsets, ix.vtimes
            for i in np.unique(ix.touch_i[lo:hi]).tolist():
                a, b = int(offsets[i]), int(offsets[i + 1])
                vi[i] = int(np.searchsorted(vtimes[a:b], t, side="right")) - 1
        return vi

    def state_at(self, at: datetime) -> RoomState:
        t = us(at)
        if t > self.ready_until:
            raise NotReady(at)
        ix = self._ix
        keys = [c[0] for c in self.checkpoints] if self.complete else []
        k = bisect.bisect_right(keys, t) - 1
        if k < 0:
            vi = self._advance(ix, np.full(ix.arrivals.size, -1, dtype=np.int32), None, t)
        else:
            vi = self._advance(ix, self.checkpoints[k][1].copy(), self.checkpoints[k][0], t)
        return RoomState(at, vi, self)

    def state_after(self, prev: RoomState, at: datetime) -> RoomState:
        """The room at ``at`` from the room at ``prev.at`` (a step forward: only the touches between
        them are applied; backwards or past a checkpoint: :meth:`state_at`)."""
        t, t0 = us(at), us(prev.at)
        ix = self._ix
        keys = [c[0] for c in self.checkpoints] if self.complete else []
        crosses = bisect.bisect_right(keys, t) != bisect.bisect_right(keys, t0)
        if t < t0 or crosses or t > self.ready_until or prev.version_index.size != ix.arrivals.size:
            return self.state_at(at)
        return RoomState(at, self._advance(ix, prev.version_index.copy(), t0, t), self)

    def touched_between(self, a: datetime, b: datetime) -> list[int]:
        """Indexes of the events that arrived or changed in (min, max]."""
        ix = self._ix
        lo, hi = sorted((us(a), us(b)))
        i0 = int(np.searchsorted(ix.touch_t, lo, side="right"))
        i1 = int(np.searchsorted(ix.touch_t, hi, side="right"))
        return np.unique(ix.touch_i[i0:i1]).tolist()

    def events_of(self, vi: np.ndarray, *, open_only: bool = False) -> list[Event]:
        ix = self._ix
        have = vi >= 0
        gidx = ix.offsets[: vi.size] + np.maximum(vi, 0)
        if open_only:
            have &= ix.v_open[gidx]
        versions = self.versions
        return [versions[g] for g in gidx[have].tolist()]

    def versions_first(self) -> list[Event]:
        """Every event as it arrived."""
        return [self.versions[int(o)] for o in self.offsets[:-1].tolist()]

    def version_of(self, i: int, vi: np.ndarray) -> Event | None:
        if i >= vi.size:
            return None
        v = int(vi[i])
        return None if v < 0 else self.versions[int(self.offsets[i]) + v]
