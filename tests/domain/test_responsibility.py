"""The responsibility list (权责清单): the shipped list is complete; a bad list is refused with one
line naming the file and the line, and the console keeps the last good list."""

from __future__ import annotations

import json
import re

import pytest

from console.domain.categories import CATEGORIES
from console.domain.responsibility import DEFAULT_LIST_PATH, ResponsibilityError, load_list, parse_list
from tests.domain.conftest import DEMO_DIR


def _demo_departments() -> set[str]:
    return {d["id"] for d in json.loads((DEMO_DIR / "departments.json").read_text(encoding="utf-8"))}


def test_shipped_list_covers_the_matters():
    lst = load_list(departments=_demo_departments())
    assert len(lst) >= 150
    families = {m.family for m in lst.matters.values()}
    for fam in ("urban", "housing", "traffic", "water", "power", "gas", "lift", "market", "police", "fire",
                "environment", "emergency", "dispute", "civil", "petition", "community"):
        assert fam in families, fam
    names = {m.name for m in lst.matters.values()}
    for name in ("暴露垃圾", "占道经营", "违法建设", "小广告", "井盖缺失破损", "路灯不亮", "树木倒伏", "电梯困人",
                 "缺斤短两", "电信网络诈骗", "燃气泄漏", "信号机报警", "独居老人异常", "水体变色", "邻里纠纷", "重复信访"):
        assert name in names, name
    for m in lst.matters.values():
        assert m.synonyms
        assert m.category in CATEGORIES
        assert lst.family_of_department(m.department_id) == m.family


def _text(**changes: str) -> str:
    base = DEFAULT_LIST_PATH.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in base
        base = base.replace(old, new, 1)
    return base


def _line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


@pytest.mark.parametrize(
    ("old", "new", "needle", "field", "message"),
    [
        ('department = "dept.traffic"\ncategory = "traffic.facility"', 'department = "dept.nosuch"\ncategory = "traffic.facility"',
         'department = "dept.nosuch"', "department", "unknown department 'dept.nosuch'"),
        ('code = "urban.bin_overflow"', 'code = "urban.garbage_exposed"', 'code = "urban.garbage_exposed"',
         "code", "duplicated matter code"),
        ('synonyms = ["路灯不亮"', 'synonyms = []\nx_old = ["路灯不亮"', "synonyms = []", "synonyms", "empty synonym list"),
    ],
)
def test_bad_list_is_one_line_with_file_and_line(tmp_path, old, new, needle, field, message):
    text = _text(**{old: new})
    if field == "synonyms":  # drop the rest of the original synonym line
        text = re.sub(r"\nx_old = \[.*\]", "", text)
    path = tmp_path / "responsibility.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResponsibilityError) as info:
        load_list(path, departments=_demo_departments())
    err = info.value
    msg = str(err)
    assert "\n" not in msg
    expected_line = _line_of(text, needle) if field != "code" else [
        i for i, ln in enumerate(text.splitlines(), 1) if needle in ln][1]
    assert msg.startswith(f"{path}:{expected_line}: {field}: "), msg
    assert message in msg
    assert err.line == expected_line


def test_department_not_in_the_district_is_refused():
    with pytest.raises(ResponsibilityError, match=r"responsibility.toml:\d+: departments.dept.lift: unknown department"):
        parse_list(DEFAULT_LIST_PATH.read_text(encoding="utf-8"), source="responsibility.toml",
                   departments=_demo_departments() - {"dept.lift"})


def test_bad_toml_names_the_line(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('version = 1\n[families\nx = 1\n', encoding="utf-8")
    with pytest.raises(ResponsibilityError, match=r"r.toml:2: not valid TOML"):
        load_list(path)


def test_family_labels_resolve():
    lst = load_list()
    assert lst.resolve_family("water") == "water"
    assert lst.resolve_family("供水") == "water"
    assert lst.resolve_family("dept.lift") == "lift"
    assert lst.resolve_family("traffic.signal") == "traffic"
    assert lst.resolve_family("交警中队", department_names={"dept.traffic": "交警中队"}) == "traffic"
    assert lst.resolve_family("nothing") is None
