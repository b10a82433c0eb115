"""The 历史查询 dock: search stored events (closed and rejected ones included), page by page.

The search bar builds a :class:`HistoryQuery`; the model loads it off the GUI thread and the table
asks for the next page by itself when scrolled to the bottom (``canFetchMore``/``fetchMore``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.categories import CATEGORIES
from console.domain.event import Source, State, utcnow
from console.qtmodels import labels
from console.qtmodels.history_model import (
    COL_LEVEL,
    COL_REPORTED,
    COL_SOURCE,
    COL_STATE,
    COL_TITLE,
    DEFAULT_TZ,
    HistoryModel,
    HistoryQuery,
)
from console.views.event_table import EventTableMixin, fit_columns, make_event_table

translate = QCoreApplication.translate

WINDOW_TODAY, WINDOW_7D, WINDOW_30D, WINDOW_ALL = "today", "7d", "30d", "all"
_WINDOW_DAYS = {WINDOW_7D: 7, WINDOW_30D: 30}
_OPEN_STATES = frozenset(s for s in State if s.is_live)


def time_window(key: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    """The inclusive UTC start of a time-window preset (``None`` for 全部)."""
    if key == WINDOW_TODAY:
        local = now.astimezone(tz)
        return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
    days = _WINDOW_DAYS.get(key)
    return now - timedelta(days=days) if days is not None else None


class HistoryView(EventTableMixin, QWidget):
    """Search bar + paged table + status line. Emits ``eventActivated(event_id)`` on double-click / Enter
    and ``eventSelected(event_id)`` when the officer moves to a row; follows the window's selection
    (:meth:`show_selected`).

    The first search runs when the view is first shown (a hidden dock costs no query), or on
    :meth:`search_now`. ``clock`` returns an aware UTC datetime (for the time-window presets).
    """

    eventActivated = Signal(str)
    eventSelected = Signal(str)
    gridFilterCleared = Signal()
    keep_looking = True  # pages arrive after the query: the selected event may be on one

    def __init__(
        self,
        model: HistoryModel,
        *,
        clock: Callable[[], datetime] = utcnow,
        tz: str = DEFAULT_TZ,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.model = model
        self._clock = clock
        self._tz = ZoneInfo(tz)
        self._grid_ids: frozenset[str] | None = None

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("historySearch")
        self.search_edit.setPlaceholderText(translate("HistoryView", "搜索标题、描述、地址，回车查询"))
        self.search_edit.setClearButtonEnabled(True)
        self.window_combo = self._combo(
            "historyWindow",
            [
                (translate("HistoryView", "今天"), WINDOW_TODAY),
                (translate("HistoryView", "近7天"), WINDOW_7D),
                (translate("HistoryView", "近30天"), WINDOW_30D),
                (translate("HistoryView", "全部"), WINDOW_ALL),
            ],
        )
        self.window_combo.setCurrentIndex(1)
        states = labels.state_labels()
        self.state_combo = self._combo(
            "historyState",
            [
                (translate("HistoryView", "全部状态"), None),
                (states[State.CLOSED], frozenset({State.CLOSED})),
                (states[State.REJECTED], frozenset({State.REJECTED})),
                (translate("HistoryView", "未结案"), _OPEN_STATES),
            ],
        )
        for st in State:
            if st.is_live:
                self.state_combo.addItem(states[st], frozenset({st}))
        self.source_combo = self._combo("historySource", [(translate("HistoryView", "全部来源"), None)])
        for so in Source:
            self.source_combo.addItem(labels.source_labels()[so], so)
        self.category_combo = self._combo("historyCategory", [(translate("HistoryView", "全部类别"), None)])
        for code in sorted(CATEGORIES, key=lambda c: (CATEGORIES[c].group, c)):
            self.category_combo.addItem(labels.category_label(code), code)
        self.search_button = QPushButton(translate("HistoryView", "查询"), self)
        self.search_button.setObjectName("historySearchButton")
        self.grid_chip = QLabel(self)
        self.grid_chip.setObjectName("historyGridChip")
        self.grid_clear = QToolButton(self)
        self.grid_clear.setText("✕")
        self.grid_clear.setToolTip(translate("HistoryView", "取消网格筛选"))

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 4)
        bar.addWidget(self.search_edit, 3)
        for combo in (self.window_combo, self.state_combo, self.source_combo, self.category_combo):
            bar.addWidget(combo, 1)
        for w in (self.grid_chip, self.grid_clear, self.search_button):
            bar.addWidget(w)

        self._watch_model(model)  # before the table: see EventTableMixin
        self.table = make_event_table(self, model, "historyTable", COL_TITLE)
        self._watch_table()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for col, width in ((COL_LEVEL, 80), (COL_REPORTED, 100), (COL_STATE, 80)):
            self.table.setColumnWidth(col, width)
        fit_columns(self.table, {
            COL_LEVEL: labels.level_labels().values(),
            COL_SOURCE: labels.source_labels().values(),
            COL_STATE: labels.state_labels().values(),
        }, icon_columns=[COL_LEVEL])
        self.table.installEventFilter(self)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("historyStatus")
        self.retry_button = QToolButton(self)
        self.retry_button.setText(translate("HistoryView", "重试"))
        self.retry_button.setVisible(False)
        status = QHBoxLayout()
        status.setContentsMargins(4, 0, 4, 4)
        status.addWidget(self.status_label, 1)
        status.addWidget(self.retry_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addLayout(status)

        self.search_edit.returnPressed.connect(self.search_now)
        self.search_edit.textChanged.connect(self._text_changed)
        self.search_button.clicked.connect(self.search_now)
        for combo in (self.window_combo, self.state_combo, self.source_combo, self.category_combo):
            combo.currentIndexChanged.connect(self._combo_changed)
        self.grid_clear.clicked.connect(self._clear_grid_clicked)
        self.retry_button.clicked.connect(model.retry)
        self.table.doubleClicked.connect(self._activated)
        model.loading.connect(self._show_loading)
        model.loaded.connect(self._show_loaded)
        model.failed.connect(self._show_failed)
        model.modelReset.connect(self._show_reset)
        self.set_grid_filter(None, "")
        self._show_status(translate("HistoryView", "输入条件后回车查询"))

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    # ---- querying --------------------------------------------------------------------------------
    def current_query(self) -> HistoryQuery:
        """The query the search bar describes right now."""
        text = self.search_edit.text().strip()
        source = self.source_combo.currentData()
        return HistoryQuery(
            text=text or None,
            grid_ids=self._grid_ids,
            since=time_window(self.window_combo.currentData(), self._clock(), self._tz),
            states=self.state_combo.currentData(),
            category=self.category_combo.currentData(),
            source=Source(source) if source else None,
        )

    def search_now(self) -> None:
        """Run the search bar's query (a page still loading for an older query is dropped)."""
        self._filter_changed()  # the selected event may be among the results
        self.model.set_query(self.current_query())

    def _combo_changed(self) -> None:
        self.search_now()

    def _text_changed(self, text: str) -> None:
        query = self.model.query
        if not text and query is not None and query.text:  # the clear button: show everything again
            self.search_now()

    def set_grid_filter(self, grid_ids: frozenset[str] | None, label: str) -> None:
        """Restrict the history to some grids (``None`` clears); re-runs a search already shown."""
        self._grid_ids = frozenset(grid_ids) if grid_ids is not None else None
        active = self._grid_ids is not None
        self.grid_chip.setText(translate("HistoryView", "网格：%1").replace("%1", label) if active else "")
        self.grid_chip.setVisible(active)
        self.grid_clear.setVisible(active)
        if self.model.query is not None and self.model.query.grid_ids != self._grid_ids:
            self.search_now()

    def _clear_grid_clicked(self) -> None:
        self.set_grid_filter(None, "")
        self.gridFilterCleared.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.model.query is None:
            self.search_now()

    # ---- status ----------------------------------------------------------------------------------
    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {labels.RED};" if error else "")
        self.retry_button.setVisible(error)

    def _show_loading(self, on: bool) -> None:
        if on:
            self._show_status(translate("HistoryView", "加载中…"))

    def _show_loaded(self, total: int) -> None:
        text = translate("HistoryView", "已加载 %1 条").replace("%1", str(total))
        if self.model.exhausted:
            text += translate("HistoryView", "（已全部加载）")
        self._show_status(text)

    def _show_failed(self, message: str) -> None:
        self._show_status(message, error=True)

    def _show_reset(self) -> None:
        self.table.scrollToTop()

    def status_text(self) -> str:
        return self.status_label.text()

    # ---- activation ------------------------------------------------------------------------------
