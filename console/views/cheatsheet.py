"""F1: the keyboard cheat sheet, built from the shortcuts the window really has.

The rows come from :func:`console.views.keymap.window_keys` each time the sheet is shown — every
``QShortcut`` (described by its ``whatsThis``) and every ``QAction`` with a shortcut (its text)
under the main window, grouped by the window they work in (the main window, the 研判派遣 panel) —
so a key added, changed or removed anywhere shows up here without editing this file.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from console.views.keymap import window_keys

translate = QCoreApplication.translate


def _rank(keys: str) -> int:
    """Single letters first (the one-minute flow), then Enter / Esc, function keys, combinations."""
    first = keys.split(" / ")[0]
    if len(first) == 1:
        return 0
    if first in ("Return", "Enter", "Esc"):
        return 1
    if "+" not in first:
        return 2
    return 3


def shortcuts(window: QWidget) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(keys, description)]) for ``window``: its own keys first, then each dialog's,
    plus the keys that are not shortcuts (the queue's Enter / double-click)."""
    sections: dict[int, tuple[str, list[tuple[str, str]]]] = {
        id(window): (translate("CheatSheet", "主窗口"), []),
    }
    for owner, keys, description in sorted(window_keys(window), key=lambda row: _rank(row[1])):
        title = translate("CheatSheet", "主窗口") if owner is window else owner.windowTitle()
        sections.setdefault(id(owner), (title, []))[1].append((keys, description))
    sections[id(window)][1].append(
        ("Enter / " + translate("CheatSheet", "双击"), translate("CheatSheet", "在队列中打开所选事件")))
    return list(sections.values())


class CheatSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cheatSheet")
        self.setWindowTitle(translate("CheatSheet", "快捷键"))
        self.label = QLabel()
        self.label.setObjectName("cheatSheetText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.refresh()

    def refresh(self) -> None:
        window = self.parentWidget()
        parts = ["<h3>" + html.escape(translate("CheatSheet", "一分钟研判派遣：N → A → Enter")) + "</h3>"]
        for title, rows in shortcuts(window) if window is not None else []:
            parts.append(f"<h4>{html.escape(title)}</h4><table>")
            parts.extend(
                f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(k)}</b></td>"
                f"<td>{html.escape(v)}</td></tr>"
                for k, v in rows
            )
            parts.append("</table>")
        note = translate("CheatSheet", "在输入框中字母键照常输入；按 Esc 离开输入框后，单键快捷键恢复可用。")
        parts.append(f"<p>{html.escape(note)}</p>")
        self.label.setText("".join(parts))

    def text(self) -> str:
        """The sheet's rich text."""
        return self.label.text()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self.refresh()
        super().showEvent(event)
