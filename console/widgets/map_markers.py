"""Event markers of the map canvas: colour = level, red halo = overdue, square = outside all grids.

Markers are culled to the view with numpy and drawn in one ``drawPixmapFragments`` call from a
16-sprite atlas. At low zoom (or with too many in view) they are binned into world-anchored square
cells — cached per cell size, so panning reuses the binning — and drawn as counted clusters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap

from console.widgets.map_layers import LEVEL_COLOURS, view_scale

CLUSTER_CELL_PX = 80.0
CLUSTER_MPP = 6.0  # cluster markers above this many metres per pixel...
MAX_INDIVIDUAL = 3000  # ...or when more markers than this are in view
SPRITE = 26  # marker sprite size (px)


@dataclass(slots=True)
class _Clusters:
    x: np.ndarray
    y: np.ndarray
    count: np.ndarray
    level: np.ndarray
    overdue: np.ndarray
    bbox: np.ndarray  # (k, 4) x0, y0, x1, y1 of members
    first: np.ndarray  # index of one member (for single-member clusters)


class MarkerItem(pg.GraphicsObject):
    """Event markers (colour = level, red halo = overdue, square = outside all grids) + clusters."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.index: dict[str, int] = {}
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        self.level = np.zeros(0, dtype=np.int8)
        self.overdue = np.zeros(0, dtype=bool)
        self.outside = np.zeros(0, dtype=bool)
        self.highlight: str | None = None
        self.clustering = True
        self._version = 0
        self._cluster_cache: dict[tuple[int, int], _Clusters] = {}
        self._bounds = QRectF()
        self.mode = "markers"  # what the last paint drew: "markers" | "clusters"
        self.drawn_items = 0
        self._last_clusters: _Clusters | None = None
        # device (x, y, radius) of what the last paint drew: labels keep clear of them
        self.obstacles = np.zeros((0, 3))
        self._count_font = QFont()
        self._count_font.setPointSizeF(8.5)
        self._count_font.setBold(True)
        self._atlas_pm: QPixmap | None = None
        self._sprites: dict[tuple[int, bool, str], QImage] = {}
        self._frags = PrimitiveArray(QPainter.PixmapFragment, 10)

    def set_data(
        self, ids: list[str], x: np.ndarray, y: np.ndarray, level: np.ndarray, overdue: np.ndarray, outside: np.ndarray
    ) -> None:
        self.prepareGeometryChange()
        self.ids = ids
        self.index = {k: i for i, k in enumerate(ids)}
        self.x, self.y = x, y
        self.level, self.overdue, self.outside = level, overdue, outside
        self._version += 1
        self._cluster_cache.clear()
        if len(ids):
            self._bounds = QRectF(x.min() - 1, y.min() - 1, np.ptp(x) + 2, np.ptp(y) + 2)
        else:
            self._bounds = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(self._bounds)

    def _clusters(self, cell_m: float) -> _Clusters:
        key = (round(math.log2(cell_m) * 2), self._version)
        got = self._cluster_cache.get(key)
        if got is not None:
            return got
        if len(self._cluster_cache) > 24:
            self._cluster_cache.clear()
        size = 2.0 ** (key[0] / 2)
        cx = np.floor(self.x / size).astype(np.int64)
        cy = np.floor(self.y / size).astype(np.int64)
        keys = (cx - cx.min()) * (int(cy.max() - cy.min()) + 1) + (cy - cy.min())
        order = np.argsort(keys, kind="stable")
        ks = keys[order]
        starts = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1]])
        count = np.diff(np.r_[starts, len(ks)])
        xs, ys = self.x[order], self.y[order]
        cl = _Clusters(
            x=np.add.reduceat(xs, starts) / count,
            y=np.add.reduceat(ys, starts) / count,
            count=count,
            level=np.maximum.reduceat(self.level[order], starts),
            overdue=np.add.reduceat(self.overdue[order].astype(np.int64), starts),
            bbox=np.column_stack(
                [np.minimum.reduceat(xs, starts), np.minimum.reduceat(ys, starts),
                 np.maximum.reduceat(xs, starts), np.maximum.reduceat(ys, starts)]
            ),
            first=order[starts],
        )
        self._cluster_cache[key] = cl
        return cl

    def paint(self, painter: QPainter, *_args) -> None:
        self.drawn_items = 0
        self.obstacles = np.zeros((0, 3))
        if not self.ids:
            return
        sx, sy, dx, dy = view_scale(painter)
        mpp = 1.0 / max(abs(sx), 1e-12)
        vb = self.getViewBox()
        view = vb.viewRect() if vb is not None else self._bounds
        pad = 20 * mpp
        x0, x1 = view.left() - pad, view.right() + pad
        y0, y1 = min(view.top(), view.bottom()) - pad, max(view.top(), view.bottom()) + pad
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        vis = (self.x >= x0) & (self.x <= x1) & (self.y >= y0) & (self.y <= y1)
        n_vis = int(np.count_nonzero(vis))
        if self.clustering and (mpp > CLUSTER_MPP or n_vis > MAX_INDIVIDUAL):
            self.mode = "clusters"
            cl = self._clusters(CLUSTER_CELL_PX * mpp)
            self._last_clusters = cl
            m = (cl.x >= x0) & (cl.x <= x1) & (cl.y >= y0) & (cl.y <= y1)
            single = m & (cl.count == 1)
            multi = np.flatnonzero(m & (cl.count > 1))
            self._paint_points(painter, cl.first[single], sx, sy, dx, dy)
            self._paint_clusters(painter, cl, multi, sx, sy, dx, dy)
            self.drawn_items = int(np.count_nonzero(single)) + len(multi)
            one = cl.first[single]
            self.obstacles = np.vstack([
                np.column_stack([self.x[one] * sx + dx, self.y[one] * sy + dy, np.full(len(one), 7.0)]),
                np.column_stack([cl.x[multi] * sx + dx, cl.y[multi] * sy + dy,
                                 11.0 + 4.0 * np.log10(cl.count[multi])]),
            ])
        else:
            self.mode = "markers"
            self._last_clusters = None
            idx = np.flatnonzero(vis)
            self._paint_points(painter, idx, sx, sy, dx, dy)
            self.drawn_items = len(idx)
            self.obstacles = np.column_stack([self.x[idx] * sx + dx, self.y[idx] * sy + dy, np.full(len(idx), 7.0)])
        hi = self.index.get(self.highlight) if self.highlight else None
        if hi is not None:
            p = QPointF(self.x[hi] * sx + dx, self.y[hi] * sy + dy)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(255, 255, 255), 6))
            painter.drawEllipse(p, 16, 16)
            painter.setPen(QPen(QColor(0, 190, 230), 3))
            painter.drawEllipse(p, 16, 16)
        painter.restore()

    # ---- sprites -----------------------------------------------------------------------------
    def _atlas(self) -> QPixmap:
        """16 marker sprites (level × overdue × outside) side by side, SPRITE px each."""
        if self._atlas_pm is None:
            pm = QPixmap(SPRITE * 16, SPRITE)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for k in range(16):
                level, overdue, outside = k % 4, bool(k & 4), bool(k & 8)
                c = QPointF(k * SPRITE + SPRITE / 2, SPRITE / 2)
                if overdue:
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(QColor(230, 20, 20, 120))
                    p.drawEllipse(c, 11.5, 11.5)
                p.setPen(QPen(QColor(25, 25, 25, 230), 1.6))
                p.setBrush(QColor(LEVEL_COLOURS[level]))
                if outside:
                    p.drawRect(QRectF(c.x() - 5.5, c.y() - 5.5, 11, 11))
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(QColor(255, 255, 255))
                    p.drawRect(QRectF(c.x() - 2, c.y() - 2, 4, 4))
                else:
                    p.drawEllipse(c, 5.5, 5.5)
            p.end()
            self._atlas_pm = pm
        return self._atlas_pm

    def _cluster_sprite(self, level: int, overdue: bool, n: int) -> QImage:
        text = str(n) if n < 1000 else f"{n / 1000:.1f}k" if n < 10_000 else f"{n // 1000}k"
        key = (level, overdue, text)
        pm = self._sprites.get(key)
        if pm is None:
            r = 9.0 + 4.0 * math.log10(max(n, 1))
            size = int(2 * r + 6)
            pm = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            c = QPointF(size / 2, size / 2)
            p.setPen(QPen(QColor(30, 30, 30, 200), 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(c, r + 1.5, r + 1.5)  # dark rim: readable on any fill
            p.setBrush(QColor(LEVEL_COLOURS[level]))
            p.setPen(QPen(QColor(220, 20, 20), 3) if overdue else QPen(QColor(255, 255, 255), 2))
            p.drawEllipse(c, r, r)
            p.setFont(self._count_font)
            p.setPen(QColor(255, 255, 255))
            p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, text)
            p.end()
            if len(self._sprites) > 4000:
                self._sprites.clear()
            self._sprites[key] = pm
        return pm

    def _paint_points(self, painter: QPainter, idx: np.ndarray, sx: float, sy: float, dx: float, dy: float) -> None:
        """All markers in one ``drawPixmapFragments`` call from the sprite atlas."""
        n = len(idx)
        if n == 0:
            return
        sprite = self.level[idx].astype(np.int64) + 4 * self.overdue[idx] + 8 * self.outside[idx]
        self._frags.resize(n)
        frags = self._frags.ndarray()
        frags[:, 0] = self.x[idx] * sx + dx
        frags[:, 1] = self.y[idx] * sy + dy
        frags[:, 2] = sprite * SPRITE
        frags[:, 3] = 0.0
        frags[:, 4:6] = SPRITE
        frags[:, 6:10] = (1.0, 1.0, 0.0, 1.0)
        painter.drawPixmapFragments(*self._frags.drawargs(), self._atlas())

    def _paint_clusters(self, painter: QPainter, cl: _Clusters, idx: np.ndarray, sx, sy, dx, dy) -> None:
        xs = cl.x[idx] * sx + dx
        ys = cl.y[idx] * sy + dy
        for k, i in enumerate(idx.tolist()):
            pm = self._cluster_sprite(int(cl.level[i]), bool(cl.overdue[i]), int(cl.count[i]))
            h = pm.width() / 2
            painter.drawImage(QPointF(xs[k] - h, ys[k] - h), pm)

    # ---- hit testing -----------------------------------------------------------------------------
    def hit(self, x: float, y: float, mpp: float, radius_px: float = 12.0) -> tuple[str, object] | None:
        """("event", id) or ("cluster", (x0, y0, x1, y1)) under scene point (x, y), as last drawn."""
        if not self.ids:
            return None
        cl = self._last_clusters if self.mode == "clusters" else None
        if cl is not None:
            r = (9.0 + 4.0 * np.log10(np.maximum(cl.count, 1))) * mpp
            d = np.hypot(cl.x - x, cl.y - y)
            k = int(np.argmin(d - r))
            if d[k] <= r[k] + 2 * mpp:
                if cl.count[k] == 1:
                    return "event", self.ids[int(cl.first[k])]
                return "cluster", tuple(float(v) for v in cl.bbox[k])
            return None
        d = np.hypot(self.x - x, self.y - y)
        k = int(np.argmin(d))
        if d[k] <= radius_px * mpp:
            return "event", self.ids[k]
        return None
