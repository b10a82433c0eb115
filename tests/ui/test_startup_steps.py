"""No jank at start-up (issue 13): the work done while the other pages load comes in small parts.

The map and the video wall are built in steps (``ConsoleWindow.deferred_steps``: the map without its
grids, the grids a few dozen at a time, the wall a tile or two at a time), and a flush of the
escalation board or the map applies a bounded part of a large backlog, the rest following on the
next loop turns — and in the end everything is there, as if built in one go.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings

from console.app import ConsoleWindow, Core, Options
from console.bench.map import synthetic_district
from console.domain.event import Event, Location, Source, utcnow
from console.qtmodels import escalation_model
from console.qtmodels.escalation_model import EscalationModel
from console.services.bus import Bus
from console.services.room import Room
from console.views import map_view
from console.views.map_view import MapView
from console.views.placeholder import PlaceholderPanel
from console.views.video_wall import LAYOUTS, MAX_TILES, VideoWall
from tests.ui.service_rig import DISTRICT, MICRO, T0, ServiceRig

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")


def test_map_and_video_wall_are_built_in_small_steps(qapp, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    core = Core(Options(db=f"sqlite:///{tmp_path / 'console.db'}", seat="seat-1", no_feed=True))
    shell = ConsoleWindow(core, settings, qt_app=qapp, defer=True)
    try:
        docks = shell.window.docks
        assert isinstance(docks["dock.map"].widget(), PlaceholderPanel)
        steps = shell.deferred_steps()
        next(steps)
        assert shell.map_view is not None
        assert not shell.map_view.canvas.grid_item.shapes  # the grids come in the next steps
        rest = sum(1 for _ in steps)
        assert rest >= 12  # grids in parts, markers, the wall's tiles two at a time
        grids = [g for g in [*core.district.grids.values(), *core.district.police_grids.values()] if g.polygon]
        assert set(shell.map_view.canvas.grid_item.shapes) == {g.id for g in grids}
        assert docks["dock.map"].widget() is shell.map_view
        wall = shell.video_wall
        assert docks["dock.videoWall"].widget() is wall
        assert len(wall.tiles) == MAX_TILES
        assert wall.layout_tiles() == wall.tiles[: len(LAYOUTS["2x2"])]
        assert all(wall._grid.indexOf(t) >= 0 for t in wall.layout_tiles())  # laid out on the wall
    finally:
        core.sla.stop()
        shell.window.close()
        shell.window.deleteLater()
        core.close()


def test_a_wall_built_tile_by_tile_lays_out_the_tiles_it_gets(qtbot):
    wall = VideoWall(tiles=0)
    qtbot.addWidget(wall)
    wall.set_layout("3x3")  # chosen (restored) before the tiles exist
    assert wall.add_tiles(2) == 2
    assert wall.add_tiles(20) == MAX_TILES
    assert wall.layout_tiles() == wall.tiles[:9]
    assert all(wall._grid.indexOf(t) >= 0 for t in wall.tiles[:9])
    assert all(wall._grid.indexOf(t) < 0 for t in wall.tiles[9:])


def test_the_escalation_board_takes_a_backlog_in_parts(qtbot, qtmodeltester):
    rig = ServiceRig()
    late = T0 - timedelta(days=1)  # every dispatch deadline long past: all on the board
    n = escalation_model.FLUSH_CHUNK * 2 + 100
    rig.room.load([
        Event(id=f"e{i:05d}", source=Source.GRID_APP, category="unclassified", title=f"暴露垃圾 {i}",
              reported_at=late + timedelta(seconds=i), received_at=late + timedelta(seconds=i), grid_id=MICRO)
        for i in range(n)
    ])
    model = EscalationModel(rig.room, rig.bus, rig.sla, district=DISTRICT, flush_ms=5, tick_ms=0)
    assert model.rowCount() == escalation_model.FLUSH_CHUNK  # one part at once, the rest later
    qtbot.waitUntil(lambda: model.rowCount() == n, timeout=10_000)
    ids = model.event_ids()
    assert ids == sorted(ids)  # ascending by deadline = by receipt here
    qtmodeltester.check(model)


def test_the_map_takes_a_backlog_in_parts(qtbot):
    grids = synthetic_district(12, 8, bbox=(104.00, 30.60, 104.06, 30.64))
    bus = Bus()
    room = Room(bus)
    view = MapView(bus, room, grids=grids, throttle_ms=50)
    qtbot.addWidget(view)
    n = map_view.FLUSH_CHUNK * 2 + 10
    room.load([
        Event(id=f"m{i}", source=Source.GRID_APP, category="env", title="测试", reported_at=utcnow(),
              location=Location(lat=30.61 + (i % 100) * 1e-4, lon=104.01 + (i // 100) * 1e-4), grid_id="C01-01")
        for i in range(n)
    ])
    view.flush(limit=map_view.FLUSH_CHUNK)
    assert len(view.canvas.markers.ids) == map_view.FLUSH_CHUNK
    qtbot.waitUntil(lambda: len(view.canvas.markers.ids) == n, timeout=10_000)
    view.flush()  # nothing left: a no-op
    assert len(view.canvas.markers.ids) == n
