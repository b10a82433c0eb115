"""A duty officer's shift in miniature (issue 4): 50 events arrive from a real hub on 127.0.0.1; the
officer dispatches each one from the keyboard — N (newest), A (accept suggestion), Enter (confirm) —
and every dispatch must reach the hub, once, with targets and an instruction.
"""

from __future__ import annotations

import statistics

import pytest

from console.bench.officer import scripted_shift

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")
N_EVENTS = 50


def test_officer_dispatches_fifty_events_by_keyboard(qapp, tmp_path):
    r = scripted_shift(qapp, tmp_path, N_EVENTS)
    dispatched = [c for c in r.commands if c[0] == "dispatch"]
    assert len(dispatched) == N_EVENTS
    assert len({c[1] for c in dispatched}) == N_EVENTS, "each event dispatched exactly once"
    assert all(c[2]["unit_id"] and c[2]["assignees"] and c[2]["instruction"] for c in dispatched)
    assert r.keystrokes == 3 * N_EVENTS
    print(f"\nconsole-side seconds per event: median {statistics.median(r.per_event_s):.3f}, "
          f"max {max(r.per_event_s):.3f}")
