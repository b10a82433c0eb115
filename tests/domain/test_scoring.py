"""Trainee scoring (console.domain.scoring): per-event verdicts, totals and KPIs side by side."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.domain.event import Action, Event, Level, Source, State
from console.domain.scoring import as_reported, handling, score_event, score_shift
from console.domain.suggest import suggest_department

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
GARBAGE = "city.garbage"
RESPONSIBLE = suggest_department(GARBAGE)


def ev(eid: str, at: datetime = T0, **kw) -> Event:
    kw.setdefault("category", GARBAGE)
    return Event(id=eid, source=Source.HOTLINE_12345, title=f"事件{eid}", reported_at=at, received_at=at,
                 grid_id="g-micro", **kw)


def act(eid: str, at: datetime, kind: str, actor: str = "李学员", **data) -> Action:
    return Action(event_id=eid, at=at, kind=kind, actor=actor, data=data)


def move(eid: str, at: datetime, src: State, dst: State, actor: str = "李学员") -> Action:
    return Action(event_id=eid, at=at, kind="transition", actor=actor, from_state=src, to_state=dst)


def test_first_dispatch_that_the_hub_took_counts():
    log = [act("a", T0 + timedelta(seconds=10), "dispatch", targets=["dept.x"]),
           act("a", T0 + timedelta(seconds=11), "dispatch_failed"),
           act("a", T0 + timedelta(seconds=40), "dispatch", targets=[RESPONSIBLE, "m-1"]),
           act("a", T0 + timedelta(seconds=900), "dispatch", targets=["dept.y"])]
    h = handling(log)
    assert h.dispatched_at == T0 + timedelta(seconds=40)
    assert h.units == (RESPONSIBLE, "m-1")


def test_dispatch_in_time_to_the_responsible_department_matches_table_and_recorded():
    mine = [act("a", T0 + timedelta(seconds=30), "dispatch", targets=[RESPONSIBLE])]
    theirs = [act("a", T0 + timedelta(seconds=20), "dispatch", actor="王值班", targets=[RESPONSIBLE])]
    row = score_event(ev("a", state=State.DISPATCHED), mine, ev("a"), theirs, grid_level=4)
    assert row["seconds_to_dispatch"] == 30.0
    assert row["within_target"] is True
    assert row["recorded_seconds_to_dispatch"] == 20.0
    assert row["department_vs_table"] == "match"
    assert row["department_vs_recorded"] == "match"
    assert row["escalation"] == "ok"


def test_late_dispatch_to_another_department_and_a_missed_escalation():
    major = dict(level=Level.MAJOR)
    mine = [act("b", T0 + timedelta(seconds=95), "dispatch", targets=["dept.other"])]
    theirs = [act("b", T0 + timedelta(seconds=15), "dispatch", actor="王值班", targets=[RESPONSIBLE])]
    row = score_event(ev("b", state=State.DISPATCHED, **major), mine, ev("b", **major), theirs, grid_level=4)
    assert row["seconds_to_dispatch"] == 95.0
    assert row["within_target"] is False
    assert row["department_vs_table"] == "differs"
    assert row["department_vs_recorded"] == "differs"
    assert row["escalation_expected"] is True  # major, handled at a micro-grid: up to the street command
    assert row["escalation"] == "missed"


def test_needless_escalation_and_breaches_and_verification():
    mine = [act("c", T0 + timedelta(seconds=5), "escalate", reason="manual"),
            act("c", T0 + timedelta(seconds=300), "escalate", actor="system", reason="sla_breach:dispatch"),
            act("c", T0 + timedelta(seconds=301), "dispatch", targets=[RESPONSIBLE]),
            move("c", T0 + timedelta(seconds=900), State.RESOLVED, State.VERIFIED),
            move("c", T0 + timedelta(seconds=901), State.VERIFIED, State.CLOSED)]
    row = score_event(ev("c", state=State.CLOSED), mine, ev("c"), [], grid_level=4)
    assert row["escalation"] == "needless"
    assert row["sla_breaches"] == 1
    assert row["verification"] == "verified"
    assert row["department_vs_recorded"] == "recorded_not_dispatched"
    awaiting = score_event(ev("d", state=State.RESOLVED), [], ev("d"), [], grid_level=4)
    assert awaiting["verification"] == "awaiting_verification"
    assert awaiting["department_vs_table"] == "not_dispatched"


def test_recorded_escalation_makes_one_expected_and_onsite_needs_no_dispatch():
    theirs = [act("e", T0 + timedelta(seconds=5), "escalate", actor="王值班", reason="manual")]
    mine = [act("e", T0 + timedelta(seconds=8), "escalate", reason="manual")]
    assert score_event(ev("e"), mine, ev("e"), theirs, grid_level=4)["escalation"] == "ok"
    onsite = score_event(ev("f", onsite=True, state=State.RESOLVED), [], ev("f", onsite=True), [], grid_level=4)
    assert onsite["department_vs_table"] == "no_dispatch_needed"
    assert onsite["seconds_to_dispatch"] is None


def test_shift_totals_and_kpis_side_by_side_on_the_same_intake():
    recorded = [ev(f"r{i}", T0 + timedelta(minutes=i)) for i in range(4)]
    their_log = [act(e.id, e.received_at + timedelta(seconds=20), "dispatch", actor="王值班", targets=[RESPONSIBLE])
                 for e in recorded]
    # the trainee has seen three of the four so far, dispatched two (one late, one elsewhere)
    mine = [ev("r0", T0, state=State.DISPATCHED, dispatched_at=T0 + timedelta(seconds=30)),
            ev("r1", T0 + timedelta(minutes=1), state=State.DISPATCHED,
               dispatched_at=T0 + timedelta(minutes=1, seconds=120)),
            ev("r2", T0 + timedelta(minutes=2))]
    my_log = [act("r0", T0 + timedelta(seconds=30), "dispatch", targets=[RESPONSIBLE]),
              act("r1", T0 + timedelta(minutes=1, seconds=120), "dispatch", targets=["dept.other"])]
    for e in recorded:
        e.state, e.dispatched_at = State.DISPATCHED, e.received_at + timedelta(seconds=20)
    score = score_shift(mine, my_log, recorded, their_log, now=T0 + timedelta(minutes=10),
                        recorded_now=T0 + timedelta(hours=1))
    assert [r["id"] for r in score["events"]] == ["r0", "r1", "r2"]
    me, them = score["totals"]["trainee"], score["totals"]["recorded"]
    assert me["dispatched"] == 2
    assert them["dispatched"] == 3
    assert me["dispatch_median_s"] == 75.0
    assert me["dispatched_within_60s"] == 1
    assert me["department_table_rate"] == 0.5
    assert them["dispatch_median_s"] == 20.0
    assert score["kpis"]["trainee"]["events"] == 3 == score["kpis"]["recorded"]["events"]
    assert score["kpis"]["recorded"]["dispatch_within_60s_rate"] == 1.0
    assert score["kpis"]["trainee"]["dispatch_median_s"] == 75.0


def test_as_reported_undoes_triage_and_drops_the_consoles_own_fields():
    recorded = ev("g", category="city.parking", level=Level.SIGNIFICANT, state=State.CLOSED,
                  assignees=[RESPONSIBLE], extra={"tier": "street", "sla_start": {}, "cap": {"status": "Actual"}})
    log = [act("g", T0, "triage", category="city.parking", level="significant", was_category=GARBAGE,
               was_level="general")]
    first = as_reported(recorded, log)
    assert (first.category, first.level, first.state, first.assignees) == (GARBAGE, Level.GENERAL, State.NEW, [])
    assert first.extra == {"cap": {"status": "Actual"}}
