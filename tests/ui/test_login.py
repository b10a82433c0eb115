"""The login dialog (issue 14), driven as the officer drives it, over a real SQLite store.

Wrong password, disabled account, lockout after five failures (and its end), success; the seat is
shown; the launcher's sign-in step (the demo officer on a one-seat database without accounts, the
dialog once accounts exist); what a signed-in role may not do is not offered in the action bar.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from console.domain.roles import Role
from console.services.accounts import AccountService
from console.store import open_store
from console.views.login_dialog import LoginDialog

T0 = datetime(2026, 12, 6, 1, 0, tzinfo=UTC)  # 09:00 in the room (Asia/Shanghai)
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # tests need not be slow to crack


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def accounts(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'room.db'}")
    clock = Clock()
    service = AccountService(store, clock=clock, hasher=FAST)
    service.add("zhang", "张三", Role.OFFICER, "correct-horse")
    service.add("li", "李四", Role.SUPERVISOR, "battery-staple")
    service.set_disabled("li", True)
    yield service, clock
    store.close()


def _dialog(qtbot, service, login=None) -> LoginDialog:
    dlg = LoginDialog(service.authenticate, seat="seat-2", login=login, room="room.db")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def _type_and_press(qtbot, dlg: LoginDialog, login: str, password: str) -> None:
    dlg.login_edit.setText(login)
    dlg.password_edit.setText(password)
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)


def test_seat_is_shown_and_the_login_preselected(qtbot, accounts):
    service, _ = accounts
    dlg = _dialog(qtbot, service, login="zhang")
    assert dlg.seat_label.text() == "seat-2"
    assert dlg.login_edit.text() == "zhang"


def test_wrong_password_says_so_and_keeps_the_dialog_open(qtbot, accounts):
    service, _ = accounts
    dlg = _dialog(qtbot, service)
    _type_and_press(qtbot, dlg, "zhang", "wrong-password")
    assert dlg.error.text() == "密码错误"
    assert dlg.isVisible()
    assert dlg.account is None
    assert dlg.password_edit.text() == ""  # cleared for another try
    _type_and_press(qtbot, dlg, "nobody", "whatever")
    assert dlg.error.text() == "账号不存在"


def test_disabled_account_is_refused(qtbot, accounts):
    service, _ = accounts
    dlg = _dialog(qtbot, service)
    _type_and_press(qtbot, dlg, "li", "battery-staple")
    assert dlg.error.text().startswith("账号已停用")
    assert dlg.account is None


def test_five_failures_lock_the_account_for_five_minutes(qtbot, accounts):
    service, clock = accounts
    dlg = _dialog(qtbot, service)
    for _ in range(4):
        _type_and_press(qtbot, dlg, "zhang", "nope-nope")
        assert dlg.error.text() == "密码错误"
    _type_and_press(qtbot, dlg, "zhang", "nope-nope")
    assert dlg.error.text().startswith("账号已锁定至 09:05")
    _type_and_press(qtbot, dlg, "zhang", "correct-horse")  # locked whatever is typed
    assert dlg.error.text().startswith("账号已锁定至 09:05")
    assert dlg.account is None
    row = service.repo.get("zhang")
    assert row.locked_until == T0 + timedelta(minutes=5)
    clock.now = T0 + timedelta(minutes=5, seconds=1)
    with qtbot.waitSignal(dlg.accepted):
        _type_and_press(qtbot, dlg, "zhang", "correct-horse")
    assert service.repo.get("zhang").failed_attempts == 0


def test_success_signs_in(qtbot, accounts):
    service, _ = accounts
    dlg = _dialog(qtbot, service)
    with qtbot.waitSignal(dlg.accepted):
        _type_and_press(qtbot, dlg, "zhang", "correct-horse")
    assert dlg.account is not None
    assert (dlg.account.login, dlg.account.name, dlg.account.role) == ("zhang", "张三", Role.OFFICER)
    assert dlg.result() == QDialog.DialogCode.Accepted


def test_lockout_settings_are_read_from_the_database(accounts):
    service, clock = accounts
    service.store.settings.set("accounts.max_failures", 2)
    service.store.settings.set("accounts.lockout_minutes", 30)
    from console.services.accounts import LoginRefused

    with pytest.raises(LoginRefused, match="密码错误"):
        service.authenticate("zhang", "x")
    with pytest.raises(LoginRefused) as info:
        service.authenticate("zhang", "x")
    assert info.value.key == "locked"
    assert info.value.params["until_hm"] == "09:30"


# --------------------------------------------------------------------------- the launcher's step


def _core(tmp_path, **kw):
    from console.core import Core, Options

    return Core(Options(db=f"sqlite:///{tmp_path / 'seat.db'}", seat="seat-7", **kw))


def _escalates(core) -> bool:
    return any(ref() == core.escalation.on_breach for ref in core.bus._subs["sla_breach"])


def test_demo_database_without_accounts_signs_in_the_demo_officer(qtbot, tmp_path):
    from console.launch import sign_in

    core = _core(tmp_path)
    try:
        assert sign_in(core, core.options)
        assert core.account is not None
        assert core.account.login == "demo"
        assert core.account.role is Role.OFFICER
        assert core.decisions.who.account == "demo"
        assert _escalates(core)  # an officer's seat escalates breaches
        assert not core.accounts.has_accounts()  # the demo officer alone does not bring the dialog
    finally:
        core.close()


def test_a_database_with_accounts_asks_and_gates_the_action_bar(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from console.launch import sign_in

    core = _core(tmp_path, user="wall-1")
    core.accounts.hasher = FAST
    core.accounts.add("wall-1", "大屏一", Role.WALL, "wall-password")

    def answer() -> None:
        dlg = next(w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible())
        assert dlg.login_edit.text() == "wall-1"  # --user preselects
        dlg.password_edit.setText("wall-password")
        dlg.try_login()

    try:
        QTimer.singleShot(0, answer)
        assert sign_in(core, core.options)
        assert core.account.role is Role.WALL
        from console.qtmodels.selection import EventSelection
        from console.views.event_actions import EventActions

        bar = EventActions(core.escalation, core.decisions, core.district, core.tasks, officer=core.officer,
                           selection=EventSelection(core.room, core.bus))
        qtbot.addWidget(bar)
        assert not any(btn.isVisibleTo(bar) for btn in bar.buttons.values())
        assert bar.enabled_actions() == set()
    finally:
        core.close()


def test_a_trainer_on_a_live_room_gets_a_read_only_dispatch_panel(qtbot, tmp_path):
    from console.domain.event import utcnow
    from console.domain.roles import Account
    from console.views.dispatch_panel import DispatchPanel

    core = _core(tmp_path)
    try:
        core.sign_in(Account("zhao", "赵六", Role.TRAINER))
        assert not _escalates(core)  # a read-only seat leaves breaches to the seats that write
        panel = DispatchPanel(core.triage, core.district, core.tasks, decisions=core.decisions, clock=utcnow,
                              tz=core.district.info.timezone)
        qtbot.addWidget(panel)
        for btn in (panel.dispatch_btn, panel.file_btn, panel.reject_btn, panel.merge_btn, panel.accept_btn):
            assert not btn.isEnabled()
            assert "当前账号无权执行此操作" in btn.toolTip()
        assert not any(key.isEnabled() for keys in panel._keys.values() for key in keys)
        assert panel.close_btn.isEnabled()
    finally:
        core.close()


def test_a_room_database_a_release_behind_is_said_in_the_ui_language():
    from console.store.database import behind_message
    from console.views.startup_errors import startup_error_text

    text = startup_error_text("store", behind_message("postgresql+psycopg://room@10.1.2.3/grid", "0005_feed_log_id"))
    assert text.startswith("postgresql+psycopg://room@10.1.2.3/grid：机房数据库的结构（修订 0005_feed_log_id）比本指挥台")
    assert "python main.py db upgrade" in text


def test_a_shared_room_database_without_accounts_is_refused_at_start(monkeypatch, tmp_path):
    from console.core import StartupError
    from console.launch import sign_in

    core = _core(tmp_path)
    try:
        monkeypatch.setattr(core.store, "dialect", "postgresql")  # as a PostgreSQL room database would be
        with pytest.raises(StartupError) as info:
            sign_in(core, core.options)
        assert info.value.kind == "accounts"
        assert "python main.py users add" in info.value.detail
        assert core.account is None
    finally:
        core.close()
