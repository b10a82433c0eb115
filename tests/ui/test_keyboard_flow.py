"""The duty officer's keyboard (issue 12, item 2), driven from start-up focus with real key presses:
N → A → Enter works from a fresh start; letters typed into a text field stay letters; Esc leaves
the field first (the queue's search box is cleared), then the keys work again; F1 lists every
shortcut the window really has."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication
from shell_rig import Shell, focus

from console.domain.event import State

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")


def press(qtbot, key: Qt.Key) -> None:
    """One key, pressed on whatever has the keyboard (as a person types)."""
    qtbot.keyClick(focus(), key)


def newest(shell: Shell) -> str:
    return shell.core.room.newest_awaiting_dispatch(shell.core.seat).id


async def test_startup_focus_is_the_queue_table_and_three_keys_dispatch(qtbot, shell):
    assert focus() is shell.window.queue_view.table
    target = newest(shell)
    press(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(shell.panel.isActiveWindow)
    assert shell.panel.current.id == target
    assert shell.window.queue_view.counts_label.text() == "显示 19 / 共 19 件"
    press(qtbot, Qt.Key.Key_A)
    assert shell.panel.selected_targets()
    with qtbot.waitSignal(shell.panel.dispatched) as blocker:
        press(qtbot, Qt.Key.Key_Return)
        await shell.settle()
    assert blocker.args == [target]
    assert [(c[0], c[1]) for c in shell.fake.commands] == [("dispatch", target)]
    assert shell.core.room.get(target).state is State.DISPATCHED
    qtbot.waitUntil(shell.window.isActiveWindow)
    assert focus() is shell.window.queue_view.table  # ready for the next N


async def test_n_typed_into_the_search_box_is_a_letter_and_esc_clears_then_leaves(qtbot, shell):
    view = shell.window.queue_view
    qtbot.mouseClick(view.search, Qt.MouseButton.LeftButton)
    assert focus() is view.search
    press(qtbot, Qt.Key.Key_N)
    assert view.search.text() == "n"
    assert not shell.panel.isVisible()
    qtbot.waitUntil(lambda: view.counts_label.text() == "显示 0 / 共 19 件")
    press(qtbot, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert view.counts_label.text() == "显示 19 / 共 19 件"  # at once, not after the typing pause
    assert focus() is view.table
    press(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(shell.panel.isActiveWindow)
    assert shell.panel.current.id == newest(shell)


async def test_esc_in_an_empty_search_box_goes_back_to_the_table_and_ctrl_f_comes_back(qtbot, shell):
    view = shell.window.queue_view
    qtbot.keyClick(focus(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focus() is view.search
    press(qtbot, Qt.Key.Key_Escape)
    assert focus() is view.table
    press(qtbot, Qt.Key.Key_Escape)  # nothing to leave: stays on the table
    assert focus() is view.table


async def test_letters_type_into_the_panels_fields_and_esc_leaves_the_field_before_closing(qtbot, shell):
    press(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(shell.panel.isActiveWindow)
    panel = shell.panel
    event_id = panel.current.id
    await shell.settle()
    assert shell.claimed(event_id)
    qtbot.mouseClick(panel.reason, Qt.MouseButton.LeftButton)
    for key in (Qt.Key.Key_A, Qt.Key.Key_D, Qt.Key.Key_F, Qt.Key.Key_R):
        press(qtbot, key)
    assert panel.reason.text() == "adfr"
    assert panel.selected_targets() == []  # A typed a letter, it did not accept the suggestion
    assert panel.current is not None
    assert shell.fake.commands == []
    press(qtbot, Qt.Key.Key_Escape)
    assert panel.isVisible()  # the first Esc only left the field
    assert focus() is panel.dispatch_btn
    press(qtbot, Qt.Key.Key_A)  # out of the field, the letter is a command again
    assert panel.selected_targets()
    qtbot.mouseClick(panel.instruction, Qt.MouseButton.LeftButton)
    press(qtbot, Qt.Key.Key_Escape)
    assert panel.isVisible()
    assert focus() is panel.dispatch_btn
    press(qtbot, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    await shell.settle()
    assert not shell.claimed(event_id)


async def test_enter_in_the_reason_field_rejects_with_that_reason(qtbot, shell):
    press(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(shell.panel.isActiveWindow)
    panel = shell.panel
    event_id = panel.current.id
    press(qtbot, Qt.Key.Key_R)  # no reason yet: the panel asks for one and puts the cursor there
    assert focus() is panel.reason
    qtbot.keyClicks(panel.reason, "duplicate call")  # QTest types ASCII only
    with qtbot.waitSignal(panel.decided) as blocker:
        press(qtbot, Qt.Key.Key_Return)
        await shell.settle()
    assert blocker.args == [event_id, "rejected"]
    assert shell.fake.commands == []  # nothing was dispatched


async def test_panel_keys_work_from_the_target_list_and_the_combo_boxes(qtbot, shell):
    press(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(shell.panel.isActiveWindow)
    panel = shell.panel
    panel.targets.setFocus()
    press(qtbot, Qt.Key.Key_A)
    assert panel.selected_targets()
    panel.level.setFocus()
    with qtbot.waitSignal(panel.dispatched):
        press(qtbot, Qt.Key.Key_Enter)
        await shell.settle()
    assert [c[0] for c in shell.fake.commands] == ["dispatch"]


def _window_shortcut_keys(window) -> set[str]:
    keys = set()
    for sc in window.findChildren(QShortcut):
        keys.update(k.toString(QKeySequence.SequenceFormat.NativeText) for k in sc.keys())
    for act in window.findChildren(QAction):
        keys.update(k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts())
    return keys


async def test_f1_sheet_lists_every_shortcut_of_the_window(qtbot, shell):
    press(qtbot, Qt.Key.Key_F1)
    sheet = shell.console.cheatsheet
    qtbot.waitUntil(sheet.isVisible)
    text = sheet.text()
    keys = _window_shortcut_keys(shell.window)
    expected = {"N", "A", "F", "R", "D", "Esc", "Return", "F1", "F11", "Ctrl+B", "Ctrl+F", "Ctrl+U", "Ctrl+S",
                "Ctrl+W", "Ctrl+P", "Ctrl+Shift+P", "Ctrl+Shift+S", "Ctrl+Shift+R", "Ctrl+Shift+O"}
    assert expected <= keys
    missing = [k for k in keys if f"<b>{k}" not in text and f" / {k}</b>" not in text]
    assert missing == []
    for description in ("一键上报", "督办", "吹哨", "核查通过", "核查不通过", "延期", "恢复", "重新打开", "一键下达",
                        "全屏", "快捷键说明", "打开最新待派遣事件", "确认派遣", "关闭研判面板并释放认领"):
        assert description in text
    QApplication.instance().processEvents()
    sheet.hide()
