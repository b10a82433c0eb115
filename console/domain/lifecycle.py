"""The event lifecycle state machine (DESIGN §2) and its side effects.

new → filed → dispatched → accepted → on_scene → resolved → verified → closed, with the side paths
rejected, returned, escalated, suspended and reopened. Only the transitions listed here are allowed;
each produces an immutable :class:`Action` for the append-only log.

The side effects of a transition live here, in one place, so that the live feed, the officer's
decisions, the shift simulator and replay all get the same answer (DESIGN §4.14):

- every (re)dispatch restarts the department stage clocks (sign-for, arrival, resolution) at the
  dispatch; ``dispatched_at`` keeps the first dispatch (the time-to-dispatch KPI);
- a dispatch names its units in the action's ``data["targets"]`` and they become the assignees;
- a return (退回) clears the assignees, keeps the reason and restarts the dispatch clock;
- an escalation or a reopen restarts the dispatch clock; a reopen clears resolution and closure;
- a failed verification (resolved → dispatched) clears ``resolved_at``;
- a suspension records where the work stood; resuming adds the pause to the stage clocks.

:func:`apply_transition` is the pure "what a transition action does to the event" used by
:func:`transition` and by :func:`console.domain.decisions.apply_action` (the fold of the log).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from console.domain.event import Action, Event, State
from console.domain.sla import Stage, add_pause, mark_stage_start

S = State

TRANSITIONS: dict[State, frozenset[State]] = {
    S.NEW: frozenset({S.FILED, S.REJECTED, S.ESCALATED, S.DISPATCHED}),
    S.FILED: frozenset({S.DISPATCHED, S.REJECTED, S.ESCALATED, S.SUSPENDED}),
    S.DISPATCHED: frozenset(
        {S.ACCEPTED, S.ON_SCENE, S.RESOLVED, S.RETURNED, S.ESCALATED, S.SUSPENDED, S.DISPATCHED}
    ),
    S.ACCEPTED: frozenset({S.ON_SCENE, S.RESOLVED, S.RETURNED, S.ESCALATED, S.SUSPENDED}),
    S.ON_SCENE: frozenset({S.RESOLVED, S.RETURNED, S.ESCALATED, S.SUSPENDED}),
    # verification fails → back to the department (dispatched)
    S.RESOLVED: frozenset({S.VERIFIED, S.DISPATCHED, S.REOPENED}),
    S.VERIFIED: frozenset({S.CLOSED, S.DISPATCHED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REJECTED: frozenset({S.REOPENED}),
    # "not ours": back to triage or straight to another unit
    S.RETURNED: frozenset({S.FILED, S.DISPATCHED, S.REJECTED, S.ESCALATED}),
    # the tier it went up to may send it back with instructions (退回) or close it (linked rooms, issue 18)
    S.ESCALATED: frozenset({S.FILED, S.DISPATCHED, S.REJECTED, S.SUSPENDED, S.RETURNED, S.CLOSED}),
    # approved suspension (延期) resumes where the work stands
    S.SUSPENDED: frozenset({S.FILED, S.DISPATCHED, S.ACCEPTED, S.ON_SCENE, S.ESCALATED}),
    S.REOPENED: frozenset({S.FILED, S.DISPATCHED, S.REJECTED, S.ESCALATED}),
}

SUSPENSION_KEY = "suspension"  # Event.extra: {"from", "since", "until", "approved_by", "reason"}
RETURNED_REASON_KEY = "returned_reason"  # Event.extra: the last return's reason


class IllegalTransition(ValueError):
    """A transition the lifecycle does not allow."""

    def __init__(self, event_id: str, src: State, dst: State) -> None:
        super().__init__(f"event {event_id}: {src.value} → {dst.value} is not an allowed transition")
        self.event_id = event_id
        self.src = src
        self.dst = dst


def can_transition(src: State, dst: State) -> bool:
    return dst in TRANSITIONS.get(src, frozenset())


def apply_transition(event: Event, action: Action) -> Event:
    """The event after the transition ``action`` (already checked), with every side effect."""
    src = event.state
    dst = action.to_state
    if dst is None:
        raise ValueError(f"transition action of {action.event_id} has no target state")
    at = action.at
    data = action.data
    changes: dict[str, Any] = {"state": dst, "updated_at": at}
    extra: dict[str, Any] | None = None
    if src is S.SUSPENDED:
        extra = dict(event.extra)
        info = extra.pop(SUSPENSION_KEY, None)
        since = _since(info)
        if since is not None and at > since:
            extra = add_pause(extra, since, at)
    if dst is S.DISPATCHED:
        if event.dispatched_at is None:
            changes["dispatched_at"] = at
        targets = data.get("targets")
        if targets:
            changes["assignees"] = list(targets)
        if src is not S.SUSPENDED:  # a resumed dispatch keeps its clocks (moved by the pause)
            extra = mark_stage_start(event.extra if extra is None else extra, Stage.SIGN, at)
        if src in (S.RESOLVED, S.VERIFIED):
            changes["resolved_at"] = None
    elif dst is S.RESOLVED:
        changes["resolved_at"] = at
    elif dst is S.CLOSED:
        changes["closed_at"] = at
    elif dst is S.REOPENED:
        changes.update(resolved_at=None, closed_at=None)
        extra = mark_stage_start(event.extra if extra is None else extra, Stage.DISPATCH, at)
    elif dst is S.RETURNED:
        changes["assignees"] = []
        extra = mark_stage_start(event.extra if extra is None else extra, Stage.DISPATCH, at)
        extra[RETURNED_REASON_KEY] = action.note or ""
    elif dst is S.ESCALATED:
        extra = mark_stage_start(event.extra if extra is None else extra, Stage.DISPATCH, at)
    elif dst is S.SUSPENDED:
        extra = dict(event.extra) if extra is None else extra
        extra[SUSPENSION_KEY] = {
            "from": src.value,
            "since": at.isoformat(),
            **{k: data[k] for k in ("until", "approved_by", "reason") if k in data},
        }
    elif dst is S.REJECTED and data.get("duplicate_of"):
        changes["duplicate_of"] = data["duplicate_of"]
    if extra is not None:
        changes["extra"] = extra
    return event.copy(**changes)


def _since(info: Any) -> datetime | None:
    if isinstance(info, dict) and isinstance(info.get("since"), str):
        try:
            return datetime.fromisoformat(info["since"])
        except ValueError:
            return None
    return None


def transition(
    event: Event,
    dst: State,
    *,
    actor: str,
    at: datetime,
    seat: str | None = None,
    note: str | None = None,
    data: dict | None = None,
) -> tuple[Event, Action]:
    """Return the event in ``dst`` and the action recording the step; the input is not changed."""
    src = event.state
    if not can_transition(src, dst):
        raise IllegalTransition(event.id, src, dst)
    action = Action(
        event_id=event.id,
        at=at,
        kind="transition",
        actor=actor,
        seat=seat,
        from_state=src,
        to_state=dst,
        note=note,
        data=dict(data or {}),
    )
    return apply_transition(event, action), action
