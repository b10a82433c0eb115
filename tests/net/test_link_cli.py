"""``python main.py link --config FILE``: the headless uplink of a street (a subprocess) drains what the
street escalated while no link ran; bad configuration and refused credentials are one line each."""

from __future__ import annotations

import asyncio
import sys

import pytest

from console.domain.link import LINK_FROM_KEY
from tests.net.nats_rooms import (
    PARENT_DEPARTMENTS,
    NatsServer,
    Room,
    district_config,
    need_nats_server,
    street_config,
    until,
)


def write_config(tmp_path, server, password="s3cret-link", room="s1"):
    creds = tmp_path / f"{room}.creds.toml"
    creds.write_text(f'user = "room"\npassword = "{password}"\n')
    creds.chmod(0o600)
    depts = "\n".join(f'"{k}" = "{v}"' for k, v in PARENT_DEPARTMENTS.items())
    cfg = tmp_path / f"{room}.toml"
    cfg.write_text(f'room = "{room}"\nlabel = "云港街道"\nlevel = "street"\nparent = "haibin"\n'
                   f'nats = ["{server.url}"]\ncredentials = "{creds.name}"\ndb = "{room}.db"\n'
                   f'[parent_departments]\n{depts}\n')
    return cfg


async def run_cli(*args: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(sys.executable, "main.py", *args, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 90)
    return proc.returncode or 0, out.decode(), err.decode()


@pytest.fixture
def server(tmp_path):
    need_nats_server()
    s = NatsServer(tmp_path / "nats")
    s.start()
    yield s
    s.stop()


async def test_headless_link_drains_the_streets_escalations(server, tmp_path):
    street = Room(tmp_path, street_config("s1", server))  # its database; no link runs in this process
    street.add_events(["cli-ev1", "cli-ev2"])
    await street.core.escalation.escalate("cli-ev1", "需区级协调", "张三")
    street.core.close()
    district = Room(tmp_path, district_config(server))
    await district.link.start()
    cfg = write_config(tmp_path, server)
    proc = await asyncio.create_subprocess_exec(sys.executable, "main.py", "link", "--config", str(cfg),
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    again = None
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        while not any("connected" in line for line in lines):  # the link runs: its cursor is set
            line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
            assert line, "the link process ended early"
            lines.append(line)
        # what the street escalated before its link ever ran is not sent; what it escalates now is
        again = Room(tmp_path, street_config("s1", server))
        await again.core.load_other_pages(await again.core.load_first_page())
        await again.core.escalation.escalate("cli-ev2", "夜间施工扰民", "张三")
        await until(lambda: (ev := district.core.room.get("cli-ev2")) is not None
                    and ev.extra.get(LINK_FROM_KEY) == "s1", timeout=30,
                    what="the report through the headless link", rooms=(district,))
        assert district.core.room.get("cli-ev1") is None
    finally:
        if proc.returncode is None:
            proc.terminate()
        _out, err = await asyncio.wait_for(proc.communicate(), 30)
        if again is not None:
            again.core.close()
        await district.close()
    assert proc.returncode == 0, err.decode()
    assert any(line.startswith("link s1 (street): connected") for line in lines)


async def test_bad_config_and_refused_credentials(server, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('room = "s 1"\n')
    code, _out, err = await run_cli("link", "--config", str(bad))
    assert code == 2
    assert err.strip().startswith("error:")
    assert len(err.strip().splitlines()) == 1
    cfg = write_config(tmp_path, server, password="wrong")
    code, _out, err = await run_cli("link", "--config", str(cfg))
    assert code == 3
    assert "refused" in err
