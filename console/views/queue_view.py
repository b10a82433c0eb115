"""The 事件队列 dock: the live queue table with its filter bar, urgent flash and alert tone."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.categories import CATEGORIES
from console.domain.event import Level, Source, State
from console.qtmodels import labels
from console.qtmodels.queue_model import QueueModel
from console.qtmodels.queue_rows import (
    COL_AGE,
    COL_COUNTDOWN,
    COL_LEVEL,
    COL_SOURCE,
    COL_STATUS,
    COL_TITLE,
    UNDISPATCHED,
)
from console.views.event_table import EventTableMixin, fit_columns, make_event_table
from console.views.keymap import ESCAPE_CLEARS
from console.views.urgent_alert import UrgentAlert

translate = QCoreApplication.translate

FLASH_TOGGLES = 8  # four blinks
FLASH_MS = 350
_Index = QModelIndex | QPersistentModelIndex


class QueueView(EventTableMixin, QWidget):
    """Filter bar + table. Emits ``eventActivated`` on double-click / Enter, ``eventSelected`` on selection."""

    eventActivated = Signal(str)
    eventSelected = Signal(str)
    gridFilterCleared = Signal()

    def __init__(
        self, model: QueueModel, *, alert: UrgentAlert | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queueView")
        self.model = model
        self.alert = alert if alert is not None else UrgentAlert(muted=True, parent=self)

        self.search = QLineEdit(self)
        self.search.setObjectName("queueSearch")
        self.search.setPlaceholderText(translate("QueueView", "搜索标题、描述、地址"))
        self.search.setClearButtonEnabled(True)
        self.search.setProperty(ESCAPE_CLEARS, True)  # Esc clears it, then leaves it (keymap)
        self.level_combo = self._combo("levelFilter", [(translate("QueueView", "全部级别"), None)])
        for lv in Level:
            self.level_combo.addItem(labels.level_labels()[lv], frozenset({lv}))
        self.level_combo.addItem(
            translate("QueueView", "重大及以上"), frozenset({Level.MAJOR, Level.CRITICAL})
        )
        self.status_combo = self._combo(
            "statusFilter",
            [(translate("QueueView", "全部状态"), None), (translate("QueueView", "待派遣"), UNDISPATCHED)],
        )
        for st in State:
            if st.is_live:
                self.status_combo.addItem(labels.state_labels()[st], frozenset({st}))
        self.source_combo = self._combo("sourceFilter", [(translate("QueueView", "全部来源"), None)])
        for so in Source:
            self.source_combo.addItem(labels.source_labels()[so], frozenset({so}))
        self.category_combo = self._combo("categoryFilter", [(translate("QueueView", "全部类别"), None)])
        for code in sorted(CATEGORIES, key=lambda c: (CATEGORIES[c].group, c)):
            self.category_combo.addItem(labels.category_label(code), code)
        self.mine_box = QCheckBox(translate("QueueView", "只看我的"), self)
        self.overdue_box = QCheckBox(translate("QueueView", "只看超期"), self)
        self.mute_button = QToolButton(self)
        self.mute_button.setObjectName("muteButton")
        self.mute_button.setCheckable(True)
        self.mute_button.setToolTip(translate("QueueView", "静音：新到重大/特别重大事件不再响铃"))
        self.grid_chip = QLabel(self)
        self.grid_chip.setObjectName("gridChip")
        self.grid_clear = QToolButton(self)
        self.grid_clear.setText("✕")
        self.grid_clear.setToolTip(translate("QueueView", "取消网格筛选"))
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("queueCounts")

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 4)
        bar.addWidget(self.search, 3)
        for w in (self.level_combo, self.status_combo, self.source_combo, self.category_combo):
            bar.addWidget(w, 1)
        for w2 in (self.mine_box, self.overdue_box, self.grid_chip, self.grid_clear):
            bar.addWidget(w2)
        bar.addStretch(1)
        bar.addWidget(self.counts_label)
        bar.addWidget(self.mute_button)

        self._watch_model(model)  # before the table: see EventTableMixin
        self.table = make_event_table(self, model, "queueTable", COL_TITLE)
        self._watch_table()
        header = self.table.horizontalHeader()
        for col, width in ((COL_LEVEL, 90), (COL_COUNTDOWN, 90), (COL_AGE, 80)):
            self.table.setColumnWidth(col, width)
        header.setSortIndicator(*model.sort_column())
        self.table.setSortingEnabled(True)  # header clicks call QueueModel.sort (Python, not a proxy)
        # …and wider where the UI language needs it ("Significant", "Dispatch timer")
        fit_columns(self.table, {
            COL_LEVEL: labels.level_labels().values(),
            COL_COUNTDOWN: ["88:88"],
            COL_AGE: [labels.age_text(s) for s in (59, 3599, 86399, 8 * 86400)],
            COL_SOURCE: labels.source_labels().values(),
            COL_STATUS: labels.state_labels().values(),
        }, icon_columns=[COL_LEVEL])
        # urgent rows blink through the model's flash background (default delegate: no Python per cell)
        self.flashing: dict[str, int] = {}  # event id → toggles left
        self._flash_on = False
        self.table.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._apply_search)
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._flash_step)

        self.search.textChanged.connect(self._search_changed)
        self.level_combo.currentIndexChanged.connect(self._apply_combos)
        self.status_combo.currentIndexChanged.connect(self._apply_combos)
        self.source_combo.currentIndexChanged.connect(self._apply_combos)
        self.category_combo.currentIndexChanged.connect(self._apply_combos)
        self.mine_box.toggled.connect(lambda on: self._set_filter(mine=on))
        self.overdue_box.toggled.connect(lambda on: self._set_filter(overdue=on))
        self.mute_button.toggled.connect(self.alert.set_muted)
        self.alert.mutedChanged.connect(self._show_mute)
        self.grid_clear.clicked.connect(self._clear_grid_clicked)
        self.table.activated.connect(self._activated)
        model.countsChanged.connect(self._show_counts)
        model.urgentArrived.connect(self.flash_event)
        self._show_mute(self.alert.muted)
        self.set_grid_filter("", None)
        self._show_counts(model.rowCount(), model.live_count())

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    # ---- filters ---------------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Ctrl+F: into the search box, its text selected for overtyping."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        if text:
            self._search_timer.start()  # typing: filter once the officer pauses
        else:  # cleared (Esc, the clear button): every row back at once
            self._search_timer.stop()
            self._apply_search()

    def _set_filter(self, **changes: object) -> None:
        self._filter_changed()  # the selected event may be shown again
        self.model.set_filter(**changes)

    def _apply_search(self) -> None:
        self._set_filter(text=self.search.text().strip())

    def _apply_combos(self) -> None:
        self._set_filter(
            levels=self.level_combo.currentData(),
            states=self.status_combo.currentData(),
            sources=self.source_combo.currentData(),
            category=self.category_combo.currentData(),
        )

    def set_grid_filter(self, grid_name: str, subtree_ids: frozenset[str] | None) -> None:
        """Restrict the queue to a grid subtree (None clears)."""
        self.grid_chip.setText(
            translate("QueueView", "网格：%1").replace("%1", grid_name) if subtree_ids is not None else ""
        )
        self.grid_chip.setVisible(subtree_ids is not None)
        self.grid_clear.setVisible(subtree_ids is not None)
        self._set_filter(grids=frozenset(subtree_ids) if subtree_ids is not None else None)

    def _clear_grid_clicked(self) -> None:
        self.set_grid_filter("", None)
        self.gridFilterCleared.emit()

    def _show_counts(self, visible: int, total: int) -> None:
        self.counts_label.setText(
            translate("QueueView", "显示 %1 / 共 %2 件").replace("%1", str(visible)).replace("%2", str(total))
        )

    def _show_mute(self, muted: bool) -> None:
        self.mute_button.setChecked(muted)
        self.mute_button.setText(
            translate("QueueView", "已静音") if muted else translate("QueueView", "提示音")
        )

    # ---- urgent flash ---------------------------------------------------------------------------
    def flash_event(self, event_id: str) -> None:
        """Blink the row of a new major/critical event and sound the alert (unless muted)."""
        self.flashing[event_id] = FLASH_TOGGLES
        self._flash_on = True
        if not self._flash_timer.isActive():
            self._flash_timer.start()
        self.model.set_flash(self.flashing, True)
        self.alert.play()

    def is_flashing(self, event_id: str) -> bool:
        return event_id in self.flashing

    def _flash_step(self) -> None:
        self._flash_on = not self._flash_on
        for eid in list(self.flashing):
            self.flashing[eid] -= 1
            if self.flashing[eid] <= 0:
                del self.flashing[eid]
        if not self.flashing:
            self._flash_on = False
            self._flash_timer.stop()
        self.model.set_flash(self.flashing, self._flash_on)
