"""The report as an Excel workbook with native charts (xlsxwriter).

Sheets: 概览 (the KPIs, 巡查覆盖率 of the window and of each shift, the intake / handling-time charts),
网格, 部门, 人员 (KPIs per group), 巡查覆盖 (each grid's walked and total street metres and rate),
超期督办 (overdue and supervised events), 吹哨报到 (whistles and check-ins), 一键下达 (roll calls),
接报 (intake by hour and by source). Rates are stored as fractions with a percent format, so a
cell holds exactly the figure :func:`console.services.report.build_report` computed.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import xlsxwriter

from console.domain.kpi import KPI_KEYS
from console.services.report import (
    HANDLING_LABELS,
    KPI_LABELS,
    LEVEL_LABELS,
    SHIFT_LABELS,
    SOURCE_LABELS,
    STATE_LABELS,
    ReportData,
)

GROUP_SHEETS = (("grid", "网格"), ("dept", "部门"), ("worker", "人员"))


def _num(v: Any) -> Any:
    if v is None or isinstance(v, float) and math.isnan(v):
        return ""
    return v


def write_xlsx(data: ReportData, out: str | Path) -> None:
    """Write the workbook (raises OSError / xlsxwriter's FileCreateError when ``out`` cannot be written)."""
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": False, "default_date_format": "yyyy-mm-dd hh:mm"})
    try:
        _write(wb, data)
    finally:
        wb.close()


def _write(wb: Any, data: ReportData) -> None:
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "bg_color": "#dde6f0", "border": 1})
    title = wb.add_format({"bold": True, "font_size": 16})
    pct = wb.add_format({"num_format": "0.0%"})
    num = wb.add_format({"num_format": "0.0"})
    fmts = {"pct": pct, "num": num, "count": None}

    ov = wb.add_worksheet("概览")
    ov.set_column(0, 0, 26)
    ov.set_column(1, 3, 16)
    ov.write(0, 0, data.title or f"{data.district} 报表", title)
    ov.write(1, 0, "时段")
    ov.write(1, 1, f"{data.local(data.t0)} — {data.local(data.t1)}（{data.tz}）")
    ov.write(2, 0, "数据截至")
    ov.write(2, 1, data.local(data.at))
    if data.empty:
        ov.write(3, 0, "本时段无接报事件", bold)
    ov.write_row(4, 0, ["指标", "数值"], head)
    for r, key in enumerate(KPI_KEYS, start=5):
        label, kind = KPI_LABELS[key]
        ov.write(r, 0, label)
        ov.write(r, 1, _num(data.kpis.get(key)), fmts[kind])
    r = 5 + len(KPI_KEYS)
    ov.write(r, 0, "仍未办结")
    ov.write(r, 1, data.open_at_end)
    ov.write(r + 1, 0, "巡查覆盖率")
    ov.write(r + 1, 1, _num(data.coverage_rate), pct)
    for i, (shift, s0, s1, rate) in enumerate(data.coverage_shifts, start=r + 2):
        ov.write(i, 0, f"巡查覆盖率·{SHIFT_LABELS.get(shift, shift)} {data.local(s0)[5:]}—{data.local(s1)[11:]}")
        ov.write(i, 1, _num(rate), pct)

    # intake by hour + by source, handling time: data on 接报, charts on 概览
    ib = wb.add_worksheet("接报")
    ib.write_row(0, 0, ["时段", "接报数"], head)
    for i, (h, n) in enumerate(zip(data.hours, data.intake_hour, strict=True), start=1):
        ib.write(i, 0, data.local(h)[5:])
        ib.write(i, 1, n)
    nh = len(data.hours)
    ib.write_row(0, 3, ["来源", "接报数"], head)
    for i, (s, n) in enumerate(data.intake_source.items(), start=1):
        ib.write(i, 3, SOURCE_LABELS.get(s, s))
        ib.write(i, 4, n)
    ns = len(data.intake_source)
    ib.write_row(0, 6, ["处置时长", "事件数"], head)
    for i, (label, n) in enumerate(zip(HANDLING_LABELS, data.handling, strict=True), start=1):
        ib.write(i, 6, label)
        ib.write(i, 7, n)
    ib.set_column(0, 7, 14)

    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "接报数", "categories": ["接报", 1, 0, nh, 0], "values": ["接报", 1, 1, nh, 1],
                      "fill": {"color": "#3b7dd8"}})
    chart.set_title({"name": "按小时接报"})
    chart.set_legend({"none": True})
    chart.set_size({"width": 720, "height": 300})
    ov.insert_chart(4, 4, chart)
    if ns:
        pie = wb.add_chart({"type": "pie"})
        pie.add_series({"name": "来源", "categories": ["接报", 1, 3, ns, 3], "values": ["接报", 1, 4, ns, 4],
                        "data_labels": {"percentage": True}})
        pie.set_title({"name": "按来源接报"})
        pie.set_size({"width": 480, "height": 300})
        ov.insert_chart(20, 4, pie)
    hist = wb.add_chart({"type": "column"})
    hist.add_series({"name": "事件数", "categories": ["接报", 1, 6, len(HANDLING_LABELS), 6],
                     "values": ["接报", 1, 7, len(HANDLING_LABELS), 7], "fill": {"color": "#e8a33d"}})
    hist.set_title({"name": "处置时长分布"})
    hist.set_legend({"none": True})
    hist.set_size({"width": 480, "height": 300})
    ov.insert_chart(20, 12, hist)

    for key, name in GROUP_SHEETS:
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, ["编号", "名称", *[KPI_LABELS[k][0] for k in KPI_KEYS]], head)
        ws.set_column(0, 1, 18)
        ws.set_column(2, 2 + len(KPI_KEYS), 14)
        for r, (gid, label, k) in enumerate(data.by.get(key, []), start=1):
            ws.write(r, 0, gid)
            ws.write(r, 1, label)
            for c, kk in enumerate(KPI_KEYS, start=2):
                ws.write(r, c, _num(k.get(kk)), fmts[KPI_LABELS[kk][1]])
        ws.freeze_panes(1, 2)

    cv = wb.add_worksheet("巡查覆盖")
    cv.write_row(0, 0, ["编号", "网格", "层级", "已巡查（米）", "街巷总长（米）", "巡查覆盖率"], head)
    cv.set_column(0, 1, 22)
    cv.set_column(2, 5, 14)
    for r, g in enumerate(data.coverage_grids, start=1):
        cv.write_row(r, 0, [g["id"], g["name"], g["level"]])
        cv.write(r, 3, round(float(g["walked_m"]), 1), num)
        cv.write(r, 4, round(float(g["total_m"]), 1), num)
        cv.write(r, 5, _num(g["rate"]), pct)
    if not data.coverage_fixes:
        cv.write(len(data.coverage_grids) + 2, 0, "本时段无网格员定位数据", bold)
    cv.freeze_panes(1, 2)

    od = wb.add_worksheet("超期督办")
    od.write_row(0, 0, ["事件", "标题", "等级", "网格", "责任部门", "接报", "时限", "结案", "超期（分钟）", "督办", "状态"],
                 head)
    od.set_column(0, 1, 24)
    od.set_column(2, 10, 14)
    for r, e in enumerate(data.overdue, start=1):
        od.write_row(r, 0, [e["id"], e["title"], LEVEL_LABELS[e["level"]], e["grid"], e["dept"],
                            data.local(e["received"]), data.local(e["due"]), data.local(e["closed"]), e["over_min"],
                            "是" if e["supervised"] else "", STATE_LABELS.get(e["state"], e["state"])])

    wh = wb.add_worksheet("吹哨报到")
    wh.write_row(0, 0, ["吹哨", "事件", "事由", "吹哨时间", "报到时限", "部门", "报到时间", "按时"], head)
    wh.set_column(0, 7, 16)
    r = 1
    for w in data.whistles:
        for s in w["summons"]:
            wh.write_row(r, 0, [w["id"], w["event_id"], w["note"], data.local(w["blown_at"]), data.local(w["checkin_by"]),
                                s["department"], data.local(s["checked_in_at"]), "是" if s["in_time"] else "否"])
            r += 1

    rc = wb.add_worksheet("一键下达")
    rc.write_row(0, 0, ["下达", "指令", "下达时间", "确认时限", "网格", "确认时间", "按时"], head)
    rc.set_column(0, 6, 16)
    r = 1
    for b in data.roll_calls:
        for a in b["acks"]:
            rc.write_row(r, 0, [b["id"], b["instruction"], data.local(b["sent_at"]), data.local(b["ack_by"]), a["grid"],
                                data.local(a["acked_at"]), "是" if a["in_time"] else "否"])
            r += 1
