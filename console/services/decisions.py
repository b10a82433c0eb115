"""The one decision service (issue 11, DESIGN §4.14): every officer decision takes this path.

claim, file, reject, merge, dispatch (also multi-dispatch and re-dispatch after a return),
escalate (一键上报, also the automatic one on a breach), supervise (督办), whistle (吹哨),
suspend/resume (延期/恢复), verify pass/fail (核查), reopen.

Each step is a :class:`Plan`: the events it reads and a pure decision
(:mod:`console.domain.decisions`) run on their fresh, locked versions inside one transaction with a
compare-and-set on each event's version (:func:`console.store.workflow.commit_decision`), one
:class:`Action` per step with who/when/seat/from/to/note. The commit runs on a worker thread
(:meth:`DecisionService.run`) or, for the shift simulator on its fake clock, inline
(:meth:`DecisionService.run_now`); either way the new versions then go to the room and the bus on the
caller's thread, and the hub command (one builder: :mod:`console.net.commands`) is sent after the
commit. A decision that no longer applies — another seat or the feed changed the event first —
raises :class:`DecisionRefused` with the officer's message, and nothing is written.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from console.domain import categories
from console.domain import decisions as rules
from console.domain.decisions import Refused, Who, refusal_zh
from console.domain.escalation import Tier
from console.domain.event import Action, Event, Level, utcnow
from console.domain.roles import Account, Role, may, refusal
from console.domain.sla import SlaTable, next_deadline
from console.net import commands
from console.net.commands import Command
from console.services.bus import Bus
from console.services.room import Room
from console.store.changelog import ENTITY_CLAIM
from console.store.workflow import ConflictError, DecisionContext, MissingEvents, commit_decision

log = logging.getLogger(__name__)
T = TypeVar("T")

CLAIM_TTL = timedelta(minutes=3)
SYSTEM = "system"
# send(command) -> (ok, error); may be a coroutine function (the feed client) or plain (simulator)
CommandSender = Callable[[Command], "Awaitable[tuple[bool, str | None]] | tuple[bool, str | None]"]
Decide = Callable[[Mapping[str, Event], datetime], tuple[list[Event], list[Action]]]


class DecisionRefused(Exception):
    """A decision refused, with a message an officer can act on.

    ``str()`` is the Chinese text; ``key`` and ``params`` (see ``console.domain.decisions.REFUSALS_ZH``)
    let the views word it in the UI language."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(refusal_zh(key, params))
        self.key = key
        self.params = params

    @classmethod
    def of(cls, refused: Refused) -> DecisionRefused:
        return cls(refused.key, **refused.params)


_tasks: set[asyncio.Future[Any]] = set()


