"""`python main.py officer` on a live hub (issue 11's bar, scaled down): a hub with the simulator plays
``normal_day`` fast in its own process; the headless officer works it through the one decision
path; the exported action log then shows that the field carried out exactly what was decided."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from console.cli import main

ROOT = Path(__file__).resolve().parents[2]
N_EVENTS = 40


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"hub exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"hub did not listen on {port}")


@pytest.fixture
def hub(tmp_path):
    port = _free_port()
    env = {**os.environ, "GRID_CONSOLE_DATA_DIR": str(tmp_path / "hub-data")}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "feed", "--port", str(port), "--token", "tok", "--scenario",
         "normal_day", "--speed", "3000", "--count", str(N_EVENTS), "--log", str(tmp_path / "hub.db")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        _wait_port(port, proc)
        yield f"ws://127.0.0.1:{port}/feed"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _export(db: Path, what: str, capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["export", "--db", f"sqlite:///{db}", "--what", what, "--format", "jsonl"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_scripted_officer_works_a_live_hub(hub, tmp_path, capsys) -> None:
    db = tmp_path / "officer.db"
    code = main(["officer", "--connect", hub, "--token", "tok", "--db", str(db), "--policy", "suggested",
                 "--delay", "0.5", "--verify-delay", "0.5", "--exit-when-idle", "6", "--json"])
    assert code == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert stats["dispatched"] > 0
    events = {e["id"]: e for e in _export(db, "events", capsys)}
    actions = _export(db, "actions", capsys)
    assert len(events) == N_EVENTS
    # signed in as the demo officer (a room without accounts): every decision carries account and seat
    decided = [a for a in actions if a["seat"] == "officer-bot"]
    assert decided
    assert {a["account"] for a in decided} == {"demo"}
    assert {a["actor"] for a in decided} == {"脚本值班员"}
    by_event: dict[str, list[dict]] = defaultdict(list)
    for a in actions:
        by_event[a["event_id"]].append(a)
    within_60s = 0
    needing = 0
    for eid, log in by_event.items():
        units: set[str] = set()
        first_dispatch = None
        for a in log:
            if a["kind"] == "dispatch":
                units = set(a["data"]["targets"])
                first_dispatch = first_dispatch or datetime.fromisoformat(a["at"])
                assert datetime.fromisoformat(a["data"]["deadline"]) > datetime.fromisoformat(a["at"]), eid
            elif a["kind"] == "transition" and a["seat"] is None and a["to_state"] in (
                    "accepted", "on_scene", "resolved", "returned") and a["from_state"] != "new":
                # field feedback names the unit the officer dispatched — never a fallback
                assert a["data"]["unit_id"] in units, (eid, a, units)
        ev = events[eid]
        assert ev["state"] != "returned", f"{eid} left returned without a re-dispatch or a reasoned rejection"
        if first_dispatch is not None:
            needing += 1
            arrived = datetime.fromisoformat(ev["received_at"])
            within_60s += (first_dispatch - arrived).total_seconds() <= 60
    assert needing > 0
    assert within_60s / needing >= 0.95
    returned = [a for a in actions if a["kind"] == "transition" and a["to_state"] == "returned"]
    for r in returned:  # each return was followed by a re-dispatch to another unit or a rejection
        later = [a for a in by_event[r["event_id"]] if a["at"] >= r["at"] and a["kind"] in ("dispatch", "transition")
                 and (a["kind"] == "dispatch" or a["to_state"] == "rejected")]
        assert later, r


def test_officer_refuses_a_wrong_token(hub, tmp_path, capsys) -> None:
    code = main(["officer", "--connect", hub, "--token", "wrong", "--db", str(tmp_path / "o.db"),
                 "--exit-when-idle", "30"])
    assert code == 3
    assert "refused the token" in capsys.readouterr().err
