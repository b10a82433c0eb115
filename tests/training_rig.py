"""A small recorded shift for the training tests: real SQLite recordings with the demo district."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.core import load_or_seed_district
from console.domain.event import Action, Event, Level, Source, State
from console.domain.suggest import suggest_department
from console.store import open_store

START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in the room's zone
CATEGORIES = ("city.garbage", "city.parking", "city.construction_noise", "safety.ebike", "city.garbage")
OTHER_DEPT = "dept.community"  # the recorded officer sent event 1 here instead of the responsible department


def make_recording(url: str, n: int = 5, *, start: datetime = START, officer: str = "王值班") -> list[Event]:
    """``n`` events that arrived two minutes apart, each dispatched 25 s after arrival by the recorded
    officer (event 1 to another department than the responsibility table's); event 3 is major."""
    with open_store(url) as store:
        district = load_or_seed_district(store)
        grid = sorted(g.id for g in district.grids_at_level(4))[0]
        events, actions = [], []
        for i in range(n):
            cat = CATEGORIES[i % len(CATEGORIES)]
            at = start + timedelta(minutes=2 * i)
            dept = OTHER_DEPT if i == 1 else suggest_department(cat)
            dispatched = at + timedelta(seconds=25)
            events.append(Event(
                id=f"rec-{i:03d}", source=Source.HOTLINE_12345, category=cat, title=f"录制事件{i} {cat}",
                reported_at=at - timedelta(seconds=30), received_at=at, grid_id=grid,
                level=Level.MAJOR if i == 3 else Level.GENERAL, state=State.DISPATCHED, assignees=[dept],
                dispatched_at=dispatched))
            actions.append(Action(event_id=f"rec-{i:03d}", at=dispatched, kind="dispatch", actor=officer,
                                  seat="seat-1", note="请及时处置", data={"targets": [dept]}))
            actions.append(Action(event_id=f"rec-{i:03d}", at=dispatched, kind="transition", actor=officer,
                                  seat="seat-1", from_state=State.NEW, to_state=State.DISPATCHED))
        store.events.insert_many(events)
        store.actions.append_many(actions)
    return events
