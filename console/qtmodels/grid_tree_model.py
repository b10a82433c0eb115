"""The district's grid hierarchy as a Qt tree model with live per-subtree counts.

Top level: the governance tree's roots, then one "警格" branch holding the police grids (an overlay,
not part of the governance tree). Counts (open / overdue / reported today) come from
``room.counts_by_grid()`` and are summed over each node's subtree; they are recomputed on the bus
``grid_counts_changed`` at most every ``throttle_ms`` (1 s) and changed nodes emit one ``dataChanged``
per parent, spread over a few event-loop turns when many change (a tree view handles each cell of a
span in Python calls).
"""

from __future__ import annotations

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
from PySide6.QtGui import QColor

from console.domain.district import District
from console.domain.grid import Grid, Member
from console.qtmodels import labels
from console.qtmodels.roles import (
    GridIdNodeRole,
    OnDutyRole,
    OpenCountRole,
    OverdueCountRole,
    SubtreeIdsRole,
    TodayCountRole,
)
from console.services.bus import Bus
from console.services.room import Room

translate = QCoreApplication.translate

COL_NAME, COL_LEVEL, COL_OPEN, COL_OVERDUE, COL_TODAY, COL_ON_DUTY = range(6)
COLUMN_COUNT = 6
POLICE_BRANCH_ID = "__police__"
_Index = QModelIndex | QPersistentModelIndex
_OVERDUE = QColor(labels.RED)
_COUNT_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, OpenCountRole, OverdueCountRole,
                TodayCountRole]
ANNOUNCE_CELLS = 150  # dataChanged cells announced per event-loop turn (see GridTreeModel._announce)


def _depth(node: _Node) -> int:
    d = 0
    while node.parent is not None:
        node, d = node.parent, d + 1
    return d


class _Node:
    __slots__ = (
        "grid_id",
        "name",
        "level_name",
        "parent",
        "children",
        "row",
        "subtree",
        "counts",
        "duty",
        "duty_total",
    )

    def __init__(self, grid_id: str, name: str, level_name: str, parent: _Node | None, row: int) -> None:
        self.grid_id = grid_id
        self.name = name
        self.level_name = level_name
        self.parent = parent
        self.children: list[_Node] = []
        self.row = row
        self.subtree: frozenset[str] = frozenset()
        self.counts: tuple[int, int, int] = (0, 0, 0)
        self.duty: list[Member] = []
        self.duty_total = 0


