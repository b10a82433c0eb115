"""The day report (issue 16): its numbers equal those recomputed independently from `export` on a
simulated day; XLSX has native charts; the PDF carries Chinese text; an empty day is an honest
empty report; the CLI turns bad input into one clear line."""

from __future__ import annotations

import json
import math
import shutil
import statistics
import subprocess
import zipfile
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest

from console.cli import main as cli_main
from console.domain.district import load_district
from console.domain.event import Level
from console.domain.scenario import generate
from console.domain.sla import Stage, default_table
from console.services.export import export
from console.services.report import build_report, day_window
from console.services.simulate import Shift, ShiftConfig
from console.store import open_store

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 23)
START = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # 2026-11-23 07:00 Asia/Shanghai
HOURS = 9.0


@pytest.fixture(scope="module")
def sim_day(tmp_path_factory) -> tuple[str, dict]:
    """A simulated shift of the demo scenario, persisted to a SQLite file."""
    path = tmp_path_factory.mktemp("report") / "day.db"
    url = f"sqlite:///{path}"
    district = load_district(ROOT / "resources" / "demo")
    store = open_store(url)
    try:
        stream = generate("normal_day", district, seed=3, start=START, hours=HOURS)
        result = Shift(stream, start=START, hours=HOURS, table=default_table(), store=store, district=district,
                       config=ShiftConfig(policy="suggested", delay_s=20)).run()
    finally:
        store.close()
    return url, result


def _t(text: str | None) -> float:
    return datetime.fromisoformat(text).timestamp() if text else math.nan


