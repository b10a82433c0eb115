"""The camera wall: layouts, enlarge, drag and drop, following events, tours, snapshots."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console.domain.cameras import CameraGroup
from console.domain.event import Event, Location, Source
from console.domain.grid import Camera
from console.services.media import render_clip
from console.services.snapshots import SnapshotService
from console.views.camera_list import CameraList
from console.views.video_wall import LAYOUTS, VideoWall
from console.widgets.video_tile import CAMERA_MIME, TileState, camera_ids_from_mime, camera_mime

pytestmark = [
    pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg"),
    pytest.mark.qt_log_ignore(
        r"Could not open media",
        r"No HW decoder found",
        r"No RHI backend",
        r"pipewire",
        r"Using Qt multimedia with FFmpeg",
        r"qt\.multimedia\..*",
        r"This plugin does not support raise\(\)",  # offscreen QPA: the video window container
    ),
]

LAT, LON = 31.0, 121.0
DLAT = 1 / 111_195  # one metre of latitude


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wallclips") / "cam.mp4"
    return render_clip(out, "testsrc2=size={w}x{h}:rate={fps}", "W", width=320, height=180, seconds=4)


def make_cameras(url: str) -> list[Camera]:
    """Cameras south of the event point: 'n*' look north (see it), 's*' look south (do not)."""
    cams = []
    for i in range(1, 7):
        cams.append(Camera(f"n{i}", f"北向{i}", LAT - i * 40 * DLAT, LON, grid_id="g1", heading_deg=0.0,
                           fov_deg=60.0, main_url=url, sub_url=url, tags=["路口"]))  # fmt: skip
    for i in range(1, 3):
        cams.append(Camera(f"s{i}", f"南向{i}", LAT - i * 30 * DLAT, LON, grid_id="g2", heading_deg=180.0,
                           fov_deg=60.0, main_url=url, sub_url=url, tags=["河道"]))  # fmt: skip
    cams.append(Camera("far", "远处", LAT - 0.05, LON, grid_id="g2", main_url=url, sub_url=url))
    return cams


def event(**kw) -> Event:
    base = dict(id="e1", source=Source.GRID_APP, category="x", title="占道经营",
                reported_at=datetime(2026, 11, 22, 2, 0, tzinfo=UTC), location=Location(LAT, LON))  # fmt: skip
    base.update(kw)
    return Event(**base)


@pytest.fixture
def wall(qtbot, clip):
    w = VideoWall()
    qtbot.addWidget(w)
    w.set_cameras(make_cameras(clip.as_uri()), {"g1": "一号网格", "g2": "二号网格"})
    w.resize(800, 600)
    return w


@pytest.mark.parametrize("key", list(LAYOUTS))
def test_layouts_show_the_right_tiles(qtbot, wall, key):
    wall.show()
    wall.set_layout(key)
    shown = [t for t in wall.tiles if t.isVisible()]
    assert len(shown) == len(LAYOUTS[key]) == len(wall.visible_tiles())
    assert [t.large for t in shown] == [i == 0 and key in ("1", "1+5") for i in range(len(shown))]
    for t in wall.tiles:
        if not t.isVisible():
            assert t.state in (TileState.IDLE, TileState.PAUSED)


def test_follow_event_fills_nearest_seeing_cameras_first(qtbot, wall):
    chosen = wall.follow_event(event())
    assert [c.id for c in chosen] == ["n1", "n2", "n3", "n4"]  # 2×2: seeing ones, nearest first
    assert [t.camera.id for t in wall.layout_tiles()] == ["n1", "n2", "n3", "n4"]
    assert wall.enlarged is None
    assert wall.selected_event.id == "e1"
    wall.set_layout("3x3")
    assert [c.id for c in wall.follow_event(event())] == ["n1", "n2", "n3", "n4", "n5", "n6", "s1", "s2"]
    wall.set_auto_follow(False)  # the officer pinned their cameras: selection only retargets snapshots
    wall.assign(0, None)
    wall.on_event_selected(event(id="e2"))
    assert wall.tiles[0].camera is None
    assert wall.selected_event.id == "e2"
    wall.set_auto_follow(True)
    wall.on_event_selected(event(id="e3"))
    assert wall.tiles[0].camera.id == "n1"


def test_video_ai_event_opens_its_camera_enlarged(qtbot, wall, clip, tmp_path):
    main = tmp_path / "main.mp4"
    shutil.copy(clip, main)
    cams = wall.cameras()
    cams.append(Camera("ai", "AI相机", LAT + 0.001, LON, main_url=main.as_uri(), sub_url=clip.as_uri()))
    wall.set_cameras(cams)
    wall.show()
    wall.follow_event(event(source=Source.VIDEO_AI, camera_id="ai", location=None))
    assert wall.enlarged is wall.tiles[0]
    assert wall.tiles[0].camera.id == "ai"
    assert wall.tiles[0].url == main.as_uri()  # enlarged → main stream
    assert [t for t in wall.tiles if t.isVisible()] == [wall.tiles[0]]
    qtbot.waitUntil(lambda: wall.tiles[0].state is TileState.LIVE, timeout=15_000)


def test_double_click_toggles_enlarge(qtbot, wall):
    wall.show()
    wall.set_layout("2x2")
    tile = wall.tiles[2]
    QTest.mouseDClick(tile, Qt.MouseButton.LeftButton)
    assert wall.enlarged is tile
    assert tile.large
    assert [t for t in wall.tiles if t.isVisible()] == [tile]
    QTest.mouseDClick(tile, Qt.MouseButton.LeftButton)
    assert wall.enlarged is None
    assert not tile.large
    assert len([t for t in wall.tiles if t.isVisible()]) == 4


def test_drop_cameras_onto_a_tile(qtbot, wall):
    wall.show()
    tile = wall.tiles[1]
    mime = camera_mime(["n2", "unknown", "s1"])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(5, 5), *args)
    QApplication.sendEvent(tile, enter)  # Qt delivers a drop only after an accepted drag-enter
    assert enter.isAccepted()
    QApplication.sendEvent(tile, QDropEvent(QPointF(5, 5), *args))
    assert wall.tiles[1].camera.id == "n2"
    assert wall.tiles[2].camera.id == "s1"


def test_camera_list_filters_and_drags_ids(qtbot, clip):
    lst = CameraList()
    qtbot.addWidget(lst)
    lst.set_cameras(make_cameras(clip.as_uri()), {"g1": "一号网格", "g2": "二号网格"})
    assert lst.count() == 9
    lst.set_filter("河道")
    assert sorted(lst.visible_ids()) == ["s1", "s2"]
    lst.set_filter("一号")
    assert len(lst.visible_ids()) == 6
    items = [lst.tree.topLevelItem(i) for i in range(2)]
    mime = lst.tree.mimeData(items)
    assert mime.hasFormat(CAMERA_MIME)
    assert len(camera_ids_from_mime(mime)) == 2
    with qtbot.waitSignal(lst.camera_activated, timeout=1000) as sig:
        lst.tree.itemActivated.emit(items[0], 0)
    assert sig.args[0] == items[0].data(0, Qt.ItemDataRole.UserRole)


def test_tile_tour_and_wall_tour(qtbot, wall):
    wall.set_layout("2x2")
    group = CameraGroup("tag", "路口")
    assert group in wall.groups()
    assert wall.start_tour(group, tile_index=3, interval_s=0.1)
    assert wall.tiles[3].camera.id == "n1"
    qtbot.waitUntil(lambda: wall.tiles[3].camera.id == "n3", timeout=3000)
    wall.stop_tour(3)
    assert wall.tours() == {}
    assert wall.start_tour(group, interval_s=0.1)  # whole wall, pages of four
    assert [t.camera.id for t in wall.layout_tiles()] == ["n1", "n2", "n3", "n4"]
    qtbot.waitUntil(lambda: wall.layout_tiles()[0].camera.id == "n5", timeout=3000)
    assert [t.camera.id for t in wall.layout_tiles()] == ["n5", "n6", "n1", "n2"]
    wall.follow_event(event())  # following an event ends the tour
    assert wall.tours() == {}
    menu = wall.build_tile_menu(wall.tiles[0])
    texts = [a.text() for a in menu.actions()]
    assert "本窗格轮巡" in texts
    assert "整墙轮巡" in texts
    assert "停止轮巡" in texts
    menu.deleteLater()


def test_snapshot_attaches_current_frame_to_selected_event(qtbot, wall, tmp_path):
    recorded = []
    wall.set_snapshot_service(SnapshotService(recorded.extend, data_dir=tmp_path))
    wall.set_layout("1")
    wall.show()
    tile = wall.tiles[0]
    wall.assign(0, wall.cameras()[0])
    wall.snapshot(tile)  # nothing selected yet
    assert not recorded
    wall.set_selected_event(event())
    qtbot.waitUntil(lambda: tile.state is TileState.LIVE and tile.frames > 2, timeout=15_000)
    with qtbot.waitSignal(wall.snapshot_saved, timeout=5000) as sig:
        tile._snap.click()
    event_id, action = sig.args
    assert event_id == "e1"
    assert action.kind == "snapshot"
    assert recorded == [action]
    path = tmp_path / action.data["path"]
    assert path.read_bytes().startswith(b"\x89PNG")
