"""The video wall's layout (issue 12, item 11): kept per workstation across a restart, and a large
layout never takes the other docks' space (switching back leaves the queue as it was)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox
from ui_factories import FakeClock, NoDetails, make_events, small_district

from console.app import ConsoleWindow, Core, Options
from console.services.bus import Bus
from console.services.room import Room
from console.views.main_window import DOCK_QUEUE, DOCK_VIDEO, MainWindow
from console.views.video_wall import LAYOUTS, VideoWall

pytestmark = pytest.mark.qt_log_ignore(
    r".*[Pp]ulse[Aa]udio.*",
    r".*pipewire.*",
    r"Using Qt multimedia with FFmpeg",
    r"qt\.multimedia\..*",
    r"No RHI backend",
)


def choose(wall: VideoWall, key: str) -> None:
    """Pick a layout in the wall's own layout box, as the officer does."""
    box = wall.findChild(QComboBox)
    assert box is not None
    box.setCurrentIndex(box.findData(key))


def chosen(wall: VideoWall) -> str:
    return wall.findChild(QComboBox).currentData()


def open_console(qtbot, core: Core, settings: QSettings) -> ConsoleWindow:
    shell = ConsoleWindow(core, settings, qt_app=QApplication.instance(), defer=True)
    qtbot.addWidget(shell.window)
    shell.build_deferred()
    return shell


def test_wall_layout_is_restored_after_a_restart(qtbot, tmp_path, settings):
    core = Core(Options(db=f"sqlite:///{tmp_path}/console.db", seat="seat-1", no_feed=True))
    try:
        first = open_console(qtbot, core, settings)
        assert chosen(first.video_wall) == "2x2"  # a new workstation starts with 2×2
        choose(first.video_wall, "1+5")
        assert len(first.video_wall.visible_tiles()) == len(LAYOUTS["1+5"])
        first.window.close()

        again = open_console(qtbot, core, settings)
        assert chosen(again.video_wall) == "1+5"
        assert len(again.video_wall.visible_tiles()) == len(LAYOUTS["1+5"])
        again.window.show()
        qtbot.waitExposed(again.window)
        assert sum(t.isVisible() for t in again.video_wall.tiles) == len(LAYOUTS["1+5"])
        again.window.close()
    finally:
        core.sla.stop()
        core.close()


def test_wall_layout_is_kept_per_workstation(qtbot, settings):
    wall = VideoWall()
    qtbot.addWidget(wall)
    wall.remember_layout(settings, "layout/ws-a/videoWall")
    choose(wall, "3x3")
    other = VideoWall()
    qtbot.addWidget(other)
    other.remember_layout(settings, "layout/ws-b/videoWall")
    assert chosen(other) == "2x2"
    same = VideoWall()
    qtbot.addWidget(same)
    same.remember_layout(settings, "layout/ws-a/videoWall")
    assert chosen(same) == "3x3"


def test_video_wall_layout_key_is_gone():
    """Nothing read ``VideoWall.layout_key``: the layout box is the one place showing the layout."""
    assert not hasattr(VideoWall, "layout_key")


@pytest.mark.parametrize("side_by_side", [False, True], ids=["default-docks", "wall-beside-queue"])
def test_large_wall_layout_gives_the_queue_its_space_back(qtbot, settings, side_by_side):
    bus = Bus()
    clock = FakeClock()
    room = Room(bus, clock=clock)
    room.load(make_events(20))
    wall = VideoWall()
    win = MainWindow(room, bus, small_district(), NoDetails(), settings=settings, video_widget=wall,
                     clock=clock, workstation="ws-test")
    qtbot.addWidget(win)
    if side_by_side:  # an officer who put the wall to the right of the queue
        win.splitDockWidget(win.docks[DOCK_QUEUE], win.docks[DOCK_VIDEO], Qt.Orientation.Horizontal)
    win.show()
    qtbot.waitExposed(win)
    queue = win.docks[DOCK_QUEUE]
    before = queue.size()
    wall_min = wall.minimumSizeHint()

    choose(wall, "4x4")
    assert sum(t.isVisible() for t in wall.tiles) == 16
    QApplication.processEvents()
    # 16 tiles share the wall's area: the wall asks for no more room than with 2×2
    assert wall.minimumSizeHint() == wall_min
    choose(wall, "2x2")
    QApplication.processEvents()
    after = queue.size()
    # back to within 1 % (the default layout's proportional shares round to whole pixels)
    assert abs(after.width() - before.width()) <= max(3, before.width() // 100), (before, after)
    assert abs(after.height() - before.height()) <= max(3, before.height() // 100), (before, after)
    win.close()
