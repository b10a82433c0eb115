"""Adapters from other intake formats to protocol records, and the hub's ``--from`` loader.

Each adapter returns :class:`AdapterResult`: wire records ``(kind, object)`` ready to publish and
the problems met (documents or items that could not be mapped at all). Field-level validation is
left to the protocol: a mapped record that is still invalid is quarantined by the console.

:func:`load_path` never lets one bad file stop the others: a file that cannot be read or parsed
(unsafe or broken XML, JSON nested too deeply, not UTF-8, larger than :data:`MAX_FILE_BYTES`) is
skipped whole, and a record that cannot be published (a lone surrogate, larger than the hub log
takes: :data:`MAX_RECORD_CHARS`) is skipped alone; each becomes one problem naming the file and the
line (``.jsonl``) or the item index (``[n]``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console.net.protocol import MAX_FRAME_BYTES

log = logging.getLogger(__name__)

_BAD_ID_CHARS = re.compile(r"[^A-Za-z0-9._:-]")
MAX_FILE_BYTES = 64 << 20  # a --from file larger than this is skipped unread (64 MiB)
MAX_RECORD_CHARS = MAX_FRAME_BYTES // 2  # the most the hub log takes for one record (console.net.hublog)


class AdapterError(ValueError):
    """A document that is not in the expected format (clear one-line message)."""


@dataclass(slots=True)
class AdapterResult:
    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # ("event"|"status", wire obj)
    problems: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)  # where each record came from ("file:line", "file[n]")

    def add(self, kind: str, obj: dict[str, Any], origin: str) -> None:
        self.records.append((kind, obj))
        self.origins.append(origin)

    def origin(self, n: int, default: str) -> str:
        return self.origins[n] if len(self.origins) == len(self.records) else default

    def extend(self, other: AdapterResult) -> None:
        for n, (kind, obj) in enumerate(other.records):
            self.add(kind, obj, other.origin(n, f"record #{n}"))
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
    event object per line. Bad files and records are skipped, each with a problem (module doc);
    only a path that does not exist raises :class:`AdapterError`.
    """
    p = Path(path)
    if not p.exists():
        raise AdapterError(f"{p}: no such file or directory")
    files = sorted(f for f in p.iterdir() if f.suffix.lower() in (".xml", ".json", ".jsonl")) if p.is_dir() else [p]
    out = AdapterResult()
    for f in files:
        try:
            part = _load_file(f)
        except AdapterError as exc:
            out.problems.append(f"{exc} — file skipped")
            continue
        except RecursionError:
            out.problems.append(f"{f.name}: nested too deeply to parse — file skipped")
            continue
        except Exception as exc:  # one file must never stop the others: skip it, say why, keep the trace
            log.exception("unexpected error reading %s", f)
            out.problems.append(f"{f.name}: unexpected error ({type(exc).__name__}: {exc}) — file skipped")
            continue
        out.problems.extend(part.problems)
        for n, (kind, obj) in enumerate(part.records):
            origin = part.origin(n, f"{f.name}[{n}]")
            reason = publish_problem(obj)
            if reason is None:
                out.add(kind, obj, origin)
            else:
                out.problems.append(f"{origin}: {reason} — record skipped")
    return out


def publish_problem(obj: Any) -> str | None:
    """Why a loaded record cannot be published as is (None: it can); same encoding as the hub's."""
    try:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as exc:
        return f"cannot be encoded as JSON ({exc})"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        where = _surrogate_path(obj) or "record"
        return f"{where}: lone surrogate U+{ord(exc.object[exc.start]):04X} (not valid Unicode)"
    if len(text) > MAX_RECORD_CHARS:
        return f"too large ({len(text):,} characters; the hub log takes at most {MAX_RECORD_CHARS:,})"
    return None


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _surrogate_path(obj: Any, path: str = "") -> str | None:
    """The field path (``title``, ``location.address``, ``tags[2]``) of the first lone surrogate."""
    stack: list[tuple[Any, str]] = [(obj, path)]
    while stack:
        value, at = stack.pop()
        if isinstance(value, str):
            if _has_surrogate(value):
                return at or "value"
        elif isinstance(value, dict):
            for k, v in reversed(list(value.items())):
                key = str(k)
                if _has_surrogate(key):
                    return f"{at}.(key)" if at else "(key)"
                stack.append((v, f"{at}.{key}" if at else key))
        elif isinstance(value, list):
            stack.extend((v, f"{at}[{i}]") for i, v in reversed(list(enumerate(value))))
    return None


def _load_file(f: Path) -> AdapterResult:
    from console.net.adapters.cap import parse_cap
    from console.net.adapters.open311 import parse_open311

    suffix = f.suffix.lower()
    if suffix not in (".xml", ".json", ".jsonl"):
        raise AdapterError(f"{f.name}: unsupported file type (expected .xml, .json or .jsonl)")
    try:
        size = f.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AdapterError(f"{f.name}: {size:,} bytes, larger than the limit of {MAX_FILE_BYTES:,} bytes")
        data = f.read_bytes()
    except OSError as exc:
        raise AdapterError(f"{f.name}: cannot read: {exc.strerror or exc}") from exc
    if suffix == ".xml":
        return parse_cap(data, origin=f.name)
    if suffix == ".jsonl":
        return _parse_jsonl(data, f.name)
    return _parse_json(data, f.name, parse_open311)


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
            out.add("event", item, f"{origin}[{n}]")
        else:
            out.problems.append(f"{origin}[{n}]: neither an Open311 service request nor a protocol event")
    return out


def _parse_jsonl(data: bytes, origin: str) -> AdapterResult:
    out = AdapterResult()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # split the bytes, not the text: str.splitlines() would also cut at U+2028 inside a JSON string
    for n, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            out.problems.append(f"{origin}:{n}: not UTF-8 (byte {exc.start + 1} of the line) — line skipped")
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            out.problems.append(f"{origin}:{n}: not JSON: {exc}")
            continue
        except RecursionError:
            out.problems.append(f"{origin}:{n}: nested too deeply to parse — line skipped")
            continue
        if isinstance(obj, dict):
            out.add("event", obj, f"{origin}:{n}")
        else:
            out.problems.append(f"{origin}:{n}: not a JSON object")
    return out
