"""Hypothesis strategies for the intake fuzz test: hub records of every kind, each with its expected fate.

A strategy draws a :class:`Gen` — the *shape* of one hub record and its class (``valid_event``,
``nul``, ``deep_nesting`` …). The test renders it with a number unique over the whole run (``Gen.render``), so
event ids never repeat even when Hypothesis draws the same shape twice. A rendered record says what
the recorder must do with it: store the event once (``expect == "event"``), record the status once
(``"status"``) or quarantine the record once (``"quarantine"``).

Oracle (DESIGN §5, issue 13): a frame that is not JSON, not an object, of an unknown type, with a
missing or mistyped field, a field over its limit, a number out of range, nesting deeper than the
parser's limit, or a NUL character or a lone surrogate in any string (value or key) is quarantined
with a reason; everything else is stored, as sent. Other control characters (escaped), astral
characters, big integers (≤ 1000 digits) and shallow nesting in unknown fields are valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from console.domain.categories import CATEGORIES
from console.domain.event import Level, Source

KNOWN_FIELDS = ("id", "source", "category", "title", "description", "level", "reported_at", "location", "grid_id",
                "reporter", "camera_id", "attachments")
RESERVED_EXTRA = {*KNOWN_FIELDS, "onsite", "original_category"}
REQUIRED = ("id", "source", "category", "title", "reported_at")
STATUS_STATES = ("accepted", "on_scene", "resolved", "returned")
SEQ = "__SEQ__"  # the hub writes a raw record's seq here
ID = "\x01ID\x01"  # replaced by the unique id at render time
LOG_MAX_CHARS = 1 << 19  # the largest record a hub log takes (characters)

# text that is valid everywhere: no NUL, no lone surrogate (any other code point is fine)
_chars = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))
_ids = st.text(alphabet="ABCxyz0189._:-", max_size=12)


def text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text of ``min_size``..``max_size`` characters; long text repeats a short drawn piece (drawing
    thousands of characters one by one made a frame cost ~10 ms and overran Hypothesis' budget)."""
    if max_size <= 40:
        return st.text(_chars, min_size=min_size, max_size=max_size)
    short = st.text(_chars, min_size=min_size, max_size=40)
    long = st.tuples(st.text(_chars, min_size=1, max_size=8), st.integers(max(min_size, 41), max_size)).map(
        lambda t: (t[0] * (t[1] // len(t[0]) + 1))[: t[1]])
    return st.one_of(short, long)


@dataclass
class Rendered:
    kind: str  # hub log kind: event / status / raw
    payload: str
    expect: str  # event / status / quarantine
    event_id: str | None = None  # the event stored (expect event) or the status's event
    obj: dict[str, Any] | None = None  # the wire object of a valid event (to compare with the store)


@dataclass
class Gen:
    cls: str
    build: Callable[[str, list[str]], Rendered] = field(repr=False)

    def render(self, n: int, known_ids: list[str]) -> Rendered:
        return self.build(f"fz-{n}", known_ids)


# ---- JSON values --------------------------------------------------------------------------------
_scalars = st.one_of(
    st.none(), st.booleans(), text(),
    st.integers(-(2**70), 2**70),
    st.integers(1, 1000).map(lambda d: int("9" * d)),  # big integers: JSON has no limit, nor do we
    st.floats(allow_nan=False, allow_infinity=False),
)
json_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)


def nested(depth: int, leaf: Any = 1, kind: str = "list") -> str:
    """JSON text of ``depth`` nested arrays (or objects) around ``leaf``."""
    inner = json.dumps(leaf)
    if kind == "list":
        return "[" * depth + inner + "]" * depth
    return '{"a":' * depth + inner + "}" * depth


# ---- a valid event object -------------------------------------------------------------------------
# Strategies are built once, here: building them inside a composite on every draw (and Hypothesis
# validating each new one) cost more than the drawing itself.
_OFFSETS = st.sampled_from(("Z", "z", "+08:00", "-05:30", "+00:00", "+14:00", "-12:00"))
_DATETIMES = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 12, 31))
_FRACTIONS = st.sampled_from(("", "us", "ms"))
_SEPARATORS = st.sampled_from("Tt ")


def _timestamp(t: tuple[datetime, str, str, str]) -> str:
    dt, frac, sep, offset = t
    digits = {"": "", "us": f".{dt.microsecond:06d}", "ms": f".{dt.microsecond // 1000:03d}"}[frac]
    return f"{dt:%Y-%m-%d}{sep}{dt:%H:%M:%S}{digits}{offset}"


