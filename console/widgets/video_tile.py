"""One video tile of the camera wall: plays a camera's stream and recovers by itself (issue 6).

Rendering: a ``QVideoWidget`` (decoded frames go straight to Qt's video output; measured the
cheapest, see docs/video.md). ``QVideoWidget`` is a native window container on desktop platforms,
so nothing is drawn *over* the picture: the name, grid, live/lost state and the clock sit in a
header strip, and the "信号丢失" panel (with the retry countdown) replaces the picture in a
stacked layout while the stream is down. Overlays change at most once a second — never per frame.

States: ``idle`` (no camera) → ``connecting`` → ``live`` ⇄ ``lost`` (retry with exponential
backoff, capped) and ``paused`` (the tile is not visible: hidden dock, other tab, minimised window —
the player is stopped so nothing is decoded). A stall watchdog turns a stream that delivers no
frame for a while into ``lost`` too.
"""

from __future__ import annotations

import random
import time
from enum import StrEnum

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QEvent,
    QMimeData,
    QPoint,
    Qt,
    QTimer,
    QTimeZone,
    QUrl,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDropEvent, QImage, QMouseEvent
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.grid import Camera

ROOM_TZ = QTimeZone(b"Asia/Shanghai")  # the clock overlay shows the room's time, not the host's

CAMERA_MIME = "application/x-grid-console-camera"


class TileState(StrEnum):
    IDLE = "idle"
    CONNECTING = "connecting"
    LIVE = "live"
    LOST = "lost"
    PAUSED = "paused"


def camera_mime(camera_ids: list[str]) -> QMimeData:
    """Drag payload for cameras: newline-separated ids as UTF-8 under :data:`CAMERA_MIME`."""
    mime = QMimeData()
    mime.setData(CAMERA_MIME, "\n".join(camera_ids).encode("utf-8"))
    return mime


def camera_ids_from_mime(mime: QMimeData) -> list[str]:
    if not mime.hasFormat(CAMERA_MIME):
        return []
    text = bytes(mime.data(CAMERA_MIME).data()).decode("utf-8", errors="replace")
    return [part.strip() for part in text.splitlines() if part.strip()]


_STATE_STYLE = {
    TileState.IDLE: "color:#757575;font-weight:bold;",
    TileState.LIVE: "color:#2e7d32;font-weight:bold;",
    TileState.LOST: "color:#c62828;font-weight:bold;",
}


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