class GridTreeModel(QAbstractItemModel):
    countsUpdated = Signal()

    def __init__(
        self,
        district: District,
        room: Room | None,
        bus: Bus,
        *,
        throttle_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._district = district
        self._room = room
        self._headers = [
            translate("GridTreeModel", "网格"),
            translate("GridTreeModel", "层级"),
            translate("GridTreeModel", "在办"),
            translate("GridTreeModel", "超期"),
            translate("GridTreeModel", "今日"),
            translate("GridTreeModel", "在岗"),
        ]
        self._roots: list[_Node] = []
        self._by_id: dict[str, _Node] = {}
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(throttle_ms)
        self._timer.timeout.connect(self.recompute)
        # dataChanged spans not yet announced: parent key → (first, last) changed child
        self._unannounced: dict[int, tuple[_Node, _Node]] = {}
        self._announce_timer = QTimer(self)
        self._announce_timer.setSingleShot(True)
        self._announce_timer.setInterval(1)  # not 0: Qt runs zero timers ahead of due ones
        self._announce_timer.timeout.connect(self._announce)
        self.recompute()
        bus.subscribe("grid_counts_changed", self.on_event_grid_counts_changed)
        bus.subscribe("district_changed", self.on_event_district_changed)

    def on_event_district_changed(self) -> None:
        """Grids were imported at another seat or by a tool: the tree is built again (a model reset),
        its counts recomputed."""
        self.beginResetModel()
        self._roots = []
        self._by_id = {}
        self._unannounced.clear()
        self._build()
        self.endResetModel()
        self.recompute()

    # ---- structure ---------------------------------------------------------------------------------
    def _build(self) -> None:
        d = self._district

        def add(grid: Grid, parent: _Node | None, row: int) -> _Node:
            node = _Node(grid.id, grid.name, labels.grid_level_name(d, grid), parent, row)
            node.duty = d.on_duty_members(grid.id)
            self._by_id[grid.id] = node
            node.children = [add(k, node, i) for i, k in enumerate(d.children(grid.id))]
            return node

        self._roots = [add(g, None, i) for i, g in enumerate(d.roots)]
        police = sorted(d.police_grids.values(), key=lambda g: g.id)
        if police:
            branch = _Node(
                POLICE_BRANCH_ID,
                translate("GridTreeModel", "警格"),
                translate("GridTreeModel", "警务网格"),
                None,
                len(self._roots),
            )
            for i, g in enumerate(police):
                node = _Node(g.id, g.name, labels.grid_level_name(d, g), branch, i)
                node.duty = d.on_duty_members(g.id)
                self._by_id[g.id] = node
                branch.children.append(node)
            self._roots.append(branch)
        for root in self._roots:
            self._fill_subtree(root)

    def _fill_subtree(self, node: _Node) -> tuple[frozenset[str], int]:
        ids: set[str] = set() if node.grid_id == POLICE_BRANCH_ID else {node.grid_id}
        duty = len(node.duty)
        for k in node.children:
            sub, kduty = self._fill_subtree(k)
            ids |= sub
            duty += kduty
        node.subtree = frozenset(ids)
        node.duty_total = duty
        return node.subtree, duty

    # ---- counts ---------------------------------------------------------------------------------------
    def on_event_grid_counts_changed(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def recompute(self) -> None:
        """Re-aggregate the room's per-grid counts and emit narrow ``dataChanged`` for changed nodes."""
        self._timer.stop()
        own = self._room.counts_by_grid() if self._room is not None else {}
        changed: list[_Node] = []

        def walk(node: _Node) -> tuple[int, int, int]:
            o, v, t = own.get(node.grid_id, (0, 0, 0)) if node.grid_id != POLICE_BRANCH_ID else (0, 0, 0)
            for k in node.children:
                ko, kv, kt = walk(k)
                o, v, t = o + ko, v + kv, t + kt
            if (o, v, t) != node.counts:
                node.counts = (o, v, t)
                changed.append(node)
            return o, v, t

        for root in self._roots:
            walk(root)
        # one dataChanged per parent (its first..last changed child): during a burst most nodes change
        # at once, and every emit costs the attached tree view a repaint and a column re-measure
        spans = self._unannounced
        for node in changed:
            key = id(node.parent)
            span = spans.get(key)
            if span is None:
                spans[key] = (node, node)
            else:
                lo, hi = span
                spans[key] = (node if node.row < lo.row else lo, node if node.row > hi.row else hi)
        self._announce()
        if changed:
            self.countsUpdated.emit()

    def _announce(self) -> None:
        """Emit the pending dataChanged spans, about ``ANNOUNCE_CELLS`` cells per event-loop turn.

        The tree view handles a span cell by cell (a visual rect, i.e. several index()/parent()
        calls into Python, for each), ~8 µs a cell even under collapsed parents: a recompute that
        touches every grid of a district would block the GUI thread for 10+ ms in one go. The
        shallowest parents (what is on screen first) go first; the counts themselves are already
        current, so a view repainting meanwhile shows them."""
        self._announce_timer.stop()
        spans = self._unannounced
        if not spans:
            return
        order = sorted(spans.items(), key=lambda kv: (_depth(kv[1][0]), kv[1][0].row))
        budget = ANNOUNCE_CELLS
        cells = COL_TODAY - COL_OPEN + 1
        for key, (lo, hi) in order:
            if budget <= 0:
                self._announce_timer.start()
                return
            del spans[key]
            budget -= (hi.row - lo.row + 1) * cells
            self.dataChanged.emit(
                self.createIndex(lo.row, COL_OPEN, lo), self.createIndex(hi.row, COL_TODAY, hi), _COUNT_ROLES)

    # ---- lookups ----------------------------------------------------------------------------------------
    def index_of(self, grid_id: str) -> QModelIndex:
        node = self._by_id.get(grid_id)
        if node is None:
            for root in self._roots:
                if root.grid_id == grid_id:
                    node = root
        return self.createIndex(node.row, 0, node) if node is not None else QModelIndex()

    def subtree_ids(self, grid_id: str) -> frozenset[str]:
        node = self._by_id.get(grid_id) or next((r for r in self._roots if r.grid_id == grid_id), None)
        return node.subtree if node is not None else frozenset()

    def counts(self, grid_id: str) -> tuple[int, int, int]:
        node = self._by_id.get(grid_id) or next((r for r in self._roots if r.grid_id == grid_id), None)
        return node.counts if node is not None else (0, 0, 0)

    # ---- Qt model interface ------------------------------------------------------------------------------
    def _node(self, index: _Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < COLUMN_COUNT or row < 0:
            return QModelIndex()
        pnode = self._node(parent)
        kids = self._roots if pnode is None else pnode.children
        if row >= len(kids):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def sibling(self, row: int, column: int, index: _Index) -> QModelIndex:
        """Without the default's index(row, column, parent(index)) round trip: the tree view asks for
        siblings on every ``dataChanged``."""
        node = self._node(index)
        if node is None or not 0 <= column < COLUMN_COUNT:
            return QModelIndex()
        if row != node.row:
            kids = self._roots if node.parent is None else node.parent.children
            if not 0 <= row < len(kids):
                return QModelIndex()
            node = kids[row]
        return self.createIndex(row, column, node)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        pnode = self._node(parent)
        return len(self._roots) if pnode is None else len(pnode.children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < COLUMN_COUNT:
                return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return node.name
            if col == COL_LEVEL:
                return node.level_name
            if col == COL_ON_DUTY:
                return str(node.duty_total)
            return str(node.counts[col - COL_OPEN])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_OVERDUE and node.counts[1] > 0:
                return _OVERDUE
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter) if col >= COL_OPEN else None
        if role == GridIdNodeRole:
            return node.grid_id
        if role == SubtreeIdsRole:
            return node.subtree
        if role == OpenCountRole:
            return node.counts[0]
        if role == OverdueCountRole:
            return node.counts[1]
        if role == TodayCountRole:
            return node.counts[2]
        if role == OnDutyRole:
            return [m.name for m in node.duty]
        return None

    def _tooltip(self, node: _Node) -> str:
        lines = [f"{node.name} · {node.level_name}"]
        if node.duty:
            names = labels.list_separator().join(m.name for m in node.duty)
            lines.append(translate("GridTreeModel", "在岗：%1").replace("%1", names))
        else:
            lines.append(translate("GridTreeModel", "本网格无人在岗"))
        if node.children:
            total = node.duty_total
            lines.append(translate("GridTreeModel", "下辖在岗 %1 人").replace("%1", str(total)))
        return "\n".join(lines)
