"""Slot fillers for tools/make_triage_corpus.py: how complaints are worded in the room.

Hand-written: channel openers and closers, times, people, dialect, homophone typos (the errors of
pinyin input and speech-to-text), consequences per family, distractor places, and the formats of
video-AI and sensor alerts. Kept apart from the generator so the templates stay readable.
"""

from __future__ import annotations

TIMES = (
    "今天早上", "今早七点多", "昨天晚上", "昨晚十一点多", "刚才", "刚刚", "这几天", "最近一个星期", "从上周开始",
    "中午", "下午三点左右", "半夜两点", "凌晨", "每天晚上", "周末", "前天", "已经半个多月了", "今天一整天",
    "", "", "",
)
PEOPLE = (
    "我", "我们", "我家老人", "楼下的邻居", "小区业主", "一位姓王的阿姨", "我妈", "附近的居民", "过路的市民",
    "我们几户人家", "一个送外卖的小哥", "店里的员工", "我爱人", "隔壁张大爷",
)
PARTICLES = ("", "", "", "啊", "哦", "嘛", "哈", "呀", "噻", "咯", "了嘛", "撒")
FILLERS = ("", "", "", "那个，", "就是说，", "怎么讲呢，", "喂，你好，", "你好，", "嗯，", "哎呀，", "麻烦问一下，")
REQUESTS = (
    "请尽快派人处理", "希望有关部门管一管", "麻烦你们来看看", "请相关部门尽快解决", "要求给个说法", "赶紧来人吧",
    "请帮忙协调", "希望尽快处理，谢谢", "你们到底管不管", "请安排人员核实", "已经影响正常生活了", "再不处理要出事了",
    "", "",
)
REPEATS = ("之前打过电话了还是没人管", "已经反映过一次了", "物业说不归他们管", "社区让我打这个电话", "找了好几个地方都推来推去")

# spoken Sichuanese / colloquial rewrites (the demo district is in Chengdu)
DIALECT = (
    ("没有", "莫得"), ("什么", "啥子"), ("怎么", "咋个"), ("这里", "这儿"), ("不知道", "不晓得"), ("很", "好"),
    ("非常", "老"), ("一直", "一天到黑"), ("厉害", "凶"), ("看看", "瞅瞅"), ("没人", "莫得人"), ("现在", "这会儿"),
)
# homophone / near-form typos: pinyin input and speech-to-text
TYPOS: dict[str, str] = {
    "的": "地", "在": "再", "已": "以", "做": "作", "那": "哪", "像": "象", "道": "到", "路": "陆", "线": "现",
    "梯": "题", "困": "捆", "漏": "露", "堵": "赌", "停": "亭", "灯": "登", "圾": "级", "井": "进", "盖": "概",
    "违": "为", "噪": "燥", "燃": "然", "排": "派", "污": "乌", "摊": "滩", "贩": "犯", "诈": "炸", "骗": "片",
    "楼": "搂", "坑": "吭", "塌": "踏", "裂": "列", "烟": "咽", "秤": "称", "斤": "今", "扰": "绕", "泄": "谢",
    "臭": "丑", "坏": "怀", "修": "休", "障": "账", "碍": "爱", "警": "井", "报": "抱", "电": "点", "响": "想",
    "建": "见", "棚": "蓬", "倒": "到", "掉": "调", "脏": "赃", "费": "废", "欠": "歉", "租": "组", "辆": "量",
    "撞": "壮", "闪": "扇", "冒": "帽", "浓": "农", "味": "未", "管": "馆", "吵": "炒", "账": "帐", "偷": "投",
}

# places that carry another matter's keywords (a market in a vending complaint, a fire station...)
DISTRACTOR_PLACES = (
    "菜市场门口", "农贸市场后门", "消防站旁边", "派出所对面", "电力公司宿舍", "水厂路口", "燃气公司楼下",
    "社区卫生服务中心旁边", "垃圾中转站附近", "加油站边上", "小学门口", "幼儿园对面", "医院后面", "公交站台边",
    "地铁站出口", "停车场入口", "信访接待中心附近", "电梯公寓", "供电营业厅旁边", "超市门口",
)
SPOTS = ("门口", "旁边", "对面", "附近", "后面那条巷子", "楼下", "路口", "转角", "", "")

