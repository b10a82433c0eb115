"""Dispatch with positions (issue 19): the suggestion ranks on-duty workers by walking time, the
panel shows distance and time, and warns when nobody can walk there within 30 minutes; still three
keystrokes (N, A, Enter) for the common case."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
import shapely
from PySide6.QtCore import Qt
from shell_rig import Shell, focus

from console.domain.district import load_district
from console.domain.event import Event, Level, Location, Source, State
from console.domain.geo import offset_m
from console.domain.positions import Fix

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")


def _event(lon, lat, grid):
    now = datetime.now(UTC)
    return Event(id="walk-1", source=Source.HOTLINE_12345, category="city.garbage", title="小区门口垃圾堆放",
                 reported_at=now - timedelta(seconds=20), received_at=now - timedelta(seconds=20),
                 level=Level.GENERAL, state=State.NEW, grid_id=grid, location=Location(lat=lat, lon=lon))


@pytest.fixture
async def walking_shell(qapp, qtbot, tmp_path):
    d = load_district("resources/demo")
    grid = d.grids["yg-c01-m01"]
    c = shapely.Polygon(grid.polygon[0]).representative_point()
    s = Shell(qapp, tmp_path, events=[_event(c.x, c.y, grid.id)])
    qtbot.addWidget(s.window)
    await s.start(qtbot)
    s.centre = (c.x, c.y)
    yield s
    await s.close()


def _put(shell, wid, east_m, north_m, duty=None):
    lon, lat = offset_m(*shell.centre, east_m, north_m)
    shell.core.workers.update([Fix(wid, int(time.time() * 1e6), lon, lat, 6.0, 3.0, 70, duty)])


async def test_panel_ranks_workers_by_walking_time(qtbot, walking_shell):
    shell = walking_shell
    _put(shell, "m-0001", 900, 0)  # the grid's own worker, far
    _put(shell, "m-0003", 0, 240)  # another grid's worker, close
    _put(shell, "m-0010", 500, 0)
    _put(shell, "m-0004", 100, 0)  # off duty on the roster (building chief) and never said otherwise
    _put(shell, "m-0002", 50, 0, duty="off")  # nearest of all, but off duty
    qtbot.keyClick(focus(), Qt.Key.Key_N)
    qtbot.waitUntil(shell.panel.isActiveWindow)
    s = shell.panel.suggestion
    assert [w.member.id for w in s.nearby] == ["m-0003", "m-0010", "m-0001"]
    assert s.assignee_id == "m-0003"
    assert s.in_time is True
    text = shell.panel.suggest_label.text()
    assert "步行最近的在岗" in text
    assert "240米" in text
    assert "步行约5分钟" in text  # 240 m × 1.3 ÷ 1.2 m/s = 260 s
    rows = [shell.panel.targets.item(i).text() for i in range(shell.panel.targets.count())]
    assert any(r.startswith("网格员：") and "240米 · 步行约5分钟" in r for r in rows)
    # the common case stays three keystrokes: N (done), A, Enter
    qtbot.keyClick(focus(), Qt.Key.Key_A)
    with qtbot.waitSignal(shell.panel.dispatched):
        qtbot.keyClick(focus(), Qt.Key.Key_Return)
        await shell.settle()
    assert shell.core.room.get("walk-1").state is State.DISPATCHED


async def test_panel_warns_when_nobody_is_within_30_minutes(qtbot, walking_shell):
    shell = walking_shell
    _put(shell, "m-0001", 0, 2500)  # 2.5 km: ~45 minutes on foot
    qtbot.keyClick(focus(), Qt.Key.Key_N)
    qtbot.waitUntil(shell.panel.isActiveWindow)
    s = shell.panel.suggestion
    assert s.in_time is False
    assert "30分钟内无在岗网格员可步行到达" in shell.panel.suggest_label.text()
    assert "最近的林秀强步行约46分钟" in shell.panel.suggest_label.text()


async def test_without_positions_the_grid_worker_is_suggested(qtbot, walking_shell):
    shell = walking_shell
    qtbot.keyClick(focus(), Qt.Key.Key_N)
    qtbot.waitUntil(shell.panel.isActiveWindow)
    s = shell.panel.suggestion
    assert s.nearby == []
    assert s.in_time is None
    assert s.assignee_id in {"m-0001", "m-0002"}
