"""DetailView: masked phone, grid path, Shanghai times, attachments, timeline; SlaBadge states."""

from __future__ import annotations

from datetime import timedelta

import pytest
from ui_factories import T0, FakeClock, make_event, small_district

from console.domain.event import Action, Attachment, Event, Level, Source, State
from console.services.bus import Bus
from console.services.room import Room
from console.views.detail_view import DetailView, mask_phone
from console.widgets.sla_badge import SlaBadge, format_remaining


class Details:
    def __init__(self, actions: dict[str, list[Action]]) -> None:
        self.actions = actions
        self.asked: list[str] = []

    def actions_for(self, event_id: str) -> list[Action]:
        self.asked.append(event_id)
        return list(self.actions.get(event_id, []))


@pytest.fixture
def env(qtbot):
    bus = Bus()
    clock = FakeClock()
    room = Room(bus, clock=clock)
    ev = make_event(
        7,
        grid_id="m1",
        level=Level.MAJOR,
        reporter_name="陈先生",
        reporter_phone="13812341234",
        attachments=[Attachment("photo", "https://example.org/p/7.jpg")],
        duplicate_count=2,
        assignees=["dept.cg"],
        deadline_at=clock.now + timedelta(hours=2),
    )
    room.load([ev])
    actions = [
        Action(
            ev.id,
            T0 - timedelta(seconds=50),
            "transition",
            "值班员王",
            seat="seat-1",
            from_state=State.NEW,
            to_state=State.FILED,
            note="核实属实",
        ),
        Action(
            ev.id,
            T0 - timedelta(seconds=20),
            "dispatch",
            "值班员王",
            seat="seat-1",
            from_state=State.FILED,
            to_state=State.DISPATCHED,
            note="派城管执法",
        ),
    ]
    details = Details({ev.id: actions})
    view = DetailView(room, bus, details, district=small_district(), clock=clock)
    qtbot.addWidget(view)
    return bus, clock, room, view, details


def test_mask_phone():
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone(None) == ""
    assert mask_phone("0755-1234567").endswith("4567")
    assert "*" in mask_phone("0755-1234567")


def test_detail_shows_everything(qtbot, env):
    _bus, _clock, _room, view, details = env
    assert view.show_event_id("ev-000007")
    text = view.text()
    assert "138****1234" in text
    assert "13812341234" not in text
    assert "陈先生" in text
    assert "西港街道 › 第一街区 › 海湾社区 › 海湾一号微网格" in text
    assert "2026-11-22 09:58:50" in text  # received 01:58:50 UTC, shown in Asia/Shanghai
    assert "2026-11-22 12:00:00" in text  # deadline T0 + 2 h
    assert "https://example.org/p/7.jpg" in text
    assert "2 次" in text
    assert "城管执法" in text
    assert "核实属实" in text
    assert "派城管执法" in text
    assert "待受理 → 已立案" in text
    assert text.index("核实属实") < text.index("派城管执法")
    assert view.title.text() == "事件7 垃圾暴露"
    assert view.level_chip.text() == "重大"
    assert details.asked == ["ev-000007"]


def test_detail_follows_changes_on_the_bus(qtbot, env):
    _bus, _clock, room, view, _details = env
    view.show_event_id("ev-000007")
    room.upsert([room.get("ev-000007").copy(state=State.DISPATCHED, title="新标题")])
    assert view.title.text() == "新标题"
    assert "已派遣" in view.text()


def test_unknown_event_is_not_shown(qtbot, env):
    view = env[3]
    assert not view.show_event_id("missing")
    assert view.current_event_id() is None


def test_sla_badge_states(qtbot):
    clock = FakeClock()
    badge = SlaBadge(clock=clock, tick_ms=0)
    qtbot.addWidget(badge)
    assert badge.state() == "none"
    badge.set_deadline(clock.now + timedelta(hours=1))
    assert badge.state() == "ok"
    assert badge.text() == "剩余 1:00:00"
    clock.advance(45 * 60)
    badge.refresh()
    assert badge.state() == "warn"
    assert badge.text() == "剩余 15:00"
    clock.advance(20 * 60)
    badge.refresh()
    assert badge.state() == "overdue"
    assert badge.text() == "超时 5:00"  # the queue's dispatch countdown uses the same words
    assert format_remaining(-5) == "-0:05"


def test_detail_lists_merged_reports_nearby_events_and_snapshots(qtbot, tmp_path):
    from console.domain.event import Location

    bus = Bus()
    room = Room(bus, clock=FakeClock())
    main = make_event(1, location=Location(30.55, 104.0, "新民路1号"))
    near = make_event(2, location=Location(30.5510, 104.0, "新民路9号"), title="隔壁也有占道经营")
    far = make_event(3, location=Location(30.60, 104.0, "远处"), title="很远的事件")
    room.load([main, near, far])
    shot = tmp_path / "snap.png"
    shot.write_bytes(b"")

    class Provider:
        def actions_for(self, event_id):
            return [Action(event_id, T0, "snapshot", "值班员", data={"path": str(shot)})]

        def duplicates_for(self, event_id):
            return [("resent", T0, make_event(9, title="同一问题再次来电", reporter_name="李女士"))]

    view = DetailView(room, bus, Provider(), district=small_district())
    qtbot.addWidget(view)
    view.show_event(main)
    text = view.text()
    assert "合并的重复上报（1）" in text
    assert "李女士" in text
    assert "同一问题再次来电" in text
    assert "附近在办事件（1）" in text
    assert "隔壁也有占道经营" in text
    assert "很远的事件" not in text
    assert "照片（1）" in text


async def test_the_timeline_is_read_off_the_gui_thread(qtbot) -> None:
    """With a task runner the view never calls the store itself: it shows the event at once, the
    timeline when the worker has read it, and drops a result for an event no longer shown."""
    import asyncio
    import threading

    bus = Bus()
    room = Room(bus)
    a = Event(id="a", source=Source.GRID_APP, category="city.garbage", title="暴露垃圾", reported_at=T0)
    b = Event(id="b", source=Source.GRID_APP, category="city.garbage", title="井盖缺失", reported_at=T0)
    room.upsert([a, b])
    gui = threading.get_ident()
    reads: list[tuple[str, bool]] = []
    release = asyncio.Event()

    class Provider:
        def actions_for(self, event_id):  # pragma: no cover - must not be called with a runner
            raise AssertionError("read on the GUI thread")

        async def event_details(self, event_id):
            def read():
                reads.append((event_id, threading.get_ident() != gui))
                note = Action(event_id, T0, "note", "officer", note=f"{event_id} 的记录")
                return [note], []

            await release.wait()
            return await asyncio.get_running_loop().run_in_executor(None, read)

    tasks: list[asyncio.Future] = []
    view = DetailView(room, bus, Provider(), district=small_district(),
                      run_task=lambda coro: tasks.append(asyncio.ensure_future(coro)) or tasks[-1])
    qtbot.addWidget(view)
    view.show_event_id("a")
    assert view.title.text() == "暴露垃圾"  # the event at once ...
    assert "载入中" in view.text()  # ... its timeline when read
    view.show_event_id("b")  # the officer moves on before a's timeline arrives
    release.set()
    await asyncio.gather(*tasks)
    assert reads == [("a", True), ("b", True)]  # both read on a worker thread
    assert view.title.text() == "井盖缺失"
    assert "b 的记录" in view.text()
    assert "a 的记录" not in view.text()
