"""SLA table: loading, validation errors with line and key, deadlines per stage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from console.domain.categories import CATEGORIES
from console.domain.event import Event, Level, Source, State
from console.domain.sla import (
    DEFAULT_SLA_PATH,
    Limit,
    SlaConfigError,
    Stage,
    add_pause,
    load_sla,
    mark_stage_start,
    next_deadline,
    parse_limit,
    parse_sla,
)

SH = ZoneInfo("Asia/Shanghai")

BASE = """\
[warning]
warn_ratio = 0.8

[levels.general]
dispatch = "60s"
sign = "30min"
arrive = "2h"
resolve = "24h"
close = "5d"

[levels.significant]
dispatch = "60s"
sign = "15min"
arrive = "1h"
resolve = "8h"
close = "3d"

[levels.major]
dispatch = "60s"
sign = "5min"
arrive = "30min"
resolve = "4h"
close = "2d"

[levels.critical]
dispatch = "60s"
sign = "3min"
arrive = "15min"
resolve = "2h"
close = "1d"

[categories."city.garbage"]
resolve = "4wh"

[categories."city.illegal_building"]
resolve = "4wh"
warn_before = "30wmin"

[categories."fire.fire".critical]
sign = "2min"
"""
CODES = frozenset(CATEGORIES)


def ev(state: State = State.NEW, *, category: str = "city.garbage", level: Level = Level.GENERAL,
       received: datetime, **kw) -> Event:
    return Event(id="e1", source=Source.GRID_APP, category=category, title="t", reported_at=received,
                 received_at=received, level=level, state=state, **kw)


def test_shipped_table_loads_and_matches_the_seeds() -> None:
    table = load_sla(DEFAULT_SLA_PATH)
    assert table.limit("city.garbage", Level.GENERAL, Stage.RESOLVE) == Limit(4, "wh")  # 暴露垃圾
    assert table.limit("city.illegal_building", Level.SIGNIFICANT, Stage.RESOLVE) == Limit(4, "wh")  # 违法建设
    for lv in Level:
        assert table.limit("unclassified", lv, Stage.DISPATCH) == Limit(60, "s")
    assert table.whistle_checkin == timedelta(minutes=30)


def test_overrides_apply_per_category_and_level() -> None:
    t = parse_sla(BASE, categories=CODES)
    assert t.limit("fire.fire", Level.CRITICAL, Stage.SIGN) == Limit(2, "min")
    assert t.limit("fire.fire", Level.MAJOR, Stage.SIGN) == Limit(5, "min")
    assert t.limit("city.vending", Level.GENERAL, Stage.RESOLVE) == Limit(24, "h")


@pytest.mark.parametrize(
    ("value", "limit"),
    [("60s", Limit(60, "s")), ("4wh", Limit(4, "wh")), (" 1.5 h ", Limit(1.5, "h")), (30, Limit(30, "min"))],
)
def test_parse_limit(value, limit) -> None:
    assert parse_limit(value) == limit


def _error(text: str) -> SlaConfigError:
    with pytest.raises(SlaConfigError) as info:
        parse_sla(text, source="sla.toml", categories=CODES)
    return info.value


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_unknown_category_names_line_and_key() -> None:
    text = BASE + '\n[categories."city.nonsense"]\nresolve = "2h"\n'
    err = _error(text)
    assert err.key == "categories.city.nonsense"
    assert err.line == _line_of(text, "city.nonsense")
    assert "unknown category" in str(err)
    assert f"sla.toml:{err.line}" in str(err)


def test_negative_limit_names_line_and_key() -> None:
    text = BASE.replace('arrive = "30min"', 'arrive = "-30min"')
    err = _error(text)
    assert (err.key, err.line) == ("levels.major.arrive", _line_of(text, '"-30min"'))
    assert "negative" in err.reason


def test_bad_unit_names_line_and_key() -> None:
    text = BASE.replace('resolve = "4wh"\n\n[categories."city.illegal', 'resolve = "4 fortnights"\n\n[categories."city.illegal')
    err = _error(text)
    assert (err.key, err.line) == ("categories.city.garbage.resolve", _line_of(text, "fortnights"))
    assert "bad unit" in err.reason


def test_missing_level_points_at_levels() -> None:
    start = BASE.index("[levels.critical]")
    end = BASE.index("[categories")
    text = BASE[:start] + BASE[end:]
    err = _error(text)
    assert err.key == "levels.critical"
    assert "missing level" in err.reason
    assert err.line == _line_of(text, "[levels.general]")


def test_missing_stage_points_at_its_level() -> None:
    text = BASE.replace('sign = "15min"\n', "")
    err = _error(text)
    assert (err.key, err.line) == ("levels.significant", _line_of(text, "[levels.significant]"))
    assert "'sign'" in err.reason


def test_toml_syntax_error_has_line() -> None:
    text = BASE.replace('close = "2d"', 'close = "2d')
    err = _error(text)
    assert err.line == _line_of(text, 'close = "2d')
    assert "TOML syntax" in err.reason


@pytest.mark.parametrize(
    ("mutation", "key"),
    [
        (("[warning]", "[warnings]"), "warnings"),
        (('dispatch = "60s"\nsign = "3min"', 'dispatch = "60s"\nsgin = "3min"'), "levels.critical.sgin"),
        (("warn_ratio = 0.8", "warn_ratio = 1.5"), "warning.warn_ratio"),
        (('sign = "2min"', 'sign = 0'), 'categories.fire.fire.critical.sign'),
        (("[levels.major]", "[levels.huge]\nx=1\n[levels.major]"), "levels.huge"),
    ],
)
def test_other_semantic_errors(mutation: tuple[str, str], key: str) -> None:
    text = BASE.replace(*mutation, 1)
    err = _error(text)
    assert err.key == key
    assert err.line is not None


def test_bad_calendar_refused() -> None:
    err = _error('[calendar]\nperiods = ["14:00-12:00"]\n' + BASE)
    assert err.key == "calendar"
    assert err.line == 1
    err = _error('[calendar]\nworkdays = ["monday"]\n' + BASE)
    assert (err.key, err.line) == ("calendar.workdays", 2)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SlaConfigError):
        load_sla(tmp_path / "missing.toml")


# ---- deadlines -------------------------------------------------------------------------------------
T = parse_sla(BASE, categories=CODES)
R = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 09:00 Shanghai


def test_dispatch_deadline_from_receipt() -> None:
    dl = next_deadline(ev(received=R), T)
    assert dl is not None
    assert (dl.kind, dl.at, dl.warn_at) == (Stage.DISPATCH, R + timedelta(seconds=60), R + timedelta(seconds=48))


def test_stage_deadlines_follow_state() -> None:
    d = R + timedelta(minutes=2)
    e = ev(State.DISPATCHED, category="city.vending", received=R, dispatched_at=d)
    assert next_deadline(e, T).at == d + timedelta(minutes=30)
    assert next_deadline(e.copy(state=State.ACCEPTED), T).at == d + timedelta(hours=2)
    assert next_deadline(e.copy(state=State.ON_SCENE), T).at == d + timedelta(hours=24)
    assert next_deadline(e.copy(state=State.RESOLVED), T).at == R + timedelta(days=5)
    assert next_deadline(e.copy(state=State.VERIFIED), T).kind is Stage.CLOSE
    for st in (State.SUSPENDED, State.CLOSED, State.REJECTED):
        assert next_deadline(e.copy(state=st), T) is None


def test_working_hours_resolve_deadline_and_warning() -> None:
    # dispatched Friday 16:00 Shanghai: 4 working hours → Monday 11:00, warn at 80% → Monday 10:12
    d = datetime(2026, 11, 20, 16, 0, tzinfo=SH)
    e = ev(State.ON_SCENE, received=d, dispatched_at=d)
    dl = next_deadline(e, T)
    assert dl.at == datetime(2026, 11, 23, 11, 0, tzinfo=SH)
    assert dl.warn_at == datetime(2026, 11, 23, 10, 12, tzinfo=SH)
    # warn_before in working minutes: 30 working minutes before Monday 11:00 → 10:30
    e2 = ev(State.ON_SCENE, category="city.illegal_building", level=Level.SIGNIFICANT, received=d, dispatched_at=d)
    dl2 = next_deadline(e2, T)
    assert (dl2.at, dl2.warn_at) == (datetime(2026, 11, 23, 11, 0, tzinfo=SH), datetime(2026, 11, 23, 10, 30, tzinfo=SH))


def test_restarted_clock_and_pause() -> None:
    later = R + timedelta(minutes=10)
    e = ev(State.ESCALATED, received=R, updated_at=later)
    assert next_deadline(e, T).at == later + timedelta(seconds=60)
    e = ev(State.DISPATCHED, received=R, dispatched_at=R)
    e.extra.update(mark_stage_start(e.extra, Stage.SIGN, later))
    assert next_deadline(e, T).at == later + timedelta(minutes=30)
    # an hour suspended after the stage started moves its deadline by an hour
    e.extra.update(add_pause(e.extra, later + timedelta(minutes=5), later + timedelta(minutes=65)))
    assert next_deadline(e, T).at == later + timedelta(minutes=90)
    # a pause before the stage started does not count
    e2 = ev(State.DISPATCHED, received=R, dispatched_at=R)
    e2.extra.update(add_pause(e2.extra, R - timedelta(hours=2), R - timedelta(hours=1)))
    assert next_deadline(e2, T).at == R + timedelta(minutes=30)
