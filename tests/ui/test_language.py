"""The console in the officer's language (issue 12, item 7).

English mode: no Chinese left where English is expected — queue headers and labels, grid level
names, the dispatch panel's suggestion reasons and category list, the feed status, start-up
refusals — only the names that come with the data (titles, people, departments, grids, keywords
quoted from a report). Headers and labels fit their columns unelided. Chinese mode: Qt's own
buttons say 确定/取消, and a refused start-up explains itself in Chinese.
"""

from __future__ import annotations

import concurrent.futures
import re
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QMessageBox
from ui_factories import FakeClock, NoDetails, make_event, small_district

from console.app import StartupError, report_fatal
from console.domain.district import District, DistrictInfo, load_district
from console.domain.event import UNCLASSIFIED, Level, Location, Source, State
from console.domain.grid import Grid, GridKind
from console.domain.sla import default_table
from console.qtmodels import labels
from console.qtmodels.grid_tree_model import COL_LEVEL as TREE_LEVEL
from console.qtmodels.queue_rows import COL_AGE, COL_LEVEL, COL_SOURCE, COL_STATUS
from console.services.bus import Bus
from console.services.decisions import DecisionService
from console.services.ingest import FeedState, default_district_dir
from console.services.room import Room
from console.services.triage import TriageService
from console.store import StoreError, open_store
from console.views import i18n
from console.views.dispatch_panel import DispatchPanel
from console.views.main_window import MainWindow
from console.views.startup_errors import startup_error_text, store_error_text
from console.views.status_bar import StatusBar

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")
ROOT = Path(__file__).resolve().parents[2]
# CJK ideographs, CJK punctuation (、。「」) and full-width forms (（）：，)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture
def english(qapp):
    """The English UI: the shipped catalogue (resources/i18n/console_en.qm)."""
    i18n.install_translator(qapp, "en")
    yield
    i18n.remove_translator(qapp)
    labels.clear_cache()


@pytest.fixture
def chinese(qapp):
    i18n.install_translator(qapp, "zh_CN")
    yield
    i18n.remove_translator(qapp)


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp):
    fixture = "english" if request.param == "en" else "chinese"
    request.getfixturevalue(fixture)
    return request.param


def no_chinese(text: str, *data: str) -> bool:
    """True when ``text`` has no Chinese once the data names (``data``) are taken out."""
    for name in sorted((d for d in data if d), key=len, reverse=True):
        text = text.replace(name, "")
    return CJK.search(text) is None


def events_of_every_kind() -> list:
    live = [s for s in State if s.is_live]
    n = max(len(Level), len(live), len(Source))
    return [make_event(i, level=list(Level)[i % len(Level)], state=live[i % len(live)],
                       source=list(Source)[i % len(Source)]) for i in range(n)]


def window(qtbot, settings, district=None) -> MainWindow:
    bus = Bus()
    clock = FakeClock()
    room = Room(bus, clock=clock)
    room.load(events_of_every_kind())
    win = MainWindow(room, bus, district or small_district(), NoDetails(), settings=settings, clock=clock,
                     workstation="ws-test")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


# ---- the queue ---------------------------------------------------------------------------------------
def test_queue_headers_and_labels_fit_their_columns(qtbot, settings, language):
    win = window(qtbot, settings)
    table, model = win.queue_view.table, win.queue_model
    header = table.horizontalHeader()
    for col in range(model.columnCount()):
        text = model.headerData(col, Qt.Orientation.Horizontal)
        if language == "en":
            assert no_chinese(text), text
        assert header.fontMetrics().horizontalAdvance(text) <= header.sectionSize(col), text
        if header.sectionResizeMode(col) is QHeaderView.ResizeMode.Interactive:
            # the header's own measure, sort arrow included: nothing is elided ("Dispatch timer")
            assert header.sectionSizeHint(col) <= header.sectionSize(col), text
    for col in (COL_LEVEL, COL_SOURCE, COL_STATUS, COL_AGE):
        # what the delegate needs for every row (level swatch + "Significant", …)
        assert table.sizeHintForColumn(col) <= table.columnWidth(col), model.headerData(col, Qt.Orientation.Horizontal)
    if language == "en":
        for col in (COL_LEVEL, COL_SOURCE, COL_STATUS, COL_AGE):
            for row in range(model.rowCount()):
                assert no_chinese(model.index(row, col).data()), model.index(row, col).data()
        qv = win.queue_view
        for combo in (qv.level_combo, qv.status_combo, qv.source_combo, qv.category_combo):
            for i in range(combo.count()):
                assert no_chinese(combo.itemText(i)), combo.itemText(i)


