"""Officer decisions as pure functions, and the fold of the action log (DESIGN §4.14, §4.17).

Every step an officer (or the system on the officer's behalf) takes is a function of the event as it
is stored *now* that either refuses with a message the officer can act on (:class:`Refused`, Chinese
UI text) or returns the actions to append to the log. The new version of the event is then always
``fold(event, actions)``: :func:`apply_action` is the one place that says what an action does to an
event, so the stored row equals the fold of its log — for the GUI, the headless officer, the shift
simulator, the live feed (field statuses are ``transition`` actions too) and replay alike.

Pure Python: no store, no clock, no Qt. Times come in as arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from console.domain.escalation import TIER_KEY, Tier
from console.domain.event import Action, Event, Level, State
from console.domain.lifecycle import SUSPENSION_KEY, apply_transition, can_transition
from console.domain.sla import Stage, mark_stage_start
from console.domain.source_update import SOURCE_UPDATE, apply_source_changes

S = State
# states in which an event waits for a dispatch
DISPATCHABLE = frozenset({S.NEW, S.FILED, S.RETURNED, S.ESCALATED, S.REOPENED})
WORKING = frozenset({S.DISPATCHED, S.ACCEPTED, S.ON_SCENE})
WAITING_FOR_DISPATCH = frozenset({S.NEW, S.FILED, S.RETURNED, S.REOPENED})
# the fields a dispatch that the hub refused puts back (see ``dispatch_failed``)
_RESTORED = ("state", "assignees", "dispatched_at", "category", "level", "extra", "resolved_at")

STATE_ZH = {
    S.NEW: "待受理", S.FILED: "已立案", S.DISPATCHED: "已派遣", S.ACCEPTED: "已签收", S.ON_SCENE: "到场处置",
    S.RESOLVED: "已处置", S.VERIFIED: "已核查", S.CLOSED: "已结案", S.REJECTED: "不予立案", S.RETURNED: "退回",
    S.ESCALATED: "已上报", S.SUSPENDED: "挂起/延期", S.REOPENED: "重新打开",
}


# Refusals: key → Chinese template (str.format over the params). The message *is* the Chinese text;
# ``key`` and ``params`` let a UI in another language word it from its own template
# (console/qtmodels/refusals.py registers one per key for the translators).
REFUSALS_ZH: dict[str, str] = {
    "not_now": "事件当前状态为“{state_zh}”，不能{step_zh}",
    "reject_reason": "不予立案必须填写理由",
    "merge_self": "不能把事件合并到它自己",
    "merge_target_closed": "目标事件 {event_id} 已结案或不予立案，不能合并进去",
    "instruction_empty": "派遣指令不能为空",
    "no_units": "请选择至少一个处置单位",
    "already_dispatched": "事件已派遣给 {units_text}，无需重复派遣",
    "supervise_note": "请填写督办意见",
    "whistle_departments": "至少选择一个部门",
    "whistle_note": "请填写吹哨事由",
    "suspend_approver": "延期须填写批准人",
    "suspend_reason": "请填写延期理由",
    "suspend_until": "延期截止时间必须晚于现在",
    "verify_fail_note": "请填写核查不通过的原因",
    "reopen_reason": "请填写重新打开的原因",
    "claimed": "事件正在由 {holder} 处理，请勿重复处置",
    "take_over_lost": "接管未成功：{holder} 已先接管该事件的研判",
    "missing": "事件 {ids_text} 不存在",
    "unknown_unit": "处置单位 {unit} 不存在或已停用，请重新选择",
    "unknown_category": "未知的事件类别：{category}",
    "hub_refused": "派遣指令未被事件中枢接受：{error}；事件已恢复为派遣前状态",
    "not_connected": "未连接事件中枢，派遣指令无法送达，请检查数据连接",
    "conflict": "事件 {event_id} 已被其他席位或现场反馈更新，请刷新后重新研判",
    "not_live": "事件 {event_id} 不在实时队列中",
    # roles (console.domain.roles)
    "trainer_live": "培训员账号不能在实战席位{action_zh}（只能在培训数据库中操作）",
    "role_read_only": "{role_zh}账号只能查看，不能{action_zh}",
    "role_forbidden": "{role_zh}账号不能{action_zh}，须由值班长账号操作",
    # links between rooms (console.domain.link)
    "not_linked": "事件 {event_id} 不是下级上报的事件，不能退回",
    "return_note": "退回时请填写处理意见",
    # replay (console.services.replay_core)
    "replay": "复盘模式：记录只读，不能修改",
}
# the roles and the steps a role refusal names (console.domain.roles)
ROLES_ZH: dict[str, str] = {"officer": "值班员", "supervisor": "值班长", "trainer": "培训员", "wall": "大屏"}
ACTIONS_ZH: dict[str, str] = {
    "claim": "认领事件", "takeover": "接管其他席位认领的事件", "file": "立案", "reject": "不予立案", "merge": "合并事件",
    "dispatch": "派遣", "dispatch_failed": "撤回派遣", "escalate": "上报", "supervise": "督办", "whistle": "吹哨",
    "suspend": "批准延期（挂起）", "resume": "恢复", "verify_pass": "核查", "verify_fail": "核查",
    "reopen": "重新打开事件", "broadcast": "一键下达", "log": "记录处置日志",
    "link_return": "退回下级", "link_outcome": "记录上级处理结果",
}
# the step a "not_now" refusal names
STEPS_ZH: dict[str, str] = {
    "file": "立案", "reject": "不予立案", "merge": "合并", "dispatch": "派遣", "escalate": "上报",
    "supervise": "督办（仅对已派遣、处置中的事件）", "whistle": "吹哨", "suspend": "延期",
    "resume": "恢复（事件未挂起）", "verify": "核查（仅已处置待核查的事件）", "reopen": "重新打开", "move": "转为该状态",
    "return": "退回下级",
}


def refusal_zh(key: str, params: Mapping[str, Any]) -> str:
    values: dict[str, Any] = dict(params)
    if "state" in params:
        values["state_zh"] = STATE_ZH.get(State(params["state"]), params["state"])
    if "step" in params:
        values["step_zh"] = STEPS_ZH.get(params["step"], params["step"])
    if "units" in params:
        values["units_text"] = "、".join(params["units"]) or "其他单位"
    if "ids" in params:
        values["ids_text"] = "、".join(params["ids"])
    if "role" in params:
        values["role_zh"] = ROLES_ZH.get(params["role"], params["role"])
    if "action" in params:
        values["action_zh"] = ACTIONS_ZH.get(params["action"], params["action"])
    return REFUSALS_ZH[key].format(**values)


class Refused(ValueError):
    """A decision that does not apply to the event as it stands; the message is for the officer.

    ``str()`` is the Chinese text; ``key`` and ``params`` word it in another language."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(refusal_zh(key, params))
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class Who:
    """Who decides: the officer (or "system"), the seat and the signed-in account's login."""

    actor: str
    seat: str | None = None
    account: str | None = None


