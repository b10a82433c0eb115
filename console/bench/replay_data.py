"""A recorded day for the replay bench: 100,000 events over 24 hours, worked by the room.

Each event arrives (``received_at`` spread over the day with a daytime peak) and is worked through
the real decision and lifecycle functions — dispatch within a minute, the field signing for it,
arriving and resolving, the room verifying and closing; some rejected, some returned and
re-dispatched, some majors escalated, some resolved on the spot — with every step an action, so the
stored row is the fold of its log, as in a live recording. The SLA table in force is in the room
log, and so is a busy day's escalation board: a broadcast (一键下达) to every grid every two hours with
its roll call, and 200 whistles (吹哨报到) with check-ins, progress and red marks — as changes. Cached under the temp dir (``grid-console-bench``), keyed by size and version.

The recording also holds the demo district's patrols of the whole day (:func:`add_positions`: the
patrol simulator's 131 walkers, a fix every 10 s by day and the night teams by night — ~690,000
fixes, stored as the console stores them and compacted to one chunk per worker as a finished day
is), so the replay bench plays with grid workers on the map. Added to a cached recording that lacks them.
"""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from console.bench.store import realistic_event
from console.domain import decisions as rules
from console.domain.decisions import Who, apply_action, fold
from console.domain.escalation import Tier
from console.domain.event import Action, Event, State
from console.domain.lifecycle import transition
from console.domain.sla_config import DEFAULT_SLA_PATH
from console.store import open_store
from console.store.room_log import RoomEntry

VERSION = 3
DAY_START = datetime(2026, 11, 22, 16, 0, tzinfo=UTC)  # 2026-11-23 00:00 in the room's zone
OFFICER = Who("王值班", "seat-1")
UNITS = ["dept.sanitation", "dept.urban_mgmt", "dept.police", "dept.market", "dept.fire", "dept.housing"]


def _arrivals(rng: random.Random, count: int, hours: float) -> list[datetime]:
    span = hours * 3600.0
    out = []
    while len(out) < count:
        t = rng.random() * span
        hour = (t / 3600.0) % 24
        weight = 0.35 if hour < 7 or hour >= 22 else 1.0  # quieter nights
        if rng.random() < weight:
            out.append(DAY_START + timedelta(seconds=t))
    return sorted(out)


def _work(rng: random.Random, ev: Event, end: datetime) -> list[Action]:
    """The actions the room and the field take on ``ev`` up to ``end``."""
    acts: list[Action] = []
    cur = ev
    t = ev.received_at or ev.reported_at

    def take(new: list[Action]) -> bool:
        nonlocal cur
        if any(a.at > end for a in new):
            return False
        for a in new:
            cur = apply_action(cur, a)
        acts.extend(new)
        return True

    def move(dst: State, at: datetime, unit: str) -> bool:
        nonlocal cur
        if at > end:
            return False
        cur, a = transition(cur, dst, actor=unit, at=at, data={"unit_id": unit})
        acts.append(a)
        return True

    if cur.state is State.RESOLVED:  # resolved on the spot: only verification
        at = t + timedelta(minutes=rng.uniform(5, 40))
        if at <= end:
            take(rules.verify(cur, OFFICER, at, True, "核查通过"))
        return acts
    t += timedelta(seconds=rng.uniform(8, 75))
    if rng.random() < 0.05:
        take(rules.reject(cur, OFFICER, t, "重复上报"))
        return acts
    if cur.level.is_urgent and rng.random() < 0.5:
        if not take(rules.escalate(cur, OFFICER, t, from_tier=Tier.COMMUNITY, to_tier=Tier.STREET, reason="重大事件")):
            return acts
        t += timedelta(seconds=rng.uniform(10, 60))
    unit = rng.choice(UNITS)
    if not take(rules.dispatch(cur, OFFICER, t, [unit], "请尽快处置", names={unit: unit}, deadline_of=lambda e: None)):
        return acts
    if rng.random() < 0.04:
        t += timedelta(minutes=rng.uniform(3, 15))
        if not move(State.RETURNED, t, unit):
            return acts
        unit = rng.choice(UNITS)
        t += timedelta(minutes=rng.uniform(1, 5))
        if not take(rules.dispatch(cur, OFFICER, t, [unit], "改派", names={unit: unit}, deadline_of=lambda e: None)):
            return acts
    for dst, lo, hi in ((State.ACCEPTED, 1, 15), (State.ON_SCENE, 5, 40), (State.RESOLVED, 10, 180)):
        t += timedelta(minutes=rng.uniform(lo, hi))
        if not move(dst, t, unit):
            return acts
    t += timedelta(minutes=rng.uniform(5, 60))
    if t <= end:
        take(rules.verify(cur, OFFICER, t, True, "核查通过"))
    return acts


