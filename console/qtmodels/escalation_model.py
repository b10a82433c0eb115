"""Qt models of the escalation board (issue 7): overdue/at-risk events, whistles, broadcasts.

Thin adapters over plain-Python state (DESIGN §4.2–4.5):

- :class:`EscalationModel` — live events whose SLA deadline has passed or is in its warning
  window (超期/临期), one row each, sorted in Python by time to breach (``layoutChanged``, never a
  proxy). Bus events are buffered and flushed on a short timer; a 1 s tick repaints only the
  time-to-breach column.
- :class:`BroadcastModel` — 一键下达 broadcasts still waiting for acknowledgements.
- :class:`RollCallModel` — the roll call of one broadcast (grid, acknowledged at / 未回应).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from console.domain.district import District
from console.domain.escalation import Broadcast, Tier, tier_of
from console.domain.event import Event
from console.domain.sla import Deadline, Stage, next_deadline
from console.qtmodels import labels
from console.qtmodels.district_index import NameIndex
from console.qtmodels.roles import EventIdRole, EventRole, OverdueRole, SortKeyRole
from console.services.bus import Bus
from console.services.room import Room
from console.services.sla_clock import SlaClock

translate = QCoreApplication.translate
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
RED = QColor(labels.RED)
AMBER = QColor(labels.AMBER)
WhistleRole = EventRole + 40  # the Whistle record (whistle rows)
BroadcastRole = EventRole + 41  # the Broadcast record

COL_TIER, COL_TITLE, COL_GRID, COL_STAGE, COL_TIME, COL_SUPERVISED, COL_ASSIGNEES = range(7)
_STAGE_ORDER = {s: i for i, s in enumerate(Stage)}


def span_text(seconds: float) -> str:
    """A duration in words: 45秒 / 12分钟 / 2小时5分 / 3天2小时."""
    s = int(abs(seconds))
    if s < 60:
        return translate("Escalation", "%1秒").replace("%1", str(s))
    if s < 3600:
        return translate("Escalation", "%1分钟").replace("%1", str(s // 60))
    if s < 86400:
        return translate("Escalation", "%1小时%2分").replace("%1", str(s // 3600)).replace("%2", str(s % 3600 // 60))
    return translate("Escalation", "%1天%2小时").replace("%1", str(s // 86400)).replace("%2", str(s % 86400 // 3600))


def breach_text(left_s: float) -> str:
    """Time to breach: negative = overdue (超期 12分钟), else 剩余 3分钟."""
    if left_s < 0:
        return translate("Escalation", "超期 %1").replace("%1", span_text(left_s))
    return translate("Escalation", "剩余 %1").replace("%1", span_text(left_s))


def stage_labels() -> dict[Stage, str]:
    return {
        Stage.DISPATCH: translate("Escalation", "派遣"),
        Stage.SIGN: translate("Escalation", "签收"),
        Stage.ARRIVE: translate("Escalation", "到场"),
        Stage.RESOLVE: translate("Escalation", "处置"),
        Stage.CLOSE: translate("Escalation", "结案"),
    }


def tier_labels() -> dict[Tier, str]:
    return {
        Tier.MICRO_GRID: translate("Escalation", "微网格"),
        Tier.COMMUNITY: translate("Escalation", "社区"),
        Tier.STREET: translate("Escalation", "街道"),
        Tier.DISTRICT: translate("Escalation", "区"),
    }


class DisplayMixin:
    """Shared plumbing: names, time zone, clock, headers (also used by the board's whistle tree)."""

    _headers: list[str]

    def _setup(self, headers: list[str], district: District | None, clock: Callable[[], datetime]) -> None:
        self._headers = headers
        self._names = NameIndex(district)
        self._tz = ZoneInfo(district.info.timezone if district is not None else "Asia/Shanghai")
        self._clock = clock

    def _hms(self, at: datetime) -> str:
        return at.astimezone(self._tz).strftime("%H:%M:%S")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < len(self._headers):
            return self._headers[section]
        return None


class _Table(DisplayMixin, QAbstractTableModel):
    """A flat table over ``self._rows``."""

    _rows: list[Any]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows)


@dataclass(slots=True)
class _Row:
    ev: Event
    deadline: Deadline
    tier: Tier
    disp: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.ev.id


