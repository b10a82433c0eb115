"""Applying a linked room's messages to this room (issue 18), each exactly once.

A message's id goes into the inbox in the transaction that applies it (a decision's ``guard``, the
feed commit of a report, or :func:`console.store.links.mark_applied`), so a message delivered again
after an outage changes nothing. A message that cannot be applied — wrong schema, a street this
district does not know, an event or broadcast that is not here — is quarantined with its reason
(the store's quarantine, kept once per stream position) and acknowledged: it never blocks the link.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from datetime import datetime
from functools import partial
from typing import Any

from console.domain.escalation import Broadcast
from console.domain.ingest import QuarantineRecord
from console.domain.link import (
    LINK_FROM_KEY,
    LINK_LABEL_KEY,
    REMOTE_ACTION,
    REMOTE_KEY,
    Envelope,
    LinkFormatError,
    iso,
    mirror_action,
    parse_envelope,
    parse_iso,
)
from console.net.protocol import FrameError, event_from_dict
from console.services.decisions import DecisionRefused
from console.services.ingest import derive_grids
from console.services.link_build import envelope, up_subject
from console.services.link_config import LinkConfig
from console.store import links as ls

log = logging.getLogger(__name__)


class Unapplicable(Exception):
    """A well-formed message that cannot be applied here (the reason goes to the quarantine)."""


class LinkApplier:
    """Applies messages for one :class:`~console.services.link.LinkService` (runs on its loop)."""

    def __init__(self, config: LinkConfig, store: Any, room: Any, decisions: Any, escalation: Any,
                 district: Any, now: Any) -> None:
        self.config = config
        self.store = store
        self.room = room
        self.decisions = decisions
        self.escalation = escalation
        self.district = district
        self.now = now
        self.applied = 0
        self.duplicates = 0
        self.quarantined = 0

    async def _db(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(None, partial(fn, *args))

    # ---- entry ------------------------------------------------------------------------------------
    async def handle(self, raw: bytes, subject_text: str, stream: str, stream_seq: int | None) -> str:
        """Apply one message; returns "applied", "duplicate" or "quarantined" (then ack it)."""
        try:
            env = parse_envelope(json.loads(raw))
            self._check_sender(env, subject_text)
            await self._apply(env, stream_seq)
        except ls.AlreadyApplied:
            self.duplicates += 1
            return "duplicate"
        except (ValueError, LinkFormatError, Unapplicable, FrameError, KeyError, TypeError) as exc:
            reason = f"link {subject_text}: {exc}"
            await self._quarantine(raw, reason, stream, stream_seq)
            return "quarantined"
        self.applied += 1
        return "applied"

    def _check_sender(self, env: Envelope, subject_text: str) -> None:
        parts = subject_text.split(".")
        street = parts[2] if len(parts) == 4 else None
        if env.to != self.config.room:
            raise Unapplicable(f"addressed to {env.to!r}, this room is {self.config.room!r}")
        if self.config.is_street:
            if env.sender != self.config.parent:
                raise Unapplicable(f"from {env.sender!r}, not from the parent room {self.config.parent!r}")
        else:
            if env.sender not in self.config.children:
                raise Unapplicable(f"from unknown street {env.sender!r}")
            if street != env.sender:
                raise Unapplicable(f"from {env.sender!r} on the subject of {street!r}")

    async def _quarantine(self, raw: bytes, reason: str, stream: str, stream_seq: int | None) -> None:
        self.quarantined += 1
        log.warning("quarantined: %s", reason)
        key = hashlib.sha256(f"link:{stream}:{stream_seq}:{self.config.room}".encode()).hexdigest()
        rec = QuarantineRecord(raw=raw.decode("utf-8", errors="replace"), reason=reason[:500],
                               received_at=self.now(), seq=None, key=key)
        await self._db(self.store.quarantine.add_many, [rec])

    async def _apply(self, env: Envelope, stream_seq: int | None) -> None:
        handler = getattr(self, f"_on_{env.kind}")
        await handler(env, stream_seq)

    def _label(self, peer: str) -> str:
        if self.config.is_street:
            return self.config.parent_label or peer
        return self.config.children.get(peer, peer)

    async def handle_city(self, raw: bytes, stream: str, stream_seq: int | None) -> str:
        """A city 12345 work order (Open311 service request) → a report from the city, once."""
        from console.services.city_gateway import CITY, order_to_event

        try:
            ev = order_to_event(raw, self.now())
            derive_grids([ev], self.district)
            msg_id = f"city:{ev.extra['city_order']['id']}"
            result = await self._db(ls.ingest_linked, self.store, ev, CITY, msg_id, "work_order", stream_seq, [],
                                    self.now())
        except ls.AlreadyApplied:
            self.duplicates += 1
            return "duplicate"
        except ls.IdTaken as exc:
            await self._quarantine(raw, f"city work order: event id {exc} is already another report", stream,
                                   stream_seq)
            return "quarantined"
        except (ValueError, LinkFormatError, FrameError, KeyError, TypeError) as exc:
            await self._quarantine(raw, f"city work order: {exc}", stream, stream_seq)
            return "quarantined"
        self.room.apply_ingest(result)
        self.applied += 1
        return "applied"

    # ---- district side ------------------------------------------------------------------------------
    async def _report(self, env: Envelope, stream_seq: int | None, label_kind: str, inbox_id: str) -> str:
        """A street's escalation or whistle: its event in this room (created, or already linked)."""
        body = env.body
        wire = body["event"]
        if not isinstance(wire, dict):
            raise LinkFormatError(f"{env.kind}: event must be an object")
        remote_id = str(wire.get("id"))
        local = await self._db(ls.local_of, self.store.engine, "event", env.sender, remote_id)
        if local is not None:
            return local
        ev = event_from_dict(wire)
        ev.extra[LINK_FROM_KEY] = env.sender
        ev.extra[LINK_LABEL_KEY] = body.get("label") or self._label(env.sender)
        ev.extra["link_kind"] = label_kind
        if self.district is not None and ev.grid_id is not None and self.district.grid(ev.grid_id) is None:
            ev.grid_id = None  # a grid of the street's own map: this room places it by its location
        derive_grids([ev], self.district)
        now = self.now()
        mirrored = [mirror_action(ev.id, w, env.sender, self._label(env.sender), now) for w in body["timeline"]]
        try:
            result = await self._db(ls.ingest_linked, self.store, ev, env.sender, inbox_id, env.kind, stream_seq,
                                    mirrored, now)
        except ls.IdTaken:
            raise Unapplicable(f"event id {ev.id!r} is already another report in this room") from None
        self.room.apply_ingest(result)
        return ev.id

    async def _on_escalation(self, env: Envelope, stream_seq: int | None) -> None:
        remote_id = str(env.body["event"].get("id") if isinstance(env.body["event"], dict) else "")
        known = await self._db(ls.local_of, self.store.engine, "event", env.sender, remote_id)
        if known is None:
            await self._report(env, stream_seq, "escalation", env.id)
            return
        # escalated again (after a return): the entry in the log, the event back in the queue
        entry = env.body["timeline"][-1] if env.body["timeline"] else {"kind": "escalate", "at": iso(env.at)}
        await self._mirror(env, known, entry)
        ev = self.room.get(known) or await self._db(self.store.events.get, known)
        if ev is not None and ev.state.is_terminal:
            try:
                await self.decisions.reopen(known, f"{self._label(env.sender)}再次上报")
            except DecisionRefused as exc:
                log.info("re-escalated %s not reopened: %s", known, exc)

    async def _mirror(self, env: Envelope, local: str, entry: dict[str, Any]) -> None:
        a = mirror_action(local, entry, env.sender, self._label(env.sender), self.now())
        plan = self.decisions.plan_log(local, REMOTE_ACTION, a.note, actor=a.actor, **a.data)
        plan.guard = partial(ls.claim_inbox, msg_id=env.id, peer=env.sender, kind=env.kind, now=self.now())
        try:
            await self.decisions.execute(plan)
        except DecisionRefused as exc:
            raise Unapplicable(str(exc)) from None

    async def _on_timeline(self, env: Envelope, stream_seq: int | None) -> None:
        local = await self._db(ls.local_of, self.store.engine, "event", env.sender, str(env.body["event_id"]))
        if local is None:
            raise Unapplicable(f"timeline for event {env.body['event_id']!r}, which was never reported here")
        for entry in env.body["actions"]:
            await self._mirror(env, local, entry)

    async def _on_broadcast_ack(self, env: Envelope, stream_seq: int | None) -> None:
        bid = str(env.body["broadcast_id"])
        b: Broadcast | None = self.escalation.broadcasts.get(bid)
        if b is None or env.sender not in b.acks:
            raise Unapplicable(f"roll-call answer for broadcast {bid!r}, which did not go to {env.sender!r}")
        if await self._db(ls.applied, self.store.engine, env.id):
            raise ls.AlreadyApplied(env.id)
        at = parse_iso(env.body.get("at") or iso(env.at), "at")
        self.escalation.acknowledge(bid, env.sender, at)
        await self._db(ls.mark_applied, self.store.engine, env.id, env.sender, env.kind, self.now(), stream_seq)

    async def _on_whistle(self, env: Envelope, stream_seq: int | None) -> None:
        if await self._db(ls.applied, self.store.engine, env.id):
            raise ls.AlreadyApplied(env.id)
        remote_wid = str(env.body["whistle_id"])
        if await self._db(ls.local_of, self.store.engine, "whistle", env.sender, remote_wid):
            await self._db(ls.mark_applied, self.store.engine, env.id, env.sender, env.kind, self.now(), stream_seq)
            return
        departments = [str(d) for d in env.body["departments"]]
        unknown = [d for d in departments if self.district is None or self.district.department(d) is None]
        if unknown:
            raise Unapplicable(f"whistle summons departments not in this room: {', '.join(unknown)}")
        local = await self._report(env, None, "whistle", f"{env.id}:report")
        w = await self.escalation.whistle(local, departments, str(env.body["note"]) or "吹哨报到",
                                          f"{self._label(env.sender)}")
        ref = ls.Ref("whistle", w.id, env.sender, "down", remote_wid)
        await self._db(ls.mark_applied, self.store.engine, env.id, env.sender, env.kind, self.now(), stream_seq, ref)

    # ---- street side ----------------------------------------------------------------------------------
    async def _on_decision(self, env: Envelope, stream_seq: int | None) -> None:
        local = await self._db(ls.local_of, self.store.engine, "event", env.sender, str(env.body["event_id"]))
        if local is None:
            raise Unapplicable(f"decision on event {env.body['event_id']!r}, which this room never escalated")
        action = env.body["action"]
        if not isinstance(action, dict):
            raise LinkFormatError("decision: action must be an object")
        data = action.get("data") or {}
        info = {REMOTE_KEY: env.sender, "remote_kind": action.get("kind"), "remote_id": action.get("id"),
                "remote_at": action.get("at"), "remote_to_state": action.get("to_state")}
        for key in ("target_names", "targets", "instruction"):
            if isinstance(data, dict) and key in data:
                info[key] = data[key]
        actor = f"{self._label(env.sender)}/{action.get('actor') or '?'}"
        plan = self.decisions.plan_link_outcome(local, outcome=str(env.body["outcome"]), note=action.get("note"),
                                                actor=actor, data=info)
        plan.guard = partial(ls.claim_inbox, msg_id=env.id, peer=env.sender, kind=env.kind, now=self.now(),
                             stream_seq=stream_seq)
        try:
            await self.decisions.execute(plan)
        except DecisionRefused as exc:
            raise Unapplicable(str(exc)) from None

    async def _on_broadcast(self, env: Envelope, stream_seq: int | None) -> None:
        if await self._db(ls.applied, self.store.engine, env.id):
            raise ls.AlreadyApplied(env.id)
        remote_bid = str(env.body["broadcast_id"])
        local = await self._db(ls.local_of, self.store.engine, "broadcast", env.sender, remote_bid)
        ref = None
        if local is None:  # first delivery (a reminder of one received is answered, not re-broadcast)
            b = self.escalation.broadcast(str(env.body["instruction"]), None, self._label(env.sender))
            ref = ls.Ref("broadcast", b.id, env.sender, "up", remote_bid)
        out = [self.ack_message(remote_bid)] if self.config.broadcast_ack == "auto" else []
        await self._db(ls.mark_applied, self.store.engine, env.id, env.sender, env.kind, self.now(), stream_seq,
                       ref, out)

    def ack_message(self, remote_bid: str, at: datetime | None = None) -> ls.OutMsg:
        parent = self.config.parent or ""
        msg_id = f"{self.config.room}:ack:{remote_bid}"
        body = {"broadcast_id": remote_bid, "at": iso(at or self.now())}
        return ls.OutMsg(msg_id, parent, up_subject(self.config), "broadcast_ack",
                         envelope(self.config, msg_id, "broadcast_ack", parent, self.now(), body))

    async def _on_checkin(self, env: Envelope, stream_seq: int | None) -> None:
        wid = str(env.body["whistle_id"])
        if wid not in self.escalation.whistles:
            raise Unapplicable(f"check-in for whistle {wid!r}, which is not in this room")
        if await self._db(ls.applied, self.store.engine, env.id):
            raise ls.AlreadyApplied(env.id)
        at = parse_iso(env.body.get("at") or iso(env.at), "at")
        self.escalation.check_in(wid, str(env.body["department_id"]), at)
        await self._db(ls.mark_applied, self.store.engine, env.id, env.sender, env.kind, self.now(), stream_seq)

