"""Domain benchmarks: point-in-grid lookup throughput (target ≥ 100,000 lookups/s), demo district load
and scenario generation time."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from console.domain.district import load_district
from console.domain.scenario import generate
from console.domain.spatial import bench_grid_lookup

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def figures(quick: bool = False) -> dict[str, float]:
    """grid_lookup_per_s: batched lookups/s, 5,000 polygons, median of 3 × 200,000 points
    (``quick``: 20,000); demo_district_load_ms; scenario_day_ms (normal_day, 24 h)."""
    out: dict[str, float] = dict(bench_grid_lookup(points=20_000 if quick else 200_000))
    out["demo_district_load_ms"] = _median_ms(lambda: load_district(DEMO), 5)
    district = load_district(DEMO)
    start = datetime(2026, 11, 22, tzinfo=UTC)
    out["scenario_day_ms"] = _median_ms(
        lambda: sum(1 for _ in generate("normal_day", district, seed=11, start=start, hours=24)), 3
    )
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(figures()))
