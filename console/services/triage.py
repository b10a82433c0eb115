"""Triage (研判) and dispatch (派遣): the officer's one-minute loop (issue 4).

Every decision is checked against the freshest stored version of the event, written with a
compare-and-set together with its actions (``console.store.workflow``), then applied to the
live room. A decision that cannot be carried out raises :class:`WorkflowError` with a message
for the officer; nothing is half-written.

Blocking database work runs in the default executor; the coroutine API keeps the GUI loop free.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from console.domain import categories, suggest
from console.domain.district import District
from console.domain.event import UNCLASSIFIED, Action, Event, Level, State, utcnow
from console.domain.lifecycle import can_transition, transition
from console.domain.reasons import Reason
from console.services.bus import Bus
from console.services.room import Room
from console.store.workflow import ConflictError, apply_changes

log = logging.getLogger(__name__)
T = TypeVar("T")

CLAIM_TTL = timedelta(minutes=3)
DISPATCHABLE = (State.NEW, State.FILED, State.RETURNED, State.ESCALATED, State.REOPENED)
# send_command(action, event_id, payload) -> (ok, error)
CommandSender = Callable[[str, str, dict], Awaitable[tuple[bool, str | None]]]
# deadline_for(event, now) -> the next SLA deadline after the event's state changed, or None
DeadlineFn = Callable[[Event, datetime], datetime | None]


class WorkflowError(Exception):
    """A decision refused, with a message an officer can act on (Chinese UI text)."""


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

    @property
    def targets(self) -> list[str]:
        return [t for t in (self.department_id,) if t]


class TriageService:
    def __init__(
        self,
        store: Any,
        room: Room,
        bus: Bus,
        district: District,
        *,
        seat: str,
        officer: str,
        send_command: CommandSender | None = None,
        deadline_for: DeadlineFn | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.room = room
        self.bus = bus
        self.district = district
        self.seat = seat
        self.officer = officer
        self.send_command = send_command
        self.deadline_for = deadline_for
        self.clock = clock

    # ------------------------------------------------------------------ helpers
    async def _db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(None, partial(fn, *args))

    async def _fresh(self, event_id: str) -> Event:
        ev = await self._db(self.store.events.get, event_id)
        if ev is None:
            raise WorkflowError(f"事件 {event_id} 不存在")
        return ev

    async def _commit(self, pairs: list[tuple[Event, Event]], actions: list[Action]) -> None:
        try:
            await self._db(apply_changes, self.store, pairs, actions)
        except ConflictError as exc:
            if exc.current is not None:
                self.room.upsert([exc.current])
            raise WorkflowError(f"事件 {exc.event_id} 已被其他席位或现场反馈更新，请刷新后重新研判") from exc
        self.room.upsert([after for _before, after in pairs])
        self.bus.publish("actions_appended", event_ids=sorted({a.event_id for a in actions}))

    def _act(self, ev: Event, kind: str, now: datetime, note: str | None = None, **data: Any) -> Action:
        return Action(
            event_id=ev.id, at=now, kind=kind, actor=self.officer, seat=self.seat, note=note, data=data
        )

    def _target_name(self, target: str) -> str | None:
        dept = self.district.department(target)
        if dept is not None:
            return dept.name if dept.active else None
        member = self.district.members.get(target)
        return member.name if member is not None else None

    # ------------------------------------------------------------------ claims
    async def claim(self, event_id: str) -> str | None:
        """Claim the event for this seat; returns None, or the seat that holds it already."""
        now = self.clock()
        ok, holder = await self._db(
            partial(self.store.claims.claim, event_id, self.seat, self.officer, CLAIM_TTL, now)
        )
        ev = self.room.get(event_id)
        if ok and ev is not None:
            self.room.upsert([ev.copy(claimed_by=self.seat, claim_until=now + CLAIM_TTL)])
        return None if ok else holder

    async def release(self, event_id: str) -> None:
        await self._db(self.store.claims.release, event_id, self.seat)
        ev = self.room.get(event_id)
        if ev is not None and ev.claimed_by == self.seat:
            self.room.upsert([ev.copy(claimed_by=None, claim_until=None)])

    async def refresh_claims(self) -> None:
        """Show other seats' live claims in the room (called every few seconds)."""
        ids = list(self.room.events)
        if not ids:
            return
        now = self.clock()
        holders = await self._db(self.store.claims.holders, ids, now)
        changed = []
        for eid, ev in list(self.room.events.items()):
            held = holders.get(eid)
            seat, until = (held[0], held[2]) if held else (None, None)
            if ev.claimed_by != seat:
                changed.append(ev.copy(claimed_by=seat, claim_until=until))
        if changed:
            self.room.upsert(changed)

    async def _check_claim(self, ev: Event) -> None:
        holders = await self._db(self.store.claims.holders, [ev.id], self.clock())
        held = holders.get(ev.id)
        if held and held[0] != self.seat:
            who = f"{held[0]}（{held[1]}）" if held[1] else held[0]
            raise WorkflowError(f"事件正在由 {who} 处理，请勿重复处置")

    # ------------------------------------------------------------------ suggestions
    def suggest(self, event_id: str) -> Suggestion:
        ev = self.room.get(event_id)
        if ev is None:
            raise WorkflowError(f"事件 {event_id} 不在实时队列中")
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
        )

    # ------------------------------------------------------------------ decisions
    async def file(self, event_id: str, category: str, level: Level, note: str | None = None) -> Event:
        """立案: confirm or change category and level."""
        if categories.category(category) is None:
            raise WorkflowError(f"未知的事件类别：{category}")
        ev = await self._fresh(event_id)
        await self._check_claim(ev)
        if not can_transition(ev.state, State.FILED):
            raise WorkflowError(f"事件当前状态为“{ev.state.value}”，不能立案")
        now = self.clock()
        after, act = transition(ev, State.FILED, actor=self.officer, at=now, seat=self.seat, note=note)
        after = after.copy(category=category, level=level)
        triage = self._act(ev, "triage", now, None, category=category, level=level.value,
                           was_category=ev.category, was_level=ev.level.value)
        await self._commit([(ev, after)], [act, triage])
        return after

    async def reject(self, event_id: str, reason: str) -> Event:
        """不予立案: invalid report, with a reason."""
        if not reason or not reason.strip():
            raise WorkflowError("不予立案必须填写理由")
        ev = await self._fresh(event_id)
        await self._check_claim(ev)
        if not can_transition(ev.state, State.REJECTED):
            raise WorkflowError(f"事件当前状态为“{ev.state.value}”，不能不予立案")
        after, act = transition(ev, State.REJECTED, actor=self.officer, at=self.clock(), seat=self.seat,
                                note=reason.strip())
        await self._commit([(ev, after)], [act])
        return after

    async def merge(self, event_id: str, into_id: str) -> Event:
        """Mark ``event_id`` a duplicate of ``into_id`` (the kept event counts one more report)."""
        if event_id == into_id:
            raise WorkflowError("不能把事件合并到它自己")
        ev = await self._fresh(event_id)
        keep = await self._fresh(into_id)
        await self._check_claim(ev)
        if not can_transition(ev.state, State.REJECTED):
            raise WorkflowError(f"事件当前状态为“{ev.state.value}”，不能合并")
        if keep.state.is_terminal:
            raise WorkflowError(f"目标事件 {into_id} 已结案或不予立案，不能合并进去")
        now = self.clock()
        after, act = transition(ev, State.REJECTED, actor=self.officer, at=now, seat=self.seat,
                                note=f"重复事件，已合并到 {into_id}", data={"duplicate_of": into_id})
        after = after.copy(duplicate_of=into_id)
        kept = keep.copy(duplicate_count=keep.duplicate_count + 1 + ev.duplicate_count, updated_at=now)
        merge = self._act(keep, "merge", now, f"合并重复上报 {event_id}", merged_id=event_id)
        await self._commit([(ev, after), (keep, kept)], [act, merge])
        return kept

    async def dispatch(
        self,
        event_id: str,
        targets: list[str],
        instruction: str,
        *,
        deadline: datetime | None = None,
        category: str | None = None,
        level: Level | None = None,
    ) -> Event:
        """派遣 to one or several departments / grid workers, with an instruction and a deadline."""
        instruction = (instruction or "").strip()
        if not instruction:
            raise WorkflowError("派遣指令不能为空")
        targets = list(dict.fromkeys(t for t in targets if t))
        if not targets:
            raise WorkflowError("请选择至少一个处置单位")
        names = {}
        for t in targets:
            name = self._target_name(t)
            if name is None:
                raise WorkflowError(f"处置单位 {t} 不存在或已停用，请重新选择")
            names[t] = name
        if category is not None and categories.category(category) is None:
            raise WorkflowError(f"未知的事件类别：{category}")
        if self.send_command is None:
            raise WorkflowError("未连接事件中枢，派遣指令无法送达，请检查数据连接")
        ev = await self._fresh(event_id)
        await self._check_claim(ev)
        if ev.state not in DISPATCHABLE:
            if ev.state is State.DISPATCHED or ev.dispatched_at is not None:
                who = "、".join(ev.assignees) or "其他单位"
                raise WorkflowError(f"事件已派遣给 {who}，无需重复派遣")
            raise WorkflowError(f"事件当前状态为“{ev.state.value}”，不能派遣")
        now = self.clock()
        actions: list[Action] = []
        cur = ev.copy(category=category or ev.category, level=level or ev.level)
        if cur.state is State.NEW:
            cur, a = transition(cur, State.FILED, actor=self.officer, at=now, seat=self.seat, note="研判立案")
            actions.append(a)
        cur, a = transition(cur, State.DISPATCHED, actor=self.officer, at=now, seat=self.seat,
                            note=instruction, data={"targets": targets})
        actions.append(a)
        if category or level:
            actions.append(self._act(ev, "triage", now, None, category=cur.category, level=cur.level.value,
                                     was_category=ev.category, was_level=ev.level.value))
        due = deadline or (self.deadline_for(cur, now) if self.deadline_for else None)
        cur = cur.copy(assignees=targets, deadline_at=due, claimed_by=None, claim_until=None)
        actions.append(self._act(ev, "dispatch", now, instruction, targets=targets,
                                 target_names=[names[t] for t in targets],
                                 deadline=due.isoformat() if due else None))
        await self._commit([(ev, cur)], actions)
        payload = {"targets": targets, "instruction": instruction,
                   "deadline": due.isoformat() if due else None, "category": cur.category,
                   "level": cur.level.value, "seat": self.seat, "officer": self.officer}
        try:
            ok, error = await self.send_command("dispatch", ev.id, payload)
        except Exception as exc:  # timeout, connection lost
            ok, error = False, str(exc) or type(exc).__name__
        if not ok:
            await self._undo_dispatch(cur, ev, error or "unknown error")
            raise WorkflowError(f"派遣指令未被事件中枢接受：{error}；事件已恢复为派遣前状态")
        await self._db(self.store.claims.release, ev.id, self.seat)
        return cur

    async def _undo_dispatch(self, dispatched: Event, before: Event, error: str) -> None:
        now = self.clock()
        restored = before.copy(updated_at=now)
        note = self._act(before, "dispatch_failed", now, f"派遣未送达：{error}")
        try:
            await self._commit([(dispatched, restored)], [note])
        except WorkflowError:
            log.warning("dispatch of %s failed (%s) and the event changed meanwhile", before.id, error)
