"""The live event queue as a Qt table model: a thin adapter over the Room (DESIGN §4.2–4.5).

- Incoming bus events are buffered and flushed at most every ``flush_ms`` (25 ms; leading edge: a
  batch arriving after a quiet interval is flushed 1 ms later, once the publishing callback is
  done): one ``beginInsertRows`` per batch, new rows at the top. Every flush costs the view a
  repaint, so ``flush_ms`` also caps the table's repaint rate; ``countsChanged`` (a label's text)
  follows at most every ``COUNTS_MS``.
- Display strings are computed once per row before ``endInsertRows``; ``data()``/``multiData()``
  are lookups (only the countdown and age columns do a little arithmetic against the clock).
- Sorting and filtering run in plain Python over precomputed keys and are announced with
  ``layoutAboutToBeChanged``/``layoutChanged`` plus persistent-index updates — never through
  ``QSortFilterProxyModel``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
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

from console.domain.district import District
from console.domain.event import Event, utcnow
from console.domain.gcpause import gc_paused
from console.qtmodels import labels
from console.qtmodels.district_index import NameIndex
from console.qtmodels.queue_cells import QueueCells
from console.qtmodels.queue_rows import (
    COL_AGE,
    COL_COUNTDOWN,
    COL_STATUS,
    COLUMN_COUNT,
    URGENT_RANK,
    QueueFilter,
    QueueRow,
    contiguous_runs,
    filter_rows,
    passes,
    sort_key,
)
from console.qtmodels.roles import (
    CountdownRole,
)
from console.services.bus import Bus
from console.services.room import Room

translate = QCoreApplication.translate

_Index = QModelIndex | QPersistentModelIndex
_BACKGROUND_ROLE = int(Qt.ItemDataRole.BackgroundRole)
DEFAULT_TZ = "Asia/Shanghai"  # the room's zone when no district says otherwise
MIN_FLUSH_DELAY_MS = 1  # not 0: Qt runs zero timers ahead of due ones
COUNTS_MS = 250  # countsChanged at most this often while rows stream in
# up to this many rows are located one by one (a binary search on the sort key, ~5 µs) instead of
# rebuilding the id → position map (~7 ms at 10k rows) that each removal invalidates
SCAN_MAX = 64
# up to this many removed rows leave the list of all rows by identity scans (~0.15 ms each at 10k
# rows); more, and one rebuild of the list (~8 ms) is cheaper
REMOVE_SCAN_MAX = 32


def _headers() -> list[str]:
    return [
        translate("QueueModel", "级别"),
        translate("QueueModel", "派遣倒计时"),
        translate("QueueModel", "标题"),
        translate("QueueModel", "类别"),
        translate("QueueModel", "网格"),
        translate("QueueModel", "来源"),
        translate("QueueModel", "时长"),
        translate("QueueModel", "状态"),
        translate("QueueModel", "责任单位"),
    ]


class QueueModel(QueueCells, QAbstractTableModel):
    """Live queue of open events, newest first by default.

    ``room`` supplies the initial live set (``live_events()``); afterwards the model follows the bus
    (``events_added``/``events_changed``/``events_removed``). ``clock`` returns an aware UTC datetime.
    """

    urgentArrived = Signal(str)  # event id of a new major/critical event
    countsChanged = Signal(int, int)  # visible rows, live rows
    flushed = Signal()

    def __init__(
        self,
        room: Room | None,
        bus: Bus,
        *,
        district: District | None = None,
        seat_id: str | None = None,
        clock: Callable[[], datetime] | None = None,
        category_name: Callable[[str], str] | None = None,
        flush_ms: int = 25,
        tick_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._room = room
        self._bus = bus
        self._names = NameIndex(district)
        self._tz = ZoneInfo(district.info.timezone if district is not None else DEFAULT_TZ)
        self._seat = seat_id
        self._clock = clock or getattr(room, "clock", None) or utcnow
        self._category_name = category_name or labels.category_label
        self._cat_cache: dict[str, str] = {}
        self._unit_cache: dict[tuple[str, ...], str] = {}
        self._headers = _headers()
        # Both lists are stored bottom-up (reversed display order) so that new rows, which go to
        # the top, are appended in O(batch) instead of copying 100k references per flush.
        self._all: list[QueueRow] = []  # every live row
        self._rows: list[QueueRow] = []  # visible rows (filtered _all); display row i = _rows[-1 - i]
        self._by_id: dict[str, QueueRow] = {}
        self._pos: dict[str, int] | None = None  # id → index in _rows, rebuilt lazily
        self._filter = QueueFilter()
        self._sort_col = COL_AGE
        self._sort_order = Qt.SortOrder.AscendingOrder  # youngest first
        self._pending_add: dict[str, Event] = {}
        self._pending_change: dict[str, Event] = {}
        self._pending_remove: set[str] = set()

        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(flush_ms)
        self._flush_s = flush_ms / 1000.0
        self._last_flush = -1e9  # time.monotonic() of the last flush
        self._flush_timer.timeout.connect(self.flush)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_MS)
        self._counts_timer.timeout.connect(self._counts_tick)
        self._counts_due = False
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(tick_ms)
        self._tick_timer.timeout.connect(self.tick)
        self._ticks = 0

        self._flash: frozenset[str] = frozenset()  # ids whose rows show the flash background now
        self._quiet: set[str] = set()  # pending ids that were loaded, not received (no urgent alert)
        self._load(room.live_events() if room is not None else [])
        bus.subscribe("events_added", self.on_event_events_added)
        bus.subscribe("events_loaded", self.on_event_events_loaded)
        bus.subscribe("events_changed", self.on_event_events_changed)
        bus.subscribe("events_removed", self.on_event_events_removed)
        if tick_ms > 0:
            self._tick_timer.start()

    # ---- bus handlers (buffer only) ------------------------------------------------------------
    def on_event_events_added(self, events: Iterable[Event]) -> None:
        for ev in events:
            self._pending_remove.discard(ev.id)
            if ev.id in self._by_id:
                self._pending_change[ev.id] = ev
            else:
                self._pending_add[ev.id] = ev
        self._schedule()

    def on_event_events_loaded(self, events: Iterable[Event]) -> None:
        """Stored open events read at start-up: rows like arrivals, but no urgent flash or tone."""
        events = list(events)
        self._quiet.update(ev.id for ev in events)
        self.on_event_events_added(events)

    def on_event_events_changed(self, events: Iterable[Event]) -> None:
        for ev in events:
            if ev.id in self._pending_add:
                self._pending_add[ev.id] = ev
            elif ev.id in self._by_id:
                self._pending_change[ev.id] = ev
            else:
                self._pending_add[ev.id] = ev
        self._schedule()

    def on_event_events_removed(self, ids: Iterable[str]) -> None:
        for eid in ids:
            self._pending_add.pop(eid, None)
            self._pending_change.pop(eid, None)
            if eid in self._by_id:
                self._pending_remove.add(eid)
        self._schedule()

    def _schedule(self) -> None:
        """Leading-edge throttle: flush almost at once (``MIN_FLUSH_DELAY_MS``) when the last flush is
        at least one interval old, so a feed batch becomes visible quickly; else when it has passed."""
        if self._flush_timer.isActive():
            return
        wait = self._last_flush + self._flush_s - time.monotonic()
        # never a zero timer: Qt runs those ahead of due timers, and a flush is followed by a repaint
        self._flush_timer.start(max(MIN_FLUSH_DELAY_MS, int(wait * 1000)))

    def set_flash(self, ids: Iterable[str], on: bool = True) -> None:
        """Give the rows of these events the flash background (``on``) or none: a view blinks new
        urgent rows by toggling this, with the default delegate (no per-cell Python delegate)."""
        flash = frozenset(ids) if on else frozenset()
        if flash == self._flash:
            return
        toggled = flash ^ self._flash
        self._flash = flash
        if not self._rows:
            return
        # only the rows that blink: a stream of urgent arrivals keeps some blinking all the time, and a
        # change over every row repainted the whole table on each blink (rows below the visible part
        # are then not painted at all)
        last = len(self._rows) - 1
        if len(toggled) > len(self._rows) // 4:
            self.dataChanged.emit(self.index(0, 0), self.index(last, COLUMN_COUNT - 1), [_BACKGROUND_ROLE])
            return
        pos = self._positions()
        rows = sorted(last - pos[eid] for eid in toggled if eid in pos)
        for start, end in contiguous_runs(rows):
            self.dataChanged.emit(self.index(start, 0), self.index(end, COLUMN_COUNT - 1), [_BACKGROUND_ROLE])

    def has_pending(self) -> bool:
        return bool(self._pending_add or self._pending_change or self._pending_remove)

    # ---- flushing --------------------------------------------------------------------------------
    def flush(self) -> None:
        """Apply everything buffered since the last flush (removals, changes, then one insert)."""
        self._flush_timer.stop()
        self._last_flush = time.monotonic()
        removed, self._pending_remove = self._pending_remove, set()
        changed, self._pending_change = self._pending_change, {}
        added, self._pending_add = self._pending_add, {}
        with gc_paused():
            if removed:
                self._apply_removals(removed)
            if changed:
                self._apply_changes(list(changed.values()))
            if added:
                self._apply_inserts(list(added.values()))
        if removed or changed or added:
            self._announce_counts()
            self.flushed.emit()

    def _announce_counts(self) -> None:
        """``countsChanged`` at most every ``COUNTS_MS`` during a stream (the last counts always
        follow): a label showing them costs a repaint of its part of the window per change."""
        if self._counts_timer.isActive():
            self._counts_due = True
            return
        self._counts_due = False
        self.countsChanged.emit(len(self._rows), len(self._all))
        self._counts_timer.start()

    def _counts_tick(self) -> None:
        if self._counts_due:
            self._announce_counts()

    def _apply_inserts(self, events: list[Event]) -> None:
        new_rows = self._make_rows(events)
        for r in new_rows:
            self._by_id[r.id] = r
        quiet, self._quiet = self._quiet, set()
        if quiet:
            loaded = [r for r in new_rows if r.id in quiet]
            if loaded:
                self._merge_loaded(loaded)
            new_rows = [r for r in new_rows if r.id not in quiet]
            if not new_rows:
                return
        self._sort_internal(new_rows)
        now = self._now_ts()
        visible = [r for r in new_rows if self._passes(r, now)] if self._filtering() else new_rows
        self._all.extend(new_rows)
        if visible:
            self.beginInsertRows(QModelIndex(), 0, len(visible) - 1)
            if self._pos is not None:  # appending keeps existing internal indexes valid
                base = len(self._rows)
                self._pos.update((r.id, base + i) for i, r in enumerate(visible))
            self._rows.extend(visible)
            self.endInsertRows()
        for r in new_rows:
            if r.rank >= URGENT_RANK:
                self.urgentArrived.emit(r.id)

    def _merge_loaded(self, rows: list[QueueRow]) -> None:
        """Rows of a start-up page go to their sorted place (arrivals go on top, as they come).

        Pages come newest first, so under the default order (newest on top) a page belongs below
        every row already shown: one insert at the bottom. Otherwise the rows are merged in one
        layout change.
        """
        self._sort_internal(rows)
        key = sort_key(self._sort_col)
        below_all = not self._all or (
            key(rows[-1]) >= key(self._all[0]) if self._sort_order == Qt.SortOrder.AscendingOrder
            else key(rows[-1]) <= key(self._all[0])
        )
        if not below_all:
            self._all.extend(rows)
            self._relayout(resort=True)
            return
        now = self._now_ts()
        visible = [r for r in rows if self._passes(r, now)] if self._filtering() else rows
        self._all[0:0] = rows
        if visible:
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n + len(visible) - 1)  # internal start = display bottom
            self._rows[0:0] = visible
            self._pos = None
            self.endInsertRows()

    def _apply_changes(self, events: list[Event]) -> None:
        now = self._now_ts()
        filtering = self._filtering()
        flipped = False
        touched: list[QueueRow] = []
        known = [ev for ev in events if ev.id in self._by_id]
        for ev, fresh in zip(known, self._make_rows(known), strict=True):
            row = self._by_id[ev.id]
            was = self._passes(row, now) if filtering else True
            row.update(fresh)
            now_passes = self._passes(row, now) if filtering else True
            if was != now_passes:
                flipped = True
            elif now_passes:
                touched.append(row)
        if flipped:
            self._relayout(resort=False)
            return
        pos = self._find_rows(touched)
        last = COLUMN_COUNT - 1
        for start, end in contiguous_runs(sorted(pos.values())):
            self.dataChanged.emit(self.index(start, 0), self.index(end, last))

    def _apply_removals(self, ids: set[str]) -> None:
        gone = [r for r in (self._by_id.pop(eid, None) for eid in ids) if r is not None]
        pos = self._find_rows(gone)
        if len(gone) <= REMOVE_SCAN_MAX:
            for r in gone:
                self._all.remove(r)  # identity scan in C: far cheaper than rebuilding the list
        else:
            self._all = [r for r in self._all if r.id not in ids]
        if not pos:
            return
        runs = contiguous_runs(sorted(pos.values()))
        if len(runs) > 32:  # scattered: one layout change is cheaper than many removals
            self._relayout(resort=False)
            return
        for start, end in reversed(runs):
            self.beginRemoveRows(QModelIndex(), start, end)
            n = len(self._rows)
            del self._rows[n - 1 - end : n - start]
            self._pos = None
            self.endRemoveRows()

    # ---- rows ---------------------------------------------------------------------------------------
    def _load(self, events: list[Event]) -> None:
        self.beginResetModel()
        rows = self._make_rows(ev for ev in events if ev.is_open)
        self._by_id = {r.id: r for r in rows}
        self._sort_internal(rows)
        self._all = rows
        now = self._now_ts()
        self._rows = [r for r in rows if self._passes(r, now)] if self._filtering() else list(rows)
        self._pos = None
        self.endResetModel()

    def _make_rows(self, events: Iterable[Event]) -> list[QueueRow]:
        """Rows for a batch: the label tables are looked up (translated) once per batch, not per row."""
        level_text, source_text, state_text = labels.level_labels(), labels.source_labels(), labels.state_labels()
        cat_cache, category_name = self._cat_cache, self._category_name
        grid_names, grid_name = self._names.grid_names, self._names.grid
        assignee_text = self._assignee_text
        drill = "【" + translate("QueueModel", "演练") + "】"  # exercise/test messages are tagged
        seat = self._seat
        officers = getattr(self._room, "claim_officers", None) or {}
        now: datetime | None = None
        rows = []
        for ev in events:
            cat = cat_cache.get(ev.category)
            if cat is None:
                cat = cat_cache[ev.category] = category_name(ev.category)
            gid = ev.grid_id
            grid = grid_names.get(gid) if gid is not None else ""
            disp = (
                level_text[ev.level],
                "",
                drill + ev.title if ev.extra and ev.is_exercise else ev.title,
                cat,
                grid if grid is not None else grid_name(gid),
                # a report from another room (issue 18) names it: "网格员上报 · 云港街道"
                f"{source_text[ev.source]} · {via}" if (via := ev.extra.get("link_label")) else source_text[ev.source],
                "",
                state_text[ev.state],
                assignee_text(ev.assignees) if ev.assignees else "",
            )
            if ev.claimed_by is not None and ev.claimed_by != seat and ev.claim_until is not None:
                now = now or self._clock()
                if ev.claim_until > now:  # another seat is working on it (issue 14)
                    disp = (*disp[:COL_STATUS], self._claim_text(ev.claimed_by, officers.get(ev.id)),
                            *disp[COL_STATUS + 1:])
            rows.append(QueueRow(ev, disp))
        return rows

    @staticmethod
    def _claim_text(seat: str, officer: str | None) -> str:
        who = f"{seat}·{officer}" if officer else seat
        return translate("QueueModel", "%1 正在研判").replace("%1", who)

    def _make_row(self, ev: Event) -> QueueRow:
        return self._make_rows((ev,))[0]

    def _assignee_text(self, assignees: list[str]) -> str:
        if not assignees:
            return ""
        key = tuple(assignees)
        text = self._unit_cache.get(key)
        if text is None:
            text = self._unit_cache[key] = "、".join(self._names.unit(a) for a in assignees)
        return text

    def _positions(self) -> dict[str, int]:
        if self._pos is None:
            self._pos = {r.id: i for i, r in enumerate(self._rows)}
        return self._pos

    def _row(self, display_row: int) -> QueueRow:
        return self._rows[len(self._rows) - 1 - display_row]

    def _find_rows(self, rows: list[QueueRow]) -> dict[str, int]:
        """Display rows of some rows (absent ones left out), without a full map for a few."""
        last = len(self._rows) - 1
        if self._pos is None and len(rows) <= SCAN_MAX:
            out: dict[str, int] = {}
            for r in rows:
                at = self._locate(r)
                if at is not None:
                    out[r.id] = last - at
            return out
        pos = self._positions()
        return {r.id: last - pos[r.id] for r in rows if r.id in pos}

    def _locate(self, r: QueueRow) -> int | None:
        """Internal index of a row: a binary search on the sort key (the rows are in sorted order
        unless a change moved a key since), then an identity scan as the fallback."""
        rows = self._rows
        key = sort_key(self._sort_col)
        descending = self._sort_order == Qt.SortOrder.AscendingOrder  # internal order is reversed
        try:
            k = key(r)
            lo, hi = 0, len(rows)
            while lo < hi:
                mid = (lo + hi) // 2
                km = key(rows[mid])
                if (km > k) if descending else (km < k):
                    lo = mid + 1
                else:
                    hi = mid
            for i in range(lo, min(lo + SCAN_MAX, len(rows))):
                other = rows[i]
                if other is r:
                    return i
                if key(other) != k:
                    break
        except TypeError:  # keys that do not compare (mixed types): scan
            pass
        try:
            return rows.index(r)  # identity scan in C
        except ValueError:
            return None

    def _now_ts(self) -> float:
        return self._clock().timestamp()

    # ---- filtering / sorting ------------------------------------------------------------------------
    def _filtering(self) -> bool:
        return self._filter.active

    def _passes(self, r: QueueRow, now: float) -> bool:
        return passes(r, self._filter, now, self._seat)

    def _filtered(self, rows: list[QueueRow]) -> list[QueueRow]:
        if not self._filtering():
            return list(rows)
        return filter_rows(rows, self._filter, self._now_ts(), self._seat)

    def _sort_internal(self, rows: list[QueueRow]) -> None:
        """Sort into internal (bottom-up) order: the display order reversed."""
        rows.sort(key=sort_key(self._sort_col), reverse=self._sort_order == Qt.SortOrder.AscendingOrder)

    def _relayout(self, *, resort: bool) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        n = len(self._rows)
        old_rows = [(self._row(p.row()) if 0 <= p.row() < n else None, p.column()) for p in old]
        with gc_paused():
            if resort:
                self._sort_internal(self._all)
            self._rows = self._filtered(self._all)
            self._pos = None
            if old:
                unique = list({id(r): r for r, _c in old_rows if r is not None}.values())
                pos = self._find_rows(unique)
                new = []
                for r, col in old_rows:
                    at = pos.get(r.id) if r is not None else None
                    new.append(self.index(at, col) if at is not None else QModelIndex())
                self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
        self.countsChanged.emit(len(self._rows), len(self._all))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort_col = column
        self._sort_order = order
        self._relayout(resort=True)

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_col, self._sort_order

    @property
    def queue_filter(self) -> QueueFilter:
        return self._filter

    def set_filter(self, flt: QueueFilter | None = None, **changes: Any) -> None:
        """Replace the filter (or change some facets of it) and re-filter in one layout change."""
        new = flt if flt is not None else self._filter
        if changes:
            new = replace(new, **changes)
        if new == self._filter:
            return
        self._filter = new
        self._relayout(resort=False)

    # ---- queries -------------------------------------------------------------------------------------
    def event_at(self, row: int) -> Event | None:
        return self._row(row).ev if 0 <= row < len(self._rows) else None

    def row_of(self, event_id: str) -> int:
        at = self._positions().get(event_id)
        return -1 if at is None else len(self._rows) - 1 - at

    def live_count(self) -> int:
        return len(self._all)

    def event_ids(self) -> list[str]:
        return [r.id for r in reversed(self._rows)]

    def countdown(self, row: int) -> int | None:
        r = self._row(row)
        return int(self._now_ts() - r.base_ts) if r.undispatched else None

    # ---- timers --------------------------------------------------------------------------------------
    def tick(self) -> None:
        """Refresh the countdown column (every tick) and the age column (every 30 ticks)."""
        self._ticks += 1
        n = len(self._rows)
        if not n:
            return
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, CountdownRole]
        self.dataChanged.emit(self.index(0, COL_COUNTDOWN), self.index(n - 1, COL_COUNTDOWN), roles)
        if self._ticks % 30 == 0:
            self.dataChanged.emit(
                self.index(0, COL_AGE), self.index(n - 1, COL_AGE), [Qt.ItemDataRole.DisplayRole]
            )

    # ---- Qt model interface --------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
        return None
