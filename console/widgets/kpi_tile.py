"""KPI tiles for wall displays (大屏): one big number per figure, with an optional target colour.

:class:`KpiTile` shows one figure (title, big value, hint); :class:`KpiStrip` lays out the room's
assessment figures (办结率, 按时办结率, 现场处置率, 平均处置时长, 派遣p90, 60秒内派遣率, 部门响应率)
and is fed a plain dict of figures — the keys of :func:`console.domain.kpi.kpis` — through
:meth:`KpiStrip.set_figures`. The widget computes nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

translate = QCoreApplication.translate

GOOD = "#5fbf7f"
BAD = "#e03131"
NEUTRAL = "#e8eef5"
EMPTY = "—"


def percent(value: float) -> str:
    """0.9083 → ``90.8%``."""
    return f"{value * 100:.1f}%"


def seconds_text(value: float) -> str:
    """Seconds as ``45秒`` / ``3分12秒``."""
    s = round(value)
    if s < 60:
        return translate("KpiTile", "%1秒").replace("%1", str(s))
    return translate("KpiTile", "%1分%2秒").replace("%1", str(s // 60)).replace("%2", str(s % 60))


def minutes_text(value: float) -> str:
    """Minutes as ``79分钟`` / ``1小时19分``."""
    m = round(value)
    if m < 60:
        return translate("KpiTile", "%1分钟").replace("%1", str(m))
    return translate("KpiTile", "%1小时%2分").replace("%1", str(m // 60)).replace("%2", str(m % 60))


@dataclass(frozen=True, slots=True)
class KpiSpec:
    """How one figure is shown: key in the figures dict, title, formatter, optional target."""

    key: str
    title: str
    fmt: Callable[[float], str]
    target: float | None = None
    higher_is_better: bool = True

    def meets(self, value: float) -> bool | None:
        if self.target is None:
            return None
        return value >= self.target if self.higher_is_better else value <= self.target


def default_specs() -> list[KpiSpec]:
    """The strip's tiles in display order (DESIGN §2 考核; dispatch p90 target ≤ 60 s)."""
    return [
        KpiSpec("closure_rate", translate("KpiTile", "办结率"), percent),
        KpiSpec("on_time_rate", translate("KpiTile", "按时办结率"), percent),
        KpiSpec("onsite_disposal_rate", translate("KpiTile", "现场处置率"), percent),
        KpiSpec("avg_handling_min", translate("KpiTile", "平均处置时长"), minutes_text),
        KpiSpec("dispatch_p90_s", translate("KpiTile", "派遣p90"), seconds_text, 60.0, higher_is_better=False),
        KpiSpec("dispatch_within_60s_rate", translate("KpiTile", "60秒内派遣率"), percent),
        KpiSpec("dept_response_rate", translate("KpiTile", "部门响应率"), percent),
        KpiSpec("patrol_coverage_rate", translate("KpiTile", "巡查覆盖率"), percent),
    ]


class KpiTile(QFrame):
    """One figure: a small title above a big number; property ``kpi`` is good / bad / none.

    The sizes are set through each label's own style sheet: an application style sheet that
    sets ``font-size`` on every ``QWidget`` (the theme does) overrides ``setFont``, but never a
    widget's own style sheet, so the number stays ``value_pt`` on a wall display.
    """

    def __init__(self, spec: KpiSpec, *, value_pt: int = 32, title_pt: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.value_pt = value_pt
        self.title_pt = title_pt or max(11, value_pt // 2)
        self.setObjectName(f"kpiTile_{spec.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = QLabel(spec.title)
        self.title.setObjectName("kpiTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet(f"font-size:{self.title_pt}pt;")
        self.value = QLabel(EMPTY)
        self.value.setObjectName("kpiValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel("")
        self.hint.setObjectName("kpiHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.value)
        lay.addWidget(self.hint)
        self.set_value(None)

    def set_value(self, value: float | None) -> None:
        if value is None:
            self.value.setText(EMPTY)
            self._paint("none", NEUTRAL)
            self.setToolTip(translate("KpiTile", "%1：暂无数据").replace("%1", self.spec.title))
            return
        text = self.spec.fmt(float(value))
        self.value.setText(text)
        ok = self.spec.meets(float(value))
        self._paint("none" if ok is None else "good" if ok else "bad",
                    NEUTRAL if ok is None else GOOD if ok else BAD)
        self.setToolTip(f"{self.spec.title}：{text}")

    def text(self) -> str:
        return self.value.text()

    def state(self) -> str:
        return str(self.property("kpi") or "none")

    def _paint(self, state: str, colour: str) -> None:
        self.value.setStyleSheet(f"color:{colour}; font-size:{self.value_pt}pt; font-weight:bold;")
        if self.property("kpi") != state:
            self.setProperty("kpi", state)
            self.style().unpolish(self)
            self.style().polish(self)


class KpiStrip(QWidget):
    """A row of :class:`KpiTile`; ``set_figures`` takes the dict of ``console.domain.kpi.kpis``."""

    def __init__(self, specs: list[KpiSpec] | None = None, *, value_pt: int = 32, title_pt: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiStrip")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        self.tiles: dict[str, KpiTile] = {}
        for spec in specs or default_specs():
            tile = KpiTile(spec, value_pt=value_pt, title_pt=title_pt, parent=self)
            self.tiles[spec.key] = tile
            lay.addWidget(tile)

    def set_figures(self, figures: Mapping[str, float | int | None]) -> None:
        """Show the figures; keys absent from ``figures`` (or None) show "—"."""
        for key, tile in self.tiles.items():
            tile.set_value(figures.get(key))

    def tile(self, key: str) -> KpiTile:
        return self.tiles[key]
