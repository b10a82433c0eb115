"""The 事件详情 dock: everything known about the selected event, with its action timeline.

It shows the window's :class:`~console.qtmodels.selection.EventSelection` (its own one when none
is given): a live event as the room has it, a closed or rejected one as stored. The timeline and the
merged duplicate reports come from a ``details`` provider given by the composition root: with
``run_task`` (the console) its coroutine ``event_details(event_id) -> (actions, duplicates)`` reads
them on a worker thread — the view shows the event at once, "载入中…" under it, and the timeline when
it arrives (a result for an event no longer shown is dropped); without (tests with in-memory
providers) its ``actions_for`` / ``duplicates_for`` are called directly. The timeline is read again
when the decision path appends actions to the shown event (``actions_appended``). In words from
:mod:`console.views.timeline_text`; this view never talks to the store.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from console.domain.district import District
from console.domain.event import Action, Event, utcnow
from console.domain.geo import haversine_m
from console.qtmodels import labels
from console.qtmodels.district_index import NameIndex
from console.qtmodels.selection import EventSelection
from console.services.bus import Bus
from console.services.room import Room
from console.views.timeline_text import TimelineText
from console.widgets.sla_badge import SlaBadge

translate = QCoreApplication.translate
escape = html.escape
log = logging.getLogger(__name__)
RunTask = Callable[[Coroutine[Any, Any, Any]], "asyncio.Future[Any]"]

DEFAULT_TZ = "Asia/Shanghai"


class DetailsProvider(Protocol):
    def actions_for(self, event_id: str) -> list[Action]: ...


def mask_phone(phone: str | None) -> str:
    """138****1234: keep the first 3 and last 4 digits of a phone number."""
    if not phone:
        return ""
    p = phone.strip()
    if len(p) < 8:
        return p[:1] + "*" * max(0, len(p) - 2) + p[-1:] if len(p) > 2 else "*" * len(p)
    return p[:3] + "*" * (len(p) - 7) + p[-4:]


def format_time(dt: datetime | None, tz: ZoneInfo) -> str:
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if dt is not None else ""


class DetailView(QWidget):
    """Shows the selected event; follows the selection (which follows the room)."""

    def __init__(
        self,
        room: Room | None,
        bus: Bus,
        details: DetailsProvider,
        *,
        district: District | None = None,
        clock: Callable[[], datetime] = utcnow,
        tz: str | None = None,
        selection: EventSelection | None = None,
        run_task: RunTask | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detailView")
        self._room = room
        self._details = details
        self._run_task = run_task if hasattr(details, "event_details") else None
        # (event id, actions, duplicate reports) last read for the shown event
        self._loaded: tuple[str, list[Action], list[Any]] | None = None
        # reads in flight are keyed by (event id, generation): a refresh starts a new generation, so
        # a read begun before new actions were committed never ends up on screen
        self._generation = 0
        self._loading: tuple[str, int] | None = None
        bus.subscribe("actions_appended", self.on_event_actions_appended)
        self._names = NameIndex(district)
        self._tz = ZoneInfo(tz or (district.info.timezone if district is not None else DEFAULT_TZ))
        self._timeline = TimelineText(self._names, self._tz)
        self.selection = selection if selection is not None else EventSelection(room, bus, parent=self)
        self._event: Event | None = None
        self.title = QLabel(translate("DetailView", "未选择事件"), self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.level_chip = QLabel(self)
        self.level_chip.setObjectName("levelChip")
        self.sla = SlaBadge(clock=clock, parent=self)
        self.body = QTextBrowser(self)
        self.body.setObjectName("detailBody")
        self.body.setOpenExternalLinks(False)
        head = QHBoxLayout()
        head.addWidget(self.level_chip)
        head.addWidget(self.title, 1)
        head.addWidget(self.sla)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.body, 1)
        self.level_chip.hide()
        self.selection.changed.connect(self._show)
        if self.selection.event is not None:
            self._show(self.selection.event)

    # ---- public -------------------------------------------------------------------------------------
    def current_event_id(self) -> str | None:
        return self._event.id if self._event is not None else None

    def show_event_id(self, event_id: str) -> bool:
        """Select a live event (the room's version); False when the room lacks it."""
        return self.selection.select_id(event_id)

    def show_event(self, ev: Event) -> None:
        """Select ``ev`` (a history event too) and show it."""
        self.selection.select(ev)

    def refresh(self) -> None:
        """Show the selected event again, its timeline read anew (it may have grown)."""
        self._loaded = None
        self._generation += 1
        self._show(self.selection.event)

    def on_event_actions_appended(self, event_ids: list[str], actions: Any = None) -> None:
        if self._event is not None and self._event.id in event_ids:
            self.refresh()

    def _details_of(self, ev: Event) -> tuple[list[Action], list[Any]] | None:
        """The shown event's timeline and duplicates: read now (no worker), cached, or None while a
        worker reads them (the view is shown again when they arrive)."""
        if self._loaded is not None and self._loaded[0] == ev.id:
            return self._loaded[1], self._loaded[2]
        if self._run_task is None:
            fetch = getattr(self._details, "duplicates_for", None)
            actions, dups = self._details.actions_for(ev.id), (fetch(ev.id) if fetch is not None else [])
            self._loaded = (ev.id, actions, dups)
            return actions, dups
        key = (ev.id, self._generation)
        if self._loading != key:
            self._loading = key
            fut = self._run_task(self._details.event_details(ev.id))  # type: ignore[attr-defined]
            fut.add_done_callback(lambda f, key=key: self._details_read(key, f))
        return None

    def _details_read(self, key: tuple[str, int], fut: asyncio.Future[Any]) -> None:
        event_id = key[0]
        if self._loading == key:
            self._loading = None
        if fut.cancelled():
            return
        if fut.exception() is not None:
            log.error("timeline of %s not read", event_id, exc_info=fut.exception())
            return
        if self._event is None or (self._event.id, self._generation) != key:
            return  # the officer moved on, or newer actions were committed since this read began
        actions, dups = fut.result()
        self._loaded = (event_id, list(actions), list(dups))
        self._show(self._event)

    def _show(self, ev: Event | None) -> None:
        self._event = ev
        if ev is None:
            self.title.setText(translate("DetailView", "未选择事件"))
            self.level_chip.hide()
            self.sla.set_deadline(None)
            self.body.clear()
            return
        self.title.setText(ev.title)
        self.level_chip.setText(labels.level_labels()[ev.level])
        self.level_chip.setProperty("level", ev.level.value)
        self.level_chip.style().unpolish(self.level_chip)
        self.level_chip.style().polish(self.level_chip)
        self.level_chip.show()
        self.sla.set_deadline(ev.deadline_at if ev.is_open and self.selection.is_live else None)
        details = self._details_of(ev)
        if details is None:
            self.body.setHtml(self.render_html(ev, [], loading=True))
        else:
            self.body.setHtml(self.render_html(ev, details[0], details[1]))

    def text(self) -> str:
        return self.body.toPlainText()

    def _photos(self, ev: Event, actions: list[Action]) -> list[str]:
        """Photos: image attachments and the room's snapshots, as thumbnails."""
        paths = [str(a.data.get("path")) for a in actions if a.kind == "snapshot" and a.data.get("path")]
        urls = [QUrl.fromLocalFile(p).toString() for p in paths]
        urls += [a.url for a in ev.attachments if a.kind in ("photo", "image") and a.url.startswith("file:")]
        if not urls:
            return []
        heading = translate("DetailView", "照片")
        out = [f"<h4>{escape(heading)}（{len(urls)}）</h4><p>"]
        out += [f"<a href='{escape(u)}'><img src='{escape(u)}' width='200'></a> " for u in urls[-6:]]
        out.append("</p>")
        return out

    def _duplicates(self, reports: list[Any]) -> list[str]:
        """The reports merged into this event (re-sent ids and officer-merged duplicates)."""
        if not reports:
            return []
        heading = translate("DetailView", "合并的重复上报")
        out = [f"<h4>{escape(heading)}（{len(reports)}）</h4><ul>"]
        for _kind, at, rep in reports[-10:]:
            who = rep.reporter_name or labels.source_labels()[rep.source]
            out.append(f"<li>{escape(format_time(at, self._tz))} · {escape(who)} · {escape(rep.title)}</li>")
        out.append("</ul>")
        return out

    def _nearby(self, ev: Event, radius_m: float = 300.0, limit: int = 5) -> list[str]:
        """Other open events within ``radius_m`` — often the same problem, or one crew can take both."""
        if self._room is None or ev.location is None:
            return []
        lon, lat = ev.location.lon, ev.location.lat
        near = []
        for other in self._room.events.values():
            if other.id == ev.id or other.location is None:
                continue
            if abs(other.location.lat - lat) > 0.004 or abs(other.location.lon - lon) > 0.005:
                continue  # cheap box test before the exact distance
            d = haversine_m(lon, lat, other.location.lon, other.location.lat)
            if d <= radius_m:
                near.append((d, other))
        if not near:
            return []
        near.sort(key=lambda x: x[0])
        heading = translate("DetailView", "附近在办事件")
        out = [f"<h4>{escape(heading)}（{len(near)}）</h4><ul>"]
        for d, other in near[:limit]:
            state = labels.state_labels()[other.state]
            out.append(f"<li>{d:.0f} m · {escape(state)} · {escape(other.title)}</li>")
        out.append("</ul>")
        return out

    # ---- rendering ----------------------------------------------------------------------------------
    def _state_text(self, ev: Event) -> str:
        state = labels.state_labels()[ev.state]
        if ev.id == self.selection.event_id and not self.selection.is_live and ev.is_open:
            # the room dropped it (closed or rejected elsewhere) and the stored version is not read yet
            return state + translate("DetailView", "（已离开实时队列）")
        return state

    def render_html(self, ev: Event, actions: list[Action], duplicates: list[Any] | None = None, *,
                    loading: bool = False) -> str:
        e = html.escape
        tz = self._tz
        loc = ev.location
        rows: list[tuple[str, str]] = [
            (translate("DetailView", "编号"), ev.id),
            (translate("DetailView", "状态"), self._state_text(ev)),
            (translate("DetailView", "级别"), labels.level_labels()[ev.level]),
            (translate("DetailView", "来源"), labels.source_labels()[ev.source]),
            (translate("DetailView", "类别"), labels.category_label(ev.category)),
            (
                translate("DetailView", "网格"),
                " › ".join(self._names.grid_path(ev.grid_id)) or translate("DetailView", "未定位"),
            ),
            (translate("DetailView", "地址"), (loc.address or "") if loc is not None else ""),
            (translate("DetailView", "坐标"), f"{loc.lat:.5f}, {loc.lon:.5f}" if loc is not None else ""),
            (translate("DetailView", "报告人"), ev.reporter_name or ""),
            (translate("DetailView", "联系电话"), mask_phone(ev.reporter_phone)),
            (translate("DetailView", "上报时间"), format_time(ev.reported_at, tz)),
            (translate("DetailView", "接收时间"), format_time(ev.received_at, tz)),
            (translate("DetailView", "派遣时间"), format_time(ev.dispatched_at, tz)),
            (translate("DetailView", "处置时间"), format_time(ev.resolved_at, tz)),
            (translate("DetailView", "结案时间"), format_time(ev.closed_at, tz)),
            (translate("DetailView", "办理时限"), format_time(ev.deadline_at, tz)),
            (translate("DetailView", "责任单位"), "、".join(self._names.unit(a) for a in ev.assignees)),
            (translate("DetailView", "认领席位"), ev.claimed_by or ""),
            (
                translate("DetailView", "重复上报"),
                translate("DetailView", "%1 次").replace("%1", str(ev.duplicate_count))
                if ev.duplicate_count
                else "",
            ),
            (translate("DetailView", "合并至"), ev.duplicate_of or ""),
            (translate("DetailView", "督办"), translate("DetailView", "是") if ev.supervised else ""),
            (translate("DetailView", "现场处置"), translate("DetailView", "是") if ev.onsite else ""),
            (translate("DetailView", "摄像头"), ev.camera_id or ""),
        ]
        parts = ["<table class='facts' cellspacing='2'>"]
        for key, value in rows:
            if value:
                parts.append(f"<tr><th align='left'>{e(key)}</th><td>{e(value)}</td></tr>")
        parts.append("</table>")
        if ev.description:
            heading = translate("DetailView", "描述")
            parts.append(f"<h4>{e(heading)}</h4><p>{e(ev.description)}</p>")
        heading = translate("DetailView", "附件")
        parts.append(f"<h4>{e(heading)}（{len(ev.attachments)}）</h4>")
        if ev.attachments:
            parts.append("<ul>")
            for a in ev.attachments:
                parts.append(f"<li>{e(a.kind)}：{e(a.url)}</li>")
            parts.append("</ul>")
        parts.extend(self._photos(ev, actions))
        parts.extend(self._duplicates(duplicates or []))
        parts.extend(self._nearby(ev))
        heading = translate("DetailView", "处置记录")
        if loading:
            wait = translate("DetailView", "载入中…")
            parts.append(f"<h4>{e(heading)}</h4><p>{e(wait)}</p>")
            return "".join(parts)
        parts.append(f"<h4>{e(heading)}（{len(actions)}）</h4>")
        if not actions:
            empty = translate("DetailView", "暂无记录")
            parts.append(f"<p>{e(empty)}</p>")
        else:
            parts.append("<table class='timeline' cellspacing='2' cellpadding='2'>")
            for act in sorted(actions, key=lambda a: a.at):
                parts.append(
                    "<tr>"
                    f"<td>{e(format_time(act.at, tz))}</td><td>{e(self._timeline.describe(act))}</td>"
                    f"<td>{e(self._timeline.who(act))}</td>"
                    "</tr>"
                )
            parts.append("</table>")
        return "".join(parts)
