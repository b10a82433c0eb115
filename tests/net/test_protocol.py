"""Protocol v1: validation rules, readable reasons, mapping to domain records, schemas in sync."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.domain.event import UNCLASSIFIED, Level, Source, State
from console.net.protocol import (
    ORIGINAL_CATEGORY_KEY,
    CommandResult,
    EventRecord,
    FrameError,
    StatusRecord,
    Subscribed,
    decode_client_frame,
    decode_hub_frame,
    event_from_dict,
    event_to_wire,
    schema_dir,
    schema_texts,
)
from tests.net.helpers import event_obj


def frame(ev: object, seq: int = 7) -> str:
    return json.dumps({"type": "event", "seq": seq, "event": ev}, ensure_ascii=False)


def reason(raw: str) -> str:
    with pytest.raises(FrameError) as err:
        decode_hub_frame(raw)
    return err.value.reason


def test_valid_event_maps_to_domain():
    obj = event_obj(1, level="major", reporter={"name": "王芳", "phone": "138"}, camera_id="cam-1",
                    attachments=[{"kind": "image", "url": "https://x/1.jpg"}], description="d", custom={"a": 1})
    msg = decode_hub_frame(frame(obj))
    assert isinstance(msg, EventRecord)
    assert msg.seq == 7
    ev = msg.event
    assert ev.id == "ev-1"
    assert ev.source is Source.GRID_APP
    assert ev.level is Level.MAJOR
    assert ev.reported_at == datetime(2026, 11, 22, 1, 30, tzinfo=UTC)  # +08:00 converted to UTC
    assert ev.reported_at.tzinfo is UTC
    assert ev.location is not None
    assert ev.location.address == "云港社区"
    assert (ev.reporter_name, ev.reporter_phone, ev.camera_id) == ("王芳", "138", "cam-1")
    assert ev.attachments[0].url == "https://x/1.jpg"
    assert ev.extra == {"custom": {"a": 1}}
    assert ev.seq == 7
    assert ev.state is State.NEW


def test_optional_fields_and_grid_only():
    obj = {"id": "a.b:c-1_2", "source": "iot", "category": "iot.smoke", "title": "烟感",
           "reported_at": "2026-11-22T01:00:00Z", "grid_id": "yg-c01"}
    ev = decode_hub_frame(frame(obj)).event
    assert ev.level is Level.GENERAL
    assert ev.location is None
    assert ev.grid_id == "yg-c01"


def test_unknown_category_is_unclassified_and_kept():
    ev = decode_hub_frame(frame(event_obj(1, category="xx.new_kind"))).event
    assert ev.category == UNCLASSIFIED
    assert ev.extra[ORIGINAL_CATEGORY_KEY] == "xx.new_kind"
    assert event_to_wire(ev)["category"] == "xx.new_kind"


def test_onsite_flag_arrives_resolved():
    ev = decode_hub_frame(frame(event_obj(1, onsite=True))).event
    assert ev.onsite
    assert ev.state is State.RESOLVED
    assert "onsite" not in ev.extra
    assert event_to_wire(ev)["onsite"] is True


def test_round_trip_through_the_wire():
    obj = event_obj(5, level="critical", reporter={"name": "李"}, extra_field=[1, 2], category="nope")
    ev = decode_hub_frame(frame(obj)).event
    again = event_from_dict(json.loads(json.dumps(event_to_wire(ev))), seq=7)
    assert again == ev


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"location": {"lat": 123.4, "lon": 104.0}}, "event.location.lat: 123.4 is out of range −90..90"),
        ({"location": {"lat": 30.0, "lon": -190}}, "event.location.lon: -190 is out of range −180..180"),
        ({"location": {"lat": "30", "lon": 104.0}}, "event.location.lat: expected a number"),
        ({"id": "has space"}, "event.id: 'has space' is not a valid id"),
        ({"id": "x" * 65}, "event.id:"),
        ({"id": ""}, "event.id:"),
        ({"source": "twitter"}, "event.source: 'twitter' is not one of hotline_12345"),
        ({"level": "extreme"}, "event.level: 'extreme' is not one of general"),
        ({"title": "t" * 201}, "event.title: too long (201 chars, max 200)"),
        ({"title": ""}, "event.title: must not be empty"),
        ({"description": "d" * 5001}, "event.description: too long (5001 chars, max 5000)"),
        ({"reported_at": "2026-11-22T09:30:00"}, "event.reported_at: '2026-11-22T09:30:00' is not an RFC 3339"),
        ({"reported_at": "2026-13-40T09:30:00Z"}, "event.reported_at: '2026-13-40T09:30:00Z' is not a valid"),
        ({"reported_at": 1763775000}, "event.reported_at: 1763775000 is not an RFC 3339 timestamp"),
        ({"location": None}, "event: needs a location or a grid_id"),
        ({"attachments": [{"kind": "image"}]}, "event.attachments.0.url: missing"),
        ({"attachments": "x"}, "event.attachments: expected an array"),
        ({"reporter": ["x"]}, "event.reporter: expected an object"),
    ],
)
def test_invalid_events_have_readable_reasons(change, expected):
    obj = event_obj(1)
    obj.update(change)
    if change.get("location", 1) is None:
        del obj["location"]
    got = reason(frame(obj))
    assert got.startswith(expected), got


def test_missing_title_reason():
    obj = event_obj(1)
    del obj["title"]
    assert reason(frame(obj)) == "event.title: missing"


@pytest.mark.parametrize(
    ("raw", "expected", "seq"),
    [
        ("not json", "not JSON", None),
        ("[1, 2]", "frame is not a JSON object (got array)", None),
        ('"text"', "frame is not a JSON object (got string)", None),
        ('{"seq": 3}', 'frame has no "type"', 3),
        ('{"type": "gossip", "seq": 4}', "unknown frame type 'gossip'", 4),
        ('{"type": "event", "seq": 5, "event": []}', "event: expected an object, got array", 5),
        ('{"type": "event", "seq": 1.5, "event": {}}', "seq: expected an integer", None),
        ('{"type": "event", "seq": 0, "event": {}}', "seq:", None),
        ('{"type": "status", "seq": 9, "status": {"event_id": "a", "state": "done", "at": "2026-11-22T01:00:00Z"}}',
         "status.state: 'done' is not one of accepted, on_scene, resolved or returned", 9),
    ],
)
def test_bad_frames(raw, expected, seq):
    with pytest.raises(FrameError) as err:
        decode_hub_frame(raw)
    assert err.value.reason.startswith(expected), err.value.reason
    assert err.value.seq == seq


def test_other_hub_frames():
    assert decode_hub_frame('{"type":"subscribed","head_seq":12}') == Subscribed(12)
    st_ = decode_hub_frame('{"type":"status","seq":3,"status":{"event_id":"ev-1","state":"on_scene",'
                           '"unit_id":"dept.cityenf","at":"2026-11-22T10:00:00+08:00","note":"到场"}}')
    assert isinstance(st_, StatusRecord)
    assert st_.status.state is State.ON_SCENE
    assert st_.status.seq == 3
    assert st_.status.at == datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
    res = decode_hub_frame('{"type":"command_result","command_id":"c1","ok":false,"error":"nope"}')
    assert res == CommandResult("c1", False, "nope")


def test_client_frames():
    sub = decode_client_frame('{"type":"subscribe","console_id":"seat-1","after_seq":5}')
    assert sub.console_id == "seat-1"
    assert sub.after_seq == 5
    with pytest.raises(FrameError, match="after_seq"):
        decode_client_frame('{"type":"subscribe","console_id":"seat-1","after_seq":-1}')


def test_schemas_in_sync_with_models():
    """resources/schema is generated from the models: `python -m console.net.protocol`."""
    for name, text in schema_texts().items():
        path = schema_dir() / name
        assert path.exists(), f"missing {path}: run python -m console.net.protocol"
        assert path.read_text(encoding="utf-8") == text, f"{name} drifted: run python -m console.net.protocol"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
field_names = st.sampled_from(["id", "source", "category", "title", "description", "level", "reported_at",
                               "location", "grid_id", "reporter", "camera_id", "attachments", "extra"])


@st.composite
def fuzzed_frames(draw) -> str:
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return draw(st.text(max_size=60))
    if choice == 1:
        return json.dumps(draw(json_values))
    obj = event_obj(draw(st.integers(0, 10**6)))
    for _ in range(draw(st.integers(1, 3))):
        name = draw(field_names)
        if draw(st.booleans()):
            obj.pop(name, None)
        else:
            obj[name] = draw(json_values)
    kind = draw(st.sampled_from(["event", "event", "status", "bogus", 5, None]))
    out = {"type": kind, "seq": draw(st.one_of(st.integers(-3, 2**64), st.text(max_size=3), st.none()))}
    out["event" if choice != 4 else "status"] = obj
    return json.dumps(out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzzed_frames())
def test_fuzzed_frames_never_crash(raw):
    error: FrameError | None = None
    try:
        msg = decode_hub_frame(raw)
    except FrameError as exc:
        error = exc
    if error is None:
        assert isinstance(msg, EventRecord | StatusRecord | Subscribed | CommandResult)
        return
    assert error.reason
    assert len(error.reason) < 600
    assert "\n" not in error.reason
    assert error.seq is None or error.seq >= 1
