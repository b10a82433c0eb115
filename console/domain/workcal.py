"""Working-hours calendar: "4 working hours" means office time, not wall-clock time (DESIGN §2).

Default: Monday–Friday 08:30–12:00 and 14:00–17:30, Asia/Shanghai. Holidays (no work on a
weekday) and make-up working days (调休, work on a weekend day) are optional date sets.
All inputs and outputs are timezone-aware datetimes; results are returned in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# a calendar with at least one working period finds one within a year; the guard stops
# a pathological configuration (every day a holiday) from looping forever
_MAX_DAYS = 3 * 366


class CalendarError(ValueError):
    """A working-hours calendar that cannot work (no periods, overlapping periods, ...)."""


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    tz_name: str = "Asia/Shanghai"
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    periods: tuple[tuple[time, time], ...] = ((time(8, 30), time(12, 0)), (time(14, 0), time(17, 30)))
    holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()
    tz: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            zone = ZoneInfo(self.tz_name)
        except Exception as exc:  # ZoneInfoNotFoundError, ValueError for malformed keys
            raise CalendarError(f"unknown time zone {self.tz_name!r}") from exc
        object.__setattr__(self, "tz", zone)
        if not self.periods:
            raise CalendarError("a working calendar needs at least one working period")
        prev_end: time | None = None
        for start, end in self.periods:
            if not start < end:
                raise CalendarError(f"working period {start:%H:%M}-{end:%H:%M} ends before it starts")
            if prev_end is not None and start < prev_end:
                raise CalendarError("working periods must be in order and must not overlap")
            prev_end = end
        if not self.weekdays and not self.extra_workdays:
            raise CalendarError("a working calendar needs at least one working weekday")

    # ---- queries -------------------------------------------------------------------------------
    def is_workday(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() in self.weekdays and day not in self.holidays

    def is_working(self, at: datetime) -> bool:
        local = at.astimezone(self.tz)
        if not self.is_workday(local.date()):
            return False
        t = local.timetz().replace(tzinfo=None)
        return any(start <= t < end for start, end in self.periods)

    def _segments(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_workday(day):
            return []
        return [
            (datetime.combine(day, s, tzinfo=self.tz), datetime.combine(day, e, tzinfo=self.tz))
            for s, e in self.periods
        ]

    def add(self, start: datetime, work: timedelta) -> datetime:
        """The instant when ``work`` of working time has elapsed after ``start`` (UTC).

        Time outside working periods (nights, lunch, weekends, holidays) does not count; a
        start outside working hours begins counting at the next working period.
        """
        if start.tzinfo is None:
            raise ValueError("start must be timezone-aware")
        if work < timedelta(0):
            raise ValueError("working time to add must not be negative")
        local = start.astimezone(self.tz)
        remaining = work
        day = local.date()
        for _ in range(_MAX_DAYS):
            for seg_start, seg_end in self._segments(day):
                if local >= seg_end:
                    continue
                begin = max(local, seg_start)
                available = seg_end - begin
                if remaining <= available:
                    return (begin + remaining).astimezone(UTC)
                remaining -= available
            day += timedelta(days=1)
        raise CalendarError("no working time found within three years")

    def between(self, a: datetime, b: datetime) -> timedelta:
        """Working time elapsed from ``a`` to ``b`` (zero when ``b`` is not after ``a``)."""
        if b <= a:
            return timedelta(0)
        la, lb = a.astimezone(self.tz), b.astimezone(self.tz)
        total = timedelta(0)
        day = la.date()
        while day <= lb.date():
            for seg_start, seg_end in self._segments(day):
                lo, hi = max(seg_start, la), min(seg_end, lb)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total


DEFAULT_CALENDAR = WorkCalendar()


def parse_hhmm(text: str) -> time:
    """``"08:30"`` → time(8, 30); raises ValueError on anything else."""
    hh, sep, mm = text.strip().partition(":")
    if not sep or not hh.isdigit() or not mm.isdigit() or len(mm) != 2:
        raise ValueError(f"not a HH:MM time: {text!r}")
    h, m = int(hh), int(mm)
    if h == 24 and m == 0:
        return time.max
    return time(h, m)


def parse_period(text: str) -> tuple[time, time]:
    """``"08:30-12:00"`` → (08:30, 12:00)."""
    start, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"not a HH:MM-HH:MM period: {text!r}")
    return parse_hhmm(start), parse_hhmm(end)
