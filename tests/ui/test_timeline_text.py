"""Timeline and outcome words: names instead of ids, labels instead of enum values, local times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.domain.district import load_district
from console.domain.escalation import Whistle
from console.domain.event import Action, Event, Source, State
from console.qtmodels.district_index import NameIndex
from console.views.outcome_text import Outcomes
from console.views.timeline_text import TimelineText

DISTRICT = load_district("resources/demo")
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Asia/Shanghai
COMMUNITY = DISTRICT.grids_at_level(3)[0]


@pytest.fixture(scope="module")
def words() -> TimelineText:
    return TimelineText(NameIndex(DISTRICT), "Asia/Shanghai")


def act(kind: str, *, note: str | None = None, src: State | None = None, dst: State | None = None,
        actor: str = "张值班", seat: str | None = "seat-1", **data) -> Action:
    return Action("e1", T0, kind, actor, seat, src, dst, note, data)


@pytest.mark.parametrize(
    ("action", "text"),
    [
        (act("dispatch", note="请今日内清理", targets=["dept.cityenf", "dept.sanitation"],
             target_names=["综合行政执法队", "环卫所"], deadline=(T0 + timedelta(hours=6, minutes=30)).isoformat()),
         "派遣：综合行政执法队、环卫所（指令：请今日内清理，时限 11-23 15:30）"),
        (act("dispatch", note=None, departments=["dept.fire"]), "派遣：消防救援站"),
        (act("whistle", note="违建纠纷", departments=["dept.housing", "dept.justice"],
             checkin_by=(T0 + timedelta(minutes=30)).isoformat()),
         "吹哨：住建办、司法所（报到时限 11-23 09:30）；事由：违建纠纷"),
        (act("check_in", actor="dept.justice", seat=None, whistle_id="wh-1", in_time=True), "报到：司法所"),
        (act("check_in", actor="dept.housing", seat=None, whistle_id="wh-1", in_time=False), "报到：住建办（逾时）"),
        (act("progress", note="已到场", actor="dept.housing", seat=None, whistle_id="wh-1"), "进展（住建办）：已到场"),
        (act("supervise", note="请立即签收", src=State.DISPATCHED, dst=State.DISPATCHED, departments=["dept.zongzhi"]),
         "督办（综合治理办（综治办））：请立即签收"),
        (act("escalate", note="群众反映强烈", from_tier="community", to_tier="street", reason="manual"),
         "上报：社区→街道：群众反映强烈"),
        (act("escalate", actor="system", from_tier="micro_grid", to_tier="community", reason="sla_breach:sign"),
         "上报：微网格→社区（签收超时，自动上报）"),
        (act("escalate", from_tier="street", to_tier="district", reason="whistle_no_show"),
         "上报：街道→区（吹哨部门未按时报到）"),
        (act("transition", src=State.RESOLVED, dst=State.VERIFIED, passed=True), "核查通过"),
        (act("transition", note="现场仍有垃圾", src=State.RESOLVED, dst=State.DISPATCHED, passed=False),
         "核查不通过：现场仍有垃圾"),
        (act("transition", src=State.VERIFIED, dst=State.CLOSED), "结案"),
        (act("transition", note="等待答复", src=State.DISPATCHED, dst=State.SUSPENDED,
             until=(T0 + timedelta(days=2)).isoformat(), approved_by="赵主任", reason="等待答复"),
         "延期至 11-25 09:00，批准人 赵主任：等待答复"),
        (act("transition", src=State.SUSPENDED, dst=State.DISPATCHED, paused_s=7200.0), "恢复办理（挂起 2小时0分）"),
        (act("transition", note="群众再次反映", src=State.CLOSED, dst=State.REOPENED), "重新打开：群众再次反映"),
        (act("transition", note="不属实", src=State.NEW, dst=State.REJECTED), "不予立案：不属实"),
        (act("transition", src=State.NEW, dst=State.REJECTED, duplicate_of="e0"), "合并至 e0（重复事件）"),
        (act("transition", actor="dept.cityenf", seat=None, src=State.DISPATCHED, dst=State.ACCEPTED,
             unit_id="dept.cityenf", seq=7), "已签收（综合行政执法队）"),
        (act("transition", note="不属本单位职责", actor="dept.market", seat=None, src=State.DISPATCHED,
             dst=State.RETURNED, unit_id="dept.market", seq=8), "退回（市场监管所）：不属本单位职责"),
        (act("transition", note="核实属实", src=State.NEW, dst=State.FILED), "待受理 → 已立案：核实属实"),
        (act("transition", note="研判立案", src=State.FILED, dst=State.DISPATCHED, targets=["dept.fire"]),
         "已立案 → 已派遣"),
        (act("merge", note="合并重复上报 e9", merged_id="e9"), "合并重复上报 e9"),
        (act("merge", actor="feed", seat=None, note="re-sent report merged", seq=3, report_id="e7"),
         "合并重复上报 e7（重复推送）"),
        (act("triage", category="city.garbage", level="major", was_category="unclassified", was_level="general"),
         "研判：类别 暴露垃圾，级别 重大"),
        (act("snapshot", note="海湾路口", path="snap/1.jpg"), "截图：海湾路口"),
        (act("broadcast", note="今晚台风", broadcast_id="bc-1", grids=12), "一键下达（12 个网格）：今晚台风"),
        (act("dispatch_failed", note="派遣未送达：timeout"), "派遣未送达：timeout"),
    ],
)
def test_each_kind_reads_as_a_sentence(words: TimelineText, action: Action, text: str) -> None:
    assert words.describe(action) == text


def test_unknown_kinds_and_odd_data_fall_back_gracefully(words: TimelineText) -> None:
    assert words.describe(act("teleport", note="未知步骤")) == "teleport：未知步骤"
    assert words.describe(act("teleport")) == "teleport"
    assert words.describe(act("escalate", note="数据不全")) == "上报：数据不全"  # no tiers recorded
    assert words.describe(act("whistle", note="x", departments=5)) == "吹哨：x"  # not a list


def test_who_names_units_and_keeps_the_seat(words: TimelineText) -> None:
    assert words.who(act("note")) == "张值班（seat-1）"
    assert words.who(act("note", actor="dept.justice", seat=None)) == "司法所"
    assert words.who(act("note", actor="system", seat=None)) == "系统"


def test_outcomes_name_departments_and_local_deadlines() -> None:
    now = T0
    out = Outcomes(DISTRICT, tz="Asia/Shanghai", clock=lambda: now)
    ev = Event(id="e1", source=Source.GRID_APP, category="unclassified", title="暴露垃圾", reported_at=T0,
               state=State.DISPATCHED, assignees=["dept.fire"], deadline_at=T0 + timedelta(hours=6, minutes=30))
    assert out.notice("dispatched", None, ev) == "已派遣至 消防救援站，时限 15:30 · 暴露垃圾"
    tomorrow = ev.copy(deadline_at=T0 + timedelta(days=1))
    assert out.text("dispatched", None, tomorrow) == "已派遣至 消防救援站，时限 11-24 09:00"
    whistle = Whistle.create("wh-1", "e1", ["dept.housing", "dept.justice"], "违建", "张值班", T0,
                             timedelta(minutes=30))
    assert out.text("whistle", ev, whistle) == "已吹哨：住建办、司法所（报到时限 09:30）"
    assert out.text("escalate", ev, ev.copy(extra={"tier": "street"})) == "已上报至街道"
    assert out.text("escalate", ev, None) == "已在最高层级，无法继续上报"
    suspended = ev.copy(extra={"suspension": {"until": (T0 + timedelta(days=2)).isoformat(), "approved_by": "赵主任"}})
    assert out.text("suspend", ev, suspended) == "已延期至 11-25 09:00，批准人 赵主任"
    assert out.text("verify_pass", ev, ev.copy(state=State.CLOSED)) == "已核查通过并结案"
    assert out.text("supervise", ev, ev) == "已督办"
    assert out.notice("merged", ev, ev.copy(title="保留的事件")) == "已合并为重复上报，并入：保留的事件 · 暴露垃圾"
