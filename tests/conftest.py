"""Shared fixtures: tests never touch the user's real settings or data directory."""

from __future__ import annotations

import gc
import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# every Bus in the tests checks topic payloads and subscriber signatures (console.services.topics)
os.environ.setdefault("GRID_CONSOLE_STRICT_BUS", "1")
# the trained triage model is built only by the tests that ask for it (tests/services/test_triage_*.py)
os.environ.setdefault("GRID_CONSOLE_TRIAGE_MODEL", "0")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Point every per-user location (data dir, QSettings, XDG) at a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("GRID_CONSOLE_DATA_DIR", str(home / "console-data"))


_PLAIN_FONT: list = []  # the application's font before any test themed it


@pytest.fixture(scope="session", autouse=True)
def _plain_application_font():
    """The one QApplication of the run, made first, so its untouched font is known: a test that
    themes the application (the console's start-up does) gets it back afterwards."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    _PLAIN_FONT.append(app.font())
    return app  # the session keeps it


@pytest.fixture(autouse=True)
def _collect_qt_cycles_on_the_main_thread():
    """After a test that used Qt, collect reference cycles here, on the GUI thread.

    A cycle that holds a Qt object (a widget and a lambda connected to it, a model and its view) is
    otherwise freed by whichever thread's allocation next triggers the collector — a later test's
    worker thread (the room sync, the ingest commit thread, the positions writer) — and Qt objects
    destroyed off the GUI thread crash the process at a later processEvents."""
    yield
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:  # a test that themed the application (the console's start-up) leaves it plain
            if app.styleSheet():
                app.setStyleSheet("")
            if _PLAIN_FONT and app.font() != _PLAIN_FONT[0]:
                app.setFont(_PLAIN_FONT[0])
        if app is not None and "console.views.gui_gc" in sys.modules:
            from console.views.gui_gc import GuiThreadCollector

            for collector in app.findChildren(GuiThreadCollector):  # a console launched by the test
                collector.stop()  # the next test starts with the interpreter's own collector
                collector.setParent(None)
        gc.collect()
        # what survived is alive and stays out of the next collections' scans (each full pass over
        # every object the suite ever made cost ~0.15 s a test); a cycle among frozen objects is never
        # freed — a leak in the test process, never a crash
        gc.freeze()
