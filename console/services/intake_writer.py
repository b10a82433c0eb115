"""One intake writer per room, with fail-over (issue 14).

The intake — the feed client that subscribes to the hub and commits its records — belongs to the
room, not to a seat: it subscribes as the room's id (``Store.room_id``), so the hub keeps one
position and the room stores every record once. On PostgreSQL the seat (or the headless
``python main.py record``) that holds a session-level advisory lock, keyed by the room, is the
writer; every other seat retries the lock every ``retry_s`` (0.5 s) and does not connect for intake.

When the writer dies its database session ends and PostgreSQL releases the lock (a ``kill -9``
closes the socket at once); the next seat to try takes it, starts its intake, and the feed client
resumes from the stored feed position: records the dead writer had not committed were never acked,
so the hub sends them again (nothing lost), and the commit skips every seq at or below the stored
position under a row lock (nothing twice — even if two writers overlapped for a moment, e.g. one
whose lock connection was cut while its process lived on until its next check).

On SQLite the same holds with an exclusive ``flock`` on ``<database>.intake-lock`` beside the file
(released by the kernel when the process dies): the one seat of the embedded default is the writer
at once, and seats sharing a file on one machine fail over as on PostgreSQL. An in-memory database
has one seat only: it always writes.

:class:`IntakeElection` runs the lock in a thread of its own (a psycopg connection, blocking calls
in a one-thread executor) and calls ``on_gained`` / ``on_lost`` on the loop; ``on_holder(holder,
this_seat)`` reports who writes (the status bar: "接入写入：本席位 / 席位 X").
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)

LOCK_CLASS = 0x47524944  # "GRID": the first key of the two-key advisory lock
RETRY_S = 0.5  # a standby seat tries the lock this often (take-over well within 5 s)
# a writer whose intake cannot reach the hub this long steps down (PostgreSQL), so a seat that can
# takes over; it tries the lock again only after STEP_DOWN_S more
STEP_DOWN_S = 20.0
APP_PREFIX = "grid-intake:"
_TRY = "SELECT pg_try_advisory_lock(%s, hashtext(%s))"
WRITER_KEY = "intake.writer"  # settings: the seat that holds the lock now (seat names need not be ASCII)

Callback = Callable[[], "Awaitable[None] | None"]


def lock_name(room_id: str, schema: str) -> str:
    return f"grid-intake:{schema}:{room_id}"


class IntakeElection:
    def __init__(self, store: Any, seat: str, *, on_gained: Callback, on_lost: Callback,
                 on_holder: Callable[[str | None, bool], None] | None = None, retry_s: float = RETRY_S,
                 healthy: Callable[[], bool] | None = None, step_down_s: float = STEP_DOWN_S) -> None:
        """``healthy()``: is this seat's intake connected to the hub (checked while it writes)."""
        self.store = store
        self.seat = seat
        self.on_gained = on_gained
        self.on_lost = on_lost
        self.on_holder = on_holder
        self.retry_s = retry_s
        self.healthy = healthy
        self.step_down_s = step_down_s
        self._unhealthy_since: float | None = None
        self._resume_at = 0.0  # after stepping down: not before this (loop time)
        self.is_writer = False
        self.holder: str | None = None
        self.gained = 0  # times this seat became the writer
        self._conn: Any = None
        self._name: str | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake-lock")
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._naming: asyncio.Future[None] | None = None
        self.writing = asyncio.Event()  # set while this seat is the writer and its intake runs
        self.decided = asyncio.Event()  # set once this seat knows whether it writes (its intake started, or not)

    @property
    def postgres(self) -> bool:
        return bool(self.store.dialect == "postgresql")

    def start(self) -> asyncio.Task[None]:
        if self._task is None:
            self._task = asyncio.ensure_future(self.run())
        return self._task

    async def stop(self) -> None:
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        if self.is_writer:
            self.is_writer = False
            self.writing.clear()
            await self._call(self.on_lost)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self._close)
        self._executor.shutdown(wait=True)

    async def run(self) -> None:
        path = getattr(self.store.engine.url, "database", None) if not self.postgres else None
        if not self.postgres and (not path or path == ":memory:"):  # one seat in memory: always the writer
            await self._became_writer(name=False)
            return
        loop = asyncio.get_running_loop()
        while not self._stopping:
            try:
                if self.is_writer:
                    await loop.run_in_executor(self._executor, self._check)  # the lock's session is alive
                    if self._should_step_down(loop.time()):
                        await self._step_down(loop)
                elif loop.time() < self._resume_at:
                    pass  # stepped down a moment ago: let another seat take the intake
                else:
                    got, holder = await loop.run_in_executor(self._executor, self._try)
                    if got:
                        await self._became_writer()
                    else:
                        self._report(holder)
                        self.decided.set()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the lock's connection failed: whatever we held is gone
                log.warning("intake lock (%s): %s", self.seat, exc)
                await loop.run_in_executor(self._executor, self._close)
                if self.is_writer:
                    self.is_writer = False
                    self.writing.clear()
                    log.warning("seat %s lost the intake lock: stopping its intake", self.seat)
                    await self._call(self.on_lost)
                self._report(None)
            await asyncio.sleep(self.retry_s)

    def _should_step_down(self, now: float) -> bool:
        if not self.postgres or self.healthy is None or self.healthy():  # one SQLite seat: nobody to hand over to
            self._unhealthy_since = None
            return False
        if self._unhealthy_since is None:
            self._unhealthy_since = now
        return now - self._unhealthy_since >= self.step_down_s

    async def _step_down(self, loop: asyncio.AbstractEventLoop) -> None:
        log.warning("seat %s cannot reach the hub for %g s: giving the room's intake to another seat", self.seat,
                    self.step_down_s)
        self.is_writer = False
        self.writing.clear()
        self._unhealthy_since = None
        self._resume_at = loop.time() + self.step_down_s
        await self._call(self.on_lost)
        await loop.run_in_executor(self._executor, self._close)  # the lock is free
        self._report(None)

    def _write_name(self) -> None:
        try:
            self.store.settings.set(WRITER_KEY, {"seat": self.seat})  # the others show who writes
        except Exception as exc:  # e.g. a damaged SQLite file: the intake says so itself
            log.warning("intake writer %s not recorded in the room: %s", self.seat, exc)

    async def _became_writer(self, *, name: bool = True) -> None:
        if name:  # written on the side: on SQLite a write waits for the file's quick check, the intake need not
            self._naming = asyncio.get_running_loop().run_in_executor(None, self._write_name)
        self.is_writer = True
        self.gained += 1
        log.info("seat %s is the room's intake writer", self.seat)
        self._report(self.seat)
        await self._call(self.on_gained)
        self.writing.set()
        self.decided.set()

    def _report(self, holder: str | None) -> None:
        if holder == self.holder and holder is not None:
            return
        self.holder = holder
        if self.on_holder is not None:
            self.on_holder(holder, self.is_writer)

    @staticmethod
    async def _call(fn: Callback) -> None:
        result = fn()
        if asyncio.iscoroutine(result) or isinstance(result, asyncio.Future):
            await result

    # ---- blocking, on the lock thread ---------------------------------------------------------------
    def _try_file(self) -> bool:
        """SQLite: an exclusive, non-blocking ``flock`` on the file beside the database."""
        import fcntl

        if self._conn is None:
            path = f"{self.store.engine.url.database}.intake-lock"
            self._conn = open(path, "a+b")  # noqa: SIM115 - held open while this seat writes
        try:
            fcntl.flock(self._conn.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _connect(self) -> Any:
        if self._conn is None:
            import psycopg

            url = self.store.engine.url.set(drivername="postgresql")
            self._conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True,
                                         application_name=(APP_PREFIX + self.seat)[:63], connect_timeout=5)
            row = self._conn.execute("SELECT current_schema()").fetchone()
            self._name = lock_name(self.store.room_id, str(row[0]) if row else "public")
        return self._conn

    def _try(self) -> tuple[bool, str | None]:
        if self.postgres:
            conn = self._connect()
            row = conn.execute(_TRY, (LOCK_CLASS, self._name)).fetchone()
            got = bool(row and row[0])
        else:
            got = self._try_file()
        if got:
            return True, self.seat
        held = self.store.settings.get(WRITER_KEY, None) or {}
        return False, held.get("seat")

    def _check(self) -> None:
        if self.postgres:
            self._connect().execute("SELECT 1").fetchone()

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()  # the session ends (PostgreSQL) or the file closes (SQLite): the lock is free


PRUNE_EVERY_S = 600.0
RETAIN_S = 24 * 3600.0  # the change log keeps a day: a seat away longer reads the room again


async def prune_changes(store: Any, every_s: float = PRUNE_EVERY_S, retain_s: float = RETAIN_S) -> None:
    """While this seat writes the intake: every ``every_s`` drop change-log rows older than ``retain_s``
    (run as a task; cancel it when the seat stops writing)."""
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(every_s)
        try:
            gone = await loop.run_in_executor(None, store.prune_changes, int(retain_s * 1_000_000))
        except Exception as exc:  # a busy or damaged database: try again next time
            log.warning("change log not pruned: %s", exc)
            continue
        if gone:
            log.info("change log: %d rows older than %g h pruned", gone, retain_s / 3600)
