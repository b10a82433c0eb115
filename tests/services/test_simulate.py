"""Shift simulator: policies on the demo scenario, on a fake clock, through the real services."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.domain.district import load_district
from console.domain.event import State
from console.domain.scenario import generate
from console.domain.sla import default_table
from console.services.simulate import RESULT_KEYS, Shift, ShiftConfig

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 11, 22, 16, 0, tzinfo=UTC)  # 2026-11-23 00:00 Asia/Shanghai


@pytest.fixture(scope="module")
def district():
    return load_district(ROOT / "resources" / "demo")


def shift(district, policy: str, hours: float = 24.0, delay: float = 20.0, **kw) -> Shift:
    stream = generate("normal_day", district, seed=3, start=START, hours=hours)
    return Shift(stream, start=START, hours=hours, table=default_table(),
                 config=ShiftConfig(policy=policy, delay_s=delay, **kw), district=district)


def test_policy_none_every_event_breaches_dispatch_and_escalates(district) -> None:
    s = shift(district, "none", hours=6)
    result = s.run()
    needing = [e for e in s.latest.values() if not e.onsite]
    assert needing
    breached = {a.event_id for a in s.log if a.kind == "escalate" and a.data["reason"] == "sla_breach:dispatch"}
    assert breached == {e.id for e in needing}
    assert all(e.state is State.ESCALATED for e in needing)
    # general and significant events climb micro-grid → community → street → district (3 steps),
    # major/critical go micro-grid → street → district (2 steps)
    assert result["escalations"] == sum(2 if e.level.is_urgent else 3 for e in needing)
    assert result["dispatch_within_60s_rate"] == 0.0
    assert result["closure_rate"] == 0.0
    assert result["events"] == len(s.latest)


def test_policy_suggested_dispatches_within_a_minute(district) -> None:
    t0 = time.perf_counter()
    result = shift(district, "suggested", hours=24, delay=20).run()
    wall = time.perf_counter() - t0
    assert set(RESULT_KEYS) <= set(result)
    assert result["dispatch_within_60s_rate"] >= 0.95
    assert result["dispatch_p90_s"] <= 60
    assert result["closure_rate"] > 0.8
    assert result["events"] > 250
    assert wall < 20  # 24 simulated hours in seconds
    again = shift(district, "suggested", hours=24, delay=20).run()
    assert {k: again[k] for k in RESULT_KEYS} == {k: result[k] for k in RESULT_KEYS}  # deterministic


def test_slow_officer_misses_the_minute(district) -> None:
    result = shift(district, "suggested", hours=4, delay=90).run()
    assert result["dispatch_within_60s_rate"] == 0.0
    assert result["escalations"] > 0


def test_unknown_policy_refused(district) -> None:
    with pytest.raises(ValueError):
        shift(district, "random")


def test_cli_json_and_database(tmp_path: Path, capsys) -> None:
    from console.cli import main
    from console.store import open_store

    url = f"sqlite:///{tmp_path / 'shift.db'}"
    code = main(["simulate", "--scenario", "normal_day", "--hours", "2", "--policy", "suggested", "--delay", "20",
                 "--db", url, "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(RESULT_KEYS) <= set(out)
    store = open_store(url)
    try:
        assert store.actions.count() > 0
        assert store.events.count() == out["events"]
    finally:
        store.close()
    assert main(["simulate", "--scenario", "nope", "--json"]) == 2
    assert main(["simulate", "--hours", "0"]) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[levels\n", encoding="utf-8")
    assert main(["simulate", "--sla", str(bad)]) == 2
    assert "bad.toml:1" in capsys.readouterr().err


def test_the_officer_forgets_closed_work(district) -> None:
    # the units tried per event were kept forever (the soak, issue 13): only open events keep them
    s = shift(district, "suggested", hours=12, delay=20)
    s.run()
    assert s.officer.stats.dispatched > 50
    assert set(s.officer.tried) <= set(s.room.events)
