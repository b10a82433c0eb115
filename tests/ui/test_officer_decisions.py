"""The duty officer's screen (issue 12): one selected event for the whole window, every decision
confirmed in the notice strip, every refusal explained, the selection kept on the decided event.

A real ConsoleWindow over a SQLite store with the demo district; the hub is a stub that accepts
every command. Service calls run on the test's asyncio loop and are awaited through the widgets'
own signals; Qt-side timers (queue and board flushes) through ``qtbot.waitUntil``.
"""

from __future__ import annotations

import asyncio
import gc
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt

from console.app import DEMO_DIR, ConsoleWindow, Core, Options
from console.domain.district import load_district
from console.domain.event import Event, Source, State
from console.store import open_store

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")
MICRO = load_district(DEMO_DIR).grids_at_level(4)[0].id
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _event(eid: str, title: str, age: timedelta, state: State = State.NEW, **kw) -> Event:
    at = datetime.now(UTC) - age
    return Event(id=eid, source=Source.GRID_APP, category="unclassified", title=title, reported_at=at,
                 received_at=at, grid_id=MICRO, state=state, **kw)


class Hub:
    """Accepts every command (the console's ``ingest.send_command``)."""

    def __init__(self) -> None:
        self.commands: list[tuple[str, str | None, dict]] = []

    async def send_command(self, action: str, event_id: str | None, payload: dict) -> SimpleNamespace:
        self.commands.append((action, event_id, payload))
        return SimpleNamespace(ok=True, error=None)


@pytest.fixture
async def shell(qapp, tmp_path):
    db = f"sqlite:///{tmp_path / 'console.db'}"
    day = timedelta(days=1)
    with open_store(db) as store:
        store.events.insert_many([
            _event("live-a", "海湾路占道经营", timedelta(seconds=5)),
            _event("live-b", "山前社区井盖缺失", timedelta(hours=2)),  # long overdue: on the board
            _event("resolved-d", "楼道堆放杂物", timedelta(hours=3), State.RESOLVED,
                   assignees=["dept.cityenf"], dispatched_at=datetime.now(UTC) - timedelta(hours=2),
                   resolved_at=datetime.now(UTC) - timedelta(minutes=5)),
            _event("closed-c", "噪音扰民已处理", day, State.CLOSED, assignees=["dept.police"],
                   closed_at=datetime.now(UTC) - day / 2),
        ])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/muted", "true")
    core = Core(Options(db=db, seat="seat-1", officer="张值班", no_feed=True))
    await core.load_other_pages(await core.load_first_page())
    sh = ConsoleWindow(core, settings, qt_app=qapp, defer=True)
    sh.hub = Hub()
    sh.window.resize(1600, 900)
    sh.window.show()
    try:
        yield sh
    finally:
        sh._kpi_timer.stop()
        sh.dispatch.hide()
        await core.tasks.cancel_all()
        sh.window.close()
        sh.window.deleteLater()  # now, on this thread: not when a worker thread's GC drops the wrapper
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(sh.window)
        core.close()
        gc.collect()  # cycles holding Qt objects go now, on the GUI thread, not in a worker thread's GC


async def signalled(signal, action, within: float = 5.0) -> tuple:
    """Run ``action`` and wait (on the asyncio loop the services use) until ``signal`` is emitted."""
    got: list[tuple] = []
    fired = asyncio.Event()

    def slot(*args) -> None:
        got.append(args)
        fired.set()

    signal.connect(slot)
    try:
        action()
        await asyncio.wait_for(fired.wait(), within)
    finally:
        signal.disconnect(slot)
    return got[0]


async def shown(view, text: str, within: float = 5.0) -> str:
    """Wait (on the asyncio loop) until the detail view shows ``text``: its timeline is read off the
    GUI thread, after the event itself is shown."""
    deadline = asyncio.get_running_loop().time() + within
    while text not in view.text():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{text!r} not shown in {view.text()!r}")
        await asyncio.sleep(0.01)
    return view.text()


def queue_row(sh, event_id: str) -> int:
    return sh.window.queue_model.row_of(event_id)


async def test_a_closed_event_opened_from_history_can_be_reopened(qtbot, shell) -> None:
    sh, core = shell, shell.core
    view = sh.history_view
    await signalled(view.model.loaded, view.search_now)
    row = view.model.row_of("closed-c")
    assert row >= 0
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, 0))  # the officer moves to the row …
    assert sh.selection.event_id == "closed-c"
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # … and opens it
    assert sh.window.detail_view.title.text() == "噪音扰民已处理"
    assert "已结案" in sh.window.detail_view.text()
    assert sh.actions.header.text().startswith("噪音扰民已处理 · 已结案")
    assert sh.actions.enabled_actions() == {"reopen"}
    assert sh.window.docks["dock.detail"].isVisible()

    qtbot.mouseClick(sh.actions.buttons["reopen"], Qt.MouseButton.LeftButton)
    dialog = sh.actions.dialog
    assert dialog.windowTitle() == "重新打开 · 噪音扰民已处理"
    dialog.note.setPlainText("群众再次来电反映")
    _eid, name, _result = await signalled(sh.actions.outcome, dialog.accept)
    assert (_eid, name) == ("closed-c", "reopen")
    assert core.store.events.get("closed-c").state is State.REOPENED
    assert core.room.get("closed-c").state is State.REOPENED  # live again
    assert sh.selection.event_id == "closed-c"
    assert sh.selection.is_live
    assert "重新打开" in sh.window.detail_view.text()
    await shown(sh.window.detail_view, "重新打开：群众再次来电反映")  # the timeline in words
    assert sh.notices.shown() == ["已重新打开 · 噪音扰民已处理"]