# per family: what it does to people (reinforces the family without naming the matter)
CONSEQUENCES: dict[str, tuple[str, ...]] = {
    "urban": ("影响市容", "走路都要绕着走", "看着很不舒服", "路都被占了一半", "环境太差了"),
    "housing": ("晚上走路很危险", "已经有人摔倒了", "小孩子经过很危险", "车子过去颠得很", "怕砸到人"),
    "traffic": ("车子都乱套了", "行人过马路很危险", "差点撞到人", "早晚高峰更严重", "大家都在按喇叭"),
    "water": ("家里老人孩子等着用水", "饭都做不成", "水白白流了很可惜", "一楼都快进水了", "洗澡都没办法"),
    "power": ("冰箱里的东西都坏了", "家里有病人要用制氧机", "晚上黑灯瞎火", "电器都用不了", "店里没法营业"),
    "gas": ("大家都很害怕", "做不了饭", "担心会爆炸", "楼里有老人小孩", "不敢开火"),
    "lift": ("老人上下楼太难了", "里面的人很害怕", "住高层的没办法出门", "孩子吓哭了", "大家都不敢坐了"),
    "market": ("消费者权益受到侵害", "老百姓上当受骗", "吃坏了谁负责", "太坑人了", "商家态度还很差"),
    "police": ("大家都很害怕", "晚上都不敢出门", "担心人身安全", "损失好几千块", "孩子一个人在家不放心"),
    "fire": ("万一着火后果不堪设想", "消防车根本进不来", "楼里住了好多人", "很危险", "怕引起火灾"),
    "environment": ("熏得人头疼", "窗户都不敢开", "晚上根本睡不着", "孩子一直咳嗽", "河边散步的人都走了"),
    "emergency": ("随时可能出事", "住在里面的人很危险", "出了事谁负责", "安全隐患很大", "担心出人命"),
    "dispute": ("双方吵得很凶", "都快动手了", "调解了几次没用", "关系闹得很僵", "想请人来评评理"),
    "civil": ("很可怜", "没人照顾", "生活很困难", "希望政府关心一下", "怕出意外"),
    "community": ("业主意见很大", "物业不管不问", "大家都很有意见", "住得很闹心", "群里都吵翻了"),
    "petition": ("问题一直没有解决", "要求给个明确答复", "对处理结果不满意", "希望领导重视", "已经拖了很久"),
    "health": ("担心传染", "小孩子容易生病", "怕出人命", "卫生条件太差", "很不放心"),
    "zongzhi": ("想请你们帮忙协调", "不知道该找谁", "希望有人出面", "双方僵持不下", "急得不行"),
}

CAMERAS = ("云港大道与双楠街路口", "桂花路88号", "文星街菜场段", "白鹭路学校段", "星河路地铁口", "锦华街口",
           "凤翔街中段", "航港路桥下", "棠湖路公园门口", "金桥路工地旁")

