"""The trainee's score in words: verdict labels, the report as HTML and as a PDF (培训评分报告).

The score itself is a plain dict (``console.services.scoring``); this module only words and lays it
out. The PDF is Qt's own (``QPdfWriter`` + ``QTextDocument``) with a CJK font (Noto Sans CJK from
fonts-noto-cjk), embedded so the Chinese text shows in any viewer.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from console.qtmodels import labels as ui_labels
from console.widgets.kpi_tile import default_specs, seconds_text

translate = QCoreApplication.translate
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei")


def verdict_labels() -> dict[str, str]:
    return {
        "match": translate("Score", "一致"), "differs": translate("Score", "不一致"), "not_dispatched": translate("Score", "未派遣"),
        "no_dispatch_needed": translate("Score", "无需派遣"), "recorded_not_dispatched": translate("Score", "原值班员未派遣"),
        "ok": translate("Score", "正确"), "missed": translate("Score", "应上报未上报"), "needless": translate("Score", "不必要的上报"),
        "verified": translate("Score", "核查后结案"), "awaiting_verification": translate("Score", "待核查"),
        "closed_unverified": translate("Score", "未核查即结案"), "open": translate("Score", "处理中"),
    }


def total_rows() -> list[tuple[str, str, str]]:
    """(key in totals, label, kind) of the side-by-side totals; kind: n, s (seconds) or rate."""
    return [
        ("events", translate("Score", "事件数"), "n"),
        ("needing_dispatch", translate("Score", "需派遣"), "n"),
        ("dispatched", translate("Score", "已派遣"), "n"),
        ("dispatch_median_s", translate("Score", "派遣用时中位数"), "s"),
        ("dispatch_p90_s", translate("Score", "派遣用时p90"), "s"),
        ("dispatch_within_60s_rate", translate("Score", "60秒内派遣率"), "rate"),
        ("department_table_rate", translate("Score", "部门与职责清单一致率"), "rate"),
        ("department_recorded_rate", translate("Score", "部门与原值班员一致率"), "rate"),
        ("escalated", translate("Score", "上报次数"), "n"),
        ("escalations_missed", translate("Score", "应上报未上报"), "n"),
        ("escalations_needless", translate("Score", "不必要的上报"), "n"),
        ("sla_breaches", translate("Score", "造成超时"), "n"),
        ("verified_closed", translate("Score", "核查后结案"), "n"),
        ("awaiting_verification", translate("Score", "待核查"), "n"),
    ]


def fmt(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "rate":
        return f"{float(value) * 100:.1f}%"
    if kind == "s":
        return seconds_text(float(value))
    return str(value)


def kpi_rows(score: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(label, trainee, recorded) for the KPI strip's figures."""
    mine, theirs = score["kpis"]["trainee"], score["kpis"]["recorded"]
    out = []
    for spec in default_specs():
        a, b = mine.get(spec.key), theirs.get(spec.key)
        out.append((spec.title, spec.fmt(a) if a is not None else "—", spec.fmt(b) if b is not None else "—"))
    return out


def _local(text: str | None, tz: ZoneInfo) -> str:
    if not text:
        return "—"
    return datetime.fromisoformat(text).astimezone(tz).strftime("%Y-%m-%d %H:%M")


