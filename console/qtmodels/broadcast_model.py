"""Qt models of 一键下达 (issue 7): broadcasts awaiting their roll call, and one broadcast's roll call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from console.domain.district import District
from console.domain.escalation import Broadcast
from console.qtmodels.board_table import AMBER, RED, BoardTable, BroadcastRole, Index, breach_text, translate
from console.services.bus import Bus

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole


class BroadcastModel(BoardTable):
    """一键下达 broadcasts awaiting roll call: instruction, sent at, acknowledged x/y, silent grids."""

    countChanged = Signal(int)

    def __init__(self, broadcasts: Iterable[Broadcast], bus: Bus, *, district: District | None = None,
                 clock: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        headers = [translate("Escalation", "指令"), translate("Escalation", "下达时间"), translate("Escalation", "已回应")]
        headers += [translate("Escalation", "未回应网格"), translate("Escalation", "回应时限")]
        self._setup(headers, district, clock)
        self._rows = sorted((b for b in broadcasts if b.silent()), key=lambda b: b.sent_at, reverse=True)
        bus.subscribe("broadcast_sent", self.on_event_broadcast_sent)
        bus.subscribe("escalation_board_reset", self.on_event_escalation_board_reset)
        for name in ("broadcast_acknowledged", "broadcast_resent", "broadcast_overdue"):
            bus.subscribe(name, self.on_event_broadcast_changed)

    def on_event_broadcast_sent(self, broadcast: Broadcast) -> None:
        if broadcast in self._rows or not broadcast.silent():
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, broadcast)
        self.endInsertRows()
        self.countChanged.emit(len(self._rows))

    def on_event_escalation_board_reset(self, broadcasts: list[Broadcast], whistles: list[Any]) -> None:
        """The board was folded anew (replay went back in time): every row again."""
        self.beginResetModel()
        self._rows = sorted((b for b in broadcasts if b.silent()), key=lambda b: b.sent_at, reverse=True)
        self.endResetModel()
        self.countChanged.emit(len(self._rows))

    def on_event_broadcast_changed(self, broadcast: Broadcast, **_: Any) -> None:
        row = next((i for i, b in enumerate(self._rows) if b.id == broadcast.id), -1)
        if row < 0:
            return
        if broadcast.silent():
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.countChanged.emit(len(self._rows))

    def tick(self) -> None:
        """Repaint the acknowledgement-deadline column only."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self._rows) - 1, 4))

    def broadcast_at(self, row: int) -> Broadcast | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        b, col = self._rows[index.row()], index.column()
        overdue = self._clock() > b.ack_by
        if role == _DISPLAY:
            silent = b.silent()
            if col == 0:
                return b.instruction
            if col == 1:
                return self._hms(b.sent_at)
            if col == 2:
                return f"{len(b.acks) - len(silent)}/{len(b.acks)}"
            if col == 3:
                names = [self._names.grid(g) for g in silent[:6]]
                more = translate("Escalation", " 等%1个").replace("%1", str(len(silent))) if len(silent) > 6 else ""
                return "、".join(names) + more
            left = (b.ack_by - self._clock()).total_seconds()
            return translate("Escalation", "已超时") if overdue else breach_text(left)
        if role == _FOREGROUND and col in (3, 4):
            return RED if overdue else AMBER
        if role == BroadcastRole:
            return b
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 3):
            return b.instruction if col == 0 else "、".join(self._names.grid(g) for g in b.silent())
        return None


class RollCallModel(BoardTable):
    """One broadcast's roll call: grid, acknowledged at or 未回应 (red), times sent."""

    def __init__(self, broadcast: Broadcast, *, district: District | None = None,
                 clock: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        headers = [translate("Escalation", "网格"), translate("Escalation", "回应时间")]
        self._setup([*headers, translate("Escalation", "下达次数")], district, clock)
        self.broadcast = broadcast
        self._rows = list(broadcast.acks)

    def refresh(self) -> None:
        """The broadcast's roll call changed in place (acknowledged, resent)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, 2))

    def acknowledged(self) -> int:
        return sum(at is not None for at in self.broadcast.acks.values())

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        gid, col = self._rows[index.row()], index.column()
        at = self.broadcast.acks.get(gid)
        if role == _DISPLAY:
            if col == 0:
                return self._names.grid(gid)
            if col == 1:
                return self._hms(at) if at is not None else translate("Escalation", "未回应")
            return str(self.broadcast.sends.get(gid, 1))
        if role == _FOREGROUND and col == 1 and at is None:
            return RED
        if role == Qt.ItemDataRole.UserRole:
            return gid
        return None
