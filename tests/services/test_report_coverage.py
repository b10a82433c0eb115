"""巡查覆盖率 in the day report (XLSX, PDF), on the wall and the KPI strip (issue 19): the numbers equal
an independent recomputation from the stored positions of a seeded simulated day; the current
shift's figure is kept up to date incrementally and equals a full recomputation."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
import shapely

from console.cli import main as cli_main
from console.domain.district import load_district
from console.domain.patrol import build_network, shift_window
from console.domain.patrol_sim import PatrolSim
from console.domain.scenario import generate
from console.domain.sla import default_table
from console.services.coverage import PatrolCoverage
from console.services.positions_start import backfill
from console.services.report import build_report, day_window
from console.services.simulate import Shift, ShiftConfig
from console.services.wall_data import WallDataService
from console.store import open_store

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 23)
START = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # 07:00 in the room's zone
HOURS = 2.0
PATROL = (datetime(2026, 11, 22, 23, 30, tzinfo=UTC), datetime(2026, 11, 23, 1, 30, tzinfo=UTC))  # 07:30–09:30 local
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@pytest.fixture(scope="module")
def district():
    return load_district(ROOT / "resources" / "demo")


@pytest.fixture(scope="module")
def day(tmp_path_factory, district) -> str:
    """A seeded simulated morning: the scenario's events worked by the room, and the patrols (a fix
    every 30 s; the night teams before 08:00, everyone on duty after) stored as the console stores them."""
    path = tmp_path_factory.mktemp("coverage") / "day.db"
    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        stream = generate("normal_day", district, seed=3, start=START, hours=HOURS)
        Shift(stream, start=START, hours=HOURS, table=default_table(), store=store, district=district,
              config=ShiftConfig(policy="suggested", delay_s=20)).run()
        sim = PatrolSim(district, seed=19, start=PATROL[0] - timedelta(hours=1), interval_s=30.0)
        assert backfill(store, sim, *PATROL) > 10_000
    finally:
        store.close()
    return url


def independent(store, district, t0: datetime, t1: datetime) -> tuple[float | None, dict[str, tuple[float, float]]]:
    """Coverage recomputed another way: every track as one prepared multi-line of its pieces (split
    at gaps > 120 s or jumps > 200 m), each 5 m sample of a street tested with GEOS ``dwithin`` 20 m,
    a street walked when ≥ 60 % of its samples are; walked and total metres per grid, parents
    adding their children. Returns the district's rate and grid id → (walked m, total m)."""
    net = build_network(district)
    lines = []
    for arr in store.positions.tracks(t0, t1).values():
        t = arr["t"] / 1e6
        x, y = net.frame.to_xy(arr["lon"], arr["lat"])
        start = 0
        for i in range(1, len(t) + 1):
            if i == len(t) or t[i] - t[i - 1] > 120.0 or math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]) > 200.0:
                if i - start >= 2:
                    lines.append(shapely.LineString(np.column_stack([x[start:i], y[start:i]])))
                start = i
    walked_len: dict[str, float] = {}
    total_len: dict[str, float] = {}
    tracks = shapely.MultiLineString(lines) if lines else None
    samples, owner = [], []
    for i, (a, b) in enumerate(net.segments):
        k = max(1, math.ceil(float(math.hypot(*(b - a))) / 5.0))
        samples.extend(a + (b - a) * (j + 0.5) / k for j in range(k))
        owner.extend([i] * k)
    if tracks is not None:
        shapely.prepare(tracks)
        inside = shapely.dwithin(tracks, shapely.points(samples), 20.0)
    else:
        inside = np.zeros(len(samples), dtype=bool)
    share = np.bincount(owner, weights=inside) / np.bincount(owner)
    for i, ((a, b), k_grid) in enumerate(zip(net.segments, net.segment_grid, strict=True)):
        length = float(math.hypot(*(b - a)))
        gid = net.grid_ids[int(k_grid)]
        total_len[gid] = total_len.get(gid, 0.0) + length
        walked_len[gid] = walked_len.get(gid, 0.0) + (length if share[i] >= 0.6 else 0.0)
    leaves = list(total_len)
    out = {g: (walked_len[g], total_len[g]) for g in leaves}
    for g in leaves:
        p = net.parents.get(g)
        while p is not None:
            w, tot = out.get(p, (0.0, 0.0))
            out[p] = (w + walked_len[g], tot + total_len[g])
            p = net.parents.get(p)
    total = sum(total_len.values())
    return (sum(walked_len.values()) / total if lines and total else None), out


def _sheet(book: zipfile.ZipFile, name: str) -> list[list[str]]:
    """A worksheet's rows as text (shared strings resolved), read straight from the XML."""
    strings = [si.findtext(".//m:t", "", NS) for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))]
    wb = ElementTree.fromstring(book.read("xl/workbook.xml"))
    index = [s.get("name") for s in wb.find("m:sheets", NS)].index(name) + 1
    rows = []
    for row in ElementTree.fromstring(book.read(f"xl/worksheets/sheet{index}.xml")).iter(f"{{{NS['m']}}}row"):
        cells = []
        for c in row.findall("m:c", NS):
            v = c.findtext("m:v", "", NS)
            cells.append(strings[int(v)] if c.get("t") == "s" else v)
        rows.append(cells)
    return rows


