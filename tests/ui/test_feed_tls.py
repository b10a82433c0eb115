"""The console over TLS, and a clear-text feed flagged where the officer looks (issue 13, items 9, 10).

``run --connect wss://… --ca FILE`` takes its token from ``$GRID_FEED_TOKEN`` or ``--token-file`` and
its TLS context from the system trust store plus ``--ca`` (``console.launch.feed_credentials``); a
real TLS hub on 127.0.0.1 with a throw-away self-signed certificate. A ``ws://`` feed to another
machine shows 已连接（未加密） in amber, and the 数据连接状态 dialog says the token travels in clear.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import subprocess
import sys
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QSettings

from console.app import ConsoleWindow, Core, Options, StartupError
from console.launch import feed_credentials, start_feed
from console.net.hub import server_ssl_context
from console.net.security import TOKEN_ARGUMENT_WARNING
from console.services.bus import Bus
from console.services.ingest import FeedState, IngestService
from console.views.startup_errors import startup_error_text
from console.views.status_bar import StatusBar
from tests.net.helpers import TOKEN, dumps, event_obj, running_hub
from tests.net.tls import self_signed_cert

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def console(qapp, qtbot, tmp_path):
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/muted", "true")
    core = Core(Options(db=f"sqlite:///{tmp_path}/console.db", seat="seat-1", no_feed=True))
    shell = ConsoleWindow(core, settings, qt_app=qapp, defer=True)
    qtbot.addWidget(shell.window)
    try:
        yield core, shell, loop
    finally:
        core.sync.stop()  # nothing more into the window pytest-qt has deleted
        loop.run_until_complete(core.stop_room())  # the intake, the writer's lock, the room sync
        core.sla.stop()
        core.close()
        gc.collect()  # cycles holding Qt objects go now, on the GUI thread, not in a worker thread's GC
        loop.close()
        asyncio.set_event_loop(None)


async def until(pred, limit: float = 20.0) -> None:
    async with asyncio.timeout(limit):
        while not pred():  # noqa: ASYNC110 - Qt-side state, no asyncio event to await
            await asyncio.sleep(0.01)


def test_console_connects_to_a_wss_hub_with_ca(console, tmp_path, monkeypatch, capsys):
    core, shell, loop = console
    cert, key = self_signed_cert(tmp_path)
    monkeypatch.setenv("GRID_FEED_TOKEN", TOKEN)
    bar = shell.window.status

    async def scenario():
        async with running_hub(tmp_path / "hub.db", ssl=server_ssl_context(cert, key)) as hub:
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in (1, 2, 3)])
            options = Options(connect=hub.url, ca=str(cert))
            feed_credentials(options)  # what `run --connect wss://… --ca FILE` does before opening
            assert options.token == TOKEN
            await start_feed(core, options)
            await until(lambda: {"ev-1", "ev-2", "ev-3"} <= set(core.room.events))
            await until(lambda: bar.feed_state is not None and bar.feed_state.last_seq == 3)
            assert bar.feed_label.text() == "已连接"
            assert bar.feed_label.property("feed") == "ok"
            dialog = bar.show_feed_status()
            assert dialog.text("transport") == "已加密（TLS，wss://）"

    loop.run_until_complete(asyncio.wait_for(scenario(), 60))
    assert "warning" not in capsys.readouterr().err


def test_console_credentials_refused_before_opening(tmp_path, capsys):
    missing = tmp_path / "feed.token"
    with pytest.raises(StartupError) as exc:
        feed_credentials(Options(connect="wss://127.0.0.1:1/feed", token_file=str(missing)))
    assert exc.value.kind == "feed_token"
    assert startup_error_text(exc.value.kind, exc.value.detail) == (
        f"数据连接令牌无法使用：--token-file {missing}: no such file")
    with pytest.raises(StartupError) as exc:
        feed_credentials(Options(connect="ws://127.0.0.1:1/feed", ca=str(tmp_path / "ca.pem")))
    assert exc.value.kind == "feed_tls"
    assert startup_error_text(exc.value.kind, exc.value.detail).startswith("数据连接的 TLS 设置有误：--ca ")

    options = Options(connect="ws://10.1.2.3:8765/feed", token="t")
    feed_credentials(options)
    err = capsys.readouterr().err.splitlines()
    assert err == [f"warning: {TOKEN_ARGUMENT_WARNING}",
                   "warning: ws://10.1.2.3:8765/feed is not encrypted (ws:// to another machine): the feed token "
                   "and every record travel in clear text; use wss:// (the hub's --cert/--key)"]
    assert options.tls is None


def test_cleartext_feed_is_flagged_in_the_status_bar(qtbot, tmp_path, caplog):
    bus = Bus()
    bar = StatusBar(bus, None)
    qtbot.addWidget(bar)
    with caplog.at_level(logging.WARNING, logger="console.services.ingest"):
        ingest = IngestService(None, None, bus, "ws://10.1.2.3:8765/feed", TOKEN, "seat-1")  # type: ignore[arg-type]
    assert ingest.state.transport == "cleartext"
    assert [r.getMessage() for r in caplog.records if "not encrypted" in r.getMessage()]
    bus.publish("feed_state", state=FeedState("connected", "ws://10.1.2.3:8765/feed", 5, 5, 0, 0, 0.0,
                                              transport="cleartext"))
    assert bar.feed_label.text() == "已连接（未加密）"
    assert bar.feed_label.property("feed") == "warn"
    assert "未加密：令牌和事件以明文经网络传输，请改用 wss://" in bar.feed_label.toolTip()
    dialog = bar.show_feed_status()
    qtbot.addWidget(dialog)
    assert dialog.text("transport") == "未加密：令牌和事件以明文经网络传输，请改用 wss://"

    bus.publish("feed_state", state=FeedState("connected", "ws://127.0.0.1:8765/feed", 5, 5, 0, 0, 0.0,
                                              transport="loopback"))
    assert bar.feed_label.text() == "已连接"
    assert bar.feed_label.property("feed") == "ok"
    assert dialog.text("transport") == "未加密（仅本机，ws://）"
    assert IngestService(None, None, bus, "wss://hub/feed", TOKEN, "s").state.transport == "tls"  # type: ignore[arg-type]


def test_run_refuses_an_unusable_token_file_in_one_line(tmp_path):
    """`python main.py run --connect … --token-file F --ca C`: the options reach the launcher."""
    token = tmp_path / "feed.token"
    token.write_text("tok\n", encoding="utf-8")
    token.chmod(0o644)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "run", "--quit-after", "0.1", "--db", f"sqlite:///{tmp_path / 'c.db'}",
         "--connect", "wss://127.0.0.1:1/feed", "--token-file", str(token), "--ca", str(tmp_path / "ca.pem")],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 1
    assert (f"网格治理指挥台: 数据连接令牌无法使用：--token-file {token}: readable by every user of this machine "
            f"(mode 0644); restrict it: chmod 600 {token}") in proc.stderr
    assert "Traceback" not in proc.stderr
