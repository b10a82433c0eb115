"""The wall's map page (open/overdue choropleth per grid, live markers with overdue halos) and the
alarm takeover page (the map zoomed to one major/critical event, its cameras and its details)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from console.domain.district import District
from console.services.wall_data import Alarm, Markers, WallSnapshot
from console.views.wall.pages import STATE_TEXT, WallPage, _label, _paint_label, clock_text, duration_text
from console.views.wall.style import BAD, LEVEL_COLOURS, MUTED, TEXT, WARN, WallStyle, level_names, translate
from console.widgets.map_canvas import MapCanvas


class WallMap(MapCanvas):
    """The map canvas fed with columns (no Event objects); a refresh writes only the markers that
    changed (new, moved, another level or deadline) and drops those gone, so 100,000 markers cost
    the GUI thread a few milliseconds per refresh instead of a full rebuild."""

    _prev: Markers | None = None

    def set_marker_columns(self, m: Markers, now: float) -> None:
        store = self.markers.store
        prev = self._prev
        self._prev = m
        if prev is None or not len(store):
            store.clear()
            self._write(m, np.arange(len(m)), now)
        else:  # both in rid order (the service sorts them)
            sp = prev.rid
            if sp.size:
                pos = np.minimum(np.searchsorted(sp, m.rid), sp.size - 1)
                found = sp[pos] == m.rid
                changed = ~found | (prev.level[pos] != m.level) | (prev.deadline[pos] != m.deadline) \
                    | (prev.lon[pos] != m.lon) | (prev.lat[pos] != m.lat) | (prev.grid[pos] != m.grid)
            else:
                changed = np.ones(len(m), dtype=bool)
            if m.rid.size:
                at = np.minimum(np.searchsorted(m.rid, sp), m.rid.size - 1)
                gone = np.nonzero(m.rid[at] != sp)[0]
            else:
                gone = np.arange(sp.size)
            if gone.size:
                store.remove(prev.ids_at(gone))
            self._write(m, np.nonzero(changed)[0], now)
            store.col("overdue")[:] = store.col("deadline") < now  # deadlines pass without any write
        self._markers_changed()

    def _write(self, m: Markers, rows: np.ndarray, now: float) -> None:
        if not rows.size:
            return
        shapes = self.grid_item.shapes
        lut = np.asarray([*self._grid_code(list(m.grid_labels)), -1], dtype=np.int64)  # code -1 → last: none
        known = np.asarray([*[(g in shapes) or not shapes for g in m.grid_labels], False])
        codes = np.where(m.grid[rows] >= 0, m.grid[rows], len(m.grid_labels))
        lon, lat, deadline = m.lon[rows], m.lat[rows], m.deadline[rows]
        x, y = self.project(lon, lat)
        ids = m.ids_at(rows)
        self.markers.store.upsert(ids, {
            "lon": lon, "lat": lat, "x": x, "y": y, "level": m.level[rows], "deadline": deadline,
            "overdue": deadline < now, "outside": ~known[codes], "grid": lut[codes],
        })


class MapPage(WallPage):
    name = "map"

    def __init__(self, style: WallStyle, tz: ZoneInfo, district: District, parent: QWidget | None = None) -> None:
        super().__init__(style, tz, parent)
        self.district = district
        self._pending: WallSnapshot | None = None
        self.now = datetime.now(UTC)
        self.map = WallMap(clock=lambda: self.now)
        self.map.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)  # a click pauses the wall
        self.map.set_grids([*district.grids.values()])
        self.map.set_layer_visible("choropleth", True)
        self.map.set_choropleth_mode("overdue")
        self.map.set_layer_visible("labels", True)
        side = QVBoxLayout()
        side.setSpacing(style.px(8))
        self.open_n = _label("—", style.number_px, TEXT, bold=True)
        self.overdue_n = _label("—", style.number_px, BAD, bold=True)
        side.addWidget(_label(translate("Wall", "在办事件"), style.label_px, MUTED))
        side.addWidget(self.open_n)
        side.addWidget(_label(translate("Wall", "超期事件"), style.label_px, MUTED))
        side.addWidget(self.overdue_n)
        side.addWidget(_label(translate("Wall", "超期最多的网格"), style.label_px, MUTED))
        self.top = [_label("", style.label_px) for _ in range(8)]
        for lab in self.top:
            side.addWidget(lab)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.map, 3)
        panel = QWidget()
        panel.setLayout(side)
        panel.setMinimumWidth(style.px(420))
        row.addWidget(panel, 1)
        self.body.addLayout(row, 1)

    def _apply_markers(self) -> None:
        snap, self._pending = self._pending, None
        if snap is not None and snap.markers is not None:
            self.map.set_marker_columns(snap.markers, snap.at.timestamp())

    def showEvent(self, ev: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(ev)
        self._apply_markers()

    def grid_name(self, gid: str) -> str:
        g = self.district.grid(gid)
        return g.name if g is not None else gid

    def show_snapshot(self, snap: WallSnapshot) -> None:
        self.now = snap.at
        self._pending = snap
        if self.isVisible():  # a hidden map page takes its markers when it is shown
            self._apply_markers()
        self.open_n.setText(f"{sum(snap.grid_open.values()):,}")
        self.overdue_n.setText(f"{sum(snap.grid_overdue.values()):,}")
        # roll counts up to the community level (level 3) for the list: micro-grids are too many to read
        roll: dict[str, list[int]] = {}
        for gid, n in snap.grid_open.items():
            key = self._community(gid)
            roll.setdefault(key, [0, 0])[0] += n
        for gid, n in snap.grid_overdue.items():
            key = self._community(gid)
            roll.setdefault(key, [0, 0])[1] += n
        ranked = sorted(roll.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))
        for lab, item in zip(self.top, [*ranked, *[None] * len(self.top)], strict=False):
            if item is None:
                lab.setText("")
                continue
            gid, (o, od) = item
            lab.setText(translate("Wall", "%1  超期 %2 / 在办 %3").replace("%1", self.grid_name(gid)).replace("%2", str(od))
                        .replace("%3", str(o)))

    def _community(self, gid: str) -> str:
        path = self.district.path(gid) if self.district.grid(gid) is not None else []
        for g in path:
            if g.level == 3:
                return g.id
        return gid


class AlarmPage(WallPage):
    """One major/critical event (new or in breach) over the whole screen until acknowledged."""

    name = "alarm"

    def __init__(self, style: WallStyle, tz: ZoneInfo, district: District, parent: QWidget | None = None) -> None:
        super().__init__(style, tz, parent)
        self.district = district
        self.alarm: Alarm | None = None
        self.map = WallMap()
        self.map.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)  # a click acknowledges
        self.map.set_grids([*district.grids.values()])
        self.map.set_cameras(list(district.cameras.values()))
        side = QVBoxLayout()
        self.kind = _label("", style.title_px, BAD, bold=True)
        self.title = _label("", style.number_px, TEXT, bold=True)
        self.title.setWordWrap(True)
        self.details = [_label("", style.label_px) for _ in range(6)]
        self.cameras_title = _label(translate("Wall", "附近摄像头"), style.label_px, MUTED)
        self.cameras = [_label("", style.label_px) for _ in range(4)]
        self.countdown = _label("", style.label_px, WARN)
        self.hint = _label(translate("Wall", "按 Enter 或点击确认，恢复轮播"), style.label_px, MUTED)
        for w in (self.kind, self.title, *self.details, self.cameras_title, *self.cameras):
            side.addWidget(w)
        side.addStretch(1)
        side.addWidget(self.countdown)
        side.addWidget(self.hint)
        row = QHBoxLayout()
        row.addWidget(self.map, 3)
        panel = QWidget()
        panel.setLayout(side)
        row.addWidget(panel, 2)
        self.body.addLayout(row, 1)

    def show_alarm(self, alarm: Alarm, now: datetime) -> None:
        self.alarm = alarm
        lv = level_names()[alarm.level]
        self.kind.setText(translate("Wall", "%1事件超时").replace("%1", lv) if alarm.breached else translate("Wall", "新%1事件").replace("%1", lv))
        _paint_label(self.kind, stale=self.stale, colour=LEVEL_COLOURS[alarm.level])
        self.title.setText(alarm.title)
        grid = self.district.grid(alarm.grid_id) if alarm.grid_id else None
        lines = [
            translate("Wall", "接报 %1").replace("%1", clock_text(alarm.received, self.tz, "%m-%d %H:%M")),
            translate("Wall", "网格 %1").replace("%1", grid.name if grid else (alarm.grid_id or "—")),
            translate("Wall", "地址 %1").replace("%1", alarm.address or "—"),
            translate("Wall", "状态 %1").replace("%1", STATE_TEXT().get(alarm.state, alarm.state)),
            (translate("Wall", "已超时 %1").replace("%1", duration_text(now.timestamp() - alarm.deadline)) if alarm.breached
             else translate("Wall", "时限 %1").replace("%1", clock_text(alarm.deadline, self.tz, "%H:%M"))
             if np.isfinite(alarm.deadline) else ""),
            alarm.id,
        ]
        for lab, text in zip(self.details, lines, strict=True):
            lab.setText(text)
        near = self.district.cameras_near(alarm.lon, alarm.lat, 800.0) if np.isfinite(alarm.lon) else []
        for k, lab in enumerate(self.cameras):
            lab.setText(translate("Wall", "· %1（%2 m）").replace("%1", near[k][0].name).replace("%2", f"{near[k][1]:.0f}")
                        if k < len(near) else ("—" if k == 0 else ""))
        if np.isfinite(alarm.lon) and np.isfinite(alarm.lat):
            self.map._prev = None
            self.map.set_marker_columns(Markers(np.array([alarm.id], dtype=object), np.array([0]), np.array([0]),
                                                np.array([alarm.lon]), np.array([alarm.lat]),
                                                np.array([alarm.level], np.int8), np.array([alarm.deadline]),
                                                np.array([0 if alarm.grid_id else -1], np.int32),
                                                [alarm.grid_id or ""]), now.timestamp())
            x, y = self.map.project(np.array([alarm.lon]), np.array([alarm.lat]))
            self.map.centre_on(float(x[0]), float(y[0]), 1200.0)
            self.map.show_event(alarm.id)

    def set_countdown(self, seconds: int) -> None:
        self.countdown.setText(translate("Wall", "%1 秒后自动恢复轮播").replace("%1", str(max(0, seconds))))

    def show_snapshot(self, snap: WallSnapshot) -> None:
        if self.alarm is None:
            return
        fresh = next((a for a in snap.alarms if a.id == self.alarm.id), None)
        if fresh is not None:
            self.show_alarm(fresh, snap.at)

