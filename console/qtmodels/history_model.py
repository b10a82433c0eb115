"""Event history as a paged Qt table model (DESIGN §4.3, §4.6, §4.7).

The model never touches the database: it is given a blocking ``search(query, limit, offset)``
callable and runs it off the GUI thread — through ``loop.run_in_executor`` when an asyncio (qasync)
loop is running, otherwise on a ``QThreadPool`` whose result comes back to the GUI thread through a
queued signal. ``canFetchMore``/``fetchMore`` load one page at a time; each page's display strings
are computed before ``endInsertRows``. Every request (and every ``set_query``) starts a new generation:
a page of an older generation that arrives late is dropped, so results of different queries never mix.
"""

from __future__ import annotations

import asyncio
import itertools
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)

from console.domain.event import Event, Source, State
from console.qtmodels import labels
from console.qtmodels.roles import EventIdRole, EventRole, GridIdRole, LevelRole, SourceRole, StateRole

translate = QCoreApplication.translate

_Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100
DEFAULT_TZ = "Asia/Shanghai"
COL_LEVEL, COL_TITLE, COL_CATEGORY, COL_GRID, COL_SOURCE, COL_REPORTED, COL_STATE, COL_ASSIGNEE = range(8)
COLUMN_COUNT = 8


@dataclass(frozen=True, slots=True)
class HistoryQuery:
    """What to look for in the history. ``None`` means "no restriction" for that facet.

    ``since`` is inclusive, ``until`` exclusive (aware datetimes); ``text`` is a substring of the
    title, description or address.
    """

    text: str | None = None
    grid_ids: frozenset[str] | None = None
    since: datetime | None = None
    until: datetime | None = None
    states: frozenset[State] | None = None
    category: str | None = None
    source: Source | None = None

    def as_kwargs(self) -> dict[str, Any]:
        """Keyword arguments in the shape of the event repository's ``search``."""
        return {
            "text": self.text or None,
            "grid_ids": sorted(self.grid_ids) if self.grid_ids is not None else None,
            "since": self.since,
            "until": self.until,
            "states": sorted(self.states) if self.states is not None else None,
            "category": self.category,
            "source": self.source,
        }


SearchFn = Callable[[HistoryQuery, int, int], list[Event]]
_EVENT_ROLES: dict[int, Callable[[Event], Any]] = {
    EventRole: lambda ev: ev,
    EventIdRole: attrgetter("id"),
    LevelRole: attrgetter("level"),
    StateRole: attrgetter("state"),
    SourceRole: attrgetter("source"),
    GridIdRole: attrgetter("grid_id"),
}


def _headers() -> list[str]:
    return [
        translate("HistoryModel", "级别"),
        translate("HistoryModel", "标题"),
        translate("HistoryModel", "类别"),
        translate("HistoryModel", "网格"),
        translate("HistoryModel", "来源"),
        translate("HistoryModel", "上报时间"),
        translate("HistoryModel", "状态"),
        translate("HistoryModel", "责任单位"),
    ]


def error_message(exc: BaseException) -> str:
    """A one-line, user-facing description of a failed history query."""
    detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return translate("HistoryModel", "历史查询失败：%1").replace("%1", str(detail))


# ---- worker-thread delivery (used when no asyncio loop is running) --------------------------------
class _Relay(QObject):
    """Lives in the GUI thread; carries results from pool threads back to it through a queued signal."""

    finished = Signal(int, object)  # job token, (events | None, exception | None)

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self._callbacks: dict[int, tuple[weakref.WeakMethod[Any], tuple[Any, ...]]] = {}
        self._tokens = itertools.count(1)
        self.finished.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)

    def register(self, method: Callable[..., None], *args: Any) -> int:
        """A token for one job; ``method(*args, payload)`` runs in the GUI thread if its owner still lives."""
        token = next(self._tokens)
        self._callbacks[token] = (weakref.WeakMethod(method), args)  # type: ignore[arg-type]
        return token

    def _dispatch(self, token: int, payload: object) -> None:
        ref, args = self._callbacks.pop(token, (None, ()))
        method = ref() if ref is not None else None
        if method is not None:
            method(*args, payload)