def build(path: Path, count: int, hours: float = 24.0, seed: int = 15) -> None:
    rng = random.Random(seed)
    end = DAY_START + timedelta(hours=hours)
    store = open_store(f"sqlite:///{path}")
    try:
        store.room_log.append_many([RoomEntry(DAY_START, "sla_table", actor="system", data={
            "path": str(DEFAULT_SLA_PATH), "toml": Path(DEFAULT_SLA_PATH).read_text(encoding="utf-8")})])
        arrivals = _arrivals(rng, count, hours)
        chunk_events: list[Event] = []
        chunk_actions: list[Action] = []
        for n, at in enumerate(arrivals, 1):
            ev = realistic_event(rng, n, at - timedelta(seconds=rng.uniform(5, 120)), seq=n)
            ev.received_at = at
            ev.updated_at = at
            if rng.random() < 0.08:
                ev.onsite = True
                ev.state = State.RESOLVED
                ev.resolved_at = ev.reported_at
                acts = [Action(ev.id, ev.reported_at, "onsite_resolved", "feed", to_state=State.RESOLVED,
                               note="resolved on the spot by the reporter", data={"seq": n})]
            else:
                acts = []
            acts += _work(rng, ev, end)
            final = fold(ev, acts)
            chunk_events.append(final.copy(version=len(acts)))
            chunk_actions.extend(acts)
            if len(chunk_events) >= 5_000:
                store.events.insert_many(chunk_events)
                store.actions.append_many(chunk_actions)
                chunk_events, chunk_actions = [], []
        store.events.insert_many(chunk_events)
        store.actions.append_many(chunk_actions)
        store.room_log.append_many(board_changes(random.Random(seed + 1), arrivals, hours))
    finally:
        store.close()


def board_changes(rng: random.Random, arrivals: list[datetime], hours: float) -> list[Any]:
    """A busy day's escalation board as room-log changes (see the module's doc)."""
    from console.domain.district import load_district
    from console.domain.escalation import Broadcast, Whistle
    from console.domain.escalation_log import changes_of
    from console.domain.grid import GridKind

    district = load_district(Path(__file__).resolve().parents[2] / "resources" / "demo")
    grids = [g.id for g in district.grids.values() if g.parent_id is not None and g.kind is not GridKind.POLICE]
    departments = sorted(district.departments)
    minutes = timedelta(minutes=1)
    broadcasts = []
    for k in range(int(hours // 2)):
        sent = DAY_START + timedelta(hours=2 * k, minutes=30)
        b = Broadcast.create(f"bc-bench-{k}", "防汛值守：检查低洼地带", grids, "王值班", sent, 30 * minutes)
        for g in grids:
            if rng.random() < 0.95:
                b.acknowledge(g, sent + rng.uniform(1, 40) * minutes)
        b.resent([g for g, at in b.acks.items() if at is None or at > sent + 31 * minutes])
        broadcasts.append(b)
    whistles = []
    for k, n in enumerate(sorted(rng.sample(range(len(arrivals)), min(200, len(arrivals))))):
        blown = arrivals[n] + 2 * minutes
        w = Whistle.create(f"wh-bench-{k}", f"ev-{n + 1:09d}", rng.sample(departments, rng.randint(2, 3)), "吹哨报到",
                           "王值班", blown, 30 * minutes)
        for dep in list(w.summons):
            if rng.random() < 0.85:
                w.check_in(dep, blown + rng.uniform(2, 45) * minutes)
                for _ in range(rng.randint(0, 2)):
                    w.report_progress(dep, blown + rng.uniform(45, 90) * minutes, "处置中")
        missing = [d for d, s in w.summons.items() if s.checked_in_at is None or s.checked_in_at > w.checkin_by]
        w.mark_red(missing)
        w.escalated = bool(missing)
        whistles.append(w)
    return changes_of(broadcasts, whistles)


POSITIONS_INTERVAL_S = 10.0


def add_positions(path: Path, hours: float = 24.0, interval_s: float = POSITIONS_INTERVAL_S) -> int:
    """Record the day's patrols into the recording at ``path`` (once); returns the fixes stored."""
    from console.domain.district import load_district
    from console.domain.patrol_sim import PatrolSim
    from console.domain.positions import Fix
    from console.services.report import DEMO_DIR

    store = open_store(f"sqlite:///{path}")
    try:
        if store.positions.chunk_count():
            return 0
        sim = PatrolSim(load_district(DEMO_DIR), start=DAY_START - timedelta(hours=1), interval_s=interval_s)
        stored = 0
        step = timedelta(hours=1)  # an intake batch an hour: chunks as the console writes them, then compacted
        t = DAY_START - timedelta(minutes=30)
        end = DAY_START + timedelta(hours=hours)
        while t < end:
            fixes = [Fix(wid, int(r[0] * 1e6), float(r[1]), float(r[2]), float(r[3]), 4.3, int(r[4]))
                     for wid, a in sim.history(t.timestamp(), min(t + step, end).timestamp()).items() for r in a]
            stored += store.positions.append(fixes)
            t += step
        store.positions.compact(end + timedelta(days=2))  # the recorded days are over
        return stored
    finally:
        store.close()


def recording(count: int = 100_000, hours: float = 24.0) -> Path:
    """The cached recording of ``count`` events over ``hours`` (built on first use)."""
    folder = Path(tempfile.gettempdir()) / "grid-console-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"replay-v{VERSION}-{count}-{hours:g}h.db"
    if not path.exists():
        part = path.with_suffix(".part")
        for p in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
            p.unlink(missing_ok=True)
        build(part, count, hours)
        part.rename(path)
    add_positions(path, hours)
    return path
