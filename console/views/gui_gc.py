"""Reference cycles are collected on the GUI thread only.

With the collector left automatic, whichever thread allocates when a generation's threshold is
crossed runs the collection — in the console often a worker thread (the ingest commit thread, the
room sync, the positions writer, the replay fold). A cycle holding a Qt object (a widget and a lambda
connected to it, a model and its view) is then destroyed off the GUI thread, and Qt crashes the process
at a later event. :class:`GuiThreadCollector` switches the automatic collector off and runs the same
generational policy from a timer on the GUI thread (the approach of pyqtgraph's ``GarbageCollector``,
with the console's own thresholds and a short interval so each young-generation pass stays small).

``gc_paused()`` (console.domain.gcpause) stays correct: it re-enables the collector only if it was
enabled, so with this collector installed the pauses are no-ops.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 200) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.collections = [0, 0, 0]
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds, youngest first."""
        counts = gc.get_count()
        for gen in range(3):
            if counts[gen] <= self.thresholds[gen]:
                break
            gc.collect(gen)
            self.collections[gen] += 1

    def stop(self) -> None:
        """Hand collection back to the interpreter (the application is closing)."""
        self._timer.stop()
        gc.enable()


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector as a child of ``app`` (once; the existing one is returned after that)."""
    found = app.findChild(GuiThreadCollector)
    return found if found is not None else GuiThreadCollector(app)
