"""Seed a fresh console store for the scripted screen run (tools/screen_run.py).

Run with the project's venv before the console starts:

    python tools/screen_seed.py DATA_DIR

Creates ``DATA_DIR/console.db`` (the file the console opens when ``GRID_CONSOLE_DATA_DIR=DATA_DIR``),
seeds the demo district the way the console does on first start, and stores one event that was
dispatched, handled and closed two days ago, so the officer can find it in 历史查询 and reopen it.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from console.app import load_or_seed_district  # noqa: E402  (re-exported from console.core)
from console.domain.event import Action, Event, Level, Location, Source, State, utcnow  # noqa: E402
from console.store import open_store  # noqa: E402
from console.store.paths import DB_FILENAME  # noqa: E402

CLOSED_ID = "screen-run-closed-1"
CLOSED_TITLE = "井盖缺失（已结案）"


def seed(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(f"sqlite:///{data_dir / DB_FILENAME}")
    try:
        district = load_or_seed_district(store)
        grid = next((g for g in district.grids.values() if g.level == 4), None)
        now = utcnow()
        reported = now - timedelta(days=2, hours=3)
        closed = now - timedelta(days=1, hours=20)
        centre = district.info.centre
        ev = Event(
            id=CLOSED_ID,
            source=Source.HOTLINE_12345,
            category="city.manhole",
            title=CLOSED_TITLE,
            description="市民来电：人行道上井盖缺失，已有路人险些踩空。已派住建部门补装，回访满意后结案。",
            level=Level.SIGNIFICANT,
            location=Location(lat=centre[1], lon=centre[0], address="云港大道88号人行道") if centre else None,
            grid_id=grid.id if grid else None,
            reporter_name="王女士",
            reporter_phone="13800001234",
            state=State.CLOSED,
            received_at=reported,
            updated_at=closed,
            assignees=["dept.housing"],
            dispatched_at=reported + timedelta(minutes=1),
            resolved_at=reported + timedelta(hours=1, minutes=40),
            closed_at=closed,
            reported_at=reported,
        )
        store.events.insert_many([ev])
        steps = [
            (reported + timedelta(minutes=1), State.NEW, State.DISPATCHED, "派住建部门补装井盖"),
            (reported + timedelta(hours=1, minutes=40), State.DISPATCHED, State.RESOLVED, "已补装井盖，照片已上传"),
            (reported + timedelta(hours=3), State.RESOLVED, State.VERIFIED, "网格员现场核查通过"),
            (closed, State.VERIFIED, State.CLOSED, "回访满意，结案"),
        ]
        store.actions.append_many([
            Action(event_id=CLOSED_ID, at=at, kind="transition", actor="值班员", seat="seat-1",
                   from_state=a, to_state=b, note=note)
            for at, a, b, note in steps
        ])
        store.index_search()
    finally:
        store.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: screen_seed.py DATA_DIR")
    seed(Path(sys.argv[1]))
