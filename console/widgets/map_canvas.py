"""The map canvas: grids, events, workers and cameras over an optional offline basemap.

A pyqtgraph ``GraphicsView`` with one aspect-locked ``ViewBox`` (wheel zoom, drag pan) holding
four self-painting layers (see :mod:`console.widgets.map_layers`): basemap tiles, grids, field
(tracks/workers/cameras) and event markers. Scene units are Web-Mercator metres minus an origin
near the district, y to the north. With a GCJ-02 basemap every vector is converted to GCJ-02
first so it lands on the tiles. Furniture (north arrow, scale bar, legend) is painted in
``drawForeground`` and grid labels are placed clear of it (:meth:`MapCanvas.furniture_rects`);
the 全图 (home) and 图例 (legend on/off) buttons are child ``QToolButton``s (see
:class:`~console.widgets.map_overlays.Furniture`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

import numpy as np
import pyqtgraph as pg
import shapely
from PySide6.QtCore import QCoreApplication, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter
from PySide6.QtWidgets import QWidget

from console.domain.event import Event, Level, utcnow
from console.domain.grid import Camera, Grid, GridKind
from console.domain.projection import (
    ground_resolution,
    lonlat_to_mercator_np,
    mercator_to_lonlat,
    wgs84_to_gcj02_np,
)
from console.services.basemap import CRS_GCJ02, CRS_WGS84, TileSource
from console.widgets.map_layers import GridItem, GridShape, LabelItem
from console.widgets.map_markers import MarkerItem
from console.widgets.map_overlays import (
    CameraMark,
    FieldItem,
    Furniture,
)
from console.widgets.map_tiles import TileItem
from console.widgets.map_workers import WorkerItem, WorkerLayers

_RANK = {lv: lv.rank for lv in Level}  # Enum property lookups are slow per event
LAYERS = ("basemap", "grids", "labels", "police", "choropleth", "events", "workers", "tracks", "coverage", "cameras")
CHOROPLETH_MODES = ("density", "overdue")


def tr(text: str) -> str:
    return QCoreApplication.translate("MapCanvas", text)


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


class MapCanvas(WorkerLayers, pg.GraphicsView):
    eventClicked = Signal(str)  # noqa: N815 (Qt naming)
    gridClicked = Signal(str)  # noqa: N815
    cameraClicked = Signal(str)  # noqa: N815
    workerClicked = Signal(str)  # noqa: N815
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], datetime] | None = None) -> None:
        """``clock`` (aware UTC ``datetime``) decides which events are overdue (deadline passed)."""
        super().__init__(parent, background=QColor(243, 241, 235))
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.vb = pg.ViewBox(lockAspect=True, enableMenu=False, invertY=False)
        self.vb.setMouseEnabled(True, True)
        self.vb.disableAutoRange()
        self.setCentralItem(self.vb)
        self.crs = CRS_WGS84
        self.origin: tuple[float, float] | None = None
        self._clock = clock or utcnow
        self.tiles = TileItem((0.0, 0.0))
        self.grid_item = GridItem()
        self.field = FieldItem()
        self.workers_item = WorkerItem()
        self.markers = MarkerItem()
        self.labels = LabelItem(
            self.grid_item, lambda: self.markers.obstacles if self.markers.isVisible() else None,
            self.furniture_rects,
        )
        for z, item in enumerate((self.tiles, self.grid_item, self.field, self.workers_item, self.markers, self.labels)):
            item.setZValue(z * 10 - 10)
            self.vb.addItem(item, ignoreBounds=True)
        self.tiles.failed.connect(self.message)
        self._grids: list[Grid] = []
        self._tree: shapely.STRtree | None = None
        self._tree_ids: list[str] = []
        # grid id → small int stored in the markers' "grid" column (codes are never reused)
        self._grid_codes: dict[str, int] = {}
        self._workers: list[Any] = []
        self._tracks: Mapping[str, Any] = {}
        self._reach: tuple[tuple[float, float] | None, list[tuple[float, float, str]]] = (None, [])
        self._coverage: tuple[np.ndarray | None, np.ndarray | None] = (None, None)
        self._trail: tuple[np.ndarray | None, np.ndarray | None] = (None, None)
        self._cameras: list[Camera] = []
        self.layers = {name: name not in ("police", "choropleth", "coverage") for name in LAYERS}
        self.choropleth_mode = "density"
        self.legend_breaks: dict[int, list[tuple[float, float]]] = {}
        self._choropleth_dirty = True
        self._km2: dict[str, float] | None = None  # grid id → area in km² (density choropleth)
        self._fill_key: tuple[Any, int, dict[str, int]] | None = None  # (shapes, alpha, classes) last applied
        self.furniture = Furniture(self)
        self.home_button = self.furniture.home_button
        self.home_button.clicked.connect(self.home)
        self._press: QPoint | None = None

    # ---- projection ------------------------------------------------------------------------------
    def project(self, lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
        """lon/lat (WGS-84) arrays → scene coordinates."""
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        if self.crs == CRS_GCJ02:
            lon, lat = wgs84_to_gcj02_np(lon, lat)
        x, y = lonlat_to_mercator_np(lon, lat)
        if self.origin is None:
            ok = np.isfinite(x) & np.isfinite(y)
            self.origin = (float(np.round(np.mean(x[ok]), -2)), float(np.round(np.mean(y[ok]), -2))) if ok.any() else (0.0, 0.0)
            self.tiles.origin = self.origin
        return x - self.origin[0], y - self.origin[1]

    def scene_to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        """Scene point → lon/lat in the canvas CRS (GCJ-02 when a GCJ-02 basemap is shown)."""
        ox, oy = self.origin or (0.0, 0.0)
        return mercator_to_lonlat(x + ox, y + oy)

    def set_crs(self, crs: str) -> None:
        """Draw vectors in ``wgs84`` or ``gcj02`` (to match a GCJ-02 tile set); re-projects all."""
        if crs not in (CRS_WGS84, CRS_GCJ02):
            raise ValueError(f"unknown crs {crs!r}")
        if crs == self.crs:
            return
        self.crs = crs
        if self._grids:
            self.set_grids(self._grids, home=False)
        self._rebuild_markers()
        self.set_cameras(self._cameras)
        self.set_workers(self._workers)
        self.set_tracks(self._tracks)
        self.set_reach(*self._reach)
        self.set_coverage(*self._coverage)
        self.set_trail(*self._trail)

    # ---- data ------------------------------------------------------------------------------------
    def _grid_shape(self, g: Grid) -> GridShape:
        """One grid's projected rings, geometry, bounds and label anchor."""
        parts = [g.polygon, *g.props.get("parts", [])]
        rings: list[np.ndarray] = []
        polys = []
        for part in parts:
            prings = []
            for ring in part:
                a = np.asarray(ring, dtype=float)
                x, y = self.project(a[:, 0], a[:, 1])
                xy = np.column_stack([x, y])
                rings.append(xy)
                prings.append(xy)
            polys.append(shapely.Polygon(prings[0], prings[1:]))
        geom = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
        anchor = geom.point_on_surface() if not geom.is_empty else shapely.Point(0, 0)
        return GridShape(g.id, g.name, g.level, g.kind, g.parent_id, rings, tuple(geom.bounds), (anchor.x, anchor.y),
                         float(geom.area), geom)

    def set_grids(self, grids: Iterable[Grid], *, home: bool = True) -> None:
        for _ in self.set_grids_steps(grids, home=home):
            pass

    def set_grids_steps(self, grids: Iterable[Grid], *, home: bool = True, chunk: int = 64) -> Iterator[None]:
        """:meth:`set_grids` in steps: a generator yielding between parts of the work (``chunk``
        grids' geometry at a time, then the layers), so a caller can give the GUI thread back to
        the event loop in between (the console's start-up: the whole set took ~70 ms at once)."""
        self._grids = [g for g in grids if g.polygon]
        shapes: list[GridShape] = []
        for i, g in enumerate(self._grids, start=1):
            shapes.append(self._grid_shape(g))
            if i % chunk == 0:
                yield
        yield
        self.grid_item.set_shapes(shapes)
        yield
        self._km2 = None
        self._tree_ids = [s.id for s in shapes]
        self._tree = shapely.STRtree([s.geometry for s in shapes]) if shapes else None
        ext = self.grid_item.extent()
        if not ext.isEmpty():
            w = max(ext.width(), ext.height())
            self.vb.setLimits(minXRange=40.0, maxXRange=w * 8, minYRange=40.0, maxYRange=w * 8)
        self._choropleth_dirty = True
        self._rebuild_markers()
        if home:
            self.home()

    def _grid_code(self, gids: list[str | None]) -> list[int]:
        codes = self._grid_codes
        out = []
        for g in gids:
            if g is None:
                out.append(-1)
                continue
            c = codes.get(g)
            if c is None:
                c = codes[g] = len(codes)
            out.append(c)
        return out

    def set_events(self, events: Iterable[Event]) -> None:
        """Replace every event marker."""
        self.markers.store.clear()
        self.update_events(events)

    def update_events(self, changed: Iterable[Event]) -> None:
        """Add or update the markers of these events (events without a location are dropped).

        O(len(changed)): columns are built per batch and written into the marker store in place."""
        events = changed if isinstance(changed, list) else list(changed)
        located = [ev for ev in events if ev.location is not None]
        gone = [ev.id for ev in events if ev.location is None]
        store = self.markers.store
        if located:
            n = len(located)
            lon = np.fromiter((ev.location.lon for ev in located), np.float64, n)  # type: ignore[union-attr]
            lat = np.fromiter((ev.location.lat for ev in located), np.float64, n)  # type: ignore[union-attr]
            inf = float("inf")
            deadline = np.fromiter(
                (inf if ev.deadline_at is None else ev.deadline_at.timestamp() for ev in located), np.float64, n)
            shapes = self.grid_item.shapes
            gids = [ev.grid_id for ev in located]
            outside = [ev.grid_flag == "outside_all_grids" or g is None or (bool(shapes) and g not in shapes)
                       for ev, g in zip(located, gids, strict=True)]
            x, y = self.project(lon, lat)
            store.upsert([ev.id for ev in located], {
                "lon": lon, "lat": lat, "x": x, "y": y,
                "level": np.fromiter((_RANK[ev.level] for ev in located), np.int8, n),
                "deadline": deadline,
                "overdue": deadline < self._clock().timestamp(),
                "outside": outside,
                "grid": self._grid_code(gids),
            })
        if gone:
            store.remove(gone)
        self._markers_changed()

    def remove_events(self, ids: Iterable[str]) -> None:
        self.markers.store.remove(ids)
        self._markers_changed()

    def refresh_overdue(self) -> bool:
        """Re-evaluate which markers are overdue against the clock (deadlines pass without any
        update); vectorised over the store. True when some marker changed."""
        store = self.markers.store
        if not len(store):
            return False
        now = store.col("deadline") < self._clock().timestamp()
        od = store.col("overdue")
        if np.array_equal(now, od):
            return False
        od[:] = now
        self._markers_changed()
        return True

    def _rebuild_markers(self) -> None:
        """Re-project every marker (the CRS or the origin changed)."""
        store = self.markers.store
        if len(store):
            x, y = self.project(store.col("lon"), store.col("lat"))
            store.col("x")[:] = x
            store.col("y")[:] = y
        self._markers_changed()

    def _markers_changed(self) -> None:
        self.markers.changed()
        self._choropleth_dirty = True
        if self.layers["choropleth"]:
            self._refresh_choropleth()
        self.viewport().update()

    def set_cameras(self, cameras: Iterable[Camera]) -> None:
        self._cameras = list(cameras)
        if not self._cameras:
            self.field.set_cameras([])
            return
        x, y = self.project([c.lon for c in self._cameras], [c.lat for c in self._cameras])
        self.field.set_cameras(
            [CameraMark(c.id, c.name, float(xi), float(yi), c.heading_deg, c.fov_deg)
             for c, xi, yi in zip(self._cameras, x, y, strict=True)]
        )

    def set_basemap(self, source: TileSource | None) -> None:
        """Show tiles from ``source`` (None removes the basemap); adopts the source's CRS."""
        if source is not None:
            self.set_crs(source.crs)
        self.tiles.set_source(source)
        self.grid_item.fill_alpha = 150 if source is not None else 255  # let the basemap show through
        self._choropleth_dirty = True
        if self.layers["choropleth"]:
            self._refresh_choropleth()

    # ---- layers and choropleth -------------------------------------------------------------------
    def set_layer_visible(self, name: str, visible: bool) -> None:
        if name not in self.layers:
            raise KeyError(f"unknown layer {name!r} (one of {', '.join(LAYERS)})")
        self.layers[name] = visible
        self.tiles.setVisible(self.layers["basemap"])
        self.grid_item.show_grids = self.layers["grids"]
        self.grid_item.show_labels = self.layers["labels"]
        self.grid_item.show_police = self.layers["police"]
        self.grid_item.choropleth = self.layers["choropleth"]
        self.markers.setVisible(self.layers["events"])
        self.workers_item.show_workers = self.layers["workers"]
        self.workers_item.show_tracks = self.layers["tracks"]
        self.workers_item.show_coverage = self.layers["coverage"]
        self.field.show_cameras = self.layers["cameras"]
        if name == "choropleth" and visible:
            self._refresh_choropleth()
        self.grid_item.update()
        self.labels.update()
        self.field.update()
        self.workers_item.update()
        self.viewport().update()

    def layer_visible(self, name: str) -> bool:
        return self.layers[name]

    def set_choropleth_mode(self, mode: str) -> None:
        if mode not in CHOROPLETH_MODES:
            raise ValueError(f"unknown choropleth mode {mode!r}")
        self.choropleth_mode = mode
        self._choropleth_dirty = True
        if self.layers["choropleth"]:
            self._refresh_choropleth()

    def grid_values(self) -> dict[str, float]:
        """Per grid (subtree): open events per km² (density) or overdue count."""
        shapes = self.grid_item.shapes
        store = self.markers.store
        grid = store.col("grid")
        has = grid >= 0
        weights = None if self.choropleth_mode == "density" else store.col("overdue")[has]
        counts = np.bincount(grid[has], weights=weights, minlength=len(self._grid_codes)).tolist()
        direct = {gid: counts[code] for gid, code in self._grid_codes.items() if gid in shapes}
        totals = {gid: float(direct.get(gid, 0)) for gid in shapes}
        for s in sorted(shapes.values(), key=lambda s: -s.level):
            if s.parent_id in totals and s.kind != GridKind.POLICE:
                totals[s.parent_id] += totals[s.id]
        if self.choropleth_mode == "density":
            if self._km2 is None:
                self._km2 = {gid: max(s.area_m2 * ground_resolution(self.scene_to_lonlat(*s.anchor)[1]) ** 2 / 1e6,
                                      1e-6) for gid, s in shapes.items()}
            km2 = self._km2
            for gid in shapes:
                totals[gid] = totals[gid] / km2[gid]
        return totals

    def _refresh_choropleth(self) -> None:
        if not self._choropleth_dirty:
            return
        self._choropleth_dirty = False
        values = self.grid_values()
        classes: dict[str, int] = {}
        self.legend_breaks = {}
        by_level: dict[int, list[str]] = {}
        for gid, s in self.grid_item.shapes.items():
            if s.kind != GridKind.POLICE:
                by_level.setdefault(s.level, []).append(gid)
        for lvl, gids in by_level.items():
            vals = np.array([values[g] for g in gids])
            top = float(vals.max()) if len(vals) else 0.0
            edges = np.linspace(0.0, top if top > 0 else 1.0, 6)
            if self.choropleth_mode == "overdue":
                edges = np.ceil(edges)
            self.legend_breaks[lvl] = [(float(edges[k]), float(edges[k + 1])) for k in range(5)]
            cls = np.clip(np.searchsorted(edges[1:-1], vals, side="left"), 0, 4)
            classes.update(zip(gids, cls.tolist(), strict=True))
        # rebuilding the fill paths costs milliseconds: skip it when a batch moved no grid's class
        last, key = self._fill_key, (self.grid_item.shapes, self.grid_item.fill_alpha, classes)
        if last is None or last[0] is not key[0] or last[1:] != key[1:]:
            self._fill_key = key
            self.grid_item.set_fill_classes(classes)

    # ---- navigation ------------------------------------------------------------------------------
    def home(self) -> None:
        ext = self.grid_item.extent()
        if ext.isEmpty() and len(self.markers.ids):
            ext = self.markers.boundingRect()
        if not ext.isEmpty():
            self.vb.setRange(rect=ext, padding=0.04)

    def centre_on(self, x: float, y: float, width_m: float | None = None) -> None:
        r = self.vb.viewRect()
        w = width_m or r.width()
        h = w * r.height() / max(r.width(), 1e-9)
        self.vb.setRange(rect=QRectF(x - w / 2, y - h / 2, w, h), padding=0.0)

    def show_event(self, event_id: str) -> bool:
        """Centre on an event (zooming in to street scale if far out) and highlight it."""
        i = self.markers.index.get(event_id)
        self.markers.highlight = event_id if i is not None else None
        self.markers.update()
        if i is None:
            return False
        w = min(self.vb.viewRect().width(), 1500.0)
        self.centre_on(float(self.markers.x[i]), float(self.markers.y[i]), w)
        return True

    def show_grid(self, grid_id: str | None) -> bool:
        """Highlight a grid and fit it in view (None clears the highlight)."""
        self.grid_item.set_selected(grid_id)
        s = self.grid_item.shapes.get(grid_id) if grid_id else None
        if s is None:
            return False
        x0, y0, x1, y1 = s.bbox
        self.vb.setRange(rect=QRectF(x0, y0, x1 - x0, y1 - y0), padding=0.15)
        return True

    def metres_per_pixel(self) -> float:
        r = self.vb.viewRect()
        return r.width() / max(self.vb.width(), 1.0)

    # ---- clicks ----------------------------------------------------------------------------------
    def mousePressEvent(self, ev: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._press = ev.position().toPoint() if ev.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(ev)
        if self._press is not None:
            ev.accept()  # the canvas handles left clicks itself

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(ev)
        pos = ev.position().toPoint()
        if self._press is not None:
            ev.accept()
            if (pos - self._press).manhattanLength() <= 4:
                self.click_at(pos)
        self._press = None

    def click_at(self, pos: QPoint) -> None:
        """Handle a click at a viewport pixel: camera, then marker/cluster, then grid."""
        p = self.vb.mapSceneToView(self.mapToScene(pos))
        x, y, mpp = p.x(), p.y(), self.metres_per_pixel()
        wid = self.workers_item.hit(x, y, mpp)
        if wid is not None:
            self.workers_item.select(wid)
            self.workerClicked.emit(wid)
            return
        cam = self.field.hit_camera(x, y, mpp)
        if cam is not None:
            self.cameraClicked.emit(cam)
            return
        if self.layers["events"]:
            hit = self.markers.hit(x, y, mpp)
            if hit is not None:
                kind, val = hit
                if kind == "event":
                    self.markers.highlight = str(val)
                    self.markers.update()
                    self.eventClicked.emit(str(val))
                else:
                    x0, y0, x1, y1 = val  # type: ignore[misc]
                    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                    w = max(x1 - x0, y1 - y0, 200.0) * 1.6
                    self.centre_on(cx, cy, min(w, self.vb.viewRect().width() / 2))
                return
        gid = self.grid_at(x, y)
        if gid is not None:
            self.gridClicked.emit(gid)

    def grid_at(self, x: float, y: float) -> str | None:
        """The finest drawn governance grid under a scene point (police grids when that layer is on)."""
        if self._tree is None:
            return None
        hits = self._tree.query(shapely.Point(x, y), predicate="intersects")
        shapes = [self.grid_item.shapes[self._tree_ids[int(k)]] for k in hits]
        finest = max(self.grid_item.levels_for(self.metres_per_pixel()), default=99)
        gov = [s for s in shapes if s.kind != GridKind.POLICE and s.level <= finest]
        if gov:
            return max(gov, key=lambda s: (s.level, -s.area_m2)).id
        police = [s for s in shapes if s.kind == GridKind.POLICE]
        return police[0].id if police and self.layers["police"] else None

    # ---- furniture -------------------------------------------------------------------------------
    def resizeEvent(self, ev) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(ev)
        if getattr(self, "furniture", None) is not None:
            self.furniture.place()

    def _legend_spec(self) -> tuple[str | None, list[tuple[float, float]], str]:
        """The legend's title (choropleth shown), class breaks and number format."""
        lvl = self.grid_item.fill_level
        fmt = ".1f" if self.choropleth_mode == "density" else ".0f"
        if self.layers["choropleth"] and lvl is not None and lvl in self.legend_breaks:
            title = QCoreApplication.translate("MapCanvas", "事件密度（件/平方公里）") if self.choropleth_mode == "density" else QCoreApplication.translate("MapCanvas", "超时事件数")
            return title, self.legend_breaks[lvl], fmt
        return None, [], fmt

    def _ground_mpp(self) -> float | None:
        if self.origin is None:
            return None
        lat = self.scene_to_lonlat(0.0, self.vb.viewRect().center().y())[1]
        return self.metres_per_pixel() * ground_resolution(lat)

    def furniture_rects(self) -> list[QRectF]:
        """Viewport rects the furniture covers: grid labels are placed clear of them."""
        return self.furniture.rects(self._ground_mpp(), self._legend_spec())

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 (Qt API)
        super().drawForeground(painter, rect)
        self.furniture.paint(painter, self._ground_mpp(), self._legend_spec())

    def render_image(self, width: int = 1600, height: int = 900) -> QImage:
        """Render the whole widget (layers, furniture, button) into a new image."""
        if self.size().width() != width or self.size().height() != height:
            self.resize(width, height)
        img = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(0)
        self.scene().prepareForPaint()
        QWidget.render(self, img)  # the widget with its children (pyqtgraph's render() is scene-only)
        return img

    def closeEvent(self, ev) -> None:  # noqa: N802 (Qt API)
        self.tiles.shutdown()
        super().closeEvent(ev)

    def shutdown(self) -> None:
        """Stop the tile loader thread (also done on close)."""
        self.tiles.shutdown()


def lonlat_bbox(grids: Iterable[Grid]) -> tuple[float, float, float, float]:
    pts = np.array([p for g in grids if g.polygon for p in g.polygon[0]], dtype=float)
    return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())

