"""Broadcast roll calls and whistle check-ins survive a console restart."""

from __future__ import annotations

from datetime import UTC, datetime

from console.domain.sla import default_table
from console.services.bus import Bus
from console.services.decisions import DecisionService
from console.services.escalation import EscalationService
from console.services.escalation_store import EscalationRecords
from console.services.room import Room
from console.services.sla_clock import FakeClock
from console.store import open_store

T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def _service(store, clock):
    bus = Bus()
    room = Room(bus, clock=clock.now)
    decisions = DecisionService(store, room, bus, None, table=default_table(), seat="s1", officer="指挥长",
                                clock=clock.now, inline=True)
    svc = EscalationService(bus, decisions, default_table(), clock, district=None, auto=False)
    return svc, EscalationRecords(svc, store.settings, bus)


def test_broadcast_roll_call_is_restored_after_restart(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    clock = FakeClock(T0)
    store = open_store(url)
    svc, records = _service(store, clock)
    b = svc.broadcast("台风预警：今晚20时前完成转移", ["g1", "g2", "g3"], "指挥长")
    svc.acknowledge(b.id, "g2", T0)
    store.close()

    store = open_store(url)
    svc2, records2 = _service(store, FakeClock(T0))
    assert records2.load() == 1
    again = svc2.broadcasts[b.id]
    assert again.instruction == "台风预警：今晚20时前完成转移"
    assert again.acks["g2"] == T0
    assert sorted(again.silent()) == ["g1", "g3"]
    # a new broadcast after the restart never reuses an id
    assert svc2.broadcast("复核", ["g1"], "指挥长").id != b.id
    store.close()


def test_unreadable_saved_records_do_not_stop_the_console(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    store.settings.set("escalation.records.v1", {"broadcasts": [{"id": "x"}]})
    svc, records = _service(store, FakeClock(T0))
    assert records.load() == 0
    store.close()


def test_two_seats_merge_each_others_broadcasts(tmp_path):
    """Issue 14: seats of one room see each other's broadcasts (the room sync calls ``merge_saved``
    when the saved records change), and a save never drops the other seat's records."""
    url = f"sqlite:///{tmp_path / 'room.db'}"
    clock = FakeClock(T0)
    store_a, store_b = open_store(url), open_store(url)
    try:
        svc_a, rec_a = _service(store_a, clock)
        svc_b, rec_b = _service(store_b, clock)
        heard: list[str] = []
        svc_b.bus.subscribe("broadcast_sent", lambda broadcast: heard.append(broadcast.id))
        a1 = svc_a.broadcast("台风预警", ["g1", "g2"], "指挥长甲")
        assert rec_b.merge_saved() == 1
        assert heard == [a1.id]
        b1 = svc_b.broadcast("复核转移", ["g3"], "指挥长乙")  # saves both: b knew a's
        assert rec_a.merge_saved() == 1
        assert set(svc_a.broadcasts) == {a1.id, b1.id}
        # both save before either merged: the union is written back on the next merge
        a2 = svc_a.broadcast("再次提醒", ["g1"], "指挥长甲")
        b2 = svc_b.broadcast("夜间巡查", ["g2"], "指挥长乙")  # overwrote a2 in the saved document
        rec_a.merge_saved()
        rec_b.merge_saved()
        saved = {d["id"] for d in store_a.settings.get("escalation.records.v1")["broadcasts"]}
        assert saved == {a1.id, b1.id, a2.id, b2.id}
    finally:
        store_a.close()
        store_b.close()
