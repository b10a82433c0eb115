"""Why the feed connection failed: a kind the console can word for the officer, plus the detail.

``classify(exc)`` maps what ``websockets``/asyncio/the OS raised while connecting or during a session
to an :class:`ErrorKind` and the technical detail as the library put it ("HTTP 401",
"[Errno 111] Connect call failed …", the certificate verification message); ``describe(exc)`` is the
one-line English description used in logs.
"""

from __future__ import annotations

import errno
import socket
import ssl as ssl_mod
from enum import StrEnum

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from console.net.protocol import FrameError


class ErrorKind(StrEnum):
    """Why a connection attempt or session failed (the console words each one for the officer)."""

    UNAUTHORIZED = "unauthorized"  # HTTP 401: wrong or missing token
    HTTP_STATUS = "http_status"  # another HTTP status instead of the websocket upgrade
    REFUSED = "refused"  # nothing listens on the port
    DNS = "dns"  # the host name does not resolve
    TLS = "tls"  # certificate or TLS handshake
    TIMEOUT = "timeout"  # no answer within the open timeout
    UNREACHABLE = "unreachable"  # network or host unreachable, other socket errors
    CLOSED = "closed"  # the connection was closed or lost
    PROTOCOL = "protocol"  # the peer does not speak feed protocol v1
    COMMIT = "commit"  # a batch could not be committed locally
    OTHER = "other"


def classify(exc: BaseException) -> tuple[ErrorKind, str]:
    """The kind of a connection failure and its technical detail (as the library or OS put it)."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, InvalidStatus):
        code = exc.response.status_code
        return (ErrorKind.UNAUTHORIZED if code == 401 else ErrorKind.HTTP_STATUS), f"HTTP {code}"
    if isinstance(exc, ssl_mod.SSLError):  # before OSError: it is one
        return ErrorKind.TLS, getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or text
    if isinstance(exc, socket.gaierror):
        return ErrorKind.DNS, text
    # asyncio reports "Multiple exceptions: …" as a plain OSError when every address failed
    if isinstance(exc, ConnectionRefusedError) or (
        isinstance(exc, OSError) and f"[Errno {errno.ECONNREFUSED}]" in text
    ):
        return ErrorKind.REFUSED, text
    if isinstance(exc, TimeoutError):
        return ErrorKind.TIMEOUT, text if str(exc) else "no answer"
    if isinstance(exc, ConnectionClosed):
        return ErrorKind.CLOSED, describe(exc)
    if isinstance(exc, FrameError):
        return ErrorKind.PROTOCOL, exc.reason
    if isinstance(exc, InvalidHandshake):
        return ErrorKind.PROTOCOL, text
    if isinstance(exc, OSError):
        return ErrorKind.UNREACHABLE, text
    return ErrorKind.OTHER, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "hub not reachable (connection refused)"
    if isinstance(exc, TimeoutError):
        return "hub did not answer in time"
    if isinstance(exc, ConnectionClosed):
        return f"connection closed ({exc.rcvd.code if exc.rcvd else 'no close frame'})"
    if isinstance(exc, FrameError):
        return f"protocol error: {exc.reason}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
