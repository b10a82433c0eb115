"""Field layer (cameras) and the fixed map furniture (scale bar, north
arrow, legend) of the map canvas. Each piece of furniture has a ``*_rect`` twin saying where it
is painted, so grid labels can be placed clear of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QAbstractScrollArea, QToolButton

from console.widgets.map_layers import CHORO_COLOURS, LEVEL_COLOURS, view_scale


def tr(text: str) -> str:
    return QCoreApplication.translate("MapCanvas", text)


@dataclass(slots=True)
class CameraMark:
    id: str
    name: str
    x: float
    y: float
    heading_deg: float | None
    fov_deg: float


CAMERA_MPP = 5.0  # camera icons only closer than this (m/px): at district zoom they would bury the events
WEDGE_MPP = 3.0  # view wedges only when zoomed in closer than this (m/px): no clutter at district zoom


class FieldItem(pg.GraphicsObject):
    """Cameras (view wedges); workers and tracks are console.widgets.map_workers.WorkerItem."""

    def __init__(self) -> None:
        super().__init__()
        self.cameras: list[CameraMark] = []
        self.show_cameras = True
        self._bounds = QRectF()
        self._font = QFont()
        self._font.setPointSizeF(8.0)

    def set_cameras(self, cameras: list[CameraMark]) -> None:
        self.cameras = cameras
        self._rebound()

    def _rebound(self) -> None:
        self.prepareGeometryChange()
        r = QRectF()
        for p in self.cameras:
            r = r.united(QRectF(p.x - 1, p.y - 1, 2, 2))
        self._bounds = r
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(self._bounds)

    def paint(self, painter: QPainter, *_args) -> None:
        vb = self.getViewBox()
        if vb is None:
            return
        view = vb.viewRect()
        sx, sy, dx, dy = view_scale(painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.save()
        painter.resetTransform()
        mpp = 1.0 / max(abs(sx), 1e-12)
        if self.show_cameras and mpp < CAMERA_MPP:
            wedges = mpp < WEDGE_MPP
            for c in self.cameras:
                if view.contains(c.x, c.y):
                    self._paint_camera(painter, QPointF(c.x * sx + dx, c.y * sy + dy), c, wedges)
        painter.restore()

    @staticmethod
    def _paint_camera(painter: QPainter, p: QPointF, c: CameraMark, wedge: bool) -> None:
        if wedge and c.heading_deg is not None:
            r = 30.0
            # Qt angles: 0 = east, counter-clockwise, 1/16 degree; heading: 0 = north, clockwise
            start = 90.0 - c.heading_deg - c.fov_deg / 2
            painter.setPen(QPen(QColor(20, 120, 160, 200), 1))
            painter.setBrush(QColor(40, 170, 220, 80))
            painter.drawPie(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r), int(start * 16), int(c.fov_deg * 16))
        # a little camera: body and lens, dark slate (event markers are round/square and coloured)
        painter.setPen(QPen(QColor(255, 255, 255), 1.2))
        painter.setBrush(QColor(55, 71, 79))
        painter.drawRoundedRect(QRectF(p.x() - 7, p.y() - 4.5, 10, 9), 2, 2)
        painter.drawPolygon(QPolygonF([QPointF(p.x() + 3, p.y() - 1.5), QPointF(p.x() + 7.5, p.y() - 4.5),
                                       QPointF(p.x() + 7.5, p.y() + 4.5), QPointF(p.x() + 3, p.y() + 1.5)]))

    def hit_camera(self, x: float, y: float, mpp: float, radius_px: float = 9.0) -> str | None:
        if not self.show_cameras or mpp >= CAMERA_MPP:
            return None
        best, best_d = None, radius_px * mpp
        for c in self.cameras:
            d = math.hypot(c.x - x, c.y - y)
            if d <= best_d:
                best, best_d = c.id, d
        return best


# ---- furniture (device coordinates) ----------------------------------------------------------------
class Furniture:
    """The map's fixed furniture over a canvas (a ``QGraphicsView``): north arrow, scale bar, the
    legend (collapsible with its 图例 button, above it at the bottom left) and the 全图 button.

    The buttons are styled opaque by the theme (``#mapHomeButton``, ``#mapLegendButton``) so they
    read on a light basemap. :meth:`rects` says what the furniture covers, for label placement.
    """

    def __init__(self, canvas: QAbstractScrollArea) -> None:
        self.canvas = canvas
        self.home_button = QToolButton(canvas)
        self.home_button.setObjectName("mapHomeButton")
        self.home_button.setText(QCoreApplication.translate("MapCanvas", "全图"))
        self.home_button.setToolTip(QCoreApplication.translate("MapCanvas", "回到全区视图"))
        self.legend_button = QToolButton(canvas)
        self.legend_button.setObjectName("mapLegendButton")
        self.legend_button.setText(QCoreApplication.translate("MapCanvas", "图例"))
        self.legend_button.setToolTip(QCoreApplication.translate("MapCanvas", "显示或收起图例"))
        self.legend_button.setCheckable(True)
        self.legend_button.setChecked(True)
        self.legend_button.toggled.connect(lambda _on: canvas.viewport().update())

    @property
    def legend_shown(self) -> bool:
        return self.legend_button.isChecked()

    def place(self) -> None:
        """Home button top right, legend button bottom left (call on resize)."""
        c = self.canvas
        self.home_button.adjustSize()
        self.home_button.move(c.width() - self.home_button.width() - 10, 10)
        self.legend_button.adjustSize()
        self.legend_button.move(10, c.height() - self.legend_button.height() - 10)

    def _viewport_rect(self, button: QToolButton) -> QRectF:
        g = button.geometry()
        return QRectF(QRect(self.canvas.viewport().mapFrom(self.canvas, g.topLeft()), g.size()))

    def legend_rect(self, spec: tuple[str | None, list[tuple[float, float]], str]) -> QRectF | None:
        """Where the legend is painted (viewport pixels), None while it is collapsed."""
        if not self.legend_shown:
            return None
        corner = self._viewport_rect(self.legend_button).topLeft() - QPointF(0, 6)
        return legend_rect(corner, *spec)

    def rects(self, ground_mpp: float | None, spec: tuple[str | None, list[tuple[float, float]], str]) -> list[QRectF]:
        area = QRectF(self.canvas.viewport().rect())
        out = [north_arrow_rect(area)]
        out += [self._viewport_rect(b).adjusted(-4, -4, 4, 4) for b in (self.home_button, self.legend_button)]
        if ground_mpp is not None:
            out.append(scale_bar_rect(area, ground_mpp))
        legend = self.legend_rect(spec)
        if legend is not None:
            out.append(legend)
        return [r for r in out if not r.isEmpty()]

    def paint(self, painter: QPainter, ground_mpp: float | None,
              spec: tuple[str | None, list[tuple[float, float]], str]) -> None:
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        area = QRectF(self.canvas.viewport().rect())
        paint_north_arrow(painter, area)
        if ground_mpp is not None:
            paint_scale_bar(painter, area, ground_mpp)
        legend = self.legend_rect(spec)
        if legend is not None:
            paint_legend(painter, legend.bottomLeft(), *spec)
        painter.restore()


def nice_length(max_m: float) -> float:
    """The largest 1/2/5 × 10^k metres not above ``max_m``."""
    if max_m <= 0:
        return 0.0
    k = 10 ** math.floor(math.log10(max_m))
    for f in (5, 2, 1):
        if f * k <= max_m:
            return f * k
    return k


def format_length(m: float) -> str:
    if m >= 1000:
        km = m / 1000
        return QCoreApplication.translate("MapCanvas", "{0} 公里").format(f"{km:g}")
    return QCoreApplication.translate("MapCanvas", "{0} 米").format(f"{m:g}")


def scale_bar_rect(rect: QRectF, ground_mpp: float) -> QRectF:
    """Where :func:`paint_scale_bar` paints (empty when there is no bar)."""
    length_m = nice_length(140 * ground_mpp)
    if length_m <= 0:
        return QRectF()
    w = length_m / ground_mpp
    x1 = rect.right() - 16
    y = rect.bottom() - 18
    return QRectF(x1 - w - 8, y - 20, w + 16, 28)


def north_arrow_rect(rect: QRectF) -> QRectF:
    """Where :func:`paint_north_arrow` paints."""
    return QRectF(rect.left() + 14, rect.top() + 4, 28, 46)


def paint_scale_bar(painter: QPainter, rect: QRectF, ground_mpp: float) -> None:
    """Bottom-right scale bar; ``ground_mpp`` = ground metres per device pixel."""
    length_m = nice_length(140 * ground_mpp)
    if length_m <= 0:
        return
    w = length_m / ground_mpp
    x1 = rect.right() - 16
    x0 = x1 - w
    y = rect.bottom() - 18
    painter.fillRect(QRectF(x0 - 8, y - 20, w + 16, 28), QColor(255, 255, 255, 200))
    pen = QPen(QColor(30, 30, 30), 2)
    painter.setPen(pen)
    painter.drawLine(QPointF(x0, y), QPointF(x1, y))
    painter.drawLine(QPointF(x0, y - 5), QPointF(x0, y + 1))
    painter.drawLine(QPointF(x1, y - 5), QPointF(x1, y + 1))
    painter.drawText(QRectF(x0, y - 20, w, 16), Qt.AlignmentFlag.AlignCenter, format_length(length_m))


def paint_north_arrow(painter: QPainter, rect: QRectF) -> None:
    cx, top = rect.left() + 28, rect.top() + 14
    painter.setPen(QPen(QColor(30, 30, 30), 1))
    painter.setBrush(QColor(30, 30, 30))
    painter.drawPolygon(QPolygonF([QPointF(cx, top + 8), QPointF(cx - 9, top + 34), QPointF(cx, top + 28)]))
    painter.setBrush(QColor(255, 255, 255))
    painter.drawPolygon(QPolygonF([QPointF(cx, top + 8), QPointF(cx + 9, top + 34), QPointF(cx, top + 28)]))
    painter.drawText(QRectF(cx - 12, top - 8, 24, 16), Qt.AlignmentFlag.AlignCenter, QCoreApplication.translate("MapCanvas", "北"))


def legend_rect(bottom_left: QPointF, title: str | None, breaks: list[tuple[float, float]], fmt: str) -> QRectF:
    """Where :func:`paint_legend` paints a legend whose bottom-left corner is ``bottom_left``."""
    img = _legend_image(title, tuple(breaks), fmt)
    return QRectF(bottom_left.x(), bottom_left.y() - img.height(), img.width(), img.height())


def paint_legend(
    painter: QPainter, bottom_left: QPointF, title: str | None, breaks: list[tuple[float, float]], fmt: str
) -> None:
    """The choropleth classes (when ``title``) and the event symbols (a cached image) with its
    bottom-left corner at ``bottom_left`` (the canvas puts it above its 图例 button)."""
    img = _legend_image(title, tuple(breaks), fmt)
    painter.drawImage(QPointF(bottom_left.x(), bottom_left.y() - img.height()), img)


@lru_cache(maxsize=32)
def _legend_image(title: str | None, breaks: tuple[tuple[float, float], ...], fmt: str) -> QImage:
    rows: list[tuple[QBrush, str, str]] = []
    if title:
        for k, (lo, hi) in enumerate(breaks):
            rows.append((QBrush(QColor(CHORO_COLOURS[k])), "box", f"{lo:{fmt}} – {hi:{fmt}}"))
    levels = (QCoreApplication.translate("MapCanvas", "一般"), QCoreApplication.translate("MapCanvas", "较大"), QCoreApplication.translate("MapCanvas", "重大"), QCoreApplication.translate("MapCanvas", "特别重大"))
    for colour, name in zip(LEVEL_COLOURS, levels, strict=True):
        rows.append((QBrush(QColor(colour)), "dot", name))
    rows.append((QBrush(QColor(230, 20, 20, 110)), "halo", QCoreApplication.translate("MapCanvas", "超时")))
    rows.append((QBrush(QColor(LEVEL_COLOURS[0])), "square", QCoreApplication.translate("MapCanvas", "不在任何网格内")))
    # grid workers by state (console.widgets.map_workers)
    for colour, name in zip(("#108c50", "#1f5fd0", "#8d8d8d", "#c9c9c9"),
                            (QCoreApplication.translate("MapCanvas", "网格员在岗"),
                             QCoreApplication.translate("MapCanvas", "网格员执行任务"),
                             QCoreApplication.translate("MapCanvas", "网格员位置过期"),
                             QCoreApplication.translate("MapCanvas", "网格员下班")), strict=True):
        rows.append((QBrush(QColor(colour)), "pin", name))
    line_h = 17
    head = 20 if title else 0
    h = head + line_h * len(rows) + 10
    box = QRectF(0, 0, 150, h)
    img = QImage(int(box.width()) + 1, int(h) + 1, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(box, QColor(255, 255, 255, 215))
    painter.setPen(QPen(QColor(120, 120, 120, 160), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
    y = box.top() + 6
    if title:
        painter.setPen(QColor(30, 30, 30))
        painter.drawText(QRectF(box.left() + 8, y, box.width() - 12, 16), Qt.AlignmentFlag.AlignLeft, title)
        y += head
    for brush, shape, text in rows:
        sw = QRectF(box.left() + 10, y + 3, 12, 11)
        painter.setPen(QPen(QColor(40, 40, 40), 1))
        painter.setBrush(brush)
        if shape == "box":
            painter.drawRect(sw)
        elif shape == "dot":
            painter.drawEllipse(sw.center(), 5, 5)
        elif shape == "halo":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(sw.center(), 7, 7)
            painter.setBrush(QColor(LEVEL_COLOURS[0]))
            painter.drawEllipse(sw.center(), 4, 4)
        elif shape == "pin":
            c = sw.center()
            painter.setPen(QPen(QColor(255, 255, 255), 1))
            painter.drawPolygon(QPolygonF([QPointF(c.x(), c.y() + 7), QPointF(c.x() - 4, c.y()), QPointF(c.x() + 4, c.y())]))
            painter.drawEllipse(QPointF(c.x(), c.y() - 2), 4.5, 4.5)
        else:
            painter.drawRect(QRectF(sw.center().x() - 5, sw.center().y() - 5, 10, 10))
        painter.setPen(QColor(30, 30, 30))
        painter.drawText(QRectF(sw.right() + 8, y, box.width() - 34, line_h), Qt.AlignmentFlag.AlignVCenter, text)
        y += line_h
    painter.end()
    return img
