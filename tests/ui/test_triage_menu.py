"""The 研判 menu: reloading the responsibility list posts the result; a bad file is refused with its
file and line, and the last good list stays."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest
from PySide6.QtWidgets import QMainWindow

from console.domain.district import load_district
from console.services.ingest import default_district_dir
from console.views.triage_menu import TriageMenu
from tests.triage_helpers import copy_list, engine_for

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")


class Notices:
    def __init__(self) -> None:
        self.infos: list[str] = []
        self.errors: list[str] = []

    def info(self, text: str, event_id: str | None = None) -> None:
        self.infos.append(text)

    def error(self, text: str, event_id: str | None = None) -> None:
        self.errors.append(text)


class FakeCore:
    def __init__(self, engine) -> None:
        self.triage_engine = engine
        self.started = 0

    def tasks(self, coro):
        fut: concurrent.futures.Future = concurrent.futures.Future()
        fut.set_result(asyncio.new_event_loop().run_until_complete(coro))
        return fut

    def start_triage(self) -> None:
        self.started += 1


def test_reload_from_the_menu_and_a_bad_file(qtbot, tmp_path):
    district = load_district(default_district_dir())
    path = copy_list(tmp_path)
    engine = engine_for(tmp_path, list_path=path, departments=district.departments.keys())
    window = QMainWindow()
    qtbot.addWidget(window)
    notices = Notices()
    core = FakeCore(engine)
    menu = TriageMenu(window, core, notices)
    try:
        titles = [a.text() for a in window.menuBar().actions()]
        assert "研判" in titles
        menu.reload_action.trigger()
        assert notices.infos == ["权责清单已载入：177 项事项"]
        good = engine.lst
        path.write_text(path.read_text(encoding="utf-8").replace('code = "urban.bin_overflow"',
                                                                 'code = "urban.garbage_exposed"', 1), encoding="utf-8")
        menu.reload_action.trigger()
        assert len(notices.errors) == 1
        assert f"{path}:" in notices.errors[0]
        assert "duplicated matter code" in notices.errors[0]
        assert engine.lst is good
        qtbot.waitUntil(lambda: core.started == 1, timeout=10_000)  # the classifier starts after start-up
    finally:
        engine.close()
