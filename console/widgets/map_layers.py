r"""Grid layer of the map canvas: boundaries, kind tints / choropleth fill, labels.

One pyqtgraph ``GraphicsObject`` paints every grid itself with level of detail, so a district of
5,000 grids stays one scene item:

- boundaries are deduplicated segments (an edge shared by neighbours, or by a grid and its parent,
  is kept once under the coarsest level drawing it), bucketed spatially and drawn with one
  ``drawLines`` call per visible bucket (cosmetic pens, no antialiasing); a level is drawn only
  when its typical grid is at least ``MIN_LEVEL_PX`` wide on screen;
- fills are merged ``QPainterPath``\ s per (level, class) and bucket, culled to the view;
- labels are pre-rendered sprites placed greedily (coarse levels and large grids first) and skipped
  when they would collide with a label already placed (declutter).

Scene coordinates are Web-Mercator metres minus an origin near the district (y to the north).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
import shapely
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)

from console.domain.grid import GridKind

MIN_LEVEL_PX = 36.0  # draw a level's boundaries when its typical grid is this wide on screen
LABEL_LEVEL_PX = 90.0
FILL_LEVEL_PX = 60.0  # choropleth fills the finest level at least this wide  # label a level when its typical grid is this wide
MAX_LABELS = 160
CELL = 8  # px, label declutter grid
MAX_OBSTACLES = 3000  # with more markers in view than this, labels ignore them

LEVEL_STYLE: dict[int, tuple[str, float]] = {
    1: ("#8a2a12", 3.2),
    2: ("#c0502c", 2.2),
    3: ("#2c5d8f", 1.6),
    4: ("#5f7489", 1.0),
}
DEFAULT_STYLE = ("#8d99a6", 1.0)
KIND_COLOUR = {GridKind.MOUNTAIN: "#3f7f3a", GridKind.WATER: "#2277b5", GridKind.POLICE: "#1d3fd6"}
KIND_TINT = {GridKind.MOUNTAIN: QColor(90, 160, 80, 55), GridKind.WATER: QColor(60, 140, 220, 60)}
LEVEL_COLOURS = ("#2f7fd8", "#f0a020", "#e8551f", "#c0102a")  # general, significant, major, critical
CHORO_COLOURS = ("#fff3c4", "#fecc6a", "#fd9b43", "#f0582b", "#c81e1e")


@dataclass(slots=True)
class _Bucket:
    rect: QRectF
    path: QPainterPath


@dataclass(slots=True)
class GridShape:
    """One grid in scene coordinates."""

    id: str
    name: str
    level: int
    kind: GridKind
    parent_id: str | None
    rings: list[np.ndarray]  # (n, 2) arrays, all parts' exteriors and holes
    bbox: tuple[float, float, float, float]
    anchor: tuple[float, float]  # label point, inside the polygon
    area_m2: float  # Web-Mercator m² (scaled by cos² lat for ground area)
    geometry: shapely.Geometry = field(repr=False)


def rings_path(rings: list[np.ndarray]) -> QPainterPath:
    """One path of many closed rings (numpy → QPainterPath in bulk)."""
    if not rings:
        return QPainterPath()
    xy = np.concatenate(rings)
    connect = np.ones(len(xy), dtype=np.int32)
    ends = np.cumsum([len(r) for r in rings]) - 1
    connect[ends] = 0
    return pg.arrayToQPath(xy[:, 0], xy[:, 1], connect=connect, finiteCheck=False)


def _bucketed(shapes: list[GridShape], extent: QRectF) -> list[_Bucket]:
    if not shapes:
        return []
    b = max(1, min(12, int(math.sqrt(len(shapes) / 6))))
    cells: dict[tuple[int, int], list[GridShape]] = {}
    w = max(extent.width(), 1e-6) / b
    h = max(extent.height(), 1e-6) / b
    for s in shapes:
        i = min(b - 1, max(0, int((s.anchor[0] - extent.left()) / w)))
        j = min(b - 1, max(0, int((s.anchor[1] - extent.top()) / h)))
        cells.setdefault((i, j), []).append(s)
    out = []
    for members in cells.values():
        bb = np.array([m.bbox for m in members])
        rect = QRectF(bb[:, 0].min(), bb[:, 1].min(), bb[:, 2].max() - bb[:, 0].min(), bb[:, 3].max() - bb[:, 1].min())
        out.append(_Bucket(rect, rings_path([r for m in members for r in m.rings])))
    return out


def view_scale(painter: QPainter) -> tuple[float, float, float, float]:
    """(sx, sy, dx, dy) of the painter's item→device transform (no rotation on a map)."""
    t = painter.transform()
    return t.m11(), t.m22(), t.dx(), t.dy()