def recompute(events: list[dict], actions: list[dict], t0: float, t1: float) -> dict:
    """The KPI definitions of docs/sla.md, in plain Python over the exported records."""
    table = default_table()
    rows = [e for e in events if t0 <= _t(e["received_at"] or e["reported_at"]) < t1 and e["state"] != "rejected"]
    signed: dict[str, float] = {}
    for a in actions:
        if a["kind"] == "transition" and a["from_state"] == "dispatched" and \
                a["to_state"] in ("accepted", "on_scene", "resolved"):
            signed.setdefault(a["event_id"], _t(a["at"]))
    n = len(rows)
    closed = on_time = onsite = resolved = 0
    handling, delays = [], []
    disp_ok = disp_den = resp_ok = 0
    for e in rows:
        recv = _t(e["received_at"] or e["reported_at"])
        lv = Level(e.get("level") or "general")
        if _t(e["closed_at"]) <= t1:
            closed += 1
            due = table.add(datetime.fromtimestamp(recv, UTC), table.limit(e["category"], lv, Stage.CLOSE))
            on_time += _t(e["closed_at"]) <= due.timestamp()
        onsite += bool(e["onsite"])
        if _t(e["resolved_at"]) <= t1:
            resolved += 1
            handling.append(max(_t(e["resolved_at"]) - recv, 0.0))
        if not e["onsite"]:
            d = _t(e["dispatched_at"])
            if d <= t1:
                delays.append(d - recv)
                disp_den += 1
                disp_ok += (d - recv) <= 60
                s = signed.get(e["id"], math.nan)
                sign_due = table.add(datetime.fromtimestamp(d, UTC),
                                     table.limit(e["category"], lv, Stage.SIGN)).timestamp()
                resp_ok += s <= t1 and s <= sign_due
    return {
        "events": n, "closure_rate": closed / n, "on_time_rate": on_time / closed, "onsite_disposal_rate": onsite / n,
        "avg_handling_min": statistics.fmean(handling) / 60, "dispatch_median_s": statistics.median(delays),
        "dispatch_p90_s": float(np.quantile(delays, 0.9)), "dept_response_rate": resp_ok / disp_den,
        "per_grid": Counter(e["grid_id"] for e in rows if e.get("grid_id")), "per_source": Counter(e["source"] for e in rows),
        "per_hour": Counter(int((_t(e["received_at"] or e["reported_at"]) - t0) // 3600) for e in rows),
    }


def test_report_numbers_equal_export_recomputed(sim_day, tmp_path) -> None:
    url, sim = sim_day
    export(url, "events", "jsonl", tmp_path / "events.jsonl")
    export(url, "actions", "jsonl", tmp_path / "actions.jsonl")
    events = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    actions = [json.loads(line) for line in (tmp_path / "actions.jsonl").read_text(encoding="utf-8").splitlines()]
    t0, t1 = day_window(DAY, "Asia/Shanghai")
    want = recompute(events, actions, t0.timestamp(), t1.timestamp())
    store = open_store(url, readonly=True)
    try:
        data = build_report(store, default_table(), t0, t1, district=load_district(ROOT / "resources" / "demo"))
    finally:
        store.close()
    got = data.kpis
    assert got["events"] == want["events"] > 50
    assert sim["events"] >= got["events"]  # the simulator counts rejected reports too
    for key in ("closure_rate", "on_time_rate", "onsite_disposal_rate", "avg_handling_min", "dispatch_median_s",
                "dispatch_p90_s", "dept_response_rate"):
        assert got[key] == pytest.approx(want[key], rel=1e-9, abs=1e-9), key
    # the simulator's own KPIs of the same shift (the KPI strip's formulas) agree as well
    for key in ("closure_rate", "onsite_disposal_rate", "dispatch_p90_s", "dept_response_rate"):
        assert got[key] == pytest.approx(sim[key], abs=1e-4), key
    assert {gid: k["events"] for gid, _, k in data.by["grid"]} == dict(want["per_grid"])
    assert data.intake_source == dict(want["per_source"])
    assert {h: n for h, n in enumerate(data.intake_hour) if n} == dict(want["per_hour"])
    assert len(data.intake_hour) == 24
    assert sum(data.handling) == sum(1 for e in events if e["resolved_at"]
                                     and t0.timestamp() <= _t(e["received_at"]) < t1.timestamp())


def test_xlsx_has_native_charts_and_the_same_numbers(sim_day, tmp_path) -> None:
    url, sim = sim_day
    out = tmp_path / "day.xlsx"
    assert cli_main(["report", "--db", url, "--day", DAY.isoformat(), "--format", "xlsx", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        charts = [n for n in names if n.startswith("xl/charts/chart")]
        assert len(charts) == 3  # intake by hour, by source, handling time
        assert "xl/drawings/drawing1.xml" in names
        book = z.read("xl/workbook.xml").decode()
        for sheet in ("概览", "网格", "部门", "人员", "超期督办", "吹哨报到", "一键下达", "接报"):
            assert sheet in book
        strings = z.read("xl/sharedStrings.xml").decode()
        assert "办结率" in strings
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
        assert "<v>" in sheet1  # numbers are stored as number cells


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_embeds_the_cjk_font_and_chinese_text(sim_day, tmp_path, qapp) -> None:
    url, _ = sim_day
    out = tmp_path / "day.pdf"
    assert cli_main(["report", "--db", url, "--day", DAY.isoformat(), "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "考核指标" in text
    assert "办结率" in text
    assert "吹哨报到" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts
    assert " yes " in fonts


def test_empty_day_is_an_honest_empty_report(sim_day, tmp_path, capsys, qapp) -> None:
    url, _ = sim_day
    for fmt in ("xlsx", "pdf"):
        out = tmp_path / f"empty.{fmt}"
        assert cli_main(["report", "--db", url, "--day", "2026-01-01", "--out", str(out)]) == 0
        assert out.stat().st_size > 0
        assert "no events in this window" in capsys.readouterr().err
    store = open_store(url, readonly=True)
    try:
        t0, t1 = day_window(date(2026, 1, 1), "Asia/Shanghai")
        data = build_report(store, default_table(), t0, t1)
    finally:
        store.close()
    assert data.empty
    assert data.kpis["closure_rate"] is None
    assert data.intake_hour == [0] * 24


@pytest.mark.parametrize(("args", "message"), [
    (["--day", "2026-13-01", "--out", "{tmp}/r.xlsx"], "--day is not a date"),
    (["--from", "2026-11-23T08:00", "--out", "{tmp}/r.xlsx"], "--from and --to go together"),
    (["--from", "2026-11-23T08:00", "--to", "2026-11-23T07:00", "--out", "{tmp}/r.xlsx"], "--to must be after --from"),
    (["--from", "yesterday", "--to", "2026-11-23T07:00", "--out", "{tmp}/r.xlsx"], "--from is not an ISO 8601 time"),
    (["--day", "2026-11-23", "--out", "{tmp}/r.docx"], "unknown format 'docx'"),
    (["--day", "2026-11-23", "--out", "{tmp}/missing/r.xlsx"], "does not exist"),
    (["--day", "2026-11-23", "--format", "pdf", "--out", "{tmp}"], "is a directory"),
])
def test_bad_input_is_one_clear_line(sim_day, tmp_path, capsys, args, message) -> None:
    url, _ = sim_day
    argv = ["report", "--db", url, *[a.replace("{tmp}", str(tmp_path)) for a in args]]
    assert cli_main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("report: ")
    assert message in err[0]


def test_unwritable_output_and_missing_database(sim_day, tmp_path, capsys) -> None:
    url, _ = sim_day
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code = cli_main(["report", "--db", url, "--day", "2026-11-23", "--out", str(locked / "r.pdf")])
        err = capsys.readouterr().err.strip().splitlines()
        if code == 2:  # root may write anywhere: then the file is simply written
            assert len(err) == 1
            assert "cannot write" in err[0]
    finally:
        locked.chmod(0o700)
    assert cli_main(["report", "--db", str(tmp_path / "nope.db"), "--day", "2026-11-23",
                     "--out", str(tmp_path / "r.xlsx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("report: ")


def test_report_never_writes_the_database(sim_day, tmp_path) -> None:
    url, _ = sim_day
    path = Path(url.removeprefix("sqlite:///"))
    before = (path.stat().st_mtime_ns, path.read_bytes())
    assert cli_main(["report", "--db", url, "--day", DAY.isoformat(), "--out", str(tmp_path / "r.xlsx")]) == 0
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
