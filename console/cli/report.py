"""`python main.py report`: the shift or day report as XLSX (native charts) or PDF (CJK font embedded).

    python main.py report --db URL --day 2026-11-23 --format pdf --out day.pdf
    python main.py report --db URL --from 2026-11-23T08:00+08:00 --to 2026-11-23T20:00+08:00 --format xlsx --out shift.xlsx

The database is opened read-only. ``--day`` is the room's zone day (Asia/Shanghai unless the
district says otherwise); ``--from``/``--to`` without an offset are read in that zone too.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)
FORMATS = ("xlsx", "pdf")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="shift or day report (KPIs, tables, charts) as XLSX or PDF")
    p.add_argument("--db", default=None, help="SQLAlchemy URL or SQLite file of the room (default: this seat's)")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--day", help="the room's zone day, YYYY-MM-DD")
    when.add_argument("--from", dest="start", help="window start (ISO 8601; needs --to)")
    p.add_argument("--to", dest="end", help="window end (ISO 8601, exclusive)")
    p.add_argument("--format", choices=FORMATS, default=None, help="xlsx or pdf (default: from --out's suffix)")
    p.add_argument("--out", required=True, help="output file")
    p.add_argument("--title", default="", help="report title (default: district and window)")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    sys.stderr.write(f"report: {message}\n")
    return 2


def _parse_time(text: str, tz: str, name: str) -> datetime:
    try:
        t = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name} is not an ISO 8601 time: {text!r} (e.g. 2026-11-23T08:00+08:00)") from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=ZoneInfo(tz))
    return t


def db_url(text: str | None) -> str | None:
    """A SQLAlchemy URL; a plain file path is a SQLite file."""
    if text is None or "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def check_writable(out: Path) -> str | None:
    """Why ``out`` cannot be written, or None."""
    parent = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        return f"{out} is a directory"
    if not parent.is_dir():
        return f"cannot write {out}: the folder {parent} does not exist"
    if out.exists() and not os.access(out, os.W_OK) or not os.access(parent, os.W_OK):
        return f"cannot write {out}: permission denied"
    return None


def run(args: argparse.Namespace) -> int:
    from datetime import UTC

    from console.domain.sla import SlaConfigError
    from console.domain.sla_config import DEFAULT_SLA_PATH, load_sla
    from console.services.report import build_report, day_window, room_district
    from console.store import open_store
    from console.store.errors import StoreError

    out = Path(args.out)
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        return _fail(f"unknown format {fmt!r}: use --format xlsx or --format pdf")
    if args.start and not args.end or args.end and not args.start:
        return _fail("--from and --to go together")
    why = check_writable(out)
    if why:
        return _fail(why)
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
        tz = district.info.timezone
        try:
            if args.day:
                try:
                    day = date.fromisoformat(args.day)
                except ValueError:
                    return _fail(f"--day is not a date YYYY-MM-DD: {args.day!r}")
                t0, t1 = day_window(day, tz)
                title = args.title or f"{district.name} 日报 {day.isoformat()}"
            else:
                t0 = _parse_time(args.start, tz, "--from").astimezone(UTC)
                t1 = _parse_time(args.end, tz, "--to").astimezone(UTC)
                title = args.title or f"{district.name} 班次报表"
        except ValueError as exc:
            return _fail(str(exc))
        if t1 <= t0:
            return _fail("--to must be after --from")
        started = time.perf_counter()
        try:
            data = build_report(store, table, t0, t1, district=district, title=title)
        except StoreError as exc:
            return _fail(str(exc))
        except Exception as exc:  # a database that fails part-way: one line, the detail in the log
            if type(exc).__module__.startswith(("sqlalchemy", "sqlite3", "psycopg")):
                log.error("report: reading %s failed", store.label, exc_info=exc)
                return _fail(f"{store.label}: cannot read the events: {getattr(exc, 'orig', None) or exc}")
            raise
    finally:
        store.close()
    try:
        write(data, out, fmt)
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}")
    note = "no events in this window (an empty report)" if data.empty else f"{data.kpis['events']:,} events"
    sys.stderr.write(f"report: {out} written ({fmt}, {note}, {time.perf_counter() - started:.1f} s)\n")
    return 0


def write(data: object, out: Path, fmt: str) -> None:
    """Write ``data`` as ``fmt`` (the PDF makes an offscreen QGuiApplication when there is none)."""
    from console.views.wall.report_pdf import write_report

    write_report(data, out, fmt)  # type: ignore[arg-type]
