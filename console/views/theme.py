"""The dark command-room theme: QSS split into ordered files under ``resources/qss`` (DESIGN §4.10).

Files named in :data:`QSS_ORDER` load first in that order; any other ``*.qss`` there (added by other
views) follows alphabetically. The concatenated stylesheet is cached. Images in the QSS are named
``url(theme:icons/….svg)``: the ``theme`` search path points at the QSS directory.

There is one theme (dark); every control in it has distinct normal / hover / focus / pressed /
checked / disabled looks (``widgets.qss``), and the map's floating controls are light chips that
read on the light basemap (``map.qss``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
QSS_DIR = RESOURCES / "qss"
QSS_ORDER = ("base.qss", "widgets.qss", "queue.qss", "tree.qss", "detail.qss", "statusbar.qss")


def qss_files(directory: Path = QSS_DIR) -> list[Path]:
    ordered = [directory / name for name in QSS_ORDER if (directory / name).is_file()]
    rest = sorted(p for p in directory.glob("*.qss") if p.name not in QSS_ORDER)
    return ordered + rest


@cache
def load_stylesheet(directory: Path = QSS_DIR) -> str:
    QDir.setSearchPaths("theme", [str(directory)])  # url(theme:icons/check.svg)
    return "\n".join(p.read_text(encoding="utf-8") for p in qss_files(directory))


BODY_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "sans-serif"]
BODY_PT = 10


def apply_theme(app: QApplication, directory: Path = QSS_DIR) -> str:
    """Apply the stylesheet and the body font to the whole application; return the stylesheet.

    The body font is the application's font rather than a style-sheet rule on every ``QWidget``: such
    a rule overrides each widget's own ``setFont`` (the wall's big figures, the login title)."""
    font = QFont(app.font())
    font.setFamilies(BODY_FAMILIES)
    font.setPointSize(BODY_PT)
    app.setFont(font)
    qss = load_stylesheet(directory)
    app.setStyleSheet(qss)
    return qss
