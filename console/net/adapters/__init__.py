"""Adapters from other intake formats to protocol records, and the hub's ``--from`` loader.

Each adapter returns :class:`AdapterResult`: wire records ``(kind, object)`` ready to publish and
the problems met (documents or items that could not be mapped at all). Field-level validation is
left to the protocol: a mapped record that is still invalid is quarantined by the console.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_BAD_ID_CHARS = re.compile(r"[^A-Za-z0-9._:-]")


class AdapterError(ValueError):
    """A document that is not in the expected format (clear one-line message)."""


@dataclass(slots=True)
class AdapterResult:
    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # ("event"|"status", wire obj)
    problems: list[str] = field(default_factory=list)

    def extend(self, other: AdapterResult) -> None:
        self.records.extend(other.records)
        self.problems.extend(other.problems)


def make_id(prefix: str, raw: str) -> str:
    """A protocol id (1–64 chars of ``[A-Za-z0-9._:-]``) from a foreign identifier, stable."""
    text = prefix + _BAD_ID_CHARS.sub("_", raw.strip())
    if len(text) <= 64:
        return text
    digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10]
    return f"{text[:53]}.{digest}"


def clip(text: str | None, limit: int) -> str | None:
    if text is None:
        return None
    text = str(text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_path(path: str | Path) -> AdapterResult:
    """Read a file or every supported file of a directory (sorted by name).

    ``*.xml`` → CAP 1.2 alerts; ``*.json`` → an Open311 GeoReport v2 list of service requests, or
    protocol event objects (a list or one object with an ``"id"``); ``*.jsonl`` → one protocol
    event object per line.
    """
    from console.net.adapters.cap import parse_cap
    from console.net.adapters.open311 import parse_open311

    p = Path(path)
    if not p.exists():
        raise AdapterError(f"{p}: no such file or directory")
    files = sorted(f for f in p.iterdir() if f.suffix.lower() in (".xml", ".json", ".jsonl")) if p.is_dir() else [p]
    out = AdapterResult()
    for f in files:
        suffix = f.suffix.lower()
        try:
            data = f.read_bytes()
        except OSError as exc:
            raise AdapterError(f"{f}: cannot read: {exc.strerror or exc}") from exc
        if suffix == ".xml":
            out.extend(parse_cap(data, origin=f.name))
        elif suffix == ".jsonl":
            out.extend(_parse_jsonl(data, f.name))
        elif suffix == ".json":
            out.extend(_parse_json(data, f.name, parse_open311))
        else:
            raise AdapterError(f"{f}: unsupported file type (expected .xml, .json or .jsonl)")
    return out


def _parse_json(data: bytes, origin: str, parse_open311: Any) -> AdapterResult:
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise AdapterError(f"{origin}: not JSON: {exc}") from exc
    items = doc if isinstance(doc, list) else [doc]
    if any(isinstance(i, dict) and "service_request_id" in i for i in items) or (
        isinstance(doc, dict) and "service_requests" in doc
    ):
        return parse_open311(doc, origin=origin)
    out = AdapterResult()
    for n, item in enumerate(items):
        if isinstance(item, dict) and "id" in item:
            out.records.append(("event", item))
        else:
            out.problems.append(f"{origin}[{n}]: neither an Open311 service request nor a protocol event")
    return out


def _parse_jsonl(data: bytes, origin: str) -> AdapterResult:
    out = AdapterResult()
    for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            out.problems.append(f"{origin}:{n}: not JSON: {exc}")
            continue
        if isinstance(obj, dict):
            out.records.append(("event", obj))
        else:
            out.problems.append(f"{origin}:{n}: not a JSON object")
    return out
