"""The main window: five docks, each built by its own view module, plus menus and layout memory.

The window only arranges and wires: it builds the queue and grid-tree models over the room, puts
the views into docks (事件队列, 网格树, 地图, 视频墙, 事件详情) and saves/restores the dock layout per
workstation through the QSettings object it is given. Without a saved layout it opens maximised on
its screen and gives each dock row a share of the height (:data:`DEFAULT_SHARES`), so the detail
shows a whole event; the queue table has the keyboard at start-up (``N`` works at once). It holds the
window's one selected event
(``selection``, :class:`~console.qtmodels.selection.EventSelection`): the queue sets and follows it,
the detail view shows it. The notice strip (``notices``) sits above the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSettings, QSize, QSysInfo, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QCursor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStyle, QToolBar, QWidget

from console.domain.district import District
from console.domain.event import utcnow
from console.qtmodels.grid_tree_model import GridTreeModel
from console.qtmodels.queue_model import QueueModel
from console.qtmodels.selection import EventSelection
from console.services.bus import Bus
from console.services.room import Room
from console.views import i18n
from console.views.detail_view import DetailsProvider, DetailView
from console.views.grid_tree_view import GridTreeView
from console.views.keymap import add_key, leave_text_field
from console.views.notices import NoticeArea
from console.views.placeholder import PlaceholderPanel
from console.views.queue_view import QueueView
from console.views.status_bar import StatusBar
from console.views.urgent_alert import UrgentAlert

translate = QCoreApplication.translate

STATE_VERSION = 1
DOCK_QUEUE = "dock.queue"
DOCK_TREE = "dock.gridTree"
DOCK_MAP = "dock.map"
DOCK_VIDEO = "dock.videoWall"
DOCK_DETAIL = "dock.detail"
DOCK_NAMES = (DOCK_QUEUE, DOCK_TREE, DOCK_MAP, DOCK_VIDEO, DOCK_DETAIL)
NORMAL_SIZE = QSize(1600, 900)  # the window's size when it is not maximised
# default layout: share of the height for the queue / tree+detail / map+video rows, and of the
# width for the tree / the detail (the detail shows a whole event, its timeline and action bar)
DEFAULT_SHARES = ((0.34, 0.38, 0.28), (0.32, 0.68))


def screen_set_key() -> str:
    """A short key for the monitors attached now (names and geometries, in order): a desk with
    another set of screens keeps its own layout."""
    import hashlib

    parts = [f"{s.name()}:{s.geometry().x()},{s.geometry().y()},{s.geometry().width()}x{s.geometry().height()}"
             for s in QGuiApplication.screens()]
    return hashlib.sha256("|".join(sorted(parts)).encode()).hexdigest()[:12]


def layout_group(workstation: str | None = None, account: str | None = None, *, screens: bool = False) -> str:
    """Settings group holding the window layout of this seat (``workstation``, default the host
    name), signed-in ``account`` and, with ``screens``, the set of monitors attached now."""
    host = workstation or QSysInfo.machineHostName() or "local"
    group = f"layout/{host}"
    if account:
        group += f"/account-{account}"
    if screens:
        group += f"/screens-{screen_set_key()}"
    return group


class MainWindow(QMainWindow):
    closed = Signal()  # the officer closed the window: periodic work stops with it
    def __init__(
        self,
        room: Room,
        bus: Bus,
        district: District,
        details: DetailsProvider,
        *,
        settings: QSettings,
        map_widget: QWidget | None = None,
        video_widget: QWidget | None = None,
        seat_id: str | None = None,
        workstation: str | None = None,
        account: str | None = None,
        clock: Callable[[], datetime] = utcnow,
        restore: bool = True,
        selection: EventSelection | None = None,
        run_task: Callable[[Any], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``restore=False``: the caller adds further docks first, then calls ``restore_layout()``.
        ``selection``: the window's selected event (made here when not given)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._fit_shares = True  # the untouched default layout follows the window's size
        self._settings = settings
        # the layout is kept per seat, signed-in account and set of monitors; the seat's layout of
        # before accounts existed (layout/<seat>) is the fallback the first time
        self._group = layout_group(workstation or seat_id, account, screens=True)
        self._legacy_group = layout_group(workstation)  # the key before seats and accounts
        self.room = room
        self.bus = bus
        self.district = district
        self.setWindowTitle(translate("MainWindow", "网格治理指挥台 — %1").replace("%1", district.name))
        self.setDockNestingEnabled(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )

        tz = district.info.timezone
        self.selection = selection if selection is not None else EventSelection(room, bus, parent=self)
        self.queue_model = QueueModel(room, bus, district=district, seat_id=seat_id, clock=clock, parent=self)
        self.grid_model = GridTreeModel(district, room, bus, parent=self)
        muted = str(settings.value("ui/muted", "false")).lower() == "true"
        self.alert = UrgentAlert(muted=muted, parent=self)
        self.queue_view = QueueView(self.queue_model, alert=self.alert)
        self.grid_view = GridTreeView(self.grid_model)
        self.detail_view = DetailView(room, bus, details, district=district, clock=clock, tz=tz,
                                      selection=self.selection, run_task=run_task)
        self.map_widget = map_widget or PlaceholderPanel(translate("MainWindow", "本工作站未启用地图"))
        self.video_widget = video_widget or PlaceholderPanel(
            translate("MainWindow", "本工作站未启用视频墙")
        )
        self.status = StatusBar(bus, room, clock=clock, tz=tz)
        self.setStatusBar(self.status)
        self.notices = NoticeArea(clock=clock, tz=tz)
        self.notices.eventActivated.connect(self.selection.select_id)
        bar = QToolBar(translate("MainWindow", "通知"), self)
        bar.setObjectName("toolbar.notices")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.addWidget(self.notices)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, bar)

        self.docks: dict[str, QDockWidget] = {}
        self._add_dock(
            DOCK_QUEUE,
            translate("MainWindow", "事件队列"),
            self.queue_view,
            Qt.DockWidgetArea.TopDockWidgetArea,
        )
        self._add_dock(
            DOCK_TREE, translate("MainWindow", "网格树"), self.grid_view, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self._add_dock(
            DOCK_DETAIL,
            translate("MainWindow", "事件详情"),
            self.detail_view,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self._add_dock(
            DOCK_MAP, translate("MainWindow", "地图"), self.map_widget, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self._add_dock(
            DOCK_VIDEO,
            translate("MainWindow", "视频墙"),
            self.video_widget,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.splitDockWidget(self.docks[DOCK_MAP], self.docks[DOCK_VIDEO], Qt.Orientation.Horizontal)
        self.resize(NORMAL_SIZE)
        self.apply_default_shares()
        self._default_state = self.saveState(STATE_VERSION)
        self._build_menus()
        self.keys = [
            add_key(self, "Esc", self._escape, translate("CheatSheet", "离开输入框（搜索框有内容时先清空）")),
            add_key(self, "Ctrl+F", self.queue_view.focus_search, translate("CheatSheet", "搜索队列")),
        ]
        self.queue_view.table.setFocus()  # the keyboard starts on the queue, not in the search box

        self.queue_view.eventSelected.connect(self.selection.select_id)
        self.selection.changed.connect(self.queue_view.show_selected)
        self.queue_view.eventActivated.connect(self._activate_event)
        self.grid_view.gridSelected.connect(self._grid_selected)
        self.grid_view.gridCleared.connect(lambda: self.queue_view.set_grid_filter("", None))
        self.queue_view.gridFilterCleared.connect(self.grid_view.clear_selection)
        self.alert.mutedChanged.connect(self._save_muted)
        if restore:
            self.restore_layout()

    # ---- construction ----------------------------------------------------------------------------
    def _add_dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        dock.topLevelChanged.connect(self._user_arranged)  # floated or dragged elsewhere
        return dock

    def add_dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea, *, tab_with: str | None = None
    ) -> QDockWidget:
        """A further dock from the composition root, listed in the View menu, optionally tabbed."""
        dock = self._add_dock(name, title, widget, area)
        if tab_with is not None and tab_with in self.docks:
            self.tabifyDockWidget(self.docks[tab_with], dock)
            self.docks[tab_with].raise_()
        self.menu_view.insertAction(self._dock_actions_end, dock.toggleViewAction())
        self._default_state = self.saveState(STATE_VERSION)
        return dock

    def _build_menus(self) -> None:
        view = self.menuBar().addMenu(translate("MainWindow", "视图"))
        view.setObjectName("menuView")
        self.menu_view = view
        for name in DOCK_NAMES:
            view.addAction(self.docks[name].toggleViewAction())
        self._dock_actions_end = view.addSeparator()
        self.reset_action = QAction(translate("MainWindow", "重置布局"), self)
        self.reset_action.triggered.connect(self.reset_layout)
        view.addAction(self.reset_action)
        self.fullscreen_action = QAction(translate("MainWindow", "全屏"), self)
        self.fullscreen_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.fullscreen_action.setCheckable(True)
        self.fullscreen_action.toggled.connect(self.set_fullscreen)
        view.addAction(self.fullscreen_action)
        self.addAction(self.fullscreen_action)
        self.mute_action = QAction(translate("MainWindow", "静音提示音"), self)
        self.mute_action.setCheckable(True)
        self.mute_action.setChecked(self.alert.muted)
        self.mute_action.toggled.connect(self.alert.set_muted)
        self.alert.mutedChanged.connect(self.mute_action.setChecked)
        view.addAction(self.mute_action)

        lang_menu = self.menuBar().addMenu(translate("MainWindow", "语言"))
        lang_menu.setObjectName("menuLanguage")
        group = QActionGroup(self)
        group.setExclusive(True)
        current = i18n.saved_language(self._settings)
        self.language_actions: dict[str, QAction] = {}
        for code, label in i18n.LANGUAGES.items():
            act = QAction(label, self)
            act.setCheckable(True)
            act.setChecked(code == current)
            act.setData(code)
            act.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(act)
            lang_menu.addAction(act)
            self.language_actions[code] = act

    # ---- behaviour ---------------------------------------------------------------------------------
    def _grid_selected(self, grid_id: str, subtree_ids: frozenset[str]) -> None:
        self.queue_view.set_grid_filter(self.grid_view.grid_name(grid_id), subtree_ids)

    def _activate_event(self, event_id: str) -> None:
        self.selection.select_id(event_id)
        dock = self.docks[DOCK_DETAIL]
        dock.show()
        dock.raise_()

    def _save_muted(self, muted: bool) -> None:
        self._settings.setValue("ui/muted", "true" if muted else "false")

    def choose_language(self, code: str) -> None:
        """Remember the UI language; it applies at the next start."""
        if code == i18n.saved_language(self._settings):
            return
        i18n.save_language(self._settings, code)
        self.status.showMessage(translate("MainWindow", "界面语言将在重新启动后切换"), 8000)

    def set_fullscreen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _escape(self) -> None:
        """Esc: leave a text field (the search box is cleared first) for the queue table."""
        leave_text_field(self, self.queue_view.table)

    def reset_layout(self) -> None:
        for dock in self.docks.values():
            dock.setFloating(False)
        self.restoreState(self._default_state, STATE_VERSION)
        for dock in self.docks.values():
            dock.show()
        self._fit_shares = True
        self.apply_default_shares()

    # ---- default sizes ------------------------------------------------------------------------------
    def apply_default_shares(self) -> None:
        """Size the dock rows and columns to :data:`DEFAULT_SHARES` of the window."""
        (queue, middle, bottom), (tree, detail) = DEFAULT_SHARES
        height = self.height() - self.menuBar().sizeHint().height() - self.statusBar().sizeHint().height()
        d = self.docks
        self.resizeDocks([d[DOCK_QUEUE], d[DOCK_DETAIL], d[DOCK_MAP]],
                         [int(height * queue), int(height * middle), int(height * bottom)], Qt.Orientation.Vertical)
        self.resizeDocks([d[DOCK_TREE], d[DOCK_DETAIL]], [int(self.width() * tree), int(self.width() * detail)],
                         Qt.Orientation.Horizontal)

    def _user_arranged(self, *_args: object) -> None:
        self._fit_shares = False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self._fit_shares:
            self.apply_default_shares()

    def event(self, event: QEvent) -> bool:
        # a press on the window itself (not on a child) starts a separator drag: the officer
        # sizes the docks now, the default shares no longer apply
        if event.type() == QEvent.Type.MouseButtonPress and self.childAt(event.position().toPoint()) is None:
            self._fit_shares = False
        return super().event(event)

    def open_maximised(self) -> None:
        """No saved geometry: open maximised on the screen the console starts on (the one under
        the mouse), with a centred 1600×900 normal geometry on that screen to return to."""
        screen = QGuiApplication.screenAt(QCursor.pos()) or self.screen()
        avail = screen.availableGeometry()
        size = NORMAL_SIZE.boundedTo(avail.size())
        self.setGeometry(QStyle.alignedRect(Qt.LayoutDirection.LeftToRight, Qt.AlignmentFlag.AlignCenter, size, avail))
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    # ---- layout memory ------------------------------------------------------------------------------
    def save_layout(self) -> None:
        s = self._settings
        s.beginGroup(self._group)
        s.setValue("geometry", self.saveGeometry())
        s.setValue("state", self.saveState(STATE_VERSION))
        s.endGroup()
        s.sync()

    @property
    def layout_group(self) -> str:
        """The settings group this window's layout lives in (other views keep theirs beneath it)."""
        return self._group

    def restore_layout(self) -> bool:
        s = self._settings
        geometry = state = None
        for group in (self._group, self._legacy_group):
            s.beginGroup(group)
            geometry = s.value("geometry")
            state = s.value("state")
            s.endGroup()
            if geometry is not None or state is not None:
                break
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.open_maximised()
        if isinstance(state, QByteArray) and not state.isEmpty() and self.restoreState(state, STATE_VERSION):
            self._fit_shares = False  # the officer's own layout
            return True
        self.apply_default_shares()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