timestamps = st.tuples(_DATETIMES, _FRACTIONS, _SEPARATORS, _OFFSETS).map(_timestamp)
_LOCATION = st.fixed_dictionaries(
    {"lat": st.floats(-90, 90, allow_nan=False), "lon": st.floats(-180, 180, allow_nan=False)},
    optional={"address": st.one_of(st.none(), text(max_size=500))},
)
_PLACE = st.one_of(
    st.fixed_dictionaries({"location": _LOCATION}),
    st.fixed_dictionaries({"grid_id": text(1, 64)}),
    st.fixed_dictionaries({"location": _LOCATION, "grid_id": text(1, 64)}),
)
_EXTRA = st.dictionaries(
    text(max_size=12).filter(lambda k: k not in RESERVED_EXTRA),
    st.one_of(json_values, st.integers(1, 40).map(lambda d: json.loads(nested(d)))),
    max_size=3,
)
_EVENT = st.fixed_dictionaries(
    {
        "id": st.just(ID),
        "source": st.sampled_from([s.value for s in Source]),
        "category": st.one_of(st.sampled_from(sorted(CATEGORIES)[:40]), text(1, 64)),
        "title": text(1, 200),
        "reported_at": timestamps,
    },
    optional={
        "description": st.one_of(st.none(), text(max_size=5000)),
        "level": st.one_of(st.none(), st.sampled_from([lv.value for lv in Level])),
        "reporter": st.fixed_dictionaries({}, optional={"name": text(max_size=200), "phone": text(max_size=40)}),
        "camera_id": text(1, 64),
        "attachments": st.lists(st.fixed_dictionaries({"kind": text(1, 40), "url": text(1, 2000)}), max_size=3),
    },
)


