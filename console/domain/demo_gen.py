"""Deterministic generator of the demo district "云港街道（虚构示范）" (fictional).

    python -m console.domain.demo_gen resources/demo --seed 7

Shape follows the seeds' "1+11+16+151+N": 1 street grid, 11 block grids (街区网格), 16 community grids
(社区网格), 151 micro-grids (微网格) and N governance units (治理单元: buildings, markets, schools, a
hospital, enterprises) drawn as small polygons inside their micro-grid. A mountain grid (山林网格) and a
water grid (水域网格) adjoin the land as further children of the street, and 24 police grids (警格)
overlay the land. The micro-grids come from one jittered lattice with shared vertices and every
parent is the union of its children, so the land tiles exactly: no gaps, no overlaps.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.polygon import orient

from console.domain.geo import cell_ring, jittered_lattice, offset_m

# --- fictional names ---------------------------------------------------------------------------
COMMUNITIES = (
    "桂花堰", "云港", "文星", "白鹭湾", "锦华", "棠湖", "星河", "凤翔",
    "航港", "双楠", "金桥", "清水河", "翠竹", "花溪", "长乐", "新民",
)
# community indices (band * 4 + position) joined into one block; the other six stand alone → 11
BLOCK_PAIRS = ((0, 1), (6, 7), (9, 10), (12, 13), (14, 15))
H_ROADS = ("桂花路", "云港大道", "锦华街", "文星街", "星河路", "白鹭路", "凤翔街")  # row lines 1..7
V_ROADS = {2: "航港路", 4: "双楠街", 6: "棠湖路", 8: "金桥路", 10: "长顺街", 12: "清水河路",
           14: "翠竹街", 16: "花溪路", 18: "新民路"}  # column lines
POLICE_OFFICES = ("桂花", "文星", "白鹭", "锦华", "棠湖", "星河")
ESTATE_WORDS = tuple("锦绣华庭馨悦嘉和雅康泰盛景福瑞君怡丰")
BUILDING_SUFFIX = ("苑", "花园", "家园", "小区", "雅居", "公寓")
SURNAMES = tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程")
GIVEN_CHARS = tuple("晓云建国秀英志强丽华明军海燕春梅文静磊洋敏红伟芳娟涛斌杰霞平刚桂兰玉凤德勇慧婷")
DEPARTMENTS: tuple[dict[str, Any], ...] = (
    {"id": "dept.cityenf", "name": "综合行政执法队", "kind": "department", "phone": "028-85550101"},
    {"id": "dept.police", "name": "云港派出所", "kind": "police", "phone": "028-85550110"},
    {"id": "dept.market", "name": "市场监管所", "kind": "department", "phone": "028-85550102"},
    {"id": "dept.emergency", "name": "应急管理办", "kind": "office", "phone": "028-85550103"},
    {"id": "dept.fire", "name": "消防救援站", "kind": "department", "phone": "028-85550119"},
    {"id": "dept.eco", "name": "生态环境所", "kind": "department", "phone": "028-85550104"},
    {"id": "dept.justice", "name": "司法所", "kind": "department", "phone": "028-85550105"},
    {"id": "dept.housing", "name": "住建办", "kind": "office", "phone": "028-85550106"},
    {"id": "dept.civil", "name": "民政办", "kind": "office", "phone": "028-85550107"},
    {"id": "dept.zongzhi", "name": "综合治理办（综治办）", "kind": "office", "phone": "028-85550108"},
    {"id": "dept.community", "name": "社区事务办", "kind": "community", "phone": "028-85550109"},
    {"id": "dept.sanitation", "name": "环卫所", "kind": "department", "phone": "028-85550111"},
    {"id": "dept.power", "name": "供电所", "kind": "department", "phone": "028-85550112"},
    {"id": "dept.water", "name": "水务站", "kind": "department", "phone": "028-85550113"},
    {"id": "dept.petition", "name": "信访办", "kind": "office", "phone": "028-85550114"},
    {"id":  "dept.traffic", "name":  "交警中队", "kind":  "police", "phone":  "028-85550122"},
    {"id":  "dept.gas", "name":  "燃气服务站", "kind":  "department", "phone":  "028-85550115"},
    {"id":  "dept.lift", "name":  "特种设备安全站", "kind":  "department", "phone":  "028-85550116"},
    {"id":  "dept.greening", "name":  "园林绿化所", "kind":  "department", "phone":  "028-85550117"},
    {"id":  "dept.health", "name":  "卫生健康办", "kind":  "office", "phone":  "028-85550118"},
)

NAME = "云港街道（虚构示范）"
BBOX = (103.975, 30.530, 104.027, 30.566)  # ≈ 5.0 km × 4.0 km, WGS-84
COLS, ROWS = 20, 8
BAND_WIDTHS = ((5, 5, 4, 6), (4, 6, 5, 5), (6, 4, 5, 5), (5, 5, 6, 4))  # community widths per 2-row band
POLICE_COLS = (4, 3, 3, 4, 3, 3)  # 6 警务室 × 4 警格 = 24
MICRO_TARGET = 151
LEVEL_NAMES = {1: "街道", 2: "街区网格", 3: "社区网格", 4: "微网格", 5: "治理单元"}
ND = 6  # decimals (~0.1 m)


def _ring(geom: shapely.Polygon) -> list[list[list[float]]]:
    geom = orient(geom, 1.0)
    rings = [geom.exterior, *geom.interiors]
    return [[[round(x, ND), round(y, ND)] for x, y in r.coords] for r in rings]


def _feature(gid: str, name: str, level: int, parent: str | None, kind: str, geom: Any, **props: Any) -> dict:
    if geom.geom_type != "Polygon":
        raise RuntimeError(f"{gid}: union is a {geom.geom_type}, expected one Polygon")
    return {
        "type": "Feature",
        "properties": {"id": gid, "name": name, "level": level, "parent_id": parent, "kind": kind, **props},
        "geometry": {"type": "Polygon", "coordinates": _ring(geom)},
    }


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.v = jittered_lattice(*BBOX, COLS, ROWS, jitter=0.28, rng=self.rng, ndigits=ND)
        self.features: list[dict] = []
        self.police: list[dict] = []
        self.members: list[dict] = []
        self.cameras: list[dict] = []
        self.units: list[dict] = []  # unit features (also in self.features)
        self._names: set[str] = set()
        self._unit_names: set[str] = set()

    # --- people ----------------------------------------------------------------------------
    def person(self) -> str:
        while True:
            n = self.rng.choice(SURNAMES) + "".join(
                self.rng.choice(GIVEN_CHARS) for _ in range(self.rng.choice((1, 2, 2)))
            )
            if n not in self._names:
                self._names.add(n)
                return n

    def phone(self) -> str:
        return f"1{self.rng.choice('3578')}{self.rng.randint(0, 9)}{self.rng.randint(0, 99_999_999):08d}"

    def member(self, grid_id: str, role: str, p_duty: float, title: str | None = None) -> None:
        m = {
            "id": f"m-{len(self.members) + 1:04d}",
            "name": self.person(),
            "grid_id": grid_id,
            "role": role,
            "phone": self.phone(),
            "on_duty": self.rng.random() < p_duty,
        }
        if title:
            m["title"] = title
        self.members.append(m)

    # --- geometry ----------------------------------------------------------------------------
    def cell_poly(self, i: int, j: int, w: int = 1) -> shapely.Polygon:
        return shapely.Polygon(cell_ring(self.v, i, j, w))

    def roads_of(self, i: int, j: int, w: int) -> list[str]:
        names = [H_ROADS[k - 1] for k in (j, j + 1) if 0 < k < ROWS]
        names += [V_ROADS[k] for k in (i, i + w) if k in V_ROADS]
        return names

    def build(self) -> None:
        rng = self.rng
        communities: list[dict] = []
        for band, widths in enumerate(BAND_WIDTHS):
            col = 0
            for w in widths:
                communities.append({"band": band, "c0": col, "w": w})
                col += w
        merges = set(rng.sample([k for k, c in enumerate(communities) if c["w"] >= 4], COLS * ROWS - MICRO_TARGET))
        street_id = "yg"
        comm_geoms: dict[str, shapely.Polygon] = {}
        micro_total = 0
        for k, c in enumerate(communities):
            cid = f"yg-c{k + 1:02d}"
            cname = COMMUNITIES[k] + "社区"
            cells: list[tuple[int, int, int]] = []
            for j in (2 * c["band"], 2 * c["band"] + 1):
                i = c["c0"]
                while i < c["c0"] + c["w"]:
                    w = 2 if (k in merges and j == 2 * c["band"] and i == c["c0"] + 1) else 1
                    cells.append((i, j, w))
                    i += w
            polys = []
            for n, (i, j, w) in enumerate(cells, start=1):
                mid = f"{cid}-m{n:02d}"
                poly = self.cell_poly(i, j, w)
                polys.append(poly)
                roads = self.roads_of(i, j, w)
                f = _feature(mid, f"{cname}第{n}微网格", 4, cid, "land", poly, roads=roads)
                self.features.append(f)
                self.micro_workers(mid)
                self.make_units(mid, poly, roads, COMMUNITIES[k])
            micro_total += len(cells)
            comm_geoms[cid] = shapely.union_all(polys)
            c.update(id=cid, name=cname)
        if micro_total != MICRO_TARGET:
            raise RuntimeError(f"built {micro_total} micro-grids, expected {MICRO_TARGET}")
        # blocks: pairs of neighbouring communities plus singles
        paired = {a for ab in BLOCK_PAIRS for a in ab}
        groups = [list(ab) for ab in BLOCK_PAIRS] + [[k] for k in range(len(communities)) if k not in paired]
        groups.sort(key=lambda g: g[0])
        block_feats = []
        land_geoms = []
        for b, g in enumerate(groups, start=1):
            bid = f"yg-b{b:02d}"
            geom = shapely.union_all([comm_geoms[communities[k]["id"]] for k in g])
            land_geoms.append(geom)
            block_feats.append(_feature(bid, f"{COMMUNITIES[g[0]]}街区网格", 2, street_id, "land", geom))
            self.member(bid, "grid_chief", 0.8, "街区网格长")
            for k in g:
                c = communities[k]
                self.features.append(_feature(c["id"], c["name"], 3, bid, "land", comm_geoms[c["id"]]))
                self.member(c["id"], "grid_chief", 0.7, "社区网格长")
        mountain, water = self.mountain(), self.water()
        street = shapely.union_all([*land_geoms, mountain, water])
        head = [
            _feature(street_id, NAME, 1, None, "land", street),
            *block_feats,
            _feature("yg-mtn", "云顶山山林网格", 2, street_id, "mountain", mountain),
            _feature("yg-wtr", "白鹭湖水域网格", 2, street_id, "water", water),
        ]
        self.member(street_id, "grid_chief", 1.0, "街道一级网格长")
        for gid in ("yg-mtn", "yg-wtr"):
            self.member(gid, "fulltime", 0.6)
            self.member(gid, "parttime", 0.6)
        self.features = head + self.features
        self.make_police()
        self.make_cameras()
        for _ in range(40):
            mf = rng.choice([f for f in self.features if f["properties"]["level"] == 4])
            self.member(mf["properties"]["id"], "volunteer", 0.3)

    def mountain(self) -> shapely.Polygon:
        """North of the land along lattice columns 8..20, sharing the land's top vertices."""
        x1, y1 = BBOX[2], BBOX[3]
        base = [tuple(map(float, self.v[i, ROWS])) for i in range(COLS, 7, -1)]
        x0 = base[-1][0]
        top = []
        for k in range(17):
            x = round(x0 + (x1 - x0) * k / 16, ND)
            ridge = 0.009 + 0.003 * math.sin(math.pi * k / 16) + self.rng.uniform(-0.0008, 0.0008)
            top.append((x, round(y1 + ridge, ND)))
        return shapely.Polygon([*base, *top, base[0]])

    def water(self) -> shapely.Polygon:
        """A lake south of the land along columns 0..11, sharing the land's bottom vertices."""
        y0 = BBOX[1]
        base = [tuple(map(float, self.v[i, 0])) for i in range(0, 12)]
        x_end = base[-1][0]
        bottom = []
        for k in range(15):
            x = round(x_end - (x_end - BBOX[0]) * k / 14, ND)
            shore = 0.0035 + 0.002 * math.sin(math.pi * k / 14) + self.rng.uniform(0.0, 0.0008)
            bottom.append((x, round(y0 - shore, ND)))
        return shapely.Polygon([*base, *bottom, base[0]])

    def micro_workers(self, mid: str) -> None:
        self.member(mid, "fulltime" if self.rng.random() < 0.35 else "parttime", 0.6)
        if self.rng.random() < 0.4:
            self.member(mid, "parttime", 0.6)

    def make_units(self, mid: str, cell: shapely.Polygon, roads: list[str], cbase: str) -> None:
        rng = self.rng
        n = rng.choices((0, 1, 2, 3), weights=(1, 5, 4, 1))[0]
        placed: list[shapely.Polygon] = []
        x0, y0, x1, y1 = cell.bounds
        for u in range(1, n + 1):
            for _ in range(30):
                cx, cy = rng.uniform(x0, x1), rng.uniform(y0, y1)
                w, h = rng.uniform(40, 90), rng.uniform(30, 60)
                ax, ay = offset_m(cx, cy, -w / 2, -h / 2)
                bx, by = offset_m(cx, cy, w / 2, h / 2)
                box = shapely.box(round(ax, ND), round(ay, ND), round(bx, ND), round(by, ND))
                if cell.buffer(-0.0002).contains(box) and not any(p.intersects(box) for p in placed):
                    break
            else:
                continue
            placed.append(box)
            road = rng.choice(roads) if roads else f"{cbase}路"
            kind, name = self.unit_kind(cbase, road)
            address = f"{road}{rng.randint(1, 320)}号"
            uid = f"{mid}-u{u}"
            f = _feature(uid, name, 5, mid, "land", box, unit_type=kind, address=address)
            self.features.append(f)
            self.units.append(f)
            if kind == "residential" and rng.random() < 0.5:
                self.member(uid, "building_chief", 0.5)

    def unit_kind(self, cbase: str, road: str) -> tuple[str, str]:
        """A unit type and a name not used before in the district."""
        for attempt in range(20):
            kind, name = self._unit_kind(cbase if attempt < 10 else road.removesuffix("路").removesuffix("街"))
            if name not in self._unit_names:
                self._unit_names.add(name)
                return kind, name
        name = f"{road}{len(self._unit_names) + 1}号院"
        self._unit_names.add(name)
        return "residential", name

    def _unit_kind(self, cbase: str) -> tuple[str, str]:
        rng = self.rng
        counts = {k: sum(1 for u in self.units if u["properties"]["unit_type"] == k) for k in
                  ("market", "school", "hospital")}
        r = rng.random()
        if counts["hospital"] == 0 and r < 0.05:
            return "hospital", "云港街道社区卫生服务中心"
        if counts["market"] < 6 and r < 0.1:
            return "market", f"{cbase}农贸市场"
        if counts["school"] < 6 and r < 0.15:
            return "school", rng.choice((f"{cbase}小学", f"{cbase}幼儿园", f"{cbase}中学"))
        if r < 0.3:
            return "enterprise", cbase + rng.choice(("电子厂", "物流园", "食品厂", "汽配厂", "印务公司"))
        if r < 0.38:
            return "commercial", cbase + rng.choice(("商业街", "购物广场", "美食街"))
        estate = "".join(rng.sample(ESTATE_WORDS, 2)) + rng.choice(BUILDING_SUFFIX)
        return "residential", f"{estate}{rng.randint(1, 12)}栋"

    def make_police(self) -> None:
        k = 0
        col = 0
        for o, w in enumerate(POLICE_COLS):
            for r in range(4):
                k += 1
                cells = [self.cell_poly(i, j) for i in range(col, col + w) for j in (2 * r, 2 * r + 1)]
                pid = f"yg-p{k:02d}"
                name = f"{POLICE_OFFICES[o]}警务室第{r + 1}警格"
                self.police.append(
                    _feature(pid, name, 2, None, "police", shapely.union_all(cells), station="云港派出所")
                )
                self.member(pid, "police", 0.7, "社区民警")
            col += w

    def make_cameras(self) -> None:
        rng = self.rng
        cams: list[tuple[str, float, float, list[str]]] = []
        for i, vname in sorted(V_ROADS.items()):
            for j in range(1, ROWS):
                x, y = map(float, self.v[i, j])
                east, north = rng.choice(((6, 6), (-6, 6), (6, -6), (-6, -6)))
                lon, lat = offset_m(x, y, east, north)
                cams.append((f"{H_ROADS[j - 1]}与{vname}交叉口", lon, lat, ["路口"]))
        units = list(self.units)
        rng.shuffle(units)
        for u in units[: 100 - len(cams)]:
            p = u["properties"]
            c = shapely.Polygon(u["geometry"]["coordinates"][0]).centroid
            gate = {"market": "入口", "school": "校门", "hospital": "门诊楼"}.get(p["unit_type"], "东门")
            cams.append((f"{p['name']}{gate}", c.x, c.y, [p["unit_type"]]))
        for n, (name, lon, lat, tags) in enumerate(cams, start=1):
            cid = f"cam-{n:03d}"
            self.cameras.append(
                {
                    "id": cid,
                    "name": name,
                    "lat": round(lat, ND),
                    "lon": round(lon, ND),
                    "grid_id": None,  # filled in by locate() after the files exist
                    "heading_deg": float(rng.choice((0, 90, 180, 270)) + rng.randint(-20, 20)) % 360,
                    "fov_deg": float(rng.choice((60, 90, 90, 110))),
                    "main_url": f"demo://{cid}/main",
                    "sub_url": f"demo://{cid}/sub",
                    "tags": tags,
                }
            )


