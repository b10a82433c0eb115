"""The timeline shows a source update (issue 13, item 4): what the source changed, and what not."""

from __future__ import annotations

from datetime import UTC, datetime

from console.domain.district import load_district
from console.domain.event import Action
from console.qtmodels.district_index import NameIndex
from console.views.timeline_text import TimelineText

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_source_update_sentence() -> None:
    district = load_district("resources/demo")
    words = TimelineText(NameIndex(district), "Asia/Shanghai")
    leaf = district.leaves[0]
    changes = {"title": "新标题", "level": "critical", "grid_id": leaf.id, "grid_flag": None,
               "attachments_added": [{"kind": "image", "url": "b.jpg"}, {"kind": "video", "url": "c.mp4"}],
               "extra": {"cap": {"cancelled": True}}}
    act = Action("e1", T0, "source_update", "feed", data={"seq": 9, "changes": changes,
                                                             "was": {"level": "general"}, "ignored": {}})
    assert words.describe(act) == f"来源更新：标题、级别 一般 → 特别重大、网格 {leaf.name}、附件 +2、其他信息"
    only_ignored = Action("e1", T0, "source_update", "feed", data={"changes": {}, "ignored": {"level": "significant"}})
    assert words.describe(only_ignored) == "来源更新；未采纳：级别 较大"
    assert words.who(act) == "事件中枢"
