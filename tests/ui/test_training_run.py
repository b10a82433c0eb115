"""A short training run in-process: the console on a sandbox, fed by an embedded hub playing five
recorded events at high speed; the trainee dispatches from the dispatch panel, the simulator's field
units answer, and the score has per-event seconds to dispatch and department verdicts."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from console.app import ConsoleWindow, Core, Options
from console.domain.event import State
from console.services.training import PREFIX, prepare
from console.store import training as tstore
from console.training_app import TrainingHooks
from console.views.training_overlay import watermark_of
from tests.training_rig import make_recording

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")
FIELD_STATES = frozenset({State.ACCEPTED, State.ON_SCENE, State.RESOLVED, State.RETURNED})


def test_training_run_dispatch_field_answers_and_score(qapp, tmp_path):
    import qasync

    recording = f"sqlite:///{tmp_path / 'recorded.db'}"
    sandbox = f"sqlite:///{tmp_path / 'sandbox.db'}"
    make_recording(recording, 5)
    plan = prepare(recording, sandbox, "李学员", speed=600.0, seed=7)  # 8 recorded minutes in under a second
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/muted", "true")
    core = Core(Options(db=sandbox, seat="training", officer="李学员", no_feed=True))
    shell = ConsoleWindow(core, settings, qt_app=qapp, defer=True)
    hooks = TrainingHooks(plan, media=False)
    hooks.window_ready(shell)
    commands: list[Any] = []
    result: dict[str, Any] = {}

    async def until(pred: Any, limit: float = 20.0) -> None:
        # Qt-side state (rows, window visibility) and the room have no asyncio event to await
        async with asyncio.timeout(limit):
            while not pred():  # noqa: ASYNC110
                await asyncio.sleep(0.01)

    async def run() -> None:
        await core.load_other_pages(await core.load_first_page())
        await hooks.start_feed(core, core.options)
        hub = hooks.hub.hub  # type: ignore[union-attr]
        field = hub.command_handler

        async def spy(cmd: Any) -> Any:  # what reaches the hub, then the simulator's field units
            commands.append(cmd)
            return await field(cmd)

        hub.command_handler = spy
        try:
            shell.window.show()
            await until(lambda: shell.window.queue_model.live_count() == 5)
            result["window_mark"] = watermark_of(shell.window)
            panel = shell.dispatch
            for eid in ("rec-000", "rec-002"):
                shell.open_event(eid)
                await until(lambda eid=eid: panel.isVisible() and panel.current is not None
                            and panel.current.id == eid)
                result.setdefault("panel_mark", watermark_of(panel))
                panel.accept_suggestion()
                panel.dispatch_btn.click()
                await until(lambda eid=eid: core.room.get(eid).state is not State.NEW and not panel.isVisible())
            await until(lambda: all(core.room.get(e) is not None and core.room.get(e).state in FIELD_STATES
                                    for e in ("rec-000", "rec-002")))
            result["states"] = {e: core.room.get(e).state for e in ("rec-000", "rec-001", "rec-002")}
            result["score"] = await hooks.scores.compute_async()  # type: ignore[union-attr]
            hooks.dock.refresh()  # the live score dock (it also refreshes itself every few seconds)
            await until(lambda: hooks.dock.score is not None and hooks.dock.score["totals"]["trainee"]["dispatched"])
            result["dock_rows"] = hooks.dock.events.rowCount()
            result["log"] = await asyncio.to_thread(core.store.actions.log, ["rec-000", "rec-001", "rec-002"])
        finally:
            await hooks.stopping(core, shell)
            await core.ingest.stop()
            await hooks.hub.stop()  # type: ignore[union-attr]
            await core.tasks.cancel_all()

    try:
        loop.run_until_complete(run())
    finally:
        core.sla.stop()
        shell.window.close()
        shell.window.deleteLater()
        core.close()
        loop.close()
        asyncio.set_event_loop(None)

    # the watermark over the main window and the dispatch panel, never in the way of a click
    for mark in (result["window_mark"], result["panel_mark"]):
        assert mark is not None
        assert mark.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        assert "培训模式 / TRAINING" in mark.text
    # every outgoing command carries the training prefix
    dispatches = [c for c in commands if c.action == "dispatch"]
    assert [c.event_id for c in dispatches] == ["rec-000", "rec-002"]
    for c in dispatches:
        assert c.payload["instruction"].startswith(PREFIX)
        assert c.payload["note"].startswith(PREFIX)
        assert c.payload["training"] is True
    # the field answered the trainee's dispatches (statuses from the units), nothing else moved
    assert result["states"]["rec-001"] is State.NEW
    units = {a.actor for a in result["log"] if a.kind == "transition" and a.to_state in FIELD_STATES}
    assert units, "the simulator's field units reported back"
    assert "王值班" not in {a.actor for a in result["log"]}, "no recorded action reaches the sandbox"
    # the score: per event seconds to dispatch and the department verdicts
    score = result["score"]
    rows = {r["id"]: r for r in score["events"]}
    assert list(rows) == ["rec-000", "rec-001", "rec-002", "rec-003", "rec-004"]
    for eid in ("rec-000", "rec-002"):
        assert rows[eid]["seconds_to_dispatch"] is not None
        assert rows[eid]["seconds_to_dispatch"] >= 0
        assert rows[eid]["department_vs_table"] == "match"
        assert rows[eid]["department_vs_recorded"] == "match"
        assert rows[eid]["recorded_seconds_to_dispatch"] == 25.0
    assert rows["rec-001"]["seconds_to_dispatch"] is None
    assert rows["rec-001"]["department_vs_table"] == "not_dispatched"
    assert score["totals"]["trainee"]["dispatched"] == 2
    assert score["trainee"] == "李学员"
    assert result["dock_rows"] == 5
    assert hooks.final is not None  # the score at the end
    assert hooks.final["played_events"] == 5


def test_sandbox_of_a_run_is_marked_as_training(tmp_path):
    recording = f"sqlite:///{tmp_path / 'recorded.db'}"
    sandbox = f"sqlite:///{tmp_path / 'sandbox.db'}"
    make_recording(recording, 2)
    prepare(recording, sandbox, "李学员")
    from console.store import open_store

    with open_store(sandbox) as store:
        assert tstore.training_mark(store)["trainee"] == "李学员"
        assert store.settings.get(tstore.ROOM_ID_KEY).startswith("training-")


@pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*", "This plugin does not support grabbing the keyboard")
def test_every_window_shown_gets_the_watermark_menus_do_not(qapp, qtbot):
    from PySide6.QtWidgets import QDialog, QMenu

    from console.views.training_overlay import WatermarkInstaller

    installer = WatermarkInstaller(qapp)
    try:
        dialog = QDialog()
        qtbot.addWidget(dialog)
        dialog.resize(400, 300)
        with qtbot.waitExposed(dialog):
            dialog.show()
        mark = watermark_of(dialog)
        assert mark is not None
        assert mark.geometry() == dialog.rect()
        dialog.resize(640, 480)
        qtbot.waitUntil(lambda: mark.geometry() == dialog.rect())
        menu = QMenu()
        qtbot.addWidget(menu)
        menu.addAction("x")
        menu.popup(dialog.mapToGlobal(dialog.rect().center()))
        qtbot.waitUntil(menu.isVisible)
        assert watermark_of(menu) is None
        menu.close()
    finally:
        installer.remove()
    later = QDialog()
    qtbot.addWidget(later)
    later.show()
    assert watermark_of(later) is None  # only while training


def test_score_dock_shows_both_sides_and_the_verdicts(qtbot):
    from datetime import UTC, datetime, timedelta

    from console.domain.event import Action, Event, Source
    from console.domain.scoring import score_shift
    from console.views.score_dock import ScoreDock

    t0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    recorded = [Event(id=f"e{i}", source=Source.GRID_APP, category="city.garbage", title=f"事件{i}",
                      reported_at=t0, received_at=t0 + timedelta(minutes=i)) for i in range(3)]
    theirs = [Action(event_id=e.id, at=e.received_at + timedelta(seconds=20), kind="dispatch", actor="王值班",
                     data={"targets": ["dept.sanitation"]}) for e in recorded]
    mine = [Action(event_id="e0", at=recorded[0].received_at + timedelta(seconds=80), kind="dispatch", actor="李学员",
                   data={"targets": ["dept.police"]})]
    score = score_shift(recorded, mine, recorded, theirs, now=t0 + timedelta(hours=1),
                        recorded_now=t0 + timedelta(hours=1))
    score.update(trainee="李学员", played_events=3, recorded_events=3)
    dock = ScoreDock()
    qtbot.addWidget(dock)
    with qtbot.waitSignal(dock.updated):
        dock.set_score(score)
    assert "李学员" in dock.header.text()
    assert dock.events.rowCount() == 3
    newest_first = [dock.events.item(r, 0).text() for r in range(3)]
    assert newest_first == ["事件2", "事件1", "事件0"]
    late = dock.events.item(2, 1)
    assert late.text() == "1分20秒"
    assert "不一致" in dock.events.item(2, 3).text()
    labels = [dock.totals.item(r, 0).text() for r in range(dock.totals.rowCount())]
    assert "60秒内派遣率" in labels
    row = labels.index("已派遣")
    assert (dock.totals.item(row, 1).text(), dock.totals.item(row, 2).text()) == ("1", "3")
