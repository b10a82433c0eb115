"""Map canvas (console.widgets.map_canvas): clicks, centring, clustering, layers, labels, basemap."""

from __future__ import annotations

import itertools
from datetime import timedelta

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage

from console.bench.map import synthetic_district, synthetic_events
from console.domain.event import Event, Level, Location, Source, utcnow
from console.domain.grid import Camera, GridKind
from console.services.basemap import open_basemap, write_mbtiles
from console.widgets.map_canvas import MapCanvas

GRIDS = synthetic_district(12, 8, bbox=(104.00, 30.60, 104.06, 30.64))


def make_event(eid: str, lon: float, lat: float, *, level=Level.GENERAL, grid_id="C01-01", overdue=False) -> Event:
    now = utcnow()
    return Event(
        id=eid, source=Source.HOTLINE_12345, category="env", title="测试", reported_at=now,
        level=level, location=Location(lat=lat, lon=lon), grid_id=grid_id,
        deadline_at=now - timedelta(hours=1) if overdue else now + timedelta(hours=1),
    )


@pytest.fixture
def canvas(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(1000, 700)
    c.show()
    c.set_grids(GRIDS)
    c.render_image(1000, 700)
    return c


def device_pos(canvas: MapCanvas, x: float, y: float) -> QPoint:
    return canvas.mapFromScene(canvas.vb.mapViewToScene(QPointF(x, y)))


def test_marker_click_emits_event_clicked(canvas, qtbot):
    canvas.set_events([make_event("e1", 104.012, 30.612), make_event("e2", 104.03, 30.63, level=Level.MAJOR)])
    canvas.show_event("e2")
    canvas.render_image(1000, 700)
    assert canvas.markers.mode == "markers"
    i = canvas.markers.index["e2"]
    pos = device_pos(canvas, canvas.markers.x[i], canvas.markers.y[i])
    with qtbot.waitSignal(canvas.eventClicked, timeout=2000) as blocker:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos + QPoint(2, 1))
    assert blocker.args == ["e2"]


def test_grid_click_emits_the_finest_drawn_grid(canvas, qtbot):
    target = canvas.grid_item.shapes["C07-02"]
    canvas.show_grid("C07-02")
    canvas.render_image(1000, 700)
    assert 4 in canvas.grid_item.drawn_levels
    pos = device_pos(canvas, *target.anchor)
    with qtbot.waitSignal(canvas.gridClicked, timeout=2000) as blocker:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["C07-02"]
    canvas.home()
    canvas.render_image(1000, 700)
    assert 4 not in canvas.grid_item.drawn_levels or len(GRIDS) < 200
    assert canvas.grid_at(*target.anchor) in {"C07-02", "C07", "B04", "S"}


def test_drag_pans_without_clicking(canvas, qtbot):
    before = canvas.vb.viewRect().center()
    with qtbot.assertNotEmitted(canvas.gridClicked):
        qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(500, 350))
        for k in range(1, 6):
            qtbot.mouseMove(canvas.viewport(), QPoint(500 + 20 * k, 350 + 10 * k))
        qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(600, 400))
    assert canvas.vb.viewRect().center() != before


def test_show_event_centres_and_highlights(canvas):
    canvas.set_events([make_event("far", 104.055, 30.638), make_event("near", 104.001, 30.601)])
    assert canvas.show_event("far")
    i = canvas.markers.index["far"]
    view = canvas.vb.viewRect()
    assert view.contains(QPointF(canvas.markers.x[i], canvas.markers.y[i]))
    assert abs(view.center().x() - canvas.markers.x[i]) < view.width() * 0.01
    assert canvas.markers.highlight == "far"
    assert not canvas.show_event("unknown")


def test_events_cluster_at_low_zoom(canvas):
    events = synthetic_events(GRIDS, 4000, seed=2)
    canvas.set_events(events)
    canvas.home()
    canvas.render_image(1000, 700)
    assert canvas.markers.mode == "clusters"
    assert 0 < canvas.markers.drawn_items < len(events) / 4
    # zoomed to one micro-grid: individual markers again
    canvas.show_grid("C20-01")
    canvas.render_image(1000, 700)
    assert canvas.markers.mode == "markers"


def test_cluster_click_zooms_in(canvas, qtbot):
    canvas.set_events(synthetic_events(GRIDS, 3000, seed=5))
    canvas.home()
    canvas.render_image(1000, 700)
    cl = canvas.markers._last_clusters
    k = int(np.argmax(cl.count))
    width = canvas.vb.viewRect().width()
    with qtbot.assertNotEmitted(canvas.eventClicked):
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=device_pos(canvas, cl.x[k], cl.y[k]))
    assert canvas.vb.viewRect().width() < width


