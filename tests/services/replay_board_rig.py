"""A recorded shift with broadcasts and whistles in its room log, made through the escalation service
as a live seat makes them (the replay-board tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from console.cli import main
from console.domain.district import load_district
from console.domain.escalation import Whistle
from console.domain.escalation_log import changes_of
from console.domain.sla import default_table
from console.services.bus import Bus
from console.services.decisions import DecisionService
from console.services.escalation import EscalationService
from console.services.escalation_store import EscalationRecords
from console.services.replay import RoomAt
from console.services.room import Room
from console.services.sla_clock import FakeClock
from console.store import open_store

START = "2026-11-23T08:00:00+08:00"
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
MIN = timedelta(minutes=1)


@dataclass
class BoardShift:
    url: str
    t1: datetime  # the broadcast is sent
    tw: datetime  # the whistle is blown (its event stays open 30 min at least)
    broadcast_id: str
    whistle_id: str
    grids: list[str]


def record_board_shift(path: Path) -> BoardShift:
    """3 h simulated; at t1 (+1 h) a broadcast to three grids (one answers after 5 min, one after 50,
    the deadline is 30 min); at tw a whistle summoning two departments on the event open longest (one
    checks in after 5 min and reports progress after 10, the other is marked red at the check-in
    deadline, 20 min)."""
    url = f"sqlite:///{path}"
    assert main(["simulate", "--hours", "3", "--start", START, "--db", url, "--json"]) == 0
    room = RoomAt.open(url)
    t1 = room.start + timedelta(hours=1)
    spans: dict[str, tuple[datetime, datetime]] = {}
    t = room.start
    while t <= room.end:  # when each event was open, sampled every 5 min
        for ev in room.state_at(t).open_events():
            spans[ev.id] = (spans.get(ev.id, (t, t))[0], t)
        t += 5 * MIN
    room.close()
    eid, (tw, until) = max(sorted(spans.items()), key=lambda kv: kv[1][1] - kv[1][0])
    assert until - tw >= 30 * MIN, "the simulated shift has no event open for 30 min"
    district = load_district(DEMO)
    store = open_store(url)
    try:
        clock = FakeClock(t1)
        bus = Bus()
        decisions = DecisionService(store, Room(bus, clock=clock.now), bus, district, table=default_table(),
                                    seat="席位1", officer="指挥长", clock=clock.now, inline=True)
        svc = EscalationService(bus, decisions, default_table(), clock, district=district, auto=False)
        EscalationRecords(svc, None, bus, room_log=store.room_log)
        grids = svc.all_target_grids()[:3]
        b = svc.broadcast("台风预警：今晚20时前完成转移", grids, "指挥长")
        clock.advance(5 * MIN)
        svc.acknowledge(b.id, grids[0])
        # the whistle: its changes as the room log holds them (the event's own log is not this test's)
        w = Whistle.create("wh-replay-1", eid, ["dept.sanitation", "dept.cityenf"], "河道漂浮物堵塞", "指挥长",
                           tw, timedelta(minutes=20))
        w.check_in("dept.sanitation", tw + 5 * MIN)
        w.report_progress("dept.sanitation", tw + 10 * MIN, "已到场清理")
        w.mark_red(["dept.cityenf"])
        w.escalated = True
        store.room_log.append_many(changes_of([], [w]))
        clock.advance(45 * MIN)
        svc.acknowledge(b.id, grids[1])
    finally:
        store.close()
    return BoardShift(url, t1, tw, b.id, w.id, grids)
