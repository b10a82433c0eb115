"""The city 12345 gateway (接诉即办, issue 18): work orders in as events, feedback out on the city's deadlines.

The city platform publishes each work order (工单) as an Open311 GeoReport v2 service request (JSON,
mapped by :mod:`console.net.adapters.open311`; source ``hotline_12345``) on
``city.12345.<district>.orders``, ``Nats-Msg-Id`` = its ``service_request_id``, with the city's
deadlines ``sign_by`` (签收) and ``finish_by`` (办结) (RFC 3339; default 2 h and 5 days after it was
requested). The district room stores it as a report from the city (inbox + feed commit, exactly once)
and answers on ``city.12345.<district>.feedback``:

- 签收 (``sign``) when the room files it (立案/受理),
- 办结 (``finish``) when it is closed,
- 退单 (``reject``) when it is returned, with the reason,

each with the deadline it answered and whether it was in time. :func:`overdue` lists the orders whose
next deadline passed without the answer (for the escalation board / the headless link's log).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from console.domain.event import Action, State
from console.domain.link import (
    LINK_FROM_KEY,
    LINK_LABEL_KEY,
    LinkFormatError,
    is_remote,
    iso,
    outcome_of,
    parse_iso,
)
from console.net.adapters import AdapterError
from console.net.adapters.open311 import service_request_to_wire
from console.net.protocol import event_from_dict
from console.store import links as ls

CITY = "city12345"  # the peer id of the city platform in link_refs / the inbox
CITY_KEY = "city_order"  # Event.extra: {"id", "sign_by", "finish_by"}
SIGN_DEFAULT = timedelta(hours=2)
FINISH_DEFAULT = timedelta(days=5)
FEEDBACK = {"accept": "sign", "close": "finish", "return": "reject"}
FEEDBACK_ZH = {"sign": "签收", "finish": "办结", "reject": "退单"}


def orders_subject(prefix: str, district: str) -> str:
    return f"{prefix}.{district}.orders"


def feedback_subject(prefix: str, district: str) -> str:
    return f"{prefix}.{district}.feedback"


def stream_name(prefix: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in prefix).upper()


def order_to_event(raw: bytes, received: datetime) -> Any:
    """A work order → an :class:`Event` (source hotline_12345) with the city's deadlines in its extra."""
    try:
        req = json.loads(raw)
    except ValueError as exc:
        raise LinkFormatError(f"work order: not JSON ({exc})") from None
    if not isinstance(req, dict):
        raise LinkFormatError("work order: expected a JSON object (an Open311 service request)")
    try:
        wire = service_request_to_wire(req, source="hotline_12345")
    except AdapterError as exc:
        raise LinkFormatError(f"work order: {exc}") from None
    ev = event_from_dict(wire)
    requested = ev.reported_at
    sign_by = parse_iso(req["sign_by"], "sign_by") if req.get("sign_by") else requested + SIGN_DEFAULT
    finish_by = parse_iso(req["finish_by"], "finish_by") if req.get("finish_by") else requested + FINISH_DEFAULT
    ev.extra[CITY_KEY] = {"id": str(req["service_request_id"]), "sign_by": iso(sign_by), "finish_by": iso(finish_by)}
    ev.extra[LINK_FROM_KEY] = CITY
    ev.extra[LINK_LABEL_KEY] = "12345热线"
    return ev


def feedback_messages(room: str, prefix: str, district: str, store: Any, conn: Connection,
                      batch: list[tuple[int, Action]], now: datetime) -> list[ls.OutMsg]:
    """签收/办结/退单 for the work orders among the actions of ``batch`` (inside the scan's transaction)."""
    ids = {a.event_id for _, a in batch if not is_remote(a)}
    linked = ls.refs_of(conn, "event", ids)
    city_ids = [eid for eid, refs in linked.items() if any(r.peer == CITY for r in refs)]
    if not city_ids:
        return []
    events = store.events.get_many(city_ids, conn)
    out: list[ls.OutMsg] = []
    for aid, a in batch:
        ev = events.get(a.event_id)
        if ev is None or is_remote(a):
            continue
        kind = FEEDBACK.get(outcome_of(a))
        if kind is None:
            continue
        order = ev.extra.get(CITY_KEY) or {}
        due_text = order.get("finish_by") if kind != "sign" else order.get("sign_by")
        due = datetime.fromisoformat(due_text) if isinstance(due_text, str) else None
        body = {"service_request_id": order.get("id") or ev.id, "feedback": kind, "feedback_zh": FEEDBACK_ZH[kind],
                "status": "closed" if kind == "finish" else "open", "status_notes": a.note, "at": iso(a.at),
                "deadline": due_text, "on_time": due is None or a.at <= due, "from": room}
        msg_id = f"{room}:a{aid}:city"
        out.append(ls.OutMsg(msg_id, CITY, feedback_subject(prefix, district), f"city_{kind}", body))
    return out


def overdue(events: list[Any], now: datetime) -> list[tuple[str, str, str]]:
    """(event id, "sign"|"finish", deadline) of work orders whose next answer is overdue."""
    out = []
    for ev in events:
        order = ev.extra.get(CITY_KEY)
        if not isinstance(order, dict):
            continue
        stage = "sign" if ev.state is State.NEW else "finish"
        due_text = order.get(f"{stage}_by")
        if isinstance(due_text, str) and datetime.fromisoformat(due_text) < now and ev.state.is_live:
            out.append((ev.id, stage, due_text))
    return out


Builder = Callable[[Connection, list[tuple[int, Action]]], list[ls.OutMsg]]


def with_city(build: ls.Build, room: str, prefix: str, district: str, store: Any,
              now: Callable[[], datetime]) -> ls.Build:
    """The link's builder plus the city feedback."""

    def both(conn: Connection, batch: list[tuple[int, Action]]) -> list[ls.OutMsg]:
        return [*build(conn, batch), *feedback_messages(room, prefix, district, store, conn, batch, now())]

    return both
