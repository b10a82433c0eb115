"""Screenshots of training mode for docs/screenshots (run under Xvfb with the project's venv):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/training_screens.py [--out DIR]

A two-hour recorded shift (``simulate --policy suggested``) is played at 60× into a sandbox; the
trainee dispatches a few events from the dispatch panel (one of them late, one to another
department), then the console with its watermark and score dock, the dispatch panel, and the first
page of the score PDF are saved as ``training_console.png``, ``training_dispatch.png``,
``training_score_dock.png`` and ``training_score_pdf.png``.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        return shoot(Path(tmp), out)


def shoot(tmp: Path, out: Path) -> int:
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleWindow, Core, Options
    from console.cli import main as cli
    from console.domain.event import State
    from console.launch import _grab
    from console.services.training import prepare
    from console.training_app import TrainingHooks
    from console.views import i18n, theme
    from console.views.score_report import write_pdf

    recording, sandbox = f"sqlite:///{tmp / 'recorded.db'}", f"sqlite:///{tmp / 'sandbox.db'}"
    cli(["simulate", "--scenario", "normal_day", "--hours", "3", "--policy", "suggested", "--delay", "35",
         "--db", recording, "--json"])
    plan = prepare(recording, sandbox, "李学员", speed=60.0, seed=3)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install_translator(app, "zh_CN")
    theme.apply_theme(app)
    loop = qasync.QEventLoop(app, already_running=False)
    asyncio.set_event_loop(loop)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/muted", "true")
    core = Core(Options(db=sandbox, seat="training", officer="李学员", no_feed=True))
    shell = ConsoleWindow(core, settings, qt_app=app, defer=True)
    hooks = TrainingHooks(plan, media=False)
    hooks.window_ready(shell)

    async def until(pred: Any, limit: float = 60.0) -> None:
        async with asyncio.timeout(limit):
            while not pred():  # noqa: ASYNC110
                await asyncio.sleep(0.05)

    async def run() -> None:
        await core.load_other_pages(await core.load_first_page())
        shell.window.setGeometry(0, 0, 1920, 1050)
        shell.window.show()
        shell.build_deferred()
        await hooks.start_feed(core, core.options)
        try:
            await until(lambda: shell.window.queue_model.live_count() >= 6)
            panel = shell.dispatch
            for n, wait in enumerate((4.0, 1.0, 0.5)):
                ev = core.room.newest_awaiting_dispatch(core.seat)
                if ev is None:
                    break
                shell.open_event(ev.id)
                await until(lambda: panel.isVisible() and panel.current is not None)
                panel.accept_suggestion()
                if n == 1:  # to another department than the responsibility table's
                    others = [d.id for d in core.district.departments.values() if d.id not in panel.selected_targets()]
                    panel.targets.set_checked(others[:1])
                await asyncio.sleep(wait)
                if n == 0:
                    _grab(panel).save(str(out / "training_dispatch.png"))
                panel.dispatch_btn.click()
                eid = ev.id
                try:
                    await until(lambda eid=eid: not panel.isVisible() and core.room.get(eid).state is not State.NEW, 15)
                except TimeoutError:
                    print(f"dispatch {n} of {eid} did not go through: {panel.message.text()}",  # noqa: T201
                          file=sys.stderr)
                    raise
            await asyncio.sleep(6.0)
            hooks.dock.refresh()
            await until(lambda: hooks.dock.score is not None and hooks.dock.score["totals"]["trainee"]["dispatched"])
            await asyncio.sleep(1.0)
            _grab(shell.window).save(str(out / "training_console.png"))
            _grab(shell.window.docks["dock.trainingScore"]).save(str(out / "training_score_dock.png"))
            score = await hooks.scores.compute_async()
            pdf = tmp / "score.pdf"
            write_pdf(score, pdf)
        finally:
            await hooks.stopping(core, shell)
            await core.ingest.stop()
            await hooks.hub.stop()
            await core.tasks.cancel_all()

    try:
        loop.run_until_complete(run())
    finally:
        core.sla.stop()
        shell.window.close()
        core.close()
        loop.close()
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(tmp / "score.pdf"),
                    str(out / "training_score_pdf")], check=True)
    for name in ("training_console", "training_dispatch", "training_score_dock", "training_score_pdf"):
        print(out / f"{name}.png")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
