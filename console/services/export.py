"""Export a console database: events, the action log, or the quarantine, as JSON lines or CSV.

- ``events``: one protocol event object per record (DESIGN §5) plus the console's status and
  triage fields (``state``, ``seq``, ``received_at``, ``assignees``, ``deadline_at``, …);
- ``actions``: the append-only log, event by event;
- ``quarantine``: raw record, reason, seq, received_at.

CSV has a header; nested values (location, extra fields, lists) are flattened or JSON-encoded. Every
CSV text cell that starts with ``=``, ``+``, ``-``, ``@``, TAB or CR gets a leading single quote
(OWASP's rule against formula injection, ``console.domain.csv_safety``): a spreadsheet shows it as
text instead of running it. JSON lines are written exactly as stored.

The database is opened read-only (no migration, no write: a read-only or damaged file can be
exported). A read that fails part-way — a damaged page — raises :class:`ExportReadError` saying how
many rows were written before it, instead of a traceback.
"""

from __future__ import annotations

import csv
import json
import logging
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from console.domain.csv_safety import neutralise
from console.domain.event import Action, Event
from console.net.protocol import event_to_wire, iso
from console.store import Store, StoreError, open_store

log = logging.getLogger(__name__)

WHAT = ("events", "actions", "quarantine")
FORMATS = ("jsonl", "csv")
_PAGE = 1000

CONSOLE_FIELDS = ("state", "seq", "received_at", "updated_at", "assignees", "dispatched_at", "deadline_at",
                  "resolved_at", "closed_at", "duplicate_of", "duplicate_count", "supervised", "onsite",
                  "grid_flag", "claimed_by")
EVENT_COLUMNS = ("id", "source", "category", "title", "description", "level", "reported_at", "lat", "lon",
                 "address", "grid_id", "reporter_name", "reporter_phone", "camera_id", "attachments",
                 *CONSOLE_FIELDS, "extra")
ACTION_COLUMNS = ("event_id", "at", "kind", "actor", "account", "seat", "from_state", "to_state", "note", "data")
QUARANTINE_COLUMNS = ("seq", "received_at", "reason", "raw")


def _value(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if hasattr(v, "isoformat"):
        return iso(v)
    if isinstance(v, list):
        return [_value(x) for x in v]
    return str(v)


def event_record(ev: Event) -> dict[str, Any]:
    """Protocol event object + console fields (the JSONL line)."""
    out = event_to_wire(ev)
    for name in CONSOLE_FIELDS:
        out[name] = _value(getattr(ev, name))
    return out


def event_row(ev: Event) -> dict[str, Any]:
    wire = event_to_wire(ev)
    known = {"id", "source", "category", "title", "description", "level", "reported_at", "location", "grid_id",
             "reporter", "camera_id", "attachments"}
    loc = ev.location
    row: dict[str, Any] = {
        **{k: wire.get(k) for k in ("id", "source", "category", "title", "description", "level", "reported_at",
                                     "grid_id", "camera_id")},
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "address": loc.address if loc else None,
        "reporter_name": ev.reporter_name,
        "reporter_phone": ev.reporter_phone,
        "attachments": json.dumps(wire.get("attachments", []), ensure_ascii=False),
        "extra": json.dumps({k: v for k, v in wire.items() if k not in known}, ensure_ascii=False),
    }
    for name in CONSOLE_FIELDS:
        v = _value(getattr(ev, name))
        row[name] = json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
    return row


def action_record(a: Action) -> dict[str, Any]:
    return {"event_id": a.event_id, "at": iso(a.at), "kind": a.kind, "actor": a.actor, "account": a.account,
            "seat": a.seat,
            "from_state": _value(a.from_state), "to_state": _value(a.to_state), "note": a.note,
            "data": a.data}


def iter_events(store: Store) -> Iterator[Event]:
    offset = 0
    while True:
        page = store.events.search(limit=_PAGE, offset=offset)
        yield from page
        if len(page) < _PAGE:
            return
        offset += _PAGE


def _records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    if what == "events":
        yield from (event_record(ev) for ev in iter_events(store))
    elif what == "actions":
        for ev in iter_events(store):
            yield from (action_record(a) for a in store.actions.for_event(ev.id))
    else:
        offset = 0
        while True:
            page = store.quarantine.list(limit=_PAGE, offset=offset)
            for q in page:
                yield {"seq": q.seq, "received_at": iso(q.received_at), "reason": q.reason, "raw": q.raw}
            if len(page) < _PAGE:
                return
            offset += _PAGE


@contextmanager
def _open_out(out: str | Path | IO[str]) -> Iterator[IO[str]]:
    if isinstance(out, str | Path):
        if str(out) == "-":
            yield sys.stdout
            return
        with Path(out).open("w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out


class ExportReadError(StoreError):
    """The database could not be read to the end; ``rows`` were written before the failure."""

    def __init__(self, message: str, rows: int) -> None:
        super().__init__(message)
        self.rows = rows


def _read_error(store: Store, what: str, rows: int, exc: BaseException) -> ExportReadError:
    total = ""
    if what == "events":
        try:
            total = f" of {store.events.count():,}"
        except (sa.exc.SQLAlchemyError, sqlite3.Error):
            pass
    detail = getattr(exc, "orig", None) or exc
    damaged = "malformed" in str(detail) or "not a database" in str(detail)
    hint = f"; the file is damaged — python main.py db check --db {store.label} --full lists the problems" \
        if damaged else ""
    return ExportReadError(f"{store.label}: read error after exporting {rows:,}{total} {what}: {detail}{hint}", rows)


def export(db_url: str | None, what: str, fmt: str, out: str | Path | IO[str]) -> int:
    """Write ``what`` (events|actions|quarantine) as ``fmt`` (jsonl|csv) to ``out``; returns rows written.

    Raises :class:`ExportReadError` (the rows written so far stay in ``out``) when the database
    cannot be read to the end, :class:`StoreError` when it cannot be opened.
    """
    if what not in WHAT:
        raise ValueError(f"unknown export {what!r}: expected one of {', '.join(WHAT)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    store = open_store(db_url, readonly=True)
    n = 0
    try:
        with _open_out(out) as fh:
            if fmt == "jsonl":
                for rec in _records(store, what):
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    n += 1
            else:
                columns = {"events": EVENT_COLUMNS, "actions": ACTION_COLUMNS, "quarantine": QUARANTINE_COLUMNS}[what]
                writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
                writer.writeheader()
                rows = (event_row(ev) for ev in iter_events(store)) if what == "events" else _records(store, what)
                for row in rows:
                    if what == "actions":
                        row = {**row, "data": json.dumps(row["data"], ensure_ascii=False)}
                    writer.writerow({k: neutralise(v) for k, v in row.items()})
                    n += 1
    except (sa.exc.SQLAlchemyError, sqlite3.Error, ValueError, KeyError, TypeError) as exc:
        # a damaged page, or a row that no longer decodes; writing errors (OSError) go through as they are
        if not isinstance(exc, sa.exc.SQLAlchemyError | sqlite3.Error):
            log.error("export of %s stopped after %d %s", store.label, n, what, exc_info=exc)
        raise _read_error(store, what, n, exc) from exc
    finally:
        store.close()
    return n
