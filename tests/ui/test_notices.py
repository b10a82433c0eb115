"""The notice strip: newest on top, confirmations go after a while, errors stay until dismissed,
a short history, a click on a notice selects its event."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_factories import T0, FakeClock

from console.views.notices import HISTORY, NoticeArea


def make(qtbot, **kw) -> NoticeArea:
    area = NoticeArea(clock=FakeClock(T0), tz="Asia/Shanghai", **kw)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area


def test_newest_on_top_and_confirmations_go_while_errors_stay(qtbot) -> None:
    area = make(qtbot, timeout_ms=50)
    area.error("派遣指令未被事件中枢接受")
    area.info("已督办 · 暴露垃圾")
    assert area.shown() == ["已督办 · 暴露垃圾", "派遣指令未被事件中枢接受"]
    assert area.rows[0].label.text() == "10:00:00  已督办 · 暴露垃圾"  # room time (Asia/Shanghai)
    qtbot.waitUntil(lambda: area.shown() == ["派遣指令未被事件中枢接受"])
    row = area.rows[0]
    assert row.notice.error
    qtbot.mouseClick(row.close_btn, Qt.MouseButton.LeftButton)
    assert area.shown() == []
    assert [n.text for n in area.history] == ["已督办 · 暴露垃圾", "派遣指令未被事件中枢接受"]
    assert area.history_lines() == ["10:00:00  已督办 · 暴露垃圾", "⚠ 10:00:00  派遣指令未被事件中枢接受"]


def test_at_most_a_few_on_screen_and_a_short_history(qtbot) -> None:
    area = make(qtbot, max_shown=3)
    area.error("错误一")
    for i in range(HISTORY + 5):
        area.info(f"确认{i}")
    assert area.shown() == [f"确认{HISTORY + 4}", f"确认{HISTORY + 3}", "错误一"]  # the error is kept longest
    assert len(area.history) == HISTORY
    area.history_menu.aboutToShow.emit()
    assert len(area.history_menu.actions()) == HISTORY
    assert area.history_menu.actions()[0].text().endswith(f"确认{HISTORY + 4}")


def test_a_click_on_a_notice_selects_its_event(qtbot) -> None:
    area = make(qtbot)
    row = area.info("已核查通过并结案 · 楼道堆放杂物", "ev-1")
    area.info("没有待派遣的事件")
    with qtbot.waitSignal(area.eventActivated) as blocker:
        qtbot.mouseClick(row.label, Qt.MouseButton.LeftButton)
    assert blocker.args == ["ev-1"]
    area.history_menu.aboutToShow.emit()
    first, second = area.history_menu.actions()
    assert not first.isEnabled()  # no event to go to
    with qtbot.waitSignal(area.eventActivated) as blocker:
        second.trigger()
    assert blocker.args == ["ev-1"]
