"""The 研判 menu (issue 17): reload the responsibility list, roll the classifier back a version.

The console also re-reads the list when its file changes (checked every few seconds, the parsing
on a worker thread) and starts the classifier a few seconds after start-up, so the first paint is
not slowed. Results are posted to the notice strip: a refused list names its file and line, and
the last good list stays in force.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction

log = logging.getLogger(__name__)
START_DELAY_MS = 3_000  # after the first paint: loading or training competes with start-up otherwise
CHECK_MS = 5_000


translate = QCoreApplication.translate


class TriageMenu(QObject):
    def __init__(self, window: Any, core: Any, notices: Any) -> None:
        super().__init__(window)
        self.core = core
        self.engine = core.triage_engine
        self.notices = notices
        self._version: int | None = None
        menu = window.menuBar().addMenu(translate("TriageMenu", "研判"))
        self.reload_action = QAction(translate("TriageMenu", "重新载入权责清单"), self)
        self.reload_action.triggered.connect(self.reload_list)
        self.rollback_action = QAction(translate("TriageMenu", "研判模型回退到上一版本"), self)
        self.rollback_action.triggered.connect(self.rollback)
        menu.addAction(self.reload_action)
        menu.addAction(self.rollback_action)
        enabled = self.engine is not None
        self.reload_action.setEnabled(enabled)
        self.rollback_action.setEnabled(enabled)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self._check)
        if enabled:
            QTimer.singleShot(START_DELAY_MS, self, core.start_triage)
            self.timer.start()

    # ------------------------------------------------------------------ actions
    def reload_list(self) -> None:
        if self.engine is not None:
            self.core.tasks(self._off_thread(self.engine.reload_list, announce_ok=True))

    def rollback(self) -> None:
        if self.engine is not None:
            self.engine.rollback()  # worker thread; _check announces the new version
            self.notices.info(translate("TriageMenu", "研判模型回退中…"))

    async def _off_thread(self, fn: Any, *, announce_ok: bool) -> None:
        err = await asyncio.get_running_loop().run_in_executor(None, fn)
        self._announce_list(err, announce_ok)

    def _announce_list(self, err: str | None, announce_ok: bool) -> None:
        if err:
            self.notices.error(translate("TriageMenu", "权责清单有误，继续使用上一版：%1").replace("%1", err))
        elif err is not None or announce_ok:
            self.notices.info(translate("TriageMenu", "权责清单已载入：%1 项事项").replace("%1", str(len(self.engine.lst))))

    def _check(self) -> None:
        engine = self.engine
        if engine is None:
            return
        if engine.version != self._version and engine.ready:
            if self._version is not None:
                self.notices.info(translate("TriageMenu", "研判模型已切换到版本 %1").replace("%1", str(engine.version)))
            self._version = engine.version
        self.core.tasks(self._off_thread(engine.check_list, announce_ok=False))
