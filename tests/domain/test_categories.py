"""Category table integrity against the demo departments."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from console.domain.categories import (
    CATEGORIES,
    DEFAULT_DEPARTMENT,
    GROUPS,
    by_group,
    category,
    category_name,
    department_ids,
    normalize_code,
)
from console.domain.event import UNCLASSIFIED, Level
from tests.domain.conftest import DEMO_DIR


def _demo_department_ids() -> set[str]:
    data = json.loads((DEMO_DIR / "departments.json").read_text(encoding="utf-8"))
    return {d["id"] for d in data}


def test_table_size_and_codes():
    assert 30 <= len(CATEGORIES) <= 45
    for code, cat in CATEGORIES.items():
        assert code == cat.code
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", code), code
        assert cat.name_zh
        assert cat.name_en
        assert isinstance(cat.default_level, Level)
        assert cat.group in GROUPS
    assert UNCLASSIFIED not in CATEGORIES


def test_every_department_exists_in_demo_data():
    demo = _demo_department_ids()
    assert department_ids() <= demo
    assert DEFAULT_DEPARTMENT in demo
    assert 12 <= len(demo) <= 24


def test_keywords_nonempty_and_chinese():
    for cat in CATEGORIES.values():
        assert cat.keywords, cat.code
        assert len(set(cat.keywords)) == len(cat.keywords), cat.code
        for kw in cat.keywords:
            assert kw.strip() == kw
            assert kw
            assert re.search(r"[\u4e00-\u9fff]", kw), (cat.code, kw)


def test_seed_classes_present():
    names = {c.name_zh for c in CATEGORIES.values()}
    for n in ("暴露垃圾", "占道经营", "乱搭乱建", "车辆违停", "僵尸车", "道路破损", "井盖缺失", "施工扰民",
              "广告乱贴", "邻里纠纷", "物业纠纷", "家庭纠纷", "劳资纠纷", "厂房住人", "盗窃", "可疑人员",
              "火情", "消防通道堵塞", "非法排污", "积水内涝", "树木倒伏", "停电", "人员转移", "烟感报警",
              "水位超限", "醉酒纠纷", "菜市场", "信访事项"):
        assert n in names, n
    groups = by_group()
    assert all(groups[g] for g in GROUPS)


def test_sla_hints_are_positive_numbers():
    for cat in CATEGORIES.values():
        assert set(cat.sla_hint) <= {"accept_min", "resolve_h", "close_h"}
        assert all(v > 0 for v in cat.sla_hint.values())
        if "resolve_h" in cat.sla_hint and "close_h" in cat.sla_hint:
            assert cat.sla_hint["resolve_h"] <= cat.sla_hint["close_h"]
    assert CATEGORIES["city.garbage"].sla_hint["resolve_h"] == 4  # exposed refuse: 4 h


def test_lookup_and_unclassified():
    assert category("city.vending") is CATEGORIES["city.vending"]
    assert category("no.such") is None
    assert category(UNCLASSIFIED) is None
    assert category(None) is None
    assert normalize_code("no.such") == UNCLASSIFIED
    assert normalize_code(None) == UNCLASSIFIED
    assert normalize_code("fire.fire") == "fire.fire"
    assert category_name("fire.fire") == "火情"
    assert category_name("bogus") == "未分类"


def test_categories_hashable_and_frozen():
    cat = CATEGORIES["city.vending"]
    assert hash(cat) == hash(CATEGORIES["city.vending"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        cat.code = "x"  # type: ignore[misc]
