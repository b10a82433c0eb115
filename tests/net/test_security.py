"""Where the feed token comes from and how the transport is judged (issue 13, items 9 and 10).

The token is read from ``--token-file`` (first line, stripped) or ``$GRID_FEED_TOKEN``; ``--token``
still works (for tests) but every command warns that it is visible in ``ps``. A token file that is
missing, empty, not UTF-8 or readable by every user is refused with one line naming it.
"""

from __future__ import annotations

import socket
import ssl

import pytest

from console.bench.feed import HubProcess
from console.cli import main as cli
from console.net.client import FeedClient
from console.net.security import (
    TOKEN_ARGUMENT_WARNING,
    CredentialError,
    cleartext_warning,
    client_ssl_context,
    read_token_file,
    resolve_token,
    transport_of,
)
from tests.net.helpers import Sink, run


def secret(tmp_path, text: str | bytes, mode: int = 0o600, name: str = "feed.token"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


# ---- the token ---------------------------------------------------------------------------------------
def test_token_file_first_line_stripped(tmp_path):
    assert read_token_file(secret(tmp_path, "  s3cret-token \nsecond line\n")) == "s3cret-token"
    assert read_token_file(secret(tmp_path, "s3cret", mode=0o640)) == "s3cret"  # the group may read it


@pytest.mark.parametrize(
    ("content", "mode", "message"),
    [
        (None, 0o600, "no such file"),
        ("", 0o600, "empty (the token goes on the first line)"),
        ("   \nsecond\n", 0o600, "empty (the token goes on the first line)"),
        ("tok", 0o644, "readable by every user of this machine (mode 0644); restrict it: chmod 600 "),
        (b"\xff\xfe tok", 0o600, "not UTF-8 text"),
        ("two words", 0o600, "the token may hold only visible ASCII characters"),
        ("x" * 5000, 0o600, "the first line is longer than 4096 bytes"),
    ],
)
def test_bad_token_files_are_refused(tmp_path, content, mode, message):
    path = tmp_path / "feed.token" if content is None else secret(tmp_path, content, mode)
    with pytest.raises(CredentialError) as exc:
        read_token_file(path)
    assert str(exc.value).startswith(f"--token-file {path}: {message}")
    assert "\n" not in str(exc.value)


def test_token_file_that_is_a_directory(tmp_path):
    with pytest.raises(CredentialError, match="not a regular file"):
        read_token_file(tmp_path)


def test_token_sources_in_order(tmp_path):
    path = secret(tmp_path, "from-file")
    env = {"GRID_FEED_TOKEN": "from-env"}
    assert resolve_token(None, path, env) == ("from-file", "file")
    assert resolve_token("from-arg", None, env) == ("from-arg", "argument")
    assert resolve_token(None, None, env) == ("from-env", "env")
    assert resolve_token(None, None, {"GRID_FEED_TOKEN": "  "}) == (None, "none")
    assert resolve_token(None, None, {}) == (None, "none")
    with pytest.raises(CredentialError, match="either --token-file or --token, not both"):
        resolve_token("a", path, env)


# ---- the commands ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["feed", "record", "officer"])
def test_token_on_the_command_line_warns(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"ws://127.0.0.1:{s.getsockname()[1]}/feed"
    argv = {"feed": ["feed", "--rate", "0"],  # stops at its own usage error, after the token
            "record": ["record", "--connect", closed, "--db", "x.db"],  # stops: connection refused
            "officer": ["officer", "--connect", closed, "--db", "x.db"]}[command]
    assert cli([*argv, "--token", "t"]) in (2, 4)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"warning: {TOKEN_ARGUMENT_WARNING}"
    assert err.count(f"warning: {TOKEN_ARGUMENT_WARNING}") == 1
    assert "ps" in TOKEN_ARGUMENT_WARNING


def test_hub_serving_ws_beyond_this_machine_warns(monkeypatch, capsys):
    monkeypatch.setenv("GRID_FEED_TOKEN", "t")
    assert cli(["feed", "--host", "0.0.0.0", "--rate", "0"]) == 2  # stops at its usage error, after the warning
    err = capsys.readouterr().err.splitlines()
    assert err[0] == ("warning: serving ws:// (no TLS) on 0.0.0.0: the token and every record travel in clear "
                      "text to consoles on other machines; use --cert/--key (wss://)")
    assert cli(["feed", "--host", "127.0.0.1", "--rate", "0"]) == 2
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["feed", "record", "officer"])
def test_world_readable_token_file_is_refused(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRID_FEED_TOKEN", "from-env")  # a bad file is an error, never a silent fallback
    path = secret(tmp_path, "tok", mode=0o604)
    argv = {"feed": ["feed", "--port", "0"],
            "record": ["record", "--connect", "ws://127.0.0.1:9/feed", "--db", "x.db"],
            "officer": ["officer", "--connect", "ws://127.0.0.1:9/feed", "--db", "x.db"]}[command]
    assert cli([*argv, "--token-file", str(path)]) == 2
    err = capsys.readouterr().err
    prefix = "officer: " if command == "officer" else "error: "
    assert err == f"{prefix}--token-file {path}: readable by every user of this machine (mode 0604); " \
                  f"restrict it: chmod 600 {path}\n"
    assert not (tmp_path / "x.db").exists()  # refused before anything was opened


def test_hub_takes_its_token_from_a_file(tmp_path):
    """``feed --token-file`` wins over ``$GRID_FEED_TOKEN`` (HubProcess passes its token in the env)."""
    path = secret(tmp_path, "file-token\n")

    async def attempt(url: str, token: str):
        client = FeedClient(url, token, "seat", lambda: 0, Sink(), batch_interval=0.01)
        client.start()
        state = await client.wait_until(lambda s: s.status == "connected" or s.error_kind is not None, 20)
        await client.stop()
        return state

    with HubProcess(tmp_path / "hub.db", "--token-file", str(path), "--rate", "0", "--count", "1",
                    token="env-token") as hub:
        assert run(attempt(hub.url, "file-token")).status == "connected"
        assert run(attempt(hub.url, "env-token")).error_kind == "unauthorized"


# ---- the transport ---------------------------------------------------------------------------------------
def test_transport_of_urls():
    assert transport_of("wss://hub.example:8765/feed") == "tls"
    for url in ("ws://127.0.0.1:8765/feed", "ws://127.9.9.9/feed", "ws://localhost:1/feed", "ws://[::1]:1/feed"):
        assert transport_of(url) == "loopback", url
        assert cleartext_warning(url) is None
    for url in ("ws://10.1.2.3:8765/feed", "ws://hub.example/feed", "ws://[2001:db8::1]:1/feed"):
        assert transport_of(url) == "cleartext", url
        assert "the feed token and every record travel in clear text" in (cleartext_warning(url) or "")


def test_tls_context(tmp_path):
    assert client_ssl_context("ws://127.0.0.1:1/feed") is None
    ctx = client_ssl_context("wss://hub.example/feed")
    assert ctx is not None
    assert ctx.verify_mode is ssl.CERT_REQUIRED
    assert ctx.check_hostname
    with pytest.raises(CredentialError, match=r"^--ca c\.pem: ws://127\.0\.0\.1:1/feed is not encrypted"):
        client_ssl_context("ws://127.0.0.1:1/feed", "c.pem")
    with pytest.raises(ValueError, match="not a websocket URL"):
        client_ssl_context("http://hub/feed")
