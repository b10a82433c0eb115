"""The simulator published into JetStream (feed --broker) and consumed by the console's JetStream intake
with protocol-v1 semantics: resume after the server and the console restart, ack after commit, quarantine."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from console.domain.district import load_district
from console.net import jetstream as js
from console.net.broker import BrokerHub
from console.net.hublog import HubLog
from console.net.simulator import SimConfig, Simulator
from console.services.bus import Bus
from console.services.ingest import IngestService, default_district_dir
from console.services.room import Room
from console.store import open_store
from tests.net.nats_rooms import NATS_SERVER, NatsServer, need_nats_server, until

TOKEN = "feed-token-123"


class TokenServer(NatsServer):
    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen([NATS_SERVER, "-js", "-sd", str(self.directory), "-a", "127.0.0.1",
                                      "-p", str(self.port), "--auth", TOKEN],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import socket

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nats-server did not start")


@pytest.fixture
def server(tmp_path):
    need_nats_server()
    s = TokenServer(tmp_path / "nats")
    s.start()
    yield s
    s.stop()


def console(tmp_path, url: str):
    store = open_store(f"sqlite:///{tmp_path / 'console.db'}")
    bus = Bus()
    room = Room(bus)
    ingest = IngestService(store, room, bus, url, TOKEN, "seat-1")
    return store, room, ingest


async def test_broker_feed_resumes_without_loss_or_duplicates(server, tmp_path):
    url = f"{server.url}/gov.haibin.s1.events"
    district = load_district(default_district_dir())
    hub = BrokerHub(HubLog(tmp_path / "hub.sqlite3"), url, js.NatsCredentials(token=TOKEN))
    await hub.start()
    sim = Simulator(hub, district, SimConfig(scenario="normal_day", seed=3, rate=2000, count=3000,
                                             malformed_share=0.01))
    sim.start()
    store, room, ingest = console(tmp_path, url)
    ingest.start()
    await until(lambda: store.feed_position("seat-1") >= 800, what="first records committed")
    server.kill()  # the broker dies mid-stream
    server.start()
    await until(lambda: store.feed_position("seat-1") >= 1500, what="records after the restart")
    await ingest.stop()  # the console restarts mid-stream
    _store2, _room2, ingest2 = console(tmp_path, url)
    ingest2.start()
    await sim.done.wait()
    await until(lambda: store.feed_position("seat-1") == hub.log.head, timeout=30, what="every record")
    events = store.events.count()
    quarantined = store.quarantine.count()
    assert events + quarantined == 3000  # every record once: stored or quarantined
    assert 0 < quarantined < 100
    await until(lambda: ingest2.client.state.last_seq == hub.log.head, what="the restarted console resumed")
    await ingest2.stop()
    await sim.stop()
    await hub.stop()
    store.close()
    _store2.close()


async def test_a_wrong_token_is_refused(server, tmp_path):
    bad = BrokerHub(HubLog(tmp_path / "hub.sqlite3"), f"{server.url}/gov.x.y.events",
                    js.NatsCredentials(token="wrong"))
    with pytest.raises(js.NatsAuthError):
        await bad.start()
    store, _room, ingest = console(tmp_path, f"{server.url}/gov.x.y.events")
    ingest.client.creds = js.NatsCredentials(token="wrong")
    ingest.start()
    await until(lambda: ingest.client.state.status == "unauthorized", what="unauthorized")
    await ingest.stop()
    store.close()


def test_feed_cli_refuses_a_wrong_token(server, tmp_path):
    token = tmp_path / "token"
    token.write_text("wrong\n")
    token.chmod(0o600)
    proc = subprocess.run([sys.executable, "main.py", "feed", "--broker", f"{server.url}/gov.x.y.events",
                           "--token-file", str(token), "--log", str(tmp_path / "h.sqlite3"), "--count", "1",
                           "--rate", "0"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "refused" in proc.stderr
