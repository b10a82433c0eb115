"""数据连接状态: what the feed is doing and why, for the officer (issue 12, item 10).

The dialog shows the ingest service's ``feed_state`` as it arrives on the bus: the hub's URL, the
state, the last error with its time (in the room's zone), the failed attempts in a row and the next
retry, the last committed and the hub's newest sequence number (and the lag between them), how
many records arrived and how many were quarantined, the gaps and repeated sequence numbers seen in
the stream (issue 13), whether the connection is encrypted (a ``ws://`` hub on another machine is
flagged: the token and the records travel in clear), and, when the hub's log was reset, when and what
the console did (it read the new log from its start). It never touches the network itself.

At a seat that does not write the room's intake (issue 14) the first line says so — "本席位不接入数据源，
由席位1写入" — and the rest shows the writer's feed as it shared it through the room
(``room_feed_state``: the hub, the state, the room's quarantine count …), with the time it was shared.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from console.domain.event import utcnow
from console.qtmodels import labels
from console.services.bus import Bus

translate = QCoreApplication.translate
NONE = "—"


def feed_status_key(state: Any) -> str:
    """The state's status as a plain lower-case key ("unauthorized", "backoff", …); "" for none."""
    status = getattr(state, "status", "") if state is not None else ""
    return str(getattr(status, "value", status)).lower()


