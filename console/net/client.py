"""The console's feed client (DESIGN §5).

``FeedClient`` subscribes with ``after_seq`` = the last committed seq, validates every frame,
groups records into batches (~500 records or ~50 ms, whichever first) and hands each batch to an
async commit callback. It acks cumulatively only after that callback returned, ignores records
it already has, quarantines what fails validation (raw text + reason; acked like the rest), and
reconnects with exponential backoff and jitter (cap 30 s). A wrong token (HTTP 401) is reported
as ``unauthorized`` and retried slowly. Every failed attempt is classified (:class:`ErrorKind`: 401,
other HTTP status, connection refused, DNS, TLS, timeout, …) and kept in the state with its time and
the number of attempts in a row, so the console can tell the officer why it is not connected. One batch is committed while the next one fills; while
that commit lasts, the next batch may grow past 500 up to ``max_batch_size`` (default 4 x 500), so
a backlog goes in fewer, larger transactions and the receive loop does not stop at every 500.

The hub names its log in ``subscribed`` (``log_id``). The position provider may answer ``(seq,
log_id)``; when the hub's log is not the one that position counts in — another id, or a head below
the position — the client reports a :class:`LogChange` to ``on_log_change`` (which must move the
stored position before it returns), then subscribes again at once from 0: what the console already
holds is merged by id, so nothing is doubled, and nothing the new log has is skipped — not even on
the same log restored from an older copy, where records written since the restore reuse seqs the
console already had. A log id seen for the first time is reported too (``resync`` false) so it
can be kept with the position.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import random
import ssl as ssl_mod
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import (
    ConnectionClosed,
    ConnectionClosedError,
    ConnectionClosedOK,
    InvalidHandshake,
    InvalidStatus,
    InvalidURI,
)
from websockets.frames import CloseCode
from websockets.uri import parse_uri

from console.domain.event import Event, utcnow
from console.domain.ingest import IngestBatch, QuarantineRecord, StatusUpdate
from console.net.client_state import ClientState, CommandError, OnState, StatePublisher, Status
from console.net.commands import Command, round_trip
from console.net.feed_errors import ErrorKind, classify, describe
from console.net.logchange import LogChange, detect_log_change
from console.net.protocol import (
    CLIENT_MAX_FRAME_BYTES,
    CommandResult,
    EventRecord,
    FrameError,
    StatusRecord,
    Subscribed,
    ack_frame,
    decode_hub_frame,
    subscribe_frame,
)
from console.net.seqwatch import SeqWatch

log = logging.getLogger(__name__)

OnBatch = Callable[[IngestBatch], Awaitable[Any]]
# the last committed seq, or (seq, log id) when the owner keeps the hub's log id with it
Position = int | tuple[int, str | None]
AfterSeqProvider = Callable[[], "Position | Awaitable[Position]"]
OnLogChange = Callable[[LogChange], Awaitable[Any]]
__all__ = ["ClientState", "CommandError", "ErrorKind", "FeedClient", "OnState", "Status", "check_url"]


class _CommitFailed(Exception):
    pass


class _Resync(Exception):
    """The hub's log changed: subscribe again at once from the new position."""


class _LogChangeFailed(Exception):
    """``on_log_change`` failed (the position could not be moved): retry after a backoff."""


@dataclass(slots=True)
class _Pending:
    events: list[Event] = field(default_factory=list)
    statuses: list[StatusUpdate] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)
    last_seq: int = 0
    size: int = 0  # records held (kept by _add: read once a frame)


