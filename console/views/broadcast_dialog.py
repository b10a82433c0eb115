"""一键下达: send one instruction down to every grid (or a checked subset) and follow the roll call.

Page one: the instruction, 全部网格 or 指定网格 from a checkable tree of the district. On 下达 the
dialog calls ``EscalationService.broadcast`` through ``run_task`` and turns to page two: the roll
call — per grid the acknowledgement time or a red 未回应 — with 向未回应网格重发 calling
``resend_to_silent``. It follows ``broadcast_acknowledged`` / ``broadcast_resent`` /
``broadcast_overdue`` on the bus. ``open_broadcast(id)`` shows the roll call of an earlier one.
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
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.domain.district import District
from console.domain.escalation import Broadcast
from console.qtmodels.escalation_model import RollCallModel
from console.qtmodels.labels import RED
from console.services.escalation import EscalationService
from console.views.event_actions import error_text

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
RunTask = Callable[[Coroutine[Any, Any, Any]], "asyncio.Future[Any]"]
GridIdRole = Qt.ItemDataRole.UserRole




async def call_sync(fn: Callable[..., Any], *args: Any) -> Any:
    """Broadcast records are kept in memory (their log entries go through the decision path): run the
    step on the loop like any other task."""
    return fn(*args)


class BroadcastDialog(QDialog):
    sent = Signal(str)  # broadcast id
    resent = Signal(str, list)  # broadcast id, grid ids
    failed = Signal(str)  # the message shown

    def __init__(self, escalation: EscalationService, district: District, run_task: RunTask, *, officer: str,
                 clock: Callable[[], datetime] | None = None, event_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("broadcastDialog")
        self.setWindowTitle(translate("BroadcastDialog", "一键下达"))
        self.escalation = escalation
        self.district = district
        self.run_task = run_task
        self.officer = officer
        self.event_id = event_id
        self.clock = clock or escalation.clock.now
        self.tz = ZoneInfo(district.info.timezone)
        self.broadcast: Broadcast | None = None
        self.roll_model: RollCallModel | None = None
        self.busy = False
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._compose_page())
        self.pages.addWidget(self._roll_call_page())
        self.message = QLabel()
        self.message.setObjectName("broadcastMessage")
        self.message.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages)
        lay.addWidget(self.message)
        bus = escalation.bus
        bus.subscribe("broadcast_acknowledged", self.on_event_broadcast_changed)
        bus.subscribe("broadcast_resent", self.on_event_broadcast_changed)
        bus.subscribe("broadcast_overdue", self.on_event_broadcast_changed)
        self.resize(640, 620)

    # ---- page 1: compose ---------------------------------------------------------------------------
    def _compose_page(self) -> QWidget:
        page = QWidget()
        self.instruction = QPlainTextEdit()
        self.instruction.setObjectName("broadcastInstruction")
        self.instruction.setPlaceholderText(translate("BroadcastDialog", "下达指令，例如：台风红色预警，立即转移低洼地带人员"))
        self.instruction.setMaximumHeight(100)
        self.instruction.setTabChangesFocus(True)
        self.all_grids = QRadioButton(translate("BroadcastDialog", "全部网格"))
        self.some_grids = QRadioButton(translate("BroadcastDialog", "指定网格"))
        self.all_grids.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.all_grids)
        group.addButton(self.some_grids)
        self.tree = QTreeWidget()
        self.tree.setObjectName("broadcastGrids")
        self.tree.setHeaderLabels([translate("BroadcastDialog", "网格")])
        self.tree.setEnabled(False)
        self._fill_tree()
        self.some_grids.toggled.connect(self.tree.setEnabled)
        self.send_btn = QPushButton(translate("BroadcastDialog", "下达"))
        self.send_btn.setObjectName("broadcastSend")
        self.send_btn.setDefault(True)
        self.send_btn.clicked.connect(self.send)
        cancel = QPushButton(translate("BroadcastDialog", "取消"))
        cancel.clicked.connect(self.reject)
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel(translate("BroadcastDialog", "指令内容")))
        lay.addWidget(self.instruction)
        choice = QHBoxLayout()
        choice.addWidget(self.all_grids)
        choice.addWidget(self.some_grids)
        choice.addStretch(1)
        lay.addLayout(choice)
        lay.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_btn)
        buttons.addWidget(cancel)
        lay.addLayout(buttons)
        return page

    def _fill_tree(self) -> None:
        self.tree.setUpdatesEnabled(False)
        stack: list[tuple[str | None, QTreeWidget | QTreeWidgetItem]] = [(None, self.tree)]
        count = 0
        while stack:
            gid, parent = stack.pop()
            for g in self.district.children(gid):
                item = QTreeWidgetItem(parent, [g.name])
                item.setData(0, GridIdRole, g.id)
                flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                if self.district.children(g.id):
                    flags |= Qt.ItemFlag.ItemIsAutoTristate
                item.setFlags(flags)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                count += 1
                stack.append((g.id, item))
        self.tree.expandToDepth(0)
        self.tree.setUpdatesEnabled(True)
        below_top = max(count - len(self.district.roots), 0)
        self.all_grids.setText(translate("BroadcastDialog", "全部网格（%1个）").replace("%1", str(below_top)))

    def grid_items(self) -> dict[str, QTreeWidgetItem]:
        out: dict[str, QTreeWidgetItem] = {}
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            out[item.data(0, GridIdRole)] = item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    def set_checked(self, grid_ids: list[str]) -> None:
        """Choose 指定网格 and check these grids (their subtrees follow)."""
        self.some_grids.setChecked(True)
        for gid, item in self.grid_items().items():
            if gid in grid_ids:
                item.setCheckState(0, Qt.CheckState.Checked)

    def targets(self) -> list[str] | None:
        """None = every grid; else the checked grids below the top (the street itself is the sender)."""
        if self.all_grids.isChecked():
            return None
        return [gid for gid, item in self.grid_items().items()
                if item.checkState(0) == Qt.CheckState.Checked and item.parent() is not None]

    # ---- page 2: roll call ---------------------------------------------------------------------------
    def _roll_call_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("rollCallSummary")
        self.summary.setWordWrap(True)
        self.roll_view = QTableView()
        self.roll_view.setObjectName("rollCall")
        self.roll_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roll_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roll_view.verticalHeader().setVisible(False)
        self.roll_view.horizontalHeader().setStretchLastSection(False)
        self.resend_btn = QPushButton(translate("BroadcastDialog", "向未回应网格重发"))
        self.resend_btn.setObjectName("broadcastResend")
        self.resend_btn.clicked.connect(self.resend)
        close = QPushButton(translate("BroadcastDialog", "关闭"))
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(page)
        lay.addWidget(self.summary)
        lay.addWidget(self.roll_view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.resend_btn)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        return page

    def open_broadcast(self, broadcast_id: str) -> None:
        """Show the roll call of a broadcast already sent."""
        b = self.escalation.broadcasts.get(broadcast_id)
        if b is None:
            self._show_error(translate("BroadcastDialog", "没有该下达记录：%1").replace("%1", broadcast_id))
            return
        self.show_roll_call(b)
        self.show()
        self.raise_()

    def show_roll_call(self, broadcast: Broadcast) -> None:
        self.broadcast = broadcast
        old = self.roll_model
        self.roll_model = RollCallModel(broadcast, district=self.district, clock=self.clock, parent=self)
        self.roll_view.setModel(self.roll_model)
        self.roll_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if old is not None:
            old.deleteLater()
        self.setWindowTitle(translate("BroadcastDialog", "一键下达 · 点名"))
        self.pages.setCurrentIndex(1)
        self._update_summary()

    def _update_summary(self) -> None:
        b = self.broadcast
        if b is None:
            return
        silent = b.silent()
        done = len(b.acks) - len(silent)
        deadline = b.ack_by.astimezone(self.tz).strftime("%H:%M")
        text = translate("BroadcastDialog", "已回应 %1/%2 · 回应时限 %3")
        text = text.replace("%1", str(done)).replace("%2", str(len(b.acks))).replace("%3", deadline)
        if silent and self.clock() > b.ack_by:
            text += " · " + translate("BroadcastDialog", "%1个网格超时未回应").replace("%1", str(len(silent)))
        self.summary.setText(f"<b>{_esc(b.instruction)}</b><br>{text}")
        self.resend_btn.setEnabled(bool(silent) and not self.busy)

    def on_event_broadcast_changed(self, broadcast: Broadcast, **_: Any) -> None:
        if self.broadcast is not None and broadcast.id == self.broadcast.id:
            if self.roll_model is not None:
                self.roll_model.refresh()
            self._update_summary()

    # ---- actions --------------------------------------------------------------------------------------
    def send(self) -> None:
        text = self.instruction.toPlainText().strip()
        if not text:
            self._show_error(translate("BroadcastDialog", "请填写指令内容"))
            return
        targets = self.targets()
        if targets is not None and not targets:
            self._show_error(translate("BroadcastDialog", "请至少勾选一个网格"))
            return
        self._run(call_sync(self.escalation.broadcast, text, targets, self.officer, self.event_id), self._sent)

    def resend(self) -> None:
        if self.broadcast is not None:
            self._run(call_sync(self.escalation.resend_to_silent, self.broadcast.id), self._resent)

    def _run(self, coro: Coroutine[Any, Any, Any], on_ok: Callable[[Any], None]) -> None:
        if self.busy:
            coro.close()
            return
        self.busy = True
        self.send_btn.setEnabled(False)
        self.resend_btn.setEnabled(False)
        self.message.setText(translate("BroadcastDialog", "处理中…"))
        self.run_task(coro).add_done_callback(partial(self._done, on_ok))

    def _done(self, on_ok: Callable[[Any], None], fut: asyncio.Future[Any]) -> None:
        self.busy = False
        self.send_btn.setEnabled(True)
        exc = fut.exception() if not fut.cancelled() else None
        if fut.cancelled() or exc is not None:
            if exc is not None and not isinstance(exc, KeyError | ValueError):
                log.error("broadcast failed", exc_info=exc)
            self._update_summary()
            self._show_error(error_text(exc) if exc is not None else translate("BroadcastDialog", "操作已取消"))
            return
        on_ok(fut.result())

    def _sent(self, broadcast: Broadcast) -> None:
        self.message.setText(translate("BroadcastDialog", "已下达至 %1 个网格").replace("%1", str(len(broadcast.acks))))
        self.show_roll_call(broadcast)
        self.sent.emit(broadcast.id)

    def _resent(self, grid_ids: list[str]) -> None:
        self.message.setText(translate("BroadcastDialog", "已向 %1 个未回应网格重发").replace("%1", str(len(grid_ids))))
        if self.roll_model is not None:
            self.roll_model.refresh()
        self._update_summary()
        if self.broadcast is not None:
            self.resent.emit(self.broadcast.id, list(grid_ids))

    def _show_error(self, text: str) -> None:
        self.message.setText(f"<span style='color:{RED}'>{_esc(text)}</span>")
        self.failed.emit(text)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
