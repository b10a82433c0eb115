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


def _not_serializable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _compact_encoder() -> Callable[[Any], str]:
    """``json.dumps(v, ensure_ascii=False, separators=(",", ":"))`` at half the cost.

    The C encoder is built once (``json.dumps`` with options builds an encoder per call); no
    circular-reference bookkeeping: payloads are parsed JSON, a cycle ends as a ValueError.
    """
    make = json.encoder.c_make_encoder  # type: ignore[attr-defined]
    if make is None:  # no C accelerator: the standard path
        return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    chunks = make(None, _not_serializable, json.encoder.encode_basestring, None, ":", ",", False, False, True)
    join = "".join

    def encode(value: Any) -> str:
        try:
            return join(chunks(value, 0))
        except RecursionError:
            raise ValueError("Circular reference detected") from None

    return encode


_dumps = _compact_encoder()


def dumps(value: Any) -> str | None:
    """JSON text for a payload; ``None`` for an empty or missing one."""
    if not value:
        return None
    return _dumps(value)


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
    "version",
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
        e.version,
    )


# The SQLite write path binds rows straight to the ``sqlite3`` driver, which binds exact
# ``int``/``float``/``str`` directly but runs every other value (``None``, ``bool``) through its
# adapter lookup (~0.4 µs each, a dozen per event, all under the GIL). So booleans go as 0/1, and a
# NULL is bound as the integer :data:`SQLITE_NULL` (−2⁶³+1), which the statement turns back into NULL:
# nullable columns take ``NULLIF(?, -9223372036854775807)``. No stored value can equal it: text never
# equals an integer in SQLite, and no time in µs, seq or coordinate is −9.2e18. Every row then has
# the same shape: a whole batch is one ``executemany`` (see ``events._SqliteWriter``). Specs:
# (column, expression, kind) with kind "" (bound as is, NOT NULL columns: a missing value fails
# loudly), "opt" (NULL when None), "loc" (like "opt", from the location), "time" (µs, NULL when
# None; a value shared by many rows — the batch's ``now`` — is converted once per builder), "json"
# (NULL when empty).
_SQLITE_ROW_SPEC: tuple[tuple[str, str, str], ...] = (
    ("rid", "rid", ""),
    ("id", "e.id", ""),
    ("source", "str(e.source)", ""),
    ("category", "e.category", ""),
    ("title", "e.title", ""),
    ("reported_at", "(e.reported_at - EPOCH) // ONE_US", ""),
    ("description", "e.description", "opt"),
    ("level", "str(e.level)", ""),
    ("lat", "lat", "loc"),
    ("lon", "lon", "loc"),
    ("address", "address", "loc"),
    ("grid_id", "e.grid_id", "opt"),
    ("reporter_name", "e.reporter_name", "opt"),
    ("reporter_phone", "e.reporter_phone", "opt"),
    ("camera_id", "e.camera_id", "opt"),
    ("attachments", "e.attachments", "json"),
    ("extra", "e.extra", "json"),
    ("state", "str(e.state)", ""),
    ("received_at", "e.received_at", "time"),
    ("seq", "e.seq", "opt"),
    ("updated_at", "e.updated_at", "time"),
    ("assignees", "e.assignees", "json"),
    ("dispatched_at", "e.dispatched_at", "time"),
    ("deadline_at", "e.deadline_at", "time"),
    ("resolved_at", "e.resolved_at", "time"),
    ("closed_at", "e.closed_at", "time"),
    ("duplicate_of", "e.duplicate_of", "opt"),
    ("duplicate_count", "e.duplicate_count", ""),
    ("claimed_by", "e.claimed_by", "opt"),
    ("claim_until", "e.claim_until", "time"),
    ("supervised", "1 if e.supervised else 0", ""),
    ("onsite", "1 if e.onsite else 0", ""),
    ("grid_flag", "e.grid_flag", "opt"),
    ("version", "e.version", ""),
)
_JSON_VALUE = {"attachments": "[{'kind': a.kind, 'url': a.url} for a in v]"}  # others: the value itself
SQLITE_ROW_COLUMNS: tuple[str, ...] = tuple(c for c, _expr, _kind in _SQLITE_ROW_SPEC)
if SQLITE_ROW_COLUMNS != ("rid", *EVENT_COLUMNS):
    raise RuntimeError("the SQLite row spec does not follow EVENT_COLUMNS")
SQLITE_NULLABLE_COLUMNS: frozenset[str] = frozenset(c for c, _expr, kind in _SQLITE_ROW_SPEC if kind)
SQLITE_NULL = -(2**63) + 1  # bound for NULL; see NULLIF above
SQLITE_NULLABLE_PLACEHOLDER = f"NULLIF(?, {SQLITE_NULL})"
_TIME_COLUMNS = ("reported_at", *(c for c, _expr, kind in _SQLITE_ROW_SPEC if kind == "time"))


