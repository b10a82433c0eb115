"""SLA rules: time limits per category × level for each stage of an event (DESIGN §2).

The table comes from ``resources/sla.toml`` (see ``docs/sla.md``): a default row per level and
overrides per category (for every level, or for one level). Each limit is calendar time
(``"60s"``, ``"30min"``, ``"2h"``, ``"3d"``) or working time (``"4wh"``, ``"90wmin"``) counted on
the :class:`~console.domain.workcal.WorkCalendar` of the table. ``next_deadline`` answers which
deadline an event is running against now. Reading and validating the file: ``console.domain.sla_config``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from console.domain.event import Event, Level, State
from console.domain.workcal import WorkCalendar

if TYPE_CHECKING:  # the loader lives in sla_config; its names stay importable from here (lazily)
    from console.domain.sla_config import DEFAULT_SLA_PATH as DEFAULT_SLA_PATH
    from console.domain.sla_config import default_table as default_table
    from console.domain.sla_config import known_category_codes as known_category_codes
    from console.domain.sla_config import load_sla as load_sla
    from console.domain.sla_config import locate as locate
    from console.domain.sla_config import parse_limit as parse_limit
    from console.domain.sla_config import parse_sla as parse_sla

_CONFIG_NAMES = frozenset({"DEFAULT_SLA_PATH", "default_table", "known_category_codes", "load_sla", "locate",
                           "parse_limit", "parse_sla"})


class Stage(StrEnum):
    DISPATCH = "dispatch"  # 派遣: from receipt (or return/escalation/reopen) to dispatch
    SIGN = "sign"  # 签收: from dispatch to the department signing for it
    ARRIVE = "arrive"  # 到场: from dispatch to arrival on scene
    RESOLVE = "resolve"  # 处置: from dispatch to resolution
    CLOSE = "close"  # 结案: from receipt to closure (verification included)


STAGE_OF_STATE: dict[State, Stage] = {
    State.NEW: Stage.DISPATCH,
    State.FILED: Stage.DISPATCH,
    State.RETURNED: Stage.DISPATCH,
    State.ESCALATED: Stage.DISPATCH,
    State.REOPENED: Stage.DISPATCH,
    State.DISPATCHED: Stage.SIGN,
    State.ACCEPTED: Stage.ARRIVE,
    State.ON_SCENE: Stage.RESOLVE,
    State.RESOLVED: Stage.CLOSE,
    State.VERIFIED: Stage.CLOSE,
}
# states where the dispatch clock restarts from the moment the event entered them
_RESTART_STATES = frozenset({State.RETURNED, State.ESCALATED, State.REOPENED})
_DEPARTMENT_STAGES = frozenset({Stage.SIGN, Stage.ARRIVE, Stage.RESOLVE})

# Event.extra keys the SLA engine reads (written by the closed-loop and escalation services)
SLA_START_KEY = "sla_start"  # {"stage": Stage value, "at": ISO 8601} — the stage clock restarted then
PAUSED_KEY = "sla_pauses"  # [[since, until], ...] ISO 8601 — approved suspensions (延期)

UNITS: dict[str, tuple[timedelta, bool]] = {
    "s": (timedelta(seconds=1), False),
    "min": (timedelta(minutes=1), False),
    "h": (timedelta(hours=1), False),
    "d": (timedelta(days=1), False),
    "wmin": (timedelta(minutes=1), True),
    "wh": (timedelta(hours=1), True),
}
WARN_KEYS = frozenset({"warn_ratio", "warn_before"})


class SlaConfigError(ValueError):
    """A malformed SLA table; names the file, line and key at fault."""

    def __init__(self, message: str, *, source: str = "sla.toml", line: int | None = None, key: str = "") -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {key + ': ' if key else ''}{message}")
        self.source = source
        self.line = line
        self.key = key
        self.reason = message


@dataclass(frozen=True, slots=True)
class Limit:
    """One time limit: ``amount`` of ``unit`` (calendar or working time)."""

    amount: float
    unit: str

    @property
    def working(self) -> bool:
        return UNITS[self.unit][1]

    @property
    def delta(self) -> timedelta:
        return UNITS[self.unit][0] * self.amount

    def __str__(self) -> str:
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        return f"{amount}{self.unit}"


@dataclass(frozen=True, slots=True)
class Rule:
    """The resolved limits for one category × level."""

    limits: Mapping[Stage, Limit]
    warn_ratio: float | None = 0.8
    warn_before: Limit | None = None


class Deadline(NamedTuple):
    """The deadline of one stage: due ``at``, warning from ``warn_at``, counted from ``start``."""

    kind: Stage
    at: datetime
    warn_at: datetime
    start: datetime
    limit: Limit


@dataclass(slots=True)
class SlaTable:
    calendar: WorkCalendar
    levels: dict[Level, Rule]
    # (category code, level or None for every level) → partial limits / warning override
    overrides: dict[tuple[str, Level | None], dict[str, Any]] = field(default_factory=dict)
    whistle_checkin: timedelta = timedelta(minutes=30)
    broadcast_ack: timedelta = timedelta(minutes=15)
    _cache: dict[tuple[str, Level], Rule] = field(default_factory=dict, repr=False)
    # (category, level, stage) → (limit, working, limit delta, warning offset)
    _spec: dict[tuple[str, Level, Stage], tuple[Limit, bool, timedelta, timedelta]] = field(
        default_factory=dict, repr=False)

    def rule(self, category: str, level: Level) -> Rule:
        key = (category, level)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        base = self.levels[level]
        limits = dict(base.limits)
        ratio, before = base.warn_ratio, base.warn_before
        for ov in (self.overrides.get((category, None)), self.overrides.get((category, level))):
            if not ov:
                continue
            limits.update({Stage(k): v for k, v in ov.items() if k not in WARN_KEYS})
            if "warn_ratio" in ov:
                ratio, before = ov["warn_ratio"], None
            if "warn_before" in ov:
                ratio, before = None, ov["warn_before"]
        rule = Rule(limits, ratio, before)
        self._cache[key] = rule
        return rule

    def limit(self, category: str, level: Level, stage: Stage) -> Limit:
        return self.rule(category, level).limits[stage]

    def add(self, start: datetime, limit: Limit) -> datetime:
        if limit.working:
            return self.calendar.add(start, limit.delta)
        return start + limit.delta

    def _stage_spec(self, category: str, level: Level, stage: Stage) -> tuple[Limit, bool, timedelta, timedelta]:
        key = (category, level, stage)
        spec = self._spec.get(key)
        if spec is None:
            rule = self.rule(category, level)
            limit = rule.limits[stage]
            delta = limit.delta
            if rule.warn_before is not None:
                warn = max(delta - rule.warn_before.delta, timedelta(0))
            else:
                warn = delta * (rule.warn_ratio if rule.warn_ratio is not None else 1.0)
            spec = self._spec[key] = (limit, limit.working, delta, warn)
        return spec

    def deadline(self, stage: Stage, category: str, level: Level, start: datetime) -> Deadline:
        """The stage's deadline counted from ``start``; the warning offset (share of the limit or
        time before it) is counted in the limit's own kind of time (calendar or working)."""
        limit, working, delta, warn = self._stage_spec(category, level, stage)
        if working:
            return Deadline(stage, self.calendar.add(start, delta), self.calendar.add(start, warn), start, limit)
        return Deadline(stage, start + delta, start + warn, start, limit)


