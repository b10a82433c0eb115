"""Headless recording workstation: subscribe to a hub and commit everything into a store.

``record(url, token, db_url, exit_when_idle)`` runs the normal feed client and the normal store
commit (no room, no GUI) and returns 0 once ``exit_when_idle`` seconds have passed without a new
record — whether connected or not — or 3 when the hub keeps refusing the token.

A hub whose log was reset (another log id, or a head below the recorder's position) is handled as
in the console: the position moves to the new log with a ``log_reset`` feed-health record, the
recorder reads the new log from the start (what it holds already is merged by id), and says so in
its log and in its closing summary.
"""

from __future__ import annotations

import asyncio
import logging
import math
from concurrent.futures import ThreadPoolExecutor

from console.domain.district import District
from console.domain.ingest import IngestBatch, IngestResult
from console.net.client import FeedClient, Status
from console.net.logchange import LogChange
from console.services.ingest import derive_grids, record_log_change
from console.store import open_store

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_UNAUTHORIZED = 3


async def record(url: str, token: str | None, db_url: str | None, exit_when_idle: float, *,
                 console_id: str = "recorder", district: District | None = None) -> int:
    """Record until idle for ``exit_when_idle`` seconds (``math.inf``: until cancelled)."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recorder-commit")
    loop = asyncio.get_running_loop()
    store = await loop.run_in_executor(executor, open_store, db_url)

    def commit(batch: IngestBatch) -> IngestResult:
        derive_grids(batch.events, district)
        return store.commit_ingest(batch, console_id)

    async def after_seq() -> tuple[int, str | None]:
        return await loop.run_in_executor(executor, store.feed_cursor, console_id)

    async def on_batch(batch: IngestBatch) -> IngestResult:
        return await loop.run_in_executor(executor, commit, batch)

    async def on_log_change(change: LogChange) -> None:
        await loop.run_in_executor(executor, record_log_change, store, console_id, change)

    client = FeedClient(url, token, console_id, after_seq, on_batch, on_log_change=on_log_change)
    client.start()
    started = loop.time()
    try:
        while True:
            idle = loop.time() - max(started, client.last_activity)
            left = exit_when_idle - idle
            if left <= 0:
                break
            try:
                await client.wait_until(lambda s: False, timeout=min(left, 1.0) if math.isfinite(left) else 1.0)
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
