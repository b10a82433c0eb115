"""`python main.py wall`: the read-only wall display (大屏) of a room's store, full screen on the chosen screens.

    python main.py wall --db room.db --screens 0,1 --pages map,kpi,overdue --dwell 30 --lang zh_CN

Keys on a wall screen: space (or a click) pauses the rotation, P pins the page, ←/→ change page,
Enter (or a click) acknowledges an alarm takeover, Esc leaves full screen, Ctrl+Q quits.
"""

from __future__ import annotations

import argparse
import logging
import sys

log = logging.getLogger(__name__)
PAGES = ("map", "kpi", "overdue", "whistle", "ranking", "trend")
LANGS = ("zh_CN", "en")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("wall", help="read-only wall display (大屏): KPIs, map, overdue, whistles, rankings, trends")
    p.add_argument("--db", default=None, help="SQLAlchemy URL or SQLite file of the room (default: this seat's)")
    p.add_argument("--screens", default="0", help="comma-separated screen indexes (default 0)")
    p.add_argument("--pages", default=",".join(PAGES), help=f"pages in rotation order, of: {', '.join(PAGES)}")
    p.add_argument("--dwell", default="20",
                   help="seconds each page stays: S for every page, or per page, e.g. 20,map=40,kpi=30")
    p.add_argument("--interval", type=float, default=10.0, help="seconds between data refreshes (default 10)")
    p.add_argument("--lang", choices=LANGS, default="zh_CN", help="display language (default zh_CN)")
    p.add_argument("--windowed", action="store_true", help="normal windows instead of full screen")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    sys.stderr.write(f"wall: {message}\n")
    return 2


def parse_pages(text: str) -> list[str]:
    pages = [p.strip() for p in text.split(",") if p.strip()]
    unknown = [p for p in pages if p not in PAGES]
    if unknown:
        raise ValueError(f"unknown page {', '.join(map(repr, unknown))}; pages: {', '.join(PAGES)}")
    if not pages:
        raise ValueError(f"no page chosen; pages: {', '.join(PAGES)}")
    return list(dict.fromkeys(pages))


def parse_screens(text: str) -> list[int]:
    try:
        out = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise ValueError(f"--screens takes screen numbers like 0,1, not {text!r}") from None
    if not out or any(i < 0 for i in out):
        raise ValueError(f"--screens takes screen numbers like 0,1, not {text!r}")
    return list(dict.fromkeys(out))


def parse_dwell(text: str, pages: list[str]) -> dict[str, int]:
    """``20`` or ``20,map=40,kpi=30`` → seconds per page."""
    default = 20.0
    per: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        name, _, value = part.rpartition("=")
        try:
            secs = float(value)
        except ValueError:
            raise ValueError(f"--dwell takes seconds like 20 or 20,map=40, not {text!r}") from None
        if not secs > 0:
            raise ValueError("--dwell and --interval must be positive seconds")
        if not name:
            default = secs
        elif name not in PAGES:
            raise ValueError(f"unknown page {name!r} in --dwell; pages: {', '.join(PAGES)}")
        else:
            per[name] = secs
    return {p: max(1, round(per.get(p, default))) for p in pages}


def run(args: argparse.Namespace) -> int:
    try:
        pages = parse_pages(args.pages)
        screens = parse_screens(args.screens)
        dwell = parse_dwell(args.dwell, pages)
    except ValueError as exc:
        return _fail(str(exc))
    if not args.interval > 0:
        return _fail("--dwell and --interval must be positive seconds")
    args.dwell = dwell
    from console.cli.report import db_url
    from console.domain.sla import SlaConfigError
    from console.domain.sla_config import DEFAULT_SLA_PATH, load_sla
    from console.services.report import room_district
    from console.store import open_store
    from console.store.errors import StoreError

    try:
        table = load_sla(DEFAULT_SLA_PATH)
    except SlaConfigError as exc:
        return _fail(str(exc))
    try:
        store = open_store(db_url(args.db), readonly=True)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        district = room_district(store)
        return _show(args, store, table, district, pages, screens)
    finally:
        store.close()


def _show(args: argparse.Namespace, store, table, district, pages: list[str], screens: list[int]) -> int:  # noqa: ANN001
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from console.services.wall_data import WallDataService
    from console.views import i18n
    from console.views.gui_gc import collect_on_gui_thread
    from console.views.wall.controller import WallController
    from console.views.wall.display import WallDisplay

    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_gui_thread(app)  # the refresh thread must never free Qt objects held in cycles
    i18n.install_translator(app, args.lang)
    have = QGuiApplication.screens()
    missing = [i for i in screens if i >= len(have)]
    if missing:
        listing = ", ".join(f"{i} ({s.name()} {s.geometry().width()}x{s.geometry().height()})" for i, s in enumerate(have))
        return _fail(f"screen {', '.join(map(str, missing))} does not exist; this desk has {len(have)}: {listing}")
    from console.services.coverage import PatrolCoverage

    service = WallDataService(store, table, tz=district.info.timezone, coverage=PatrolCoverage(store, district))
    controller = WallController(service, interval_s=args.interval)
    display = WallDisplay(controller, district, screens=screens, pages=pages, dwell=args.dwell,
                          clock=service.clock, fullscreen=not args.windowed)
    controller.start()
    try:
        return int(app.exec())
    finally:
        controller.stop()
        display.close_all()
