"""Screenshots of every wall page (and an alarm takeover) at a given size, from a synthetic room.

    xvfb-run -a -s "-screen 0 3840x2160x24" .venv/bin/python tools/wall_screenshots.py 3840 2160 docs/screenshots

Writes ``wall_<page>_<height>.png`` (1080 or 2160) into the folder.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from console.bench.wall_room import build_room
from console.core import load_or_seed_district
from console.domain.sla_config import DEFAULT_SLA_PATH, load_sla
from console.services.wall_data import WallDataService
from console.store import open_store
from console.views.wall.pages import PAGES
from console.views.wall.window import WallScreen

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)  # 15:30 in the room


def main(argv: list[str]) -> int:
    width, height, out = int(argv[0]), int(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    table = load_sla(DEFAULT_SLA_PATH)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/room.db"
        store = open_store(url)
        district = load_or_seed_district(store)
        build_room(store, district, table, NOW, open_extra=400, seed=5)
        # the demo patrols of today's day shift so far and of the week's day shifts (巡查覆盖率 tile)
        from datetime import timedelta

        from console.domain.patrol_sim import PatrolSim
        from console.services.coverage import PatrolCoverage
        from console.services.positions_start import backfill

        for days in range(7, -1, -1):
            t1 = NOW - timedelta(days=days) if days else NOW
            t0 = NOW.replace(hour=0, minute=0) - timedelta(days=days)  # 08:00 in the room
            span = (t1 if days == 0 else t0 + timedelta(hours=12)) - t0
            backfill(store, PatrolSim(district, start=t0 - timedelta(hours=1), interval_s=60.0, seed=days),
                     t0, t0 + span * (0.55 + 0.05 * (days % 4)) if days else t1)
        store.close()
        ro = open_store(url, readonly=True)
        svc = WallDataService(ro, table, clock=lambda: NOW, coverage=PatrolCoverage(ro, district))
        for _ in range(4):  # the past shifts are computed a couple per refresh
            svc.refresh()
        snap = svc.refresh()
        for name in (*PAGES, "alarm"):
            w = WallScreen(district, pages=PAGES, dwell=20, clock=lambda: NOW, height=height)
            w.resize(width, height)
            w.show()
            w.apply(snap)
            if name == "alarm":
                alarm = next((a for a in snap.alarms if a.breached), snap.alarms[0])
                w.raise_alarm(alarm)
            else:
                w._show_page(PAGES.index(name))
            w.tick()
            for _ in range(5):
                app.processEvents()
            label = 1080 if height <= 1080 else 2160
            path = out / f"wall_{name}_{label}.png"
            w.grab().save(str(path))
            sys.stdout.write(f"{path}\n")
            w.close()
            w.deleteLater()
            app.processEvents()
        ro.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
