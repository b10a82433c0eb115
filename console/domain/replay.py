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
        if i is None or self.version_index[i] < 0:
            return None
        return self.timeline.versions[self.timeline.offsets[i] + int(self.version_index[i])]


class Timeline:
    """Every event's versions over time, and checkpoints for instant seeks."""

    def __init__(self, rows: Sequence[Event], log: Mapping[str, Sequence[Action_]], *,
                 start: datetime | None = None, end: datetime | None = None,
                 checkpoint: timedelta = CHECKPOINT, progress: Callable[[int, int], None] | None = None) -> None:
        self.ids: list[str] = []
        self.index: dict[str, int] = {}
        self.versions: list[Event] = []  # flat: event i's versions are versions[offsets[i]:offsets[i+1]]
        vtimes: list[int] = []  # µs from which each version holds
        offsets: list[int] = []
        counts: list[int] = []
        touch_t: list[int] = []
        touch_i: list[int] = []
        arrivals: list[int] = []
        n = len(rows)
        ordered = sorted(rows, key=lambda e: (arrival_of(e), e.id))
        for i, row in enumerate(ordered):
            acts = list(log.get(row.id, ()))
            base = arrival_base(row, acts)
            arr = us(arrival_of(row))
            self.ids.append(row.id)
            self.index[row.id] = i
            offsets.append(len(self.versions))
            arrivals.append(arr)
            touch_t.append(arr)
            touch_i.append(i)
            times = sorted({max(us(a.at), arr) for a in acts if a.kind != ONSITE_RESOLVED})
            cur = base
            self.versions.append(base)
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
                    self.versions[-1] = cur
                    continue
                self.versions.append(cur)
                vtimes.append(t)
                touch_t.append(t)
                touch_i.append(i)
            counts.append(len(self.versions) - offsets[-1])
            if progress is not None and (i % 2000 == 0 or i == n - 1):
                progress(i + 1, n)
        offsets.append(len(self.versions))
        self.offsets = np.asarray(offsets, dtype=np.int64)
        self.vtimes = np.asarray(vtimes, dtype=np.int64)
        self.arrivals = np.asarray(arrivals, dtype=np.int64)
        self.v_open = np.fromiter((v.state.is_live for v in self.versions), dtype=bool, count=len(self.versions))
        order = np.argsort(np.asarray(touch_t, dtype=np.int64), kind="stable")
        self.touch_t = np.asarray(touch_t, dtype=np.int64)[order]
        self.touch_i = np.asarray(touch_i, dtype=np.int32)[order]
        self.start = start or (from_us(int(self.touch_t[0])) if len(self.touch_t) else datetime.now(UTC))
        self.end = end or (from_us(int(self.touch_t[-1])) if len(self.touch_t) else self.start)
        self.checkpoint = checkpoint
        self.checkpoints: list[tuple[int, np.ndarray]] = []
        self._build_checkpoints()

    def __len__(self) -> int:
        return len(self.ids)

    # ---- checkpoints ----------------------------------------------------------------------------------
    def _build_checkpoints(self) -> None:
        step = int(self.checkpoint.total_seconds() * 1_000_000)
        t0 = us(self.start)
        t_end = us(self.end)
        vi = np.full(len(self.ids), -1, dtype=np.int32)
        last = None
        t = t0
        while True:
            vi = self._advance(vi, last, t)
            self.checkpoints.append((t, vi.copy()))
            last = t
            if t >= t_end:
                break
            t = min(t + step, t_end)

    def set_checkpoints(self, checkpoints: Iterable[tuple[int, np.ndarray]]) -> None:
        """Checkpoints read back from the snapshot table (already verified)."""
        self.checkpoints = sorted(checkpoints, key=lambda c: c[0])

    def _advance(self, vi: np.ndarray, since: int | None, t: int) -> np.ndarray:
        """``vi`` (the versions at ``since``; None: nothing arrived) moved to instant ``t`` ≥ since."""
        lo = 0 if since is None else int(np.searchsorted(self.touch_t, since, side="right"))
        hi = int(np.searchsorted(self.touch_t, t, side="right"))
        if hi > lo:
            for i in np.unique(self.touch_i[lo:hi]).tolist():
                vi[i] = self._version_at(i, t)
        return vi

    def _version_at(self, i: int, t: int) -> int:
        a, b = int(self.offsets[i]), int(self.offsets[i + 1])
        return bisect.bisect_right(self.vtimes, t, a, b) - a - 1  # type: ignore[call-overload]

    def state_at(self, at: datetime) -> RoomState:
        t = us(at)
        keys = [c[0] for c in self.checkpoints]
        k = bisect.bisect_right(keys, t) - 1
        if k < 0:
            vi = self._advance(np.full(len(self.ids), -1, dtype=np.int32), None, t)
        else:
            vi = self._advance(self.checkpoints[k][1].copy(), self.checkpoints[k][0], t)
        return RoomState(at, vi, self)

    def touched_between(self, a: datetime, b: datetime) -> list[int]:
        """Indexes of the events that arrived or changed in (min, max]."""
        lo, hi = sorted((us(a), us(b)))
        i0 = int(np.searchsorted(self.touch_t, lo, side="right"))
        i1 = int(np.searchsorted(self.touch_t, hi, side="right"))
        return np.unique(self.touch_i[i0:i1]).tolist()

    def events_of(self, vi: np.ndarray, *, open_only: bool = False) -> list[Event]:
        have = vi >= 0
        gidx = self.offsets[:-1] + np.maximum(vi, 0)
        if open_only:
            have &= self.v_open[gidx]
        versions = self.versions
        return [versions[g] for g in gidx[have].tolist()]

    def versions_first(self) -> list[Event]:
        """Every event as it arrived."""
        return [self.versions[int(o)] for o in self.offsets[:-1].tolist()]

    def version_of(self, i: int, vi: np.ndarray) -> Event | None:
        v = int(vi[i])
        return None if v < 0 else self.versions[int(self.offsets[i]) + v]
