"""Every database is a recording (issue 15): broadcasts, acknowledgements, claims and the SLA table in
force are in the room log, with their times, next to the settings the live console restores from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.domain.sla import default_table
from console.services.bus import Bus
from console.services.decisions import DecisionService
from console.services.escalation import EscalationService
from console.services.escalation_store import EscalationRecords
from console.services.room import Room
from console.services.sla_clock import FakeClock
from console.store import open_store

T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def test_broadcast_and_acknowledgement_are_logged_with_their_times(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    clock = FakeClock(T0)
    bus = Bus()
    room = Room(bus, clock=clock.now)
    decisions = DecisionService(store, room, bus, None, table=default_table(), seat="s1", officer="指挥长",
                                clock=clock.now, inline=True)
    svc = EscalationService(bus, decisions, default_table(), clock, district=None, auto=False)
    EscalationRecords(svc, store.settings, bus, room_log=store.room_log)
    b = svc.broadcast("台风预警：今晚20时前完成转移", ["g1", "g2"], "指挥长")
    clock.advance(timedelta(minutes=3))
    svc.acknowledge(b.id, "g2", clock.now())
    entries = store.room_log.list()
    assert [(e.kind, e.ref, e.at) for e in entries] == [
        ("broadcast_sent", b.id, T0), ("broadcast_acknowledged", b.id, T0 + timedelta(minutes=3))]
    assert entries[1].data["grid_id"] == "g2"
    assert entries[0].data["broadcast"]["acks"] == {"g1": None, "g2": None}  # the record as sent
    assert "broadcast" not in entries[1].data  # a change carries its detail only
    assert entries[1].data["at"] == (T0 + timedelta(minutes=3)).isoformat()  # the change, with its own time
    assert entries[0].data["cid"] != entries[1].data["cid"]
    assert store.settings.get("escalation.records.v1") is None  # the log is the only record now
    store.close()


def test_claims_and_releases_are_logged(tmp_path):
    from console.domain.event import Event, Source

    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    store.events.insert_many([Event("e1", Source.GRID_APP, "city.garbage", "垃圾", T0, received_at=T0)])
    assert store.claims.claim("e1", "seat-2", "王", timedelta(minutes=2), T0) == (True, None)
    assert store.claims.release("e1", "seat-2", T0 + timedelta(seconds=40))
    entries = store.room_log.list(["claim", "release"])
    assert [(e.kind, e.ref, e.seat, e.at) for e in entries] == [
        ("claim", "e1", "seat-2", T0), ("release", "e1", "seat-2", T0 + timedelta(seconds=40))]
    assert entries[0].data == {"until": (T0 + timedelta(minutes=2)).isoformat()}
    store.close()


def test_the_sla_table_in_force_is_recorded_at_start_and_on_reload(tmp_path):
    from console.core import Core, Options

    core = Core(Options(db=f"sqlite:///{tmp_path / 'c.db'}", no_feed=True))
    try:
        (start,) = core.store.room_log.list(["sla_table"])
        assert start.data["toml"] == core.sla_path.read_text(encoding="utf-8")
        changed = tmp_path / "sla.toml"
        changed.write_text(start.data["toml"], encoding="utf-8")
        assert core.sla.reload(changed) is None
        assert [e.data["path"] for e in core.store.room_log.list(["sla_table"])] == [str(core.sla_path), str(changed)]
    finally:
        core.close()
