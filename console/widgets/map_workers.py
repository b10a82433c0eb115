"""Grid workers on the map: live positions by state, tracks, walking reach of an event, patrol coverage.

One pyqtgraph ``GraphicsObject`` paints, bottom to top:

- **coverage** (layer ``coverage``): the patrol network's street segments, walked ones green and the
  others red, two ``drawLines`` calls (:meth:`WorkerItem.set_coverage`);
- **tracks** (layer ``tracks``): the selected workers' tracks, simplified for drawing
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
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
import shapely
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF

from console.widgets.map_layers import view_scale

STATE_CODES = {"on_duty": 0, "on_task": 1, "stale": 2, "off_duty": 3}
STATE_COLOURS = ("#108c50", "#1f5fd0", "#8d8d8d", "#c9c9c9")
TRACK_TOLERANCE_M = 1.5
TRACK_COLOURS = ("#7b2fbf", "#0f8f6f", "#c2378a", "#4a6bd6", "#b8860b", "#2f9fbf")
HIT_PX = 12.0


def state_names() -> dict[str, str]:
    t = QCoreApplication.translate
    return {"on_duty": t("MapCanvas", "在岗"), "on_task": t("MapCanvas", "执行任务"),
            "stale": t("MapCanvas", "位置过期"), "off_duty": t("MapCanvas", "下班")}


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
        self.reach_from: tuple[float, float] | None = None
        self.reach: list[ReachLine] = []
        self._cov: tuple[PrimitiveArray, PrimitiveArray] | None = None
        self._cov_rect = QRectF()
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
        for wid, xy in tracks.items():
            if len(xy) < 2:
                continue
            simple = shapely.get_coordinates(
                shapely.simplify(shapely.linestrings(xy), TRACK_TOLERANCE_M, preserve_topology=False))
            if len(simple) < 2:
                continue
            path = pg.arrayToQPath(simple[:, 0], simple[:, 1], connect="all", finiteCheck=False)
            self.tracks[wid] = (path, path.boundingRect(), len(simple))
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
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.show_tracks:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for k, (wid, (path, bounds, _n)) in enumerate(sorted(self.tracks.items())):
                if not bounds.intersects(view):
                    continue
                pen = QPen(QColor(TRACK_COLOURS[k % len(TRACK_COLOURS)]), 2.5 if wid == self.selected else 2.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.drawPath(path)
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


def reach_label(minutes: int) -> str:
    return QCoreApplication.translate("MapCanvas", "步行约%1分钟").replace("%1", str(max(1, int(math.ceil(minutes)))))
