"""Conversions between domain records and database rows.

Times: timezone-aware datetimes ↔ integer microseconds since the Unix epoch (UTC). Naive
datetimes are refused: the whole console works in UTC-aware time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from operator import attrgetter
from typing import Any

from console.domain.event import Attachment, Event, Level, Location, Source, State

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
_STATES = {s.value: s for s in State}
_LEVELS = {lv.value: lv for lv in Level}
_SOURCES = {s.value: s for s in Source}


def to_us(value: datetime | None) -> int | None:
    """Aware datetime → µs since epoch (exact); ``None`` stays ``None``."""
    if value is None:
        return None
    try:
        return (value - _EPOCH) // _ONE_US
    except TypeError:  # only a naive datetime cannot be subtracted from an aware one
        raise ValueError(f"naive datetime {value!r}: the store only accepts timezone-aware times") from None


def from_us(value: int | None) -> datetime | None:
    """µs since epoch → aware UTC datetime; ``None`` stays ``None``."""
    if value is None:
        return None
    return _EPOCH + timedelta(microseconds=value)


def dumps(value: Any) -> str | None:
    """JSON text for a payload; ``None`` for an empty or missing one."""
    if not value:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None, empty: Any) -> Any:
    if text is None:
        return empty() if callable(empty) else empty
    return json.loads(text)


def state_of(value: str) -> State:
    return _STATES[value]


def source_of(value: str) -> Source:
    return _SOURCES.get(value, Source.OTHER)


# Column order of the event row (the events table minus its surrogate key ``rid``).
EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "category",
    "title",
    "reported_at",
    "description",
    "level",
    "lat",
    "lon",
    "address",
    "grid_id",
    "reporter_name",
    "reporter_phone",
    "camera_id",
    "attachments",
    "extra",
    "state",
    "received_at",
    "seq",
    "updated_at",
    "assignees",
    "dispatched_at",
    "deadline_at",
    "resolved_at",
    "closed_at",
    "duplicate_of",
    "duplicate_count",
    "claimed_by",
    "claim_until",
    "supervised",
    "onsite",
    "grid_flag",
)


def event_to_tuple(e: Event) -> tuple[Any, ...]:
    """The event as a row tuple in :data:`EVENT_COLUMNS` order (hot path of bulk inserts)."""
    loc = e.location
    return (
        e.id,
        str(e.source),
        e.category,
        e.title,
        to_us(e.reported_at),
        e.description,
        str(e.level),
        loc.lat if loc is not None else None,
        loc.lon if loc is not None else None,
        loc.address if loc is not None else None,
        e.grid_id,
        e.reporter_name,
        e.reporter_phone,
        e.camera_id,
        dumps([{"kind": a.kind, "url": a.url} for a in e.attachments]) if e.attachments else None,
        dumps(e.extra) if e.extra else None,
        str(e.state),
        to_us(e.received_at),
        e.seq,
        to_us(e.updated_at),
        dumps(e.assignees) if e.assignees else None,
        to_us(e.dispatched_at),
        to_us(e.deadline_at),
        to_us(e.resolved_at),
        to_us(e.closed_at),
        e.duplicate_of,
        e.duplicate_count,
        e.claimed_by,
        to_us(e.claim_until),
        bool(e.supervised),
        bool(e.onsite),
        e.grid_flag,
    )


def event_to_row(e: Event) -> dict[str, Any]:
    return dict(zip(EVENT_COLUMNS, event_to_tuple(e), strict=True))


_EVENT_FIELDS = attrgetter(*Event.__slots__)  # the dataclass fields, in __init__ order


def clone_event(e: Event) -> Event:
    """A shallow copy of ``e`` (several times cheaper than ``dataclasses.replace``)."""
    return Event(*_EVENT_FIELDS(e))


def row_decoder() -> Callable[[Any], Event]:
    """A row → :class:`Event` function for one bulk read (hot path of ``load_open``).

    Times are converted once per distinct value (events of one feed batch share ``received_at``
    and often ``updated_at``); datetimes are immutable, so sharing them is safe.
    """
    memo: dict[int, datetime] = {}
    ep = _EPOCH
    td = timedelta
    sources = _SOURCES
    levels = _LEVELS
    states = _STATES
    loads_ = json.loads

    def when(us: int | None) -> datetime | None:
        if us is None:
            return None
        found = memo.get(us)
        if found is None:
            found = memo[us] = ep + td(0, 0, us)
        return found

    def decode(r: Any) -> Event:
        lat = r[7]
        att = r[14]
        extra = r[15]
        assignees = r[20]
        return Event(
            r[0],
            sources.get(r[1], Source.OTHER),
            r[2],
            r[3],
            when(r[4]),  # type: ignore[arg-type]
            r[5],
            levels.get(r[6], Level.GENERAL),
            Location(lat, r[8], r[9]) if lat is not None else None,
            r[10],
            r[11],
            r[12],
            r[13],
            [Attachment(a["kind"], a["url"]) for a in loads_(att)] if att is not None else [],
            loads_(extra) if extra is not None else {},
            states[r[16]],
            when(r[17]) if r[17] is not None else None,
            r[18],
            when(r[19]) if r[19] is not None else None,
            loads_(assignees) if assignees is not None else [],
            when(r[21]) if r[21] is not None else None,
            when(r[22]) if r[22] is not None else None,
            when(r[23]) if r[23] is not None else None,
            when(r[24]) if r[24] is not None else None,
            r[25],
            r[26],
            r[27],
            when(r[28]) if r[28] is not None else None,
            bool(r[29]),
            bool(r[30]),
            r[31],
        )

    return decode


def row_to_event(r: Any) -> Event:
    """Build one :class:`Event` from a row tuple in :data:`EVENT_COLUMNS` order."""
    return row_decoder()(r)


def event_to_json(e: Event) -> str:
    """The event as protocol-like JSON (kept raw for duplicate reports)."""
    row = event_to_row(e)
    row["attachments"] = [{"kind": a.kind, "url": a.url} for a in e.attachments]
    row["extra"] = e.extra
    row["assignees"] = e.assignees
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def event_from_json(text: str) -> Event:
    d = json.loads(text)
    row = [d.get(c) for c in EVENT_COLUMNS]
    row[14] = dumps(d.get("attachments"))
    row[15] = dumps(d.get("extra"))
    row[20] = dumps(d.get("assignees"))
    return row_to_event(row)
