"""One wall screen: the pages in rotation with a per-page dwell and a visible countdown, pause
(space or a click), pin (P), next/previous (→/←), the stale-data greying, the "store unreachable"
banner, and the alarm takeover (a new major/critical event, or a breach on one, takes the screen
until it is acknowledged with Enter or a click, or a timeout passes; then rotation resumes).

The screen computes nothing: :meth:`WallScreen.apply` takes a
:class:`~console.services.wall_data.WallSnapshot` from the controller and :meth:`tick` (once a
second, from the controller's clock) advances the rotation and the staleness.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from console.domain.district import District
from console.services.wall_data import Alarm, WallSnapshot
from console.views.wall.map_page import AlarmPage, MapPage
from console.views.wall.pages import (
    PAGES,
    KpiPage,
    OverduePage,
    RankingPage,
    TrendPage,
    WallPage,
    WhistlePage,
    _label,
    clock_text,
    page_titles,
)
from console.views.wall.style import BAD, BG, MUTED, TEXT, WARN, WallStyle, fill, translate

STALE_S = 60.0
ALARM_TIMEOUT_S = 120


def build_page(name: str, style: WallStyle, tz: ZoneInfo, district: District) -> WallPage:
    names = {
        "grid": {g.id: g.name for g in district.grids.values()},
        "dept": {d.id: d.name for d in district.departments.values()},
        "worker": {m.id: m.name for m in district.members.values()},
    }
    if name == "map":
        return MapPage(style, tz, district)
    if name == "kpi":
        return KpiPage(style, tz)
    if name == "overdue":
        return OverduePage(style, tz, names["grid"])
    if name == "whistle":
        return WhistlePage(style, tz, names["dept"])
    if name == "ranking":
        return RankingPage(style, tz, names)
    if name == "trend":
        return TrendPage(style, tz)
    raise ValueError(f"unknown wall page {name!r}; pages: {', '.join(PAGES)}")


class WallScreen(QWidget):
    acknowledged = Signal(str)  # alarm key
    pageChanged = Signal(str)  # noqa: N815 (Qt naming)

    def __init__(self, district: District, *, pages: Sequence[str] = PAGES, dwell: dict[str, int] | int = 20,
                 clock: Callable[[], datetime], height: int = 1080, alarm_timeout: int = ALARM_TIMEOUT_S,
                 title: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallRoot")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.wall_style = style = WallStyle.for_height(height)
        fill(self, BG)
        self.tz = ZoneInfo(district.info.timezone)
        self.clock = clock
        self.names = list(pages)
        self.dwell = {n: (dwell.get(n, 20) if isinstance(dwell, dict) else int(dwell)) for n in self.names}
        self.alarm_timeout = alarm_timeout
        self.paused = False
        self.pinned = False
        self.current = 0
        self.remaining = self.dwell[self.names[0]]
        self.snapshot: WallSnapshot | None = None
        self.alarm_queue: list[Alarm] = []
        self.alarm: Alarm | None = None
        self.alarm_left = 0
        titles = page_titles()
        self.pages = {n: build_page(n, style, self.tz, district) for n in self.names}
        self.alarm_page = AlarmPage(style, self.tz, district)
        self.stack = QStackedWidget()
        for n in self.names:
            self.stack.addWidget(self.pages[n])
        self.stack.addWidget(self.alarm_page)
        # header: title, page name, state (paused/pinned), countdown, clock
        self.title = _label(title or translate("Wall", "%1 指挥大屏").replace("%1", district.name), style.title_px, TEXT, bold=True)
        self.page_label = _label(titles[self.names[0]], style.title_px, TEXT, bold=True)
        self.state_label = _label("", style.label_px, WARN, bold=True)
        self.countdown = _label("", style.label_px, MUTED)
        self.clock_label = _label("", style.label_px, MUTED)
        head = QHBoxLayout()
        m = style.px(12)
        head.setContentsMargins(m, m // 2, m, 0)
        head.addWidget(self.title)
        head.addSpacing(style.px(30))
        head.addWidget(self.page_label)
        head.addStretch(1)
        head.addWidget(self.state_label)
        head.addSpacing(style.px(20))
        head.addWidget(self.countdown)
        head.addSpacing(style.px(20))
        head.addWidget(self.clock_label)
        self.banner = QLabel()
        self.banner.setObjectName("wallBanner")
        self.banner.setStyleSheet(f"background:{BAD}; color:white; font-size:{style.label_px}px; font-weight:bold;"
                                  f" padding:{style.px(8)}px;")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(head)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)
        self._show_page(0)

    # ---- data ------------------------------------------------------------------------------------
    def apply(self, snap: WallSnapshot) -> None:
        self.snapshot = snap
        for page in self.pages.values():
            page.set_snapshot(snap)
        self.alarm_page.set_snapshot(snap)
        self.tick_stale()

    def set_unreachable(self, message: str | None) -> None:
        """A banner while the store cannot be read (None hides it); the pages keep their last data."""
        if message:
            self.banner.setText(message)
            self.banner.show()
        else:
            self.banner.hide()

    def tick_stale(self) -> None:
        now = self.clock()
        for page in (*self.pages.values(), self.alarm_page):
            stale = page.refreshed is None or (now - page.refreshed).total_seconds() > STALE_S
            page.set_stale(stale)

    # ---- rotation --------------------------------------------------------------------------------
    @property
    def page_name(self) -> str:
        return "alarm" if self.alarm is not None else self.names[self.current]

    def tick(self) -> None:
        """One second passed."""
        self.clock_label.setText(clock_text(self.clock(), self.tz))
        self.tick_stale()
        if self.alarm is not None:
            self.alarm_left -= 1
            self.alarm_page.set_countdown(self.alarm_left)
            if self.alarm_left <= 0:
                self._end_alarm()
            return
        if not self.paused and not self.pinned and len(self.names) > 1:
            self.remaining -= 1
            if self.remaining <= 0:
                self._show_page((self.current + 1) % len(self.names))
        self._header()

    def _show_page(self, i: int) -> None:
        self.current = i
        name = self.names[i]
        self.remaining = self.dwell[name]
        self.stack.setCurrentWidget(self.pages[name])
        self.page_label.setText(page_titles()[name])
        self._header()
        self.pageChanged.emit(name)

    def _header(self) -> None:
        if self.alarm is not None:
            self.state_label.setText(translate("Wall", "告警接管"))
            self.countdown.setText("")
            return
        state = translate("Wall", "已固定") if self.pinned else translate("Wall", "已暂停") if self.paused else ""
        self.state_label.setText(state)
        if self.paused or self.pinned or len(self.names) < 2:
            self.countdown.setText("")
        else:
            nxt = page_titles()[self.names[(self.current + 1) % len(self.names)]]
            self.countdown.setText(translate("Wall", "%1 秒后：%2").replace("%1", str(self.remaining)).replace("%2", nxt))

    def next_page(self, step: int = 1) -> None:
        if self.alarm is None:
            self._show_page((self.current + step) % len(self.names))

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self._header()

    def toggle_pin(self) -> None:
        self.pinned = not self.pinned
        if not self.pinned:
            self.remaining = self.dwell[self.names[self.current]]
        self._header()

    # ---- alarms ----------------------------------------------------------------------------------
    def raise_alarm(self, alarm: Alarm) -> None:
        """Take the screen over for ``alarm`` (queued behind the one shown)."""
        if self.alarm is not None and self.alarm.key == alarm.key or any(a.key == alarm.key for a in self.alarm_queue):
            return
        self.alarm_queue.append(alarm)
        if self.alarm is None:
            self._take_over(self.alarm_queue.pop(0))

    def _take_over(self, alarm: Alarm) -> None:
        self.alarm = alarm
        self.alarm_left = self.alarm_timeout
        self.alarm_page.show_alarm(alarm, self.snapshot.at if self.snapshot else self.clock())
        self.alarm_page.set_countdown(self.alarm_left)
        self.stack.setCurrentWidget(self.alarm_page)
        self.page_label.setText(page_titles()["alarm"])
        self._header()
        self.pageChanged.emit("alarm")

    def acknowledge(self) -> None:
        if self.alarm is not None:
            self.acknowledged.emit(self.alarm.key)
            self._end_alarm()

    def _end_alarm(self) -> None:
        self.alarm = None
        if self.alarm_queue:
            self._take_over(self.alarm_queue.pop(0))
            return
        self._show_page(self.current)

    # ---- input -----------------------------------------------------------------------------------
    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key = ev.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.alarm is not None:
            self.acknowledge()
        elif key == Qt.Key.Key_Space:
            self.toggle_pause()
        elif key == Qt.Key.Key_P:
            self.toggle_pin()
        elif key == Qt.Key.Key_Right:
            self.next_page(1)
        elif key == Qt.Key.Key_Left:
            self.next_page(-1)
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()

    def mousePressEvent(self, ev: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if self.alarm is not None:
            self.acknowledge()
        else:
            self.toggle_pause()
        ev.accept()
