"""The feed client says why it is not connected: each failure's kind, detail, time and attempt count."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import ssl
import subprocess

import pytest

from console.net.client import ErrorKind, FeedClient, Status
from console.net.feed_errors import classify
from console.net.hub import server_ssl_context
from tests.net.helpers import TOKEN, Sink, run, running_hub

FAST = {"backoff_base": 0.05, "backoff_cap": 0.2, "batch_interval": 0.02, "open_timeout": 2.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def first_failure(url: str, token: str | None = TOKEN, **kw):
    client = FeedClient(url, token, "seat-1", lambda: 0, Sink(), **{**FAST, **kw})
    client.start()
    try:
        return await client.wait_until(lambda s: s.error_kind is not None, 15)
    finally:
        await client.stop()


def test_wrong_token_is_unauthorized_http_401(tmp_path):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            return await first_failure(hub.url, "wrong")

    st = run(main())
    assert st.status is Status.UNAUTHORIZED
    assert (st.error_kind, st.error_detail, st.attempts) == (ErrorKind.UNAUTHORIZED, "HTTP 401", 1)
    assert st.error_at is not None
    assert st.retry_at > st.error_at


def test_closed_port_is_connection_refused():
    st = run(first_failure(f"ws://127.0.0.1:{free_port()}/feed"))
    assert st.error_kind is ErrorKind.REFUSED
    assert "111" in st.error_detail or "refused" in st.error_detail.lower()


def test_localhost_with_every_address_refused_is_connection_refused():
    # "localhost" may resolve to ::1 and 127.0.0.1: asyncio then raises one plain OSError for both
    st = run(first_failure(f"ws://localhost:{free_port()}/feed"))
    assert st.error_kind is ErrorKind.REFUSED


def test_unknown_host_is_dns():
    st = run(first_failure("ws://no-such-hub.invalid:8765/feed"))
    assert st.error_kind is ErrorKind.DNS


def test_untrusted_certificate_is_a_tls_error(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=60)

    async def main():
        async with running_hub(tmp_path / "hub.db", ssl=server_ssl_context(cert, key)) as hub:
            # the console does not trust the hub's self-signed certificate
            return await first_failure(hub.url, ssl=ssl.create_default_context())

    st = run(main())
    assert st.error_kind is ErrorKind.TLS
    assert "certificate" in st.error_detail


def test_silent_server_is_a_timeout():
    async def main():
        async def silent(reader, writer):
            with contextlib.suppress(Exception):
                await reader.read()  # never answers the handshake
            writer.close()

        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            return await first_failure(f"ws://127.0.0.1:{port}/feed", open_timeout=0.3)
        finally:
            server.close()
            await server.wait_closed()

    st = run(main())
    assert st.error_kind is ErrorKind.TIMEOUT


def test_attempts_count_up_and_reset_once_subscribed(tmp_path):
    port = free_port()

    async def main():
        client = FeedClient(f"ws://127.0.0.1:{port}/feed", TOKEN, "seat-1", lambda: 0, Sink(), **FAST)
        client.start()
        try:
            failed = await client.wait_until(lambda s: s.attempts >= 3, 15)
            async with running_hub(tmp_path / "hub.db", port=port):
                ok = await client.wait_until(lambda s: s.status is Status.CONNECTED, 15)
            return failed, ok
        finally:
            await client.stop()

    failed, ok = run(main())
    assert failed.error_kind is ErrorKind.REFUSED
    assert ok.attempts == 0
    assert ok.error_kind is ErrorKind.REFUSED  # the last error stays, with its time
    assert ok.error_at == failed.error_at or ok.error_at > failed.error_at


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (ConnectionRefusedError(111, "Connect call failed"), ErrorKind.REFUSED),
        (socket.gaierror(-2, "Name or service not known"), ErrorKind.DNS),
        (ssl.SSLCertVerificationError(1, "certificate verify failed"), ErrorKind.TLS),
        (TimeoutError(), ErrorKind.TIMEOUT),
        (OSError(113, "No route to host"), ErrorKind.UNREACHABLE),
        (ValueError("boom"), ErrorKind.OTHER),
    ],
)
def test_classify(exc, kind):
    got, detail = classify(exc)
    assert got is kind
    assert detail