def report_html(score: Mapping[str, Any], tz: str = "Asia/Shanghai") -> str:
    zone = ZoneInfo(tz)
    esc = html.escape
    labels = verdict_labels()
    mine, theirs = score["totals"]["trainee"], score["totals"]["recorded"]
    title = translate("Score", "培训评分报告")
    trainee = translate("Score", "学员")
    window = translate("Score", "录制时段")
    played = translate("Score", "已播放")
    recording = translate("Score", "录制库")
    generated = translate("Score", "生成时间")
    summary = translate("Score", "汇总（与原值班员对比）")
    figure = translate("Score", "指标")
    recorded = translate("Score", "原值班员")
    per_event = translate("Score", "逐件评分")
    chinese = ui_labels.language().startswith("zh")
    colon, gap = ("：", "　") if chinese else (": ", "&emsp;")
    parts = [
        "<html><body>",
        f"<h2>{esc(title)}</h2>",
        f"<p>{esc(trainee)}{colon}<b>{esc(str(score.get('trainee') or '—'))}</b>{gap}"
        f"{esc(window)}{colon}{_local(score['window']['start'], zone)} – {_local(score['window']['end'], zone)}{gap}"
        f"{esc(played)}{colon}{score.get('played_events', 0)} / {score.get('recorded_events', 0)}</p>",
        f"<p>{esc(recording)}{colon}{esc(str(score.get('recording') or ''))}<br/>"
        f"{esc(generated)}{colon}{_local(score.get('generated_at'), zone)}</p>",
        f"<h3>{esc(summary)}</h3>",
        "<table border='1' cellspacing='0' cellpadding='4' width='100%' style='border-collapse:collapse'>",
        f"<tr><th align='left'>{esc(figure)}</th><th>{esc(trainee)}</th><th>{esc(recorded)}</th></tr>",
    ]
    for key, label, kind in total_rows():
        parts.append(f"<tr><td>{esc(label)}</td><td align='right'>{fmt(mine.get(key), kind)}</td>"
                     f"<td align='right'>{fmt(theirs.get(key), kind) if key in theirs else '—'}</td></tr>")
    for label, a, b in kpi_rows(score):
        parts.append(f"<tr><td>{esc(label)}</td><td align='right'>{a}</td><td align='right'>{b}</td></tr>")
    parts += [
        "</table>",
        f"<h3>{esc(per_event)}</h3>",
        "<table border='1' cellspacing='0' cellpadding='3' width='100%' style='font-size:8pt; border-collapse:collapse'>",
        "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in (
            translate("Score", "事件"), translate("Score", "派遣用时"), translate("Score", "原值班员用时"),
            translate("Score", "派遣部门"), translate("Score", "对照职责清单"), translate("Score", "对照原值班员"),
            translate("Score", "上报"), translate("Score", "超时"), translate("Score", "核查"))) + "</tr>",
    ]
    for r in score["events"]:
        secs = r["seconds_to_dispatch"]
        late = secs is not None and secs > score.get("target_dispatch_s", 60)
        style = " style='color:#c92a2a'" if late else ""
        parts.append(
            "<tr>"
            f"<td>{esc(r['title'])}</td>"
            f"<td align='right'{style}>{fmt(secs, 's')}</td>"
            f"<td align='right'>{fmt(r['recorded_seconds_to_dispatch'], 's')}</td>"
            f"<td>{esc(r.get('department_name') or r['department'] or '—')}</td>"
            f"<td>{esc(labels.get(r['department_vs_table'], r['department_vs_table']))}</td>"
            f"<td>{esc(labels.get(r['department_vs_recorded'], r['department_vs_recorded']))}</td>"
            f"<td>{esc(labels.get(r['escalation'], r['escalation']))}</td>"
            f"<td align='right'>{r['sla_breaches']}</td>"
            f"<td>{esc(labels.get(r['verification'], r['verification']))}</td>"
            "</tr>")
    parts += ["</table>", "</body></html>"]
    return "\n".join(parts)


def cjk_family() -> str | None:
    families = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in families), None)


def write_pdf(score: Mapping[str, Any], path: str | Path, tz: str = "Asia/Shanghai") -> Path:
    """The report as an A4 PDF (needs a QGuiApplication); returns the path."""
    out = Path(path)
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    writer.setResolution(150)
    writer.setTitle(translate("Score", "培训评分报告"))
    writer.setCreator("grid-console")
    doc = QTextDocument()
    family = cjk_family()
    font = QFont(family) if family else QFont()
    font.setPointSize(10)
    doc.setDefaultFont(font)
    doc.setHtml(report_html(score, tz))
    layout = writer.pageLayout()
    rect = layout.paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    return out
