"""Shared pieces of the escalation board's models: colours, roles, duration texts, table base."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from console.domain.district import District
from console.qtmodels import labels
from console.qtmodels.district_index import NameIndex
from console.qtmodels.roles import EventRole

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
RED = QColor(labels.RED)
AMBER = QColor(labels.AMBER)
WhistleRole = EventRole + 40  # the Whistle record (whistle rows)
BroadcastRole = EventRole + 41  # the Broadcast record


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


class BoardTable(DisplayMixin, QAbstractTableModel):
    """A flat table over ``self._rows``."""

    _rows: list[Any]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows)
