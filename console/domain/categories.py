"""The category table: what kinds of events the room handles and who is responsible.

Urban-management classes follow GB/T 30428 (市容环境, 街面秩序, 宣传广告, 施工管理, 设施管理); the
social-governance classes are those of the seeds (矛盾纠纷, 安全隐患, 治安, 消防, 环保, 民生服务, 信访,
应急灾害, 物联感知, 非警务警情). Department ids refer to ``resources/demo/departments.json``.
``sla_hint`` carries local time limits as hours/minutes (keys ``accept_min``, ``resolve_h``,
``close_h``); the SLA rules may override them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from console.domain.event import UNCLASSIFIED, Level

# GB/T 30428 urban-management classes
G_CITYSCAPE = "市容环境"
G_STREET_ORDER = "街面秩序"
G_ADS = "宣传广告"
G_CONSTRUCTION = "施工管理"
G_FACILITY = "设施管理"
# social-governance classes
G_DISPUTE = "矛盾纠纷"
G_SAFETY = "安全隐患"
G_SECURITY = "治安"
G_FIRE = "消防"
G_ENV = "环保"
G_SERVICE = "民生服务"
G_PETITION = "信访"
G_EMERGENCY = "应急灾害"
G_IOT = "物联感知"
G_NONPOLICE = "非警务警情"

GROUPS: tuple[str, ...] = (
    G_CITYSCAPE,
    G_STREET_ORDER,
    G_ADS,
    G_CONSTRUCTION,
    G_FACILITY,
    G_DISPUTE,
    G_SAFETY,
    G_SECURITY,
    G_FIRE,
    G_ENV,
    G_SERVICE,
    G_PETITION,
    G_EMERGENCY,
    G_IOT,
    G_NONPOLICE,
)

# the classes' English names (the UI shows them in English mode, like ``Category.name_en``)
GROUP_NAMES_EN: dict[str, str] = {
    G_CITYSCAPE: "City appearance",
    G_STREET_ORDER: "Street order",
    G_ADS: "Advertising",
    G_CONSTRUCTION: "Construction",
    G_FACILITY: "Public facilities",
    G_DISPUTE: "Disputes",
    G_SAFETY: "Safety hazards",
    G_SECURITY: "Public security",
    G_FIRE: "Fire safety",
    G_ENV: "Environment",
    G_SERVICE: "Public services",
    G_PETITION: "Petitions",
    G_EMERGENCY: "Emergencies",
    G_IOT: "IoT sensors",
    G_NONPOLICE: "Non-police 110 calls",
}

# the triage office that takes whatever has no better owner (综治办)
DEFAULT_DEPARTMENT = "dept.zongzhi"


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name_zh: str
    name_en: str
    group: str
    default_level: Level
    department_id: str
    keywords: tuple[str, ...]
    sla_hint: dict[str, float] = field(default_factory=dict, hash=False, compare=False)


def _c(
    code: str,
    name_zh: str,
    name_en: str,
    group: str,
    dept: str,
    keywords: str,
    level: Level = Level.GENERAL,
    **sla: float,
) -> Category:
    return Category(code, name_zh, name_en, group, level, dept, tuple(keywords.split()), dict(sla))


G = Level.GENERAL
S = Level.SIGNIFICANT
M = Level.MAJOR

CATEGORIES: dict[str, Category] = {
    c.code: c
    for c in (
        # --- GB/T 30428 urban management ---
        _c("city.garbage", "暴露垃圾", "Exposed refuse", G_CITYSCAPE, "dept.sanitation",
           "暴露垃圾 垃圾 垃圾堆 乱倒 清运 满溢 堆放", accept_min=30, resolve_h=4, close_h=24),
        _c("city.vending", "占道经营", "Street vending", G_STREET_ORDER, "dept.cityenf",
           "占道经营 占道 摊贩 流动摊 摆摊 出店经营 兜售", accept_min=15, resolve_h=2, close_h=24),
        _c("city.illegal_building", "乱搭乱建", "Illegal construction", G_CONSTRUCTION, "dept.cityenf",
           "违法建设 乱搭乱建 违建 搭建 加建 彩钢棚 私搭", S, accept_min=30, resolve_h=4, close_h=72),
        _c("city.parking", "车辆违停", "Illegal parking", G_STREET_ORDER, "dept.cityenf",
           "违停 乱停 违章停车 占用车道 堵路 挡住出口", accept_min=15, resolve_h=1, close_h=24),
        _c("city.zombie_car", "僵尸车", "Abandoned vehicle", G_STREET_ORDER, "dept.cityenf",
           "僵尸车 废弃车辆 长期停放 积灰 无牌车", resolve_h=48, close_h=120),
        _c("city.road_damage", "道路破损", "Damaged road", G_FACILITY, "dept.housing",
           "道路破损 坑洼 塌陷 路面 破损 坑", resolve_h=24, close_h=72),
        _c("city.manhole", "井盖缺失", "Missing manhole cover", G_FACILITY, "dept.housing",
           "井盖 窨井 井盖缺失 井盖破损 下水井", S, accept_min=15, resolve_h=2, close_h=24),
        _c("city.construction_noise", "施工扰民", "Construction nuisance", G_CONSTRUCTION, "dept.cityenf",
           "施工扰民 夜间施工 施工 工地 渣土 打桩", resolve_h=4, close_h=48),
        _c("city.ads", "广告乱贴", "Illegal posters", G_ADS, "dept.cityenf",
           "小广告 乱贴 乱涂 张贴 牛皮癣 乱挂横幅", resolve_h=24, close_h=72),
        _c("city.facility", "公共设施损坏", "Damaged public facility", G_FACILITY, "dept.housing",
           "路灯 护栏 设施损坏 不亮 座椅 健身器材", resolve_h=24, close_h=72),
        _c("traffic.facility", "交通设施与秩序", "Traffic signals and order", G_FACILITY, "dept.traffic",
           "红绿灯 信号灯 信号机 交通标志 标线 拥堵 交通事故 逆行", S, accept_min=10, resolve_h=4, close_h=48),
        # --- 矛盾纠纷 ---
        _c("dispute.neighbour", "邻里纠纷", "Neighbour dispute", G_DISPUTE, "dept.justice",
           "邻里 邻居 邻里纠纷 楼上 漏水 吵架", resolve_h=24, close_h=168),
        _c("dispute.property", "物业纠纷", "Property-management dispute", G_DISPUTE, "dept.community",
           "物业 物业费 业委会 物业纠纷 停车费 小区管理", resolve_h=48, close_h=168),
        _c("dispute.family", "家庭纠纷", "Family dispute", G_DISPUTE, "dept.justice",
           "家庭纠纷 夫妻 父母 子女 赡养 家暴 离家", resolve_h=24, close_h=168),
        _c("dispute.labour", "劳资纠纷", "Labour dispute", G_DISPUTE, "dept.zongzhi",
           "劳资 欠薪 拖欠工资 讨薪 工资 包工头", S, resolve_h=48, close_h=168),
        # --- 安全隐患 ---
        _c("safety.rental", "出租房安全隐患", "Rental-housing hazard", G_SAFETY, "dept.emergency",
           "出租房 群租 私拉电线 租户 隔断 热得快", resolve_h=24, close_h=72),
        _c("safety.factory_dwelling", "厂房住人", "People living in a factory", G_SAFETY, "dept.emergency",
           "厂房住人 厂房 住人 三合一 仓库住人 车间住人", S, resolve_h=8, close_h=48),
        _c("safety.gas", "燃气安全隐患", "Gas hazard", G_SAFETY, "dept.emergency",
           "燃气 煤气 液化气 煤气瓶 漏气 气罐", S, accept_min=10, resolve_h=2, close_h=24),
        _c("safety.ebike", "电动车违规充电", "E-bike charging hazard", G_SAFETY, "dept.fire",
           "电动车 充电 电瓶 飞线 楼道充电 电动车进楼", accept_min=15, resolve_h=4, close_h=48),
        _c("safety.hazchem", "危化品隐患", "Hazardous chemicals", G_SAFETY, "dept.emergency",
           "危化品 化学品 亚硝酸钠 易燃易爆 油漆 储存", M, accept_min=10, resolve_h=2, close_h=24),
        _c("safety.lift", "电梯安全", "Lift safety", G_SAFETY, "dept.lift",
           "电梯 困人 扶梯 轿厢 特种设备 锅炉", S, accept_min=5, resolve_h=2, close_h=24),
        _c("safety.construction", "施工安全", "Construction-site safety", G_CONSTRUCTION, "dept.housing",
           "塔吊 脚手架 基坑 起重机 吊臂 高空作业", S, accept_min=10, resolve_h=4, close_h=48),
        # --- 治安 ---
        _c("security.theft", "盗窃", "Theft", G_SECURITY, "dept.police",
           "盗窃 被盗 偷 失窃 撬 偷电瓶", S, accept_min=10, resolve_h=4, close_h=72),
        _c("security.fraud", "诈骗", "Fraud", G_SECURITY, "dept.police",
           "诈骗 被骗 冒充 转账 安全账户 刷单 传销 集资", S, accept_min=10, resolve_h=4, close_h=72),
        _c("security.suspicious", "可疑人员", "Suspicious person", G_SECURITY, "dept.police",
           "可疑 陌生人 徘徊 形迹可疑 尾随", accept_min=10, resolve_h=2, close_h=24),
        # --- 消防 ---
        _c("fire.fire", "火情", "Fire", G_FIRE, "dept.fire",
           "火情 起火 着火 冒烟 黑烟 燃烧 火灾", M, accept_min=3, resolve_h=1, close_h=24),
        _c("fire.passage", "消防通道堵塞", "Blocked fire lane", G_FIRE, "dept.fire",
           "消防通道 堵塞 安全出口 生命通道 占用通道", S, accept_min=15, resolve_h=2, close_h=24),
        # --- 环保 ---
        _c("env.discharge", "非法排污", "Illegal discharge", G_ENV, "dept.eco",
           "排污 污水 偷排 废水 排放 河道发黑", S, resolve_h=8, close_h=72),
        _c("env.noise", "噪声扰民", "Noise nuisance", G_ENV, "dept.eco",
           "噪声 噪音 广场舞 音响 扰民 喇叭", resolve_h=4, close_h=48),
        _c("env.odour", "异味扰民", "Odour nuisance", G_ENV, "dept.eco",
           "异味 臭味 刺鼻 气味 焚烧 油烟", resolve_h=8, close_h=72),
        # --- 民生服务 ---
        _c("service.market", "菜市场", "Food market", G_SERVICE, "dept.market",
           "菜市场 买菜 农贸市场 菜价 临时菜市场 菜篮子", resolve_h=72, close_h=168),
        _c("service.food_safety", "食品药品安全", "Food and drug safety", G_SERVICE, "dept.market",
           "食品安全 过期 假药 熟食 无证经营 加工点", S, resolve_h=8, close_h=72),
        _c("service.elderly", "养老服务", "Elderly care", G_SERVICE, "dept.civil",
           "养老 老人 独居 高龄 助餐 腿脚不便", resolve_h=24, close_h=168),
        _c("service.certificate", "证件办理", "Certificates", G_SERVICE, "dept.community",
           "居住证 证件 办理 开证明 户籍 社保", resolve_h=72, close_h=168),
        _c("service.water_supply", "供排水故障", "Water supply and drains", G_SERVICE, "dept.water",
           "停水 水管 爆管 水压 水表 自来水 下水道 污水井", S, accept_min=15, resolve_h=8, close_h=72),
        _c("service.gas_supply", "燃气供应", "Gas supply", G_SERVICE, "dept.gas",
           "停气 燃气表 天然气 燃气灶", resolve_h=24, close_h=72),
        # --- 信访 ---
        _c("petition.general", "信访事项", "Petition", G_PETITION, "dept.petition",
           "信访 上访 来访 诉求 多次反映 投诉未果", S, accept_min=60, resolve_h=168, close_h=720),
        # --- 应急灾害 (typhoon 摩羯) ---
        _c("emg.waterlogging", "积水内涝", "Waterlogging", G_EMERGENCY, "dept.water",
           "积水 内涝 水淹 排水 倒灌 被淹", S, accept_min=10, resolve_h=4, close_h=24),
        _c("emg.tree_down", "树木倒伏", "Fallen tree", G_EMERGENCY, "dept.cityenf",
           "树木倒伏 倒伏 树木 折断 断枝 大树 压住", S, accept_min=10, resolve_h=4, close_h=24),
        _c("emg.power_outage", "停电", "Power failure", G_EMERGENCY, "dept.power",
           "停电 断电 没电 电力 电线 跳闸", S, accept_min=10, resolve_h=4, close_h=24),
        _c("emg.evacuation", "人员转移", "Evacuation", G_EMERGENCY, "dept.emergency",
           "转移 撤离 危房 安置 被困 疏散", M, accept_min=5, resolve_h=2, close_h=24),
        # --- 物联感知 ---
        _c("iot.smoke", "烟感报警", "Smoke detector alarm", G_IOT, "dept.fire",
           "烟感 烟感报警 烟雾 报警器", S, accept_min=3, resolve_h=1, close_h=24),
        _c("iot.water_level", "水位超限", "Water level over limit", G_IOT, "dept.water",
           "水位 超限 警戒水位 水位计", S, accept_min=5, resolve_h=2, close_h=24),
        # --- 非警务警情 (110 diversion) ---
        _c("police.drunk", "醉酒纠纷", "Drunkenness dispute", G_NONPOLICE, "dept.zongzhi",
           "醉酒 喝醉 酒后 呕吐 洗车费", accept_min=10, resolve_h=2, close_h=24),
        _c("police.help", "群众求助", "Public assistance", G_NONPOLICE, "dept.zongzhi",
           "求助 走失 开锁 困在 迷路 非警务", accept_min=10, resolve_h=2, close_h=24),
    )
}

UNCLASSIFIED_NAME_ZH = "未分类"


def category(code: str | None) -> Category | None:
    """The category with this code; None for unknown codes and for ``UNCLASSIFIED``."""
    if code is None or code == UNCLASSIFIED:
        return None
    return CATEGORIES.get(code)


def normalize_code(code: str | None) -> str:
    """A known category code, or ``UNCLASSIFIED`` (the protocol accepts unknown codes for triage)."""
    return code if code is not None and code in CATEGORIES else UNCLASSIFIED


def category_name(code: str | None) -> str:
    """Chinese display name; ``未分类`` for unknown or unclassified codes."""
    cat = category(code)
    return cat.name_zh if cat else UNCLASSIFIED_NAME_ZH


def by_group() -> dict[str, list[Category]]:
    """Categories grouped by class, in table order."""
    out: dict[str, list[Category]] = {g: [] for g in GROUPS}
    for c in CATEGORIES.values():
        out.setdefault(c.group, []).append(c)
    return out


def department_ids() -> frozenset[str]:
    """Every department referenced by the table (plus the default triage office)."""
    return frozenset({c.department_id for c in CATEGORIES.values()} | {DEFAULT_DEPARTMENT})
