"""Typed bus topics (DESIGN §4.16): every topic registered, heard and published; payloads checked."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from console.domain.event import Event, Level, Source, State
from console.services import topics
from console.services.bus import Bus
from console.services.topics import TOPICS, TopicError

CONSOLE = Path(__file__).resolve().parents[2] / "console"
# layers below the services cannot import the Bus (import-linter), so they carry no topics
SKIP = ("net", "store", "domain")
CALLS = {"publish": "published", "callbacks": "published", "subscribe": "subscribed"}
# published topics nobody in console/ hears yet, each with why (an entry that is heard now fails)
KNOWN_UNHEARD: dict[str, str] = {}


def _strings(node: ast.AST | None) -> list[str] | None:
    if isinstance(node, ast.Tuple | ast.List) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return [e.value for e in node.elts]  # type: ignore[attr-defined]
    return None


def _names_of(arg: ast.AST, parents: dict[ast.AST, ast.AST], module: ast.Module) -> list[str] | None:
    """The topic name(s) of a call's first argument: a literal, or a loop over a literal/module tuple."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [arg.value]
    if not isinstance(arg, ast.Name):
        return None
    node: ast.AST | None = arg
    while node is not None:
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id == arg.id:
            found = _strings(node.iter)
            if found is None and isinstance(node.iter, ast.Name):
                for stmt in module.body:  # a module-level constant, e.g. CHANGES = ("a", "b")
                    if isinstance(stmt, ast.Assign) and any(
                            isinstance(t, ast.Name) and t.id == node.iter.id for t in stmt.targets):
                        found = _strings(stmt.value)
            return found
        node = parents.get(node)
    return None


def scan() -> tuple[dict[str, dict[str, list[str]]], list[str]]:
    """``{"published"|"subscribed": {topic: [file:line, …]}}`` over console/, and unresolved call sites."""
    uses: dict[str, dict[str, list[str]]] = {"published": defaultdict(list), "subscribed": defaultdict(list)}
    unresolved: list[str] = []
    for path in sorted(CONSOLE.rglob("*.py")):
        rel = path.relative_to(CONSOLE.parent)
        if rel.parts[1] in SKIP:
            continue
        module = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(module) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(module):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in CALLS and node.args):
                continue
            if "hub" in ast.unparse(node.func.value):
                continue  # the feed hub's publish, not the bus
            where = f"{rel}:{node.lineno}"
            names = _names_of(node.args[0], parents, module)
            if names is None:
                unresolved.append(where)
                continue
            for name in names:
                uses[CALLS[node.func.attr]][name].append(where)
    return uses, unresolved


def test_every_topic_is_registered_published_and_heard() -> None:
    uses, unresolved = scan()
    published, subscribed = uses["published"], uses["subscribed"]
    assert not unresolved, f"topic names must be literals (or loops over literal tuples): {unresolved}"
    assert len(published) > 15  # the scan sees the real code
    assert len(subscribed) > 15
    used = published.keys() | subscribed.keys()
    assert sorted(used - TOPICS.keys()) == [], "unregistered topics"
    assert sorted(TOPICS.keys() - used) == [], "registered topics nobody publishes or hears"
    unheard = {n: published[n] for n in published.keys() - subscribed.keys() - KNOWN_UNHEARD.keys()}
    assert unheard == {}, "published topics nobody hears"
    assert {n: subscribed[n] for n in subscribed.keys() - published.keys()} == {}, "heard topics nobody publishes"
    assert sorted(KNOWN_UNHEARD.keys() & subscribed.keys()) == [], "heard now: drop it from KNOWN_UNHEARD"


def test_strict_mode_is_on_in_tests() -> None:
    assert topics.strict_default()
    assert Bus().strict
    assert not Bus(strict=False).strict