def _not_now(ev: Event, step: str) -> Refused:
    return Refused("not_now", state=ev.state.value, step=step)


def _act(ev: Event, kind: str, who: Who, at: datetime, note: str | None = None, *,
         from_state: State | None = None, to_state: State | None = None, **data: Any) -> Action:
    return Action(event_id=ev.id, at=at, kind=kind, actor=who.actor, seat=who.seat, from_state=from_state,
                  to_state=to_state, note=note, data=data, account=who.account)


def _move(ev: Event, dst: State, who: Who, at: datetime, note: str | None = None, **data: Any) -> Action:
    if not can_transition(ev.state, dst):
        raise _not_now(ev, "move")
    return _act(ev, "transition", who, at, note, from_state=ev.state, to_state=dst, **data)


# ---- the fold ---------------------------------------------------------------------------------------
def apply_action(ev: Event, a: Action) -> Event:
    """The event after action ``a`` (the log is the truth: nothing is checked here)."""
    kind = a.kind
    data = a.data
    if kind == "transition":
        return apply_transition(ev, a)
    if kind == "triage":
        level = data.get("level")
        return ev.copy(category=data.get("category") or ev.category,
                       level=Level(level) if level else ev.level, updated_at=a.at)
    if kind == "dispatch":
        targets = data.get("targets")
        return ev.copy(assignees=list(targets), updated_at=a.at) if targets else ev
    if kind == "supervise":
        return ev.copy(supervised=True, updated_at=a.at)
    if kind == "escalate":
        extra = dict(ev.extra)
        if data.get("to_tier"):
            extra[TIER_KEY] = data["to_tier"]
        if ev.state is S.ESCALATED:  # handled at the new tier: its dispatch clock starts now
            extra = mark_stage_start(extra, Stage.DISPATCH, a.at)
        return ev.copy(extra=extra, updated_at=a.at)
    if kind == "merge":
        return ev.copy(duplicate_count=ev.duplicate_count + int(data.get("count", 1)), updated_at=a.at)
    if kind == "dispatch_failed":
        restore = data.get("restore") or {}
        return ev.copy(**_restored(restore), updated_at=a.at)
    if kind == SOURCE_UPDATE:  # a re-sent report with new content (console.domain.source_update)
        return ev.copy(**apply_source_changes(ev, data.get("changes") or {}), updated_at=a.at)
    return ev  # notes, whistles, check-ins, broadcasts, snapshots, ignored statuses: no field changes


