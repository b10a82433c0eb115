"""Why the feed is down, where the officer looks (issue 12, item 10): the status bar's feed label
says 未授权/重连中 and its tooltip and the 数据连接状态 dialog give the reason (HTTP 401, connection
refused), its time in the room's zone, the attempts and the next retry, and the stream's figures.
Real websocket hubs on 127.0.0.1; the reason travels client → ingest service → bus → view."""

from __future__ import annotations

import asyncio
import gc
import socket
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import qasync
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from console.app import ConsoleWindow, Core, Options
from console.launch import start_feed
from console.services.bus import Bus
from console.services.ingest import FeedState
from console.views.feed_status import FeedStatusDialog
from tests.net.helpers import TOKEN, dumps, event_obj, running_hub

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")
ROOM = ZoneInfo("Asia/Shanghai")


@dataclass
class Console:
    core: Core
    shell: ConsoleWindow
    loop: qasync.QEventLoop

    @property
    def bar(self):
        return self.shell.window.status

    def run(self, coro) -> None:
        self.loop.run_until_complete(asyncio.wait_for(coro, 30))

    async def until(self, pred, limit: float = 15.0) -> None:
        async with asyncio.timeout(limit):
            while not pred():  # noqa: ASYNC110 - Qt-side state, no asyncio event to await
                await asyncio.sleep(0.01)


@pytest.fixture
def console(qapp, qtbot, tmp_path):
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/muted", "true")
    core = Core(Options(db=f"sqlite:///{tmp_path}/console.db", seat="seat-1", no_feed=True))
    shell = ConsoleWindow(core, settings, qt_app=qapp, defer=True)
    qtbot.addWidget(shell.window)
    c = Console(core, shell, loop)
    try:
        yield c
    finally:
        core.sync.stop()  # nothing more into the window pytest-qt has deleted
        loop.run_until_complete(core.stop_room())  # the intake, the writer's lock, the room sync
        core.sla.stop()
        core.close()  # the window itself is closed by qtbot
        gc.collect()  # cycles holding Qt objects go now, on the GUI thread, not in a worker thread's GC
        loop.close()
        asyncio.set_event_loop(None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def menu_action(console: Console):
    return next(a for a in console.shell.window.menu_view.actions() if a.text() == "数据连接状态…")


def test_wrong_token_says_unauthorized_and_why(console, qtbot, tmp_path):
    bar = console.bar
    assert bar.feed_label.text() == "未连接"
    assert "未连接事件中枢" in bar.feed_label.toolTip()

    async def scenario():
        async with running_hub(tmp_path / "hub.db") as hub:
            await start_feed(console.core, Options(connect=hub.url, token="not-the-token"))
            await console.until(lambda: bar.feed_label.text() == "未授权")
            return hub.url

    url = console.loop.run_until_complete(scenario())
    assert bar.feed_label.property("feed") == "bad"
    state = bar.feed_state
    tip = bar.feed_label.toolTip()
    assert url in tip
    assert "中枢拒绝了令牌，请检查数据连接令牌（HTTP 401）" in tip
    assert state.error_at.astimezone(ROOM).strftime("%Y-%m-%d %H:%M:%S") in tip  # the room's clock
    assert "已连续失败 1 次，下次重试：" in tip

    qtbot.mouseClick(bar.feed_label, Qt.MouseButton.LeftButton)
    dialog = bar.feed_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.windowTitle() == "数据连接状态"
    assert dialog.text("url") == url
    assert dialog.text("status") == "未授权"
    assert dialog.text("error") == "中枢拒绝了令牌，请检查数据连接令牌（HTTP 401）"
    assert dialog.text("error_at") == state.error_at.astimezone(ROOM).strftime("%Y-%m-%d %H:%M:%S")
    assert dialog.text("attempts") == "1"
    assert "秒后" in dialog.text("retry")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert not dialog.isVisible()
    menu_action(console).trigger()  # 视图 → 数据连接状态…
    assert dialog.isVisible()


def test_closed_port_says_reconnecting_and_connection_refused(console, qtbot):
    bar = console.bar
    url = f"ws://127.0.0.1:{free_port()}/feed"

    async def scenario():
        await start_feed(console.core, Options(connect=url, token=TOKEN))
        await console.until(lambda: bar.feed_state is not None and bar.feed_state.error_kind is not None)

    console.run(scenario())
    assert bar.feed_label.text() in ("重连中", "连接中")  # between attempts, or already trying again
    tip = bar.feed_label.toolTip()
    assert "连接被拒绝：中枢未运行或地址端口有误" in tip
    assert url in tip
    menu_action(console).trigger()
    dialog = bar.feed_dialog
    assert dialog.isVisible()
    assert dialog.text("error").startswith("连接被拒绝：中枢未运行或地址端口有误（")
    assert int(dialog.text("attempts")) >= 1


def test_dialog_shows_the_stream_figures_and_keeps_the_last_error(console, tmp_path):
    bar = console.bar

    async def scenario():
        async with running_hub(tmp_path / "hub.db") as hub:
            hub.publish_many([
                ("event", dumps(event_obj(1)), None),
                ("event", dumps(event_obj(2)), None),
                ("event", dumps(event_obj(3, level="urgent")), None),  # no such level: quarantined
            ])
            await start_feed(console.core, Options(connect=hub.url, token=TOKEN))
            await console.until(lambda: bar.feed_state is not None and bar.feed_state.last_seq == 3)
            console.core.ingest.client.drop()  # the connection breaks; the client reconnects
            await console.until(lambda: bar.feed_state.error_kind is not None
                                and bar.feed_state.status == "connected")
            # while the hub still runs
            assert bar.feed_label.text() == "已连接"
            dialog = bar.show_feed_status()
            assert dialog.text("status") == "已连接"
            assert dialog.text("last_seq") == "3"
            assert dialog.text("head_seq") == "3"
            assert dialog.text("lag") == "0"
            assert dialog.text("received") == "3"
            assert dialog.text("quarantined") == "1"
            assert dialog.text("error").startswith("连接已断开")  # the drop, kept after the reconnect
            assert dialog.text("attempts") == "0"
            assert dialog.text("retry") == "—"

    console.run(scenario())


def test_dialog_shows_sequence_anomalies(qtbot):
    # issue 13, item 3: gaps and repeated seqs are counted in FeedState and shown with the latest note
    bus = Bus()
    dialog = FeedStatusDialog(bus)
    qtbot.addWidget(dialog)
    dialog.show()
    bus.publish("feed_state", state=FeedState("connected", "ws://127.0.0.1:1/feed", 120, 120, 0, 2, 0.0))
    assert dialog.text("sequence") == "无"
    bus.publish("feed_state", state=FeedState("connected", "ws://127.0.0.1:1/feed", 120, 120, 0, 2, 0.0,
                                              seq_gaps=2, seq_missing=3, seq_repeated=1,
                                              seq_note="seq 120 after 118: gap of 1"))
    assert dialog.text("sequence") == "缺号 2 处（3 个序号），重复或倒序 1 条\n最近：seq 120 after 118: gap of 1"
