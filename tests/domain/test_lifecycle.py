"""Every allowed and every refused transition of the lifecycle; actions are immutable."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, datetime

import pytest

from console.domain.event import Event, Source, State
from console.domain.lifecycle import TRANSITIONS, IllegalTransition, can_transition, transition

AT = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
ALL_PAIRS = list(itertools.product(list(State), list(State)))
ALLOWED = [(s, d) for s, d in ALL_PAIRS if d in TRANSITIONS.get(s, frozenset())]
REFUSED = [(s, d) for s, d in ALL_PAIRS if d not in TRANSITIONS.get(s, frozenset())]


def _event(state: State) -> Event:
    return Event(
        id="ev-1",
        source=Source.GRID_APP,
        category="city.vending",
        title="桂花路流动摊贩占道经营",
        reported_at=AT,
        state=state,
    )


def test_every_state_has_an_entry():
    assert set(TRANSITIONS) == set(State)
    assert len(ALLOWED) + len(REFUSED) == len(State) ** 2
    assert ALLOWED
    assert REFUSED


@pytest.mark.parametrize(("src", "dst"), ALLOWED, ids=[f"{s.value}->{d.value}" for s, d in ALLOWED])
def test_allowed_transition(src: State, dst: State):
    ev = _event(src)
    before = dataclasses.asdict(ev)
    assert can_transition(src, dst)
    new, action = transition(ev, dst, actor="duty-1", at=AT, seat="seat-1", note="ok", data={"k": 1})
    assert new.state is dst
    assert new.updated_at == AT
    assert dataclasses.asdict(ev) == before  # input untouched
    assert action.event_id == "ev-1"
    assert (action.from_state, action.to_state) == (src, dst)
    assert (action.actor, action.seat, action.note, action.kind) == ("duty-1", "seat-1", "ok", "transition")
    assert action.data == {"k": 1}
    if dst is State.RESOLVED:
        assert new.resolved_at == AT
    if dst is State.CLOSED:
        assert new.closed_at == AT
    if dst is State.DISPATCHED:
        assert new.dispatched_at == AT
    if dst is State.REOPENED:
        assert new.resolved_at is None
        assert new.closed_at is None


@pytest.mark.parametrize(("src", "dst"), REFUSED, ids=[f"{s.value}-x-{d.value}" for s, d in REFUSED])
def test_refused_transition(src: State, dst: State):
    ev = _event(src)
    assert not can_transition(src, dst)
    with pytest.raises(IllegalTransition) as info:
        transition(ev, dst, actor="duty-1", at=AT)
    err = info.value
    assert (err.event_id, err.src, err.dst) == ("ev-1", src, dst)
    assert src.value in str(err)
    assert dst.value in str(err)
    assert ev.state is src


def test_terminal_states_only_reopen():
    for s in State:
        if s.is_terminal:
            assert TRANSITIONS[s] == frozenset({State.REOPENED})


def test_first_dispatch_time_is_kept_on_redispatch():
    ev, _ = transition(_event(State.FILED), State.DISPATCHED, actor="a", at=AT)
    later = AT.replace(hour=5)
    again, _ = transition(ev, State.DISPATCHED, actor="a", at=later)
    assert again.dispatched_at == AT
    assert again.updated_at == later


def test_action_records_are_immutable():
    _, action = transition(_event(State.NEW), State.FILED, actor="duty-1", at=AT, data={"x": 1})
    with pytest.raises(dataclasses.FrozenInstanceError):
        action.note = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        action.to_state = State.CLOSED  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        action.extra_field = 1  # type: ignore[attr-defined]


def test_action_data_is_a_copy():
    data = {"x": 1}
    _, action = transition(_event(State.NEW), State.FILED, actor="a", at=AT, data=data)
    data["x"] = 2
    assert action.data == {"x": 1}


def test_full_happy_path_and_onsite_path():
    path = [State.FILED, State.DISPATCHED, State.ACCEPTED, State.ON_SCENE, State.RESOLVED, State.VERIFIED,
            State.CLOSED]
    ev = _event(State.NEW)
    log = []
    for dst in path:
        ev, a = transition(ev, dst, actor="a", at=AT)
        log.append(a)
    assert ev.state is State.CLOSED
    assert ev.closed_at == AT
    assert [a.to_state for a in log] == path
    # resolved on the spot (谁发现谁处置): arrives resolved, only verify and close
    onsite = _event(State.RESOLVED)
    onsite, _ = transition(onsite, State.VERIFIED, actor="a", at=AT)
    onsite, _ = transition(onsite, State.CLOSED, actor="a", at=AT)
    assert onsite.state is State.CLOSED
