"""The escalation board (issue 7 item 5): overdue and at-risk events by tier, whistles in progress,
broadcasts awaiting roll call.

Three tabs over three models: 超期/临期 (:class:`~console.qtmodels.escalation_model.EscalationModel`,
sorted by time to breach, filterable by tier), 吹哨报到 (:class:`WhistleModel`, a whistle → department
tree with check-in times, red 未报到 and the response rate) and 一键下达 (:class:`BroadcastModel`,
acknowledged x/y and the silent grids). Clicking an event row (or a whistle) emits
``eventSelected(event_id)``, double-clicking it ``eventActivated(event_id)``; double-clicking a
broadcast emits ``broadcastActivated(broadcast_id)``. The event table follows the window's
selection (:meth:`EscalationBoard.show_selected`).
The board only listens to the bus and reads the services' plain-Python state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from console.domain.district import District
from console.domain.escalation import Tier, Whistle
from console.qtmodels.escalation_model import (
    AMBER,
    COL_TIME,
    COL_TITLE,
    RED,
    BroadcastModel,
    DisplayMixin,
    EscalationModel,
    WhistleRole,
    span_text,
    tier_labels,
)
from console.qtmodels.roles import EventIdRole
from console.services.bus import Bus
from console.services.escalation import EscalationService
from console.services.room import Room
from console.services.sla_clock import SlaClock

translate = QCoreApplication.translate
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole


class WhistleModel(DisplayMixin, QAbstractItemModel):
    """吹哨报到 in progress: whistle rows (event, check-ins, note, response rate), departments below."""

    flushed = Signal()
    countChanged = Signal(int)

    def __init__(self, whistles: Iterable[Whistle], bus: Bus, *, room: Room | None = None,
                 district: District | None = None, clock: Callable[[], datetime],
                 tick_ms: int = 1000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        headers = [translate("Escalation", "事件 / 部门"), translate("Escalation", "报到")]
        headers += [translate("Escalation", "最新进展"), translate("Escalation", "响应率")]
        self._setup(headers, district, clock)
        self._room = room
        self._keys: list[int] = []  # stable whistle keys in display order (internal id of the children)
        self._by_key: dict[int, tuple[Whistle, list[str]]] = {}
        self._next_key = 1
        self._fill(whistles)
        bus.subscribe("whistle_blown", self.on_event_whistle_blown)
        bus.subscribe("escalation_board_reset", self.on_event_escalation_board_reset)
        for name in ("whistle_checked_in", "whistle_progress", "whistle_red"):
            bus.subscribe(name, self.on_event_whistle_changed)
        bus.subscribe("events_removed", self.on_event_events_removed)
        self._tick_timer = QTimer(self, interval=tick_ms)
        self._tick_timer.timeout.connect(self.tick)
        if tick_ms > 0:
            self._tick_timer.start()

    def _fill(self, whistles: Iterable[Whistle]) -> None:
        """The whistles of events in the room, newest first."""
        for w in sorted(whistles, key=lambda w: w.blown_at, reverse=True):
            if self._room is None or self._room.get(w.event_id) is not None:
                self._add(w, len(self._keys))

    def on_event_escalation_board_reset(self, broadcasts: list[Any], whistles: list[Whistle]) -> None:
        """The board was folded anew (replay went back in time): every row again."""
        self.beginResetModel()
        self._keys.clear()
        self._by_key.clear()
        self._fill(whistles)
        self.endResetModel()
        self._announce()

    def _add(self, w: Whistle, at: int) -> None:
        key, self._next_key = self._next_key, self._next_key + 1
        self._by_key[key] = (w, list(w.summons))
        self._keys.insert(at, key)

    def _row_of(self, whistle_id: str) -> int:
        return next((i for i, k in enumerate(self._keys) if self._by_key[k][0].id == whistle_id), -1)

    def on_event_whistle_blown(self, whistle: Whistle) -> None:
        if self._row_of(whistle.id) >= 0:
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._add(whistle, 0)
        self.endInsertRows()
        self._announce()

    def on_event_whistle_changed(self, whistle: Whistle, **_: Any) -> None:
        row = self._row_of(whistle.id)
        if row >= 0:
            self._refresh(row, 0)
        self.flushed.emit()

    def on_event_events_removed(self, ids: Iterable[str]) -> None:
        gone = set(ids)
        for row in range(len(self._keys) - 1, -1, -1):
            if self._by_key[self._keys[row]][0].event_id in gone:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._by_key[self._keys.pop(row)]
                self.endRemoveRows()
        self._announce()

    def _announce(self) -> None:
        self.countChanged.emit(len(self._keys))
        self.flushed.emit()

    def _refresh(self, row: int, first_col: int, last_col: int = 3) -> None:
        key = self._keys[row]
        self.dataChanged.emit(self.index(row, first_col), self.index(row, last_col))
        n = len(self._by_key[key][1])
        if n:
            parent = self.index(row, 0)
            self.dataChanged.emit(self.index(0, first_col, parent), self.index(n - 1, last_col, parent))

    def tick(self) -> None:
        """Repaint the check-in column of whistles with departments still to check in."""
        for row, key in enumerate(self._keys):
            w = self._by_key[key][0]
            if any(s.checked_in_at is None for s in w.summons.values()):
                self._refresh(row, 1, 1)

    def whistle_at(self, row: int) -> Whistle | None:
        return self._by_key[self._keys[row]][0] if 0 <= row < len(self._keys) else None

    # ---- Qt model API ------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, self._keys[parent.row()])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(self._keys.index(index.internalId()), 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._keys)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._by_key[self._keys[parent.row()]][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self._headers)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        iid, col = index.internalId(), index.column()
        if iid == 0:
            w = self._by_key[self._keys[index.row()]][0]
            if role == _DISPLAY:
                return self._whistle_text(w, col)
            if role == _FOREGROUND and col == 3 and w.red:
                return RED
            if role == WhistleRole:
                return w
            if role == EventIdRole:
                return w.event_id
            return None
        w, depts = self._by_key[iid]
        s = w.summons[depts[index.row()]]
        late = s.red or (s.checked_in_at is None and self._clock() > w.checkin_by)
        if role == _DISPLAY:
            if col == 0:
                return self._names.unit(s.department_id)
            if col == 1:
                if s.checked_in_at is not None:
                    return self._hms(s.checked_in_at) + (translate("Escalation", "（迟到）") if s.red else "")
                if late:
                    return translate("Escalation", "未报到")
                left = (w.checkin_by - self._clock()).total_seconds()
                return translate("Escalation", "待报到（剩余 %1）").replace("%1", span_text(left))
            if col == 2:
                return s.progress[-1][1] if s.progress else ""
            return ""
        if role == _FOREGROUND and col == 1:
            return RED if late else None if s.checked_in_at is not None else AMBER
        if role == EventIdRole:
            return w.event_id
        return None

    def _whistle_text(self, w: Whistle, col: int) -> str:
        if col == 0:
            ev = self._room.get(w.event_id) if self._room is not None else None
            return ev.title if ev is not None else w.event_id
        if col == 1:
            done = sum(s.checked_in_at is not None for s in w.summons.values())
            return translate("Escalation", "%1/%2 已报到 · 时限 %3").replace("%1", str(done)).replace(
                "%2", str(len(w.summons))).replace("%3", self._hms(w.checkin_by))
        if col == 2:
            return w.note
        return f"{w.response_rate * 100:.0f}%"



class EscalationBoard(QWidget):
    """Tabs 超期/临期, 吹哨报到, 一键下达 (with live counts in the tab titles)."""

    eventActivated = Signal(str)  # event id
    eventSelected = Signal(str)  # event id (a click: the officer's choice, never a row moving by itself)
    broadcastActivated = Signal(str)  # broadcast id

    def __init__(self, room: Room | None, bus: Bus, sla: SlaClock, escalation: EscalationService | None = None,
                 *, district: District | None = None, clock: Callable[[], datetime] | None = None,
                 flush_ms: int = 50, tick_ms: int = 1000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalationBoard")
        now = clock or sla.clock.now
        whistles = escalation.whistles.values() if escalation is not None else ()
        broadcasts = escalation.broadcasts.values() if escalation is not None else ()
        self.events_model = EscalationModel(room, bus, sla, district=district, clock=now, flush_ms=flush_ms,
                                            tick_ms=tick_ms, parent=self)
        self.whistle_model = WhistleModel(whistles, bus, room=room, district=district, clock=now,
                                          tick_ms=tick_ms, parent=self)
        self.broadcast_model = BroadcastModel(broadcasts, bus, district=district, clock=now, parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("escalationTabs")
        self.tabs.addTab(self._events_tab(), "")
        self.tabs.addTab(self._whistles_tab(), "")
        self.tabs.addTab(self._broadcasts_tab(), "")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)
        self.events_model.countChanged.connect(self._titles)
        self.whistle_model.countChanged.connect(self._titles)
        self.broadcast_model.countChanged.connect(self._titles)
        self._titles()
        self._tick = QTimer(self, interval=tick_ms)
        self._tick.timeout.connect(self.broadcast_model.tick)
        if tick_ms > 0:
            self._tick.start()

    # ---- tabs ------------------------------------------------------------------------------------
    def _events_tab(self) -> QWidget:
        page = QWidget()
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("EscalationBoard", "层级")))
        self.tier_filter = QComboBox()
        self.tier_filter.setObjectName("tierFilter")
        self.tier_filter.addItem(translate("EscalationBoard", "全部层级"), None)
        for tier, name in tier_labels().items():
            self.tier_filter.addItem(name, tier.value)
        self.tier_filter.currentIndexChanged.connect(self._tier_changed)
        top.addWidget(self.tier_filter)
        top.addStretch(1)
        self.events_view = _table(self.events_model, "escalationEvents")
        self.events_view.horizontalHeader().setSortIndicator(COL_TIME, Qt.SortOrder.AscendingOrder)
        self.events_view.setSortingEnabled(True)
        self.events_view.horizontalHeader().setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.events_view.doubleClicked.connect(self._event_activated)
        self.events_view.clicked.connect(self._event_clicked)
        lay = QVBoxLayout(page)
        lay.addLayout(top)
        lay.addWidget(self.events_view)
        return page

    def _whistles_tab(self) -> QWidget:
        self.whistle_view = QTreeView()
        self.whistle_view.setObjectName("escalationWhistles")
        self.whistle_view.setModel(self.whistle_model)
        self.whistle_view.setUniformRowHeights(True)
        self.whistle_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.whistle_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.whistle_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.whistle_view.expandAll()
        self.whistle_model.rowsInserted.connect(self._expand_new)
        self.whistle_model.modelReset.connect(self.whistle_view.expandAll)
        self.whistle_view.doubleClicked.connect(self._event_activated)
        self.whistle_view.clicked.connect(self._event_clicked)
        return self.whistle_view

    def _broadcasts_tab(self) -> QWidget:
        page = QWidget()
        self.broadcast_view = _table(self.broadcast_model, "escalationBroadcasts")
        self.broadcast_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.broadcast_view.doubleClicked.connect(self._broadcast_activated)
        self.roll_call_btn = QPushButton(translate("EscalationBoard", "点名详情"))
        self.roll_call_btn.setToolTip(translate("EscalationBoard", "查看所选一键下达的逐网格回应情况，可向未回应网格重发"))
        self.roll_call_btn.clicked.connect(lambda: self._broadcast_activated(self.broadcast_view.currentIndex()))
        lay = QVBoxLayout(page)
        lay.addWidget(self.broadcast_view)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.roll_call_btn)
        lay.addLayout(row)
        return page

    def _titles(self, *_: Any) -> None:
        for i, (text, model) in enumerate((
            (translate("EscalationBoard", "超期/临期 (%1)"), self.events_model),
            (translate("EscalationBoard", "吹哨报到 (%1)"), self.whistle_model),
            (translate("EscalationBoard", "一键下达 (%1)"), self.broadcast_model),
        )):
            title = text.replace("%1", str(model.rowCount()))
            if self.tabs.tabText(i) != title:  # an unchanged title must not re-lay out the tab bar
                self.tabs.setTabText(i, title)

    # ---- interaction -------------------------------------------------------------------------------
    def _tier_changed(self, _index: int) -> None:
        value = self.tier_filter.currentData()
        self.events_model.set_tier_filter(Tier(value) if value is not None else None)

    def _expand_new(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.whistle_view.expand(self.whistle_model.index(row, 0))

    def _event_activated(self, index: QModelIndex) -> None:
        eid = index.data(EventIdRole) if index.isValid() else None
        if eid:
            self.eventActivated.emit(str(eid))

    def _event_clicked(self, index: QModelIndex) -> None:
        eid = index.data(EventIdRole) if index.isValid() else None
        if eid:
            self.eventSelected.emit(str(eid))

    def show_selected(self, event: Any) -> None:
        """Follow the window's selection (an Event or None): its row is the current one, if shown."""
        eid = event.id if event is not None else None
        view = self.events_view
        current = view.currentIndex()
        if eid is not None and current.isValid() and current.data(EventIdRole) == eid:
            return
        ids = self.events_model.event_ids() if eid is not None else []
        if eid in ids:
            view.selectRow(ids.index(eid))
        else:
            view.selectionModel().clear()

    def _broadcast_activated(self, index: QModelIndex) -> None:
        b = self.broadcast_model.broadcast_at(index.row()) if index.isValid() else None
        if b is not None:
            self.broadcastActivated.emit(b.id)


def _table(model: Any, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    # rows of one height: the header keeps one span for them all instead of a section each (with
    # tens of thousands of overdue rows, each layout change cost the view ~25 ms on the GUI thread)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setWordWrap(False)
    return view