def _us(value: datetime) -> int:
    try:
        return (value - _EPOCH) // _ONE_US
    except TypeError:
        raise ValueError(f"naive datetime {value!r}: the store only accepts timezone-aware times") from None


def _check_times(e: Event) -> None:
    """Raise the ValueError of :func:`_us` for a naive time of ``e``."""
    for name in _TIME_COLUMNS:
        value = getattr(e, name)
        if value is not None:
            _us(value)


def _compile_sqlite_row_builder() -> Callable[[], Callable[[Event, int], tuple[Any, ...]]]:
    values = []
    for col, expr, kind in _SQLITE_ROW_SPEC:
        if not kind:
            values.append(expr)
        elif kind == "opt":
            values.append(f"N if (v := {expr}) is None else v")
        elif kind == "loc":
            values.append(f"N if {expr} is None else {expr}")
        elif kind == "time":
            values.append(f"N if (v := {expr}) is None else us(v)")
        else:  # json
            values.append(f"dumps({_JSON_VALUE.get(col, 'v')}) if (v := {expr}) else N")
    lines = [
        "def sqlite_row_builder():",
        "    memo = {}",
        "    memo_get = memo.get",
        "    def us(v):",
        "        u = memo_get(v)",
        "        if u is None:",
        "            u = memo[v] = (v - EPOCH) // ONE_US",
        "        return u",
        "    def row(e, rid):",
        "        try:",
        "            loc = e.location",
        "            if loc is None:",
        "                lat = lon = address = None",
        "            else:",
        "                lat, lon, address = loc.lat, loc.lon, loc.address",
        "            return (",
        *(f"                {v}," for v in values),
        "            )",
        "        except TypeError:",
        "            check_times(e)",  # a naive datetime: the clear ValueError
        "            raise",
        "    return row",
    ]
    namespace: dict[str, Any] = {"EPOCH": _EPOCH, "ONE_US": _ONE_US, "dumps": _dumps, "check_times": _check_times,
                                 "N": SQLITE_NULL}
    exec("\n".join(lines), namespace)  # noqa: S102 - code generated from the constant spec above
    return namespace["sqlite_row_builder"]  # type: ignore[no-any-return]


sqlite_row_builder = _compile_sqlite_row_builder()
sqlite_row_builder.__doc__ = """A row function for one bulk write: ``row(event, rid) -> values``.

``values`` follow :data:`SQLITE_ROW_COLUMNS`, with :data:`SQLITE_NULL` for NULL (the statements bind
the nullable columns through :data:`SQLITE_NULLABLE_PLACEHOLDER`). Times shared by rows are
converted once per builder (datetimes are immutable): take one builder per write.
"""


def event_to_row(e: Event) -> dict[str, Any]:
    return dict(zip(EVENT_COLUMNS, event_to_tuple(e), strict=True))


_EVENT_FIELDS = attrgetter(*Event.__slots__)  # the dataclass fields, in __init__ order


def clone_event(e: Event) -> Event:
    """A shallow copy of ``e`` (several times cheaper than ``dataclasses.replace``)."""
    return Event(*_EVENT_FIELDS(e))


