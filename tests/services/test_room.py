"""The live room: add/change/remove publish once per batch; per-grid tallies stay exact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.domain.event import Event, Source, State
from console.services.bus import Bus
from console.services.room import Room

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


def ev(i: int, grid: str = "g1", **kw) -> Event:
    base = dict(id=f"e{i}", source=Source.GRID_APP, category="city.garbage", title=f"t{i}",
                reported_at=NOW - timedelta(minutes=i), grid_id=grid)
    base.update(kw)
    return Event(**base)


def test_counts_follow_changes_and_removals():
    bus = Bus()
    seen: list[tuple[str, int]] = []
    bus.subscribe("events_loaded", lambda events: seen.append(("loaded", len(events))))
    bus.subscribe("events_added", lambda events: seen.append(("added", len(events))))
    bus.subscribe("events_changed", lambda events: seen.append(("changed", len(events))))
    bus.subscribe("events_removed", lambda ids: seen.append(("removed", len(ids))))
    room = Room(bus, clock=lambda: NOW)
    yesterday = NOW - timedelta(days=1)
    room.load([ev(1), ev(2), ev(3, grid="g2", reported_at=yesterday), ev(4, state=State.CLOSED)])
    assert room.counts_by_grid() == {"g1": (2, 0, 2), "g2": (1, 0, 0)}
    room.upsert([ev(1, deadline_at=NOW - timedelta(seconds=1)), ev(2, grid="g2")])
    assert room.counts_by_grid() == {"g1": (1, 1, 1), "g2": (2, 0, 1)}
    assert room.overdue_count() == 1
    room.upsert([ev(1, state=State.CLOSED)])
    assert room.counts_by_grid() == {"g2": (2, 0, 1)}
    assert room.overdue_count() == 0
    assert seen == [("loaded", 3), ("changed", 2), ("removed", 1)]
    room.upsert([ev(7)])
    assert seen[-1] == ("added", 1)


def test_newest_awaiting_dispatch_prefers_urgent_and_skips_other_seats_claims():
    from console.domain.event import Level

    room = Room(Bus(), clock=lambda: NOW)
    room.load([
        ev(1, received_at=NOW - timedelta(seconds=5)),
        ev(2, received_at=NOW - timedelta(seconds=50), level=Level.MAJOR),
        ev(3, received_at=NOW, state=State.DISPATCHED),
    ])
    assert room.newest_awaiting_dispatch("s1").id == "e2"
    room.upsert([ev(2, received_at=NOW, level=Level.MAJOR, claimed_by="s2", claim_until=NOW + timedelta(minutes=1))])
    assert room.newest_awaiting_dispatch("s1").id == "e1"
    assert room.newest_awaiting_dispatch("s2").id == "e2"


def _state(room: Room) -> tuple:
    return (dict(room._open), dict(room._by_day), dict(room._deadlines), room.counts_by_grid())


def test_bulk_load_matches_event_by_event_upsert():
    """The start-up page path keeps exactly the tallies the live (per-event) path keeps."""
    yesterday = NOW - timedelta(days=1)
    batch = [ev(1), ev(2, deadline_at=NOW - timedelta(minutes=1)), ev(3, grid="g2", reported_at=yesterday),
             ev(4, state=State.CLOSED), ev(2, grid="g3", deadline_at=NOW + timedelta(hours=1)), ev(5, grid=None)]
    fresh = Room(Bus(), clock=lambda: NOW)
    fresh.load(batch)
    stepwise = Room(Bus(), clock=lambda: NOW)
    stepwise.upsert(batch)
    assert _state(fresh) == _state(stepwise)
    paged = Room(Bus(), clock=lambda: NOW)
    paged.load(batch[:1])
    paged.load(batch[1:])  # pages hold distinct ids; a repeat inside one page counts once
    assert _state(paged) == _state(fresh)
    assert set(fresh.events) == {"e1", "e2", "e3", "e5"}
    assert fresh.get("e2").grid_id == "g3"  # a repeated id counts once, its last version


def test_sla_clock_files_deadlines_computed_before_start():
    """With the SLA clock following the room, a load before start() computes every deadline at once
    and the clock tracks (and fires) them exactly as if they had been tracked one by one."""
    from console.domain.sla import default_table, next_deadline
    from console.services.sla_clock import FakeClock, SlaClock

    bus = Bus()
    clock = FakeClock(NOW)
    sla = SlaClock(bus, default_table(), clock)
    room = Room(bus, clock=clock.now, deadline_fn=sla.room_deadline)
    sla.follow_room()
    breaches: list[str] = []
    bus.subscribe("sla_breach", lambda event, deadline: breaches.append(event.id))
    events = [ev(i, received_at=NOW - timedelta(minutes=i)) for i in range(1, 40)]
    room.load(events)
    for e in events:
        assert e.deadline_at == next_deadline(e, sla.table).at
    assert len(sla) == 39
    assert sla.deadline_of("e3") == next_deadline(events[2], sla.table)
    room.upsert([ev(5, state=State.CLOSED)])
    sla.start()
    clock.advance(timedelta(days=30))
    assert sorted(breaches) == sorted(e.id for e in events if e.id != "e5")
    assert len(set(breaches)) == len(breaches)


def test_removal_before_start_drops_the_deferred_deadline_only():
    """A replay's clock never starts: removing an event drops its deferred deadline without filing
    every other one in the heap, and they still fire as before once the clock starts."""
    from console.domain.sla import default_table
    from console.services.sla_clock import FakeClock, SlaClock

    bus = Bus()
    clock = FakeClock(NOW)
    sla = SlaClock(bus, default_table(), clock)
    room = Room(bus, clock=clock.now, deadline_fn=sla.room_deadline)
    sla.follow_room()
    breaches: list[str] = []
    bus.subscribe("sla_breach", lambda event, deadline: breaches.append(event.id))
    events = [ev(i, received_at=NOW - timedelta(minutes=i)) for i in range(1, 20)]
    room.load(events)
    room.upsert([ev(5, state=State.CLOSED)])
    assert sla._heap == []  # nothing filed yet
    assert sla.deadline_of("e5") is None
    assert sla.deadline_of("e6") is not None
    sla.start()
    clock.advance(timedelta(days=30))
    assert sorted(breaches) == sorted(e.id for e in events if e.id != "e5")


def test_pages_never_bring_back_an_older_version():
    """Start-up pages may be read from the store before a live change: the room keeps the change."""
    bus = Bus()
    loaded: list[str] = []
    bus.subscribe("events_loaded", lambda events: loaded.extend(e.id for e in events))
    room = Room(bus, clock=lambda: NOW)
    room.begin_load()
    assert room.load([ev(1), ev(2)]) == [room.get("e1"), room.get("e2")]
    stale = [ev(2, title="old"), ev(3, title="old"), ev(4, title="old"), ev(5)]  # read before the changes below
    room.upsert([ev(2, title="new"), ev(3, title="new"), ev(4, state=State.CLOSED)])
    room.load(stale)
    assert room.get("e2").title == "new"  # already held: the room's version stays
    assert room.get("e3").title == "new"  # changed by the live path while the pages were loading
    assert room.get("e4") is None  # closed meanwhile: the stale open copy is not resurrected
    assert room.get("e5") is not None
    assert loaded == ["e1", "e2", "e5"]
    assert room.counts_by_grid() == {"g1": (4, 0, 4)}
    room.end_load()
    room.load([ev(4)])  # after the load phase only ids the room holds are skipped
    assert room.get("e4") is not None


def test_sla_clock_started_in_steps_fires_exactly_like_start():
    """start_in_steps files the deferred deadlines a chunk per loop turn; an event changed between
    two chunks keeps its newer deadline, and every deadline still fires exactly once."""
    import asyncio

    from console.domain.sla import default_table
    from console.services.sla_clock import FakeClock, SlaClock

    def run(stepwise: bool) -> list[str]:
        bus = Bus()
        clock = FakeClock(NOW)
        sla = SlaClock(bus, default_table(), clock)
        room = Room(bus, clock=clock.now, deadline_fn=sla.room_deadline)
        sla.follow_room()
        fired: list[str] = []
        bus.subscribe("sla_breach", lambda event, deadline: fired.append(event.id))
        room.load([ev(i, received_at=NOW - timedelta(minutes=i % 17)) for i in range(1, 60)])

        async def start() -> None:
            if stepwise:
                task = asyncio.ensure_future(sla.start_in_steps(step=7))
                await asyncio.sleep(0)
                assert sla.deadline_of("e50") is not None  # answered while the rest waits to be filed
                room.upsert([ev(50, state=State.CLOSED)])  # changed mid-way: its deadline must not fire
                await task
            else:
                room.upsert([ev(50, state=State.CLOSED)])
                sla.start()

        asyncio.run(start())
        clock.advance(timedelta(days=30))
        return sorted(fired)

    stepped = run(stepwise=True)
    assert stepped == run(stepwise=False)
    assert "e50" not in stepped
    assert len(stepped) == 58


def test_tallies_at_zero_are_dropped():
    # a (grid, day) tally stayed at 0 after its events closed: one entry a day per grid, forever
    room = Room(Bus(), clock=lambda: NOW)
    for day in range(30):
        room.upsert([ev(day, grid=f"g{day % 3}", reported_at=NOW - timedelta(days=day))])
        room.upsert([ev(day, grid=f"g{day % 3}", reported_at=NOW - timedelta(days=day), state=State.CLOSED)])
    room.upsert([ev(99)])
    assert dict(room._by_day) == {("g1", room._day(NOW - timedelta(minutes=99))): 1}
    assert dict(room._open) == {"g1": 1}
    assert room.counts_by_grid() == {"g1": (1, 0, 1)}
