"""The feed on NATS JetStream (``python main.py feed --broker nats://…``), the publishing side.

:class:`BrokerHub` stands where :class:`~console.net.hub.Hub` stands for the simulator: records are
appended to the same durable :class:`~console.net.hublog.HubLog` (their seqs, the simulator's cursor),
and a pump copies the log to the stream ``subject`` in order. One stream message carries up to
``FRAMES_PER_MSG`` protocol-v1 record frames, one per line (seq order), with the headers
``Feed-First-Seq``/``Feed-Last-Seq`` and ``Nats-Msg-Id`` = ``<log id>:<first>-<last>``; after a
restart the pump continues after the last seq the stream holds. Consoles send commands as NATS
requests on ``<subject>.cmd`` (the command frame of protocol v1; the answer is the ``command_result``).

The URL a console connects to names the subject: ``nats://HOST:PORT/<subject>``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any
from urllib.parse import urlsplit

from nats.js.errors import NotFoundError

from console.net import jetstream as js
from console.net.hublog import HubLog
from console.net.protocol import FrameError, command_result_frame, decode_client_frame, record_frame

log = logging.getLogger(__name__)

FRAMES_PER_MSG = 500
FIRST, LAST = "Feed-First-Seq", "Feed-Last-Seq"
DEFAULT_SUBJECT = "gov.demo.room.events"


def split_url(url: str) -> tuple[str, str]:
    """``nats://host:port/<subject>`` → (server URL, subject); ValueError naming the problem."""
    parts = urlsplit(url)
    if parts.scheme not in ("nats", "tls") or not parts.hostname:
        raise ValueError(f"{url}: expected nats://HOST:PORT/<subject>")
    subject = parts.path.lstrip("/") or DEFAULT_SUBJECT
    if any(c in subject for c in " *>") or subject.startswith(".") or subject.endswith("."):
        raise ValueError(f"{url}: {subject!r} is not a subject to publish on")
    return f"{parts.scheme}://{parts.hostname}:{parts.port or 4222}", subject


def stream_for(subject: str) -> str:
    return "FEED_" + "".join(c if c.isalnum() else "_" for c in subject).upper()


def frame_of(kind: str, seq: int, payload: str) -> str:
    return payload.replace("__SEQ__", str(seq)) if kind == "raw" else record_frame(kind, seq, payload)


class BrokerHub:
    """Hub-like publisher for the simulator (``log``, ``publish_many[_async]``, ``command_handler``)."""

    def __init__(self, log_: HubLog, url: str, creds: js.NatsCredentials) -> None:
        self.log = log_
        self.server, self.subject = split_url(url)
        self.stream = stream_for(self.subject)
        self.creds = creds
        self.command_handler: Any = None
        self.nc: Any = None
        self.published = 0  # last seq the stream holds
        self._poke = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"{self.server}/{self.subject}"

    async def start(self) -> None:
        self.nc = await js.connect([self.server], self.creds, name="feed-broker")
        await js.ensure_stream(self.nc, self.stream, [self.subject])
        self.published = await self._last_published()
        await self.nc.subscribe(f"{self.subject}.cmd", cb=self._on_command)
        self._task = asyncio.ensure_future(self._pump())

    async def _last_published(self) -> int:
        try:
            msg = await self.nc.jetstream().get_last_msg(self.stream, self.subject)
        except NotFoundError:
            return 0
        return int((msg.headers or {}).get(LAST, 0))

    async def stop(self) -> None:
        self._stop.set()
        self._poke.set()
        if self._task is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._task, 5.0)
        if self.nc is not None:
            with contextlib.suppress(Exception):
                await self.nc.close()

    # ---- the simulator's side ------------------------------------------------------------------
    def publish_many(self, records: Any, *, meta: tuple[str, str] | None = None) -> list[int]:
        rows = list(records)
        seqs = self.log.append_with_meta(rows, *meta) if meta else self.log.append_many(rows)
        self._poke.set()
        return seqs

    async def publish_many_async(self, records: Any, *, meta: tuple[str, str] | None = None) -> list[int]:
        return await asyncio.to_thread(self.publish_many, list(records), meta=meta)

    # ---- pump --------------------------------------------------------------------------------------
    async def _pump(self) -> None:
        while not self._stop.is_set():
            try:
                while True:
                    rows = await asyncio.to_thread(self.log.read, self.published, FRAMES_PER_MSG)
                    if not rows:
                        break
                    data = "\n".join(frame_of(r.kind, r.seq, r.payload) for r in rows).encode("utf-8")
                    first, last = rows[0].seq, rows[-1].seq
                    await self.nc.jetstream().publish(
                        self.subject, data, timeout=10.0,
                        headers={js.MSG_ID: f"{self.log.log_id}:{first}-{last}", FIRST: str(first), LAST: str(last)})
                    self.published = last
            except Exception as exc:
                log.info("broker feed: publishing after seq %d paused (%s)", self.published, exc or type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._poke.wait(), 0.5)
            self._poke.clear()

    async def _on_command(self, msg: Any) -> None:
        try:
            frame = decode_client_frame(msg.data)
            cid = getattr(frame, "command_id", "")
            if getattr(frame, "type", None) != "command":
                raise FrameError("expected a command frame")
            handler = self.command_handler
            ok, error = await handler(frame) if handler is not None else (False, "no command handler")
        except FrameError as exc:
            cid, ok, error = _command_id(msg.data), False, exc.reason
        with contextlib.suppress(Exception):
            await msg.respond(command_result_frame(cid, ok, error).encode("utf-8"))


def _command_id(raw: bytes) -> str:
    try:
        return str(json.loads(raw).get("command_id") or "")
    except (ValueError, AttributeError):
        return ""
