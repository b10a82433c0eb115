"""The event lifecycle state machine (DESIGN §2).

new → filed → dispatched → accepted → on_scene → resolved → verified → closed, with the side paths
rejected, returned, escalated, suspended and reopened. Only the transitions listed here are allowed;
each produces an immutable :class:`Action` for the append-only log.
"""

from __future__ import annotations

from datetime import datetime

from console.domain.event import Action, Event, State

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
    S.ESCALATED: frozenset({S.FILED, S.DISPATCHED, S.REJECTED, S.SUSPENDED}),
    # approved suspension (延期) resumes where the work stands
    S.SUSPENDED: frozenset({S.FILED, S.DISPATCHED, S.ACCEPTED, S.ON_SCENE, S.ESCALATED}),
    S.REOPENED: frozenset({S.FILED, S.DISPATCHED, S.REJECTED, S.ESCALATED}),
}


class IllegalTransition(ValueError):
    """A transition the lifecycle does not allow."""

    def __init__(self, event_id: str, src: State, dst: State) -> None:
        super().__init__(f"event {event_id}: {src.value} → {dst.value} is not an allowed transition")
        self.event_id = event_id
        self.src = src
        self.dst = dst


def can_transition(src: State, dst: State) -> bool:
    return dst in TRANSITIONS.get(src, frozenset())


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
    changes: dict = {"state": dst, "updated_at": at}
    if dst is S.DISPATCHED and event.dispatched_at is None:
        changes["dispatched_at"] = at
    if dst is S.RESOLVED:
        changes["resolved_at"] = at
    if dst is S.CLOSED:
        changes["closed_at"] = at
    if dst is S.REOPENED:
        changes.update(resolved_at=None, closed_at=None)
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
    return event.copy(**changes), action
