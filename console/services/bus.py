"""A tiny publish/subscribe hub: services publish, views subscribe (DESIGN §4.8).

Subscribers are held weakly when they are bound methods, so a closed view never keeps
receiving. Callbacks run synchronously on the publishing thread: services publish from the
asyncio (qasync) loop, which is the GUI thread, so Qt adapters may touch widgets directly.

Topics are typed (DESIGN §4.16, ``console.services.topics``): a topic that is not registered is
refused (one dict lookup per publish); a strict bus (tests) also checks every payload and every
subscriber's signature against the registry.
"""

from __future__ import annotations

import logging
import weakref
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from console.services.topics import TOPICS, check_payload, check_subscriber, strict_default, topic

log = logging.getLogger(__name__)


class _Strong:
    def __init__(self, cb: Callable[..., Any]) -> None:
        self.cb = cb

    def __call__(self) -> Callable[..., Any]:
        return self.cb


class Bus:
    def __init__(self, *, strict: bool | None = None) -> None:
        """``strict``: check payloads and subscribers (default: ``GRID_CONSOLE_STRICT_BUS=1``)."""
        self.strict = strict_default() if strict is None else strict
        self._subs: dict[str, list[Callable[[], Callable[..., Any] | None]]] = defaultdict(list)

    def subscribe(self, name: str, callback: Callable[..., Any]) -> None:
        topic(name)
        if self.strict:
            check_subscriber(name, callback)
        if hasattr(callback, "__self__") and hasattr(callback, "__func__"):
            ref: Callable[[], Callable[..., Any] | None] = weakref.WeakMethod(callback)
        else:
            ref = _Strong(callback)  # plain functions and lambdas are held strongly
        self._subs[name].append(ref)

    def unsubscribe(self, name: str, callback: Callable[..., Any]) -> None:
        topic(name)
        self._subs[name] = [r for r in self._subs[name] if r() not in (None, callback)]

    def callbacks(self, name: str) -> list[Callable[..., Any]]:
        """The live subscribers of ``name`` now — for a hot loop that notifies many times in a row
        (call them with the topic's payload as keywords; a strict bus checks each call)."""
        topic(name)
        cbs = [cb for cb in (ref() for ref in self._subs.get(name, ())) if cb is not None]
        if self.strict:
            return [_checked(name, cb) for cb in cbs]
        return cbs

    def publish(self, name: str, **payload: Any) -> None:
        if self.strict:
            check_payload(name, payload)
        elif name not in TOPICS:
            topic(name)  # raises: unregistered
        refs = self._subs.get(name)
        if not refs:
            return
        dead = False
        for ref in list(refs):
            cb = ref()
            if cb is None:
                dead = True
                continue
            try:
                cb(**payload)
            except Exception:  # a broken subscriber must not stop the others
                log.exception("subscriber of %r failed", name)
        if dead:
            self._subs[name] = [r for r in refs if r() is not None]


def _checked(name: str, cb: Callable[..., Any]) -> Callable[..., Any]:
    def call(**payload: Any) -> Any:
        check_payload(name, payload)
        return cb(**payload)

    return call
