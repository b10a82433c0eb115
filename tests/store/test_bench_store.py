"""The store benchmark's building blocks work (at a small scale; the figures come from ``bench``)."""

from __future__ import annotations

from console.bench import store as bench
from console.store import open_store


def test_history_build_and_search_small(tmp_path):
    path = tmp_path / "history.db"
    seconds = bench.build_history_db(path, count=3_000)
    assert seconds > 0
    with open_store(f"sqlite:///{path}") as store:
        assert store.events.count() == 3_000
        assert store.events.pending_index() == 0  # the bulk build leaves the index complete
        live = store.events.load_open()
        assert 0 < len(live) < 3_000
        assert all(e.is_open for e in live)
        found = store.events.search(text="道路积水", limit=1_000)
        expected = [e for e in store.events.search(limit=3_000) if "道路积水" in e.title + (e.description or "")]
        assert [e.id for e in found] == [e.id for e in expected]
    timings = bench.search_timings(path, runs=3)
    assert len(timings) == 3
    assert all(t > 0 for t in timings)
    assert bench.search_timings(path, runs=2, text_only=True)
    ms, live_count = bench.load_open_ms(path)
    assert live_count == len(live)
    assert ms > 0


def test_insert_run_small():
    assert bench.insert_run(events=2_000, batch_size=500) > 0
