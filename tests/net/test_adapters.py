"""Open311 GeoReport v2 and CAP 1.2 adapters, and the hub publishing a directory of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from console.domain.event import UNCLASSIFIED, Level, Source
from console.net.adapters import AdapterError, load_path
from console.net.adapters.cap import parse_cap
from console.net.adapters.open311 import parse_open311
from console.net.protocol import FrameError, event_from_dict

FIX = Path(__file__).parent / "fixtures"


def test_open311_requests_become_events():
    res = parse_open311((FIX / "open311_requests.json").read_bytes(), origin="requests.json")
    assert res.problems == ["requests.json[3]: service request without service_request_id"]
    first, second, third = (obj for _kind, obj in res.records)
    ev = event_from_dict(first)
    assert ev.id == "o311:638344"
    assert ev.source is Source.HOTLINE_12345
    assert ev.category == UNCLASSIFIED
    assert ev.extra["original_category"] == "006"
    assert ev.title == "Sidewalk and Curb Issues"
    assert ev.reported_at.isoformat() == "2026-11-20T14:37:38+00:00"
    assert (ev.location.lat, ev.location.lon, ev.location.address) == (37.762221815, -122.4651145,
                                                                       "8TH AVE and JUDAH ST")
    assert ev.attachments[0].url.endswith("638344.jpg")
    assert ev.extra["open311"]["status"] == "closed"
    ev2 = event_from_dict(second)
    assert ev2.category == "city.garbage"
    assert ev2.reported_at.isoformat() == "2026-11-22T01:10:00+00:00"  # no offset: taken as +08:00
    assert ev2.location.lat == pytest.approx(30.5425)
    assert len(third["id"]) <= 64
    with pytest.raises(FrameError, match="needs a location or a grid_id"):
        event_from_dict(third)  # mapped, but the console quarantines it


def test_cap_actual_alert_prefers_chinese_info():
    (kind, obj), = parse_cap((FIX / "cap_actual.xml").read_bytes()).records
    ev = event_from_dict(obj)
    assert kind == "event"
    assert ev.id == "cap:CN-YG-2026-1122-0001"
    assert ev.title == "云港街道暴雨红色预警"
    assert ev.category == "emg.waterlogging"
    assert ev.level is Level.MAJOR
    assert ev.location.lat == pytest.approx(30.54)
    assert ev.location.lon == pytest.approx(104.0)
    assert "下穿隧道" in ev.description
    assert "drill" not in ev.extra
    assert ev.extra["cap"]["status"] == "Actual"


def test_cap_update_and_cancel_reference_the_original():
    original = parse_cap((FIX / "cap_actual.xml").read_bytes()).records[0][1]
    update = parse_cap((FIX / "cap_update.xml").read_bytes()).records[0][1]
    cancel = parse_cap((FIX / "cap_cancel.xml").read_bytes()).records[0][1]
    assert update["id"] == cancel["id"] == original["id"]
    assert update["level"] == "critical"
    assert update["cap"]["msg_type"] == "Update"
    assert cancel["cap"]["cancelled"] is True
    assert cancel["cap"]["identifier"] == "CN-YG-2026-1122-0003"


def test_cap_exercise_kept_apart_from_actual():
    (_, drill), = parse_cap((FIX / "cap_exercise.xml").read_bytes()).records
    actual = parse_cap((FIX / "cap_actual.xml").read_bytes()).records[0][1]
    assert drill["id"] == "cap-exercise:CN-YG-2026-1122-0001" != actual["id"]  # same identifier, never merged
    assert drill["drill"] is True
    assert drill["title"].startswith("[演练] ")
    assert drill["level"] == "general"
    assert event_from_dict(drill).extra["cap"]["status"] == "Exercise"


def test_cap_entity_bomb_and_garbage_are_refused():
    with pytest.raises(AdapterError, match="not a usable XML document"):
        parse_cap((FIX / "cap_bomb.xml").read_bytes())
    with pytest.raises(AdapterError, match="not a usable XML"):
        parse_cap(b"<alert")
    res = parse_cap(b'<alert xmlns="urn:other"><identifier>x</identifier></alert>')
    assert res.records == []
    assert "not a CAP" in res.problems[0]


def test_load_directory(tmp_path):
    for name in ("open311_requests.json", "cap_actual.xml", "cap_update.xml", "cap_exercise.xml"):
        shutil.copy(FIX / name, tmp_path / name)
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": "x1", "source": "iot"}) + "\nnot json\n")
    (tmp_path / "notes.txt").write_text("ignored")
    res = load_path(tmp_path)
    ids = [obj["id"] for _k, obj in res.records]
    assert ids[:3] == ["cap:CN-YG-2026-1122-0001", "cap-exercise:CN-YG-2026-1122-0001", "cap:CN-YG-2026-1122-0001"]
    assert "x1" in ids
    assert "o311:638344" in ids
    assert any("more.jsonl:2: not JSON" in p for p in res.problems)
    with pytest.raises(AdapterError, match="no such file"):
        load_path(tmp_path / "missing")


def _bad_and_good_dir(tmp_path: Path) -> Path:
    """A --from directory where every kind of bad file or record sits next to good ones (issue 13 #5)."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FIX / "cap_bomb.xml", src / "a_bomb.xml")  # unsafe XML: the whole file
    (src / "b_deep.json").write_text("[" * 100_000 + "]" * 100_000)  # JSON nested too deeply
    lines = [
        json.dumps(event_obj("good-1")),
        "[" * 100_000 + "]" * 100_000,  # line 2: too deep
        json.dumps(event_obj("big", description="x" * 600_000)),  # line 3: larger than the hub log takes
        '{"id": "sur", "source": "iot", "title": "bad \\ud800 text"}',  # line 4: a lone surrogate (escaped)
        json.dumps(event_obj("good-2", title="段落\u2028分隔"), ensure_ascii=False),  # U+2028 is not a line break
    ]
    jsonl = "\n".join(lines).encode("utf-8") + b"\n" + b'{"id": "raw-sur", "title": "\xed\xa0\x80"}\n'  # line 6
    (src / "c_mixed.jsonl").write_bytes(jsonl)
    (src / "d_good.json").write_text(json.dumps([event_obj("good-3"), event_obj("sur2", reporter={"name": "\ud800"})],
                                                ensure_ascii=True))
    broken_circle = (FIX / "cap_actual.xml").read_text(encoding="utf-8").replace(
        "<polygon>30.53,103.99 30.53,104.01 30.55,104.01 30.55,103.99 30.53,103.99</polygon>",
        "<circle>1.2.3,104.0 2</circle>")
    (src / "e_circle.xml").write_text(broken_circle, encoding="utf-8")
    shutil.copy(FIX / "cap_exercise.xml", src / "f_exercise.xml")
    return src


def event_obj(i: str, **over):
    obj = {"id": f"ev-{i}", "source": "grid_app", "category": "city.garbage", "title": f"暴露垃圾 {i}",
           "reported_at": "2026-11-22T09:30:00+08:00", "location": {"lat": 30.54, "lon": 104.0}}
    obj.update(over)
    return obj


def test_load_path_skips_each_bad_file_and_record_with_its_reason(tmp_path):
    res = load_path(_bad_and_good_dir(tmp_path))
    ids = [obj["id"] for _k, obj in res.records]
    assert ids == ["ev-good-1", "ev-good-2", "ev-good-3", "cap-exercise:CN-YG-2026-1122-0001"]
    assert res.records[1][1]["title"] == "段落\u2028分隔"
    problems = "\n".join(res.problems)
    assert "a_bomb.xml: not a usable XML document: unsafe XML refused" in problems
    assert "b_deep.json: nested too deeply to parse — file skipped" in problems
    assert "c_mixed.jsonl:2: nested too deeply" in problems
    assert "c_mixed.jsonl:3: too large (" in problems
    assert "c_mixed.jsonl:4: title: lone surrogate U+D800" in problems
    assert "c_mixed.jsonl:6: not UTF-8" in problems
    assert "d_good.json[1]: reporter.name: lone surrogate U+D800" in problems
    assert "e_circle.xml[0]: could not convert string to float" in problems
    assert len(res.problems) == 8, problems


def test_load_path_skips_a_file_over_the_size_cap(tmp_path, monkeypatch):
    import console.net.adapters as adapters

    monkeypatch.setattr(adapters, "MAX_FILE_BYTES", 1000)
    (tmp_path / "big.jsonl").write_text("\n".join(json.dumps(event_obj(str(i))) for i in range(20)))
    (tmp_path / "small.jsonl").write_text(json.dumps(event_obj("s")))
    res = load_path(tmp_path)
    assert [obj["id"] for _k, obj in res.records] == ["ev-s"]
    assert len(res.problems) == 1
    assert res.problems[0].startswith("big.jsonl: ")
    assert "larger than the limit of 1,000 bytes" in res.problems[0]
