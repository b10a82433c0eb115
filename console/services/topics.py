"""The bus topics (DESIGN §4.16): every topic name the :class:`~console.services.bus.Bus` carries,
with its payload's field names and types.

The bus refuses a topic that is not listed here. In strict mode (tests: ``GRID_CONSOLE_STRICT_BUS=1``,
set by ``tests/conftest.py``) it also checks every payload — exactly the listed keys (optional ones
may be absent), each value of its type — and every subscriber's signature when it subscribes.
Types are written as text and resolved on first use in strict mode only, so importing this module
(and publishing in production) imports nothing. ``tests/services/test_topics.py`` scans ``console/``:
a topic published with no subscriber, subscribed with no publisher, or missing here fails it.
"""

from __future__ import annotations

import inspect
import os
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

STRICT_ENV = "GRID_CONSOLE_STRICT_BUS"


class TopicError(TypeError):
    """An unregistered topic, a payload of the wrong shape, or a subscriber that cannot take it."""


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    doc: str
    fields: Mapping[str, str]  # field name → type (Python expression, resolved lazily)
    optional: frozenset[str] = field(default_factory=frozenset)

    @property
    def required(self) -> frozenset[str]:
        return frozenset(self.fields) - self.optional


def _topic(name: str, doc: str, *, optional: tuple[str, ...] = (), **fields: str) -> Topic:
    return Topic(name, doc, dict(fields), frozenset(optional))


TOPICS: dict[str, Topic] = {t.name: t for t in (
    # ---- room (console.services.room) -------------------------------------------------------------
    _topic("events_loaded", "stored open events read at start-up, one call per page (not arrivals)",
           events="list[Event]"),
    _topic("events_added", "new open events in the room", events="list[Event]"),
    _topic("events_changed", "new versions of events the room holds", events="list[Event]"),
    _topic("events_removed", "events that left the room (closed, rejected, merged…)", ids="list[str]"),
    _topic("grid_counts_changed", "the per-grid open/overdue counts changed"),
    # ---- feed (console.services.ingest) -----------------------------------------------------------
    _topic("feed_state", "the feed connection's health", state="FeedState"),
    # ---- link to the other levels' rooms (console.services.link) --------------------------------------
    _topic("link_state", "the room link's health: connected, backlog up/down, last ack", state="LinkState"),
    # ---- grid workers' positions (console.services.positions) -------------------------------------
    _topic("worker_positions", "new last positions of grid workers were stored", worker_ids="list[str]"),
    _topic("positions_state", "the positions broker's connection: connected, disconnected, unauthorized, tls",
           status="str", detail="str | None", url="str"),
    _topic("intake_writer", "which seat holds the room's intake (console.services.intake_writer)",
           holder="str | None", this_seat="bool"),
    _topic("room_feed_state", "the intake writer's feed health, shared through the room, at a seat that does "
           "not write (console.services.feed_share)", state="FeedState", writer="str", at="datetime"),
    _topic("district_changed", "the district (grids, members, departments, cameras) was read again after an "
           "import at another seat or by a tool (console.core.Core.reload_district)"),
    # ---- SLA clock (console.services.sla_clock) ---------------------------------------------------
    _topic("sla_warning", "a deadline is near", event="Event", deadline="Deadline"),
    _topic("sla_breach", "a deadline passed", event="Event", deadline="Deadline"),
    _topic("sla_table_reloaded", "a new SLA table is in force", table="SlaTable"),
    _topic("sla_table_error", "the SLA table file was refused; the previous table stays in force",
           error="SlaConfigError"),
    # ---- officer decisions ------------------------------------------------------------------------
    _topic("actions_appended", "actions were written to the event log (the decision path)",
           event_ids="list[str]", actions="list[Action]"),
    _topic("snapshot_saved", "a video snapshot was attached to an event", event_id="str", action="Action"),
    # ---- escalation (console.services.escalation) -------------------------------------------------
    _topic("event_escalated", "上报: an event moved up a tier", event="Event", from_tier="str", to_tier="str",
           reason="str"),
    _topic("event_supervised", "督办: an event's departments were reminded", event="Event", officer="str",
           note="str"),
    _topic("broadcast_sent", "一键下达 sent", broadcast="Broadcast"),
    _topic("broadcast_acknowledged", "a grid acknowledged a broadcast", broadcast="Broadcast", grid_id="str"),
    _topic("broadcast_resent", "a broadcast sent again to the silent grids", broadcast="Broadcast",
           grid_ids="list[str]"),
    _topic("broadcast_overdue", "grids still silent at the acknowledgement deadline", broadcast="Broadcast",
           silent="list[str]"),
    _topic("whistle_blown", "吹哨: departments summoned", whistle="Whistle"),
    _topic("whistle_checked_in", "a department checked in (报到)", whistle="Whistle", department_id="str"),
    _topic("whistle_progress", "a summoned department reported progress", whistle="Whistle",
           department_id="str", note="str"),
    _topic("whistle_red", "departments missed the check-in deadline", whistle="Whistle",
           department_ids="list[str]"),
    _topic("escalation_board_reset", "the board was folded anew (replay moved back in time): every record",
           broadcasts="list[Broadcast]", whistles="list[Whistle]"),
)}


