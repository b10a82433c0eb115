"""The event: the unit of work of the command room (DESIGN §2, §5).

Pure Python. Times are timezone-aware datetimes in UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

EVENT_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
TITLE_MAX = 200
DESCRIPTION_MAX = 5000


class Source(StrEnum):
    HOTLINE_12345 = "hotline_12345"
    CITY_MGMT = "city_mgmt"
    GRID_APP = "grid_app"
    POLICE_110 = "police_110"
    PETITION = "petition"
    VIDEO_AI = "video_ai"
    IOT = "iot"
    WALK_IN = "walk_in"
    OTHER = "other"


class Level(StrEnum):
    GENERAL = "general"  # 一般
    SIGNIFICANT = "significant"  # 较大
    MAJOR = "major"  # 重大
    CRITICAL = "critical"  # 特别重大

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]

    @property
    def is_urgent(self) -> bool:
        """Major and critical events flash and go straight to the street command."""
        return self.rank >= 2


_LEVEL_RANK = {Level.GENERAL: 0, Level.SIGNIFICANT: 1, Level.MAJOR: 2, Level.CRITICAL: 3}


class State(StrEnum):
    NEW = "new"  # 待受理
    FILED = "filed"  # 已立案 (triaged)
    DISPATCHED = "dispatched"  # 已派遣
    ACCEPTED = "accepted"  # 已签收
    ON_SCENE = "on_scene"  # 到场处置
    RESOLVED = "resolved"  # 已处置 (feedback given, not yet verified)
    VERIFIED = "verified"  # 已核查
    CLOSED = "closed"  # 已结案
    REJECTED = "rejected"  # 不予立案
    RETURNED = "returned"  # 退回
    ESCALATED = "escalated"  # 已上报
    SUSPENDED = "suspended"  # 挂起/延期
    REOPENED = "reopened"  # 重新打开

    @property
    def is_terminal(self) -> bool:
        return self in (State.CLOSED, State.REJECTED)

    @property
    def is_live(self) -> bool:
        """Still belongs in the live queue (resolved waits for verification)."""
        return not self.is_terminal


UNCLASSIFIED = "unclassified"
# Exercise and test messages (演练/测试): the feed marks an event ``"exercise": true`` (kept in
# ``Event.extra``); the CAP adapter marks ``Exercise``/``Test`` alerts ``"drill": true`` and keeps the
# CAP ``status``. Such events are shown as exercises and never counted in the live KPIs.
EXERCISE_KEY = "exercise"
_EXERCISE_FLAGS = (EXERCISE_KEY, "drill")
_EXERCISE_CAP_STATUSES = frozenset({"Exercise", "Test"})


def is_exercise_extra(extra: dict[str, Any] | None) -> bool:
    """Whether an event's ``extra`` marks it as an exercise or test message."""
    if not extra:
        return False
    if any(extra.get(k) is True for k in _EXERCISE_FLAGS):
        return True
    cap = extra.get("cap")
    return isinstance(cap, dict) and cap.get("status") in _EXERCISE_CAP_STATUSES


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Location:
    lat: float
    lon: float
    address: str | None = None


@dataclass(slots=True)
class Attachment:
    kind: str
    url: str


@dataclass(slots=True)
class Event:
    """A reported problem and everything the room has decided about it.

    The report fields mirror the protocol's event object (DESIGN §5); the rest are triage,
    dispatch and tracking fields owned by the console.
    """

    id: str
    source: Source
    category: str
    title: str
    reported_at: datetime
    description: str | None = None
    level: Level = Level.GENERAL
    location: Location | None = None
    grid_id: str | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    camera_id: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # unknown protocol fields, kept
    # console-side
    state: State = State.NEW
    received_at: datetime | None = None
    seq: int | None = None  # feed sequence number it arrived with
    updated_at: datetime | None = None
    assignees: list[str] = field(default_factory=list)  # department / member ids
    dispatched_at: datetime | None = None
    deadline_at: datetime | None = None  # current SLA deadline
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    duplicate_of: str | None = None
    duplicate_count: int = 0  # further reports merged into this one
    claimed_by: str | None = None  # seat id
    claim_until: datetime | None = None
    supervised: bool = False  # 督办 mark
    onsite: bool = False  # resolved on the spot by the reporter (谁发现谁处置)
    grid_flag: str | None = None  # e.g. "outside_all_grids"
    version: int = 0  # bumped by every write of the stored row (compare-and-set)

    def copy(self, **changes: Any) -> Event:
        """A copy with ``changes`` (as ``dataclasses.replace``, without re-running ``__init__``: the
        fold of a recording copies an event per action, and ``replace`` cost ~9 µs a copy)."""
        new = _copy_event(self)
        for name, value in changes.items():
            if name not in _EVENT_FIELDS:
                raise TypeError(f"Event has no field {name!r}")
            object.__setattr__(new, name, value)
        return new

    @property
    def is_open(self) -> bool:
        return self.state.is_live

    @property
    def is_exercise(self) -> bool:
        """An exercise or test message (演练): shown as such, never counted in the live KPIs."""
        return is_exercise_extra(self.extra)


@dataclass(frozen=True, slots=True)
class Action:
    """One immutable entry of the append-only action log."""

    event_id: str
    at: datetime
    kind: str  # "transition", "triage", "dispatch", "note", "merge", "claim", ...
    actor: str  # officer / unit / "system" / "feed"
    seat: str | None = None
    from_state: State | None = None
    to_state: State | None = None
    note: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    account: str | None = None  # the signed-in account's login (None: the feed, a headless tool)


_EVENT_FIELDS = frozenset(f.name for f in fields(Event))


def _compile_copy() -> Any:
    """``copy(ev)``: a new Event with the same field values, attribute by attribute (straight-line code)."""
    names = [f.name for f in fields(Event)]
    body = "\n".join(f"    n.{name} = e.{name}" for name in names)
    scope: dict[str, Any] = {"new": object.__new__, "Event": Event}
    exec(f"def copy(e):\n    n = new(Event)\n{body}\n    return n", scope)  # noqa: S102 - fixed field names
    return scope["copy"]


_copy_event = _compile_copy()

