"""The wall's pages: KPI tiles, overdue/督办, 吹哨报到, rankings and intake trends; the map page is in
:mod:`console.views.wall.map_page`. Each page shows a :class:`~console.services.wall_data.WallSnapshot`
(computed elsewhere) and the time its data were read, and turns grey when they are stale."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.qtmodels.wall_table import WallTableModel
from console.services.wall_data import TILE_KEYS, WallSnapshot
from console.views.wall.style import (
    ACCENT,
    BAD,
    BG,
    GOOD,
    LEVEL_COLOURS,
    MUTED,
    PANEL,
    STALE,
    STALE_PANEL,
    TEXT,
    WARN,
    WallStyle,
    fill,
    level_names,
    table_palette,
    translate,
)
from console.widgets.kpi_tile import minutes_text, percent, seconds_text

PAGES = ("map", "kpi", "overdue", "whistle", "ranking", "trend")


def source_names() -> dict[str, str]:
    """The intake channels on the trend page, by source key (the wording of services.report.SOURCE_LABELS)."""
    return {"hotline_12345": translate("Wall", "12345热线"), "city_mgmt": translate("Wall", "智慧城管"),
            "grid_app": translate("Wall", "网格员APP"), "police_110": translate("Wall", "110分流"),
            "petition": translate("Wall", "信访"), "video_ai": translate("Wall", "视频AI"),
            "iot": translate("Wall", "物联感知"), "walk_in": translate("Wall", "来访"), "other": translate("Wall", "其他")}


def page_titles() -> dict[str, str]:
    return {"map": translate("Wall", "态势地图"), "kpi": translate("Wall", "考核指标"), "overdue": translate("Wall", "超期与督办"), "whistle": translate("Wall", "吹哨报到"),
            "ranking": translate("Wall", "排行榜"), "trend": translate("Wall", "接报趋势"), "alarm": translate("Wall", "告警接管")}


def tile_specs() -> dict[str, tuple[str, Callable[[float], str], bool]]:
    """key → (title, formatter, higher is better); the first six are the KPI strip's figures."""
    def count(v: float) -> str:
        return f"{round(v):,}"

    return {
        "closure_rate": (translate("Wall", "办结率"), percent, True), "on_time_rate": (translate("Wall", "按时办结率"), percent, True),
        "onsite_disposal_rate": (translate("Wall", "现场处置率"), percent, True),
        "avg_handling_min": (translate("Wall", "平均处置时长"), minutes_text, False),
        "dispatch_p90_s": (translate("Wall", "派遣p90"), seconds_text, False), "dept_response_rate": (translate("Wall", "部门响应率"), percent, True),
        "open": (translate("Wall", "在办"), count, False), "overdue": (translate("Wall", "超期"), count, False),
        "patrol_coverage_rate": (translate("Wall", "本班巡查覆盖率"), percent, True),
    }


def clock_text(t: datetime | float, tz: ZoneInfo, fmt: str = "%H:%M:%S") -> str:
    dt = datetime.fromtimestamp(t, UTC) if isinstance(t, float) else t
    return dt.astimezone(tz).strftime(fmt)


