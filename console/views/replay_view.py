"""Replay (复盘) views: the banner, the scrubber dock's controls, the bookmarks and notes panel.

No logic of the replay lives here: the controller (console/replay_app.py) moves the instant and
feeds these widgets; they emit what the trainer asks for.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.widgets.scrubber import Scrubber, legend_html

translate = QCoreApplication.translate
SPEEDS = (1, 2, 5, 10, 20, 30, 60)
FRAME_STYLE = (
    "QMainWindow#replayWindow { border: 4px solid #d97706; background: #1c1917; }"
    "QMainWindow#replayWindow::separator { background: #d97706; width: 4px; height: 4px; }"
    "QMainWindow#replayWindow QStatusBar { border-top: 3px solid #d97706; }"
    "QLabel#replayBanner { background: #b45309; color: white; font-weight: bold; padding: 4px 12px; }"
)


def banner_text(at: datetime | None, tz: ZoneInfo, speed: float, playing: bool) -> str:
    head = translate("Replay", "复盘模式 · 非实时")
    if at is None:
        return head
    when = at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
    state = translate("Replay", "播放中 %1×").replace("%1", f"{speed:g}") if playing else translate("Replay", "已暂停")
    return f"{head}    {when}    {state}"


class ReplayBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Replay", "复盘模式 · 非实时"), parent)
        self.setObjectName("replayBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # a new text every frame must not re-lay out the window (that repainted every dock at 60×):
        # the banner's size hint never changes, and it takes the toolbar's whole width
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        widest = max((banner_text(datetime(2000, 12, 28, 20, 58, 58, tzinfo=UTC), ZoneInfo("UTC"), 60, playing)
                      for playing in (True, False)), key=self.fontMetrics().horizontalAdvance)  # in the UI language
        self._hint = QSize(self.fontMetrics().horizontalAdvance(widest) + 40, self.fontMetrics().height() + 12)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self._hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self._hint


class ReplayControls(QWidget):
    """The scrubber and its buttons: play/pause, speed, step to the previous/next action, jump to the
    selected event's arrival, add a bookmark or a note."""

    playToggled = Signal(bool)
    speedChanged = Signal(float)
    stepRequested = Signal(int)  # -1 previous action, +1 next action
    arrivalRequested = Signal()
    bookmarkRequested = Signal(str)  # "bookmark" | "note"

    def __init__(self, *, utc_offset_s: int, speed: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scrubber = Scrubber(utc_offset_s=utc_offset_s)
        self.play = QToolButton()
        self.play.setObjectName("replayPlay")
        self.play.setCheckable(True)
        self.play.toggled.connect(self._toggled)
        self.prev = QToolButton()
        self.prev.setText(translate("Replay", "◀ 上一动作"))
        self.prev.clicked.connect(lambda: self.stepRequested.emit(-1))
        self.next = QToolButton()
        self.next.setText(translate("Replay", "下一动作 ▶"))
        self.next.clicked.connect(lambda: self.stepRequested.emit(1))
        self.speed = QComboBox()
        self.speed.setObjectName("replaySpeed")
        for s in SPEEDS:
            self.speed.addItem(f"{s}×", float(s))
        nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - speed))
        self.speed.setCurrentIndex(nearest)
        self.speed.currentIndexChanged.connect(lambda i: self.speedChanged.emit(float(self.speed.itemData(i))))
        self.arrival = QPushButton(translate("Replay", "跳到所选事件接报时刻"))
        self.arrival.clicked.connect(self.arrivalRequested.emit)
        self.mark = QPushButton(translate("Replay", "加书签"))
        self.mark.clicked.connect(lambda: self.bookmarkRequested.emit("bookmark"))
        self.note = QPushButton(translate("Replay", "写培训笔记"))
        self.note.clicked.connect(lambda: self.bookmarkRequested.emit("note"))
        self.time = QLabel()
        self.time.setObjectName("replayTime")
        self.time.setFixedWidth(self.time.fontMetrics().horizontalAdvance("0000-00-00 00:00:00") + 12)
        row = QHBoxLayout()
        for w in (self.play, self.prev, self.next, QLabel(translate("Replay", "速度")), self.speed, self.arrival,
                  self.mark, self.note):
            row.addWidget(w)
        row.addStretch(1)
        legend = QLabel(legend_html())
        legend.setObjectName("replayLegend")
        row.addWidget(legend)
        row.addWidget(self.time)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addLayout(row)
        lay.addWidget(self.scrubber, 1)
        self._toggled(False)

    @property
    def current_speed(self) -> float:
        return float(self.speed.currentData())

    def _toggled(self, on: bool) -> None:
        self.play.setText(translate("Replay", "❚❚ 暂停") if on else translate("Replay", "▶ 播放"))
        self.playToggled.emit(on)

    def show_time(self, at: datetime, tz: ZoneInfo) -> None:
        self.time.setText(at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"))
        self.scrubber.set_position(at.timestamp())


class BookmarkPanel(QWidget):
    """Bookmarks and trainer notes of the recording: double-click one to go there; export them."""

    seekRequested = Signal(float)
    exportRequested = Signal(str)  # "csv" | "json"
    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("replayBookmarks")
        self.list.itemActivated.connect(self._activated)
        csv_btn = QPushButton(translate("Replay", "导出 CSV"))
        csv_btn.clicked.connect(lambda: self.exportRequested.emit("csv"))
        json_btn = QPushButton(translate("Replay", "导出 JSON"))
        json_btn.clicked.connect(lambda: self.exportRequested.emit("json"))
        delete = QPushButton(translate("Replay", "删除"))
        delete.clicked.connect(self._delete)
        row = QHBoxLayout()
        for w in (csv_btn, json_btn, delete):
            row.addWidget(w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)

    def set_bookmarks(self, bookmarks: Sequence[Any], tz: ZoneInfo) -> None:
        self.list.clear()
        kinds = {"bookmark": translate("Replay", "书签"), "note": translate("Replay", "笔记")}
        for b in bookmarks:
            when = b.at.astimezone(tz).strftime("%H:%M:%S")
            who = f" — {b.author}" if b.author else ""
            item = QListWidgetItem(f"{when}  [{kinds.get(b.kind, b.kind)}]  {b.text}{who}")
            item.setData(Qt.ItemDataRole.UserRole, (b.at.timestamp(), b.id))
            self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.seekRequested.emit(float(item.data(Qt.ItemDataRole.UserRole)[0]))

    def _delete(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.deleteRequested.emit(int(item.data(Qt.ItemDataRole.UserRole)[1]))


def ask_text(parent: QWidget, kind: str) -> str | None:
    """The bookmark's label or the note's text; None when cancelled or empty."""
    title = translate("Replay", "加书签") if kind == "bookmark" else translate("Replay", "写培训笔记")
    label = translate("Replay", "书签名称：") if kind == "bookmark" else translate("Replay", "笔记内容：")
    if kind == "note":
        text, ok = QInputDialog.getMultiLineText(parent, title, label)
    else:
        text, ok = QInputDialog.getText(parent, title, label)
    text = (text or "").strip()
    return text if ok and text else None
