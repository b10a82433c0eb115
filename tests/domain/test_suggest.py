"""Triage suggestions: categories from Chinese text, departments, assignees, duplicates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.domain.categories import DEFAULT_DEPARTMENT
from console.domain.district import District, DistrictInfo
from console.domain.event import UNCLASSIFIED, Event, Location, Source
from console.domain.grid import Grid, Member, Role
from console.domain.scenario import generate
from console.domain.suggest import (
    department_reason,
    likely_duplicates,
    suggest_assignee,
    suggest_category,
    suggest_department,
)

T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        ("桂花路流动摊贩占道经营", "人行道上有摊贩摆摊，影响通行", "city.vending"),
        ("文星街垃圾堆放未清运", "生活垃圾堆积散发异味", "city.garbage"),
        ("楼上漏水", "邻居家漏水到我家，双方吵架", "dispute.neighbour"),
        ("电动车楼道充电", "飞线充电，有火灾隐患", "safety.ebike"),
        ("商铺门缝冒出黑烟", "疑似电瓶起火燃烧", "fire.fire"),
        ("白鹭路积水严重", "路面积水约40厘米，排水不畅", "emg.waterlogging"),
        ("大树倒伏压住道路", "", "emg.tree_down"),
        ("厂房住人", "两名工人搬进厂房居住", "safety.factory_dwelling"),
        ("醉酒乘客呕吐", "司乘因洗车费争执", "police.drunk"),
        ("拆迁后没有菜市场", "买菜要绕一个多小时", "service.market"),
        ("工地夜间施工扰民", "打桩声音很大", "city.construction_noise"),
        ("包工头拖欠工资", "十几名工人讨薪", "dispute.labour"),
    ],
)
def test_suggest_category(title, description, expected):
    out = suggest_category(title, description)
    assert out, title
    assert out[0].code == expected, out
    assert out[0].reason.startswith("命中关键词：")
    assert 0 < out[0].score <= 1
    assert [s.score for s in out] == sorted((s.score for s in out), reverse=True)


def test_suggest_category_reason_lists_hits():
    top = suggest_category("占道摆摊", "")[0]
    assert top.code == "city.vending"
    assert "占道" in top.reason
    assert "摆摊" in top.reason


def test_no_match_is_empty():
    assert suggest_category("你好", "谢谢") == []
    assert suggest_category("", None) == []


def test_title_weighs_more_than_description():
    a = suggest_category("停电", "")[0].score
    b = suggest_category("情况", "停电")[0].score
    assert a > b


def test_suggest_department():
    assert suggest_department("city.vending") == "dept.cityenf"
    assert suggest_department("security.theft") == "dept.police"
    assert suggest_department(UNCLASSIFIED) == DEFAULT_DEPARTMENT
    assert suggest_department("nope") == DEFAULT_DEPARTMENT
    assert suggest_department(None) == DEFAULT_DEPARTMENT


def test_department_reason(demo_district):
    assert "综合行政执法队" in department_reason("city.vending", demo_district)
    assert "未分类" in department_reason("nope", demo_district)


def _tree(on_duty: dict[str, bool]) -> District:
    grids = [Grid("s", "街道", 1, None), Grid("c", "桂花堰社区", 3, "s"), Grid("m", "桂花堰社区第3微网格", 4, "c"),
             Grid("u", "桂花苑1栋", 5, "m")]
    members = [
        Member("p1", "兼职甲", "m", Role.PARTTIME, on_duty=on_duty.get("p1", False)),
        Member("f1", "专职乙", "m", Role.FULLTIME, on_duty=on_duty.get("f1", False)),
        Member("b1", "楼栋长丙", "u", Role.BUILDING_CHIEF, on_duty=True),
        Member("v1", "志愿者丁", "m", Role.VOLUNTEER, on_duty=True),
        Member("c1", "网格长戊", "c", Role.GRID_CHIEF, on_duty=on_duty.get("c1", False)),
    ]
    return District(DistrictInfo("测试"), grids, members=members)


def test_suggest_assignee_prefers_fulltime_on_duty():
    d = _tree({"p1": True, "f1": True})
    s = suggest_assignee(d, "m")
    assert s.member.id == "f1"
    assert s.grid_id == "m"
    assert "本网格" in s.reason
    assert "专职网格员" in s.reason


def test_suggest_assignee_walks_up():
    d = _tree({"c1": True})
    s = suggest_assignee(d, "u")  # unit → micro-grid (nobody on duty) → community chief
    assert s.member.id == "c1"
    assert s.grid_id == "c"
    assert "上溯至桂花堰社区" in s.reason
    assert suggest_assignee(_tree({}), "m") is None
    assert suggest_assignee(d, None) is None
    assert suggest_assignee(d, "nope") is None


def test_suggest_assignee_on_demo(demo_district):
    for g in demo_district.grids_at_level(4):
        s = suggest_assignee(demo_district, g.id)
        assert s is not None  # the street chief is always on duty
        assert s.member.on_duty
        assert s.grid_id == g.id or s.grid_id in {a.id for a in demo_district.ancestors(g.id)}


def _ev(i: str, cat: str, lon: float, lat: float, minutes: float, title: str = "桂花路积水") -> Event:
    return Event(id=i, source=Source.HOTLINE_12345, category=cat, title=title,
                 reported_at=T0 + timedelta(minutes=minutes), location=Location(lat=lat, lon=lon))


def test_likely_duplicates_rules():
    base = _ev("a", "emg.waterlogging", 104.0, 30.55, 0)
    cands = [
        base,  # itself: skipped
        _ev("near", "emg.waterlogging", 104.0003, 30.55, 10),  # ~29 m
        _ev("nearer", "emg.waterlogging", 104.0001, 30.55, -20),  # ~10 m
        _ev("far", "emg.waterlogging", 104.01, 30.55, 5),  # ~960 m
        _ev("other-cat", "city.garbage", 104.0, 30.55, 5),
        _ev("late", "emg.waterlogging", 104.0, 30.55, 7 * 60),
        Event(id="noloc", source=Source.IOT, category="emg.waterlogging", title="x", reported_at=T0),
    ]
    hits = likely_duplicates(base, cands)
    assert [h[0] for h in hits] == ["nearer", "near"]
    eid, dist, reason = hits[0]
    assert eid == "nearer"
    assert 8 < dist < 12
    assert "积水内涝" in reason
    assert "米" in reason
    assert "分钟" in reason
    assert [h.event_id for h in likely_duplicates(base, cands, radius_m=2000)] == ["nearer", "near", "far"]
    wide = likely_duplicates(base, cands, window=timedelta(hours=8))
    assert "late" in [h.event_id for h in wide]
    assert likely_duplicates(Event(id="z", source=Source.IOT, category="x", title="t", reported_at=T0), cands) == []


def test_duplicates_found_in_hotline_duplicates_scenario(demo_district):
    start = datetime(2026, 11, 21, 16, 0, tzinfo=UTC)
    events = [e for _, e in generate("hotline_duplicates", demo_district, seed=7, start=start, hours=24)]
    clusters: dict[str, list[Event]] = {}
    for e in events:
        if "demo_cluster" in e.extra:
            clusters.setdefault(e.extra["demo_cluster"], []).append(e)
    assert clusters
    found = 0
    total = 0
    for members in clusters.values():
        ids = {e.id for e in members}
        for e in members[1:]:
            total += 1
            earlier = [c for c in events if c.reported_at <= e.reported_at]
            hits = likely_duplicates(e, earlier)
            hit_ids = {h.event_id for h in hits}
            if hit_ids & ids:
                found += 1
            # the nearest hit of a clustered report is a report of the same cluster
            assert hits
            assert hits[0].event_id in ids
    assert found == total