def test_history_headers_fit_in_english(qtbot, english):
    from console.qtmodels.history_model import HistoryModel
    from console.views.history_view import HistoryView

    model = HistoryModel(lambda query, limit, offset: [], grid_name=lambda g: g or "", unit_name=lambda u: u)
    view = HistoryView(model, clock=FakeClock())
    qtbot.addWidget(view)
    view.show()
    header = view.table.horizontalHeader()
    for col in range(model.columnCount()):
        text = model.headerData(col, Qt.Orientation.Horizontal)
        assert no_chinese(text), text
        assert header.sectionSizeHint(col) <= header.sectionSize(col) or (
            header.sectionResizeMode(col) is QHeaderView.ResizeMode.Stretch), text


# ---- grid level names ------------------------------------------------------------------------------
def district_with_kinds(level_names: dict[int, str] | None = None) -> District:
    base = small_district()
    grids = [*base.grids.values(), Grid("mt", "云顶山山林网格", 2, "s", kind=GridKind.MOUNTAIN),
             Grid("wt", "白鹭湖水域网格", 2, "s", kind=GridKind.WATER)]
    info = DistrictInfo("西港街道", level_names=level_names) if level_names else DistrictInfo("西港街道")
    return District(info, grids, police_grids=base.police_grids.values(), members=base.members.values(),
                    departments=base.departments.values())


def tree_levels(win: MainWindow) -> dict[str, str]:
    from console.qtmodels.roles import GridIdNodeRole

    model, out = win.grid_model, {}

    def walk(parent) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            out[index.data(GridIdNodeRole)] = model.index(row, TREE_LEVEL, parent).data()
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return out


def test_grid_level_names_in_english(qtbot, settings, english):
    win = window(qtbot, settings, district_with_kinds())
    levels = tree_levels(win)
    assert levels["s"] == "Street"
    assert levels["b1"] == "Block grid"
    assert levels["c1"] == "Community grid"
    assert levels["m1"] == "Micro-grid"
    assert levels["mt"] == "Mountain grid"
    assert levels["wt"] == "Water grid"
    assert levels["p1"] == "Police grid"
    assert all(no_chinese(v) for v in levels.values()), levels
    tip = win.grid_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert no_chinese(tip, "西港街道"), tip
    # a level name of a district's own that no catalogue knows still reads in English
    other = window(qtbot, settings, district_with_kinds({1: "街道", 2: "联户片", 3: "社区网格", 4: "微网格"}))
    assert tree_levels(other)["b1"] == "Level 2 grid"


def test_grid_kinds_are_named_by_kind_in_chinese(qtbot, settings, chinese):
    levels = tree_levels(window(qtbot, settings, district_with_kinds({1: "街道", 2: "联户片", 3: "社区网格"})))
    assert (levels["s"], levels["b1"], levels["c1"], levels["m1"]) == ("街道", "联户片", "社区网格", "4级网格")
    assert (levels["mt"], levels["wt"], levels["p1"]) == ("山林网格", "水域网格", "警格")  # not 街区网格


# ---- the dispatch panel --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo():
    return load_district(default_district_dir())


def _done(coro):
    coro.close()  # the claim needs a store; not what these tests look at
    fut: concurrent.futures.Future = concurrent.futures.Future()
    fut.set_result(None)
    return fut


def open_panel(qtbot, district: District, events: list, which: str) -> DispatchPanel:
    bus = Bus()
    clock = FakeClock()
    room = Room(bus, clock=clock)
    room.load(events)
    triage = TriageService(room, district)
    decisions = DecisionService(None, room, bus, district, table=default_table(), seat="seat-1", officer="值班员")
    panel = DispatchPanel(triage, district, _done, decisions=decisions, clock=clock)
    qtbot.addWidget(panel)
    panel.open_event(room.get(which))
    return panel


def data_names(district: District, *events) -> list[str]:
    names = [d.name for d in district.departments.values()] + [m.name for m in district.members.values()]
    names += [g.name for g in district.grids.values()] + [e.title for e in events]
    return names + [kw for cat in __import__("console.domain.categories", fromlist=["x"]).CATEGORIES.values()
                    for kw in cat.keywords]


