"""MQTT for grid workers' positions (aiomqtt over paho-mqtt 2): the console's intake and a publisher.

Topics: ``grid/<room>/workers/<worker_id>/position`` (:mod:`console.domain.positions`). Phones (and
the patrol simulator) publish their fixes **retained** with QoS 1, so the broker keeps each worker's
last position: a console that (re)connects — or a broker restarted with persistence — gets every
worker's last fix at once on subscribing.

:class:`MqttIntake` subscribes (QoS 1, a persistent session named after the seat, so fixes published
while the console was away are delivered when it comes back) and hands every message to an async
``sink`` (the position service's ``submit``, which waits while its bounded queue is full). It
reconnects with exponential backoff (capped at 30 s, with jitter) when the broker goes away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from urllib.parse import urlsplit

import aiomqtt

from console.domain.positions import subscription

log = logging.getLogger(__name__)
DEFAULT_BROKER = "mqtt://127.0.0.1:1883"
BACKOFF_CAP_S = 30.0
INCOMING_MAX = 200_000  # aiomqtt's own queue: beyond this paho's messages are dropped (logged)


class BrokerUrlError(ValueError):
    pass


def parse_broker(url: str) -> tuple[str, int]:
    """``mqtt://host[:port]`` → (host, port)."""
    parts = urlsplit(url if "//" in url else f"mqtt://{url}")
    if parts.scheme not in ("mqtt", "tcp"):
        raise BrokerUrlError(f"{url}: not an mqtt:// URL")
    if not parts.hostname:
        raise BrokerUrlError(f"{url}: no host")
    try:
        port = parts.port or 1883
    except ValueError as exc:
        raise BrokerUrlError(f"{url}: bad port ({exc})") from exc
    return parts.hostname, port


async def broker_reachable(url: str, wait_s: float = 1.0) -> bool:
    """Can a TCP connection to the broker be opened now?"""
    try:
        host, port = parse_broker(url)
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), wait_s)
    except (OSError, TimeoutError, BrokerUrlError):
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


class MqttIntake:
    def __init__(self, url: str, sink: Callable[[str, bytes], Awaitable[None]], *, room: str = "+",
                 client_id: str | None = None, clean_session: bool = False,
                 on_state: Callable[[str, str | None], None] | None = None,
                 sink_nowait: Callable[[str, bytes], bool] | None = None) -> None:
        """``sink_nowait``: a non-blocking sink tried first (False: full, then ``sink`` is awaited) —
        it spares a coroutine a message at thousands of messages a second."""
        self.url = url
        self.sink_nowait = sink_nowait
        self.host, self.port = parse_broker(url)
        self.sink = sink
        self.topic = subscription(room)
        self.client_id = client_id
        self.clean_session = clean_session if client_id else True
        self.on_state = on_state or (lambda state, detail: None)
        self.connected = asyncio.Event()
        self.received = 0
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.ensure_future(self.run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run(self) -> None:
        delay = 0.5
        while True:
            try:
                async with aiomqtt.Client(self.host, self.port, identifier=self.client_id,
                                          clean_session=self.clean_session, keepalive=20,
                                          max_queued_incoming_messages=INCOMING_MAX) as client:
                    await client.subscribe(self.topic, qos=1)
                    self.connected.set()
                    self.on_state("connected", None)
                    log.info("positions: subscribed to %s on %s:%d", self.topic, self.host, self.port)
                    delay = 0.5
                    fast = self.sink_nowait
                    async for msg in _drained(client):
                        self.received += 1
                        payload = msg.payload
                        if not isinstance(payload, bytes):
                            payload = bytes(payload) if isinstance(payload, bytearray) else str(payload).encode()
                        topic = msg.topic.value
                        if fast is None or not fast(topic, payload):
                            await self.sink(topic, payload)
            except aiomqtt.MqttError as exc:
                self.connected.clear()
                self.on_state("disconnected", str(exc))
                log.warning("positions: broker %s:%d: %s; retrying in %.1f s", self.host, self.port, exc, delay)
            await asyncio.sleep(delay * (0.8 + 0.4 * random.random()))
            delay = min(BACKOFF_CAP_S, delay * 2)


async def _drained(client: aiomqtt.Client) -> AsyncIterator[aiomqtt.Message]:
    """``client.messages``, but taking what is already queued without waiting: aiomqtt's iterator
    starts a task and an ``asyncio.wait`` for every message (a fifth of the intake's CPU at
    thousands a second). Falls back to the plain iterator if aiomqtt's queue is not where expected."""
    queue = getattr(client, "_queue", None)
    messages = client.messages
    if not isinstance(queue, asyncio.Queue):
        async for m in messages:
            yield m
        return
    while True:
        try:
            yield queue.get_nowait()
        except asyncio.QueueEmpty:
            yield await anext(messages)


class MqttPublisher:
    """Publishes (retained, QoS 1 by default) over one connection; reconnects on the next publish."""

    def __init__(self, url: str, *, client_id: str | None = None) -> None:
        self.host, self.port = parse_broker(url)
        self.client_id = client_id
        self._client: aiomqtt.Client | None = None

    async def __aenter__(self) -> MqttPublisher:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        if self._client is None:
            client = aiomqtt.Client(self.host, self.port, identifier=self.client_id, keepalive=20)
            await client.__aenter__()
            self._client = client

    async def publish(self, topic: str, payload: bytes, *, retain: bool = True, qos: int = 1) -> None:
        try:
            await self.connect()
            assert self._client is not None
            await self._client.publish(topic, payload, qos=qos, retain=retain)
        except aiomqtt.MqttError:
            await self.close()
            raise

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(aiomqtt.MqttError, OSError):
                await client.__aexit__(None, None, None)