@dataclass(slots=True)
class _Lines:
    rect: QRectF
    lines: PrimitiveArray  # QLineF array (scene coordinates)


def _segment_buckets(shapes_by_key: dict[tuple[int, GridKind], list[GridShape]], extent: QRectF) -> dict:
    """Unique boundary segments, each kept once under the coarsest (level, kind) drawing it,
    bucketed spatially for culling. Shared edges of neighbours are drawn once."""
    out: dict[tuple[int, GridKind], list[_Lines]] = {}
    seen: set[bytes] = set()
    for key in sorted(shapes_by_key, key=lambda k: (k[0] == 0, k[0])):
        members = shapes_by_key[key]
        segs = np.concatenate([np.column_stack([r[:-1], r[1:]]) for m in members for r in m.rings])
        # canonical orientation, then drop segments already owned by a coarser level
        swap = (segs[:, 0] > segs[:, 2]) | ((segs[:, 0] == segs[:, 2]) & (segs[:, 1] > segs[:, 3]))
        segs[swap] = segs[swap][:, [2, 3, 0, 1]]
        segs = np.ascontiguousarray(segs)
        _, first = np.unique(segs.view(np.dtype((np.void, 32))).ravel(), return_index=True)
        segs = segs[np.sort(first)]
        if key[0] != 0:  # the police overlay keeps its own copy (it is toggled independently)
            raw = [row.tobytes() for row in segs]
            keep = np.array([r not in seen for r in raw], dtype=bool)
            seen.update(raw)
            segs = segs[keep]
        if not len(segs):
            continue
        b = max(1, min(12, int(math.sqrt(len(segs) / 60))))
        w = max(extent.width(), 1e-6) / b
        h = max(extent.height(), 1e-6) / b
        mx = (segs[:, 0] + segs[:, 2]) / 2
        my = (segs[:, 1] + segs[:, 3]) / 2
        bi = np.clip(((mx - extent.left()) / w).astype(int), 0, b - 1)
        bj = np.clip(((my - extent.top()) / h).astype(int), 0, b - 1)
        cell = bi * b + bj
        buckets = []
        for c in np.unique(cell):
            part = segs[cell == c]
            arr = PrimitiveArray(QLineF, 4)
            arr.resize(len(part))
            arr.ndarray()[:] = part
            xs = part[:, [0, 2]]
            ys = part[:, [1, 3]]
            rect = QRectF(xs.min(), ys.min(), xs.max() - xs.min(), ys.max() - ys.min())
            buckets.append(_Lines(rect, arr))
        out[key] = buckets
    return out


