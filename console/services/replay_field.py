"""Grid workers in a shift replay (复盘): where everyone was at the replay instant, off the GUI thread.

The map of a replay shows the grid workers as the live map showed them at the scrubber's instant
``t``: each worker's last stored fix at or before ``t`` and at most :data:`MAX_AGE` old
(``store.positions.at(t, max_age)``), in the live map's states — off duty (the roster says so),
stale (the fix is more than 5 minutes old at ``t``), on a task (an assignee of an event the fold
shows dispatched, accepted or on scene at ``t``), else on duty. A worker silent for longer than
:data:`MAX_AGE` is not on the map (the live map had dropped them from view as stale long before).

Reading is by blocks of an hour of recording (:class:`FieldCache`): one read of the store per block
(the rows of a finished day are one compressed chunk per worker, so a read costs the same for a
minute as for an hour), then each instant is a binary search per worker. Playing forward, the next
block is read ahead. :class:`ReplayField` follows the replay instant: the fixes at ``t`` are found
on a worker thread (the latest instant wins, at most 4 times a second while playing: nothing queues
up at 60×) and applied
to a :class:`~console.services.positions.LiveWorkers` on the loop's thread, which then publishes
``worker_positions`` for the map. The headless dump (``replay --dump json``) uses the same
functions (:func:`workers_at`), so the two agree.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from console.services.positions import TASK_STATES, LiveWorkers, WorkerEntry

log = logging.getLogger(__name__)
MAX_AGE = timedelta(minutes=30)
BLOCK = timedelta(hours=1)
KEEP_BLOCKS = 3
READ_AHEAD = 0.75  # past this share of a block, the next block is read too
FOLLOW_EVERY_S = 0.25  # while playing, the workers follow the instant at most this often (wall time)


def _us(t: datetime) -> int:
    return int(round(t.timestamp() * 1e6))


class FieldCache:
    """A recording's fixes by hour blocks: :meth:`at` equals ``store.positions.at(t, max_age)``."""

    def __init__(self, store: Any, *, max_age: timedelta = MAX_AGE, block: timedelta = BLOCK,
                 keep: int = KEEP_BLOCKS) -> None:
        self.store = store
        self.max_age_us = _us(datetime.fromtimestamp(0, UTC) + max_age)
        self.block_us = _us(datetime.fromtimestamp(0, UTC) + block)
        self.keep = keep
        self._blocks: OrderedDict[int, dict[str, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()
        self.reads = 0  # store reads (tests, bench)

    def _block(self, k: int) -> dict[str, np.ndarray]:
        with self._lock:
            got = self._blocks.get(k)
            if got is not None:
                self._blocks.move_to_end(k)
                return got
        a = k * self.block_us - self.max_age_us
        b = (k + 1) * self.block_us
        tracks = self.store.positions.tracks(datetime.fromtimestamp(a / 1e6, UTC), datetime.fromtimestamp(b / 1e6, UTC))
        self.reads += 1
        with self._lock:
            self._blocks[k] = tracks
            while len(self._blocks) > self.keep:
                self._blocks.popitem(last=False)
        return tracks

    def at(self, t: datetime, *, read_ahead: bool = False) -> dict[str, np.void]:
        """Each worker's last fix at or before ``t`` and not older than the maximum age."""
        t_us = _us(t)
        k = t_us // self.block_us
        tracks = self._block(k)
        lo = t_us - self.max_age_us
        out: dict[str, np.void] = {}
        for wid, arr in tracks.items():
            i = int(np.searchsorted(arr["t"], t_us, side="right"))
            if i and arr["t"][i - 1] >= lo:
                out[wid] = arr[i - 1]
        if read_ahead and (t_us - k * self.block_us) >= READ_AHEAD * self.block_us:
            self._block(k + 1)
        return out

    def track(self, worker_id: str, t0: datetime, t1: datetime) -> np.ndarray:
        return self.store.positions.track(worker_id, t0, t1)  # type: ignore[no-any-return]


def tasks_of(events: Iterable[Any]) -> set[str]:
    """Workers on a task: assignees of events dispatched, accepted or on scene (as ``TaskIndex``)."""
    out: set[str] = set()
    for ev in events:
        if ev.state in TASK_STATES and ev.assignees:
            out.update(ev.assignees)
    return out


def entries_of(fixes: dict[str, np.void]) -> dict[str, WorkerEntry]:
    """Fixes (``FIX_DTYPE`` records) as the live roster's entries (no duty word: the roster decides)."""
    out = {}
    for wid, r in fixes.items():
        batt = int(r["batt"])
        acc = float(r["acc"])
        out[wid] = WorkerEntry(float(r["lon"]), float(r["lat"]), int(r["t"]), batt if batt >= 0 else None,
                          None if acc != acc else acc, None)
    return out


def workers_at(fixes: dict[str, np.void], district: Any, at: datetime, tasks: set[str]) -> list[dict[str, Any]]:
    """The map's worker layer at ``at`` as JSON-ready rows (``--dump json``'s ``workers``), by id."""
    live = LiveWorkers(district, clock=lambda: at, on_task=lambda: tasks)
    live.replace(entries_of(fixes))
    return [{"id": v.id, "lon": v.lon, "lat": v.lat, "state": v.state,
             "at": v.t.astimezone(UTC).isoformat().replace("+00:00", "Z")}
            for v in sorted(live.views(at), key=lambda v: v.id)]


def recording_district(store: Any) -> Any:
    """The recording's district (the demo district when it holds none), as the replay window loads it."""
    from console.domain.district import load_district
    from console.services.replay_core import district_of
    from console.services.report import DEMO_DIR

    return district_of(store, lambda: load_district(DEMO_DIR))


class ReplayField:
    """The replay's grid workers: follows the instant (worker thread), fills :attr:`live`."""

    def __init__(self, store: Any, district: Any, bus: Any, *, clock: Callable[[], datetime],
                 on_task: Callable[[], set[str]], run_task: Callable[[Any], Any] | None = None) -> None:
        self.cache = FieldCache(store)
        self.bus = bus
        self.live = LiveWorkers(district, clock=clock, on_task=on_task)
        self.run_task = run_task or asyncio.ensure_future
        self.shown_at: datetime | None = None  # the instant the roster holds
        self.applied = 0  # instants applied (tests, bench)
        self._target: datetime | None = None
        self._running: Any = None
        self._applied_at = -1e9

    def follow(self, at: datetime) -> None:
        """Show the workers at ``at`` (coalesced: while a read runs, only the latest instant waits;
        without a running event loop — a headless seek — at once)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            self.apply(at, self.cache.at(at))
            return
        self._target = at
        if self._running is None or self._running.done():
            self._running = self.run_task(self._loop())

    async def _loop(self) -> None:
        loop = asyncio.get_running_loop()
        while self._target is not None:
            wait = FOLLOW_EVERY_S - (time.monotonic() - self._applied_at)
            if wait > 0:  # playing: instants come every 100 ms; the workers follow every 250 ms
                await asyncio.sleep(wait)
            at, self._target = self._target, None
            try:
                fixes = await loop.run_in_executor(None, self._read, at)
            except Exception as exc:  # a damaged chunk: the rest of the replay still works
                log.warning("replay: positions at %s not read: %s", at.isoformat(), exc)
                continue
            self.apply(at, fixes)

    def _read(self, at: datetime) -> dict[str, np.void]:
        return self.cache.at(at, read_ahead=True)

    async def wait(self) -> None:
        """Until the latest instant asked for is shown (tests)."""
        while self._running is not None and not self._running.done():
            await asyncio.shield(self._running)

    def apply(self, at: datetime, fixes: dict[str, np.void]) -> None:
        self.live.replace(entries_of(fixes))
        self.shown_at = at
        self.applied += 1
        self._applied_at = time.monotonic()
        self.bus.publish("worker_positions", worker_ids=sorted(fixes))

    # ---- what the map's overlay reads (as of PositionService) -----------------------------------------
    async def track(self, worker_id: str, t0: datetime, t1: datetime) -> np.ndarray:
        return await asyncio.get_running_loop().run_in_executor(None, self.cache.track, worker_id, t0, t1)

    async def tracks(self, t0: datetime, t1: datetime, workers: list[str] | None = None) -> dict[str, np.ndarray]:
        return await asyncio.get_running_loop().run_in_executor(
            None, self.cache.store.positions.tracks, t0, t1, workers)


__all__ = ["FieldCache", "MAX_AGE", "ReplayField", "entries_of", "tasks_of", "workers_at"]
