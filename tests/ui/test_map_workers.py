"""Grid workers on the map (issue 19): live pins by state, a click selects one (name, grid, battery,
fix age) and draws its track; the selected event's nearest workers with walking time; coverage."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt

from console.domain.district import load_district
from console.domain.event import Event, Location, Source
from console.domain.positions import Fix, fix_payload
from console.services.bus import Bus
from console.services.coverage import PatrolCoverage
from console.services.positions import PositionService
from console.store import open_store
from console.views.map_view import MapView
from console.widgets.map_workers import STATE_CODES


@pytest.fixture(scope="module")
def district():
    return load_district("resources/demo")


@pytest.fixture
def rig(qtbot, tmp_path, district):
    store = open_store(f"sqlite:///{tmp_path / 'm.db'}")
    bus = Bus()
    svc = PositionService(store, district, bus)
    view = MapView(bus, grids=list(district.grids.values()), throttle_ms=20)
    overlay = view.attach_workers(svc.live, positions=svc, coverage=PatrolCoverage(store, district),
                                  districts_grid_name=lambda g: district.grids[g].name)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    yield view, overlay, svc, store
    overlay.stop()
    store.close()


def _fix(wid, lon, lat, age_s=0.0, duty=None, batt=64):
    return Fix(wid, int((time.time() - age_s) * 1e6), lon, lat, 5.0, 3.0, batt, duty)


async def test_workers_appear_with_their_states_after_the_bus_says_so(qtbot, rig):
    view, overlay, svc, _store = rig
    fixes = [_fix("m-0001", 103.977, 30.532), _fix("m-0003", 103.982, 30.536, age_s=600),
             _fix("m-0002", 103.976, 30.531, duty="off")]
    for f in fixes:
        await svc.submit(f"grid/t/workers/{f.worker_id}/position", fix_payload(f))
    await svc.drain()
    with qtbot.waitSignal(overlay._apply_timer.timeout, timeout=3000):
        pass  # "worker_positions" arrived on the bus: applied once, a second later at most
    item = view.canvas.workers_item
    states = dict(zip(item.ids, item.state.tolist(), strict=True))
    assert states == {"m-0001": STATE_CODES["on_duty"], "m-0003": STATE_CODES["stale"],
                      "m-0002": STATE_CODES["off_duty"]}
    img = view.canvas.render_image(800, 600)  # paints without error
    assert not img.isNull()


async def test_click_selects_a_worker_and_shows_the_track(qtbot, rig):
    view, overlay, svc, store = rig
    now = time.time()
    track = [Fix("m-0001", int((now - 600 + 10 * k) * 1e6), 103.976 + k * 2e-5, 30.531 + k * 1e-5, 5.0, 3.0, 80)
             for k in range(60)]
    store.positions.append(track)
    svc.live.update(track)
    overlay.refresh()
    canvas = view.canvas
    i = canvas.workers_item.index["m-0001"]
    canvas.centre_on(float(canvas.workers_item.x[i]), float(canvas.workers_item.y[i]), 1500.0)
    # click on the pin's head, where a person clicks
    mpp = canvas.metres_per_pixel()
    scene = canvas.vb.mapViewToScene(QPointF(canvas.workers_item.x[i], canvas.workers_item.y[i] + 14 * mpp))
    pos = canvas.mapFromScene(scene)
    shown = []
    overlay.trackShown.connect(lambda wid, n: shown.append((wid, n)))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    await overlay.pending  # the track is read on a worker thread
    await asyncio.sleep(0)
    assert shown == [("m-0001", 60)]
    assert overlay.selected == "m-0001"
    info = overlay.info.text()
    assert "林秀强" in info
    assert "桂花堰社区第1微网格" in info
    assert "电量 80%" in info
    assert "秒前" in info
    assert list(canvas.workers_item.tracks) == ["m-0001"]
    assert 2 <= canvas.workers_item.track_vertices() <= 60  # simplified for drawing
    overlay.load_trail()  # everyone's fixes of the window, as the trail raster
    await overlay.pending
    await asyncio.sleep(0)
    assert canvas.workers_item.trail is not None
    assert canvas.workers_item.trail_fixes == 60


def test_nearest_workers_of_the_selected_event_with_walking_time(qtbot, rig):
    view, overlay, svc, _store = rig
    svc.live.update([_fix("m-0001", 103.9775, 30.532), _fix("m-0003", 103.985, 30.54),
                     _fix("m-0010", 104.02, 30.57), _fix("m-0011", 103.9772, 30.5322, duty="off")])
    ev = Event(id="e1", source=Source.GRID_APP, category="env", title="t", reported_at=datetime.now(UTC),
               location=Location(lat=30.532, lon=103.977))
    overlay.show_reach(ev)
    lines = view.canvas.workers_item.reach
    assert len(lines) == 3
    assert lines[0].label == "步行约1分钟"
    assert all(ln.label.startswith("步行约") for ln in lines)
    overlay.show_reach(None)
    assert view.canvas.workers_item.reach == []


async def test_coverage_layer_draws_walked_streets(qtbot, rig, district):
    view, overlay, svc, store = rig
    from console.domain.patrol_sim import PatrolSim

    now = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)  # 12:00 in the room: the day shift, everyone walks
    overlay.clock = lambda: now
    sim = PatrolSim(district, start=now - timedelta(hours=1), max_workers=10, off_duty_after_s=None)
    h = sim.history((now - timedelta(hours=1)).timestamp(), now.timestamp())
    store.positions.append([Fix(w, int(r[0] * 1e6), r[1], r[2]) for w, a in h.items() for r in a])
    got = []
    overlay.coverageShown.connect(got.append)
    view.layer_actions["coverage"].setChecked(True)  # the layer on: coverage of this shift computed
    assert view.canvas.workers_item.show_coverage
    await overlay.pending
    await asyncio.sleep(0)
    assert got
    assert 0 < got[0] < 1
    assert view.canvas.workers_item._cov is not None
    assert not view.canvas.render_image(800, 600).isNull()


async def test_the_trail_is_projected_and_binned_off_the_gui_thread(qtbot, rig, district):
    """The raster built on a worker thread equals the one the canvas builds itself, in either CRS;
    one built for a CRS the canvas has left since is rebuilt, not shown wrong."""
    import numpy as np

    view, _overlay, _svc, _store = rig
    canvas = view.canvas
    lon0, lat0 = district.info.centre
    rng = np.random.default_rng(5)
    lon, lat = lon0 + rng.normal(0, 0.003, 5000), lat0 + rng.normal(0, 0.003, 5000)
    for crs in ("wgs84", "gcj02"):
        canvas.set_crs(crs)
        build = canvas.trail_builder()
        built = await asyncio.get_running_loop().run_in_executor(None, build, lon, lat)
        canvas.set_trail_built(lon, lat, built)
        threaded = canvas.workers_item.trail
        canvas.set_trail(lon, lat)
        assert threaded[1] == canvas.workers_item.trail[1]
        assert threaded[0] == canvas.workers_item.trail[0]  # the same pixels
    stale = await asyncio.get_running_loop().run_in_executor(None, canvas.trail_builder(), lon, lat)
    canvas.set_crs("wgs84")
    canvas.set_trail_built(lon, lat, stale)  # built for GCJ-02: rebuilt for WGS-84
    canvas.set_trail(lon, lat)
    want = canvas.workers_item.trail
    canvas.set_trail_built(lon, lat, stale)
    assert canvas.workers_item.trail[1] == want[1]