class GridItem(pg.GraphicsObject):
    """All grid polygons: per-level boundaries, kind tints or choropleth fill, labels."""

    def __init__(self) -> None:
        super().__init__()
        self.shapes: dict[str, GridShape] = {}
        self._extent = QRectF()
        self._levels: list[int] = []
        self._level_size: dict[int, float] = {}
        self._outline: dict[tuple[int, GridKind], list[_Lines]] = {}
        self._tints: dict[GridKind, dict[int, list[_Bucket]]] = {}
        self._fills: dict[int, list[tuple[QColor, list[_Bucket]]]] = {}
        self._labels: dict[int, list[GridShape]] = {}
        self.show_police = False
        self.show_labels = True
        self.show_grids = True
        self.choropleth = False
        self.fill_alpha = 255  # opaque fills are cheapest; the canvas lowers it over a basemap
        self.selected: str | None = None
        self._selected_path: QPainterPath | None = None
        self.label_rects: list[tuple[str, QRectF]] = []  # device rects of the labels last drawn
        self.fill_level: int | None = None  # level the choropleth filled last paint
        self.drawn_levels: list[int] = []
        self._fonts = {lvl: self._font(lvl) for lvl in range(1, 7)}
        self._metrics = {lvl: QFontMetricsF(f) for lvl, f in self._fonts.items()}
        self._label_cache: dict[tuple[int, str], QImage] = {}
        self._label_xy: dict[int, np.ndarray] = {}
        self._label_w: dict[int, np.ndarray] = {}
        self._label_size: dict[int, np.ndarray] = {}

    @staticmethod
    def _font(level: int) -> QFont:
        f = QFont()
        f.setPointSizeF({1: 13.0, 2: 11.5, 3: 10.0}.get(level, 9.0))
        f.setBold(level <= 2)
        return f

    # ---- data ------------------------------------------------------------------------------------
    def set_shapes(self, shapes: list[GridShape]) -> None:
        self.prepareGeometryChange()
        self.shapes = {s.id: s for s in shapes}
        if shapes:
            bb = np.array([s.bbox for s in shapes])
            x0, y0 = bb[:, 0].min(), bb[:, 1].min()
            self._extent = QRectF(x0, y0, bb[:, 2].max() - x0, bb[:, 3].max() - y0)
        else:
            self._extent = QRectF()
        gov = [s for s in shapes if s.kind != GridKind.POLICE]
        self._levels = sorted({s.level for s in gov})
        self._level_size = {
            lvl: float(np.median([math.sqrt(max(s.area_m2, 1.0)) for s in gov if s.level == lvl]))
            for lvl in self._levels
        }
        police = [s for s in shapes if s.kind == GridKind.POLICE]
        if police:
            self._level_size.setdefault(0, float(np.median([math.sqrt(max(s.area_m2, 1.0)) for s in police])))
        groups: dict[tuple[int, GridKind], list[GridShape]] = {}
        for s in shapes:
            groups.setdefault((0 if s.kind == GridKind.POLICE else s.level, s.kind), []).append(s)
        self._outline = _segment_buckets(groups, self._extent) if groups else {}
        self._tints = {}
        for (lvl, kind), members in groups.items():
            if kind in KIND_TINT:
                self._tints.setdefault(kind, {})[lvl] = _bucketed(members, self._extent)
        self._labels = {
            lvl: sorted((s for s in gov if s.level == lvl), key=lambda s: -s.area_m2) for lvl in self._levels
        }
        self._label_xy = {
            lvl: np.array([m.anchor for m in members], dtype=float).reshape(-1, 2)
            for lvl, members in self._labels.items()
        }
        self._label_w = {
            lvl: np.array([self._metrics.get(lvl, self._metrics[6]).horizontalAdvance(m.name) for m in members])
            for lvl, members in self._labels.items()
        }
        self._label_size = {
            lvl: np.sqrt(np.maximum([m.area_m2 for m in members], 1.0)) for lvl, members in self._labels.items()
        }
        self._fills = {}
        self.set_selected(self.selected)
        self.update()

    def set_fill_classes(self, classes: dict[str, int]) -> None:
        """Choropleth class (0..4, -1 = no data) per grid id; paths are rebuilt per level/class."""
        by: dict[tuple[int, int], list[GridShape]] = {}
        for gid, c in classes.items():
            s = self.shapes.get(gid)
            if s is not None and c >= 0 and s.kind != GridKind.POLICE:
                by.setdefault((s.level, c), []).append(s)
        fills: dict[int, list[tuple[QColor, list[_Bucket]]]] = {}
        for (lvl, c), members in sorted(by.items()):
            colour = QColor(CHORO_COLOURS[c])
            if self.fill_alpha == 255:  # no basemap: the look of 60 % over the background, but opaque (faster)
                bg = QColor(243, 241, 235)
                colour = QColor(*(int(0.6 * a + 0.4 * b) for a, b in (
                    (colour.red(), bg.red()), (colour.green(), bg.green()), (colour.blue(), bg.blue()))))
            else:
                colour.setAlpha(self.fill_alpha)
            fills.setdefault(lvl, []).append((colour, _bucketed(members, self._extent)))
        self._fills = fills
        self.update()

    def set_selected(self, grid_id: str | None) -> None:
        self.selected = grid_id
        s = self.shapes.get(grid_id) if grid_id else None
        self._selected_path = rings_path(s.rings) if s else None
        self.update()

    def extent(self) -> QRectF:
        return QRectF(self._extent)

    def levels_for(self, mpp: float) -> list[int]:
        """Governance levels whose boundaries are drawn at ``mpp`` scene metres per pixel."""
        if not self._levels:
            return []
        out = [lvl for lvl in self._levels if self._level_size[lvl] / mpp >= MIN_LEVEL_PX]
        return out or [self._levels[0]]

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(self._extent)

    def _label_sprite(self, level: int, name: str, size) -> QImage:
        """The label (text on a white halo box) pre-rendered once per (level, name)."""
        key = (level, name)
        img = self._label_cache.get(key)
        if img is None:
            if len(self._label_cache) > 6000:
                self._label_cache.clear()
            img = QImage(int(math.ceil(size.width())), int(math.ceil(size.height())), QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(Qt.GlobalColor.transparent)
            p = QPainter(img)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(255, 255, 255, 210))
            box = QRectF(0, 0, size.width(), size.height())
            p.drawRoundedRect(box, 3, 3)
            p.setFont(self._fonts.get(level, self._fonts[6]))
            p.setPen(QColor(LEVEL_STYLE.get(level, DEFAULT_STYLE)[0]).darker(130))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, name)
            p.end()
            self._label_cache[key] = img
        return img

    # ---- painting --------------------------------------------------------------------------------
    def paint(self, painter: QPainter, *_args) -> None:
        if not self.shapes or not self.show_grids:
            self.label_rects = []
            return
        sx, sy, dx, dy = view_scale(painter)
        mpp = 1.0 / max(abs(sx), 1e-12)
        vb = self.getViewBox()
        view = vb.viewRect() if vb is not None else self._extent
        levels = self.levels_for(mpp)
        self.drawn_levels = levels
        finest = levels[-1]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        self.fill_level = None
        for kind, per_level in self._tints.items():  # mountain / water grids keep their tint
            lvl = max((lv for lv in per_level if lv <= finest), default=None)
            for b in per_level.get(lvl, []) if lvl is not None else []:
                if b.rect.intersects(view):
                    painter.fillPath(b.path, KIND_TINT[kind])
        if self.choropleth and self._fills:
            lvl = max((lv for lv in levels if lv in self._fills and self._level_size[lv] / mpp >= FILL_LEVEL_PX),
                      default=min(self._fills))
            self.fill_level = lvl
            for colour, buckets in self._fills.get(lvl, []):
                brush = QBrush(colour)
                for b in buckets:
                    if b.rect.intersects(view):
                        painter.fillPath(b.path, brush)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for lvl in reversed(levels):
            colour, width = LEVEL_STYLE.get(lvl, DEFAULT_STYLE)
            for (glvl, kind), buckets in self._outline.items():
                if glvl != lvl:
                    continue
                pen = QPen(QColor(KIND_COLOUR.get(kind, colour)), width)
                pen.setCosmetic(True)
                painter.setPen(pen)
                for b in buckets:
                    if b.rect.intersects(view):
                        painter.drawLines(*b.lines.drawargs())
        if self.show_police:
            pen = QPen(QColor(KIND_COLOUR[GridKind.POLICE]), 1.8, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            for (glvl, _kind), buckets in self._outline.items():
                if glvl == 0:
                    for b in buckets:
                        if b.rect.intersects(view):
                            painter.drawLines(*b.lines.drawargs())
        if self._selected_path is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            pen = QPen(QColor(0, 200, 230), 4.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawPath(self._selected_path)

    def paint_labels(
        self, painter: QPainter, obstacles: np.ndarray | None = None, reserved: Iterable[QRectF] = ()
    ) -> None:
        """Place and draw labels (called by :class:`LabelItem`, above the markers), keeping clear of
        each other, of the ``obstacles`` (device x, y, radius) the markers just drew and of the
        ``reserved`` device rects (the map's furniture: legend, buttons, north arrow, scale bar)."""
        self.label_rects = []
        vb = self.getViewBox()
        if not self.shapes or not self.show_grids or not self.show_labels or vb is None:
            return
        sx, sy, dx, dy = view_scale(painter)
        mpp = 1.0 / max(abs(sx), 1e-12)
        view = vb.viewRect()
        lvls = [lvl for lvl in self._levels if self._level_size[lvl] / mpp >= LABEL_LEVEL_PX][-2:]
        placed: list[tuple[str, QRectF]] = []
        # occupancy bitmap of CELL-px cells over the device: a rect is free when none of the cells
        # it touches is taken (conservative: touching cells means no overlap is ever missed)
        dev = painter.viewport()
        cols = dev.width() // CELL + 3
        rows = dev.height() // CELL + 3
        occupied = np.zeros((rows, cols), dtype=bool)
        if obstacles is not None and 0 < len(obstacles) <= MAX_OBSTACLES:
            ob = obstacles[np.isfinite(obstacles).all(axis=1)]
            i0 = np.clip(np.floor((ob[:, 0] - ob[:, 2]) / CELL).astype(int) + 1, 0, cols - 1)
            i1 = np.clip(np.floor((ob[:, 0] + ob[:, 2]) / CELL).astype(int) + 1, 0, cols - 1)
            j0 = np.clip(np.floor((ob[:, 1] - ob[:, 2]) / CELL).astype(int) + 1, 0, rows - 1)
            j1 = np.clip(np.floor((ob[:, 1] + ob[:, 2]) / CELL).astype(int) + 1, 0, rows - 1)
            span = int(max((i1 - i0).max(initial=0), (j1 - j0).max(initial=0)))
            for di in range(span + 1):
                for dj in range(span + 1):
                    ok = (i0 + di <= i1) & (j0 + dj <= j1)
                    occupied[(j0 + dj)[ok], (i0 + di)[ok]] = True
        for r in reserved:
            ri0 = min(max(int(math.floor(r.left() / CELL)) + 1, 0), cols - 1)
            ri1 = min(max(int(math.floor(r.right() / CELL)) + 1, 0), cols - 1)
            rj0 = min(max(int(math.floor(r.top() / CELL)) + 1, 0), rows - 1)
            rj1 = min(max(int(math.floor(r.bottom() / CELL)) + 1, 0), rows - 1)
            occupied[rj0 : rj1 + 1, ri0 : ri1 + 1] = True
        # one Python int bitmask per cell row: testing a label's few cells is then a couple of int
        # operations instead of a numpy slice per candidate position
        masks = [int.from_bytes(np.packbits(occupied[j], bitorder="little").tobytes(), "little")
                 for j in range(rows)]
        painter.save()
        painter.resetTransform()
        y_lo, y_hi = min(view.top(), view.bottom()), max(view.top(), view.bottom())
        for lvl in lvls:
            if len(placed) >= MAX_LABELS:
                break
            shapes = self._labels[lvl]
            xy = self._label_xy[lvl]
            w = self._label_w[lvl]
            h = self._metrics.get(lvl, self._metrics[6]).height()
            # in view, and the grid is wide enough on screen to hold its name
            ok = (
                (xy[:, 0] >= view.left()) & (xy[:, 0] <= view.right()) & (xy[:, 1] >= y_lo) & (xy[:, 1] <= y_hi)
                & (w <= 1.6 * self._label_size[lvl] / mpp)
            )
            idx = np.flatnonzero(ok)[: 4 * MAX_LABELS]
            left = xy[idx, 0] * sx + dx - w[idx] / 2 - 3
            top = xy[idx, 1] * sy + dy - h / 2 - 1
            right = left + w[idx] + 6
            ci0 = np.clip(np.floor(left / CELL).astype(int) + 1, 0, cols - 1).tolist()
            ci1 = np.clip(np.floor(right / CELL).astype(int) + 1, 0, cols - 1).tolist()
            tops = top.tolist()
            for n, k in enumerate(idx.tolist()):
                span = ((1 << (ci1[n] - ci0[n] + 1)) - 1) << ci0[n]
                # at the anchor, else nudged just above or below it (the name still sits on its grid)
                for shift in (0.0, -(h + 3.0), h + 3.0):
                    t = tops[n] + shift
                    j0 = min(max(int(math.floor(t / CELL)) + 1, 0), rows - 1)
                    j1 = min(max(int(math.floor((t + h + 2) / CELL)) + 1, 0), rows - 1)
                    row_bits = 0
                    for j in range(j0, j1 + 1):
                        row_bits |= masks[j]
                    if not row_bits & span:
                        break
                else:
                    continue
                for j in range(j0, j1 + 1):
                    masks[j] |= span
                s = shapes[k]
                rect = QRectF(left[n], t, right[n] - left[n], h + 2)
                placed.append((s.id, rect))
                painter.drawImage(rect.topLeft(), self._label_sprite(lvl, s.name, rect.size()))
                if len(placed) >= MAX_LABELS:
                    break
        painter.restore()
        self.label_rects = placed


class LabelItem(pg.GraphicsObject):
    """Grid labels, painted above the markers so they can avoid them (see GridItem.paint_labels)."""

    def __init__(
        self,
        grids: GridItem,
        obstacles: Callable[[], np.ndarray | None],
        reserved: Callable[[], Iterable[QRectF]] | None = None,
    ) -> None:
        super().__init__()
        self.grids = grids
        self.obstacles = obstacles
        self.reserved = reserved or (lambda: ())

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self.grids.boundingRect()

    def paint(self, painter: QPainter, *_args) -> None:
        self.grids.paint_labels(painter, self.obstacles(), self.reserved())

