"""One full-screen wall window per chosen screen: moved to the screen's geometry, then shown full
screen (``QWidget.setScreen`` alone does not move a window on a virtual desktop); screens added
or removed while the wall runs get or lose their window (the wall never ends up with no window:
when every chosen screen is gone it falls back to the primary screen)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen, QShortcut

from console.domain.district import District
from console.views.wall.controller import WallController
from console.views.wall.window import WallScreen

log = logging.getLogger(__name__)


class WallDisplay(QObject):
    def __init__(self, controller: WallController, district: District, *, screens: Sequence[int],
                 pages: Sequence[str], dwell: dict[str, int] | int, clock: Callable[[], datetime],
                 fullscreen: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.district = district
        self.wanted = list(screens)
        self.pages = list(pages)
        self.dwell = dwell
        self.clock = clock
        self.fullscreen = fullscreen
        self.windows: dict[QScreen, WallScreen] = {}
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        self.names = [s.name() for s in app.screens()]  # the indexes as the command line meant them
        app.screenAdded.connect(self._added)
        app.screenRemoved.connect(self._removed)
        for i in self.wanted:
            self.open_on(app.screens()[i])

    def open_on(self, screen: QScreen) -> WallScreen:
        geo = screen.geometry()
        w = WallScreen(self.district, pages=self.pages, dwell=self.dwell, clock=self.clock, height=geo.height())
        w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        w.setWindowTitle(w.title.text())
        w.move(geo.topLeft())
        w.resize(geo.size())
        if self.fullscreen:
            w.showFullScreen()
        else:
            w.show()
        self.windows[screen] = w
        QShortcut(QKeySequence("Ctrl+Q"), w, QGuiApplication.quit)
        QShortcut(QKeySequence("Esc"), w, w.showNormal)
        self.controller.add_screen(w)
        log.info("wall window on screen %s (%dx%d at %d,%d)", screen.name(), geo.width(), geo.height(), geo.x(), geo.y())
        return w

    def _added(self, screen: QScreen) -> None:
        if screen.name() in self.names:
            idx = self.names.index(screen.name())
        else:
            self.names.append(screen.name())
            idx = len(self.names) - 1
        if idx in self.wanted and screen not in self.windows:
            self.open_on(screen)

    def _removed(self, screen: QScreen) -> None:
        w = self.windows.pop(screen, None)
        if w is not None:
            self.controller.remove_screen(w)
            w.close()
        if not self.windows:
            app = QGuiApplication.instance()
            primary = app.primaryScreen() if isinstance(app, QGuiApplication) else None
            if primary is not None and primary is not screen:
                self.open_on(primary)

    def close_all(self) -> None:
        for w in list(self.windows.values()):
            self.controller.remove_screen(w)
            w.close()
        self.windows.clear()
