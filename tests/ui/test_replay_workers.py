"""Grid workers in the shift replay (issue 19 × issue 15): the map's worker layer at the scrubber's
instant equals ``replay --dump json``'s ``workers``; the selected worker's track ends at the instant."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from console.cli import main
from console.domain.district import load_district
from console.domain.patrol_sim import PatrolSim
from console.replay_app import open_replay
from console.services.positions_start import backfill
from console.services.replay import RoomAt
from console.services.replay_field import FieldCache
from console.services.report import DEMO_DIR
from console.store import open_store

START = "2026-11-23T08:00:00+08:00"
T0 = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in the room's zone
pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*", "Couldn't (load|resolve) va.*")


@pytest.fixture(scope="module")
def recording(tmp_path_factory) -> str:
    """A simulated 3-hour morning with the demo district's patrols recorded (a fix every 30 s)."""
    path = tmp_path_factory.mktemp("rec") / "shift.db"
    url = f"sqlite:///{path}"
    assert main(["simulate", "--hours", "3", "--start", START, "--db", url, "--json"]) == 0
    store = open_store(url)
    try:
        sim = PatrolSim(load_district(DEMO_DIR), start=T0 - timedelta(hours=1), interval_s=30.0)
        assert backfill(store, sim, T0 - timedelta(minutes=40), T0 + timedelta(hours=3)) > 1000
    finally:
        store.close()
    return url


def _layer(shell) -> list[dict]:
    """What the map's worker layer holds: id, lon, lat, state (the canvas's inputs) and the fix time."""
    overlay = shell.shell.map_view.workers
    overlay.refresh()
    views = {v.id: v for v in overlay.workers.views(overlay.clock())}
    rows = []
    for w in shell.shell.map_view.canvas._workers:
        rows.append({"id": w.id, "lon": w.lon, "lat": w.lat, "state": w.state,
                     "at": views[w.id].t.isoformat().replace("+00:00", "Z")})
    return sorted(rows, key=lambda r: r["id"])


@pytest.fixture
async def replay(qapp, qtbot, settings, recording):
    shell = await open_replay(recording, settings, qt_app=qapp)
    qtbot.addWidget(shell.window)
    shell.window.show()
    yield shell
    shell.timer.stop()
    await shell.core.tasks.cancel_all()
    shell.core.close()


def test_the_block_cache_answers_as_the_store(recording):
    store = open_store(recording, readonly=True)
    try:
        cache = FieldCache(store)
        for minutes in (0, 1, 59, 60, 61, 95, 150, 179):
            at = T0 + timedelta(minutes=minutes, seconds=17)
            want = store.positions.at(at, max_age=timedelta(minutes=30))
            got = cache.at(at)
            assert sorted(got) == sorted(want)
            assert all(got[k]["t"] == want[k]["t"] and got[k]["lon"] == want[k]["lon"] for k in want)
        assert cache.reads <= 4  # an hour of recording is one read
    finally:
        store.close()


async def test_the_map_shows_the_workers_of_the_instant_as_the_dump_does(replay, recording, qtbot, capsys):
    room = replay.replay
    states = set()
    for minutes in (20, 60, 170):
        at = room.start + timedelta(minutes=minutes)
        await replay.seek(at)
        await replay.core.field.wait()
        assert replay.core.field.shown_at == at
        layer = _layer(replay)
        capsys.readouterr()
        assert main(["replay", "--db", recording, "--at", at.isoformat(), "--dump", "json"]) == 0
        dumped = json.loads(capsys.readouterr().out)["workers"]
        assert layer == dumped
        assert dumped, "workers walk their grids in the morning"
        assert all(datetime.fromisoformat(w["at"]) <= at for w in dumped)
        states |= {w["state"] for w in dumped}
    assert {"on_duty", "on_task"} <= states  # assignees of the events being worked are on a task
    fresh = RoomAt.open(recording)
    try:
        assert fresh.dump(at)["workers"] == dumped
    finally:
        fresh.close()


async def test_the_selected_track_ends_at_the_instant_and_follows_it(replay, qtbot):
    room = replay.replay
    at = room.start + timedelta(minutes=90)
    await replay.seek(at)
    await replay.core.field.wait()
    overlay = replay.shell.map_view.workers
    overlay.refresh()
    wid = next(w.id for w in replay.shell.map_view.canvas._workers if w.state == "on_duty")
    shown = []
    overlay.trackShown.connect(lambda w, n: shown.append((w, n)))
    overlay.select_worker(wid)
    await overlay.pending_track  # read on a worker thread
    assert shown[-1][0] == wid
    assert shown[-1][1] >= 2
    arr = await replay.core.field.track(wid, *overlay.track_window())
    assert int(arr["t"][-1]) <= int(at.timestamp() * 1e6)
    assert overlay.track_window() == (at - timedelta(minutes=30), at)  # the default: the last 30 minutes
    later = at + timedelta(minutes=20)
    await replay.seek(later)
    await replay.core.field.wait()
    overlay.refresh()  # what the 100 ms apply timer does after the positions of the instant arrive
    await overlay.pending_track
    assert overlay.track_window()[1] == later
    assert len(shown) >= 2
    assert shown[-1][0] == wid


async def test_the_strip_shows_the_patrol_coverage_of_the_instant_forward_and_back(replay, recording, qtbot, capsys):
    """巡查覆盖率 on the replay's KPI strip is the shift's coverage up to the instant — seeking forward
    adds the fixes since, seeking back reads the shift again — and equals the dump and an independent
    computation over the shift's fixes up to the instant."""
    from console.domain.patrol import shift_window
    from console.services.coverage import KPI_KEY, PatrolCoverage

    room = replay.replay
    strip = replay.shell.kpis  # the window's KPI strip
    store = open_store(recording, readonly=True)
    try:
        independent = PatrolCoverage(store, load_district(DEMO_DIR), tz="Asia/Shanghai")
        seen = []
        for minutes in (40, 150, 70):  # forward, then back
            at = room.start + timedelta(minutes=minutes)
            await replay.seek(at)
            _name, s0, _s1 = shift_window(at, "Asia/Shanghai")
            want = independent.compute(s0, at)
            assert want.fixes > 0
            tile = strip.tile(KPI_KEY)
            await replay.shell.refresh_kpis()  # what the window does after a seek (and every few s while playing)
            assert tile.text() == tile.spec.fmt(want.rate())
            figures = await replay.core.kpi.compute_async()
            assert figures[KPI_KEY] == pytest.approx(want.rate(), abs=1e-12)
            capsys.readouterr()
            assert main(["replay", "--db", recording, "--at", at.isoformat(), "--dump", "json"]) == 0
            assert json.loads(capsys.readouterr().out)["kpis"][KPI_KEY] == pytest.approx(want.rate(), abs=1e-12)
            seen.append(figures[KPI_KEY])
        assert seen[0] < seen[1]  # walked more by then
        assert seen[2] < seen[1]  # and back: not the later figure
    finally:
        store.close()
