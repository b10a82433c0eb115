"""Two seats, two windows, one room (issue 14): what seat 1 does shows in seat 2's queue as it
happens — the claim ("席位1·值班员甲 正在研判"), the dispatch, a supervisor's take-over — with one intake writer between
them (the status bar names it); on one SQLite file and on one PostgreSQL schema, a real hub."""

from __future__ import annotations

import asyncio
import gc

import pytest
import qasync
from PySide6.QtCore import QSettings, Qt

from console.app import ConsoleWindow, Core, Options
from console.domain.event import State
from console.launch import start_feed
from console.qtmodels.queue_rows import COL_STATUS
from console.services.decisions import DecisionRefused
from tests.net.helpers import TOKEN, dumps, event_obj, running_hub
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")


@pytest.fixture(params=["sqlite", "postgres"])
def room_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'room.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def seats(qapp, qtbot, tmp_path, room_url):
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    made = []
    for n, officer in ((1, "值班员甲"), (2, "值班员乙")):
        settings = QSettings(str(tmp_path / f"settings{n}.ini"), QSettings.Format.IniFormat)
        settings.setValue("ui/muted", "true")
        core = Core(Options(db=room_url, seat=f"席位{n}", officer=officer, no_feed=True))
        shell = ConsoleWindow(core, settings, qt_app=qapp, defer=True)
        made.append((core, shell))  # closed and deleted below, after the rooms stopped (not by pytest-qt)
    try:
        yield made, loop
    finally:
        for core, shell in made:
            loop.run_until_complete(core.stop_room())  # nothing more reaches the windows
            core.sla.stop()
            core.close()
            shell.stop()
            shell.window.close()
            shell.window.deleteLater()
        made.clear()
        loop.run_until_complete(asyncio.sleep(0.05))  # the deferred deletes run
        gc.collect()
        loop.close()
        asyncio.set_event_loop(None)


async def until(pred, limit: float = 20.0) -> None:
    async with asyncio.timeout(limit):
        while not pred():  # noqa: ASYNC110 - Qt-side state, no asyncio event to await
            await asyncio.sleep(0.01)


def status_text(shell: ConsoleWindow, event_id: str) -> str | None:
    model = shell.window.queue_model
    model.flush()
    row = model.row_of(event_id)
    if row < 0:
        return None
    return model.data(model.index(row, COL_STATUS), Qt.ItemDataRole.DisplayRole)


def test_two_seats_see_each_others_claim_and_dispatch(seats, tmp_path):
    (core1, shell1), (core2, shell2) = seats[0]
    loop = seats[1]
    bar2 = shell2.window.status

    async def scenario():
        async with running_hub(tmp_path / "hub.db") as hub:
            options = Options(connect=hub.url, token=TOKEN)
            await start_feed(core1, options)
            await until(lambda: core1.election.is_writer)
            await start_feed(core2, options)
            # one intake: seat 2 does not subscribe, it names the writer
            await until(lambda: bar2.writer_label.text() == "接入写入：席位1")
            assert shell1.window.status.writer_label.text() == "接入写入：本席位"
            assert core2.ingest is None
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in (1, 2)])
            await until(lambda: status_text(shell2, "ev-1") is not None)  # seat 2's queue, by the sync
            assert hub.acks.get(core1.room_id) == 2
            # seat 1 claims ev-1: seat 2's row says who is working on it
            assert await core1.decisions.claim("ev-1") is None
            await until(lambda: status_text(shell2, "ev-1") == "席位1·值班员甲 正在研判")
            # seat 1 dispatches: seat 2's row shows it, and seat 2's own dispatch is refused
            dept = next(iter(core1.district.departments))
            await core1.decisions.dispatch("ev-1", [dept], "请处置")
            await until(lambda: core2.room.get("ev-1").state is State.DISPATCHED)
            await until(lambda: status_text(shell2, "ev-1") == status_text(shell1, "ev-1"))
            with pytest.raises(DecisionRefused):
                await core2.decisions.dispatch("ev-1", [dept], "请处置")
            # a supervisor at seat 2 takes over seat 1's claim (指挥 → 接管研判): seat 1's row says so
            assert await core1.decisions.claim("ev-2") is None
            await until(lambda: status_text(shell2, "ev-2") == "席位1·值班员甲 正在研判")
            assert shell2.selection.select_id("ev-2")
            shell2.take_over_action.trigger()
            await until(lambda: status_text(shell1, "ev-2") == "席位2·值班员乙 正在研判")
            assert core1.store.actions.for_event("ev-2")[-1].kind == "take_over"
            # the writer goes: seat 2 takes over the intake and resumes where seat 1 stopped
            await core1.stop_room()
            await until(lambda: core2.ingest is not None)
            await until(lambda: bar2.writer_label.text() == "接入写入：本席位")
            hub.publish_many([("event", dumps(event_obj(3)), None)])
            await until(lambda: core2.room.get("ev-3") is not None)
            assert core2.store.events.count() == 3
            assert core2.store.feed_position(core2.room_id) == 3

    loop.run_until_complete(asyncio.wait_for(scenario(), 90))
