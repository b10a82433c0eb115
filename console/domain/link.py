"""Rooms linked across levels (issue 18): the messages between a street, its district and the city.

Pure Python: subjects, the message envelope and its validation, actions on the wire, and what a
district's decision means for the street that reported the event. The transport (NATS JetStream) is
in :mod:`console.net.jetstream`, the durable outbox/inbox in :mod:`console.store.links`, the
orchestration in :mod:`console.services.link`.

Subjects, one set per street: ``gov.<district>.<street>.{up,down,events,status}``

- ``up``: street → district (一键上报 with the whole timeline, later timeline entries, roll-call
  answers, whistles that summon district departments);
- ``down``: district → street (the district's decisions on a reported event, 一键下达 broadcasts and
  reminders, departments' check-ins);
- ``events``: the room's intake feed on JetStream (protocol-v1 records, ``feed --broker``);
- ``status``: the link's own state (connected, backlogs, last ack), the last one kept per street.

Every message is one JSON envelope: ``{"v": 1, "id", "kind", "from", "to", "at", "body"}``; ``id``
is also the ``Nats-Msg-Id`` (the stream drops a repeat within its duplicate window) and the key of
the receiver's inbox (it never applies an id twice, whatever the window).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from console.domain.event import Action, State

VERSION = 1
ROOM_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
DIRECTIONS = ("up", "down", "events", "status")

# message kinds and the direction they travel
UP_KINDS = frozenset({"escalation", "timeline", "broadcast_ack", "whistle"})
DOWN_KINDS = frozenset({"decision", "broadcast", "checkin"})
KINDS = UP_KINDS | DOWN_KINDS

# Event.extra keys of an event reported by another room
LINK_FROM_KEY = "link_from"  # the street room id
LINK_LABEL_KEY = "link_label"  # its name, shown in the queue
# Action.data key of every action this room wrote on another room's behalf: never forwarded back
REMOTE_KEY = "link_from"
# the action kinds the link writes
REMOTE_ACTION = "link_remote"  # a peer's timeline entry, mirrored (no field changes)
LINK_DECISION = "link_decision"  # what the district decided, on the street's event

OUTCOMES = ("accept", "dispatch", "return", "close", "note")
OUTCOMES_ZH = {"accept": "区级已受理", "dispatch": "区级已派遣", "return": "区级退回", "close": "区级已结案",
               "note": "区级记录"}


class LinkFormatError(ValueError):
    """A message that is not a valid link envelope (the reason is for the quarantine)."""


def check_room_id(room: str, what: str = "room id") -> str:
    if not isinstance(room, str) or not ROOM_ID_RE.match(room):
        raise LinkFormatError(f"{what} {room!r} must be 1–32 characters of A-Z a-z 0-9 _ -")
    return room


def subject(district: str, street: str, direction: str) -> str:
    """``gov.<district>.<street>.<direction>``."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    return f"gov.{check_room_id(district, 'district')}.{check_room_id(street, 'street')}.{direction}"


def street_of(subject_text: str) -> str | None:
    """The street of a ``gov.<district>.<street>.<direction>`` subject (None if not one)."""
    parts = subject_text.split(".")
    return parts[2] if len(parts) == 4 and parts[0] == "gov" else None


def stream_name(district: str, direction: str) -> str:
    """The JetStream stream holding every street's ``direction`` subject of ``district``."""
    return f"GOV_{check_room_id(district, 'district').upper().replace('-', '_')}_{direction.upper()}"


def iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat()


def parse_iso(text: Any, what: str) -> datetime:
    if not isinstance(text, str):
        raise LinkFormatError(f"{what}: expected an RFC 3339 time, got {type(text).__name__}")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise LinkFormatError(f"{what}: not an RFC 3339 time: {text[:40]!r}") from None
    if dt.tzinfo is None:
        raise LinkFormatError(f"{what}: time without an offset: {text[:40]!r}")
    return dt.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Envelope:
    id: str
    kind: str
    sender: str  # "from"
    to: str
    at: datetime
    body: dict[str, Any]

    def to_wire(self) -> dict[str, Any]:
        return {"v": VERSION, "id": self.id, "kind": self.kind, "from": self.sender, "to": self.to,
                "at": iso(self.at), "body": self.body}


