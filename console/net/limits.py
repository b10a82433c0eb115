"""Limits of the feed's frames, and text that no database can store (issue 13, item 1).

The sizes every side keeps (docs/protocol.md, "Transport and handshake"), and the checks the
protocol's decoders run on a frame before and after pydantic validates it: a record frame too large
to read (its seq taken from the frame's head, so the quarantine acks past it) and text that no
database can store (a NUL character, a lone surrogate) anywhere in a record, named by its field.
Both cost nothing on a normal frame: a length test and a substring search.
"""

from __future__ import annotations

import json
import re
from typing import Any

from console.net.reasons import unstorable

MAX_FRAME_BYTES = 1 << 20  # the hub refuses client frames over 1 MiB
MAX_RECORD_CHARS = MAX_FRAME_BYTES // 2  # the hub never stores a record over 512 Ki chars (hublog)
# A hub record frame over 2 MiB is quarantined unread, with its seq (read from the frame's head).
MAX_RECORD_FRAME_BYTES = 2 << 20
# The console's websocket limit (max_size), above the hub's largest frame (a 512 Ki-char record of
# 4-byte UTF-8 characters: 2 MiB + the envelope), so that an oversized record reaches the console
# and is quarantined instead of closing the connection (1009) and being re-sent for ever.
CLIENT_MAX_FRAME_BYTES = 4 << 20
if CLIENT_MAX_FRAME_BYTES < 4 * MAX_RECORD_CHARS + 4096:
    raise RuntimeError("CLIENT_MAX_FRAME_BYTES must exceed the hub's largest record frame")


def seq_of(raw: str | bytes) -> int | None:
    obj = lenient(raw)
    seq = obj.get("seq") if isinstance(obj, dict) else None
    return seq if isinstance(seq, int) and not isinstance(seq, bool) and 1 <= seq <= 2**62 else None


def lenient(raw: str | bytes) -> Any:
    """The frame as Python's json reads it (control characters and lone surrogates allowed); None if not JSON."""
    try:
        return json.loads(raw, strict=False)
    except (ValueError, RecursionError):
        return None


_HEAD_SEQ = re.compile(rb'^\s*\{\s*"type"\s*:\s*"[a-z_]{1,20}"\s*,\s*"seq"\s*:\s*(\d{1,19})[,}\s]')
# an escaped NUL, or a \uD800-\uDFFF escape (lone ones are refused by the JSON parser, pairs are fine)
_MAYBE_NUL = b"\\u0000"
_MAYBE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def as_bytes(raw: str | bytes) -> bytes:
    return raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")


def has_nul_escape(raw: str | bytes) -> bool:
    return (_MAYBE_NUL in raw) if isinstance(raw, bytes) else ("\\u0000" in raw)


def oversized(raw: str | bytes) -> tuple[str, int | None] | None:
    """``(reason, seq)`` for a frame over MAX_RECORD_FRAME_BYTES, refused unread (its seq taken from the
    head of the frame); None for a frame within the limit."""
    data = as_bytes(raw)
    if len(data) <= MAX_RECORD_FRAME_BYTES:
        return None
    m = _HEAD_SEQ.match(data[:256])
    seq = int(m.group(1)) if m else seq_of(data)
    if seq is not None and not 1 <= seq <= 2**62:
        seq = None
    return f"frame too large ({len(data):,} bytes, max {MAX_RECORD_FRAME_BYTES >> 20} MiB)", seq


def unstorable_frame(raw: str | bytes, frame: Any) -> str | None:
    """``event.title: contains a NUL character …`` for a record frame carrying text no database can
    store (NUL, lone surrogates); None otherwise. ``frame`` is the parsed frame (None: parse ``raw``
    leniently — used for frames the strict JSON parser refused)."""
    data = as_bytes(raw)
    if _MAYBE_NUL not in data and b"\x00" not in data and _MAYBE_SURROGATE.search(data) is None:
        return None
    obj = frame if frame is not None else lenient(raw)
    if not isinstance(obj, dict):
        return None
    kind = obj.get("type")
    if kind in ("event", "status") and kind in obj:
        return unstorable(obj[kind], str(kind))
    return unstorable(obj, "frame")
