"""Training mode's console (培训模式): the normal console on a sandbox, fed by a recorded shift.

``run_training(args, plan)`` runs :func:`console.launch.run_console` — the same window, docks and
keys — with :class:`TrainingHooks`: the watermark over every window, the live score dock, 【培训】
before every outgoing command, and the embedded training hub (``console.services.training``) as
the feed instead of the demo.
"""

from __future__ import annotations

import logging
from typing import Any

from console.services.scoring import ScoreService
from console.services.training import TrainingHub, TrainingPlan, training_command

log = logging.getLogger(__name__)


def training_sender(send: Any) -> Any:
    """Wrap a decision service's ``send_command``: every command leaves with the training prefix."""

    def send_training(command: Any) -> Any:
        return send(training_command(command))

    return send_training


class TrainingHooks:
    def __init__(self, plan: TrainingPlan, *, media: bool = True) -> None:
        self.plan = plan
        self.media = media
        self.hub: TrainingHub | None = None
        self.scores: ScoreService | None = None
        self.dock: Any = None
        self.installer: Any = None
        self.final: dict | None = None  # the score when the window closed

    def window_ready(self, shell: Any) -> None:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QApplication

        from console.views.score_dock import ScoreDock
        from console.views.training_overlay import WatermarkInstaller, add_watermark

        core, w = shell.core, shell.window
        core.decisions.send_command = training_sender(core.decisions.send_command)
        self.scores = ScoreService(core.store, self.plan.recording_url, table=core.sla.table)
        self.dock = ScoreDock(self.scores.compute_async, core.tasks)
        w.add_dock("dock.trainingScore", QCoreApplication.translate("MainWindow", "培训评分"), self.dock,
                   Qt.DockWidgetArea.RightDockWidgetArea, tab_with="dock.detail")
        w.docks["dock.trainingScore"].show()
        w.docks["dock.trainingScore"].raise_()
        w.setWindowTitle(QCoreApplication.translate("MainWindow", "【培训】") + w.windowTitle())
        w.closed.connect(self.dock.stop)
        self.installer = WatermarkInstaller(QApplication.instance())  # type: ignore[arg-type]
        add_watermark(w)

    async def start_feed(self, core: Any, options: Any) -> None:
        from console.services.ingest import IngestService

        clips = None
        if self.media:
            from console.services.media import media_dir

            clips = media_dir()
            clips.mkdir(parents=True, exist_ok=True)
        self.hub = TrainingHub(self.plan, core.district, media_dir=clips)
        await self.hub.start()
        core.demo_hub = self.hub  # stopped with the console, serves the demo clips like the demo hub
        core.ingest = IngestService(core.store, core.room, core.bus, self.hub.url, self.hub.token,
                                    console_id=core.seat, district=core.district)
        core.ingest.start()

    async def stopping(self, core: Any, shell: Any) -> None:
        if self.dock is not None:
            self.dock.stop()
        if self.installer is not None:
            self.installer.remove()
        if self.scores is not None:
            try:
                score = await self.scores.compute_async()
            except Exception as exc:  # the score CLI can still compute it later
                log.warning("final training score not computed: %s", exc)
                return
            self.final = score


def run_training(args: Any, plan: TrainingPlan) -> tuple[int, dict | None]:
    """Run the training console; (exit code, the final score or None)."""
    from console.launch import run_console

    hooks = TrainingHooks(plan)
    code = run_console(args, hooks)
    return code, hooks.final
