"""SLA rules: time limits per category × level for each stage of an event (DESIGN §2).

The table comes from ``resources/sla.toml`` (see ``docs/sla.md``): a default row per level and
overrides per category (for every level, or for one level). Each limit is calendar time
(``"60s"``, ``"30min"``, ``"2h"``, ``"3d"``) or working time (``"4wh"``, ``"90wmin"``) counted on
the :class:`~console.domain.workcal.WorkCalendar` of the table. ``next_deadline`` answers which
deadline an event is running against now.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from console.domain.event import Event, Level, State
from console.domain.workcal import WEEKDAY_NAMES, CalendarError, WorkCalendar, parse_period


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
_LIMIT_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$")
_TOP_KEYS = frozenset({"version", "calendar", "warning", "escalation", "levels", "categories"})
_WARN_KEYS = frozenset({"warn_ratio", "warn_before"})
_STAGE_NAMES = frozenset(s.value for s in Stage)


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
            limits.update({Stage(k): v for k, v in ov.items() if k not in _WARN_KEYS})
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


# ---- loading ------------------------------------------------------------------------------------
def parse_limit(value: Any) -> Limit:
    """``"4wh"`` → Limit(4, "wh"); a bare number is calendar minutes. Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError("a limit must be a number of minutes or a string like '30min' or '4wh'")
    if isinstance(value, int | float):
        amount, unit = float(value), "min"
    elif isinstance(value, str):
        m = _LIMIT_RE.match(value)
        if not m:
            raise ValueError(f"not a time limit: {value!r} (expected e.g. '60s', '30min', '2h', '1d', '4wh')")
        amount, unit = float(m.group(1)), m.group(2)
        if unit not in UNITS:
            raise ValueError(f"bad unit {unit!r} (one of {', '.join(UNITS)})")
    else:
        raise ValueError("a limit must be a number of minutes or a string like '30min' or '4wh'")
    if amount < 0:
        raise ValueError(f"negative limit {value!r}")
    if amount == 0:
        raise ValueError("a limit must be positive")
    return Limit(amount, unit)


def known_category_codes() -> frozenset[str]:
    from console.domain.categories import CATEGORIES

    return frozenset(CATEGORIES)


def load_sla(path: str | Path, *, categories: Iterable[str] | None = None) -> SlaTable:
    """Read and validate an SLA table file; raises :class:`SlaConfigError`."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SlaConfigError(f"cannot read: {exc.strerror or exc}", source=str(p)) from exc
    except UnicodeDecodeError as exc:
        raise SlaConfigError("not UTF-8 text", source=str(p)) from exc
    return parse_sla(text, source=str(p), categories=categories)


def parse_sla(text: str, *, source: str = "sla.toml", categories: Iterable[str] | None = None) -> SlaTable:
    """Validate SLA TOML text; raises :class:`SlaConfigError` naming the line and key at fault."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else None
        raise SlaConfigError(f"TOML syntax error: {exc}", source=source, line=line) from exc
    codes = frozenset(categories) if categories is not None else known_category_codes()
    return _Builder(text, source, codes).build(data)


# ---- validation -----------------------------------------------------------------------------------
def _split_key(key: str) -> list[str]:
    """Split a TOML dotted key into parts, honouring quotes."""
    parts, buf, quote = [], [], ""
    for ch in key:
        if quote:
            if ch == quote:
                quote = ""
            else:
                buf.append(ch)
        elif ch in "\"'":
            quote = ch
        elif ch == ".":
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf).strip())
    return parts


def locate(text: str, path: tuple[str, ...]) -> int | None:
    """Line (1-based) where the key ``path`` is written in TOML ``text``.

    Exact match on a ``key = value`` line or a ``[table]`` header; otherwise the line of the
    longest prefix of the path that is written (e.g. the ``[levels]`` header for a missing level).
    """
    header: list[str] = []
    best_len, best_line = 0, None
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            inner = line.strip("[]").split("]")[0] if not line.startswith("[[") else line[2:].split("]]")[0]
            header = _split_key(inner)
            full = header
        else:
            key, sep, _ = line.partition("=")
            if not sep:
                continue
            full = header + _split_key(key)
        n = 0
        for a, b in zip(full, path, strict=False):
            if a != b:
                break
            n += 1
        if n == len(path) and len(full) == len(path):
            return no
        if n > best_len:
            best_len, best_line = n, no
    return best_line


