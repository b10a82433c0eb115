"""Action log, district, quarantine, settings and claims repositories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.domain.event import Action, State
from console.domain.grid import Camera, Department, Grid, GridKind, Member, Role

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


def test_actions_append_in_order_and_are_append_only(store, make_event):
    store.events.insert_many([make_event("A-1"), make_event("A-2")])
    log = [
        Action("A-1", NOW, "triage", "officer-王", seat="seat-1", from_state=State.NEW, to_state=State.FILED,
               note="研判：属城管", data={"category": "city_appearance"}),
        Action("A-2", NOW, "note", "system"),
        Action("A-1", NOW - timedelta(hours=1), "dispatch", "officer-王", data={"to": ["dept-城管"]}),
    ]
    store.actions.append_many(log[:2])
    store.actions.append_many(log[2:])
    assert store.actions.for_event("A-1") == [log[0], log[2]]  # order of appending, not of time
    assert store.actions.for_event("A-2") == [log[1]]
    assert store.actions.count() == 3
    assert not any(hasattr(store.actions, name) for name in ("update", "delete", "remove", "update_many"))


def test_action_for_unknown_event_is_refused(store):
    with pytest.raises(Exception, match="FOREIGN KEY"):
        store.actions.append_many([Action("ghost", NOW, "note", "system")])


def _district():
    grids = [
        Grid("S", "南桥镇", 1, None),
        Grid("C1", "杨王村", 2, "S", props={"population": 3200}),
        Grid("W1", "一号海域网格", 3, "C1", kind=GridKind.WATER,
             polygon=[[(121.0, 30.0), (121.1, 30.0), (121.1, 30.1), (121.0, 30.0)], [(121.02, 30.02), (121.03, 30.02), (121.03, 30.03)]]),
    ]
    members = [Member("m1", "李娜", "C1", Role.GRID_CHIEF, phone="13900000000", on_duty=True),
               Member("m2", "陈静", "W1", Role.VOLUNTEER)]
    departments = [Department("d1", "城管执法"), Department("d2", "派出所", kind="police", phone="110", active=False)]
    cameras = [Camera("cam1", "杨王村口", 30.05, 121.05, grid_id="C1", heading_deg=45.0, fov_deg=60.0,
                      main_url="rtsp://h/main", sub_url="rtsp://h/sub", tags=["路口", "ptz"])]
    return grids, members, departments, cameras


def test_district_replace_and_load(store):
    assert store.district.is_empty()
    data = _district()
    store.district.replace_all(*data)
    assert not store.district.is_empty()
    assert store.district.load() == data
    smaller = ([Grid("X", "新街道", 1, None)], [], [Department("d9", "民政")], [])
    store.district.replace_all(*smaller)
    assert store.district.load() == smaller


def test_district_replace_is_one_transaction(store):
    data = _district()
    store.district.replace_all(*data)
    broken_members = [Member("m1", "A", "C1", Role.PARTTIME), Member("m1", "dup", "C1", Role.PARTTIME)]
    with pytest.raises(Exception, match="UNIQUE"):
        store.district.replace_all(data[0], broken_members, data[2], data[3])
    assert store.district.load() == data


def test_upsert_cameras(store):
    data = _district()
    store.district.replace_all(*data)
    moved = Camera("cam1", "杨王村口(新)", 30.06, 121.06, tags=[])
    extra = Camera("cam2", "海堤", 30.0, 121.0, main_url="http://h/cam2.ts")
    store.district.upsert_cameras([moved, extra])
    assert store.district.load()[3] == [moved, extra]


def test_settings_round_trip_json(store):
    assert store.settings.get("missing", {"default": True}) == {"default": True}
    store.settings.set("sla.tables", {"垃圾暴露": {"resolve_hours": 4}})
    store.settings.set("wall.rotation_s", 30)
    store.settings.set("wall.rotation_s", 45)
    assert store.settings.get("sla.tables") == {"垃圾暴露": {"resolve_hours": 4}}
    assert store.settings.get("wall.rotation_s") == 45
    store.settings.set("flag", None)
    assert store.settings.get("flag", "default") is None
    assert store.settings.all()["wall.rotation_s"] == 45


def test_claims_semantics(store, make_event):
    store.events.insert_many([make_event("C-1")])
    ttl = timedelta(minutes=5)
    assert store.claims.claim("C-1", "seat-1", "王", ttl, NOW) == (True, None)
    assert store.claims.claim("C-1", "seat-2", "李", ttl, NOW + timedelta(minutes=1)) == (False, "seat-1")
    assert store.claims.claim("C-1", "seat-1", "王", ttl, NOW + timedelta(minutes=4)) == (True, None)  # renew
    later = NOW + timedelta(minutes=8)  # still inside the renewed claim (until NOW+9)
    assert store.claims.claim("C-1", "seat-2", "李", ttl, later) == (False, "seat-1")
    assert store.claims.holders(["C-1", "C-2"], later) == {"C-1": ("seat-1", "王", NOW + timedelta(minutes=9))}
    assert store.events.get("C-1").claimed_by == "seat-1"
    expired = NOW + timedelta(minutes=9)
    assert store.claims.holders(["C-1"], expired) == {}
    assert store.claims.claim("C-1", "seat-2", "李", ttl, expired) == (True, None)  # take over an expired claim
    assert store.claims.release("C-1", "seat-1") is False  # not the holder any more
    assert store.claims.holders(["C-1"], expired)["C-1"][0] == "seat-2"
    assert store.claims.release("C-1", "seat-2") is True
    assert store.claims.holders(["C-1"], expired) == {}
    assert store.events.get("C-1").claimed_by is None
    assert store.claims.claim("unknown-event", "seat-1", None, ttl, NOW) == (True, None)


def test_claims_between_two_store_instances_on_one_file(db_url, make_event):
    from console.store import open_store

    with open_store(db_url) as one, open_store(db_url) as two:
        one.events.insert_many([make_event("C-3")])
        assert one.claims.claim("C-3", "seat-1", None, timedelta(minutes=1), NOW) == (True, None)
        assert two.claims.claim("C-3", "seat-2", None, timedelta(minutes=1), NOW) == (False, "seat-1")
