"""Confirmations of the officer's decisions, in words, for the notice strip.

``Outcomes(district, tz=…, clock=…).text(kind, event, result)`` says what a decision did — "已派遣至
消防救援站，时限 15:30", "已核查通过并结案", "已吹哨：住建办、司法所（报到时限 10:30）" — from the
decision's kind (the dispatch panel's ``filed/rejected/merged/dispatched``, the action bar's
``ACTIONS``) and the service's result (the decided Event, a Whistle, or None). Times are in the
room's time zone; a time on another day than today carries its date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from console.domain.district import District
from console.domain.escalation import TIER_KEY, Tier
from console.domain.event import Event, utcnow
from console.qtmodels.district_index import NameIndex
from console.qtmodels.escalation_model import tier_labels

translate = QCoreApplication.translate
SEP = "、"


def local_time(at: datetime, tz: ZoneInfo, now: datetime) -> str:
    """15:30 today, else 11-23 15:30 (both in ``tz``)."""
    local = at.astimezone(tz)
    return local.strftime("%H:%M") if local.date() == now.astimezone(tz).date() else local.strftime("%m-%d %H:%M")


class Outcomes:
    def __init__(self, district: District | None, *, tz: str = "Asia/Shanghai",
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.names = NameIndex(district)
        self.tz = ZoneInfo(tz)
        self.clock = clock

    def when(self, at: datetime | str) -> str:
        return local_time(datetime.fromisoformat(at) if isinstance(at, str) else at, self.tz, self.clock())

    def units(self, ids: Any) -> str:
        return SEP.join(self.names.unit(str(i)) for i in ids)

    def text(self, kind: str, event: Event | None, result: Any) -> str:
        """The confirmation of decision ``kind`` on ``event`` (``result``: what the service returned)."""
        decided = result if isinstance(result, Event) else event
        if kind == "dispatched":
            units = self.units(decided.assignees) if decided is not None else ""
            if decided is not None and decided.deadline_at is not None:
                return translate("Outcomes", "已派遣至 %1，时限 %2").replace("%1", units).replace("%2", self.when(decided.deadline_at))
            return translate("Outcomes", "已派遣至 %1").replace("%1", units)
        if kind == "merged":
            kept = result.title if isinstance(result, Event) else ""
            return translate("Outcomes", "已合并为重复上报，并入：%1").replace("%1", kept)
        if kind == "escalate":
            if not isinstance(result, Event):
                return translate("Outcomes", "已在最高层级，无法继续上报")
            tier = result.extra.get(TIER_KEY)
            try:
                name = tier_labels()[Tier.parse(str(tier))]
            except KeyError:
                name = str(tier)
            return translate("Outcomes", "已上报至%1").replace("%1", name)
        if kind == "whistle" and hasattr(result, "summons"):
            text = translate("Outcomes", "已吹哨：%1").replace("%1", self.units(result.summons))
            checkin = getattr(result, "checkin_by", None)
            return text + (translate("Outcomes", "（报到时限 %1）").replace("%1", self.when(checkin)) if checkin else "")
        if kind == "suspend" and decided is not None:
            info = decided.extra.get("suspension") or {}
            if info.get("until"):
                text = translate("Outcomes", "已延期至 %1，批准人 %2").replace("%1", self.when(info["until"]))
                return text.replace("%2", str(info.get("approved_by") or "—"))
        simple = {
            "filed": translate("Outcomes", "已立案"),
            "rejected": translate("Outcomes", "已不予立案"),
            "supervise": translate("Outcomes", "已督办"),
            "whistle": translate("Outcomes", "已吹哨"),
            "verify_pass": translate("Outcomes", "已核查通过并结案"),
            "verify_fail": translate("Outcomes", "核查不通过，已退回处置单位重办"),
            "suspend": translate("Outcomes", "已延期"),
            "resume": translate("Outcomes", "已恢复办理"),
            "reopen": translate("Outcomes", "已重新打开"),
        }
        return simple.get(kind, translate("Outcomes", "已完成"))

    def notice(self, kind: str, event: Event | None, result: Any) -> str:
        """The confirmation followed by the event's title (several notices can be on screen)."""
        text = self.text(kind, event, result)
        title = result.title if isinstance(result, Event) and kind != "merged" else event.title if event else ""
        return f"{text} · {title}" if title else text
