"""MQTT for grid workers' positions (aiomqtt over paho-mqtt 2): the console's intake and a publisher.

Topics: ``grid/<room>/workers/<worker_id>/position`` (:mod:`console.domain.positions`). Phones (and
the patrol simulator) publish their fixes **retained** with QoS 1, so the broker keeps each worker's
last position: a console that (re)connects — or a broker restarted with persistence — gets every
worker's last fix at once on subscribing.

:class:`MqttIntake` subscribes (QoS 1, a persistent session named after the seat, so fixes published
while the console was away are delivered when it comes back) and hands every message to an async
``sink`` (the position service's ``submit``, which waits while its bounded queue is full). It
reconnects with exponential backoff (capped at 30 s, with jitter) when the broker goes away.

Credentials and TLS (:class:`MqttAuth`): ``--mqtt-user`` with ``--mqtt-password-file``, and
``mqtts://`` or ``--mqtt-tls-ca`` / ``--mqtt-tls-cert`` / ``--mqtt-tls-key`` / ``--mqtt-tls-insecure``.
A broker refusing the credentials is reported as ``unauthorized`` (and retried with the backoff,
so fixing the broker's password file is enough), a failed handshake as ``tls``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiomqtt

from console.domain.positions import subscription

log = logging.getLogger(__name__)
DEFAULT_BROKER = "mqtt://127.0.0.1:1883"
BACKOFF_CAP_S = 30.0
INCOMING_MAX = 200_000  # aiomqtt's own queue: beyond this paho's messages are dropped (logged)


class BrokerUrlError(ValueError):
    pass


class MqttAuthError(ValueError):
    """The MQTT credentials or TLS files cannot be used (a missing file, an empty password)."""


TLS_SCHEMES = ("mqtts", "ssl")


def parse_broker(url: str) -> tuple[str, int]:
    """``mqtt://host[:port]`` (1883) or ``mqtts://host[:port]`` (TLS, 8883) → (host, port)."""
    parts = urlsplit(url if "//" in url else f"mqtt://{url}")
    if parts.scheme not in ("mqtt", "tcp", *TLS_SCHEMES):
        raise BrokerUrlError(f"{url}: not an mqtt:// or mqtts:// URL")
    if not parts.hostname:
        raise BrokerUrlError(f"{url}: no host")
    try:
        port = parts.port or (8883 if parts.scheme in TLS_SCHEMES else 1883)
    except ValueError as exc:
        raise BrokerUrlError(f"{url}: bad port ({exc})") from exc
    return parts.hostname, port