def _merge(parts: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
    base, place, extra = parts
    return {**base, **place, **extra}


def event_objects() -> st.SearchStrategy[dict[str, Any]]:
    """A valid wire event object (its id is the placeholder ``ID``); a fresh dict each draw."""
    return _EVENT_OBJECTS


_EVENT_OBJECTS = st.tuples(_EVENT, _PLACE, _EXTRA).map(_merge)
# the valid event an invalid record starts from: mostly a plain one (a fifth of the choices of a rich
# one: drawing is the cost of this test), sometimes a rich one
_PLAIN = st.fixed_dictionaries({
    "id": st.just(ID),
    "source": st.sampled_from([s.value for s in Source]),
    "category": st.sampled_from(sorted(CATEGORIES)[:40]),
    "title": text(1, 40),
    "reported_at": timestamps,
    "location": st.just({"lat": 30.54, "lon": 104.06, "address": "云港社区"}),
})
_INVALID_BASE = st.one_of(_PLAIN, _PLAIN, _PLAIN, _EVENT_OBJECTS)


def _with_id(obj: dict[str, Any], eid: str) -> dict[str, Any]:
    return {k: (eid if v == ID else v) for k, v in obj.items()}


def _encode(obj: Any, ascii_: bool) -> str:
    return json.dumps(obj, ensure_ascii=ascii_)


# ---- choices, built once -----------------------------------------------------------------------------
_BOOL = st.booleans()
_PICK = st.integers(0, 10**6)
_ONE_IN_TEN = st.integers(0, 9)
_STATES = st.sampled_from(STATUS_STATES)
_BASE = text(0, 20)
_SOME_TEXT = text(max_size=200)
_MANY = st.integers(51, 300)
_OVER_BY = st.one_of(st.integers(1, 10), st.integers(11, 20_000))
_FILL = st.sampled_from(["a", "é", "网", "😀", " ", "\n"])
_WIDE = st.sampled_from(["😀", "𠀀", "🚧", "网"])
_WRONG_KIND = st.one_of(st.sampled_from(["evnt", "Event", "", "subscribe"]), st.integers(), st.none())
_WRONG_EVENT = st.sampled_from(["[]", "null", "5", '"event"', "true", "{}"])
_MISSING = st.sampled_from([*REQUIRED, "place", "frame.seq", "frame.type", "frame.event"])
_HUGE_WHERE = st.sampled_from(["seq", "lat", "lon", "extra"])
_BAD_SEQ = st.one_of(st.integers(2**62 + 1, 10**40), st.integers(4400, 6000).map(lambda d: "9" * d),
                     st.sampled_from(["1e400", "-1", "0", "1.5", "-0"]))
_BIG_COORD = st.sampled_from(["1e400", "-1e400", "1e309", "9" * 400, "-" + "9" * 5000])
_DIGITS = st.integers(5000, 20_000)
_DEPTH = st.one_of(st.integers(200, 400), st.integers(900, 1100), st.integers(5000, 50_000))
_NEST_KIND = st.sampled_from(["list", "object"])
_NEST_WHERE = st.sampled_from(["extra", "location", "reporter"])
_HOW = st.sampled_from(["truncate", "trailing", "control", "quote", "garbage", "text"])
_CUT = st.floats(0, 1, exclude_max=True)
_TAIL = st.sampled_from(["x", "}", ",", " {}", "]"])
_CTRL = st.characters(min_codepoint=0, max_codepoint=0x1F)


@st.composite
def valid_events(draw: st.DrawFn) -> Gen:
    obj = draw(event_objects())
    ascii_ = draw(_BOOL)  # \uXXXX escapes (incl. surrogate pairs) or raw UTF-8

    def build(eid: str, _known: list[str]) -> Rendered:
        o = _with_id(obj, eid)
        return Rendered("event", _encode(o, ascii_), "event", eid, o)

    return Gen("valid_event", build)


@st.composite
def valid_statuses(draw: st.DrawFn) -> Gen:
    """A status for an event stored earlier (or, before any, for an unknown one: quarantined)."""
    st_obj: dict[str, Any] = {"state": draw(_STATES), "at": draw(timestamps)}
    if draw(_BOOL):
        st_obj["unit_id"] = draw(text(1, 64))
    if draw(_BOOL):
        st_obj["note"] = draw(text(max_size=2000))
    pick = draw(_PICK)
    unknown = draw(_ONE_IN_TEN) == 0

    def build(eid: str, known: list[str]) -> Rendered:
        if unknown or not known:  # the store quarantines a status for an event it does not have
            return Rendered("status", json.dumps({**st_obj, "event_id": f"{eid}-nobody"}), "quarantine")
        target = known[pick % len(known)]
        return Rendered("status", json.dumps({**st_obj, "event_id": target}), "status", target)

    return Gen("valid_status", build)


# ---- invalid records ------------------------------------------------------------------------------
def _quarantined_event(cls: str, obj: dict[str, Any], ascii_: bool = False) -> Gen:
    def build(eid: str, _known: list[str]) -> Rendered:
        return Rendered("event", _encode(_with_id(obj, eid), ascii_), "quarantine")

    return Gen(cls, build)


def _quarantined_raw(cls: str, make: Callable[[str], str]) -> Gen:
    def build(eid: str, _known: list[str]) -> Rendered:
        return Rendered("raw", make(eid), "quarantine")

    return Gen(cls, build)


def _event_frame(obj: dict[str, Any], eid: str) -> str:
    return json.dumps({"type": "event", "seq": 0, "event": _with_id(obj, eid)}).replace(
        '"seq": 0', f'"seq": {SEQ}', 1)


_WRONG_ANY = st.one_of(st.integers(), st.booleans(), st.lists(st.integers(), max_size=2),
                       st.dictionaries(text(max_size=3), st.integers(), max_size=2))
_WRONG: dict[str, st.SearchStrategy[Any]] = {
    "id": st.one_of(_WRONG_ANY, st.none(), st.just(""), st.just("有 空格"), text(1, 20).map(lambda s: s + " /")),
    "source": st.one_of(_WRONG_ANY, st.none(), text(max_size=12).filter(lambda s: s not in set(Source))),
    "category": st.one_of(_WRONG_ANY, st.none(), st.just("")),
    "title": st.one_of(_WRONG_ANY, st.none(), st.just("")),
    "reported_at": st.one_of(_WRONG_ANY, st.none(), st.sampled_from(
        ["yesterday", "2026-02-30T10:00:00+08:00", "2026-11-22T25:00:00Z", "2026-11-22", "1732269000",
         "2026-11-22T09:30:00"])),
    "description": _WRONG_ANY,
    "level": st.one_of(_WRONG_ANY, st.sampled_from(["urgent", "GENERAL", ""])),
    "location": st.one_of(_WRONG_ANY, st.just("云港社区"), st.just({"lat": "30.5", "lon": 104.0}),
                          st.just({"lat": 91.0, "lon": 104.0}), st.just({"lat": 30.5, "lon": -180.5}),
                          st.just({"lon": 104.0}), st.just({"lat": True, "lon": 104.0})),
    "grid_id": st.one_of(_WRONG_ANY, st.just("")),
    "reporter": st.one_of(st.integers(), st.just("张三"), st.just({"name": 5}), st.just({"phone": ["1"]})),
    "camera_id": st.one_of(_WRONG_ANY, st.just("")),
    "attachments": st.one_of(st.just({"kind": "photo", "url": "u"}), st.just("x"),
                             st.just([{"kind": 1, "url": "u"}]), st.just([{"kind": "photo"}]), st.just([5])),
}

_WRONG_WHERE = st.sampled_from([*_WRONG, "frame.type", "frame.event"])


@st.composite
def wrong_types(draw: st.DrawFn) -> Gen:
    obj = draw(_INVALID_BASE)
    where = draw(_WRONG_WHERE)
    if where == "frame.type":
        kind = draw(_WRONG_KIND)
        return _quarantined_raw("wrong_types", lambda eid: json.dumps(
            {"type": kind, "seq": 0, "event": _with_id(obj, eid)}).replace('"seq": 0', f'"seq": {SEQ}', 1))
    if where == "frame.event":
        payload = draw(_WRONG_EVENT)
        return Gen("wrong_types", lambda _eid, _k: Rendered("event", payload, "quarantine"))
    obj[where] = draw(_WRONG[where])
    return _quarantined_event("wrong_types", obj)


@st.composite
def missing_fields(draw: st.DrawFn) -> Gen:
    obj = draw(_INVALID_BASE)
    what = draw(_MISSING)
    if what == "place":
        obj.pop("location", None)
        obj.pop("grid_id", None)
    elif what.startswith("frame."):
        name = what.removeprefix("frame.")
        return _quarantined_raw("missing_fields", lambda eid: json.dumps(
            {k: v for k, v in {"type": "event", "seq": 0, "event": _with_id(obj, eid)}.items() if k != name}
        ).replace('"seq": 0', f'"seq": {SEQ}', 1))
    else:
        obj.pop(what)
    return _quarantined_event("missing_fields", obj)


_LIMITS = {  # field → (limit in chars, setter)
    "id": 64, "category": 64, "title": 200, "description": 5000, "grid_id": 64, "camera_id": 64,
    "location.address": 500, "reporter.name": 200, "reporter.phone": 40, "attachments.kind": 40,
    "attachments.url": 2000,
}

_OVERSIZED = st.sampled_from([*_LIMITS, "attachments.count"])


def _set_path(obj: dict[str, Any], path: str, value: Any) -> None:
    head, _, tail = path.partition(".")
    if not tail:
        obj[head] = value
    elif head == "location":
        obj[head] = {**(obj.get(head) or {"lat": 30.5, "lon": 104.0}), tail: value}
    elif head == "attachments":
        obj[head] = [{"kind": "photo", "url": "https://x/y.jpg", tail: value}]
    else:
        obj[head] = {**(obj.get(head) or {}), tail: value}


@st.composite
def oversized_fields(draw: st.DrawFn) -> Gen:
    obj = draw(_INVALID_BASE)
    what = draw(_OVERSIZED)
    if what == "attachments.count":
        obj["attachments"] = [{"kind": "photo", "url": f"https://x/{i}.jpg"} for i in range(draw(_MANY))]
    else:
        length = _LIMITS[what] + draw(_OVER_BY)
        ch = "a" if what == "id" else draw(_FILL)
        _set_path(obj, what, ch * length)
    return _quarantined_event("oversized_fields", obj, ascii_=draw(_BOOL))


_STRING_PATHS = ("title", "description", "category", "grid_id", "camera_id", "location.address", "reporter.name",
                 "reporter.phone", "attachments.url", "attachments.kind", "extra", "extra.key")
_PATHS = st.sampled_from(_STRING_PATHS)


@st.composite
def poisoned(draw: st.DrawFn, cls: str, chars: st.SearchStrategy[str]) -> Gen:
    """A valid event with one bad character (NUL or a lone surrogate) somewhere in a string."""
    obj = draw(_INVALID_BASE)
    path = draw(_PATHS)
    bad = draw(chars)
    base = draw(_BASE)
    at = draw(_PICK) % (len(base) + 1)
    value = base[:at] + bad + base[at:]
    if path == "extra":
        obj["x-note"] = [value, [value], {"k": value}][draw(_PICK) % 3]
    elif path == "extra.key":
        obj[value] = 1
    else:
        _set_path(obj, path, value[:40] if path in ("reporter.phone", "attachments.kind") else value[:64])
    return _quarantined_event(cls, obj, ascii_=True if cls == "lone_surrogate" else draw(_BOOL))


def nul_events() -> st.SearchStrategy[Gen]:
    return poisoned("nul", st.just("\x00"))


def surrogate_events() -> st.SearchStrategy[Gen]:
    return poisoned("lone_surrogate", st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))