def _decoders() -> tuple[Callable[[Any], Event], Callable[[Any], Event]]:
    """Row → :class:`Event` functions for one bulk read: full rows, and rows of :data:`PACKED_SELECT`.

    Times shared by many rows (``received_at``/``updated_at`` of one feed batch, …) are converted
    once per distinct value — datetimes are immutable, so sharing them is safe; the per-event
    ``reported_at`` and ``deadline_at`` are converted directly. Assignee lists repeat a lot: each
    distinct JSON text is parsed once and every event gets its own copy.
    """
    memo: dict[int, datetime] = {}
    memo_get = memo.get
    lists: dict[str, list[Any]] = {}
    ep = _EPOCH
    td = timedelta
    sources = _SOURCES
    levels = _LEVELS
    states = _STATES
    other = Source.OTHER
    general = Level.GENERAL
    loads_ = json.loads
    event = Event
    location = Location

    def when(us: int) -> datetime:
        found = memo_get(us)
        if found is None:
            found = memo[us] = ep + td(0, 0, us)
        return found

    def build(
        id_: str, source: str, category: str, title: str, reported: int, description: str | None, level: str,
        lat: float | None, lon: float | None, address: str | None, grid_id: str | None, reporter_name: str | None,
        reporter_phone: str | None, camera_id: str | None, att: str | None, extra: str | None, state: str,
        received: int | None, seq: int | None, updated: int | None, assignees: str | None, dispatched: int | None,
        deadline: int | None, resolved: int | None, closed: int | None, duplicate_of: str | None,
        duplicate_count: int, claimed_by: str | None, claim_until: int | None, supervised: Any, onsite: Any,
        grid_flag: str | None, version: int,
    ) -> Event:
        if assignees is None:
            assigned: list[Any] = []
        else:
            parsed = lists.get(assignees)
            if parsed is None:
                parsed = lists[assignees] = loads_(assignees)
            assigned = parsed.copy()
        return event(
            id_,
            sources.get(source, other),
            category,
            title,
            ep + td(0, 0, reported),
            description,
            levels.get(level, general),
            None if lat is None else location(lat, lon, address),  # type: ignore[arg-type]
            grid_id,
            reporter_name,
            reporter_phone,
            camera_id,
            [] if att is None else [Attachment(a["kind"], a["url"]) for a in loads_(att)],
            {} if extra is None else loads_(extra),
            states[state],
            None if received is None else when(received),
            seq,
            None if updated is None else when(updated),
            assigned,
            None if dispatched is None else when(dispatched),
            None if deadline is None else ep + td(0, 0, deadline),
            None if resolved is None else when(resolved),
            None if closed is None else when(closed),
            duplicate_of,
            duplicate_count,
            claimed_by,
            None if claim_until is None else when(claim_until),
            bool(supervised),
            bool(onsite),
            grid_flag,
            version or 0,
        )

    def decode(r: Any) -> Event:
        return build(*r)

    def decode_packed(r: Any) -> Event:
        (id_, source, category, title, reported, description, level, lat, lon, address, grid_id, reporter_name,
         reporter_phone, state, received, seq, updated, assignees, dispatched, deadline, version, rare) = r
        if rare is None:
            return build(id_, source, category, title, reported, description, level, lat, lon, address, grid_id,
                         reporter_name, reporter_phone, None, None, None, state, received, seq, updated, assignees,
                         dispatched, deadline, None, None, None, 0, None, None, 0, 0, None, version)
        (camera_id, att, extra, resolved, closed, duplicate_of, duplicate_count, claimed_by, claim_until,
         supervised, onsite, grid_flag) = loads_(rare)
        return build(id_, source, category, title, reported, description, level, lat, lon, address, grid_id,
                     reporter_name, reporter_phone, camera_id, att, extra, state, received, seq, updated, assignees,
                     dispatched, deadline, resolved, closed, duplicate_of, duplicate_count, claimed_by, claim_until,
                     supervised, onsite, grid_flag, version)

    return decode, decode_packed


def row_decoder() -> Callable[[Any], Event]:
    """A row (in :data:`EVENT_COLUMNS` order) → :class:`Event` function for one bulk read."""
    return _decoders()[0]


def packed_row_decoder() -> Callable[[Any], Event]:
    """A row of :data:`PACKED_SELECT` → :class:`Event` function for one bulk read (``load_open``)."""
    return _decoders()[1]


# Bulk reads on SQLite (load_open): the ``sqlite3`` module costs ~0.4 µs a fetched value, so the
# columns that are NULL/zero for nearly every live event come as one value — NULL, or a JSON array
# of them when any is set (integers and text survive ``json_array`` exactly; no floats among them).
PACKED_COLUMNS: tuple[str, ...] = (
    "camera_id", "attachments", "extra", "resolved_at", "closed_at", "duplicate_of", "duplicate_count",
    "claimed_by", "claim_until", "supervised", "onsite", "grid_flag",
)
PLAIN_COLUMNS: tuple[str, ...] = tuple(c for c in EVENT_COLUMNS if c not in PACKED_COLUMNS)
_ZERO_WHEN_UNSET = ("duplicate_count", "supervised", "onsite")
PACKED_SELECT = (
    "SELECT " + ", ".join(PLAIN_COLUMNS) + ", CASE WHEN "
    + " AND ".join(f"{c} = 0" if c in _ZERO_WHEN_UNSET else f"{c} IS NULL" for c in PACKED_COLUMNS)
    + f" THEN NULL ELSE json_array({', '.join(PACKED_COLUMNS)}) END FROM events"
)
PACKED_REPORTED_AT = PLAIN_COLUMNS.index("reported_at")
if PLAIN_COLUMNS != (
    "id", "source", "category", "title", "reported_at", "description", "level", "lat", "lon", "address", "grid_id",
    "reporter_name", "reporter_phone", "state", "received_at", "seq", "updated_at", "assignees", "dispatched_at",
    "deadline_at", "version",
):  # the order decode_packed unpacks
    raise RuntimeError("EVENT_COLUMNS changed: update the packed load_open decoder")


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