def worked_grid(district: District) -> Grid:
    from console.domain.grid import Role

    return next(g for g in district.grids_at_level(4)
                if any(m.role is Role.FULLTIME for m in district.on_duty_members(g.id)) and g.polygon)


def test_dispatch_panel_reasons_and_categories_in_english(qtbot, english, demo):
    grid = worked_grid(demo)
    lon, lat = grid.polygon[0][0]
    here = Location(lat, lon, address="桂花路")
    ev = make_event(1, category=UNCLASSIFIED, title="桂花路流动摊贩占道经营", grid_id=grid.id, location=here)
    twin = make_event(2, category=UNCLASSIFIED, title="桂花路流动摊贩占道经营", grid_id=grid.id,
                      location=Location(lat + 0.0001, lon), reported_at=ev.reported_at - timedelta(minutes=5))
    panel = open_panel(qtbot, demo, [ev, twin], ev.id)
    text = re.sub(r"<[^>]+>", "", panel.suggest_label.text())
    assert "Suggested category: Street vending (Keywords found: " in text
    assert "“Street vending” belongs to Street order; the responsible department is " in text
    assert "On duty in this grid, full-time grid worker: " in text
    assert "Same category (Unclassified), 11 m away, 5 min apart, titles 100% alike" in text
    assert no_chinese(text, *data_names(demo, ev, twin)), text
    for i in range(panel.category.count()):
        assert no_chinese(panel.category.itemText(i)), panel.category.itemText(i)
    assert panel.category.itemText(panel.category.findData("city.vending")) == "Street order · Street vending"


def test_dispatch_panel_reason_for_a_classified_report_in_english(qtbot, english, demo):
    ev = make_event(1, category="city.garbage", title="垃圾堆放", grid_id=None, location=None)
    panel = open_panel(qtbot, demo, [ev], ev.id)
    text = re.sub(r"<[^>]+>", "", panel.suggest_label.text())
    assert "Suggested category: Exposed refuse (Classified by the reporting channel)" in text
    assert "No grid worker on duty in this grid or any grid above it" in text
    assert no_chinese(text, *data_names(demo, ev)), text


def test_dispatch_panel_in_chinese_is_unchanged(qtbot, chinese, demo):
    ev = make_event(1, category="city.garbage", title="垃圾堆放", grid_id=None, location=None)
    panel = open_panel(qtbot, demo, [ev], ev.id)
    text = re.sub(r"<[^>]+>", "", panel.suggest_label.text())
    assert "建议类别：暴露垃圾（上报来源已分类）" in text
    assert "“暴露垃圾”属市容环境类，责任部门为" in text
    assert panel.category.itemText(panel.category.findData("city.vending")) == "街面秩序 · 占道经营"


# ---- Qt's own strings in Chinese -------------------------------------------------------------------
def test_standard_buttons_are_chinese_in_chinese_mode(qtbot, chinese):
    box = QMessageBox(QMessageBox.Icon.Warning, "网格治理指挥台", "确认？",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text().replace("&", "") for b in box.buttons()) == sorted(["确定", "取消"])
    bar = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(bar)
    assert bar.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "") == "确定"
    assert bar.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "取消"
    status = StatusBar(Bus(), None)
    qtbot.addWidget(status)
    dialog = status.show_feed_status()
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "") == "关闭"


# ---- feed status in English ---------------------------------------------------------------------------
def test_feed_status_in_english(qtbot, english):
    bus = Bus()
    status = StatusBar(bus, None, clock=FakeClock())
    qtbot.addWidget(status)
    t0 = FakeClock()()
    bus.publish("feed_state", state=FeedState(
        "backoff", "ws://10.1.2.3:8765/feed", 120, 150, 30, 2, 0.0, retry_at=t0 + timedelta(seconds=8),
        error_kind="refused", error_detail="[Errno 111] Connect call failed", error_at=t0, attempts=3,
        received=4321))
    assert status.feed_label.text() == "Reconnecting"
    tip = status.feed_label.toolTip()
    assert "Connection refused: the hub is not running or the address/port is wrong ([Errno 111]" in tip
    assert "At: 2026-11-22 10:00:00" in tip  # the room's zone
    assert "3 failed attempts in a row; next retry: 10:00:08" in tip
    assert "Next retry" not in tip
    assert no_chinese(tip), tip
    dialog = status.show_feed_status()
    qtbot.addWidget(dialog)
    texts = [dialog.windowTitle()] + [dialog.text(k) for k in dialog.fields]
    assert all(no_chinese(t) for t in texts), texts
    assert dialog.text("received") == "4,321"
    assert dialog.text("retry") == "10:00:08 (in 8 s)"


