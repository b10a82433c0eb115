"""Triage suggestions (研判): what the officer is offered for the one-minute loop (issue 4).

For an event of the live room: the category (from the report, or from Chinese keywords), the level,
the responsible department, the on-duty grid worker and likely duplicates, each with its reason.
Pure reads of the room and the district; every decision the officer then takes goes through
:class:`console.services.decisions.DecisionService`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from console.domain import categories, suggest
from console.domain.district import District
from console.domain.event import UNCLASSIFIED, Level
from console.domain.reasons import Reason
from console.services.decisions import DecisionRefused
from console.services.room import Room


@dataclass(slots=True)
class Suggestion:
    """What the panel proposes; each reason is a :class:`Reason` (Chinese text with a template key
    and parameters, so the view can word it in the UI language)."""

    category: str
    category_reason: Reason
    level: Level
    department_id: str | None
    department_name: str | None
    assignee_id: str | None
    assignee_name: str | None
    assignee_reason: Reason | str = ""
    department_reason: Reason | str = ""
    duplicates: list[tuple[str, float, Reason]] = field(default_factory=list)
    alternatives: list[tuple[str, float, Reason]] = field(default_factory=list)
    # on-duty workers by walking time to the event (empty: no location or no live positions)
    nearby: list[suggest.NearbyWorker] = field(default_factory=list)
    in_time: bool | None = None  # someone can walk there within 30 minutes (None: not known)

    @property
    def targets(self) -> list[str]:
        return [t for t in (self.department_id,) if t]


class TriageService:
    def __init__(self, room: Room, district: District, *, workers: Any = None) -> None:
        """``workers``: the live roster (:class:`console.services.positions.LiveWorkers`): the
        suggestion then ranks on-duty workers by walking time to the event."""
        self.room = room
        self.district = district
        self.workers = workers

    def nearby(self, event_id: str, k: int = 5) -> list[suggest.NearbyWorker]:
        """On-duty workers (live position, not stale, not on a task) by walking time to the event."""
        ev = self.room.get(event_id)
        if ev is None or ev.location is None or self.workers is None:
            return []
        out = []
        for reach, _view in self.workers.nearest(ev.location.lon, ev.location.lat, k):
            m = self.district.members.get(reach.worker_id)
            if m is not None:
                out.append(suggest.NearbyWorker(m, reach.distance_m, reach.walk_s))
        return out

    # ------------------------------------------------------------------ suggestions
    def suggest(self, event_id: str) -> Suggestion:
        ev = self.room.get(event_id)
        if ev is None:
            raise DecisionRefused("not_live", event_id=event_id)
        ranked = suggest.suggest_category(ev.title, ev.description)
        known = categories.category(ev.category)
        if known is not None:
            code, reason = known.code, Reason("source_classified")
        elif ranked:
            code, reason = ranked[0].code, ranked[0].reason
        else:
            code, reason = UNCLASSIFIED, Reason("no_keywords")
        cat = categories.category(code)
        level = ev.level if ev.level.rank > 0 or cat is None else cat.default_level
        dept = self.district.department(suggest.suggest_department(code))
        nearby = self.nearby(ev.id)
        worker, in_time = suggest.suggest_nearest(nearby)
        if worker is None:  # no live positions: the on-duty worker of the grid
            worker = suggest.suggest_assignee(self.district, ev.grid_id)
        member = worker.member if worker is not None else None
        candidates = [e for e in self.room.live_events() if e.id != ev.id]
        dups = suggest.likely_duplicates(ev, candidates)
        return Suggestion(
            category=code,
            category_reason=reason,
            level=level,
            department_id=dept.id if dept is not None and dept.active else None,
            department_name=dept.name if dept is not None else None,
            assignee_id=member.id if member is not None else None,
            assignee_name=member.name if member is not None else None,
            assignee_reason=worker.reason if worker is not None else Reason("no_assignee"),
            department_reason=suggest.department_reason(code, self.district),
            duplicates=[(d[0], d[1], d[2]) for d in dups[:5]],
            alternatives=[(s.code, s.score, s.reason) for s in ranked[:5]],
            nearby=nearby,
            in_time=in_time if nearby else None,
        )
