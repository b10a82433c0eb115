"""The small forms of the action bar's steps: a note, 吹哨 departments and reason, 延期 approval.

Each validates on OK and says what is missing in red instead of closing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDateTime, QModelIndex, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.domain.district import District
from console.qtmodels.labels import RED

translate = QCoreApplication.translate


class FormDialog(QDialog):
    """A small form dialog whose OK validates first and shows what is missing."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color:{RED}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.problem)
        lay.addWidget(buttons)

    def check(self) -> str | None:
        return None

    def accept(self) -> None:
        problem = self.check()
        if problem:
            self.problem.setText(problem)
            return
        super().accept()


class NoteDialog(FormDialog):
    def __init__(self, title: str, label: str, *, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.required = required
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.form.addRow(label, self.note)

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def check(self) -> str | None:
        return translate("EventActions", "请填写说明") if self.required and not self.text() else None


class WhistleDialog(FormDialog):
    """吹哨: choose the departments to summon (报到) and say why."""

    def __init__(self, district: District, parent: QWidget | None = None) -> None:
        super().__init__(translate("EventActions", "吹哨报到"), parent)
        self.departments = QListWidget()
        self.departments.setObjectName("whistleDepartments")
        for dept in district.departments.values():
            if dept.active:
                item = QListWidgetItem(dept.name)
                item.setData(Qt.ItemDataRole.UserRole, dept.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.departments.addItem(item)
        # a click on a department's name ticks it (a click on the box itself toggles it by itself)
        self._pressed: tuple[int, Qt.CheckState] | None = None
        self.departments.pressed.connect(self._name_pressed)
        self.departments.clicked.connect(self._name_clicked)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(70)
        self.form.addRow(translate("EventActions", "召集部门（可多选）"), self.departments)
        self.form.addRow(translate("EventActions", "事由"), self.note)

    def _name_pressed(self, index: QModelIndex) -> None:
        item = self.departments.item(index.row())
        self._pressed = (index.row(), item.checkState()) if item is not None else None

    def _name_clicked(self, index: QModelIndex) -> None:
        item = self.departments.item(index.row())
        pressed, self._pressed = self._pressed, None
        if item is None or pressed != (index.row(), item.checkState()):
            return  # the box itself was clicked: Qt toggled it already
        on = item.checkState() != Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_checked(self, dept_ids: list[str]) -> None:
        for i in range(self.departments.count()):
            item = self.departments.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in dept_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked(self) -> list[str]:
        items = (self.departments.item(i) for i in range(self.departments.count()))
        return [it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked]

    def reason(self) -> str:
        return self.note.toPlainText().strip()

    def check(self) -> str | None:
        if not self.checked():
            return translate("EventActions", "至少选择一个部门")
        if not self.reason():
            return translate("EventActions", "请填写吹哨事由")
        return None


class SuspendDialog(FormDialog):
    """延期: until when, approved by whom, why."""

    def __init__(self, now: datetime, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(translate("EventActions", "延期（挂起）"), parent)
        self.tz = tz
        self.until = QDateTimeEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.set_until(now + timedelta(days=1))
        self.approver = QLineEdit()
        self.approver.setPlaceholderText(translate("EventActions", "批准领导"))
        self.reason = QLineEdit()
        self.form.addRow(translate("EventActions", "延期至"), self.until)
        self.form.addRow(translate("EventActions", "批准人"), self.approver)
        self.form.addRow(translate("EventActions", "延期理由"), self.reason)

    def set_until(self, at: datetime) -> None:
        local = at.astimezone(self.tz).replace(tzinfo=None, second=0, microsecond=0)
        self.until.setDateTime(QDateTime(local.date(), local.time()))

    def until_utc(self) -> datetime:
        local: datetime = self.until.dateTime().toPython()
        return local.replace(tzinfo=self.tz).astimezone(UTC)

    def check(self) -> str | None:
        if not self.approver.text().strip():
            return translate("EventActions", "延期须填写批准人")
        if not self.reason.text().strip():
            return translate("EventActions", "请填写延期理由")
        return None
