"""The room link's state in the status bar (issue 18): connected or not, messages waiting up and
down, the last time the stream took one of ours (in the room's zone)."""

from __future__ import annotations

from datetime import UTC, datetime

from console.services.bus import Bus
from console.services.link import LinkState
from console.views.status_bar import StatusBar

T0 = datetime(2026, 12, 8, 1, 2, 3, tzinfo=UTC)  # 09:02:03 in the room's zone


def test_link_state_is_shown_in_the_status_bar(qtbot) -> None:
    bus = Bus()
    bar = StatusBar(bus, None, clock=lambda: T0)
    qtbot.addWidget(bar)
    assert bar.link_label.isHidden()  # no link configured: nothing shown
    bus.publish("link_state", state=LinkState("s1", "street", "connected", "nats://10.0.0.5:4222", backlog_up=0,
                                              backlog_down=2, last_ack_at=T0))
    assert not bar.link_label.isHidden()
    assert bar.link_label.text() == "上下级链路：已连接 · 待上行 0 · 待下行 2"
    assert "09:02:03" in bar.link_label.toolTip()
    assert bar.link_label.property("feed") == "ok"
    bus.publish("link_state", state=LinkState("s1", "street", "disconnected", "nats://10.0.0.5:4222", backlog_up=7))
    assert bar.link_label.text() == "上下级链路：已断开 · 待上行 7 · 待下行 0"
    assert bar.link_label.property("feed") == "bad"
    bus.publish("link_state", state=LinkState("s1", "street", "unauthorized", "nats://10.0.0.5:4222",
                                              error="credentials of 'room' refused"))
    assert "凭据被拒绝" in bar.link_label.text()
    assert "refused" in bar.link_label.toolTip()


def test_a_report_from_a_street_names_it_in_the_queue(qtbot, qtmodeltester) -> None:
    from console.domain.event import Event, Location, Source
    from console.qtmodels.queue_model import QueueModel
    from console.qtmodels.queue_rows import COL_SOURCE

    bus = Bus()
    model = QueueModel(None, bus, clock=lambda: T0, tick_ms=0)
    ev = Event("s1-ev0", Source.GRID_APP, "city.vending", "占道经营", T0, location=Location(30.53, 104.01),
               extra={"link_from": "s1", "link_label": "云港街道"})
    model.on_event_events_added([ev])
    model.flush()
    qtmodeltester.check(model)
    assert model.index(0, COL_SOURCE).data().endswith(" · 云港街道")


async def test_a_district_returns_a_streets_report_with_instructions(qtbot) -> None:
    from PySide6.QtCore import Qt

    from console.domain.event import State
    from console.views.event_actions import EventActions
    from tests.ui.service_rig import DISTRICT, ServiceRig

    rig = ServiceRig()
    w = EventActions(rig.esc, rig.decisions, DISTRICT, rig.run_task, officer="区值班长")
    qtbot.addWidget(w)
    w.set_event(rig.event("own"))
    assert "return_down" not in w.enabled_actions()  # the district's own event: nothing to return
    assert "仅下级上报的事件" in w.buttons["return_down"].toolTip()
    w.set_event(rig.event("s1-ev9", extra={"link_from": "s1", "link_label": "云港街道"}))
    assert "return_down" in w.enabled_actions()
    qtbot.mouseClick(w.buttons["return_down"], Qt.MouseButton.LeftButton)
    w.dialog.note.setPlainText("属街道职责，请街道自行派遣")
    with qtbot.waitSignal(w.done):
        w.dialog.accept()
        await rig.tasks[-1]
    stored = rig.store.events.get("s1-ev9")
    assert stored.state is State.REJECTED
    last = rig.store.actions.for_event("s1-ev9")[-1]
    assert last.data["link_return"] is True
    assert last.note == "属街道职责，请街道自行派遣"
