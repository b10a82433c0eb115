"""Fix validation (quarantine reasons), GCJ-02 intake, packing, walking time and nearest workers."""

from __future__ import annotations

import json

import numpy as np
import pytest

from console.domain.positions import (
    DETOUR_FACTOR,
    FIX_DTYPE,
    WALK_SPEED_MPS,
    Fix,
    Rejected,
    fix_payload,
    merge,
    nearest,
    pack,
    parse_fix,
    position_topic,
    to_array,
    topic_worker,
    unpack,
    walk_seconds,
)
from console.domain.projection import wgs84_to_gcj02

NOW = 1_800_000_000
KNOWN = {"m-1", "m-2"}.__contains__
BBOX = (103.9, 30.5, 104.1, 30.6)


def _parse(payload, topic=None, last=None):
    d = payload if isinstance(payload, bytes | str) else json.dumps(payload)
    wid = payload.get("worker_id", "m-1") if isinstance(payload, dict) else "m-1"
    return parse_fix(topic or position_topic("r", wid), d, known=KNOWN, now_us=NOW * 10**6, last_t_us=last, bbox=BBOX)


def _ok(**kw):
    return {"worker_id": "m-1", "lat": 30.55, "lon": 104.0, "tst": NOW, **kw}


def test_a_good_fix():
    f = _parse(_ok(acc=8, vel=4.2, batt=77, duty="on"))
    assert f == Fix("m-1", NOW * 10**6, 104.0, 30.55, 8.0, 4.2, 77, "on")


@pytest.mark.parametrize(("payload", "kind", "text"), [
    (b"{nope", "malformed", "not JSON"),
    (b"[1, 2]", "malformed", "not a JSON object"),
    ({"worker_id": "m-1", "lon": 104.0, "tst": NOW}, "malformed", "missing field 'lat'"),
    (_ok(lat="30.5"), "malformed", "field 'lat' is not a number"),
    (_ok(crs="bd09"), "malformed", "unknown crs"),
    (_ok(batt=130), "malformed", "batt 130 outside 0–100"),
    (_ok(duty="maybe"), "malformed", "duty must be"),
    (_ok(worker_id="m-404"), "unknown_worker", "m-404 is not on the roster"),
    (_ok(lat=91.0), "out_of_range", "lat 91.0"),
    (_ok(lon=float("nan")), "out_of_range", "lon nan"),  # Python's json reads NaN: the range check refuses it
    (_ok(lat=10.0, lon=10.0), "out_of_range", "far outside the district"),
    (_ok(tst=NOW + 600), "clock_skew", "600 s in the future"),
])
def test_bad_fixes_are_refused_with_a_reason(payload, kind, text):
    r = _parse(payload)
    assert isinstance(r, Rejected)
    assert r.kind == kind
    assert text in r.reason
    assert r.reason.startswith(f"position {kind.replace('_', ' ')}: ")


def test_older_than_the_last_fix_is_clock_skew_a_little_older_is_fine():
    last = {"m-1": (NOW + 30) * 10**6}
    assert isinstance(_parse(_ok(tst=NOW), last=last), Fix)  # 30 s: out of order, kept
    r = _parse(_ok(tst=NOW - 400), last=last)
    assert isinstance(r, Rejected)
    assert r.kind == "clock_skew"
    assert "430 s older than the worker's last fix" in r.reason


def test_worker_id_must_match_the_topic():
    r = _parse(_ok(worker_id="m-2"), topic=position_topic("r", "m-1"))
    assert isinstance(r, Rejected)
    assert "differs from the topic's 'm-1'" in r.reason
    assert topic_worker("grid/r/workers/m-1/position") == "m-1"
    assert topic_worker("grid/r/other/m-1/position") is None


def test_gcj02_is_converted_to_wgs84():
    glon, glat = wgs84_to_gcj02(104.0, 30.55)
    assert abs(glon - 104.0) > 1e-3  # hundreds of metres apart
    f = _parse(_ok(lon=glon, lat=glat, crs="gcj02"))
    assert isinstance(f, Fix)
    assert f.lon == pytest.approx(104.0, abs=1e-7)
    assert f.lat == pytest.approx(30.55, abs=1e-7)


def test_payload_round_trip_in_both_crs():
    f = Fix("m-1", NOW * 10**6, 104.0, 30.55, 5.0, 3.0, 50, None)
    for crs in ("wgs84", "gcj02"):
        back = _parse(fix_payload(f, crs=crs))
        assert isinstance(back, Fix)
        assert back.lon == pytest.approx(104.0, abs=1e-6)
        assert back.batt == 50


def test_pack_unpack_merge():
    fixes = [Fix("m-1", t, 104.0 + t * 1e-9, 30.5, 5.0, 1.0, 90) for t in (30, 10, 20)]
    a = unpack(pack(to_array(fixes)))
    assert a.dtype == FIX_DTYPE
    assert a["t"].tolist() == [10, 20, 30]
    b = unpack(pack(to_array([Fix("m-1", 20, 0.0, 0.0), Fix("m-1", 40, 0.0, 0.0)])))
    m = merge([a, b])
    assert m["t"].tolist() == [10, 20, 30, 40]  # the repeated timestamp kept once
    assert FIX_DTYPE.itemsize == 33


def test_walking_time_and_nearest():
    assert walk_seconds(1200.0) == pytest.approx(1200 * DETOUR_FACTOR / WALK_SPEED_MPS)
    ids = ["a", "b", "c"]
    lons = np.array([104.0, 104.01, 104.001])
    lats = np.array([30.55, 30.55, 30.55])
    r = nearest(ids, lons, lats, 104.0, 30.55, k=2)
    assert [x.worker_id for x in r] == ["a", "c"]
    assert r[1].distance_m == pytest.approx(95.9, abs=1.0)
    assert r[1].walk_s == pytest.approx(r[1].distance_m * 1.3 / 1.2)
    far = nearest(ids, lons, lats, 104.5, 30.55, k=1)[0]
    assert not far.within_limit  # ~48 km: nobody walks that in 30 minutes
