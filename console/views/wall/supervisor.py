"""The wall inside the console: the supervisor tab (主管大屏, the same pages as ``python main.py wall``)
and the report dialog (报表 → 导出报表…) that builds a day or shift report off the GUI thread with a
progress bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.district import District
from console.views.wall.controller import WallController
from console.views.wall.pages import PAGES
from console.views.wall.style import translate
from console.views.wall.window import WallScreen

log = logging.getLogger(__name__)


class SupervisorWall(QWidget):
    """The wall's pages in a console dock; data are refreshed only while the tab is shown."""

    def __init__(self, service: Any, district: District, *, clock: Callable[[], datetime],
                 interval_s: float = 10.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = WallController(service, interval_s=interval_s, parent=self)
        self.screen = WallScreen(district, pages=PAGES, dwell=20, clock=clock, height=720)
        self.controller.add_screen(self.screen)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.screen)
        self._running = False

    def showEvent(self, ev: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(ev)
        if not self._running:
            self._running = True
            self.controller.ticker.start()
            self.controller.refresh()

    def hideEvent(self, ev: QHideEvent) -> None:  # noqa: N802 (Qt API)
        super().hideEvent(ev)
        self._running = False
        self.controller.ticker.stop()
        self.controller.refresher.stop()

    def shutdown(self) -> None:
        self.controller.stop()


class ReportDialog(QDialog):
    """报表: a day (the room's zone) or a shift window, XLSX or PDF, written off the GUI thread."""

    progressed = Signal(int, str)
    finished_ok = Signal(str)  # path written
    failed = Signal(str)
    _done = Signal(object, object)

    def __init__(self, build: Callable[..., Any], write: Callable[[Any, Path, str], None], *, tz: str,
                 clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        """``build(t0, t1, progress)`` returns the report data (blocking), ``write(data, path, fmt)``
        writes it (blocking); both run on a worker thread."""
        super().__init__(parent)
        self.setWindowTitle(translate("Wall", "导出报表"))
        self.build, self.write, self.tz, self.clock = build, write, ZoneInfo(tz), clock
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report")
        self._job: Future[Any] | None = None
        today = clock().astimezone(self.tz).date()
        self.by_day = QRadioButton(translate("Wall", "日报"))
        self.by_day.setChecked(True)
        self.by_window = QRadioButton(translate("Wall", "班次（起止时间）"))
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        zone = QTimeZone(tz.encode())
        start = QDateTime(QDate(today.year, today.month, today.day), QTime(8, 0), zone)
        self.start = QDateTimeEdit(start)
        self.end = QDateTimeEdit(start.addSecs(12 * 3600))
        for w in (self.start, self.end):
            w.setDisplayFormat("yyyy-MM-dd HH:mm")
            w.setEnabled(False)
        self.by_window.toggled.connect(lambda on: [w.setEnabled(on) for w in (self.start, self.end)]
                                       + [self.day.setEnabled(not on)])
        self.format = QComboBox()
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Excel (XLSX)", "xlsx")
        self.path = QLineEdit(str(Path.home() / f"report-{today.isoformat()}.pdf"))
        self.format.currentIndexChanged.connect(self._suffix)
        browse = QPushButton(translate("Wall", "浏览…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.by_day, self.day)
        form.addRow(self.by_window)
        form.addRow(translate("Wall", "开始"), self.start)
        form.addRow(translate("Wall", "结束"), self.end)
        form.addRow(translate("Wall", "格式"), self.format)
        form.addRow(translate("Wall", "保存到"), row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.run_button = self.buttons.addButton(translate("Wall", "生成"), QDialogButtonBox.ButtonRole.ActionRole)
        self.run_button.clicked.connect(self.start_job)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.bar)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.progressed.connect(lambda p, _s: self.bar.setValue(p))
        self._done.connect(self._finish)

    def _suffix(self) -> None:
        fmt = self.format.currentData()
        p = Path(self.path.text())
        self.path.setText(str(p.with_suffix(f".{fmt}")))

    def _browse(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, translate("Wall", "保存报表"), self.path.text(), f"*.{fmt}")
        if path:
            self.path.setText(path)

    def window_times(self) -> tuple[datetime, datetime]:
        if self.by_day.isChecked():
            d = self.day.date().toPython()
            t0 = datetime.combine(d, time(0), self.tz)
            return t0.astimezone(UTC), (t0 + timedelta(days=1)).astimezone(UTC)
        a = self.start.dateTime().toSecsSinceEpoch()
        b = self.end.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(a, UTC), datetime.fromtimestamp(b, UTC)

    def start_job(self) -> None:
        if self._job is not None and not self._job.done():
            return
        t0, t1 = self.window_times()
        if t1 <= t0:
            self._show_error(translate("Wall", "结束时间须晚于开始时间"))
            return
        out = Path(self.path.text()).expanduser()
        fmt = str(self.format.currentData())
        if not out.parent.is_dir():
            self._show_error(translate("Wall", "无法写入 %1：文件夹不存在").replace("%1", str(out)))
            return
        self.run_button.setEnabled(False)
        self.bar.setValue(1)
        self.message.setText(translate("Wall", "正在生成…"))

        def job() -> str:
            data = self.build(t0, t1, lambda p, s: self.progressed.emit(p, s))
            self.progressed.emit(95, "write")
            self.write(data, out, fmt)
            return str(out)

        self._job = self._pool.submit(job)
        self._job.add_done_callback(
            lambda f: self._done.emit(None if f.exception() else f.result(), f.exception()))

    def _finish(self, path: str | None, exc: BaseException | None) -> None:
        self.run_button.setEnabled(True)
        if exc is None and path:
            self.bar.setValue(100)
            self.message.setText(translate("Wall", "已保存：%1").replace("%1", path))
            self.finished_ok.emit(path)
            return
        log.error("report failed", exc_info=exc)
        detail = getattr(exc, "strerror", None) or str(exc)
        self._show_error(translate("Wall", "报表生成失败：%1").replace("%1", str(detail)))

    def _show_error(self, text: str) -> None:
        self.bar.setValue(0)
        self.message.setText(text)
        self.failed.emit(text)

    def reject(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().reject()
