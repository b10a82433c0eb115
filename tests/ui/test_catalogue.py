"""The shipped translations cover the code: every literal text the console hands to Qt's translator is
in both catalogues under the context the code asks for, translated (none unfinished), and the English
catalogue turns the texts of the wall, the replay, the training score and the triage menu into English.

lupdate only sees literal ``self.tr("…")``, ``translate("Ctx", "…")`` and ``QT_TRANSLATE_NOOP("Ctx", "…")``
calls; a module-level ``tr("…")`` wrapper lands in the empty context, which the running console never
asks for — the English UI then shows Chinese. The static check below catches that.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication

from console.qtmodels import labels
from console.views import i18n

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
TRANSLATE = {"translate", "QT_TRANSLATE_NOOP"}


def catalogue(name: str) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(context, source) → (translation type, text) of a .ts file."""
    out = {}
    for ctx in ET.parse(I18N / name).getroot().iter("context"):
        for m in ctx.iter("message"):
            t = m.find("translation")
            assert t is not None
            forms = [f.text or "" for f in t.iter("numerusform")]  # %n messages: one form per plural
            out[(ctx.findtext("name") or "", m.findtext("source") or "")] = (t.get("type"), " ".join(forms) or t.text or "")
    return out


def literal_calls() -> list[tuple[str, int, str, str]]:
    """(file, line, context, source) of every literal translation call in console/ (Chinese sources)."""
    found = []
    for path in sorted((ROOT / "console").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def visit(node: ast.AST, cls: str | None, path: Path = path) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.ClassDef):
                    visit(child, child.name, path)
                    continue
                if isinstance(child, ast.Call):
                    f, args = child.func, child.args
                    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                    strs = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in args]
                    where = (str(path.relative_to(ROOT)), child.lineno)
                    if name in TRANSLATE and len(strs) >= 2 and strs[0] is not None and strs[1] is not None:
                        found.append((*where, strs[0], strs[1]))
                    elif name == "tr" and strs and strs[0] is not None and CJK.search(strs[0]):
                        self_tr = isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self"
                        found.append((*where, cls if self_tr and cls else "", strs[0]))
                visit(child, cls, path)

        visit(tree, None)
    return found


@pytest.mark.parametrize("name", ["console_zh_CN.ts", "console_en.ts"])
def test_every_literal_text_is_translated_under_its_context(name):
    cat = catalogue(name)
    calls = [c for c in literal_calls() if CJK.search(c[3])]
    assert len(calls) > 500
    missing = [f"{f}:{line} ({ctx!r}) {src}" for f, line, ctx, src in calls if (ctx, src) not in cat]
    assert not missing, "not in the catalogue under the context the code asks for:\n" + "\n".join(missing)
    unfinished = [f"{ctx}: {src}" for (ctx, src), (kind, _text) in cat.items() if kind is not None]
    assert not unfinished, unfinished
    assert all(ctx for ctx, _src in cat), "messages in the empty context (a module-level tr() wrapper?)"
    if name == "console_zh_CN.ts":
        assert all(text == src for (_ctx, src), (_kind, text) in cat.items())  # the source language
    else:
        assert all(not CJK.search(text) for text in (t for _k, t in cat.values())), "Chinese in the English catalogue"


@pytest.fixture
def english(qapp):
    i18n.install_translator(qapp, "en")
    yield
    i18n.remove_translator(qapp)
    labels.clear_cache()


def test_wall_replay_score_and_triage_texts_in_english(qtbot, english):
    from console.views.replay_view import ReplayBanner, banner_text
    from console.views.score_report import report_html, total_rows, verdict_labels
    from console.views.wall.pages import page_titles, source_names
    from console.views.wall.style import level_names
    from console.widgets.map_workers import state_names

    assert page_titles()["overdue"] == "Overdue and supervised"
    assert source_names()["grid_app"] == "Grid worker app"
    assert level_names() == ("General", "Significant", "Major", "Critical")
    assert state_names()["stale"] == "Position stale"
    assert QCoreApplication.translate("TriageMenu", "研判") == "Triage"
    texts = list(verdict_labels().values()) + [label for _k, label, _kind in total_rows()]
    assert all(not CJK.search(t) for t in texts), texts
    score = {"trainee": "trainee-1", "window": {"start": "2026-11-22T01:00:00+00:00", "end": "2026-11-22T03:00:00+00:00"},
             "played_events": 1, "recorded_events": 2, "recording": "rec.db", "generated_at": "2026-11-22T04:00:00+00:00",
             "totals": {"trainee": {}, "recorded": {}}, "kpis": {"trainee": {}, "recorded": {}}, "events": []}
    page = report_html(score)
    assert "Training score report" in page
    assert "Trainee: <b>trainee-1</b>" in page
    assert not CJK.search(page), page
    banner = ReplayBanner()
    qtbot.addWidget(banner)
    text = banner_text(datetime(2026, 11, 22, 2, 0, tzinfo=UTC), ZoneInfo("Asia/Shanghai"), 16, True)
    assert text.startswith("Replay mode · not live")
    assert text.endswith("Playing 16×")
    assert banner.fontMetrics().horizontalAdvance(text) <= banner.sizeHint().width()


def data_strings(*objs: object) -> set[str]:
    """Every text inside ``objs`` (dataclasses, mappings, sequences): names that come with the data."""
    out: set[str] = set()

    def walk(o: object) -> None:
        if isinstance(o, str):
            out.add(o)
        elif dataclasses.is_dataclass(o) and not isinstance(o, type):
            for f in dataclasses.fields(o):
                walk(getattr(o, f.name))
        elif isinstance(o, dict):
            for k, v in o.items():
                walk(k)
                walk(v)
        elif isinstance(o, list | tuple | set | frozenset):
            for v in o:
                walk(v)

    for o in objs:
        walk(o)
    return out


def test_the_wall_in_english_shows_chinese_only_in_data_names(qtbot, english, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView, QWidget

    from console.bench.wall_room import build_room
    from console.core import load_or_seed_district
    from console.domain.sla import default_table
    from console.services.wall_data import WallDataService
    from console.store import open_store
    from console.views.wall.pages import PAGES
    from console.views.wall.window import WallScreen

    now = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
    url = f"sqlite:///{tmp_path / 'room.db'}"
    with open_store(url) as store:
        district = load_or_seed_district(store)
        build_room(store, district, default_table(), now, days=2, history_per_day=20, open_extra=60, seed=2)
    with open_store(url, readonly=True) as ro:
        snap = WallDataService(ro, default_table(), clock=lambda: now).refresh()
    screen = WallScreen(district, pages=list(PAGES), clock=lambda: now, height=720, alarm_timeout=5)
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    screen.show()
    screen.apply(snap)
    screen.raise_alarm(snap.alarms[0])
    names = data_strings(snap) | {district.info.name}
    for group in (district.grids, district.police_grids, district.members, district.departments, district.cameras):
        names |= {x.name for x in group.values()}
    names = {n for n in names if CJK.search(n)}

    def foreign(text: str) -> bool:
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, "")
        return bool(CJK.search(text))

    shown = []
    for w in [screen, *screen.findChildren(QWidget)]:
        shown += [w.windowTitle(), w.toolTip()]
        if isinstance(w, QLabel | QAbstractButton):
            shown.append(w.text())
        if isinstance(w, QTableView) and w.model() is not None:
            m = w.model()
            for c in range(m.columnCount()):
                shown.append(str(m.headerData(c, Qt.Orientation.Horizontal)))
                shown += [str(m.index(r, c).data()) for r in range(m.rowCount())]
    assert len(shown) > 100
    assert [t for t in shown if t and foreign(t)] == []