@st.composite
def huge_numbers(draw: st.DrawFn) -> Gen:
    obj = draw(_INVALID_BASE)
    what = draw(_HUGE_WHERE)
    if what == "seq":
        seq = draw(_BAD_SEQ)
        return _quarantined_raw("huge_numbers", lambda eid: _event_frame(obj, eid).replace(SEQ, str(seq), 1))
    if what in ("lat", "lon"):
        big = draw(_BIG_COORD)
        obj["location"] = {"lat": 30.5, "lon": 104.0, what: "\x02BIG\x02"}
        marker = '"\\u0002BIG\\u0002"'
    else:
        big = "9" * draw(_DIGITS)  # past what a JSON parser takes
        obj["x-count"] = "\x02BIG\x02"
        marker = '"\\u0002BIG\\u0002"'
    return Gen("huge_numbers", lambda eid, _k: Rendered(
        "event", json.dumps(_with_id(obj, eid)).replace(marker, big, 1), "quarantine"))


@st.composite
def deep_nesting(draw: st.DrawFn) -> Gen:
    obj = draw(_INVALID_BASE)
    depth = draw(_DEPTH)
    kind = draw(_NEST_KIND)
    where = draw(_NEST_WHERE)
    obj[where if where != "extra" else "x-deep"] = "\x02DEEP\x02"
    deep = nested(depth, kind=kind)
    return Gen("deep_nesting", lambda eid, _k: Rendered(
        "event", json.dumps(_with_id(obj, eid)).replace('"\\u0002DEEP\\u0002"', deep, 1), "quarantine"))


