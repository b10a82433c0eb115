"""The notice strip: confirms every decision and explains every refusal, without a modal box.

:class:`NoticeArea` stacks short notices, newest on top: a confirmation (``info``) stays
``timeout_ms`` (several seconds) and goes; a refusal or failure (``error``) stays until the officer
dismisses it (✕). At most ``max_shown`` are on screen; the last ``HISTORY`` notices are listed by
the 通知记录 button. A notice about an event can be clicked to select that event again
(``eventActivated``). The strip never blocks the keyboard flow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.event import utcnow
from console.qtmodels.labels import RED

translate = QCoreApplication.translate
HISTORY = 50


@dataclass(frozen=True, slots=True)
class Notice:
    text: str
    at: datetime
    error: bool = False
    event_id: str | None = None


class NoticeRow(QFrame):
    """One notice on screen: time, text and a dismiss button."""

    dismissed = Signal(object)  # the row
    clicked = Signal(object)  # the row

    def __init__(self, notice: Notice, when: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        self.timer: QTimer | None = None  # a confirmation's display time
        self.setObjectName("noticeError" if notice.error else "noticeInfo")
        self.setProperty("error", notice.error)
        self.mark = QFrame()  # a coloured strip: green confirmation, red refusal
        self.mark.setFixedWidth(4)
        self.mark.setAutoFillBackground(True)
        self.mark.setStyleSheet(f"background:{RED if notice.error else '#2f9e44'}")
        self.label = QLabel(f"{when}  {notice.text}")
        self.label.setObjectName("noticeText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setToolTip(notice.text)  # a long text is cut at the window's edge, never widens it
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if notice.error:
            self.label.setStyleSheet(f"color:{RED}")
        self.close_btn = QToolButton()
        self.close_btn.setObjectName("noticeDismiss")
        self.close_btn.setText("✕")
        self.close_btn.setToolTip(translate("Notices", "关闭此通知"))
        self.close_btn.setAutoRaise(True)
        self.close_btn.setFixedSize(20, 20)
        self.close_btn.clicked.connect(self._dismiss)  # bound methods, no closures: no cycles through Qt
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.mark)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.close_btn)
        if notice.event_id:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(translate("Notices", "点击选中该事件"))

    def text(self) -> str:
        return self.notice.text

    def expire_after(self, ms: int) -> None:
        """Go by itself after ``ms`` (the row owns its timer: both are deleted together)."""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._dismiss)
        self.timer.start(ms)

    def _dismiss(self) -> None:
        self.dismissed.emit(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self)
        super().mouseReleaseEvent(event)


class NoticeArea(QWidget):
    """The strip (put it in the main window, e.g. above the status bar)."""

    eventActivated = Signal(str)  # a notice about an event was clicked

    def __init__(self, *, clock: Callable[[], datetime] = utcnow, tz: str = "Asia/Shanghai",
                 timeout_ms: int = 8000, max_shown: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeArea")
        self.clock = clock
        self.tz = ZoneInfo(tz)
        self.timeout_ms = timeout_ms
        self.max_shown = max_shown
        self.history: list[Notice] = []  # newest first
        self.rows: list[NoticeRow] = []  # on screen, newest first
        self.history_btn = QToolButton(self)
        self.history_btn.setObjectName("noticeHistory")
        self.history_btn.setText(translate("Notices", "通知记录"))
        self.history_btn.setToolTip(translate("Notices", "最近的确认和错误信息"))
        self.history_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.history_menu = QMenu(self.history_btn)
        self.history_menu.aboutToShow.connect(self._fill_history)
        self.history_menu.triggered.connect(self._history_triggered)
        self.history_btn.setMenu(self.history_menu)
        self.stack = QVBoxLayout()
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.stack.setSpacing(1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.stack, 1)
        lay.addWidget(self.history_btn, 0, Qt.AlignmentFlag.AlignTop)

    # ---- posting ---------------------------------------------------------------------------------
    def info(self, text: str, event_id: str | None = None) -> NoticeRow:
        """A confirmation: shown for ``timeout_ms``."""
        return self.post(Notice(text, self.clock(), False, event_id))

    def error(self, text: str, event_id: str | None = None) -> NoticeRow:
        """A refusal or failure: shown until dismissed."""
        return self.post(Notice(text, self.clock(), True, event_id))

    def post(self, notice: Notice) -> NoticeRow:
        self.history.insert(0, notice)
        del self.history[HISTORY:]
        row = NoticeRow(notice, self._when(notice.at), self)
        row.dismissed.connect(self.dismiss)
        row.clicked.connect(self._row_clicked)
        self.rows.insert(0, row)
        self.stack.insertWidget(0, row)
        if not notice.error:
            row.expire_after(self.timeout_ms)
        while len(self.rows) > self.max_shown:  # the oldest confirmation goes first, then errors
            old = next((r for r in reversed(self.rows) if not r.notice.error), self.rows[-1])
            self.dismiss(old)
        return row

    def dismiss(self, row: NoticeRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            self.stack.removeWidget(row)
            row.hide()
            row.deleteLater()

    def clear(self) -> None:
        for row in list(self.rows):
            self.dismiss(row)

    def shown(self) -> list[str]:
        """Texts on screen, newest first."""
        return [r.text() for r in self.rows]

    # ---- history ---------------------------------------------------------------------------------
    def _when(self, at: datetime) -> str:
        return at.astimezone(self.tz).strftime("%H:%M:%S")

    def history_lines(self) -> list[str]:
        return [("⚠ " if n.error else "") + f"{self._when(n.at)}  {n.text}" for n in self.history]

    def _fill_history(self) -> None:
        self.history_menu.clear()
        if not self.history:
            self.history_menu.addAction(translate("Notices", "暂无通知")).setEnabled(False)
            return
        for notice, line in zip(self.history, self.history_lines(), strict=True):
            act = self.history_menu.addAction(line)
            act.setData(notice.event_id)
            act.setEnabled(bool(notice.event_id))

    def _history_triggered(self, action: QAction) -> None:
        if action.data():
            self.eventActivated.emit(str(action.data()))

    def _row_clicked(self, row: NoticeRow) -> None:
        if row.notice.event_id:
            self.eventActivated.emit(row.notice.event_id)
