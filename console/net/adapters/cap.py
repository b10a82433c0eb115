"""OASIS CAP 1.2 alerts (XML) → protocol event objects.

Parsed with ``defusedxml`` (no entity expansion, no external entities). One event per alert,
from its first ``info`` block in Chinese if there is one, else the first:

- id ``cap:<identifier>``; an ``Update``/``Cancel`` carries the id of the alert it references
  (the first entry of ``references``), so the console merges it into the original report;
  a Cancel is flagged ``cap.cancelled``; ``Ack``/``Error`` messages are not events;
- ``status`` Exercise/Test/System are kept apart from live alerts: their ids are prefixed
  ``cap-exercise:``/``cap-test:``/``cap-system:`` (so they never merge with an Actual alert), the
  title is prefixed ``[演练]``/``[测试]``/``[系统]`` and the extra fields carry ``drill: true``;
  Draft alerts are not published;
- ``severity`` → level (Extreme → critical, Severe → major, Moderate → significant, else general);
  the CAP ``event`` text is matched against a few emergency categories, else ``cap.<category>``;
- the first ``circle`` centre or ``polygon`` centroid → location (address = ``areaDesc``).
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from console.net.adapters import AdapterError, AdapterResult, clip, make_id

NAMESPACES = ("urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergency:cap:1.1")
_STATUS_PREFIX = {"Actual": ("cap:", ""), "Exercise": ("cap-exercise:", "[演练] "),
                  "Test": ("cap-test:", "[测试] "), "System": ("cap-system:", "[系统] ")}
_LEVEL = {"Extreme": "critical", "Severe": "major", "Moderate": "significant"}
_CATEGORY_WORDS = (
    (("flood", "rain", "waterlog", "暴雨", "内涝", "积水", "洪"), "emg.waterlogging"),
    (("wind", "typhoon", "台风", "大风", "tree"), "emg.tree_down"),
    (("power", "停电", "outage"), "emg.power_outage"),
    (("evacuat", "转移", "撤离"), "emg.evacuation"),
    (("fire", "火"), "fire.fire"),
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(el: Element, name: str) -> Element | None:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _children(el: Element, name: str) -> list[Element]:
    return [c for c in el if _local(c.tag) == name]


def _text(el: Element | None, name: str) -> str | None:
    c = _child(el, name) if el is not None else None
    return c.text.strip() if c is not None and c.text and c.text.strip() else None


def _centre(area: Element | None) -> tuple[float, float] | None:
    if area is None:
        return None
    for circle in _children(area, "circle"):
        m = re.match(r"^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s+[\d.]+\s*$", circle.text or "")
        if m:
            return float(m.group(1)), float(m.group(2))
    for poly in _children(area, "polygon"):
        pts = []
        for pair in (poly.text or "").split():
            lat, _, lon = pair.partition(",")
            try:
                pts.append((float(lat), float(lon)))
            except ValueError:
                pts = []
                break
        if len(pts) >= 3:
            if pts[0] == pts[-1]:
                pts = pts[:-1]
            return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
    return None


def _category(info: Element | None) -> str:
    words = " ".join(filter(None, (_text(info, "event"), _text(info, "headline")))).lower()
    for keys, code in _CATEGORY_WORDS:
        if any(k in words for k in keys):
            return code
    cat = _text(info, "category") if info is not None else None
    return f"cap.{(cat or 'other').lower()}"


def alert_to_wire(alert: Element) -> dict[str, Any] | None:
    """One ``<alert>`` → event object; None for messages that are not events (Ack, Error, Draft)."""
    identifier = _text(alert, "identifier")
    sent = _text(alert, "sent")
    status = _text(alert, "status") or "Actual"
    msg_type = _text(alert, "msgType") or "Alert"
    if not identifier or not sent:
        raise AdapterError("alert without identifier or sent")
    if status == "Draft" or msg_type in ("Ack", "Error"):
        return None
    prefix, title_prefix = _STATUS_PREFIX.get(status, ("cap-other:", f"[{status}] "))
    references = (_text(alert, "references") or "").split()
    target = identifier
    if msg_type in ("Update", "Cancel") and references:
        parts = references[0].split(",")
        if len(parts) >= 2 and parts[1]:
            target = parts[1]
    infos = _children(alert, "info")
    info = next((i for i in infos if (_text(i, "language") or "").lower().startswith("zh")), infos[0] if infos else None)
    area = _child(info, "area") if info is not None else None
    headline = _text(info, "headline") or _text(info, "event") or f"CAP {identifier}"
    ev: dict[str, Any] = {
        "id": make_id(prefix, target),
        "source": "other",
        "category": _category(info),
        "title": clip(title_prefix + headline, 200),
        "level": _LEVEL.get(_text(info, "severity") or "", "general") if status == "Actual" else "general",
        "reported_at": sent,
    }
    description = "\n".join(filter(None, (_text(info, "description"), _text(info, "instruction"))))
    if description:
        ev["description"] = clip(description, 5000)
    centre = _centre(area)
    if centre is not None:
        ev["location"] = {"lat": centre[0], "lon": centre[1]}
        if _text(area, "areaDesc"):
            ev["location"]["address"] = clip(_text(area, "areaDesc"), 500)
    geocode = _child(area, "geocode") if area is not None else None
    if centre is None and geocode is not None and (_text(geocode, "valueName") or "").lower() == "grid_id":
        ev["grid_id"] = _text(geocode, "value")
    cap: dict[str, Any] = {"identifier": identifier, "sender": _text(alert, "sender"), "status": status,
                           "msg_type": msg_type, "scope": _text(alert, "scope")}
    for key in ("event", "urgency", "severity", "certainty", "web"):
        if _text(info, key):
            cap[key] = _text(info, key)
    if references:
        cap["references"] = references
    if area is not None and _text(area, "areaDesc"):
        cap["area_desc"] = _text(area, "areaDesc")
    if msg_type == "Cancel":
        cap["cancelled"] = True
    ev["cap"] = {k: v for k, v in cap.items() if v is not None}
    if status != "Actual":
        ev["drill"] = True
    return ev


def parse_cap(data: str | bytes, *, origin: str = "cap") -> AdapterResult:
    """A CAP document: one ``<alert>``, or any element holding several alerts."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise AdapterError(f"{origin}: not a usable XML document: unsafe XML refused "
                           f"(entity or DTD declarations are not allowed: {exc})") from exc
    except SafeET.ParseError as exc:
        raise AdapterError(f"{origin}: not a usable XML document: {exc}") from exc
    alerts = [root] if _local(root.tag) == "alert" else [e for e in root.iter() if _local(e.tag) == "alert"]
    if not alerts:
        raise AdapterError(f"{origin}: no CAP <alert> element")
    out = AdapterResult()
    for n, alert in enumerate(alerts):
        ns = alert.tag[1:].split("}")[0] if alert.tag.startswith("{") else ""
        if ns not in NAMESPACES:
            out.problems.append(f"{origin}[{n}]: not a CAP 1.1/1.2 alert (namespace {ns or 'none'})")
            continue
        try:
            ev = alert_to_wire(alert)
        except (AdapterError, ValueError, TypeError) as exc:  # e.g. a circle "1.2.3,4 5": float() refuses it
            out.problems.append(f"{origin}[{n}]: {exc}")
            continue
        if ev is not None:
            out.add("event", ev, f"{origin}[{n}]")
    return out
