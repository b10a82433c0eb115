"""登录: the sign-in dialog shown before the main window (issue 14).

It shows the seat it signs in at, asks for the login and the password, and calls the account
service's ``authenticate(login, password)`` (it never touches the database itself). A refusal is
shown in words in the UI language — 密码错误 / 账号已停用 / 账号已锁定至 HH:MM / 账号不存在 — and the
password field is cleared for another try; on success ``account`` holds the signed-in
:class:`~console.domain.roles.Account` and the dialog is accepted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.domain.roles import Account, Role

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def role_labels() -> dict[Role, str]:
    return {
        Role.OFFICER: translate("Roles", "值班员"),
        Role.SUPERVISOR: translate("Roles", "值班长"),
        Role.TRAINER: translate("Roles", "培训员"),
        Role.WALL: translate("Roles", "大屏"),
    }


def account_label(account: Account) -> str:
    """"张三（值班员）" in the UI language."""
    return translate("Roles", "%1（%2）").replace("%1", account.name).replace("%2", role_labels()[account.role])


def login_refusal_text(error: BaseException) -> str:
    """A refused sign-in (``console.services.accounts.LoginRefused``) in the UI language."""
    key = getattr(error, "key", None)
    params: dict[str, Any] = getattr(error, "params", None) or {}
    if key == "wrong_password":
        return translate("LoginDialog", "密码错误")
    if key == "disabled":
        return translate("LoginDialog", "账号已停用，请联系值班长")
    if key == "locked":
        return translate("LoginDialog", "账号已锁定至 %1（连续输错密码），请稍后再试").replace(
            "%1", str(params.get("until_hm", "")))
    if key == "unknown":
        return translate("LoginDialog", "账号不存在")
    if key == "no_accounts":
        return translate("LoginDialog", "该数据库中还没有账号，请先用 python main.py users add 创建")
    return str(error)


class LoginDialog(QDialog):
    """Login and password for ``seat``; ``authenticate(login, password) -> Account`` raises a refusal."""

    def __init__(self, authenticate: Callable[[str, str], Account], *, seat: str, login: str | None = None,
                 room: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(translate("LoginDialog", "网格治理指挥台 — 登录"))
        self.setModal(True)
        self._authenticate = authenticate
        self.account: Account | None = None
        title = QLabel(translate("LoginDialog", "网格治理指挥台"))
        title.setObjectName("loginTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seat_label = QLabel(seat)
        self.seat_label.setObjectName("loginSeat")
        self.login_edit = QLineEdit(login or "")
        self.login_edit.setObjectName("loginName")
        self.login_edit.setPlaceholderText(translate("LoginDialog", "账号"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(translate("LoginDialog", "密码"))
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d9363e; font-weight: bold;")
        form = QFormLayout()
        form.addRow(translate("LoginDialog", "席位："), self.seat_label)
        if room:
            room_label = QLabel(room)
            room_label.setObjectName("loginRoom")
            form.addRow(translate("LoginDialog", "数据库："), room_label)
        form.addRow(translate("LoginDialog", "账号："), self.login_edit)
        form.addRow(translate("LoginDialog", "密码："), self.password_edit)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(translate("LoginDialog", "登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("loginOk")
        self.ok_button.setDefault(True)
        quit_button = self.buttons.addButton(translate("LoginDialog", "退出"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("loginQuit")
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.setSpacing(12)
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password_edit if login else self.login_edit).setFocus()

    def try_login(self) -> bool:
        """Check the login and password; accept on success, else show why. Returns whether signed in."""
        login = self.login_edit.text().strip()
        if not login:
            self.show_error(translate("LoginDialog", "请输入账号"))
            self.login_edit.setFocus()
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            account = self._authenticate(login, self.password_edit.text())
        except Exception as exc:  # a refusal (LoginRefused) or the database failing: said, never raised
            if getattr(exc, "key", None) is None:
                log.error("sign-in of %s failed: %s", login, exc)
            self.show_error(login_refusal_text(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.account = account
        self.error.clear()
        self.accept()
        return True

    def show_error(self, text: str) -> None:
        self.error.setText(text)
