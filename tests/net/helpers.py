"""Shared helpers of the net tests: event objects, an in-test commit sink, a hub in this process."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any

from console.domain.ingest import IngestBatch
from console.net.hub import Hub
from console.net.hublog import HubLog

TOKEN = "s3cret-token"


def run(coro: Coroutine[Any, Any, Any], timeout: float = 60.0) -> Any:
    """Run a coroutine on a fresh loop with an upper bound on its duration."""

    async def bounded() -> Any:
        async with asyncio.timeout(timeout):
            return await coro

    return asyncio.run(bounded())


def event_obj(i: int | str, **over: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "id": f"ev-{i}",
        "source": "grid_app",
        "category": "city.garbage",
        "title": f"暴露垃圾 {i}",
        "reported_at": "2026-11-22T09:30:00+08:00",
        "location": {"lat": 30.54, "lon": 104.0, "address": "云港社区"},
    }
    obj.update(over)
    return obj


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


class Sink:
    """An ``on_batch`` callback that records batches (optionally held until released)."""

    def __init__(self) -> None:
        self.batches: list[IngestBatch] = []
        self.gate: asyncio.Event | None = None
        self.entered = asyncio.Event()

    async def __call__(self, batch: IngestBatch) -> None:
        self.entered.set()
        if self.gate is not None:
            await self.gate.wait()
        self.batches.append(batch)

    @property
    def events(self) -> list[Any]:
        return [e for b in self.batches for e in b.events]

    @property
    def quarantined(self) -> list[Any]:
        return [q for b in self.batches for q in b.quarantined]

    @property
    def statuses(self) -> list[Any]:
        return [s for b in self.batches for s in b.statuses]


@contextlib.asynccontextmanager
async def running_hub(path: Path, token: str | None = TOKEN, **kw: Any) -> AsyncIterator[Hub]:
    log = HubLog(path)
    hub = Hub(log, token, **kw)
    await hub.start()
    try:
        yield hub
    finally:
        await hub.stop()
        log.close()


async def until(predicate: Callable[[], bool], limit: float = 20.0, poll: float = 0.01) -> None:
    """Poll a condition that has no event of its own (e.g. another process's file), bounded."""
    async with asyncio.timeout(limit):
        while not predicate():  # noqa: ASYNC110 - the condition lives outside this loop
            await asyncio.sleep(poll)
