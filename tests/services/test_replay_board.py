"""Replay (issue 15) of the escalation board: ``replay --dump json`` lists the broadcasts and whistles
as they stood at the instant (the room log folded), and ``simulate`` records the SLA table in force."""

from __future__ import annotations

import json

import pytest

from console.cli import main
from console.domain.sla_config import DEFAULT_SLA_PATH
from console.services.replay import RoomAt
from console.store import open_store
from tests.services.replay_board_rig import MIN, START, BoardShift, record_board_shift


@pytest.fixture(scope="module")
def shift(tmp_path_factory) -> BoardShift:
    return record_board_shift(tmp_path_factory.mktemp("rec") / "board.db")


def _dump(url: str, at, capsys) -> dict:
    capsys.readouterr()
    assert main(["replay", "--db", url, "--at", at.isoformat(), "--dump", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_dump_lists_the_board_as_it_stood_at_the_instant(shift, capsys):
    before = _dump(shift.url, min(shift.t1, shift.tw) - MIN, capsys)
    assert before["broadcasts"] == []
    assert before["whistles"] == []
    early = _dump(shift.url, shift.t1 + 12 * MIN, capsys)
    (b,) = early["broadcasts"]
    assert (b["id"], b["acknowledged"], b["targets"], b["silent"]) == (shift.broadcast_id, 1, 3, shift.grids[1:])
    assert not b["overdue"]
    assert b["awaiting"]
    late = _dump(shift.url, shift.t1 + 55 * MIN, capsys)
    (b,) = late["broadcasts"]
    assert (b["acknowledged"], b["overdue"], b["silent"]) == (2, True, [shift.grids[2]])

    (w,) = _dump(shift.url, shift.tw + 2 * MIN, capsys)["whistles"]
    assert (w["id"], w["checked_in"], w["escalated"], w["event_open"]) == (shift.whistle_id, 0, False, True)
    (w,) = _dump(shift.url, shift.tw + 12 * MIN, capsys)["whistles"]
    assert w["checked_in"] == 1
    assert w["summons"][0]["progress"][0][1] == "已到场清理"
    assert [s["late"] for s in w["summons"]] == [False, False]
    (w,) = _dump(shift.url, shift.tw + 25 * MIN, capsys)["whistles"]
    assert [(s["department_id"], s["red"]) for s in w["summons"]] == [("dept.sanitation", False),
                                                                      ("dept.cityenf", True)]
    assert w["escalated"]
    assert w["response_rate"] == 0.5
    assert w["event_open"]


def test_simulate_records_the_sla_table_in_force(tmp_path):
    url = f"sqlite:///{tmp_path / 'sim.db'}"
    assert main(["simulate", "--hours", "1", "--start", START, "--db", url, "--json"]) == 0
    store = open_store(url)
    try:
        (entry,) = store.room_log.list(["sla_table"])
    finally:
        store.close()
    assert entry.data == {"path": str(DEFAULT_SLA_PATH), "toml": DEFAULT_SLA_PATH.read_text(encoding="utf-8")}
    room = RoomAt.open(url)
    try:
        assert entry.at <= room.start  # recorded at the shift's start, before the first arrival
        assert room._tables
        assert room._tables[0][0] == entry.at
    finally:
        room.close()


def test_simulate_records_a_table_given_with_sla(tmp_path):
    changed = tmp_path / "sla.toml"
    text = DEFAULT_SLA_PATH.read_text(encoding="utf-8")
    changed.write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'sim.db'}"
    assert main(["simulate", "--hours", "0.5", "--start", START, "--db", url, "--sla", str(changed), "--json"]) == 0
    store = open_store(url)
    try:
        (entry,) = store.room_log.list(["sla_table"])
    finally:
        store.close()
    assert entry.data["path"] == str(changed)
    assert entry.at.isoformat().startswith("2026-11-23T00:00")  # START in UTC
