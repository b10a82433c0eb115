"""Link figures (issue 18), on a nats-server with JetStream started here (loopback, its own store dir):

- ``link_escalation_p99_ms``: a street room escalates an event (一键上报, the decision path) → the
  district room's queue shows it (``events_added`` on the district's bus). Both rooms in this process,
  each with its own SQLite database and link; escalations one at a time; p50 alongside;
- ``broker_ingest_events_per_s``: JetStream → committed: a stream preloaded by the broker feed
  (``feed --broker``'s publisher, simulator records), consumed by the console's JetStream intake
  (``IngestService`` with a ``nats://`` URL) into a fresh SQLite store, from start to the last commit.
"""

from __future__ import annotations

import asyncio
import gc
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TOKEN = "bench-link-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Server:
    def __init__(self, directory: Path, *auth: str) -> None:
        self.port = _free_port()
        binary = shutil.which("nats-server") or "/usr/sbin/nats-server"
        self.proc = subprocess.Popen([binary, "-js", "-sd", str(directory), "-a", "127.0.0.1", "-p", str(self.port),
                                      *auth], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nats-server did not start")

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


async def _escalation(tmp: Path, n: int) -> dict[str, Any]:
    from console.core import Core, Options
    from console.domain.event import Event, Level, Location, Source
    from console.domain.ingest import IngestBatch
    from console.net.jetstream import NatsCredentials
    from console.services.link import LinkService
    from console.services.link_config import LinkConfig

    server = _Server(tmp / "nats-esc", "--user", "bench", "--pass", "bench-pw")
    creds = NatsCredentials(user="bench", password="bench-pw")
    rooms: list[Any] = []
    try:
        cfgs = [LinkConfig(room="qu", label="区", level="district", servers=(server.url,), credentials="-",
                           children={"jd": "街道"}),
                LinkConfig(room="jd", label="街道", level="street", servers=(server.url,), credentials="-",
                           parent="qu")]
        for cfg in cfgs:
            core = Core(Options(db=f"sqlite:///{tmp / (cfg.room + '.db')}", seat=cfg.room, no_feed=True))
            link = LinkService(cfg, core.store, core.room, core.bus, core.decisions, core.escalation, core.district,
                               credentials=creds)
            await link.start()
            rooms.append((core, link))
        (district, _dl), (street, _sl) = rooms
        t0 = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
        events = [Event(f"bench-esc-{i}", Source.GRID_APP, "city.vending", f"占道经营 {i}", t0, level=Level.GENERAL,
                        location=Location(30.53, 104.01), grid_id="yg", seq=i + 1) for i in range(n)]
        street.room.apply_ingest(street.store.commit_ingest(IngestBatch(last_seq=n, events=events)))
        arrived: dict[str, float] = {}

        def on_added(events: list[Any]) -> None:
            now = time.perf_counter()
            for ev in events:
                arrived.setdefault(ev.id, now)

        district.bus.subscribe("events_added", on_added)
        lat: list[float] = []
        for ev in events:
            start = time.perf_counter()
            await street.escalation.escalate(ev.id, "需区级协调", "bench")
            deadline = start + 10
            while ev.id not in arrived and time.perf_counter() < deadline:  # noqa: ASYNC110 (polls the bus record)
                await asyncio.sleep(0.001)
            if ev.id not in arrived:
                raise RuntimeError(f"{ev.id} did not reach the district within 10 s")
            lat.append((arrived[ev.id] - start) * 1000)
        return {"link_escalation_p99_ms": round(_pct(lat, 0.99), 1), "link_escalation_p50_ms": round(_pct(lat, 0.5), 1),
                "link_escalations": n}
    finally:
        for core, link in rooms:
            await link.stop()
            core.close()
        server.stop()


async def _ingest(tmp: Path, n: int) -> dict[str, Any]:
    from console.app import tune_gc
    from console.domain.district import load_district
    from console.net.broker import BrokerHub
    from console.net.hublog import HubLog
    from console.net.jetstream import NatsCredentials
    from console.net.simulator import SimConfig, Simulator
    from console.services.bus import Bus
    from console.services.ingest import IngestService, default_district_dir
    from console.services.room import Room
    from console.store import open_store

    server = _Server(tmp / "nats-feed", "--auth", TOKEN)
    try:
        url = f"{server.url}/gov.bench.room.events"
        hub = BrokerHub(HubLog(tmp / "hub.sqlite3"), url, NatsCredentials(token=TOKEN))
        await hub.start()
        sim = Simulator(hub, load_district(default_district_dir()), SimConfig(seed=7, rate=0, count=n))
        sim.start()
        await sim.done.wait()
        while hub.published < n:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        await hub.stop()
        store = open_store(f"sqlite:///{tmp / 'console.db'}")
        bus = Bus()
        ingest = IngestService(store, Room(bus), bus, url, TOKEN, "bench")
        tune_gc()
        gc.collect()
        cpu0, t0 = time.process_time(), time.perf_counter()
        ingest.start()
        while store.feed_position("bench") < n:  # noqa: ASYNC110 (the store is the truth)
            await asyncio.sleep(0.01)
        elapsed = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        await ingest.stop()
        count = store.events.count()
        store.close()
        return {"broker_ingest_events_per_s": round(n / elapsed), "broker_ingest_events": count,
                "broker_ingest_cpu_us_per_event": round(cpu / n * 1e6, 1)}
    finally:
        server.stop()


def _calibration_ms() -> float:
    t = time.perf_counter()
    x = 0
    for i in range(1_000_000):
        x += i
    return round((time.perf_counter() - t) * 1000, 1)


def figures(quick: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"link_calibration_loop_1m_ms": _calibration_ms()}
    with tempfile.TemporaryDirectory(prefix="bench-link-") as d:
        tmp = Path(d)
        out.update(asyncio.run(_escalation(tmp, 40 if quick else 200)))
        out.update(asyncio.run(_ingest(tmp, 10_000 if quick else 100_000)))
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(figures(quick=True)))
