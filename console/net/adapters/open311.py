"""Open311 GeoReport v2 service requests (JSON) → protocol event objects.

Mapping: ``service_request_id`` → id ``o311:<id>``; ``service_code`` → category (an unknown code
becomes "unclassified" in the console, the original kept); ``service_name`` → title;
``description``; ``requested_datetime`` → reported_at (a time without offset is taken in
``default_offset``); ``lat``/``long``/``address`` → location; ``media_url`` → an image attachment;
the rest (status, status_notes, agency_responsible, …) → ``open311`` extra object.
"""

from __future__ import annotations

import json
import re
from typing import Any

from console.net.adapters import AdapterError, AdapterResult, clip, make_id

_HAS_OFFSET = re.compile(r"([Zz]|[+-]\d{2}:?\d{2})$")
_EXTRA_KEYS = ("status", "status_notes", "agency_responsible", "service_notice", "address_id", "zipcode",
               "updated_datetime", "expected_datetime", "service_name", "service_code")


def _timestamp(value: Any, default_offset: str) -> Any:
    if not isinstance(value, str) or not value.strip():
        return value
    text = value.strip()
    if _HAS_OFFSET.search(text):
        m = re.search(r"([+-]\d{2})(\d{2})$", text)  # ±hhmm → ±hh:mm
        return text[: m.start()] + f"{m.group(1)}:{m.group(2)}" if m else text
    return text + default_offset


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def service_request_to_wire(req: dict[str, Any], *, source: str = "hotline_12345",
                            default_offset: str = "+08:00") -> dict[str, Any]:
    rid = req.get("service_request_id")
    if rid in (None, ""):
        raise AdapterError("service request without service_request_id")
    description = clip(req.get("description"), 5000)
    title = clip(req.get("service_name") or (description or "")[:60] or f"Open311 {rid}", 200)
    ev: dict[str, Any] = {
        "id": make_id("o311:", str(rid)),
        "source": source,
        "category": str(req.get("service_code") or "unclassified"),
        "title": title,
        "reported_at": _timestamp(req.get("requested_datetime") or req.get("updated_datetime"), default_offset),
    }
    if description:
        ev["description"] = description
    lat, lon = _number(req.get("lat")), _number(req.get("long"))
    if lat is not None and lon is not None:
        ev["location"] = {"lat": lat, "lon": lon}
        if req.get("address"):
            ev["location"]["address"] = clip(str(req["address"]), 500)
    elif req.get("grid_id"):
        ev["grid_id"] = str(req["grid_id"])
    if req.get("media_url"):
        ev["attachments"] = [{"kind": "image", "url": str(req["media_url"])}]
    extra = {k: req[k] for k in _EXTRA_KEYS if req.get(k) not in (None, "")}
    if req.get("address") and "location" not in ev:
        extra["address"] = req["address"]
    ev["open311"] = extra
    return ev


def parse_open311(doc: Any, *, origin: str = "open311", source: str = "hotline_12345",
                  default_offset: str = "+08:00") -> AdapterResult:
    """A GeoReport v2 ``requests.json`` document (list, or ``{"service_requests": [...]}``)."""
    if isinstance(doc, bytes | str):
        try:
            doc = json.loads(doc)
        except ValueError as exc:
            raise AdapterError(f"{origin}: not JSON: {exc}") from exc
    if isinstance(doc, dict):
        doc = doc.get("service_requests", doc.get("requests"))
    if not isinstance(doc, list):
        raise AdapterError(f"{origin}: expected a JSON list of service requests")
    out = AdapterResult()
    for n, req in enumerate(doc):
        if not isinstance(req, dict):
            out.problems.append(f"{origin}[{n}]: not an object")
            continue
        try:
            out.add("event", service_request_to_wire(req, source=source, default_offset=default_offset),
                    f"{origin}[{n}]")
        except (AdapterError, ValueError, TypeError) as exc:
            out.problems.append(f"{origin}[{n}]: {exc}")
    return out
