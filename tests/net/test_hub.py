"""The hub: handshake auth, replay + live without gaps or duplicates, commands, limits, media."""

from __future__ import annotations

import asyncio
import http.client
import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from console.net.hublog import HubLog
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def publish(hub, ids) -> list[int]:
    return hub.publish_many([("event", dumps(event_obj(i)), f"ev-{i}") for i in ids])


async def subscribe(url: str, after: int, console_id: str = "seat-1", **kw):
    ws = await connect(url, additional_headers=AUTH, **kw)
    await ws.send(json.dumps({"type": "subscribe", "console_id": console_id, "after_seq": after}))
    head = json.loads(await ws.recv())
    assert head["type"] == "subscribed"
    return ws, head["head_seq"]


@pytest.mark.parametrize("headers", [None, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_wrong_or_missing_token_is_401_at_handshake(tmp_path, headers):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            with pytest.raises(InvalidStatus) as err:
                async with connect(hub.url, additional_headers=headers):
                    pass
            assert err.value.response.status_code == 401
            assert not hub.connections

    run(main())


def test_replay_then_live_in_order_without_gaps_or_duplicates(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            publish(hub, range(1, 301))
            ws, head = await subscribe(hub.url, after=100)
            assert head == 300

            async def live():  # keep publishing while the replay is running
                for k in range(301, 601, 20):
                    publish(hub, range(k, k + 20))
                    await asyncio.sleep(0)

            writer = asyncio.create_task(live())
            seqs = []
            while len(seqs) < 500:
                msg = json.loads(await ws.recv())
                seqs.append(msg["seq"])
                assert msg["event"]["id"] == f"ev-{msg['seq']}"
            await writer
            assert seqs == list(range(101, 601))
            await ws.send(json.dumps({"type": "ack", "seq": 600}))
            await asyncio.wait_for(hub.wait_ack("seat-1", 600), 10)
            await ws.close()
        assert HubLog(tmp_path / "hub.db").acks() == {"seat-1": 600}

    run(main())


def test_log_survives_restart(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            publish(hub, range(1, 11))
        async with running_hub(tmp_path / "hub.db") as hub:
            assert hub.log.head == 10
            publish(hub, [11])
            ws, head = await subscribe(hub.url, after=8)
            assert head == 11
            assert [json.loads(await ws.recv())["seq"] for _ in range(3)] == [9, 10, 11]
            await ws.close()

    run(main())


def test_commands_are_answered(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            ws, _ = await subscribe(hub.url, after=0)
            answers = {}
            unit = {"unit_id": "dept.cityenf"}
            for cid, action, eid, payload in [
                ("c1", "dispatch", "ev-1", unit), ("c2", "escalate", "ev-1", {"to_tier": "street"}),
                ("c3", "broadcast", None, {"broadcast_id": "bc-1", "instruction": "x", "grid_ids": ["g1"]}),
                ("c4", "close", "ev-1", {}), ("c5", "teleport", "ev-1", {}), ("c6", "dispatch", None, unit),
                ("c7", "dispatch", "ev-1", {}),
            ]:
                await ws.send(json.dumps({"type": "command", "command_id": cid, "action": action,
                                          "event_id": eid, "payload": payload}))
                msg = json.loads(await ws.recv())
                answers[msg["command_id"]] = (msg["ok"], msg["error"])
            assert answers["c1"] == answers["c2"] == answers["c3"] == answers["c4"] == (True, None)
            assert answers["c5"] == (False, "unknown action 'teleport'")
            assert answers["c6"] == (False, "dispatch needs an event_id")
            assert answers["c7"] == (False, "dispatch needs a unit: payload.unit_id or payload.assignees[0]")
            await ws.close()

    run(main())


def test_oversize_frames_cut_off_that_client_only(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            good, _ = await subscribe(hub.url, after=0, console_id="good")
            bad, _ = await subscribe(hub.url, after=0, console_id="flooder", max_size=None)
            big = "x" * (1024 * 1024 + 10)
            async def flood():
                for _ in range(50):
                    await bad.send(big)
                    await asyncio.sleep(0)
                await bad.recv()

            with pytest.raises(ConnectionClosed):
                await flood()
            assert bad.close_code in (1009, 1006)
            publish(hub, range(1, 4))
            assert [json.loads(await good.recv())["seq"] for _ in range(3)] == [1, 2, 3]
            await good.close()

    run(main())


def test_garbage_before_subscribe_closes_only_that_socket(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            async with connect(hub.url, additional_headers=AUTH) as ws:
                await ws.send("hello?")
                with pytest.raises(ConnectionClosed):
                    await ws.recv()
                assert ws.close_code == 1008
            ws, _ = await subscribe(hub.url, after=0)
            await ws.close()

    run(main())


def _get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body, dict(resp.getheaders())


def test_media_files_are_served_safely(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    (media / "clip.mp4").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "secret.txt").write_text("no")

    async def main():
        async with running_hub(tmp_path / "hub.db", media_dir=media) as hub:
            get = lambda *a: asyncio.to_thread(_get, hub.port, *a)  # noqa: E731
            status, body, headers = await get("/media/clip.mp4")
            assert status == 200
            assert body == bytes(range(256)) * 4
            assert headers["Content-Type"] == "video/mp4"
            status, body, headers = await get("/media/clip.mp4", {"Range": "bytes=10-19"})
            assert status == 206
            assert body == bytes(range(10, 20))
            assert headers["Content-Range"] == "bytes 10-19/1024"
            for path in ("/media/../secret.txt", "/media/%2e%2e%2fsecret.txt", "/media/..%2Fsecret.txt",
                         "/media/", "/media/missing.mp4", "/elsewhere"):
                assert (await get(path))[0] == 404, path
            assert (await get("/media/clip.mp4", {"Range": "bytes=5000-"}))[0] == 416

    run(main())


def test_one_subscriber_leaving_does_not_stall_the_others(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            a, _ = await subscribe(hub.url, after=0, console_id="a")
            b, _ = await subscribe(hub.url, after=0, console_id="b")
            publish(hub, [1])  # both senders now wait for live records
            assert json.loads(await a.recv())["seq"] == json.loads(await b.recv())["seq"] == 1
            await a.close()
            publish(hub, [2, 3])
            assert [json.loads(await b.recv())["seq"] for _ in range(2)] == [2, 3]
            await b.close()

    run(main())


def test_tls_hub_serves_wss(tmp_path):
    import shutil
    import ssl
    import subprocess

    from console.net.client import FeedClient
    from console.net.hub import server_ssl_context
    from tests.net.helpers import Sink

    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)

    async def main():
        async with running_hub(tmp_path / "hub.db", ssl=server_ssl_context(cert, key)) as hub:
            assert hub.url.startswith("wss://")
            publish(hub, [1, 2])
            sink = Sink()
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, sink, batch_interval=0.01,
                                ssl=ssl.create_default_context(cafile=str(cert)))
            client.start()
            await client.wait_until(lambda s: s.last_seq == 2, 20)
            await client.stop()
            assert [e.id for e in sink.events] == ["ev-1", "ev-2"]

    run(main())


def test_memory_tail_is_bounded_and_older_records_come_from_the_log(tmp_path):
    # the hub kept the frames of 20,000–40,000 records in memory, whatever their size: the console
    # hosting the demo hub grew all day (the soak, issue 13); now a bounded tail, the rest from the log
    from console.net import hub as hub_mod

    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            big = "网" * 2_000
            for k in range(1, 3_001, 100):
                hub.publish_many([("event", dumps(event_obj(i, description=big)), None) for i in range(k, k + 100)])
                assert len(hub._tail) <= hub_mod._TAIL_KEEP
                assert sum(map(len, hub._tail)) <= hub_mod._TAIL_CHARS
            assert hub._tail
            assert hub._tail_first + len(hub._tail) == 3_001  # the newest ones
            ws, head = await subscribe(hub.url, after=0, max_size=2**22)
            assert head == 3_000
            seqs = []
            while len(seqs) < 3_000:
                msg = json.loads(await ws.recv())
                assert msg["event"]["id"] == f"ev-{msg['seq']}"
                seqs.append(msg["seq"])
            assert seqs == list(range(1, 3_001))
            await ws.close()

    run(main())
