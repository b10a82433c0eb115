"""The triage-and-dispatch panel (研判派遣): the officer's one-minute loop from the keyboard.

Common case, three keystrokes: ``N`` in the main window opens the newest undispatched event here,
``A`` accepts the suggestion (category, level, department, instruction), ``Enter`` dispatches.
Everything else is reachable by keyboard too: ``F`` file only (立案), ``R`` reject (不予立案, a reason
is required), ``D`` merge into the first likely duplicate, ``Esc`` close (releases the claim).

The panel never touches the store or the network: it calls the triage service passed in and
runs its coroutines through ``run_task`` (the app's qasync task runner).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.domain import categories
from console.domain.district import District
from console.domain.event import Event, Level
from console.qtmodels.labels import (
    category_choice_label,
    category_label,
    dispatch_countdown,
    language,
    level_labels,
    source_labels,
    state_labels,
)
from console.qtmodels.reasons import reason_text
from console.qtmodels.refusals import refusal_text
from console.services.decisions import DecisionRefused, DecisionService
from console.services.triage import Suggestion, TriageService
from console.views.keymap import add_key, leave_text_field
from console.widgets.check_list import CheckList

log = logging.getLogger(__name__)
RunTask = Callable[[Coroutine[Any, Any, Any]], "asyncio.Future[Any]"]


def tr(text: str) -> str:
    return QCoreApplication.translate("DispatchPanel", text)


class DispatchPanel(QDialog):
    """Non-modal panel; one event at a time."""

    dispatched = Signal(str)  # event id
    decided = Signal(str, str)  # event id, decision kind (filed/rejected/merged/dispatched)
    outcome = Signal(str, str, object)  # event id, decision kind, the service's result (the decided Event)
    failed = Signal(str)  # message shown

    def __init__(
        self,
        triage: TriageService,
        district: District,
        run_task: RunTask,
        *,
        decisions: DecisionService,
        clock: Callable[[], datetime],
        tz: str = "Asia/Shanghai",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchPanel")
        self.setWindowTitle(QCoreApplication.translate("DispatchPanel", "研判派遣"))
        self.triage = triage
        self.decisions = decisions
        self.district = district
        self.run_task = run_task
        self.clock = clock
        self.tz = ZoneInfo(tz)
        self.current: Event | None = None
        self.suggestion: Suggestion | None = None
        self.busy = False
        self._build()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_countdown)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        root = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("dispatchHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.countdown = QLabel()
        self.countdown.setObjectName("dispatchCountdown")
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.countdown)
        root.addLayout(top)

        self.suggest_label = QLabel()
        self.suggest_label.setObjectName("suggestion")
        self.suggest_label.setWordWrap(True)
        self.suggest_label.setTextFormat(Qt.TextFormat.RichText)
        root.addWidget(self.suggest_label)

        form = QFormLayout()
        self.category = QComboBox()
        for cats in categories.by_group().values():
            for cat in cats:
                self.category.addItem(category_choice_label(cat.code), cat.code)
        self.level = QComboBox()
        for lv, name in level_labels().items():
            self.level.addItem(name, lv.value)
        self.targets = CheckList()
        self.targets.setObjectName("dispatchTargets")
        self.targets.setMaximumHeight(150)
        self.instruction = QPlainTextEdit()
        self.instruction.setObjectName("dispatchInstruction")
        self.instruction.setMaximumHeight(70)
        self.instruction.setTabChangesFocus(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(QCoreApplication.translate("DispatchPanel", "不予立案理由：填写后按 Enter（或 Esc 再按 R）"))
        form.addRow(QCoreApplication.translate("DispatchPanel", "类别"), self.category)
        form.addRow(QCoreApplication.translate("DispatchPanel", "等级"), self.level)
        form.addRow(QCoreApplication.translate("DispatchPanel", "处置单位（可多选）"), self.targets)
        form.addRow(QCoreApplication.translate("DispatchPanel", "派遣指令"), self.instruction)
        form.addRow(QCoreApplication.translate("DispatchPanel", "理由"), self.reason)
        root.addLayout(form)

        self.message = QLabel()
        self.message.setObjectName("dispatchMessage")
        self.message.setWordWrap(True)
        root.addWidget(self.message)

        buttons = QHBoxLayout()
        self.accept_btn = QPushButton(QCoreApplication.translate("DispatchPanel", "采纳建议 (A)"))
        self.dispatch_btn = QPushButton(QCoreApplication.translate("DispatchPanel", "派遣 (Enter)"))
        self.file_btn = QPushButton(QCoreApplication.translate("DispatchPanel", "立案 (F)"))
        self.reject_btn = QPushButton(QCoreApplication.translate("DispatchPanel", "不予立案 (R)"))
        self.merge_btn = QPushButton(QCoreApplication.translate("DispatchPanel", "合并重复 (D)"))
        self.close_btn = QPushButton(QCoreApplication.translate("DispatchPanel", "关闭 (Esc)"))
        self.dispatch_btn.setDefault(True)
        for b, tip in (
            (self.accept_btn, QCoreApplication.translate("DispatchPanel", "采纳系统建议的类别、等级、责任单位和指令")),
            (self.dispatch_btn, QCoreApplication.translate("DispatchPanel", "按所选单位派遣并下发指令")),
            (self.file_btn, QCoreApplication.translate("DispatchPanel", "只立案，不派遣")),
            (self.reject_btn, QCoreApplication.translate("DispatchPanel", "无效或不属受理范围，需填写理由")),
            (self.merge_btn, QCoreApplication.translate("DispatchPanel", "合并到最可能的重复事件")),
            (self.close_btn, QCoreApplication.translate("DispatchPanel", "关闭并释放本席位的认领")),
        ):
            b.setToolTip(tip)
            b.setAutoDefault(b is self.dispatch_btn)  # Enter dispatches; Space presses a focused button
            buttons.addWidget(b)
        root.addLayout(buttons)
        self.accept_btn.clicked.connect(self.accept_suggestion)
        self.dispatch_btn.clicked.connect(self.confirm_dispatch)
        self.file_btn.clicked.connect(self.file_only)
        self.reject_btn.clicked.connect(self.reject_event)
        self.merge_btn.clicked.connect(self.merge_duplicate)
        self.close_btn.clicked.connect(self.reject)
        # window-wide keys (see console.views.keymap): letters type into the text fields instead
        translate = QCoreApplication.translate
        self._keys = {  # step → its keys (disabled with the step for a role that may not take it)
            "dispatch": [
                add_key(self, "A", self.accept_suggestion, translate("CheatSheet", "采纳系统建议（类别、等级、责任单位、指令）")),
                add_key(self, ["Return", "Enter"], self._enter, translate("CheatSheet", "确认派遣")),
                add_key(self, "Ctrl+Return", self.confirm_dispatch, translate("CheatSheet", "确认派遣（在指令框中也可用）")),
                *[add_key(self, str(n), lambda n=n: self.choose_candidate(n - 1),
                          translate("CheatSheet", "需人工研判时：采用第 %1 个候选").replace("%1", str(n)))
                  for n in (1, 2, 3)],
            ],
            "file": [add_key(self, "F", self.file_only, translate("CheatSheet", "只立案，不派遣"))],
            "reject": [add_key(self, "R", self.reject_event, translate("CheatSheet", "不予立案（需填写理由）"))],
            "merge": [add_key(self, "D", self.merge_duplicate, translate("CheatSheet", "合并到疑似重复事件"))],
        }
        add_key(self, "Esc", self._escape, translate("CheatSheet", "关闭研判面板并释放认领"))
        self._apply_role()
        self.resize(720, 560)

    def _apply_role(self) -> None:
        """Disable the steps the signed-in role may not take (the decision service refuses them anyway)."""
        no_right = QCoreApplication.translate("DispatchPanel", "当前账号无权执行此操作")
        for btn, kind in ((self.accept_btn, "dispatch"), (self.dispatch_btn, "dispatch"), (self.file_btn, "file"),
                          (self.reject_btn, "reject"), (self.merge_btn, "merge")):
            if not self.decisions.may(kind):
                btn.setEnabled(False)
                btn.setToolTip(f"{btn.toolTip()}\n{no_right}")
        for kind, keys in self._keys.items():
            for key in keys:
                key.setEnabled(self.decisions.may(kind))

    # ------------------------------------------------------------------ open
    def open_event(self, event: Event) -> None:
        previous = self.current
        if previous is not None and previous.id != event.id:
            self.run_task(self.decisions.release(previous.id))  # the panel holds one event at a time
        self.current = event
        self.message.clear()
        self.reason.clear()
        self.instruction.clear()
        try:
            self.suggestion = self.triage.suggest(event.id)
        except DecisionRefused as exc:
            self.suggestion = None
            self._show_error(refusal_text(exc))
        self._fill_header(event)
        self._fill_targets(event)
        self._fill_suggestion()
        idx = self.category.findData(event.category)
        self.category.setCurrentIndex(max(idx, 0) if idx >= 0 else -1)
        self.level.setCurrentIndex(self.level.findData(event.level.value))
        self._update_countdown()
        self._tick.start()
        self.show()
        self.raise_()
        self.activateWindow()
        self.dispatch_btn.setFocus()
        self.run_task(self._claim(event.id))

    async def _claim(self, event_id: str) -> None:
        if not self.decisions.may("claim"):  # a read-only seat looks without claiming
            return
        try:
            holder = await self.decisions.claim(event_id)
        except Exception as exc:  # database trouble must not break the panel
            log.warning("claim of %s failed: %s", event_id, exc)
            return
        if holder is not None and self.current is not None and self.current.id == event_id:
            self._show_error(QCoreApplication.translate("DispatchPanel", "注意：该事件正在由 %1 处理").replace("%1", holder))

    def _fill_header(self, ev: Event) -> None:
        path = " › ".join(g.name for g in self.district.path(ev.grid_id)) if ev.grid_id in self.district.grids else QCoreApplication.translate("DispatchPanel", "网格待定")
        when = ev.reported_at.astimezone(self.tz).strftime("%H:%M:%S")
        self.header.setText(
            f"<b>[{level_labels()[ev.level]}] {_esc(ev.title)}</b><br>"
            f"{source_labels()[ev.source]} · {state_labels()[ev.state]} · {when} · {_esc(path)}"
            + (f"<br>{_esc(ev.location.address)}" if ev.location and ev.location.address else "")
        )

    def _fill_targets(self, ev: Event) -> None:
        self.targets.clear()
        s = self.suggestion
        if s is not None and s.nearby:  # on-duty workers nearest by walking time first, with distance and time
            for w in s.nearby[:3]:
                self.targets.add_row(walking_label(w.member.name, w.distance_m, w.minutes), w.member.id)
        for dept in self.district.departments.values():
            if dept.active:
                self.targets.add_row(dept.name, dept.id)
        if s is not None and not s.nearby and s.assignee_id:
            self.targets.add_row(
                QCoreApplication.translate("DispatchPanel", "网格员：%1").replace("%1", s.assignee_name or s.assignee_id),
                s.assignee_id,
            )

    def _fill_suggestion(self) -> None:
        s = self.suggestion
        if s is None:
            self.suggest_label.setText(QCoreApplication.translate("DispatchPanel", "无系统建议"))
            return
        lines = []
        if s.abstain:
            lines.append("<span style='color:#ffb347;font-weight:bold'>"
                         + _esc(QCoreApplication.translate("DispatchPanel", "需人工研判")) + "</span>")
            for i, (_code, name, dept_id, p) in enumerate(s.top3, 1):
                dept = self.district.department(dept_id)
                lines.append(QCoreApplication.translate("DispatchPanel", "候选 %1：<b>%2</b> → %3（%4）")
                             .replace("%1", str(i)).replace("%2", _esc(name))
                             .replace("%3", _esc(dept.name if dept else dept_id)).replace("%4", f"{p:.0%}"))
        elif s.matter_name:
            lines.append(QCoreApplication.translate("DispatchPanel", "事项：<b>%1</b>（置信度 %2）")
                         .replace("%1", _esc(s.matter_name)).replace("%2", f"{(s.confidence or 0):.0%}"))
        lines += [
            QCoreApplication.translate("DispatchPanel", "建议类别：<b>%1</b>（%2）").replace("%1", _esc(category_label(s.category))).replace("%2", _esc(reason_text(s.category_reason))),
            QCoreApplication.translate("DispatchPanel", "建议等级：<b>%1</b>").replace("%1", level_labels()[s.level]),
            QCoreApplication.translate("DispatchPanel", "责任单位：<b>%1</b>（%2）").replace("%1", s.department_name or "—").replace("%2", _esc(reason_text(s.department_reason))),
            QCoreApplication.translate("DispatchPanel", "在岗网格员：%1").replace("%1", _esc(reason_text(s.assignee_reason))),
        ]
        if s.nearby:
            near = ("；" if language().startswith("zh") else "; ").join(walking_text(w.member.name, w.distance_m, w.minutes) for w in s.nearby[:3])
            lines.append(QCoreApplication.translate("DispatchPanel", "附近在岗：%1").replace("%1", _esc(near)))
        if s.in_time is False:
            lines.append("<span style='color:#ff6b6b'><b>" + _esc(QCoreApplication.translate(
                "DispatchPanel", "警告：30分钟内无在岗网格员可步行到达")) + "</b></span>")
        if s.duplicates:
            first = s.duplicates[0]
            lines.append(QCoreApplication.translate("DispatchPanel", "疑似重复：<b>%1</b>（%2）").replace("%1", first[0]).replace("%2", _esc(reason_text(first[2]))))
        self.suggest_label.setText("<br>".join(lines))

    def _update_countdown(self) -> None:
        ev = self.current
        if ev is None:
            return
        since = ev.received_at or ev.reported_at
        text, colour = dispatch_countdown(int((self.clock() - since).total_seconds()))
        self.countdown.setText(f"<span style='color:{colour};font-size:20px'>{_esc(text)}</span>")

    # ------------------------------------------------------------------ decisions
    def selected_targets(self) -> list[str]:
        return [str(t) for t in self.targets.checked()]

    def accept_suggestion(self) -> None:
        s, ev = self.suggestion, self.current
        if s is None or ev is None:
            return
        idx = self.category.findData(s.category)
        if idx >= 0:
            self.category.setCurrentIndex(idx)
        self.level.setCurrentIndex(self.level.findData(s.level.value))
        self.targets.set_checked(s.targets)
        ticked = [r for r in self.targets.rows() if r.checkState() == Qt.CheckState.Checked]
        if ticked:
            self.targets.scrollToItem(ticked[0])
        where = ev.location.address if ev.location and ev.location.address else (
            self.district.grids[ev.grid_id].name if ev.grid_id in self.district.grids else "")
        text = QCoreApplication.translate("DispatchPanel", "请及时到场核实处置：%1").replace("%1", ev.title)
        if where:
            text += QCoreApplication.translate("DispatchPanel", "（地点：%1）").replace("%1", where)
        self.instruction.setPlainText(text)
        self.dispatch_btn.setFocus()

    def choose_candidate(self, index: int) -> None:
        """Keys 1/2/3: take candidate ``index`` of the top 3 (its category and department)."""
        s, ev = self.suggestion, self.current
        if s is None or ev is None or index >= len(s.top3) or self.triage.engine is None:
            return
        code, _name, dept_id, _p = s.top3[index]
        m = self.triage.engine.lst.matter(code)
        self.accept_suggestion()
        if m is not None:
            idx = self.category.findData(m.category)
            if idx >= 0:
                self.category.setCurrentIndex(idx)
        dept = self.district.department(dept_id)
        self.targets.set_checked([dept_id] if dept is not None and dept.active else [])
        self.dispatch_btn.setFocus()

    def _run(self, coro: Coroutine[Any, Any, Any], kind: str) -> None:
        if self.busy or self.current is None:
            coro.close()
            return
        self.busy = True
        self.message.setText(QCoreApplication.translate("DispatchPanel", "处理中…"))
        event_id = self.current.id
        fut = self.run_task(coro)
        fut.add_done_callback(lambda f: self._done(f, event_id, kind))

    def _done(self, fut: asyncio.Future, event_id: str, kind: str) -> None:
        self.busy = False
        exc = fut.exception() if not fut.cancelled() else None
        if exc is not None:
            msg = refusal_text(exc) if isinstance(exc, DecisionRefused) else QCoreApplication.translate("DispatchPanel", "操作失败：%1").replace("%1", str(exc))
            if not isinstance(exc, DecisionRefused):
                log.error("%s of %s failed", kind, event_id, exc_info=exc)
            self._show_error(msg)
            return
        self.message.setText(QCoreApplication.translate("DispatchPanel", "已完成"))
        self.decided.emit(event_id, kind)
        self.outcome.emit(event_id, kind, None if fut.cancelled() else fut.result())
        if kind == "dispatched":
            learn = getattr(self, "_learn", None)
            if learn is not None and learn[0] == event_id:
                self.run_task(self.triage.learn_async(*learn))
            self.dispatched.emit(event_id)
        self.current = None
        self._tick.stop()
        self.hide()
        self._return_focus()

    def _return_focus(self) -> None:
        """Hand the keyboard back to the main window, so ``N`` opens the next event at once."""
        parent = self.parentWidget()
        if parent is not None:
            parent.activateWindow()
            parent.raise_()

    def confirm_dispatch(self) -> None:
        ev = self.current
        if ev is None:
            return
        level = Level(self.level.currentData()) if self.level.currentData() else None
        self._learn = (ev.id, self.selected_targets(), self.category.currentData())
        self._run(
            self.decisions.dispatch(ev.id, self.selected_targets(), self.instruction.toPlainText(),
                                    category=self.category.currentData(), level=level),
            "dispatched",
        )

    def file_only(self) -> None:
        ev = self.current
        if ev is None:
            return
        code = self.category.currentData()
        if not code:
            self._show_error(QCoreApplication.translate("DispatchPanel", "请先选择事件类别"))
            return
        self._run(self.decisions.file(ev.id, code, Level(self.level.currentData())), "filed")

    def reject_event(self) -> None:
        ev = self.current
        if ev is None:
            return
        if not self.reason.text().strip():
            self.reason.setFocus()
            self._show_error(QCoreApplication.translate("DispatchPanel", "不予立案必须填写理由"))
            return
        self._run(self.decisions.reject(ev.id, self.reason.text()), "rejected")

    def merge_duplicate(self) -> None:
        ev, s = self.current, self.suggestion
        if ev is None:
            return
        if s is None or not s.duplicates:
            self._show_error(QCoreApplication.translate("DispatchPanel", "没有疑似重复事件"))
            return
        self._run(self.decisions.merge(ev.id, s.duplicates[0][0]), "merged")

    def _show_error(self, text: str) -> None:
        self.message.setText(f"<span style='color:#ff6b6b'>{_esc(text)}</span>")
        self.failed.emit(text)

    # ------------------------------------------------------------------ keys and closing
    def _enter(self) -> None:
        """Enter: dispatch — in the reason field it rejects with that reason instead, and on a
        focused button other than 派遣 it presses that button."""
        focus = self.focusWidget()
        if focus is self.reason:
            self.reject_event()
        elif isinstance(focus, QAbstractButton) and focus is not self.dispatch_btn:
            focus.click()
        else:
            self.confirm_dispatch()

    def _escape(self) -> None:
        """Esc: leave a text field first; otherwise close the panel (releasing the claim)."""
        if not leave_text_field(self, self.dispatch_btn):
            self.reject()

    def reject(self) -> None:
        """Close without a decision (Esc, 关闭, the window's close button): stop the countdown,
        release this seat's claim, hide, and give the keyboard back to the main window.

        ``QDialog.closeEvent`` calls ``reject()`` while the panel is visible, so every way of
        closing ends here exactly once (a ``reject()`` calling ``close()`` would be ignored)."""
        self._tick.stop()
        if self.current is not None:
            self.run_task(self.decisions.release(self.current.id))
            self.current = None
        super().reject()
        self._return_focus()

def walking_text(name: str, distance_m: float, minutes: int) -> str:
    """"张三 420米 · 步行约8分钟" (distance as the crow flies; time along the streets)."""
    return (QCoreApplication.translate("DispatchPanel", "%1 %2米 · 步行约%3分钟")
            .replace("%1", name).replace("%2", f"{distance_m:.0f}").replace("%3", str(minutes)))


def walking_label(name: str, distance_m: float, minutes: int) -> str:
    return QCoreApplication.translate("DispatchPanel", "网格员：%1").replace("%1", walking_text(name, distance_m, minutes))


def _esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