def test_outside_events_still_show_as_squares(canvas):
    ev = make_event("out", 104.2, 30.7, grid_id=None)
    ev.grid_flag = "outside_all_grids"
    canvas.set_events([ev, make_event("in", 104.01, 30.61)])
    assert canvas.markers.outside.tolist() == [True, False]
    canvas.show_event("out")
    canvas.render_image(1000, 700)
    assert canvas.markers.drawn_items >= 1


def test_layer_toggles(canvas):
    canvas.set_events([make_event("e1", 104.012, 30.612)])
    canvas.set_layer_visible("events", False)
    assert not canvas.markers.isVisible()
    canvas.set_layer_visible("events", True)
    assert canvas.markers.isVisible()
    assert not canvas.layer_visible("police")
    canvas.set_layer_visible("police", True)
    assert canvas.grid_item.show_police
    canvas.set_layer_visible("labels", False)
    canvas.render_image(1000, 700)
    assert canvas.grid_item.label_rects == []
    canvas.set_layer_visible("choropleth", True)
    canvas.render_image(1000, 700)
    assert canvas.grid_item.fill_level is not None
    assert canvas.legend_breaks
    with pytest.raises(KeyError):
        canvas.set_layer_visible("nonsense", True)


def test_choropleth_counts_subtrees(canvas):
    canvas.set_events([make_event("a", 104.01, 30.61, grid_id="C01-01", overdue=True),
                       make_event("b", 104.01, 30.61, grid_id="C01-02")])
    canvas.set_choropleth_mode("overdue")
    vals = canvas.grid_values()
    assert vals["C01-01"] == 1
    assert vals["C01"] == 1
    assert vals["S"] == 1
    assert vals["C01-02"] == 0
    canvas.set_choropleth_mode("density")
    assert canvas.grid_values()["C01"] > 0


@pytest.mark.parametrize("width_m", [6000.0, 2500.0, 1200.0, 700.0])
def test_labels_never_collide(canvas, width_m):
    canvas.set_events(synthetic_events(GRIDS, 1500, seed=9))
    c = canvas.grid_item.extent().center()
    canvas.centre_on(c.x(), c.y(), width_m)
    canvas.render_image(1000, 700)
    rects = [r for _, r in canvas.grid_item.label_rects]
    assert rects
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b)
    # ...nor with the markers / clusters drawn under them
    for x, y, r in canvas.markers.obstacles.tolist():
        for rect in rects:
            assert not rect.intersects(QRectF(x - r, y - r, 2 * r, 2 * r))


def test_workers_tracks_and_cameras(canvas, qtbot):
    canvas.set_workers([{"id": "m1", "name": "张三", "lon": 104.02, "lat": 30.62}])
    canvas.set_tracks({"m1": [(104.01, 30.61, 0), (104.015, 30.615, 1), (104.02, 30.62, 2)], "m2": [(1, 1, 0)]})
    cam = Camera("cam1", "路口", lat=30.625, lon=104.03, heading_deg=90.0, fov_deg=60.0)
    canvas.set_cameras([cam])
    assert canvas.workers_item.ids == ["m1"]
    assert list(canvas.workers_item.tracks) == ["m1"]
    x, y = canvas.field.cameras[0].x, canvas.field.cameras[0].y
    canvas.centre_on(x, y, 600.0)
    canvas.render_image(1000, 700)
    with qtbot.waitSignal(canvas.cameraClicked, timeout=2000) as blocker:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=device_pos(canvas, x, y))
    assert blocker.args == ["cam1"]


def test_gcj02_mode_shifts_vectors(canvas):
    canvas.set_events([make_event("e1", 104.02, 30.62)])
    x_wgs = float(canvas.markers.x[0])
    canvas.set_crs("gcj02")
    assert abs(float(canvas.markers.x[0]) - x_wgs) > 100  # hundreds of metres in Chengdu
    canvas.set_crs("wgs84")
    assert float(canvas.markers.x[0]) == pytest.approx(x_wgs)


def test_scale_bar_uses_ground_metres():
    from console.widgets.map_overlays import format_length, nice_length

    assert nice_length(730) == 500
    assert nice_length(1999) == 1000
    assert nice_length(2100) == 2000
    assert format_length(2000) == "2 公里"
    assert format_length(200) == "200 米"


