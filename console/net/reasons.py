"""Short human-readable reasons for pydantic validation errors (``field.path: problem``)."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError


def json_type(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int | float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return type(v).__name__


def short(v: Any, limit: int = 40) -> str:
    if isinstance(v, dict | list):
        return json_type(v)
    text = repr(v) if isinstance(v, str) else json.dumps(v) if isinstance(v, int | float | bool) else str(v)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_RANGES = {"lat": "−90..90", "lon": "−180..180"}
_TIMES = ("reported_at", "at")


def _problem(err: Any) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    last = err["loc"][-1] if err["loc"] else None
    if last in _RANGES and kind in ("greater_than_equal", "less_than_equal", "finite_number"):
        return f"{short(value)} is out of range {_RANGES[last]}"
    if last in _TIMES and kind == "string_pattern_mismatch":
        return f"{short(value)} is not an RFC 3339 timestamp with a UTC offset"
    if last in _TIMES and kind == "string_type":
        return f"{short(value)} is not an RFC 3339 timestamp (expected a string)"
    if kind == "missing":
        return "missing"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "string_too_long":
        return f"too long ({len(value)} chars, max {ctx.get('max_length')})"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        least = ctx.get("min_length")
        return "must not be empty" if least == 1 else f"too few items (min {least})"
    if kind == "too_long":
        return f"too many items (max {ctx.get('max_length')})"
    if kind == "string_pattern_mismatch":
        return f"{short(value)} is not a valid id (1–64 chars of A-Za-z0-9._:-)"
    if kind in ("enum", "literal_error"):
        return f"{short(value)} is not one of {str(ctx.get('expected', '')).replace(chr(39), '')}"
    if kind in ("greater_than_equal", "less_than_equal", "finite_number"):
        return f"{short(value)} is out of range"
    if kind.endswith("_type") or kind in ("int_from_float", "model_type", "dataclass_type"):
        want = {"string_type": "a string", "int_type": "an integer", "float_type": "a number",
                "bool_type": "true or false", "list_type": "an array", "dict_type": "an object",
                "model_type": "an object"}.get(kind, kind.removesuffix("_type"))
        return f"expected {want}, got {json_type(value)} {short(value)}".rstrip()
    return f"{err['msg']} (got {short(value)})"


def describe(exc: ValidationError, *, frame: bool = True, limit: int = 3) -> str:
    """``field.path: problem`` for the first few errors (frame-level tags dropped)."""
    parts: list[str] = []
    errors = exc.errors(include_url=False)
    for err in errors[:limit]:
        kind = err["type"]
        loc = list(err["loc"])
        if kind == "json_invalid":
            return f"not JSON: {(err.get('ctx') or {}).get('error', err['msg'])}"
        if kind in ("model_attributes_type", "dict_type", "model_type") and not loc:
            return f"frame is not a JSON object (got {json_type(err.get('input'))})"
        if kind == "union_tag_not_found":
            return 'frame has no "type"'
        if kind == "union_tag_invalid":
            return f"unknown frame type {short((err.get('ctx') or {}).get('tag'))}"
        if frame and loc:
            loc = loc[1:]  # the discriminator tag
        path = ".".join(str(p) for p in loc) or "frame"
        parts.append(f"{path}: {_problem(err)}")
    if len(errors) > limit:
        parts.append(f"(+{len(errors) - limit} more)")
    return "; ".join(parts)


_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why no database text column can hold ``text`` (a NUL character, a lone surrogate), or None.

    PostgreSQL refuses NUL in text and every driver refuses to encode a lone surrogate as UTF-8;
    a pair of surrogate escapes in JSON is one character once parsed, so any surrogate here is lone.
    """
    if "\x00" in text:
        return "contains a NUL character (\\u0000), which cannot be stored"
    m = _SURROGATE.search(text)
    if m is not None:
        return f"contains a lone surrogate (\\u{ord(m.group()):04x}), which is not valid Unicode text"
    return None


def unstorable(obj: Any, path: str) -> str | None:
    """``path.to.field: problem`` for the first string (value or key) in ``obj`` that cannot be stored;
    None when every string can. Walks without recursion (a parsed JSON value may be deeply nested)."""
    stack: list[tuple[str, Any]] = [(path, obj)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, str):
            problem = text_problem(value)
            if problem is not None:
                return f"{here}: {problem}"
        elif isinstance(value, dict):
            children = []
            for key, child in value.items():
                key_text = str(key)
                problem = text_problem(key_text)
                if problem is not None:
                    return f"{here}: a field name {problem.replace('contains', 'containing', 1)}"
                children.append((f"{here}.{key_text}", child))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{here}.{i}", child) for i, child in enumerate(value)]))
    return None
