"""Two seats, two connections, one database (PostgreSQL for multi-seat rooms; SQLite too): a claim
shows at the other seat, and when both dispatch the same event at once exactly one wins — the other
gets a message, and the log holds a single dispatch."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from console.domain.district import load_district
from console.domain.event import Event, Location, Source, State
from console.domain.ingest import IngestBatch
from console.domain.sla import default_table
from console.services.bus import Bus
from console.services.decisions import DecisionRefused, DecisionService
from console.services.room import Room
from console.store import open_store
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(params=["sqlite", "postgres"])
def shared_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'room.db'}"
    return request.getfixturevalue("pg_url")


def _seat(url: str, seat: str, district, sent: list) -> tuple:
    store = open_store(url)
    bus = Bus()
    room = Room(bus)
    room.load(store.events.load_open())

    async def send(command):
        sent.append((seat, command.action, command.event_id))
        return True, None

    svc = DecisionService(store, room, bus, district, table=default_table(), seat=seat, officer=f"officer-{seat}",
                          send_command=send)
    return store, room, svc


async def test_two_seats_one_event(shared_url):
    district = load_district(DEMO)
    micro = next(g for g in district.leaves if g.level == 4)
    lon, lat = district.geometries[micro.id].representative_point().coords[0]
    seed = open_store(shared_url)
    seed.commit_ingest(IngestBatch(last_seq=2, events=[
        Event(id=f"ms-{i}", source=Source.HOTLINE_12345, category="city.vending", title=f"占道经营 {i}",
              reported_at=NOW - timedelta(minutes=1), location=Location(lat, lon), grid_id=micro.id)
        for i in (1, 2)
    ]))
    seed.close()
    sent: list = []
    s1, room1, seat1 = _seat(shared_url, "seat-1", district, sent)
    s2, room2, seat2 = _seat(shared_url, "seat-2", district, sent)
    dept = next(iter(district.departments))
    try:
        # a claim made at seat 1 is seen (and refused) at seat 2
        assert await seat1.claim("ms-1") is None
        assert await seat2.claim("ms-1") == "seat-1"
        await seat2.refresh_claims()
        assert room2.get("ms-1").claimed_by == "seat-1"
        await seat1.release("ms-1")
        # both dispatch ms-2 at the same moment: exactly one wins
        results = await asyncio.gather(
            seat1.dispatch("ms-2", [dept], "请处置"), seat2.dispatch("ms-2", [dept], "请处置"),
            return_exceptions=True,
        )
        wins = [r for r in results if isinstance(r, Event)]
        losses = [r for r in results if isinstance(r, DecisionRefused)]
        assert len(wins) == 1, results
        assert len(losses) == 1, results
        assert str(losses[0])
        assert s1.events.get("ms-2").state is State.DISPATCHED
        assert [a.kind for a in s1.actions.for_event("ms-2")].count("dispatch") == 1
        assert [x[1] for x in sent if x[2] == "ms-2"] == ["dispatch"], "one command reached the hub"
    finally:
        s1.close()
        s2.close()
