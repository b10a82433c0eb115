"""The status bar hears the SLA clock: a refused sla.toml reload is shown until a valid one loads."""

from __future__ import annotations

from pathlib import Path

from console.domain.sla_config import DEFAULT_SLA_PATH
from console.services.bus import Bus
from console.services.sla_clock import FakeClock, SlaClock
from console.views.status_bar import StatusBar
from tests.services.test_sla_support import T0, TABLE_TEXT, table


def test_refused_sla_table_is_shown_until_a_valid_one_loads(qtbot, tmp_path: Path) -> None:
    bus = Bus()
    sla = SlaClock(bus, table(), FakeClock(T0))
    bar = StatusBar(bus, None, clock=lambda: T0)
    qtbot.addWidget(bar)
    assert bar.sla_label.isHidden()
    bad = tmp_path / "sla.toml"
    bad.write_text(TABLE_TEXT.replace('sign = "15min"', 'sign = "-15min"'), encoding="utf-8")
    err = sla.reload(bad)
    assert err is not None
    assert not bar.sla_label.isHidden()
    assert bar.sla_label.text() == f"SLA 时限表有误，仍使用上一版：{err}"
    assert "levels.significant.sign" in bar.sla_label.text()
    assert bar.sla_label.toolTip() == str(err)
    assert sla.reload(DEFAULT_SLA_PATH) is None
    assert bar.sla_label.isHidden()
