"""The theme (issue 12, items 4, 8 and 9), judged on rendered pixels under the application style
sheet: a disabled button must not look like an enabled one, every state of a button looks
different, check-box outlines stand out from the background, the map's floating buttons read on
the light basemap, and KPI figures keep their size.

The console has one theme (dark, ``resources/qss``); each test applies it to the application and
takes it off again.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QToolButton,
    QWidget,
)

from console.views import theme
from console.widgets.kpi_tile import KpiStrip


@pytest.fixture
def themed(qapp):
    qapp.setStyleSheet("")
    qss = theme.apply_theme(qapp)
    yield qss
    qapp.setStyleSheet("")


def luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def pixels(img: QImage, rect: QRect | None = None) -> list[QColor]:
    r = rect or img.rect()
    return [img.pixelColor(x, y) for y in range(r.top(), r.bottom() + 1) for x in range(r.left(), r.right() + 1)]


def background(img: QImage, rect: QRect | None = None) -> QColor:
    """The most common colour (a control's face)."""
    return QColor.fromRgba(Counter(c.rgba() for c in pixels(img, rect)).most_common(1)[0][0])


def text_contrast(img: QImage, rect: QRect | None = None) -> float:
    """Contrast of the strongest mark (the text) against the face."""
    bg = background(img, rect)
    return max(contrast(bg, c) for c in pixels(img, rect))


def mean(img: QImage) -> tuple[float, float, float]:
    px = pixels(img)
    return tuple(sum(getattr(c, ch)() for c in px) / len(px) for ch in ("red", "green", "blue"))


def distance(a: QImage, b: QImage) -> float:
    return sum((x - y) ** 2 for x, y in zip(mean(a), mean(b), strict=True)) ** 0.5


def shot(widget: QWidget) -> QImage:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.repaint()
    return widget.grab().toImage()


def _row(qtbot, *widgets: QWidget, name: str = "row") -> QWidget:
    """The widgets in a shown window (keep the returned box: it owns them)."""
    box = QWidget()
    box.setObjectName(name)
    lay = QHBoxLayout(box)
    for w in widgets:
        lay.addWidget(w)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


@pytest.mark.parametrize("kind", ["push", "tool", "action_bar"])
def test_a_disabled_button_does_not_look_enabled(qtbot, themed, kind):
    make = QPushButton if kind == "push" else QToolButton
    on, off = make(), make()
    for b in (on, off):
        b.setText("一键上报")
    off.setEnabled(False)
    _box = _row(qtbot, on, off, name="eventActions" if kind == "action_bar" else "row")
    img_on, img_off = shot(on), shot(off)
    assert text_contrast(img_on) >= 4.5  # enabled: plainly readable
    assert text_contrast(img_off) <= 0.6 * text_contrast(img_on)  # disabled: visibly dimmed
    if kind != "tool":  # real buttons also lose their raised face
        assert distance(img_on, img_off) >= 8


def test_every_state_of_a_push_button_looks_different(qtbot, themed):
    buttons = {name: QPushButton("派遣") for name in ("normal", "hover", "focus", "pressed", "checked", "disabled")}
    box = _row(qtbot, *buttons.values())
    buttons["checked"].setCheckable(True)
    buttons["checked"].setChecked(True)
    buttons["disabled"].setEnabled(False)
    buttons["pressed"].setDown(True)
    buttons["focus"].setFocus()
    box.activateWindow()
    qtbot.waitUntil(buttons["focus"].hasFocus)
    qtbot.mouseMove(buttons["hover"])
    qtbot.waitUntil(lambda: buttons["hover"].underMouse())
    shots = {name: shot(b) for name, b in buttons.items()}
    for a, b in itertools.combinations(shots, 2):
        assert shots[a] != shots[b], f"{a} and {b} render alike"


def _indicator_rect(cb: QCheckBox) -> QRect:
    opt = QStyleOptionButton()
    cb.initStyleOption(opt)
    return cb.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, opt, cb)


def test_check_box_outline_stands_out_and_the_tick_shows(qtbot, themed):
    off, on = QCheckBox("只看我的"), QCheckBox("只看我的")
    on.setChecked(True)
    _box = _row(qtbot, off, on)
    img = shot(off)
    box = _indicator_rect(off)
    bg = img.pixelColor(img.width() - 1, img.height() // 2)
    outline = max(contrast(bg, c) for c in pixels(img, box))
    assert outline >= 3.0  # WCAG non-text contrast for the box a click must find
    assert pixels(shot(on), box) != pixels(img, box)  # ticked looks ticked


def test_list_row_check_boxes_stand_out(qtbot, themed):
    lst = QListWidget()
    item = QListWidgetItem("城管执法")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    lst.addItem(item)
    _box = _row(qtbot, lst)
    lst.repaint()
    img = lst.viewport().grab().toImage()
    row = lst.visualItemRect(item)
    start = QRect(row.left(), row.top(), 24, row.height())  # the check box at the row's start
    bg = img.pixelColor(row.right() - 2, row.center().y())
    assert max(contrast(bg, c) for c in pixels(img, start)) >= 3.0


def test_map_buttons_read_on_the_light_basemap(qtbot, themed):
    from console.widgets.map_canvas import MapCanvas

    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 500)
    canvas.show()
    qtbot.waitExposed(canvas)
    img = canvas.render_image(800, 500)
    for button in (canvas.home_button, canvas.furniture.legend_button):
        face = button.geometry().adjusted(2, 2, -2, -2)
        assert text_contrast(img, face) >= 4.5, button.objectName()


def test_kpi_figures_keep_their_size_under_the_app_style_sheet(qtbot, themed):
    strip = KpiStrip(value_pt=22)
    qtbot.addWidget(strip)
    strip.show()
    qtbot.waitExposed(strip)
    tile = strip.tile("closure_rate")
    tile.set_value(0.9083)
    assert tile.value.font().pointSize() == 22
    assert tile.value.font().bold()
    assert tile.title.font().pointSize() == tile.title_pt >= 11
    # and it is what gets painted: the figure is about twice as tall as the 10 pt body text
    assert tile.value.fontMetrics().height() >= 1.8 * tile.hint.fontMetrics().height()


def test_the_walls_figures_keep_their_size_in_the_supervisor_dock(qtbot, themed):
    """The supervisor dock (报表 → 主管大屏) shows the wall's pages inside the themed console: the
    figures keep the wall's pixel sizes, and plain text keeps the theme's body font."""
    from datetime import UTC, datetime

    from console.core import load_or_seed_district
    from console.store import open_store
    from console.views.wall.window import WallScreen

    with open_store("sqlite://") as store:
        district = load_or_seed_district(store)
    now = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
    screen = WallScreen(district, pages=["kpi"], clock=lambda: now, height=1080)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    tile = screen.pages["kpi"].tiles["open"]
    assert tile.value.font().pixelSize() == 56
    assert tile.value.fontMetrics().height() >= 3 * QListWidget().fontMetrics().height()
    body = QListWidget()
    assert body.font().pointSize() == theme.BODY_PT
    assert "Noto Sans CJK SC" in body.font().families()

