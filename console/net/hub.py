"""The feed hub: a websockets server at ``/feed`` serving the durable log (DESIGN §5).

- the bearer token is checked in the opening handshake (``process_request``): 401, no socket (the
  scheme is case-insensitive; two ``Authorization`` headers are a bad request, 400);
- client frames over 1 MiB close that client only (``max_size``);
- ``subscribe`` → ``subscribed{head_seq, log_id}``, then every record after ``after_seq`` read from
  the log, then live ones — one sender loop per connection always reads "what comes after the last
  seq I sent", so replay and live join with no gap and no duplicate;
- a subscriber that takes no frame for ``send_timeout`` (40 s: it does not read, its buffers are
  full) is dropped, so a console that never reads is not held forever;
- ``ack`` is tracked per console (in memory at once; written to the log file in batches off the
  event loop); ``command`` is validated
  (``console.net.commands.read_command``: action, event id, payload) and answered with
  ``command_result`` (a command handler, e.g. the simulator, may act on it);
- ``GET /media/<name>`` serves files from an optional media directory (demo video clips).

Long-running publishers (the simulator) use :meth:`Hub.publish_many_async`: the log write runs on a
worker thread and a failed write (the file locked by another writer, disk full, I/O error) is logged
as an error and retried with backoff while the hub keeps serving — it never kills the publisher.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import mimetypes
import re
import sqlite3
import ssl as ssl_mod
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from console.net.commands import ACTIONS, read_command
from console.net.hublog import HubLog
from console.net.protocol import (
    COMMANDS_ONLY_AFTER,
    MAX_FRAME_BYTES,
    AckFrame,
    CommandFrame,
    FrameError,
    SubscribeFrame,
    command_result_frame,
    decode_client_frame,
    record_frame,
    subscribed_frame,
)

log = logging.getLogger(__name__)

FEED_PATH = "/feed"
MEDIA_PREFIX = "/media/"
KNOWN_ACTIONS = frozenset(ACTIONS)
PING_INTERVAL = 20.0
PING_TIMEOUT = 20.0  # a silent peer is dropped within interval + timeout = 40 s (< 60 s)
SEND_TIMEOUT = 40.0  # a subscriber that takes no frame for this long (it does not read) is dropped
ACK_FLUSH_INTERVAL = 0.5  # s: acks are written to the log file in batches, off the event loop
RETRY_BASE = 0.5  # s: first wait after a failed log write (doubling up to RETRY_CAP)
RETRY_CAP = 30.0
MEDIA_MAX_BYTES = 256 * 1024 * 1024
_MEDIA_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_PAGE = 1000
_TAIL_KEEP = 2_000  # newest frames served from memory (a live subscriber is within a page or two)
_TAIL_CHARS = 1 << 20  # … and at most this many characters of them

CommandHandler = Callable[[CommandFrame], Awaitable[tuple[bool, str | None]]]


async def default_command_handler(cmd: CommandFrame) -> tuple[bool, str | None]:
    """Accept every well-formed command (``console.net.commands.read_command``); act on none."""
    try:
        read_command(cmd.action, cmd.event_id, cmd.payload)
    except FrameError as exc:
        return False, exc.reason
    return True, None


def server_ssl_context(cert: str | Path, key: str | Path) -> ssl_mod.SSLContext:
    ctx = ssl_mod.SSLContext(ssl_mod.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(cert), str(key))
    return ctx


class Hub:
    def __init__(
        self,
        log_: HubLog,
        token: str | None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl: ssl_mod.SSLContext | None = None,
        media_dir: str | Path | None = None,
        command_handler: CommandHandler | None = None,
        ping_interval: float | None = PING_INTERVAL,
        ping_timeout: float | None = PING_TIMEOUT,
        send_timeout: float | None = SEND_TIMEOUT,
        write_limit: int = 2**15,
        retry_base: float = RETRY_BASE,
        retry_cap: float = RETRY_CAP,
        ack_flush_interval: float = ACK_FLUSH_INTERVAL,
    ) -> None:
        self.log = log_
        self.token = token
        self.host = host
        self.port = port
        self.ssl = ssl
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.command_handler: CommandHandler = command_handler or default_command_handler
        self.ping_interval = ping_interval
        self.ping_timeout = ping_timeout
        self.send_timeout = send_timeout
        self.write_limit = write_limit  # bytes buffered per connection before a send waits
        self.retry_base = retry_base
        self.retry_cap = retry_cap
        self.ack_flush_interval = ack_flush_interval
        self.dropped_slow = 0  # subscribers dropped by the send timeout
        self.acks: dict[str, int] = self.log.acks()
        self._acks_unsaved: dict[str, int] = {}
        self._acks_due = asyncio.Event()
        self._closing = asyncio.Event()
        self._ack_writer: asyncio.Task[None] | None = None
        self._write_lock = asyncio.Lock()
        self.connections: set[ServerConnection] = set()
        self._server: Server | None = None
        self._changed: asyncio.Future[None] | None = None
        self._acked: asyncio.Future[None] | None = None
        self._tail: list[str] = []  # frames of the newest records published by this process
        self._tail_chars = 0
        self._tail_first = self.log.head + 1
        # the highest seq handed to the senders: a record written on a worker thread is sent once
        # _published has put it in the tail (on the loop), never read back from the file meanwhile
        self._visible = self.log.head

    # ---- lifecycle ---------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        scheme = "wss" if self.ssl else "ws"
        return f"{scheme}://{self.host}:{self.port}{FEED_PATH}"

    async def start(self) -> None:
        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            process_request=self._process_request,
            max_size=MAX_FRAME_BYTES,
            ping_interval=self.ping_interval,
            ping_timeout=self.ping_timeout,
            write_limit=self.write_limit,
            ssl=self.ssl,
            compression=None,
            server_header="grid-console-hub/1",
        )
        sock = next(iter(self._server.sockets))
        self.port = int(sock.getsockname()[1])
        self._closing.clear()
        self._ack_writer = asyncio.create_task(self._write_acks(), name="hub-acks")
        log.info("hub listening on %s (log %s, id %s, head %d)", self.url, self.log.path, self.log.log_id,
                 self.log.head)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
            self._server = None
        self._wake()
        if self._ack_writer is not None:
            self._closing.set()
            self._acks_due.set()
            await asyncio.gather(self._ack_writer, return_exceptions=True)  # writes the last acks
            self._ack_writer = None

    async def __aenter__(self) -> Hub:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ---- publishing --------------------------------------------------------------------------------
    def publish(self, kind: str, payload: str, key: str | None = None) -> int:
        return self.publish_many([(kind, payload, key)])[-1]

    def publish_many(self, records: Iterable[tuple[str, str, str | None]], *,
                     meta: tuple[str, str] | None = None) -> list[int]:
        """Append to the log (durably) and wake the subscribers; returns the seqs."""
        rows = list(records)
        seqs = self._append(rows, meta)
        self._published(seqs, rows)
        return seqs

    async def publish_many_async(self, records: Iterable[tuple[str, str, str | None]], *,
                                 meta: tuple[str, str] | None = None) -> list[int]:
        """:meth:`publish_many` with the log write on a worker thread, retried until the log takes it.

        A failed write (the file locked by another writer past the busy timeout, disk full, an I/O
        error) is logged as an error with what was being written and retried after 0.5, 1, 2 … 30 s;
        the hub keeps serving its subscribers meanwhile. Bad records (``ValueError``) are not retried.
        Writers are served in turn, so seqs follow the order of the calls.
        """
        rows = list(records)
        failures = 0
        async with self._write_lock:
            while True:
                try:
                    seqs = await asyncio.to_thread(self._append, rows, meta)
                    break
                except sqlite3.ProgrammingError:  # the log is closed: nothing to retry
                    raise
                except (sqlite3.Error, OSError) as exc:
                    failures += 1
                    delay = min(self.retry_cap, self.retry_base * 2 ** min(failures - 1, 16))
                    log.error("hub log %s: writing %d record(s) after seq %d failed (attempt %d): %s; "
                              "retrying in %.1f s (subscribers are still served)", self.log.path, len(rows),
                              self.log.head, failures, exc, delay)
                    await asyncio.sleep(delay)
            if failures:
                log.warning("hub log %s: %d record(s) written after %d failed attempt(s) (seq %d..%d)",
                            self.log.path, len(rows), failures, seqs[0] if seqs else 0, seqs[-1] if seqs else 0)
            self._published(seqs, rows)
        return seqs

    def _append(self, rows: list[tuple[str, str, str | None]], meta: tuple[str, str] | None) -> list[int]:
        if meta is not None:
            return self.log.append_with_meta(rows, *meta)
        return self.log.append_many(rows)

    def _published(self, seqs: list[int], rows: list[tuple[str, str, str | None]]) -> None:
        """Keep the new records' frames in the tail cache and wake the senders (on the loop)."""
        if seqs:
            self._visible = max(self._visible, seqs[-1])
            if seqs[0] != self._tail_first + len(self._tail):  # someone else wrote the log: reset
                self._tail, self._tail_first, self._tail_chars = [], seqs[0], 0
            frames = [_frame(s, k, p) for s, (k, p, _key) in zip(seqs, rows, strict=True)]
            self._tail.extend(frames)
            self._tail_chars += sum(map(len, frames))
            if len(self._tail) > _TAIL_KEEP or self._tail_chars > _TAIL_CHARS:
                self._trim_tail()
            self._wake()

    def _trim_tail(self) -> None:
        """Keep the newest ``_TAIL_KEEP`` frames and at most ``_TAIL_CHARS`` characters of them.

        The tail used to keep 20,000–40,000 frames whatever their size: a console process hosting the
        demo hub grew by ~1.2 MB a simulated day until then (the soak), and large records could make
        it hundreds of MB. Older records are read from the log (a subscriber that far behind)."""
        tail = self._tail
        drop = max(0, len(tail) - _TAIL_KEEP)
        chars = self._tail_chars - sum(map(len, tail[:drop]))
        while drop < len(tail) and chars > _TAIL_CHARS:
            chars -= len(tail[drop])
            drop += 1
        del tail[:drop]
        self._tail_first += drop
        self._tail_chars = chars

    async def wait_ack(self, console_id: str, seq: int) -> None:
        """Return once ``console_id`` has acked ``seq`` or beyond (bound it with a timeout)."""
        while self.acks.get(console_id, 0) < seq:
            if self._acked is None or self._acked.done():
                self._acked = asyncio.get_running_loop().create_future()
            await asyncio.shield(self._acked)

    def _wake(self) -> None:
        fut, self._changed = self._changed, None
        if fut is not None and not fut.done():
            fut.set_result(None)

    async def _wait_beyond(self, seq: int) -> None:
        while self._visible <= seq:
            if self._changed is None or self._changed.done():
                self._changed = asyncio.get_running_loop().create_future()
            await asyncio.shield(self._changed)

    def _frames_after(self, seq: int) -> list[str]:
        if seq >= self._visible:
            return []
        start = seq + 1 - self._tail_first
        if 0 <= start < len(self._tail):
            return self._tail[start : start + _PAGE]
        # older than the tail: from the file, never past what the senders may see yet
        return [_frame(r.seq, r.kind, r.payload) for r in self.log.read(seq, min(_PAGE, self._visible - seq))]

    # ---- HTTP side -------------------------------------------------------------------------------
    async def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        path = urlsplit(request.path).path
        if path.startswith(MEDIA_PREFIX):
            return await self._media(connection, request, unquote(path[len(MEDIA_PREFIX) :]))
        if path != FEED_PATH:
            return connection.respond(HTTPStatus.NOT_FOUND, "not found\n")
        if self.token:
            given = request.headers.get_all("Authorization")
            if len(given) > 1:  # which one would count? (Headers.get would raise: HTTP 500)
                return connection.respond(HTTPStatus.BAD_REQUEST, "more than one Authorization header\n")
            if not bearer_matches(given[0] if given else "", self.token):
                resp = connection.respond(HTTPStatus.UNAUTHORIZED, "missing or wrong bearer token\n")
                resp.headers["WWW-Authenticate"] = 'Bearer realm="feed"'
                return resp
        return None

    async def _media(self, connection: ServerConnection, request: Request, name: str) -> Response:
        if self.media_dir is None or not _MEDIA_NAME.match(name):
            return connection.respond(HTTPStatus.NOT_FOUND, "not found\n")
        path = (self.media_dir / name).resolve()
        if path.parent != self.media_dir or not path.is_file():
            return connection.respond(HTTPStatus.NOT_FOUND, "not found\n")
        size = path.stat().st_size
        start, end, status = 0, size - 1, HTTPStatus.OK
        rng = request.headers.get("Range")
        if rng:
            m = _RANGE.match(rng.strip())
            if m and (m.group(1) or m.group(2)):
                if m.group(1):
                    start = int(m.group(1))
                    end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
                else:
                    start = max(0, size - int(m.group(2)))
                status = HTTPStatus.PARTIAL_CONTENT
            if not m or start > end or start >= size:
                resp = connection.respond(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "bad range\n")
                resp.headers["Content-Range"] = f"bytes */{size}"
                return resp
        length = end - start + 1
        if length > MEDIA_MAX_BYTES:
            return connection.respond(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "file too large; use Range\n")
        body = await asyncio.to_thread(_read_slice, path, start, length)
        headers = Headers()
        headers["Content-Type"] = mimetypes.guess_type(name)[0] or "application/octet-stream"
        headers["Content-Length"] = str(len(body))
        headers["Accept-Ranges"] = "bytes"
        headers["Connection"] = "close"
        if status == HTTPStatus.PARTIAL_CONTENT:
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        return Response(status.value, status.phrase, headers, body)

    # ---- websocket side ---------------------------------------------------------------------------
    async def _handle(self, ws: ServerConnection) -> None:
        self.connections.add(ws)
        sender: asyncio.Task[None] | None = None
        commands: set[asyncio.Task[None]] = set()
        console_id = "?"
        try:
            try:
                first = await asyncio.wait_for(ws.recv(), timeout=30)
                sub = decode_client_frame(first)
            except (FrameError, TimeoutError) as exc:
                await ws.close(1008, f"expected subscribe: {exc}"[:120])
                return
            if not isinstance(sub, SubscribeFrame):
                await ws.close(1008, "expected subscribe first")
                return
            console_id = sub.console_id
            head = self.log.head
            if sub.after_seq >= COMMANDS_ONLY_AFTER:  # a seat's command-only link (console.net.command_link)
                log.debug("%s connected for commands only", console_id)
            elif sub.after_seq > head:
                log.warning("%s subscribed after seq %d beyond head %d", console_id, sub.after_seq, head)
            await self._send(ws, subscribed_frame(head, self.log.log_id))
            sender = asyncio.create_task(self._send_loop(ws, sub.after_seq, console_id),
                                         name=f"hub-send-{console_id}")
            async for raw in ws:
                await self._on_client_frame(ws, console_id, raw, commands)
        except ConnectionClosed:
            pass
        except _SlowPeer:
            self._drop_slow(ws, console_id, 0)
        finally:
            self.connections.discard(ws)
            pending = [t for t in (sender, *commands) if t is not None]
            for t in pending:
                t.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    async def _send(self, ws: ServerConnection, text: str) -> None:
        """Send one frame; raise :class:`_SlowPeer` when it cannot be handed over in ``send_timeout``."""
        try:
            async with asyncio.timeout(self.send_timeout):
                await ws.send(text)
        except TimeoutError:
            raise _SlowPeer from None

    def _drop_slow(self, ws: ServerConnection, console_id: str, sent: int) -> None:
        self.dropped_slow += 1
        log.warning("dropping subscriber %s (%s): no frame could be sent for %g s — it does not read "
                    "(last seq sent %d)", console_id, ws.remote_address, self.send_timeout, sent)
        if ws.transport is not None:
            ws.transport.abort()  # a close handshake would wait behind the full buffers

    async def _send_loop(self, ws: ServerConnection, after_seq: int, console_id: str = "?") -> None:
        sent = after_seq
        try:
            while True:
                frames = self._frames_after(sent)
                if not frames:
                    await self._wait_beyond(sent)
                    continue
                for text in frames:
                    await self._send(ws, text)
                    sent += 1
        except ConnectionClosed:
            pass
        except _SlowPeer:
            self._drop_slow(ws, console_id, sent)
        except Exception:  # e.g. the log became unreadable: drop this client, it will resume
            log.exception("sending to a subscriber failed after seq %d", sent)
            await ws.close(1011, "hub error")

    async def _run_command(self, ws: ServerConnection, cmd: CommandFrame) -> None:
        try:
            ok, error = await self.command_handler(cmd)
        except Exception as exc:  # a failing handler answers, never kills the connection
            log.exception("command %s failed", cmd.command_id)
            ok, error = False, f"hub error: {exc}"
        try:
            await self._send(ws, command_result_frame(cmd.command_id, ok, error))
        except ConnectionClosed:
            pass
        except _SlowPeer:
            self._drop_slow(ws, "?", 0)

    async def _on_client_frame(self, ws: ServerConnection, console_id: str, raw: str | bytes,
                               tasks: set[asyncio.Task[None]]) -> None:
        try:
            msg = decode_client_frame(raw)
        except FrameError as exc:
            log.info("ignored frame from %s: %s", console_id, exc.reason)
            return
        if isinstance(msg, AckFrame):
            if msg.seq > self.acks.get(console_id, 0):
                self.acks[console_id] = msg.seq
                self._acks_unsaved[console_id] = msg.seq  # written by _write_acks, off the loop
                self._acks_due.set()
                fut, self._acked = self._acked, None
                if fut is not None and not fut.done():
                    fut.set_result(None)
        elif isinstance(msg, CommandFrame):
            task = asyncio.create_task(self._run_command(ws, msg))  # a slow handler must not hold acks
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        else:
            log.info("ignored second subscribe from %s", console_id)

    # ---- acks to the log file ------------------------------------------------------------------
    async def _write_acks(self) -> None:
        """Write the acks received to the log file, batched, on a worker thread; retried on failure."""
        delay = self.ack_flush_interval
        while not self._closing.is_set():
            await self._acks_due.wait()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), delay)  # gather a batch (stop: at once)
            delay = self.ack_flush_interval if await self._save_acks() else min(self.retry_cap, delay * 2)
        await self._save_acks()

    async def _save_acks(self) -> bool:
        batch, self._acks_unsaved = self._acks_unsaved, {}
        self._acks_due.clear()
        if not batch:
            return True
        try:
            await asyncio.to_thread(self.log.record_acks, batch, datetime.now(UTC).isoformat())
        except (sqlite3.Error, OSError) as exc:
            log.error("hub log %s: acks of %d console(s) not written: %s; retrying", self.log.path, len(batch), exc)
            for console_id, seq in batch.items():
                self._acks_unsaved[console_id] = max(seq, self._acks_unsaved.get(console_id, 0))
            self._acks_due.set()
            return False
        return True


def bearer_matches(header: str, token: str) -> bool:
    """``Authorization: Bearer <token>``, the scheme in any case (RFC 7235 §2.1) and one or more spaces
    before the token; the token is compared in constant time."""
    scheme, _sp, credentials = header.strip().partition(" ")
    same = hmac.compare_digest(credentials.strip().encode("utf-8", "surrogateescape"),
                               token.encode("utf-8", "surrogateescape"))
    return same and scheme.lower() == "bearer"


class _SlowPeer(Exception):
    """A frame could not be handed to the peer within the send timeout."""


def _frame(seq: int, kind: str, payload: str) -> str:
    return payload.replace("__SEQ__", str(seq)) if kind == "raw" else record_frame(kind, seq, payload)


def _read_slice(path: Path, start: int, length: int) -> bytes:
    with path.open("rb") as fh:
        fh.seek(start)
        return fh.read(length)

