"""Screenshots of the shift replay (issues 15 and 19), run under Xvfb:

- docs/screenshots/replay_window.png: the read-only replay window on a simulated morning at the
  scrubber's instant — banner, scrubber, queue, map with the grid workers of that instant and a
  selected worker's track, the KPI strip with 巡查覆盖率 of the shift so far;
- docs/screenshots/replay_board.png: the escalation board of that instant (a broadcast's roll call
  and a whistle, folded from the room log).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/replay_screens.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
START = "2026-11-23T08:00:00+08:00"
T0 = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in the room's zone


def record(url: str) -> None:
    """A simulated morning, the demo patrols, and a busy board (a broadcast to a street's grids with
    its roll call, a whistle with check-ins) written as room-log changes, as a live seat writes them."""
    from console.cli import main as cli_main
    from console.domain.district import load_district
    from console.domain.escalation import Broadcast, Whistle
    from console.domain.escalation_log import changes_of
    from console.domain.grid import GridKind
    from console.domain.patrol_sim import PatrolSim
    from console.services.positions_start import backfill
    from console.services.report import DEMO_DIR
    from console.store import open_store

    assert cli_main(["simulate", "--hours", "3", "--start", START, "--db", url, "--json"]) == 0
    district = load_district(DEMO_DIR)
    store = open_store(url)
    try:
        backfill(store, PatrolSim(district, start=T0 - timedelta(hours=1), interval_s=30.0),
                 T0 - timedelta(minutes=40), T0 + timedelta(hours=3))
        grids = [g.id for g in district.grids.values() if g.parent_id is not None and g.kind is not GridKind.POLICE][:8]
        minute = timedelta(minutes=1)
        sent = T0 + timedelta(minutes=50)
        b = Broadcast.create("bc-rain", "暴雨预警：请各社区网格立即排查低洼地带并回执", grids, "王值班", sent, 30 * minute)
        for k, g in enumerate(grids[:5]):
            b.acknowledge(g, sent + (3 + 4 * k) * minute)
        events = store.events.search(limit=20)
        w = Whistle.create("wh-1", events[0].id, sorted(district.departments)[:3], "占道经营反复出现，请联合执法",
                           "王值班", T0 + timedelta(minutes=60), 30 * minute)
        first = next(iter(w.summons))
        w.check_in(first, T0 + timedelta(minutes=68))
        store.room_log.append_many(changes_of([b], [w]))
    finally:
        store.close()


def main() -> None:
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from console.replay_app import open_replay
    from console.views import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    theme.apply_theme(app)
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite:///{tmp / 'shift.db'}"
    record(url)
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def run() -> None:
        shell = await open_replay(url, settings, qt_app=app)
        shell.window.resize(1900, 1050)
        shell.window.show()
        at = T0 + timedelta(minutes=75)
        await shell.seek(at)
        await shell.core.field.wait()
        await shell.shell.refresh_kpis()
        mv = shell.shell.map_view
        shell.window.docks["dock.map"].raise_()
        mv.workers.refresh()
        on_duty = [w.id for w in mv.canvas._workers if w.state == "on_duty"]
        if on_duty:
            mv.workers.select_worker(on_duty[0])
            await mv.workers.pending_track
        await asyncio.sleep(1.5)
        OUT.mkdir(parents=True, exist_ok=True)
        shell.window.grab().save(str(OUT / "replay_window.png"))
        # the map of the instant, larger: the selected worker's community, workers by state, the track
        dock = shell.window.docks["dock.map"]
        dock.setFloating(True)
        dock.resize(1400, 900)
        if on_duty:
            member = shell.core.district.members.get(on_duty[0])
            if member is not None:
                grid = shell.core.district.grids.get(member.grid_id)
                mv.show_grid(grid.parent_id if grid is not None and grid.parent_id else member.grid_id)
        await asyncio.sleep(1.5)
        mv.grab().save(str(OUT / "replay_map_workers.png"))
        dock.setFloating(False)
        board = shell.window.docks["dock.escalation"]
        board.raise_()
        shell.shell.board.tabs.setCurrentIndex(2)  # 一键下达: the roll call as it stood at the instant
        board.setFloating(True)
        board.resize(900, 420)
        await asyncio.sleep(0.8)
        board.grab().save(str(OUT / "replay_board.png"))
        shell.timer.stop()
        await shell.core.tasks.cancel_all()
        shell.core.close()

    with loop:
        loop.run_until_complete(run())


if __name__ == "__main__":
    main()
