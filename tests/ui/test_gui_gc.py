"""Cycles holding Qt objects are collected on the GUI thread, never by a worker thread's allocation."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication, QWidget

from console.views.gui_gc import GuiThreadCollector, collect_on_gui_thread


class _Holder:
    def __init__(self) -> None:
        self.widget = QWidget()
        self.me = self  # a reference cycle holding a Qt object


def test_worker_allocations_never_collect_and_the_gui_timer_does(qtbot) -> None:
    app = QApplication.instance()
    thresholds = gc.get_threshold()
    gc.set_threshold(100, 10, 10)
    collector = GuiThreadCollector(app, interval_ms=20)
    try:
        assert collect_on_gui_thread(app) is collector  # installed once
        freed_on: list[str] = []
        holder = _Holder()
        holder.widget.destroyed.connect(lambda *_: freed_on.append(threading.current_thread().name))
        del holder

        def churn() -> None:  # far past the young generation's threshold
            junk = []
            for _ in range(5_000):
                a: list = []
                a.append(a)
                junk.append(a)

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        assert freed_on == []  # the worker's allocations collected nothing
        qtbot.waitUntil(lambda: freed_on != [], timeout=5_000)
        assert freed_on == [threading.main_thread().name]
        assert collector.collections[0] >= 1
    finally:
        collector.stop()
        collector.deleteLater()
        gc.set_threshold(*thresholds)
    assert gc.isenabled()