_REQUIRED_BODY: dict[str, tuple[str, ...]] = {
    "escalation": ("event", "timeline"),
    "timeline": ("event_id", "actions"),
    "broadcast_ack": ("broadcast_id",),
    "whistle": ("event", "timeline", "whistle_id", "departments", "note", "checkin_by"),
    "decision": ("event_id", "outcome", "action"),
    "broadcast": ("broadcast_id", "instruction", "ack_by"),
    "checkin": ("whistle_id", "department_id"),
}


def parse_envelope(obj: Any) -> Envelope:
    """A decoded JSON object → :class:`Envelope`; raises :class:`LinkFormatError` with the reason."""
    if not isinstance(obj, dict):
        raise LinkFormatError("message: expected a JSON object")
    if obj.get("v") != VERSION:
        raise LinkFormatError(f"message: unsupported version {obj.get('v')!r} (expected {VERSION})")
    for key in ("id", "kind", "from", "to", "at"):
        if not isinstance(obj.get(key), str) or not obj[key]:
            raise LinkFormatError(f"message: missing or empty {key!r}")
    kind = obj["kind"]
    if kind not in KINDS:
        raise LinkFormatError(f"message: unknown kind {kind!r}")
    if len(obj["id"]) > 160:
        raise LinkFormatError("message: id longer than 160 characters")
    body = obj.get("body")
    if not isinstance(body, dict):
        raise LinkFormatError(f"{kind}: body must be an object")
    missing = [k for k in _REQUIRED_BODY[kind] if k not in body]
    if missing:
        raise LinkFormatError(f"{kind}: body lacks {', '.join(missing)}")
    if kind == "decision" and body["outcome"] not in OUTCOMES:
        raise LinkFormatError(f"decision: unknown outcome {body['outcome']!r}")
    for key in ("timeline", "actions"):
        if key in body and not isinstance(body[key], list):
            raise LinkFormatError(f"{kind}: {key} must be a list")
    return Envelope(obj["id"], kind, check_room_id(obj["from"], "from"), check_room_id(obj["to"], "to"),
                    parse_iso(obj["at"], "at"), body)


# ---- actions on the wire ------------------------------------------------------------------------------
def action_to_wire(a: Action, action_id: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"at": iso(a.at), "kind": a.kind, "actor": a.actor}
    if action_id is not None:
        out["id"] = action_id
    if a.seat is not None:
        out["seat"] = a.seat
    if a.from_state is not None:
        out["from_state"] = str(a.from_state)
    if a.to_state is not None:
        out["to_state"] = str(a.to_state)
    if a.note is not None:
        out["note"] = a.note
    if a.data:
        out["data"] = a.data
    return out


def mirror_action(event_id: str, wire: Mapping[str, Any], peer: str, peer_label: str, at: datetime) -> Action:
    """A peer's timeline entry as a log entry of ours (``link_remote``: changes no field)."""
    if not isinstance(wire, Mapping) or not isinstance(wire.get("kind"), str):
        raise LinkFormatError("timeline entry: expected an object with a kind")
    remote_at = parse_iso(wire.get("at"), "timeline entry at")
    actor = str(wire.get("actor") or "?")
    data = {REMOTE_KEY: peer, "remote_kind": wire["kind"], "remote_at": iso(remote_at),
            "remote_id": wire.get("id"), "remote_from_state": wire.get("from_state"),
            "remote_to_state": wire.get("to_state"), "remote_data": wire.get("data") or {}}
    return Action(event_id=event_id, at=at, kind=REMOTE_ACTION, actor=f"{peer_label}/{actor}",
                  note=wire.get("note"), data=data)


def is_remote(a: Action) -> bool:
    """Written by the link on another room's behalf (never forwarded back)."""
    return REMOTE_KEY in a.data


# ---- what a district's action means for the street ---------------------------------------------------
def outcome_of(a: Action) -> str:
    """accept (立案), dispatch (to a district department), return (退回 with instructions), close
    (结案), or a plain note."""
    if a.kind == "transition":
        if a.to_state is State.CLOSED:
            return "close"
        if a.to_state is State.REJECTED and a.data.get("link_return"):
            return "return"
        if a.to_state is State.FILED:
            return "accept"
        if a.to_state is State.DISPATCHED:
            return "dispatch"
    return "note"