def duration_text(seconds: float) -> str:
    s = max(0, int(seconds))
    if s >= 86400:
        return translate("Wall", "%1天%2小时").replace("%1", str(s // 86400)).replace("%2", str(s % 86400 // 3600))
    if s >= 3600:
        return translate("Wall", "%1小时%2分").replace("%1", str(s // 3600)).replace("%2", str(s % 3600 // 60))
    return translate("Wall", "%1分钟").replace("%1", str(s // 60))


def _label(text: str, px: int, colour: str = TEXT, bold: bool = False) -> QLabel:
    lab = QLabel(text)
    lab.setProperty("basePx", px)
    lab.setProperty("baseColour", colour)
    lab.setProperty("bold", bold)
    _paint_label(lab, stale=False)
    return lab


def _paint_label(lab: QLabel, *, stale: bool, colour: str | None = None) -> None:
    """Font and colour through QFont and the palette (a style sheet per label costs every repaint)."""
    if colour is not None:
        lab.setProperty("baseColour", colour)
    c = STALE if stale else str(lab.property("baseColour") or TEXT)
    f = lab.font()
    px = int(lab.property("basePx") or 24)
    if f.pixelSize() != px or f.bold() != bool(lab.property("bold")):
        f.setPixelSize(px)
        f.setBold(bool(lab.property("bold")))
        lab.setFont(f)
    pal = lab.palette()
    if pal.color(QPalette.ColorRole.WindowText) != QColor(c):
        pal.setColor(QPalette.ColorRole.WindowText, QColor(c))
        lab.setPalette(pal)


class WallPage(QWidget):
    """One page: a body and a footer with the refresh time; ``stale`` greys it."""

    name = ""

    def __init__(self, style: WallStyle, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallPage")
        fill(self, BG)
        self.wall_style = style
        self.tz = tz
        self.stale = False
        self.refreshed: datetime | None = None
        self.body = QVBoxLayout()
        self.stamp = _label(translate("Wall", "尚无数据"), style.small_px, MUTED)
        self.stamp.setObjectName("wallStamp")
        outer = QVBoxLayout(self)
        m = style.px(12)
        outer.setContentsMargins(m, m, m, m)
        outer.addLayout(self.body, 1)
        outer.addWidget(self.stamp, 0, Qt.AlignmentFlag.AlignRight)

    def set_snapshot(self, snap: WallSnapshot) -> None:
        self.refreshed = snap.at
        self.stamp.setText(translate("Wall", "数据更新于 %1").replace("%1", clock_text(snap.at, self.tz)))
        self.show_snapshot(snap)

    def show_snapshot(self, snap: WallSnapshot) -> None:
        """Draw ``snap``: each page class (map, KPI tiles, overdue, whistles, rankings, trends) overrides it."""
        raise NotImplementedError(f"{type(self).__name__} does not draw a wall snapshot")

    def set_stale(self, stale: bool) -> None:
        if stale == self.stale:
            return
        self.stale = stale
        self.setProperty("stale", stale)
        for w in (self, *self.findChildren(QWidget)):
            if isinstance(w, QLabel) and w.property("basePx") is not None:
                _paint_label(w, stale=stale)
            elif isinstance(w, KpiWallTile):
                w.setProperty("stale", stale)
                fill(w, STALE_PANEL if stale else PANEL)
            elif isinstance(w, QTableView):
                table_palette(w, stale=stale)
                table_palette(w.horizontalHeader(), stale=stale)
                model = w.model()
                if isinstance(model, WallTableModel):
                    model.set_stale(stale)
        self.on_stale(stale)

    def on_stale(self, stale: bool) -> None:
        """Pages with painted content (charts) grey it here."""


class Sparkline(QWidget):
    """Daily values as a line (the last point is today); None values leave gaps."""

    def __init__(self, style: WallStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float | None] = []
        self.colour = ACCENT
        self.setMinimumHeight(style.px(48))

    def set_values(self, values: list[float | None]) -> None:
        self.values = list(values)
        self.update()

    def paintEvent(self, _ev) -> None:  # noqa: N802 (Qt API)
        vals = [v for v in self.values if v is not None]
        if len(vals) < 1:
            return
        lo, hi = min(vals), max(vals)
        span = hi - lo or 1.0
        w, h = self.width(), self.height()
        n = max(1, len(self.values) - 1)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(self.colour), max(2.0, h / 16))
        p.setPen(pen)
        pts = [QPointF(w * i / n, h - 4 - (h - 8) * (v - lo) / span)
               for i, v in enumerate(self.values) if v is not None]
        p.drawPolyline(QPolygonF(pts))
        p.setBrush(QColor(self.colour))
        p.drawEllipse(pts[-1], pen.widthF() * 1.5, pen.widthF() * 1.5)
        p.end()


class KpiWallTile(QFrame):
    def __init__(self, key: str, style: WallStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("wallTile")
        fill(self, PANEL)
        title, self.fmt, self.higher_better = tile_specs()[key]
        self.title = _label(title, style.label_px, MUTED)
        self.value = _label("—", style.number_px, TEXT, bold=True)
        self.spark = Sparkline(style)
        self.vs_day = _label("", style.small_px)
        self.vs_week = _label("", style.small_px)
        self.stamp = _label("", style.small_px, MUTED)
        lay = QVBoxLayout(self)
        m = style.px(14)
        lay.setContentsMargins(m, m, m, m)
        lay.addWidget(self.title)
        lay.addWidget(self.value)
        lay.addWidget(self.spark, 1)
        deltas = QHBoxLayout()  # 较昨日 and 较7日均 on one line: nine tiles in three rows fit a 1080 screen
        deltas.setContentsMargins(0, 0, 0, 0)
        deltas.addWidget(self.vs_day)
        deltas.addStretch(1)
        deltas.addWidget(self.vs_week)
        lay.addLayout(deltas)
        lay.addWidget(self.stamp)

    def delta_text(self, now: float | None, then: float | None, label: str) -> tuple[str, str]:
        if now is None or then is None:
            return f"{label} —", MUTED
        d = now - then
        if abs(d) < 1e-9:
            return f"{label} ±0", MUTED
        rate = self.key.endswith("_rate")
        txt = f"{d * 100:+.1f}%" if rate else f"{d:+.1f}" if abs(d) < 10 else f"{d:+,.0f}"
        better = (d > 0) == self.higher_better
        arrow = "▲" if d > 0 else "▼"
        return f"{label} {arrow} {txt.lstrip('+-')}", GOOD if better else BAD

    def show(self, snap: WallSnapshot, tz: ZoneInfo) -> None:  # type: ignore[override]
        v = snap.tiles.get(self.key)
        self.value.setText("—" if v is None else self.fmt(float(v)))
        self.spark.set_values(snap.sparks.get(self.key, []))
        t, c = self.delta_text(v, snap.yesterday.get(self.key), translate("Wall", "较昨日"))
        self.vs_day.setText(t)
        _paint_label(self.vs_day, stale=bool(self.property("stale")), colour=c)
        t, c = self.delta_text(v, snap.week_avg.get(self.key), translate("Wall", "较7日均"))
        self.vs_week.setText(t)
        _paint_label(self.vs_week, stale=bool(self.property("stale")), colour=c)
        self.stamp.setText(translate("Wall", "更新 %1").replace("%1", clock_text(snap.at, tz)))


class KpiPage(WallPage):
    name = "kpi"

    def __init__(self, style: WallStyle, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(style, tz, parent)
        grid = QGridLayout()
        grid.setSpacing(style.px(14))
        self.tiles: dict[str, KpiWallTile] = {}
        columns = 3 if len(TILE_KEYS) == 9 else 4  # nine tiles: three rows of three
        for i, key in enumerate(TILE_KEYS):
            tile = KpiWallTile(key, style)
            self.tiles[key] = tile
            grid.addWidget(tile, i // columns, i % columns)
        self.body.addLayout(grid)

    def show_snapshot(self, snap: WallSnapshot) -> None:
        for tile in self.tiles.values():
            tile.show(snap, self.tz)

    def on_stale(self, stale: bool) -> None:
        for tile in self.tiles.values():
            tile.spark.colour = STALE if stale else ACCENT
            tile.spark.update()


def _table(model: WallTableModel, style: WallStyle) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(style.px(44))
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setFont(style.font(style.label_px))
    view.horizontalHeader().setFont(style.font(style.small_px))
    view.setGridStyle(Qt.PenStyle.SolidLine)
    table_palette(view, stale=False)
    table_palette(view.horizontalHeader(), stale=False)
    return view


class OverduePage(WallPage):
    name = "overdue"

    def __init__(self, style: WallStyle, tz: ZoneInfo, grid_names: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(style, tz, parent)
        self.grid_names = grid_names or {}
        self.summary = _label("", style.title_px, TEXT, bold=True)
        self.model = WallTableModel([translate("Wall", "等级"), translate("Wall", "事件"), translate("Wall", "网格"), translate("Wall", "超时"), translate("Wall", "督办"), translate("Wall", "状态")], self)
        self.model.set_alignment(3, Qt.AlignmentFlag.AlignRight)
        self.view = _table(self.model, style)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for c in (0, 2, 3, 4, 5):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.view, 1)

    def show_snapshot(self, snap: WallSnapshot) -> None:
        names = level_names()
        by_tier = snap.overdue_by_tier
        self.summary.setText(translate("Wall", "超期/督办 %1 件").replace("%1", f"{snap.overdue_total:,}") + "    " + "  ".join(
            f"{names[k]} {by_tier[k]}" for k in (3, 2, 1, 0) if by_tier[k]))
        rows, keys, colours = [], [], []
        for r in snap.overdue:
            past = duration_text(r.past_s) if r.past_s > 0 else "—"
            rows.append([names[r.level], r.title, self.grid_names.get(r.grid_id or "", r.grid_id or "—"), past, translate("Wall", "督办") if r.supervised else "",
                         STATE_TEXT().get(r.state, r.state)])
            keys.append(r.id)
            colours.append(LEVEL_COLOURS[r.level])
        self.model.set_rows(rows, keys=keys, colours=colours)


def STATE_TEXT() -> dict[str, str]:  # noqa: N802 (a table built at call time: translated)
    return {"new": translate("Wall", "待受理"), "filed": translate("Wall", "已立案"), "dispatched": translate("Wall", "已派遣"), "accepted": translate("Wall", "已签收"),
            "on_scene": translate("Wall", "处置中"), "resolved": translate("Wall", "已处置"), "verified": translate("Wall", "已核查"), "returned": translate("Wall", "退回"),
            "escalated": translate("Wall", "已上报"), "suspended": translate("Wall", "挂起"), "reopened": translate("Wall", "重新打开")}


class WhistlePage(WallPage):
    name = "whistle"

    def __init__(self, style: WallStyle, tz: ZoneInfo, dept_names: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(style, tz, parent)
        self.dept_names = dept_names or {}
        self.summary = _label("", style.title_px, TEXT, bold=True)
        self.model = WallTableModel([translate("Wall", "吹哨事件"), translate("Wall", "吹哨时间"), translate("Wall", "部门"), translate("Wall", "报到")], self)
        self.view = _table(self.model, style)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.view, 1)

    def show_snapshot(self, snap: WallSnapshot) -> None:
        now = snap.at.timestamp()
        rows, colours, keys = [], [], []
        done = total = 0
        for w in snap.whistles:
            for k, s in enumerate(w["summons"]):
                total += 1
                dept = self.dept_names.get(s["department_id"], s["department_id"])
                if s["checked_in_at"] is not None:
                    done += 1
                    state = translate("Wall", "已报到 %1").replace("%1", clock_text(s["checked_in_at"], self.tz, "%H:%M"))
                    colour = WARN if s["late"] else GOOD
                elif now > w["checkin_by"]:
                    state = translate("Wall", "超时未报到 %1").replace("%1", duration_text(now - w["checkin_by"]))
                    colour = BAD
                else:
                    state = translate("Wall", "待报到（剩%1）").replace("%1", duration_text(w["checkin_by"] - now))
                    colour = TEXT
                rows.append([w["title"] if k == 0 else "", clock_text(w["blown_at"], self.tz, "%H:%M") if k == 0 else "",
                             dept, state])
                colours.append(colour)
                keys.append(w["event_id"])
        self.summary.setText(translate("Wall", "进行中的吹哨 %1 起，部门报到 %2/%3").replace("%1", str(len(snap.whistles)))
                             .replace("%2", str(done)).replace("%3", str(total)))
        self.model.set_rows(rows, keys=keys, colours=colours)


class RankingPage(WallPage):
    name = "ranking"

    def __init__(self, style: WallStyle, tz: ZoneInfo, names: dict[str, dict[str, str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(style, tz, parent)
        self.names = names or {}
        row = QHBoxLayout()
        row.setSpacing(style.px(14))
        self.models: dict[str, WallTableModel] = {}
        titles = {"grid": translate("Wall", "网格"), "dept": translate("Wall", "部门"), "worker": translate("Wall", "处置人员")}
        for key in ("grid", "dept", "worker"):
            col = QVBoxLayout()
            col.addWidget(_label(translate("Wall", "%1排行（近7日）").replace("%1", titles[key]), style.title_px, TEXT, bold=True))
            model = WallTableModel(["#", translate("Wall", "名称"), translate("Wall", "事件"), translate("Wall", "办结率"), translate("Wall", "按时")], self)
            for c in (0, 2, 3, 4):
                model.set_alignment(c, Qt.AlignmentFlag.AlignRight)
            view = _table(model, style)
            hh = view.horizontalHeader()
            hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            for c in (0, 2, 3, 4):
                hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
            col.addWidget(view, 1)
            self.models[key] = model
            row.addLayout(col, 1)
        self.body.addLayout(row, 1)

    def show_snapshot(self, snap: WallSnapshot) -> None:
        for key, model in self.models.items():
            names = self.names.get(key, {})
            rows = []
            for i, (label, k) in enumerate(snap.rankings.get(key, []), start=1):
                cr, ot = k.get("closure_rate"), k.get("on_time_rate")
                rows.append([str(i), names.get(label, label), f"{int(k.get('events') or 0):,}",
                             "—" if cr is None else percent(cr), "—" if ot is None else percent(ot)])
            model.set_rows(rows, keys=[label for label, _ in snap.rankings.get(key, [])])


class TrendPage(WallPage):
    """Intake by hour and by source, today (bars) against the 7-day average (line / outline bars)."""

    name = "trend"

    def __init__(self, style: WallStyle, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(style, tz, parent)
        font_px = style.small_px
        self.plots = []
        row = QHBoxLayout()
        for title in (translate("Wall", "按小时接报：今日 vs 近7日均值"), translate("Wall", "按来源接报：今日 vs 近7日均值")):
            col = QVBoxLayout()
            col.addWidget(_label(title, style.title_px, TEXT, bold=True))
            plot = pg.PlotWidget(background=PANEL)
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            for ax in ("left", "bottom"):
                axis = plot.getAxis(ax)
                f = axis.label.font()
                f.setPixelSize(font_px)
                axis.setStyle(tickFont=f, tickTextOffset=style.px(6))
                axis.setTextPen(TEXT)
                axis.setPen(MUTED)
            col.addWidget(plot, 1)
            self.plots.append(plot)
            row.addLayout(col, 1)
        self.body.addLayout(row, 1)
        self.legend = _label(translate("Wall", "■ 今日    ━ 近7日均值"), style.label_px, MUTED)
        self.body.addWidget(self.legend)
        self._items: list = []

    def show_snapshot(self, snap: WallSnapshot) -> None:
        from console.services.report import SOURCE_LABELS

        today_c, avg_c = (STALE, MUTED) if self.stale else (ACCENT, WARN)
        hp, sp = self.plots
        x = np.arange(24)
        keys = sorted(set(snap.source_today) | set(snap.source_avg), key=lambda s: snap.source_avg.get(s, 0.0))
        ys = np.arange(len(keys))  # horizontal bars: the source names stay readable on the left axis
        pen = pg.mkPen(avg_c, width=self.wall_style.px(4))
        outline = pg.mkPen(avg_c, width=self.wall_style.px(3))
        if not self._items:  # built once; later refreshes only set new data (no scene churn)
            self._items = [pg.BarGraphItem(x=x, height=np.zeros(24), width=0.7, brush=today_c, pen=None),
                           pg.PlotDataItem(x, np.zeros(24), pen=pen),
                           pg.BarGraphItem(x0=0, y=[], width=[], height=0.38, brush=today_c, pen=None),
                           pg.BarGraphItem(x0=0, y=[], width=[], height=0.38, brush=None, pen=outline)]
            hp.addItem(self._items[0])
            hp.addItem(self._items[1])
            sp.addItem(self._items[2])
            sp.addItem(self._items[3])
            hp.getAxis("bottom").setTicks([[(h, f"{h:02d}") for h in range(0, 24, 3)]])
        hour_bars, hour_line, src_today, src_avg = self._items
        hour_bars.setOpts(height=np.asarray(snap.hour_today, float), brush=today_c)
        hour_line.setData(x, np.asarray(snap.hour_avg, float))
        hour_line.setPen(pen)
        src_today.setOpts(x0=0, y=ys + 0.2, width=[snap.source_today.get(k, 0) for k in keys], brush=today_c)
        src_avg.setOpts(x0=0, y=ys - 0.2, width=[snap.source_avg.get(k, 0.0) for k in keys], pen=outline)
        names = source_names()
        sp.getAxis("left").setTicks([[(i, names.get(k) or SOURCE_LABELS.get(k, k)) for i, k in enumerate(keys)]])
        self._snap = snap

    def on_stale(self, stale: bool) -> None:
        snap = getattr(self, "_snap", None)
        if snap is not None:
            self.show_snapshot(snap)


def nan_to_none(v: float | None) -> float | None:
    return None if v is None or isinstance(v, float) and math.isnan(v) else v
