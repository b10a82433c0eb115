"""The action bar for the selected event: 一键上报, 督办, 吹哨, 核查, 延期, 恢复, 重新打开 (issue 7).

Placed in the detail dock. It acts on the window's :class:`~console.qtmodels.selection.EventSelection`
(the event the detail view shows), read at the moment of the click: a step whose dialog is
still open when the selection moves to another event is not carried out. Buttons are enabled
only when the lifecycle allows the step for the event as it stands
(``console.domain.lifecycle.can_transition``); a disabled button's tooltip says why
(:func:`disabled_reasons`). Each step asks for what the service needs in a small non-blocking
dialog (note, departments, approver and end of a suspension), then calls the escalation service
or the decision service through ``run_task`` (the app's qasync task runner); the service's own error
text is shown when it refuses. After a step the selection stays on the decided event.
The widget never touches the store or the network.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from console.domain.district import District
from console.domain.escalation import Tier
from console.domain.event import Event, State
from console.domain.lifecycle import can_transition
from console.qtmodels.escalation_model import tier_labels
from console.qtmodels.labels import RED, state_labels
from console.qtmodels.refusals import refusal_text
from console.qtmodels.selection import EventSelection
from console.services.decisions import DecisionRefused, DecisionService
from console.services.escalation import EscalationService
from console.views.event_dialogs import FormDialog, NoteDialog, SuspendDialog, WhistleDialog

__all__ = ["ACTIONS", "EventActions", "NoteDialog", "SuspendDialog", "WhistleDialog", "available_actions",
           "disabled_reasons"]

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
RunTask = Callable[[Coroutine[Any, Any, Any]], "asyncio.Future[Any]"]
ACTIONS = ("escalate", "supervise", "whistle", "verify_pass", "verify_fail", "suspend", "resume", "reopen",
           "return_down")
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
        # 退回下级: a report from a street room (or a 12345 work order) sent back with instructions
        "return_down": bool(ev.extra.get("link_from")) and can_transition(s, State.REJECTED),
    }


def disabled_reasons(ev: Event | None, tier: Tier | None = None, *, gone: bool = False) -> dict[str, str]:
    """Why each step does not apply (the tooltip of a disabled button); steps that apply are absent.
    ``gone``: the event left the live room and its stored version is not known yet."""
    if ev is None or gone:
        why = translate("EventActions", "未选择事件") if ev is None else translate(
            "EventActions", "事件已离开实时队列，请在历史查询中重新打开")
        return dict.fromkeys(ACTIONS, why)
    allowed = available_actions(ev, tier)
    s = ev.state
    state = state_labels()[s]
    in_state = translate("EventActions", "事件当前为“%1”，").replace("%1", state)
    suspended = translate("EventActions", "事件已延期（挂起），请先恢复")
    verify = translate("EventActions", "仅已处置（待核查）的事件可以核查")
    reasons = {
        "escalate": translate("EventActions", "已在最高层级（区），无法继续上报") if tier is Tier.DISTRICT
        else in_state + translate("EventActions", "不能上报"),
        "supervise": suspended if s is State.SUSPENDED
        else translate("EventActions", "仅已派遣、已签收或到场处置的事件可以督办"),
        "whistle": suspended if s is State.SUSPENDED else in_state + translate("EventActions", "不能吹哨"),
        "verify_pass": verify,
        "verify_fail": verify,
        "suspend": in_state + translate("EventActions", "不能延期"),
        "resume": translate("EventActions", "仅延期（挂起）中的事件可以恢复"),
        "reopen": translate("EventActions", "仅已处置、已结案或不予立案的事件可以重新打开"),
        "return_down": in_state + translate("EventActions", "不能退回") if ev.extra.get("link_from")
        else translate("EventActions", "仅下级上报的事件（或12345工单）可以退回"),
    }
    return {name: why for name, why in reasons.items() if not allowed[name]}


def error_text(exc: BaseException) -> str:
    """The service's own words (a KeyError's message without the quotes)."""
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    if isinstance(exc, DecisionRefused):  # the decision's own words, in the UI language
        return refusal_text(exc)
    if isinstance(exc, ValueError):
        return str(exc)
    return translate("EventActions", "操作失败：%1").replace("%1", str(exc))


class EventActions(QWidget):
    """Compact action bar for the selected event (``selection``; its own one when none is given,
    set through ``set_event``)."""

    done = Signal(str, str)  # event id, action name (see ACTIONS)
    failed = Signal(str)  # the message shown
    outcome = Signal(str, str, object)  # event id, action name, the service's result (Event, Whistle, None)

    def __init__(self, escalation: EscalationService, decisions: DecisionService, district: District,
                 run_task: RunTask,
                 *, officer: str, clock: Callable[[], datetime] | None = None,
                 shortcut_context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
                 selection: EventSelection | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventActions")
        self.escalation = escalation
        self.decisions = decisions
        self.district = district
        self.run_task = run_task
        self.officer = officer
        self.clock = clock or decisions.clock
        self.tz = ZoneInfo(district.info.timezone)
        self.selection = selection if selection is not None else EventSelection(decisions.room, decisions.bus,
                                                                                     parent=self)
        self._shown_id: str | None = None
        self.busy = False
        self.dialog: QDialog | None = None
        self._on_ok: Callable[[], None] | None = None
        self.actions_by_name: dict[str, QAction] = {}
        self.buttons: dict[str, QToolButton] = {}
        self._tips: dict[str, str] = {}
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
            ("return_down", translate("EventActions", "退回下级"), "Ctrl+Shift+U", self.ask_return_down),
        ):
            act = QAction(text, self)
            act.setObjectName(f"action_{name}")
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(shortcut_context)
            self._tips[name] = f"{text} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})"
            act.setToolTip(self._tips[name])
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
        for name, btn in self.buttons.items():  # what the signed-in role may never do is not offered:
            offered = self.decisions.may(name)  # no button, no shortcut, not in the F1 sheet
            btn.setVisible(offered)
            self.actions_by_name[name].setVisible(offered)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.header)
        lay.addLayout(row)
        lay.addWidget(self.message)
        self.selection.changed.connect(self._selection_changed)
        self._selection_changed(self.selection.event)

    # ---- state -------------------------------------------------------------------------------------
    @property
    def current(self) -> Event | None:
        """The event the bar acts on: the selection's, as it stands now."""
        return self.selection.event

    @property
    def gone(self) -> bool:
        """The event left the live room (closed / rejected elsewhere) and its stored version is not
        known yet: nothing applies."""
        ev = self.selection.event
        return ev is not None and ev.is_open and not self.selection.is_live and not self.busy

    def set_event(self, event: Event | None) -> None:
        """Select ``event`` (in the selection this bar follows)."""
        self.selection.select(event)

    def _selection_changed(self, event: Event | None) -> None:
        eid = event.id if event is not None else None
        if eid != self._shown_id:
            self._shown_id = eid
            if not self.busy:
                self.message.clear()
        self._refresh()

    def _refresh(self) -> None:
        ev = self.current
        gone = self.gone
        tier = self.escalation.tier(ev) if ev is not None else None
        allowed = available_actions(None if gone else ev, tier)
        why = disabled_reasons(ev, tier, gone=gone)
        for name, act in self.actions_by_name.items():
            on = allowed[name] and not self.busy and self.decisions.may(name)
            act.setEnabled(on)
            reason = translate("EventActions", "处理中…") if self.busy else why.get(name)
            act.setToolTip(self._tips[name] if on or not reason else f"{self._tips[name]}\n{reason}")
        if ev is None:
            self.header.setText(translate("EventActions", "未选择事件"))
            return
        if gone:
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

    def _target(self, name: str) -> Event | None:
        """The selected event at the moment of the click, if ``name`` applies to it."""
        ev = self.current
        if ev is None or self.busy or not self.actions_by_name[name].isEnabled():
            return None
        return ev

    def _ask(self, name: str, dialog_for: Callable[[Event], FormDialog],
             call: Callable[[str, FormDialog], None]) -> None:
        ev = self._target(name)
        if ev is None:
            return
        d = dialog_for(ev)
        d.setWindowTitle(f"{d.windowTitle()} · {ev.title}")
        self._open(d, lambda: call(ev.id, d))

    def ask_escalate(self) -> None:
        self._ask("escalate", lambda ev: NoteDialog(translate("EventActions", "一键上报"),
                                                    translate("EventActions", "上报说明"), required=False, parent=self),
                  lambda eid, d: self._run("escalate", eid, lambda e: self.escalation.escalate(e, d.text())))

    def ask_supervise(self) -> None:
        self._ask("supervise", lambda ev: NoteDialog(translate("EventActions", "督办"),
                                                     translate("EventActions", "督办意见"), required=True, parent=self),
                  lambda eid, d: self._run("supervise", eid, lambda e: self.escalation.supervise(e, d.text())))

    def ask_whistle(self) -> None:
        self._ask("whistle", lambda ev: WhistleDialog(self.district, parent=self),
                  lambda eid, d: self._run("whistle", eid,
                                           lambda e: self.escalation.whistle(e, d.checked(), d.reason())))

    def verify_pass(self) -> None:
        ev = self._target("verify_pass")
        if ev is not None:
            self._run("verify_pass", ev.id, lambda e: self.decisions.verify(e, True, None))

    def ask_verify_fail(self) -> None:
        self._ask("verify_fail", lambda ev: NoteDialog(translate("EventActions", "核查不通过"),
                                                       translate("EventActions", "不通过原因"), required=True,
                                                       parent=self),
                  lambda eid, d: self._run("verify_fail", eid, lambda e: self.decisions.verify(e, False, d.text())))

    def ask_suspend(self) -> None:
        self._ask("suspend", lambda ev: SuspendDialog(self.clock(), self.tz, parent=self),
                  lambda eid, d: self._run("suspend", eid, lambda e: self.decisions.suspend(
                      e, d.until_utc(), d.approver.text().strip(), d.reason.text().strip())))

    def resume(self) -> None:
        ev = self._target("resume")
        if ev is not None:
            self._run("resume", ev.id, lambda e: self.decisions.resume(e, None))

    def ask_reopen(self) -> None:
        self._ask("reopen", lambda ev: NoteDialog(translate("EventActions", "重新打开"),
                                                  translate("EventActions", "重新打开原因"), required=True, parent=self),
                  lambda eid, d: self._run("reopen", eid, lambda e: self.decisions.reopen(e, d.text())))

    def ask_return_down(self) -> None:
        self._ask("return_down", lambda ev: NoteDialog(translate("EventActions", "退回下级"),
                                                       translate("EventActions", "处理意见"), required=True,
                                                       parent=self),
                  lambda eid, d: self._run("return_down", eid, lambda e: self.decisions.execute(
                      self.decisions.plan_link_return(e, d.text()))))

    # ---- running -----------------------------------------------------------------------------------
    def _run(self, name: str, event_id: str, step: Callable[[str], Coroutine[Any, Any, Any]]) -> None:
        """Carry out step ``name`` on ``event_id`` — only if it is still the selected event. ``step(id)``
        is the decision's coroutine (the commit runs off the GUI thread)."""
        ev = self.current
        if ev is None or ev.id != event_id:
            self._show_error(translate("EventActions", "所选事件已变化，操作未执行，请重新操作"))
            return
        if self.busy or not self.actions_by_name[name].isEnabled():
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
        # the selection stays on the decided event, now as the decision left it
        if isinstance(result, Event):
            self.selection.update(result)
        elif (live := self.decisions.room.get(event_id)) is not None:
            self.selection.update(live)
        self._refresh()
        if name == "escalate" and result is None:
            self.message.setText(translate("EventActions", "已在最高层级，无法继续上报"))
        else:
            self.message.setText(translate("EventActions", "已完成：%1").replace("%1", self.actions_by_name[name].text()))
        self.done.emit(event_id, name)
        self.outcome.emit(event_id, name, result)

    def _show_error(self, text: str) -> None:
        self.message.setText(f"<span style='color:{RED}'>{_esc(text)}</span>")
        self.failed.emit(text)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
