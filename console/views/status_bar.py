"""The window's status bar: feed state, lag, last sequence, quarantine, open/overdue counts, clock.

The feed-state label says why the feed is down on hover (the last error, its time in the room's
zone, the attempts and the next retry) and opens the 数据连接状态 dialog when clicked; the same
dialog is behind :attr:`StatusBar.feed_status_action` (put in a menu by the composition root).
A feed that runs unencrypted to another machine (``ws://``) says so on the label, in amber.
After the hub's log was reset, "中枢日志已重置" stays next to it (what happened in its tooltip).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from console.domain.event import utcnow
from console.qtmodels import labels
from console.services.bus import Bus
from console.services.room import Room
from console.views.feed_status import (
    FeedStatusDialog,
    cleartext_text,
    error_lines,
    feed_status_key,
    is_cleartext,
    log_change_text,
)

translate = QCoreApplication.translate


def not_writing_text(writer: str) -> str:
    """What a seat that does not write the room's intake says in its feed area."""
    return translate("StatusBar", "本席位不接入数据源，由%1写入").replace("%1", writer)

_BAD = {"unauthorized", "error", "disconnected", "stopped"}
_WARN = {"reconnecting", "backoff", "connecting", "replaying", "catching_up"}


class _ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()


class StatusBar(QStatusBar):
    def __init__(
        self,
        bus: Bus,
        room: Room | None,
        *,
        clock: Callable[[], datetime] = utcnow,
        tz: str = "Asia/Shanghai",
        count_interval_ms: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._bus = bus
        self._room = room
        self._clock = clock
        self._tz_name = tz
        self._tz = ZoneInfo(tz)
        self.feed_state: Any = None  # the last feed_state published
        # a seat that does not write the intake (issue 14): the writer's seat and its shared feed state
        self.writer_seat: str | None = None
        self.room_feed: tuple[Any, str, datetime] | None = None  # (state, writer, shared at)
        self.feed_dialog: FeedStatusDialog | None = None
        self.feed_label = _ClickableLabel(translate("StatusBar", "未连接"), self)
        self.feed_label.setObjectName("feedState")
        self.feed_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.feed_label.clicked.connect(self.show_feed_status)
        self.feed_status_action = QAction(translate("StatusBar", "数据连接状态…"), self)
        self.feed_status_action.setObjectName("feedStatusAction")
        self.feed_status_action.triggered.connect(self.show_feed_status)
        self.lag_label = self._label("feedLag", "")
        self.seq_label = self._label("feedSeq", "")
        self.quarantine_label = self._label("feedQuarantine", "")
        self.log_reset_label = self._label("feedLogReset", translate("StatusBar", "中枢日志已重置"))
        self.log_reset_label.hide()
        self.link_label = self._label("linkState", "")  # the link to the other levels' rooms (issue 18)
        self.link_label.hide()
        self.positions_label = self._label("positionsState", "")  # the grid workers' positions broker (issue 19)
        self.positions_label.hide()
        self.link_state: Any = None
        self.counts_label = self._label("roomCounts", "")
        self.load_label = self._label("liveLoad", "")
        self.load_label.hide()
        self.sla_label = self._label("slaTableError", "")
        self.sla_label.hide()
        self.clock_label = self._label("clock", "")
        self.writer_label = self._label("intakeWriter", "")
        self.writer_label.hide()
        for w in (self.feed_label, self.lag_label, self.seq_label, self.quarantine_label, self.log_reset_label):
            self.addWidget(w)
        self.addPermanentWidget(self.positions_label)
        self.addPermanentWidget(self.link_label)
        self.addPermanentWidget(self.writer_label)
        self.addPermanentWidget(self.sla_label)
        self.addPermanentWidget(self.load_label)
        self.addPermanentWidget(self.counts_label)
        self.addPermanentWidget(self.clock_label)
        self._set_state_property("none")
        self._show_feed_tooltip()
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self.update_clock)
        self._clock_timer.start()
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(count_interval_ms)
        self._count_timer.timeout.connect(self.update_counts)
        self._ticks = 0
        self.update_clock()
        self.update_counts()
        bus.subscribe("feed_state", self.on_event_feed_state)
        bus.subscribe("grid_counts_changed", self.on_event_grid_counts_changed)
        bus.subscribe("link_state", self.on_event_link_state)
        bus.subscribe("positions_state", self.on_event_positions_state)
        bus.subscribe("sla_table_error", self.on_event_sla_table_error)
        bus.subscribe("sla_table_reloaded", self.on_event_sla_table_reloaded)
        bus.subscribe("intake_writer", self.on_event_intake_writer)
        bus.subscribe("room_feed_state", self.on_event_room_feed_state)

    def _own_feed(self) -> bool:
        """This seat runs the room's intake (its own ``feed_state``, not stopped)."""
        return self.feed_state is not None and self.feed_state.status != "stopped"

    def on_event_intake_writer(self, holder: str | None, this_seat: bool) -> None:
        """Which seat of the room consumes the feed (issue 14). A seat that does not write says so in
        the feed area ("本席位不接入数据源，由席位1写入") and shows the writer's feed health there."""
        self.writer_seat = None if this_seat else holder
        if this_seat:
            text = translate("StatusBar", "接入写入：本席位")
            self.room_feed = None
        elif holder:
            text = translate("StatusBar", "接入写入：%1").replace("%1", holder)
            if not self._own_feed():
                if self.room_feed is not None and self.room_feed[1] == holder:
                    self._show_room_feed()
                else:
                    self.feed_label.setText(not_writing_text(holder))
                    self._set_state_property("ok")
                    self._show_feed_tooltip()
        else:
            text = translate("StatusBar", "接入写入：无（接管中…）")
            if not self._own_feed():
                self.feed_label.setText(translate("StatusBar", "本席位不接入数据源，等待其他席位接管写入…"))
                self._set_state_property("warn")
                self._show_feed_tooltip()
        self.writer_label.setText(text)
        self.writer_label.show()

    def on_event_room_feed_state(self, state: Any, writer: str, at: datetime) -> None:
        """The writer's feed health, shared through the room (a seat that does not write)."""
        if self._own_feed():
            return
        self.room_feed = (state, writer, at)
        self._show_room_feed()

    def _show_room_feed(self) -> None:
        assert self.room_feed is not None
        state, writer, _at = self.room_feed
        status = feed_status_key(state)
        self.feed_label.setText(translate("StatusBar", "本席位不接入数据源，由%1写入（%2）")
                                .replace("%1", writer).replace("%2", labels.feed_status_label(status)))
        self._set_state_property("bad" if status in _BAD else "warn" if status in _WARN else "ok")
        self._show_counters(state)
        self._show_feed_tooltip()

    def show_load_progress(self, loaded: int, total: int) -> None:
        """Start-up: how many of the stored open events are in the room yet (hidden when all are)."""
        if loaded >= total:
            self.load_label.hide()
            return
        self.load_label.setText(
            translate("StatusBar", "载入在办事件 %1 / %2…").replace("%1", f"{loaded:,}").replace("%2", f"{total:,}")
        )
        self.load_label.show()

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        return label

    def _set_state_property(self, value: str) -> None:
        if self.feed_label.property("feed") != value:
            self.feed_label.setProperty("feed", value)
            self.feed_label.style().unpolish(self.feed_label)
            self.feed_label.style().polish(self.feed_label)

    def show_feed_status(self) -> FeedStatusDialog:
        """Open (or raise) the 数据连接状态 dialog."""
        if self.feed_dialog is None:
            self.feed_dialog = FeedStatusDialog(self._bus, state=self.feed_state, tz=self._tz_name,
                                                clock=self._clock, parent=self.window())
            if not self._own_feed() and self.writer_seat is not None:  # the writer's shared state
                shared = self.room_feed if self.room_feed is not None and self.room_feed[1] == self.writer_seat \
                    else None
                self.feed_dialog.show_room_feed(self.writer_seat, *(shared[0], shared[2]) if shared else ())
        self.feed_dialog.show()
        self.feed_dialog.raise_()
        return self.feed_dialog

    def _show_feed_tooltip(self) -> None:
        state = self.feed_state
        relayed = not self._own_feed() and self.writer_seat is not None
        if relayed:
            lines = [not_writing_text(self.writer_seat or "")]
            if self.room_feed is not None:
                state, _writer, at = self.room_feed
                lines.append(translate("StatusBar", "写入席位的数据连接（更新于 %1）：%2").replace(
                    "%1", at.astimezone(self._tz).strftime("%H:%M:%S")).replace(
                    "%2", labels.feed_status_label(feed_status_key(state))))
                lines.extend(error_lines(state, self._tz))
        elif state is None:
            lines = [translate("StatusBar", "未连接事件中枢")]
        else:
            lines = [
                translate("StatusBar", "数据连接：%1").replace("%1", str(getattr(state, "url", "") or "—")),
                translate("StatusBar", "状态：%1").replace("%1", labels.feed_status_label(feed_status_key(state))),
                *error_lines(state, self._tz),
            ]
            if is_cleartext(state):
                lines.append(cleartext_text())
            if change := log_change_text(state, self._tz):
                lines.append(change)
        lines.append(translate("StatusBar", "单击查看数据连接状态"))
        self.feed_label.setToolTip("\n".join(lines))

    # ---- bus -----------------------------------------------------------------------------------------
    def on_event_feed_state(self, state: Any) -> None:
        self.feed_state = state
        if state.status == "stopped" and self.writer_seat is not None:  # the intake went to another seat
            if self.room_feed is not None and self.room_feed[1] == self.writer_seat:
                self._show_room_feed()
            else:
                self.feed_label.setText(not_writing_text(self.writer_seat))
                self._show_feed_tooltip()
            return
        status = feed_status_key(state)
        text = labels.feed_status_label(status)
        cleartext = is_cleartext(state)
        if cleartext:
            text = translate("StatusBar", "%1（未加密）").replace("%1", text)
        self.feed_label.setText(text)
        self._set_state_property("bad" if status in _BAD else "warn" if status in _WARN or cleartext else "ok")
        self._show_feed_tooltip()
        self._show_counters(state)

    def _show_counters(self, state: Any) -> None:
        """Lag, sequence numbers, the hub log's reset and the quarantine count of ``state``."""
        lag = getattr(state, "lag", None)
        self.lag_label.setText(
            translate("StatusBar", "积压 %1").replace("%1", str(lag)) if lag is not None else ""
        )
        last, head = getattr(state, "last_seq", None), getattr(state, "head_seq", None)
        if last is not None:
            text = translate("StatusBar", "序号 %1").replace("%1", str(last))
            if head is not None:
                text += f" / {head}"
            self.seq_label.setText(text)
        change = log_change_text(state, self._tz)
        self.log_reset_label.setToolTip(change)
        self.log_reset_label.setVisible(bool(change))
        quarantined = getattr(state, "quarantined", None)
        self.quarantine_label.setText(
            translate("StatusBar", "隔离 %1").replace("%1", str(quarantined))
            if quarantined is not None
            else ""
        )
        rate = getattr(state, "rate", None)
        self.lag_label.setToolTip(
            translate("StatusBar", "接收速率 %1 条/秒").replace("%1", f"{rate:.1f}")
            if rate is not None
            else ""
        )

    def on_event_link_state(self, state: Any) -> None:
        """The room link (street ⇄ district): connected or not, messages waiting up and down, last ack."""
        self.link_state = state
        status = {
            "connected": translate("StatusBar", "已连接"),
            "starting": translate("StatusBar", "连接中"),
            "disconnected": translate("StatusBar", "已断开"),
            "unauthorized": translate("StatusBar", "凭据被拒绝"),
            "closed": translate("StatusBar", "已断开"),
            "stopped": translate("StatusBar", "已停止"),
        }.get(state.status, state.status)
        text = (translate("StatusBar", "上下级链路：%1 · 待上行 %2 · 待下行 %3")
                .replace("%1", status).replace("%2", str(state.backlog_up)).replace("%3", str(state.backlog_down)))
        self.link_label.setText(text)
        last = state.last_ack_at
        lines = [translate("StatusBar", "链路服务器：%1").replace("%1", state.servers)]
        lines.append(translate("StatusBar", "最近确认：%1").replace(
            "%1", last.astimezone(self._tz).strftime("%H:%M:%S") if last is not None else "—"))
        if state.quarantined:
            lines.append(translate("StatusBar", "隔离消息 %1 条").replace("%1", str(state.quarantined)))
        if state.error:
            lines.append(str(state.error))
        self.link_label.setToolTip("\n".join(lines))
        self.link_label.setProperty("feed", "ok" if state.status == "connected" else "bad")
        self.link_label.style().unpolish(self.link_label)
        self.link_label.style().polish(self.link_label)
        self.link_label.show()

    def on_event_positions_state(self, status: str, detail: str | None, url: str) -> None:
        """The grid workers' positions broker: connected, or why not — credentials refused, TLS failed."""
        text = {
            "connected": translate("StatusBar", "网格员定位：已连接"),
            "disconnected": translate("StatusBar", "网格员定位：已断开，重试中"),
            "unauthorized": translate("StatusBar", "网格员定位：MQTT 用户名或密码被拒绝"),
            "tls": translate("StatusBar", "网格员定位：TLS 握手失败"),
        }.get(status, translate("StatusBar", "网格员定位：%1").replace("%1", status))
        self.positions_label.setText(text)
        lines = [translate("StatusBar", "定位服务器：%1").replace("%1", url)]
        if detail:
            lines.append(detail)
        if status == "unauthorized":
            lines.append(translate("StatusBar", "请检查 --mqtt-user 与 --mqtt-password-file（或服务器的密码文件）"))
        self.positions_label.setToolTip("\n".join(lines))
        self.positions_label.setProperty("feed", "ok" if status == "connected" else "bad")
        self.positions_label.style().unpolish(self.positions_label)
        self.positions_label.style().polish(self.positions_label)
        self.positions_label.show()

    def on_event_sla_table_error(self, error: Exception) -> None:
        """The SLA table file was refused: the previous table stays in force until a valid one loads."""
        self.sla_label.setText(translate("StatusBar", "SLA 时限表有误，仍使用上一版：%1").replace("%1", str(error)))
        self.sla_label.setToolTip(str(error))
        self.sla_label.show()

    def on_event_sla_table_reloaded(self, table: Any) -> None:
        self.sla_label.hide()

    def on_event_grid_counts_changed(self) -> None:
        if not self._count_timer.isActive():
            self._count_timer.start()

    # ---- refresh --------------------------------------------------------------------------------------
    def update_clock(self) -> None:
        self.clock_label.setText(self._clock().astimezone(self._tz).strftime("%Y-%m-%d %H:%M:%S"))
        self._ticks += 1
        if self._ticks % 15 == 0:  # overdue grows with time even without new events
            self.on_event_grid_counts_changed()

    def update_counts(self) -> None:
        room = self._room
        if room is None:
            self.counts_label.setText("")
            return
        open_ = len(room.events)
        overdue = room.overdue_count()
        self.counts_label.setText(
            translate("StatusBar", "在办 %1 · 超期 %2").replace("%1", str(open_)).replace("%2", str(overdue))
        )
