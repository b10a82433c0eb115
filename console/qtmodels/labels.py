"""Translated display names for levels, sources, states, feed statuses, categories and grid levels.

Every string goes through ``QCoreApplication.translate`` with a Simplified Chinese source text
(the default UI language). Lookups are cached; :func:`clear_cache` is called when a translator
is installed so the next lookup picks the new language up.

Names that come with the data: a category and its class carry both forms in the domain table
(``Category.name_en``, ``GROUP_NAMES_EN``); a district's grid level names (``level_names`` of
district.json, e.g. 街道/社区网格/微网格) are Chinese data, translated through the names registered
below (``GridLevels``) — a level name no catalogue knows reads "Level N grid" in another language.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from console.domain.categories import GROUP_NAMES_EN, category
from console.domain.event import Level, Source, State
from console.domain.grid import Grid, GridKind, Role
from console.qtmodels.queue_rows import AMBER_SECONDS, DISPATCH_SECONDS

if TYPE_CHECKING:
    from console.domain.district import District

translate = QCoreApplication.translate
_language = {"code": "zh_CN"}

# Level colours of the command room (general grey-blue, significant yellow, major orange, critical red).
LEVEL_COLORS: dict[Level, str] = {
    Level.GENERAL: "#6f8aa6",
    Level.SIGNIFICANT: "#e6c229",
    Level.MAJOR: "#f08a24",
    Level.CRITICAL: "#e03131",
}
AMBER = "#f0a020"
RED = "#e03131"
GREEN = "#8fd18f"


@cache
def level_color(level: Level) -> QColor:
    return QColor(LEVEL_COLORS[level])


@cache
def level_labels() -> dict[Level, str]:
    return {
        Level.GENERAL: translate("Labels", "一般"),
        Level.SIGNIFICANT: translate("Labels", "较大"),
        Level.MAJOR: translate("Labels", "重大"),
        Level.CRITICAL: translate("Labels", "特别重大"),
    }


@cache
def source_labels() -> dict[Source, str]:
    return {
        Source.HOTLINE_12345: translate("Labels", "12345热线"),
        Source.CITY_MGMT: translate("Labels", "智慧城管"),
        Source.GRID_APP: translate("Labels", "网格APP"),
        Source.POLICE_110: translate("Labels", "110非警务"),
        Source.PETITION: translate("Labels", "信访"),
        Source.VIDEO_AI: translate("Labels", "视频AI"),
        Source.IOT: translate("Labels", "物联感知"),
        Source.WALK_IN: translate("Labels", "来访"),
        Source.OTHER: translate("Labels", "其他"),
    }


@cache
def state_labels() -> dict[State, str]:
    return {
        State.NEW: translate("Labels", "待受理"),
        State.FILED: translate("Labels", "已立案"),
        State.DISPATCHED: translate("Labels", "已派遣"),
        State.ACCEPTED: translate("Labels", "已签收"),
        State.ON_SCENE: translate("Labels", "到场处置"),
        State.RESOLVED: translate("Labels", "已处置"),
        State.VERIFIED: translate("Labels", "已核查"),
        State.CLOSED: translate("Labels", "已结案"),
        State.REJECTED: translate("Labels", "不予立案"),
        State.RETURNED: translate("Labels", "退回"),
        State.ESCALATED: translate("Labels", "已上报"),
        State.SUSPENDED: translate("Labels", "挂起"),
        State.REOPENED: translate("Labels", "重新打开"),
    }


@cache
def feed_status_labels() -> dict[str, str]:
    return {
        "connected": translate("Labels", "已连接"),
        "live": translate("Labels", "已连接"),
        "connecting": translate("Labels", "连接中"),
        "reconnecting": translate("Labels", "重连中"),
        "backoff": translate("Labels", "重连中"),
        "replaying": translate("Labels", "补传中"),
        "catching_up": translate("Labels", "补传中"),
        "unauthorized": translate("Labels", "未授权"),
        "disconnected": translate("Labels", "已断开"),
        "stopped": translate("Labels", "已停止"),
        "error": translate("Labels", "错误"),
    }


def feed_status_label(status: object) -> str:
    key = str(getattr(status, "value", status)).lower()
    return feed_status_labels().get(key, key)


@cache
def feed_error_labels() -> dict[str, str]:
    """Why the feed is down, per ``console.net.feed_errors.ErrorKind`` value."""
    return {
        "unauthorized": translate("Labels", "中枢拒绝了令牌，请检查数据连接令牌"),
        "http_status": translate("Labels", "中枢拒绝了连接请求"),
        "refused": translate("Labels", "连接被拒绝：中枢未运行或地址端口有误"),
        "dns": translate("Labels", "无法解析中枢的主机名（DNS）"),
        "tls": translate("Labels", "TLS 加密连接失败（证书或握手）"),
        "timeout": translate("Labels", "连接超时：中枢没有及时应答"),
        "unreachable": translate("Labels", "网络不可达"),
        "closed": translate("Labels", "连接已断开"),
        "protocol": translate("Labels", "协议错误：对端不是事件中枢"),
        "commit": translate("Labels", "本地保存失败，稍后重试"),
        "other": translate("Labels", "连接错误"),
    }


def feed_error_text(kind: str | None, detail: str | None = None) -> str:
    """The reason in the UI language, with the technical detail ("HTTP 401") after it; "" for none."""
    if not kind:
        return ""
    text = feed_error_labels().get(str(kind), feed_error_labels()["other"])
    if detail:
        text = translate("Labels", "%1（%2）").replace("%1", text).replace("%2", detail)
    return text


def age_text(seconds: float) -> str:
    """Compact age: 刚刚 / 45秒 / 3分钟 / 2小时 / 4天."""
    s = int(seconds)
    minutes, hours, days = divmod(s, 60)[0], divmod(s, 3600)[0], divmod(s, 86400)[0]
    if s < 10:
        return translate("Labels", "刚刚")
    if s < 60:
        return translate("Labels", "%1秒").replace("%1", str(s))
    if s < 3600:
        return translate("Labels", "%1分钟").replace("%1", str(minutes))
    if s < 86400:
        return translate("Labels", "%1小时").replace("%1", str(hours))
    return translate("Labels", "%1天").replace("%1", str(days))


def clock_text(seconds: int) -> str:
    """``0:37`` / ``12:05`` / ``1:05:09`` (the SLA badge's format)."""
    s = abs(int(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


@cache
def _countdown_words() -> tuple[str, str]:
    return translate("Labels", "剩余 %1"), translate("Labels", "超时 %1")


def dispatch_countdown(elapsed: int) -> tuple[str, str]:
    """The one-minute dispatch countdown as the queue, the dispatch panel and the detail's SLA
    badge show it: ``剩余 0:37`` while time is left, then ``超时 0:12``; with its colour (green,
    amber from 30 s, red once the minute is up)."""
    remaining, over = _countdown_words()
    left = DISPATCH_SECONDS - int(elapsed)
    if left <= 0:
        return over.replace("%1", clock_text(-left)), RED
    return remaining.replace("%1", clock_text(left)), AMBER if elapsed >= AMBER_SECONDS else GREEN


def set_language(code: str) -> None:
    """Record the UI language (``zh_CN`` or ``en``) for names that carry both forms."""
    _language["code"] = code
    clear_cache()


def language() -> str:
    return _language["code"]


@cache
def category_label(code: str) -> str:
    cat = category(code)
    if cat is None:
        return translate("Labels", "未分类")
    return cat.name_en if _language["code"].startswith("en") else cat.name_zh


def list_separator() -> str:
    """Between names in a list: 、 in Chinese, ", " otherwise."""
    return "、" if _language["code"].startswith("zh") else ", "


def group_label(group: str) -> str:
    """A category class (市容环境, 矛盾纠纷, …) in the UI language."""
    return GROUP_NAMES_EN.get(group, group) if _language["code"].startswith("en") else group


def category_choice_label(code: str) -> str:
    """"class · category", as category pickers list them."""
    cat = category(code)
    if cat is None:
        return category_label(code)
    return f"{group_label(cat.group)} · {category_label(code)}"


@cache
def role_labels() -> dict[str, str]:
    return {
        Role.FULLTIME: translate("Labels", "专职网格员"),
        Role.PARTTIME: translate("Labels", "兼职网格员"),
        Role.GRID_CHIEF: translate("Labels", "网格长"),
        Role.POLICE: translate("Labels", "民警"),
        Role.BUILDING_CHIEF: translate("Labels", "楼栋长"),
        Role.VOLUNTEER: translate("Labels", "志愿者"),
    }


# grid level names districts use (district.json "level_names"; the seeds' hierarchies), for lupdate
GRID_LEVEL_NAMES = (
    QT_TRANSLATE_NOOP("GridLevels", "街道"),
    QT_TRANSLATE_NOOP("GridLevels", "乡镇"),
    QT_TRANSLATE_NOOP("GridLevels", "街区网格"),
    QT_TRANSLATE_NOOP("GridLevels", "社区网格"),
    QT_TRANSLATE_NOOP("GridLevels", "村（社区）"),
    QT_TRANSLATE_NOOP("GridLevels", "片区"),
    QT_TRANSLATE_NOOP("GridLevels", "微片区"),
    QT_TRANSLATE_NOOP("GridLevels", "网格"),
    QT_TRANSLATE_NOOP("GridLevels", "微网格"),
    QT_TRANSLATE_NOOP("GridLevels", "治理单元"),
)
# special kinds are named by kind, whatever their level
GRID_KIND_NAMES: dict[GridKind, str] = {
    GridKind.MOUNTAIN: QT_TRANSLATE_NOOP("GridLevels", "山林网格"),
    GridKind.WATER: QT_TRANSLATE_NOOP("GridLevels", "水域网格"),
    GridKind.POLICE: QT_TRANSLATE_NOOP("GridLevels", "警格"),
}
_CJK = re.compile(r"[\u3400-\u9fff]")


def grid_level_name(district: District, grid: Grid) -> str:
    """The grid's level (or kind) in the UI language: 社区网格 → "Community grid"."""
    kind = GRID_KIND_NAMES.get(grid.kind)
    if kind is not None:
        return translate("GridLevels", kind)
    name = district.level_names.get(grid.level)
    generic = translate("GridLevels", "%1级网格").replace("%1", str(grid.level))
    if name is None:
        return generic
    text = translate("GridLevels", name)
    if text == name and not _language["code"].startswith("zh") and _CJK.search(name):
        return generic  # the district's own name, unknown to the catalogue
    return text


def clear_cache() -> None:
    """Forget cached translations (call after installing or removing a translator)."""
    for fn in (level_labels, source_labels, state_labels, feed_status_labels, feed_error_labels, category_label,
               role_labels, _countdown_words):
        fn.cache_clear()
