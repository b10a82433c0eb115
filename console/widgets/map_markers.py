"""Event markers of the map canvas: colour = level, red halo = overdue, square = outside all grids.

The markers live in a :class:`MarkerStore`: compact numpy columns plus an id → row index, so a
feed batch (or a start-up page) is applied in O(batch), never by rebuilding the whole set.
Markers are culled to the view with numpy and drawn in one ``drawPixmapFragments`` call from a
16-sprite atlas. At low zoom (or with too many in view) they are binned into world-anchored square
cells — counted with ``np.bincount`` (no sort), cached per cell size so panning reuses the
binning — and drawn as counted clusters.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
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

# the marker columns and their types
COLUMNS: dict[str, type] = {
    "lon": np.float64,  # WGS-84, kept to re-project when the canvas CRS changes
    "lat": np.float64,
    "x": np.float64,  # scene coordinates
    "y": np.float64,
    "level": np.int8,  # Level.rank
    "deadline": np.float64,  # POSIX seconds of the current deadline, +inf without one
    "overdue": np.bool_,
    "outside": np.bool_,  # square marker: outside every grid
    "grid": np.int32,  # code of the grid id in the canvas' grid table, -1 for none
}


class MarkerStore:
    """The live markers as compact columns: row ``i`` of every column is ``ids[i]``.

    ``upsert`` and ``remove`` cost O(batch): a known id is overwritten in place, a new one is
    appended (columns grow by doubling), a removed one is replaced by the last row.
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.index: dict[str, int] = {}
        self._cols = {name: np.zeros(0, dtype=dt) for name, dt in COLUMNS.items()}

    def __len__(self) -> int:
        return len(self.ids)

    def col(self, name: str) -> np.ndarray:
        """A view of one column over the live rows (valid until the next change)."""
        return self._cols[name][: len(self.ids)]

    def clear(self) -> None:
        self.ids = []
        self.index = {}

    def _reserve(self, n: int) -> None:
        cap = len(self._cols["x"])
        if n <= cap:
            return
        cap = max(n, 2 * cap, 1024)
        live = len(self.ids)
        for name, arr in self._cols.items():
            grown = np.zeros(cap, dtype=arr.dtype)
            grown[:live] = arr[:live]
            self._cols[name] = grown

    def upsert(self, ids: Sequence[str], values: dict[str, np.ndarray | Sequence]) -> None:
        """Write rows for ``ids`` (new ones appended); ``values`` maps column names to arrays of
        ``len(ids)`` (columns left out keep their values, zero for new rows)."""
        if not ids:
            return
        index, live = self.index, self.ids
        n = len(live)
        get = index.get
        rows = np.fromiter((get(eid, -1) for eid in ids), np.intp, len(ids))
        new = rows < 0
        fresh = [eid for eid, is_new in zip(ids, new.tolist(), strict=True) if is_new] if new.any() else []
        if len(set(fresh)) != len(fresh):  # an id twice in the batch: still one row
            fresh = list(dict.fromkeys(fresh))
            index.update(zip(fresh, range(n, n + len(fresh)), strict=True))
            rows = np.fromiter((index[eid] for eid in ids), np.intp, len(ids))
        elif fresh:
            index.update(zip(fresh, range(n, n + len(fresh)), strict=True))
            rows[new] = np.arange(n, n + len(fresh))
        if fresh:
            self._reserve(n + len(fresh))
            for arr in self._cols.values():
                arr[n : n + len(fresh)] = 0
            live.extend(fresh)
        for name, vals in values.items():
            self._cols[name][rows] = vals

    def remove(self, ids: Iterable[str]) -> int:
        """Drop rows by id (unknown ids ignored); returns how many were dropped."""
        index, live = self.index, self.ids
        gone = [i for i in (index.pop(eid, None) for eid in ids) if i is not None]
        if not gone:
            return 0
        n = len(live)
        if len(gone) > 64 and len(gone) * 8 > n:  # many: one compaction pass
            keep = np.ones(n, dtype=bool)
            keep[gone] = False
            for name, arr in self._cols.items():
                self._cols[name][: n - len(gone)] = arr[:n][keep]
            self.ids = [eid for eid, k in zip(live, keep.tolist(), strict=True) if k]
            self.index = {eid: i for i, eid in enumerate(self.ids)}
            return len(gone)
        cols = list(self._cols.values())
        for i in sorted(gone, reverse=True):  # highest first: the last row is never a removed one
            last = len(live) - 1
            if i != last:
                moved = live[last]
                live[i] = moved
                index[moved] = i
                for arr in cols:
                    arr[i] = arr[last]
            live.pop()
        return len(gone)