def test_police_layer_only_when_enabled(canvas):
    police = [s for s in canvas.grid_item.shapes.values() if s.kind == GridKind.POLICE]
    assert police
    x, y = police[0].anchor
    assert canvas.grid_at(x, y) != police[0].id


# ---- basemap ---------------------------------------------------------------------------------------
def _png(colour: QColor, size: int = 256) -> bytes:
    img = QImage(size, size, QImage.Format.Format_RGB32)
    img.fill(colour)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def _tiles_for(canvas: MapCanvas, zooms, data: bytes) -> dict:
    from console.domain.projection import lonlat_to_tile

    tiles = {}
    for z in zooms:
        x0, y0 = lonlat_to_tile(103.95, 30.68, z)
        x1, y1 = lonlat_to_tile(104.11, 30.56, z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                tiles[(z, x, y)] = data
    return tiles


def _has_colour(img: QImage, rgb: tuple[int, int, int], tol: int = 12) -> bool:
    for x in range(20, img.width() - 20, 23):
        for y in range(60, img.height() - 60, 19):
            c = img.pixelColor(x, y)
            if abs(c.red() - rgb[0]) <= tol and abs(c.green() - rgb[1]) <= tol and abs(c.blue() - rgb[2]) <= tol:
                return True
    return False


def test_mbtiles_basemap_is_drawn_under_the_vectors(canvas, qtbot, tmp_path):
    path = write_mbtiles(tmp_path / "b.mbtiles", _tiles_for(canvas, range(11, 17), _png(QColor(200, 30, 200))))
    img = canvas.render_image(1000, 700)
    assert not _has_colour(img, (200, 30, 200))
    canvas.set_basemap(open_basemap(path))
    canvas.render_image(1000, 700)  # paints, asks the loader for tiles
    qtbot.waitUntil(lambda: canvas.tiles.cached_images() >= 4, timeout=5000)
    img = canvas.render_image(1000, 700)
    assert _has_colour(img, (200, 30, 200))
    assert canvas.tiles.last_zoom is not None
    # grid boundaries are still drawn on top
    assert canvas.grid_item.drawn_levels


def test_corrupt_tile_is_reported_and_hatched(canvas, qtbot, tmp_path):
    path = write_mbtiles(tmp_path / "bad.mbtiles", _tiles_for(canvas, range(11, 17), b"not a png at all"))
    canvas.set_basemap(open_basemap(path))
    with qtbot.waitSignal(canvas.message, timeout=5000) as blocker:
        canvas.render_image(1000, 700)
    assert "bad.mbtiles" in blocker.args[0]
    assert "z=" in blocker.args[0]
    qtbot.waitUntil(lambda: "broken" in canvas.tiles.cache.values(), timeout=5000)
    img = canvas.render_image(1000, 700)  # still renders (hatched tiles)
    assert not img.isNull()
    canvas.set_basemap(None)
    assert canvas.tiles.loader is None


@pytest.mark.parametrize("width_m", [6000.0, 2500.0, 1200.0])
def test_labels_keep_clear_of_the_legend_and_the_map_buttons(canvas, qtbot, width_m):
    c = canvas.grid_item.extent().center()
    canvas.centre_on(c.x(), c.y(), width_m)
    canvas.render_image(1000, 700)
    legend = canvas.furniture.legend_rect(canvas._legend_spec())
    assert legend is not None
    assert legend.bottom() < canvas.furniture.legend_button.geometry().top()  # above its 图例 button
    rects = [r for _, r in canvas.grid_item.label_rects]
    assert rects
    for furniture in canvas.furniture_rects():
        assert not any(r.intersects(furniture) for r in rects)


def test_the_legend_button_collapses_the_legend_and_frees_its_corner(canvas, qtbot):
    c = canvas.grid_item.extent().center()
    canvas.centre_on(c.x(), c.y(), 6000.0)  # district zoom: grid names everywhere
    canvas.render_image(1000, 700)
    legend = canvas.furniture.legend_rect(canvas._legend_spec())
    assert not any(r.intersects(legend) for _, r in canvas.grid_item.label_rects)
    qtbot.mouseClick(canvas.furniture.legend_button, Qt.MouseButton.LeftButton)
    assert canvas.furniture.legend_rect(canvas._legend_spec()) is None
    assert legend not in canvas.furniture_rects()
    canvas.render_image(1000, 700)
    assert any(r.intersects(legend) for _, r in canvas.grid_item.label_rects)  # names back in the corner
    qtbot.mouseClick(canvas.furniture.legend_button, Qt.MouseButton.LeftButton)
    assert canvas.furniture.legend_shown
