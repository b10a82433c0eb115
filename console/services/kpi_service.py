"""Today's KPIs for the room (办结率, 按时办结率, 现场处置率, …) from the store, off the GUI thread."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from console.domain.event import utcnow
from console.domain.kpi import columns_from_events, kpis
from console.domain.sla import SlaTable


class KpiService:
    def __init__(self, store: Any, table: SlaTable, *, tz: str = "Asia/Shanghai", limit: int = 200_000) -> None:
        self.store = store
        self.table = table
        self.tz = ZoneInfo(tz)
        self.limit = limit

    def day_start(self, now: datetime) -> datetime:
        local = now.astimezone(self.tz)
        return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(now.tzinfo)

    def compute(self, now: datetime | None = None, window: timedelta | None = None) -> dict[str, Any]:
        """KPIs of the events received since local midnight (or within ``window``), as known now."""
        now = now or utcnow()
        since = now - window if window else self.day_start(now)
        events = self.store.events.search(since=since, until=now + timedelta(seconds=1), limit=self.limit)
        cols = columns_from_events(events, (), self.table)
        return kpis(cols, since, now, now=now)

    async def compute_async(self, now: datetime | None = None) -> dict[str, Any]:
        return await asyncio.get_running_loop().run_in_executor(None, self.compute, now)
