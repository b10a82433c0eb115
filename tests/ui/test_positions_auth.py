"""Positions from a broker that wants a password (a mosquitto this test starts with a password
file): the right credentials bring fixes in; a wrong password is refused with a clear message in
the status bar; bad credential options stop the start with one clear line."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from console.core import Options, StartupError, TaskRunner
from console.domain.district import load_district
from console.domain.positions import position_topic
from console.launch import mqtt_credentials
from console.net.mqtt import MqttAuth, MqttAuthError, MqttPublisher
from console.services.bus import Bus
from console.services.positions import PositionService
from console.services.positions_start import start_positions, stop_positions
from console.services.report import DEMO_DIR
from console.store import open_store
from console.views.status_bar import StatusBar
from tests.positions.broker import MOSQUITTO, Broker

MOSQUITTO_PASSWD = shutil.which("mosquitto_passwd") or "/usr/bin/mosquitto_passwd"


class PasswordBroker(Broker):
    """The private mosquitto, no anonymous clients, one user from a password file."""

    def __init__(self, directory: Path, user: str, password: str) -> None:
        super().__init__(directory)
        passwd = directory / "passwd"
        subprocess.run([MOSQUITTO_PASSWD, "-b", "-c", str(passwd), user, password], check=True,
                       capture_output=True)
        passwd.chmod(0o600)
        self.conf.write_text(self.conf.read_text().replace("allow_anonymous true", "allow_anonymous false")
                             + f"password_file {passwd}\n")


@pytest.fixture
def broker(tmp_path):
    if not (os.path.exists(MOSQUITTO) and os.path.exists(MOSQUITTO_PASSWD)):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true requires mosquitto and mosquitto_passwd (apt-get install mosquitto)")
        pytest.skip("mosquitto is not installed")
    b = PasswordBroker(tmp_path, "officer", "s3cret pass")
    b.start()
    yield b
    b.stop()


def _secret(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text + "\n", encoding="utf-8")
    return str(p)


async def _start(tmp_path, url: str, auth: MqttAuth):
    district = load_district(DEMO_DIR)
    store = open_store(f"sqlite:///{tmp_path / 'room.db'}")
    bus = Bus()
    core = SimpleNamespace(positions=PositionService(store, district, bus), bus=bus, tasks=TaskRunner(), seat="seat-1",
                           district=district)
    return core, store, await start_positions(core, broker=url, demo=False, auth=auth)


async def test_a_wrong_password_is_refused_with_a_clear_message(broker, tmp_path, qtbot):
    auth = MqttAuth.from_options(broker.url, username="officer",
                                 password_file=_secret(tmp_path, "wrong", "not the password"))
    core, store, started = await _start(tmp_path, broker.url, auth)
    bar = StatusBar(core.bus, None)
    qtbot.addWidget(bar)
    try:
        await _until(lambda: not bar.positions_label.isHidden())
        assert bar.positions_label.text() == "网格员定位：MQTT 用户名或密码被拒绝"
        assert bar.positions_label.property("feed") == "bad"
        tip = bar.positions_label.toolTip()
        assert broker.url in tip
        assert "refused the user name or password" in tip
        assert "--mqtt-password-file" in tip
        assert started["intake"].state[0] == "unauthorized"
        assert not started["intake"].connected.is_set()
    finally:
        await stop_positions(core, started)
        await core.tasks.cancel_all()
        store.close()


async def test_the_right_password_brings_positions_in(broker, tmp_path, qtbot):
    auth = MqttAuth.from_options(broker.url, username="officer", password_file=_secret(tmp_path, "pw", "s3cret pass"))
    core, store, started = await _start(tmp_path, broker.url, auth)
    bar = StatusBar(core.bus, None)
    qtbot.addWidget(bar)
    try:
        await asyncio.wait_for(started["intake"].connected.wait(), 10)
        assert bar.positions_label.text() == "网格员定位：已连接"
        fix = {"worker_id": "m-0001", "lat": 30.55, "lon": 104.0, "tst": time.time(), "acc": 8}
        async with MqttPublisher(broker.url, auth=auth) as pub:
            await pub.publish(position_topic("yg", "m-0001"), json.dumps(fix).encode())
        await _until(lambda: core.positions.stats.stored >= 1)
        assert store.positions.count() == 1
    finally:
        await stop_positions(core, started)
        await core.tasks.cancel_all()
        store.close()


@pytest.mark.parametrize(("opts", "message"), [
    ({"mqtt_user": "officer", "mqtt_password_file": "/nonexistent/pw"}, "--mqtt-password-file /nonexistent/pw: cannot read it"),
    ({"mqtt_password_file": "PW"}, "--mqtt-password-file needs --mqtt-user"),
    ({"mqtt_user": "officer", "mqtt_password_file": "EMPTY"}, "the file is empty"),
    ({"mqtt_tls_ca": "/nonexistent/ca.pem"}, "--mqtt-tls-ca /nonexistent/ca.pem: no such file"),
    ({"mqtt_tls_cert": "PW"}, "--mqtt-tls-cert and --mqtt-tls-key go together"),
    ({"mqtt": "http://broker"}, "not an mqtt:// or mqtts:// URL"),
])
def test_bad_credential_options_stop_the_start_with_one_line(tmp_path, opts, message):
    files = {"PW": _secret(tmp_path, "pw", "x"), "EMPTY": str(tmp_path / "empty")}
    Path(files["EMPTY"]).write_text("", encoding="utf-8")
    options = Options(**{k: files.get(v, v) if isinstance(v, str) else v for k, v in opts.items()})
    with pytest.raises(StartupError) as err:
        mqtt_credentials(options)
    assert err.value.kind == "mqtt"
    assert message in err.value.detail


def test_tls_follows_the_url_or_the_options():
    assert not MqttAuth.from_options("mqtt://h:1883").tls
    assert MqttAuth.from_options("mqtts://h").tls
    kw = MqttAuth.from_options("mqtt://h", tls_insecure=True).client_kwargs()
    assert kw["tls_insecure"] is True
    with pytest.raises(MqttAuthError):
        MqttAuth.from_options("mqtt://h", tls_key="/nonexistent/key.pem")


async def _until(cond, limit=15.0):
    deadline = time.monotonic() + limit
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)