def drive(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that never suspends (an inline decision service) to its end, synchronously."""
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]
    coro.close()
    raise RuntimeError("the coroutine suspended: drive() needs an inline decision service")


def spawn(coro: Coroutine[Any, Any, Any], *, what: str = "decision") -> None:
    """Run a step started by a synchronous caller (an SLA timer, a record update): as a task on the
    running loop (kept referenced, failures logged), or inline when no loop runs (the simulator)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        try:
            drive(coro)
        except DecisionRefused as exc:
            log.info("%s refused: %s", what, exc)
        return
    task = asyncio.ensure_future(coro)
    _tasks.add(task)
    task.add_done_callback(partial(_task_done, what))


def _task_done(what: str, task: asyncio.Future[Any]) -> None:
    _tasks.discard(task)
    if task.cancelled():
        return
    exc = task.exception()
    if isinstance(exc, DecisionRefused):
        log.info("%s refused: %s", what, exc)
    elif exc is not None:
        log.error("%s failed", what, exc_info=exc)


@dataclass
class Plan:
    """One decision, ready to commit: the events it reads (the first is the decided event), the
    decision run on their fresh versions, and the hub command built from the committed event.

    ``decide`` may leave notes for later steps in ``extras`` (the dispatch keeps the version it
    replaced, to put it back if the hub refuses the command)."""

    kind: str
    ids: list[str]
    decide: Decide
    command: Callable[[Event], Command | None] | None = None
    check_claim: bool = True
    undo_on_refusal: bool = False  # a refused command puts the event back (dispatch)
    automatic: bool = False  # taken by the system on the seat's behalf (a breach's escalation)
    extras: dict[str, Any] = field(default_factory=dict)
    # runs first inside the decision's transaction and may raise to write nothing (a linked room's
    # message already applied: console.store.links.AlreadyApplied)
    guard: Callable[[Any], None] | None = None
    changes: list[tuple[str, str, int]] = field(default_factory=list)  # more change-log rows (a claim)


@dataclass
class Done:
    kind: str
    event: Event  # the decided event as committed
    events: list[Event]  # every changed event
    actions: list[Action]
    command: Command | None = None


class DecisionService:
    def __init__(
        self,
        store: Any,
        room: Room,
        bus: Bus,
        district: Any,
        *,
        table: SlaTable,
        seat: str,
        officer: str,
        send_command: CommandSender | None = None,
        clock: Callable[[], datetime] = utcnow,
        inline: bool = False,
    ) -> None:
        """``inline``: commit on the caller's thread (the shift simulator on its fake clock; a
        synchronous ``send_command``); otherwise on a worker thread of the running loop."""
        self.inline = inline
        self.store = store
        self.room = room
        self.bus = bus
        self.district = district
        self.table = table
        self.seat = seat
        self.officer = officer
        self.send_command = send_command
        self.clock = clock
        self.who = Who(officer, seat)
        self.account: Account | None = None  # None: no sign-in (a headless tool): every step allowed
        self.training = False  # the database is a training database (trainers may write)
        bus.subscribe("sla_table_reloaded", self._on_table)

    # ---- who is signed in, and what the role may do ----------------------------------------------------
    def sign_in(self, account: Account, *, training: bool = False) -> None:
        """Decide as ``account`` from now on: its name is the actor, its login the action's account."""
        self.account = account
        self.training = training
        self.officer = account.name
        self.who = Who(account.name, self.seat, account.login)

    @property
    def role(self) -> Role | None:
        return self.account.role if self.account is not None else None

    def may(self, kind: str) -> bool:
        """Whether the signed-in role may take the step ``kind`` (the views hide or disable the rest)."""
        return may(self.role, kind, training=self.training)

    def permit(self, kind: str, *, automatic: bool = False) -> None:
        """Raise :class:`DecisionRefused` when the signed-in role may not take the step ``kind``."""
        refused = refusal(self.role, kind, training=self.training, automatic=automatic)
        if refused is not None:
            raise DecisionRefused.of(refused)

    def _who(self, actor: str | None) -> Who:
        return Who(actor, self.seat, self.who.account) if actor else self.who

    def _on_table(self, table: SlaTable) -> None:
        self.table = table

    # ---- the one deadline rule ---------------------------------------------------------------------
    def deadline_of(self, ev: Event) -> datetime | None:
        dl = next_deadline(ev, self.table)
        return dl.at if dl is not None else None

    # ---- names -------------------------------------------------------------------------------------
    def unit_name(self, unit_id: str) -> str | None:
        """A department's or grid worker's name; None when unknown or inactive."""
        if self.district is None:  # no registry to check against (unit tests of the flow)
            return unit_id
        dept = self.district.department(unit_id)
        if dept is not None:
            return str(dept.name) if dept.active else None
        member = (getattr(self.district, "members", None) or {}).get(unit_id)
        return str(member.name) if member is not None else None

    def _names(self, units: Sequence[str], *, strict: bool) -> dict[str, str]:
        names: dict[str, str] = {}
        for u in units:
            name = self.unit_name(u)
            if name is None:
                if strict:
                    raise DecisionRefused("unknown_unit", unit=u)
                name = u
            names[u] = name
        return names

    # ---- running a plan ----------------------------------------------------------------------------
    def commit(self, plan: Plan, now: datetime | None = None) -> Done:
        """Run the plan's decision in one transaction (blocking; any thread). Touches no room."""
        self.permit(plan.kind, automatic=plan.automatic)
        at = now or self.clock()

        def decide(ctx: DecisionContext) -> tuple[list[Event], list[Action]]:
            if plan.check_claim:
                held = ctx.claims.get(plan.ids[0])
                if held is not None and held[0] != self.seat:
                    who = f"{held[0]}（{held[1]}）" if held[1] else held[0]
                    raise Refused("claimed", holder=who)
            return plan.decide(ctx.events, at)

        try:
            changed, actions = commit_decision(self.store, plan.ids, decide, at, deadline_of=self.deadline_of,
                                               guard=plan.guard, changes=plan.changes)
        except Refused as exc:
            raise DecisionRefused.of(exc) from None
        except MissingEvents as exc:
            raise DecisionRefused("missing", ids=exc.ids) from None
        except ConflictError as exc:  # a locked read changed under us: never expected, never silent
            log.error("decision %s on %s: %s", plan.kind, exc.event_id, exc)
            raise DecisionRefused("conflict", event_id=exc.event_id) from exc
        main = next((e for e in changed if e.id == plan.ids[0]), None)
        if main is None:  # a log-only step (whistle, check-in): the event itself is unchanged
            main = plan.extras.get("read") or self.room.get(plan.ids[0])
        command = plan.command(main) if plan.command is not None and main is not None else None
        return Done(plan.kind, main, changed, actions, command)  # type: ignore[arg-type]

    def apply_outcome(self, done: Done) -> None:
        """The committed outcome into the room and onto the bus (the loop's thread)."""
        if done.events:
            self.room.upsert(done.events)
        if done.actions:
            self.bus.publish("actions_appended", event_ids=sorted({a.event_id for a in done.actions}),
                             actions=done.actions)

    async def run(self, plan: Plan) -> Event:
        """Commit on a worker thread, publish, then send the hub command; returns the decided event."""
        loop = asyncio.get_running_loop()
        done = await loop.run_in_executor(None, self.commit, plan)
        self.apply_outcome(done)
        if done.command is not None:
            ok, error = await self.send(done.command)
            if not ok:
                if plan.undo_on_refusal and "before" in plan.extras:
                    undo = self._undo_plan(done.event.id, plan.extras["before"], error or "unknown error")
                    try:
                        self.apply_outcome(await loop.run_in_executor(None, self.commit, undo))
                    except DecisionRefused:
                        log.warning("dispatch of %s refused by the hub (%s); the event changed meanwhile",
                                    done.event.id, error)
                    raise DecisionRefused("hub_refused", error=error or "")
                log.warning("hub refused %s of %s: %s", done.command.action, done.event.id, error)
        return done.event

    def run_now(self, plan: Plan, now: datetime | None = None) -> Event:
        """Commit inline (the shift simulator on its fake clock), publish, send with a plain sender."""
        done = self.commit(plan, now)
        self.apply_outcome(done)
        if done.command is not None and self.send_command is not None:
            result = self.send_command(done.command)
            if inspect.isawaitable(result):
                raise TypeError("run_now needs a synchronous command sender")
        return done.event

    async def execute(self, plan: Plan) -> Event:
        """:meth:`run_now` when inline, else :meth:`run`."""
        if self.inline:
            return self.run_now(plan)
        return await self.run(plan)

    async def send(self, command: Command) -> tuple[bool, str | None]:
        """Send a hub command; (ok, error) — never raises."""
        if self.send_command is None:
            return False, "未连接事件中枢"
        try:
            result = self.send_command(command)
            if inspect.isawaitable(result):
                result = await result
        except Exception as exc:  # timeout, connection lost
            return False, str(exc) or type(exc).__name__
        ok, error = result  # type: ignore[misc]
        return bool(ok), error

    def _undo_plan(self, event_id: str, before: Event, error: str) -> Plan:
        def decide(events: Mapping[str, Event], now: datetime) -> tuple[list[Event], list[Action]]:
            cur = events[event_id]
            acts = rules.dispatch_failed(cur, before, self.who, now, error)
            return [rules.fold(cur, acts)], acts

        return Plan("dispatch_failed", [event_id], decide, check_claim=False)

    # ---- plans -------------------------------------------------------------------------------------
    def _one(self, kind: str, event_id: str, step: Callable[[Event, datetime], list[Action]], *,
             command: Callable[[Event], Command | None] | None = None, check_claim: bool = True) -> Plan:
        plan = Plan(kind, [event_id], lambda events, now: ([], []), command, check_claim)

        def decide(events: Mapping[str, Event], now: datetime) -> tuple[list[Event], list[Action]]:
            ev = events[event_id]
            plan.extras["read"] = ev
            acts = step(ev, now)
            changes = any(rules.changes_event(a) for a in acts)
            return ([rules.fold(ev, acts)] if changes else []), acts

        plan.decide = decide
        return plan

    def plan_file(self, event_id: str, category: str, level: Level, note: str | None = None) -> Plan:
        if categories.category(category) is None:
            raise DecisionRefused("unknown_category", category=category)
        return self._one("file", event_id, lambda ev, now: rules.file(ev, self.who, now, category, level, note))

    def plan_reject(self, event_id: str, reason: str) -> Plan:
        return self._one("reject", event_id, lambda ev, now: rules.reject(ev, self.who, now, reason))

    def plan_merge(self, event_id: str, into_id: str) -> Plan:
        if event_id == into_id:
            raise DecisionRefused("merge_self")

        def decide(events: Mapping[str, Event], now: datetime) -> tuple[list[Event], list[Action]]:
            dup, keep = events[event_id], events[into_id]
            on_dup, on_keep = rules.merge(dup, keep, self.who, now)
            return [rules.fold(dup, on_dup), rules.fold(keep, on_keep)], [*on_dup, *on_keep]

        return Plan("merge", [event_id, into_id], decide)

    def plan_dispatch(self, event_id: str, targets: Sequence[str], instruction: str, *,
                      category: str | None = None, level: Level | None = None,
                      deadline: datetime | None = None) -> Plan:
        units = list(dict.fromkeys(t for t in targets if t))
        names = self._names(units, strict=True)
        if category is not None and categories.category(category) is None:
            raise DecisionRefused("unknown_category", category=category)

        def step(ev: Event, now: datetime) -> list[Action]:
            plan.extras["before"] = ev
            known = self._names(ev.assignees, strict=False)
            return rules.dispatch(ev, self.who, now, units, instruction, names={**known, **names},
                                  deadline_of=self.deadline_of, category=category, level=level, deadline=deadline)

        def command(ev: Event) -> Command:
            return commands.dispatch(ev.id, units=units, instruction=instruction.strip(), deadline=ev.deadline_at,
                                     category=ev.category, level=ev.level.value, seat=self.seat,
                                     officer=self.officer)

        plan = self._one("dispatch", event_id, step, command=command)
        plan.undo_on_refusal = True
        return plan

    def plan_supervise(self, event_id: str, note: str, *, actor: str | None = None) -> Plan:
        who = self._who(actor)

        def command(ev: Event) -> Command:
            return commands.remind(ev.id, departments=list(ev.assignees), note=note, officer=who.actor,
                                   seat=self.seat)

        plan = self._one("supervise", event_id, lambda ev, now: rules.supervise(ev, who, now, note),
                         command=command, check_claim=actor is None)
        plan.automatic = actor == SYSTEM
        return plan

    def plan_escalate(self, event_id: str, *, from_tier: Tier, to_tier: Tier, reason: str, note: str | None,
                      extra_data: Mapping[str, Any] | None = None, actor: str | None = None) -> Plan:
        who = self._who(actor)
        data = dict(extra_data or {})

        def command(ev: Event) -> Command:
            return commands.escalate(ev.id, from_tier=from_tier.label, to_tier=to_tier.label, reason=reason,
                                     note=note, to_grid=data.get("to_grid"), officer=who.actor, seat=self.seat)

        plan = self._one("escalate", event_id,
                         lambda ev, now: rules.escalate(ev, who, now, from_tier=from_tier, to_tier=to_tier,
                                                        reason=reason, note=note, extra_data=data),
                         command=command, check_claim=actor is None)
        plan.automatic = actor == SYSTEM
        return plan

    def plan_whistle(self, event_id: str, departments: Sequence[str], note: str, *, whistle_id: str,
                     checkin_by: datetime) -> Plan:
        units = list(dict.fromkeys(d for d in departments if d))
        names = self._names(units, strict=True)

        def command(ev: Event) -> Command:
            return commands.whistle(ev.id, whistle_id=whistle_id, departments=units, note=note.strip(),
                                    checkin_by=checkin_by, officer=self.officer, seat=self.seat)

        return self._one("whistle", event_id,
                         lambda ev, now: rules.whistle(ev, self.who, now, whistle_id=whistle_id, departments=units,
                                                       note=note, checkin_by=checkin_by, names=names),
                         command=command, check_claim=False)

    def plan_log(self, event_id: str, kind: str, note: str | None = None, *, actor: str | None = None,
                 **data: Any) -> Plan:
        """A log entry that changes no field (whistle check-in/progress, broadcast, snapshot)."""
        who = self._who(actor)
        plan = self._one(kind, event_id, lambda ev, now: rules.note_only(ev, kind, who, now, note, **data),
                         check_claim=False)
        plan.automatic = actor == SYSTEM
        return plan

    def plan_link_return(self, event_id: str, instructions: str) -> Plan:
        """退回下级: a street's report sent back with instructions (linked rooms, issue 18)."""
        return self._one("link_return", event_id,
                         lambda ev, now: rules.link_return(ev, self.who, now, instructions))

    def plan_link_outcome(self, event_id: str, *, outcome: str, note: str | None, actor: str,
                          data: Mapping[str, Any]) -> Plan:
        """What the room above decided on an event this room escalated (linked rooms, issue 18)."""
        who = Who(actor, self.seat)
        return self._one("link_outcome", event_id,
                         lambda ev, now: rules.link_outcome(ev, who, now, outcome=outcome, note=note, data=data),
                         check_claim=False)

    def plan_suspend(self, event_id: str, until: datetime, approved_by: str, reason: str) -> Plan:
        return self._one("suspend", event_id,
                         lambda ev, now: rules.suspend(ev, self.who, now, until, approved_by, reason))

    def plan_resume(self, event_id: str, note: str | None = None) -> Plan:
        return self._one("resume", event_id, lambda ev, now: rules.resume(ev, self.who, now, note))

    def plan_verify(self, event_id: str, passed: bool, note: str | None = None) -> Plan:
        def command(ev: Event) -> Command | None:
            if passed:
                return commands.close(ev.id, officer=self.officer, seat=self.seat, note=note)
            return commands.dispatch(ev.id, units=list(ev.assignees), instruction=f"核查不通过：{note}",
                                     deadline=ev.deadline_at, category=ev.category, level=ev.level.value,
                                     seat=self.seat, officer=self.officer) if ev.assignees else None

        return self._one("verify_pass" if passed else "verify_fail", event_id,
                         lambda ev, now: rules.verify(ev, self.who, now, passed, note), command=command)

    def plan_reopen(self, event_id: str, reason: str) -> Plan:
        return self._one("reopen", event_id, lambda ev, now: rules.reopen(ev, self.who, now, reason))

    # ---- the officer's API (coroutines: the commit runs off the GUI thread) --------------------------
    async def file(self, event_id: str, category: str, level: Level, note: str | None = None) -> Event:
        return await self.execute(self.plan_file(event_id, category, level, note))

    async def reject(self, event_id: str, reason: str) -> Event:
        return await self.execute(self.plan_reject(event_id, reason))

    async def merge(self, event_id: str, into_id: str) -> Event:
        """Merge ``event_id`` into ``into_id``; returns the kept event."""
        await self.execute(self.plan_merge(event_id, into_id))
        kept = self.room.get(into_id)
        if kept is None:
            kept = await self._db(self.store.events.get, into_id)
        return kept  # type: ignore[return-value]

    async def dispatch(self, event_id: str, targets: Sequence[str], instruction: str, *,
                       category: str | None = None, level: Level | None = None,
                       deadline: datetime | None = None) -> Event:
        self.permit("dispatch")  # a trainer on a live room hears about the role, not the connection
        if self.send_command is None:
            raise DecisionRefused("not_connected")
        ev = await self.execute(self.plan_dispatch(event_id, targets, instruction, category=category, level=level,
                                               deadline=deadline))
        await self.release(event_id)
        return ev

    async def supervise(self, event_id: str, note: str) -> Event:
        return await self.execute(self.plan_supervise(event_id, note))

    async def suspend(self, event_id: str, until: datetime, approved_by: str, reason: str) -> Event:
        return await self.execute(self.plan_suspend(event_id, until, approved_by, reason))

    async def resume(self, event_id: str, note: str | None = None) -> Event:
        return await self.execute(self.plan_resume(event_id, note))

    async def verify(self, event_id: str, passed: bool, note: str | None = None) -> Event:
        return await self.execute(self.plan_verify(event_id, passed, note))

    async def reopen(self, event_id: str, reason: str) -> Event:
        return await self.execute(self.plan_reopen(event_id, reason))

    # ---- claims --------------------------------------------------------------------------------------
    async def _db(self, fn: Callable[..., Any], *args: Any) -> Any:
        if self.inline:
            return fn(*args)
        return await asyncio.get_running_loop().run_in_executor(None, partial(fn, *args))

    async def claim(self, event_id: str) -> str | None:
        """Claim the event for this seat; None, or the seat that holds it already. A role that may
        not work events (wall, trainer on a live room) is refused (:class:`DecisionRefused`)."""
        self.permit("claim")
        now = self.clock()
        ok, holder = await self._db(self.store.claims.claim, event_id, self.seat, self.officer, CLAIM_TTL, now)
        ev = self.room.get(event_id)
        if ok and ev is not None:
            self.room.upsert([ev.copy(claimed_by=self.seat, claim_until=now + CLAIM_TTL)])
        return None if ok else holder

    async def release(self, event_id: str) -> None:
        await self._db(self.store.claims.release, event_id, self.seat, self.clock())
        ev = self.room.get(event_id)
        if ev is not None and ev.claimed_by == self.seat:
            self.room.upsert([ev.copy(claimed_by=None, claim_until=None)])

    def plan_take_over(self, event_id: str, expected: tuple[str, str | None] | None, now: datetime,
                       note: str | None = None) -> Plan:
        """A supervisor takes over the claim ``expected`` (seat, officer) — what the supervisor saw,
        ``None`` for no live claim — in one transaction: the claim's compare-and-set (it must still be
        ``expected``'s, or have run out), the new holder, and the ``take_over`` action. Another
        supervisor who got there first wins; this plan is then refused (``take_over_lost``)."""
        previous = (f"{expected[0]}·{expected[1]}" if expected[1] else expected[0]) if expected else None
        text = note or (f"接管 {previous} 的研判" if previous else "接管研判")
        who = self.who

        def guard(conn: Any) -> None:
            ok, holder = self.store.claims.take_over(conn, event_id, self.seat, self.officer, CLAIM_TTL, now,
                                                     expected=expected[0] if expected else None)
            if not ok:
                raise Refused("take_over_lost", holder=holder or "—")

        plan = self._one("takeover", event_id,
                         lambda ev, at: rules.note_only(ev, "take_over", who, at, text,
                                                        taken_from=expected[0] if expected else None),
                         check_claim=False)
        plan.guard = guard
        plan.changes = [(ENTITY_CLAIM, event_id, 0)]
        return plan

    async def take_over(self, event_id: str, note: str | None = None) -> Event:
        """A supervisor takes over the claim on ``event_id`` (another seat's, live or not): one
        transaction through the decision path (:meth:`plan_take_over`) — the claim's compare-and-set
        on the holder this seat saw, the ``take_over`` action naming the seat it was taken from, the
        claim made this seat's. Of two supervisors taking over the same claim exactly one wins; the
        other is refused with who holds it now. Returns the event as the room now holds it."""
        now = self.clock()
        holders = await self._db(self.store.claims.holders, [event_id], now)
        held = holders.get(event_id)
        plan = self.plan_take_over(event_id, (held[0], held[1]) if held else None, now, note)
        await self.execute(plan)
        ev = self.room.get(event_id)
        if ev is not None:
            ev = ev.copy(claimed_by=self.seat, claim_until=now + CLAIM_TTL)
            self.room.claim_officers.pop(event_id, None)
            self.room.upsert([ev])
        return ev if ev is not None else plan.extras["read"]

    async def refresh_claims(self) -> None:
        """Show other seats' live claims in the room (called every few seconds)."""
        ids = list(self.room.events)
        if not ids:
            return
        holders = await self._db(self.store.claims.holders, ids, self.clock())
        changed = []
        for eid, ev in list(self.room.events.items()):
            held = holders.get(eid)
            seat, until = (held[0], held[2]) if held else (None, None)
            if ev.claimed_by != seat:
                changed.append(ev.copy(claimed_by=seat, claim_until=until))
        if changed:
            self.room.upsert(changed)