@dataclass(slots=True)
class _Clusters:
    x: np.ndarray
    y: np.ndarray
    count: np.ndarray
    level: np.ndarray
    overdue: np.ndarray
    first: np.ndarray  # index of one member (the only one of a single-member cluster)
    cell: np.ndarray  # cell key of each cluster
    size: float  # cell size (scene metres)
    origin: tuple[float, float]  # scene point of cell (0, 0)
    ny: int  # cells per column (key = col * ny + row)

    def keys(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        cx = np.floor((x - self.origin[0]) / self.size).astype(np.int64)
        cy = np.floor((y - self.origin[1]) / self.size).astype(np.int64)
        return cx * self.ny + cy

    def bbox(self, k: int, x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
        """Bounds of cluster ``k``'s members among the markers ``x``, ``y`` (computed on demand)."""
        m = self.keys(x, y) == self.cell[k]
        if not m.any():
            h = self.size / 2
            return float(self.x[k] - h), float(self.y[k] - h), float(self.x[k] + h), float(self.y[k] + h)
        xs, ys = x[m], y[m]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def bin_markers(x: np.ndarray, y: np.ndarray, level: np.ndarray, overdue: np.ndarray, size: float,
                dense: bool | None = None) -> _Clusters:
    """Bin markers into world-anchored square cells of ``size`` scene metres (cells in key order).

    With a cell table not much larger than the markers (``dense``, chosen automatically) every
    figure is one ``np.bincount`` pass; markers spread over a huge area are sorted by cell instead."""
    ox = math.floor(float(x.min()) / size) * size
    oy = math.floor(float(y.min()) / size) * size
    cx = ((x - ox) / size).astype(np.int64)  # non-negative: truncation is floor
    cy = ((y - oy) / size).astype(np.int64)
    ny = int(cy.max()) + 1
    keys = cx * ny + cy
    ncells = (int(cx.max()) + 1) * ny
    lv = level.astype(np.int64)
    if dense if dense is not None else ncells <= 2 * len(keys) + 4096:
        by_level = np.bincount(keys * 4 + lv, minlength=4 * ncells).reshape(ncells, 4)
        count_all = by_level.sum(axis=1)
        cell = np.flatnonzero(count_all)
        count = count_all[cell]
        by_level = by_level[cell]
        top = 3 - np.argmax(by_level[:, ::-1] > 0, axis=1)
        sx = np.bincount(keys, weights=x, minlength=ncells)[cell]
        sy = np.bincount(keys, weights=y, minlength=ncells)[cell]
        od = np.bincount(keys, weights=overdue, minlength=ncells)[cell].astype(np.int64)
        first_all = np.empty(ncells, dtype=np.int64)
        first_all[keys] = np.arange(len(keys))
        first = first_all[cell]
    else:  # sparse (markers spread over a huge area): sort by cell
        order = np.argsort(keys, kind="stable")
        ks = keys[order]
        starts = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1]])
        cell = ks[starts]
        count = np.diff(np.r_[starts, len(ks)])
        sx = np.add.reduceat(x[order], starts)
        sy = np.add.reduceat(y[order], starts)
        top = np.maximum.reduceat(lv[order], starts)
        od = np.add.reduceat(overdue[order].astype(np.int64), starts)
        first = order[starts]
    return _Clusters(x=sx / count, y=sy / count, count=count, level=top.astype(np.int8), overdue=od, first=first,
                     cell=cell, size=size, origin=(ox, oy), ny=ny)


class MarkerItem(pg.GraphicsObject):
    """Event markers (colour = level, red halo = overdue, square = outside all grids) + clusters."""

    def __init__(self) -> None:
        super().__init__()
        self.store = MarkerStore()
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

    # ---- the store's columns (views over the live rows) ----------------------------------------
    @property
    def ids(self) -> list[str]:
        return self.store.ids

    @property
    def index(self) -> dict[str, int]:
        return self.store.index

    @property
    def x(self) -> np.ndarray:
        return self.store.col("x")

    @property
    def y(self) -> np.ndarray:
        return self.store.col("y")

    @property
    def level(self) -> np.ndarray:
        return self.store.col("level")

    @property
    def overdue(self) -> np.ndarray:
        return self.store.col("overdue")

    @property
    def outside(self) -> np.ndarray:
        return self.store.col("outside")

    def set_data(
        self, ids: list[str], x: np.ndarray, y: np.ndarray, level: np.ndarray, overdue: np.ndarray, outside: np.ndarray
    ) -> None:
        """Replace every marker."""
        self.store.clear()
        self.store.upsert(ids, {"x": x, "y": y, "level": level, "overdue": overdue, "outside": outside})
        self.changed()

    def changed(self) -> None:
        """The store changed: drop the cached binning, update the bounds, repaint."""
        self._version += 1
        self._cluster_cache.clear()
        if len(self.store):
            x, y = self.x, self.y
            x0, x1, y0, y1 = float(x.min()), float(x.max()), float(y.min()), float(y.max())
            bounds = QRectF(x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2)
        else:
            bounds = QRectF()
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
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
        cl = bin_markers(self.x, self.y, self.level, self.overdue, 2.0 ** (key[0] / 2))
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
                if cl.count[k] == 1 and int(cl.first[k]) < len(self.ids):
                    return "event", self.ids[int(cl.first[k])]
                return "cluster", cl.bbox(k, self.x, self.y)
            return None
        d = np.hypot(self.x - x, self.y - y)
        k = int(np.argmin(d))
        if d[k] <= radius_px * mpp:
            return "event", self.ids[k]
        return None
