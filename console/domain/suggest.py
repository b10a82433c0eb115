"""Triage suggestions for the duty officer, each with an explanation of why.

Every reason is a :class:`~console.domain.reasons.Reason`: Chinese text keyed by a template and its
parameters, so the UI can word it in the officer's language.

- ``suggest_category(title, description)``: keyword matches against the category table.
- ``suggest_department(code)``: the responsible department of a category.
- ``suggest_assignee(district, grid_id)``: the on-duty grid worker, walking up the hierarchy.
- ``likely_duplicates(event, candidates)``: same category, near in space and time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from console.domain.categories import CATEGORIES, DEFAULT_DEPARTMENT, category
from console.domain.district import District
from console.domain.event import Event
from console.domain.geo import haversine_m
from console.domain.grid import Member, Role
from console.domain.positions import REACH_LIMIT_S
from console.domain.reasons import Reason

TITLE_WEIGHT = 2.0  # a keyword in the title counts double


@dataclass(frozen=True, slots=True)
class Suggestion:
    code: str
    score: float  # 0..1, higher is better
    reason: Reason


@dataclass(frozen=True, slots=True)
class AssigneeSuggestion:
    member: Member
    grid_id: str  # the grid whose worker it is (the event's grid or an ancestor)
    reason: Reason


class DuplicateHit(NamedTuple):
    """Unpacks as ``(event_id, distance_m, reason)``."""

    event_id: str
    distance_m: float
    reason: Reason


def suggest_category(title: str, description: str | None = None, *, limit: int = 5) -> list[Suggestion]:
    """Categories whose keywords occur in the text, best first (empty when nothing matches)."""
    title = title or ""
    desc = description or ""
    scored: list[tuple[float, int, Suggestion]] = []
    for order, cat in enumerate(CATEGORIES.values()):
        matched = [kw for kw in cat.keywords if kw in title or kw in desc]
        # a keyword inside a longer matched keyword adds nothing new
        hits = [kw for kw in matched if not any(kw != o and kw in o for o in matched)]
        raw = sum(len(kw) * (TITLE_WEIGHT if kw in title else 1.0) for kw in hits)
        if not hits:
            continue
        name_hit = cat.name_zh in title or cat.name_zh in desc
        if name_hit:
            raw += 2.0
        score = round(1.0 - math.exp(-raw / 6.0), 3)
        if name_hit and cat.name_zh not in hits:
            reason = Reason("keywords_and_name", keywords=tuple(hits), name=cat.name_zh, category=cat.code)
        else:
            reason = Reason("keywords", keywords=tuple(hits), category=cat.code)
        scored.append((score, -order, Suggestion(cat.code, score, reason)))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return [s for _, _, s in scored[:limit]]


def suggest_department(category_code: str | None) -> str:
    """Responsible department id; the 综治办 takes unknown and unclassified codes."""
    cat = category(category_code)
    return cat.department_id if cat else DEFAULT_DEPARTMENT


def department_reason(category_code: str | None, district: District | None = None) -> Reason:
    """Why ``suggest_department`` chose its answer."""
    cat = category(category_code)
    dept_id = suggest_department(category_code)
    dept = district.department(dept_id) if district else None
    dname = dept.name if dept else dept_id
    if cat is None:
        return Reason("department_unclassified", department=dname)
    return Reason("department", category=cat.code, group=cat.group, department=dname)


_WORKER_ORDER = (Role.FULLTIME, Role.PARTTIME, Role.GRID_CHIEF)


def suggest_assignee(district: District, grid_id: str | None) -> AssigneeSuggestion | None:
    """The on-duty grid worker of the grid (专职 before 兼职 before 网格长), else of the nearest ancestor."""
    if grid_id is None or grid_id not in district.grids:
        return None
    chain = [district.grids[grid_id], *district.ancestors(grid_id)]
    for depth, g in enumerate(chain):
        on_duty = district.on_duty_members(g.id, _WORKER_ORDER)
        if not on_duty:
            continue
        on_duty.sort(key=lambda m: (_WORKER_ORDER.index(m.role), m.id))
        m = on_duty[0]
        if depth == 0:
            reason = Reason("assignee_here", role=m.role.value, member=m.name)
        else:
            reason = Reason("assignee_ancestor", grid=g.name, role=m.role.value, member=m.name)
        return AssigneeSuggestion(m, g.id, reason)
    return None


@dataclass(frozen=True, slots=True)
class NearbyWorker:
    """An on-duty worker ranked by walking time to an event (see console.domain.positions)."""

    member: Member
    distance_m: float  # straight line
    walk_s: float  # distance × detour factor ÷ walking speed

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.walk_s / 60))


def suggest_nearest(nearby: list[NearbyWorker], limit_s: float = REACH_LIMIT_S) -> tuple[AssigneeSuggestion | None, bool]:
    """The on-duty worker who can walk to the event soonest, and whether anyone can be there within
    ``limit_s`` (30 minutes). ``nearby`` must be sorted by walking time."""
    if not nearby:
        return None, False
    best = nearby[0]
    in_time = best.walk_s <= limit_s
    if in_time:
        reason = Reason("assignee_nearest", role=best.member.role.value, member=best.member.name,
                        distance_m=best.distance_m, minutes=best.minutes)
    else:
        reason = Reason("nobody_in_time", member=best.member.name, minutes=best.minutes)
    return AssigneeSuggestion(best.member, best.member.grid_id, reason), in_time


def likely_duplicates(
    event: Event,
    candidates: Iterable[Event],
    radius_m: float = 150.0,
    window: timedelta = timedelta(hours=6),
) -> list[DuplicateHit]:
    """Candidates of the same category within ``radius_m`` and ``window``, nearest first.

    Each hit unpacks as ``(event_id, distance_m, reason)``.
    """
    if event.location is None:
        return []
    lon, lat = event.location.lon, event.location.lat
    hits: list[DuplicateHit] = []
    for c in candidates:
        if c.id == event.id or c.category != event.category or c.location is None:
            continue
        dt = abs(c.reported_at - event.reported_at)
        if dt > window:
            continue
        dist = haversine_m(lon, lat, c.location.lon, c.location.lat)
        if dist > radius_m:
            continue
        minutes = int(dt.total_seconds() // 60)
        sim = _similarity(event.title, c.title)
        if sim >= 0.5:
            reason = Reason("duplicate_similar", category=event.category, distance_m=dist, minutes=minutes,
                            similarity=sim)
        else:
            reason = Reason("duplicate", category=event.category, distance_m=dist, minutes=minutes)
        hits.append(DuplicateHit(c.id, round(dist, 1), reason))
    hits.sort(key=lambda h: (h.distance_m, h.event_id))
    return hits


def _similarity(a: str, b: str) -> float:
    """Jaccard similarity of character bigrams (good enough for short Chinese titles)."""
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    gb = {b[i : i + 2] for i in range(len(b) - 1)}
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)
