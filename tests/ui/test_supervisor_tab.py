"""Inside the console (issue 16): 报表 → 主管大屏 shows the wall's pages in a tab, and 报表 → 导出报表…
writes a day report off the GUI thread with a progress bar; a bad path is one clear message."""

from __future__ import annotations

import zipfile

import pytest

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")


async def test_supervisor_tab_shows_the_wall_pages(shell, qtbot) -> None:
    w = shell.window
    dock = w.docks["dock.supervisor"]
    assert not dock.isVisible()  # the officer's console does not pay for it until opened
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "报表")
    show = next(a for a in menu.actions() if a.text() == "主管大屏")
    sup = shell.console.supervisor
    with qtbot.waitSignal(sup.controller.refreshed, timeout=20000) as sig:
        show.trigger()
    assert dock.isVisible()
    snap = sig.args[0]
    assert snap.tiles["open"] == len(shell.core.store.events.load_open()) > 0
    assert sup.screen.snapshot is snap
    assert set(sup.screen.pages) == {"map", "kpi", "overdue", "whistle", "ranking", "trend"}
    show.trigger()  # closed again: refreshes stop
    assert not sup.controller.ticker.isActive()


async def test_report_dialog_writes_off_the_gui_thread(shell, qtbot, tmp_path) -> None:
    w = shell.window
    shell.console.report_action.trigger()
    dlg = shell.console.report_dialog
    qtbot.addWidget(dlg)
    dlg.format.setCurrentIndex(dlg.format.findData("xlsx"))
    out = tmp_path / "today.xlsx"
    dlg.path.setText(str(out))
    with qtbot.waitSignal(dlg.finished_ok, timeout=30000) as sig:
        dlg.run_button.click()
        assert not dlg.run_button.isEnabled()  # running on the worker thread; the GUI stays live
    assert sig.args == [str(out)]
    assert dlg.bar.value() == 100
    with zipfile.ZipFile(out) as z:
        assert any(n.startswith("xl/charts/") for n in z.namelist())
    # the PDF too is laid out and written on the worker thread (QTextDocument, QImage charts, QPdfWriter)
    dlg.format.setCurrentIndex(dlg.format.findData("pdf"))
    pdf = tmp_path / "today.pdf"
    dlg.path.setText(str(pdf))
    with qtbot.waitSignal(dlg.finished_ok, timeout=30000):
        dlg.run_button.click()
    assert pdf.read_bytes().startswith(b"%PDF")
    dlg.path.setText(str(tmp_path / "missing" / "r.xlsx"))
    with qtbot.waitSignal(dlg.failed, timeout=5000) as bad:
        dlg.run_button.click()
    assert "文件夹不存在" in bad.args[0]
    dlg.reject()
    assert w.isVisible()
