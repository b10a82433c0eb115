"""A re-sent report with new content: what the source may change in the stored event (issue 13, item 4).

The source owns the report; the room owns what it decided. When the feed brings an event id the
console already holds:

- an identical report (no source field differs) is a plain duplicate: ``duplicate_count`` + 1 and a
  ``merge`` action, as before;
- otherwise it is an update from the source, applied by these rules and logged as one
  ``source_update`` action whose ``data`` holds ``changes`` (field → new value, what the fold
  applies), ``was`` (field → old value, for the timeline) and ``ignored`` (what the console did not
  take, with the value sent); the event's version is bumped like every write, and the re-sent
  report does not count as a duplicate.

Rules (a value missing from the re-sent report never clears a stored one):

- ``title``, ``description``, ``location``, ``reporter_name``, ``reporter_phone``, ``camera_id``:
  the source's new value replaces the stored one;
- ``grid_id`` (with ``grid_flag``): follows the report's grid — given, or derived from its location;
- ``level``: raised, never lowered (the officer may have raised it at triage; a lower level from the
  source is listed under ``ignored``);
- ``attachments``: new ones (by kind and URL) are added after the stored ones, none is removed;
- ``extra`` (the protocol's unknown fields, e.g. CAP's ``cap`` with ``cancelled``): a key the
  source sends with a new value replaces the stored one; keys the console keeps there (tier, SLA
  clocks, suspension, the last return's reason, the original category) are never touched;
- console-owned fields are never changed by the source: ``state`` and the lifecycle times,
  ``category`` (triage), assignees, claims, supervision, ``duplicate_*``, ``onsite``, ``source``,
  ``reported_at``, ``received_at``, ``seq``.

Pure Python: the store works the action out (:func:`source_changes`) and the fold applies it
(:func:`apply_source_changes`), so the stored row stays the fold of its log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from console.domain.escalation import TIER_KEY
from console.domain.event import Attachment, Event, Level, Location
from console.domain.lifecycle import RETURNED_REASON_KEY, SUSPENSION_KEY
from console.domain.sla import PAUSED_KEY, SLA_START_KEY

SOURCE_UPDATE = "source_update"  # the action kind
# Event.extra keys the console writes itself (never taken from a re-sent report)
CONSOLE_EXTRA_KEYS = frozenset({TIER_KEY, SLA_START_KEY, PAUSED_KEY, SUSPENSION_KEY, RETURNED_REASON_KEY,
                                "original_category"})
_REPLACED = ("title", "description", "reporter_name", "reporter_phone", "camera_id")


def _location(loc: Location | None) -> dict[str, Any] | None:
    return None if loc is None else {"lat": loc.lat, "lon": loc.lon, "address": loc.address}


def source_changes(kept: Event, report: Event) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(changes, was, ignored) of ``report`` (the re-sent one) against the stored ``kept``.

    All three are JSON-ready; all empty means an identical report (a plain duplicate).
    """
    changes: dict[str, Any] = {}
    was: dict[str, Any] = {}
    ignored: dict[str, Any] = {}
    for name in _REPLACED:
        new, old = getattr(report, name), getattr(kept, name)
        if new is not None and new != old:
            changes[name], was[name] = new, old
    if report.location is not None and report.location != kept.location:
        changes["location"], was["location"] = _location(report.location), _location(kept.location)
    if report.grid_id is not None and (report.grid_id, report.grid_flag) != (kept.grid_id, kept.grid_flag):
        changes["grid_id"], was["grid_id"] = report.grid_id, kept.grid_id
        changes["grid_flag"], was["grid_flag"] = report.grid_flag, kept.grid_flag
    if report.level.rank > kept.level.rank:
        changes["level"], was["level"] = report.level.value, kept.level.value
    elif report.level.rank < kept.level.rank and report.level is not Level.GENERAL:
        ignored["level"] = report.level.value  # lowered by the source: the room's level stands
    held = {(a.kind, a.url) for a in kept.attachments}
    added = [{"kind": a.kind, "url": a.url} for a in report.attachments if (a.kind, a.url) not in held]
    if added:
        changes["attachments_added"] = list({(a["kind"], a["url"]): a for a in added}.values())
    extra = {k: v for k, v in report.extra.items()
             if k not in CONSOLE_EXTRA_KEYS and (k not in kept.extra or kept.extra[k] != v)}
    if extra:
        changes["extra"] = extra
        was["extra"] = {k: kept.extra.get(k) for k in extra}
    return changes, was, ignored


def apply_source_changes(ev: Event, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The field values ``changes`` (a ``source_update`` action's) give ``ev``: for ``Event.copy``."""
    out: dict[str, Any] = {name: changes[name] for name in _REPLACED if name in changes}
    if "location" in changes:
        loc = changes["location"]
        out["location"] = Location(loc["lat"], loc["lon"], loc.get("address")) if loc else None
    if "grid_id" in changes:
        out["grid_id"] = changes["grid_id"]
        out["grid_flag"] = changes.get("grid_flag")
    if "level" in changes:
        out["level"] = Level(changes["level"])
    if "attachments_added" in changes:
        out["attachments"] = [*ev.attachments, *(Attachment(a["kind"], a["url"]) for a in changes["attachments_added"])]
    if "extra" in changes:
        out["extra"] = {**ev.extra, **changes["extra"]}
    return out
