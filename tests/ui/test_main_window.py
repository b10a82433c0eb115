"""MainWindow: docks, placeholders, layout memory per workstation, language, status bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel
from ui_factories import FakeClock, NoDetails, make_events, small_district

from console.domain.event import Level
from console.qtmodels import labels
from console.services.bus import Bus
from console.services.ingest import FeedState
from console.services.room import Room
from console.views import i18n
from console.views.main_window import DOCK_DETAIL, DOCK_MAP, DOCK_NAMES, DOCK_VIDEO, MainWindow, layout_group
from console.views.placeholder import PlaceholderPanel
from console.views.theme import load_stylesheet, qss_files


@pytest.fixture
def env():
    bus = Bus()
    clock = FakeClock()
    room = Room(bus, clock=clock)
    room.load(make_events(30))
    return bus, clock, room, small_district()


def make_window(qtbot, env, settings, **kw) -> MainWindow:
    bus, clock, room, district = env
    win = MainWindow(
        room, bus, district, NoDetails(), settings=settings, clock=clock, workstation="ws-test", **kw
    )
    qtbot.addWidget(win)
    return win


def test_window_has_title_docks_and_placeholders(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    assert win.windowTitle() == "网格治理指挥台 — 西港街道"
    assert set(win.docks) == set(DOCK_NAMES)
    for name, dock in win.docks.items():
        assert dock.objectName() == name
        assert dock.features() & dock.DockWidgetFeature.DockWidgetFloatable
    assert isinstance(win.docks[DOCK_MAP].widget(), PlaceholderPanel)
    assert "地图" in win.docks[DOCK_MAP].widget().message()
    assert isinstance(win.docks[DOCK_VIDEO].widget(), PlaceholderPanel)
    assert win.docks[DOCK_DETAIL].windowTitle() == "事件详情"
    assert win.queue_model.rowCount() == 30
    assert win.fullscreen_action.shortcut() == QKeySequence(Qt.Key.Key_F11)


def test_given_map_and_video_widgets_are_used(qtbot, env, settings):
    map_w, video_w = QLabel("map"), QLabel("video")
    win = make_window(qtbot, env, settings, map_widget=map_w, video_widget=video_w)
    assert win.docks[DOCK_MAP].widget() is map_w
    assert win.docks[DOCK_VIDEO].widget() is video_w


def settled(win) -> bool:
    """The window has taken the maximised geometry the platform gave it (arranging docks while that
    resize is still pending can crash Qt's dock layout under the offscreen platform)."""
    return win.frameGeometry() == win.screen().availableGeometry()


def test_layout_round_trip(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: settled(win))
    win.docks[DOCK_MAP].hide()
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, win.docks[DOCK_DETAIL])
    assert win.dockWidgetArea(win.docks[DOCK_DETAIL]) == Qt.DockWidgetArea.LeftDockWidgetArea
    win.close()
    assert settings.contains(f"{layout_group('ws-test', screens=True)}/state")

    again = make_window(qtbot, env, settings)
    again.show()
    qtbot.waitExposed(again)
    assert again.docks[DOCK_MAP].isHidden()
    assert again.dockWidgetArea(again.docks[DOCK_DETAIL]) == Qt.DockWidgetArea.LeftDockWidgetArea
    again.reset_layout()
    assert not again.docks[DOCK_MAP].isHidden()
    assert again.dockWidgetArea(again.docks[DOCK_DETAIL]) == Qt.DockWidgetArea.RightDockWidgetArea
    again.close()


