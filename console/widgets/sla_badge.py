"""A small badge showing time left to (or past) an SLA deadline, coloured by urgency."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from console.domain.event import utcnow

translate = QCoreApplication.translate

WARN_SECONDS = 30 * 60  # amber when less than half an hour is left


def format_remaining(seconds: int) -> str:
    """``1:05:09`` / ``4:09`` style, with a leading minus once the deadline has passed."""
    sign = "-" if seconds < 0 else ""
    s = abs(seconds)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{sign}{h}:{m:02d}:{sec:02d}" if h else f"{sign}{m}:{sec:02d}"


class SlaBadge(QLabel):
    """Shows "剩余 12:30" / "超时 3:10" for a deadline (the queue's dispatch countdown uses the same
    words and format); property ``sla`` is ok / warn / overdue / none."""

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] = utcnow,
        tick_ms: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("slaBadge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._clock = clock
        self._deadline: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.refresh)
        self.set_deadline(None)

    def set_deadline(self, deadline: datetime | None) -> None:
        self._deadline = deadline
        if deadline is None:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()
        self.refresh()

    def state(self) -> str:
        return str(self.property("sla") or "none")

    def refresh(self) -> None:
        if self._deadline is None:
            self._set("none", translate("SlaBadge", "无时限"))
            return
        left_s = (self._deadline - self._clock()).total_seconds()
        if left_s <= 0:  # whole seconds past the deadline, as the queue's dispatch countdown counts
            self._set("overdue", translate("SlaBadge", "超时 %1").replace("%1", format_remaining(int(-left_s))))
            return
        left = math.ceil(left_s)  # "剩余 0:01" up to the deadline itself
        if left < WARN_SECONDS:
            self._set("warn", translate("SlaBadge", "剩余 %1").replace("%1", format_remaining(left)))
        else:
            self._set("ok", translate("SlaBadge", "剩余 %1").replace("%1", format_remaining(left)))

    def _set(self, state: str, text: str) -> None:
        self.setText(text)
        if self.property("sla") != state:
            self.setProperty("sla", state)
            self.style().unpolish(self)
            self.style().polish(self)
