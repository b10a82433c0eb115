"""Trainee scoring (培训评分): the trainee's handling of a recorded shift's intake against the
responsibility table, the escalation rules and the recorded duty officer on the same events.

Pure: events and their action logs in, plain dicts out (``score_shift``). Per event:

- ``seconds_to_dispatch``: from the event's arrival in the room to its first dispatch that the hub
  took (a dispatch followed by ``dispatch_failed`` does not count); the target is 60 s;
- ``department_vs_table``: whether the responsible department of the event's category
  (:func:`console.domain.suggest.suggest_department`) is among the dispatched units —
  ``match`` / ``differs`` / ``not_dispatched`` / ``no_dispatch_needed`` (resolved on the spot,
  rejected);
- ``department_vs_recorded``: the lead unit against the recorded officer's lead unit;
- ``escalation``: ``ok`` / ``missed`` / ``needless``. An escalation (一键上报) is expected when the
  recorded officer escalated by hand, or the rules send the event up: a major or critical event
  handled below the street command goes to the street command (DESIGN §2);
- ``sla_breaches``: deadlines the trainee let pass (automatic ``sla_breach:<stage>`` escalations);
- ``verification``: ``verified`` (closed after 核查), ``awaiting_verification`` (resolved, not
  verified), ``closed_unverified`` (never by the lifecycle; kept for imported logs), ``open``;

totals for the trainee and the recorded officer side by side, and the KPI strip's figures
(:func:`console.domain.kpi.kpis`) for both on the same intake.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from console.domain.escalation import Tier, tier_of
from console.domain.event import Action, Event, Level, State
from console.domain.kpi import columns_from_events, kpis
from console.domain.sla import SlaTable
from console.domain.suggest import suggest_department

DISPATCH_TARGET_S = 60.0
MANUAL = "manual"
BREACH_PREFIX = "sla_breach"

GridLevel = Callable[[str | None], int | None]


@dataclass(frozen=True, slots=True)
class Handling:
    """What one officer did with one event, read from its action log."""

    dispatched_at: datetime | None
    units: tuple[str, ...]
    escalated: bool  # by hand (一键上报)
    breaches: int  # automatic escalations on a missed deadline
    verified: bool
    closed: bool

    @property
    def lead(self) -> str | None:
        return self.units[0] if self.units else None


def handling(actions: Iterable[Action]) -> Handling:
    """Read one event's log (in append order)."""
    first: Action | None = None
    pending: Action | None = None
    escalated = verified = closed = False
    breaches = 0
    for a in actions:
        kind = a.kind
        if kind == "dispatch":
            if pending is not None and first is None:
                first = pending
            pending = a
        elif kind == "dispatch_failed":
            pending = None
        elif kind == "escalate":
            reason = str(a.data.get("reason") or "")
            if reason.startswith(BREACH_PREFIX):
                breaches += 1
            elif a.actor != "system":
                escalated = True
        elif kind == "transition":
            if a.to_state is State.VERIFIED:
                verified = True
            elif a.to_state is State.CLOSED:
                closed = True
    if first is None:
        first = pending
    units = tuple(str(u) for u in (first.data.get("targets") or ())) if first is not None else ()
    return Handling(first.at if first is not None else None, units, escalated, breaches, verified, closed)


def _seconds(ev: Event, h: Handling) -> float | None:
    if h.dispatched_at is None:
        return None
    arrived = ev.received_at or ev.reported_at
    return round(max(0.0, (h.dispatched_at - arrived).total_seconds()), 3)


def _needs_dispatch(ev: Event) -> bool:
    return not ev.onsite and ev.state is not State.REJECTED


def escalation_expected(ev: Event, recorded: Handling | None, grid_level: int | None) -> bool:
    """By the rules (major/critical below the street command) or because the recorded officer did."""
    if recorded is not None and recorded.escalated:
        return True
    return ev.level.is_urgent and tier_of(ev, grid_level) < Tier.STREET


def _verification(ev: Event, h: Handling) -> str:
    if h.closed or ev.state is State.CLOSED:
        return "verified" if h.verified else "closed_unverified"
    if ev.state is State.VERIFIED:
        return "verified"
    if ev.state is State.RESOLVED:
        return "awaiting_verification"
    return "open"


