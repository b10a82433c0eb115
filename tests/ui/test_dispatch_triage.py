"""The dispatch panel with the trained classifier (issue 17): a confident suggestion is accepted
with A as before; an unsure one says 需人工研判, proposes no department and shows the top 3, which
keys 1-3 take; a dispatch to another department than suggested becomes a labelled example."""

from __future__ import annotations

import concurrent.futures
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from ui_factories import FakeClock, make_event

from console.domain.district import load_district
from console.domain.event import UNCLASSIFIED
from console.domain.sla import default_table
from console.services.bus import Bus
from console.services.decisions import DecisionService
from console.services.ingest import default_district_dir
from console.services.room import Room
from console.services.triage import TriageService
from console.services.triage_engine import TriageEngine
from console.store import open_store
from console.views.dispatch_panel import DispatchPanel
from tests.triage_helpers import full_model, install_full_model

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")


@pytest.fixture(scope="module")
def demo():
    return load_district(default_district_dir())


def _run_now(coro):
    """Run the panel's coroutines to the end at once (claims and decisions on the test's store)."""
    import asyncio

    fut: concurrent.futures.Future = concurrent.futures.Future()
    try:
        fut.set_result(asyncio.new_event_loop().run_until_complete(coro))
    except Exception as exc:  # pragma: no cover - surfaced by the assertions
        fut.set_exception(exc)
    return fut


@pytest.fixture
def rig(qtbot, demo, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    install_full_model(tmp_path / "models")
    engine = TriageEngine(records=store.triage, model_dir=tmp_path / "models", departments=demo.departments.keys())
    engine.start().result()
    assert engine.ready
    bus, clock = Bus(), FakeClock()
    room = Room(bus, clock=clock)
    grid = next(iter(demo.grids))
    events = [
        make_event(1, category=UNCLASSIFIED, title="路口的红绿灯全灭了，车子乱开", description="", grid_id=grid),
        make_event(2, category=UNCLASSIFIED, title="这个事你们看看吧", description="", grid_id=grid,
                   reported_at=clock() - timedelta(minutes=1)),
    ]
    store.events.insert_many(events)
    room.load(events)
    triage = TriageService(room, demo, engine)
    async def hub(_command):  # the hub takes every command
        return True, None

    decisions = DecisionService(store, room, bus, demo, table=default_table(), seat="seat-1", officer="值班员",
                                send_command=hub)
    panel = DispatchPanel(triage, demo, _run_now, decisions=decisions, clock=clock)
    qtbot.addWidget(panel)
    yield panel, engine, store, room
    engine.close()
    store.close()


def test_confident_suggestion_is_accepted_with_a(qtbot, rig):
    panel, _engine, _store, room = rig
    panel.open_event(room.get("ev-000001"))
    qtbot.waitUntil(panel.isActiveWindow)
    s = panel.suggestion
    assert s is not None
    assert not s.abstain
    assert s.department_id == "dept.traffic"
    assert "需人工研判" not in panel.suggest_label.text()
    assert "交通信号灯故障" in panel.suggest_label.text()
    qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_A)
    assert panel.selected_targets()[:1] == ["dept.traffic"]


def test_unsure_suggestion_shows_top3_and_keys_pick_one(qtbot, rig):
    panel, engine, store, room = rig
    model, _ = full_model()
    engine.model.threshold = 0.999  # every answer is unsure
    try:
        panel.open_event(room.get("ev-000002"))
        qtbot.waitUntil(panel.isActiveWindow)
        s = panel.suggestion
        assert s is not None
        assert s.abstain
        assert s.department_id is None
        assert len(s.top3) == 3
        text = panel.suggest_label.text()
        assert "需人工研判" in text
        assert "候选 1" in text
        assert "候选 3" in text
        qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_A)  # accepting proposes no department
        assert panel.selected_targets() == [] or all(t.startswith("m") for t in panel.selected_targets())
        qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_2)  # the second candidate
        second = s.top3[1][2]
        assert panel.selected_targets() == [second]
        with qtbot.waitSignal(panel.dispatched, timeout=5000):
            qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_Return)
        # the officer chose another department than the (unsure) top answer: a labelled example
        qtbot.waitUntil(lambda: store.triage.count_examples() == 1, timeout=5000)
        row = store.triage.examples()[0]
        assert row.department == second
        assert row.suggested_department == s.top3[0][2]
    finally:
        engine.model.threshold = model.threshold
