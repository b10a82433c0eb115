"""English for the source strings this branch added, until the integrator puts them into
resources/i18n/console_en.ts (``make i18n`` + translation). The language tests install the real
catalogue *and* :class:`PendingTranslator`: the real catalogue answers first, so once a string is
translated there this table no longer matters and its entry can be deleted.

Every key is (context, Chinese source) exactly as ``pyside6-lupdate`` extracts it.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

PENDING_EN: dict[tuple[str, str], str] = {
    # the feed status (issue 12 item 10)
    ("FeedStatus", "%1（%2 秒后）"): "%1 (in %2 s)",
    ("FeedStatus", "最近错误：%1"): "Last error: %1",
    ("FeedStatus", "发生时间：%1"): "At: %1",
    ("FeedStatus", "已连续失败 %1 次，下次重试：%2"): "%1 failed attempts in a row; next retry: %2",
    ("FeedStatus", "数据连接状态"): "Feed connection status",
    ("FeedStatus", "中枢地址"): "Hub URL",
    ("FeedStatus", "连接状态"): "State",
    ("FeedStatus", "最近错误"): "Last error",
    ("FeedStatus", "发生时间"): "Error time",
    ("FeedStatus", "连续失败次数"): "Failed attempts in a row",
    ("FeedStatus", "下次重试"): "Next retry",
    ("FeedStatus", "已提交序号"): "Last committed seq",
    ("FeedStatus", "中枢最新序号"): "Hub head seq",
    ("FeedStatus", "积压"): "Lag",
    ("FeedStatus", "已接收记录"): "Records received",
    ("FeedStatus", "已隔离记录"): "Records quarantined",
    ("FeedStatus", "未连接事件中枢"): "Not connected to the event hub",
    ("FeedStatus", "无"): "None",
    ("StatusBar", "数据连接状态…"): "Feed connection status…",
    ("StatusBar", "未连接事件中枢"): "Not connected to the event hub",
    ("StatusBar", "数据连接：%1"): "Feed: %1",
    ("StatusBar", "状态：%1"): "State: %1",
    ("StatusBar", "单击查看数据连接状态"): "Click for the feed connection status",
    ("Labels", "中枢拒绝了令牌，请检查数据连接令牌"): "The hub refused the token; check the feed token",
    ("Labels", "中枢拒绝了连接请求"): "The hub refused the connection request",
    ("Labels", "连接被拒绝：中枢未运行或地址端口有误"):
        "Connection refused: the hub is not running or the address/port is wrong",
    ("Labels", "无法解析中枢的主机名（DNS）"): "The hub's host name cannot be resolved (DNS)",
    ("Labels", "TLS 加密连接失败（证书或握手）"): "TLS connection failed (certificate or handshake)",
    ("Labels", "连接超时：中枢没有及时应答"): "Timed out: the hub did not answer in time",
    ("Labels", "网络不可达"): "Network unreachable",
    ("Labels", "连接已断开"): "Connection lost",
    ("Labels", "协议错误：对端不是事件中枢"): "Protocol error: the peer is not an event hub",
    ("Labels", "本地保存失败，稍后重试"): "Saving locally failed; retrying later",
    ("Labels", "连接错误"): "Connection error",
    ("Labels", "%1（%2）"): "%1 (%2)",
    # roles, grid levels, suggestion reasons (issue 12 item 7)
    ("Labels", "专职网格员"): "full-time grid worker",
    ("Labels", "兼职网格员"): "part-time grid worker",
    ("Labels", "网格长"): "grid chief",
    ("Labels", "民警"): "police officer",
    ("Labels", "楼栋长"): "building chief",
    ("Labels", "志愿者"): "volunteer",
    ("GridLevels", "街道"): "Street",
    ("GridLevels", "乡镇"): "Township",
    ("GridLevels", "街区网格"): "Block grid",
    ("GridLevels", "社区网格"): "Community grid",
    ("GridLevels", "村（社区）"): "Village (community)",
    ("GridLevels", "片区"): "Zone",
    ("GridLevels", "微片区"): "Micro-zone",
    ("GridLevels", "网格"): "Grid",
    ("GridLevels", "微网格"): "Micro-grid",
    ("GridLevels", "治理单元"): "Governance unit",
    ("GridLevels", "山林网格"): "Mountain grid",
    ("GridLevels", "水域网格"): "Water grid",
    ("GridLevels", "警格"): "Police grid",
    ("GridLevels", "%1级网格"): "Level %1 grid",
    ("Reasons", "命中关键词：%1"): "Keywords found: %1",
    ("Reasons", "命中关键词：%1（类别名“%2”）"): "Keywords found: %1 (and the category name “%2”)",
    ("Reasons", "上报来源已分类"): "Classified by the reporting channel",
    ("Reasons", "未命中关键词，请人工分类"): "No keyword found; classify by hand",
    ("Reasons", "“%1”属%2类，责任部门为%3"): "“%1” belongs to %2; the responsible department is %3",
    ("Reasons", "未分类事件，先交%1研判"): "Unclassified: %1 assesses it first",
    ("Reasons", "本网格在岗%1：%2"): "On duty in this grid, %1: %2",
    ("Reasons", "本网格无在岗人员，上溯至%1在岗%2：%3"): "Nobody on duty in this grid; in %1 the %2 on duty: %3",
    ("Reasons", "本网格及上级网格均无在岗网格员"): "No grid worker on duty in this grid or any grid above it",
    ("Reasons", "同类（%1），相距%2米，间隔%3分钟"): "Same category (%1), %2 m away, %3 min apart",
    ("Reasons", "同类（%1），相距%2米，间隔%3分钟，标题相似度%4"):
        "Same category (%1), %2 m away, %3 min apart, titles %4 alike",
    ("MainWindow", "没有待派遣的事件"): "No event awaits dispatch",
    ("MainWindow", "网格治理指挥台"): "Grid Governance Command Console",
    # start-up refusals
    ("StartupError", "%1：不是有效的数据库地址（%2）"): "%1: not a valid database URL (%2)",
    ("StartupError", "%1：无法使用数据目录 %2，它已存在但不是目录"):
        "%1: cannot use the data directory %2: it exists but is not a directory",
    ("StartupError", "%1：无法创建数据目录 %2（%3）"): "%1: cannot create the data directory %2 (%3)",
    ("StartupError", "%1：数据目录 %2 不可写"): "%1: the data directory %2 is not writable",
    ("StartupError", "%1：这是一个目录，不是数据库文件"): "%1: this is a directory, not a database file",
    ("StartupError", "%1：数据库文件不可写（只读或没有权限）"):
        "%1: the database file is not writable (read-only or permission denied)",
    ("StartupError", "%1：无法读取数据库文件（%2）"): "%1: cannot read the database file (%2)",
    ("StartupError", "%1：不是 SQLite 数据库（文件已损坏或是其他类型的文件），文件未作任何改动"):
        "%1: not a SQLite database (corrupt or another kind of file); the file was left untouched",
    ("StartupError", "%1：无法打开数据库文件（%2）"): "%1: cannot open the database file (%2)",
    ("StartupError", "%1：数据库文件已损坏或无法读取（%2），文件未作任何改动"):
        "%1: the database file is corrupt or unreadable (%2); the file was left untouched",
    ("StartupError", "%1：属于其他应用程序（SQLite application_id %2），不是指挥台数据库，文件未作任何改动"):
        "%1: belongs to another application (SQLite application_id %2), not a console database; "
        "the file was left untouched",
    ("StartupError", "%1：不是指挥台数据库（其中有其他数据表：%2），拒绝迁移或覆盖"):
        "%1: not a console database (it has other tables: %2); refusing to migrate or overwrite it",
    ("StartupError", "%1：数据库结构（修订 %2，版本 %3）比本指挥台支持的（修订 %4，版本 %5）更新，请升级指挥台；数据库未作任何改动"):
        "%1: the database schema (revision %2, version %3) is newer than this console supports "
        "(revision %4, version %5); upgrade the console. The database was left untouched",
    ("StartupError", "%1：指挥台数据库缺少结构修订号（可能已损坏），文件未作任何改动"):
        "%1: console database without a schema revision (damaged?); the file was left untouched",
    ("StartupError", "%1：无法打开数据库（%2）"): "%1: cannot open the database (%2)",
    ("StartupError", "无法打开数据库：%1"): "Cannot open the database: %1",
    ("StartupError", "辖区数据有误，无法载入：%1"): "The district data cannot be loaded: %1",
    ("StartupError", "时限规则表（sla.toml）有误：%1"): "The time-limit table (sla.toml) is invalid: %1",
    ("StartupError", "数据连接地址无效：%1（应为 ws://主机:端口/feed）"):
        "Invalid feed URL: %1 (expected ws://host:port/feed)",
    ("StartupError", "无法启动：%1"): "Cannot start: %1",
}


class PendingTranslator(QTranslator):
    """Answers only the strings of :data:`PENDING_EN`; Qt asks the other catalogues for the rest."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None is a null QString: Qt goes on to the next catalogue ("" would be a translation)
        return PENDING_EN.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False
