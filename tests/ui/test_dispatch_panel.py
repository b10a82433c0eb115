"""The 研判派遣 panel (issue 12, items 1, 4 and 8): it closes with Esc, its 关闭 button and the
window's close button, releasing the claim each time; a click on a department's name ticks it;
its countdown counts down to the one-minute dispatch limit like the queue and the detail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from shell_rig import Shell, focus

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")


async def open_with_n(qtbot, shell: Shell) -> str:
    qtbot.keyClick(focus(), Qt.Key.Key_N)
    qtbot.waitUntil(shell.panel.isActiveWindow)
    event_id = shell.panel.current.id
    await shell.settle()
    assert shell.claimed(event_id)
    return event_id


async def test_esc_closes_the_panel_and_releases_the_claim(qtbot, shell):
    event_id = await open_with_n(qtbot, shell)
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    assert not shell.panel.isVisible()
    await shell.settle()
    assert not shell.claimed(event_id)
    assert shell.panel.current is None
    assert not shell.panel._tick.isActive()
    qtbot.waitUntil(shell.window.isActiveWindow)  # the keyboard is back in the main window
    qtbot.keyClick(focus(), Qt.Key.Key_N)  # and the panel opens again
    qtbot.waitUntil(shell.panel.isVisible)


async def test_close_button_closes_the_panel_and_releases_the_claim(qtbot, shell):
    event_id = await open_with_n(qtbot, shell)
    qtbot.mouseClick(shell.panel.close_btn, Qt.MouseButton.LeftButton)
    assert not shell.panel.isVisible()
    await shell.settle()
    assert not shell.claimed(event_id)


async def test_window_close_closes_the_panel_and_releases_the_claim(qtbot, shell):
    event_id = await open_with_n(qtbot, shell)
    assert shell.panel.close()  # the title bar's ✕
    assert not shell.panel.isVisible()
    await shell.settle()
    assert not shell.claimed(event_id)


async def test_opening_another_event_releases_the_first_claim(qtbot, shell):
    first = await open_with_n(qtbot, shell)
    other = next(e.id for e in shell.events if e.id != first)
    shell.console.open_event(other)
    await shell.settle()
    assert shell.claimed(other)
    assert not shell.claimed(first)


async def test_a_click_on_a_department_name_ticks_it(qtbot, shell):
    await open_with_n(qtbot, shell)
    targets = shell.panel.targets
    item = targets.item(1)
    name_pos = targets.visualItemRect(item).center()  # on the name, well right of the check box
    assert shell.panel.selected_targets() == []
    qtbot.mouseClick(targets.viewport(), Qt.MouseButton.LeftButton, pos=name_pos)
    assert item.checkState() == Qt.CheckState.Checked
    assert shell.panel.selected_targets() == [item.data(Qt.ItemDataRole.UserRole)]
    qtbot.mouseClick(targets.viewport(), Qt.MouseButton.LeftButton, pos=name_pos)
    assert item.checkState() == Qt.CheckState.Unchecked


async def test_a_click_on_the_check_box_ticks_once(qtbot, shell):
    await open_with_n(qtbot, shell)
    targets = shell.panel.targets
    item = targets.item(0)
    rect = targets.visualItemRect(item)
    box = rect.topLeft() + type(rect.topLeft())(10, rect.height() // 2)  # the indicator at the row's start
    qtbot.mouseClick(targets.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert item.checkState() == Qt.CheckState.Checked  # once: Qt's toggle, not undone by the row's
    qtbot.mouseClick(targets.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert item.checkState() == Qt.CheckState.Unchecked
    targets.setCurrentItem(item)
    qtbot.keyClick(targets, Qt.Key.Key_Space)  # the keyboard way still works
    assert item.checkState() == Qt.CheckState.Checked


async def test_countdown_counts_down_to_the_minute(qtbot, shell):
    await open_with_n(qtbot, shell)
    ev = shell.panel.current
    since = ev.received_at
    from datetime import timedelta

    shell.panel.clock = lambda: since + timedelta(seconds=23)
    shell.panel._update_countdown()
    assert "剩余 0:37" in shell.panel.countdown.text()
    shell.panel.clock = lambda: since + timedelta(seconds=72)
    shell.panel._update_countdown()
    assert "超时 0:12" in shell.panel.countdown.text()
    assert "#e03131" in shell.panel.countdown.text()


async def test_queue_and_detail_count_down_the_same_minute(qtbot, shell):
    view = shell.window.queue_view
    model = shell.window.queue_model
    from console.qtmodels.queue_rows import COL_COUNTDOWN

    qtbot.keyClick(focus(), Qt.Key.Key_Down)  # the officer moves onto a row: the detail follows
    row = view.table.currentIndex().row()
    event_id = model.event_at(row).id
    badge = shell.window.detail_view.sla
    assert shell.window.detail_view.current_event_id() == event_id

    def same() -> bool:
        badge.refresh()
        return model.index(row, COL_COUNTDOWN).data() == badge.text()

    qtbot.waitUntil(same)
    assert badge.text().startswith("剩余 0:")
