"""The positions tables: packed chunks per worker and day, the retained last fix, the read API,
compaction and retention — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.domain.positions import Fix
from console.store import open_store
from console.store.positions import RETENTION_KEY, day_of

T0 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def _us(dt: datetime) -> int:
    return int(dt.timestamp() * 1e6)


def _fixes(wid: str, start: datetime, n: int, step_s: int = 10, lon0: float = 104.0) -> list[Fix]:
    return [Fix(wid, _us(start + timedelta(seconds=k * step_s)), lon0 + k * 1e-5, 30.55, 5.0, 4.0, 90 - k % 10)
            for k in range(n)]


def _exercise(store) -> None:
    repo = store.positions
    repo.append(_fixes("m-1", T0, 30))
    repo.append(_fixes("m-1", T0 + timedelta(seconds=300), 30))  # second batch, overlapping: one kept per t
    repo.append(_fixes("m-2", T0, 5, lon0=104.01))
    assert repo.count() == 65
    track = repo.track("m-1", T0 + timedelta(seconds=50), T0 + timedelta(seconds=100))
    assert [int(t) for t in (track["t"] - _us(T0)) // 10**6] == [50, 60, 70, 80, 90, 100]
    whole = repo.track("m-1", T0, T0 + timedelta(hours=1))
    assert len(whole) == 60  # 0..590 s every 10 s, the overlap merged
    assert (whole["t"][1:] > whole["t"][:-1]).all()
    at = repo.at(T0 + timedelta(seconds=45))
    assert set(at) == {"m-1", "m-2"}
    assert int(at["m-1"]["t"]) == _us(T0 + timedelta(seconds=40))
    assert int(at["m-2"]["t"]) == _us(T0 + timedelta(seconds=40))
    assert repo.at(T0 + timedelta(hours=2)) == {}  # older than max_age: not "there" any more
    last = {r.worker_id: r for r in repo.last()}
    assert last["m-1"].t == T0 + timedelta(seconds=590)
    # a late, older fix is stored but does not replace the last position
    repo.append([Fix("m-1", _us(T0 + timedelta(seconds=5)), 1.0, 1.0, duty="off")])
    last = {r.worker_id: r for r in repo.last()}
    assert last["m-1"].lon != 1.0
    assert last["m-1"].batt is not None


def test_positions_on_sqlite(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'p.db'}") as store:
        _exercise(store)


@pytest.mark.postgres
def test_positions_on_postgres(pg_url):
    with open_store(pg_url) as store:
        _exercise(store)


def test_compact_merges_a_finished_day_and_prune_keeps_the_retention(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'p.db'}") as store:
        repo = store.positions
        old = T0 - timedelta(days=40)
        for k in range(5):  # five intake batches of an old day and of yesterday
            repo.append(_fixes("m-1", old + timedelta(minutes=k), 6))
            repo.append(_fixes("m-1", T0 - timedelta(days=1) + timedelta(minutes=k), 6))
        repo.append(_fixes("m-1", T0, 6))
        assert repo.chunk_count() == 11
        merged = repo.compact(T0)
        assert merged == 8  # the two finished days: 5 chunks → 1 each; today untouched
        assert repo.chunk_count() == 3
        assert len(repo.track("m-1", T0 - timedelta(days=1), T0 - timedelta(days=1) + timedelta(hours=1))) == 30
        assert repo.retention_days() == 30
        assert repo.prune(T0) == 1  # the day 40 days ago
        assert repo.track("m-1", old, old + timedelta(hours=1)).size == 0
        store.settings.set(RETENTION_KEY, 0.5)
        assert repo.retention_days() == 1
        store.settings.set(RETENTION_KEY, "lots")
        assert repo.retention_days() == 30  # a bad setting: the default, logged
        assert day_of(_us(T0)) == 20261201
