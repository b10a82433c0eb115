"""The feed's secrets and transport: where the token comes from, TLS contexts, clear-text warnings.

- **Token** (:func:`resolve_token`): ``--token-file FILE`` (its first line, stripped) or, when no
  option is given, ``$GRID_FEED_TOKEN``; ``--token T`` still works but is meant for tests — a command
  line is visible to every user of the machine (``ps``), so the caller warns. A token file that is
  missing, empty, not UTF-8 or readable by every user is refused with one clear line.
- **TLS** (:func:`client_ssl_context`): a ``wss://`` URL is verified against the system trust store
  (``ssl.create_default_context``: certificate chain and host name), plus the PEM bundle of
  ``--ca FILE`` when given (e.g. the hub's self-signed certificate). ``--ca`` with a ``ws://`` URL is
  refused: nothing would be encrypted.
- **Clear text** (:func:`cleartext_warning`): ``ws://`` to a host other than this machine sends the
  token and every record unencrypted; the console warns (log, stderr, the status bar).
"""

from __future__ import annotations

import ipaddress
import os
import re
import ssl as ssl_mod
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

TOKEN_ENV = "GRID_FEED_TOKEN"
_TOKEN_FILE_MAX = 4096  # bytes read from a token file (its first line)
# a bearer token is sent in an HTTP header: visible ASCII only, no spaces
_TOKEN_RE = re.compile(r"^[\x21-\x7e]+$")
TOKEN_ARGUMENT_WARNING = (
    "--token puts the feed token on the command line, where every user of this machine can read it "
    f"(ps); use ${TOKEN_ENV} or --token-file FILE (--token is meant for tests)"
)


class CredentialError(ValueError):
    """A token or TLS setting that cannot be used; the message names the option or file."""


class Token(NamedTuple):
    value: str | None
    source: str  # "file" | "env" | "argument" | "none"


def _check_token(value: str, where: str) -> str:
    if not _TOKEN_RE.match(value):
        raise CredentialError(f"{where}: the token may hold only visible ASCII characters (no spaces or "
                              "control characters)")
    return value


def read_token_file(path: str | Path) -> str:
    """The token on the first line of ``path`` (stripped); :class:`CredentialError` when unusable."""
    p = Path(path)
    where = f"--token-file {path}"
    try:
        st = p.stat()
    except FileNotFoundError:
        raise CredentialError(f"{where}: no such file") from None
    except OSError as exc:
        raise CredentialError(f"{where}: cannot read it ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise CredentialError(f"{where}: not a regular file")
    if os.name == "posix" and st.st_mode & stat.S_IROTH:
        raise CredentialError(f"{where}: readable by every user of this machine (mode "
                              f"{stat.S_IMODE(st.st_mode):04o}); restrict it: chmod 600 {path}")
    try:
        with p.open("rb") as fh:
            first = fh.readline(_TOKEN_FILE_MAX + 1)
    except OSError as exc:
        raise CredentialError(f"{where}: cannot read it ({exc.strerror or exc})") from None
    if len(first) > _TOKEN_FILE_MAX:
        raise CredentialError(f"{where}: the first line is longer than {_TOKEN_FILE_MAX} bytes")
    try:
        token = first.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise CredentialError(f"{where}: not UTF-8 text") from None
    if not token:
        raise CredentialError(f"{where}: empty (the token goes on the first line)")
    return _check_token(token, where)


def resolve_token(token: str | None, token_file: str | Path | None,
                  env: Mapping[str, str] | None = None) -> Token:
    """The token to use: ``--token-file``, else ``--token``, else ``$GRID_FEED_TOKEN``, else none.

    Giving both ``--token`` and ``--token-file`` is refused (which one is meant?). The caller warns
    when the source is ``"argument"`` (:data:`TOKEN_ARGUMENT_WARNING`).
    """
    if token_file is not None and token is not None:
        raise CredentialError("give either --token-file or --token, not both")
    if token_file is not None:
        return Token(read_token_file(token_file), "file")
    if token is not None:
        if not token:
            raise CredentialError("--token: empty")
        return Token(_check_token(token, "--token"), "argument")
    value = (os.environ if env is None else env).get(TOKEN_ENV, "").strip()
    if value:
        return Token(_check_token(value, f"${TOKEN_ENV}"), "env")
    return Token(None, "none")


# ---- transport ------------------------------------------------------------------------------------
def _parse(url: str):  # noqa: ANN202 - websockets.uri.WebSocketURI
    # imported here: the command line loads this module for every command, the GUI's included
    from websockets.exceptions import InvalidURI
    from websockets.uri import parse_uri

    try:
        return parse_uri(url)
    except InvalidURI as exc:
        raise ValueError(f"not a websocket URL: {url!r} (expected ws://host:port/feed)") from exc


def client_ssl_context(url: str, ca_file: str | Path | None = None) -> ssl_mod.SSLContext | None:
    """The TLS context for a ``wss://`` URL (system trust store + ``ca_file``); ``None`` for ``ws://``."""
    if not _parse(url).secure:
        if ca_file is not None:
            raise CredentialError(f"--ca {ca_file}: {url} is not encrypted (ws://); use a wss:// URL")
        return None
    ctx = ssl_mod.create_default_context()  # the system trust store; chain and host name verified
    if ca_file is not None:
        p = Path(ca_file)
        if not p.is_file():
            raise CredentialError(f"--ca {ca_file}: no such file")
        try:
            ctx.load_verify_locations(cafile=str(p))
        except (ssl_mod.SSLError, ValueError) as exc:
            raise CredentialError(f"--ca {ca_file}: not a PEM certificate bundle "
                                  f"({getattr(exc, 'reason', None) or exc})") from None
        except OSError as exc:
            raise CredentialError(f"--ca {ca_file}: cannot read it ({exc.strerror or exc})") from None
    return ctx


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def transport_of(url: str) -> str:
    """``"tls"`` (wss://), ``"loopback"`` (ws:// to this machine) or ``"cleartext"`` (ws:// elsewhere)."""
    uri = _parse(url)
    if uri.secure:
        return "tls"
    return "loopback" if is_loopback_host(uri.host) else "cleartext"


def cleartext_warning(url: str) -> str | None:
    """The warning for a ``ws://`` URL to another machine (the token would travel in clear), else None."""
    if transport_of(url) != "cleartext":
        return None
    return (f"{url} is not encrypted (ws:// to another machine): the feed token and every record travel in "
            "clear text; use wss:// (the hub's --cert/--key)")
