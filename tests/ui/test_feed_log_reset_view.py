"""The officer is told when the hub's log was reset (issue 13, item 2): the status bar shows
中枢日志已重置 with what happened in its tooltip, and the 数据连接状态 dialog has the hub log row."""

from __future__ import annotations

from datetime import UTC, datetime

from console.net.logchange import detect_log_change
from console.services.bus import Bus
from console.services.ingest import FeedState
from console.views.feed_status import FeedStatusDialog
from console.views.status_bar import StatusBar

T0 = datetime(2026, 12, 8, 1, 2, 3, tzinfo=UTC)  # 09:02:03 in the room's zone


def _state(**over) -> FeedState:
    base = {"status": "connected", "url": "ws://hub:8765/feed", "last_seq": 12, "head_seq": 5000, "lag": 4988,
            "quarantined": 0, "rate": 0.0, "log_id": "b" * 32}
    base.update(over)
    return FeedState(**base)


def test_a_log_reset_is_shown_in_the_status_bar_and_the_dialog(qtbot) -> None:
    bus = Bus()
    bar = StatusBar(bus, None, clock=lambda: T0)
    qtbot.addWidget(bar)
    bus.publish("feed_state", state=_state())
    assert bar.log_reset_label.isHidden()
    dialog = bar.show_feed_status()
    qtbot.addWidget(dialog)
    assert dialog.text("log") == "b" * 32

    change = detect_log_change(80_000, "a" * 32, 5_000, "b" * 32)
    bus.publish("feed_state", state=_state(log_change=change, log_change_at=T0, log_resyncs=1))
    assert not bar.log_reset_label.isHidden()
    assert bar.log_reset_label.text() == "中枢日志已重置"
    told = bar.log_reset_label.toolTip()
    assert "2026-12-08 09:02:03" in told
    assert "80000" in told
    assert "5000" in told
    assert "重新同步" in told
    assert told in bar.feed_label.toolTip()
    assert dialog.text("log") == f"{'b' * 32}\n{told}"

    behind = detect_log_change(80_000, None, 5_000, None)  # an old hub: only its head tells
    bus.publish("feed_state", state=_state(log_id=None, log_change=behind, log_change_at=T0, log_resyncs=2))
    assert "低于本机已提交的序号 80000" in bar.log_reset_label.toolTip()
    assert isinstance(dialog, FeedStatusDialog)
