"""A synthetic room for the wall and report benches, screenshots and tests.

:func:`build_room` writes, into a console database, ``history_per_day`` events on each of the
``days`` days before ``now`` (most closed, some overdue or supervised), today's events up to ``now``,
and ``open_extra`` further open events (the bench's 100,000 open events), each with the transition
actions the KPI formulas read (sign-for and resolution by a unit), plus a few whistles (吹哨报到)
and a roll call in the room log the escalation board is folded from. Locations fall inside the demo
district's micro-grids. Deterministic for a seed.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import shapely

from console.domain.district import District
from console.domain.escalation import Broadcast, Whistle
from console.domain.escalation_log import changes_of
from console.domain.event import Action, Event, Level, Location, Source, State
from console.domain.sla import SlaTable, Stage

ISSUES = [("city_appearance", "占道经营"), ("city_appearance", "垃圾暴露"), ("flood", "道路积水"),
          ("greening", "树木倒伏"), ("building", "违章搭建"), ("environment", "噪音扰民"), ("facility", "井盖缺失"),
          ("facility", "路灯损坏"), ("utility", "停电"), ("safety", "消防通道堵塞"), ("dispute", "邻里纠纷"),
          ("traffic", "机动车乱停放"), ("safety", "燃气泄漏"), ("sanitation", "污水外溢")]
SOURCES = [Source.HOTLINE_12345, Source.GRID_APP, Source.CITY_MGMT, Source.VIDEO_AI, Source.POLICE_110,
           Source.IOT, Source.WALK_IN, Source.PETITION]
SOURCE_W = [30, 35, 12, 8, 5, 3, 5, 2]
LEVELS = [Level.GENERAL, Level.SIGNIFICANT, Level.MAJOR, Level.CRITICAL]
LEVEL_W = [85, 11, 3, 1]
# intake by local hour: quiet at night, peaks mid-morning and late afternoon
HOUR_W = [2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 10, 7, 7, 9, 10, 10, 9, 7, 6, 5, 4, 3, 2]


class _Points:
    def __init__(self, district: District, rng: random.Random) -> None:
        self.rng = rng
        self.leaves = [g for g in district.leaves if g.polygon]
        self.shapes = [shapely.Polygon(g.polygon[0], g.polygon[1:]) for g in self.leaves]  # type: ignore[index]
        self.boxes = [s.bounds for s in self.shapes]
        self.inner = [s.representative_point() for s in self.shapes]
        self.names = {g.id: g.name for g in self.leaves}

    def pick(self) -> tuple[str, float, float]:
        k = self.rng.randrange(len(self.leaves))
        x0, y0, x1, y1 = self.boxes[k]
        for _ in range(8):
            x, y = self.rng.uniform(x0, x1), self.rng.uniform(y0, y1)
            if shapely.contains_xy(self.shapes[k], x, y):
                return self.leaves[k].id, x, y
        p = self.inner[k]
        return self.leaves[k].id, p.x, p.y


def _event(rng: random.Random, pts: _Points, n: int, at: datetime) -> Event:
    category, issue = rng.choice(ISSUES)
    gid, lon, lat = pts.pick()
    name = pts.names[gid]
    return Event(id=f"wall-{n:07d}", source=rng.choices(SOURCES, SOURCE_W)[0], category=category,
                 title=f"{name}{issue}", reported_at=at, level=rng.choices(LEVELS, LEVEL_W)[0],
                 location=Location(lat, lon, f"{name}{rng.randint(1, 30)}号附近"), grid_id=gid,
                 received_at=at + timedelta(seconds=3))


def _finish(rng: random.Random, ev: Event, table: SlaTable, now: datetime, depts: list[str], units: list[str],
            actions: list[Action], *, keep_open: bool) -> Event:
    """Walk the event through its life up to ``now`` (or leave it open); append its transitions."""
    recv = ev.received_at or ev.reported_at
    if rng.random() < 0.2 and not keep_open:  # resolved on the spot by the grid worker (现场处置)
        resolved = recv
        closed = recv + timedelta(minutes=rng.uniform(5, 90))
        if closed > now:
            return ev.copy(state=State.RESOLVED, onsite=True, resolved_at=resolved,
                           deadline_at=table.add(recv, table.limit(ev.category, ev.level, Stage.CLOSE)))
        return ev.copy(state=State.CLOSED, onsite=True, resolved_at=resolved, closed_at=closed)
    dept = rng.choice(depts)
    dispatched = recv + timedelta(seconds=rng.choice([15, 20, 30, 45, 50, 70, 120]))
    ev = ev.copy(assignees=[dept])
    if dispatched > now:
        return ev.copy(state=State.FILED, deadline_at=recv + timedelta(seconds=60))
    ev = ev.copy(state=State.DISPATCHED, dispatched_at=dispatched,
                 deadline_at=table.add(dispatched, table.limit(ev.category, ev.level, Stage.SIGN)))
    unit = rng.choice(units)
    signed = dispatched + timedelta(minutes=rng.uniform(2, 40))
    if keep_open and rng.random() < 0.5 or signed > now:
        return ev
    actions.append(Action(ev.id, signed, "transition", unit, from_state=State.DISPATCHED, to_state=State.ACCEPTED,
                          data={"unit_id": unit}))
    resolve_limit = table.limit(ev.category, ev.level, Stage.RESOLVE)
    ev = ev.copy(state=State.ACCEPTED, deadline_at=table.add(signed, resolve_limit))
    resolved = signed + timedelta(minutes=rng.uniform(10, 300) * (4 if rng.random() < 0.08 else 1))
    if keep_open or resolved > now:
        return ev
    actions.append(Action(ev.id, resolved, "transition", unit, from_state=State.ACCEPTED, to_state=State.RESOLVED,
                          data={"unit_id": unit}))
    closed = resolved + timedelta(minutes=rng.uniform(10, 240))
    if closed > now:
        return ev.copy(state=State.RESOLVED, resolved_at=resolved)
    return ev.copy(state=State.CLOSED, resolved_at=resolved, closed_at=closed,
                   supervised=rng.random() < 0.02)


def build_room(store: Any, district: District, table: SlaTable, now: datetime, *, days: int = 7,
               history_per_day: int = 300, open_extra: int = 0, seed: int = 3, tz: str = "Asia/Shanghai",
               whistles: int = 4) -> dict[str, int]:
    """Fill ``store`` (writable, empty) with a synthetic room as it stands at ``now`` (aware UTC)."""
    from zoneinfo import ZoneInfo

    rng = random.Random(seed)
    pts = _Points(district, rng)
    depts = sorted(district.departments)
    units = sorted(district.members) or [f"unit-{d.split('.')[-1]}" for d in depts]
    local = now.astimezone(ZoneInfo(tz))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    events: list[Event] = []
    actions: list[Action] = []
    n = 0
    for back in range(days, -1, -1):
        day0 = midnight - timedelta(days=back)
        for _ in range(history_per_day):
            hour = rng.choices(range(24), HOUR_W)[0]
            at = (day0 + timedelta(hours=hour, seconds=rng.uniform(0, 3600)))
            if at >= now:
                continue
            n += 1
            ev = _event(rng, pts, n, at)
            events.append(_finish(rng, ev, table, now, depts, units, actions, keep_open=False))
    for _ in range(open_extra):  # the live room: open events of the last two days
        n += 1
        at = now - timedelta(seconds=min(rng.expovariate(1 / 5400.0) + 60, 2 * 86400))
        ev = _event(rng, pts, n, at)
        events.append(_finish(rng, ev, table, now, depts, units, actions, keep_open=True))
    # a few supervised (督办) open events, and some of every tier overdue
    open_idx = [i for i, e in enumerate(events) if e.state.is_live]
    for i in rng.sample(open_idx, min(len(open_idx), 12)):
        events[i] = events[i].copy(supervised=True)
    for k, ev in enumerate(events):
        events[k] = ev.copy(updated_at=ev.closed_at or ev.resolved_at or ev.dispatched_at or ev.received_at)
    for start in range(0, len(events), 5000):
        store.events.insert_many(events[start:start + 5000])
    for start in range(0, len(actions), 20000):
        store.actions.append_many(actions[start:start + 20000])
    _escalations(rng, store, events, depts, now, whistles)
    return {"events": len(events), "open": len(open_idx), "actions": len(actions)}


def _escalations(rng: random.Random, store: Any, events: list[Event], depts: list[str], now: datetime,
                 count: int) -> None:
    urgent = [e for e in events if e.state.is_live and e.level in (Level.MAJOR, Level.CRITICAL)]
    urgent.sort(key=lambda e: e.reported_at, reverse=True)
    ws = []
    for k, ev in enumerate(urgent[:count]):
        blown = now - timedelta(minutes=10 + 15 * k)
        w = Whistle.create(f"whistle-{k + 1}", ev.id, rng.sample(depts, 3), f"{ev.title}：请各部门到场", "值班长",
                           blown, timedelta(minutes=30))
        for j, d in enumerate(w.summons):
            if j < k % 3 + 1:
                w.check_in(d, blown + timedelta(minutes=rng.uniform(3, 40)))
        ws.append(w)
    grids = [f"yg-c{c:02d}" for c in range(1, 6)]
    b = Broadcast.create("bc-1", "防汛：各社区立即排查低洼地带", grids, "值班长", now - timedelta(minutes=40),
                         timedelta(minutes=15))
    for g in grids[:3]:
        b.acks[g] = now - timedelta(minutes=rng.uniform(25, 39))
    store.room_log.append_many(changes_of([b], ws))
