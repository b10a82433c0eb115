"""Working-hours calendar: adding office time across lunch, nights, weekends and holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.domain.workcal import CalendarError, WorkCalendar, parse_period

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkCalendar()


def sh(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SH)


# 2026-11-20 is a Friday, 2026-11-23 a Monday
@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (sh(2026, 11, 23, 9, 0), 2, sh(2026, 11, 23, 11, 0)),  # inside the morning
        (sh(2026, 11, 23, 11, 0), 2, sh(2026, 11, 23, 15, 0)),  # over lunch
        (sh(2026, 11, 23, 16, 0), 4, sh(2026, 11, 24, 11, 0)),  # over the night
        (sh(2026, 11, 20, 16, 0), 4, sh(2026, 11, 23, 11, 0)),  # Friday → Monday
        (sh(2026, 11, 21, 10, 0), 4, sh(2026, 11, 23, 14, 30)),  # Saturday start
        (sh(2026, 11, 23, 7, 0), 1, sh(2026, 11, 23, 9, 30)),  # before office hours
        (sh(2026, 11, 23, 12, 30), 1, sh(2026, 11, 23, 15, 0)),  # in the lunch break
        (sh(2026, 11, 23, 20, 0), 7, sh(2026, 11, 24, 17, 30)),  # exactly one working day
        (sh(2026, 11, 23, 8, 30), 35, sh(2026, 11, 27, 17, 30)),  # a whole week
    ],
)
def test_add_working_hours(start: datetime, hours: float, expected: datetime) -> None:
    got = CAL.add(start, timedelta(hours=hours))
    assert got == expected
    assert got.tzinfo is UTC


def test_add_zero_at_end_of_period_stays() -> None:
    assert CAL.add(sh(2026, 11, 23, 10), timedelta(0)) == sh(2026, 11, 23, 10)


def test_between_is_inverse_of_add() -> None:
    start = sh(2026, 11, 20, 15, 10)
    for minutes in (1, 50, 140, 211, 420, 999):
        end = CAL.add(start, timedelta(minutes=minutes))
        assert CAL.between(start, end) == timedelta(minutes=minutes)


def test_holidays_and_makeup_days() -> None:
    cal = WorkCalendar(holidays=frozenset({date(2026, 11, 23)}), extra_workdays=frozenset({date(2026, 11, 22)}))
    # Friday 16:00 + 4 h: 1.5 h Friday, then Sunday (make-up day) 08:30–11:00
    assert cal.add(sh(2026, 11, 20, 16), timedelta(hours=4)) == sh(2026, 11, 22, 11)
    # Sunday 17:00 + 1 h: Monday is a holiday → Tuesday 09:00
    assert cal.add(sh(2026, 11, 22, 17), timedelta(hours=1)) == sh(2026, 11, 24, 9)
    assert not cal.is_working(sh(2026, 11, 23, 10))
    assert cal.is_working(sh(2026, 11, 22, 10))


def test_input_in_utc_is_read_in_local_time() -> None:
    # 01:00 UTC = 09:00 Shanghai
    start = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    assert CAL.add(start, timedelta(hours=1)) == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_bad_calendars_refused() -> None:
    with pytest.raises(CalendarError):
        WorkCalendar(periods=())
    with pytest.raises(CalendarError):
        WorkCalendar(periods=((time(14), time(12)),))
    with pytest.raises(CalendarError):
        WorkCalendar(periods=((time(8), time(12)), (time(11), time(13))))
    with pytest.raises(CalendarError):
        WorkCalendar(tz_name="Mars/Olympus")
    with pytest.raises(ValueError):
        parse_period("0830-1200")
    with pytest.raises(ValueError):
        CAL.add(datetime(2026, 11, 23, 9), timedelta(hours=1))


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(SH)),
    minutes=st.integers(min_value=0, max_value=60 * 24 * 20),
)
def test_add_then_between_round_trips(start: datetime, minutes: int) -> None:
    end = CAL.add(start, timedelta(minutes=minutes))
    assert end >= start
    assert CAL.between(start, end) == timedelta(minutes=minutes)
    if minutes:
        # the deadline itself falls inside (or at the end of) a working period
        assert CAL.is_working(end - timedelta(seconds=1))
