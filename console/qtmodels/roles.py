"""Item-data roles shared by the console's Qt models and views (DESIGN §4.2).

Roles are module constants so views, delegates and tests name them the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

EventRole = int(Qt.ItemDataRole.UserRole)  # the Event record itself
EventIdRole = EventRole + 1  # str event id
LevelRole = EventRole + 2  # Level
StateRole = EventRole + 3  # State
SourceRole = EventRole + 4  # Source
GridIdRole = EventRole + 5  # str | None
CountdownRole = EventRole + 6  # int seconds since received for undispatched events, else None
OverdueRole = EventRole + 7  # bool: deadline passed
UrgentRole = EventRole + 8  # bool: level is major/critical
SortKeyRole = EventRole + 9  # the value the column sorts by

GridIdNodeRole = EventRole + 20  # grid id of a tree node
SubtreeIdsRole = EventRole + 21  # frozenset of grid ids under (and including) a node
OpenCountRole = EventRole + 22
OverdueCountRole = EventRole + 23
TodayCountRole = EventRole + 24
OnDutyRole = EventRole + 25  # list of on-duty member names
