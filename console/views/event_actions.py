"""The action bar for the selected event: 一键上报, 督办, 吹哨, 核查, 延期, 恢复, 重新打开 (issue 7).

Placed in the detail dock. Buttons are enabled only when the lifecycle allows the step for the
event as it stands (``console.domain.lifecycle.can_transition``). Each step asks for what the
service needs in a small non-blocking dialog (note, departments, approver and end of a
suspension), then calls the escalation service or the closed loop through ``run_task`` (the
app's qasync task runner); the service's own error text is shown when it refuses.
The widget never touches the store or the network.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.district import District
from console.domain.escalation import Tier
from console.domain.event import Event, State
from console.domain.lifecycle import can_transition
from console.qtmodels.escalation_model import tier_labels
from console.qtmodels.labels import RED, state_labels
from console.services.decisions import DecisionRefused, DecisionService
from console.services.escalation import EscalationService

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
RunTask = Callable[[Coroutine[Any, Any, Any]], "asyncio.Future[Any]"]
ACTIONS = ("escalate", "supervise", "whistle", "verify_pass", "verify_fail", "suspend", "resume", "reopen")
_WORKING = frozenset({State.DISPATCHED, State.ACCEPTED, State.ON_SCENE})



def available_actions(ev: Event | None, tier: Tier | None = None) -> dict[str, bool]:
    """Which steps apply to the event as it stands (lifecycle rules; top tier cannot escalate)."""
    if ev is None:
        return dict.fromkeys(ACTIONS, False)
    s = ev.state
    live = ev.is_open and s is not State.SUSPENDED
    return {
        "escalate": (can_transition(s, State.ESCALATED) or s is State.ESCALATED) and tier is not Tier.DISTRICT,
        "supervise": live and bool(ev.assignees) and s in _WORKING,
        "whistle": live and s not in (State.RESOLVED, State.VERIFIED),
        "verify_pass": s is State.RESOLVED and can_transition(s, State.VERIFIED),
        "verify_fail": s is State.RESOLVED and can_transition(s, State.DISPATCHED),
        "suspend": can_transition(s, State.SUSPENDED),
        "resume": s is State.SUSPENDED,
        "reopen": can_transition(s, State.REOPENED),
    }


def error_text(exc: BaseException) -> str:
    """The service's own words (a KeyError's message without the quotes)."""
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    if isinstance(exc, DecisionRefused | ValueError):  # the decision's own words
        return str(exc)
    return translate("EventActions", "操作失败：%1").replace("%1", str(exc))


class _FormDialog(QDialog):
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


class NoteDialog(_FormDialog):
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


class WhistleDialog(_FormDialog):
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
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(70)
        self.form.addRow(translate("EventActions", "召集部门（可多选）"), self.departments)
        self.form.addRow(translate("EventActions", "事由"), self.note)

    def set_checked(self, dept_ids: list[str]) -> None:
        for i in range(self.departments.count()):
            item = self.departments.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in dept_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked(self) -> list[str]:
        items = (self.departments.item(i) for i in range(self.departments.count()))
        return [it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked]

    def check(self) -> str | None:
        return translate("EventActions", "至少选择一个部门") if not self.checked() else None


class SuspendDialog(_FormDialog):
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


class EventActions(QWidget):
    """Compact action bar for one event; ``set_event(event | None)``."""

    done = Signal(str, str)  # event id, action name (see ACTIONS)
    failed = Signal(str)  # the message shown

    def __init__(self, escalation: EscalationService, decisions: DecisionService, district: District,
                 run_task: RunTask,
                 *, officer: str, clock: Callable[[], datetime] | None = None,
                 shortcut_context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventActions")
        self.escalation = escalation
        self.decisions = decisions
        self.district = district
        self.run_task = run_task
        self.officer = officer
        self.clock = clock or decisions.clock
        self.tz = ZoneInfo(district.info.timezone)
        self.current: Event | None = None
        self.gone = False  # the event left the live room (closed / rejected elsewhere): nothing applies
        self.busy = False
        self.dialog: QDialog | None = None
        self._on_ok: Callable[[], None] | None = None
        self.actions_by_name: dict[str, QAction] = {}
        self.buttons: dict[str, QToolButton] = {}
        self.header = QLabel()
        self.header.setObjectName("eventActionsHeader")
        self.message = QLabel()
        self.message.setObjectName("eventActionsMessage")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for name, text, key, slot in (
            ("escalate", translate("EventActions", "一键上报"), "Ctrl+U", self.ask_escalate),
            ("supervise", translate("EventActions", "督办"), "Ctrl+S", self.ask_supervise),
            ("whistle", translate("EventActions", "吹哨"), "Ctrl+W", self.ask_whistle),
            ("verify_pass", translate("EventActions", "核查通过"), "Ctrl+P", self.verify_pass),
            ("verify_fail", translate("EventActions", "核查不通过"), "Ctrl+Shift+P", self.ask_verify_fail),
            ("suspend", translate("EventActions", "延期"), "Ctrl+Shift+S", self.ask_suspend),
            ("resume", translate("EventActions", "恢复"), "Ctrl+Shift+R", self.resume),
            ("reopen", translate("EventActions", "重新打开"), "Ctrl+Shift+O", self.ask_reopen),
        ):
            act = QAction(text, self)
            act.setObjectName(f"action_{name}")
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(shortcut_context)
            act.setToolTip(f"{text} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
            act.triggered.connect(slot)
            self.addAction(act)
            btn = QToolButton()
            btn.setObjectName(f"btn_{name}")
            btn.setDefaultAction(act)
            btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(btn)
            self.actions_by_name[name] = act
            self.buttons[name] = btn
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.header)
        lay.addLayout(row)
        lay.addWidget(self.message)
        for name in ("events_changed", "events_added"):
            decisions.bus.subscribe(name, self.on_event_events_changed)
        decisions.bus.subscribe("events_removed", self.on_event_events_removed)
        self.set_event(None)

    # ---- state -------------------------------------------------------------------------------------
    def set_event(self, event: Event | None) -> None:
        changed = event is None or self.current is None or event.id != self.current.id
        self.current = event
        self.gone = False
        if changed:
            self.message.clear()
        self._refresh()

    def on_event_events_changed(self, events: list[Event]) -> None:
        if self.current is None:
            return
        for ev in events:
            if ev.id == self.current.id:
                self.current = ev
                self._refresh()

    def on_event_events_removed(self, ids: list[str]) -> None:
        if self.current is not None and self.current.id in ids and not self.busy:
            self.gone = True
            self._refresh()

    def _refresh(self) -> None:
        ev = self.current
        tier = self.escalation.tier(ev) if ev is not None else None
        allowed = available_actions(None if self.gone else ev, tier)
        for name, act in self.actions_by_name.items():
            act.setEnabled(allowed[name] and not self.busy)
        if ev is None:
            self.header.setText(translate("EventActions", "未选择事件"))
            return
        if self.gone:
            self.header.setText(translate("EventActions", "%1 · 已离开实时队列（已结案或不予立案）").replace("%1", ev.title))
            return
        text = f"{ev.title} · {state_labels()[ev.state]} · {tier_labels()[tier or Tier.MICRO_GRID]}"
        if ev.supervised:
            text += " · " + translate("EventActions", "督办中")
        self.header.setText(text)

    def enabled_actions(self) -> set[str]:
        return {n for n, a in self.actions_by_name.items() if a.isEnabled()}

    # ---- dialogs -----------------------------------------------------------------------------------
    def _open(self, dialog: QDialog, on_ok: Callable[[], None]) -> QDialog:
        """Show ``dialog`` window-modal without blocking; ``on_ok`` runs when it is accepted."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        self._on_ok = on_ok
        dialog.accepted.connect(self._dialog_accepted)
        dialog.open()
        return dialog

    def _dialog_accepted(self) -> None:
        on_ok, self._on_ok = self._on_ok, None
        if on_ok is not None:
            on_ok()

    def ask_escalate(self) -> None:
        d = NoteDialog(translate("EventActions", "一键上报"), translate("EventActions", "上报说明"),
                       required=False, parent=self)
        self._open(d, lambda: self._run("escalate", lambda eid: self.escalation.escalate(eid, d.text())))

    def ask_supervise(self) -> None:
        d = NoteDialog(translate("EventActions", "督办"), translate("EventActions", "督办意见"), required=True, parent=self)
        self._open(d, lambda: self._run("supervise", lambda eid: self.escalation.supervise(eid, d.text())))

    def ask_whistle(self) -> None:
        d = WhistleDialog(self.district, parent=self)
        self._open(d, lambda: self._run("whistle", lambda eid: self.escalation.whistle(
            eid, d.checked(), d.note.toPlainText().strip())))

    def verify_pass(self) -> None:
        self._run("verify_pass", lambda eid: self.decisions.verify(eid, True, None))

    def ask_verify_fail(self) -> None:
        d = NoteDialog(translate("EventActions", "核查不通过"), translate("EventActions", "不通过原因"),
                       required=True, parent=self)
        self._open(d, lambda: self._run("verify_fail", lambda eid: self.decisions.verify(eid, False, d.text())))

    def ask_suspend(self) -> None:
        d = SuspendDialog(self.clock(), self.tz, parent=self)
        self._open(d, lambda: self._run("suspend", lambda eid: self.decisions.suspend(
            eid, d.until_utc(), d.approver.text().strip(), d.reason.text().strip())))

    def resume(self) -> None:
        self._run("resume", lambda eid: self.decisions.resume(eid, None))

    def ask_reopen(self) -> None:
        d = NoteDialog(translate("EventActions", "重新打开"), translate("EventActions", "重新打开原因"),
                       required=True, parent=self)
        self._open(d, lambda: self._run("reopen", lambda eid: self.decisions.reopen(eid, d.text())))

    # ---- running -----------------------------------------------------------------------------------
    def _run(self, name: str, step: Callable[[str], Coroutine[Any, Any, Any]]) -> None:
        """Run ``step(event_id)`` (a decision coroutine) for the event shown, off the GUI thread."""
        ev = self.current
        if ev is None or self.busy or not self.actions_by_name[name].isEnabled():
            return
        self.busy = True
        self._refresh()
        self.message.setText(translate("EventActions", "处理中…"))
        fut = self.run_task(step(ev.id))
        fut.add_done_callback(partial(self._done, name, ev.id))

    def _done(self, name: str, event_id: str, fut: asyncio.Future[Any]) -> None:
        self.busy = False
        exc = fut.exception() if not fut.cancelled() else None
        if fut.cancelled() or exc is not None:
            msg = error_text(exc) if exc is not None else translate("EventActions", "操作已取消")
            if exc is not None and not isinstance(exc, KeyError | ValueError | DecisionRefused):
                log.error("%s of %s failed", name, event_id, exc_info=exc)
            self._refresh()
            self._show_error(msg)
            return
        result = fut.result()
        if self.current is not None and self.current.id == event_id:
            if isinstance(result, Event):
                self.current = result
            else:
                self.current = self.decisions.room.get(event_id) or self.current
        self._refresh()
        if name == "escalate" and result is None:
            self.message.setText(translate("EventActions", "已在最高层级，无法继续上报"))
        else:
            self.message.setText(translate("EventActions", "已完成：%1").replace("%1", self.actions_by_name[name].text()))
        self.done.emit(event_id, name)

    def _show_error(self, text: str) -> None:
        self.message.setText(f"<span style='color:{RED}'>{_esc(text)}</span>")
        self.failed.emit(text)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
