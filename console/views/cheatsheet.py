"""F1: the keyboard cheat sheet (every shortcut of the console in one place)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("CheatSheet", text)


def shortcuts() -> list[tuple[str, str]]:
    return [
        ("N", QCoreApplication.translate("CheatSheet", "打开最新待派遣事件（重大/特别重大优先）")),
        ("A", QCoreApplication.translate("CheatSheet", "采纳系统建议（类别、等级、责任单位、指令）")),
        ("Enter", QCoreApplication.translate("CheatSheet", "确认派遣")),
        ("F", QCoreApplication.translate("CheatSheet", "只立案，不派遣")),
        ("R", QCoreApplication.translate("CheatSheet", "不予立案（需填写理由）")),
        ("D", QCoreApplication.translate("CheatSheet", "合并到疑似重复事件")),
        ("Esc", QCoreApplication.translate("CheatSheet", "关闭研判面板并释放认领")),
        ("Enter / " + QCoreApplication.translate("CheatSheet", "双击"), QCoreApplication.translate("CheatSheet", "在队列中打开所选事件")),
        ("Ctrl+F", QCoreApplication.translate("CheatSheet", "搜索队列")),
        ("F1", QCoreApplication.translate("CheatSheet", "本快捷键说明")),
        ("F11", QCoreApplication.translate("CheatSheet", "全屏")),
    ]


class CheatSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cheatSheet")
        self.setWindowTitle(QCoreApplication.translate("CheatSheet", "快捷键"))
        rows = "".join(
            f"<tr><td style='padding:4px 16px 4px 0'><b>{k}</b></td><td>{v}</td></tr>" for k, v in shortcuts()
        )
        label = QLabel(
            "<h3>" + QCoreApplication.translate("CheatSheet", "一分钟研判派遣：N → A → Enter") + "</h3><table>" + rows + "</table>"
        )
        label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