_GARBAGE = st.sampled_from(["", " ", "\n", "null", "[]", "42", '"event"', "true", "{", "}", "{}", "[{}]",
                            "\ufeff{}", "{'type': 'event'}", "{\"type\":\"event\",}", "NaN", "<xml/>"])


@st.composite
def malformed_json(draw: st.DrawFn) -> Gen:
    obj = draw(_INVALID_BASE)
    how = draw(_HOW)
    if how == "garbage":
        raw = draw(_GARBAGE)
        return _quarantined_raw("malformed_json", lambda _eid: raw)
    if how == "text":
        raw = "#" + draw(_SOME_TEXT)
        return _quarantined_raw("malformed_json", lambda _eid: raw)
    cut = draw(_CUT)
    tail = draw(_TAIL)
    ctrl = draw(_CTRL)

    def make(eid: str) -> str:
        full = _event_frame(obj, eid)
        if how == "truncate":  # every proper prefix of an object's text is incomplete
            return full[: int(len(full) * cut)]
        if how == "trailing":
            return full + tail
        if how == "control":  # a raw control character inside a string
            i = full.index('"title": "') + len('"title": "')
            return full[:i] + ctrl + full[i:]
        return full.replace('"', "'", 1)

    return _quarantined_raw("malformed_json", make)


def oversized_frame(k: int) -> Gen:
    """The ``k``-th large record: as large as a hub log takes (512 Ki characters, ~2 MiB of 4-byte
    UTF-8) or ~1 MiB. Made here, not drawn: Hypothesis would draw this rare class far too often, and
    drawing it less often cannot depend on the test's state. The description is far past 5000
    characters: quarantined, as fast as any other."""
    ch = ("😀", "𠀀", "🚧", "网")[k % 4]
    full = k % 2 == 0

    def build(eid: str, _known: list[str]) -> Rendered:
        o = {"id": eid, "source": "iot", "category": "iot.smoke", "title": f"大记录 {k}",
             "reported_at": "2026-11-22T09:30:00+08:00", "location": {"lat": 30.5, "lon": 104.0}}
        rest = len(json.dumps({**o, "description": ""}, ensure_ascii=False))
        fill = LOG_MAX_CHARS - rest if full else 1 << 18
        return Rendered("event", json.dumps({**o, "description": ch * fill}, ensure_ascii=False), "quarantine")

    return Gen("oversized_frame", build)


def frames() -> st.SearchStrategy[Gen]:
    """One record of any class; valid events and statuses are about half."""
    return _FRAMES


_FRAMES = st.one_of(
    valid_events(), valid_events(), valid_events(), valid_events(), valid_events(), valid_statuses(),
    malformed_json(), wrong_types(), oversized_fields(), nul_events(), surrogate_events(), missing_fields(),
    huge_numbers(), deep_nesting(),
)