def _parse_iso(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def stage_start(event: Event, stage: Stage) -> datetime:
    """When the clock of ``stage`` started for this event."""
    mark = event.extra.get(SLA_START_KEY)
    if isinstance(mark, Mapping):
        marked = mark.get("stage")
        # a (re)dispatch marks the sign-for stage: arrival and resolution also run from it
        if marked == stage.value or (marked == Stage.SIGN.value and stage in _DEPARTMENT_STAGES):
            at = _parse_iso(mark.get("at"))
            if at is not None:
                return at
    received = event.received_at or event.reported_at
    if stage is Stage.DISPATCH:
        if event.state in _RESTART_STATES and event.updated_at is not None:
            return event.updated_at
        return received
    if stage is Stage.CLOSE:
        return received
    return event.dispatched_at or event.updated_at or received


def next_deadline(event: Event, table: SlaTable) -> Deadline | None:
    """The deadline of the event's current stage; None when no clock runs (suspended, closed)."""
    stage = STAGE_OF_STATE.get(event.state)
    if stage is None:
        return None
    if event.extra:
        start = stage_start(event, stage)
        start = start + paused_since(event, start)
    else:  # no restart mark, no pauses: stage_start() inlined (the 100k-event start-up path)
        received = event.received_at or event.reported_at
        if stage is Stage.DISPATCH:
            start = event.updated_at if event.state in _RESTART_STATES and event.updated_at is not None else received
        elif stage is Stage.CLOSE:
            start = received
        else:
            start = event.dispatched_at or event.updated_at or received
    return table.deadline(stage, event.category, event.level, start)


def paused_since(event: Event, start: datetime) -> timedelta:
    """Suspended time after ``start``: a stage's deadline moves by the pauses inside its run."""
    total = timedelta(0)
    for pair in event.extra.get(PAUSED_KEY) or ():
        try:
            since, until = _parse_iso(pair[0]), _parse_iso(pair[1])
        except (TypeError, IndexError):
            continue
        if since is None or until is None:
            continue
        lo = max(since, start)
        if until > lo:
            total += until - lo
    return total


def add_pause(extra: Mapping[str, Any], since: datetime, until: datetime) -> dict[str, Any]:
    """A copy of ``extra`` with one more suspension interval."""
    out = dict(extra)
    out[PAUSED_KEY] = [*(out.get(PAUSED_KEY) or []), [since.isoformat(), until.isoformat()]]
    return out


def mark_stage_start(extra: Mapping[str, Any], stage: Stage, at: datetime) -> dict[str, Any]:
    """A copy of ``extra`` recording that the clock of ``stage`` (re)started at ``at``."""
    out = dict(extra)
    out[SLA_START_KEY] = {"stage": stage.value, "at": at.isoformat()}
    return out


def __getattr__(name: str) -> Any:
    """``from console.domain.sla import load_sla`` (and the loader's other public names) keeps working."""
    if name in _CONFIG_NAMES:
        from console.domain import sla_config

        return getattr(sla_config, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
