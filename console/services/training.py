"""Training mode (培训模式): a recorded shift's intake played again into a sandbox database.

- :func:`prepare` checks the two databases and marks the sandbox: ``--db`` must not be the
  recording (same file, same URL, same room id) nor a live room (a database not marked as a
  training sandbox that holds events) — :class:`TrainingRefused` says so in one line and nothing is
  written; the sandbox gets the recording's district and the ``training`` mark;
- :class:`RecordingPlayer` is the simulator (``console.net.simulator``) with the recording as its
  scenario: the recorded arrivals are published through the hub at ``speed``, and the trainee's
  own dispatches are answered by the simulator's seeded field units — never the recorded statuses;
- :class:`TrainingHub` runs the hub and the player in-process on 127.0.0.1 (the live protocol v1);
- :func:`training_command` prefixes 【培训】 to every command the console sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from console.domain.district import District
from console.domain.event import Event, utcnow
from console.domain.scoring import as_reported
from console.net.commands import NOTE_MAX, Command
from console.net.hub import Hub
from console.net.hublog import HubLog
from console.net.protocol import dumps, event_to_wire, iso
from console.net.simulator import SimConfig, Simulator
from console.store import Store, StoreError, data_dir, open_store
from console.store import training as tstore
from console.store.database import check_ownership, create_readonly_engine, resolve_target

log = logging.getLogger(__name__)

PREFIX = "【培训】"
DESCRIPTION_MAX = 5000
MAX_REPORT_LAG = timedelta(hours=1)  # a replayed report is stamped now minus its recorded lag (capped)


class TrainingRefused(Exception):
    """``train`` cannot use these databases; the message is one line for the user."""


@dataclass
class TrainingPlan:
    recording_url: str
    sandbox_url: str
    recording_label: str
    sandbox_label: str
    trainee: str
    start: datetime
    end: datetime
    speed: float
    seed: int
    recording_room: str
    sandbox_room: str = ""  # the sandbox's own room id (names a server sandbox's hub log)
    items: list[tuple[float, dict[str, Any]]] = field(default_factory=list)  # (offset s, wire event)

    def mark(self) -> dict[str, Any]:
        return {"trainee": self.trainee, "recording": self.recording_label, "recording_room": self.recording_room,
                "start": self.start.isoformat(), "end": self.end.isoformat(), "speed": self.speed,
                "seed": self.seed, "events": len(self.items), "started_at": utcnow().isoformat()}


# ---- the outgoing prefix ---------------------------------------------------------------------------
def _prefixed(text: Any, limit: int) -> Any:
    if not isinstance(text, str) or text.startswith(PREFIX):
        return text
    return (PREFIX + text)[:limit]


def training_command(command: Command) -> Command:
    """The command as a training console sends it: 【培训】 before its instruction and note (a note
    is added when there is none) and ``training: true`` in the payload."""
    payload = dict(command.payload)
    if "instruction" in payload:
        payload["instruction"] = _prefixed(payload["instruction"], DESCRIPTION_MAX)
    payload["note"] = _prefixed(payload.get("note") or "", NOTE_MAX) if payload.get("note") else PREFIX
    payload["training"] = True
    return Command(command.action, command.event_id, payload)


# ---- checks -----------------------------------------------------------------------------------------
def _peek(url: str) -> dict[str, Any] | None:
    """What an existing database holds, read without writing (None: new or empty)."""
    target = resolve_target(url)
    if target.sqlite_path is not None and (not target.sqlite_path.exists() or target.sqlite_path.stat().st_size == 0):
        return None
    engine = create_readonly_engine(target)
    try:
        with engine.connect() as conn:
            if check_ownership(conn, target.label) is None:
                return None
        store = Store(engine, target.label, "", readonly=True)
        return {"events": tstore.event_count(store), "mark": tstore.training_mark(store),
                "room": tstore.room_id(store)}
    finally:
        engine.dispose()


def _same_file(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    if a == b:
        return True
    with contextlib.suppress(OSError):
        return os.path.samefile(a, b)
    return False


def prepare(recording_url: str, sandbox_url: str, trainee: str, *, start: datetime | None = None,
            hours: float = 8.0, speed: float = 1.0, seed: int = 1) -> TrainingPlan:
    """Check both databases, read the recorded intake and mark the sandbox (blocking)."""
    if not trainee.strip():
        raise TrainingRefused("--trainee: the trainee's name is empty")
    if hours <= 0 or speed <= 0:
        raise TrainingRefused("--hours and --speed must be greater than 0")
    try:
        rec_t, box_t = resolve_target(recording_url), resolve_target(sandbox_url)
    except StoreError as exc:
        raise TrainingRefused(exc.message) from exc
    if rec_t.label == box_t.label or _same_file(rec_t.sqlite_path, box_t.sqlite_path):
        raise TrainingRefused(f"--db {box_t.label} is the recording itself; give a separate sandbox database")
    try:
        recording = open_store(recording_url, readonly=True)
    except StoreError as exc:
        raise TrainingRefused(f"--from: {exc.message}") from exc
    try:
        rec_room = tstore.room_id(recording)
        try:
            box = _peek(sandbox_url)
        except StoreError as exc:
            raise TrainingRefused(f"--db: {exc.message}") from exc
        if box is not None:
            if box["room"] == rec_room:
                raise TrainingRefused(f"--db {box_t.label} is the recording itself (same room {rec_room}); "
                                      "give a separate sandbox database")
            if box["mark"] is None and box["events"] > 0:
                raise TrainingRefused(f"--db {box_t.label} is a live room database ({box['events']} events, not "
                                      "marked as a training sandbox); training never writes into a live room")
        first = tstore.first_arrival(recording)
        if first is None:
            raise TrainingRefused(f"--from {rec_t.label}: the recording holds no events")
        begin = start or first
        end = begin + timedelta(hours=hours)
        events = tstore.arrivals(recording, begin, end)
        if not events:
            raise TrainingRefused(f"--from {rec_t.label}: no events arrived between {begin.isoformat()} and "
                                  f"{end.isoformat()}")
        logs = recording.actions.log([ev.id for ev in events])
        district = recording.district.load()
        info = recording.settings.get("district.info", None)
    finally:
        recording.close()
    by_event: dict[str, list[Any]] = {}
    for a in logs:
        by_event.setdefault(a.event_id, []).append(a)
    plan = TrainingPlan(recording_url, sandbox_url, rec_t.label, box_t.label, trainee.strip(), begin, end,
                        speed, seed, rec_room)
    for ev in events:
        plan.items.append(((_arrived(ev) - begin).total_seconds(), _wire(as_reported(ev, by_event.get(ev.id, [])))))
    try:
        sandbox = open_store(sandbox_url)
    except StoreError as exc:
        raise TrainingRefused(f"--db: {exc.message}") from exc
    try:
        if sandbox.district.is_empty() and district[0]:
            sandbox.district.replace_all(*district)
            if info:
                sandbox.settings.set("district.info", info)
        plan.sandbox_room = tstore.mark_training(sandbox, plan.mark())
    finally:
        sandbox.close()
    return plan


def _arrived(ev: Event) -> datetime:
    return ev.received_at or ev.reported_at


def _wire(ev: Event) -> dict[str, Any]:
    wire = event_to_wire(ev)
    lag = _arrived(ev) - ev.reported_at
    wire["_lag_s"] = min(max(lag, timedelta(0)), MAX_REPORT_LAG).total_seconds()
    return wire


# ---- the player ---------------------------------------------------------------------------------------
class RecordingPlayer(Simulator):
    """The simulator with a recording as its scenario: arrivals at their recorded offsets / speed."""

    def __init__(self, hub: Hub, district: District, plan: TrainingPlan) -> None:
        config = SimConfig(scenario=f"training:{plan.recording_room}:{plan.start.isoformat()}", seed=plan.seed,
                           speed=plan.speed, count=len(plan.items))
        super().__init__(hub, district, config)
        self.items = plan.items

    async def run(self) -> None:
        state = self._load_state()
        loop = asyncio.get_running_loop()
        try:
            if self.published >= len(self.items):
                return
            anchor, base = loop.time(), self.items[self.published][0]
            while self.published < len(self.items):
                due = [w for off, w in self.items[self.published:]
                       if (off - base) / self.cfg.speed <= loop.time() - anchor]
                if not due:
                    wait = (self.items[self.published][0] - base) / self.cfg.speed - (loop.time() - anchor)
                    await asyncio.sleep(max(0.0, wait))
                    continue
                now = self.clock()
                records: list[tuple[str, str, str | None]] = []
                for wire in due[:500]:
                    out = {k: v for k, v in wire.items() if k != "_lag_s"}
                    out["reported_at"] = iso(now - timedelta(seconds=float(wire.get("_lag_s", 0.0))))
                    records.append(("event", dumps(out), str(wire["id"])))
                await self._publish(state, records, len(records))
        finally:
            self.done.set()


class TrainingHub:
    """Hub + recording player on a free 127.0.0.1 port (what the training console connects to).

    The hub log lives beside a SQLite sandbox (``<sandbox>.training-hub.sqlite3``), for a server
    sandbox in the data directory (``training/<sandbox room id>.hub.sqlite3``), so a training session
    restarted on the same sandbox resumes the stream instead of playing it again."""

    def __init__(self, plan: TrainingPlan, district: District, *, token: str | None = None,
                 media_dir: str | Path | None = None) -> None:
        self.plan = plan
        self.district = district
        self.token = token or secrets.token_urlsafe(16)
        self.media_dir = media_dir
        self.hub: Hub | None = None
        self.player: RecordingPlayer | None = None
        self._log: HubLog | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    @property
    def url(self) -> str:
        if self.hub is None:
            raise RuntimeError("the training hub is not started")
        return self.hub.url

    def _log_path(self) -> Path:
        target = resolve_target(self.plan.sandbox_url)
        if target.sqlite_path is not None:
            return target.sqlite_path.with_name(target.sqlite_path.name + ".training-hub.sqlite3")
        if self.plan.sandbox_room:
            folder = data_dir() / "training"
            folder.mkdir(parents=True, exist_ok=True)
            return folder / f"{self.plan.sandbox_room}.hub.sqlite3"
        self._tmp = tempfile.TemporaryDirectory(prefix="training-hub-")
        return Path(self._tmp.name) / "hub.sqlite3"

    async def start(self) -> str:
        self._log = await asyncio.to_thread(lambda: HubLog(self._log_path()))
        self.hub = Hub(self._log, self.token, host="127.0.0.1", port=0, media_dir=self.media_dir)
        await self.hub.start()
        self.player = RecordingPlayer(self.hub, self.district, self.plan)
        self.player.start()
        return self.hub.url

    async def stop(self) -> None:
        if self.player is not None:
            await self.player.stop()
            self.player = None
        if self.hub is not None:
            await self.hub.stop()
            self.hub = None
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def plan_summary(plan: TrainingPlan) -> str:
    return json.dumps({"trainee": plan.trainee, "recording": plan.recording_label, "sandbox": plan.sandbox_label,
                       "start": plan.start.isoformat(), "end": plan.end.isoformat(), "events": len(plan.items),
                       "speed": plan.speed}, ensure_ascii=False)
