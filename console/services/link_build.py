"""What the action log means for the rooms linked to this one (issue 18): the outbox messages.

:func:`build_messages` runs inside :func:`console.store.links.scan_actions`'s transaction on a batch
of actions past the link's cursor:

- a street forwards an escalation to the district tier (一键上报) with the event and its whole
  timeline, a whistle that summons departments of the district (吹哨), and after that every new entry
  of the linked event's log, each as its own message (order per event = the log's order);
- a district sends every entry it writes on a street's report back down as a decision (accept,
  dispatch, return with instructions, close — or a plain note).

Entries the link itself wrote on a peer's behalf (``data["link_from"]``) are never sent back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from console.domain.escalation import Tier
from console.domain.event import Action
from console.domain.link import Envelope, action_to_wire, is_remote, outcome_of, subject
from console.net.protocol import event_to_wire
from console.services.link_config import LinkConfig
from console.store import links as ls


def envelope(config: LinkConfig, msg_id: str, kind: str, to: str, at: datetime, body: dict[str, Any]) -> dict[str, Any]:
    return Envelope(msg_id, kind, config.room, to, at, body).to_wire()


def up_subject(config: LinkConfig) -> str:
    return subject(config.subject_district, config.room, "up")


def down_subject(config: LinkConfig, street: str) -> str:
    return subject(config.subject_district, street, "down")


def make_builder(config: LinkConfig, store: Any, now: Callable[[], datetime]) -> ls.Build:
    """The ``build`` of :func:`console.store.links.scan_actions` for this room."""

    def event_wire(conn: Connection, event_id: str) -> dict[str, Any] | None:
        ev = store.events.get_many([event_id], conn).get(event_id)
        return event_to_wire(ev) if ev is not None else None

    def full_timeline(conn: Connection, event_id: str, upto: int) -> list[dict[str, Any]]:
        return [action_to_wire(a, i) for i, a in ls.timeline(conn, event_id, upto) if not is_remote(a)]

    def street(conn: Connection, batch: list[tuple[int, Action]]) -> list[ls.OutMsg]:
        parent = config.parent
        assert parent is not None
        linked = ls.refs_of(conn, "event", {a.event_id for _, a in batch})
        up = {eid for eid, refs in linked.items() if any(r.peer == parent for r in refs)}
        out: list[ls.OutMsg] = []
        stamp = now()
        for aid, a in batch:
            if is_remote(a):
                continue
            msg_id = f"{config.room}:a{aid}"
            kind = None
            extra: dict[str, Any] = {}
            if a.kind == "escalate" and a.data.get("to_tier") == Tier.DISTRICT.label:
                kind = "escalation"
            elif a.kind == "whistle":
                remote = [d for d in a.data.get("departments") or [] if d in config.parent_departments]
                if remote:
                    kind = "whistle"
                    extra = {"whistle_id": a.data.get("whistle_id"), "departments": remote, "note": a.note or "",
                             "checkin_by": a.data.get("checkin_by")}
            if kind is None:
                if a.event_id in up:
                    body: dict[str, Any] = {"event_id": a.event_id, "actions": [action_to_wire(a, aid)]}
                    out.append(ls.OutMsg(msg_id, parent, up_subject(config), "timeline",
                                         envelope(config, msg_id, "timeline", parent, stamp, body)))
                continue
            ev = event_wire(conn, a.event_id)
            if ev is None:
                continue
            body = {"event": ev, "timeline": full_timeline(conn, a.event_id, aid), "label": config.label, **extra}
            ls.add_ref(conn, ls.Ref("event", a.event_id, parent, "up", a.event_id), stamp)
            up.add(a.event_id)
            out.append(ls.OutMsg(msg_id, parent, up_subject(config), kind,
                                 envelope(config, msg_id, kind, parent, stamp, body)))
        return out

    def district(conn: Connection, batch: list[tuple[int, Action]]) -> list[ls.OutMsg]:
        linked = ls.refs_of(conn, "event", {a.event_id for _, a in batch})
        out: list[ls.OutMsg] = []
        stamp = now()
        for aid, a in batch:
            if is_remote(a):
                continue
            for ref in linked.get(a.event_id, []):
                if ref.role != "down" or ref.peer not in config.children:
                    continue
                msg_id = f"{config.room}:a{aid}:{ref.peer}"
                body = {"event_id": ref.remote_id, "outcome": outcome_of(a), "action": action_to_wire(a, aid),
                        "label": config.label}
                out.append(ls.OutMsg(msg_id, ref.peer, down_subject(config, ref.peer), "decision",
                                     envelope(config, msg_id, "decision", ref.peer, stamp, body)))
        return out

    return street if config.is_street else district
