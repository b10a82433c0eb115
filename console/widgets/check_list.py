"""A list of checkable rows where a click anywhere on a row ticks it (not only on the small box).

A plain ``QListWidget`` with checkable items toggles only when the indicator itself is hit; a
click on the name just selects the row, which looks like a choice but is not one. ``CheckList``
toggles the row's tick on a left click wherever it lands, once (a click on the indicator is left
to Qt, which toggles it already). Space toggles the current row as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

_DATA = Qt.ItemDataRole.UserRole


class CheckList(QListWidget):
    """Checkable rows (text, data in ``UserRole``); ``checked()`` lists the ticked rows' data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pressed: tuple[QListWidgetItem, Qt.CheckState] | None = None

    def add_row(self, text: str, data: Any, *, checked: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(_DATA, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.addItem(item)
        return item

    def rows(self) -> list[QListWidgetItem]:
        return [self.item(i) for i in range(self.count())]

    def checked(self) -> list[Any]:
        return [it.data(_DATA) for it in self.rows() if it.checkState() == Qt.CheckState.Checked]

    def set_checked(self, wanted: Iterable[Any]) -> None:
        keep = set(wanted)
        for it in self.rows():
            it.setCheckState(Qt.CheckState.Checked if it.data(_DATA) in keep else Qt.CheckState.Unchecked)

    def mousePressEvent(self, e: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        item = self.itemAt(e.position().toPoint()) if e.button() == Qt.MouseButton.LeftButton else None
        self._pressed = (item, item.checkState()) if item is not None and _checkable(item) else None
        super().mousePressEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        pressed, self._pressed = self._pressed, None
        super().mouseReleaseEvent(e)  # a release on the indicator toggles here already
        if pressed is None or e.button() != Qt.MouseButton.LeftButton:
            return
        item, before = pressed
        if self.itemAt(e.position().toPoint()) is item and item.checkState() == before:
            item.setCheckState(
                Qt.CheckState.Unchecked if before == Qt.CheckState.Checked else Qt.CheckState.Checked
            )


def _checkable(item: QListWidgetItem) -> bool:
    flags = item.flags()
    return bool(flags & Qt.ItemFlag.ItemIsUserCheckable) and bool(flags & Qt.ItemFlag.ItemIsEnabled)
