"""What the live queue shows in each cell: ``QueueCells``, the role-serving half of ``QueueModel``.

``data()`` and ``multiData()`` are called for every painted cell (``multiData`` once per cell with
about eight roles), so they are lookups against plain int constants; display strings are computed
once per row (``QueueRow.disp``), and only the countdown and age columns use the clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from console.domain.event import Level
from console.qtmodels import labels
from console.qtmodels.queue_rows import (
    AMBER_SECONDS,
    COL_AGE,
    COL_COUNTDOWN,
    COL_LEVEL,
    COL_TITLE,
    DISPATCH_SECONDS,
    URGENT_RANK,
    QueueRow,
    sort_key,
)
from console.qtmodels.roles import (
    CountdownRole,
    EventIdRole,
    EventRole,
    GridIdRole,
    LevelRole,
    OverdueRole,
    SortKeyRole,
    SourceRole,
    StateRole,
    UrgentRole,
)

translate = QCoreApplication.translate
_Index = QModelIndex | QPersistentModelIndex

# data() roles and constants as plain ints/objects: enum attribute lookups cost per painted cell
_LEVEL_COLORS = {lv: labels.level_color(lv) for lv in Level}
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_SERVED = frozenset({
    _DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _BACKGROUND, EventRole, EventIdRole, LevelRole,
    StateRole, SourceRole, GridIdRole, CountdownRole, OverdueRole, UrgentRole, SortKeyRole,
})
FLASH_COLOR = QColor(224, 49, 49, 150)  # background of a blinking urgent row (set_flash)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_CENTERED = frozenset({COL_COUNTDOWN, COL_AGE, COL_LEVEL})
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class QueueCells:
    """Mixin for ``QueueModel`` (before ``QAbstractTableModel`` in the bases): the Qt cell interface
    over the model's ``_rows`` (internal order: the display order reversed), ``_flash``,
    ``_now_ts()`` and ``_tz``."""

    _rows: list[QueueRow]
    _flash: Any  # ids blinking now (set_flash)
    _tz: Any
    _now_ts: Any  # () -> float, the model's clock

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # called once per role the view asks for (delegates use multiData below): roles the model
        # does not serve return at once, and every test is against a plain int constant
        if role not in _SERVED or not index.isValid():
            return None
        rows = self._rows
        return self._value(rows[len(rows) - 1 - index.row()], index.column(), role)

    def multiData(self, index: _Index, span: QModelRoleDataSpan) -> None:  # noqa: N802 (Qt API)
        """Every role a delegate asks for (about eight per painted cell) in one Python call instead
        of one ``data()`` call each."""
        if not index.isValid():
            return
        rows = self._rows
        r = rows[len(rows) - 1 - index.row()]
        col = index.column()
        value = self._value
        for rd in span:
            role = rd.role()
            if role in _SERVED:
                rd.setData(value(r, col, role))
            else:
                rd.clearData()

    def _value(self, r: QueueRow, col: int, role: int) -> Any:
        if role == _DISPLAY:
            if col == COL_COUNTDOWN:
                if not r.undispatched:
                    return ""
                return labels.dispatch_countdown(int(self._now_ts() - r.base_ts))[0]
            if col == COL_AGE:
                return labels.age_text(self._now_ts() - r.received_ts)
            return r.disp[col]
        if role == _FOREGROUND:
            if col == COL_COUNTDOWN and r.undispatched:
                return _countdown_color(int(self._now_ts() - r.base_ts))
            if col == COL_LEVEL:
                return _LEVEL_COLORS[r.level]
            return None
        if role == _ALIGNMENT:
            return _CENTER if col in _CENTERED else None
        if role == _BACKGROUND:
            return FLASH_COLOR if self._flash and r.id in self._flash else None
        if role == _DECORATION:
            return _LEVEL_COLORS[r.level] if col == COL_LEVEL else None
        if role == _TOOLTIP:
            if col == COL_TITLE:
                ev = r.ev
                addr = ev.location.address if ev.location is not None and ev.location.address else ""
                return f"{ev.title}\n{addr}".strip()
            if col == COL_AGE:
                received = datetime.fromtimestamp(r.received_ts, self._tz).strftime("%Y-%m-%d %H:%M:%S")
                return translate("QueueModel", "接收于 %1").replace("%1", received)
            return None
        if role == EventRole:
            return r.ev
        if role == EventIdRole:
            return r.id
        if role == LevelRole:
            return r.ev.level
        if role == StateRole:
            return r.ev.state
        if role == SourceRole:
            return r.ev.source
        if role == GridIdRole:
            return r.ev.grid_id
        if role == CountdownRole:
            return int(self._now_ts() - r.base_ts) if r.undispatched else None
        if role == OverdueRole:
            return r.deadline_ts < self._now_ts()
        if role == UrgentRole:
            return r.rank >= URGENT_RANK
        if role == SortKeyRole:
            return sort_key(col)(r)
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {EventIdRole: b"eventId", LevelRole: b"level", StateRole: b"state", CountdownRole: b"countdown"}
        )
        return names

_AMBER = QColor(labels.AMBER)
_RED = QColor(labels.RED)
_OK = QColor(labels.GREEN)


def _countdown_color(seconds: int) -> QColor:
    """Green under 30 s, amber from 30 s, red from 60 s (the one-minute dispatch target); the
    same thresholds as ``labels.dispatch_countdown``."""
    if seconds >= DISPATCH_SECONDS:
        return _RED
    if seconds >= AMBER_SECONDS:
        return _AMBER
    return _OK