@dataclass(frozen=True, slots=True)
class MqttAuth:
    """How the console signs in to the positions broker: a user name and password (read from a
    file, never from the command line), and TLS (``mqtts://`` or any ``tls_*`` option): the CA that
    signed the broker's certificate, a client certificate and key when the broker asks for one,
    and — for a test broker only — skipping the host name check."""

    username: str | None = None
    password: str | None = field(default=None, repr=False)
    tls: bool = False
    tls_ca: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    tls_insecure: bool = False

    @classmethod
    def from_options(cls, url: str | None, *, username: str | None = None, password_file: str | None = None,
                     tls_ca: str | None = None, tls_cert: str | None = None, tls_key: str | None = None,
                     tls_insecure: bool = False) -> MqttAuth:
        """From the command line's options; raises :class:`MqttAuthError` with one clear line."""
        password = None
        if password_file:
            try:
                lines = Path(password_file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise MqttAuthError(f"--mqtt-password-file {password_file}: cannot read it "
                                    f"({getattr(exc, 'strerror', None) or exc})") from exc
            password = lines[0] if lines else ""  # the first line, as it is (no trimming of spaces)
            if not password:
                raise MqttAuthError(f"--mqtt-password-file {password_file}: the file is empty")
            if not username:
                raise MqttAuthError("--mqtt-password-file needs --mqtt-user")
        for opt, path in (("--mqtt-tls-ca", tls_ca), ("--mqtt-tls-cert", tls_cert), ("--mqtt-tls-key", tls_key)):
            if path and not Path(path).is_file():
                raise MqttAuthError(f"{opt} {path}: no such file")
        if bool(tls_cert) != bool(tls_key):
            raise MqttAuthError("--mqtt-tls-cert and --mqtt-tls-key go together")
        scheme = urlsplit(url).scheme if url and "//" in url else "mqtt"
        tls = scheme in TLS_SCHEMES or bool(tls_ca or tls_cert or tls_insecure)
        return cls(username or None, password, tls, tls_ca, tls_cert, tls_key, tls_insecure)

    def client_kwargs(self) -> dict[str, Any]:
        kw: dict[str, Any] = {}
        if self.username:
            kw["username"] = self.username
            kw["password"] = self.password
        if self.tls:
            kw["tls_params"] = aiomqtt.TLSParameters(ca_certs=self.tls_ca, certfile=self.tls_cert, keyfile=self.tls_key,
                                                     cert_reqs=ssl.CERT_REQUIRED)
            kw["tls_insecure"] = self.tls_insecure
        return kw


NO_AUTH = MqttAuth()
# CONNACK codes of refused credentials: MQTT 3.1.1 (4 bad user name or password, 5 not authorised)
# and MQTT 5 (134, 135)
_AUTH_CODES = {4, 5, 134, 135}


def refusal(exc: BaseException) -> tuple[str, str]:
    """(status, detail) of a failed connection: ``unauthorized`` when the broker refused the
    credentials, ``tls`` when the TLS handshake failed, else ``disconnected``."""
    rc = getattr(exc, "rc", None)
    code = getattr(rc, "value", rc)
    if isinstance(code, int) and code in _AUTH_CODES:
        return "unauthorized", f"the broker refused the user name or password ({exc})"
    text = str(exc)
    if isinstance(exc.__cause__, ssl.SSLError) or "SSL" in text or "certificate" in text.lower():
        return "tls", f"TLS handshake failed: {text}"
    return "disconnected", text


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
                 sink_nowait: Callable[[str, bytes], bool] | None = None, auth: MqttAuth = NO_AUTH) -> None:
        """``sink_nowait``: a non-blocking sink tried first (False: full, then ``sink`` is awaited) —
        it spares a coroutine a message at thousands of messages a second. ``on_state(status,
        detail)``: ``connected``, ``disconnected``, ``unauthorized`` (credentials refused) or
        ``tls`` (handshake failed), with the broker's words."""
        self.url = url
        self.auth = auth
        self.state: tuple[str, str | None] = ("starting", None)
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

    def _state(self, status: str, detail: str | None) -> None:
        self.state = (status, detail)
        try:
            self.on_state(status, detail)
        except Exception:  # a listener's fault must not stop the intake
            log.exception("positions: state listener failed")

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
                inbox = _inbox_type()
                async with aiomqtt.Client(self.host, self.port, identifier=self.client_id,
                                          clean_session=self.clean_session, keepalive=20,
                                          max_queued_incoming_messages=INCOMING_MAX, queue_type=inbox,
                                          **self.auth.client_kwargs()) as client:
                    await client.subscribe(self.topic, qos=1)
                    self.connected.set()
                    self._state("connected", None)
                    log.info("positions: subscribed to %s on %s:%d", self.topic, self.host, self.port)
                    delay = 0.5
                    fast = self.sink_nowait
                    async for msg in _drained(client, inbox.made[0]):
                        self.received += 1
                        payload = msg.payload
                        if not isinstance(payload, bytes):
                            payload = bytes(payload) if isinstance(payload, bytearray) else str(payload).encode()
                        topic = msg.topic.value
                        if fast is None or not fast(topic, payload):
                            await self.sink(topic, payload)
            except aiomqtt.MqttError as exc:
                self.connected.clear()
                status, detail = refusal(exc)
                self._state(status, detail)
                log.warning("positions: broker %s:%d: %s; retrying in %.1f s", self.host, self.port, detail, delay)
            await asyncio.sleep(delay * (0.8 + 0.4 * random.random()))
            delay = min(BACKOFF_CAP_S, delay * 2)


class _Inbox(asyncio.Queue):  # type: ignore[type-arg]
    """aiomqtt's incoming queue, made through its public ``queue_type`` argument so the intake holds
    it and takes what is already queued without waiting: aiomqtt's message iterator starts a task
    and an ``asyncio.wait`` for every message (a fifth of the intake's CPU at thousands a second).
    :func:`_inbox_type` makes a class per connection; ``made`` is the queue the client created."""

    made: list[asyncio.Queue] = []  # type: ignore[type-arg]


def _inbox_type() -> type[_Inbox]:
    class Inbox(_Inbox):
        made: list[asyncio.Queue] = []  # type: ignore[type-arg]

        def __init__(self, maxsize: int = 0) -> None:
            super().__init__(maxsize)
            Inbox.made.append(self)

    return Inbox


async def _drained(client: aiomqtt.Client, inbox: asyncio.Queue) -> AsyncIterator[aiomqtt.Message]:  # type: ignore[type-arg]
    """The client's messages: those already in its queue at once, else the next through its iterator."""
    messages = client.messages
    while True:
        try:
            yield inbox.get_nowait()
        except asyncio.QueueEmpty:
            yield await anext(messages)


class MqttPublisher:
    """Publishes (retained, QoS 1 by default) over one connection; reconnects on the next publish."""

    def __init__(self, url: str, *, client_id: str | None = None, auth: MqttAuth = NO_AUTH) -> None:
        self.host, self.port = parse_broker(url)
        self.client_id = client_id
        self.auth = auth
        self._client: aiomqtt.Client | None = None

    async def __aenter__(self) -> MqttPublisher:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        if self._client is None:
            client = aiomqtt.Client(self.host, self.port, identifier=self.client_id, keepalive=20,
                                    **self.auth.client_kwargs())
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
