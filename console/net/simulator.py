"""The feed simulator: publishes a scenario through the hub and plays the field units.

Two modes:

- **paced** (default): the scenario generator's events are published on a real clock scaled by
  ``speed``; events older than ``backlog_hours`` before "now" are published at once, so a new room
  is not empty. Live events are stamped with the wall-clock time they are published.
- **rate** (``rate`` events/s, load tests): a pool of scenario events is cycled with fresh ids at a
  fixed rate; ``rate=0`` publishes ``count`` events as fast as the log takes them.

Commands are read with ``console.net.commands.read_command`` (a malformed one, or a dispatch that
names no unit, is refused with ``ok:false``). A dispatch is answered ``ok`` and, later, by ``status``
records from its lead unit (``payload.unit_id``, else ``assignees[0]``): accepted → on_scene →
resolved, sometimes returned "not ours", delays scaled by ``speed``. A small share of malformed
records can be injected to demo the quarantine. The cursor lives in the hub log (meta
``simulator``), so a restarted hub continues the stream instead of repeating it.

Records go through :meth:`Hub.publish_many_async`: a failed log write is logged and retried (the
cursor moves only once the write succeeded), so the stream pauses and resumes where it was; a
simulator task that ends with an error says so in the log instead of dying unnoticed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import random
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from console.domain.district import District
from console.domain.event import Event, utcnow
from console.domain.scenario import generate
from console.net.commands import BROADCAST, DISPATCH, lead_unit, read_command
from console.net.hub import Hub
from console.net.protocol import CommandFrame, FrameError, dumps, event_to_wire, iso

log = logging.getLogger(__name__)

META = "simulator"
_MALFORMED: tuple[tuple[str, str], ...] = (
    ("event", '{"id":"bad-lat-%d","source":"grid_app","category":"city.garbage","title":"坐标越界",'
              '"reported_at":"2026-01-01T08:00:00+08:00","location":{"lat":123.4,"lon":121.5}}'),
    ("event", '{"id":"no-title-%d","source":"hotline_12345","category":"city.parking",'
              '"reported_at":"2026-01-01T08:00:00+08:00","grid_id":"g1"}'),
    ("event", '{"id":"bad time %d","source":"iot","category":"iot.smoke","title":"烟感报警",'
              '"reported_at":"yesterday","grid_id":"g1"}'),
    ("raw", "this is not JSON {%d"),
    ("raw", '{"type":"bogus","seq":__SEQ__,"n":%d}'),
)


@dataclass(slots=True)
class SimConfig:
    scenario: str = "normal_day"
    seed: int = 1
    speed: float = 1.0
    rate: float | None = None  # events/s (load mode); 0 = as fast as possible
    count: int | None = None  # stop after this many events (None = forever)
    backlog_hours: float = 0.0
    hours: float = 24.0  # length of one generator window
    malformed_share: float = 0.0
    return_share: float = 0.1
    accept_s: tuple[float, float] = (20.0, 120.0)  # field delays at speed 1
    on_scene_s: tuple[float, float] = (120.0, 900.0)
    resolve_s: tuple[float, float] = (300.0, 1800.0)


class Simulator:
    def __init__(self, hub: Hub, district: District, config: SimConfig | None = None, *,
                 clock: Callable[[], datetime] = utcnow) -> None:
        """``clock`` stamps live events and statuses: the wall clock, or the soak's sped-up room time
        (it runs ``speed`` times as fast, as the pacing does, so the two agree)."""
        self.hub = hub
        self.clock = clock
        self.district = district
        self.cfg = config or SimConfig()
        self.published = 0  # generator items consumed (events and injected malformed records)
        self.done = asyncio.Event()
        self._rng = random.Random(self.cfg.seed)
        self._tasks: set[asyncio.Task[None]] = set()
        self._runner: asyncio.Task[None] | None = None
        hub.command_handler = self.handle_command

    # ---- lifecycle ------------------------------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        self._runner = asyncio.create_task(self.run(), name="simulator")
        self._runner.add_done_callback(_log_failure)
        return self._runner

    async def stop(self) -> None:
        tasks = [t for t in (self._runner, *self._tasks) if t is not None]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def run(self) -> None:
        state = self._load_state()
        try:
            if self.cfg.rate is not None:
                await self._run_rate(state)
            else:
                await self._run_paced(state)
        finally:
            self.done.set()

    # ---- state ------------------------------------------------------------------------------------
    def _load_state(self) -> dict:
        mode = "rate" if self.cfg.rate is not None else "paced"
        raw = self.hub.log.get_meta(META)
        state = json.loads(raw) if raw else {}
        same = state.get("scenario") == self.cfg.scenario and state.get("seed") == self.cfg.seed
        if not (same and state.get("mode") == mode):
            now = self.clock()
            state = {"scenario": self.cfg.scenario, "seed": self.cfg.seed, "mode": mode, "published": 0,
                     "start": iso(now - timedelta(hours=self.cfg.backlog_hours)), "live_from": iso(now)}
        self.published = int(state["published"])
        return state

    async def _publish(self, state: dict, records: list[tuple[str, str, str | None]], consumed: int) -> None:
        """Publish and move the cursor (in the same log transaction); retried until the log takes it."""
        state["published"] = self.published + consumed
        await self.hub.publish_many_async(records, meta=(META, json.dumps(state)))
        self.published += consumed

    def _remaining(self) -> int | None:
        return None if self.cfg.count is None else max(0, self.cfg.count - self.published)

    def _maybe_malformed(self) -> tuple[str, str, str | None] | None:
        if self.cfg.malformed_share <= 0 or self._rng.random() >= self.cfg.malformed_share:
            return None
        kind, template = _MALFORMED[self._rng.randrange(len(_MALFORMED))]
        return kind, template % self.published, None

    # ---- paced mode -------------------------------------------------------------------------------
    def _window(self, window: int, start: datetime) -> list[tuple[float, Event]]:
        return list(generate(self.cfg.scenario, self.district, seed=self.cfg.seed + window, start=start,
                             hours=self.cfg.hours))

    async def _stream(self, start: datetime) -> AsyncIterator[tuple[datetime, Event]]:
        """The scenario, window after window (each generated on a worker thread)."""
        window = 0
        # the ids of the recent windows only (they were all kept, a set growing all day): a
        # generated id carries the date its window started, so only windows of the last two days
        # can repeat one
        recent: deque[set[str]] = deque(maxlen=math.ceil(48 / max(self.cfg.hours, 1e-3)) + 1)
        while True:
            w_start = start + timedelta(hours=self.cfg.hours * window)
            items = await asyncio.to_thread(self._window, window, w_start)
            if not items and window > 3:
                raise RuntimeError(f"scenario {self.cfg.scenario!r} produced no events")
            seen: set[str] = set()
            for offset, ev in items:
                if ev.id in seen or any(ev.id in ids for ids in recent):
                    ev = ev.copy(id=f"{ev.id[:58]}.w{window}")
                seen.add(ev.id)
                yield w_start + timedelta(seconds=offset), ev
            recent.append(seen)
            window += 1

    async def _run_paced(self, state: dict) -> None:
        live_from = datetime.fromisoformat(state["live_from"])
        stream = self._stream(datetime.fromisoformat(state["start"]))
        for _ in range(self.published):  # resume: skip what the log already has
            await anext(stream)
        anchor_wall = utcnow()
        anchor_sim: datetime | None = None
        backlog: list[tuple[str, str, str | None]] = []
        while (left := self._remaining()) is None or left > len(backlog):
            at, ev = await anext(stream)
            bad = self._maybe_malformed()
            if at < live_from:
                backlog.append(bad or self._event_record(ev))
                if len(backlog) >= 500:
                    await self._publish(state, backlog, len(backlog))
                    backlog = []
                continue
            if backlog:
                await self._publish(state, backlog, len(backlog))
                backlog = []
            if anchor_sim is None:
                anchor_sim = at
            wait = (at - anchor_sim).total_seconds() / self.cfg.speed - (utcnow() - anchor_wall).total_seconds()
            if wait > 0:
                await asyncio.sleep(wait)
            await self._publish(state, [bad or self._event_record(ev.copy(reported_at=self.clock()))], 1)
        if backlog:
            await self._publish(state, backlog, len(backlog))

    @staticmethod
    def _event_record(ev: Event) -> tuple[str, str, str | None]:
        return "event", dumps(event_to_wire(ev)), ev.id

    # ---- rate mode --------------------------------------------------------------------------------
    def _pool_sync(self) -> list[str]:
        start = utcnow() - timedelta(hours=self.cfg.hours)
        pool: list[str] = []
        for _offset, ev in generate(self.cfg.scenario, self.district, seed=self.cfg.seed, start=start,
                                    hours=self.cfg.hours):
            wire = event_to_wire(ev)
            wire.update(id="@@ID@@", reported_at="@@AT@@")
            pool.append(dumps(wire))
            if len(pool) >= 2000:
                break
        if not pool:
            raise RuntimeError(f"scenario {self.cfg.scenario!r} produced no events")
        return pool

    async def _run_rate(self, state: dict) -> None:
        pool = await asyncio.to_thread(self._pool_sync)
        rate = float(self.cfg.rate or 0)
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        base = self.published
        while (left := self._remaining()) is None or left > 0:
            if rate > 0:
                due = int(rate * (loop.time() - t0)) - (self.published - base)
                if due <= 0:
                    await asyncio.sleep(0.01)
                    continue
            else:
                due = 5000
            n = min(due, 5000, left if left is not None else due)
            at = iso(utcnow())
            records: list[tuple[str, str, str | None]] = []
            for i in range(self.published, self.published + n):
                bad = self._maybe_malformed()
                if bad is not None:
                    records.append(bad)
                    continue
                eid = f"sim{self.cfg.seed}-{i:09d}"
                records.append(("event", pool[i % len(pool)].replace("@@ID@@", eid).replace("@@AT@@", at), eid))
            await self._publish(state, records, n)
            await asyncio.sleep(0)

    # ---- field units ------------------------------------------------------------------------------
    async def handle_command(self, cmd: CommandFrame) -> tuple[bool, str | None]:
        try:
            command = read_command(cmd.action, cmd.event_id, cmd.payload)
        except FrameError as exc:  # unknown action, no event id, bad payload, a dispatch to no unit
            return False, exc.reason
        if command.action == BROADCAST or command.event_id is None:  # to the grids: nobody in the field
            return True, None
        if not await asyncio.to_thread(self.hub.log.has_key, command.event_id):
            return False, f"unknown event {command.event_id}"
        unit = lead_unit(command) if command.action == DISPATCH else None
        if unit is not None:  # the lead unit does the field work and reports every status
            task = asyncio.create_task(self._field_work(command.event_id, unit))
            task.add_done_callback(_log_failure)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return True, None

    async def _field_work(self, event_id: str, unit: str) -> None:
        rng, speed = self._rng, max(self.cfg.speed, 1e-6)
        await asyncio.sleep(rng.uniform(*self.cfg.accept_s) / speed)
        if rng.random() < self.cfg.return_share:
            await self._status(event_id, "returned", unit, "非本单位职责，请重新派遣 (not ours)")
            return
        await self._status(event_id, "accepted", unit, None)
        await asyncio.sleep(rng.uniform(*self.cfg.on_scene_s) / speed)
        await self._status(event_id, "on_scene", unit, None)
        await asyncio.sleep(rng.uniform(*self.cfg.resolve_s) / speed)
        await self._status(event_id, "resolved", unit, "已处置完毕")

    async def _status(self, event_id: str, state: str, unit: str, note: str | None) -> None:
        body = {"event_id": event_id, "state": state, "unit_id": unit, "at": iso(self.clock())}
        if note:
            body["note"] = note
        try:
            await self.hub.publish_many_async([("status", dumps(body), event_id)])
        except Exception:  # a closed log during shutdown must not kill the field task noisily
            log.exception("status for %s not published", event_id)


def _log_failure(task: asyncio.Task[None]) -> None:
    """A simulator task that ended with an error says so (a task nobody awaits dies silently)."""
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.error("simulator task %s stopped: %r", task.get_name(), exc, exc_info=exc)