# ---- start-up refusals ---------------------------------------------------------------------------------
def store_refusals(tmp_path: Path) -> list[tuple[str, str]]:
    """Real refusals of the store: (message, the file it names)."""
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not a database at all" * 200)
    foreign = tmp_path / "foreign.db"
    con = sqlite3.connect(foreign)
    con.execute("create table customers (id integer primary key)")
    con.commit()
    con.close()
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    out = []
    for url, named in ((f"sqlite:///{corrupt}", corrupt), (f"sqlite:///{foreign}", foreign),
                       (f"sqlite:///{folder}", folder), (f"sqlite:///{blocker / 'c.db'}", blocker)):
        with pytest.raises(StoreError) as info:
            open_store(url)
        out.append((info.value.message, str(named)))
    return out


def test_every_store_refusal_is_worded_in_chinese(qapp, chinese, tmp_path):
    for message, named in store_refusals(tmp_path):
        text = store_error_text(message)
        assert named in text
        assert not text.startswith("无法打开数据库："), message  # a template of its own, not the fallback
        assert CJK.search(text.replace(named, "")), text


def test_store_refusals_in_english(qapp, english, tmp_path):
    for message, named in store_refusals(tmp_path):
        text = store_error_text(message)
        assert named in text
        assert no_chinese(text), text
    assert startup_error_text("sla", "sla.toml: line 3") == "The time-limit table (sla.toml) is invalid: sla.toml: line 3"


def test_fatal_start_up_message_in_the_ui_language(qapp, english, capsys):
    report_fatal(StartupError("district", "district data: grids.geojson: feature 5: unknown parent_id"), gui=False)
    err = capsys.readouterr().err
    assert err.startswith("Grid Governance Command Console: The district data cannot be loaded: district data:")
    assert no_chinese(err), err


def run_console(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "run", "--quit-after", "0.1", *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_refused_start_up_explains_itself_in_chinese(tmp_path):
    db = tmp_path / "console.db"
    db.write_bytes(b"not a database at all" * 200)
    proc = run_console("--no-feed", "--db", f"sqlite:///{db}")
    assert proc.returncode != 0
    assert f"网格治理指挥台: {db}：不是 SQLite 数据库（文件已损坏或是其他类型的文件），文件未作任何改动" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run_console("--db", f"sqlite:///{tmp_path / 'ok.db'}", "--connect", "not-a-url", "--token", "t")
    assert proc.returncode != 0
    assert "数据连接地址无效：not a websocket URL: 'not-a-url'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_refusals_are_worded_in_the_ui_language(english) -> None:
    """A refused decision reads in English in English mode (the domain words it in Chinese)."""
    from console.domain.decisions import REFUSALS_ZH
    from console.qtmodels.refusals import TEMPLATES, refusal_text
    from console.services.decisions import DecisionRefused

    assert set(TEMPLATES) == set(REFUSALS_ZH)  # every refusal has a template for the translators
    samples = {
        "not_now": {"state": "closed", "step": "dispatch"},
        "already_dispatched": {"units": ["dept.cityenf"]},
        "claimed": {"holder": "seat-2"},
        "take_over_lost": {"holder": "seat-2"},
        "missing": {"ids": ["e1"]},
        "unknown_unit": {"unit": "dept.x"},
        "unknown_category": {"category": "x.y"},
        "hub_refused": {"error": "unknown unit"},
        "conflict": {"event_id": "e1"},
        "not_live": {"event_id": "e1"},
        "not_linked": {"event_id": "e1"},
        "merge_target_closed": {"event_id": "e1"},
        "trainer_live": {"action": "dispatch"},
        "role_read_only": {"role": "wall", "action": "file"},
        "role_forbidden": {"role": "officer", "action": "suspend"},
    }
    for key in REFUSALS_ZH:
        text = refusal_text(DecisionRefused(key, **samples.get(key, {})))
        assert text, key
        assert not CJK.search(text), (key, text)