def test_the_day_report_equals_an_independent_recomputation(day, district, tmp_path, qapp):
    store = open_store(day, readonly=True)
    try:
        t0, t1 = day_window(DAY, district.info.timezone)
        data = build_report(store, default_table(), t0, t1, district=district)
        rate, grids = independent(store, district, t0, t1)
        assert rate is not None
        assert 0.05 < rate < 1.0
        assert data.coverage_rate == pytest.approx(rate, rel=1e-9)
        assert data.coverage_fixes == store.positions.count()
        got = {g["id"]: (g["walked_m"], g["total_m"]) for g in data.coverage_grids}
        assert got.keys() == {g for g, (_w, tot) in grids.items() if tot > 0}
        for gid, (w, tot) in grids.items():
            assert got[gid] == pytest.approx((w, tot), rel=1e-9, abs=1e-6), gid
        # each shift of the day, clipped to it: the night before 08:00, the day shift after
        shifts = {(s, a, b): r for s, a, b, r in data.coverage_shifts}
        assert [k[0] for k in shifts] == ["night", "day", "night"]
        for (_s, a, b), r in shifts.items():
            want, _ = independent(store, district, a, b)
            assert r == (pytest.approx(want, rel=1e-9) if want is not None else None)
    finally:
        store.close()
    out = tmp_path / "day.xlsx"
    assert cli_main(["report", "--db", day, "--day", DAY.isoformat(), "--format", "xlsx", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as book:
        overview = {r[0]: r[1] for r in _sheet(book, "概览") if len(r) >= 2}
        assert float(overview["巡查覆盖率"]) == pytest.approx(rate, rel=1e-9)
        rows = _sheet(book, "巡查覆盖")
    assert rows[0] == ["编号", "网格", "层级", "已巡查（米）", "街巷总长（米）", "巡查覆盖率"]
    cells = {r[0]: r for r in rows[1:] if len(r) == 6}
    assert cells.keys() == got.keys()
    for gid, (w, tot) in grids.items():
        if tot > 0:
            assert float(cells[gid][3]) == pytest.approx(round(w, 1), abs=0.051)
            assert float(cells[gid][5]) == pytest.approx(w / tot, rel=1e-9)
    if shutil.which("pdftotext") is not None:
        from console.views.wall.report_pdf import write_report

        pdf = tmp_path / "day.pdf"
        write_report(data, pdf, "pdf")  # the writer the CLI and the report dialog use
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "巡查覆盖率" in text
        assert f"{rate * 100:.1f}%" in re.sub(r"\s+", "", text)


def test_the_current_shift_is_kept_up_to_date_incrementally(day, district):
    """The KPI strip's refresh every 30 s: the shift's figure follows the positions as they are
    stored, reading only the last minutes, and equals a full recomputation at every step."""
    source = open_store(day, readonly=True)
    tracks = source.positions.tracks(*PATROL)
    source.close()
    live = open_store("sqlite://")
    tick = {"s": 0.0}
    cov = PatrolCoverage(live, district, clock=lambda: tick["s"])
    try:
        t = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 local, in the day shift
        _name, s0, _s1 = shift_window(t, district.info.timezone)
        step = timedelta(minutes=15)
        fed = s0
        rates = []
        while fed < PATROL[1]:
            nxt = fed + step
            part = {w: a[(a["t"] >= fed.timestamp() * 1e6) & (a["t"] < nxt.timestamp() * 1e6)] for w, a in tracks.items()}
            live.positions.append([f for w, a in part.items() for f in _fixes(w, a)])
            fed = nxt
            tick["s"] += 30.0
            before = cov.full_computations
            got = cov.kpis(fed)["patrol_coverage_rate"]
            if rates:
                assert cov.full_computations == before  # incremental: no full recomputation
            assert got == pytest.approx(cov.compute(s0, fed).rate(), rel=1e-12)
            rates.append(got)
        assert rates == sorted(rates)  # a walk is never undone
        assert rates[-1] > rates[0]
        tick["s"] += PatrolCoverage.FULL_EVERY_S
        before = cov.full_computations
        cov.kpis(fed)
        assert cov.full_computations == before + 1  # the safety net for fixes stored out of order
    finally:
        live.close()


def _fixes(wid, arr):
    from console.domain.positions import Fix

    return [Fix(wid, int(r["t"]), float(r["lon"]), float(r["lat"]), float(r["acc"]), float(r["vel"]), int(r["batt"]))
            for r in arr]


def test_the_wall_shows_this_shift_against_the_same_shift_before(day, district):
    store = open_store(day, readonly=True)
    try:
        now = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 local: the day shift so far
        cov = PatrolCoverage(store, district)
        svc = WallDataService(store, default_table(), clock=lambda: now, coverage=cov)
        snap = svc.refresh()
        _name, s0, _s1 = shift_window(now, district.info.timezone)
        want, _ = independent(store, district, s0, now)
        assert snap.tiles["patrol_coverage_rate"] == pytest.approx(want, rel=1e-9)
        assert snap.yesterday["patrol_coverage_rate"] is None  # no positions yesterday: "—", not 0 %
        assert snap.sparks["patrol_coverage_rate"][-1] == snap.tiles["patrol_coverage_rate"]
        reads = cov.reads
        svc.refresh()
        assert cov.reads <= reads + HISTORY_BUDGET + 1  # this shift incrementally, earlier ones once
    finally:
        store.close()


HISTORY_BUDGET = 2
