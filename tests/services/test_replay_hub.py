"""A recording made from a hub that drops connections, re-sends reports and sends malformed frames
replays exactly (issue 15): at every instant, ``replay --dump`` agrees with the state folded from
``export --what actions`` (and the exported events) up to that instant."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from console.cli import main
from console.domain.decisions import fold
from console.domain.event import Action, Level, State, utcnow
from console.domain.replay import arrival_base
from console.domain.sla import default_table
from console.net.client import FeedClient
from console.net.protocol import event_from_wire
from console.services.bus import Bus
from console.services.decisions import DecisionService
from console.services.replay import RoomAt
from console.services.room import Room
from console.store import open_store
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub

CONSOLE = "recorder"


def _status(eid: str, state: str, at: datetime, unit: str = "dept.sanitation") -> str:
    return dumps({"event_id": eid, "state": state, "unit_id": unit, "at": at.isoformat(), "note": state})


def _officer(store, ids) -> None:
    """The duty officer between rounds: dispatches (some with a raised level), rejects, claims."""
    decisions = DecisionService(store, Room(Bus()), Bus(), None, table=default_table(), seat="s1", officer="王",
                                clock=utcnow, inline=True)
    for i in ids:
        if i % 11 == 0:
            decisions.run_now(decisions.plan_reject(f"ev-{i}", "重复上报"))
        elif i % 2 == 0:
            level = Level.SIGNIFICANT if i % 3 == 0 else None
            decisions.run_now(decisions.plan_dispatch(f"ev-{i}", ["dept.sanitation"], "请处置", level=level))
        elif i % 5 == 1:
            store.claims.claim(f"ev-{i}", "s1", "王", timedelta(minutes=2), utcnow())


def _record(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'rec.db'}"
    store = open_store(url)
    executor = ThreadPoolExecutor(max_workers=1)

    async def main_() -> None:
        loop = asyncio.get_running_loop()

        async def on_batch(batch):
            return await loop.run_in_executor(executor, store.commit_ingest, batch, CONSOLE)

        async def after_seq():
            return await loop.run_in_executor(executor, store.feed_cursor, CONSOLE)

        async with running_hub(tmp_path / "hub.db") as hub:
            client = FeedClient(hub.url, TOKEN, CONSOLE, after_seq, on_batch, backoff_base=0.02, backoff_cap=0.1)
            client.start()
            head = 0
            for round_ in range(4):
                recs: list[tuple[str, str, str | None]] = []
                base = round_ * 25
                for i in range(base + 1, base + 26):
                    recs.append(("event", dumps(event_obj(i, level="major" if i % 9 == 0 else "general")), None))
                now = utcnow()
                if round_:
                    prev = range(base - 24, base + 1)
                    recs += [("event", dumps(event_obj(i)), None) for i in prev if i % 5 == 0]  # re-sent as is
                    recs += [("event", dumps(event_obj(i, title=f"更新 {i}")), None) for i in prev if i % 7 == 0]
                    recs += [("status", _status(f"ev-{i}", "accepted", now), None) for i in prev if i % 2 == 0]
                    recs += [("status", _status(f"ev-{i}", "resolved", now + timedelta(seconds=1)), None)
                             for i in prev if i % 4 == 0]
                    recs += [("status", _status(f"ev-{i}", "on_scene", now - timedelta(seconds=5)), None)
                             for i in prev if i % 6 == 0]  # an earlier field time, sent later
                    recs.append(("status", _status("ev-nobody", "accepted", now), None))
                recs.append(("raw", '{"type":"event","seq":__SEQ__,"event":{"id":"bad id"}}', None))
                recs.append(("raw", "not json at all", None))
                head = hub.publish_many(recs)[-1]
                await client.wait_until(lambda s, h=head: s.last_seq >= h - 1, 20)
                await loop.run_in_executor(executor, _officer, store, range(base + 1, base + 26))
                client.drop()  # the connection dropped mid-shift; the client resumes from its position
                await asyncio.sleep(0.02)
            await client.wait_until(lambda s, h=head: s.last_seq >= h - 1, 20)
            await client.stop()

    try:
        run(main_(), timeout=60)
    finally:
        executor.shutdown()
        store.close()
    return url


def _export(url: str, what: str, tmp_path) -> list[dict]:
    out = tmp_path / f"{what}.jsonl"
    assert main(["export", "--db", url, "--what", what, "--format", "jsonl", "--out", str(out)]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _from_export(events: list[dict], actions: list[dict]) -> tuple[dict, dict]:
    log: dict[str, list[Action]] = {}
    for a in actions:
        log.setdefault(a["event_id"], []).append(Action(
            event_id=a["event_id"], at=datetime.fromisoformat(a["at"]), kind=a["kind"], actor=a["actor"],
            seat=a["seat"], from_state=State(a["from_state"]) if a["from_state"] else None,
            to_state=State(a["to_state"]) if a["to_state"] else None, note=a["note"], data=a["data"] or {}))
    rows = {}
    for rec in events:
        ev = event_from_wire(rec, received_at=datetime.fromisoformat(rec["received_at"]))
        rows[ev.id] = ev.copy(onsite=bool(rec["onsite"]))
    return rows, log


def _folded_open(rows: dict, log: dict, at: datetime) -> dict[str, tuple]:
    out = {}
    for eid, row in rows.items():
        arrival = row.received_at or row.reported_at
        if arrival > at:
            continue
        acts = log.get(eid, [])
        ev = fold(arrival_base(row, acts), [a for a in acts if max(a.at, arrival) <= at])
        if ev.is_open:
            out[eid] = (ev.state.value, ev.level.value, ev.category, ev.grid_id, list(ev.assignees))
    return out


def test_a_recording_from_a_lossy_hub_replays_exactly(tmp_path, capsys):
    url = _record(tmp_path)
    with open_store(url, readonly=True) as store:
        assert store.quarantine.count() >= 8  # malformed frames and the status for no event
        assert store.events.count() == 100
    rows, log = _from_export(_export(url, "events", tmp_path), _export(url, "actions", tmp_path), )
    kinds = {a.kind for acts in log.values() for a in acts}
    assert {"merge", "source_update", "transition", "dispatch", "triage", "status_ignored"} <= kinds
    room = RoomAt.open(url)
    try:
        stamps = sorted({room.start, room.end, *(r.received_at for r in rows.values()),
                         *(a.at for acts in log.values() for a in acts if room.start <= a.at <= room.end)})
        instants = stamps[:: max(1, len(stamps) // 40)] + [stamps[-1]]
        for at in instants:
            dumped = room.dump(at)["open_events"]
            got = {e["id"]: (e["state"], e["level"], e["category"], e["grid_id"], e["assignees"]) for e in dumped}
            assert got == _folded_open(rows, log, at), at
        final = room.dump(room.end)["open_events"]
        assert any(e["claimed_by"] == "s1" for e in final)  # claims come back from the room log
        assert {"dispatched", "accepted", "resolved"} <= {e["state"] for e in final}
    finally:
        room.close()
    # the command line says the same at one of them
    capsys.readouterr()
    assert main(["replay", "--db", url, "--at", instants[len(instants) // 2].isoformat(), "--dump", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)["open_events"]
    assert {e["id"] for e in printed} == set(_folded_open(rows, log, instants[len(instants) // 2]))
