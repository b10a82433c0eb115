"""Words for the detail view's timeline: every logged action as a short sentence with names.

``TimelineText(names, tz).describe(action)`` turns an :class:`Action` of the append-only log into
what an officer reads — "派遣：城管执法中队（指令：…，时限 11-22 15:30）", "吹哨：住建办、司法所（报到时限
…）", "已签收（城管执法中队）" — with department, member and grid names instead of ids, state and tier
labels instead of enum values, and times in the room's time zone. Unknown kinds (and data in an
unexpected shape) fall back to the kind's label and the note. Pure apart from the translations.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from console.domain.escalation import Tier
from console.domain.event import Action, Level, State
from console.domain.sla import Stage
from console.qtmodels import labels
from console.qtmodels.district_index import NameIndex
from console.qtmodels.escalation_model import span_text, stage_labels, tier_labels

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
SEP = "、"


def kind_labels() -> dict[str, str]:
    return {
        "transition": translate("DetailView", "状态变更"),
        "triage": translate("DetailView", "研判"),
        "dispatch": translate("DetailView", "派遣"),
        "dispatch_failed": translate("DetailView", "派遣未送达"),
        "note": translate("DetailView", "备注"),
        "merge": translate("DetailView", "合并"),
        "claim": translate("DetailView", "认领"),
        "escalate": translate("DetailView", "上报"),
        "supervise": translate("DetailView", "督办"),
        "status": translate("DetailView", "反馈"),
        "whistle": translate("DetailView", "吹哨"),
        "check_in": translate("DetailView", "报到"),
        "progress": translate("DetailView", "进展"),
        "broadcast": translate("DetailView", "一键下达"),
        "snapshot": translate("DetailView", "截图"),
        "onsite_resolved": translate("DetailView", "现场处置"),
        "status_ignored": translate("DetailView", "未采纳的反馈"),
        "source_update": translate("DetailView", "来源更新"),
    }


def kind_label(kind: str) -> str:
    return kind_labels().get(kind, kind)


class TimelineText:
    """Sentences for one district's actions (names from ``names``; times in ``tz``)."""

    def __init__(self, names: NameIndex, tz: ZoneInfo | str = "Asia/Shanghai") -> None:
        self.names = names
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        self._kinds: dict[str, Callable[[Action], str]] = {
            "transition": self._transition,
            "triage": self._triage,
            "dispatch": self._dispatch,
            "dispatch_failed": self._noted,
            "merge": self._merge,
            "escalate": self._escalate,
            "supervise": self._supervise,
            "whistle": self._whistle,
            "check_in": self._check_in,
            "progress": self._progress,
            "broadcast": self._broadcast,
            "snapshot": self._snapshot,
            "onsite_resolved": self._onsite,
            "status_ignored": self._ignored,
            "source_update": self._source_update,
        }

    # ---- public --------------------------------------------------------------------------------------
    def describe(self, act: Action) -> str:
        """The action as one sentence (never raises: odd data falls back to label and note)."""
        fn = self._kinds.get(act.kind)
        if fn is not None:
            try:
                return fn(act)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                log.debug("timeline: %s action of %s not described (%s)", act.kind, act.event_id, exc)
        return self._noted(act)

    def who(self, act: Action) -> str:
        """The actor by name (a unit's name for field feedback), with the console seat if any."""
        actor = {"system": translate("DetailView", "系统"), "feed": translate("DetailView", "事件中枢"), "unit": translate("DetailView", "处置单位")}.get(act.actor)
        text = actor or self.names.unit(act.actor)
        return text + (f"（{act.seat}）" if act.seat else "")

    def units(self, ids: Iterable[Any]) -> str:
        return SEP.join(self.names.unit(str(i)) for i in ids)

    def time(self, at: datetime | str | None) -> str:
        """A deadline-style local time: 11-22 15:30."""
        if at is None:
            return ""
        when = datetime.fromisoformat(at) if isinstance(at, str) else at
        return when.astimezone(self.tz).strftime("%m-%d %H:%M")

    # ---- helpers -------------------------------------------------------------------------------------
    def _noted(self, act: Action) -> str:
        label = kind_label(act.kind)
        if act.note and act.note.startswith(label):
            return act.note  # the note says it already ("派遣未送达：…")
        return f"{label}：{act.note}" if act.note else label

    @staticmethod
    def _with_note(text: str, note: str | None) -> str:
        return f"{text}：{note}" if note else text

    @staticmethod
    def _state(state: State | str | None) -> str:
        if state is None:
            return ""
        try:
            return labels.state_labels()[State(state)]
        except ValueError:
            return str(state)

    @staticmethod
    def _tier(label: Any) -> str:
        try:
            return tier_labels()[Tier.parse(str(label))]
        except KeyError:
            return str(label)

    # ---- kinds ---------------------------------------------------------------------------------------
    def _transition(self, act: Action) -> str:
        src, dst, data, note = act.from_state, act.to_state, act.data, act.note
        if dst is State.VERIFIED and data.get("passed"):
            return self._with_note(translate("DetailView", "核查通过"), note)
        if dst is State.DISPATCHED and data.get("passed") is False:
            return self._with_note(translate("DetailView", "核查不通过"), note)
        if dst is State.CLOSED:
            return self._with_note(translate("DetailView", "结案"), note)
        if dst is State.REJECTED and data.get("duplicate_of"):
            return translate("DetailView", "合并至 %1（重复事件）").replace("%1", str(data["duplicate_of"]))
        if dst is State.REJECTED:
            return self._with_note(translate("DetailView", "不予立案"), note)
        if dst is State.SUSPENDED and "until" in data:
            text = translate("DetailView", "延期至 %1，批准人 %2").replace("%1", self.time(data["until"]))
            return self._with_note(text.replace("%2", str(data.get("approved_by") or "—")), note)
        if src is State.SUSPENDED and "paused_s" in data:
            text = translate("DetailView", "恢复办理（挂起 %1）").replace("%1", span_text(float(data["paused_s"])))
            return self._with_note(text, note)
        if dst is State.REOPENED:
            return self._with_note(translate("DetailView", "重新打开"), note)
        if "unit_id" in data:  # feedback from the field: the state reached, by whom
            unit = self.names.unit(str(data.get("unit_id") or act.actor))
            return self._with_note(f"{self._state(dst)}（{unit}）", note)
        step = f"{self._state(src)} → {self._state(dst)}" if src is not None else self._state(dst)
        if dst in (State.DISPATCHED, State.ESCALATED):
            return step  # the dispatch / escalate entry next to it carries the instruction or note
        return self._with_note(step, note)

    def _triage(self, act: Action) -> str:
        data = act.data
        level = data.get("level")
        text = translate("DetailView", "研判：类别 %1，级别 %2").replace("%1", labels.category_label(str(data.get("category"))))
        return text.replace("%2", labels.level_labels()[Level(level)] if level else "—")

    def _dispatch(self, act: Action) -> str:
        data = act.data
        targets = list(data.get("targets") or data.get("departments") or [])
        recorded = data.get("target_names")
        names = SEP.join(recorded) if recorded and len(recorded) == len(targets) else self.units(targets)
        details = []
        if act.note:
            details.append(translate("DetailView", "指令：%1").replace("%1", act.note))
        if data.get("deadline"):
            details.append(translate("DetailView", "时限 %1").replace("%1", self.time(data["deadline"])))
        text = translate("DetailView", "派遣：%1").replace("%1", names) if names else kind_label("dispatch")
        return text + (f"（{'，'.join(details)}）" if details else "")

    def _merge(self, act: Action) -> str:
        data = act.data
        if data.get("merged_id"):
            return translate("DetailView", "合并重复上报 %1").replace("%1", str(data["merged_id"]))
        if data.get("report_id"):
            return translate("DetailView", "合并重复上报 %1（重复推送）").replace("%1", str(data["report_id"]))
        return self._noted(act)

    def _escalate(self, act: Action) -> str:
        data = act.data
        text = translate("DetailView", "上报：%1→%2").replace("%1", self._tier(data["from_tier"])).replace("%2", self._tier(data["to_tier"]))
        reason = str(data.get("reason") or "")
        if reason.startswith("sla_breach:"):
            try:
                stage = stage_labels()[Stage(reason.split(":", 1)[1])]
            except ValueError:
                stage = reason.split(":", 1)[1]
            text += translate("DetailView", "（%1超时，自动上报）").replace("%1", stage)
        elif reason == "whistle_no_show":
            text += translate("DetailView", "（吹哨部门未按时报到）")
        return self._with_note(text, act.note)

    def _supervise(self, act: Action) -> str:
        depts = act.data.get("departments") or []
        text = translate("DetailView", "督办") + (f"（{self.units(depts)}）" if depts else "")
        return self._with_note(text, act.note)

    def _whistle(self, act: Action) -> str:
        data = act.data
        text = translate("DetailView", "吹哨：%1").replace("%1", self.units(data.get("departments") or []))
        if data.get("checkin_by"):
            text += translate("DetailView", "（报到时限 %1）").replace("%1", self.time(data["checkin_by"]))
        return text + (translate("DetailView", "；事由：%1").replace("%1", act.note) if act.note else "")

    def _check_in(self, act: Action) -> str:
        text = translate("DetailView", "报到：%1").replace("%1", self.names.unit(act.actor))
        return text + (translate("DetailView", "（逾时）") if act.data.get("in_time") is False else "")

    def _progress(self, act: Action) -> str:
        return self._with_note(translate("DetailView", "进展（%1）").replace("%1", self.names.unit(act.actor)), act.note)

    def _broadcast(self, act: Action) -> str:
        text = translate("DetailView", "一键下达（%1 个网格）").replace("%1", str(act.data.get("grids", "?")))
        return self._with_note(text, act.note)

    def _snapshot(self, act: Action) -> str:
        return self._with_note(translate("DetailView", "截图"), act.note)

    def _onsite(self, act: Action) -> str:
        return translate("DetailView", "现场处置完毕（上报人自行处置）")

    def _ignored(self, act: Action) -> str:
        unit = self.names.unit(str(act.data.get("unit_id") or act.actor))
        return translate("DetailView", "未采纳的反馈：%1（%2）").replace("%1", self._state(act.to_state)).replace("%2", unit)

    def _source_update(self, act: Action) -> str:
        """"来源更新：标题、级别 一般 → 特别重大、附件 +1；未采纳：级别 较大" (console.domain.source_update)."""
        changes, was, ignored = act.data.get("changes") or {}, act.data.get("was") or {}, act.data.get("ignored") or {}
        fields = {
            "title": translate("DetailView", "标题"), "description": translate("DetailView", "描述"),
            "location": translate("DetailView", "位置"), "reporter_name": translate("DetailView", "上报人"),
            "reporter_phone": translate("DetailView", "上报人电话"), "camera_id": translate("DetailView", "摄像头"),
            "extra": translate("DetailView", "其他信息"),
        }
        levels = labels.level_labels()
        parts: list[str] = []
        for key, value in changes.items():
            if key == "level":
                old = levels[Level(was["level"])] if was.get("level") else "—"
                parts.append(translate("DetailView", "级别 %1 → %2").replace("%1", old).replace("%2", levels[Level(value)]))
            elif key == "grid_id":
                parts.append(translate("DetailView", "网格 %1").replace("%1", self.names.grid(value)))
            elif key == "attachments_added":
                parts.append(translate("DetailView", "附件 +%1").replace("%1", str(len(value))))
            elif key in fields:
                parts.append(fields[key])
        text = translate("DetailView", "来源更新：%1").replace("%1", SEP.join(parts)) if parts else kind_label(act.kind)
        if ignored.get("level"):
            text += translate("DetailView", "；未采纳：级别 %1").replace("%1", levels[Level(ignored["level"])])
        return text
