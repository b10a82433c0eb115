"""The room's incremental overdue count agrees with a plain count at every instant, forward and back."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

from console.services.room import _Overdue


def _plain(deadlines: dict, now: datetime) -> Counter:
    return Counter(g for g, due in deadlines.values() if now > due)


def test_overdue_tally_matches_a_full_count_under_random_changes() -> None:
    rng = random.Random(7)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    deadlines: dict = {}
    tally = _Overdue(deadlines)
    now = t0
    for step in range(3000):
        op = rng.random()
        eid = f"e{rng.randrange(300)}"
        if op < 0.5:
            if eid in deadlines:
                deadlines.pop(eid)
                tally.removed(eid)
            grid = rng.choice(["g1", "g2", None])
            due = t0 + timedelta(minutes=rng.randrange(0, 600))
            deadlines[eid] = (grid, due)
            tally.added(eid, grid, due)
        elif op < 0.7:
            if eid in deadlines:
                deadlines.pop(eid)
                tally.removed(eid)
        else:
            # mostly forward, sometimes back (a seek)
            now = now + timedelta(minutes=rng.randrange(-30, 10) if step % 50 == 0 else rng.randrange(0, 3))
        got = tally.at(now)
        assert +got == _plain(deadlines, now), step
