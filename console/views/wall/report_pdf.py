"""The report as PDF: Qt's text engine lays out HTML tables and chart images, QPdfWriter writes
A4 pages with the CJK font embedded (Noto Sans CJK SC, from fonts-noto-cjk), so Chinese renders
in any viewer. Needs a QGuiApplication (the CLI makes an offscreen one)."""

from __future__ import annotations

import html
import math
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

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

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei")
GROUP_TITLES = (("grid", "网格"), ("dept", "部门"), ("worker", "人员"))
GROUP_KPIS = ("events", "closure_rate", "on_time_rate", "onsite_disposal_rate", "avg_handling_min",
              "dispatch_p90_s", "dept_response_rate")
MAX_ROWS = 40  # rows per table in the PDF (the workbook has them all)


def cjk_family() -> str:
    have = set(QFontDatabase.families())
    for fam in CJK_FAMILIES:
        if fam in have:
            return fam
    return QFont().family()


def fmt(key: str, v: Any) -> str:
    if v is None or isinstance(v, float) and math.isnan(v):
        return "—"
    kind = KPI_LABELS[key][1]
    if kind == "pct":
        return f"{v * 100:.1f}%"
    if kind == "num":
        return f"{v:.1f}"
    return f"{int(v):,}"


def bar_chart(values: list[float], labels: list[str], title: str, colour: str, size: tuple[int, int],
              family: str) -> QImage:
    """A plain bar chart drawn with QPainter (high DPI: printed sharp)."""
    w, h = size
    img = QImage(w, h, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    f = QFont(family)
    f.setPixelSize(max(12, h // 22))
    p.setFont(f)
    p.setPen(QColor("#222"))
    p.drawText(QRectF(0, 0, w, h * 0.1), Qt.AlignmentFlag.AlignCenter, title)
    left, right, top, bottom = w * 0.07, w * 0.02, h * 0.14, h * 0.2
    pw, ph = w - left - right, h - top - bottom
    top_v = max([*values, 1.0])
    p.setPen(QPen(QColor("#888"), 1))
    p.drawLine(int(left), int(top + ph), int(left + pw), int(top + ph))
    n = max(1, len(values))
    bw = pw / n
    step = max(1, math.ceil(n / 12))
    for i, v in enumerate(values):
        bh = ph * v / top_v
        p.fillRect(QRectF(left + i * bw + bw * 0.1, top + ph - bh, bw * 0.8, bh), QColor(colour))
        if v:
            p.setPen(QColor("#333"))
            p.drawText(QRectF(left + i * bw, top + ph - bh - h * 0.06, bw, h * 0.06),
                       Qt.AlignmentFlag.AlignCenter, f"{v:g}")
        if i % step == 0:
            p.setPen(QColor("#333"))
            p.drawText(QRectF(left + i * bw - bw, top + ph + 4, bw * 3, h * 0.08), Qt.AlignmentFlag.AlignCenter,
                       labels[i])
    p.end()
    return img


def _table(head: list[str], rows: list[list[str]], note: str = "") -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    if not rows:
        body = f"<tr><td colspan='{len(head)}'>无</td></tr>"
    extra = f"<p class='note'>{html.escape(note)}</p>" if note else ""
    return f"<table width='100%' cellspacing='0' cellpadding='3'><tr>{th}</tr>{body}</table>{extra}"


def _pct(v: float | None) -> str:
    return "—" if v is None or v != v else f"{v * 100:.1f}%"


def report_html(data: ReportData, chart_width: int = 640) -> str:
    head = html.escape(data.title or f"{data.district} 报表")
    parts = [
        "<style>body{font-size:9pt;} h1{font-size:16pt;} h2{font-size:12pt;margin-top:12px;}"
        "table{border-collapse:collapse;} th{background:#dde6f0;border:1px solid #999;}"
        "td{border:1px solid #bbb;} .note{color:#666;font-size:8pt;}</style>",
        f"<h1>{head}</h1>",
        f"<p>时段：{data.local(data.t0)} — {data.local(data.t1)}（{data.tz}） · 数据截至 {data.local(data.at)}</p>",
    ]
    if data.empty:
        parts.append("<p><b>本时段无接报事件。</b></p>")
    parts.append("<h2>考核指标</h2>")
    parts.append(_table(["指标", "数值"], [[KPI_LABELS[k][0], fmt(k, data.kpis.get(k))] for k in KPI_KEYS]
                        + [["仍未办结", f"{data.open_at_end:,}"], ["巡查覆盖率", _pct(data.coverage_rate)]]
                        + [[f"巡查覆盖率·{SHIFT_LABELS.get(n, n)} {data.local(a)[5:]}—{data.local(b)[11:]}", _pct(r)]
                           for n, a, b, r in data.coverage_shifts]))
    parts.append("<h2>接报与处置</h2>" + "".join(
        f"<p><img src='chart://{name}' width='{chart_width}'></p>" for name in ("hours", "sources", "handling")))
    for key, name in GROUP_TITLES:
        rows = data.by.get(key, [])
        parts.append(f"<h2>按{name}</h2>")
        parts.append(_table(["名称", *[KPI_LABELS[k][0] for k in GROUP_KPIS]],
                            [[label, *[fmt(k, v.get(k)) for k in GROUP_KPIS]] for _, label, v in rows[:MAX_ROWS]],
                            f"共 {len(rows)} 行，此处列前 {MAX_ROWS} 行；完整数据见 XLSX。" if len(rows) > MAX_ROWS else ""))
    parts.append("<h2>巡查覆盖（街道及街区网格）</h2>")
    # the street and its blocks (every grid is in the workbook): a longer document is laid out by
    # QTextDocument in steps on a timer, which a worker thread without an event loop cannot run
    upper = [g for g in data.coverage_grids if int(g["level"]) < 3]
    parts.append(_table(["网格", "已巡查（米）", "街巷总长（米）", "巡查覆盖率"],
                        [[g["name"], f"{g['walked_m']:,.0f}", f"{g['total_m']:,.0f}", _pct(g["rate"])]
                         for g in upper[:MAX_ROWS]],
                        "本时段无网格员定位数据。" if not data.coverage_fixes
                        else "社区网格、微网格见 XLSX「巡查覆盖」。"))
    parts.append("<h2>超期与督办事件</h2>")
    parts.append(_table(["事件", "标题", "等级", "网格", "部门", "时限", "超期（分钟）", "督办", "状态"],
                        [[e["id"], e["title"], LEVEL_LABELS[e["level"]], e["grid"], e["dept"], data.local(e["due"]),
                          f"{e['over_min']:.0f}", "是" if e["supervised"] else "",
                          STATE_LABELS.get(e["state"], e["state"])] for e in data.overdue[:MAX_ROWS]],
                        f"共 {len(data.overdue)} 件，此处列前 {MAX_ROWS} 件。" if len(data.overdue) > MAX_ROWS else ""))
    parts.append("<h2>吹哨报到</h2>")
    parts.append(_table(["吹哨", "事由", "吹哨时间", "部门", "报到时间", "按时"],
                        [[w["id"], w["note"], data.local(w["blown_at"]), s["department"],
                          data.local(s["checked_in_at"]) or "未报到", "是" if s["in_time"] else "否"]
                         for w in data.whistles for s in w["summons"]]))
    parts.append("<h2>一键下达（点名）</h2>")
    parts.append(_table(["下达", "指令", "下达时间", "网格", "确认时间", "按时"],
                        [[b["id"], b["instruction"], data.local(b["sent_at"]), a["grid"],
                          data.local(a["acked_at"]) or "未确认", "是" if a["in_time"] else "否"]
                         for b in data.roll_calls for a in b["acks"]]))
    return "".join(parts)


def write_pdf(data: ReportData, out: str | Path) -> None:
    """Write the PDF (raises OSError when ``out`` cannot be written)."""
    family = cjk_family()
    writer = QPdfWriter(str(out))
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    writer.setTitle(data.title or "报表")
    writer.setCreator("网格治理指挥台")
    doc = QTextDocument()
    font = QFont(family)
    font.setPointSizeF(9)
    doc.setDefaultFont(font)
    hours = [data.local(h)[11:13] for h in data.hours]
    charts = {
        "hours": bar_chart([float(v) for v in data.intake_hour], hours, "按小时接报", "#3b7dd8", (1600, 500), family),
        "sources": bar_chart([float(v) for v in data.intake_source.values()],
                             [SOURCE_LABELS.get(s, s) for s in data.intake_source], "按来源接报", "#5fa05f",
                             (1600, 500), family),
        "handling": bar_chart([float(v) for v in data.handling], list(HANDLING_LABELS), "处置时长分布", "#e8a33d",
                              (1600, 500), family),
    }
    for name, img in charts.items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart://{name}"), img)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.setHtml(report_html(data, chart_width=int(rect.width() * 0.9)))
    doc.print_(writer)
    if not Path(out).exists() or Path(out).stat().st_size == 0:
        raise OSError(f"{out}: the PDF could not be written")


def ensure_gui_app() -> object:
    """The QGuiApplication the PDF writer needs (an offscreen one when there is no display)."""
    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    return app


def write_report(data: ReportData, out: str | Path, fmt: str) -> None:
    """Write the report as ``xlsx`` or ``pdf`` (raises OSError when ``out`` cannot be written)."""
    if fmt == "xlsx":
        from xlsxwriter.exceptions import FileCreateError

        from console.services.report_xlsx import write_xlsx

        try:
            write_xlsx(data, out)
        except FileCreateError as exc:
            raise OSError(str(exc.args[0] if exc.args else exc)) from exc
        return
    if fmt != "pdf":
        raise ValueError(f"unknown report format {fmt!r}")
    ensure_gui_app()
    write_pdf(data, out)
