"""The wall screen (issue 16), driven as a supervisor drives it: rotation with a countdown, pause
(space, click), pin (P), alarm takeover and acknowledgement (Enter, click, timeout), stale greying
on a fake clock, the "store unreachable" banner, and the wall CLI's bad-input messages."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from console.bench.wall_room import build_room
from console.cli import main as cli_main
from console.core import load_or_seed_district
from console.domain.sla import default_table
from console.qtmodels.wall_table import WallTableModel
from console.services.wall_data import WallDataService
from console.store import open_store
from console.views.wall.controller import WallController
from console.views.wall.pages import PAGES
from console.views.wall.style import STALE
from console.views.wall.window import WallScreen

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    path = tmp_path_factory.mktemp("wall") / "room.db"
    url = f"sqlite:///{path}"
    store = open_store(url)
    district = load_or_seed_district(store)
    build_room(store, district, default_table(), NOW, days=7, history_per_day=40, open_extra=150, seed=2)
    store.close()
    ro = open_store(url, readonly=True)
    snap = WallDataService(ro, default_table(), clock=lambda: NOW).refresh()
    ro.close()
    return url, district, snap


@pytest.fixture
def screen(qtbot, room):
    _, district, snap = room
    clock = Clock(NOW)
    w = WallScreen(district, pages=["kpi", "overdue", "trend"], dwell={"kpi": 3, "overdue": 2, "trend": 2},
                   clock=clock, height=720, alarm_timeout=5)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    w.apply(snap)
    w.clock_ = clock
    return w


def ticks(w: WallScreen, n: int) -> None:
    for _ in range(n):
        w.tick()


def test_pages_rotate_with_their_dwell_and_a_countdown(qtbot, screen) -> None:
    assert screen.page_name == "kpi"
    ticks(screen, 1)
    assert "2" in screen.countdown.text()
    assert "超期与督办" in screen.countdown.text()
    with qtbot.waitSignal(screen.pageChanged, timeout=1000) as sig:
        ticks(screen, 2)
    assert sig.args == ["overdue"]
    assert screen.stack.currentWidget() is screen.pages["overdue"]
    ticks(screen, 2)
    assert screen.page_name == "trend"
    ticks(screen, 2)
    assert screen.page_name == "kpi"


def test_space_and_click_pause_p_pins(qtbot, screen) -> None:
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.paused
    assert screen.state_label.text() == "已暂停"
    ticks(screen, 10)
    assert screen.page_name == "kpi"
    assert screen.countdown.text() == ""
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)  # a click resumes
    assert not screen.paused
    qtbot.keyClick(screen, Qt.Key.Key_Right)
    assert screen.page_name == "overdue"
    qtbot.keyClick(screen, Qt.Key.Key_P)
    assert screen.pinned
    assert screen.state_label.text() == "已固定"
    ticks(screen, 10)
    assert screen.page_name == "overdue"
    qtbot.keyClick(screen, Qt.Key.Key_P)
    ticks(screen, 2)
    assert screen.page_name == "trend"


def test_alarm_takes_the_screen_over_until_acknowledged(qtbot, screen, room) -> None:
    _, _, snap = room
    alarm = snap.alarms[0]
    with qtbot.waitSignal(screen.pageChanged, timeout=1000) as sig:
        screen.raise_alarm(alarm)
    assert sig.args == ["alarm"]
    assert screen.stack.currentWidget() is screen.alarm_page
    assert alarm.title in screen.alarm_page.title.text()
    assert screen.alarm_page.map.markers.store.ids == [alarm.id]
    ticks(screen, 3)  # rotation is held while an alarm shows
    assert screen.page_name == "alarm"
    screen.raise_alarm(alarm)  # the same alarm again: not queued twice
    assert screen.alarm_queue == []
    with qtbot.waitSignal(screen.acknowledged, timeout=1000) as ack:
        qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert ack.args == [alarm.key]
    assert screen.page_name == "kpi"
    # a second alarm times out by itself
    other = replace(alarm, id="other", breached=True)
    screen.raise_alarm(other)
    assert screen.page_name == "alarm"
    assert "超时" in screen.alarm_page.kind.text()
    ticks(screen, 5)
    assert screen.page_name == "kpi"
    # a click acknowledges too
    screen.raise_alarm(replace(alarm, id="third"))
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)
    assert screen.page_name == "kpi"
    assert not screen.paused


def test_tiles_show_their_refresh_time_and_grey_when_older_than_60_s(qtbot, screen) -> None:
    page = screen.pages["kpi"]
    tile = page.tiles["closure_rate"]
    assert "15:30:00" in tile.stamp.text()
    assert "15:30:00" in page.stamp.text()
    assert not page.stale
    screen.clock_.now = NOW + timedelta(seconds=59)
    screen.tick()
    assert not page.stale
    screen.clock_.now = NOW + timedelta(seconds=61)
    screen.tick()
    assert page.stale
    assert screen.pages["overdue"].stale
    assert tile.value.palette().color(QPalette.ColorRole.WindowText).name() == STALE
    assert tile.property("stale") is True
    overdue = screen.pages["overdue"].model
    if overdue.rowCount():
        assert overdue.data(overdue.index(0, 0), Qt.ItemDataRole.ForegroundRole).color().name() == STALE


@pytest.mark.parametrize("height", [1080, 2160])
def test_every_page_fits_its_screen(qtbot, room, height) -> None:
    """Nine KPI tiles in three rows and every other page fit the screen's height (nothing cut off
    at the bottom of a 1080 wall)."""
    _, district, snap = room
    w = WallScreen(district, clock=Clock(NOW), height=height)
    qtbot.addWidget(w)
    w.resize(height * 16 // 9, height)
    w.show()
    w.apply(snap)
    for k in range(len(w.pages)):
        w._show_page(k)
        qtbot.waitUntil(lambda: w.height() == height or w.height() > height, timeout=2_000)
        assert w.height() == height, list(w.pages)[k]


def test_page_sizes_scale_with_the_screen(qtbot, room) -> None:
    _, district, _ = room
    for height, number_px in ((1080, 56), (2160, 112)):
        w = WallScreen(district, pages=["kpi"], clock=Clock(NOW), height=height)
        qtbot.addWidget(w)
        tile = w.pages["kpi"].tiles["open"]
        assert tile.value.font().pixelSize() == number_px >= 48 * height / 1080
        assert tile.title.font().pixelSize() >= 24 * height / 1080


class FailingService:
    def __init__(self) -> None:
        self.calls = 0

    def refresh(self):
        self.calls += 1
        raise OSError("database is locked")


def test_an_unreachable_store_shows_a_banner_and_retries(qtbot, screen) -> None:
    svc = FailingService()
    ctl = WallController(svc, interval_s=60)
    ctl.add_screen(screen)
    try:
        with qtbot.waitSignal(ctl.failed, timeout=5000) as sig:
            ctl.refresh()
        assert "数据源不可达" in sig.args[0]
        assert "database is locked" in sig.args[0]
        assert screen.banner.isVisibleTo(screen)
        assert "重试" in screen.banner.text()
        assert ctl.refresher.isActive()
        assert ctl.refresher.interval() == 2000
        with qtbot.waitSignal(ctl.failed, timeout=5000):
            ctl.refresh()
        assert ctl.refresher.interval() == 4000
        assert svc.calls == 2
    finally:
        ctl.stop()


def test_the_controller_delivers_snapshots_and_routes_an_alarm_to_one_screen(qtbot, room) -> None:
    url, district, snap = room
    store = open_store(url, readonly=True)
    svc = WallDataService(store, default_table(), clock=lambda: NOW)
    ctl = WallController(svc, interval_s=60)
    screens = []
    for _ in range(2):
        w = WallScreen(district, pages=["kpi", "map"], clock=Clock(NOW), height=720)
        qtbot.addWidget(w)
        ctl.add_screen(w)
        screens.append(w)
    try:
        with qtbot.waitSignal(ctl.refreshed, timeout=20000):
            ctl.refresh()
        assert all(s.snapshot is not None for s in screens)
        first = screens[0]
        assert not first.pages["map"].map.markers.store.ids  # a hidden map page does not pay for them…
        first.show()
        first.next_page()  # …until it is shown
        assert first.page_name == "map"
        assert len(first.pages["map"].map.markers.store.ids) == len(first.snapshot.markers.ids) > 0
        ctl.route_alarm(snap.alarms[0])
        assert [s.page_name for s in screens] == ["alarm", "kpi"]  # one screen taken over
        ctl.route_alarm(snap.alarms[1])
        assert [s.page_name for s in screens] == ["alarm", "alarm"]
    finally:
        ctl.stop()
        store.close()


def test_table_model(qtmodeltester) -> None:
    model = WallTableModel(["等级", "事件"])
    model.set_rows([["重大", "道路积水"], ["一般", "占道经营"]], keys=["a", "b"], colours=["#ff0000", None])
    qtmodeltester.check(model)
    model.set_stale(True)
    qtmodeltester.check(model)
    with pytest.raises(ValueError, match="cells"):
        model.set_rows([["only one"]])


@pytest.mark.parametrize(("args", "message"), [
    (["--pages", "map,weather"], "unknown page 'weather'"),
    (["--screens", "0,x"], "--screens takes screen numbers"),
    (["--dwell", "0"], "--dwell and --interval must be positive"),
    (["--dwell", "20,weather=3"], "unknown page 'weather' in --dwell"),
    (["--dwell", "20,map=slow"], "--dwell takes seconds"),
    (["--screens", "7"], "screen 7 does not exist"),
])
def test_wall_cli_bad_input_is_one_clear_line(qapp, room, capsys, args, message) -> None:
    url, _, _ = room
    assert cli_main(["wall", "--db", url, *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("wall: ")
    assert message in err[0]


def test_wall_cli_unknown_database(qapp, tmp_path, capsys) -> None:
    assert cli_main(["wall", "--db", str(tmp_path / "missing.db")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("wall: ")


def test_pages_list_matches_the_cli() -> None:
    from console.cli.wall import PAGES as CLI_PAGES
    from console.cli.wall import parse_dwell

    assert tuple(PAGES) == CLI_PAGES
    assert parse_dwell("15,map=40", ["map", "kpi"]) == {"map": 40, "kpi": 15}


def test_screens_removed_and_added_keep_a_wall_window(qtbot, room) -> None:
    from PySide6.QtGui import QGuiApplication

    from console.views.wall.display import WallDisplay

    url, district, _ = room
    store = open_store(url, readonly=True)
    ctl = WallController(WallDataService(store, default_table(), clock=lambda: NOW), interval_s=60)
    display = WallDisplay(ctl, district, screens=[0], pages=["kpi", "overdue"], dwell=5, clock=Clock(NOW),
                          fullscreen=False)
    try:
        screen = QGuiApplication.screens()[0]
        w = display.windows[screen]
        qtbot.addWidget(w)
        geo = screen.geometry()
        assert w.pos() == geo.topLeft()
        assert w.size() == geo.size()
        assert ctl.screens == [w]
        display._removed(screen)  # the monitor is unplugged: its window goes, nothing crashes
        assert display.windows == {}
        assert ctl.screens == []
        display._added(screen)  # plugged in again: the wall comes back on it
        assert list(display.windows) == [screen]
        qtbot.addWidget(display.windows[screen])
        assert ctl.screens == [display.windows[screen]]
    finally:
        display.close_all()
        ctl.stop()
        store.close()
