"""Did the feed connect at start? Headless commands (``record``, ``officer``) must not run on silently.

A recorder or scripted officer whose first connection attempt fails — TLS (an untrusted certificate),
connection refused, a refused token (HTTP 401), an unknown host, a timeout — stops at once with
:class:`FeedStartError`: one line naming the URL and the cause (and what to check), and a non-zero
exit code (3 for a refused token, 4 for any other failure). Once the feed has been connected, a lost
connection is retried as usual (the hub may restart; nothing is lost).

:class:`StartWatch` observes every state the feed client reports (a ``FeedClient``'s ``on_state``, or
the ``feed_state`` topic of the bus), so a connection that succeeded and dropped at once still counts
as connected.
"""

from __future__ import annotations

import logging
from typing import Any

from console.net.feed_errors import ErrorKind

log = logging.getLogger(__name__)

EXIT_UNAUTHORIZED = 3
EXIT_CONNECT_FAILED = 4

_HINTS = {
    ErrorKind.UNAUTHORIZED: "the hub refused the token ({detail}) — check the feed token "
                            "($GRID_FEED_TOKEN or --token-file)",
    ErrorKind.TLS: "TLS handshake failed ({detail}) — if the hub uses its own certificate, pass it with --ca FILE",
    ErrorKind.REFUSED: "connection refused — is the hub running at this address? ({detail})",
    ErrorKind.DNS: "host name not found ({detail})",
    ErrorKind.TIMEOUT: "no answer from the hub in time ({detail})",
    ErrorKind.UNREACHABLE: "network unreachable ({detail})",
    ErrorKind.HTTP_STATUS: "the hub answered {detail} instead of accepting the feed connection",
    ErrorKind.PROTOCOL: "the peer does not speak feed protocol v1 ({detail})",
    ErrorKind.CLOSED: "the hub closed the connection ({detail})",
    ErrorKind.COMMIT: "the local store could not be written ({detail})",
}


class FeedStartError(Exception):
    """The feed could not be connected at start: ``kind`` (an :class:`ErrorKind` value) and detail."""

    def __init__(self, url: str, kind: str, detail: str | None) -> None:
        self.url = url
        self.kind = ErrorKind(kind) if kind in ErrorKind._value2member_map_ else ErrorKind.OTHER
        self.detail = " ".join((detail or "no detail").split())  # one line
        hint = _HINTS.get(self.kind, "{detail}")
        super().__init__(f"cannot connect to {url}: {hint.format(detail=self.detail)}")

    @property
    def exit_code(self) -> int:
        return EXIT_UNAUTHORIZED if self.kind is ErrorKind.UNAUTHORIZED else EXIT_CONNECT_FAILED


class StartWatch:
    """Remembers whether the feed was ever connected, and the first failure before that."""

    def __init__(self) -> None:
        self.connected = False
        self.failure: Any = None  # the first failed state (ClientState or FeedState) before connecting

    def __call__(self, state: Any) -> None:
        status = str(getattr(state, "status", ""))
        if status == "connected":
            self.connected = True
        elif (not self.connected and self.failure is None and getattr(state, "attempts", 0) > 0
              and getattr(state, "error_kind", None) is not None):
            self.failure = state

    def on_event_feed_state(self, state: Any) -> None:  # the bus's feed_state topic
        self(state)

    @property
    def settled(self) -> bool:
        return self.connected or self.failure is not None

    def check(self, url: str) -> None:
        """Raise :class:`FeedStartError` when the first attempt failed (before any connection)."""
        if not self.connected and self.failure is not None:
            st = self.failure
            raise FeedStartError(url, str(st.error_kind), st.error_detail)


async def wait_started(client: Any, watch: StartWatch, *, timeout: float | None = None) -> None:  # noqa: ASYNC109
    """Wait for the first attempt's outcome of ``client`` (a ``FeedClient`` whose states ``watch``
    sees); raise :class:`FeedStartError` unless it connected."""
    limit = timeout if timeout is not None else 3 * getattr(client, "open_timeout", 10.0) + 30.0
    try:
        await client.wait_until(lambda _s: watch.settled, limit)
    except TimeoutError:
        raise FeedStartError(client.url, ErrorKind.TIMEOUT, f"no outcome within {limit:g} s") from None
    watch.check(client.url)
    log.info("feed connected: %s", client.url)
