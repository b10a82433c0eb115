"""What used to reach another seat only at its next start (issue 14): a camera or grid import by a
tool, and the intake writer's feed health with the room's quarantine count. Both ride the change log;
two seats (Cores without windows) on one SQLite file and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest

from console.cli import main
from console.core import Core, Options
from console.services.feed_share import HEALTH_KEY, read_shared, state_from_json, state_to_json
from console.services.ingest import FeedState
from console.store.changelog import ENTITY_DISTRICT
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)


@pytest.fixture(params=["sqlite", "postgres"])
def room_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'room.db'}"
    return str(request.getfixturevalue("pg_url"))


async def until(predicate, timeout: float = 15.0) -> None:  # noqa: ASYNC109
    async with asyncio.timeout(timeout):
        while not predicate():  # noqa: ASYNC110 - the condition is another seat's thread's doing
            await asyncio.sleep(0.02)


def _state(**over) -> FeedState:
    base = {"status": "connected", "url": "ws://user:pw@hub.example:8765/feed", "last_seq": 10, "head_seq": 12,
            "lag": 2, "quarantined": 3, "rate": 1.5, "error_kind": "refused", "error_detail": "[Errno 111]",
            "error_at": datetime(2026, 12, 7, 1, 2, tzinfo=UTC), "attempts": 0, "seq_gaps": 1}
    base.update(over)
    return FeedState(**base)


def test_the_shared_state_round_trips_without_credentials():
    doc = state_to_json(_state())
    assert doc["url"] == "ws://hub.example:8765/feed"  # nothing secret goes into the room
    back = state_from_json(json.loads(json.dumps(doc)))
    assert back == _state(url="ws://hub.example:8765/feed")
    assert state_from_json({"status": "backoff", "future_field": 1}).status == "backoff"  # a newer seat's extra


async def test_a_camera_import_and_the_writers_feed_health_reach_the_other_seat(room_url, tmp_path, capsys):
    seats = [Core(Options(db=room_url, seat=f"席位{n}", no_feed=True)) for n in (1, 2)]
    one, two = seats
    heard: list[str] = []
    two.bus.subscribe("district_changed", lambda: heard.append("district"))
    shared: list[tuple] = []
    two.bus.subscribe("room_feed_state", lambda state, writer, at: shared.append((state, writer)))
    try:
        for s in seats:
            s.start_sync()
        cams = tmp_path / "cams.json"
        cams.write_text(json.dumps([{"id": "cam-new-1", "name": "新装球机", "lat": 30.54, "lon": 104.0}]),
                        encoding="utf-8")
        code = await asyncio.to_thread(main, ["import-cameras", str(cams), "--db", room_url])
        assert code == 0, capsys.readouterr().err
        assert ENTITY_DISTRICT in {c.entity for c in one.store.changes_after(0)}
        await until(lambda: "cam-new-1" in two.district.cameras)
        assert heard == ["district"]
        assert two.district.cameras["cam-new-1"].name == "新装球机"
        # seat 1 writes the intake (its ingest stands in): its feed state goes to the room, seat 2 shows it
        one.ingest = object()
        one.feed_share.min_interval_s = 3600.0  # the seq-only update below must wait (no timing in tests)
        one.bus.publish("feed_state", state=_state())
        await until(lambda: one.feed_share.written == 1)
        two._on_writer("席位1", False)  # the election tells seat 2 who writes
        await until(lambda: bool(shared))
        state, writer = shared[-1]
        assert writer == "席位1"
        assert state.quarantined == 3
        assert state.url == "ws://hub.example:8765/feed"
        # a change that matters is shared at once; a moving seq waits for the interval
        one.bus.publish("feed_state", state=_state(quarantined=4))
        await until(lambda: len(shared) >= 2 and shared[-1][0].quarantined == 4)
        one.bus.publish("feed_state", state=_state(quarantined=4, last_seq=11))
        assert one.feed_share.written == 2  # not yet: seqs alone are shared every 2 s at most
        stored = read_shared(one.store)
        assert stored is not None
        assert stored.writer == "席位1"
        assert one.store.settings.get(HEALTH_KEY)["state"]["quarantined"] == 4
    finally:
        for s in seats:
            s.ingest = None
            s.sync.stop()
            s.close()
