"""Generate the labelled triage corpus: resources/triage/corpus.jsonl (deterministic, seeded).

    PYTHONPATH=. python tools/make_triage_corpus.py [--per-matter 40] [--seed 17] [--out FILE]

Every line: {"text", "matter", "department", "family", "group", "phrase", "split"}.
The phrases are the synonyms of resources/triage/responsibility.toml (names and described
symptoms); they are wrapped in channel templates (12345 transcripts, grid-app notes with typos and
dialect, long narratives with a second problem, petitions, 110 diversion, video-AI and sensor
alerts) with places of the demo district and distractor places (a market named in a vending
complaint). ``split`` is "heldout" for rows made with a held-out template group (one per channel)
or a held-out phrase (about one synonym in eight per matter): the held-out set therefore has
phrasings the model never saw. ``group`` names the template.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from triage_slots import (  # noqa: E402
    AI_LABELS,
    CAMERAS,
    CONSEQUENCES,
    DEVICE_PREFIX,
    DIALECT,
    DISTRACTOR_PLACES,
    FILLERS,
    PARTICLES,
    PEOPLE,
    REPEATS,
    REQUESTS,
    SENSORS,
    SPOTS,
    TIMES,
    TYPOS,
)

from console.domain.demo_gen import COMMUNITIES, GIVEN_CHARS, H_ROADS, SURNAMES, V_ROADS  # noqa: E402
from console.domain.responsibility import Matter, load_list  # noqa: E402

OUT = ROOT / "resources" / "triage" / "corpus.jsonl"
HELDOUT_GROUPS = frozenset({"hotline6", "app4", "story4", "ai2", "sensor1"})
ROADS = tuple(H_ROADS) + tuple(V_ROADS.values())


def heldout_phrase(code: str, phrase: str) -> bool:
    """About one synonym in eight per matter is kept out of training (stable across runs)."""
    return int(hashlib.sha256(f"{code}|{phrase}".encode()).hexdigest(), 16) % 8 == 0


class Maker:
    def __init__(self, rng: random.Random, units: list[tuple[str, str]], matters: list[Matter]) -> None:
        self.rng = rng
        self.units = units
        self.matters = matters

    # ---------------------------------------------------------------- slots
    def pick(self, seq: tuple[str, ...] | list[str]) -> str:
        return seq[self.rng.randrange(len(seq))]

    def place(self) -> str:
        r = self.rng.random()
        if r < 0.15:
            return self.pick(ROADS) + self.pick(DISTRACTOR_PLACES)
        if r < 0.5:
            addr, name = self.pick(self.units)  # type: ignore[arg-type]
            return (name if self.rng.random() < 0.5 else addr) + self.pick(SPOTS)
        if r < 0.75:
            return f"{self.pick(ROADS)}{self.rng.randint(1, 300)}号{self.pick(SPOTS)}"
        if r < 0.9:
            return self.pick(COMMUNITIES) + "社区" + self.pick(("", "这边", "里面", "一带"))
        return f"{self.pick(ROADS)}和{self.pick(ROADS)}交叉口"

    def name(self) -> str:
        return self.pick(SURNAMES) + self.pick(("先生", "女士", "阿姨", "大爷", self.pick(GIVEN_CHARS) + self.pick(GIVEN_CHARS)))

    def device(self) -> str:
        return f"{self.pick(DEVICE_PREFIX)}-{self.rng.randint(1000, 99999)}"

    def ts(self) -> str:
        return f"2026-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d} {self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}"

    def noisy(self, text: str, rate: float) -> str:
        """Homophone typos (pinyin input, speech-to-text) at ``rate`` per eligible character."""
        return "".join(TYPOS[ch] if ch in TYPOS and self.rng.random() < rate else ch for ch in text)

    def dialect(self, text: str) -> str:
        for a, b in DIALECT:
            if a in text and self.rng.random() < 0.6:
                text = text.replace(a, b)
        return text

    def second(self, m: Matter) -> str:
        other = self.pick([x for x in self.matters if x.family != m.family])  # type: ignore[arg-type]
        return self.pick(other.synonyms[1:] or other.synonyms)

    # ---------------------------------------------------------------- one row
    def row(self, m: Matter, phrase: str, group: str) -> str:
        f = TEMPLATES[group]
        text = f(self, m, phrase)
        if group.startswith(("hotline", "app", "story", "diversion")):
            if self.rng.random() < 0.25:
                text = self.dialect(text)
            if self.rng.random() < 0.35:
                text = self.noisy(text, 0.08 if group.startswith("app") else 0.04)
        return " ".join(text.split()).replace("，，", "，").replace("，。", "。").strip("，")


def _c(mk: Maker, m: Matter) -> str:
    """What it does to people: its own family's words, sometimes another family's (so the model
    learns the problem, not the complaint's tail), sometimes nothing."""
    r = mk.rng.random()
    if r < 0.45:
        return mk.pick(CONSEQUENCES[m.family])
    if r < 0.65:
        return mk.pick(CONSEQUENCES[mk.pick(tuple(CONSEQUENCES))])
    return ""


T = Callable[[Maker, Matter, str], str]
TEMPLATES: dict[str, T] = {
    "hotline1": lambda k, m, p: f"市民来电反映：{k.pick(TIMES)}{k.place()}{p}，{_c(k, m)}，{k.pick(REQUESTS)}。",
    "hotline2": lambda k, m, p: f"来电人{k.name()}称，{k.place()}{p}，{_c(k, m)}。诉求：{k.pick(REQUESTS)}。",
    "hotline3": lambda k, m, p: (f"{k.pick(FILLERS)}{k.pick(PEOPLE)}想反映个事{k.pick(PARTICLES)}，就是{k.place()}"
                                 f"{p}{k.pick(PARTICLES)}，{_c(k, m)}，{k.pick(REQUESTS)}{k.pick(PARTICLES)}。"),
    "hotline4": lambda k, m, p: f"【12345工单】诉求类型：投诉 诉求内容：{k.place()}{p}。{k.pick(TIMES)}开始的，{_c(k, m)}。",
    "hotline5": lambda k, m, p: (f"{k.pick(FILLERS)}我是住在{k.place()}的，{k.pick(TIMES)}{p}，"
                                 f"{k.pick(REPEATS)}，{k.pick(REQUESTS)}。"),
    "hotline6": lambda k, m, p: f"来电反映{k.place()}存在问题：{p}。来电人表示{_c(k, m)}，{k.pick(REPEATS)}。",
    "app1": lambda k, m, p: f"{k.place()} {p} 已拍照上传",
    "app2": lambda k, m, p: f"网格员巡查发现：{k.place()}{p}，{_c(k, m)}，无法现场处置，申请派单。",
    "app3": lambda k, m, p: f"{k.place()}，{p}，现场已劝导但未整改",
    "app4": lambda k, m, p: f"巡查 {k.place()} {p} {_c(k, m)}",
    "app5": lambda k, m, p: f"【平安通】{k.pick(PEOPLE)}上报：{k.pick(TIMES)}{k.place()}{p}",
    "story1": lambda k, m, p: (f"{k.pick(TIMES)}我路过{k.place()}，看到{p}，{_c(k, m)}。另外{k.second(m)}，"
                               f"也麻烦一起看看。{k.pick(REQUESTS)}。"),
    "story2": lambda k, m, p: (f"事情是这样的，{k.pick(PEOPLE)}{k.pick(TIMES)}在{k.place()}，{p}，当时{_c(k, m)}，"
                               f"后来{k.pick(REPEATS)}。{k.pick(REQUESTS)}。"),
    "story3": lambda k, m, p: f"{k.place()}的问题：一是{p}，{_c(k, m)}；二是{k.second(m)}。{k.pick(REQUESTS)}",
    "story4": lambda k, m, p: (f"{k.pick(FILLERS)}我{k.pick(TIMES)}从{k.place()}那边过来，走到{k.place()}的时候发现"
                               f"{p}，{_c(k, m)}，问了旁边的人，说{k.pick(TIMES)}就这样了，{k.pick(REPEATS)}，"
                               f"{k.pick(REQUESTS)}。"),
    "petition1": lambda k, m, p: (f"信访人{k.name()}来信反映：{k.place()}{p}，{k.pick(REPEATS)}，{_c(k, m)}，"
                                  f"请求{k.pick(REQUESTS) or '依法处理'}。"),
    "petition2": lambda k, m, p: f"来访登记：{k.name()}等{k.rng.randint(2, 30)}人反映{k.place()}{p}问题，要求给予答复。",
    "diversion1": lambda k, m, p: f"110转非警务警情：报警人称{k.place()}{p}，请属地处置。",
    "diversion2": lambda k, m, p: f"【非警务警情分流】{k.pick(TIMES)}{k.place()}，{p}，{_c(k, m)}。",
    "ai1": lambda k, m, p: (f"【AI识别】{k.pick(CAMERAS)}摄像头 {k.ts()} 检测到{p} 置信度0.{k.rng.randint(55, 99)} "
                            f"请核实"),
    "ai2": lambda k, m, p: f"智慧城管视频分析：{k.pick(CAMERAS)} 发现疑似{p}（置信度0.{k.rng.randint(55, 99)}），抓拍已存档",
}
HUMAN_GROUPS = tuple(g for g in TEMPLATES if not g.startswith("ai"))
# how often each channel is drawn for a human report
WEIGHTS = {"hotline": 5, "app": 4, "story": 3, "petition": 1, "diversion": 1}


def _group_weight(g: str, m: Matter) -> float:
    base = g.rstrip("0123456789")
    w = float(WEIGHTS.get(base, 1))
    if base == "petition" and m.family != "petition":
        w *= 0.3
    return w


def sensor_text(k: Maker, fmt: str) -> str:
    return fmt.format(dev=k.device(), addr=k.place(), ts=k.ts(), n=k.rng.randint(1, 9))


def generate(per_matter: int, seed: int) -> list[dict[str, str]]:
    lst = load_list()
    units = _units()
    rng = random.Random(seed)
    matters = list(lst.matters.values())
    k = Maker(rng, units, matters)
    rows: list[dict[str, str]] = []
    for m in matters:
        phrases = list(dict.fromkeys((m.name, *m.synonyms)))
        human = [g for g in HUMAN_GROUPS]
        weights = [_group_weight(g, m) for g in human]
        ai = AI_LABELS.get(m.code, ())
        sensors = SENSORS.get(m.code, ())
        n_machine = per_matter // 4 if (ai or sensors) else 0
        for i in range(per_matter):
            if i < n_machine:
                if sensors and (not ai or i % 2 == 0):
                    idx = rng.randrange(len(sensors))
                    group, label = f"sensor{idx}", ""
                    text = sensor_text(k, sensors[idx])
                else:
                    group, label = rng.choice(("ai1", "ai2")), rng.choice(ai)
                    text = k.row(m, label, group)
                phrase = label or group
            else:
                phrase = phrases[i % len(phrases)] if i < n_machine + len(phrases) else rng.choice(phrases)
                group = rng.choices(human, weights)[0]
                text = k.row(m, phrase, group)
            split = "heldout" if group in HELDOUT_GROUPS or (phrase in m.synonyms and heldout_phrase(m.code, phrase)) else "train"
            rows.append({"text": text, "matter": m.code, "department": m.department_id, "family": m.family,
                         "group": group, "phrase": phrase, "split": split})
    return rows


def _units() -> list[tuple[str, str]]:
    data = json.loads((ROOT / "resources" / "demo" / "grids.geojson").read_text(encoding="utf-8"))
    out = [(f["properties"].get("address") or "", f["properties"]["name"]) for f in data["features"]
           if f["properties"].get("level") == 5]
    return [(a or n, n) for a, n in out]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-matter", type=int, default=40)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    rows = generate(args.per_matter, args.seed)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    held = sum(r["split"] == "heldout" for r in rows)
    print(f"{len(rows)} rows ({held} held out) → {args.out}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
