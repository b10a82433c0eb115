"""Scenario streams: determinism, volumes, mixes, locations inside their grids."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from console.domain.categories import CATEGORIES
from console.domain.district import District
from console.domain.event import EVENT_ID_RE, TITLE_MAX, Level, Source, State
from console.domain.scenario import CST, SCENARIOS, generate

START = datetime(2026, 11, 21, 16, 0, tzinfo=UTC)  # 2026-11-22 00:00 in Asia/Shanghai


@pytest.fixture(scope="module")
def streams(demo_district: District) -> dict[str, list]:
    return {name: list(generate(name, demo_district, seed=7, start=START, hours=24)) for name in SCENARIOS}


def _key(stream):
    return [(t, e.id, e.category, e.title, e.location.lat, e.location.lon, e.grid_id, e.level, e.state)
            for t, e in stream]


@pytest.mark.parametrize("name", SCENARIOS)
def test_same_seed_same_stream(demo_district, streams, name):
    again = list(generate(name, demo_district, seed=7, start=START, hours=24))
    assert _key(again) == _key(streams[name])
    other = list(generate(name, demo_district, seed=8, start=START, hours=24))
    assert _key(other) != _key(streams[name])


@pytest.mark.parametrize("name", SCENARIOS)
def test_stream_is_well_formed(demo_district, streams, name):
    stream = streams[name]
    times = [t for t, _ in stream]
    assert times == sorted(times)
    assert 0 <= times[0]
    assert times[-1] <= 24 * 3600
    ids = [e.id for _, e in stream]
    assert len(ids) == len(set(ids))
    for t, e in stream:
        assert EVENT_ID_RE.match(e.id), e.id
        assert e.category in CATEGORIES
        assert 0 < len(e.title) <= TITLE_MAX
        assert e.reported_at == START + timedelta(seconds=t)
        assert e.reported_at.utcoffset() == timedelta(0)
        assert e.location is not None
        assert e.location.address
        gid = demo_district.locate(e.location.lon, e.location.lat)
        assert gid is not None, e.id  # inside the district
        if e.grid_id is not None:
            assert e.grid_id == gid
            assert demo_district.contains(e.grid_id, e.location.lon, e.location.lat)
        if e.camera_id is not None:
            assert e.camera_id in demo_district.cameras
        if e.onsite:
            assert e.state is State.RESOLVED
            assert e.resolved_at == e.reported_at
            assert e.source is Source.GRID_APP
        else:
            assert e.state is State.NEW
    assert any(e.grid_id is None for _, e in stream)  # some must be derived by the console


def test_normal_day_volume_and_mix(streams):
    stream = streams["normal_day"]
    assert 300 <= len(stream) <= 500
    src = Counter(e.source for _, e in stream)
    assert src.most_common(1)[0][0] is Source.GRID_APP
    assert src[Source.GRID_APP] > 0.35 * len(stream)
    assert src[Source.HOTLINE_12345] > 0.1 * len(stream)
    assert 3 <= src[Source.POLICE_110] <= 20  # ~10 a day
    for s in (Source.CITY_MGMT, Source.VIDEO_AI, Source.IOT, Source.WALK_IN, Source.PETITION):
        assert src[s] > 0, s
    grid_app = [e for _, e in stream if e.source is Source.GRID_APP]
    onsite = sum(e.onsite for e in grid_app) / len(grid_app)
    assert 0.4 <= onsite <= 0.75
    levels = Counter(e.level for _, e in stream)
    assert levels[Level.GENERAL] > 0.7 * len(stream)
    assert levels[Level.SIGNIFICANT] > 0
    assert levels[Level.MAJOR] > 0


def test_normal_day_profile(streams):
    hours = Counter(e.reported_at.astimezone(CST).hour for _, e in streams["normal_day"])
    night = sum(hours[h] for h in range(0, 6))
    morning = sum(hours[h] for h in range(8, 12))
    afternoon = sum(hours[h] for h in range(14, 18))
    assert night * 3 < morning
    assert night * 3 < afternoon


def test_video_ai_uses_nearby_camera(demo_district, streams):
    from console.domain.geo import haversine_m

    va = [e for _, e in streams["normal_day"] if e.source is Source.VIDEO_AI]
    assert va
    assert Counter(e.category for e in va).most_common(1)[0][0] == "city.vending"
    for e in va:
        cam = demo_district.cameras[e.camera_id]
        assert haversine_m(cam.lon, cam.lat, e.location.lon, e.location.lat) <= 60
        assert e.attachments


def test_hotline_reporters(streams):
    hot = [e for _, e in streams["normal_day"] if e.source is Source.HOTLINE_12345]
    assert all(e.reporter_name and e.reporter_phone and len(e.reporter_phone) == 11 for e in hot)


def test_typhoon_surge(streams):
    stream = streams["typhoon"]
    emg = [e for _, e in stream if e.category.startswith("emg.")]
    assert len(emg) >= 300
    cats = Counter(e.category for e in emg)
    assert set(cats) >= {"emg.waterlogging", "emg.tree_down", "emg.power_outage", "emg.evacuation"}
    assert cats.most_common(1)[0][0] == "emg.waterlogging"
    first6h = [e for t, e in stream if t < 6 * 3600 and e.category.startswith("emg.")]
    assert len(first6h) >= 0.9 * len(emg)
    urgent = sum(e.level.is_urgent for _, e in stream) / len(stream)
    normal_urgent = sum(e.level.is_urgent for _, e in streams["normal_day"]) / len(streams["normal_day"])
    assert urgent > 2 * normal_urgent
    assert any(e.level is Level.CRITICAL for _, e in stream)


def test_hotline_duplicate_clusters(streams):
    from console.domain.geo import haversine_m

    clusters: dict[str, list] = {}
    for _, e in streams["hotline_duplicates"]:
        if "demo_cluster" in e.extra:
            clusters.setdefault(e.extra["demo_cluster"], []).append(e)
    assert len(clusters) >= 3
    for evs in clusters.values():
        assert len(evs) >= 3
        assert len({e.category for e in evs}) == 1
        a = evs[0].location
        for e in evs[1:]:
            assert haversine_m(a.lon, a.lat, e.location.lon, e.location.lat) <= 61
        gaps = [(b.reported_at - a.reported_at).total_seconds() for a, b in zip(evs, evs[1:], strict=False)]
        assert all(60 <= g <= 30 * 60 for g in gaps)


def test_short_window_and_errors(demo_district):
    short = list(generate("typhoon", demo_district, seed=1, start=START, hours=2))
    assert short
    assert all(t <= 2 * 3600 for t, _ in short)
    with pytest.raises(ValueError, match="unknown scenario"):
        generate("earthquake", demo_district, seed=1, start=START, hours=1)
    with pytest.raises(ValueError, match="positive"):
        generate("normal_day", demo_district, seed=1, start=START, hours=0)


def test_naive_start_is_utc(demo_district):
    naive = list(generate("normal_day", demo_district, seed=2, start=START.replace(tzinfo=None), hours=3))
    aware = list(generate("normal_day", demo_district, seed=2, start=START, hours=3))
    assert _key(naive) == _key(aware)
