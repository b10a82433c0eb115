"""Qt models of the escalation board (issue 7): overdue/at-risk events, whistles, broadcasts.

Thin adapters over plain-Python state (DESIGN §4.2–4.5):

- :class:`EscalationModel` — live events whose SLA deadline has passed or is in its warning
  window (超期/临期), one row each, sorted in Python by time to breach (``layoutChanged``, never a
  proxy). Bus events are buffered and flushed on a short timer; a 1 s tick repaints only the
  time-to-breach column.
- :class:`~console.qtmodels.broadcast_model.BroadcastModel` — 一键下达 broadcasts still waiting for
  acknowledgements, and :class:`~console.qtmodels.broadcast_model.RollCallModel` — the roll call of
  one broadcast (both re-exported here).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from datetime import datetime
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal

from console.domain.district import District
from console.domain.escalation import TIER_KEY, Tier, tier_for_grid_level, tier_of
from console.domain.event import Event, State
from console.domain.gcpause import gc_paused
from console.domain.sla import Deadline, Stage, next_deadline
from console.qtmodels.board_table import (
    AMBER,
    RED,
    BoardTable,
    BroadcastRole,
    DisplayMixin,
    Index,
    WhistleRole,
    breach_text,
    span_text,
    translate,
)
from console.qtmodels.broadcast_model import BroadcastModel, RollCallModel
from console.qtmodels.roles import EventIdRole, EventRole, OverdueRole, SortKeyRole
from console.services.bus import Bus
from console.services.room import Room
from console.services.sla_clock import SlaClock

__all__ = [  # the board's views import these from here
    "AMBER", "COL_ASSIGNEES", "COL_GRID", "COL_STAGE", "COL_SUPERVISED", "COL_TIER", "COL_TIME", "COL_TITLE",
    "RED", "BroadcastModel", "BroadcastRole", "DisplayMixin", "EscalationModel", "RollCallModel", "WhistleRole",
    "breach_text", "span_text", "stage_labels", "tier_labels",
]

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole

COL_TIER, COL_TITLE, COL_GRID, COL_STAGE, COL_TIME, COL_SUPERVISED, COL_ASSIGNEES = range(7)
_STAGE_ORDER = {s: i for i, s in enumerate(Stage)}


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


class _Row:
    """One board row: the event, its current deadline, tier and display strings, and its sort key."""

    __slots__ = ("id", "ev", "deadline", "tier", "disp", "key")

    def __init__(self, ev: Event, deadline: Deadline, tier: Tier, disp: tuple[str, ...]) -> None:
        self.id = ev.id
        self.ev = ev
        self.deadline = deadline
        self.tier = tier
        self.disp = disp
        self.key: tuple = ()

    def looks_like(self, other: _Row) -> bool:
        """Shows the same (the time column is computed from the deadline when painted)."""
        return self.disp == other.disp and self.deadline == other.deadline and self.tier is other.tier


_KEY = attrgetter("key")


def _primary(r: _Row, col: int) -> Any:
    """What column ``col`` sorts by (before the deadline)."""
    if col == COL_TIER:
        return r.tier.value
    if col == COL_STAGE:
        return _STAGE_ORDER[r.deadline.kind]
    if col == COL_SUPERVISED:
        return r.ev.supervised
    return r.disp[col]


_LIVE = frozenset(s for s in State if s.is_live)
SMALL_BATCH = 32  # up to this many rows entering/leaving/moving: one row signal each, else one layout change
FLUSH_CHUNK = 1_500  # events applied by one flush (~6 ms); more wait for the next loop turn
BACKLOG_MS = 1  # … on the next loop turn (not 0: Qt runs zero timers ahead of due ones)


class EscalationModel(BoardTable):
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
        # visible rows, always ascending by key (display order reversed when sorted descending)
        self._rows: list[_Row] = []
        self._descending = False
        self._grids: dict[str | None, tuple[str, int | None, Tier]] = {}  # grid id → (name, level, tier)
        self._units: dict[tuple[str, ...], str] = {}  # assignees → 责任单位 text
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
        if ev.state not in _LIVE:
            return None
        eid = ev.id
        # the SLA clock's tracked deadline (O(1)); computed only when the clock does not follow the room
        dl = self._sla.deadline_of(eid) or next_deadline(ev, self._sla.table)
        if dl is None:
            return None
        if now < dl.warn_at and self._flagged.get(eid) != (dl.kind, dl.at):
            return None
        gid = ev.grid_id
        grid = self._grids.get(gid)
        if grid is None:
            g = self._district.grid(gid) if self._district is not None and gid else None
            level = g.level if g is not None else None
            grid = self._grids[gid] = (self._names.grid(gid), level, tier_for_grid_level(level))
        extra = ev.extra
        tier = tier_of(ev, grid[1]) if extra and TIER_KEY in extra else grid[2]  # a recorded escalation
        assignees = ev.assignees
        units = ""
        if assignees:
            key = tuple(assignees)
            units = self._units.get(key) or self._units.setdefault(key, "、".join(self._names.unit(a) for a in key))
        row = _Row(ev, dl, tier, (self._tier_names[tier], ev.title, grid[0], self._stage_names[dl.kind], "",
                                  self._supervised if ev.supervised else "", units))
        row.key = dl.at.timestamp() if self._sort_col == COL_TIME else self._key(row)
        return row

    def _visible(self, r: _Row) -> bool:
        return self._tier_filter is None or r.tier is self._tier_filter

    def _key(self, r: _Row) -> Any:
        """Sort key for the current column: the deadline (POSIX seconds: all-float keys take the list
        sort's fast comparison path), or (column value, deadline)."""
        c = self._sort_col
        at = r.deadline.at.timestamp()
        return at if c == COL_TIME else (_primary(r, c), at)

    def _row(self, row: int) -> _Row:
        """The row shown at display position ``row``."""
        rows = self._rows
        return rows[len(rows) - 1 - row] if self._descending else rows[row]

    def _display(self, i: int, n: int) -> int:
        """Display position of internal position ``i`` in a list of ``n`` rows."""
        return n - 1 - i if self._descending else i

    def _find(self, r: _Row) -> int:
        """Internal position of a row in ``_rows`` (its key unchanged since it went in), or -1."""
        rows, key = self._rows, r.key
        i, n = bisect_left(rows, key, key=_KEY), len(self._rows)
        while i < n and rows[i].key == key:  # equal keys (same deadline): a short scan
            if rows[i] is r:
                return i
            i += 1
        return -1

    def flush(self) -> None:
        """Apply buffered bus events in O(batch · log n): rows whose place is unchanged are updated
        where they are (``dataChanged`` only if what they show changed), a few rows entering, leaving
        or moving get one row signal each, a large batch is merged in one layout change.

        At most ``FLUSH_CHUNK`` events a flush: the rest follow on the next loop turns (the start-up
        pages: a flush of 5,000 events held the GUI thread for 20–50 ms)."""
        self._flush_timer.stop()
        pending = self._pending
        if len(pending) > FLUSH_CHUNK:
            chunk = dict(itertools.islice(pending.items(), FLUSH_CHUNK))
            for eid in chunk:
                del pending[eid]
            pending, self._pending = chunk, pending
            self._flush_timer.start(BACKLOG_MS)  # the rest, after what is due
        else:
            self._pending = {}
        if not pending:
            return
        with gc_paused() if len(pending) > SMALL_BATCH else nullcontext():
            self._apply(pending)
        self.countChanged.emit(len(self._rows))
        self.flushed.emit()

    def _apply(self, pending: dict[str, Event | None]) -> None:
        now = self._clock()
        all_, rows, flagged = self._all, self._rows, self._flagged
        changed: list[int] = []  # internal positions updated in place
        gone: list[_Row] = []
        added: list[_Row] = []
        moved: list[tuple[_Row, _Row]] = []
        deadline_of = self._sla.deadline_of
        for eid, ev in pending.items():
            old = all_.get(eid)
            if old is not None and ev is old.ev and deadline_of(eid) == old.deadline:
                continue  # the same version at the same deadline (an SLA warning/breach for a shown row)
            new = self._make_row(ev, now) if ev is not None else None
            all_.pop(eid, None)
            if new is None:
                flagged.pop(eid, None)
            else:
                all_[eid] = new
            if old is not None and new is not None and self._visible(old) and self._visible(new):
                if old.key == new.key and (i := self._find(old)) >= 0:  # same place: swap in place
                    rows[i] = new
                    if not old.looks_like(new):
                        changed.append(i)
                else:
                    moved.append((old, new))
            elif old is not None and self._visible(old):
                gone.append(old)
            elif new is not None and self._visible(new):
                added.append(new)
        n = len(rows)
        for i in changed:
            d = self._display(i, n)
            self.dataChanged.emit(self.index(d, 0), self.index(d, COL_ASSIGNEES))
        if len(gone) + len(added) + len(moved) <= SMALL_BATCH:
            for r in gone:
                self._remove_row(r)
            for old, new in moved:
                self._move_row(old, new)
            for r in added:
                self._insert_row(r)
        elif not rows and not moved and not gone:  # an empty board: one insert
            added.sort(key=_KEY)
            self.beginInsertRows(QModelIndex(), 0, len(added) - 1)
            self._rows = added
            self.endInsertRows()
        else:
            out = {r.id for r in gone} | {old.id for old, _new in moved}
            self._relayout(merge=[new for _old, new in moved] + added, drop=out)

    def _remove_row(self, r: _Row) -> None:
        i = self._find(r)
        if i < 0:
            return
        d = self._display(i, len(self._rows))
        self.beginRemoveRows(QModelIndex(), d, d)
        del self._rows[i]
        self.endRemoveRows()

    def _insert_row(self, r: _Row) -> None:
        rows = self._rows
        i = bisect_left(rows, r.key, key=_KEY)
        d = len(rows) - i if self._descending else i  # its display position once inserted
        self.beginInsertRows(QModelIndex(), d, d)
        rows.insert(i, r)
        self.endInsertRows()

    def _move_row(self, old: _Row, new: _Row) -> None:
        """A row whose sort key changed: one ``beginMoveRows`` (selection and current row follow)."""
        rows = self._rows
        i = self._find(old)
        if i < 0:
            self._insert_row(new)
            return
        j = bisect_left(rows, new.key, key=_KEY)
        if j > i:
            j -= 1  # its place once the old row is out
        n = len(rows)
        s, t = self._display(i, n), self._display(j, n)
        if s != t:
            self.beginMoveRows(QModelIndex(), s, s, QModelIndex(), t if t < s else t + 1)
            del rows[i]
            rows.insert(j, new)
            self.endMoveRows()
        else:
            rows[i] = new
        self.dataChanged.emit(self.index(t, 0), self.index(t, COL_ASSIGNEES))

    def _relayout(self, *, merge: list[_Row] | None = None, drop: set[str] | None = None,
                  descending: bool | None = None) -> None:
        """One layout change: merge rows in / drop rows out (a C-level merge of sorted runs) and/or
        flip the display order; persistent indexes follow their event."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        n = len(self._rows)
        ids = [self._row(p.row()).id if 0 <= p.row() < n else None for p in old]
        rows = [r for r in self._rows if r.id not in drop] if drop else self._rows
        rows.extend(merge or ())
        rows.sort(key=_KEY)
        self._rows = rows
        if descending is not None:
            self._descending = descending
        n = len(rows)
        new = []
        for eid, p in zip(ids, old, strict=True):
            r = self._all.get(eid) if eid is not None else None
            i = self._find(r) if r is not None else -1
            new.append(self.index(self._display(i, n), p.column()) if i >= 0 else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def tick(self) -> None:
        """Repaint the time-to-breach column only."""
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_TIME), self.index(len(self._rows) - 1, COL_TIME),
                                  [_DISPLAY, _FOREGROUND, SortKeyRole, OverdueRole])

    # ---- sorting / filtering ---------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self._headers):
            rekey = column != self._sort_col
            self._sort_col, self._sort_order = column, order
            if rekey:
                for r in self._all.values():
                    r.key = self._key(r)
            # keys only change with the column: a new order alone reads the same list backwards
            self._relayout(descending=order == Qt.SortOrder.DescendingOrder)

    def set_tier_filter(self, tier: Tier | None) -> None:
        if tier is not self._tier_filter:
            self._tier_filter = tier
            self.beginResetModel()
            self._rows = sorted((r for r in self._all.values() if self._visible(r)), key=_KEY)
            self.endResetModel()
            self.countChanged.emit(len(self._rows))

    # ---- queries -----------------------------------------------------------------------------------
    def event_at(self, row: int) -> Event | None:
        return self._row(row).ev if 0 <= row < len(self._rows) else None

    def event_ids(self) -> list[str]:
        ids = [r.id for r in self._rows]
        return ids[::-1] if self._descending else ids

    def seconds_left(self, row: int) -> float:
        return (self._row(row).deadline.at - self._clock()).total_seconds()

    # ---- Qt model API ------------------------------------------------------------------------------
    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r, col = self._row(index.row()), index.column()
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
            return self.seconds_left(index.row()) if col == COL_TIME else _primary(r, col)
        return None