# video-AI labels for matters a camera sees: matter code → label the algorithm prints
AI_LABELS: dict[str, tuple[str, ...]] = {
    "urban.vending": ("占道经营", "流动摊贩"), "urban.shop_outside": ("出店经营", "店外经营"),
    "urban.garbage_exposed": ("暴露垃圾", "垃圾堆积"), "urban.bin_overflow": ("垃圾满溢", "垃圾桶满溢"),
    "urban.sidewalk_parking": ("机动车违停", "人行道停车"), "urban.bike_clutter": ("非机动车乱停放",),
    "urban.banner": ("违规横幅",), "urban.clothes_hanging": ("沿街晾挂",), "urban.night_bbq": ("露天烧烤",),
    "urban.muck_truck": ("渣土车未覆盖", "车辆带泥上路"), "urban.site_dust": ("工地扬尘", "裸土未覆盖"),
    "urban.piled_materials": ("乱堆物料",), "urban.floating_litter": ("水面漂浮物",), "urban.tree_down": ("树木倒伏",),
    "fire.fire": ("烟火", "明火", "烟雾"), "water.waterlogging": ("道路积水",), "traffic.accident": ("交通事故", "车辆碰撞"),
    "traffic.congestion": ("车辆拥堵", "道路拥堵"), "traffic.road_parking": ("违停占道", "路口违停"),
    "police.fight": ("人员聚集打斗", "肢体冲突"), "fire.passage": ("消防通道占用",), "fire.ebike_charging": ("电动车入梯",),
    "env.burning": ("焚烧烟雾",), "emergency.drowning": ("人员涉水", "溺水预警"), "housing.manhole": ("井盖异常", "井盖缺失"),
    "urban.posters": ("乱贴小广告",), "urban.zombie_car": ("长期停放车辆",), "traffic.violation": ("非机动车逆行", "闯红灯"),
    "env.river_colour": ("水体颜色异常",), "env.chimney": ("烟囱冒黑烟",), "police.high_throw": ("高空抛物",),
    "urban.stray_dogs": ("犬只未牵绳",), "traffic.signal": ("信号灯熄灭",),
}

# sensor alerts: matter code → formats ({dev} device id, {addr} address, {ts} time, {n} number)
SENSORS: dict[str, tuple[str, ...]] = {
    "fire.smoke_alarm": ("烟感报警 设备号{dev} {addr} 报警时间{ts}", "【物联感知】独立式烟感{dev}触发火警，位置：{addr}",
                         "火灾自动报警系统：{addr} 感烟探测器{dev} 火警"),
    "water.level_alarm": ("【水位监测】清水河{dev}站 当前水位{n}.{n}m 超警戒水位", "液位计{dev}报警：{addr}下穿通道水位超阈值"),
    "gas.alarm": ("【燃气监测】可燃气体探测器{dev} 浓度{n}%LEL 超报警阈值 {addr}", "燃气报警器{dev}告警 {addr} 甲烷浓度异常"),
    "lift.iot_alarm": ("【电梯物联网】注册代码{dev} {addr} 困人告警", "电梯监测终端{dev}：门区外停梯 {addr}{n}号梯"),
    "lift.trapped": ("【电梯应急处置平台】{addr}{n}号梯 困人报警 设备{dev}", "96333转来：{addr}电梯困人"),
    "traffic.signal_controller": ("信号机报警 路口编号{dev} {addr} 故障代码E{n}", "【信号控制系统】{dev}号信号机离线 {addr}"),
    "civil.elderly_alone": ("【智能水表】独居老人住户{addr} 水表{dev}连续48小时无用水", "【关爱监测】{addr}独居老人家电表24小时用电为0"),
    "power.outage": ("【用电监测】台区{dev}失压告警 影响{n}户 {addr}",),
    "water.main_burst": ("【管网监测】压力监测点{dev}压力骤降，疑似爆管 {addr}", "流量计{dev}夜间流量异常升高 {addr}"),
    "env.discharge": ("【水质在线监测】清水河{dev}断面 COD超标{n}倍", "排口监测{dev}：氨氮超标 {addr}"),
    "env.river_colour": ("【水质监测】{dev}断面色度异常 {addr}",),
    "housing.tower_crane": ("【塔机监控】{addr}工地塔吊{dev} 倾角报警 {n}.{n}°", "塔机安全监控{dev}：力矩超限 {addr}"),
    "housing.foundation_pit": ("【基坑监测】{addr} 测点{dev}位移超预警值",),
    "fire.equipment": ("【消防物联网】{addr} 消火栓水压{dev}低于0.1MPa",),
    "env.chimney": ("【在线监测】{dev}排口 颗粒物超标 {addr}",),
    "emergency.landslide": ("【地灾监测】{dev}裂缝计位移突增 {addr}",),
    "fire.ebike_charging": ("【智慧消防】{addr} 电梯轿厢识别到电动车 设备{dev}",),
}
DEVICE_PREFIX = ("YG", "SD", "IOT", "DT", "JC", "WG")
