"""SLA clock: a fake clock driven through every deadline of a category's table."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from console.domain.event import Level, State
from console.domain.ingest import StatusUpdate
from console.domain.sla import DEFAULT_SLA_PATH, Stage
from console.services.bus import Bus
from console.services.sla_clock import FakeClock, LoopClock, SlaClock
from tests.services.test_sla_support import T0, TABLE_TEXT, Rig, table

SH = ZoneInfo("Asia/Shanghai")


def at(h: int, m: int = 0, s: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, h, m, s, tzinfo=SH)


def status(eid: str, state: State, when: datetime, seq: int) -> StatusUpdate:
    return StatusUpdate(seq, eid, state, "dept.sanitation", when, None)


def test_every_deadline_of_a_category_fires_once_in_order() -> None:
    """暴露垃圾 (general): dispatch 60 s, sign 30 min, arrive 2 h, resolve 4 working hours, close 5 d."""
    r = Rig()
    r.add("e1")
    r.clock.run_until(at(9, 1, 0))  # dispatch: warn 09:00:48, breach 09:01:00 → escalated to community
    r.dispatch("e1", ["dept.sanitation"], "officer-wang")  # re-dispatch clock was 09:01:00 + 60 s
    r.clock.run_until(at(9, 45))  # sign: warn 09:25, breach 09:31 → escalation logged (stays dispatched)
    r.status("e1", State.ACCEPTED, at(9, 45))
    r.clock.run_until(at(11, 0))  # arrive (from dispatch 09:01): warn 10:37; arrives before the 11:01 breach
    r.status("e1", State.ON_SCENE, at(11, 0))
    # resolve: 4 working hours from 09:01 → 11:59 is 2 h 59 min, then 14:00 + 1 h 1 min = 15:01;
    # warning at 80 % (3 h 12 min) → 14:13
    r.clock.run_until(at(16, 0))
    r.status("e1", State.RESOLVED, at(16, 0))
    # close: 5 days from receipt → warn Thursday 09:00, breach Saturday 09:00
    r.clock.run_until(at(9, 0, 0, day=27))
    r.verify("e1", True, "现场核查通过")
    r.clock.run_until(at(9, 0, 0, day=30))  # closed: nothing more fires

    assert r.rec.seen == [
        ("sla_warning", "e1", "dispatch", at(9, 0, 48)),
        ("sla_breach", "e1", "dispatch", at(9, 1, 0)),
        ("event_escalated", "e1", "micro_grid->community", at(9, 1, 0)),
        ("sla_warning", "e1", "sign", at(9, 25, 0)),
        ("sla_breach", "e1", "sign", at(9, 31, 0)),
        ("event_escalated", "e1", "community->street", at(9, 31, 0)),
        ("sla_warning", "e1", "arrive", at(10, 37, 0)),
        ("sla_warning", "e1", "resolve", at(14, 13, 0)),
        ("sla_breach", "e1", "resolve", at(15, 1, 0)),
        ("event_escalated", "e1", "street->district", at(15, 1, 0)),
        ("sla_warning", "e1", "close", at(9, 0, 0, day=27)),
    ]
    escalations = r.actions("escalate")
    assert [(a.data["from_tier"], a.data["to_tier"], a.data["reason"]) for a in escalations] == [
        ("micro_grid", "community", "sla_breach:dispatch"),
        ("community", "street", "sla_breach:sign"),
        ("street", "district", "sla_breach:resolve"),
    ]
    assert all(a.actor == "system" and a.seat == "seat-1" for a in escalations)
    assert r.room.get("e1") is None  # closed
    assert len(r.sla) == 0
    # overdue work with the department is also supervised (督办): the department is reminded
    assert [c["action"] for c in r.commands] == [
        "escalate", "dispatch", "escalate", "remind", "escalate", "remind", "close"]
    assert [a.note for a in r.actions("supervise")] == ["超时督办：签收超时", "超时督办：处置超时"]
    assert r.store.events.get("e1").supervised


def test_major_breach_goes_straight_to_the_street() -> None:
    r = Rig()
    r.add("m1", category="fire.fire", level=Level.MAJOR)
    r.clock.advance(60)
    assert r.rec.seen[-1] == ("event_escalated", "m1", "micro_grid->street", T0 + timedelta(seconds=60))
    r.clock.advance(60)  # nobody dispatched at the street either → district
    assert r.rec.seen[-1] == ("event_escalated", "m1", "street->district", T0 + timedelta(seconds=120))
    r.clock.advance(600)  # top tier: the breach is published, no further escalation
    assert [s[0] for s in r.rec.seen].count("event_escalated") == 2
    assert r.room.get("m1").state is State.ESCALATED


def test_exactly_once_and_stale_entries_skipped() -> None:
    bus, clock = Bus(), FakeClock(T0)
    got: list[tuple[str, str]] = []
    bus.subscribe("sla_warning", lambda event, deadline: got.append(("warn", event.id)))
    bus.subscribe("sla_breach", lambda event, deadline: got.append(("breach", event.id)))
    sla = SlaClock(bus, table(), clock)
    rig = Rig()
    ev = rig.add("x")
    for _ in range(3):
        sla.track(ev)  # same deadline tracked again: still one warning, one breach
    sla.track(ev.copy(id="gone"))
    sla.untrack("gone")
    dl = sla.track(ev.copy(id="moved"))
    assert dl is not None
    assert dl.kind is Stage.DISPATCH
    sla.track(ev.copy(id="moved", state=State.SUSPENDED))  # no clock while suspended
    assert sla.tick(T0 + timedelta(seconds=50)) == 1
    assert sla.tick(T0 + timedelta(seconds=50)) == 0
    assert sla.tick(T0 + timedelta(hours=1)) == 1
    sla.track(ev)  # re-tracked after firing: the same deadline never fires again
    assert sla.tick(T0 + timedelta(hours=2)) == 0
    assert got == [("warn", "x"), ("breach", "x")]


def test_tracked_late_fires_the_breach_without_a_stale_warning() -> None:
    bus, clock = Bus(), FakeClock(T0 + timedelta(minutes=5))
    got: list[str] = []
    bus.subscribe("sla_warning", lambda event, deadline: got.append("warn"))
    bus.subscribe("sla_breach", lambda event, deadline: got.append("breach"))
    sla = SlaClock(bus, table(), clock)
    ev = Rig().add("late")  # received at T0, dispatch deadline T0 + 60 s already past
    sla.track(ev)
    sla.start()
    clock.advance(0)
    assert got == ["breach"]


def test_timer_is_armed_for_the_earliest_due_only() -> None:
    bus, clock = Bus(), FakeClock(T0)
    sla = SlaClock(bus, table(), clock)
    sla.start()
    r = Rig()
    sla.track(r.add("a"))
    assert clock.next_due() == T0 + timedelta(seconds=48)
    sla.untrack("a")
    assert sla.next_due() is None
    sla.stop()
    assert clock.next_due() is None


def test_live_reload_keeps_previous_table_when_invalid(tmp_path: Path) -> None:
    r = Rig()
    errors: list[str] = []
    r.bus.subscribe("sla_table_error", lambda error: errors.append(str(error)))
    r.add("e1")
    before = r.sla.table
    bad = tmp_path / "sla.toml"
    bad.write_text(TABLE_TEXT.replace('sign = "15min"', 'sign = "-15min"'), encoding="utf-8")
    err = r.sla.reload(bad)
    assert err is not None
    assert err.key == "levels.significant.sign"
    assert r.sla.table is before
    assert errors
    assert "levels.significant.sign" in errors[0]
    good = tmp_path / "good.toml"
    good.write_text(TABLE_TEXT.replace('dispatch = "60s"\nsign = "30min"', 'dispatch = "5min"\nsign = "30min"'),
                    encoding="utf-8")
    assert r.sla.reload(good) is None
    assert r.sla.table is not before
    assert r.sla.deadline_of("e1").at == T0 + timedelta(minutes=5)  # recomputed with the new table
    assert r.sla.deadline_for(r.room.get("e1"), T0) == T0 + timedelta(minutes=5)
    assert r.decisions.table is r.sla.table
    assert r.esc.table is r.sla.table
    assert r.sla.reload(DEFAULT_SLA_PATH) is None


def test_loop_clock_schedules_on_the_asyncio_loop() -> None:
    loop = asyncio.new_event_loop()
    try:
        now = T0
        clock = LoopClock(now=lambda: now, loop=loop)
        fired: list[int] = []
        handle = clock.call_at(T0 + timedelta(seconds=90), lambda: fired.append(1))
        assert 89.0 <= handle.when() - loop.time() <= 90.5
        past = clock.call_at(T0 - timedelta(seconds=5), lambda: fired.append(2))
        assert past.when() - loop.time() <= 0.5
        handle.cancel()
        past.cancel()
        assert clock.now() == T0
        assert datetime.now(UTC) > clock.now() - timedelta(days=3650)
    finally:
        loop.close()


def test_re_tracking_keeps_the_heap_small_and_fires_once() -> None:
    # every change of an event re-tracks it (two new heap entries); the older ones used to stay until
    # they came due — hours or days — so a busy room's heap held many per live event (issue 13, soak)
    bus, clock = Bus(), FakeClock(T0)
    got: list[str] = []
    bus.subscribe("sla_warning", lambda event, deadline: got.append("warn"))
    bus.subscribe("sla_breach", lambda event, deadline: got.append("breach"))
    sla = SlaClock(bus, table(), clock)
    rig = Rig()
    events = [rig.add(f"e{i}") for i in range(5)]
    for _ in range(2_000):
        for ev in events:
            sla.track(ev)
    assert len(sla._heap) <= 4 * len(events) + 1024 + 2
    assert len(sla._entries) == len(sla._heap)
    assert sla.tick(T0 + timedelta(seconds=50)) == len(events)  # each warning once
    assert sla.tick(T0 + timedelta(hours=1)) == len(events)  # each breach once
    assert got == ["warn"] * 5 + ["breach"] * 5