class VideoTile(QFrame):
    """A tile: camera header, the picture (or a status panel), snapshot button.

    Signals carry the tile itself so a wall can route them without lambdas.
    """

    state_changed = Signal(object, str)  # (tile, TileState value)
    camera_dropped = Signal(object, list)  # (tile, [camera id, ...])
    double_clicked = Signal(object)
    snapshot_requested = Signal(object)
    context_menu_requested = Signal(object, QPoint)  # global position

    retry_base_s: float = 1.0
    retry_cap_s: float = 30.0
    connect_timeout_s: float = 12.0  # no first frame within this → lost
    stall_timeout_s: float = 5.0  # no frame for this long while live → lost

    def __init__(self, parent: QWidget | None = None, *, grid_name: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        # the wall shares its area among the tiles of the layout: a tile asks for no minimum of its
        # own (a 4×4 layout must not push the docks around the wall; the header clips instead)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._camera: Camera | None = None
        self._grid_name = grid_name
        self._large = False
        self._state = TileState.IDLE
        self._shown = False  # between a (possibly spontaneous) show event and a hide event
        self._url = ""
        self._attempt = 0
        self._retry_at = 0.0  # monotonic time of the next retry while lost
        self._reason = ""
        self._started_at = 0.0
        self._last_frame_at = 0.0
        self.frames = 0  # frames received since the current camera/URL was set
        self.tour_label = ""
        self._styled_state: TileState | None = None

        # header: name · grid | tour | state | clock | snapshot
        self._title = QLabel(self)
        self._title.setObjectName("videoTileTitle")
        self._title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._state_label = QLabel(self)
        self._state_label.setObjectName("videoTileState")
        self._clock = QLabel(self)
        self._clock.setObjectName("videoTileClock")
        self._snap = QToolButton(self)
        self._snap.setText(self.tr("截图"))
        self._snap.setToolTip(self.tr("把当前画面附加到选中的事件"))
        self._snap.setAutoRaise(True)
        self._snap.clicked.connect(self._on_snapshot_clicked)
        header = QHBoxLayout()
        header.setContentsMargins(4, 2, 4, 2)
        header.setSpacing(6)
        header.addWidget(self._title, 1)
        header.addWidget(self._state_label)
        header.addWidget(self._clock)
        header.addWidget(self._snap)

        self.video = QVideoWidget(self)
        self.video.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._panel = QLabel(self)
        self._panel.setObjectName("videoTilePanel")
        self._panel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._panel.setWordWrap(True)
        self._panel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._panel.setStyleSheet("background:#101418;color:#e8eaed;")
        self._stack = QStackedLayout()
        self._stack.addWidget(self.video)
        self._stack.addWidget(self._panel)

        box = QVBoxLayout(self)
        box.setContentsMargins(1, 1, 1, 1)
        box.setSpacing(0)
        box.addLayout(header)
        box.addLayout(self._stack, 1)

        self.player = QMediaPlayer(self)
        self.player.setVideoOutput(self.video)
        self.player.errorOccurred.connect(self._on_error)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.video.videoSink().videoFrameChanged.connect(self._on_frame)

        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._connect)
        self._tick = QTimer(self)  # 1 Hz: clock, countdown, stall watchdog
        self._tick.setInterval(1000)
        self._tick.setTimerType(Qt.TimerType.CoarseTimer)
        self._tick.timeout.connect(self._on_tick)

        self._render()

    # ---- public API --------------------------------------------------------------------------
    @property
    def camera(self) -> Camera | None:
        return self._camera

    @property
    def state(self) -> TileState:
        return self._state

    @property
    def large(self) -> bool:
        return self._large

    @property
    def url(self) -> str:
        """The URL the tile plays (or will play when visible); "" without a camera."""
        return self._url

    @property
    def reason(self) -> str:
        """Why the stream is down (Chinese, for the panel), "" when it is not."""
        return self._reason

    def status_text(self) -> str:
        return self._panel.text() if self._stack.currentWidget() is self._panel else ""

    def set_camera(self, camera: Camera | None, *, grid_name: str | None = None) -> None:
        """Show a camera (None clears the tile). Starts playing when the tile is visible.

        Setting the camera the tile already shows keeps its stream running (no reconnect)."""
        same = camera is not None and camera == self._camera and self._state is not TileState.IDLE
        self._camera = camera
        self._grid_name = grid_name
        if same:
            self._render()
        else:
            self._restart()

    def set_large(self, large: bool) -> None:
        """Large tiles play the main stream, small ones the sub-stream."""
        if large == self._large:
            return
        self._large = large
        if self._camera is not None and self._pick_url() != self._url:
            self._restart()

    def set_tour_label(self, text: str) -> None:
        self.tour_label = text
        self._render()

    def current_frame(self) -> QImage | None:
        """The frame on screen now, or None when nothing is playing."""
        if self._state is not TileState.LIVE:
            return None
        frame: QVideoFrame = self.video.videoSink().videoFrame()
        if not frame.isValid():
            return None
        image = frame.toImage()
        return None if image.isNull() else image

    def is_active(self) -> bool:
        """Visible to the user and so allowed to decode."""
        return self._shown and self.isVisible() and not self.window().isMinimized()

    # ---- playback ------------------------------------------------------------------------------
    def _pick_url(self) -> str:
        cam = self._camera
        if cam is None:
            return ""
        first, second = (cam.main_url, cam.sub_url) if self._large else (cam.sub_url, cam.main_url)
        return first or second or ""

    def _restart(self) -> None:
        self._stop_player()
        self._retry.stop()
        self._attempt = 0
        self._reason = ""
        self.frames = 0
        self._url = self._pick_url()
        if self._camera is None:
            self._set_state(TileState.IDLE)
        elif not self._url:
            self._reason = self.tr("该摄像机没有配置视频地址")
            self._set_state(TileState.LOST)
        elif self.is_active():
            self._connect()
        else:
            self._set_state(TileState.PAUSED)

    def _connect(self) -> None:
        if not self._url or not self.is_active():
            return
        self._stop_player()
        self._reason = ""
        self._started_at = self._last_frame_at = time.monotonic()
        self._set_state(TileState.CONNECTING)
        self.player.setLoops(1)
        self.player.setSource(QUrl.fromUserInput(self._url))
        self.player.play()

    def _stop_player(self) -> None:
        if not self.player.source().isEmpty():
            self.player.stop()
            self.player.setSource(QUrl())

    def _lose(self, reason: str) -> None:
        """The stream is down: stop, show why, and schedule the next attempt."""
        if self._state in (TileState.IDLE, TileState.PAUSED):
            return
        self._stop_player()
        self._reason = reason
        delay = min(self.retry_cap_s, self.retry_base_s * (2 ** min(self._attempt, 16)))
        delay *= random.uniform(0.85, 1.0)  # jitter, so a wall does not reconnect in lockstep
        self._attempt += 1
        self._retry_at = time.monotonic() + delay
        self._retry.start(max(1, int(delay * 1000)))
        self._set_state(TileState.LOST)

    def _on_frame(self, frame: QVideoFrame) -> None:
        if not frame.isValid():  # the sink is cleared when the player stops
            return
        self.frames += 1
        self._last_frame_at = time.monotonic()
        if self._state is TileState.CONNECTING:
            self._attempt = 0
            self._set_state(TileState.LIVE)

    def _on_error(self, error: QMediaPlayer.Error, _text: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        self._lose(_error_reason(self, error))

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._state not in (TileState.CONNECTING, TileState.LIVE):
            return
        s = QMediaPlayer.MediaStatus
        if status == s.LoadedMedia and not self.player.hasVideo():
            self._lose(self.tr("视频源没有可播放的画面（编码不支持或只有音频）"))
        elif status == s.LoadedMedia and self.player.duration() > 0:
            self.player.setLoops(QMediaPlayer.Loops.Infinite)  # a finite clip (demo, recording)
        elif status == s.EndOfMedia:
            if self.player.duration() > 0 and self.frames > 0:
                self.player.setPosition(0)  # a clip that ended anyway: play it again
                self.player.play()
            else:
                self._lose(self.tr("视频流中断"))
        elif status == s.InvalidMedia and self._state is TileState.CONNECTING:
            self._lose(self.tr("视频数据无法解析"))

    def _on_tick(self) -> None:
        now = time.monotonic()
        if self._state is TileState.CONNECTING and now - self._started_at > self.connect_timeout_s:
            self._lose(self.tr("连接超时，没有收到画面"))
            return
        if self._state is TileState.LIVE and now - self._last_frame_at > self.stall_timeout_s:
            self._lose(self.tr("画面停止超过 %n 秒", "", int(self.stall_timeout_s)))
            return
        self._render()

    # ---- presentation ---------------------------------------------------------------------------
    def _set_state(self, state: TileState) -> None:
        changed = state is not self._state
        self._state = state
        if state in (TileState.CONNECTING, TileState.LIVE, TileState.LOST):
            if not self._tick.isActive():
                self._tick.start()
        else:
            self._tick.stop()
        self._render()
        if changed:
            self.state_changed.emit(self, state.value)

    def _render(self) -> None:
        """Refresh the header and panel. Cheap and change-only: labels are set only when their text
        differs, and styles only when the state changes (re-styling re-polishes the widget)."""
        cam = self._camera
        if cam is None:
            title = self.tr("空闲窗格")
            tip = ""
        else:
            grid = self._grid_name or cam.grid_id or ""
            title = f"{cam.name} · {grid}" if grid else cam.name
            if self.tour_label:
                title = f"{title}  [{self.tour_label}]"
            tip = f"{cam.id}\n{self._url}"
        _set_text(self._title, title)
        if self._title.toolTip() != tip:
            self._title.setToolTip(tip)
        st = self._state
        if self._styled_state is not st:
            self._styled_state = st
            self._state_label.setText(
                {
                    TileState.IDLE: "",
                    TileState.CONNECTING: self.tr("连接中"),
                    TileState.LIVE: self.tr("● 直播"),
                    TileState.LOST: self.tr("● 信号丢失"),
                    TileState.PAUSED: self.tr("暂停"),
                }[st]
            )
            self._state_label.setStyleSheet(_STATE_STYLE.get(st, _STATE_STYLE[TileState.IDLE]))
            self._snap.setEnabled(st is TileState.LIVE)
        _set_text(self._clock, QDateTime.currentDateTime().toTimeZone(ROOM_TZ).toString("HH:mm:ss") if st is not TileState.IDLE else "")
        if st is TileState.LIVE:
            if self._stack.currentWidget() is not self.video:
                self._stack.setCurrentWidget(self.video)
            return
        if st is TileState.CONNECTING:
            text = self.tr("正在连接视频源……")
        elif st is TileState.LOST:
            retry = ""
            if self._retry.isActive():
                retry = self.tr("%n 秒后重试", "", max(0, round(self._retry_at - time.monotonic())))
            text = "\n".join(p for p in (self.tr("信号丢失"), self._reason, retry) if p)
        elif st is TileState.PAUSED:
            text = self.tr("窗格不可见，已暂停解码")
        else:
            text = self.tr("把摄像机拖到这里")
        _set_text(self._panel, text)
        if self._stack.currentWidget() is not self._panel:
            self._stack.setCurrentWidget(self._panel)

    def _on_snapshot_clicked(self) -> None:
        self.snapshot_requested.emit(self)

    # ---- visibility: decode only while visible ----------------------------------------------------
    def showEvent(self, event: QEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._shown = True
        self._update_activity()

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self._shown = False
        self._update_activity()

    def _update_activity(self) -> None:
        active = self.is_active()
        if active and self._state is TileState.PAUSED:
            self._attempt = 0
            self._connect()
        elif not active and self._state in (TileState.CONNECTING, TileState.LIVE, TileState.LOST):
            self._stop_player()
            self._retry.stop()
            self._set_state(TileState.PAUSED)

    # ---- input ------------------------------------------------------------------------------------
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.double_clicked.emit(self)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.context_menu_requested.emit(self, event.globalPos())
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CAMERA_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = camera_ids_from_mime(event.mimeData())
        if not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.camera_dropped.emit(self, ids)


def _error_reason(tile: QWidget, error: QMediaPlayer.Error) -> str:
    e = QMediaPlayer.Error
    if error == e.ResourceError:
        return QCoreApplication.translate("VideoTile", "无法打开视频源（地址不可达、资源不存在或连接被拒绝）")
    if error == e.FormatError:
        return QCoreApplication.translate("VideoTile", "视频格式或编码不受支持，数据无法解析")
    if error == e.NetworkError:
        return QCoreApplication.translate("VideoTile", "网络错误，视频流中断")
    if error == e.AccessDeniedError:
        return QCoreApplication.translate("VideoTile", "无权访问该视频源")
    return QCoreApplication.translate("VideoTile", "播放出错")
