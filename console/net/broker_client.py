"""The console's JetStream intake (``--connect nats://HOST:PORT/<subject>``), beside the websocket client.

Same protocol-v1 semantics as :class:`~console.net.client.FeedClient` and the same interface for
the ingest service (``start``/``stop``/``state``/``send_command``):

- **resume**: at every (re)connection the durable consumer ``feed-<console id>`` is created again from
  the stream message holding the first record after the last committed seq (found by a binary search
  over the ``Feed-Last-Seq`` headers): the database, not the broker, says where the console is;
- **ack after commit**: records are batched (``batch_interval``), committed through ``on_batch``, and
  only then the last stream message of the batch is acknowledged (``AckPolicy.ALL``: cumulative, as
  the protocol's ack); records at or below the last committed seq are ignored;
- **quarantine**: a frame that fails validation is kept raw with its reason, counted and acked.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from console.domain.event import Event, utcnow
from console.domain.ingest import IngestBatch, QuarantineRecord, StatusUpdate
from console.net import jetstream as js
from console.net.broker import LAST, split_url, stream_for
from console.net.client_state import ClientState, CommandError, OnState, StatePublisher, Status
from console.net.commands import Command, to_frame
from console.net.protocol import CommandResult, EventRecord, FrameError, StatusRecord, decode_hub_frame, dumps

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Pending:
    events: list[Event] = field(default_factory=list)
    statuses: list[StatusUpdate] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)
    high: int = 0  # the last seq decoded
    last_msg: Any = None  # the last stream message decoded into this batch (acked after its commit)


class BrokerFeedClient(StatePublisher):
    def __init__(self, url: str, creds: js.NatsCredentials, console_id: str,
                 after_seq_provider: Callable[[], Any], on_batch: Callable[[IngestBatch], Awaitable[Any]], *,
                 on_state: OnState | None = None, batch_interval: float = 0.025, max_batch: int = 5000,
                 **_ignored: Any) -> None:
        self.server, self.subject = split_url(url)
        self.stream = stream_for(self.subject)
        self.url = url
        self.creds = creds
        self.console_id = console_id
        self.after_seq_provider = after_seq_provider
        self.on_batch = on_batch
        self.on_state = on_state
        self.batch_interval = batch_interval
        self.max_batch = max_batch
        self.state = ClientState(Status.IDLE, url)
        self._changed = None
        from collections import deque

        self._rates = deque()
        self._last_emit = 0.0
        self._emit_timer = None
        self._emit_due = 0.0
        self.nc: Any = None
        self.last_committed = 0
        self.committed_records = 0
        self._pending = _Pending()
        self._wake = asyncio.Event()
        self._reconnected = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # ---- lifecycle ------------------------------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        self._task = asyncio.ensure_future(self.run())
        return self._task

    async def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
        if self.nc is not None:
            with contextlib.suppress(Exception):
                await self.nc.close()
        self._set(status=Status.STOPPED)

    def _conn_state(self, status: str, detail: str | None) -> None:
        if status == "connected":
            self._reconnected.set()
        elif status == "unauthorized":
            self._set(status=Status.UNAUTHORIZED, message=detail)
        else:
            self._set(status=Status.BACKOFF, message=detail)

    async def run(self) -> None:
        self._set(status=Status.CONNECTING)
        try:
            self.nc = await js.connect([self.server], self.creds, name=f"console-{self.console_id}",
                                       on_state=self._conn_state)
        except js.NatsAuthError as exc:
            self._set(status=Status.UNAUTHORIZED, message=str(exc))
            return
        await js.ensure_stream(self.nc, self.stream, [self.subject])
        while not self._stop.is_set():
            self._reconnected.clear()
            try:
                await self._session()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.info("broker feed %s: %s; resuming", self.url, exc or type(exc).__name__)
                self._set(status=Status.BACKOFF, message=str(exc) or type(exc).__name__)
                await asyncio.sleep(1.0)

    async def _position(self) -> int:
        pos = self.after_seq_provider()
        if asyncio.iscoroutine(pos) or isinstance(pos, asyncio.Future):
            pos = await pos
        return int(pos[0] if isinstance(pos, tuple) else pos)

    async def _start_seq(self, after: int) -> int | None:
        """The first stream sequence whose records go past ``after`` (None: nothing yet)."""
        jsm = self.nc.jetstream()
        info = await jsm.stream_info(self.stream)
        lo, hi = int(info.state.first_seq), int(info.state.last_seq)
        if info.state.messages == 0:
            return None
        found = None
        while lo <= hi:
            mid = (lo + hi) // 2
            try:
                msg = await jsm.get_msg(self.stream, mid)
                last = int((msg.headers or {}).get(LAST, 0))
            except Exception:  # a deleted message in the middle: look right
                lo = mid + 1
                continue
            if last > after:
                found, hi = mid, mid - 1
            else:
                lo = mid + 1
        return found if found is not None else int(info.state.last_seq) + 1

    async def _session(self) -> None:
        self.last_committed = await self._position()
        self._pending = _Pending(high=self.last_committed)
        start = await self._start_seq(self.last_committed)
        durable = f"feed-{''.join(c if c.isalnum() else '_' for c in self.console_id)}"
        jsm = self.nc.jetstream()
        with contextlib.suppress(Exception):
            await jsm.delete_consumer(self.stream, durable)
        inbox = self.nc.new_inbox()
        sub = await self.nc.subscribe(inbox, cb=self._on_msg, pending_msgs_limit=200_000,
                                      pending_bytes_limit=1024 * 1024 * 1024)
        cfg = ConsumerConfig(durable_name=durable, deliver_subject=inbox, ack_policy=AckPolicy.ALL,
                             filter_subject=self.subject, max_ack_pending=50_000, ack_wait=60.0)
        if start is not None:
            cfg.deliver_policy = DeliverPolicy.BY_START_SEQUENCE
            cfg.opt_start_seq = start
        else:
            cfg.deliver_policy = DeliverPolicy.ALL
        await jsm.add_consumer(self.stream, cfg)
        info = await jsm.stream_info(self.stream)
        self._set(status=Status.CONNECTED, message=None, attempts=0, last_seq=self.last_committed,
                  head_seq=max(self.state.head_seq, self.last_committed))
        del info
        flusher = asyncio.ensure_future(self._flush_loop())
        try:
            waiter = asyncio.ensure_future(self._reconnected.wait())
            stopper = asyncio.ensure_future(self._stop.wait())
            await asyncio.wait({waiter, stopper, flusher}, return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            stopper.cancel()
        finally:
            flusher.cancel()
            with contextlib.suppress(BaseException):
                await flusher
            with contextlib.suppress(Exception):
                await sub.unsubscribe()
            self._pending = _Pending(high=self.last_committed)
        if flusher.done() and not flusher.cancelled() and flusher.exception() is not None:
            raise flusher.exception()  # type: ignore[misc]

    async def _on_msg(self, msg: Any) -> None:
        """Decode on arrival (while the previous batch commits on the store's thread)."""
        p = self._pending
        high = p.high
        for line in msg.data.split(b"\n"):
            try:
                rec = decode_hub_frame(line)
            except FrameError as exc:
                seq = exc.seq
                if seq is not None and seq <= high:
                    continue
                text = line.decode("utf-8", errors="replace")
                key = None if seq is not None else hashlib.sha256(
                    f"{self.stream}:{msg.metadata.sequence.stream}:{text}".encode()).hexdigest()
                p.quarantined.append(QuarantineRecord(raw=text, reason=exc.reason, received_at=utcnow(),
                                                      seq=seq, key=key))
                if seq is not None:
                    high = seq
                continue
            if type(rec) is EventRecord:
                if rec.seq > high:
                    p.events.append(rec.event)
                    high = rec.seq
            elif type(rec) is StatusRecord and rec.seq > high:
                p.statuses.append(rec.status)
                high = rec.seq
        p.high = high
        p.last_msg = msg
        if not self._wake.is_set():
            self._wake.set()

    async def _flush_loop(self) -> None:
        while True:
            await self._wake.wait()
            await asyncio.sleep(self.batch_interval)
            self._wake.clear()
            if self._pending.last_msg is not None:
                p, self._pending = self._pending, _Pending(high=self._pending.high)
                await self._commit(p)

    async def _commit(self, p: _Pending) -> None:
        batch = IngestBatch(last_seq=max(p.high, self.last_committed), events=p.events, statuses=p.statuses,
                            quarantined=p.quarantined, owned=True)
        n = len(batch.events) + len(batch.statuses) + len(batch.quarantined)
        q = 0
        if n:
            result = await self.on_batch(batch)
            kept = getattr(result, "quarantined", None)
            q = kept if isinstance(kept, int) else len(batch.quarantined)
        self.last_committed = max(self.last_committed, batch.last_seq)
        await p.last_msg.ack()  # AckPolicy.ALL: every message up to it
        self.committed_records += n
        self._rates.append((asyncio.get_running_loop().time(), n))
        pending = int(p.last_msg.metadata.num_pending)
        self._set(last_seq=self.last_committed, head_seq=self.last_committed + pending,
                  quarantined=self.state.quarantined + q, received=self.committed_records, emit=False)
        self._emit()

    # ---- commands --------------------------------------------------------------------------------
    async def send_command(self, command: Command | str, event_id: str | None = None,
                           payload: dict[str, Any] | None = None, timeout: float = 10.0,  # noqa: ASYNC109
                           ) -> CommandResult:
        if isinstance(command, str):
            command = Command(command, event_id, dict(payload or {}))
        if self.nc is None or not self.nc.is_connected:
            raise CommandError("not connected to the broker")
        cid = str(uuid.uuid4())
        try:
            reply = await self.nc.request(f"{self.subject}.cmd", dumps(to_frame(command, cid)).encode("utf-8"),
                                          timeout=timeout)
        except Exception as exc:
            raise CommandError(f"no answer from the broker feed within {timeout:g} s ({exc or type(exc).__name__})") from exc
        msg = decode_hub_frame(reply.data)
        if not isinstance(msg, CommandResult):
            raise CommandError("unexpected answer to a command")
        return msg