class _Builder:
    def __init__(self, text: str, source: str, codes: frozenset[str]) -> None:
        self.text = text
        self.source = source
        self.codes = codes

    def fail(self, path: tuple[str, ...], message: str) -> SlaConfigError:
        return SlaConfigError(message, source=self.source, line=locate(self.text, path), key=".".join(path))

    def table(self, value: Any, path: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "must be a table")
        return value

    def limit(self, value: Any, path: tuple[str, ...]) -> Limit:
        try:
            return parse_limit(value)
        except ValueError as exc:
            raise self.fail(path, str(exc)) from None

    def warning(self, row: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "warn_ratio" in row and "warn_before" in row:
            raise self.fail((*path, "warn_before"), "give warn_ratio or warn_before, not both")
        if "warn_ratio" in row:
            r = row["warn_ratio"]
            if isinstance(r, bool) or not isinstance(r, int | float) or not 0 < r <= 1:
                raise self.fail((*path, "warn_ratio"), "warn_ratio must be a number in (0, 1]")
            out["warn_ratio"] = float(r)
        if "warn_before" in row:
            out["warn_before"] = self.limit(row["warn_before"], (*path, "warn_before"))
        return out

    def stages(self, row: dict[str, Any], path: tuple[str, ...], *, allow: frozenset[str] = frozenset()) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in row.items():
            if key in _WARN_KEYS or key in allow:
                continue
            if key not in _STAGE_NAMES:
                raise self.fail((*path, key), f"unknown stage (one of {', '.join(s.value for s in Stage)})")
            out[key] = self.limit(value, (*path, key))
        out.update(self.warning(row, path))
        return out

    def build(self, data: dict[str, Any]) -> SlaTable:
        for key in data:
            if key not in _TOP_KEYS:
                raise self.fail((key,), f"unknown section (one of {', '.join(sorted(_TOP_KEYS))})")
        calendar = self.calendar(self.table(data.get("calendar", {}), ("calendar",)))
        warn = self.warning(self.table(data.get("warning", {}), ("warning",)), ("warning",))
        for key in self.table(data.get("warning", {}), ("warning",)):
            if key not in _WARN_KEYS:
                raise self.fail(("warning", key), "unknown key (warn_ratio or warn_before)")
        ratio = warn.get("warn_ratio", None if "warn_before" in warn else 0.8)
        before = warn.get("warn_before")
        esc = self.table(data.get("escalation", {}), ("escalation",))
        extra: dict[str, timedelta] = {}
        for key, value in esc.items():
            if key not in ("whistle_checkin", "broadcast_ack"):
                raise self.fail(("escalation", key), "unknown key (whistle_checkin or broadcast_ack)")
            limit = self.limit(value, ("escalation", key))
            if limit.working:
                raise self.fail(("escalation", key), "must be calendar time (s, min, h, d)")
            extra[key] = limit.delta
        if "levels" not in data:
            raise SlaConfigError("missing section [levels]", source=self.source, line=1, key="levels")
        levels_raw = self.table(data["levels"], ("levels",))
        for key in levels_raw:
            if key not in {lv.value for lv in Level}:
                raise self.fail(("levels", key), f"unknown level (one of {', '.join(lv.value for lv in Level)})")
        levels: dict[Level, Rule] = {}
        for lv in Level:
            path = ("levels", str(lv.value))
            if lv.value not in levels_raw:
                raise self.fail(path, "missing level")
            row = self.stages(self.table(levels_raw[lv.value], path), path)
            for st in Stage:
                if st.value not in row:
                    raise self.fail(path, f"missing stage {st.value!r}")
            r = row.get("warn_ratio", ratio if "warn_before" not in row else None)
            b = row.get("warn_before", before if "warn_ratio" not in row else None)
            levels[lv] = Rule({st: row[st.value] for st in Stage}, r, b)
        overrides: dict[tuple[str, Level | None], dict[str, Any]] = {}
        cats = self.table(data.get("categories", {}), ("categories",))
        level_names = {lv.value for lv in Level}
        for code, body in cats.items():
            path = ("categories", code)
            if code not in self.codes:
                raise self.fail(path, "unknown category code")
            row = self.table(body, path)
            overrides[(code, None)] = self.stages(row, path, allow=frozenset(level_names))
            for lvname in level_names & row.keys():
                sub = (*path, lvname)
                overrides[(code, Level(lvname))] = self.stages(self.table(row[lvname], sub), sub)
        return SlaTable(calendar=calendar, levels=levels, overrides=overrides,
                        whistle_checkin=extra.get("whistle_checkin", timedelta(minutes=30)),
                        broadcast_ack=extra.get("broadcast_ack", timedelta(minutes=15)))

    def calendar(self, cal: dict[str, Any]) -> WorkCalendar:
        kwargs: dict[str, Any] = {}
        for key, value in cal.items():
            path = ("calendar", key)
            if key == "timezone":
                if not isinstance(value, str):
                    raise self.fail(path, "must be a time zone name like 'Asia/Shanghai'")
                kwargs["tz_name"] = value
            elif key == "workdays":
                if not isinstance(value, list) or any(v not in WEEKDAY_NAMES for v in value):
                    raise self.fail(path, f"must be a list of {', '.join(WEEKDAY_NAMES)}")
                kwargs["weekdays"] = frozenset(WEEKDAY_NAMES.index(v) for v in value)
            elif key == "periods":
                try:
                    kwargs["periods"] = tuple(parse_period(v) for v in value)
                except (TypeError, ValueError, AttributeError) as exc:
                    raise self.fail(path, f"must be a list of 'HH:MM-HH:MM' ({exc})") from None
            elif key in ("holidays", "extra_workdays"):
                if not isinstance(value, list) or not all(isinstance(v, date) for v in value):
                    raise self.fail(path, "must be a list of dates (2026-10-01)")
                kwargs[key] = frozenset(value)
            else:
                raise self.fail(path, "unknown key (timezone, workdays, periods, holidays, extra_workdays)")
        try:
            return WorkCalendar(**kwargs)
        except CalendarError as exc:
            raise self.fail(("calendar",), str(exc)) from None


DEFAULT_SLA_PATH = Path(__file__).resolve().parents[2] / "resources" / "sla.toml"


def default_table() -> SlaTable:
    """The SLA table shipped in ``resources/sla.toml``."""
    return load_sla(DEFAULT_SLA_PATH)
