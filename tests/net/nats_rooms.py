"""Test rig for rooms linked over NATS JetStream: real nats-server processes started here (own ports,
own JetStream store dirs, user/password), and rooms (a Core each, its own SQLite file) with their link."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from console.core import Core, Options
from console.domain.event import Event, Level, Location, Source
from console.domain.ingest import IngestBatch
from console.net.jetstream import NatsCredentials
from console.services.link import LinkService
from console.services.link_config import LinkConfig

NATS_SERVER = shutil.which("nats-server") or "/usr/sbin/nats-server"
USER, PASSWORD = "room", "s3cret-link"
DISTRICT = "haibin"
STREETS = {"s1": "云港街道", "s2": "南桥街道"}
PARENT_DEPARTMENTS = {"qu.housing": "区住建局", "qu.justice": "区司法局"}


def need_nats_server() -> None:
    if not os.path.exists(NATS_SERVER):
        if os.environ.get("CI") == "true":
            pytest.fail(f"nats-server not found at {NATS_SERVER} (apt-get install nats-server)")
        pytest.skip("nats-server is not installed (apt-get install nats-server)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class NatsServer:
    """One nats-server with JetStream in ``directory``; kill -9 and restart on the same port and store."""

    def __init__(self, directory: Path, *, user: str = USER, password: str = PASSWORD) -> None:
        self.directory = directory
        self.port = free_port()
        self.user = user
        self.password = password
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [NATS_SERVER, "-js", "-sd", str(self.directory), "-a", "127.0.0.1", "-p", str(self.port),
             "--user", self.user, "--pass", self.password],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nats-server did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(5)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None


def creds() -> NatsCredentials:
    return NatsCredentials(user=USER, password=PASSWORD)


class Room:
    """A room: its Core (store, district, decision path, escalation) and its link."""

    def __init__(self, tmp: Path, config: LinkConfig, credentials: NatsCredentials | None = None) -> None:
        self.config = config
        self.core = Core(Options(db=f"sqlite:///{tmp / (config.room + '.db')}", seat=f"seat-{config.room}",
                                 officer=f"值班员-{config.room}", no_feed=True))
        # the rooms' own hubs are not part of these tests: their commands are taken as delivered
        self.core.decisions.send_command = lambda command: (True, None)
        if not config.is_street:
            for did, name in PARENT_DEPARTMENTS.items():
                from console.domain.grid import Department

                self.core.district.departments[did] = Department(did, name, kind="district")
        self.link = LinkService(config, self.core.store, self.core.room, self.core.bus, self.core.decisions,
                                self.core.escalation, self.core.district, credentials=credentials or creds())

    async def restart_link(self) -> None:
        await self.link.stop()
        self.link = LinkService(self.config, self.core.store, self.core.room, self.core.bus, self.core.decisions,
                                self.core.escalation, self.core.district, credentials=self.link.credentials)
        await self.link.start()

    def add_events(self, ids: list[str]) -> list[Event]:
        t0 = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
        events = [Event(i, Source.GRID_APP, "city.vending", f"占道经营 {i}", t0, description="群众反映",
                        level=Level.GENERAL, location=Location(30.53, 104.01, "中山路"), grid_id="yg")
                  for i in ids]
        last = self.core.store.feed_position()
        for n, ev in enumerate(events, 1):
            ev.seq = last + n
        result = self.core.store.commit_ingest(IngestBatch(last_seq=last + len(events), events=events))
        self.core.room.apply_ingest(result)
        return events

    def actions(self, event_id: str, kind: str | None = None) -> list[Any]:
        acts = self.core.store.actions.for_event(event_id)
        return [a for a in acts if kind is None or a.kind == kind]

    async def close(self) -> None:
        await self.link.stop()
        self.core.close()


def street_config(street: str, server: NatsServer) -> LinkConfig:
    return LinkConfig(room=street, label=STREETS[street], level="street", servers=(server.url,), parent=DISTRICT,
                      parent_label="海滨区", credentials="(test)", parent_departments=dict(PARENT_DEPARTMENTS))


def district_config(server: NatsServer) -> LinkConfig:
    return LinkConfig(room=DISTRICT, label="海滨区", level="district", servers=(server.url,),
                      credentials="(test)", children=dict(STREETS))


async def until(predicate: Callable[[], Any], timeout: float = 20.0, what: str = "condition",  # noqa: ASYNC109
                rooms: tuple[Room, ...] = ()) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        if predicate():
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}\n" + "\n".join(describe(r) for r in rooms))
        await asyncio.sleep(0.05)


def describe(room: Room) -> str:
    """A room's link, outbox and inbox (for a failure message)."""
    from console.store import links as ls

    engine = room.core.store.engine
    out = [(r["msg_id"], r["sent_at"] is not None, r["stream_seq"]) for r in ls.outbox_rows(engine)]
    return (f"{room.config.room}: {room.link.state}\n  outbox {out}\n  inbox {ls.inbox_count(engine)}"
            f"\n  quarantine {[q.reason for q in room.core.store.quarantine.list()]}")
