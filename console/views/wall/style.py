"""Sizes and colours of the wall: readable at 5 m on a 1080p screen (numbers ≥ 48 px, labels ≥ 24 px),
scaled with the screen's height."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QWidget

BG = "#0b1a2e"
PANEL = "#132a47"
STALE_PANEL = "#2a2f36"
TEXT = "#e8eef5"
MUTED = "#9fb3c8"
STALE = "#6b7480"
GOOD = "#5fbf7f"
BAD = "#ff5a5a"
WARN = "#f0b43c"
ACCENT = "#4ea3ff"
LEVEL_COLOURS = ("#9fb3c8", "#f0b43c", "#ff8a3c", "#ff4d4d")  # general, significant, major, critical


translate = QCoreApplication.translate  # lupdate extracts literal translate("Wall", "…") calls


def tr(text: str) -> str:
    """A dynamic text (not extracted by lupdate) in the wall's context."""
    return QCoreApplication.translate("Wall", text)


def level_names() -> tuple[str, str, str, str]:
    return (translate("Wall", "一般"), translate("Wall", "较大"), translate("Wall", "重大"), translate("Wall", "特别重大"))


@dataclass(frozen=True, slots=True)
class WallStyle:
    scale: float = 1.0  # screen height / 1080

    @classmethod
    def for_height(cls, height: int) -> WallStyle:
        return cls(max(0.5, height / 1080.0))

    def px(self, base: float) -> int:
        return max(1, round(base * self.scale))

    @property
    def number_px(self) -> int:  # big figures: 56 px at 1080p (≥ 48)
        return self.px(56)

    @property
    def label_px(self) -> int:  # labels: 26 px at 1080p (≥ 24)
        return self.px(26)

    @property
    def small_px(self) -> int:  # the smallest text on the wall: 24 px at 1080p
        return self.px(24)

    @property
    def title_px(self) -> int:
        return self.px(34)

    def font(self, px: int, bold: bool = False) -> QFont:
        f = QFont()
        f.setPixelSize(px)
        f.setBold(bold)
        return f


def fill(widget: QWidget, colour: str) -> None:
    """A solid background through the palette (style sheets make every cell of a table cost more)."""
    pal = widget.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor(colour))
    widget.setPalette(pal)
    widget.setAutoFillBackground(True)


def table_palette(widget: QWidget, *, stale: bool) -> None:
    pal = widget.palette()
    for role, colour in ((QPalette.ColorRole.Base, PANEL), (QPalette.ColorRole.AlternateBase, PANEL),
                         (QPalette.ColorRole.Window, PANEL), (QPalette.ColorRole.Button, "#1b3a5e"),
                         (QPalette.ColorRole.ButtonText, STALE if stale else MUTED),
                         (QPalette.ColorRole.WindowText, STALE if stale else MUTED),
                         (QPalette.ColorRole.Text, STALE if stale else TEXT)):
        pal.setColor(role, QColor(colour))
    widget.setPalette(pal)
