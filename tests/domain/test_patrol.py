"""Patrol network, coverage, shifts and the patrol simulator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from console.domain.district import load_district
from console.domain.patrol import build_network, coverage, densify, shift_window, split_track
from console.domain.patrol_sim import PatrolSim

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture(scope="module")
def district():
    return load_district(DEMO)


@pytest.fixture(scope="module")
def net(district):
    return build_network(district)


def test_network_has_every_land_micro_grid(district, net):
    micro = [g for g in district.grids.values() if g.level == 4 and str(g.kind) == "land" and g.polygon]
    assert set(net.grid_ids) == {g.id for g in micro}
    assert len(net.segments) == sum(3 * len(n.nodes[: (len(n.nodes) - 1) // 2]) for n in net.grids.values())
    assert 20 < float(np.median(net.lengths)) < 400  # street pieces of tens to hundreds of metres


def _walk(net, gid, segs, t0=0.0, step=8.0):
    """Fixes every ``step`` metres along the given segments of grid ``gid`` (1 m/s)."""
    pts = []
    for a, b in segs:
        n = max(2, int(np.hypot(*(b - a)) / step))
        pts.extend(a + (b - a) * k / (n - 1) for k in range(n))
    xy = np.array(pts)
    lon, lat = net.frame.to_lonlat(xy[:, 0], xy[:, 1])
    t = t0 + np.arange(len(xy)) * step
    return t, lon, lat


def test_walked_segments_count_and_others_do_not(net):
    gid = net.grid_ids[0]
    mine = np.flatnonzero(net.segment_grid == 0)
    walked = [tuple(net.segments[i]) for i in mine[:3]]
    now = datetime(2026, 12, 1, tzinfo=UTC)
    r = coverage(net, [_walk(net, gid, walked)], now, now)
    assert set(np.flatnonzero(r.walked)) >= set(mine[:3].tolist())
    covered = net.lengths[mine[:3]].sum()
    assert r.covered_m[gid] == pytest.approx(covered, rel=0.35)  # plus the odd neighbour touched at a corner
    assert 0 < r.rate(gid) < 1
    parent = net.parents[gid]
    assert r.total_m[parent] > r.total_m[gid]  # parents add their children
    assert r.rate() < r.rate(gid)


def test_a_jump_is_not_a_walk(net):
    a, b = net.segments[0]
    lon, lat = net.frame.to_lonlat(np.array([a[0], b[0]]), np.array([a[1], b[1]]))
    now = datetime(2026, 12, 1, tzinfo=UTC)
    r = coverage(net, [(np.array([0.0, 600.0]), lon, lat)], now, now)  # two fixes 10 minutes apart
    assert not r.walked.any()
    assert split_track(np.array([0.0, 10.0, 500.0, 510.0]), np.array([0, 5, 9, 12.0]), np.zeros(4)) != []
    assert len(densify(np.array([[0.0, 0.0], [20.0, 0.0]]), 5.0)) == 5


def test_shift_windows():
    day = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 11:00 in Shanghai
    name, t0, t1 = shift_window(day)
    assert name == "day"
    assert (t0.hour, t1.hour) == (0, 12)  # 08:00–20:00 local
    night = datetime(2026, 12, 1, 19, 0, tzinfo=UTC)  # 03:00 local on the 2nd
    name, t0, t1 = shift_window(night)
    assert name == "night"
    assert t0 == datetime(2026, 11, 30, 12, 0, tzinfo=UTC) + timedelta(days=1)
    assert t1 - t0 == timedelta(hours=12)


def test_simulator_patrols_inside_their_grids(district):
    start = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 local: day shift
    sim = PatrolSim(district, start=start, off_duty_after_s=None)
    state: dict[str, bool] = {}
    fixes = sim.fixes_at(start.timestamp(), state)
    assert len(fixes) > 0.8 * len(sim.walkers)  # a few in a gap
    assert {f.duty for f, _ in fixes} == {"on"}  # first fix: clocked in
    assert any(crs == "gcj02" for _, crs in fixes)
    import shapely

    for f, _crs in fixes[:20]:
        g = district.grids[sim.walkers[f.worker_id].grid_id]
        assert shapely.Polygon(g.polygon[0]).buffer(0.0008).contains(shapely.Point(f.lon, f.lat))


def test_night_only_teams_walk_and_a_worker_goes_off_duty(district):
    start = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)  # 22:00 local: night
    sim = PatrolSim(district, start=start, off_duty_after_s=300)
    state: dict[str, bool] = {}
    first = sim.fixes_at(start.timestamp(), state)
    walkers = {f.worker_id for f, _ in first}
    assert walkers
    assert all(sim.walkers[w].night_team is not None for w in walkers)
    teams = {sim.walkers[w].night_team for w in walkers}
    assert len(teams) < len(walkers)  # pairs
    # the worker going off duty (the night: a team member) sends one last "off" fix, then nothing
    sim.goes_off_duty = next(iter(walkers))
    later = sim.fixes_at(start.timestamp() + 400, state)
    off = [f for f, _ in later if f.worker_id == sim.goes_off_duty]
    assert [f.duty for f in off] == ["off"]
    again = sim.fixes_at(start.timestamp() + 410, state)
    assert sim.goes_off_duty not in {f.worker_id for f, _ in again}


def test_history_is_vectorised_and_has_gaps(district):
    start = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    sim = PatrolSim(district, start=start, off_duty_after_s=None)
    h = sim.history(start.timestamp(), start.timestamp() + 3600)
    assert len(h) == len(sim.walkers)
    sizes = [len(a) for a in h.values()]
    assert max(sizes) <= 360
    assert min(sizes) < 360  # gaps
    a = next(iter(h.values()))
    step = np.diff(a[:, 0])
    assert step.min() == pytest.approx(10.0)
