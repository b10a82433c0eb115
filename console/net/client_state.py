"""The feed client's published state (:class:`ClientState`) and how it is published.

``StatePublisher`` is the part of :class:`console.net.client.FeedClient` that keeps its state:
``_set`` replaces fields and wakes ``wait_until``; ``_emit`` hands the state to ``on_state`` at
most every 0.2 s (a trailing update always follows), and again when the rate falls back to 0.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from console.net.feed_errors import ErrorKind
from console.net.logchange import LogChange

log = logging.getLogger("console.net.client")

OnState = Callable[["ClientState"], Any]


class Status(StrEnum):
    IDLE = "idle"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    BACKOFF = "backoff"
    UNAUTHORIZED = "unauthorized"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class ClientState:
    status: Status
    url: str
    last_seq: int = 0  # last committed (or quarantined) seq
    head_seq: int = 0  # highest seq the hub has reported
    quarantined: int = 0
    rate: float = 0.0  # records/s committed over the last seconds
    retry_at: datetime | None = None  # next attempt while in backoff/unauthorized
    message: str | None = None  # the current failure in words (English, for logs); None once connected
    # the last failure, kept after a reconnect: its kind, the technical detail ("HTTP 401",
    # "[Errno 111] Connect call failed …") and when it happened (UTC)
    error_kind: ErrorKind | None = None
    error_detail: str | None = None
    error_at: datetime | None = None
    attempts: int = 0  # failed attempts in a row (0 once subscribed)
    received: int = 0  # records received and committed (incl. quarantined) by this client
    # sequence health since the client started (console.net.seqwatch): gaps in the hub's seqs and the
    # seqs they skipped, records ignored because their seq was at or below the last one, the last note
    seq_gaps: int = 0
    seq_missing: int = 0
    seq_repeated: int = 0
    seq_note: str | None = None
    log_id: str | None = None  # the hub log the position counts in
    log_change: LogChange | None = None  # the last time the hub's log was found reset (kept)
    log_change_at: datetime | None = None  # UTC
    log_resyncs: int = 0  # resynchronisations since start

    @property
    def lag(self) -> int:
        return max(0, self.head_seq - self.last_seq)


class CommandError(RuntimeError):
    """A command could not be sent or was not answered."""


class StatePublisher:
    """Mixin: the state of a client and its publication (see the module's docstring)."""

    state: ClientState
    on_state: OnState | None
    _changed: asyncio.Future[None] | None
    _rates: deque[tuple[float, int]]
    _last_emit: float
    _emit_timer: asyncio.Handle | None
    _emit_due: float

    def _set(self, *, emit: bool = True, **changes: Any) -> None:
        self.state = replace(self.state, **changes)
        if emit:
            self._emit(force=True)
        fut, self._changed = self._changed, None
        if fut is not None and not fut.done():
            fut.set_result(None)

    def _schedule_emit(self, delay: float) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._emit_timer = None
            return
        if self._emit_timer is not None and not self._emit_timer.cancelled():
            # our own due time: qasync's call_later returns a plain Handle without when()
            if self._emit_due <= loop.time() + delay + 0.01:
                return
            self._emit_timer.cancel()
        self._emit_due = loop.time() + delay
        self._emit_timer = loop.call_later(delay, self._timed_emit)

    def _timed_emit(self) -> None:
        self._emit_timer = None
        self._emit(force=True)

    def _emit(self, force: bool = False) -> None:
        try:
            now = asyncio.get_running_loop().time()
        except RuntimeError:
            now = 0.0
        while self._rates and now - self._rates[0][0] > 2.0:
            self._rates.popleft()
        self.state = replace(self.state, rate=sum(n for _t, n in self._rates) / 2.0)
        fut, self._changed = self._changed, None
        if fut is not None and not fut.done():
            fut.set_result(None)
        if self.on_state is None:
            return
        if not force and now - self._last_emit < 0.2:
            self._schedule_emit(0.2 - (now - self._last_emit))  # trailing update: the last state is shown
            return
        self._last_emit = now
        if self.state.rate > 0:
            self._schedule_emit(2.1)  # let the rate fall back to 0 when the stream goes quiet
        try:
            result = self.on_state(self.state)
            if inspect.iscoroutine(result):
                _spawn(result)
        except Exception:
            log.exception("feed state callback failed")


_background: set[asyncio.Task[Any]] = set()


def _spawn(coro: Coroutine[Any, Any, Any]) -> None:
    task = asyncio.ensure_future(coro)
    _background.add(task)
    task.add_done_callback(_background.discard)
