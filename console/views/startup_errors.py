"""Start-up refusals in the officer's language.

The store, the district loader and the SLA loader know no Qt and report in English (their messages
name the file and the problem; logs and the CLI keep them). :func:`startup_error_text` words such a
refusal in the UI language: each kind of store message is recognised here and rewritten from a
registered template (``QT_TRANSLATE_NOOP``), keeping the file name and the technical detail; an
unrecognised message keeps its English text under a translated heading.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "StartupError"
_S = r"(.+?)"  # a file, URL or database label (the first ": " ends it)

# store messages (console/store/database.py, console/store/store.py) → template, %1… = the groups
_STORE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_S}: not a valid database URL \((.*)\)$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：不是有效的数据库地址（%2）")),
    (re.compile(rf"^{_S}: cannot use data directory (.+): it exists but is not a directory$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：无法使用数据目录 %2，它已存在但不是目录")),
    (re.compile(rf"^{_S}: cannot create data directory (.+?): (.*)$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：无法创建数据目录 %2（%3）")),
    (re.compile(rf"^{_S}: data directory (.+) is not writable$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：数据目录 %2 不可写")),
    (re.compile(rf"^{_S}: is a directory, not a database file$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：这是一个目录，不是数据库文件")),
    (re.compile(rf"^{_S}: database file is not writable \(read-only or permission denied\)$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：数据库文件不可写（只读或没有权限）")),
    (re.compile(rf"^{_S}: cannot read database file: (.*)$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：无法读取数据库文件（%2）")),
    (re.compile(rf"^{_S}: file is not a SQLite database \(corrupt or another kind of file\); left untouched$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：不是 SQLite 数据库（文件已损坏或是其他类型的文件），文件未作任何改动")),
    (re.compile(rf"^{_S}: cannot open database file: (.*)$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：无法打开数据库文件（%2）")),
    (re.compile(rf"^{_S}: database file is corrupt or unreadable \((.*)\); left untouched$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：数据库文件已损坏或无法读取（%2），文件未作任何改动")),
    (re.compile(rf"^{_S}: belongs to another application \(SQLite application_id (.+?)\); "
                r"not a grid-console database, left untouched$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：属于其他应用程序（SQLite application_id %2），不是指挥台数据库，文件未作任何改动")),
    (re.compile(rf"^{_S}: is not a grid-console database \(it has other tables: (.*)\); "
                r"refusing to migrate or overwrite it$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：不是指挥台数据库（其中有其他数据表：%2），拒绝迁移或覆盖")),
    (re.compile(rf"^{_S}: database schema \(revision (.+?), version (.+?)\) is newer than this console "
                r"supports \(revision (.+?), version (.+?)\); upgrade the console .+$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：数据库结构（修订 %2，版本 %3）比本指挥台支持的（修订 %4，版本 %5）更新，请升级指挥台；数据库未作任何改动")),
    (re.compile(rf"^{_S}: the room database is at schema revision (.+?), older than this console's "
                r"\((.+?), version (.+?)\); every seat shares it.+$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：机房数据库的结构（修订 %2）比本指挥台（修订 %3，版本 %4）旧；它由所有席位共用，"
                                       "打开时不会自动升级。请在所有席位都更新到本版本后，运行 python main.py db upgrade --db <地址> 升级")),
    (re.compile(rf"^{_S}: grid-console database without a schema revision \(damaged\?\); left untouched$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：指挥台数据库缺少结构修订号（可能已损坏），文件未作任何改动")),
    (re.compile(rf"^{_S}: cannot open database: (.*)$", re.S),
     QT_TRANSLATE_NOOP("StartupError", "%1：无法打开数据库（%2）")),
]

# one heading per kind of refusal; the detail (English, naming the file) follows it
_HEADINGS = {
    "store": QT_TRANSLATE_NOOP("StartupError", "无法打开数据库：%1"),
    "district": QT_TRANSLATE_NOOP("StartupError", "辖区数据有误，无法载入：%1"),
    "sla": QT_TRANSLATE_NOOP("StartupError", "时限规则表（sla.toml）有误：%1"),
    "feed_url": QT_TRANSLATE_NOOP("StartupError", "数据连接地址无效：%1（应为 ws://主机:端口/feed）"),
    "feed_token": QT_TRANSLATE_NOOP("StartupError", "数据连接令牌无法使用：%1"),
    "feed_tls": QT_TRANSLATE_NOOP("StartupError", "数据连接的 TLS 设置有误：%1"),
    "accounts": QT_TRANSLATE_NOOP("StartupError", "无法登录：%1"),
    "link": QT_TRANSLATE_NOOP("StartupError", "上下级链路配置有误：%1"),
    "mqtt": QT_TRANSLATE_NOOP("StartupError", "网格员定位（MQTT）设置有误：%1"),
    "other": QT_TRANSLATE_NOOP("StartupError", "无法启动：%1"),
}


def _fill(template: str, values: list[str]) -> str:
    text = QCoreApplication.translate(CONTEXT, template)
    # highest number first, so %1 never eats the start of %10
    for i in range(len(values), 0, -1):
        text = text.replace(f"%{i}", values[i - 1])
    return text


def store_error_text(message: str) -> str:
    """A store refusal (English) in the UI language, keeping the file and the technical detail."""
    for pattern, template in _STORE:
        m = pattern.match(message)
        if m is not None:
            return _fill(template, list(m.groups()))
    return _fill(_HEADINGS["store"], [message])


def startup_error_text(kind: str, detail: str) -> str:
    """What stops the console from opening, for the officer: ``kind`` is store, district, sla,
    feed_url, feed_token, feed_tls or other; ``detail`` the English message naming the file and the problem."""
    if kind == "store":
        return store_error_text(detail)
    return _fill(_HEADINGS.get(kind, _HEADINGS["other"]), [detail])


def window_title() -> str:
    return QCoreApplication.translate("MainWindow", "网格治理指挥台")
