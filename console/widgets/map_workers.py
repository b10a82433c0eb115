"""Grid workers on the map: live positions by state, tracks, walking reach of an event, patrol coverage.

One pyqtgraph ``GraphicsObject`` paints, bottom to top:

- **coverage** (layer ``coverage``): the patrol network's street segments, walked ones green and the
  others red, two ``drawLines`` calls (:meth:`WorkerItem.set_coverage`);
- **trail** (layer ``tracks``): where every worker walked in the track window (e.g. 24 h: millions
  of fixes), as a raster — the fixes binned into ``TRAIL_CELL_M`` cells with numpy, shaded by how
  often each cell was visited, drawn as one image (:meth:`WorkerItem.set_trail`): a frame costs
  the same whatever the number of fixes;
- **tracks** (layer ``tracks``): the selected workers' tracks as lines, simplified for drawing
  (Douglas–Peucker via shapely to ``TRACK_TOLERANCE_M`` scene metres, so 24 h of fixes are a few
  thousand vertices) and culled to the view;
- **reach**: dashed lines from the selected event to its nearest available workers, labelled with
  the walking time;
- **workers** (layer ``workers``): a pin per worker coloured by state (在岗 green, 执行任务 blue,
  位置过期 grey, 下班 pale), each a cached sprite; the selected one ringed.

Scene coordinates as the canvas (Web-Mercator metres minus its origin).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
import shapely
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF

from console.domain.projection import lonlat_to_mercator_np, wgs84_to_gcj02_np
from console.widgets.map_layers import view_scale

STATE_CODES = {"on_duty": 0, "on_task": 1, "stale": 2, "off_duty": 3}
STATE_COLOURS = ("#108c50", "#1f5fd0", "#8d8d8d", "#c9c9c9")
TRACK_TOLERANCE_M = 1.5
TRACK_COLOURS = ("#7b2fbf", "#0f8f6f", "#c2378a", "#4a6bd6", "#b8860b", "#2f9fbf")
HIT_PX = 12.0
TRAIL_CELL_M = 4.0
TRAIL_MAX_PX = 4096  # the raster's longest side (cells grow beyond TRAIL_CELL_M for a larger area)


def trail_image(x: np.ndarray, y: np.ndarray, cell_m: float = TRAIL_CELL_M) -> tuple[QImage, QRectF] | None:
    """Fixes (scene metres) binned into cells and shaded by visits (log scale), and the scene rect
    the image covers (y up: the image's first row is the top, i.e. the largest y)."""
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if not len(x):
        return None
    x0, x1, y0, y1 = float(x.min()), float(x.max()), float(y.min()), float(y.max())
    cell = max(cell_m, (x1 - x0) / TRAIL_MAX_PX, (y1 - y0) / TRAIL_MAX_PX)
    w = int((x1 - x0) / cell) + 1
    h = int((y1 - y0) / cell) + 1
    col = ((x - x0) / cell).astype(np.int64)
    row = ((y1 - y) / cell).astype(np.int64)
    counts = np.bincount(row * w + col, minlength=w * h).reshape(h, w)
    alpha = np.zeros((h, w), dtype=np.float32)
    hit = counts > 0
    alpha[hit] = 0.35 + 0.65 * np.log1p(counts[hit]) / np.log1p(max(int(counts.max()), 1))
    a = (alpha * 220).astype(np.uint32)
    # premultiplied ARGB32: purple (123, 47, 191) scaled by alpha
    argb = (a << 24) | ((123 * a // 255) << 16) | ((47 * a // 255) << 8) | (191 * a // 255)
    buf = np.ascontiguousarray(argb, dtype=np.uint32)
    img = QImage(buf.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied).copy()
    return img, QRectF(x0, y0, w * cell, h * cell)


@dataclass(frozen=True, slots=True)
class BuiltTrail:
    """A trail raster built off the GUI thread, with the projection it was built for."""

    crs: str
    origin: tuple[float, float]
    fixes: int
    image: tuple[QImage, QRectF] | None


def project_lonlat(lon: Any, lat: Any, crs: str, origin: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """lon/lat (WGS-84) → scene coordinates of a canvas in ``crs`` with ``origin`` (pure numpy, any thread)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    if crs == "gcj02":
        lon, lat = wgs84_to_gcj02_np(lon, lat)
    x, y = lonlat_to_mercator_np(lon, lat)
    return x - origin[0], y - origin[1]


def state_names() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {"on_duty": translate("MapCanvas", "在岗"), "on_task": translate("MapCanvas", "执行任务"),
            "stale": translate("MapCanvas", "位置过期"), "off_duty": translate("MapCanvas", "下班")}


def _sprite(colour: str, selected: bool = False) -> QImage:
    w, h = 22, 28
    img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    cx = w / 2
    if selected:
        p.setPen(QPen(QColor(0, 200, 230), 3))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(cx, 9), 9.5, 9.5)
    p.setPen(QPen(QColor(255, 255, 255), 1.5))
    p.setBrush(QColor(colour))
    p.drawPolygon(QPolygonF([QPointF(cx, h - 1), QPointF(cx - 5.5, 12), QPointF(cx + 5.5, 12)]))
    p.drawEllipse(QPointF(cx, 9), 6.5, 6.5)
    p.end()
    return img


@dataclass(slots=True)
class ReachLine:
    x: float
    y: float
    label: str


def _track_path(xy: np.ndarray, tolerance: float) -> tuple[QPainterPath, int]:
    simple = shapely.get_coordinates(shapely.simplify(shapely.linestrings(xy), tolerance, preserve_topology=False))
    if len(simple) < 2:
        return QPainterPath(), len(simple)
    return pg.arrayToQPath(simple[:, 0], simple[:, 1], connect="all", finiteCheck=False), len(simple)


class WorkerItem(pg.GraphicsObject):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.names: list[str] = []
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        self.state = np.zeros(0, dtype=np.int8)
        self.index: dict[str, int] = {}
        self.selected: str | None = None
        self.tracks: dict[str, tuple[QPainterPath, QRectF, int]] = {}  # id → path, bounds, vertices
        self._raw_tracks: dict[str, np.ndarray] = {}
        self._lod: dict[tuple[str, float], QPainterPath] = {}
        self.reach_from: tuple[float, float] | None = None
        self.reach: list[ReachLine] = []
        self._cov: tuple[PrimitiveArray, PrimitiveArray] | None = None
        self._cov_rect = QRectF()
        self.trail: tuple[QImage, QRectF] | None = None
        self.trail_fixes = 0
        self.show_workers = True
        self.show_tracks = True
        self.show_coverage = False
        self._sprites = [_sprite(c) for c in STATE_COLOURS]
        self._selected_sprites = [_sprite(c, True) for c in STATE_COLOURS]
        self._font = QFont()
        self._font.setPointSizeF(8.5)
        self._bounds = QRectF()

    # ---- data ------------------------------------------------------------------------------------
    def set_workers(self, ids: list[str], names: list[str], x: np.ndarray, y: np.ndarray, states: np.ndarray) -> None:
        self.ids, self.names = ids, names
        self.x, self.y, self.state = np.asarray(x, float), np.asarray(y, float), np.asarray(states, np.int8)
        self.index = {k: i for i, k in enumerate(ids)}
        self._rebound()

    def set_tracks(self, tracks: dict[str, np.ndarray]) -> None:
        """worker id → (n, 2) scene coordinates in time order; simplified here for drawing."""
        self.tracks = {}
        self._raw_tracks = {}
        self._lod = {}
        for wid, xy in tracks.items():
            if len(xy) < 2:
                continue
            path, n = _track_path(xy, TRACK_TOLERANCE_M)
            if n < 2:
                continue
            self.tracks[wid] = (path, path.boundingRect(), n)
            self._raw_tracks[wid] = xy
        self._rebound()

    def _track_at(self, wid: str, mpp: float) -> QPainterPath:
        """The track simplified to about a pixel at this zoom (cached per power-of-two tolerance)."""
        tol = TRACK_TOLERANCE_M
        if mpp > 2 * TRACK_TOLERANCE_M:
            tol = 2.0 ** math.ceil(math.log2(1.5 * mpp))  # ~1.5–3 px: below what the eye separates
        if tol == TRACK_TOLERANCE_M:
            return self.tracks[wid][0]
        key = (wid, tol)
        path = self._lod.get(key)
        if path is None:
            path = self._lod[key] = _track_path(self._raw_tracks[wid], tol)[0]
        return path

    def set_trail(self, x: np.ndarray | None, y: np.ndarray | None) -> None:
        """Every fix of the track window (scene metres) as the trail raster (None clears)."""
        self.trail = trail_image(np.asarray(x, float), np.asarray(y, float)) if x is not None and y is not None else None
        self.trail_fixes = 0 if x is None else len(x)
        self._rebound()

    def set_trail_image(self, image: tuple[QImage, QRectF] | None, fixes: int) -> None:
        """A trail raster built elsewhere (:func:`trail_image`, e.g. on a worker thread)."""
        self.trail = image
        self.trail_fixes = fixes
        self._rebound()

    def set_reach(self, origin: tuple[float, float] | None, lines: list[ReachLine]) -> None:
        self.reach_from = origin
        self.reach = lines if origin is not None else []
        self._rebound()

    def set_coverage(self, segments: np.ndarray | None, walked: np.ndarray | None) -> None:
        """(m, 2, 2) scene segments and which were walked (None clears)."""
        if segments is None or walked is None or not len(segments):
            self._cov = None
            self._cov_rect = QRectF()
        else:
            flat = np.asarray(segments, float).reshape(-1, 4)
            arrays = []
            for mask in (walked, ~walked):
                part = flat[mask]
                arr = PrimitiveArray(QLineF, 4)
                arr.resize(len(part))
                if len(part):
                    arr.ndarray()[:] = part
                arrays.append(arr)
            self._cov = (arrays[0], arrays[1])
            xs, ys = flat[:, [0, 2]], flat[:, [1, 3]]
            self._cov_rect = QRectF(xs.min(), ys.min(), xs.max() - xs.min(), ys.max() - ys.min())
        self._rebound()

    def select(self, worker_id: str | None) -> None:
        self.selected = worker_id
        self.update()

    def _rebound(self) -> None:
        self.prepareGeometryChange()
        r = QRectF(self._cov_rect)
        if len(self.x):
            r = r.united(QRectF(float(self.x.min()) - 1, float(self.y.min()) - 1,
                                float(np.ptp(self.x)) + 2, float(np.ptp(self.y)) + 2))
        for _path, b, _n in self.tracks.values():
            r = r.united(b)
        if self.trail is not None:
            r = r.united(self.trail[1])
        if self.reach_from is not None:
            for ln in self.reach:
                r = r.united(QRectF(QPointF(*self.reach_from), QPointF(ln.x, ln.y)).normalized())
        self._bounds = r
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(self._bounds)

    # ---- hit test --------------------------------------------------------------------------------
    def hit(self, x: float, y: float, mpp: float) -> str | None:
        if not self.show_workers or not len(self.x):
            return None
        # the pin's head is ~14 px above its foot (the position)
        d = np.hypot(self.x - x, self.y + 14 * mpp * 0.6 - y)
        i = int(np.argmin(d))
        return self.ids[i] if d[i] <= HIT_PX * mpp else None

    # ---- painting --------------------------------------------------------------------------------
    def paint(self, painter: QPainter, *_args) -> None:
        vb = self.getViewBox()
        if vb is None:
            return
        view = vb.viewRect()
        sx, sy, dx, dy = view_scale(painter)
        if self.show_coverage and self._cov is not None and self._cov_rect.intersects(view):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            for arr, colour in zip(self._cov, ("#1aa34a", "#e0483b"), strict=True):
                pen = QPen(QColor(colour), 3.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.drawLines(*arr.drawargs())
        if self.show_tracks and self.trail is not None and self.trail[1].intersects(view):
            img, rect = self.trail
            painter.save()
            painter.resetTransform()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            # device rect of the raster (rows were written bottom-up: sy < 0 flips the scene's y),
            # clipped to the viewport so only the visible part is scaled
            dev = QRectF(QPointF(rect.left() * sx + dx, rect.bottom() * sy + dy),
                         QPointF(rect.right() * sx + dx, rect.top() * sy + dy)).normalized()
            clip = painter.clipBoundingRect() if painter.hasClipping() else QRectF(painter.viewport())
            # the view box clips its items to a path: images drawn under a path clip take a slow
            # masked path (~30 ms for this one); clip to the rectangle ourselves instead
            painter.setClipping(False)
            vis = dev.intersected(clip).intersected(QRectF(painter.viewport()))
            if not vis.isEmpty():
                kx, ky = img.width() / dev.width(), img.height() / dev.height()
                src = QRectF((vis.left() - dev.left()) * kx, (vis.top() - dev.top()) * ky, vis.width() * kx, vis.height() * ky)
                painter.drawImage(vis, img, src)
            painter.restore()
        mpp = 1.0 / max(abs(sx), 1e-12)
        # antialiased lines only at street zoom: a day's walk drawn smooth at district zoom costs ~15 ms
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, mpp < 2.0)
        if self.show_tracks:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for k, (wid, (_path, bounds, _n)) in enumerate(sorted(self.tracks.items())):
                if not bounds.intersects(view):
                    continue
                pen = QPen(QColor(TRACK_COLOURS[k % len(TRACK_COLOURS)]), 2.5 if wid == self.selected else 2.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.drawPath(self._track_at(wid, mpp))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.save()
        painter.resetTransform()
        if self.reach_from is not None and self.reach:
            ox, oy = self.reach_from[0] * sx + dx, self.reach_from[1] * sy + dy
            pen = QPen(QColor(230, 120, 20), 2.0, Qt.PenStyle.DashLine)
            painter.setFont(self._font)
            for ln in self.reach:
                px, py = ln.x * sx + dx, ln.y * sy + dy
                painter.setPen(pen)
                painter.drawLine(QPointF(ox, oy), QPointF(px, py))
                box = QRectF(px + 8, py - 30, 96, 16)
                painter.fillRect(box, QColor(255, 255, 255, 225))
                painter.setPen(QColor(150, 70, 0))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, ln.label)
        if self.show_workers and len(self.x):
            left, right = view.left(), view.right()
            lo, hi = min(view.top(), view.bottom()), max(view.top(), view.bottom())
            inside = np.flatnonzero((self.x >= left) & (self.x <= right) & (self.y >= lo) & (self.y <= hi))
            px = self.x[inside] * sx + dx - 11
            py = self.y[inside] * sy + dy - 27
            states = self.state[inside].tolist()
            sprites = self._sprites
            sel = self.index.get(self.selected) if self.selected else None
            for i, a, b, s in zip(inside.tolist(), px.tolist(), py.tolist(), states, strict=True):
                if i != sel:
                    painter.drawImage(QPointF(a, b), sprites[s])
            if sel is not None and self.x[sel] >= left and self.x[sel] <= right:
                painter.drawImage(QPointF(self.x[sel] * sx + dx - 11, self.y[sel] * sy + dy - 27),
                                  self._selected_sprites[int(self.state[sel])])
        painter.restore()

    def track_vertices(self) -> int:
        return sum(n for _p, _b, n in self.tracks.values())


def _field(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


class WorkerLayers:
    """The map canvas's worker, track, trail, reach and coverage methods (mixed into
    :class:`~console.widgets.map_canvas.MapCanvas`, which provides ``project``, ``workers_item``
    and the stored inputs re-projected when the CRS changes)."""

    workers_item: WorkerItem
    project: Callable[[Any, Any], tuple[np.ndarray, np.ndarray]]
    _workers: list[Any]
    _tracks: Mapping[str, Any]
    _reach: tuple[tuple[float, float] | None, list[tuple[float, float, str]]]
    _coverage: tuple[np.ndarray | None, np.ndarray | None]
    _trail: tuple[np.ndarray | None, np.ndarray | None]

    def set_workers(self, workers: Iterable[Any]) -> None:
        """Live workers: objects or dicts with ``id``, ``name``, ``lon``, ``lat`` and optionally
        ``state`` (on_duty / on_task / stale / off_duty; default on_duty)."""
        self._workers = list(workers)
        pts = [w for w in self._workers if _field(w, "lon") is not None and _field(w, "lat") is not None]
        if not pts:
            self.workers_item.set_workers([], [], np.zeros(0), np.zeros(0), np.zeros(0, np.int8))
            return
        x, y = self.project([_field(w, "lon") for w in pts], [_field(w, "lat") for w in pts])
        states = np.fromiter((STATE_CODES.get(str(_field(w, "state", "on_duty")), 0) for w in pts), np.int8, len(pts))
        self.workers_item.set_workers([str(_field(w, "id")) for w in pts], [str(_field(w, "name", "")) for w in pts],
                                      x, y, states)

    def set_tracks(self, tracks: Mapping[str, Any]) -> None:
        """Tracks to draw: worker id → [(lon, lat, t), ...] or an array whose first two columns (or
        ``lon``/``lat`` fields) are lon/lat, in time order. Simplified for drawing by the layer."""
        self._tracks = dict(tracks)
        out = {}
        for wid, pts in self._tracks.items():
            if len(pts) < 2:
                continue
            if isinstance(pts, np.ndarray) and pts.dtype.names:
                lon, lat = pts["lon"], pts["lat"]
            else:
                a = np.asarray([(p[0], p[1]) for p in pts] if not isinstance(pts, np.ndarray) else pts[:, :2], dtype=float)
                lon, lat = a[:, 0], a[:, 1]
            x, y = self.project(lon, lat)
            out[wid] = np.column_stack([x, y])
        self.workers_item.set_tracks(out)

    def set_trail(self, lon: np.ndarray | None, lat: np.ndarray | None) -> None:
        """Every worker's fixes of the track window (lon/lat arrays; None clears) as the trail raster.

        Projects and bins on the calling thread: the map's overlay builds the raster on a worker
        thread instead (:meth:`trail_builder`, :meth:`set_trail_built`); this is for a CRS change."""
        self._trail = (lon, lat)
        if lon is None or lat is None or not len(lon):
            self.workers_item.set_trail(None, None)
            return
        x, y = self.project(lon, lat)
        self.workers_item.set_trail(x, y)

    def trail_builder(self) -> Callable[[np.ndarray, np.ndarray], BuiltTrail] | None:
        """A function building the trail raster of lon/lat arrays on any thread (the projection —
        GCJ-02 when the basemap is, Web Mercator, the canvas origin — and the binning: ~0.3 s for
        2.7 million fixes), for :meth:`set_trail_built`. None until the canvas has an origin."""
        origin = getattr(self, "origin", None)
        if origin is None:
            return None
        crs = str(getattr(self, "crs", "wgs84"))

        def build(lon: np.ndarray, lat: np.ndarray) -> BuiltTrail:
            x, y = project_lonlat(lon, lat, crs, origin)
            return BuiltTrail(crs, origin, len(x), trail_image(x, y))

        return build

    def set_trail_built(self, lon: np.ndarray | None, lat: np.ndarray | None, built: BuiltTrail | None) -> None:
        """Show a raster made by :meth:`trail_builder`'s function (rebuilt here if the CRS or the
        origin changed meanwhile)."""
        if built is None or lon is None or lat is None or not len(lon):
            self.set_trail(lon, lat)
            return
        if (built.crs, built.origin) != (str(getattr(self, "crs", "wgs84")), getattr(self, "origin", None)):
            self.set_trail(lon, lat)
            return
        self._trail = (lon, lat)
        self.workers_item.set_trail_image(built.image, built.fixes)

    def select_worker(self, worker_id: str | None) -> None:
        self.workers_item.select(worker_id)

    def set_reach(self, origin: tuple[float, float] | None, workers: list[tuple[float, float, str]]) -> None:
        """Dashed lines from ``origin`` (lon, lat; None clears) to workers (lon, lat, label)."""
        self._reach = (origin, list(workers))
        if origin is None or not workers:
            self.workers_item.set_reach(None, [])
            return
        x, y = self.project([origin[0], *[w[0] for w in workers]], [origin[1], *[w[1] for w in workers]])
        self.workers_item.set_reach((float(x[0]), float(y[0])),
                                    [ReachLine(float(a), float(b), w[2]) for a, b, w in zip(x[1:], y[1:], workers, strict=True)])

    def set_coverage(self, segments: np.ndarray | None, walked: np.ndarray | None) -> None:
        """The patrol network's segments ((m, 2, 2) lon/lat) and which were walked (None clears)."""
        self._coverage = (segments, walked)
        if segments is None or walked is None or not len(segments):
            self.workers_item.set_coverage(None, None)
            return
        seg = np.asarray(segments, float)
        x, y = self.project(seg[..., 0].ravel(), seg[..., 1].ravel())
        self.workers_item.set_coverage(np.stack([x, y], axis=-1).reshape(seg.shape), np.asarray(walked, bool))



def reach_label(minutes: int) -> str:
    return QCoreApplication.translate("MapCanvas", "步行约%1分钟").replace("%1", str(max(1, int(math.ceil(minutes)))))
