"""Headless recording workstation: subscribe to a hub and commit everything into a store.

``record(url, token, db_url, exit_when_idle)`` runs the normal feed client and the normal store
commit (no room, no GUI) and returns 0 once ``exit_when_idle`` seconds have passed without a new
record — whether connected or not — or 3 when the hub keeps refusing the token. It stops at once,
raising :class:`~console.store.DamagedStoreError`, when the database file turns out to be damaged
(the start-up quick check, or a damaged page met while committing): nothing more is written or acked.

A hub whose log was reset (another log id, or a head below the recorder's position) is handled as
in the console: the position moves to the new log with a ``log_reset`` feed-health record, the
recorder reads the new log from the start (what it holds already is merged by id), and says so in
its log and in its closing summary.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import ssl as ssl_mod
from concurrent.futures import ThreadPoolExecutor

from console.domain.district import District
from console.domain.ingest import IngestBatch, IngestResult
from console.net.client import FeedClient, Status
from console.net.logchange import LogChange
from console.net.security import cleartext_warning
from console.services.feed_start import EXIT_UNAUTHORIZED, FeedStartError, StartWatch, wait_started
from console.services.ingest import derive_grids, record_log_change
from console.services.intake_writer import IntakeElection, prune_changes
from console.store import DamagedStoreError, Store, StoreError, open_store

log = logging.getLogger(__name__)

EXIT_OK = 0
__all__ = ["EXIT_OK", "EXIT_UNAUTHORIZED", "record"]


async def record(url: str, token: str | None, db_url: str | None, exit_when_idle: float, *,
                 console_id: str | None = "recorder", district: District | None = None,
                 ssl: ssl_mod.SSLContext | None = None, seat: str | None = None) -> int:
    """Record until idle for ``exit_when_idle`` seconds (``math.inf``: until cancelled); raises
    ``FeedStartError`` when the first connection fails.

    ``console_id`` None: the room's id (``Store.room_id``). On PostgreSQL the recorder is one of
    the room's candidate intake writers (:mod:`console.services.intake_writer`): it records only
    while it holds the room's lock (as ``seat``), and stands by otherwise."""
    warning = cleartext_warning(url)
    if warning:
        log.warning("%s", warning)
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recorder-commit")
    loop = asyncio.get_running_loop()
    store = await loop.run_in_executor(executor, open_store, db_url)
    if console_id is None:
        console_id = store.room_id
    if store.dialect == "postgresql":
        try:
            return await _record_as_writer(store, executor, url, token, console_id, exit_when_idle,
                                           district=district, ssl=ssl, seat=seat or f"recorder-{os.getpid()}")
        finally:
            await loop.run_in_executor(executor, store.close)
            executor.shutdown(wait=True)

    damaged: list[str] = []

    def commit(batch: IngestBatch) -> IngestResult:
        derive_grids(batch.events, district)
        try:
            return store.commit_ingest(batch, console_id)
        except StoreError:
            if store.integrity is not None and store.integrity.damaged:
                damaged.append(store.integrity.message())  # the loop below stops the recorder
            raise

    async def after_seq() -> tuple[int, str | None]:
        return await loop.run_in_executor(executor, store.feed_cursor, console_id)

    async def on_batch(batch: IngestBatch) -> IngestResult:
        return await loop.run_in_executor(executor, commit, batch)

    def keep_log_change(change: LogChange) -> None:
        try:
            record_log_change(store, console_id, change)
        except StoreError:
            if store.integrity is not None and store.integrity.damaged:
                damaged.append(store.integrity.message())
            raise

    async def on_log_change(change: LogChange) -> None:
        await loop.run_in_executor(executor, keep_log_change, change)

    watch = StartWatch()
    client = FeedClient(url, token, console_id, after_seq, on_batch, on_state=watch, ssl=ssl,
                        on_log_change=on_log_change)
    client.start()
    try:
        try:
            await wait_started(client, watch)
        except FeedStartError:
            if damaged:  # the store, not the connection, is what failed
                log.error("recorder stopped: %s", damaged[0])
                raise DamagedStoreError(damaged[0]) from None
            raise
        started = loop.time()
        while True:
            if damaged:
                log.error("recorder stopped: %s", damaged[0])
                raise DamagedStoreError(damaged[0])
            idle = loop.time() - max(started, client.last_activity)
            left = exit_when_idle - idle
            if left <= 0:
                break
            try:
                await client.wait_until(lambda s: bool(damaged), timeout=min(left, 1.0) if math.isfinite(left) else 1.0)
            except TimeoutError:
                pass
        st = client.state
        log.info("recorder idle for %g s: last seq %d, %d records committed", exit_when_idle, st.last_seq,
                 client.committed_records)
        if st.log_change is not None:
            log.warning("recorder: the hub's log changed %d time(s) while recording; last: %s — resynchronised, "
                        "see the feed_health table", st.log_resyncs, st.log_change.describe())
        return EXIT_UNAUTHORIZED if st.status is Status.UNAUTHORIZED else EXIT_OK
    finally:
        await client.stop()
        await loop.run_in_executor(executor, store.close)
        executor.shutdown(wait=True)


async def _record_as_writer(store: Store, executor: ThreadPoolExecutor, url: str, token: str | None,
                            console_id: str, exit_when_idle: float, *, district: District | None,
                            ssl: ssl_mod.SSLContext | None, seat: str) -> int:
    """Record while this process holds the room's intake lock; stand by (retrying it) otherwise."""
    loop = asyncio.get_running_loop()

    def commit(batch: IngestBatch) -> IngestResult:
        derive_grids(batch.events, district)
        return store.commit_ingest(batch, console_id)

    async def after_seq() -> tuple[int, str | None]:
        return await loop.run_in_executor(executor, store.feed_cursor, console_id)

    async def on_batch(batch: IngestBatch) -> IngestResult:
        return await loop.run_in_executor(executor, commit, batch)

    async def on_log_change(change: LogChange) -> None:
        await loop.run_in_executor(executor, record_log_change, store, console_id, change)

    client: FeedClient | None = None
    committed = 0
    pruner: list[asyncio.Future[None]] = []

    async def gained() -> None:
        nonlocal client
        log.info("recorder %s holds the room's intake: recording as %s", seat, console_id)
        client = FeedClient(url, token, console_id, after_seq, on_batch, ssl=ssl, on_log_change=on_log_change)
        client.start()
        pruner.append(asyncio.ensure_future(prune_changes(store)))

    async def lost() -> None:
        nonlocal client, committed
        while pruner:
            pruner.pop().cancel()
        if client is not None:
            await client.stop()
            committed += client.committed_records
            client = None

    def healthy() -> bool:
        return client is None or client.state.status in (Status.CONNECTED, Status.IDLE)

    election = IntakeElection(store, seat, on_gained=gained, on_lost=lost, healthy=healthy)
    election.start()
    started = loop.time()
    try:
        while True:
            await asyncio.sleep(0.5)
            active = client.last_activity if client is not None else 0.0
            if loop.time() - max(started, active) >= exit_when_idle:
                break
            if client is not None and client.state.status is Status.UNAUTHORIZED:
                return EXIT_UNAUTHORIZED
    finally:
        with contextlib.suppress(Exception):
            await election.stop()
    log.info("recorder %s idle for %g s: %d records committed while it was the writer", seat, exit_when_idle,
             committed)
    return EXIT_OK