def local_time(at: datetime | None, tz: ZoneInfo, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    return at.astimezone(tz).strftime(fmt) if at is not None else NONE


def retry_text(state: Any, now: datetime | None, tz: ZoneInfo) -> str:
    """"10:01:05（58 秒后）" while a retry is pending ("10:01:05" without ``now``), else ""."""
    at = getattr(state, "retry_at", None)
    if at is None or feed_status_key(state) in ("connected", "stopped"):
        return ""
    if now is None:
        return local_time(at, tz, "%H:%M:%S")
    seconds = max(0, round((at - now).total_seconds()))
    return translate("FeedStatus", "%1（%2 秒后）").replace("%1", local_time(at, tz, "%H:%M:%S")).replace(
        "%2", str(seconds))


def is_cleartext(state: Any) -> bool:
    """The feed runs unencrypted to another machine (``FeedState.transport == "cleartext"``)."""
    return state is not None and getattr(state, "transport", None) == "cleartext"


def transport_text(state: Any) -> str:
    transport = getattr(state, "transport", None) if state is not None else None
    if transport == "tls":
        return translate("FeedStatus", "已加密（TLS，wss://）")
    if transport == "cleartext":
        return cleartext_text()
    if transport == "loopback":
        return translate("FeedStatus", "未加密（仅本机，ws://）")
    return NONE


def cleartext_text() -> str:
    return translate("FeedStatus", "未加密：令牌和事件以明文经网络传输，请改用 wss://")


def error_lines(state: Any, tz: ZoneInfo) -> list[str]:
    """The last error, when it happened, the attempts and the next retry (its time: a tooltip is
    not refreshed while shown, so no countdown) — one line each."""
    lines: list[str] = []
    kind = getattr(state, "error_kind", None) if state is not None else None
    if kind:
        lines.append(translate("FeedStatus", "最近错误：%1").replace(
            "%1", labels.feed_error_text(kind, getattr(state, "error_detail", None))))
        lines.append(translate("FeedStatus", "发生时间：%1").replace(
            "%1", local_time(getattr(state, "error_at", None), tz)))
    attempts = getattr(state, "attempts", 0) if state is not None else 0
    retry = retry_text(state, None, tz)
    if attempts and retry:
        lines.append(translate("FeedStatus", "已连续失败 %1 次，下次重试：%2").replace("%1", str(attempts))
                     .replace("%2", retry))
    return lines


def sequence_text(state: Any) -> str:
    """Gaps and repeated seqs in the stream (each also kept in the quarantine), with the latest note."""
    gaps, missing = getattr(state, "seq_gaps", 0), getattr(state, "seq_missing", 0)
    repeated = getattr(state, "seq_repeated", 0)
    if not gaps and not repeated:
        return translate("FeedStatus", "无")
    text = (translate("FeedStatus", "缺号 %1 处（%2 个序号），重复或倒序 %3 条")
            .replace("%1", str(gaps)).replace("%2", str(missing)).replace("%3", str(repeated)))
    note = getattr(state, "seq_note", None)
    return text + "\n" + translate("FeedStatus", "最近：%1").replace("%1", note) if note else text


def log_change_text(state: Any, tz: ZoneInfo) -> str:
    """"" while the hub's log never changed; else when it did and what the console did about it."""
    change = getattr(state, "log_change", None) if state is not None else None
    if change is None:
        return ""
    if getattr(change, "reason", "") == "new_log":
        text = translate("FeedStatus", "%1 事件中枢的日志已更换（本机已提交至序号 %2，新日志最新序号 %3），"
                                       "已从新日志开头重新同步，已有事件按编号合并")
    else:
        text = translate("FeedStatus", "%1 事件中枢的最新序号 %3 低于本机已提交的序号 %2（日志已重置），"
                                       "已从开头重新同步，已有事件按编号合并")
    return (text.replace("%1", local_time(getattr(state, "log_change_at", None), tz))
            .replace("%2", str(getattr(change, "position", "?"))).replace("%3", str(getattr(change, "head_seq", "?"))))


class FeedStatusDialog(QDialog):
    """Non-modal; follows ``feed_state`` on the bus while it exists."""

    def __init__(
        self,
        bus: Bus,
        *,
        state: Any = None,
        tz: str = "Asia/Shanghai",
        clock: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feedStatusDialog")
        self.setWindowTitle(translate("FeedStatus", "数据连接状态"))
        self._tz = ZoneInfo(tz)
        self._clock = clock
        self.state: Any = state
        self.writer: str | None = None  # the seat that writes the intake, when it is not this one
        self.shared_at: datetime | None = None  # when the writer shared the state shown
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, title in (
            ("intake", translate("FeedStatus", "数据接入")),
            ("url", translate("FeedStatus", "中枢地址")),
            ("status", translate("FeedStatus", "连接状态")),
            ("transport", translate("FeedStatus", "传输加密")),
            ("error", translate("FeedStatus", "最近错误")),
            ("error_at", translate("FeedStatus", "发生时间")),
            ("attempts", translate("FeedStatus", "连续失败次数")),
            ("retry", translate("FeedStatus", "下次重试")),
            ("last_seq", translate("FeedStatus", "已提交序号")),
            ("head_seq", translate("FeedStatus", "中枢最新序号")),
            ("lag", translate("FeedStatus", "积压")),
            ("received", translate("FeedStatus", "已接收记录")),
            ("quarantined", translate("FeedStatus", "已隔离记录")),
            ("sequence", translate("FeedStatus", "序号异常")),
            ("log", translate("FeedStatus", "中枢日志")),
        ):
            value = QLabel(NONE, self)
            value.setObjectName(f"feedStatus_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, value)
            self.fields[key] = value
        self._form = form
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)
        self.resize(520, 0)
        self._tick = QTimer(self)  # the retry countdown
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.refresh)
        bus.subscribe("feed_state", self.on_event_feed_state)
        bus.subscribe("room_feed_state", self.on_event_room_feed_state)
        bus.subscribe("intake_writer", self.on_event_intake_writer)
        self.refresh()

    def show_room_feed(self, writer: str | None, state: Any = None, at: datetime | None = None) -> None:
        """Show that ``writer`` writes the intake (None: this seat), and its shared ``state``."""
        self.writer = writer
        if writer is not None and state is not None:
            self.state, self.shared_at = state, at
        if self.isVisible():
            self.refresh()

    def on_event_feed_state(self, state: Any) -> None:
        if self.writer is not None and state.status == "stopped":
            return  # this seat's intake stopped: the writer's shared state stays shown
        self.state = state
        self.shared_at = None
        if self.isVisible():
            self.refresh()

    def on_event_room_feed_state(self, state: Any, writer: str, at: datetime) -> None:
        if self.writer is not None:
            self.show_room_feed(writer, state, at)

    def on_event_intake_writer(self, holder: str | None, this_seat: bool) -> None:
        if this_seat:
            self.writer = None
            self.shared_at = None
        elif holder:
            self.writer = holder
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        self.refresh()
        self._tick.start()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        self._tick.stop()
        super().hideEvent(event)

    def text(self, key: str) -> str:
        return self.fields[key].text()

    def refresh(self) -> None:
        st, tz = self.state, self._tz
        f = self.fields
        if self.writer is None:  # this seat writes (the one-seat default): nothing to say
            intake = ""
        else:
            intake = translate("FeedStatus", "本席位不接入数据源，由%1写入").replace("%1", self.writer)
            if self.shared_at is not None:
                intake += translate("FeedStatus", "（以下为写入席位 %1 共享的状态）").replace(
                    "%1", local_time(self.shared_at, tz, "%H:%M:%S"))
        self._form.setRowVisible(f["intake"], bool(intake))  # only at a seat that does not write
        if st is None:
            for label in f.values():
                label.setText(NONE)
            f["intake"].setText(intake)
            f["status"].setText(translate("FeedStatus", "未连接事件中枢"))
            return
        f["intake"].setText(intake)
        f["url"].setText(str(getattr(st, "url", "") or NONE))
        f["status"].setText(labels.feed_status_label(feed_status_key(st)))
        f["transport"].setText(transport_text(st))
        f["transport"].setProperty("cleartext", is_cleartext(st))
        kind = getattr(st, "error_kind", None)
        f["error"].setText(labels.feed_error_text(kind, getattr(st, "error_detail", None)) if kind
                           else translate("FeedStatus", "无"))
        f["error_at"].setText(local_time(getattr(st, "error_at", None), tz))
        f["attempts"].setText(str(getattr(st, "attempts", 0)))
        f["retry"].setText(retry_text(st, self._clock(), tz) or NONE)
        last, head = getattr(st, "last_seq", None), getattr(st, "head_seq", None)
        f["last_seq"].setText(str(last) if last is not None else NONE)
        f["head_seq"].setText(str(head) if head is not None else NONE)
        lag = getattr(st, "lag", None)
        f["lag"].setText(str(lag) if lag is not None else NONE)
        received = getattr(st, "received", None)
        f["received"].setText(f"{received:,}" if received is not None else NONE)
        quarantined = getattr(st, "quarantined", None)
        f["quarantined"].setText(str(quarantined) if quarantined is not None else NONE)
        f["sequence"].setText(sequence_text(st))
        log_id = getattr(st, "log_id", None)
        f["log"].setText("\n".join(t for t in (str(log_id or NONE), log_change_text(st, tz)) if t))
