"""TLS from the console side (issue 13, item 9): ``record`` and ``officer`` reach a ``wss://`` hub with
the system trust store or ``--ca FILE``, stop at once with one line and a non-zero exit when the first
connection fails (untrusted certificate, refused, HTTP 401), and warn once about ``ws://`` to another
machine. Real hubs on 127.0.0.1 (a ``feed --cert --key`` child process, or in this process) with a
throw-away self-signed certificate made here."""

from __future__ import annotations

import asyncio
import socket
import threading
from pathlib import Path

import pytest

from console.bench.feed import HubProcess
from console.cli import main as cli
from console.net.client import FeedClient
from console.net.feed_errors import ErrorKind
from console.net.hub import server_ssl_context
from console.store import open_store
from tests.net.helpers import TOKEN, Sink, dumps, event_obj, run, running_hub
from tests.net.tls import self_signed_cert

N_EVENTS = 12


@pytest.fixture(scope="module")
def tls_hub(tmp_path_factory):
    """A ``feed --cert --key`` child process with N_EVENTS simulator events in its log."""
    d = tmp_path_factory.mktemp("tls-hub")
    cert, key = self_signed_cert(d)
    with HubProcess(d / "hub.db", "--cert", str(cert), "--key", str(key), "--rate", "0", "--count",
                    str(N_EVENTS), token=TOKEN) as hub:
        assert hub.url.startswith("wss://127.0.0.1:")
        yield hub.url, cert


@pytest.fixture
def token_file(tmp_path) -> Path:
    path = tmp_path / "feed.token"
    path.write_text(f"{TOKEN}\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def stored(db: Path) -> int:
    store = open_store(f"sqlite:///{db}")
    try:
        return store.events.count()
    finally:
        store.close()


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_record_over_wss_with_ca(tls_hub, token_file, tmp_path, capsys):
    url, cert = tls_hub
    db = tmp_path / "rec.db"
    code = cli(["record", "--connect", url, "--token-file", str(token_file), "--ca", str(cert), "--db", str(db),
                "--exit-when-idle", "2"])
    assert code == 0, capsys.readouterr().err
    assert stored(db) == N_EVENTS
    assert "warning" not in capsys.readouterr().err  # wss://, token from a file: nothing to warn about


def test_record_over_wss_trusts_the_system_store(tls_hub, token_file, tmp_path, capsys, monkeypatch):
    url, cert = tls_hub
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the system trust store, as OpenSSL finds it
    db = tmp_path / "rec.db"
    code = cli(["record", "--connect", url, "--token-file", str(token_file), "--db", str(db),
                "--exit-when-idle", "2"])
    assert code == 0, capsys.readouterr().err
    assert stored(db) == N_EVENTS


def test_record_untrusted_certificate_fails_at_once(tls_hub, token_file, tmp_path, capsys):
    url, _cert = tls_hub
    db = tmp_path / "rec.db"
    code = cli(["record", "--connect", url, "--token-file", str(token_file), "--db", str(db),
                "--exit-when-idle", "20"])  # the failure ends it, not the idle time
    assert code == 4
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"error: cannot connect to {url}: TLS handshake failed (")
    assert "(self-signed certificate)" in line  # as OpenSSL words the verification failure
    assert "--ca FILE" in line
    assert stored(db) == 0


def test_record_refused_or_wrong_token_exit_non_zero(tls_hub, tmp_path, capsys, monkeypatch):
    url, cert = tls_hub
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"ws://127.0.0.1:{s.getsockname()[1]}/feed"
    monkeypatch.setenv("GRID_FEED_TOKEN", TOKEN)
    assert cli(["record", "--connect", closed, "--db", str(tmp_path / "a.db"), "--exit-when-idle", "20"]) == 4
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"error: cannot connect to {closed}: connection refused")

    monkeypatch.setenv("GRID_FEED_TOKEN", "not-the-token")
    assert cli(["record", "--connect", url, "--ca", str(cert), "--db", str(tmp_path / "b.db"),
                "--exit-when-idle", "20"]) == 3
    line = one_line(capsys.readouterr().err)
    assert line == (f"error: cannot connect to {url}: the hub refused the token (HTTP 401) — check the feed "
                    "token ($GRID_FEED_TOKEN or --token-file)")


