"""Today's KPIs for the room (办结率, 按时办结率, 现场处置率, …) from the store, off the GUI thread."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from console.domain.event import utcnow
from console.domain.kpi import columns_from_events, kpis
from console.domain.sla import SlaTable

log = logging.getLogger(__name__)


class KpiService:
    def __init__(self, store: Any, table: SlaTable, *, tz: str = "Asia/Shanghai", limit: int = 200_000,
                 coverage: Any = None) -> None:
        """``coverage``: a :class:`console.services.coverage.PatrolCoverage` adding 巡查覆盖率 (this shift)."""
        self.store = store
        self.coverage = coverage
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
        # sign-for times (部门响应率) and resolving workers come from the transitions in the action log
        transitions = self.store.actions.log([e.id for e in events], kinds=("transition",)) if events else []
        cols = columns_from_events(events, transitions, self.table)
        figures = kpis(cols, since, now, now=now)
        if self.coverage is not None:
            try:
                figures.update(self.coverage.kpis(now))
            except Exception:  # the event KPIs stand without it
                log.exception("patrol coverage not computed")
        return figures

    async def compute_async(self, now: datetime | None = None) -> dict[str, Any]:
        return await asyncio.get_running_loop().run_in_executor(None, self.compute, now)