def score_event(ev: Event, actions: Sequence[Action], recorded: Event | None, recorded_actions: Sequence[Action],
                *, grid_level: int | None = None, department_of: Callable[[str | None], str] = suggest_department
                ) -> dict[str, Any]:
    """One event's verdicts (``ev``: the trainee's version in the sandbox)."""
    mine = handling(actions)
    theirs = handling(recorded_actions) if recorded is not None else None
    needs = _needs_dispatch(ev)
    responsible = department_of(ev.category)
    if not needs:
        vs_table = vs_recorded = "no_dispatch_needed"
    elif mine.dispatched_at is None:
        vs_table = vs_recorded = "not_dispatched"
    else:
        vs_table = "match" if responsible in mine.units else "differs"
        if theirs is None or theirs.lead is None:
            vs_recorded = "recorded_not_dispatched"
        else:
            vs_recorded = "match" if mine.lead == theirs.lead else "differs"
    if not needs:
        rec_vs_table = "no_dispatch_needed"
    elif theirs is None or theirs.dispatched_at is None:
        rec_vs_table = "not_dispatched"
    else:
        rec_vs_table = "match" if responsible in theirs.units else "differs"
    expected = escalation_expected(ev, theirs, grid_level)
    escalation = "ok"
    if expected and not mine.escalated:
        escalation = "missed"
    elif mine.escalated and not expected:
        escalation = "needless"
    seconds = _seconds(ev, mine) if needs else None
    rec_seconds = _seconds(recorded, theirs) if recorded is not None and theirs is not None else None
    return {
        "id": ev.id,
        "title": ev.title,
        "category": ev.category,
        "level": ev.level.value,
        "state": ev.state.value,
        "needs_dispatch": needs,
        "seconds_to_dispatch": seconds,
        "within_target": None if seconds is None else seconds <= DISPATCH_TARGET_S,
        "recorded_seconds_to_dispatch": rec_seconds,
        "department": mine.lead,
        "units": list(mine.units),
        "responsible_department": responsible,
        "recorded_department": theirs.lead if theirs is not None else None,
        "department_vs_table": vs_table,
        "department_vs_recorded": vs_recorded,
        "recorded_department_vs_table": rec_vs_table,
        "escalation_expected": expected,
        "escalated": mine.escalated,
        "recorded_escalated": bool(theirs and theirs.escalated),
        "escalation": escalation,
        "sla_breaches": mine.breaches,
        "recorded_sla_breaches": theirs.breaches if theirs is not None else 0,
        "verification": _verification(ev, mine),
        "recorded_verification": _verification(recorded, theirs) if recorded is not None and theirs else None,
    }


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1], 3)


