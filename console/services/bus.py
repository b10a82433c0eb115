"""A tiny publish/subscribe hub: services publish, views subscribe (DESIGN §4.8).

Subscribers are held weakly when they are bound methods, so a closed view never keeps
receiving. Callbacks run synchronously on the publishing thread: services publish from the
asyncio (qasync) loop, which is the GUI thread, so Qt adapters may touch widgets directly.
"""

from __future__ import annotations

import logging
import weakref
from collections import defaultdict
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


class _Strong:
    def __init__(self, cb: Callable[..., Any]) -> None:
        self.cb = cb

    def __call__(self) -> Callable[..., Any]:
        return self.cb


class Bus:
    def __init__(self) -> None:
        self._subs: dict[str, list[Callable[[], Callable[..., Any] | None]]] = defaultdict(list)

    def subscribe(self, name: str, callback: Callable[..., Any]) -> None:
        if hasattr(callback, "__self__") and hasattr(callback, "__func__"):
            ref: Callable[[], Callable[..., Any] | None] = weakref.WeakMethod(callback)
        else:
            ref = _Strong(callback)  # plain functions and lambdas are held strongly
        self._subs[name].append(ref)

    def unsubscribe(self, name: str, callback: Callable[..., Any]) -> None:
        self._subs[name] = [r for r in self._subs[name] if r() not in (None, callback)]

    def callbacks(self, name: str) -> list[Callable[..., Any]]:
        """The live subscribers of ``name`` now — for a hot loop that notifies many times in a row."""
        return [cb for cb in (ref() for ref in self._subs.get(name, ())) if cb is not None]

    def publish(self, name: str, **payload: Any) -> None:
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
