"""Map markers (console.widgets.map_markers): the incremental marker store and the cell binning."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from console.bench.map import synthetic_district, synthetic_events
from console.domain.event import Event, Level, Location, Source, State, utcnow
from console.widgets.map_canvas import MapCanvas
from console.widgets.map_markers import MarkerStore, bin_markers

GRIDS = synthetic_district(12, 8, bbox=(104.00, 30.60, 104.06, 30.64))


def rows_by_id(store: MarkerStore, *cols: str) -> dict[str, tuple]:
    values = [store.col(c).tolist() for c in cols]
    return {eid: tuple(v[i] for v in values) for i, eid in enumerate(store.ids)}


def test_store_upserts_in_place_and_removes_by_swapping_the_last_row():
    store = MarkerStore()
    store.upsert(["a", "b", "c"], {"x": [1.0, 2.0, 3.0], "level": [0, 1, 2]})
    store.upsert(["b", "d"], {"x": [20.0, 4.0], "level": [3, 0]})  # one update, one new
    assert store.ids == ["a", "b", "c", "d"]
    assert rows_by_id(store, "x", "level") == {"a": (1.0, 0), "b": (20.0, 3), "c": (3.0, 2), "d": (4.0, 0)}
    assert store.remove(["a", "zz"]) == 1
    assert sorted(store.ids) == ["b", "c", "d"]
    assert rows_by_id(store, "x", "level") == {"b": (20.0, 3), "c": (3.0, 2), "d": (4.0, 0)}
    assert all(store.index[eid] == i for i, eid in enumerate(store.ids))


def test_an_id_twice_in_a_batch_is_one_row():
    store = MarkerStore()
    store.upsert(["a", "b", "a"], {"x": [1.0, 2.0, 1.0]})
    store.upsert(["c", "c", "b"], {"x": [3.0, 3.0, 20.0]})
    assert store.ids == ["a", "b", "c"]
    assert rows_by_id(store, "x") == {"a": (1.0,), "b": (20.0,), "c": (3.0,)}


def test_store_grows_and_removes_many_at_once():
    store = MarkerStore()
    ids = [f"e{i}" for i in range(3000)]
    store.upsert(ids, {"x": np.arange(3000, dtype=float)})
    assert store.remove(ids[::2]) == 1500  # a compaction pass
    assert rows_by_id(store, "x") == {f"e{i}": (float(i),) for i in range(1, 3000, 2)}
    assert all(store.index[eid] == i for i, eid in enumerate(store.ids))


def _event(eid: str, lon: float, lat: float, **kw) -> Event:
    return Event(id=eid, source=Source.GRID_APP, category="env", title="测试", reported_at=utcnow(),
                 location=Location(lat=lat, lon=lon), grid_id=kw.pop("grid_id", "C01-01"), **kw)


def test_batches_give_the_same_markers_as_one_full_set(qtbot):
    events = synthetic_events(GRIDS, 600, seed=4)
    whole, fed = MapCanvas(), MapCanvas()
    for c in (whole, fed):
        qtbot.addWidget(c)
        c.set_grids(GRIDS)
    whole.set_events(events)
    for k in range(0, 600, 100):
        fed.update_events(events[k : k + 100])
    moved = [e.copy(level=Level.CRITICAL, location=Location(lat=30.63, lon=104.05)) for e in events[:50]]
    closed = [e.id for e in events[50:80]]
    for c in (whole, fed):
        c.update_events(moved)
        c.remove_events(closed)
    cols = ("lon", "lat", "x", "y", "level", "overdue", "outside", "grid")
    assert rows_by_id(fed.markers.store, *cols) == rows_by_id(whole.markers.store, *cols)
    assert len(fed.markers.ids) == 570
    assert fed.markers.boundingRect() == whole.markers.boundingRect()


def test_an_event_without_location_loses_its_marker(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.set_events([_event("a", 104.01, 30.61), _event("b", 104.02, 30.62)])
    gone = _event("a", 104.01, 30.61)
    gone.location = None
    canvas.update_events([gone])
    assert canvas.markers.ids == ["b"]


def test_overdue_halos_follow_the_clock_without_any_update(qtbot):
    now = [utcnow()]
    canvas = MapCanvas(clock=lambda: now[0])
    qtbot.addWidget(canvas)
    canvas.set_grids(GRIDS)
    canvas.set_events([_event("soon", 104.01, 30.61, deadline_at=now[0] + timedelta(minutes=5)),
                       _event("none", 104.02, 30.62)])
    assert not canvas.markers.overdue.any()
    assert not canvas.refresh_overdue()  # nothing passed yet
    now[0] += timedelta(minutes=6)
    assert canvas.refresh_overdue()
    assert bool(canvas.markers.overdue[canvas.markers.index["soon"]])
    assert not bool(canvas.markers.overdue[canvas.markers.index["none"]])
    canvas.set_choropleth_mode("overdue")
    assert canvas.grid_values()["C01-01"] == 1


def test_closed_event_leaves_the_choropleth_counts(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.set_grids(GRIDS)
    events = [_event(f"e{i}", 104.01, 30.61, grid_id="C01-02") for i in range(3)]
    canvas.set_events(events)
    canvas.set_choropleth_mode("overdue")
    before = canvas.grid_values()
    canvas.set_choropleth_mode("density")
    dense = canvas.grid_values()["C01-02"]
    closed = events[0].copy(state=State.CLOSED)
    canvas.remove_events([closed.id])
    assert canvas.grid_values()["C01-02"] == pytest.approx(dense * 2 / 3)
    assert before["C01-02"] == 0


@pytest.mark.parametrize("size", [50.0, 400.0, 3000.0])
def test_binning_by_bincount_matches_binning_by_sort(size):
    rng = np.random.default_rng(3)
    n = 5000
    x, y = rng.uniform(-4000, 9000, n), rng.uniform(-2000, 5000, n)
    level = rng.integers(0, 4, n).astype(np.int8)
    overdue = rng.random(n) < 0.2
    dense = bin_markers(x, y, level, overdue, size, dense=True)
    by_sort = bin_markers(x, y, level, overdue, size, dense=False)
    assert dense.count.sum() == n
    for name in ("cell", "count", "level", "overdue"):
        assert getattr(dense, name).tolist() == getattr(by_sort, name).tolist()
    assert dense.x == pytest.approx(by_sort.x)
    assert dense.y == pytest.approx(by_sort.y)
    one = dense.count == 1  # a single-member cluster names its member
    assert dense.first[one].tolist() == by_sort.first[one].tolist()
    k = int(np.argmax(dense.count))  # a cluster's bounds hold its members and its centre
    x0, y0, x1, y1 = dense.bbox(k, x, y)
    assert x0 <= dense.x[k] <= x1
    assert y0 <= dense.y[k] <= y1
    assert x1 - x0 <= size
    assert y1 - y0 <= size
