"""The room's feed health, shared by the intake writer with the other seats (issue 14).

Only the intake writer runs a feed client, so only it has a ``feed_state`` (connection status, last
error, sequence numbers, lag, the room's quarantine count, sequence anomalies, the hub log). The
writer keeps the latest of it in the room's settings (``settings['intake.health']``, with its seat and
the time) — a shared setting rides the change log, so every other seat hears of it at once
(``RoomSync`` → ``Core._on_setting``), reads it, and publishes it as ``room_feed_state``: the status
bar and the 数据连接状态 dialog of a seat that does not write show the writer's feed, and the room's
quarantine count, without restart, naming the writer ("本席位不接入数据源，由席位1写入").

The writer writes on every change that matters to an officer (status, error, failed attempts,
quarantine count, sequence anomalies, the hub log) at once and otherwise — the sequence numbers and
the lag moving with the stream — at most every ``min_interval_s`` (2 s): a few small writes a
minute, never one per feed batch. Writes run one at a time off the loop; the newest state waits
while one is in flight.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from console.domain.event import utcnow
from console.net.logchange import LogChange
from console.services.bus import Bus
from console.services.ingest import FeedState

log = logging.getLogger(__name__)

HEALTH_KEY = "intake.health"  # settings: the intake writer's latest feed state, its seat and time
MIN_INTERVAL_S = 2.0
# fields whose change is written at once (the rest — seqs, lag, rate, received — at most every MIN_INTERVAL_S)
_AT_ONCE = ("status", "error_kind", "error_at", "attempts", "quarantined", "seq_gaps", "seq_repeated", "log_id",
            "log_resyncs", "transport")


def _plain_url(url: str) -> str:
    """The hub's URL without user information (nothing secret goes into the room's settings)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def state_to_json(state: FeedState) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(state):
        value = getattr(state, f.name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, LogChange):
            value = dataclasses.asdict(value)
        out[f.name] = value
    out["url"] = _plain_url(state.url)
    return out


def state_from_json(raw: dict[str, Any]) -> FeedState:
    """A stored state back (unknown keys dropped, bad values as none: a newer seat may add fields)."""
    known = {f.name: f for f in dataclasses.fields(FeedState)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            continue
        if key in ("retry_at", "error_at", "log_change_at") and isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                value = None
        elif key == "log_change" and isinstance(value, dict):
            try:
                value = LogChange(**value)
            except TypeError:
                value = None
        values[key] = value
    for required in ("status", "url", "last_seq", "head_seq", "lag", "quarantined", "rate"):
        values.setdefault(required, "" if required in ("status", "url") else 0)
    return FeedState(**values)


@dataclasses.dataclass(frozen=True, slots=True)
class SharedFeed:
    state: FeedState
    writer: str
    at: datetime


def read_shared(store: Any) -> SharedFeed | None:
    """The writer's last shared feed state (blocking), or None."""
    raw = store.settings.get(HEALTH_KEY, None)
    if not isinstance(raw, dict) or not isinstance(raw.get("state"), dict):
        return None
    try:
        at = datetime.fromisoformat(str(raw.get("at")))
        return SharedFeed(state_from_json(raw["state"]), str(raw.get("seat") or "?"), at)
    except (TypeError, ValueError) as exc:
        log.warning("the room's shared feed health is unreadable: %s", exc)
        return None


class FeedShare:
    """The writer's side (``feed_state`` → the room) and the other seats' (the room → ``room_feed_state``)."""

    def __init__(self, store: Any, bus: Bus, seat: str, *, is_writer: Callable[[], bool],
                 clock: Callable[[], datetime] = utcnow, min_interval_s: float = MIN_INTERVAL_S) -> None:
        self.store = store
        self.bus = bus
        self.seat = seat
        self.is_writer = is_writer
        self.clock = clock
        self.min_interval_s = min_interval_s
        self.written = 0  # states written to the room (tests)
        self.shown: SharedFeed | None = None  # the last shared state published here (a seat that does not write)
        self._last: FeedState | None = None
        self._last_at = -1e9
        self._pending: FeedState | None = None
        self._writing = False
        self._timer: asyncio.TimerHandle | None = None
        self._reading: asyncio.Future[Any] | None = None
        bus.subscribe("feed_state", self.on_event_feed_state)

    # ---- the writer: its feed state into the room ----------------------------------------------------
    def on_event_feed_state(self, state: FeedState) -> None:
        if not self.is_writer():
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # the seat is closing: its intake stopped after the loop did
            return
        last = self._last
        urgent = last is None or any(getattr(state, k) != getattr(last, k) for k in _AT_ONCE)
        if not urgent and (state.last_seq, state.head_seq) == (last.last_seq, last.head_seq):  # type: ignore[union-attr]
            return
        self._pending = state
        wait = 0.0 if urgent else self._last_at + self.min_interval_s - time.monotonic()
        if wait <= 0:
            self._flush()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(wait, self._flush)

    def _flush(self) -> None:
        self._timer = None
        if self._writing or self._pending is None:
            return
        state, self._pending = self._pending, None
        self._last, self._last_at, self._writing = state, time.monotonic(), True
        doc = {"seat": self.seat, "at": self.clock().isoformat(), "state": state_to_json(state)}
        fut = asyncio.get_running_loop().run_in_executor(None, self.store.settings.set, HEALTH_KEY, doc)
        fut.add_done_callback(self._written)

    def _written(self, fut: asyncio.Future[Any]) -> None:
        self._writing = False
        if fut.cancelled():
            return
        if fut.exception() is not None:  # a busy or damaged database: the next state tries again
            log.warning("seat %s: feed health not shared with the room: %s", self.seat, fut.exception())
            self._last = None
        else:
            self.written += 1
        if self._pending is not None:
            self.on_event_feed_state(self._pending)

    # ---- the other seats: the room's feed state shown here ------------------------------------------
    def on_shared(self) -> None:
        """The writer shared a new state (the change log), or this seat learnt who writes: read it."""
        if self.is_writer():
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # the seat is closing (a read finished after its loop stopped)
            return
        if self._reading is not None and not self._reading.done():
            self._reading.add_done_callback(lambda _f: self.on_shared())  # read again after this one
            return
        self._reading = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        try:
            shared = await asyncio.get_running_loop().run_in_executor(None, read_shared, self.store)
        except Exception as exc:  # the database went away: the next change reads again
            log.warning("seat %s: the room's feed health not read: %s", self.seat, exc)
            return
        if shared is None or self.is_writer() or shared.writer == self.seat:  # its own, from before
            return
        self.shown = shared
        self.bus.publish("room_feed_state", state=shared.state, writer=shared.writer, at=shared.at)