async def test_queue_then_board_both_views_act_on_the_board_event(qtbot, shell) -> None:
    sh = shell
    qv, table = sh.window.queue_view, sh.window.queue_view.table
    table.setFocus()
    table.setCurrentIndex(sh.window.queue_model.index(queue_row(sh, "live-a"), 0))  # A in the queue
    assert sh.actions.header.text().startswith("海湾路占道经营")
    qv.search.setText("占道")  # B is not in the queue any more
    qtbot.waitUntil(lambda: queue_row(sh, "live-b") < 0)
    sh.build_deferred()  # the map and the video wall follow the selection too

    board = sh.board
    sh.window.docks["dock.escalation"].raise_()
    qtbot.waitUntil(lambda: board.events_view.isVisible() and "live-b" in board.events_model.event_ids())
    rect = board.events_view.visualRect(board.events_model.index(board.events_model.event_ids().index("live-b"), 1))
    qtbot.mouseClick(board.events_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # B on the board
    assert sh.selection.event_id == "live-b"
    assert sh.window.detail_view.current_event_id() == "live-b"
    assert sh.window.detail_view.title.text() == "山前社区井盖缺失"
    assert sh.actions.header.text().startswith("山前社区井盖缺失")
    assert sh.actions.current.id == "live-b"
    assert not table.currentIndex().isValid()  # A no longer looks selected in the queue
    assert sh.video_wall._event.id == "live-b"

    qtbot.mouseClick(sh.actions.buttons["escalate"], Qt.MouseButton.LeftButton)  # acts on B
    await signalled(sh.actions.outcome, sh.actions.dialog.accept)
    assert sh.core.room.get("live-b").state is State.ESCALATED
    assert sh.core.room.get("live-a").state is State.NEW
    assert sh.notices.shown() == ["已上报至街道 · 山前社区井盖缺失"]


async def test_dispatch_is_confirmed_and_the_selection_stays_on_the_event(qtbot, shell) -> None:
    sh, core = shell, shell.core
    model, table, panel = sh.window.queue_model, sh.window.queue_view.table, sh.dispatch
    sh.window.queue_view.status_combo.setCurrentIndex(1)  # 待派遣 only: the event will leave the queue
    table.setFocus()
    table.setCurrentIndex(model.index(queue_row(sh, "live-a"), 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert panel.isVisible()
    assert panel.current.id == "live-a"

    def tick(dept_id: str) -> None:
        for i in range(panel.targets.count()):
            item = panel.targets.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) == dept_id
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    tick("dept.fire")
    panel.instruction.setPlainText("请立即到场处置")
    # no hub connected: the refusal is explained, in the service's words, and stays
    message = await signalled(panel.failed, lambda: qtbot.mouseClick(panel.dispatch_btn, Qt.MouseButton.LeftButton))
    assert "未连接事件中枢" in message[0]
    assert any("未连接事件中枢" in t for t in sh.notices.shown())
    assert sh.notices.rows[0].notice.error

    core.ingest = sh.hub
    await signalled(panel.outcome, lambda: qtbot.mouseClick(panel.dispatch_btn, Qt.MouseButton.LeftButton))
    dispatched = core.room.get("live-a")
    assert dispatched.state is State.DISPATCHED
    deadline = dispatched.deadline_at.astimezone(SHANGHAI).strftime("%H:%M")
    confirmation = sh.notices.shown()[0]
    assert confirmation.startswith(f"已派遣至 消防救援站，时限 {deadline}")
    assert not sh.notices.rows[0].notice.error
    qtbot.waitUntil(lambda: queue_row(sh, "live-a") < 0)  # left the 待派遣 queue …
    assert sh.selection.event_id == "live-a"  # … and stays selected
    assert sh.window.detail_view.current_event_id() == "live-a"
    assert "已派遣" in sh.window.detail_view.text()
    await shown(sh.window.detail_view, "派遣：消防救援站（指令：请立即到场处置，时限")
    assert sh.actions.current.state is State.DISPATCHED
    assert [c[:2] for c in sh.hub.commands] == [("dispatch", "live-a")]


async def test_verify_pass_is_confirmed_and_the_closed_event_stays_shown(qtbot, shell) -> None:
    sh, core = shell, shell.core
    table = sh.window.queue_view.table
    table.setFocus()
    table.setCurrentIndex(sh.window.queue_model.index(queue_row(sh, "resolved-d"), 0))
    assert sh.actions.enabled_actions() == {"verify_pass", "verify_fail", "reopen"}
    await signalled(sh.actions.outcome,
                    lambda: qtbot.mouseClick(sh.actions.buttons["verify_pass"], Qt.MouseButton.LeftButton))
    assert core.store.events.get("resolved-d").state is State.CLOSED
    assert sh.notices.shown() == ["已核查通过并结案 · 楼道堆放杂物"]
    qtbot.waitUntil(lambda: queue_row(sh, "resolved-d") < 0)  # closed: it left the live queue
    assert sh.selection.event_id == "resolved-d"
    assert sh.selection.event.state is State.CLOSED
    assert sh.window.detail_view.current_event_id() == "resolved-d"
    text = await shown(sh.window.detail_view, "核查通过")
    assert "已结案" in text
    assert sh.actions.enabled_actions() == {"reopen"}
    assert not table.currentIndex().isValid()
