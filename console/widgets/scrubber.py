"""The replay timeline scrubber (pyqtgraph): intake per minute as bars, marks for majors, breaches,
escalations, whistles and bookmarks, and a cursor at the replay instant that can be dragged or
clicked to seek. Times are epoch seconds; the axis shows the room's local time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

translate = QCoreApplication.translate

# mark kind → (symbol, colour, row as a fraction of the top of the intake bars)
MARK_STYLE: dict[str, tuple[str, str, float]] = {
    "major": ("t", "#dc2626", 1.10),
    "breach": ("x", "#9333ea", 1.22),
    "escalation": ("t1", "#ea580c", 1.34),
    "whistle": ("d", "#0891b2", 1.46),
    "bookmark": ("star", "#facc15", 1.58),
}


def legend_html() -> str:
    """The marks' key as rich text (a pyqtgraph legend costs ~1 s of start-up)."""
    glyph = {"t": "▼", "x": "✕", "t1": "▲", "d": "◆", "star": "★"}
    names = mark_names()
    return "  ".join(f'<span style="color:{c}">{glyph[s]}</span> {names[k]}' for k, (s, c, _r) in MARK_STYLE.items())


def mark_names() -> dict[str, str]:
    return {
        "major": translate("Scrubber", "重大事件"),
        "breach": translate("Scrubber", "超时"),
        "escalation": translate("Scrubber", "上报"),
        "whistle": translate("Scrubber", "吹哨"),
        "bookmark": translate("Scrubber", "书签"),
    }


class Scrubber(QWidget):
    """``seekRequested(epoch seconds)`` when the user drags the cursor or clicks the timeline."""

    seekRequested = Signal(float)

    def __init__(self, *, utc_offset_s: int = 8 * 3600, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replayScrubber")
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=-utc_offset_s)})
        self.plot.setBackground("#101418")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getPlotItem().setMouseEnabled(x=True, y=False)
        self.plot.getPlotItem().showGrid(x=True, y=False, alpha=0.2)
        self.plot.setLabel("left", translate("Scrubber", "每分钟接报"))
        self.bars = pg.BarGraphItem(x=[], height=[], width=60.0, brush=QColor("#3b82f6"), pen=None)
        self.plot.addItem(self.bars)
        names = mark_names()
        self.marks: dict[str, pg.ScatterPlotItem] = {}
        for kind, (symbol, colour, _row) in MARK_STYLE.items():
            item = pg.ScatterPlotItem(symbol=symbol, size=9, brush=QColor(colour), pen=None)
            item.setToolTip(names[kind])
            self.plot.addItem(item)
            self.marks[kind] = item
        self.cursor = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen("#f59e0b", width=2),
                                      hoverPen=pg.mkPen("#fde68a", width=3))
        self.plot.addItem(self.cursor)
        self.cursor.sigPositionChangeFinished.connect(lambda line: self.seekRequested.emit(float(line.value())))
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self._top = 1.0
        self._range = (0.0, 1.0)
        self._t: float | None = None  # the instant shown (the cursor is within half a pixel of it)
        self.plot.getPlotItem().getViewBox().sigXRangeChanged.connect(self._range_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot)

    def set_intake(self, minute_starts: np.ndarray, counts: np.ndarray) -> None:
        x = np.asarray(minute_starts, dtype=float) + 30.0
        h = np.asarray(counts, dtype=float)
        self.bars.setOpts(x=x, height=h, width=60.0)
        self._top = max(1.0, float(h.max()) if h.size else 1.0)
        if x.size:
            self.set_range(float(x[0]) - 30.0, float(x[-1]) + 30.0)
        self.plot.setYRange(0, self._top * 1.7, padding=0)

    def set_range(self, start: float, end: float) -> None:
        self._range = (start, end)
        self.cursor.setBounds((start, end))
        self.plot.setXRange(start, end, padding=0.01)
        self.plot.getPlotItem().getViewBox().setLimits(xMin=start - 60, xMax=end + 60)

    def set_marks(self, marks: Mapping[str, Sequence[float]]) -> None:
        for kind, item in self.marks.items():
            xs = np.asarray(list(marks.get(kind, ())), dtype=float)
            y = np.full(xs.shape, self._top * MARK_STYLE[kind][2])
            item.setData(x=xs, y=y)

    def set_position(self, t: float) -> None:
        """Put the cursor at ``t``. The plot is repainted only when the cursor moves by half a pixel
        or more: at 60× a frame is 6 s of shift time, a pixel of a day's timeline ~50 s, and every
        repaint of the plot costs the GUI thread ~6 ms."""
        self._t = t
        line = self._line
        if line.moving:
            return
        per_px = self.plot.getPlotItem().getViewBox().viewPixelSize()[0]
        if per_px > 0 and abs(t - float(line.value())) < per_px / 2:
            return
        self._place(t)

    @property
    def _line(self) -> pg.InfiniteLine:
        return cast(pg.InfiniteLine, self.cursor)  # the name shadows QWidget.cursor() for type checkers

    def _place(self, t: float) -> None:
        line = self._line
        line.blockSignals(True)
        line.setValue(t)
        line.blockSignals(False)

    def _range_changed(self, *_args: object) -> None:
        """Zoomed or panned: the cursor exactly at the instant again (half a pixel may now be more)."""
        if self._t is not None and not self._line.moving:
            self._place(self._t)

    def position(self) -> float:
        if self._t is not None and not self._line.moving:
            return self._t
        return float(self._line.value())

    def _clicked(self, ev: object) -> None:
        pos = ev.scenePos()  # type: ignore[attr-defined]
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            return
        x = float(vb.mapSceneToView(pos).x())
        x = min(max(x, self._range[0]), self._range[1])
        self._t = x
        self.cursor.setValue(x)
        self.seekRequested.emit(x)
