"""Fixtures shared by the UI tests: a per-test settings file and the whole console window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from shell_rig import Shell


@pytest.fixture
def settings(tmp_path):
    """A QSettings in the test's own folder (never the user's real settings)."""
    s = QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture
async def shell(qapp, qtbot, tmp_path):
    """The console window over a temporary store, started as ``python main.py`` starts it."""
    s = Shell(qapp, tmp_path)
    qtbot.addWidget(s.window)
    await s.start(qtbot)
    yield s
    await s.close()
