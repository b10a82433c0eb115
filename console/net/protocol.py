"""Feed protocol v1 (DESIGN §5): wire types, validation, and the mapping to domain records.

Frames are UTF-8 JSON objects with a ``"type"``. Hub → console frames (the hot path) are pydantic v2
``TypedDict`` schemas in strict mode, validated straight from the JSON text in pydantic-core
(``validate_json``, no model objects); console → hub frames are small models. Every failure becomes
one short human-readable reason (``field.path: problem``, see ``console.net.reasons``) for the
quarantine. The JSON Schemas in ``resources/schema/`` are generated from these types
(``python -m console.net.protocol``); a test fails when they drift.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, with_config
from typing_extensions import TypedDict

from console.domain.categories import CATEGORIES
from console.domain.event import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    UNCLASSIFIED,
    Attachment,
    Event,
    Level,
    Location,
    Source,
    State,
)
from console.domain.ingest import StatusUpdate
from console.net.limits import (
    CLIENT_MAX_FRAME_BYTES,  # noqa: F401  (the sizes are re-exported: callers import them from here)
    MAX_FRAME_BYTES,  # noqa: F401
    MAX_RECORD_CHARS,  # noqa: F401
    MAX_RECORD_FRAME_BYTES,
    has_nul_escape,
    lenient,
    oversized,
    seq_of,
    unstorable_frame,
)
from console.net.reasons import describe, short, unstorable

PROTOCOL_VERSION = 1
ID_PATTERN = r"^[A-Za-z0-9._:-]{1,64}$"
STATUS_STATES = ("accepted", "on_scene", "resolved", "returned")
ORIGINAL_CATEGORY_KEY = "original_category"  # Event.extra key keeping an unknown category code
ONSITE_KEY = "onsite"  # optional wire flag: resolved on the spot by the reporter (谁发现谁处置)

RFC3339_PATTERN = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$"
_ID_RE = re.compile(ID_PATTERN)


class FrameError(ValueError):
    """A frame that cannot be used: ``reason`` is short and human-readable."""

    def __init__(self, reason: str, seq: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.seq = seq


# ---- field types ----------------------------------------------------------------------------------
def parse_time(v: str, path: str) -> datetime:
    """An already pattern-checked RFC 3339 text → aware UTC datetime; FrameError if not a real date."""
    try:
        return datetime.fromisoformat(v.replace("z", "Z")).astimezone(UTC)
    except ValueError:
        raise FrameError(f"{path}: {short(v)} is not a valid date/time") from None


Timestamp = Annotated[str, Field(pattern=RFC3339_PATTERN)]  # parsed to UTC after validation
Id = Annotated[str, Field(pattern=ID_PATTERN)]
Lat = Annotated[float, Field(ge=-90.0, le=90.0, allow_inf_nan=False)]
Lon = Annotated[float, Field(ge=-180.0, le=180.0, allow_inf_nan=False)]
Seq = Annotated[int, Field(ge=1, le=2**62)]
Short = Annotated[str, Field(min_length=1, max_length=64)]
_STRICT = ConfigDict(strict=True)


# ---- event and status objects (TypedDicts: validated in pydantic-core, no model objects) -----------
@with_config(ConfigDict(strict=True, title="location"))
class LocationDict(TypedDict):
    lat: Lat
    lon: Lon
    address: NotRequired[Annotated[str, Field(max_length=500)] | None]


@with_config(ConfigDict(strict=True, title="reporter"))
class ReporterDict(TypedDict):
    name: NotRequired[Annotated[str, Field(max_length=200)] | None]
    phone: NotRequired[Annotated[str, Field(max_length=40)] | None]


@with_config(ConfigDict(strict=True, title="attachment"))
class AttachmentDict(TypedDict):
    kind: Annotated[str, Field(min_length=1, max_length=40)]
    url: Annotated[str, Field(min_length=1, max_length=2000)]


@with_config(ConfigDict(strict=True, extra="allow", title="event"))
class EventDict(TypedDict):
    """The protocol's event object; unknown fields are kept. One of location / grid_id is required."""

    id: Id
    source: Source
    category: Short
    title: Annotated[str, Field(min_length=1, max_length=TITLE_MAX)]
    description: NotRequired[Annotated[str, Field(max_length=DESCRIPTION_MAX)] | None]
    level: NotRequired[Level | None]
    reported_at: Timestamp
    location: NotRequired[LocationDict | None]
    grid_id: NotRequired[Short | None]
    reporter: NotRequired[ReporterDict | None]
    camera_id: NotRequired[Short | None]
    attachments: NotRequired[Annotated[list[AttachmentDict], Field(max_length=50)] | None]