class EscalationModel(_Table):
    """超期/临期: live events past their SLA deadline or inside its warning window."""

    flushed = Signal()
    countChanged = Signal(int)

    def __init__(self, room: Room | None, bus: Bus, sla: SlaClock, *, district: District | None = None,
                 clock: Callable[[], datetime] | None = None, flush_ms: int = 50, tick_ms: int = 1000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        headers = [translate("Escalation", "层级"), translate("Escalation", "标题")]
        headers += [translate("Escalation", "网格"), translate("Escalation", "阶段")]
        headers += [translate("Escalation", "距超期"), translate("Escalation", "督办"), translate("Escalation", "责任单位")]
        self._setup(headers, district, clock or sla.clock.now)
        self._sla = sla
        self._district = district
        self._tier_names, self._stage_names = tier_labels(), stage_labels()
        self._supervised = translate("Escalation", "督办")
        self._all: dict[str, _Row] = {}  # every at-risk row (also those hidden by the tier filter)
        self._rows: list[_Row] = []  # visible rows in display order
        self._flagged: dict[str, tuple[Stage, datetime]] = {}  # warned/breached by the SLA clock
        self._tier_filter: Tier | None = None
        self._sort_col, self._sort_order = COL_TIME, Qt.SortOrder.AscendingOrder
        self._pending: dict[str, Event | None] = {}  # id → new version (None = removed)
        self._flush_timer = QTimer(self, singleShot=True, interval=flush_ms)
        self._flush_timer.timeout.connect(self.flush)
        self._tick_timer = QTimer(self, interval=tick_ms)
        self._tick_timer.timeout.connect(self.tick)
        for name in ("sla_warning", "sla_breach"):
            bus.subscribe(name, self.on_event_sla)
        for name in ("events_loaded", "events_added", "events_changed"):
            bus.subscribe(name, self.on_event_events_changed)
        bus.subscribe("events_removed", self.on_event_events_removed)
        bus.subscribe("event_escalated", self.on_event_single)
        bus.subscribe("event_supervised", self.on_event_single)
        if room is not None:
            self.on_event_events_changed(room.live_events())
            self.flush()
        if tick_ms > 0:
            self._tick_timer.start()

    # ---- bus handlers (buffer only) ------------------------------------------------------------
    def on_event_sla(self, event: Event, deadline: Deadline) -> None:
        self._flagged[event.id] = (deadline.kind, deadline.at)
        self._queue(event)

    def on_event_events_changed(self, events: Iterable[Event]) -> None:
        pending = self._pending
        for ev in events:
            pending[ev.id] = ev
        self._schedule()

    def on_event_events_removed(self, ids: Iterable[str]) -> None:
        for eid in ids:
            self._pending[eid] = None
        self._schedule()

    def on_event_single(self, event: Event, **_: Any) -> None:
        self._queue(event)

    def _queue(self, ev: Event) -> None:
        self._pending[ev.id] = ev
        self._schedule()

    def _schedule(self) -> None:
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    # ---- rows ------------------------------------------------------------------------------------
    def _make_row(self, ev: Event, now: datetime) -> _Row | None:
        # the SLA clock's tracked deadline (O(1)); computed only when the clock does not follow the room
        dl = (self._sla.deadline_of(ev.id) or next_deadline(ev, self._sla.table)) if ev.is_open else None
        if dl is None:
            return None
        if now < dl.warn_at and self._flagged.get(ev.id) != (dl.kind, dl.at):
            return None
        g = self._district.grid(ev.grid_id) if self._district is not None and ev.grid_id else None
        tier = tier_of(ev, g.level if g is not None else None)
        disp = (self._tier_names[tier], ev.title, self._names.grid(ev.grid_id), self._stage_names[dl.kind], "",
                self._supervised if ev.supervised else "",
                "、".join(self._names.unit(a) for a in ev.assignees))
        return _Row(ev, dl, tier, disp)

    def _visible(self, r: _Row) -> bool:
        return self._tier_filter is None or r.tier is self._tier_filter

    def _key(self, r: _Row) -> tuple:
        c = self._sort_col
        primary: Any = (r.tier.value if c == COL_TIER else _STAGE_ORDER[r.deadline.kind] if c == COL_STAGE
                        else r.ev.supervised if c == COL_SUPERVISED else 0 if c == COL_TIME else r.disp[c])
        return primary, r.deadline.at

    def flush(self) -> None:
        """Apply buffered bus events: removals, in-place updates, then inserts and one re-sort."""
        self._flush_timer.stop()
        pending, self._pending = self._pending, {}
        if not pending:
            return
        now = self._clock()
        pos = {r.id: i for i, r in enumerate(self._rows)}
        gone: list[int] = []
        added: list[_Row] = []
        changed: list[int] = []
        for eid, ev in pending.items():
            new = self._make_row(ev, now) if ev is not None else None
            self._all.pop(eid, None)
            if new is None:
                self._flagged.pop(eid, None)
            else:
                self._all[eid] = new
            at = pos.get(eid)
            if at is not None and new is not None and self._visible(new):
                self._rows[at] = new
                changed.append(at)
            elif at is not None:
                gone.append(at)
            elif new is not None and self._visible(new):
                added.append(new)
        for at in sorted(gone, reverse=True):
            self.beginRemoveRows(QModelIndex(), at, at)
            del self._rows[at]
            self.endRemoveRows()
        if added:
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n + len(added) - 1)
            self._rows.extend(added)
            self.endInsertRows()
        if added or (changed and not self._is_sorted()):
            self._relayout()
        elif changed and not gone:
            for at in changed:
                self.dataChanged.emit(self.index(at, 0), self.index(at, COL_ASSIGNEES))
        elif changed:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COL_ASSIGNEES))
        self.countChanged.emit(len(self._rows))
        self.flushed.emit()

    def _is_sorted(self) -> bool:
        keys = [self._key(r) for r in self._rows]
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            keys.reverse()
        return all(a <= b for a, b in zip(keys, keys[1:], strict=False))

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[p.row()].id if 0 <= p.row() < len(self._rows) else None for p in old]
        self._rows = sorted((r for r in self._all.values() if self._visible(r)), key=self._key,
                            reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        pos = {r.id: i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(old, [
            self.index(pos[i], p.column()) if i in pos else QModelIndex() for i, p in zip(ids, old, strict=True)])
        self.layoutChanged.emit()

    def tick(self) -> None:
        """Repaint the time-to-breach column only."""
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_TIME), self.index(len(self._rows) - 1, COL_TIME),
                                  [_DISPLAY, _FOREGROUND, SortKeyRole, OverdueRole])

    # ---- sorting / filtering ---------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self._headers):
            self._sort_col, self._sort_order = column, order
            self._relayout()

    def set_tier_filter(self, tier: Tier | None) -> None:
        if tier is not self._tier_filter:
            self._tier_filter = tier
            self.beginResetModel()
            self._rows = sorted((r for r in self._all.values() if self._visible(r)), key=self._key,
                                reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
            self.endResetModel()
            self.countChanged.emit(len(self._rows))

    # ---- queries -----------------------------------------------------------------------------------
    def event_at(self, row: int) -> Event | None:
        return self._rows[row].ev if 0 <= row < len(self._rows) else None

    def event_ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def seconds_left(self, row: int) -> float:
        return (self._rows[row].deadline.at - self._clock()).total_seconds()

    # ---- Qt model API ------------------------------------------------------------------------------
    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == _DISPLAY:
            return breach_text(self.seconds_left(index.row())) if col == COL_TIME else r.disp[col]
        if role == _FOREGROUND:
            if col == COL_TIME:
                return RED if self._clock() > r.deadline.at else AMBER
            return RED if col == COL_SUPERVISED else None
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TITLE:
            return r.ev.title
        if role == EventRole:
            return r.ev
        if role == EventIdRole:
            return r.id
        if role == OverdueRole:
            return self._clock() > r.deadline.at
        if role == SortKeyRole:
            return self.seconds_left(index.row()) if col == COL_TIME else self._key(r)[0]
        return None


class BroadcastModel(_Table):
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
        for name in ("broadcast_acknowledged", "broadcast_resent", "broadcast_overdue"):
            bus.subscribe(name, self.on_event_broadcast_changed)

    def on_event_broadcast_sent(self, broadcast: Broadcast) -> None:
        if broadcast in self._rows or not broadcast.silent():
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, broadcast)
        self.endInsertRows()
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

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
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


class RollCallModel(_Table):
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

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
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
