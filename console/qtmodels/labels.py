"""Translated display names for levels, sources, states and feed statuses.

Every string goes through ``QCoreApplication.translate`` with a Simplified Chinese source text
(the default UI language). Lookups are cached; :func:`clear_cache` is called when a translator
is installed so the next lookup picks the new language up.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.domain.categories import category
from console.domain.event import Level, Source, State
from console.qtmodels.queue_rows import AMBER_SECONDS, DISPATCH_SECONDS

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


def clear_cache() -> None:
    """Forget cached translations (call after installing or removing a translator)."""
    for fn in (level_labels, source_labels, state_labels, feed_status_labels, category_label, _countdown_words):
        fn.cache_clear()
