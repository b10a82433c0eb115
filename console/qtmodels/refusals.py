"""Refused decisions in the UI language.

The decision path refuses with a Chinese message that also carries a ``key`` and ``params``
(``console.domain.decisions.REFUSALS_ZH``). :func:`refusal_text` words it from the template registered
here for that key (``QT_TRANSLATE_NOOP``, so lupdate lists every template for the translators); states
and steps become their display names, unit and event names stay as they are. Any other error shows
its own text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from console.domain.event import State
from console.qtmodels import labels

CONTEXT = "Refusals"

# key → (template with %1…, the parameters filling %1, %2, … in order)
TEMPLATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "not_now": (QT_TRANSLATE_NOOP("Refusals", "事件当前状态为“%1”，不能%2"), ("state", "step")),
    "reject_reason": (QT_TRANSLATE_NOOP("Refusals", "不予立案必须填写理由"), ()),
    "merge_self": (QT_TRANSLATE_NOOP("Refusals", "不能把事件合并到它自己"), ()),
    "merge_target_closed": (QT_TRANSLATE_NOOP("Refusals", "目标事件 %1 已结案或不予立案，不能合并进去"), ("event_id",)),
    "instruction_empty": (QT_TRANSLATE_NOOP("Refusals", "派遣指令不能为空"), ()),
    "no_units": (QT_TRANSLATE_NOOP("Refusals", "请选择至少一个处置单位"), ()),
    "already_dispatched": (QT_TRANSLATE_NOOP("Refusals", "事件已派遣给 %1，无需重复派遣"), ("units",)),
    "supervise_note": (QT_TRANSLATE_NOOP("Refusals", "请填写督办意见"), ()),
    "whistle_departments": (QT_TRANSLATE_NOOP("Refusals", "至少选择一个部门"), ()),
    "whistle_note": (QT_TRANSLATE_NOOP("Refusals", "请填写吹哨事由"), ()),
    "suspend_approver": (QT_TRANSLATE_NOOP("Refusals", "延期须填写批准人"), ()),
    "suspend_reason": (QT_TRANSLATE_NOOP("Refusals", "请填写延期理由"), ()),
    "suspend_until": (QT_TRANSLATE_NOOP("Refusals", "延期截止时间必须晚于现在"), ()),
    "verify_fail_note": (QT_TRANSLATE_NOOP("Refusals", "请填写核查不通过的原因"), ()),
    "reopen_reason": (QT_TRANSLATE_NOOP("Refusals", "请填写重新打开的原因"), ()),
    "claimed": (QT_TRANSLATE_NOOP("Refusals", "事件正在由 %1 处理，请勿重复处置"), ("holder",)),
    "take_over_lost": (QT_TRANSLATE_NOOP("Refusals", "接管未成功：%1 已先接管该事件的研判"), ("holder",)),
    "missing": (QT_TRANSLATE_NOOP("Refusals", "事件 %1 不存在"), ("ids",)),
    "unknown_unit": (QT_TRANSLATE_NOOP("Refusals", "处置单位 %1 不存在或已停用，请重新选择"), ("unit",)),
    "unknown_category": (QT_TRANSLATE_NOOP("Refusals", "未知的事件类别：%1"), ("category",)),
    "hub_refused": (QT_TRANSLATE_NOOP("Refusals", "派遣指令未被事件中枢接受：%1；事件已恢复为派遣前状态"), ("error",)),
    "not_connected": (QT_TRANSLATE_NOOP("Refusals", "未连接事件中枢，派遣指令无法送达，请检查数据连接"), ()),
    "conflict": (QT_TRANSLATE_NOOP("Refusals", "事件 %1 已被其他席位或现场反馈更新，请刷新后重新研判"), ("event_id",)),
    "not_live": (QT_TRANSLATE_NOOP("Refusals", "事件 %1 不在实时队列中"), ("event_id",)),
    "trainer_live": (QT_TRANSLATE_NOOP("Refusals", "培训员账号不能在实战席位%1（只能在培训数据库中操作）"), ("action",)),
    "role_read_only": (QT_TRANSLATE_NOOP("Refusals", "%1账号只能查看，不能%2"), ("role", "action")),
    "role_forbidden": (QT_TRANSLATE_NOOP("Refusals", "%1账号不能%2，须由值班长账号操作"), ("role", "action")),
    "not_linked": (QT_TRANSLATE_NOOP("Refusals", "事件 %1 不是下级上报的事件，不能退回"), ("event_id",)),
    "return_note": (QT_TRANSLATE_NOOP("Refusals", "退回时请填写处理意见"), ()),
    "replay": (QT_TRANSLATE_NOOP("Refusals", "复盘模式：记录只读，不能修改"), ()),
}
STEPS: dict[str, str] = {
    "file": QT_TRANSLATE_NOOP("Refusals", "立案"),
    "reject": QT_TRANSLATE_NOOP("Refusals", "不予立案"),
    "merge": QT_TRANSLATE_NOOP("Refusals", "合并"),
    "dispatch": QT_TRANSLATE_NOOP("Refusals", "派遣"),
    "escalate": QT_TRANSLATE_NOOP("Refusals", "上报"),
    "supervise": QT_TRANSLATE_NOOP("Refusals", "督办（仅对已派遣、处置中的事件）"),
    "whistle": QT_TRANSLATE_NOOP("Refusals", "吹哨"),
    "suspend": QT_TRANSLATE_NOOP("Refusals", "延期"),
    "resume": QT_TRANSLATE_NOOP("Refusals", "恢复（事件未挂起）"),
    "verify": QT_TRANSLATE_NOOP("Refusals", "核查（仅已处置待核查的事件）"),
    "reopen": QT_TRANSLATE_NOOP("Refusals", "重新打开"),
    "move": QT_TRANSLATE_NOOP("Refusals", "转为该状态"),
    "return": QT_TRANSLATE_NOOP("Refusals", "退回下级"),
}


ROLES: dict[str, str] = {
    "officer": QT_TRANSLATE_NOOP("Refusals", "值班员"),
    "supervisor": QT_TRANSLATE_NOOP("Refusals", "值班长"),
    "trainer": QT_TRANSLATE_NOOP("Refusals", "培训员"),
    "wall": QT_TRANSLATE_NOOP("Refusals", "大屏"),
}
ACTIONS: dict[str, str] = {
    "claim": QT_TRANSLATE_NOOP("Refusals", "认领事件"),
    "takeover": QT_TRANSLATE_NOOP("Refusals", "接管其他席位认领的事件"),
    "file": QT_TRANSLATE_NOOP("Refusals", "立案"),
    "reject": QT_TRANSLATE_NOOP("Refusals", "不予立案"),
    "merge": QT_TRANSLATE_NOOP("Refusals", "合并事件"),
    "dispatch": QT_TRANSLATE_NOOP("Refusals", "派遣"),
    "dispatch_failed": QT_TRANSLATE_NOOP("Refusals", "撤回派遣"),
    "escalate": QT_TRANSLATE_NOOP("Refusals", "上报"),
    "supervise": QT_TRANSLATE_NOOP("Refusals", "督办"),
    "whistle": QT_TRANSLATE_NOOP("Refusals", "吹哨"),
    "suspend": QT_TRANSLATE_NOOP("Refusals", "批准延期（挂起）"),
    "resume": QT_TRANSLATE_NOOP("Refusals", "恢复"),
    "verify_pass": QT_TRANSLATE_NOOP("Refusals", "核查"),
    "verify_fail": QT_TRANSLATE_NOOP("Refusals", "核查"),
    "reopen": QT_TRANSLATE_NOOP("Refusals", "重新打开事件"),
    "broadcast": QT_TRANSLATE_NOOP("Refusals", "一键下达"),
    "log": QT_TRANSLATE_NOOP("Refusals", "记录处置日志"),
}


def _value(name: str, value: Any) -> str:
    if name == "state":
        try:
            return labels.state_labels()[State(value)]
        except ValueError:
            return str(value)
    if name == "step":
        return QCoreApplication.translate(CONTEXT, STEPS.get(value, str(value)))
    if name == "role":
        return QCoreApplication.translate(CONTEXT, ROLES.get(value, str(value)))
    if name == "action":
        return QCoreApplication.translate(CONTEXT, ACTIONS.get(value, str(value)))
    if name in ("units", "ids"):
        return labels.list_separator().join(str(v) for v in value)
    return str(value)


def refusal_text(error: BaseException) -> str:
    """The refusal in the UI language (a refusal without a key: its own text)."""
    key = getattr(error, "key", None)
    params = getattr(error, "params", None)
    if key not in TEMPLATES or not isinstance(params, dict):
        return str(error)
    template, names = TEMPLATES[key]
    text = QCoreApplication.translate(CONTEXT, template)
    for i, name in enumerate(names, 1):
        text = text.replace(f"%{i}", _value(name, params.get(name, "")))
    return text