@with_config(ConfigDict(strict=True, title="status"))
class StatusDict(TypedDict):
    event_id: Id
    state: Literal["accepted", "on_scene", "resolved", "returned"]
    unit_id: NotRequired[Short | None]
    at: Timestamp
    note: NotRequired[Annotated[str, Field(max_length=2000)] | None]


# ---- frames ---------------------------------------------------------------------------------------
@with_config(_STRICT)
class SubscribedFrame(TypedDict):
    type: Literal["subscribed"]
    head_seq: Annotated[int, Field(ge=0)]
    # the id of the hub's log (made when the log was created): a new id means a new log whose seqs
    # start again — the console resynchronises. Hubs before it send none.
    log_id: NotRequired[Short | None]


@with_config(_STRICT)
class EventFrame(TypedDict):
    type: Literal["event"]
    seq: Seq
    event: EventDict


@with_config(_STRICT)
class StatusFrame(TypedDict):
    type: Literal["status"]
    seq: Seq
    status: StatusDict


@with_config(_STRICT)
class CommandResultFrame(TypedDict):
    type: Literal["command_result"]
    command_id: Short
    ok: bool
    error: NotRequired[str | None]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class SubscribeFrame(_Model):
    type: Literal["subscribe"]
    console_id: Short
    after_seq: Annotated[int, Field(ge=0, le=2**62)] = 0


class AckFrame(_Model):
    type: Literal["ack"]
    seq: Annotated[int, Field(ge=0, le=2**62)]


class CommandFrame(_Model):
    type: Literal["command"]
    command_id: Short
    action: Annotated[str, Field(min_length=1, max_length=32)]
    event_id: Id | None = None
    payload: dict[str, Any] = Field(default_factory=dict)


HubFrame = Annotated[
    SubscribedFrame | EventFrame | StatusFrame | CommandResultFrame, Field(discriminator="type")
]
ClientFrame = Annotated[SubscribeFrame | AckFrame | CommandFrame, Field(discriminator="type")]
_HUB: TypeAdapter[Any] = TypeAdapter(HubFrame)
_CLIENT: TypeAdapter[Any] = TypeAdapter(ClientFrame)
_EVENT: TypeAdapter[Any] = TypeAdapter(EventDict)
_STATUS: TypeAdapter[Any] = TypeAdapter(StatusDict)
_EVENT_FIELDS = frozenset(EventDict.__annotations__)
_validate_hub_json = _HUB.validator.validate_json  # the core validator itself: no wrapper per frame
_SOURCES = {m.value: m for m in Source}  # dict lookups: several times cheaper than Enum(value)
_LEVELS = {m.value: m for m in Level}


# ---- decoded hub messages -------------------------------------------------------------------------
@dataclass(slots=True)
class Subscribed:
    head_seq: int
    log_id: str | None = None


@dataclass(slots=True)
class EventRecord:
    seq: int
    event: Event


@dataclass(slots=True)
class StatusRecord:
    seq: int
    status: StatusUpdate


@dataclass(slots=True)
class CommandResult:
    command_id: str
    ok: bool
    error: str | None = None


HubMessage = Subscribed | EventRecord | StatusRecord | CommandResult


_POSITIONAL_FIELDS = (
    "id", "source", "category", "title", "reported_at", "description", "level", "location", "grid_id",
    "reporter_name", "reporter_phone", "camera_id", "attachments", "extra", "state", "received_at", "seq",
    "updated_at", "assignees", "dispatched_at", "deadline_at", "resolved_at", "closed_at", "duplicate_of",
    "duplicate_count", "claimed_by", "claim_until", "supervised", "onsite",
)
if tuple(Event.__slots__[: len(_POSITIONAL_FIELDS)]) != _POSITIONAL_FIELDS:  # type: ignore[attr-defined]
    raise RuntimeError("Event's fields changed: update event_from_wire")
_last_time: tuple[str, datetime | None] = ("", None)  # one-entry memo: a hub burst shares one timestamp


def _reported_at(text: str, seq: int | None) -> datetime:
    global _last_time
    last_text, last_value = _last_time
    if text == last_text and last_value is not None:
        return last_value
    try:
        value = parse_time(text, "event.reported_at")
    except FrameError as exc:
        exc.seq = seq
        raise
    _last_time = (text, value)
    return value


