"""A command-only connection to the hub (issue 14): how a seat that is not the room's intake writer
sends its commands (dispatch, escalate, broadcast, …).

Only the intake writer subscribes for records. Every other seat still sends the commands it decided
itself, over a connection of its own that subscribes *after* :data:`COMMANDS_ONLY_AFTER` (the
highest seq the protocol allows): the hub sends it no record, only the ``command_result`` of its
commands. So a command never waits for the writer, and fails over with nothing: the deciding
seat's link reconnects by itself (backoff 0.2 s → 5 s). The hub's answer comes back on the same
connection; a command sent while the link is down is refused at once with a message
(:class:`~console.net.client_state.CommandError`), never silently queued.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import ssl as ssl_mod

from websockets.asyncio.client import ClientConnection, connect

from console.net.client_state import CommandError
from console.net.commands import Command, round_trip
from console.net.protocol import (
    COMMANDS_ONLY_AFTER,
    CommandResult,
    FrameError,
    Subscribed,
    decode_hub_frame,
    subscribe_frame,
)

log = logging.getLogger(__name__)

__all__ = ["COMMANDS_ONLY_AFTER", "CommandLink"]
BACKOFF_BASE, BACKOFF_CAP = 0.2, 5.0


class CommandLink:
    def __init__(self, url: str, token: str | None, seat: str, *, ssl: ssl_mod.SSLContext | None = None,
                 open_timeout: float = 10.0) -> None:
        self.url = url
        self.token = token
        self.console_id = f"{seat}.commands"[:64]
        self.ssl = ssl
        self.open_timeout = open_timeout
        self.connected = asyncio.Event()
        self._ws: ClientConnection | None = None
        self._pending: dict[str, asyncio.Future[CommandResult]] = {}
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._rng = random.Random()

    def start(self) -> asyncio.Task[None]:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"command-link-{self.console_id}")
        return self._task

    async def stop(self) -> None:
        self._stopping = True
        ws = self._ws
        if ws is not None:
            with contextlib.suppress(Exception):
                await ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        self._fail("command link stopped")

    async def _run(self) -> None:
        attempt = 0
        while not self._stopping:
            try:
                async with connect(
                    self.url,
                    additional_headers={"Authorization": f"Bearer {self.token}"} if self.token else None,
                    ssl=self.ssl, open_timeout=self.open_timeout, compression=None,
                ) as ws:
                    await ws.send(subscribe_frame(self.console_id, COMMANDS_ONLY_AFTER))
                    first = decode_hub_frame(await asyncio.wait_for(ws.recv(), self.open_timeout))
                    if not isinstance(first, Subscribed):
                        raise FrameError("the hub did not answer subscribe with subscribed")
                    self._ws = ws
                    self.connected.set()
                    attempt = 0
                    async for raw in ws:
                        try:
                            msg = decode_hub_frame(raw)
                        except FrameError:
                            continue
                        if isinstance(msg, CommandResult):
                            fut = self._pending.get(msg.command_id)
                            if fut is not None and not fut.done():
                                fut.set_result(msg)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # refused, closed, timeout: retry with backoff
                log.info("command link to %s: %s", self.url, exc)
            finally:
                self._ws = None
                self.connected.clear()
                self._fail("connection to the hub lost")
            if self._stopping:
                break
            delay = min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt) * self._rng.uniform(0.5, 1.0)
            attempt = min(attempt + 1, 10)
            await asyncio.sleep(delay)

    async def send_command(self, command: Command, timeout: float = 10.0) -> CommandResult:  # noqa: ASYNC109
        """Send ``command`` and wait for the hub's answer; raises :class:`CommandError`."""
        ws = self._ws
        if ws is None:
            try:  # a link (re)connecting right now: wait a moment rather than refuse at once
                await asyncio.wait_for(self.connected.wait(), min(timeout, 2.0))
            except TimeoutError:
                raise CommandError("not connected to the hub") from None
            ws = self._ws
            if ws is None:
                raise CommandError("not connected to the hub")
        return await round_trip(ws, self._pending, command, timeout)

    def _fail(self, why: str) -> None:
        for fut in self._pending.values():
            if not fut.done():
                fut.set_exception(CommandError(why))
        self._pending.clear()
