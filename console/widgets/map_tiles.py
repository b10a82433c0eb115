"""Raster basemap layer: offline XYZ/MBTiles tiles under the vectors.

Painting never reads or decodes a tile: ``paint`` draws what the in-memory LRU holds (falling
back to a cached ancestor tile, scaled, while a sharper one loads) and hands the wanted tile keys
to a :class:`TileLoader` thread, which reads the bytes from the
:class:`~console.services.basemap.TileSource` and decodes them with ``QImage.fromData``. The
loader's ``loaded`` signal is delivered on the GUI thread (queued) and triggers a repaint.

A tile the set does not have is left empty; a tile whose bytes do not decode is drawn hatched,
and ``failed`` is emitted once with a message naming the tile.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import OrderedDict

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen

from console.domain.projection import tile_bounds_mercator, tiles_in_bbox, zoom_for_resolution
from console.services.basemap import TileSource

log = logging.getLogger(__name__)

TileKey = tuple[int, int, int]
_MISSING = "missing"
_BROKEN = "broken"
MAX_TILES_PER_FRAME = 96


class TileLoader(QObject):
    """One worker thread reading and decoding the most recently wanted tiles first."""

    loaded = Signal(object, object)  # key, QImage | "missing" | "broken"

    def __init__(self, source: TileSource) -> None:
        super().__init__()
        self.source = source
        self._wanted: list[TileKey] = []
        self._cond = threading.Condition()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="tile-loader", daemon=True)
        self._thread.start()

    def want(self, keys: list[TileKey]) -> None:
        """Replace the queue with ``keys`` (tiles no longer in view are dropped)."""
        with self._cond:
            self._wanted = list(reversed(keys))
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._wanted = []
            self._cond.notify()
        self._thread.join(timeout=2.0)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._wanted and not self._stop:
                    self._cond.wait()
                if self._stop:
                    return
                key = self._wanted.pop()
            try:
                data = self.source.tile(*key)
            except Exception:  # a broken source must not kill the loader
                log.exception("tile %s failed", key)
                data = None
            if data is None:
                result: object = _MISSING
            else:
                img = QImage.fromData(data)
                result = img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied) if not img.isNull() else _BROKEN
            if self._stop:
                return
            self.loaded.emit(key, result)


class TileItem(pg.GraphicsObject):
    """Draws the basemap tiles intersecting the view; z below the vector layers."""

    failed = Signal(str)
    tileArrived = Signal()  # noqa: N815 (Qt naming)

    def __init__(self, origin: tuple[float, float], cache_size: int = 384) -> None:
        super().__init__()
        self.origin = origin  # Web-Mercator metres subtracted from scene coordinates
        self.source: TileSource | None = None
        self.loader: TileLoader | None = None
        self.cache: OrderedDict[TileKey, object] = OrderedDict()
        self.cache_size = cache_size
        self._last_want: list[TileKey] = []
        self._reported: set[TileKey] = set()
        self.last_zoom: int | None = None
        self._hatch = QBrush(QColor(150, 150, 150, 140), Qt.BrushStyle.BDiagPattern)
        self.setZValue(-100)

    def set_source(self, source: TileSource | None) -> None:
        if self.loader is not None:
            self.loader.stop()
            self.loader.loaded.disconnect(self._on_loaded)
            self.loader = None
        self.source = source
        self.cache.clear()
        self._last_want = []
        self._reported.clear()
        if source is not None:
            self.loader = TileLoader(source)
            self.loader.loaded.connect(self._on_loaded)
        self.update()

    def shutdown(self) -> None:
        if self.loader is not None:
            self.loader.stop()

    def _on_loaded(self, key: TileKey, result: object) -> None:
        self.cache[key] = result
        self.cache.move_to_end(key)
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        if result == _BROKEN and key not in self._reported and self.source is not None:
            self._reported.add(key)
            msg = QCoreApplication.translate("MapCanvas", "底图瓦片无法解码：{0}").format(self.source.describe(*key))
            log.warning("basemap tile does not decode: %s", self.source.describe(*key))
            self.failed.emit(msg)
        self.update()
        self.tileArrived.emit()

    def cached_images(self) -> int:
        return sum(1 for v in self.cache.values() if isinstance(v, QImage))

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        vb = self.getViewBox()
        return vb.viewRect() if vb is not None else QRectF()

    def paint(self, painter: QPainter, *_args) -> None:
        src = self.source
        vb = self.getViewBox()
        if src is None or vb is None:
            return
        t = painter.transform()
        sx, sy, dx, dy = t.m11(), t.m22(), t.dx(), t.dy()
        mpp = 1.0 / max(abs(sx), 1e-12)
        z = int(math.ceil(zoom_for_resolution(mpp) - 0.25))
        z = max(src.min_zoom, min(src.max_zoom, z))
        self.last_zoom = z
        view = vb.viewRect()
        ox, oy = self.origin
        west, east = view.left() + ox, view.right() + ox
        south, north = min(view.top(), view.bottom()) + oy, max(view.top(), view.bottom()) + oy
        x0, y0, x1, y1 = tiles_in_bbox(z, west, south, east, north)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_TILES_PER_FRAME:
            return  # zoomed out beyond the tile set: drawing thousands of tiles helps no one
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        want: list[TileKey] = []
        for tx in range(x0, x1 + 1):
            for ty in range(y0, y1 + 1):
                key = (z, tx, ty)
                w, s, e, n = tile_bounds_mercator(z, tx, ty)
                target = QRectF((w - ox) * sx + dx, (n - oy) * sy + dy, (e - w) * sx, (s - n) * sy).normalized()
                got = self.cache.get(key)
                if got is None:
                    want.append(key)
                    self._draw_ancestor(painter, key, target)
                elif isinstance(got, QImage):
                    self.cache.move_to_end(key)
                    painter.drawImage(target, got)
                elif got == _BROKEN:
                    painter.fillRect(target, self._hatch)
                    painter.setPen(QPen(QColor(160, 60, 60), 1))
                    painter.drawRect(target)
        painter.restore()
        if self.loader is not None and want != self._last_want:
            self._last_want = want
            self.loader.want(want)

    def _draw_ancestor(self, painter: QPainter, key: TileKey, target: QRectF) -> None:
        z, x, y = key
        for up in range(1, 4):
            if z - up < 0:
                return
            img = self.cache.get((z - up, x >> up, y >> up))
            if isinstance(img, QImage):
                k = 1 << up
                size = img.width() / k
                src = QRectF((x % k) * size, (y % k) * size, size, size)
                painter.drawImage(target, img, src)
                return
