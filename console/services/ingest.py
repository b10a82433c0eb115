"""The ingest pipeline: feed client → store (worker thread) → room, and the embedded demo hub.

``IngestService`` owns a :class:`~console.net.client.FeedClient`. Each batch is completed (grids
derived from locations) and committed through ``Store.commit_ingest`` on a single worker thread,
so the event loop (the GUI thread under qasync) only parses frames and applies results; then the
result goes to ``Room.apply_ingest`` on the loop. The client closes a batch ``BATCH_INTERVAL``
after its first record (unless ``client_options`` say otherwise): at 1,000 events/s that is a
commit every ~25 ms — a live row shows within ~50 ms of its arrival, and the queue model, which
flushes at most every 25 ms too, repaints once per batch. The feed's health is published on the bus as
``feed_state(state=FeedState)`` — with the last failure's kind, detail and time, the attempts in a
row and the next retry, so the status bar can say why the feed is down; committed batches reach the views through the room's topics.
When the hub's log changed (a new ``log_id``, or a head below the position) the position is moved in
the store with a ``log_reset`` feed-health record (:func:`record_log_change`), the client
resynchronises from the new log, and ``FeedState.log_change`` tells the officer.

``EmbeddedDemoHub`` runs a hub and the simulator in-process on a free 127.0.0.1 port — what
``python main.py`` connects to when no hub is given.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import ssl as ssl_mod
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from console.domain.district import District
from console.domain.event import Event, utcnow
from console.domain.ingest import IngestBatch, IngestResult
from console.net.client import ClientState, CommandResult, FeedClient
from console.net.commands import Command
from console.net.hub import Hub
from console.net.hublog import HubLog
from console.net.logchange import LogChange
from console.net.security import cleartext_warning, transport_of
from console.net.simulator import SimConfig, Simulator
from console.services.bus import Bus
from console.services.room import Room
from console.store import Store
from console.store.feed import LOG_RESET, FeedHealthRecord

log = logging.getLogger(__name__)

OUTSIDE_ALL_GRIDS = "outside_all_grids"
BATCH_INTERVAL = 0.025  # s: the feed client's batching window (its own default is 50 ms)
UNKNOWN_GRID = "unknown_grid"


@dataclass(frozen=True, slots=True)
class FeedState:
    status: str  # idle | connecting | connected | backoff | unauthorized | stopped
    url: str
    last_seq: int
    head_seq: int
    lag: int
    quarantined: int  # records quarantined in this console's store
    rate: float  # records/s committed recently
    retry_at: datetime | None = None  # next connection attempt (backoff, unauthorized)
    message: str | None = None  # the current failure in words (English, for logs); None once connected
    # the last failure, kept after a reconnect (console.net.feed_errors.ErrorKind values: unauthorized,
    # http_status, refused, dns, tls, timeout, unreachable, closed, protocol, commit, other)
    error_kind: str | None = None
    error_detail: str | None = None  # technical detail: "HTTP 401", "[Errno 111] Connect call failed …"
    error_at: datetime | None = None  # UTC
    attempts: int = 0  # failed connection attempts in a row (0 once subscribed)
    received: int = 0  # records received and committed by this console since it started
    # sequence anomalies since the console started, each also kept as a quarantine note
    # (console.net.seqwatch): gaps in the hub's seqs and how many seqs they skipped, records ignored
    # because their seq was at or below the last one, and the latest note ("seq 120 after 118: gap of 1")
    seq_gaps: int = 0
    seq_missing: int = 0
    seq_repeated: int = 0
    seq_note: str | None = None
    # "tls" (wss://), "loopback" (ws:// to this machine) or "cleartext" (ws:// to another machine: the
    # token and the records travel unencrypted — the status bar warns); None: not known
    transport: str | None = None
    log_id: str | None = None  # the hub log the position counts in
    # the last hub log reset found since start (old → new log id, the position, the new log's head and
    # where it is read from; ``describe()`` in English), its time (UTC) and how many resyncs there
    # were; None/0 while the hub's log never changed
    log_change: LogChange | None = None
    log_change_at: datetime | None = None
    log_resyncs: int = 0


def record_log_change(store: Store, console_id: str, change: LogChange) -> None:
    """Keep what a log change means in the store (blocking; call on the store's worker thread):
    a log id first seen is kept with the position; a reset moves the position to where the new log
    is read from and appends a ``log_reset`` feed-health record, in one transaction."""
    if not change.resync:
        if change.new_log_id is not None:
            store.keep_feed_log_id(console_id, change.new_log_id)
        return
    record = FeedHealthRecord(
        console_id=console_id, at=utcnow(), kind=LOG_RESET, detail=change.describe(), seq=change.position,
        data={"reason": change.reason, "old_log_id": change.old_log_id, "new_log_id": change.new_log_id,
              "position": change.position, "head_seq": change.head_seq, "resume_from": change.resume_from})
    store.reset_feed_position(console_id, change.resume_from, change.new_log_id, record)


def derive_grids(events: list[Event], district: District | None) -> None:
    """Fill ``grid_id`` from the location when absent; flag points outside every grid (in place)."""
    if district is None:
        return
    todo = [ev for ev in events if ev.grid_id is None and ev.location is not None]
    if todo:
        found = district.locate_many([ev.location.lon for ev in todo], [ev.location.lat for ev in todo])  # type: ignore[union-attr]
        for ev, gid in zip(todo, found, strict=True):
            if gid is None:
                ev.grid_flag = OUTSIDE_ALL_GRIDS
            else:
                ev.grid_id = gid
    for ev in events:
        if ev.grid_id is not None and ev.grid_flag is None and district.grid(ev.grid_id) is None:
            ev.grid_flag = UNKNOWN_GRID


class IngestService:
    def __init__(
        self,
        store: Store,
        room: Room,
        bus: Bus,
        url: str,
        token: str | None,
        console_id: str,
        *,
        district: District | None = None,
        ssl: ssl_mod.SSLContext | None = None,
        client_options: dict[str, Any] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """``clock`` stamps arrivals (default: the store's wall clock; the soak's room runs faster)."""
        self.store = store
        self.clock = clock
        self.room = room
        self.bus = bus
        self.url = url
        self.console_id = console_id
        self.district = district
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-commit")
        self._quarantined_base = 0
        self.client: Any
        if url.startswith(("nats://", "tls://")):  # the feed on NATS JetStream (console.net.broker)
            from console.net.broker_client import BrokerFeedClient
            from console.net.jetstream import NatsCredentials

            self.client = BrokerFeedClient(url, NatsCredentials(token=token), console_id, self._after_seq,
                                           self._on_batch, on_state=self._on_client_state,
                                           **{"batch_interval": BATCH_INTERVAL, **(client_options or {})})
        else:
            self.client = FeedClient(url, token, console_id, self._after_seq, self._on_batch,
                                     on_state=self._on_client_state, on_log_change=self._on_log_change, ssl=ssl,
                                     **{"batch_interval": BATCH_INTERVAL, **(client_options or {})})
        self.transport = transport_of(url) if url.startswith(("ws://", "wss://")) else None
        warning = cleartext_warning(url) if url.startswith(("ws://", "wss://")) else None
        if warning:
            log.warning("%s", warning)
        self.state = FeedState("idle", url, 0, 0, 0, 0, 0.0, transport=self.transport)
        self._task: asyncio.Task[None] | None = None

    # ---- lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        """Start the feed (call on the running loop)."""
        if self._task is None:
            self._task = self.client.start()

    async def stop(self) -> None:
        await self.client.stop()
        self._task = None
        self._executor.shutdown(wait=True)

    async def send_command(self, command: Command | str, event_id: str | None = None,
                           payload: dict[str, Any] | None = None,
                           timeout: float = 10.0) -> CommandResult:  # noqa: ASYNC109
        """Send a command (built by ``console.net.commands``) to the hub; raises
        ``console.net.client.CommandError``."""
        return await self.client.send_command(command, event_id, payload, timeout=timeout)

    # ---- pipeline -------------------------------------------------------------------------------
    async def _after_seq(self) -> tuple[int, str | None]:
        loop = asyncio.get_running_loop()
        cursor, quarantined = await loop.run_in_executor(self._executor, self._position)
        self._quarantined_base = quarantined - self.client.state.quarantined
        return cursor

    def _position(self) -> tuple[tuple[int, str | None], int]:
        return self.store.feed_cursor(self.console_id), self.store.quarantine.count()

    async def _on_log_change(self, change: LogChange) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, record_log_change, self.store, self.console_id, change)

    def _commit(self, batch: IngestBatch) -> IngestResult:
        derive_grids(batch.events, self.district)
        return self.store.commit_ingest(batch, self.console_id, self.clock() if self.clock else None)

    async def _on_batch(self, batch: IngestBatch) -> IngestResult:
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(self._executor, self._commit, batch)
        self.room.apply_ingest(result)
        return result

    def _on_client_state(self, st: ClientState) -> None:
        self.state = FeedState(
            status=str(st.status),
            url=st.url,
            last_seq=st.last_seq,
            head_seq=st.head_seq,
            lag=st.lag,
            quarantined=self._quarantined_base + st.quarantined,
            rate=st.rate,
            retry_at=st.retry_at,
            message=st.message,
            error_kind=str(st.error_kind) if st.error_kind is not None else None,
            error_detail=st.error_detail,
            error_at=st.error_at,
            attempts=st.attempts,
            received=st.received,
            seq_gaps=st.seq_gaps,
            seq_missing=st.seq_missing,
            seq_repeated=st.seq_repeated,
            seq_note=st.seq_note,
            transport=self.transport,
            log_id=st.log_id,
            log_change=st.log_change,
            log_change_at=st.log_change_at,
            log_resyncs=st.log_resyncs,
        )
        self.bus.publish("feed_state", state=self.state)


def default_district_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "resources" / "demo"


class EmbeddedDemoHub:
    """A hub + simulator in this process, on a free 127.0.0.1 port (the default demo feed).

    The normal_day scenario at ``speed`` (60: a new event every few seconds), with the last
    ``backlog_hours`` published at once on the first start; the log lives in ``data_dir`` so a
    restarted console resumes the same stream.
    """

    def __init__(
        self,
        data_dir: str | Path,
        *,
        district: District | None = None,
        scenario: str = "normal_day",
        seed: int = 1,
        speed: float = 60.0,
        backlog_hours: float = 2.0,
        token: str | None = None,
        malformed_share: float = 0.0,
        media_dir: str | Path | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.clock = clock  # the simulator's time stamps (default: the wall clock)
        self.media_dir = media_dir  # served at /media/<name> (the demo's camera clips)
        self.district = district
        self.token = token or secrets.token_urlsafe(16)
        self.config = SimConfig(scenario=scenario, seed=seed, speed=speed, backlog_hours=backlog_hours,
                                malformed_share=malformed_share)
        self.hub: Hub | None = None
        self.simulator: Simulator | None = None
        self._log: HubLog | None = None

    @property
    def url(self) -> str:
        if self.hub is None:
            raise RuntimeError("the demo hub is not started")
        return self.hub.url

    @property
    def log_path(self) -> Path:
        return self.data_dir / "demo-hub.sqlite3"

    async def start(self) -> str:
        """Start serving; returns the feed URL (``ws://127.0.0.1:PORT/feed``)."""
        from console.domain.district import load_district

        district = self.district
        if district is None:
            district = await asyncio.to_thread(load_district, default_district_dir())
        self._log = await asyncio.to_thread(HubLog, self.log_path)
        self.hub = Hub(self._log, self.token, host="127.0.0.1", port=0, media_dir=self.media_dir)
        await self.hub.start()
        self.simulator = Simulator(self.hub, district, self.config, **({"clock": self.clock} if self.clock else {}))
        self.simulator.start()
        return self.hub.url

    async def stop(self) -> None:
        if self.simulator is not None:
            await self.simulator.stop()
            self.simulator = None
        if self.hub is not None:
            await self.hub.stop()
            self.hub = None
        if self._log is not None:
            self._log.close()
            self._log = None
