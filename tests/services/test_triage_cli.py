"""`triage-suggest` and `triage-eval` as a user runs them (the shipped model, cached in the data dir)."""

from __future__ import annotations

import json

from console.cli import main as cli_main
from console.store.paths import data_dir
from tests.triage_helpers import install_full_model


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_triage_suggest_writes_one_line_per_report(tmp_path, capsys):
    install_full_model(data_dir() / "triage")
    src = _write(tmp_path / "in.jsonl", [
        {"text": "我在金桥路跟长顺街那个路口，红绿灯全黑了，车子乱开"},
        {"text": "楼道里一股臭鸡蛋味，好像是煤气漏了", "lat": 30.55, "lon": 104.0},
    ])
    assert cli_main(["triage-suggest", "--in", str(src), "--db", f"sqlite:///{tmp_path / 'c.db'}"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2
    for line in lines:
        assert {"text", "category", "department", "confidence", "abstain", "top3", "reason"} <= set(line)
        assert len(line["top3"]) == 3
        assert line["reason"]
    assert lines[0]["department"] == "dept.traffic"
    assert lines[0]["family"] == "traffic"
    assert lines[1]["department"] == "dept.gas"
    assert lines[1]["grid_id"] is not None
    assert "责任网格" in lines[1]["reason"]


def test_triage_suggest_bad_line_is_one_clear_message(tmp_path, capsys):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "路灯不亮"}\n{"txt": 1}\n', encoding="utf-8")
    assert cli_main(["triage-suggest", "--in", str(src), "--db", f"sqlite:///{tmp_path / 'c.db'}"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"{src}:2: text: missing or empty"


def test_triage_eval_prints_the_figures_and_the_confusion_table(tmp_path, capsys):
    install_full_model(data_dir() / "triage")
    src = _write(tmp_path / "labelled.jsonl", [
        {"text": "电梯卡在两层之间了，里面有人", "family": "lift"},
        {"text": "路上一个大坑，骑车摔了", "department": "dept.housing"},
        {"text": "水果摊的秤有问题，缺斤短两", "department": "市场监管所"},
        {"text": "老人接到冒充公安的电话要他转账", "matter": "police.fraud"},
    ])
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert cli_main(["triage-eval", "--in", str(src), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "top-1 (family, among non-abstained): 100.0%" in out
    assert "top-3" in out
    assert "abstention" in out
    assert "confusion by family" in out
    assert cli_main(["triage-eval", "--in", str(src), "--db", db, "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["n"] == 4
    assert obj["top1"] == 1.0
    assert obj["confusion"]["lift"] == {"lift": 1}


def test_triage_eval_unknown_label_names_file_and_line(tmp_path, capsys):
    install_full_model(data_dir() / "triage")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    src = _write(tmp_path / "labelled.jsonl", [{"text": "路灯不亮", "family": "housing"}, {"text": "x", "family": "mars"},
                                               {"text": "水管爆了", "department": "自来水公司"}])
    assert cli_main(["triage-eval", "--in", str(src), "--db", db]) == 0
    out, err = capsys.readouterr()
    left_out = [ln for ln in err.splitlines() if "left out" in ln]
    assert left_out == [f"{src}:2: family/department/matter: no known label (mars); row left out"]
    assert "2 reports" in out
    assert "1 left out (unknown label)" in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "路灯不亮", "family": "housing"}\n{"text": ""}\n', encoding="utf-8")
    assert cli_main(["triage-eval", "--in", str(bad), "--db", db]) == 2
    assert f"{bad}:2: text: missing or empty" in capsys.readouterr().err.splitlines()
