"""A throw-away self-signed certificate for 127.0.0.1 (made with the openssl command, as in
tests/net/test_hub.py), for real TLS hubs in the tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def self_signed_cert(directory: Path, name: str = "hub") -> tuple[Path, Path]:
    """``(cert.pem, key.pem)`` for CN/SAN 127.0.0.1 and localhost, valid one day; skips without openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    cert, key = directory / f"{name}-cert.pem", directory / f"{name}-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True, timeout=60,
    )
    key.chmod(0o600)
    return cert, key