def event_from_wire(d: dict[str, Any], *, seq: int | None = None, received_at: datetime | None = None) -> Event:
    """A validated event object (``EventDict``) → :class:`Event`; raises :class:`FrameError`."""
    get = d.get
    loc = get("location")
    grid_id = get("grid_id")
    if loc is None and grid_id is None:
        raise FrameError("event: needs a location or a grid_id", seq)
    extra = {k: v for k, v in d.items() if k not in _EVENT_FIELDS}  # unknown fields, in wire order
    onsite = extra.pop(ONSITE_KEY, False) is True if extra else False
    raw_code = d["category"]
    code = raw_code if raw_code in CATEGORIES else UNCLASSIFIED
    if code == UNCLASSIFIED and raw_code != UNCLASSIFIED:
        extra[ORIGINAL_CATEGORY_KEY] = raw_code
    rep = get("reporter")
    att = get("attachments")
    level = get("level")
    # positional (the hot path of ingest): Event's fields in declaration order, up to ``onsite``
    return Event(
        d["id"],
        _SOURCES[d["source"]],
        code,
        d["title"],
        _reported_at(d["reported_at"], seq),
        get("description"),
        _LEVELS[level] if level else Level.GENERAL,
        Location(loc["lat"], loc["lon"], loc.get("address")) if loc else None,
        grid_id,
        rep.get("name") if rep else None,
        rep.get("phone") if rep else None,
        get("camera_id"),
        [Attachment(a["kind"], a["url"]) for a in att] if att else [],
        extra,
        State.RESOLVED if onsite else State.NEW,
        received_at,
        seq,
        None,  # updated_at
        [],  # assignees
        None,  # dispatched_at
        None,  # deadline_at
        None,  # resolved_at
        None,  # closed_at
        None,  # duplicate_of
        0,  # duplicate_count
        None,  # claimed_by
        None,  # claim_until
        False,  # supervised
        onsite,
    )


def status_from_wire(d: dict[str, Any], seq: int) -> StatusUpdate:
    try:
        at = parse_time(d["at"], "status.at")
    except FrameError as exc:
        exc.seq = seq
        raise
    return StatusUpdate(seq=seq, event_id=d["event_id"], state=State(d["state"]), unit_id=d.get("unit_id"),
                        at=at, note=d.get("note"))


def decode_hub_frame(raw: str | bytes, received_at: datetime | None = None) -> HubMessage:
    """Parse and validate one hub → console frame; raises :class:`FrameError` with a reason."""
    if len(raw) > MAX_RECORD_FRAME_BYTES // 4:
        too_large = oversized(raw)
        if too_large is not None:
            raise FrameError(*too_large)
    try:
        f = _validate_hub_json(raw)
    except ValidationError as exc:
        reason = describe(exc)
        if reason.startswith("not JSON"):  # a raw NUL or a lone surrogate escape: say where
            reason = unstorable_frame(raw, None) or reason
        raise FrameError(reason, seq_of(raw)) from None
    except (ValueError, RecursionError) as exc:  # e.g. invalid UTF-8 in bytes
        raise FrameError(f"not JSON: {exc}"[:200], None) from None
    kind = f["type"]
    if kind == "event":
        seq = f["seq"]
        if has_nul_escape(raw):
            _refuse_unstorable(raw, f, seq)
        return EventRecord(seq, event_from_wire(f["event"], seq=seq, received_at=received_at))
    if kind == "status":
        if has_nul_escape(raw):
            _refuse_unstorable(raw, f, f["seq"])
        return StatusRecord(f["seq"], status_from_wire(f["status"], f["seq"]))
    if kind == "subscribed":
        return Subscribed(f["head_seq"], f.get("log_id"))
    return CommandResult(f["command_id"], f["ok"], f.get("error"))


def _refuse_unstorable(raw: str | bytes, frame: dict[str, Any], seq: int) -> None:
    reason = unstorable_frame(raw, frame)
    if reason is not None:
        raise FrameError(reason, seq)


def decode_client_frame(raw: str | bytes) -> SubscribeFrame | AckFrame | CommandFrame:
    """Parse and validate one console → hub frame; raises :class:`FrameError`."""
    try:
        return _CLIENT.validate_json(raw)
    except ValidationError as exc:
        raise FrameError(describe(exc)) from None
    except (ValueError, RecursionError) as exc:
        raise FrameError(f"not JSON: {exc}"[:200]) from None


def validate_event_json(text: str | bytes) -> dict[str, Any]:
    """Validate a bare event object (JSON text); raises :class:`FrameError` (``event.…`` paths)."""
    try:
        d = _EVENT.validate_json(text)
    except ValidationError as exc:
        reason = _event_reason(exc)
        if reason.startswith("not JSON"):
            obj = lenient(text)
            reason = (unstorable(obj, "event") if isinstance(obj, dict) else None) or reason
        raise FrameError(reason) from None
    except (ValueError, RecursionError) as exc:
        raise FrameError(f"not JSON: {exc}"[:200]) from None
    if has_nul_escape(text):
        problem = unstorable(d, "event")
        if problem is not None:
            raise FrameError(problem)
    return d


