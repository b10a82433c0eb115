"""`python main.py patrols`: publishes retained fixes for the demo district's workers; clear errors."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import aiomqtt

from console.cli import main

ROOT = Path(__file__).resolve().parents[2]


async def test_patrols_publish_retained_fixes(broker):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "main.py", "patrols", "--broker", broker.url, "--room", "cli", "--interval", "1",
        "--duration", "2.5", cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()
    assert "fixes published" in out.decode()
    seen: dict[str, dict] = {}
    async with aiomqtt.Client("127.0.0.1", broker.port) as c:  # after the publisher is gone
        await c.subscribe("grid/cli/workers/+/position", qos=1)
        try:
            async with asyncio.timeout(2.0):
                async for m in c.messages:
                    assert m.retain
                    seen[str(m.topic).split("/")[3]] = json.loads(m.payload)
        except TimeoutError:
            pass
    assert len(seen) > 10  # every walker's last fix is retained by the broker
    one = next(iter(seen.values()))
    assert {"lat", "lon", "tst", "acc", "batt", "worker_id"} <= one.keys()


def test_patrols_refuses_a_bad_broker_url(capsys):
    assert main(["patrols", "--broker", "http://x"]) == 2
    assert capsys.readouterr().err.strip() == "patrols: http://x: not an mqtt:// or mqtts:// URL"


def test_patrols_says_when_the_broker_is_down(capsys):
    from tests.positions.broker import free_port

    url = f"mqtt://127.0.0.1:{free_port()}"
    assert main(["patrols", "--broker", url, "--duration", "1"]) == 4
    assert capsys.readouterr().err.strip() == f"patrols: cannot connect to {url}: is the MQTT broker running?"
