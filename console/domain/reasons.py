"""Why the console suggests something: a reason is Chinese text keyed by a template.

A :class:`Reason` *is* its Chinese text (a ``str``: logs, the CLI, the simulator and stored notes read
it as before) and also carries the template ``key`` and its ``params``, so a UI in another language
words the same reason from its own template for ``key`` (console/qtmodels/reasons.py registers one per
key for the translators). Parameters are plain data: codes (``category``, ``group``, ``role``), names
of people, departments and grids, keywords quoted from the report, numbers.
"""

from __future__ import annotations

from typing import Any

from console.domain.categories import category
from console.domain.grid import Role

ROLE_NAMES_ZH: dict[str, str] = {
    Role.FULLTIME: "专职网格员",
    Role.PARTTIME: "兼职网格员",
    Role.GRID_CHIEF: "网格长",
    Role.POLICE: "民警",
    Role.BUILDING_CHIEF: "楼栋长",
    Role.VOLUNTEER: "志愿者",
}

# key → Chinese template (str.format over the params, plus the derived *_name fields below)
TEMPLATES_ZH: dict[str, str] = {
    "keywords": "命中关键词：{keywords_text}",
    "keywords_and_name": "命中关键词：{keywords_text}（类别名“{name}”）",
    "source_classified": "上报来源已分类",
    "no_keywords": "未命中关键词，请人工分类",
    "department": "“{category_name}”属{group}类，责任部门为{department}",
    "department_unclassified": "未分类事件，先交{department}研判",
    "assignee_here": "本网格在岗{role_name}：{member}",
    "assignee_ancestor": "本网格无在岗人员，上溯至{grid}在岗{role_name}：{member}",
    "no_assignee": "本网格及上级网格均无在岗网格员",
    "model": "研判模型：{matter}（置信度{confidence:.0%}）；依据：{phrases_text}",
    "model_abstain": "把握不足（最高置信度{confidence:.0%}），需人工研判；候选：{candidates_text}",
    "model_department": "权责清单：“{matter}”由{department}负责；责任网格：{grid}",
    "assignee_nearest": "步行最近的在岗{role_name}：{member}（直线{distance_m:.0f}米，步行约{minutes}分钟）",
    "nobody_in_time": "30分钟内无在岗网格员可到达：最近的{member}步行约{minutes}分钟",
    "duplicate": "同类（{category_name}），相距{distance_m:.0f}米，间隔{minutes}分钟",
    "duplicate_similar": "同类（{category_name}），相距{distance_m:.0f}米，间隔{minutes}分钟，标题相似度{similarity:.0%}",
}


def _chinese(key: str, params: dict[str, Any]) -> str:
    values = dict(params)
    if "phrases" in params:
        values["phrases_text"] = "、".join(f"“{p}”" for p in params["phrases"]) or "—"
    if "candidates" in params:
        values["candidates_text"] = "、".join(params["candidates"])
    if "keywords" in params:
        values["keywords_text"] = "、".join(params["keywords"])
    if "category" in params:
        cat = category(params["category"])
        values["category_name"] = cat.name_zh if cat else params["category"]
    if "role" in params:
        values["role_name"] = ROLE_NAMES_ZH.get(params["role"], str(params["role"]))
    return TEMPLATES_ZH[key].format(**values)


class Reason(str):
    """Chinese reason text with its template ``key`` and ``params`` (see the module docstring)."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Reason:
        if key not in TEMPLATES_ZH:
            raise ValueError(f"unknown reason {key!r}")
        obj = super().__new__(cls, _chinese(key, params))
        obj.key = key
        obj.params = params
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (self.key, self.params)


def _rebuild(key: str, params: dict[str, Any]) -> Reason:
    return Reason(key, **params)
