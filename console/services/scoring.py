"""The trainee's score from a training sandbox and its recording (``console.domain.scoring``).

:class:`ScoreService` reads both databases off the GUI thread: the recording once (it does not
change), the sandbox on every refresh — the live score dock in training mode and ``score`` use it.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from console.domain.event import utcnow
from console.domain.scoring import score_shift
from console.domain.sla import SlaTable
from console.store import Store, StoreError, open_store
from console.store import training as tstore


class NotATrainingSandbox(Exception):
    """The database given as the sandbox carries no training mark; one line for the user."""


class ScoreService:
    def __init__(self, sandbox: Store, recording_url: str | None = None, *, table: SlaTable | None = None) -> None:
        """``recording_url``: default, the recording named in the sandbox's training mark."""
        mark = tstore.training_mark(sandbox)
        if mark is None:
            raise NotATrainingSandbox(f"{sandbox.label}: not a training sandbox (no training mark)")
        self.sandbox = sandbox
        self.mark = mark
        self.recording_url = recording_url or _as_url(str(mark.get("recording") or ""))
        self.table = table
        self.start = datetime.fromisoformat(mark["start"])
        self.end = datetime.fromisoformat(mark["end"])
        self._recorded: tuple[list[Any], list[Any]] | None = None
        self._levels: dict[str, int | None] | None = None
        self._names: dict[str, str] = {}  # unit id → name (departments and grid workers)

    def _recording(self) -> tuple[list[Any], list[Any]]:
        if self._recorded is None:
            rec = open_store(self.recording_url, readonly=True)
            try:
                events = tstore.arrivals(rec, self.start, self.end)
                self._recorded = events, rec.actions.log([ev.id for ev in events])
            finally:
                rec.close()
        return self._recorded

    def _grid_levels(self) -> dict[str, int | None]:
        if self._levels is None:
            grids, members, departments, _cameras = self.sandbox.district.load()
            self._levels = {g.id: g.level for g in grids}
            self._names = {**{m.id: m.name for m in members}, **{d.id: d.name for d in departments}}
        return self._levels

    def compute(self, now: datetime | None = None) -> dict[str, Any]:
        """The score as it stands (blocking: call on a worker thread)."""
        rec_events, rec_actions = self._recording()
        ids = [ev.id for ev in rec_events]
        mine = list(self.sandbox.events.get_many(ids).values())
        mine_actions = self.sandbox.actions.log([ev.id for ev in mine])
        levels = self._grid_levels()
        result = score_shift(mine, mine_actions, rec_events, rec_actions, table=self.table,
                             grid_level=lambda gid: levels.get(gid) if gid else None,
                             now=now or utcnow(), recorded_now=self.end)
        for row in result["events"]:
            for key in ("department", "recorded_department", "responsible_department"):
                row[f"{key}_name"] = self._names.get(row[key] or "", row[key])
        return {
            "trainee": self.mark.get("trainee"),
            "sandbox": self.sandbox.label,
            "recording": self.mark.get("recording"),
            "window": {"start": self.start.isoformat(), "end": self.end.isoformat()},
            "speed": self.mark.get("speed"),
            "recorded_events": len(rec_events),
            "played_events": len(result["events"]),
            "generated_at": (now or utcnow()).isoformat(),
            **result,
        }

    async def compute_async(self, now: datetime | None = None) -> dict[str, Any]:
        return await asyncio.get_running_loop().run_in_executor(None, self.compute, now)


def _as_url(label: str) -> str:
    """A stored recording label (a file path or a URL without password) as a database URL."""
    if "://" in label:
        return label
    return f"sqlite:///{label}"


def score_databases(sandbox_url: str, recording_url: str, *, table: SlaTable | None = None,
                    now: datetime | None = None) -> dict[str, Any]:
    """``score``: open the sandbox read-only and score it against ``recording_url``."""
    sandbox = open_store(sandbox_url, readonly=True)
    try:
        return ScoreService(sandbox, recording_url, table=table).compute(now)
    finally:
        sandbox.close()


__all__ = ["NotATrainingSandbox", "ScoreService", "StoreError", "score_databases"]