_relay_holder: dict[str, _Relay] = {}


def _relay() -> _Relay:
    """The GUI-thread relay (created on first use; recreated if its application went away)."""
    relay = _relay_holder.get("relay")
    if relay is None or not shiboken6.isValid(relay):
        relay = _relay_holder["relay"] = _Relay()
    return relay


def _run_search(relay: _Relay, token: int, fn: Callable[[], list[Event]]) -> None:
    """Body of a pool job: run one blocking search and post the outcome to the GUI-thread relay."""
    try:
        payload: tuple[list[Event] | None, BaseException | None] = (fn(), None)
    except Exception as exc:  # reported to the GUI as a failed page
        payload = (None, exc)
    relay.finished.emit(token, payload)


# ---- the model ---------------------------------------------------------------------------------------
class HistoryModel(QAbstractTableModel):
    """Pages of stored events matching a :class:`HistoryQuery`, newest report first.

    ``search(query, limit, offset) -> list[Event]`` is blocking and is never called on the GUI
    thread. ``grid_name``/``unit_name``/``category_name`` turn ids into display names.
    """

    loading = Signal(bool)
    loaded = Signal(int)  # rows loaded so far for the current query
    failed = Signal(str)  # user-facing message; the model keeps its rows and stays usable
    discarded = Signal()  # a late page of a superseded query arrived and was dropped

    def __init__(
        self,
        search: SearchFn,
        *,
        grid_name: Callable[[str], str] | None = None,
        unit_name: Callable[[str], str] | None = None,
        category_name: Callable[[str], str] | None = None,
        tz: str = DEFAULT_TZ,
        page_size: int = PAGE_SIZE,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._grid_name = grid_name or str
        self._unit_name = unit_name or str
        self._category_name = category_name or labels.category_label
        self._tz = ZoneInfo(tz)
        self._page_size = max(1, int(page_size))
        self._pool = pool
        self._headers = _headers()
        self._rows: list[tuple[Event, tuple[str, ...]]] = []
        self._ids: set[str] = set()
        self._query: HistoryQuery | None = None
        self._generation = 0
        self._fetching = False
        self._exhausted = False
        self._error: str | None = None
        self._future: asyncio.Future[list[Event]] | None = None  # kept so it can be cancelled
        self._names: dict[tuple[str, str], str] = {}

    # ---- queries ---------------------------------------------------------------------------------
    @property
    def query(self) -> HistoryQuery | None:
        return self._query

    @property
    def exhausted(self) -> bool:
        """Every row of the current query has been loaded."""
        return self._exhausted

    @property
    def error(self) -> str | None:
        return self._error

    def is_loading(self) -> bool:
        return self._fetching

    def event_at(self, row: int) -> Event | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def event_by_id(self, event_id: str) -> Event | None:
        return self.event_at(self.row_of(event_id))

    def row_of(self, event_id: str) -> int:
        for i, (ev, _disp) in enumerate(self._rows):
            if ev.id == event_id:
                return i
        return -1

    # ---- commands --------------------------------------------------------------------------------
    def set_query(self, query: HistoryQuery) -> None:
        """Forget the loaded rows (and any page still loading) and load the first page of ``query``."""
        self._supersede()
        self.beginResetModel()
        self._rows = []
        self._ids = set()
        self._query = query
        self._exhausted = False
        self._error = None
        self._fetching = True  # a fetchMore from a reset listener must not start a second request
        self.endResetModel()
        self._start_fetch()

    def refresh(self) -> None:
        """Run the current query again from its first page."""
        if self._query is not None:
            self.set_query(self._query)

    def retry(self) -> None:
        """After a failure, load the page that failed again."""
        if self._query is not None and self._error is not None and not self._fetching:
            self._error = None
            self._start_fetch()

    def cancel(self) -> None:
        """Drop any page still loading (e.g. when the console closes)."""
        was = self._fetching
        self._supersede()
        if was:
            self.loading.emit(False)

    def _supersede(self) -> None:
        self._generation += 1
        self._fetching = False
        if self._future is not None:
            self._future.cancel()  # only stops a job not started yet; a running one is ignored
            self._future = None

    # ---- paging ----------------------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._query is not None
            and not self._exhausted
            and not self._fetching
            and self._error is None
        )

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._start_fetch()

    def _start_fetch(self) -> None:
        assert self._query is not None
        self._fetching = True
        self._generation += 1
        gen = self._generation
        fn = partial(self._search, self._query, self._page_size, len(self._rows))
        self.loading.emit(True)
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            fut = loop.run_in_executor(None, fn)
            self._future = fut
            fut.add_done_callback(partial(self._future_done, gen))
        else:
            relay = _relay()
            token = relay.register(self._job_done, gen)
            job = QRunnable.create(partial(_run_search, relay, token, fn))  # auto-deleted by the pool
            (self._pool or QThreadPool.globalInstance()).start(job)

    def _future_done(self, gen: int, fut: asyncio.Future[list[Event]]) -> None:
        if fut.cancelled():
            if shiboken6.isValid(self):
                self.discarded.emit()
            return
        exc = fut.exception()  # always retrieved, so a dropped failure is never logged as unhandled
        self._deliver(gen, None if exc is not None else fut.result(), exc)

    def _job_done(self, gen: int, payload: object) -> None:
        events, exc = payload  # type: ignore[misc]
        self._deliver(gen, events, exc)

    def _deliver(self, gen: int, events: list[Event] | None, exc: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return  # the model is gone
        if gen != self._generation or not self._fetching:
            self.discarded.emit()  # superseded by a newer query
            return
        self._future = None
        if exc is not None or events is None:
            self._error = error_message(exc if exc is not None else RuntimeError("no result"))
            self._fetching = False
            self.loading.emit(False)
            self.failed.emit(self._error)
            return
        if len(events) < self._page_size:
            self._exhausted = True
        fresh = []
        for ev in events:
            if ev.id not in self._ids:  # offset paging may repeat a row when new reports arrive
                self._ids.add(ev.id)
                fresh.append((ev, self._display(ev)))
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()  # still "fetching" here: listeners cannot start a nested request
        self._fetching = False
        self.loading.emit(False)
        self.loaded.emit(len(self._rows))

    def _name(self, kind: str, key: str, fn: Callable[[str], str]) -> str:
        name = self._names.get((kind, key))
        if name is None:
            name = self._names[(kind, key)] = fn(key)
        return name

    def _display(self, ev: Event) -> tuple[str, ...]:
        return (
            labels.level_labels()[ev.level],
            ev.title,
            self._name("c", ev.category, self._category_name),
            self._name("g", ev.grid_id, self._grid_name) if ev.grid_id else "",
            labels.source_labels()[ev.source],
            ev.reported_at.astimezone(self._tz).strftime("%m-%d %H:%M"),
            labels.state_labels()[ev.state],
            "、".join(self._name("u", a, self._unit_name) for a in ev.assignees),
        )

    # ---- Qt model interface ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT
        return self._headers[section] if horizontal and role == Qt.ItemDataRole.DisplayRole else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ev, disp = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return disp[col]
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole):
            return labels.level_color(ev.level) if col == COL_LEVEL else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TITLE:
                addr = ev.location.address if ev.location is not None and ev.location.address else ""
                return f"{ev.title}\n{addr}".strip()
            if col == COL_REPORTED:
                return ev.reported_at.astimezone(self._tz).strftime("%Y-%m-%d %H:%M:%S")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter) if col in (COL_LEVEL, COL_REPORTED) else None
        getter = _EVENT_ROLES.get(role)
        return getter(ev) if getter is not None else None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update({EventIdRole: b"eventId", LevelRole: b"level", StateRole: b"state"})
        return names
