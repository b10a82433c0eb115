"""The whole console window (``ConsoleWindow`` over a real ``Core`` and a temporary SQLite store) for
tests that drive it as the duty officer does: from start-up focus, with real key presses.

The map and video wall stay placeholders (``defer=True``); hub commands are recorded by a fake
intake that accepts them. Coroutines run on the test's asyncio loop (pytest-asyncio); ``settle``
awaits whatever the window started (claims, releases, decisions).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from console.app import ConsoleWindow, Core, Options
from console.domain.district import load_district
from console.domain.event import Event, Level, Source, State
from console.store import open_store

N_EVENTS = 19
SEAT = "seat-1"


@dataclass
class FakeIngest:
    """Stands in for the hub connection: every command is accepted and recorded."""

    commands: list[tuple[str, str | None, dict]] = field(default_factory=list)

    async def send_command(self, action: str, event_id: str | None, payload: dict) -> Any:
        self.commands.append((action, event_id, payload))
        return SimpleNamespace(ok=True, error=None)


def stored_events(n: int = N_EVENTS) -> list[Event]:
    """``n`` new reports of exposed refuse in one micro-grid, the last one the newest."""
    grid = sorted(g.id for g in load_district("resources/demo").grids_at_level(4))[0]
    now = datetime.now(UTC)
    return [
        Event(id=f"kb-{i:03d}", source=Source.HOTLINE_12345, category="city.garbage",
              title=f"小区门口垃圾堆放 {i}", reported_at=now - timedelta(seconds=40 - i),
              received_at=now - timedelta(seconds=40 - i), level=Level.GENERAL, state=State.NEW, grid_id=grid)
        for i in range(n)
    ]


class Shell:
    def __init__(self, qapp: QApplication, tmp_path: Any, n_events: int = N_EVENTS,
                 events: list[Event] | None = None) -> None:
        db = f"sqlite:///{tmp_path / 'console.db'}"
        self.events = events if events is not None else stored_events(n_events)
        with open_store(db) as store:
            store.events.insert_many(self.events)
        self.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        self.settings.setValue("ui/muted", "true")
        self.core = Core(Options(db=db, seat=SEAT, officer="张值班", no_feed=True))
        self.core.ingest = self.fake = FakeIngest()
        self.console = ConsoleWindow(self.core, self.settings, qt_app=qapp, defer=True)
        self.window = self.console.window
        self.panel = self.console.dispatch

    async def start(self, qtbot: Any) -> None:
        """Load the room, show the window as ``python main.py`` does, wait for the keyboard."""
        await self.core.load_other_pages(await self.core.load_first_page())
        self.window.show()
        self.window.activateWindow()
        qtbot.waitUntil(lambda: self.window.queue_model.live_count() == len(self.events))
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    async def settle(self) -> None:
        """Await every task the window started (claims, releases, decisions)."""
        while self.core.tasks.tasks:
            await asyncio.gather(*list(self.core.tasks.tasks), return_exceptions=True)

    def claimed(self, event_id: str) -> bool:
        ev = self.core.room.get(event_id)
        stored = self.core.store.claims.holders([event_id], datetime.now(UTC))
        return (ev is not None and ev.claimed_by == SEAT) or bool(stored.get(event_id))

    async def close(self) -> None:
        self.panel.hide()
        await self.settle()
        self.core.sla.stop()
        self.window.close()
        self.window.deleteLater()
        self.core.close()


def focus() -> Any:
    return QApplication.focusWidget()