def _totals(rows: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    """Totals of one side: ``prefix`` "" (trainee) or "recorded_"."""
    needs = [r for r in rows if r["needs_dispatch"]]
    secs = sorted(r[f"{prefix}seconds_to_dispatch"] for r in needs if r[f"{prefix}seconds_to_dispatch"] is not None)
    out: dict[str, Any] = {
        "events": len(rows),
        "needing_dispatch": len(needs),
        "dispatched": len(secs),
        "dispatch_median_s": round(statistics.median(secs), 3) if secs else None,
        "dispatch_p90_s": _quantile(secs, 0.9),
        "dispatched_within_60s": sum(1 for s in secs if s <= DISPATCH_TARGET_S),
        "dispatch_within_60s_rate": _rate(sum(1 for s in secs if s <= DISPATCH_TARGET_S), len(needs)),
        "sla_breaches": sum(r[f"{prefix}sla_breaches"] for r in rows),
    }
    verif = [r[f"{prefix}verification"] for r in rows]
    out["verified_closed"] = verif.count("verified")
    out["awaiting_verification"] = verif.count("awaiting_verification")
    out["closed_unverified"] = verif.count("closed_unverified")
    vs_table = f"{prefix}department_vs_table"
    dispatched = [r for r in needs if r[vs_table] in ("match", "differs")]
    out["department_matches_table"] = sum(1 for r in dispatched if r[vs_table] == "match")
    out["department_table_rate"] = _rate(out["department_matches_table"], len(dispatched))
    if prefix == "":
        compared = [r for r in dispatched if r["department_vs_recorded"] in ("match", "differs")]
        out["department_matches_recorded"] = sum(1 for r in compared if r["department_vs_recorded"] == "match")
        out["department_recorded_rate"] = _rate(out["department_matches_recorded"], len(compared))
        out["escalations_missed"] = sum(1 for r in rows if r["escalation"] == "missed")
        out["escalations_needless"] = sum(1 for r in rows if r["escalation"] == "needless")
        out["escalated"] = sum(1 for r in rows if r["escalated"])
    else:
        out["escalated"] = sum(1 for r in rows if r["recorded_escalated"])
    return out


def _by_event(actions: Iterable[Action]) -> dict[str, list[Action]]:
    out: dict[str, list[Action]] = defaultdict(list)
    for a in actions:
        out[a.event_id].append(a)
    return out


def score_shift(
    trainee_events: Sequence[Event],
    trainee_actions: Iterable[Action],
    recorded_events: Sequence[Event],
    recorded_actions: Iterable[Action],
    *,
    table: SlaTable | None = None,
    grid_level: GridLevel | None = None,
    now: datetime,
    recorded_now: datetime,
) -> dict[str, Any]:
    """The score of a training shift: the sandbox's events that came from the recording (in arrival
    order), their verdicts, totals and KPIs side by side (``now``: the sandbox's time,
    ``recorded_now``: the end of the recorded window)."""
    recorded = {ev.id: ev for ev in recorded_events}
    mine_log, their_log = _by_event(trainee_actions), _by_event(recorded_actions)
    played = [ev for ev in trainee_events if ev.id in recorded]
    played.sort(key=lambda e: (e.received_at or e.reported_at, e.id))
    level = grid_level or (lambda _gid: None)
    rows = [score_event(ev, mine_log.get(ev.id, []), recorded[ev.id], their_log.get(ev.id, []),
                        grid_level=level(ev.grid_id)) for ev in played]
    same = [recorded[ev.id] for ev in played]
    mine_kpi = kpis(columns_from_events(played, [a for ev in played for a in mine_log.get(ev.id, [])], table),
                    now=now)
    their_kpi = kpis(columns_from_events(same, [a for ev in same for a in their_log.get(ev.id, [])], table),
                     now=recorded_now)
    return {
        "target_dispatch_s": DISPATCH_TARGET_S,
        "events": rows,
        "totals": {"trainee": _totals(rows, ""), "recorded": _totals(rows, "recorded_")},
        "kpis": {"trainee": mine_kpi, "recorded": their_kpi},
    }


# the Event.extra keys the console itself writes (tier, SLA clocks, suspensions, returns): not part
# of a report, so a recorded event played again arrives without them
_CONSOLE_EXTRA = ("tier", "suspension", "returned_reason", "sla_start", "sla_pauses")


def as_reported(ev: Event, actions: Iterable[Action]) -> Event:
    """The recorded event as it arrived: category and level before the officer's triage, without
    the console's own fields (state, assignees, deadlines, tier, SLA clocks)."""
    category, level = ev.category, ev.level
    for a in actions:
        if a.kind == "triage" and a.data.get("was_category"):
            category = str(a.data["was_category"])
            was_level = a.data.get("was_level")
            if was_level:
                level = Level(was_level)
            break
    extra = {k: v for k, v in ev.extra.items() if k not in _CONSOLE_EXTRA}
    return Event(id=ev.id, source=ev.source, category=category, title=ev.title, reported_at=ev.reported_at,
                 description=ev.description, level=level, location=ev.location, grid_id=ev.grid_id,
                 reporter_name=ev.reporter_name, reporter_phone=ev.reporter_phone, camera_id=ev.camera_id,
                 attachments=list(ev.attachments), extra=extra, onsite=ev.onsite,
                 state=State.RESOLVED if ev.onsite else State.NEW, received_at=ev.received_at)
