"""The link between rooms of different levels on NATS JetStream (issue 18).

One :class:`LinkService` per room (in the console, or headless: ``python main.py link --config``):

- **scanner**: reads the action log past its cursor and queues what the other rooms must know in the
  outbox, in the same transaction that moves the cursor (:mod:`console.services.link_build`);
  broadcasts, reminders and check-ins are queued from the escalation service's bus topics;
- **sender**: drains the outbox in order to the stream, ``Nats-Msg-Id`` = the message id; a row is
  marked sent only once the stream acknowledged it. While the server is unreachable the room keeps
  working and the outbox grows; it drains on reconnect;
- **consumer**: a durable pull consumer (the street: its ``down`` subject; the district: every
  street's ``up``), each message applied exactly once (:mod:`console.services.link_apply`) and
  acknowledged after its commit — an outage replays from the consumer's position;
- **state**: ``link_state`` on the bus (connected, backlog up/down, last ack), also published on
  ``gov.<district>.<room>.status`` (the stream keeps the last one per room).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Any

from console.domain.escalation import Broadcast, Whistle
from console.domain.event import utcnow
from console.domain.grid import Department
from console.domain.link import iso, stream_name, subject
from console.net import jetstream as js
from console.services.bus import Bus
from console.services.link_apply import LinkApplier
from console.services.link_build import down_subject, envelope, make_builder
from console.services.link_config import LinkConfig
from console.store import links as ls

log = logging.getLogger(__name__)
SCAN_INTERVAL = 0.5  # s between scans of the action log when nothing pokes the link
SEND_BATCH = 200


@dataclass(frozen=True, slots=True)
class LinkState:
    room: str
    level: str
    status: str  # starting | connected | disconnected | unauthorized | stopped
    servers: str
    backlog_up: int = 0  # messages of this room not yet stored by the stream
    backlog_down: int = 0  # messages waiting in the stream for this room
    last_ack_at: datetime | None = None  # the stream last stored one of our messages
    last_applied_at: datetime | None = None  # we last applied a message from another room
    sent: int = 0
    applied: int = 0
    duplicates: int = 0
    quarantined: int = 0
    error: str | None = None

    def to_wire(self) -> dict[str, Any]:
        return {"room": self.room, "level": self.level, "status": self.status, "backlog_up": self.backlog_up,
                "backlog_down": self.backlog_down, "last_ack_at": iso(self.last_ack_at) if self.last_ack_at else None,
                "applied": self.applied, "sent": self.sent}


class LinkService:
    def __init__(self, config: LinkConfig, store: Any, room: Any, bus: Bus, decisions: Any, escalation: Any,
                 district: Any, *, credentials: js.NatsCredentials,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.config = config
        self.store = store
        self.room = room
        self.bus = bus
        self.decisions = decisions
        self.escalation = escalation
        self.district = district
        self.credentials = credentials
        self.clock = clock
        self.applier = LinkApplier(config, store, room, decisions, escalation, district, clock)
        self.state = LinkState(config.room, config.level, "stopped", ", ".join(config.servers))
        self.nc: Any = None
        self._stop = asyncio.Event()
        self._poke_scan = asyncio.Event()
        self._poke_send = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []
        self._refused = asyncio.Event()
        self._ready = asyncio.Event()
        self._pending: set[asyncio.Future[Any]] = set()
        self._consumer: js.PullConsumer | None = None
        self._build = make_builder(config, store, clock)
        if config.city and not config.is_street:
            from console.services.city_gateway import with_city

            self._build = with_city(self._build, config.room, config.city, config.subject_district, store, clock)
        self._add_parent_departments()
        bus.subscribe("actions_appended", self.on_event_actions_appended)
        bus.subscribe("broadcast_sent", self.on_event_broadcast_sent)
        bus.subscribe("broadcast_resent", self.on_event_broadcast_resent)
        bus.subscribe("whistle_checked_in", self.on_event_whistle_checked_in)

    # ---- names ----------------------------------------------------------------------------------------
    @property
    def district_id(self) -> str:
        return self.config.subject_district

    def _add_parent_departments(self) -> None:
        """A street may summon the district's departments (吹哨): they are known by name here."""
        if self.district is None or not self.config.parent_departments:
            return
        for did, name in self.config.parent_departments.items():
            if self.district.department(did) is None:
                self.district.departments[did] = Department(did, name, kind="district")

    # ---- lifecycle ------------------------------------------------------------------------------------
    async def start(self, first_wait: float = 5.0) -> None:  # noqa: ASYNC109
        """Start the link. Raises :class:`~console.net.jetstream.NatsAuthError` when the server refuses
        the credentials; a server that does not answer (yet) is retried in the background — the room
        keeps working and its outbox drains once connected."""
        self._stop.clear()
        self._refused = asyncio.Event()
        self._ready = asyncio.Event()
        self._set(status="starting", error=None)
        await self._db(self._init_cursor)  # before the first scan, connected or not
        self._tasks = [asyncio.ensure_future(self._session()), asyncio.ensure_future(self._scan_loop()),
                       asyncio.ensure_future(self._send_loop()), asyncio.ensure_future(self._status_loop())]
        waiters = [asyncio.ensure_future(self._ready.wait()), asyncio.ensure_future(self._refused.wait())]
        try:
            await asyncio.wait(waiters, timeout=first_wait, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waiters:
                w.cancel()
        if self._refused.is_set():
            error = self.state.error
            await self.stop()
            self._set(status="unauthorized", error=error)
            raise js.NatsAuthError(error or "credentials refused")

    async def _session(self) -> None:
        try:
            self.nc = await js.connect(self.config.servers, self.credentials, name=f"link-{self.config.room}",
                                       on_state=self._on_conn_state)
        except js.NatsAuthError as exc:
            self._set(status="unauthorized", error=str(exc))
            self._refused.set()
            return
        while not self._stop.is_set():
            try:
                await self._ensure_streams()
                break
            except Exception as exc:  # JetStream not ready yet after a restart
                log.info("link %s: streams not ready (%s)", self.config.room, exc or type(exc).__name__)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), 1.0)
        d = self.district_id
        if self.config.is_street:
            stream, durable, filt = stream_name(d, "down"), f"street-{self.config.room}", subject(d, self.config.room, "down")
        else:
            stream, durable, filt = stream_name(d, "up"), f"district-{self.config.room}", f"gov.{d}.*.up"
        self._consumer = js.PullConsumer(self.nc, stream, durable, filt, self._on_msgs, batch=100)
        runs = [self._consumer.run(self._stop, idle_timeout=0.5)]
        if self.config.city and not self.config.is_street:
            from console.services import city_gateway as cg

            prefix = self.config.city
            await js.ensure_stream(self.nc, cg.stream_name(prefix), [f"{prefix}.>"])
            city = js.PullConsumer(self.nc, cg.stream_name(prefix), f"city-{self.config.room}",
                                   cg.orders_subject(prefix, d), self._on_city_msgs, batch=100)
            runs.append(city.run(self._stop, idle_timeout=0.5))
        self._set(status="connected", error=None)
        self._ready.set()
        self._poke_send.set()
        await asyncio.gather(*runs)

    async def _ensure_streams(self) -> None:
        d = self.district_id
        await js.ensure_stream(self.nc, stream_name(d, "up"), [f"gov.{d}.*.up"])
        await js.ensure_stream(self.nc, stream_name(d, "down"), [f"gov.{d}.*.down"])
        await js.ensure_stream(self.nc, stream_name(d, "status"), [f"gov.{d}.*.status"], max_msgs_per_subject=1)

    def _init_cursor(self) -> None:
        """A new link starts reading the log at its end (what was escalated before it is not sent)."""
        if ls.cursor_of(self.store.engine, self._cursor_name) == 0:
            ls.set_cursor(self.store.engine, self._cursor_name, ls.max_action_id(self.store.engine), self.clock())

    @property
    def _cursor_name(self) -> str:
        return f"link:{self.config.room}"

    async def stop(self) -> None:
        """Stop the loops (a message being applied is finished first) and close the connection."""
        self._stop.set()
        self._poke_scan.set()
        self._poke_send.set()
        if self._tasks:
            _done, pending = await asyncio.wait(self._tasks, timeout=3.0)
            for t in pending:
                t.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        self._tasks = []
        if self.nc is not None:
            with contextlib.suppress(Exception):
                await self.nc.close()
            self.nc = None
        self._set(status="stopped")

    # ---- state ----------------------------------------------------------------------------------------
    def _set(self, **changes: Any) -> None:
        self.state = replace(self.state, **changes)
        self.bus.publish("link_state", state=self.state)

    def _on_conn_state(self, status: str, detail: str | None) -> None:
        if self._stop.is_set() and status == "closed":
            return
        self._set(status="connected" if status == "connected" else status, error=detail)
        if status == "connected":
            self._poke_send.set()

    async def _status_loop(self) -> None:
        d = self.district_id
        subj = subject(d, self.config.room, "status")
        while not self._stop.is_set():
            with contextlib.suppress(Exception):
                if self.nc is not None and self.nc.is_connected:
                    await js.send_plain(self.nc, subj, json.dumps(self.state.to_wire()).encode())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), 5.0)

    # ---- bus ------------------------------------------------------------------------------------------
    def on_event_actions_appended(self, event_ids: list[str], actions: list[Any]) -> None:
        self._poke_scan.set()

    def on_event_broadcast_sent(self, broadcast: Broadcast) -> None:
        self._queue_broadcast(broadcast, [g for g in broadcast.acks if g in self.config.children], resend=False)

    def on_event_broadcast_resent(self, broadcast: Broadcast, grid_ids: list[str]) -> None:
        self._queue_broadcast(broadcast, [g for g in grid_ids if g in self.config.children], resend=True)

    def _queue_broadcast(self, b: Broadcast, streets: list[str], *, resend: bool) -> None:
        if not streets or self.config.is_street:
            return
        now = self.clock()
        msgs = []
        for street in streets:
            msg_id = f"{self.config.room}:bc:{b.id}:{street}:{b.sends.get(street, 1)}"
            body = {"broadcast_id": b.id, "instruction": b.instruction, "ack_by": iso(b.ack_by), "resend": resend,
                    "officer": b.officer}
            msgs.append(ls.OutMsg(msg_id, street, down_subject(self.config, street), "broadcast",
                                  envelope(self.config, msg_id, "broadcast", street, now, body)))
        self._queue(msgs)

    def on_event_whistle_checked_in(self, whistle: Whistle, department_id: str) -> None:
        if self.config.is_street:
            return
        self._spawn(self._checkin_down(whistle, department_id))

    async def _checkin_down(self, w: Whistle, department_id: str) -> None:
        refs = await self._db(ls.refs, self.store.engine, "whistle", w.id)
        summons = w.summons.get(department_id)
        at = summons.checked_in_at if summons is not None and summons.checked_in_at else self.clock()
        msgs = []
        for ref in refs:
            if ref.role != "down":
                continue
            msg_id = f"{self.config.room}:ci:{w.id}:{department_id}"
            body = {"whistle_id": ref.remote_id, "department_id": department_id, "at": iso(at)}
            msgs.append(ls.OutMsg(msg_id, ref.peer, down_subject(self.config, ref.peer), "checkin",
                                  envelope(self.config, msg_id, "checkin", ref.peer, self.clock(), body)))
        if msgs:
            await self._db(ls.queue, self.store.engine, msgs, self.clock())
            self._poke_send.set()

    def _queue(self, msgs: list[ls.OutMsg]) -> None:
        async def write() -> None:
            await self._db(ls.queue, self.store.engine, msgs, self.clock())
            self._poke_send.set()

        self._spawn(write())

    # ---- the street officer's roll-call answer (broadcast_ack = "officer") -----------------------------
    async def acknowledge(self, broadcast_id: str) -> None:
        """Answer the district's broadcast that reached this room as ``broadcast_id`` (local or remote id)."""
        remote = broadcast_id
        for ref in await self._db(ls.refs, self.store.engine, "broadcast", broadcast_id):
            remote = ref.remote_id
        await self._db(ls.queue, self.store.engine, [self.applier.ack_message(remote)], self.clock())
        self._poke_send.set()

    async def return_to_street(self, event_id: str, instructions: str) -> Any:
        """退回: the district sends a street's report back with instructions (the one decision path)."""
        return await self.decisions.execute(self.decisions.plan_link_return(event_id, instructions))

    # ---- loops ------------------------------------------------------------------------------------------
    async def _db(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(None, partial(fn, *args))

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _wait(self, event: asyncio.Event, timeout: float) -> None:  # noqa: ASYNC109
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
        event.clear()

    async def _scan_loop(self) -> None:
        while not self._stop.is_set():
            try:
                while await self._db(ls.scan_actions, self.store.engine, self._cursor_name, self._build,
                                     self.clock()) >= 1000:
                    pass
                self._poke_send.set()
            except Exception:
                log.exception("link %s: reading the action log failed; retrying", self.config.room)
            await self._wait(self._poke_scan, SCAN_INTERVAL)

    async def _send_loop(self) -> None:
        while not self._stop.is_set():
            try:
                await self._drain()
            except Exception as exc:
                log.info("link %s: sending paused (%s)", self.config.room, exc or type(exc).__name__)
                self._set(error=str(exc) or type(exc).__name__)
            await self._wait(self._poke_send, 1.0)

    async def _drain(self) -> None:
        while not self._stop.is_set():
            rows = await self._db(ls.pending, self.store.engine, SEND_BATCH)
            backlog = len(rows)
            if backlog >= SEND_BATCH:
                backlog = sum((await self._db(ls.backlog, self.store.engine)).values())
            self._set(backlog_up=backlog)
            if not rows or self.nc is None or not self.nc.is_connected:
                return
            sent: list[tuple[int, int | None]] = []
            try:
                for row in rows:
                    stored = await js.store_msg(self.nc, row.subject, row.body.encode("utf-8"), row.msg_id)
                    sent.append((row.id, stored.seq))
            finally:
                if sent:
                    await self._db(ls.mark_sent, self.store.engine, sent, self.clock())
                    self._set(last_ack_at=self.clock(), sent=self.state.sent + len(sent),
                              backlog_up=max(0, backlog - len(sent)))

    async def _on_msgs(self, msgs: list[Any]) -> None:
        for msg in msgs:
            meta = msg.metadata
            # applied to the end even if the link is stopped meanwhile: never half a message
            await asyncio.shield(self.applier.handle(msg.data, msg.subject, meta.stream, meta.sequence.stream))
            await msg.ack()
            self._set(backlog_down=int(meta.num_pending), last_applied_at=self.clock(),
                      applied=self.applier.applied, duplicates=self.applier.duplicates,
                      quarantined=self.applier.quarantined)
        self._poke_scan.set()

    async def _on_city_msgs(self, msgs: list[Any]) -> None:
        for msg in msgs:
            meta = msg.metadata
            await asyncio.shield(self.applier.handle_city(msg.data, meta.stream, meta.sequence.stream))
            await msg.ack()
            self._set(last_applied_at=self.clock(), applied=self.applier.applied,
                      duplicates=self.applier.duplicates, quarantined=self.applier.quarantined)
        self._poke_scan.set()
