"""QueueModel finds a few changed rows by binary search on the sort key, and the view sees exactly
the rows a full map would name, whatever the sort and after keys moved under it."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from ui_factories import FakeClock, make_events, small_district

from console.domain.event import Level
from console.qtmodels.queue_model import QueueModel
from console.qtmodels.queue_rows import COLUMN_COUNT
from console.services.bus import Bus
from console.services.room import Room


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_located_rows_match_the_full_position_map(qtbot, order) -> None:
    bus = Bus()
    clock = FakeClock()
    room = Room(bus, clock=clock)
    room.load(make_events(300))
    model = QueueModel(room, bus, district=small_district(), clock=clock, seat_id="seat-1", tick_ms=0)
    rng = random.Random(3)
    for col in range(COLUMN_COUNT):
        model.sort(col, order)
        # some keys move under the sorted rows (a level change is not re-sorted in place)
        for r in rng.sample(model._all, 20):
            r.level = rng.choice(list(Level))
            r.rank = rng.randrange(4)
            r.age_key = -rng.random() * 1e9
            r.title = r.state_name = f"移动{rng.randrange(9)}"
        sample = rng.sample(model._rows, 40)
        model._pos = None
        got = model._find_rows(sample)
        last = len(model._rows) - 1
        want = {r.id: last - i for i, r in enumerate(model._rows) if r in sample}
        assert got == want, col
        for r in sample:
            assert model.event_at(got[r.id]) is r.ev