@pytest.mark.parametrize("strict", [False, True])
def test_unregistered_topics_are_refused(strict: bool) -> None:
    bus = Bus(strict=strict)
    with pytest.raises(TopicError, match="unregistered bus topic 'evnets_added'"):
        bus.publish("evnets_added", events=[])
    with pytest.raises(TopicError, match="unregistered"):
        bus.subscribe("nobody_publishes_this", lambda: None)
    with pytest.raises(TopicError, match="unregistered"):
        bus.callbacks("sla_breech")


def _event() -> Event:
    from datetime import UTC, datetime

    return Event("e1", Source.GRID_APP, "city.garbage", "暴露垃圾", datetime(2026, 11, 22, tzinfo=UTC),
                 level=Level.GENERAL, state=State.NEW, grid_id="g1")


def test_strict_payloads_need_the_registered_keys_and_types() -> None:
    bus = Bus(strict=True)
    got: list[Any] = []
    bus.subscribe("events_removed", lambda ids: got.append(ids))
    bus.publish("events_removed", ids=["e1"])
    assert got == [["e1"]]
    with pytest.raises(TopicError, match="missing 'ids'"):
        bus.publish("events_removed")
    with pytest.raises(TopicError, match="unexpected 'events'"):
        bus.publish("events_removed", ids=[], events=[])
    with pytest.raises(TopicError, match="'ids' should be list\\[str\\], got tuple"):
        bus.publish("events_removed", ids=("e1",))
    with pytest.raises(TopicError, match="should be list\\[Event\\]"):
        bus.publish("events_added", events=["e1"])
    with pytest.raises(TopicError, match="'state' should be FeedState, got dict"):
        bus.publish("feed_state", state={"status": "connected"})
    bus.publish("events_added", events=[_event()])
    assert got == [["e1"]]  # nothing published after a refusal
    with pytest.raises(TopicError, match="'event_ids' should be list\\[str\\]"):
        bus.publish("actions_appended", event_ids="e1", actions=[])


def test_non_strict_bus_only_looks_the_name_up() -> None:
    bus = Bus(strict=False)
    got: list[Any] = []
    bus.subscribe("events_removed", lambda **p: got.append(p))
    bus.publish("events_removed", ids=("e1",))  # production: no shape check, no cost
    assert got == [{"ids": ("e1",)}]


def test_strict_subscribers_must_take_the_payload() -> None:
    bus = Bus(strict=True)

    class View:
        def on_event_ok(self, whistle: Any, **_: Any) -> None: ...
        def on_event_missing(self, whistle: Any) -> None: ...  # whistle_red also sends department_ids
        def on_event_extra(self, whistle: Any, department_ids: Any, colour: str) -> None: ...
        def on_event_default(self, whistle: Any, department_ids: Any, colour: str = "red") -> None: ...

    v = View()
    bus.subscribe("whistle_red", v.on_event_ok)
    bus.subscribe("whistle_red", v.on_event_default)
    with pytest.raises(TopicError, match="does not take 'department_ids'"):
        bus.subscribe("whistle_red", v.on_event_missing)
    with pytest.raises(TopicError, match="needs 'colour' \\(not in the payload\\)"):
        bus.subscribe("whistle_red", v.on_event_extra)
    with pytest.raises(TopicError, match="does not take 'event_ids'"):
        bus.subscribe("actions_appended", lambda actions: None)
    bus.subscribe("actions_appended", lambda actions, event_ids: None)


def test_strict_hot_path_callbacks_check_each_call() -> None:
    """The SLA clock resolves ``callbacks()`` once per tick and calls them directly."""
    bus = Bus(strict=True)
    got: list[str] = []
    bus.subscribe("sla_breach", lambda event, deadline: got.append(event.id))
    (cb,) = bus.callbacks("sla_breach")
    ev = _event()
    with pytest.raises(TopicError, match="'deadline' should be Deadline, got str"):
        cb(event=ev, deadline="soon")
    assert got == []
    assert Bus(strict=False).callbacks("sla_breach") == []


def test_every_registered_type_resolves() -> None:
    for name in TOPICS:
        assert set(topics.field_types(name)) == set(TOPICS[name].fields)