README = """# 云港街道（虚构示范） — generated demo district

Fictional data (places, people and phone numbers are generated). Do not edit by hand; regenerate with

    python -m console.domain.demo_gen resources/demo --seed {seed}

and load with `console.domain.district.load_district("resources/demo")`.

- `district.json` — name, level_names, timezone, centre [lon, lat], bbox [min lon, min lat, max lon, max lat].
- `grids.geojson` — governance tree, one Polygon per feature; properties id, name, level (1 street, 2 block
  街区网格 / mountain 山林网格 / water 水域网格, 3 community 社区网格, 4 micro-grid 微网格, 5 governance unit
  治理单元), parent_id, kind (land | mountain | water); micro-grids carry `roads`, units `unit_type` and
  `address`. Levels 2–4 tile their parent exactly.
- `police_grids.geojson` — 24 警格 (kind police), an overlay covering the land, outside the tree.
- `members.json` — id, name, grid_id, role (grid_chief | fulltime | parttime | police | building_chief |
  volunteer), phone, on_duty, optional title.
- `departments.json` — id (e.g. dept.cityenf), name, kind, phone; referenced by the category table.
- `cameras.json` — id, name, lat, lon, grid_id, heading_deg (0 = north, clockwise), fov_deg, main_url and
  sub_url in the `demo://cam-NNN/main|sub` scheme (for the video layer to map to test streams), tags.
"""


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _write_fc(path: Path, feats: list[dict]) -> None:
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats)
    path.write_text('{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n", encoding="utf-8")


def generate(out_dir: str | Path, seed: int = 7) -> dict[str, int]:
    """Write the demo district files into ``out_dir``; return a few counts."""
    from console.domain.district import load_district

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    g = _Gen(seed)
    g.build()
    street = shapely.Polygon(g.features[0]["geometry"]["coordinates"][0])
    minx, miny, maxx, maxy = street.bounds
    _write_json(
        out / "district.json",
        {
            "name": NAME,
            "note": "虚构示范数据：地名、人名、电话均为生成，不对应任何真实地点或个人",
            "level_names": {str(k): v for k, v in LEVEL_NAMES.items()},
            "timezone": "Asia/Shanghai",
            "centre": [round((BBOX[0] + BBOX[2]) / 2, ND), round((BBOX[1] + BBOX[3]) / 2, ND)],
            "bbox": [round(minx, ND), round(miny, ND), round(maxx, ND), round(maxy, ND)],
            "seed": seed,
        },
    )
    _write_fc(out / "grids.geojson", g.features)
    _write_fc(out / "police_grids.geojson", g.police)
    _write_json(out / "members.json", g.members)
    _write_json(out / "departments.json", [dict(d) for d in DEPARTMENTS])
    _write_json(out / "cameras.json", [])
    district = load_district(out)
    for cam in g.cameras:
        cam["grid_id"] = district.locate(cam["lon"], cam["lat"])
        if cam["grid_id"] is None:
            raise RuntimeError(f"camera {cam['id']} lies outside every grid")
    _write_json(out / "cameras.json", g.cameras)
    (out / "README.md").write_text(README.format(seed=seed), encoding="utf-8")
    levels = [f["properties"]["level"] for f in g.features]
    return {
        "grids": len(g.features),
        "micro_grids": levels.count(4),
        "units": levels.count(5),
        "police_grids": len(g.police),
        "members": len(g.members),
        "departments": len(DEPARTMENTS),
        "cameras": len(g.cameras),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate the fictional demo district 云港街道.")
    ap.add_argument("out_dir", nargs="?", default="resources/demo")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    counts = generate(args.out_dir, args.seed)
    sys.stdout.write(", ".join(f"{k}={v}" for k, v in counts.items()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
