"""Small in-test districts and events for the UI tests (no files, no store)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.domain.district import District, DistrictInfo
from console.domain.event import Event, Level, Location, Source, State
from console.domain.grid import Department, Grid, GridKind, Member, Role

T0 = datetime(2026, 11, 22, 2, 0, 0, tzinfo=UTC)  # 10:00 in Asia/Shanghai


class FakeClock:
    """A settable UTC clock."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def small_district() -> District:
    grids = [
        Grid("s", "西港街道", 1, None),
        Grid("b1", "第一街区", 2, "s"),
        Grid("b2", "第二街区", 2, "s"),
        Grid("c1", "海湾社区", 3, "b1"),
        Grid("c2", "山前社区", 3, "b2"),
        Grid("m1", "海湾一号微网格", 4, "c1"),
        Grid("m2", "海湾二号微网格", 4, "c1"),
        Grid("m3", "山前一号微网格", 4, "c2"),
    ]
    police = [Grid("p1", "海湾警格", 1, None, kind=GridKind.POLICE)]
    members = [
        Member("u1", "张伟", "m1", Role.FULLTIME, phone="13800001111", on_duty=True),
        Member("u2", "李娜", "m1", Role.PARTTIME, on_duty=False),
        Member("u3", "王强", "c2", Role.GRID_CHIEF, on_duty=True),
        Member("u4", "赵民警", "p1", Role.POLICE, on_duty=True),
    ]
    departments = [Department("dept.cg", "城管执法"), Department("dept.pcs", "派出所")]
    return District(
        DistrictInfo("西港街道"), grids, police_grids=police, members=members, departments=departments
    )


_LEVELS = [Level.GENERAL, Level.SIGNIFICANT, Level.MAJOR, Level.CRITICAL]
_SOURCES = list(Source)
_GRIDS = ["m1", "m2", "m3", "c1", "c2"]
_STATES = [State.NEW, State.FILED, State.DISPATCHED, State.ACCEPTED]


def make_event(i: int, *, now: datetime = T0, **changes) -> Event:
    received = now - timedelta(seconds=10 * i)
    ev = Event(
        id=f"ev-{i:06d}",
        source=_SOURCES[i % len(_SOURCES)],
        category="unclassified",
        title=f"事件{i} 占道经营" if i % 3 == 0 else f"事件{i} 垃圾暴露",
        reported_at=received - timedelta(seconds=5),
        received_at=received,
        description=f"描述{i}",
        level=Level.GENERAL,
        location=Location(22.5, 113.9, address=f"海湾路{i}号"),
        grid_id=_GRIDS[i % len(_GRIDS)],
        state=State.NEW,
    )
    return ev.copy(**changes) if changes else ev


def make_events(n: int, *, now: datetime = T0, start: int = 0) -> list[Event]:
    out = []
    for i in range(start, start + n):
        out.append(
            make_event(
                i,
                now=now,
                level=_LEVELS[i % 4] if i % 7 == 0 else Level.GENERAL,
                state=_STATES[i % len(_STATES)],
                deadline_at=now - timedelta(minutes=1) if i % 5 == 0 else now + timedelta(hours=1),
            )
        )
    return out


class NoDetails:
    """A details provider with no timeline (views that do not look at one)."""

    def actions_for(self, event_id: str) -> list:
        return []
