"""Deterministic event streams for a district (demo feed, tests, training replays).

``generate(name, district, seed=, start=, hours=)`` yields ``(seconds since start, Event)`` in time
order. The same arguments always give the same stream.

- ``normal_day``: ~300–500 events a day with a day profile (quiet at night, morning and afternoon
  peaks); the source mix of the seeds (grid-worker app reports the largest share, 12345 hotline,
  智慧城管 incl. video-AI 占道经营 detections, ~10 non-police 110 diversions a day, petitions, IoT,
  walk-ins). Many grid-worker reports arrive already resolved on the spot (现场处置).
- ``typhoon``: the normal background plus a surge of 积水内涝 / 树木倒伏 / 停电 / 人员转移 (台风“摩羯”)
  in a few hours, with more major and critical events, weighted towards low-lying grids.
- ``hotline_duplicates``: the normal background plus clusters of the same problem reported again and
  again (same place ±30 m, similar words, minutes apart); ``extra["demo_cluster"]`` names the cluster.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import shapely

from console.domain.categories import CATEGORIES
from console.domain.demo_gen import SURNAMES
from console.domain.district import District
from console.domain.event import Attachment, Event, Level, Location, Source, State
from console.domain.geo import destination, offset_m
from console.domain.grid import Grid, GridKind, Role

SCENARIOS = ("normal_day", "typhoon", "hotline_duplicates")
CST = timezone(timedelta(hours=8), "CST")  # Asia/Shanghai has no DST
DAY_TARGET = 400  # mean events per normal day
# relative report rate per local hour 0..23
HOURLY = (0.25, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.8, 2.2, 2.2, 1.8,
          1.0, 1.0, 1.7, 2.0, 2.0, 1.6, 1.2, 1.0, 0.9, 0.7, 0.5, 0.35)
_TAG = {"normal_day": "n", "typhoon": "t", "hotline_duplicates": "d"}
_PREFIX = {Source.HOTLINE_12345: "12345", Source.CITY_MGMT: "cg", Source.GRID_APP: "wg",
           Source.POLICE_110: "110", Source.PETITION: "xf", Source.VIDEO_AI: "ai", Source.IOT: "iot",
           Source.WALK_IN: "dt", Source.OTHER: "ev"}
_CHANNEL = {Source.HOTLINE_12345: "12345政务服务热线", Source.CITY_MGMT: "智慧城管",
            Source.GRID_APP: "大联动APP", Source.POLICE_110: "非警务警情分流", Source.PETITION: "信访系统",
            Source.VIDEO_AI: "视频智能分析", Source.IOT: "物联感知平台", Source.WALK_IN: "综治中心窗口"}
SOURCE_MIX = {Source.GRID_APP: 45, Source.HOTLINE_12345: 20, Source.CITY_MGMT: 12, Source.VIDEO_AI: 6,
              Source.POLICE_110: 2.5, Source.PETITION: 1, Source.IOT: 4, Source.WALK_IN: 4}
_W = dict[str, float]
CATEGORY_MIX: dict[Source, _W] = {
    Source.GRID_APP: {"city.garbage": 10, "city.vending": 8, "city.parking": 6, "city.zombie_car": 2,
                      "city.road_damage": 4, "city.manhole": 2, "city.construction_noise": 3, "city.ads": 5,
                      "city.facility": 5, "dispute.neighbour": 4, "dispute.property": 3, "dispute.family": 2,
                      "safety.rental": 4, "safety.factory_dwelling": 1, "safety.gas": 2, "safety.ebike": 4,
                      "safety.hazchem": 0.5, "security.suspicious": 1, "security.theft": 1, "fire.passage": 3,
                      "env.noise": 2, "env.odour": 1, "env.discharge": 1, "service.market": 1,
                      "service.food_safety": 1, "service.elderly": 3, "service.certificate": 2},
    Source.HOTLINE_12345: {"city.construction_noise": 6, "env.noise": 6, "dispute.property": 6,
                           "dispute.neighbour": 3, "city.parking": 4, "city.garbage": 3, "city.road_damage": 3,
                           "city.facility": 3, "env.odour": 3, "service.market": 2, "service.elderly": 2,
                           "service.certificate": 3, "dispute.labour": 2, "service.food_safety": 2,
                           "city.ads": 1, "emg.waterlogging": 1, "emg.power_outage": 1},
    Source.CITY_MGMT: {"city.vending": 8, "city.garbage": 6, "city.ads": 5, "city.illegal_building": 4,
                       "city.parking": 5, "city.zombie_car": 2, "city.road_damage": 4, "city.manhole": 3,
                       "city.facility": 4, "city.construction_noise": 2},
    Source.VIDEO_AI: {"city.vending": 7, "city.parking": 3, "city.garbage": 2},
    Source.POLICE_110: {"police.drunk": 4, "police.help": 4, "dispute.neighbour": 2, "dispute.family": 2,
                        "env.noise": 1},
    Source.PETITION: {"petition.general": 6, "dispute.labour": 2, "dispute.property": 2},
    Source.IOT: {"iot.smoke": 6, "iot.water_level": 3},
    Source.WALK_IN: {"service.certificate": 4, "service.elderly": 3, "dispute.neighbour": 2,
                     "dispute.property": 2, "dispute.labour": 1, "service.market": 1},
}
# omit grid_id with this probability (the console derives it from the location)
_OMIT_GRID = {Source.HOTLINE_12345: 0.6, Source.CITY_MGMT: 0.1, Source.GRID_APP: 0.05, Source.POLICE_110: 0.5,
              Source.PETITION: 0.3, Source.IOT: 0.0, Source.WALK_IN: 0.5, Source.VIDEO_AI: 0.2}
TYPHOON_MIX: _W = {"emg.waterlogging": 40, "emg.tree_down": 25, "emg.power_outage": 15, "emg.evacuation": 8,
                   "iot.water_level": 7, "city.facility": 3, "city.road_damage": 2}
DUPLICATE_PRONE = ("city.construction_noise", "emg.waterlogging", "city.garbage", "env.noise", "env.odour",
                   "city.manhole", "emg.power_outage", "city.parking")

# (title, description) per category; {addr} address, {place} nearby place, {comm} community
T: dict[str, tuple[tuple[str, str], ...]] = {
    "city.garbage": (("{addr}路边垃圾堆放未清运", "{place}旁生活垃圾堆积，散发异味，请环卫清运。"),
                     ("{addr}垃圾桶满溢", "垃圾桶满溢，周边有暴露垃圾。")),
    "city.vending": (("{addr}流动摊贩占道经营", "{place}门口有流动摊贩摆摊，占用人行道，影响通行。"),
                     ("{addr}店外出店经营", "商户出店经营，货物堆放在人行道。")),
    "city.illegal_building": (("{addr}疑似违法建设", "{place}楼顶正在搭建彩钢棚，疑似违建，请核查。"),),
    "city.parking": (("{addr}车辆违停堵路", "多辆车违停占用车道，挡住出口，影响通行。"),),
    "city.zombie_car": (("{addr}僵尸车长期停放", "一辆无牌车长期停放，车身积灰，疑似废弃车辆。"),),
    "city.road_damage": (("{addr}路面破损坑洼", "路面出现坑洼破损，雨天积水，电动车易摔倒。"),),
    "city.manhole": (("{addr}井盖缺失", "人行道窨井井盖缺失，存在安全隐患，已临时围挡。"),),
    "city.construction_noise": (("{addr}工地夜间施工扰民", "{place}附近工地夜间施工，噪音很大，影响休息。"),
                                ("{addr}施工噪音扰民", "工地打桩施工扰民，渣土车进出频繁。")),
    "city.ads": (("{addr}小广告乱贴", "墙面、电杆上乱贴小广告（牛皮癣），影响市容。"),),
    "city.facility": (("{addr}路灯不亮", "路段路灯不亮已有数日，夜间出行不便。"),
                      ("{addr}护栏损坏", "道路护栏损坏倒地，请尽快修复。")),
    "dispute.neighbour": (("{place}邻里纠纷", "楼上住户装修漏水到楼下，双方争吵，需调解。"),),
    "dispute.property": (("{place}物业纠纷", "业主与物业因物业费和停车费发生纠纷，情绪激动。"),),
    "dispute.family": (("{place}家庭纠纷", "夫妻因子女教育问题争吵，邻居反映声音很大，需上门调解。"),),
    "dispute.labour": (("{place}劳资纠纷", "十余名工人反映包工头拖欠工资，要求讨薪。"),),
    "safety.rental": (("{place}出租房安全隐患", "出租房内私拉电线、使用热得快，存在群租隔断。"),),
    "safety.factory_dwelling": (("{place}厂房住人", "厂房车间内有务工人员居住，存在消防安全隐患。"),),
    "safety.gas": (("{place}燃气安全隐患", "餐馆后厨煤气瓶无固定、软管老化，疑似漏气。"),),
    "safety.ebike": (("{place}电动车楼道充电", "居民电动车推进楼道充电，飞线充电，存在火灾隐患。"),),
    "safety.hazchem": (("{place}违规储存危化品", "仓库内堆放大量油漆和化学品，无防护措施。"),),
    "security.theft": (("{place}电瓶被盗", "居民反映停放的电动车电瓶被盗，疑似有人盗窃。"),),
    "security.suspicious": (("{addr}可疑人员徘徊", "有陌生人在{place}附近徘徊，形迹可疑。"),),
    "fire.fire": (("{place}商铺冒烟起火", "商铺门缝冒出黑烟，疑似电动车电瓶燃烧。"),),
    "fire.passage": (("{place}消防通道堵塞", "小区消防通道被车辆和杂物堵塞，生命通道不畅。"),),
    "env.discharge": (("{addr}疑似偷排污水", "雨水口有污水排放，河道发黑发臭。"),),
    "env.noise": (("{place}噪声扰民", "广场舞音响声音过大，晚上十点后仍未停止。"),
                  ("{addr}商铺喇叭噪音扰民", "商铺门口喇叭循环播放，噪音扰民。")),
    "env.odour": (("{addr}异味扰民", "附近有刺鼻气味，疑似露天焚烧垃圾。"),),
    "service.market": (("{comm}买菜不便", "拆迁后菜市场没有了，居民希望建临时菜市场。"),),
    "service.food_safety": (("{place}无证熟食加工点", "疑似非法熟食加工点，卫生条件差，请市场监管核查。"),),
    "service.elderly": (("{place}独居老人需帮扶", "高龄独居老人腿脚不便，需上门助餐服务。"),),
    "service.certificate": (("{comm}居住证办理咨询", "新市民咨询居住证办理所需材料和办理地点。"),),
    "petition.general": (("{comm}群众来访反映诉求", "群众多次反映小区改造问题，投诉未果，来访信访。"),),
    "emg.waterlogging": (("{addr}路段积水", "路面积水约{depth}厘米，车辆通行困难，排水不畅。"),
                         ("{place}地下车库进水", "暴雨导致地下车库倒灌进水，请求排水支援。")),
    "emg.tree_down": (("{addr}树木倒伏", "大树被风刮断倒伏，压住道路，影响通行。"),
                      ("{place}旁断枝压住电线", "树木折断，断枝压在电线上，存在危险。")),
    "emg.power_outage": (("{place}停电", "小区大面积停电，电梯停运，有老人被困家中。"),),
    "emg.evacuation": (("{place}人员转移", "低洼危房内有{people}名群众需转移安置。"),),
    "iot.smoke": (("{place}烟感报警", "独立式烟感报警器触发报警，请网格员核实。"),),
    "iot.water_level": (("{addr}水位超限", "水位计读数超过警戒水位{over}厘米。"),),
    "police.drunk": (("{addr}醉酒纠纷", "醉酒乘客呕吐弄脏出租车，司乘因洗车费发生争执。"),),
    "police.help": (("{addr}群众求助", "老人走失迷路，家属求助协助寻找。"),
                    ("{place}群众求助开锁", "住户钥匙反锁屋内，求助开锁。")),
}
_ONSITE_NOTE = "网格员现场处置完毕（谁发现谁处置）"


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 60:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _pick(rng: random.Random, weights: dict) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


class _Builder:
    def __init__(self, name: str, district: District, seed: int, start: datetime, hours: float) -> None:
        self.rng = random.Random(f"{name}:{seed}")
        self.d = district
        self.start = (start if start.tzinfo else start.replace(tzinfo=UTC)).astimezone(UTC)
        self.hours = hours
        self.prefix_date = self.start.astimezone(CST).strftime("%Y%m%d")
        self.tag = f"{_TAG[name]}{seed}"
        micro = district.grids_at_level(4, GridKind.LAND)
        if not micro:
            micro = [g for g in district.leaves if g.polygon and g.kind is GridKind.LAND]
        self.micro = [g for g in micro if g.polygon]
        if not self.micro:
            raise ValueError("the district has no land grids with polygons to place events in")
        self.special = {g.kind: g for g in district.grids.values() if g.kind in (GridKind.MOUNTAIN, GridKind.WATER)}
        self.units = [g for g in district.grids.values() if g.level == 5 and g.polygon]
        self.cameras = list(district.cameras.values())
        lats = [district.geometries[g.id].centroid.y for g in self.micro]
        lo, hi = min(lats), max(lats)
        span = (hi - lo) or 1.0
        self.lowland = [1.0 + 3.0 * (1 - (y - lo) / span) ** 2 for y in lats]  # south is lower
        self.items: list[tuple[float, int, Event]] = []

    # --- places ------------------------------------------------------------------------------
    def point_in(self, g: Grid) -> tuple[float, float]:
        geom = self.d.geometries[g.id]
        x0, y0, x1, y1 = geom.bounds
        for _ in range(200):
            x, y = self.rng.uniform(x0, x1), self.rng.uniform(y0, y1)
            if shapely.contains_xy(geom, x, y):
                return x, y
        p = geom.representative_point()
        return p.x, p.y

    def address(self, lon: float, lat: float, grid_id: str | None) -> tuple[str, str, str]:
        """(address, place, community) for a point."""
        g = self.d.grids.get(grid_id) if grid_id else None
        chain = ([g, *self.d.ancestors(g.id)]) if g else []
        unit = next((x for x in chain if x.level == 5), None)
        comm = next((x.name for x in chain if x.level == 3), None) or (g.name if g else self.d.name)
        roads = next((x.props.get("roads") for x in chain if x.props.get("roads")), None)
        if unit is not None and unit.props.get("address"):
            return str(unit.props["address"]), unit.name, comm
        road = self.rng.choice(roads) if roads else comm.removesuffix("社区") + "路"
        addr = f"{road}{self.rng.randint(1, 320)}号"
        place = f"{comm}{road}沿线" if g is None or g.level < 5 else g.name
        if unit is None and self.units and g is not None:
            near = [u for u in self.d.children(g.id) if u.level == 5]
            if near:
                place = self.rng.choice(near).name
        return addr, place, comm

    # --- events ------------------------------------------------------------------------------
    def level_for(self, code: str, boost: float = 0.0) -> Level:
        base = CATEGORIES[code].default_level.rank
        r = self.rng.random()
        if r < 0.015 + boost / 3:
            base += 2
        elif r < 0.08 + boost:
            base += 1
        elif base == 1 and r > 0.7 - boost:
            base = 0
        if base >= 3 and code not in ("fire.fire", "emg.evacuation", "safety.hazchem", "emg.waterlogging"):
            base = 2
        return [Level.GENERAL, Level.SIGNIFICANT, Level.MAJOR, Level.CRITICAL][min(base, 3)]

    def add(
        self,
        t: float,
        source: Source,
        code: str,
        *,
        where: tuple[float, float] | None = None,
        grid: Grid | None = None,
        boost: float = 0.0,
        texts: tuple[str, str] | None = None,
        extra: dict | None = None,
        camera_id: str | None = None,
    ) -> Event:
        rng = self.rng
        if where is None:
            if grid is None:
                grid = self._place_for(source, code)
            where = self.point_in(grid)
        lon, lat = where
        grid_id = self.d.locate(lon, lat)
        addr, place, comm = self.address(lon, lat, grid_id)
        title_t, desc_t = texts or rng.choice(T[code])
        fill = {"addr": addr, "place": place, "comm": comm, "depth": rng.choice((20, 30, 40, 50, 60)),
                "people": rng.randint(2, 12), "over": rng.randint(5, 40)}
        level = self.level_for(code, boost)
        at = self.start + timedelta(seconds=t)
        ev = Event(
            id="",
            source=source,
            category=code,
            title=title_t.format(**fill)[:200],
            description=desc_t.format(**fill),
            reported_at=at,
            level=level,
            location=Location(lat=round(lat, 6), lon=round(lon, 6), address=f"{comm}{addr}"),
            grid_id=None if rng.random() < _OMIT_GRID.get(source, 0.3) else grid_id,
            camera_id=camera_id,
            extra={"channel": _CHANNEL.get(source, "其他"), **(extra or {})},
        )
        self._reporter(ev, grid_id)
        if source is Source.GRID_APP:
            ev.attachments.append(Attachment("image", f"demo://photo/{len(self.items) + 1}.jpg"))
            if level is Level.GENERAL and rng.random() < 0.6:
                ev.onsite, ev.state, ev.resolved_at = True, State.RESOLVED, at
                ev.extra["onsite_note"] = _ONSITE_NOTE
        self.items.append((t, len(self.items), ev))
        return ev

    def _reporter(self, ev: Event, grid_id: str | None) -> None:
        rng = self.rng
        if ev.source in (Source.HOTLINE_12345, Source.WALK_IN, Source.POLICE_110, Source.PETITION):
            sur = rng.choice(SURNAMES)
            ev.reporter_name = sur + rng.choice(("女士", "先生")) if ev.source is not Source.PETITION else (
                sur + rng.choice("建秀志丽国英") + rng.choice("华明军芳强平"))
            ev.reporter_phone = f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}"
        elif ev.source is Source.GRID_APP and grid_id:
            chain = [grid_id, *(g.id for g in self.d.ancestors(grid_id))]
            for gid in chain:
                workers = [m for m in self.d.members_of(gid) if m.role in (Role.FULLTIME, Role.PARTTIME)]
                if workers:
                    m = rng.choice(workers)
                    ev.reporter_name, ev.reporter_phone = m.name, m.phone
                    ev.extra["reporter_member_id"] = m.id
                    break

    def _place_for(self, source: Source, code: str) -> Grid:
        rng = self.rng
        if code == "iot.water_level" and GridKind.WATER in self.special and rng.random() < 0.6:
            return self.special[GridKind.WATER]
        if code in ("iot.smoke", "safety.ebike", "safety.rental", "emg.power_outage") and self.units:
            if rng.random() < 0.7:
                return rng.choice(self.units)
        if code in ("env.odour", "fire.fire") and GridKind.MOUNTAIN in self.special and rng.random() < 0.1:
            return self.special[GridKind.MOUNTAIN]
        if code.startswith("emg.") or code == "iot.water_level":
            return rng.choices(self.micro, weights=self.lowland)[0]
        return rng.choice(self.micro)

    def background(self, scale: float = 1.0) -> None:
        rate = DAY_TARGET * scale / sum(HOURLY)
        t = 0.0
        end = self.hours * 3600.0
        while t < end:
            local = self.start + timedelta(seconds=t)
            hour = local.astimezone(CST).hour
            nxt = min(end, t + 3600.0 - (local.minute * 60 + local.second + local.microsecond / 1e6))
            for _ in range(_poisson(self.rng, rate * HOURLY[hour] * (nxt - t) / 3600.0)):
                self.random_event(self.rng.uniform(t, nxt))
            t = nxt

    def random_event(self, t: float) -> None:
        source = Source(_pick(self.rng, SOURCE_MIX))
        code = _pick(self.rng, CATEGORY_MIX[source])
        if source is Source.VIDEO_AI and self.cameras:
            cam = self.rng.choice(self.cameras)
            lon, lat = destination(cam.lon, cam.lat, cam.heading_deg or 0.0, self.rng.uniform(10, 40))
            if self.d.locate(lon, lat) is None:
                lon, lat = cam.lon, cam.lat
            ev = self.add(t, source, code, where=(lon, lat), camera_id=cam.id,
                          extra={"ai_confidence": round(self.rng.uniform(0.72, 0.98), 2)})
            ev.attachments.append(Attachment("image", f"demo://{cam.id}/snapshot/{len(self.items)}.jpg"))
            return
        if source is Source.VIDEO_AI:
            source = Source.CITY_MGMT
        self.add(t, source, code)

    def typhoon(self) -> None:
        end = self.hours * 3600.0
        t0 = min(1800.0, end * 0.1)
        span = max(1.0, min(5 * 3600.0, end - t0))
        n = round(420 * min(1.0, self.hours / 6.0))
        sources = {Source.GRID_APP: 45, Source.HOTLINE_12345: 30, Source.CITY_MGMT: 10, Source.VIDEO_AI: 5,
                   Source.POLICE_110: 5}
        for _ in range(n):
            t = self.rng.triangular(t0, t0 + span, t0 + 0.35 * span)
            code = _pick(self.rng, TYPHOON_MIX)
            source = Source.IOT if code == "iot.water_level" else Source(_pick(self.rng, sources))
            cam = None
            if source is Source.VIDEO_AI:
                cam = self.rng.choice(self.cameras).id if self.cameras else None
                source = Source.VIDEO_AI if cam else Source.CITY_MGMT
            ev = self.add(t, source, code, boost=0.3, camera_id=cam, extra={"incident": "台风“摩羯”"})
            if ev.onsite and ev.level is not Level.GENERAL:
                ev.onsite, ev.state, ev.resolved_at = False, State.NEW, None

    def duplicates(self) -> None:
        end = self.hours * 3600.0
        n_clusters = max(3, round(self.hours / 4))
        for k in range(1, n_clusters + 1):
            code = DUPLICATE_PRONE[(k - 1) % len(DUPLICATE_PRONE)]
            centre = self.point_in(self._inner_grid())
            t = self.rng.uniform(0, max(0.0, end - 3 * 3600.0))
            variants = T[code]
            for _ in range(self.rng.randint(5, 12)):
                if t >= end:
                    break
                ang, dist = self.rng.uniform(0, 360), self.rng.uniform(0, 30)
                east, north = dist * math.sin(math.radians(ang)), dist * math.cos(math.radians(ang))
                where = offset_m(centre[0], centre[1], east, north)
                if self.d.locate(*where) is None:
                    where = centre
                source = Source.HOTLINE_12345 if self.rng.random() < 0.8 else Source.CITY_MGMT
                title, desc = variants[self.rng.randrange(len(variants))]
                desc = self.rng.choice(("", "又", "再次", "多次")) + "反映：" + desc
                ev = self.add(t, source, code, where=where, texts=(title, desc),
                              extra={"demo_cluster": f"dup-{k}"})
                ev.onsite, ev.state, ev.resolved_at = False, State.NEW, None
                t += self.rng.uniform(120, 25 * 60)

    def _inner_grid(self) -> Grid:
        return self.rng.choice(self.micro)

    def stream(self) -> Iterator[tuple[float, Event]]:
        self.items.sort(key=lambda it: (it[0], it[1]))
        for n, (t, _, ev) in enumerate(self.items, start=1):
            ev.id = f"{_PREFIX[ev.source]}-{self.prefix_date}-{self.tag}-{n:05d}"
            yield t, ev


def generate(
    name: str, district: District, *, seed: int, start: datetime, hours: float
) -> Iterator[tuple[float, Event]]:
    """Yield ``(seconds since start, Event)`` in time order for scenario ``name``."""
    if name not in SCENARIOS:
        raise ValueError(f"unknown scenario {name!r}; choose one of {', '.join(SCENARIOS)}")
    if hours <= 0:
        raise ValueError("hours must be positive")
    b = _Builder(name, district, seed, start, hours)
    if name == "normal_day":
        b.background()
    elif name == "typhoon":
        b.background(scale=0.6)
        b.typhoon()
    else:
        b.background()
        b.duplicates()
    return b.stream()
