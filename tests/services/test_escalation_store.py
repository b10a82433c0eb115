"""Broadcast roll calls and whistle check-ins live in the room log: they survive a restart (the board
is folded again), an old database's settings document is imported once, and seats sharing a
database fold each other's changes (both of two concurrent acknowledgements survive)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.domain.escalation import Broadcast, Whistle
from console.domain.escalation_log import KINDS, dump_broadcast, dump_whistle
from console.domain.sla import default_table
from console.services.bus import Bus
from console.services.decisions import DecisionService
from console.services.escalation import EscalationService
from console.services.escalation_store import KEY, BoardReader, EscalationRecords
from console.services.room import Room
from console.services.sla_clock import FakeClock
from console.store import open_store

T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def _service(store, clock, seat="s1"):
    bus = Bus()
    room = Room(bus, clock=clock.now)
    decisions = DecisionService(store, room, bus, None, table=default_table(), seat=seat, officer="指挥长",
                                clock=clock.now, inline=True)
    svc = EscalationService(bus, decisions, default_table(), clock, district=None, auto=False)
    return svc, EscalationRecords(svc, store.settings, bus, room_log=store.room_log)


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
    assert store.settings.get(KEY) is None  # the old document is never written
    store.close()


def test_the_old_settings_document_is_imported_into_the_log_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(url)
    b = Broadcast.create("bc-old", "防汛值守", ["g1", "g2"], "指挥长", T0, timedelta(minutes=30))
    b.acknowledge("g1", T0 + timedelta(minutes=4))
    w = Whistle.create("wh-old", "ev-1", ["dept.a", "dept.b"], "河道漂浮物", "指挥长", T0, timedelta(minutes=30))
    w.check_in("dept.a", T0 + timedelta(minutes=5))
    w.report_progress("dept.a", T0 + timedelta(minutes=9), "已到场")
    store.settings.set(KEY, {"broadcasts": [dump_broadcast(b)], "whistles": [dump_whistle(w)]})
    svc, records = _service(store, FakeClock(T0 + timedelta(hours=1)))
    assert records.load() == 2
    assert records.imported == 2
    assert dump_broadcast(svc.broadcasts["bc-old"]) == dump_broadcast(b)
    assert dump_whistle(svc.whistles["wh-old"]) == dump_whistle(w)
    logged = len(store.room_log.entries(KINDS))
    assert logged == 5  # sent, acknowledged; blown, checked in, progress: as changes
    store.close()

    store = open_store(url)  # the next start reads the log; nothing is imported again
    svc, records = _service(store, FakeClock(T0 + timedelta(hours=1)))
    assert records.load() == 2
    assert records.imported == 0
    assert len(store.room_log.entries(KINDS)) == logged
    store.close()


def test_an_unreadable_settings_document_does_not_stop_the_console(tmp_path, caplog):
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    store.settings.set(KEY, {"broadcasts": [{"id": "x"}]})
    svc, records = _service(store, FakeClock(T0))
    assert records.load() == 0
    assert "unreadable" in caplog.text
    store.close()


def test_deadlines_are_rearmed_from_the_fold(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(url)
    svc, _ = _service(store, FakeClock(T0))
    b = svc.broadcast("夜间巡查", ["g1", "g2"], "指挥长")
    store.close()

    store = open_store(url)
    clock = FakeClock(T0 + timedelta(minutes=5))
    svc, records = _service(store, clock)
    records.load()
    overdue: list[list[str]] = []
    svc.bus.subscribe("broadcast_overdue", lambda broadcast, silent: overdue.append(silent))
    records.arm()
    clock.advance(timedelta(minutes=60))
    assert overdue == [["g1", "g2"]]
    kinds = [e.kind for e in store.room_log.entries(KINDS)]
    assert kinds == ["broadcast_sent", "broadcast_overdue"]
    assert svc.broadcasts[b.id].id in svc.board.overdue
    store.close()


def test_two_seats_acknowledging_at_once_both_survive(tmp_path):
    """Two stores on one file: each seat acknowledges a different grid before it has read the other's
    change; once each has folded what the other appended, both acknowledgements are on both seats."""
    url = f"sqlite:///{tmp_path / 'room.db'}"
    clock = FakeClock(T0)
    store_a, store_b = open_store(url), open_store(url)
    try:
        svc_a, rec_a = _service(store_a, clock, "seat-a")
        svc_b, rec_b = _service(store_b, clock, "seat-b")
        b = svc_a.broadcast("台风预警", ["g1", "g2", "g3"], "指挥长甲")
        assert rec_b.apply(store_b.room_log.entries(KINDS)) == 1
        clock.advance(timedelta(minutes=2))
        svc_a.acknowledge(b.id, "g1")
        svc_b.acknowledge(b.id, "g2")
        rows = store_a.room_log.entries(KINDS)
        rec_a.apply(rows)  # its own change comes back too: applied once
        rec_b.apply(rows)
        for svc in (svc_a, svc_b):
            acks = svc.broadcasts[b.id].acks
            assert acks == {"g1": T0 + timedelta(minutes=2), "g2": T0 + timedelta(minutes=2), "g3": None}
        reader = BoardReader(store_a)
        assert reader.refresh().broadcasts[b.id].silent() == ["g3"]
        svc_b.acknowledge(b.id, "g3")
        assert reader.refresh().broadcasts[b.id].silent() == []  # read incrementally, from the change log
    finally:
        store_a.close()
        store_b.close()


def test_the_room_sync_hands_other_seats_board_changes_to_the_board(tmp_path):
    """What the sync thread reads for a change-log slice (the room-log rows it names) reaches the board
    on the loop; the same rows read again (as after a prune, when the seat reads every board row) change
    nothing twice."""
    from console.services.room_sync import RoomSync

    url = f"sqlite:///{tmp_path / 'room.db'}"
    clock = FakeClock(T0)
    store_a, store_b = open_store(url), open_store(url)
    try:
        svc_a, _rec_a = _service(store_a, clock, "seat-a")
        svc_b, rec_b = _service(store_b, clock, "seat-b")
        sync = RoomSync(store_b, svc_b.decisions.room, svc_b.bus, seat="seat-b", on_room_log=rec_b.apply,
                        room_log_kinds=KINDS)
        start = sync.mark()
        heard: list[str] = []
        svc_b.bus.subscribe("broadcast_acknowledged", lambda broadcast, grid_id: heard.append(grid_id))
        b = svc_a.broadcast("台风预警", ["g1", "g2"], "指挥长甲")
        svc_a.acknowledge(b.id, "g2")
        batch = sync.read(store_b.changes_after(start))
        assert [r.kind for r in batch.room_log] == ["broadcast_sent", "broadcast_acknowledged"]
        (part, *_rest) = sync.parts(batch)
        sync.apply(part)
        assert heard == ["g2"]
        assert svc_b.broadcasts[b.id].silent() == ["g1"]
        sync.apply(part)  # the same rows again (a re-read after a prune): nothing changes twice
        assert heard == ["g2"]
    finally:
        store_a.close()
        store_b.close()
