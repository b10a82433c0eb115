"""The window's one selected event (DESIGN §4.15): every view shows and acts on this object.

:class:`EventSelection` holds the selected event's id and its latest :class:`Event` — the room's
live version, or a stored one for an event that is no longer live (opened from 历史查询, or closed
or rejected while selected). Views set it (``select``/``select_id``) and follow it:

- ``changed(event)`` after every change: another event selected, or a fresher version of the same
  one (the room's ``events_added``/``events_changed``, a decision's result through ``update``);
- ``selected(event)`` only when another event (or none) becomes the selection — for views that
  move (centre the map, switch the video wall) rather than redraw.

When the selected event leaves the room (closed, rejected), it stays selected: ``is_live`` turns
False and, when a ``fetch`` coroutine function is given (the stored version, read off the GUI
thread), the stored version replaces the last live one so the views show it as closed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.domain.event import Event
from console.services.bus import Bus
from console.services.room import Room

log = logging.getLogger(__name__)
Fetch = Callable[[str], Awaitable["Event | None"]]
RunTask = Callable[[Coroutine[Any, Any, Any]], "asyncio.Future[Any]"]


class EventSelection(QObject):
    """The selected event of one window, kept fresh from the room's bus topics."""

    changed = Signal(object)  # Event | None: a new selection or a fresher version of the selected event
    selected = Signal(object)  # Event | None: only when another event (or none) is selected

    def __init__(self, room: Room | None, bus: Bus | None, *, fetch: Fetch | None = None,
                 run_task: RunTask | None = None, parent: QObject | None = None) -> None:
        """``fetch(event_id)``: the stored version of an event (a coroutine; never a blocking call on
        the GUI thread), used when the selected event leaves the room; ``run_task`` schedules it
        (default ``asyncio.ensure_future``)."""
        super().__init__(parent)
        self._room = room
        self._fetch = fetch
        self._run_task = run_task
        self._event: Event | None = None
        self._live = False
        if bus is not None:
            for name in ("events_added", "events_changed"):
                bus.subscribe(name, self.on_event_events_changed)
            bus.subscribe("events_removed", self.on_event_events_removed)

    # ---- reading -----------------------------------------------------------------------------------
    @property
    def event(self) -> Event | None:
        """The selected event as last known (None: nothing selected)."""
        return self._event

    @property
    def event_id(self) -> str | None:
        return self._event.id if self._event is not None else None

    @property
    def is_live(self) -> bool:
        """The selected event is in the live room (False for closed/rejected and history events)."""
        return self._event is not None and self._live

    # ---- setting -----------------------------------------------------------------------------------
    def select(self, event: Event | None) -> None:
        """Select ``event`` (the room's version wins when the room holds it); None clears.
        Selecting the selected event again only refreshes it."""
        if event is None:
            self.clear()
            return
        live = self._room.get(event.id) if self._room is not None else None
        if self._event is not None and self._event.id == event.id:
            self._set(live or event, live is not None, switched=False)
            return
        self._set(live or event, live is not None, switched=True)

    def select_id(self, event_id: str) -> bool:
        """Select a live event by id; False (selection unchanged) when the room lacks it."""
        live = self._room.get(event_id) if self._room is not None else None
        if live is None:
            return False
        self.select(live)
        return True

    def update(self, event: Event) -> bool:
        """A fresher version of the selected event (a decision's result); another id is ignored.
        Returns whether anything changed (an identical version emits nothing)."""
        if self._event is None or event.id != self._event.id:
            return False
        live = self._room.get(event.id) if self._room is not None else None
        fresh = live or event
        if fresh == self._event and (live is not None) == self._live:
            return False
        self._set(fresh, live is not None, switched=False)
        return True

    def clear(self) -> None:
        if self._event is None:
            return
        self._set(None, False, switched=True)

    def _set(self, event: Event | None, live: bool, *, switched: bool) -> None:
        self._event = event
        self._live = live
        if switched:
            self.selected.emit(event)
        self.changed.emit(event)

    # ---- following the room ------------------------------------------------------------------------
    def on_event_events_changed(self, events: Iterable[Event]) -> None:
        cur = self._event
        if cur is None:
            return
        for ev in events:
            if ev.id == cur.id:
                self._set(ev, True, switched=False)  # always: the timeline may have grown
                return

    def on_event_events_removed(self, ids: Iterable[str]) -> None:
        cur = self._event
        if cur is None or cur.id not in ids:
            return
        self._set(cur, False, switched=False)
        if self._fetch is not None:
            coro = self._stored(cur.id)
            if self._run_task is not None:
                self._run_task(coro)
            else:
                asyncio.ensure_future(coro)

    async def _stored(self, event_id: str) -> None:
        assert self._fetch is not None
        try:
            stored = await self._fetch(event_id)
        except Exception as exc:  # the last live version stays shown
            log.warning("stored version of %s unavailable: %s", event_id, exc)
            return
        if stored is not None and self.event_id == event_id and not self._live:
            self.update(stored)
