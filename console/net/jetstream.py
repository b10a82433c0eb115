"""NATS JetStream plumbing shared by the room links and the broker feed (issue 18).

- :class:`NatsCredentials` from a credentials file (:func:`read_credentials`): a TOML file with
  ``user``/``password`` or ``token``, or a NATS ``.creds`` file (JWT + nkey seed). Credentials are
  required; the file must not be readable by every user of the machine.
- :func:`connect`: a client that reconnects for ever (2 s apart) and reports its state; it waits
  while no server answers, and a refused credential raises :class:`NatsAuthError` at once.
- :func:`ensure_stream`: create or update a file-backed stream with a duplicate window.
- :func:`store_msg`: one message with ``Nats-Msg-Id``; the stream's ``PubAck`` (its sequence, and
  whether it was a duplicate it dropped).
- :class:`PullConsumer`: a durable pull consumer read in batches; the caller acks after its commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import stat
import tomllib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nats
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg
from nats.errors import Error as NatsError
from nats.errors import NoServersError
from nats.errors import TimeoutError as NatsTimeout
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

from console.net.security import CredentialError

log = logging.getLogger(__name__)

DUPLICATE_WINDOW_S = 24 * 3600.0  # the stream drops a repeated Nats-Msg-Id within a day
MSG_ID = "Nats-Msg-Id"


class NatsAuthError(ConnectionError):
    """The server refused the credentials (authorization violation / authentication timeout)."""


@dataclass(frozen=True, slots=True)
class NatsCredentials:
    user: str | None = None
    password: str | None = None
    token: str | None = None
    creds_file: str | None = None  # a NATS .creds file (JWT + nkey seed)

    def connect_options(self) -> dict[str, Any]:
        if self.creds_file:
            return {"user_credentials": self.creds_file}
        if self.token:
            return {"token": self.token}
        return {"user": self.user, "password": self.password}

    @property
    def who(self) -> str:
        return self.user or ("token" if self.token else "creds")


def read_credentials(path: str | Path) -> NatsCredentials:
    """Credentials from ``path``; :class:`CredentialError` (one line naming the file) when unusable."""
    p = Path(path)
    where = f"credentials file {path}"
    try:
        st = p.stat()
    except FileNotFoundError:
        raise CredentialError(f"{where}: no such file") from None
    except OSError as exc:
        raise CredentialError(f"{where}: cannot read it ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise CredentialError(f"{where}: not a regular file")
    if os.name == "posix" and st.st_mode & stat.S_IROTH:
        raise CredentialError(f"{where}: readable by every user of this machine (mode "
                              f"{stat.S_IMODE(st.st_mode):04o}); restrict it: chmod 600 {path}")
    if p.suffix == ".creds":
        return NatsCredentials(creds_file=str(p))
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CredentialError(f"{where}: not a TOML file ({exc})") from None
    token = data.get("token")
    user, password = data.get("user"), data.get("password")
    if isinstance(token, str) and token:
        return NatsCredentials(token=token)
    if isinstance(user, str) and user and isinstance(password, str) and password:
        return NatsCredentials(user=user, password=password)
    raise CredentialError(f"{where}: needs user and password, or token (credentials are required)")


def _is_auth_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "authorization" in text or "authentication" in text or "auth" in type(exc).__name__.lower()


async def connect(
    servers: Sequence[str],
    creds: NatsCredentials,
    *,
    name: str,
    on_state: Callable[[str, str | None], Any] | None = None,
    connect_timeout: float = 3.0,
    reconnect_wait: float = 2.0,
) -> NatsClient:
    """A connected client that reconnects for ever. Waits while no server answers (trying every
    ``reconnect_wait`` s); raises :class:`NatsAuthError` as soon as a server refuses the credentials."""
    refused = asyncio.Event()

    def state(status: str, detail: str | None = None) -> None:
        if on_state is not None:
            on_state(status, detail)

    async def error_cb(exc: Exception) -> None:
        if _is_auth_error(exc):
            log.error("NATS %s: credentials refused (%s)", ", ".join(servers), exc)
            state("unauthorized", str(exc))
            refused.set()
        else:
            log.info("NATS %s: %s", ", ".join(servers), exc or type(exc).__name__)
            state("disconnected", str(exc) or type(exc).__name__)

    async def disconnected_cb() -> None:
        state("disconnected", None)

    async def reconnected_cb() -> None:
        state("connected", None)

    async def closed_cb() -> None:
        state("closed", None)

    attempt = asyncio.ensure_future(nats.connect(
        servers=list(servers), name=name, connect_timeout=connect_timeout, reconnect_time_wait=reconnect_wait,
        max_reconnect_attempts=-1, allow_reconnect=True, error_cb=error_cb, disconnected_cb=disconnected_cb,
        reconnected_cb=reconnected_cb, closed_cb=closed_cb, pending_size=64 * 1024 * 1024,
        **creds.connect_options()))
    waiter = asyncio.ensure_future(refused.wait())
    try:
        await asyncio.wait({attempt, waiter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()
    if refused.is_set():
        attempt.cancel()
        with contextlib.suppress(BaseException):
            await attempt
        raise NatsAuthError(f"{', '.join(servers)}: credentials of {creds.who!r} refused")
    try:
        nc = attempt.result()
    except NatsError as exc:
        if _is_auth_error(exc):
            raise NatsAuthError(f"{', '.join(servers)}: credentials of {creds.who!r} refused") from None
        raise ConnectionError(f"{', '.join(servers)}: {exc}") from None
    except (NoServersError, OSError, TimeoutError) as exc:
        raise ConnectionError(f"{', '.join(servers)}: no server answered ({exc or type(exc).__name__})") from None
    state("connected", None)
    return nc


async def ensure_stream(nc: NatsClient, name: str, subjects: list[str], *,
                        duplicate_window_s: float = DUPLICATE_WINDOW_S, max_msgs_per_subject: int = -1) -> None:
    js = nc.jetstream()
    config = StreamConfig(name=name, subjects=subjects, storage=StorageType.FILE,
                          duplicate_window=duplicate_window_s, max_msgs_per_subject=max_msgs_per_subject)
    try:
        info = await js.stream_info(name)
    except NotFoundError:
        await js.add_stream(config)
        return
    if sorted(info.config.subjects or []) != sorted(subjects):
        await js.update_stream(config)


@dataclass(frozen=True, slots=True)
class Stored:
    seq: int
    duplicate: bool


async def store_msg(nc: NatsClient, subject: str, data: bytes, msg_id: str, *, timeout: float = 5.0) -> Stored:  # noqa: ASYNC109
    ack = await nc.jetstream().publish(subject, data, timeout=timeout, headers={MSG_ID: msg_id})
    return Stored(int(ack.seq), bool(ack.duplicate))


Handler = Callable[[list[Msg]], Awaitable[None]]


class PullConsumer:
    """A durable pull consumer on ``stream`` (``filter_subject``), explicit acks, read in batches.

    :meth:`run` fetches until stopped and hands each batch to ``handler``, which acks each message
    after committing it (a message not acked is delivered again after ``ack_wait``, and on the next
    start: the consumer's position is kept by the server)."""

    def __init__(self, nc: NatsClient, stream: str, durable: str, filter_subject: str, handler: Handler, *,
                 batch: int = 100, ack_wait_s: float = 30.0, ack_policy: AckPolicy = AckPolicy.EXPLICIT,
                 start_seq: int | None = None) -> None:
        self.nc = nc
        self.stream = stream
        self.durable = durable
        self.filter_subject = filter_subject
        self.handler = handler
        self.batch = batch
        self.ack_wait_s = ack_wait_s
        self.ack_policy = ack_policy
        self.start_seq = start_seq
        self._sub: Any = None
        self.errors = 0

    def _config(self) -> ConsumerConfig:
        cfg = ConsumerConfig(durable_name=self.durable, ack_policy=self.ack_policy, ack_wait=self.ack_wait_s,
                             filter_subject=self.filter_subject, max_ack_pending=20_000, max_deliver=-1)
        if self.start_seq is not None:
            cfg.deliver_policy = DeliverPolicy.BY_START_SEQUENCE
            cfg.opt_start_seq = self.start_seq
        return cfg

    async def _subscribe(self) -> Any:
        js = self.nc.jetstream()
        return await js.pull_subscribe(self.filter_subject, durable=self.durable, stream=self.stream,
                                       config=self._config())

    async def run(self, stop: asyncio.Event, idle_timeout: float = 1.0) -> None:  # noqa: ASYNC109
        while not stop.is_set():
            try:
                if self._sub is None:
                    self._sub = await self._subscribe()
                try:
                    msgs = await self._sub.fetch(self.batch, timeout=idle_timeout)
                except NatsTimeout:
                    continue
                if msgs:
                    await self.handler(msgs)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the server is down, the stream not there yet, …
                self.errors += 1
                log.info("consumer %s on %s: %s; retrying", self.durable, self.stream, exc or type(exc).__name__)
                self._sub = None
                try:
                    await asyncio.wait_for(stop.wait(), 1.0)
                except TimeoutError:
                    pass

    async def delete(self) -> None:
        try:
            await self.nc.jetstream().delete_consumer(self.stream, self.durable)
        except NotFoundError:
            pass


async def send_plain(nc: NatsClient, subject: str, data: bytes) -> None:
    """A core NATS message (not stored unless a stream listens on the subject)."""
    await nc.publish(subject, data)
