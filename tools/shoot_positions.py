"""Screenshots of issue 19 (run under Xvfb): docs/screenshots/map_workers.png (live workers by state,
a selected worker's track, everyone's trail, the selected event's nearest workers with walking time)
and docs/screenshots/dispatch_walking.png (the dispatch panel ranking workers by walking time).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/shoot_positions.py
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


def main() -> None:
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleWindow, Core, Options
    from console.domain.event import Event, Level, Location, Source, State
    from console.domain.patrol_sim import PatrolSim
    from console.domain.positions import Fix
    from console.store import open_store
    from console.views import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    theme.apply_theme(app)
    tmp = Path(tempfile.mkdtemp())
    db = f"sqlite:///{tmp / 'console.db'}"
    now = datetime.now(UTC)
    # an event in the middle of a community, where the day's patrols are
    with open_store(db):
        pass
    core = Core(Options(db=db, seat="seat-1", officer="张值班", no_feed=True))
    d = core.district
    # the demo patrols of the last two hours, as by day (noon in the room), shifted to now
    day = now.replace(hour=4, minute=0, second=0, microsecond=0)
    sim = PatrolSim(d, start=day - timedelta(hours=3), off_duty_after_s=None)
    hist = sim.history((day - timedelta(hours=2)).timestamp(), day.timestamp())
    shift = now.timestamp() - day.timestamp()
    fixes = [Fix(w, int((r[0] + shift) * 1e6), r[1], r[2], r[3], 4.3, int(r[4])) for w, a in hist.items() for r in a]
    core.store.positions.append(fixes)
    last = {}
    for f in fixes:
        if f.worker_id not in last or f.t_us > last[f.worker_id].t_us:
            last[f.worker_id] = f
    ids = sorted(last)
    # a few states for the picture: one stale, one clocked out
    stale = ids[3]
    last[stale] = Fix(stale, last[stale].t_us - 9 * 60 * 10**6, last[stale].lon, last[stale].lat, 10.0, 0.0, 31)
    off = ids[5]
    last[off] = Fix(off, last[off].t_us, last[off].lon, last[off].lat, 8.0, 0.0, 55, "off")
    core.workers.update(list(last.values()))
    w0 = last[ids[0]]
    ev = Event(id="ev-walk", source=Source.HOTLINE_12345, category="city.garbage", title="小区门口垃圾堆放，影响通行",
               reported_at=now - timedelta(seconds=25), received_at=now - timedelta(seconds=25),
               level=Level.GENERAL, state=State.NEW, grid_id=d.members[ids[0]].grid_id,
               location=Location(lat=w0.lat + 0.0016, lon=w0.lon + 0.0012, address="桂花路18号"))
    core.store.events.insert_many([ev])
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def run() -> None:
        await core.load_other_pages(await core.load_first_page())
        shell = ConsoleWindow(core, settings, qt_app=app, defer=False)
        shell.window.resize(1900, 1050)
        shell.window.show()
        await asyncio.sleep(1.0)
        mv = shell.map_view
        shell.window.docks["dock.map"].raise_()
        mv.workers.refresh()
        mv.workers.load_trail()
        await mv.workers.pending
        shell.selection.select_id(ev.id)
        await asyncio.sleep(0.5)
        mv.workers.select_worker(ids[0])
        await mv.workers.pending
        await asyncio.sleep(0.3)
        dock = shell.window.docks["dock.map"]
        dock.setFloating(True)
        dock.resize(1500, 900)
        await asyncio.sleep(0.5)
        c = mv.canvas
        ex, ey = c.project([ev.location.lon], [ev.location.lat])
        c.centre_on(float(ex[0]), float(ey[0]) - 150.0, 1500.0)
        await asyncio.sleep(1.0)
        OUT.mkdir(parents=True, exist_ok=True)
        mv.grab().save(str(OUT / "map_workers.png"))
        shell.open_event(ev.id)
        await asyncio.sleep(1.0)
        shell.dispatch.grab().save(str(OUT / "dispatch_walking.png"))
        shell.dispatch.reject()
        await asyncio.sleep(0.3)
        shell.stop()
        shell.window.close()

    with loop:
        loop.run_until_complete(run())
    core.sla.stop()
    core.close()
    sys.stdout.write(f"saved {OUT / 'map_workers.png'} and {OUT / 'dispatch_walking.png'}\n")


if __name__ == "__main__":
    main()
