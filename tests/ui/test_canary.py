"""PySide6 refcount canary: 6.12.0 drops a reference to True on every Signal.emit() under CPython 3.11
and eventually aborts the interpreter (../shared/NOTES.md). 6.11.3 is clean; keep it that way."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_signal_emit_keeps_refcount_of_true(qtbot):
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(lambda value: received.append(1))
    before = sys.getrefcount(True)
    for i in range(100_000):
        emitter.fired.emit(i)
    after = sys.getrefcount(True)
    assert len(received) == 100_000
    # a leaky binding loses one reference per emit; allow small noise from the interpreter itself
    assert after >= before - 10, f"sys.getrefcount(True) fell from {before} to {after}"
