"""GridTreeModel and GridTreeView: subtree aggregation, police branch, throttled counts, queue filter."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from ui_factories import FakeClock, make_event, small_district

from console.qtmodels.grid_tree_model import (
    COL_NAME,
    COL_ON_DUTY,
    COL_OPEN,
    COL_OVERDUE,
    POLICE_BRANCH_ID,
    GridTreeModel,
)
from console.qtmodels.queue_model import QueueModel
from console.qtmodels.roles import EventIdRole, GridIdNodeRole, SubtreeIdsRole
from console.services.bus import Bus
from console.services.room import Room
from console.views.grid_tree_view import GridTreeView
from console.views.queue_view import QueueView


@pytest.fixture
def setup(qtbot):
    bus = Bus()
    clock = FakeClock()
    room = Room(bus, clock=clock)
    district = small_district()
    overdue = clock.now - timedelta(minutes=5)
    room.load(
        [
            make_event(1, grid_id="m1"),
            make_event(2, grid_id="m1", deadline_at=overdue),
            make_event(3, grid_id="m2"),
            make_event(4, grid_id="m3"),
            make_event(5, grid_id="c2", reported_at=clock.now - timedelta(days=2)),
        ]
    )
    return bus, clock, room, district


def test_tree_model_passes_modeltester(qtbot, qtmodeltester, setup):
    bus, _clock, room, district = setup
    model = GridTreeModel(district, room, bus)
    qtmodeltester.check(model)


def test_structure_and_police_branch(qtbot, setup):
    bus, _clock, room, district = setup
    model = GridTreeModel(district, room, bus)
    assert model.rowCount() == 2  # the street, then the 警格 branch
    street = model.index(0, COL_NAME)
    assert street.data() == "西港街道"
    assert model.index(0, 1).data() == "街道"
    police = model.index(1, COL_NAME)
    assert police.data() == "警格"
    assert police.data(GridIdNodeRole) == POLICE_BRANCH_ID
    assert model.rowCount(police) == 1
    assert model.index(0, 0, police).data() == "海湾警格"
    assert police.data(SubtreeIdsRole) == frozenset({"p1"})
    assert street.data(SubtreeIdsRole) == district.subtree_ids("s")
    c1 = model.index_of("c1")
    assert model.parent(c1).data(GridIdNodeRole) == "b1"


def test_counts_are_aggregated_over_subtrees(qtbot, setup):
    bus, _clock, room, district = setup
    model = GridTreeModel(district, room, bus)
    assert model.counts("s") == (5, 1, 4)
    assert model.counts("c1") == (3, 1, 3)
    assert model.counts("m1") == (2, 1, 2)
    assert model.counts("b2") == (2, 0, 1)
    assert model.index_of("m1").siblingAtColumn(COL_OVERDUE).data() == "1"
    assert model.index_of("s").siblingAtColumn(COL_OPEN).data() == "5"
    assert model.index_of("m1").siblingAtColumn(COL_OVERDUE).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_on_duty_members_as_count_and_tooltip(qtbot, setup):
    bus, _clock, room, district = setup
    model = GridTreeModel(district, room, bus)
    m1 = model.index_of("m1")
    assert m1.siblingAtColumn(COL_ON_DUTY).data() == "1"
    assert "张伟" in m1.data(Qt.ItemDataRole.ToolTipRole)
    assert "李娜" not in m1.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index_of("s").siblingAtColumn(COL_ON_DUTY).data() == "2"  # 张伟 + 王强


def test_recompute_is_throttled_and_narrow(qtbot, qtmodeltester, setup):
    bus, _clock, room, district = setup
    model = GridTreeModel(district, room, bus, throttle_ms=30)
    changed: list[str] = []
    model.dataChanged.connect(lambda a, b, _r=None: changed.append(a.data(GridIdNodeRole)))
    updates: list[int] = []
    model.countsUpdated.connect(lambda: updates.append(1))
    with qtbot.waitSignal(model.countsUpdated, timeout=2000):
        for i in range(20, 25):
            room.upsert([make_event(i, grid_id="m3")])
    assert updates == [1]  # five publications → one recompute
    assert sorted(changed) == ["b2", "c2", "m3", "s"]  # only the path to m3 changed
    assert model.counts("m3") == (6, 0, 6)
    qtmodeltester.check(model)


def test_selecting_a_node_filters_the_queue(qtbot, setup):
    bus, clock, room, district = setup
    tree_model = GridTreeModel(district, room, bus)
    tree = GridTreeView(tree_model)
    qtbot.addWidget(tree)
    queue_model = QueueModel(room, bus, district=district, clock=clock, tick_ms=0)
    queue = QueueView(queue_model)
    qtbot.addWidget(queue)
    tree.gridSelected.connect(lambda gid, sub: queue.set_grid_filter(tree.grid_name(gid), sub))
    tree.gridCleared.connect(lambda: queue.set_grid_filter("", None))
    with qtbot.waitSignal(tree.gridSelected, timeout=1000) as blocker:
        assert tree.select_grid("c1")
    assert blocker.args[0] == "c1"
    assert blocker.args[1] == frozenset({"c1", "m1", "m2"})
    shown = {queue_model.data(queue_model.index(r, 0), EventIdRole) for r in range(queue_model.rowCount())}
    assert shown == {"ev-000001", "ev-000002", "ev-000003"}
    assert "海湾社区" in queue.grid_chip.text()
    with qtbot.waitSignal(tree.gridCleared, timeout=1000):
        tree.clear_selection()
    assert queue_model.rowCount() == 5


def test_many_changed_parents_are_announced_over_several_turns(qtbot, qtmodeltester, setup, monkeypatch):
    """A count refresh touching many parents emits its dataChanged spans in slices: all arrive."""
    import console.qtmodels.grid_tree_model as gtm

    monkeypatch.setattr(gtm, "ANNOUNCE_CELLS", 1)  # one span per event-loop turn
    bus, _clock, room, district = setup
    model = GridTreeModel(district, room, bus, throttle_ms=10)
    changed: set[str] = set()
    model.dataChanged.connect(lambda a, b, _r=None: changed.update(
        model.index(r, 0, a.parent()).data(GridIdNodeRole) for r in range(a.row(), b.row() + 1)))
    with qtbot.waitSignal(model.countsUpdated, timeout=2000):
        room.upsert([make_event(30, grid_id="m1"), make_event(31, grid_id="m3"), make_event(32, grid_id="p1")])
    qtbot.waitUntil(lambda: {"s", "b1", "b2", "c1", "c2", "m1", "m3", "p1"} <= changed, timeout=2000)
    assert model.counts("m3") == (2, 0, 2)
    assert model.index_of("p1").siblingAtColumn(COL_OPEN).data() == "1"
    qtmodeltester.check(model)
