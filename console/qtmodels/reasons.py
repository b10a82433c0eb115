"""Suggestion reasons in the UI language.

The domain gives each reason as a :class:`~console.domain.reasons.Reason`: Chinese text plus a
template key and parameters. :func:`reason_text` words it from the template registered here for
that key (``QT_TRANSLATE_NOOP``, so lupdate lists every template for the translators); codes become
display names (category, class, role) and numbers are formatted. Names quoted from the data —
keywords found in the report, people, departments, grids — stay as they are. A plain string (no
key) is shown unchanged.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from console.qtmodels import labels

CONTEXT = "Reasons"

# key → (template with %1…, the parameters filling %1, %2, … in order)
TEMPLATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "keywords": (QT_TRANSLATE_NOOP("Reasons", "命中关键词：%1"), ("keywords",)),
    "keywords_and_name": (QT_TRANSLATE_NOOP("Reasons", "命中关键词：%1（类别名“%2”）"), ("keywords", "name")),
    "source_classified": (QT_TRANSLATE_NOOP("Reasons", "上报来源已分类"), ()),
    "no_keywords": (QT_TRANSLATE_NOOP("Reasons", "未命中关键词，请人工分类"), ()),
    "department": (QT_TRANSLATE_NOOP("Reasons", "“%1”属%2类，责任部门为%3"), ("category", "group", "department")),
    "department_unclassified": (QT_TRANSLATE_NOOP("Reasons", "未分类事件，先交%1研判"), ("department",)),
    "assignee_here": (QT_TRANSLATE_NOOP("Reasons", "本网格在岗%1：%2"), ("role", "member")),
    "assignee_ancestor": (QT_TRANSLATE_NOOP("Reasons", "本网格无在岗人员，上溯至%1在岗%2：%3"),
                          ("grid", "role", "member")),
    "no_assignee": (QT_TRANSLATE_NOOP("Reasons", "本网格及上级网格均无在岗网格员"), ()),
    "model": (QT_TRANSLATE_NOOP("Reasons", "研判模型：%1（置信度%2）；依据：%3"), ("matter", "confidence", "phrases")),
    "model_abstain": (QT_TRANSLATE_NOOP("Reasons", "把握不足（最高置信度%1），需人工研判；候选：%2"),
                      ("confidence", "candidates")),
    "model_department": (QT_TRANSLATE_NOOP("Reasons", "权责清单：“%1”由%2负责；责任网格：%3"),
                         ("matter", "department", "grid")),
    "assignee_nearest": (QT_TRANSLATE_NOOP("Reasons", "步行最近的在岗%1：%2（直线%3米，步行约%4分钟）"),
                         ("role", "member", "distance_m", "minutes")),
    "nobody_in_time": (QT_TRANSLATE_NOOP("Reasons", "30分钟内无在岗网格员可到达：最近的%1步行约%2分钟"),
                       ("member", "minutes")),
    "duplicate": (QT_TRANSLATE_NOOP("Reasons", "同类（%1），相距%2米，间隔%3分钟"),
                  ("category", "distance_m", "minutes")),
    "duplicate_similar": (QT_TRANSLATE_NOOP("Reasons", "同类（%1），相距%2米，间隔%3分钟，标题相似度%4"),
                          ("category", "distance_m", "minutes", "similarity")),
}


def _value(name: str, value: Any) -> str:
    if name == "keywords":
        return labels.list_separator().join(value)
    if name == "category":
        return labels.category_label(value) if value else labels.category_label("")
    if name == "group":
        return labels.group_label(value)
    if name == "role":
        return labels.role_labels().get(value, str(value))
    if name == "distance_m":
        return f"{value:.0f}"
    if name == "confidence":
        return f"{value:.0%}"
    if name == "phrases":
        return labels.list_separator().join(f"“{p}”" for p in value) or "—"
    if name == "candidates":
        return labels.list_separator().join(value)
    if name == "similarity":
        return f"{value:.0%}"
    return str(value)


def reason_text(reason: object) -> str:
    """The reason in the UI language (a plain string is returned as it is)."""
    key = getattr(reason, "key", None)
    entry = TEMPLATES.get(key) if isinstance(key, str) else None
    if entry is None:
        return str(reason) if reason is not None else ""
    template, names = entry
    params = getattr(reason, "params", {})
    text = QCoreApplication.translate(CONTEXT, template)
    for i in range(len(names), 0, -1):  # %10 before %1
        text = text.replace(f"%{i}", _value(names[i - 1], params.get(names[i - 1], "")))
    return text