def fold(ev: Event, actions: Iterable[Action]) -> Event:
    for a in actions:
        ev = apply_action(ev, a)
    return ev


def changes_event(a: Action) -> bool:
    """Whether the action changes fields of the stored event (else only the log grows)."""
    return a.kind in ("transition", "triage", "dispatch", "supervise", "escalate", "merge", "dispatch_failed",
                      SOURCE_UPDATE)


def _snapshot(ev: Event) -> dict[str, Any]:
    return {
        "state": ev.state.value,
        "assignees": list(ev.assignees),
        "dispatched_at": ev.dispatched_at.isoformat() if ev.dispatched_at else None,
        "category": ev.category,
        "level": ev.level.value,
        "extra": dict(ev.extra),
        "resolved_at": ev.resolved_at.isoformat() if ev.resolved_at else None,
    }


def _restored(d: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in _RESTORED:
        if key not in d:
            continue
        value = d[key]
        if key == "state":
            value = State(value)
        elif key == "level":
            value = Level(value)
        elif key in ("dispatched_at", "resolved_at"):
            value = datetime.fromisoformat(value) if value else None
        elif key == "assignees":
            value = list(value or [])
        elif key == "extra":
            value = dict(value or {})
        out[key] = value
    return out


# ---- decisions --------------------------------------------------------------------------------------
def file(ev: Event, who: Who, at: datetime, category: str, level: Level, note: str | None = None) -> list[Action]:
    """立案: confirm or change category and level."""
    if not can_transition(ev.state, S.FILED):
        raise _not_now(ev, "file")
    return [
        _move(ev, S.FILED, who, at, note),
        _act(ev, "triage", who, at, category=category, level=level.value, was_category=ev.category,
             was_level=ev.level.value),
    ]


def reject(ev: Event, who: Who, at: datetime, reason: str) -> list[Action]:
    """不予立案, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused("reject_reason")
    if not can_transition(ev.state, S.REJECTED):
        raise _not_now(ev, "reject")
    return [_move(ev, S.REJECTED, who, at, reason)]


def merge(dup: Event, keep: Event, who: Who, at: datetime) -> tuple[list[Action], list[Action]]:
    """Mark ``dup`` a duplicate of ``keep``: (actions on ``dup``, actions on ``keep``)."""
    if dup.id == keep.id:
        raise Refused("merge_self")
    if not can_transition(dup.state, S.REJECTED):
        raise _not_now(dup, "merge")
    if keep.state.is_terminal:
        raise Refused("merge_target_closed", event_id=keep.id)
    on_dup = [_move(dup, S.REJECTED, who, at, f"重复事件，已合并到 {keep.id}", duplicate_of=keep.id)]
    on_keep = [_act(keep, "merge", who, at, f"合并重复上报 {dup.id}", merged_id=dup.id,
                    count=1 + dup.duplicate_count)]
    return on_dup, on_keep


def dispatch(
    ev: Event,
    who: Who,
    at: datetime,
    targets: Sequence[str],
    instruction: str,
    *,
    names: Mapping[str, str],
    deadline_of: Callable[[Event], datetime | None],
    category: str | None = None,
    level: Level | None = None,
    deadline: datetime | None = None,
) -> list[Action]:
    """派遣 (also re-dispatch after a return, escalation or reopen) to one or several units.

    ``names`` maps each target to its display name (unknown or inactive targets are refused by
    the caller, which knows the district); ``deadline_of`` is the SLA engine's one deadline rule.
    """
    instruction = (instruction or "").strip()
    if not instruction:
        raise Refused("instruction_empty")
    units = list(dict.fromkeys(t for t in targets if t))
    if not units:
        raise Refused("no_units")
    if ev.state not in DISPATCHABLE:
        if ev.state in WORKING or ev.state is S.RESOLVED:
            raise Refused("already_dispatched", units=[names.get(u, u) for u in ev.assignees])
        raise _not_now(ev, "dispatch")
    actions: list[Action] = []
    cur = ev
    if category is not None or level is not None:
        triage = _act(ev, "triage", who, at, category=category or ev.category,
                      level=(level or ev.level).value, was_category=ev.category, was_level=ev.level.value)
        actions.append(triage)
        cur = apply_action(cur, triage)
    if cur.state is S.NEW:
        a = _move(cur, S.FILED, who, at, "研判立案")
        actions.append(a)
        cur = apply_action(cur, a)
    a = _move(cur, S.DISPATCHED, who, at, instruction, targets=units)
    actions.append(a)
    cur = apply_action(cur, a)
    due = deadline or deadline_of(cur)
    actions.append(_act(ev, "dispatch", who, at, instruction, targets=units,
                        target_names=[names.get(u, u) for u in units],
                        deadline=due.isoformat() if due else None))
    return actions


def dispatch_failed(current: Event, before: Event, who: Who, at: datetime, error: str) -> list[Action]:
    """The hub refused a committed dispatch: put the event back as it was before it."""
    return [_act(current, "dispatch_failed", who, at, f"派遣未送达：{error}", restore=_snapshot(before))]


def escalate(
    ev: Event,
    who: Who,
    at: datetime,
    *,
    from_tier: Tier,
    to_tier: Tier,
    reason: str,
    note: str | None = None,
    extra_data: Mapping[str, Any] | None = None,
) -> list[Action]:
    """上报 to ``to_tier``: an event waiting for dispatch goes to ``escalated`` (the higher tier
    dispatches it); one already with a department keeps its state and the higher tier supervises."""
    if ev.state.is_terminal:
        raise _not_now(ev, "escalate")
    data: dict[str, Any] = {"from_tier": from_tier.label, "to_tier": to_tier.label, "reason": reason}
    data.update(extra_data or {})
    actions: list[Action] = []
    cur = ev
    if ev.state in WAITING_FOR_DISPATCH and can_transition(ev.state, S.ESCALATED):
        a = _act(ev, "transition", who, at, note, from_state=ev.state, to_state=S.ESCALATED, **data)
        actions.append(a)
        cur = apply_action(cur, a)
    actions.append(_act(ev, "escalate", who, at, note, from_state=ev.state, to_state=cur.state, **data))
    return actions


def supervise(ev: Event, who: Who, at: datetime, note: str) -> list[Action]:
    """督办: mark the event supervised; its departments are reminded."""
    note = (note or "").strip()
    if not note:
        raise Refused("supervise_note")
    if ev.state not in WORKING:
        raise _not_now(ev, "supervise")
    return [_act(ev, "supervise", who, at, note, from_state=ev.state, to_state=ev.state,
                 departments=list(ev.assignees))]


def whistle(ev: Event, who: Who, at: datetime, *, whistle_id: str, departments: Sequence[str], note: str,
            checkin_by: datetime, names: Mapping[str, str]) -> list[Action]:
    """吹哨: summon departments (报到 by ``checkin_by``)."""
    note = (note or "").strip()
    units = list(dict.fromkeys(d for d in departments if d))
    if not units:
        raise Refused("whistle_departments")
    if not note:
        raise Refused("whistle_note")
    if not ev.is_open or ev.state in (S.RESOLVED, S.VERIFIED, S.SUSPENDED):
        raise _not_now(ev, "whistle")
    return [_act(ev, "whistle", who, at, note, whistle_id=whistle_id, departments=units,
                 department_names=[names.get(d, d) for d in units], checkin_by=checkin_by.isoformat())]


def suspend(ev: Event, who: Who, at: datetime, until: datetime, approved_by: str, reason: str) -> list[Action]:
    """延期 (approved suspension): the SLA clock stops until resumed."""
    approved_by, reason = (approved_by or "").strip(), (reason or "").strip()
    if not approved_by:
        raise Refused("suspend_approver")
    if not reason:
        raise Refused("suspend_reason")
    if until <= at:
        raise Refused("suspend_until")
    if not can_transition(ev.state, S.SUSPENDED):
        raise _not_now(ev, "suspend")
    return [_move(ev, S.SUSPENDED, who, at, reason, until=until.isoformat(), approved_by=approved_by,
                  reason=reason)]


def resume(ev: Event, who: Who, at: datetime, note: str | None = None) -> list[Action]:
    """恢复: back to the state the work was suspended from; the stage clocks move by the pause."""
    info = ev.extra.get(SUSPENSION_KEY)
    if ev.state is not S.SUSPENDED or not isinstance(info, dict):
        raise _not_now(ev, "resume")
    try:
        dst = State(str(info.get("from")))
    except ValueError:
        dst = S.DISPATCHED if ev.assignees else S.FILED
    if not can_transition(S.SUSPENDED, dst):
        dst = S.DISPATCHED if ev.assignees else S.FILED
    since = info.get("since")
    paused = (at - datetime.fromisoformat(since)).total_seconds() if isinstance(since, str) else None
    return [_move(ev, dst, who, at, note, paused_s=paused)]


def verify(ev: Event, who: Who, at: datetime, passed: bool, note: str | None = None) -> list[Action]:
    """核查: pass → verified → closed; fail → back to the department (dispatched), with the reason."""
    if ev.state is not S.RESOLVED:
        raise _not_now(ev, "verify")
    if passed:
        a1 = _move(ev, S.VERIFIED, who, at, note, passed=True)
        return [a1, _move(apply_action(ev, a1), S.CLOSED, who, at, note)]
    note = (note or "").strip()
    if not note:
        raise Refused("verify_fail_note")
    return [_move(ev, S.DISPATCHED, who, at, note, passed=False, targets=list(ev.assignees))]


def reopen(ev: Event, who: Who, at: datetime, reason: str) -> list[Action]:
    """重新打开 a closed, rejected or resolved event, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused("reopen_reason")
    if not can_transition(ev.state, S.REOPENED):
        raise _not_now(ev, "reopen")
    return [_move(ev, S.REOPENED, who, at, reason)]


def note_only(ev: Event, kind: str, who: Who, at: datetime, note: str | None = None, **data: Any) -> list[Action]:
    """A log entry on the event that changes none of its fields (check-in, progress, broadcast, snapshot)."""
    return [_act(ev, kind, who, at, note, **data)]


# ---- rooms linked across levels (issue 18) ------------------------------------------------------------
def link_return(ev: Event, who: Who, at: datetime, instructions: str) -> list[Action]:
    """The district returns a street's report with instructions (退回): not taken up here; the
    street gets it back (``link_outcome`` "return") to handle itself."""
    instructions = (instructions or "").strip()
    if not instructions:
        raise Refused("return_note")
    if not ev.extra.get("link_from"):
        raise Refused("not_linked", event_id=ev.id)
    if not can_transition(ev.state, S.REJECTED):
        raise _not_now(ev, "return")
    return [_move(ev, S.REJECTED, who, at, instructions, link_return=True, to_room=ev.extra["link_from"])]


def link_outcome(ev: Event, who: Who, at: datetime, *, outcome: str, note: str | None,
                 data: Mapping[str, Any]) -> list[Action]:
    """What the room above decided on this room's escalated event, in this event's log.

    Always a ``link_decision`` entry; a return (退回 with instructions) moves the event to
    ``returned`` (this room dispatches it again) and a close to ``closed``, when the event's
    state allows it (else the entry alone records it for the officer)."""
    info = dict(data)
    actions = [_act(ev, "link_decision", who, at, note, outcome=outcome, **info)]
    dst = {"return": S.RETURNED, "close": S.CLOSED}.get(outcome)
    if dst is not None and can_transition(ev.state, dst):
        actions.append(_act(ev, "transition", who, at, note, from_state=ev.state, to_state=dst,
                            outcome=outcome, **info))
    return actions
