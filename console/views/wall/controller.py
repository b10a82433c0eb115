"""Feeds the wall screens: refreshes the :class:`~console.services.wall_data.WallDataService` on a
worker thread every ``interval_s`` seconds and hands each snapshot to every screen on the GUI
thread; ticks the screens once a second (rotation, countdowns, staleness). When the store cannot be
read the screens show a banner and keep their last data (greying after 60 s) while the controller
retries with a growing pause (2 s … 30 s)."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.services.wall_data import WallSnapshot
from console.views.wall.style import translate

log = logging.getLogger(__name__)
RETRY_S = (2, 4, 8, 15, 30)


class WallController(QObject):
    refreshed = Signal(object)  # WallSnapshot, on the GUI thread
    failed = Signal(str)
    _done = Signal(object, object)  # (snapshot | None, error text | None) from the worker thread

    def __init__(self, service: Any, *, interval_s: float = 10.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.interval_s = interval_s
        self.screens: list[Any] = []
        self.snapshot: WallSnapshot | None = None
        self.failures = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wall-refresh")
        self._running: Future[Any] | None = None
        self._done.connect(self._on_done)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.refresher = QTimer(self)
        self.refresher.setSingleShot(True)
        self.refresher.timeout.connect(self.refresh)

    def add_screen(self, screen: Any) -> None:
        self.screens.append(screen)
        if self.snapshot is not None:
            screen.apply(self.snapshot)
        screen.destroyed.connect(lambda *_: self.screens.remove(screen) if screen in self.screens else None)

    def remove_screen(self, screen: Any) -> None:
        if screen in self.screens:
            self.screens.remove(screen)

    def start(self) -> None:
        self.ticker.start()
        self.refresh()

    def stop(self) -> None:
        self.ticker.stop()
        self.refresher.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def route_alarm(self, alarm: Any) -> None:
        """An alarm takes ONE screen over: the first without an alarm (else the least busy one)."""
        if not self.screens:
            return
        free = [s for s in self.screens if s.alarm is None]
        target = free[0] if free else min(self.screens, key=lambda s: len(s.alarm_queue))
        target.raise_alarm(alarm)

    def tick(self) -> None:
        for s in list(self.screens):
            s.tick()

    def refresh(self) -> None:
        """Start one refresh on the worker thread (ignored while one runs)."""
        if self._running is not None and not self._running.done():
            return
        try:
            self._running = self._pool.submit(self.service.refresh)
        except RuntimeError:  # stopped
            return
        self._running.add_done_callback(self._finished)

    def _finished(self, fut: Future[Any]) -> None:  # worker thread: only emit
        exc = fut.exception() if not fut.cancelled() else None
        if fut.cancelled():
            return
        if exc is not None:
            log.warning("wall refresh failed: %s", exc, exc_info=exc)
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
            self._done.emit(None, detail)
        else:
            self._done.emit(fut.result(), None)

    def _on_done(self, snap: WallSnapshot | None, error: str | None) -> None:
        if snap is not None:
            self.failures = 0
            self.snapshot = snap
            for s in list(self.screens):
                s.set_unreachable(None)
                s.apply(snap)
            for alarm in snap.alarms_new:
                self.route_alarm(alarm)
            self.refreshed.emit(snap)
            self.refresher.start(int(self.interval_s * 1000))
            return
        wait = RETRY_S[min(self.failures, len(RETRY_S) - 1)]
        self.failures += 1
        message = translate("Wall", "数据源不可达（%1），%2 秒后重试；显示的是上次的数据").replace("%1", error or "").replace(
            "%2", str(wait))
        for s in list(self.screens):
            s.set_unreachable(message)
        self.failed.emit(message)
        self.refresher.start(wait * 1000)
