"""Start-up in pages (issue 2): the newest stored events are rows before the rest is read; the map
and video wall arrive after the first paint; the status bar shows the progress; stored events are
not announced as new arrivals; an event the officer changes while pages load keeps its change."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
import qasync
from PySide6.QtCore import QSettings

from console import core as app_module
from console.app import ConsoleWindow, Core, Options
from console.domain.event import Event, Level, Source, State
from console.store import open_store
from console.views.placeholder import PlaceholderPanel

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")
T0 = datetime.now(UTC) - timedelta(hours=1)


def _stored(n: int) -> list[Event]:
    return [
        Event(id=f"st-{i:03d}", source=Source.HOTLINE_12345, category="city.garbage", title=f"暴露垃圾 {i}",
              reported_at=T0 + timedelta(seconds=i), received_at=T0 + timedelta(seconds=i),
              level=Level.CRITICAL if i % 5 == 0 else Level.GENERAL,
              state=State.CLOSED if i % 7 == 0 else State.NEW, grid_id=None)
        for i in range(n)
    ]


def test_live_room_loads_newest_first_in_pages(qapp, tmp_path, monkeypatch):
    db = tmp_path / "console.db"
    stored = _stored(60)
    with open_store(f"sqlite:///{db}") as store:
        store.events.insert_many(stored)
    open_ids = {e.id for e in stored if e.state is not State.CLOSED}
    monkeypatch.setattr(app_module, "FIRST_PAGE", 6)
    monkeypatch.setattr(app_module, "PAGE", 10)
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/muted", "true")
    core = Core(Options(db=f"sqlite:///{db}", seat="seat-1", no_feed=True))
    shell = ConsoleWindow(core, settings, qt_app=qapp, defer=True)
    model = shell.window.queue_model
    urgent: list[str] = []
    model.urgentArrived.connect(urgent.append)
    progress: list[tuple[int, int]] = []

    async def until(pred, limit: float = 10.0) -> None:
        async with asyncio.timeout(limit):
            while not pred():  # noqa: ASYNC110 - Qt-side state, no asyncio event to await
                await asyncio.sleep(0.005)

    async def scenario() -> None:
        pages = await core.load_first_page()
        assert pages.total == len(open_ids)
        await until(lambda: model.live_count() == 6)
        first = {model.event_at(r).id for r in range(model.rowCount())}
        newest = sorted(open_ids, reverse=True)[:6]
        assert first == set(newest)  # the newest arrivals come first
        assert isinstance(shell.window.docks["dock.map"].widget(), PlaceholderPanel)
        shell.build_deferred()
        assert shell.window.docks["dock.map"].widget() is shell.map_view
        assert shell.window.docks["dock.videoWall"].widget() is shell.video_wall

        def show(loaded: int, total: int) -> None:
            progress.append((loaded, total))
            shell.show_load_progress(loaded, total)
            if len(progress) == 1:
                assert not shell.window.status.load_label.isHidden()
                assert f"{loaded} / {total}" in shell.window.status.load_label.text()
                # the officer closes a not-yet-loaded event meanwhile: no later page brings it back
                victim = core.store.events.get("st-001")
                core.room.upsert([victim.copy(state=State.CLOSED)])

        shell.show_load_progress(core.loaded_live, pages.total)
        await core.load_other_pages(pages, show)
        await until(lambda: model.live_count() == len(open_ids) - 1)

    try:
        loop.run_until_complete(scenario())
        assert {model.event_at(r).id for r in range(model.rowCount())} == open_ids - {"st-001"}
        assert core.room.get("st-001") is None
        assert progress[-1] == (len(open_ids) - 1, len(open_ids))
        shell.show_load_progress(0, 0)  # what run_console does once every page is read
        assert shell.window.status.load_label.isHidden()
        assert urgent == []  # stored urgent events are not announced as new arrivals
        assert not core.room.loading
    finally:
        core.sla.stop()
        shell.window.close()
        shell.window.deleteLater()
        core.close()
        loop.close()
        asyncio.set_event_loop(None)
