"""Triage suggestions (研判): what the officer is offered for the one-minute loop (issue 4).

For an event of the live room: the category (from the report, or from Chinese keywords), the level,
the responsible department, the on-duty grid worker and likely duplicates, each with its reason.
Pure reads of the room and the district; every decision the officer then takes goes through
:class:`console.services.decisions.DecisionService`.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from console.domain import categories, suggest
from console.domain.district import District
from console.domain.event import UNCLASSIFIED, Level
from console.domain.reasons import Reason
from console.services.decisions import DecisionRefused
from console.services.room import Room
from console.services.triage_engine import TriageEngine
from console.services.triage_model import Prediction

LAST_KEPT = 1_000  # suggestions remembered for learning (an officer decides within minutes)


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
    # the trained classifier's answer (None: keyword matcher or source category in use)
    prediction: Prediction | None = None
    matter: str | None = None
    matter_name: str | None = None
    confidence: float | None = None
    abstain: bool = False  # 需人工研判: no department is proposed; ``top3`` are the candidates
    top3: list[tuple[str, str, str, float]] = field(default_factory=list)  # (matter, name, department id, p)
    # on-duty workers by walking time to the event (empty: no location or no live positions)
    nearby: list[suggest.NearbyWorker] = field(default_factory=list)
    in_time: bool | None = None  # someone can walk there within 30 minutes (None: not known)

    @property
    def targets(self) -> list[str]:
        return [t for t in (self.department_id,) if t]


class TriageService:
    def __init__(self, room: Room, district: District, engine: TriageEngine | None = None, *,
                 workers: Any = None) -> None:
        """``engine``: the trained classifier (None: keyword matcher only). ``workers``: the live
        roster (:class:`console.services.positions.LiveWorkers`): the suggestion then ranks on-duty
        workers by walking time to the event."""
        self.room = room
        self.district = district
        self.engine = engine
        self.workers = workers
        # event id → the model's suggestion last offered (for learning), the newest LAST_KEPT
        self.last: OrderedDict[str, Suggestion] = OrderedDict()

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
        text = "。".join(t for t in (ev.title, ev.description) if t)
        pred = self.engine.predict(text) if self.engine is not None and known is None else None
        if pred is not None:
            return self._from_model(ev, pred, ranked)
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

    def _from_model(self, ev: Any, pred: Prediction, ranked: list[Any]) -> Suggestion:
        assert self.engine is not None
        lst = self.engine.lst
        m = lst.matter(pred.matter)
        code = pred.category if categories.category(pred.category) else UNCLASSIFIED
        cat = categories.category(code)
        level = ev.level if ev.level.rank > 0 or m is None else m.level
        dept = self.district.department(pred.department_id) or self.district.department(suggest.suggest_department(code))
        worker = suggest.suggest_assignee(self.district, ev.grid_id)
        member = worker.member if worker is not None else None
        grid = self.district.grids[ev.grid_id].name if ev.grid_id in self.district.grids else "—"
        top3 = []
        for a in pred.top3:
            am = lst.matter(a.matter)
            top3.append((a.matter, am.name if am else a.matter, a.department_id, a.probability))
        if pred.abstain:
            reason = Reason("model_abstain", confidence=pred.confidence,
                            candidates=tuple(f"{t[1]}（{lst.family_name(a.family)}）" for t, a in zip(top3, pred.top3, strict=True)))
        else:
            reason = Reason("model", matter=m.name if m else pred.matter, confidence=pred.confidence,
                            phrases=pred.phrases, category=code)
        dept_ok = dept is not None and dept.active and not pred.abstain
        dups = self._duplicates(ev, code)
        s = Suggestion(
            category=code, category_reason=reason, level=level if cat is not None else ev.level,
            department_id=dept.id if dept_ok and dept is not None else None,
            department_name=dept.name if dept is not None and not pred.abstain else None,
            assignee_id=member.id if member is not None else None,
            assignee_name=member.name if member is not None else None,
            assignee_reason=worker.reason if worker is not None else Reason("no_assignee"),
            department_reason=Reason("model_department", matter=m.name if m else pred.matter,
                                     department=dept.name if dept else pred.department_id, grid=grid),
            duplicates=[(d[0], d[1], d[2]) for d in dups[:5]],
            alternatives=[(sg.code, sg.score, sg.reason) for sg in ranked[:5]],
            prediction=pred, matter=pred.matter, matter_name=m.name if m else None,
            confidence=pred.confidence, abstain=pred.abstain, top3=top3,
        )
        self.last[ev.id] = s
        self.last.move_to_end(ev.id)
        while len(self.last) > LAST_KEPT:
            self.last.popitem(last=False)
        return s

    def _duplicates(self, ev: Any, code: str) -> list[Any]:
        """Likely duplicates when the category comes from the model: stored events of that category
        near in place and time, and unclassified ones near in place and time that the model puts
        in the same category (only those few are classified, not the whole room)."""
        assert self.engine is not None
        candidates = [e for e in self.room.live_events() if e.id != ev.id]
        hits = suggest.likely_duplicates(ev.copy(category=code), candidates) if code != UNCLASSIFIED else []
        if ev.category == UNCLASSIFIED:
            near = suggest.likely_duplicates(ev, [c for c in candidates if c.category == UNCLASSIFIED])
            by_id = {c.id: c for c in candidates}
            for hit in near:
                other = by_id[hit.event_id]
                p = self.engine.predict("。".join(t for t in (other.title, other.description) if t))
                if p is not None and p.category == code:  # worded with the category both share
                    reason = Reason(hit.reason.key, **{**hit.reason.params, "category": code})
                    hits.append(suggest.DuplicateHit(hit.event_id, hit.distance_m, reason))
        hits.sort(key=lambda h: (h.distance_m, h.event_id))
        return hits

    async def learn_async(self, event_id: str, department_ids: list[str], category: str | None,
                          *, seat: str | None = None, officer: str | None = None) -> int | None:
        """:meth:`learn_from_dispatch` with the store write on a worker thread (never the GUI's)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, lambda: self.learn_from_dispatch(
            event_id, department_ids, category, seat=seat, officer=officer))

    def learn_from_dispatch(self, event_id: str, department_ids: list[str], category: str | None,
                            *, seat: str | None = None, officer: str | None = None) -> int | None:
        """After a dispatch: when the officer chose another department than the model suggested,
        store the labelled example (the engine retrains in the background when enough arrived)."""
        s = self.last.pop(event_id, None)
        ev = self.room.get(event_id)
        if self.engine is None or s is None or s.prediction is None:
            return None
        text = "。".join(t for t in (ev.title, ev.description) if t) if ev is not None else ""
        if not text:
            return None
        return self.engine.record_dispatch(text=text, department_ids=department_ids, category=category,
                                           suggested=s.prediction, event_id=event_id, seat=seat, officer=officer)
