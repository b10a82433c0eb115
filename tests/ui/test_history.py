"""HistoryModel / HistoryView: async paging, superseded queries, failures, a real SQLite store."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta

import pytest
import qasync
from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from ui_factories import T0, FakeClock, make_event, small_district

from console.domain.event import Event, Level, Source, State
from console.qtmodels.district_index import NameIndex
from console.qtmodels.history_model import (
    COL_GRID,
    COL_REPORTED,
    COL_STATE,
    COL_TITLE,
    HistoryModel,
    HistoryQuery,
)
from console.qtmodels.roles import EventIdRole, EventRole
from console.views.history_view import HistoryView, time_window

Display = Qt.ItemDataRole.DisplayRole


class FakeSearch:
    """A blocking search over in-memory events, newest first; records every call."""

    def __init__(self, events: list[Event]) -> None:
        self.events = sorted(events, key=lambda e: e.reported_at, reverse=True)
        self.calls: list[tuple[HistoryQuery, int, int]] = []
        self.fail_with: Exception | None = None
        self.gates: dict[str, threading.Event] = {}  # query text → gate the call waits on
        self.lock = threading.Lock()

    def __call__(self, query: HistoryQuery, limit: int, offset: int) -> list[Event]:
        with self.lock:
            self.calls.append((query, limit, offset))
        gate = self.gates.get(query.text or "")
        if gate is not None:
            assert gate.wait(10), "gate never opened"
        if self.fail_with is not None:
            raise self.fail_with
        hits = [
            e
            for e in self.events
            if (not query.text or query.text in e.title)
            and (query.grid_ids is None or e.grid_id in query.grid_ids)
            and (query.states is None or e.state in query.states)
            and (query.since is None or e.reported_at >= query.since)
        ]
        return hits[offset : offset + limit]


def history_events(n: int) -> list[Event]:
    return [
        make_event(i, state=State.CLOSED if i % 2 else State.REJECTED, assignees=["dept.cg"] if i % 3 else [])
        for i in range(n)
    ]


@pytest.fixture
def pool():
    p = QThreadPool()
    p.setMaxThreadCount(4)  # a gated (blocked) search must not starve the next one
    yield p
    assert p.waitForDone(10_000)


def make_model(search, pool, **kw) -> HistoryModel:
    names = NameIndex(small_district())
    return HistoryModel(search, grid_name=names.grid, unit_name=names.unit, pool=pool, **kw)


def ids(model: HistoryModel) -> list[str]:
    return [model.data(model.index(r, 0), EventIdRole) for r in range(model.rowCount())]


def load_next(qtbot, model: HistoryModel) -> int:
    with qtbot.waitSignal(model.loaded, timeout=5000) as blocker:
        model.fetchMore(QModelIndex())
    return blocker.args[0]


def test_pages_of_100_until_exhausted(qtbot, pool):
    search = FakeSearch(history_events(350))
    model = make_model(search, pool)
    assert not model.canFetchMore(QModelIndex())  # no query yet
    with qtbot.waitSignal(model.loaded, timeout=5000) as first:
        model.set_query(HistoryQuery())
    totals = [first.args[0]]
    while model.canFetchMore(QModelIndex()):
        totals.append(load_next(qtbot, model))
    assert totals == [100, 200, 300, 350]
    assert [(limit, offset) for _q, limit, offset in search.calls] == [(100, 0), (100, 100), (100, 200), (100, 300)]
    assert model.rowCount() == 350
    assert model.exhausted
    assert ids(model) == [e.id for e in search.events]
    assert not model.canFetchMore(QModelIndex())
    assert not model.canFetchMore(model.index(0, 0))


def test_display_and_roles(qtbot, pool):
    ev = make_event(3, state=State.CLOSED, assignees=["dept.cg", "u1"], level=Level.MAJOR, grid_id="m1")
    ev = ev.copy(reported_at=datetime(2026, 3, 5, 23, 30, tzinfo=UTC))  # 07:30 next day in Shanghai
    model = make_model(FakeSearch([ev]), pool)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(HistoryQuery())
    assert model.exhausted
    row = [model.data(model.index(0, c), Display) for c in range(model.columnCount())]
    assert row[0] == "重大"
    assert row[COL_TITLE] == ev.title
    assert row[COL_GRID] == "海湾一号微网格"
    assert row[COL_REPORTED] == "03-06 07:30"
    assert row[COL_STATE] == "已结案"
    assert row[-1] == "城管执法、张伟"
    assert model.data(model.index(0, 0), EventRole) is ev
    assert model.event_by_id(ev.id) is ev
    assert model.row_of(ev.id) == 0
    assert model.headerData(COL_REPORTED, Qt.Orientation.Horizontal) == "上报时间"


def test_modeltester_through_pages_and_reset(qtbot, qtmodeltester, pool):
    search = FakeSearch(history_events(250))
    model = make_model(search, pool)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(HistoryQuery())
    qtmodeltester.check(model)  # may itself call fetchMore: let that page land
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=5000)
    while model.canFetchMore(QModelIndex()):
        load_next(qtbot, model)
    assert model.rowCount() == 250
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(HistoryQuery(text="占道"))
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=5000)
    assert all("占道" in model.data(model.index(r, COL_TITLE)) for r in range(model.rowCount()))
    qtmodeltester.check(model)


def test_superseded_query_late_page_is_dropped(qtbot, pool):
    search = FakeSearch(history_events(400))
    slow = search.gates["垃圾"] = threading.Event()
    model = make_model(search, pool)
    model.set_query(HistoryQuery(text="垃圾"))  # blocks in the worker until the gate opens
    assert model.is_loading()
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(HistoryQuery(text="占道"))
    newer = ids(model)
    assert newer
    assert all("占道" in model.event_at(r).title for r in range(model.rowCount()))
    with qtbot.waitSignal(model.discarded, timeout=5000):
        slow.set()
    assert ids(model) == newer  # nothing of the old query mixed in
    assert model.query == HistoryQuery(text="占道")
    # the next page continues the new query, not the old one
    assert model.canFetchMore(QModelIndex())
    load_next(qtbot, model)
    assert all("占道" in model.event_at(r).title for r in range(model.rowCount()))
    assert search.calls[-1][0].text == "占道"
    assert search.calls[-1][2] == 100


def test_failure_reports_message_and_model_stays_usable(qtbot, qtmodeltester, pool):
    search = FakeSearch(history_events(150))
    model = make_model(search, pool)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(HistoryQuery())
    search.fail_with = RuntimeError("database is locked")
    with qtbot.waitSignal(model.failed, timeout=5000) as failed:
        model.fetchMore(QModelIndex())
    assert failed.args[0] == "历史查询失败：database is locked"
    assert model.error == failed.args[0]
    assert model.rowCount() == 100  # the first page stays
    assert not model.is_loading()
    assert not model.canFetchMore(QModelIndex())  # no retry storm from the view
    qtmodeltester.check(model)
    search.fail_with = None
    with qtbot.waitSignal(model.loaded, timeout=5000) as loaded:
        model.retry()
    assert loaded.args[0] == 150
    assert model.error is None
    assert model.exhausted


def test_failure_on_first_page_then_new_query(qtbot, pool):
    search = FakeSearch(history_events(10))
    search.fail_with = ValueError("bad filter")
    model = make_model(search, pool)
    with qtbot.waitSignal(model.failed, timeout=5000) as failed:
        model.set_query(HistoryQuery(text="x"))
    assert "bad filter" in failed.args[0]
    assert model.rowCount() == 0
    search.fail_with = None
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(HistoryQuery())
    assert model.rowCount() == 10


def test_runs_in_executor_when_an_asyncio_loop_runs(qapp, qtbot):
    search = FakeSearch(history_events(130))
    gui_thread = threading.get_ident()
    threads: list[int] = []

    def tracking(query, limit, offset):
        threads.append(threading.get_ident())
        return search(query, limit, offset)

    model = make_model(tracking, None)
    totals: list[int] = []
    model.loaded.connect(totals.append)

    async def scenario() -> None:
        done = asyncio.Event()
        model.loaded.connect(lambda _n: done.set())
        model.set_query(HistoryQuery())
        await asyncio.wait_for(done.wait(), 5)
        done.clear()
        model.fetchMore(QModelIndex())
        await asyncio.wait_for(done.wait(), 5)

    loop = qasync.QEventLoop(qapp)
    try:
        loop.run_until_complete(scenario())
    finally:
        loop.close()
    assert totals == [100, 130]
    assert threads
    assert gui_thread not in threads
    assert model.exhausted


def test_executor_path_drops_a_superseded_query(qapp):
    search = FakeSearch(history_events(400))
    gate = search.gates["垃圾"] = threading.Event()
    model = make_model(search, None)
    seen: list[str] = []

    async def scenario() -> None:
        loaded = asyncio.Event()
        model.loaded.connect(lambda _n: loaded.set())
        model.discarded.connect(lambda: seen.append("discarded"))
        model.set_query(HistoryQuery(text="垃圾"))  # its worker blocks on the gate
        model.set_query(HistoryQuery(text="占道"))
        await asyncio.wait_for(loaded.wait(), 5)
        seen.extend(model.event_at(r).title for r in range(model.rowCount()))
        gate.set()

    loop = qasync.QEventLoop(qapp)
    try:
        loop.run_until_complete(scenario())
    finally:
        gate.set()
        loop.close()  # waits for the executor: the gated search has finished
    assert seen[0] == "discarded"
    assert len(seen) == 101
    assert all("占道" in t for t in seen[1:])
    assert model.rowCount() == 100
    assert model.query == HistoryQuery(text="占道")


# ---- the view ----------------------------------------------------------------------------------------
def make_view(qtbot, search, pool, clock=None) -> HistoryView:
    model = make_model(search, pool)
    view = HistoryView(model, clock=clock or FakeClock(T0))
    qtbot.addWidget(view)
    return view


def test_view_scrolling_fetches_more_and_shows_status(qtbot, pool):
    search = FakeSearch(history_events(250))
    view = make_view(qtbot, search, pool)
    view.resize(900, 400)
    assert view.model.query is None
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.show()  # the first search runs when the dock is first shown
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.window_combo.setCurrentIndex(3)  # 全部: searches again
    qtbot.waitUntil(lambda: view.model.rowCount() >= 100 and not view.model.is_loading(), timeout=5000)
    assert view.status_text().startswith("已加载 ")
    rows = view.model.rowCount()
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.table.scrollToBottom()
    assert view.model.rowCount() > rows
    qtbot.waitUntil(lambda: not view.model.is_loading(), timeout=5000)
    while view.model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(view.model.loaded, timeout=5000):
            view.table.scrollToBottom()
        qtbot.waitUntil(lambda: not view.model.is_loading(), timeout=5000)
    assert view.model.rowCount() == 250
    assert view.status_text() == "已加载 250 条（已全部加载）"


def test_view_status_loading_and_error(qtbot, pool):
    search = FakeSearch(history_events(20))
    gate = search.gates["井盖"] = threading.Event()
    view = make_view(qtbot, search, pool)
    view.search_edit.setText("井盖")
    view.search_now()
    assert view.status_text() == "加载中…"
    search.fail_with = OSError("disk I/O error")
    with qtbot.waitSignal(view.model.failed, timeout=5000):
        gate.set()
    assert view.status_text() == "历史查询失败：disk I/O error"
    assert "color" in view.status_label.styleSheet()
    assert not view.retry_button.isHidden()
    search.fail_with = None
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.retry_button.click()
    assert view.status_label.styleSheet() == ""
    assert view.retry_button.isHidden()


def test_view_builds_query_from_bar_and_grid_filter(qtbot, pool):
    search = FakeSearch(history_events(40))
    clock = FakeClock(T0)  # 10:00 in Shanghai
    view = make_view(qtbot, search, pool, clock=clock)
    view.window_combo.setCurrentIndex(0)  # 今天
    qtbot.waitUntil(lambda: not view.model.is_loading(), timeout=5000)
    q = view.model.query
    assert q is not None
    assert q.since == datetime(2026, 11, 21, 16, 0, tzinfo=UTC)
    view.state_combo.setCurrentIndex(view.state_combo.findText("不予立案"))
    qtbot.waitUntil(lambda: not view.model.is_loading(), timeout=5000)
    view.source_combo.setCurrentIndex(view.source_combo.findText("12345热线"))
    qtbot.waitUntil(lambda: not view.model.is_loading(), timeout=5000)
    q = view.model.query
    assert q.states == frozenset({State.REJECTED})
    assert q.source is Source.HOTLINE_12345
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.set_grid_filter(frozenset({"m1", "m2"}), "海湾社区")
    assert view.model.query.grid_ids == frozenset({"m1", "m2"})
    assert view.grid_chip.text() == "网格：海湾社区"
    assert not view.grid_chip.isHidden()
    with qtbot.waitSignals([view.gridFilterCleared, view.model.loaded], timeout=5000):
        view.grid_clear.click()
    assert view.model.query.grid_ids is None
    assert view.grid_chip.isHidden()
    assert time_window("30d", T0, view._tz) == T0 - timedelta(days=30)
    assert time_window("all", T0, view._tz) is None


def test_view_double_click_emits_event_id(qtbot, pool):
    search = FakeSearch(history_events(5))
    view = make_view(qtbot, search, pool)
    view.resize(900, 400)
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.show()
    qtbot.waitExposed(view)
    index = view.model.index(2, COL_TITLE)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.eventActivated, timeout=2000) as activated:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [view.model.event_at(2).id]
    view.table.setCurrentIndex(view.model.index(4, 0))
    with qtbot.waitSignal(view.eventActivated, timeout=2000) as activated:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert activated.args == [view.model.event_at(4).id]


# ---- a real store ------------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    from console.store import open_store

    s = open_store(f"sqlite:///{tmp_path}/h.db")
    yield s
    s.close()


def test_view_finds_chinese_substring_in_a_real_store(qtbot, pool, store):
    now = datetime.now(UTC)
    titles = ["海湾路井盖缺失", "山前社区占道经营", "楼道堆放杂物", "海湾二号井盖松动", "噪音扰民"]
    events = [
        make_event(i, now=now, title=titles[i % len(titles)], state=State.CLOSED if i % 2 else State.NEW)
        for i in range(260)
    ]
    store.events.insert_many(events)

    def search(query: HistoryQuery, limit: int, offset: int) -> list[Event]:
        return store.events.search(**query.as_kwargs(), limit=limit, offset=offset)

    view = make_view(qtbot, search, pool, clock=lambda: datetime.now(UTC))
    view.resize(900, 400)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not view.model.is_loading(), timeout=10_000)
    view.search_edit.setText("井盖")  # QTest.keyClicks only types Latin-1
    with qtbot.waitSignal(view.model.loaded, timeout=10_000):
        qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)
    model = view.model
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    while model.canFetchMore(QModelIndex()):
        load_next(qtbot, model)
    found = [model.event_at(r) for r in range(model.rowCount())]
    assert len(found) == 104  # two of every five titles
    assert all("井盖" in ev.title for ev in found)
    assert [ev.reported_at for ev in found] == sorted((ev.reported_at for ev in found), reverse=True)
    view.state_combo.setCurrentIndex(view.state_combo.findText("已结案"))
    qtbot.waitUntil(lambda: not model.is_loading() and model.query.states is not None, timeout=10_000)
    while model.canFetchMore(QModelIndex()):
        load_next(qtbot, model)
    assert model.rowCount() == 52
    assert {model.event_at(r).state for r in range(model.rowCount())} == {State.CLOSED}
    view.search_edit.clear()  # the clear button shows everything again (closed only)
    qtbot.waitUntil(lambda: not model.is_loading() and not model.query.text, timeout=10_000)
    assert "占道经营" in {model.event_at(r).title[-4:] for r in range(model.rowCount())}
