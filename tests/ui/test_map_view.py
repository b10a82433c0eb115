"""Map dock (console.views.map_view): bus subscription with throttled redraws, basemap errors, linking."""

from __future__ import annotations

from datetime import timedelta

from console.bench.map import synthetic_district
from console.domain.event import Event, Level, Location, Source, State, utcnow
from console.services.basemap import write_mbtiles
from console.services.bus import Bus
from console.services.room import Room
from console.views.map_view import MapView

GRIDS = synthetic_district(12, 8, bbox=(104.00, 30.60, 104.06, 30.64))


def ev(eid: str, lon: float = 104.01, lat: float = 30.61, **kw) -> Event:
    return Event(id=eid, source=Source.GRID_APP, category="env", title="测试", reported_at=utcnow(),
                 location=Location(lat=lat, lon=lon), grid_id="C01-01", **kw)


def make_view(qtbot, **kw) -> tuple[MapView, Room, Bus]:
    bus = Bus()
    room = Room(bus)
    room.load([ev("old")])
    view = MapView(bus, room, grids=GRIDS, throttle_ms=50, **kw)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    return view, room, bus


def test_initial_events_come_from_the_room(qtbot):
    view, _room, _bus = make_view(qtbot)
    assert view.canvas.markers.ids == ["old"]


def test_bus_updates_are_buffered_then_applied_once(qtbot):
    view, room, _bus = make_view(qtbot)
    calls = []
    orig = view.canvas.update_events
    view.canvas.update_events = lambda evs: (calls.append(len(list(evs))), orig(evs))[1]  # type: ignore[method-assign]
    room.upsert([ev("a")])
    room.upsert([ev("b"), ev("c", level=Level.CRITICAL)])
    assert "a" not in view.canvas.markers.index  # not yet: throttled
    qtbot.waitUntil(lambda: "c" in view.canvas.markers.index, timeout=2000)
    assert calls == [3]
    closed = ev("a")
    closed.state = State.CLOSED
    room.upsert([closed])
    qtbot.waitUntil(lambda: "a" not in view.canvas.markers.index, timeout=2000)
    assert sorted(view.canvas.markers.ids) == ["b", "c", "old"]


def test_show_event_flushes_pending_updates(qtbot):
    view, room, _bus = make_view(qtbot)
    room.upsert([ev("new", lon=104.05, lat=30.63)])
    assert view.show_event("new")
    assert view.canvas.markers.highlight == "new"


def test_overdue_is_taken_from_the_room(qtbot):
    view, room, _bus = make_view(qtbot)
    room.upsert([ev("late", deadline_at=utcnow() - timedelta(minutes=5))])
    view.flush()
    i = view.canvas.markers.index["late"]
    assert bool(view.canvas.markers.overdue[i])


def test_signals_are_forwarded(qtbot):
    view, _room, _bus = make_view(qtbot)
    with qtbot.waitSignal(view.gridClicked) as blocker:
        view.canvas.gridClicked.emit("C01")
    assert blocker.args == ["C01"]
    with qtbot.waitSignal(view.eventClicked) as blocker:
        view.canvas.eventClicked.emit("old")
    assert blocker.args == ["old"]


def test_tree_selection_fits_the_grid(qtbot):
    view, _room, _bus = make_view(qtbot)
    assert view.show_grid("C10", {"C10", "C10-01"})
    s = view.canvas.grid_item.shapes["C10"]
    r = view.canvas.vb.viewRect()
    assert r.contains(s.anchor[0], s.anchor[1])
    assert r.width() < view.canvas.grid_item.extent().width()
    assert view.canvas.grid_item.selected == "C10"


def test_missing_basemap_keeps_the_map_working(qtbot, tmp_path):
    missing = tmp_path / "gone.mbtiles"
    view, _room, _bus = make_view(qtbot, basemap=missing)
    assert view.message_label.isVisibleTo(view)
    assert "gone.mbtiles" in view.message_label.text()
    assert view.canvas.tiles.source is None
    assert view.canvas.grid_item.shapes
    img = view.canvas.render_image(900, 550)
    assert not img.isNull()


def test_layer_actions_toggle_the_canvas(qtbot, tmp_path):
    path = write_mbtiles(tmp_path / "b.mbtiles", {(12, 3281, 1677): b"x"})
    view, _room, _bus = make_view(qtbot, basemap=path)
    assert view.canvas.tiles.source is not None
    view.layer_actions["police"].setChecked(True)
    assert view.canvas.layer_visible("police")
    view.layer_actions["events"].setChecked(False)
    assert not view.canvas.markers.isVisible()
    view.choropleth_box.setCurrentIndex(1)
    assert view.canvas.choropleth_mode == "overdue"
    view.close()
    assert not view.canvas.tiles.loader._thread.is_alive()
