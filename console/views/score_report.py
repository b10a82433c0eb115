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

from console.widgets.kpi_tile import default_specs, seconds_text

translate = QCoreApplication.translate
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei")


def verdict_labels() -> dict[str, str]:
    t = lambda s: translate("Score", s)  # noqa: E731
    return {
        "match": t("一致"), "differs": t("不一致"), "not_dispatched": t("未派遣"),
        "no_dispatch_needed": t("无需派遣"), "recorded_not_dispatched": t("原值班员未派遣"),
        "ok": t("正确"), "missed": t("应上报未上报"), "needless": t("不必要的上报"),
        "verified": t("核查后结案"), "awaiting_verification": t("待核查"),
        "closed_unverified": t("未核查即结案"), "open": t("处理中"),
    }


def total_rows() -> list[tuple[str, str, str]]:
    """(key in totals, label, kind) of the side-by-side totals; kind: n, s (seconds) or rate."""
    t = lambda s: translate("Score", s)  # noqa: E731
    return [
        ("events", t("事件数"), "n"),
        ("needing_dispatch", t("需派遣"), "n"),
        ("dispatched", t("已派遣"), "n"),
        ("dispatch_median_s", t("派遣用时中位数"), "s"),
        ("dispatch_p90_s", t("派遣用时p90"), "s"),
        ("dispatch_within_60s_rate", t("60秒内派遣率"), "rate"),
        ("department_table_rate", t("部门与职责清单一致率"), "rate"),
        ("department_recorded_rate", t("部门与原值班员一致率"), "rate"),
        ("escalated", t("上报次数"), "n"),
        ("escalations_missed", t("应上报未上报"), "n"),
        ("escalations_needless", t("不必要的上报"), "n"),
        ("sla_breaches", t("造成超时"), "n"),
        ("verified_closed", t("核查后结案"), "n"),
        ("awaiting_verification", t("待核查"), "n"),
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
    t = lambda s: translate("Score", s)  # noqa: E731
    esc = html.escape
    labels = verdict_labels()
    mine, theirs = score["totals"]["trainee"], score["totals"]["recorded"]
    parts = [
        "<html><body>",
        f"<h2>{esc(t('培训评分报告'))}</h2>",
        f"<p>{esc(t('学员'))}：<b>{esc(str(score.get('trainee') or '—'))}</b>　"
        f"{esc(t('录制时段'))}：{_local(score['window']['start'], zone)} – {_local(score['window']['end'], zone)}　"
        f"{esc(t('已播放'))}：{score.get('played_events', 0)} / {score.get('recorded_events', 0)}</p>",
        f"<p>{esc(t('录制库'))}：{esc(str(score.get('recording') or ''))}<br/>"
        f"{esc(t('生成时间'))}：{_local(score.get('generated_at'), zone)}</p>",
        f"<h3>{esc(t('汇总（与原值班员对比）'))}</h3>",
        "<table border='1' cellspacing='0' cellpadding='4' width='100%' style='border-collapse:collapse'>",
        f"<tr><th align='left'>{esc(t('指标'))}</th><th>{esc(t('学员'))}</th><th>{esc(t('原值班员'))}</th></tr>",
    ]
    for key, label, kind in total_rows():
        parts.append(f"<tr><td>{esc(label)}</td><td align='right'>{fmt(mine.get(key), kind)}</td>"
                     f"<td align='right'>{fmt(theirs.get(key), kind) if key in theirs else '—'}</td></tr>")
    for label, a, b in kpi_rows(score):
        parts.append(f"<tr><td>{esc(label)}</td><td align='right'>{a}</td><td align='right'>{b}</td></tr>")
    parts += [
        "</table>",
        f"<h3>{esc(t('逐件评分'))}</h3>",
        "<table border='1' cellspacing='0' cellpadding='3' width='100%' style='font-size:8pt; border-collapse:collapse'>",
        "<tr>" + "".join(f"<th>{esc(t(h))}</th>" for h in (
            "事件", "派遣用时", "原值班员用时", "派遣部门", "对照职责清单", "对照原值班员", "上报", "超时", "核查")) + "</tr>",
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