def _event_reason(exc: ValidationError) -> str:
    reason = describe(exc, frame=False)
    return reason if reason.startswith(("not JSON", "frame is not")) else "; ".join(
        f"event.{p}" if not p.startswith("(+") else p for p in reason.split("; ")
    )


def event_from_dict(obj: dict[str, Any], *, seq: int | None = None, received_at: datetime | None = None) -> Event:
    """A wire event object (already ``json.loads``-ed) → :class:`Event`; raises :class:`FrameError`."""
    reason = unstorable(obj, "event")  # a lone surrogate would not even survive the JSON text
    if reason is not None:
        raise FrameError(reason, seq)
    return event_from_wire(validate_event_json(json.dumps(obj, ensure_ascii=False)), seq=seq,
                           received_at=received_at)


# ---- encoding ------------------------------------------------------------------------------------
def iso(dt: datetime) -> str:
    """RFC 3339 in UTC with an explicit offset."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat()


def event_to_wire(ev: Event) -> dict[str, Any]:
    """The protocol event object for ``ev`` (an unknown original category code is restored)."""
    extra = dict(ev.extra)
    category = ev.category
    original = extra.pop(ORIGINAL_CATEGORY_KEY, None)
    if category == UNCLASSIFIED and isinstance(original, str):
        category = original
    out: dict[str, Any] = {
        "id": ev.id,
        "source": str(ev.source),
        "category": category,
        "title": ev.title,
        "reported_at": iso(ev.reported_at),
        "level": str(ev.level),
    }
    if ev.description is not None:
        out["description"] = ev.description
    if ev.location is not None:
        loc: dict[str, Any] = {"lat": ev.location.lat, "lon": ev.location.lon}
        if ev.location.address is not None:
            loc["address"] = ev.location.address
        out["location"] = loc
    if ev.grid_id is not None:
        out["grid_id"] = ev.grid_id
    if ev.reporter_name is not None or ev.reporter_phone is not None:
        out["reporter"] = {k: v for k, v in (("name", ev.reporter_name), ("phone", ev.reporter_phone)) if v}
    if ev.camera_id is not None:
        out["camera_id"] = ev.camera_id
    if ev.attachments:
        out["attachments"] = [{"kind": a.kind, "url": a.url} for a in ev.attachments]
    if ev.onsite:
        out[ONSITE_KEY] = True
    for k, v in extra.items():
        out.setdefault(k, v)
    return out


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def record_frame(kind: str, seq: int, payload_json: str) -> str:
    """``{"type":kind,"seq":seq,kind:payload}`` without re-encoding the payload."""
    return f'{{"type":"{kind}","seq":{seq},"{kind}":{payload_json}}}'


# ``after_seq`` of a command-only connection (console.net.command_link): beyond any seq, so the hub
# sends it no record — only the results of its commands
COMMANDS_ONLY_AFTER = 2**62


def subscribe_frame(console_id: str, after_seq: int) -> str:
    return dumps({"type": "subscribe", "console_id": console_id, "after_seq": after_seq})


def ack_frame(seq: int) -> str:
    return f'{{"type":"ack","seq":{int(seq)}}}'


def command_result_frame(command_id: str, ok: bool, error: str | None = None) -> str:
    return dumps({"type": "command_result", "command_id": command_id, "ok": ok, "error": error})


def subscribed_frame(head_seq: int, log_id: str | None = None) -> str:
    frame: dict[str, Any] = {"type": "subscribed", "head_seq": head_seq}
    if log_id is not None:
        frame["log_id"] = log_id
    return dumps(frame)


def is_valid_id(text: str) -> bool:
    return bool(_ID_RE.match(text))


# ---- schemas -------------------------------------------------------------------------------------
def json_schemas() -> dict[str, dict[str, Any]]:
    """file name → JSON Schema, for ``resources/schema/`` (kept in sync by a test)."""
    return {
        "event.schema.json": _EVENT.json_schema(),
        "status.schema.json": _STATUS.json_schema(),
        "hub_frame.schema.json": _HUB.json_schema(),
        "client_frame.schema.json": _CLIENT.json_schema(),
    }


def schema_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "resources" / "schema"


def schema_texts() -> dict[str, str]:
    """file name → the exact text kept in ``resources/schema/``."""
    return {name: json.dumps(s, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for name, s in json_schemas().items()}


def write_schemas(directory: str | Path | None = None) -> list[Path]:
    """Regenerate the JSON Schemas: ``python -m console.net.protocol``."""
    out = Path(directory) if directory else schema_dir()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written


if __name__ == "__main__":
    for path in write_schemas():
        print(path)  # noqa: T201