class FeedClient(StatePublisher):
    def __init__(
        self,
        url: str,
        token: str | None,
        console_id: str,
        after_seq_provider: AfterSeqProvider,
        on_batch: OnBatch,
        *,
        on_state: OnState | None = None,
        on_log_change: OnLogChange | None = None,
        batch_size: int = 500,
        max_batch_size: int | None = None,
        batch_interval: float = 0.05,
        ssl: ssl_mod.SSLContext | None = None,
        ping_interval: float | None = 20.0,
        ping_timeout: float | None = 20.0,
        open_timeout: float = 10.0,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        unauthorized_delay: float = 60.0,
    ) -> None:
        check_url(url)
        if parse_uri(url).secure:
            ssl = ssl if ssl is not None else ssl_mod.create_default_context()  # wss://: system trust store
        elif ssl is not None:
            raise ValueError(f"a TLS context was given for {url}, which is not encrypted (ws://)")
        self.url = url
        self.token = token
        self.console_id = console_id
        self.after_seq_provider = after_seq_provider
        self.on_batch = on_batch
        self.on_state = on_state
        self.on_log_change = on_log_change
        self.batch_size = batch_size
        # while a commit is in flight, a batch keeps filling up to this size instead of stopping the
        # receive loop: a backlog is then committed in fewer, larger transactions
        self.max_batch_size = max(batch_size, max_batch_size if max_batch_size is not None else 4 * batch_size)
        self.batch_interval = batch_interval
        self.ssl = ssl
        self.ping_interval = ping_interval
        self.ping_timeout = ping_timeout
        self.open_timeout = open_timeout
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.unauthorized_delay = unauthorized_delay
        self.state = ClientState(Status.IDLE, url)
        self.last_committed = 0
        self.committed_records = 0  # records (incl. quarantined) committed by this client
        self.last_activity = 0.0  # loop time of the last record received
        self._high = 0  # highest seq received in this session (pending or committed)
        self._seqs = SeqWatch(console_id)
        self.log_id: str | None = None  # the hub log ``last_committed`` counts in
        self._resync: LogChange | None = None  # a change found: the next session starts from it
        self._resync_streak = 0  # sessions in a row that found the log changed
        self._pending = _Pending()
        self._has_pending = asyncio.Event()
        self._inflight: asyncio.Task[None] | None = None
        self._commit_error: BaseException | None = None
        self._ws: ClientConnection | None = None
        self._commands: dict[str, asyncio.Future[CommandResult]] = {}
        self._stopping = asyncio.Event()
        self._runner: asyncio.Task[None] | None = None
        self._changed: asyncio.Future[None] | None = None
        self._rates: deque[tuple[float, int]] = deque()
        self._last_emit = 0.0
        self._emit_timer: asyncio.Handle | None = None
        self._emit_due = 0.0
        self._rng = random.Random()
        self._loop_time: Callable[[], float] = lambda: asyncio.get_running_loop().time()

    # ---- lifecycle ----------------------------------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        self._runner = asyncio.create_task(self.run(), name=f"feed-client-{self.console_id}")
        return self._runner

    async def stop(self) -> None:
        self._stopping.set()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._runner is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
        if self._emit_timer is not None:
            self._emit_timer.cancel()
            self._emit_timer = None
        self._set(status=Status.STOPPED, retry_at=None)

    def drop(self) -> None:
        """Abort the current connection at once (no close handshake); the client reconnects."""
        ws = self._ws
        if ws is not None and ws.transport is not None:
            ws.transport.abort()

    async def wait_until(self, predicate: Callable[[ClientState], bool], timeout: float) -> ClientState:  # noqa: ASYNC109
        """Wait (bounded) until ``predicate(state)`` holds; raises ``TimeoutError``."""
        async with asyncio.timeout(timeout):
            while not predicate(self.state):
                if self._changed is None or self._changed.done():
                    self._changed = asyncio.get_running_loop().create_future()
                await asyncio.shield(self._changed)  # a timed-out waiter must not cancel the others
        return self.state

    async def run(self) -> None:
        attempt = 0
        loop = asyncio.get_running_loop()
        self._loop_time = loop.time
        self.last_activity = loop.time()
        failures = 0
        while not self._stopping.is_set():
            self._set(status=Status.CONNECTING, retry_at=None)
            status, message = Status.BACKOFF, None
            kind, detail = ErrorKind.CLOSED, "hub closed the connection"
            try:
                async with connect(
                    self.url,
                    additional_headers={"Authorization": f"Bearer {self.token}"} if self.token else None,
                    ssl=self.ssl,
                    max_size=CLIENT_MAX_FRAME_BYTES,
                    max_queue=256,
                    ping_interval=self.ping_interval,
                    ping_timeout=self.ping_timeout,
                    open_timeout=self.open_timeout,
                    compression=None,
                ) as ws:
                    self._ws = ws
                    await self._session(ws)
                    attempt = failures = 0
                    message = "hub closed the connection"
            except _Resync:
                if self._resync_streak < 2:
                    continue  # subscribe again at once, from the new position
                # the log changed again right after a resync (e.g. two hubs behind one address): back off
                message = "the hub's log changed again at once"
                kind, detail = ErrorKind.PROTOCOL, message
                log.error("feed %s: %s (%d times in a row)", self.url, message, self._resync_streak)
            except _LogChangeFailed as exc:
                message = f"hub log change not recorded: {exc.__cause__ or exc}"
                kind, detail = ErrorKind.COMMIT, str(exc.__cause__ or exc)
                log.error("feed %s: %s; will retry", self.url, message)
            except InvalidStatus as exc:
                code = exc.response.status_code
                kind, detail = classify(exc)
                if code == 401:
                    status = Status.UNAUTHORIZED
                    message = "the hub refused the token (HTTP 401) — check the feed token"
                else:
                    message = f"the hub answered HTTP {code}"
            except _CommitFailed as exc:
                message = f"commit failed: {exc.__cause__ or exc}"
                kind, detail = ErrorKind.COMMIT, str(exc.__cause__ or exc)
                log.error("feed batch not committed, will retry: %s", exc.__cause__ or exc)
            except Exception as exc:  # network trouble, or e.g. the after_seq provider failed: back off, retry
                if not isinstance(exc, (OSError, TimeoutError, InvalidHandshake, ConnectionClosed, FrameError)):
                    log.exception("feed session failed")
                message, (kind, detail) = describe(exc), classify(exc)
            finally:
                self._ws = None
                self._fail_commands("connection to the hub lost")
            if self._stopping.is_set():
                break
            if status is Status.UNAUTHORIZED:
                delay = self.unauthorized_delay * self._rng.uniform(0.8, 1.2)
            else:
                delay = min(self.backoff_cap, self.backoff_base * 2**attempt) * self._rng.uniform(0.5, 1.0)
                attempt = min(attempt + 1, 16)
            failures += 1
            log.info("feed %s: %s; retry in %.1f s", self.url, message, delay)
            now = utcnow()
            self._set(status=status, message=message, retry_at=now + timedelta(seconds=delay),
                      error_kind=kind, error_detail=detail, error_at=now, attempts=failures)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), delay)

    # ---- one connection ------------------------------------------------------------------------
    async def _position(self) -> tuple[int, str | None]:
        got = self.after_seq_provider()
        if inspect.isawaitable(got):
            got = await got
        if isinstance(got, tuple):
            return int(got[0]), got[1]
        return int(got), self.log_id

    async def _session(self, ws: ClientConnection) -> None:
        after, known = await self._position()
        if self._resync is not None:  # the last session found the hub's log changed
            after, known = self._resync.resume_from, self._resync.new_log_id
            self.last_committed = after
        else:
            self.last_committed = max(self.last_committed, after)
        self.log_id = known
        self._high = self.last_committed
        self._seqs.start()
        self._pending = _Pending(last_seq=self.last_committed)
        self._commit_error = None
        await ws.send(subscribe_frame(self.console_id, self.last_committed))
        first = decode_hub_frame(await asyncio.wait_for(ws.recv(), self.open_timeout))
        if not isinstance(first, Subscribed):
            raise FrameError("the hub did not answer subscribe with subscribed")
        await self._check_log(first)
        self._set(status=Status.CONNECTED, head_seq=max(first.head_seq, self.last_committed), message=None,
                  retry_at=None, attempts=0, log_id=self.log_id)
        timer = asyncio.create_task(self._flush_timer(ws))
        try:
            n = 0
            while True:
                try:
                    # text frames as their UTF-8 bytes: pydantic parses bytes directly, so the str
                    # websockets would build is skipped (quarantined frames are decoded on demand)
                    raw = await ws.recv(decode=False)
                except ConnectionClosedOK:
                    break
                self._on_frame(raw)
                n += 1
                size = self._pending.size
                if size >= self.batch_size and (
                    size >= self.max_batch_size or self._inflight is None or self._inflight.done()
                ):
                    await self._flush(ws)
                elif n % 200 == 0:
                    await asyncio.sleep(0)  # keep the loop responsive during a replay
                if self._commit_error is not None:
                    break
            if self._commit_error is None:
                await self._flush(ws)  # keep what arrived before a clean close
        except ConnectionClosed as exc:
            if self._commit_error is None:
                if _too_big(exc):
                    await self._skip_unreadable(ws)
                raise
        finally:
            timer.cancel()
            await asyncio.gather(timer, return_exceptions=True)
            while self._inflight is not None and not self._inflight.done():
                with contextlib.suppress(Exception):
                    await asyncio.shield(self._inflight)
        if self._commit_error is not None:
            raise _CommitFailed() from self._commit_error

    async def _check_log(self, sub: Subscribed) -> None:
        """Compare the hub's log with the position's; on a change record it and raise :class:`_Resync`."""
        change = detect_log_change(self.last_committed, self.log_id, sub.head_seq, sub.log_id)
        self._resync = None
        if change is None or not change.resync:
            self._resync_streak = 0
        if change is None:
            return
        if change.resync:
            log.warning("feed %s (%s): %s", self.url, self.console_id, change.describe())
        else:
            log.info("feed %s (%s): %s", self.url, self.console_id, change.describe())
        if self.on_log_change is not None:
            try:
                await self.on_log_change(change)  # moves the stored position (and keeps the log id)
            except Exception as exc:
                raise _LogChangeFailed() from exc
        self.log_id = change.new_log_id if change.new_log_id is not None else self.log_id
        if not change.resync:
            return
        self._resync = change
        self._resync_streak += 1
        self.last_committed = self._high = change.resume_from
        self._pending = _Pending(last_seq=self.last_committed)
        self._set(last_seq=change.resume_from, head_seq=change.head_seq, log_id=self.log_id, log_change=change,
                  log_change_at=utcnow(), log_resyncs=self.state.log_resyncs + 1)
        raise _Resync()

    def _on_frame(self, raw: str | bytes) -> None:
        try:
            # no received_at on events: the store stamps them with the commit time anyway
            msg = decode_hub_frame(raw)
        except FrameError as exc:
            seq = exc.seq
            if seq is not None and seq <= self._high:
                self._repeat(seq, raw)
                return
            text = raw if isinstance(raw, str) else raw.decode("utf-8", errors="replace")
            key = None
            if seq is None:
                key = self._seqs.unsequenced_key(self._high, exc.reason, text)
            elif seq != self._high + 1 or self._seqs.dirty:
                self._advance(seq)
            self._add(QuarantineRecord(raw=text, reason=exc.reason, received_at=utcnow(), seq=seq, key=key), seq)
            log.info("quarantined record seq=%s: %s", seq, exc.reason)
            return
        kind = type(msg)
        if kind is EventRecord:  # the hot path
            seq = msg.seq  # type: ignore[union-attr]
            if seq > self._high:
                if seq != self._high + 1 or self._seqs.dirty:
                    self._advance(seq)
                p = self._pending
                p.events.append(msg.event)  # type: ignore[union-attr]
                p.size += 1
                self._high = p.last_seq = seq
                self._received()
            else:
                self._repeat(seq, raw)
        elif kind is StatusRecord:
            seq = msg.seq  # type: ignore[union-attr]
            if seq > self._high:
                if seq != self._high + 1 or self._seqs.dirty:
                    self._advance(seq)
                self._add(msg.status, seq)  # type: ignore[union-attr]
            else:
                self._repeat(seq, raw)
        elif isinstance(msg, CommandResult):
            fut = self._commands.get(msg.command_id)
            if fut is not None and not fut.done():
                fut.set_result(msg)
        elif isinstance(msg, Subscribed):
            self._set(head_seq=max(self.state.head_seq, msg.head_seq))

    def _advance(self, seq: int) -> None:
        """Before record ``seq``: note a gap since the last seq, or the end of a run of repeats."""
        for note in self._seqs.advance(self._high, seq, utcnow()):
            log.warning("feed sequence: %s", note.reason)
            self._add(note, None)

    def _repeat(self, seq: int, raw: str | bytes) -> None:
        """A record at or below the last seq: ignored (the protocol's rule), but noted."""
        self._seqs.repeat(self._high, seq, raw)
        self._received()  # the flush timer closes the note

    async def _skip_unreadable(self, ws: ClientConnection) -> None:
        """The hub sent a frame over our websocket limit (we closed with 1009): it would come again
        after every reconnect. What arrived before it is committed; then its slot — the record
        right after the last one, when no command answer was awaited — is quarantined unread."""
        if self._commands:
            log.warning("feed: a frame over %d bytes after seq %d while a command was pending; reconnecting",
                        CLIENT_MAX_FRAME_BYTES, self._high)
            return
        seq = self._high + self._seqs.unsequenced + 1
        reason = (f"frame over {CLIENT_MAX_FRAME_BYTES >> 20} MiB after seq {self._high} not read "
                  f"(connection closed 1009): slot {seq} skipped")
        log.error("feed: %s", reason)
        self._add(QuarantineRecord(raw="", reason=reason, received_at=utcnow(), seq=seq), seq)
        await self._flush(ws)

    def _add(self, rec: Event | StatusUpdate | QuarantineRecord, seq: int | None) -> None:
        p = self._pending
        if isinstance(rec, Event):
            p.events.append(rec)
        elif isinstance(rec, StatusUpdate):
            p.statuses.append(rec)
        else:
            p.quarantined.append(rec)
        p.size += 1
        if seq is not None:
            self._high = seq
            p.last_seq = seq
        self._received()

    def _received(self) -> None:
        self.last_activity = self._loop_time()
        if not self._has_pending.is_set():
            self._has_pending.set()

    async def _flush_timer(self, ws: ClientConnection) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._has_pending.wait()
            await asyncio.sleep(self.batch_interval)
            await self._flush(ws)
            if loop.time() - self._last_emit > 1.0:
                self._emit(force=True)

    async def _flush(self, ws: ClientConnection) -> None:
        """Start committing what is pending; waits only while a previous commit is in flight."""
        while self._inflight is not None and not self._inflight.done():
            with contextlib.suppress(Exception):
                await asyncio.shield(self._inflight)
        note = self._seqs.close(utcnow())
        if note is not None:
            log.warning("feed sequence: %s", note.reason)
            self._add(note, None)
        if not self._pending.size or self._commit_error is not None:
            self._has_pending.clear()
            return
        p, self._pending = self._pending, _Pending(last_seq=self._pending.last_seq)
        self._has_pending.clear()
        batch = IngestBatch(last_seq=max(p.last_seq, self.last_committed), events=p.events,
                            statuses=p.statuses, quarantined=p.quarantined, owned=True)
        self._inflight = asyncio.create_task(self._commit(ws, batch, p.size))

    async def _commit(self, ws: ClientConnection, batch: IngestBatch, n: int) -> None:
        try:
            result = await self.on_batch(batch)
        except Exception as exc:
            self._commit_error = exc
            with contextlib.suppress(Exception):
                await ws.close(1011, "commit failed")
            return
        advanced = batch.last_seq > self.last_committed
        self.last_committed = max(self.last_committed, batch.last_seq)
        self.committed_records += n
        loop_t = asyncio.get_running_loop().time()
        self._rates.append((loop_t, n))
        if advanced:
            with contextlib.suppress(ConnectionClosed):
                await ws.send(ack_frame(self.last_committed))
        # what the store kept (it may quarantine more: records it refused, statuses of unknown events)
        kept = getattr(result, "quarantined", None)
        quarantined = kept if isinstance(kept, int) else len(batch.quarantined)
        w = self._seqs
        self._set(last_seq=self.last_committed, head_seq=max(self.state.head_seq, self.last_committed),
                  quarantined=self.state.quarantined + quarantined, received=self.committed_records,
                  seq_gaps=w.gaps, seq_missing=w.missing, seq_repeated=w.repeated, seq_note=w.last_note,
                  emit=False)
        self._emit()

    # ---- commands -----------------------------------------------------------------------------------
    async def send_command(self, command: Command | str, event_id: str | None = None,
                           payload: dict[str, Any] | None = None, timeout: float = 10.0,  # noqa: ASYNC109
                           ) -> CommandResult:
        """Send a command built by ``console.net.commands`` (or a raw ``action, event_id, payload``)
        and wait for its ``command_result``; raises :class:`CommandError`."""
        if isinstance(command, str):
            command = Command(command, event_id, dict(payload or {}))
        elif event_id is not None or payload is not None:
            raise TypeError("send_command(Command) takes no event_id or payload")
        ws = self._ws
        if ws is None or self.state.status is not Status.CONNECTED:
            raise CommandError("not connected to the hub")
        return await round_trip(ws, self._commands, command, timeout)

    def _fail_commands(self, why: str) -> None:
        for fut in self._commands.values():
            if not fut.done():
                fut.set_exception(CommandError(why))
        self._commands.clear()


def _too_big(exc: ConnectionClosed) -> bool:
    """True when this side closed the connection because a frame was over ``max_size`` (1009)."""
    return isinstance(exc, ConnectionClosedError) and exc.sent is not None and (
        exc.sent.code == CloseCode.MESSAGE_TOO_BIG)


def check_url(url: str) -> None:
    """Raise ``ValueError`` unless ``url`` is a websocket URL (``ws://host:port/feed``)."""
    try:
        parse_uri(url)
    except InvalidURI as exc:
        raise ValueError(f"not a websocket URL: {url!r} (expected ws://host:port/feed)") from exc
