"""The live score panel of training mode (培训评分): the trainee beside the recorded officer.

Fed a score dict (``console.services.scoring.ScoreService``) through :meth:`ScoreDock.set_score`;
when given ``compute`` (a coroutine function) and ``run_task`` it refreshes itself every few seconds
while shown, so it follows the trainee's work. It computes nothing itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.views.score_report import fmt, kpi_rows, total_rows, verdict_labels

REFRESH_MS = 3000
_BAD = QColor("#e03131")
_GOOD = QColor("#5fbf7f")
_BAD_VERDICTS = frozenset({"differs", "not_dispatched", "missed", "needless", "closed_unverified"})


def _item(text: str, *, right: bool = False, color: QColor | None = None) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if color is not None:
        it.setForeground(color)
    return it


class ScoreDock(QWidget):
    updated = Signal(dict)  # the score just shown

    def __init__(self, compute: Callable[[], Coroutine[Any, Any, dict]] | None = None,
                 run_task: Callable[[Coroutine[Any, Any, Any]], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreDock")
        self._compute, self._run = compute, run_task
        self._busy = False
        self.score: dict | None = None
        self.header = QLabel(self.tr("培训评分：等待第一件事件…"))
        self.header.setWordWrap(True)
        self.totals = QTableWidget(0, 3)
        self.totals.setHorizontalHeaderLabels([self.tr("指标"), self.tr("学员"), self.tr("原值班员")])
        self.events = QTableWidget(0, 6)
        self.events.setHorizontalHeaderLabels([self.tr("事件"), self.tr("派遣用时"), self.tr("原值班员"),
                                               self.tr("部门"), self.tr("上报"), self.tr("核查")])
        for table in (self.totals, self.events):
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the label / the title
        self.split = split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.totals)
        split.addWidget(self.events)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.header)
        lay.addWidget(split, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        if compute is not None:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        # a wide, low dock (tabbed under the queue) shows the totals beside the events, a tall one above
        wide = event.size().width() > 1.6 * event.size().height()
        self.split.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)
        super().resizeEvent(event)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.refresh()  # brought to the front: up to date at once

    def _tick(self) -> None:
        if self.isVisible():  # a dock tabbed behind another is not recomputed
            self.refresh()

    def refresh(self) -> None:
        """Compute the score again (on a worker thread) and show it; skipped while one is running.

        The next automatic refresh comes after ``REFRESH_MS`` or ten times this computation,
        whichever is longer, so a long shift's score never takes more than a tenth of a core."""
        if self._compute is None or self._run is None or self._busy:
            return
        self._busy = True
        started = time.perf_counter()
        fut = self._run(self._compute())

        def done(f: Any) -> None:
            self._busy = False
            self._timer.setInterval(max(REFRESH_MS, int((time.perf_counter() - started) * 10_000)))
            if not f.cancelled() and f.exception() is None:
                self.set_score(f.result())

        fut.add_done_callback(done)

    def set_score(self, score: Mapping[str, Any]) -> None:
        self.score = dict(score)
        mine, theirs = score["totals"]["trainee"], score["totals"]["recorded"]
        self.header.setText(self.tr("学员 %1 · 已播放 %2/%3 件 · 目标：60秒内派遣")
                            .replace("%1", str(score.get("trainee") or "—"))
                            .replace("%2", str(score.get("played_events", 0)))
                            .replace("%3", str(score.get("recorded_events", 0))))
        rows: list[tuple[str, str, str]] = [
            (label, fmt(mine.get(key), kind), fmt(theirs.get(key), kind) if key in theirs else "—")
            for key, label, kind in total_rows()
        ]
        rows += kpi_rows(score)
        self.totals.setRowCount(len(rows))
        for i, (label, a, b) in enumerate(rows):
            self.totals.setItem(i, 0, _item(label))
            self.totals.setItem(i, 1, _item(a, right=True))
            self.totals.setItem(i, 2, _item(b, right=True))
        labels = verdict_labels()
        events = list(score["events"])[::-1]  # newest arrival first
        self.events.setRowCount(len(events))
        target = float(score.get("target_dispatch_s", 60))
        for i, r in enumerate(events):
            secs = r["seconds_to_dispatch"]
            self.events.setItem(i, 0, _item(r["title"]))
            self.events.setItem(i, 1, _item(fmt(secs, "s"), right=True,
                                            color=None if secs is None else (_GOOD if secs <= target else _BAD)))
            self.events.setItem(i, 2, _item(fmt(r["recorded_seconds_to_dispatch"], "s"), right=True))
            dept = r.get("department_name") or r.get("department") or "—"
            verdict = r["department_vs_table"]
            self.events.setItem(i, 3, _item(self.tr("%1（%2）").replace("%1", dept).replace("%2", labels.get(verdict, verdict)),
                                            color=_BAD if verdict in _BAD_VERDICTS else None))
            esc = r["escalation"]
            self.events.setItem(i, 4, _item(labels.get(esc, esc), color=_BAD if esc in _BAD_VERDICTS else None))
            ver = r["verification"]
            self.events.setItem(i, 5, _item(labels.get(ver, ver), color=_BAD if ver in _BAD_VERDICTS else None))
        self.updated.emit(self.score)
