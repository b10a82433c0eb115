"""The training watermark: "培训模式 / TRAINING" painted over every window of a training console.

:class:`Watermark` is a mouse-transparent child widget stretched over its window, painting the text
diagonally in a light tiled pattern; :class:`WatermarkInstaller` (an application event filter) gives
every top-level window one when it is first shown — the main window, the dispatch panel, dialogs.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget


def watermark_text() -> str:
    return QCoreApplication.translate("Training", "培训模式") + " / TRAINING"


class Watermark(QWidget):
    """Paints the training mark over its parent; never takes a click or the keyboard."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("trainingWatermark")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text = watermark_text()
        self._pattern: QPixmap | None = None
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.parent() and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded,
                                                      QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        self._pattern = None  # drawn again at the new size on the next paint
        super().resizeEvent(event)

    def paintEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        # the pattern is drawn once per size; a repaint of anything under it only copies the dirty part
        if self._pattern is None:
            self._pattern = self._draw_pattern()
        p = QPainter(self)
        p.setClipRect(event.rect())
        p.drawPixmap(0, 0, self._pattern)
        p.end()

    def _draw_pattern(self) -> QPixmap:
        w, h = max(1, self.width()), max(1, self.height())
        dpr = self.devicePixelRatioF()
        pix = QPixmap(round(w * dpr), round(h * dpr))
        pix.setDevicePixelRatio(dpr)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSize(max(14, min(36, w // 28)))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor(220, 60, 60, 60))
        fm = p.fontMetrics()
        tw, th = fm.horizontalAdvance(self.text) + 80, fm.height() * 5
        diag = int(math.hypot(w, h))
        p.translate(w / 2, h / 2)
        p.rotate(-25)
        for y in range(-diag // 2, diag // 2 + th, th):
            shift = (y // th) % 2 * tw // 2
            for x in range(-diag // 2 - tw, diag // 2 + tw, tw):
                p.drawText(x + shift, y, self.text)
        # a solid band at the top: the mode is plain even where the pattern is faint
        p.resetTransform()
        p.fillRect(0, 0, w, 4, QColor(220, 60, 60, 200))
        p.end()
        return pix


def watermark_of(window: QWidget) -> Watermark | None:
    return window.findChild(Watermark, "trainingWatermark", Qt.FindChildOption.FindDirectChildrenOnly)


def add_watermark(window: QWidget) -> Watermark:
    found = watermark_of(window)
    return found if found is not None else Watermark(window)


class WatermarkInstaller(QObject):
    """Gives every top-level window a :class:`Watermark` when it is shown (install on the app)."""

    def __init__(self, app: QApplication | None = None) -> None:
        super().__init__(app)
        self._app = app or QApplication.instance()
        self._app.installEventFilter(self)  # type: ignore[union-attr]
        for w in QApplication.topLevelWidgets():
            if w.isWindow() and w.isVisible():
                add_watermark(w)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow() \
                and not isinstance(obj, Watermark) and obj.windowType() not in _SKIPPED:
            add_watermark(obj)
        return False

    def remove(self) -> None:
        self._app.removeEventFilter(self)  # type: ignore[union-attr]


# menus and tooltips are windows too, but short-lived: they get no mark
_SKIPPED = frozenset({Qt.WindowType.Popup, Qt.WindowType.ToolTip})