def test_record_ca_file_problems_are_one_line(tls_hub, token_file, tmp_path, capsys):
    url, cert = tls_hub
    not_pem = tmp_path / "junk.pem"
    not_pem.write_text("not a certificate\n", encoding="utf-8")
    for ca, message in ((tmp_path / "none.pem", "no such file"), (not_pem, "not a PEM certificate bundle")):
        assert cli(["record", "--connect", url, "--token-file", str(token_file), "--ca", str(ca),
                    "--db", str(tmp_path / "c.db")]) == 2
        line = one_line(capsys.readouterr().err)
        assert line.startswith(f"error: --ca {ca}: {message}"), line
    plain = url.replace("wss://", "ws://")
    assert cli(["record", "--connect", plain, "--token-file", str(token_file), "--ca", str(cert),
                "--db", str(tmp_path / "c.db")]) == 2
    assert "is not encrypted (ws://); use a wss:// URL" in one_line(capsys.readouterr().err)


def test_officer_over_wss(tls_hub, token_file, tmp_path, capsys):
    url, cert = tls_hub
    db = tmp_path / "officer.db"
    code = cli(["officer", "--connect", url, "--token-file", str(token_file), "--ca", str(cert), "--db", str(db),
                "--delay", "0", "--verify-delay", "0", "--exit-when-idle", "2", "--json"])
    assert code == 0, capsys.readouterr().err
    assert stored(db) == N_EVENTS

    code = cli(["officer", "--connect", url, "--token-file", str(token_file), "--db", str(tmp_path / "o2.db"),
                "--exit-when-idle", "20"])
    assert code == 4
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"officer: cannot connect to {url}: TLS handshake failed (")


def test_client_verifies_wss_with_the_system_store(tmp_path, monkeypatch):
    """No ``ssl`` argument: a wss:// URL is verified against the system trust store (it used to fail
    with "ssl=None is incompatible with a wss:// URI" on every attempt)."""
    cert, key = self_signed_cert(tmp_path)

    async def main():
        async with running_hub(tmp_path / "hub.db", ssl=server_ssl_context(cert, key)) as hub:
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in (1, 2)])
            untrusted = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, Sink(), batch_interval=0.01)
            untrusted.start()
            state = await untrusted.wait_until(lambda s: s.error_kind is not None, 20)
            await untrusted.stop()
            assert state.error_kind is ErrorKind.TLS, state
            assert "certificate verify failed" in (state.message or "")

            monkeypatch.setenv("SSL_CERT_FILE", str(cert))
            sink = Sink()
            trusted = FeedClient(hub.url, TOKEN, "seat-2", lambda: 0, sink, batch_interval=0.01)
            trusted.start()
            await trusted.wait_until(lambda s: s.last_seq == 2, 20)
            await trusted.stop()
            assert [e.id for e in sink.events] == ["ev-1", "ev-2"]

    run(main())


def test_plain_ws_to_another_host_warns_once(tmp_path, token_file, capsys, caplog):
    """ws:// to a host name (not localhost, not a loopback address) — the token would travel in clear."""
    host = socket.gethostname()
    try:
        addr = socket.gethostbyname(host)
    except OSError:
        pytest.skip(f"the host name {host!r} does not resolve")
    if host.lower() == "localhost" or not host:
        pytest.skip("the host is called localhost")
    db = tmp_path / "rec.db"

    ready, urls = threading.Event(), []
    loop = asyncio.new_event_loop()
    done = asyncio.Event()

    async def serve() -> None:
        async with running_hub(tmp_path / "hub.db", host=addr) as hub:
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in (1, 2, 3)])
            urls.append(hub.url.replace(f"//{addr}:", f"//{host}:"))
            ready.set()
            await done.wait()

    # the hub runs on its own loop in a thread: the CLI runs its own asyncio.run here
    t = threading.Thread(target=lambda: loop.run_until_complete(serve()), daemon=True)
    t.start()
    try:
        assert ready.wait(30)
        code = cli(["record", "--connect", urls[0], "--token-file", str(token_file), "--db", str(db),
                    "--exit-when-idle", "2"])
    finally:
        loop.call_soon_threadsafe(done.set)
        t.join(30)
        loop.close()
    assert code == 0
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {urls[0]} is not encrypted (ws:// to another machine): the feed token and every "
                        "record travel in clear text; use wss:// (the hub's --cert/--key)"]
    assert any("is not encrypted" in r.getMessage() for r in caplog.records)  # and in the log
    assert stored(db) == 3
