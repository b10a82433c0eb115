"""The feed options shared by ``feed``, ``record`` and ``officer``: the token and TLS (``--ca``).

The token comes from ``--token-file FILE`` or ``$GRID_FEED_TOKEN``; ``--token T`` is kept for tests
and warns on stderr (a command line is visible to every user in ``ps``). ``--ca FILE`` adds CA
certificates to the system trust store for a ``wss://`` hub. See ``console.net.security``.
(``run`` has the same options; the console's launcher resolves them, ``console.launch``.)
"""

from __future__ import annotations

import argparse
import ssl as ssl_mod
import sys

from console.net.security import (
    TOKEN_ARGUMENT_WARNING,
    TOKEN_ENV,
    CredentialError,
    cleartext_warning,
    client_ssl_context,
    resolve_token,
)

__all__ = ["CredentialError", "add_tls_option", "add_token_options", "client_tls", "token_from", "warn"]


def add_token_options(p: argparse.ArgumentParser, what: str = "bearer token of the hub") -> None:
    p.add_argument("--token-file", metavar="FILE", default=None,
                   help=f"read the {what} from the first line of FILE (a file other users cannot read; "
                        f"default: ${TOKEN_ENV})")
    p.add_argument("--token", metavar="T", default=None,
                   help=f"the {what} itself — for tests only: every user of the machine sees it in ps")


def add_tls_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ca", metavar="FILE", default=None,
                   help="for a wss:// hub: also trust the CA certificates in FILE (PEM), e.g. the hub's "
                        "self-signed certificate (the system trust store is always used)")


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def token_from(args: argparse.Namespace) -> str | None:
    """The token of ``--token-file``/``--token``/``$GRID_FEED_TOKEN``; warns about ``--token``.
    Raises :class:`CredentialError` (one line naming the option or file)."""
    token = resolve_token(getattr(args, "token", None), getattr(args, "token_file", None))
    if token.source == "argument":
        warn(TOKEN_ARGUMENT_WARNING)
    return token.value


def client_tls(args: argparse.Namespace, url: str) -> ssl_mod.SSLContext | None:
    """The TLS context for ``url`` (``wss://``: system trust store + ``--ca``); warns once on stderr
    when ``url`` is ``ws://`` to another machine. Raises ``ValueError``/:class:`CredentialError`."""
    ctx = client_ssl_context(url, getattr(args, "ca", None))
    message = cleartext_warning(url)
    if message:
        warn(message)  # the service logs it too
    return ctx