def topic(name: str) -> Topic:
    """The registered topic ``name``; :class:`TopicError` if there is none."""
    try:
        return TOPICS[name]
    except KeyError:
        raise TopicError(f"unregistered bus topic {name!r} (add it to console.services.topics)") from None


def strict_default() -> bool:
    """Strict checking unless switched off: on when ``GRID_CONSOLE_STRICT_BUS`` is ``1``."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


# ---- strict checks --------------------------------------------------------------------------------
_resolved: dict[str, dict[str, Any]] = {}


def _namespace() -> dict[str, Any]:
    from datetime import datetime

    from console.domain.escalation import Broadcast, Whistle
    from console.domain.event import Action, Event
    from console.domain.sla import Deadline, SlaConfigError, SlaTable
    from console.services.ingest import FeedState
    from console.services.link import LinkState

    return {"Any": Any, "Event": Event, "Action": Action, "Deadline": Deadline, "SlaTable": SlaTable,
            "SlaConfigError": SlaConfigError, "FeedState": FeedState, "LinkState": LinkState, "Broadcast": Broadcast, "Whistle": Whistle,
            "datetime": datetime}


def field_types(name: str) -> dict[str, Any]:
    """``name``'s payload fields → resolved types (strict mode; cached)."""
    types_ = _resolved.get(name)
    if types_ is None:
        ns = _namespace()
        types_ = _resolved[name] = {f: eval(expr, ns) for f, expr in topic(name).fields.items()}
    return types_


def _checker(tp: Any) -> Callable[[Any], bool]:
    """A predicate for values of type ``tp`` (classes, ``X | None``, ``list[X]``…, ``Any``)."""
    if tp is Any:
        return lambda v: True
    if tp is None or tp is type(None):
        return lambda v: v is None
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [_checker(t) for t in typing.get_args(tp)]
        return lambda v: any(ok(v) for ok in options)
    if origin in (list, tuple, set, frozenset):
        args = typing.get_args(tp)
        if not args or args[0] is Any:
            return lambda v: isinstance(v, origin)
        if isinstance(args[0], type):  # the usual case, e.g. list[Event]: one isinstance per item
            item_cls = args[0]
            return lambda v: isinstance(v, origin) and all(isinstance(x, item_cls) for x in v)
        item = _checker(args[0])
        return lambda v: isinstance(v, origin) and all(item(x) for x in v)
    cls = origin if origin is not None else tp
    return lambda v: isinstance(v, cls)


_checkers: dict[str, dict[str, Callable[[Any], bool]]] = {}


def check_payload(name: str, payload: Mapping[str, Any]) -> None:
    """Raise :class:`TopicError` unless ``payload`` has ``name``'s keys with values of their types."""
    checks = _checkers.get(name)
    if checks is None:
        checks = _checkers[name] = {f: _checker(tp) for f, tp in field_types(name).items()}
    t = TOPICS[name]
    if payload.keys() == checks.keys() and all(checks[k](v) for k, v in payload.items()):
        return  # the usual case, checked without building any message
    problems = [f"missing {k!r}" for k in sorted(t.required - payload.keys())]
    problems += [f"unexpected {k!r}" for k in sorted(payload.keys() - t.fields.keys())]
    for k, v in payload.items():
        if k in checks and not checks[k](v):
            problems.append(f"{k!r} should be {t.fields[k]}, got {type(v).__name__}")
    if problems:
        raise TopicError(f"bus topic {name!r}: " + "; ".join(problems))


def check_subscriber(name: str, callback: Callable[..., Any]) -> None:
    """Raise :class:`TopicError` unless ``callback(**payload)`` can take every payload of ``name``."""
    t = topic(name)
    try:
        sig = inspect.signature(callback)
    except (TypeError, ValueError):
        return  # a builtin without a signature: nothing to check
    params = sig.parameters.values()
    if any(p.kind is p.VAR_KEYWORD for p in params):
        named = {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        unknown = named - t.fields.keys()
        needs = {p.name for p in params if p.name in unknown and p.default is p.empty}
        if needs:
            raise TopicError(f"subscriber {_name(callback)} of {name!r} needs {sorted(needs)}, not in the payload")
        return
    problems: list[str] = []
    accepted: set[str] = set()
    for p in params:
        if p.kind is p.VAR_POSITIONAL:
            continue
        if p.kind is p.POSITIONAL_ONLY:
            if p.default is p.empty:
                problems.append(f"positional-only {p.name!r}")
            continue
        accepted.add(p.name)
        if p.default is p.empty and (p.name not in t.fields or p.name in t.optional):
            problems.append(f"needs {p.name!r}" + ("" if p.name in t.fields else " (not in the payload)"))
    problems += [f"does not take {k!r}" for k in sorted(t.fields.keys() - accepted)]
    if problems:
        raise TopicError(f"subscriber {_name(callback)} of {name!r}: " + "; ".join(problems))


def _name(callback: Callable[..., Any]) -> str:
    return getattr(callback, "__qualname__", None) or repr(callback)
