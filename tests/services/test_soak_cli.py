"""`python main.py soak` (issue 13): the services against the simulator for hours of room time, sped up.

A small soak — 3 simulated hours at 3600× (about 3 s of wall time) — in its own process: it finishes,
prints one JSON object of the documented shape, and the room really worked (records arrived, the
officer dispatched, deadlines are on the room's sped-up clock)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from console.bench.soak import day_start, growth_pct

ROOT = Path(__file__).resolve().parents[2]


def test_a_small_soak_finishes_and_reports_rss_every_simulated_hour(tmp_path):
    db = tmp_path / "soak.db"
    proc = subprocess.run(
        [sys.executable, "main.py", "soak", "--hours", "3", "--speed", "3600", "--db", str(db), "--json",
         "--max-growth", "1000"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    by_hour = result["soak_rss_mb_by_hour"]
    assert len(by_hour) == 4  # hours 0..3
    assert all(isinstance(v, float) and v > 10 for v in by_hour)
    assert result["soak_rss_growth_pct"] == round((by_hour[3] - by_hour[2]) / by_hour[2] * 100, 2)
    assert result["soak_hours"] == 3.0
    assert result["soak_speed"] == 3600.0
    assert [s["hour"] for s in result["soak_hourly"]] == [0, 1, 2, 3]
    assert result["soak_records_received"] > 20  # the backlog and three hours of the morning
    # first dispatches or re-dispatches after a return (under load the room clock at 3600× runs ahead of
    # the officer's 20 s delay, and breaches escalate first: which of the two varies)
    assert result["soak_officer"]["dispatched"] + result["soak_officer"]["redispatched"] > 0
    assert result["soak_events_stored"] > 20
    assert result["soak_wall_s"] < 120  # 3 h of room time at 3600×: seconds, not hours
    assert db.exists()  # --db was used
    import sqlite3

    with sqlite3.connect(db) as conn:  # the soak's officer signed in as the demo officer
        seats = conn.execute("SELECT DISTINCT account FROM actions WHERE seat = 'soak-seat'").fetchall()
    assert seats == [("demo",)]


def test_growth_is_measured_from_hour_two_and_the_day_starts_in_the_morning():
    assert growth_pct([100.0, 104.0, 110.0, 111.0, 121.0]) == 10.0
    assert growth_pct([100.0, 105.0]) == 5.0  # shorter than 3 hours: from the first sample
    assert growth_pct([100.0]) is None
    start = day_start(datetime.fromisoformat("2026-12-06T20:30:00+08:00"))
    assert start == datetime.fromisoformat("2026-12-06T07:00:00+08:00")
    early = day_start(datetime.fromisoformat("2026-12-06T03:00:00+08:00"))
    assert early == datetime.fromisoformat("2026-12-06T07:00:00+08:00") - timedelta(days=1)