def test_layout_is_kept_per_workstation(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    win.docks[DOCK_VIDEO].hide()
    win.save_layout()
    win.close()
    bus, clock, room, district = env
    other = MainWindow(
        room, bus, district, NoDetails(), settings=settings, clock=clock, workstation="ws-other"
    )
    qtbot.addWidget(other)
    assert not other.docks[DOCK_VIDEO].isHidden()


def test_language_choice_is_persisted_and_english_catalogue_translates(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    win.choose_language("en")
    assert i18n.saved_language(settings) == "en"
    assert i18n.qm_path("en").is_file()
    app = QApplication.instance()
    try:
        assert i18n.install_translator(app, "en") is not None
        assert QCoreApplication.translate("MainWindow", "事件队列") == "Event queue"
        english = make_window(qtbot, env, settings)
        assert english.docks[DOCK_DETAIL].windowTitle() == "Event detail"
        assert english.windowTitle() == "Grid Governance Command Console — 西港街道"
        assert english.queue_model.headerData(0, Qt.Orientation.Horizontal) == "Level"
        assert labels.age_text(600) == "10 min"
        assert labels.level_labels()[Level.CRITICAL] == "Critical"
        english.close()
    finally:
        i18n.remove_translator(app)
    assert QCoreApplication.translate("MainWindow", "事件队列") == "事件队列"
    assert labels.age_text(600) == "10分钟"


def test_status_bar_shows_feed_state_and_counts(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    bus = env[0]
    bus.publish("feed_state", state=FeedState("reconnecting", "ws://hub/feed", 120, 150, 30, 2, 12.5))
    sb = win.status
    assert sb.feed_label.text() == "重连中"
    assert sb.feed_label.property("feed") == "warn"
    assert "120" in sb.seq_label.text()
    assert "30" in sb.lag_label.text()
    assert "2" in sb.quarantine_label.text()
    bus.publish("feed_state", state=FeedState("unauthorized", "ws://hub/feed", 0, 0, 0, 0, 0.0))
    assert sb.feed_label.text() == "未授权"
    assert sb.feed_label.property("feed") == "bad"
    assert sb.counts_label.text() == "在办 30 · 超期 6"
    assert sb.clock_label.text() == "2026-11-22 10:00:00"


def test_grid_selection_filters_queue_in_window(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    assert win.grid_view.select_grid("m3")
    assert {win.queue_model.event_at(r).grid_id for r in range(win.queue_model.rowCount())} == {"m3"}
    win.queue_view.grid_clear.click()
    assert win.queue_model.rowCount() == 30


def test_activating_an_event_shows_its_detail(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    win.show()
    qtbot.waitExposed(win)
    table = win.queue_view.table
    table.setFocus()
    table.setCurrentIndex(win.queue_model.index(2, 0))
    with qtbot.waitSignal(win.queue_view.eventActivated, timeout=1000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [win.queue_model.event_at(2).id]
    assert win.detail_view.current_event_id() == win.queue_model.event_at(2).id


def test_urgent_arrival_flashes_row_and_respects_mute(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    win.alert.set_muted(True)
    assert settings.value("ui/muted") == "true"
    bus, clock, room, _ = env
    from ui_factories import make_event

    with qtbot.waitSignal(win.queue_model.urgentArrived, timeout=2000):
        room.upsert([make_event(900, level=Level.CRITICAL)])
    assert win.queue_view.is_flashing("ev-000900")
    assert not win.alert.play()  # muted: no sound
    qtbot.waitUntil(lambda: not win.queue_view.is_flashing("ev-000900"), timeout=5000)


@pytest.mark.qt_log_ignore(".*pipewire.*", ".*PulseAudio.*", ".*QSoundEffect.*", ".*audio.*")
def test_alert_tone_is_generated(qtbot, tmp_path):
    from console.views.urgent_alert import UrgentAlert, write_alert_wav

    wav = write_alert_wav(tmp_path / "a.wav")
    assert wav.stat().st_size > 10_000
    alert = UrgentAlert(muted=False, wav=wav)
    alert.play()  # True with an audio device, False on a headless box; never raises
    alert.set_muted(True)
    assert alert.play() is False


def test_theme_files_are_ordered_and_loaded():
    names = [p.name for p in qss_files()]
    assert names[:3] == ["base.qss", "widgets.qss", "queue.qss"]
    qss = load_stylesheet()
    assert "#e03131" in qss
    assert load_stylesheet() is qss  # cached


def test_first_start_opens_maximised_on_its_screen(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    win.show()
    qtbot.waitExposed(win)
    assert win.isMaximized()
    qtbot.waitUntil(lambda: settled(win))
    screen = win.screen().availableGeometry()
    assert win.normalGeometry().width() <= screen.width()
    assert screen.contains(win.normalGeometry().center())  # un-maximised, it stays on that screen
    win.close()

    again = make_window(qtbot, env, settings)  # a saved geometry wins over the maximised default
    again.show()
    qtbot.waitExposed(again)
    assert again.isMaximized()
    again.showNormal()
    qtbot.waitUntil(lambda: not again.isMaximized())
    again.resize(780, 600)
    qtbot.waitUntil(lambda: again.height() == 600)
    again.close()
    third = make_window(qtbot, env, settings)
    third.show()
    qtbot.waitExposed(third)
    assert not third.isMaximized()
    assert third.size() == again.size()


def _detail_share(win) -> tuple[float, float]:
    dock = win.docks[DOCK_DETAIL]
    return dock.height() / win.height(), dock.width() / win.width()


def test_default_layout_gives_the_detail_a_real_share_of_the_window(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    win.show()
    qtbot.waitUntil(lambda: settled(win))
    qtbot.waitUntil(lambda: _detail_share(win)[0] >= 0.33)
    assert _detail_share(win)[1] >= 0.6
    win.showNormal()
    win.resize(1920, 1080)
    qtbot.waitUntil(lambda: win.height() == 1080)
    # the middle row grows with the window (before, only the queue and the map rows did: 24%)
    qtbot.waitUntil(lambda: _detail_share(win)[0] >= 0.33)
    assert _detail_share(win)[1] >= 0.6
    win.detail_view.show_event(env[2].live_events()[0])
    body = win.detail_view.body  # a whole event: a dozen lines of fields and timeline, not three
    assert body.viewport().height() >= 12 * body.fontMetrics().lineSpacing()


def test_a_saved_layout_is_not_resized_to_the_default_shares(qtbot, env, settings):
    win = make_window(qtbot, env, settings)
    win.show()
    qtbot.waitUntil(lambda: settled(win))
    qtbot.waitUntil(lambda: _detail_share(win)[0] >= 0.33)
    win.docks[DOCK_DETAIL].hide()  # the officer's own arrangement
    win.close()
    again = make_window(qtbot, env, settings)
    again.show()
    qtbot.waitUntil(lambda: settled(again))
    assert again.docks[DOCK_DETAIL].isHidden()
    assert not again._fit_shares  # the default shares no longer move the officer's docks


def test_layout_is_kept_per_account_and_screen_set(qtbot, env, settings, monkeypatch):
    """Issue 14: saveState/restoreState keyed by seat, signed-in account and the monitors attached."""
    zhang = make_window(qtbot, env, settings, account="zhang")
    zhang.docks[DOCK_VIDEO].hide()
    zhang.save_layout()
    zhang.close()
    assert settings.contains(f"{layout_group('ws-test', 'zhang', screens=True)}/state")
    assert not make_window(qtbot, env, settings, account="wang").docks[DOCK_VIDEO].isHidden()
    assert make_window(qtbot, env, settings, account="zhang").docks[DOCK_VIDEO].isHidden()

    import console.views.main_window as mw

    monkeypatch.setattr(mw, "screen_set_key", lambda: "another-desk")  # two monitors instead of one
    assert not make_window(qtbot, env, settings, account="zhang").docks[DOCK_VIDEO].isHidden()


def test_layout_saved_before_accounts_is_the_fallback(qtbot, env, settings):
    old = make_window(qtbot, env, settings)
    old.docks[DOCK_VIDEO].hide()
    settings.beginGroup(layout_group("ws-test"))  # where the layout lived before issue 14
    settings.setValue("state", old.saveState(1))
    settings.endGroup()
    old.close()
    assert make_window(qtbot, env, settings, account="zhang").docks[DOCK_VIDEO].isHidden()
