"""Replay (复盘) as a service: the room of a recording at any instant, its KPIs, the headless dump.

:class:`RoomAt` is the API the replay window, the ``replay`` command and training mode use::

    room = RoomAt.open(url, progress=cb)     # reads the recording, folds it, verifies/builds snapshots
    state = room.state_at(t)                 # -> RoomState (every event as it stood at t)
    room.kpis_at(t)                          # the KPI strip's figures of the day so far, at t
    room.dump(t)                             # the --dump json object

Snapshots (the checkpoints of :class:`console.domain.replay.Timeline`, every 15 minutes of shift
time) are kept in the recording's ``replay_snapshots`` table, each with its format version, the
fingerprint of what the recording held, and a SHA-256 checksum. A snapshot that is damaged, stale
or of another format is not trusted: the table is rebuilt from the log. Nothing else of the
recording is ever written.
"""

from __future__ import annotations

import logging
import threading
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from console.domain.escalation import tier_of
from console.domain.escalation_log import KINDS as BOARD_KINDS
from console.domain.escalation_log import Board, LogEntry, broadcast_view, order, whistle_view
from console.domain.event import Event, utcnow
from console.domain.kpi import columns_from_events, kpis
from console.domain.replay import RoomState, Timeline, from_us, us
from console.domain.sla import SlaConfigError, SlaTable, next_deadline
from console.domain.sla_config import load_sla, parse_sla
from console.net.protocol import iso
from console.store import Store
from console.store.errors import StoreError
from console.store.recording import SNAPSHOT_FORMAT, Recording, RoomLogRecord

log = logging.getLogger(__name__)
SLA_PATH = Path(__file__).resolve().parent.parent.parent / "resources" / "sla.toml"
KPI_LIMIT = 200_000  # as the live KPI service
CHUNK = 5_000  # events folded per step of the opening
FIRST_CHUNK = 1_000  # the first step: what the first frame of a replay from the start waits for


class ReplayError(Exception):
    """A user error of replay: the message is the one line shown."""


def parse_instant(text: str, tz: ZoneInfo) -> datetime:
    """ISO 8601; without an offset it is the room's local time."""
    try:
        dt = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ReplayError(f"not an ISO 8601 instant: {text!r} (e.g. 2026-11-01T09:30 or 2026-11-01T01:30Z)") from exc
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return dt.astimezone(ZoneInfo("UTC"))


def _encode(vi: np.ndarray) -> bytes:
    return zlib.compress(vi.astype("<i4").tobytes(), 6)


def _decode(payload: bytes, n: int) -> np.ndarray:
    arr = np.frombuffer(zlib.decompress(payload), dtype="<i4").astype(np.int32)
    if arr.shape[0] != n:
        raise ValueError(f"snapshot holds {arr.shape[0]} events, the recording {n}")
    return arr


class _NoCoverage:
    """巡查覆盖率 of a recording that holds no positions: none ("—" on the strip)."""

    def kpis(self, _at: datetime) -> dict[str, Any]:
        from console.services.coverage import KPI_KEY

        return {KPI_KEY: None}


class RoomAt:
    """A recording, folded: the room at any instant between :attr:`start` and :attr:`end`."""

    def __init__(self, recording: Recording, timeline: Timeline, room_log: list[RoomLogRecord], *,
                 district: Any = None, tz: str = "Asia/Shanghai", snapshot_status: str = "",
                 actions: dict[str, list[Any]] | None = None) -> None:
        self.recording = recording
        self.log = actions or {}  # event id → its actions, in log order
        self._ready = threading.Condition()
        self._done = timeline.complete
        self._error: ReplayError | None = None
        self._total = len(timeline)
        self._builder: threading.Thread | None = None
        self._stop = False
        self.timeline = timeline
        self.room_log = room_log
        self.district = district
        self.tz = ZoneInfo(tz)
        self.snapshot_status = snapshot_status  # "loaded" | "rebuilt: <why>" | "memory: <why>"
        self._default_table = load_sla(SLA_PATH)
        self._tables: list[tuple[datetime, SlaTable]] = []
        self._claims: dict[str, list[RoomLogRecord]] = {}
        for rec in room_log:
            if rec.kind == "sla_table" and isinstance(rec.data.get("toml"), str):
                try:
                    self._tables.append((rec.at, parse_sla(rec.data["toml"], source=rec.data.get("path") or "sla.toml")))
                except SlaConfigError as exc:
                    log.warning("%s: recorded SLA table at %s unreadable: %s", recording.label, rec.at, exc)
            elif rec.kind in ("claim", "release") and rec.ref:
                self._claims.setdefault(rec.ref, []).append(rec)
        self._grid_levels: dict[str, int] = {}
        if district is not None:
            self._grid_levels = {g.id: g.level for g in district.grids.values()}
        # the escalation board's changes (broadcasts, whistles) in the room's order: folded up to an instant
        self.board_entries = order(LogEntry(r.at, r.kind, r.ref, r.data or {}, id=r.id, actor=r.actor, seat=r.seat)
                                   for r in room_log if r.kind in BOARD_KINDS)
        self._board_t = np.array([us(e.at) for e in self.board_entries], dtype=np.int64)

    # ---- opening ------------------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str, *, progress: Callable[[int, int], None] | None = None, district: Any = None,
             tz: str | None = None) -> RoomAt:
        """Read and fold the whole recording at ``url``; raises :class:`ReplayError` (one line)."""
        room = cls.start_open(url, progress=progress, district=district, tz=tz)
        room.wait()
        return room

    @classmethod
    def start_open(cls, url: str, *, progress: Callable[[int, int], None] | None = None, district: Any = None,
                   tz: str | None = None, chunk: int = CHUNK, first_chunk: int = FIRST_CHUNK,
                   build: bool = True) -> RoomAt:
        """Open the recording and fold its first ``chunk`` events (in arrival order); the rest is read
        and folded on a thread of its own (:meth:`wait`, :attr:`Timeline.ready_until`), then the
        snapshots are checked or built. The room can be shown at its first instants at once."""
        try:
            rec = Recording(url)
        except StoreError as exc:
            raise ReplayError(str(exc)) from exc
        try:
            first, last, total = rec.extent()
            if first is None or not total:
                raise ReplayError(f"{rec.label}: the recording holds no events, nothing to replay")
            room_log = rec.room_log()
            mark = rec.last_mark()
            if tz is None:
                info = rec.settings("district.info") or {}
                tz = str(info.get("timezone") or "Asia/Shanghai")
            ends = [v for v in (last, us(mark) if mark else None) if v is not None]
            timeline = Timeline(start=from_us(first), end=from_us(max(ends)))
            chunks = rec.event_chunks(chunk, first=first_chunk)
            acts: dict[str, list[Any]] = {}
            rows = next(chunks)
            part = rec.actions_of([r.id for r in rows])
            acts.update(part)
            timeline.extend(rows, part, progress=progress, total=total)
        except StoreError as exc:
            rec.close()
            raise ReplayError(str(exc)) from exc
        except ReplayError:
            rec.close()
            raise
        room = cls(rec, timeline, room_log, district=district, tz=tz, snapshot_status="building", actions=acts)
        room._total = total
        room._builder = threading.Thread(target=room._build, args=(chunks, progress), name="replay-fold",
                                         daemon=True)
        if build:
            room._builder.start()
        return room

    def build(self) -> None:
        """Start folding the rest (``start_open(build=False)``: after the first frame is on screen)."""
        if self._builder is not None and not self._builder.is_alive() and not self._done:
            self._builder.start()

    def _build(self, chunks: Any, progress: Callable[[int, int], None] | None) -> None:
        try:
            for rows in chunks:
                if self._stop:
                    return
                part = self.recording.actions_of([r.id for r in rows])
                self.log.update(part)
                self.timeline.extend(rows, part, progress=progress, total=self._total)
                with self._ready:
                    self._ready.notify_all()
            fingerprint = self.recording.fingerprint()
            stored = self.recording.snapshots()
            self.timeline.finish()
            self.snapshot_status = self._adopt_snapshots(self.recording, self.timeline, stored, fingerprint)
            if progress is not None:
                progress(self._total, self._total)
        except (StoreError, ReplayError) as exc:
            self._error = ReplayError(str(exc))
        except Exception as exc:  # noqa: BLE001 - reported to whoever waits, with the log's context
            log.exception("replay of %s: folding the recording failed", self.recording.label)
            self._error = ReplayError(f"{self.recording.label}: cannot fold the recording: {exc}")
        finally:
            with self._ready:
                self._done = True
                self._ready.notify_all()

    def wait(self, at: datetime | None = None, timeout: float | None = None) -> bool:
        """Block until the instant ``at`` (default: the whole recording) is folded; True when it is.
        Raises :class:`ReplayError` when reading the recording failed."""
        self.build()
        t = us(at) if at is not None else None
        with self._ready:
            ok = self._ready.wait_for(
                lambda: self._done or (t is not None and self.timeline.ready_until >= t), timeout)
        if self._error is not None:
            raise self._error
        return ok

    @property
    def complete(self) -> bool:
        return self.timeline.complete

    @staticmethod
    def _adopt_snapshots(rec: Recording, timeline: Timeline, stored: list[Any], fingerprint: str) -> str:
        """Use the stored snapshots when every one is intact and fits; else (re)write them."""
        n = len(timeline)
        why = ""
        if not stored:
            why = "none stored"
        elif any(s.format != SNAPSHOT_FORMAT for s in stored):
            why = "another format"
        elif any(s.fingerprint != fingerprint for s in stored):
            why = "built for other contents of the recording"
        elif not all(s.intact for s in stored):
            why = "checksum mismatch (damaged)"
        elif [s.at for s in stored] != [c[0] for c in timeline.checkpoints]:
            why = "other checkpoints"
        else:
            try:
                loaded = [(s.at, _decode(s.payload, n)) for s in stored]
            except (zlib.error, ValueError) as exc:
                why = f"unreadable ({exc})"
            else:
                if all(np.array_equal(a[1], b[1]) for a, b in zip(loaded, timeline.checkpoints, strict=True)):
                    timeline.set_checkpoints(loaded)
                    return "loaded"
                why = "does not match the log (damaged)"
        if stored:
            log.warning("%s: replay snapshots not trusted (%s): rebuilt", rec.label, why)
        items = [(at, _encode(vi)) for at, vi in timeline.checkpoints]
        if rec.replace_snapshots(fingerprint, items, utcnow()):
            return f"rebuilt: {why}"
        return f"memory: {why}"

    def close(self) -> None:
        if self._builder is not None and self._builder.is_alive():
            self._stop = True
            self._builder.join()
        elif self._builder is not None and not self._done:
            self._builder = None  # never started: nothing folds any more
        self.recording.close()

    # ---- the instant ----------------------------------------------------------------------------------
    @property
    def start(self) -> datetime:
        return self.timeline.start  # type: ignore[return-value]  # set when the first chunk is folded

    @property
    def end(self) -> datetime:
        return self.timeline.end  # type: ignore[return-value]

    def check_instant(self, at: datetime) -> None:
        if at < self.start or at > self.end:
            z = self.tz
            raise ReplayError(
                f"{at.astimezone(z).isoformat()} is outside the recording "
                f"({self.start.astimezone(z).isoformat()} … {self.end.astimezone(z).isoformat()})")

    def state_at(self, at: datetime) -> RoomState:
        """The room at ``at`` (waits while that instant is still being folded)."""
        if not self.timeline.complete and us(at) > self.timeline.ready_until:
            self.build()
            self.wait(at)
        return self.timeline.state_at(at)

    def table_at(self, at: datetime) -> SlaTable:
        table = self._default_table
        for t, tab in self._tables:
            if t <= at:
                table = tab
        return table

    def board_at(self, at: datetime) -> Board:
        """Broadcasts and whistles as they stood at ``at`` (the same fold the live seats keep)."""
        board, errors = Board.fold(self.board_entries[: self._board_upto(at)])
        for text in errors:
            log.warning("%s: %s; skipped", self.recording.label, text)
        return board

    def board_between(self, a: datetime, b: datetime) -> list[LogEntry]:
        """The board's changes after ``a`` up to ``b`` (inclusive), in the room's order."""
        return self.board_entries[self._board_upto(a): self._board_upto(b)]

    def _board_upto(self, at: datetime) -> int:
        return int(np.searchsorted(self._board_t, us(at), side="right"))

    def search(self, at: datetime, *, text: str | None = None, grid_ids: Any = None, since: datetime | None = None,
               until: datetime | None = None, states: Any = None, category: str | None = None, source: Any = None,
               limit: int = 100, offset: int = 0) -> list[Event]:
        """The history (历史查询) as it stood at ``at``: every event arrived by then, in its version of
        then, filtered like the store's search (newest report first)."""
        state = self.state_at(at)
        cap = min(until, at + timedelta(microseconds=1)) if until is not None else at + timedelta(microseconds=1)
        grids = set(grid_ids) if grid_ids is not None else None
        wanted = {str(s) for s in states} if states is not None else None
        needle = (text or "").strip().casefold()
        out = []
        for ev in state.events():
            if ev.reported_at >= cap or (since is not None and ev.reported_at < since):
                continue
            if grids is not None and ev.grid_id not in grids:
                continue
            if wanted is not None and str(ev.state) not in wanted:
                continue
            if category is not None and ev.category != category:
                continue
            if source is not None and str(ev.source) != str(source):
                continue
            if needle:
                address = ev.location.address if ev.location is not None else None
                if not any(needle in (f or "").casefold() for f in (ev.title, ev.description, address)):
                    continue
            out.append(ev)
        out.sort(key=lambda e: e.reported_at, reverse=True)
        return [self.present(e, at) if e.is_open else e for e in out[offset: offset + limit]]

    def claim_at(self, event_id: str, at: datetime) -> str | None:
        """The seat holding the event at ``at`` (claims and releases from the room log)."""
        last: RoomLogRecord | None = None
        for rec in self._claims.get(event_id, ()):
            if rec.at > at:
                break
            last = rec
        if last is None or last.kind == "release":
            return None
        until = last.data.get("until")
        return last.seat if until is None or datetime.fromisoformat(until) > at else None

    def present(self, ev: Event, at: datetime, table: SlaTable | None = None) -> Event:
        """The event as the room showed it at ``at``: current deadline, claim (a copy)."""
        dl = next_deadline(ev, table or self.table_at(at))
        holder = self.claim_at(ev.id, at) if self._claims else None
        return ev.copy(deadline_at=dl.at if dl is not None else None, claimed_by=holder)

    def set_district(self, district: Any) -> None:
        self.district = district
        self._grid_levels = {g.id: g.level for g in district.grids.values()}

    def claims_touched(self, a: datetime, b: datetime) -> list[str]:
        """Events whose claim was taken, released or ran out between ``a`` and ``b``."""
        lo, hi = min(a, b), max(a, b)
        out = []
        for eid, recs in self._claims.items():
            for r in recs:
                until = r.data.get("until")
                end = datetime.fromisoformat(until) if until else None
                if lo < r.at <= hi or (end is not None and lo < end <= hi):
                    out.append(eid)
                    break
        return out

    def tier(self, ev: Event) -> str:
        return tier_of(ev, self._grid_levels.get(ev.grid_id or "")).label

    def day_start(self, at: datetime) -> datetime:
        local = at.astimezone(self.tz)
        return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(at.tzinfo)

    def kpis_at(self, at: datetime, state: RoomState | None = None, coverage: Any = None) -> dict[str, Any]:
        """The KPI strip's figures at ``at``, computed as the live KPI service computes them, with
        巡查覆盖率 of the shift so far when the recording holds positions (``coverage``: the replay
        window's running :class:`~console.services.coverage.InstantCoverage`; else computed afresh)."""
        state = state or self.state_at(at)
        since = self.day_start(at)
        until = at + timedelta(seconds=1)
        tl = self.timeline
        vi = state.version_index
        # reported today ⇒ arrived today (a report reaches the room after it is made): preselect by arrival
        arrived = tl.arrivals[: vi.size] >= us(since)
        picked = np.where(arrived, vi, -1).astype(np.int32)
        events = [e for e in tl.events_of(picked) if since <= e.reported_at < until][:KPI_LIMIT]
        # sign-for times come from the transitions logged up to ``at``, as the live strip reads them
        transitions = [a for e in events for a in self.log.get(e.id, ()) if a.kind == "transition" and a.at <= at]
        cols = columns_from_events(events, transitions, self.table_at(at))
        figures = kpis(cols, since, at, now=at)
        figures.update((coverage or self.instant_coverage()).kpis(at))
        return figures

    def instant_coverage(self) -> Any:
        """A fresh :class:`~console.services.coverage.InstantCoverage` over the recording's positions
        (None-valued when it holds none: the strip shows "—", as live without positions)."""
        from console.services.coverage import InstantCoverage, PatrolCoverage
        from console.services.replay_field import recording_district

        rec = self.recording
        if "position_chunks" not in rec.tables:  # a recording from before positions were stored
            return _NoCoverage()
        store = Store(rec.engine, rec.label, rec.revision or "", readonly=True)
        district = getattr(self, "district", None) or recording_district(store)
        return InstantCoverage(PatrolCoverage(store, district, tz=str(self.tz)))

    def dump(self, at: datetime) -> dict[str, Any]:
        """The room at ``at`` as one JSON-ready object (``--dump json``)."""
        self.check_instant(at)
        state = self.state_at(at)
        table = self.table_at(at)
        events = []
        for ev in sorted(state.open_events(), key=lambda e: e.id):
            shown = self.present(ev, at, table)
            events.append({
                "id": ev.id,
                "state": ev.state.value,
                "level": ev.level.value,
                "category": ev.category,
                "grid_id": ev.grid_id,
                "assignees": list(ev.assignees),
                "deadline_at": iso(shown.deadline_at) if shown.deadline_at else None,
                "tier": self.tier(ev),
                "claimed_by": shown.claimed_by,
            })
        return {
            "recording": self.recording.label,
            "at": iso(at),
            "at_local": at.astimezone(self.tz).isoformat(),
            "open_events": events,
            "kpis": self.kpis_at(at, state),
            **self.board_dump(at),
            "workers": self.workers_at(at, state),
        }

    def board_dump(self, at: datetime) -> dict[str, list[dict[str, Any]]]:
        """``broadcasts`` and ``whistles`` at ``at`` (oldest first; ``awaiting``: the board's 一键下达 tab
        lists the broadcast; ``event_open``: its 吹哨报到 tab lists the whistle)."""
        board = self.board_at(at)
        state = self.state_at(at)
        whistles = []
        for w in sorted(board.whistles.values(), key=lambda w: (w.blown_at, w.id)):
            ev = state.event(w.event_id)
            whistles.append({**whistle_view(w, at), "event_open": ev is not None and ev.is_open})
        return {"broadcasts": [broadcast_view(b, at) for b in sorted(board.broadcasts.values(),
                                                                     key=lambda b: (b.sent_at, b.id))],
                "whistles": whistles}

    def workers_at(self, at: datetime, state: RoomState | None = None) -> list[dict[str, Any]]:
        """The map's grid workers at ``at`` (id, lon, lat, state, time of the fix), as the replay
        window's worker layer shows them (:mod:`console.services.replay_field`)."""
        from console.services.replay_field import FieldCache, recording_district, tasks_of, workers_at

        state = state or self.state_at(at)
        rec = self.recording
        district = getattr(self, "district", None)
        store = Store(rec.engine, rec.label, rec.revision or "", readonly=True)
        if district is None:
            district = recording_district(store)
        return workers_at(FieldCache(store).at(at), district, at, tasks_of(state.open_events()))

    def actions_at(self, event_id: str, at: datetime) -> list[Any]:
        """The event's log as it stood at ``at``."""
        return [a for a in self.log.get(event_id, ()) if a.at <= at]

    def marks(self) -> dict[str, list[tuple[datetime, str]]]:
        """Instants the scrubber marks: majors (arrival of major/critical), escalations, breaches (the
        automatic escalation an SLA breach makes), whistles — each with the event id."""
        out: dict[str, list[tuple[datetime, str]]] = {"major": [], "escalation": [], "breach": [], "whistle": []}
        for ev in self.timeline.versions_first():
            if ev.level.is_urgent:
                out["major"].append((ev.received_at or ev.reported_at, ev.id))
        for eid, acts in self.log.items():
            for a in acts:
                if a.kind == "escalate":
                    breach = str(a.data.get("reason") or "").startswith("sla_breach")
                    out["breach" if breach else "escalation"].append((a.at, eid))
                elif a.kind == "whistle":
                    out["whistle"].append((a.at, eid))
        for v in out.values():
            v.sort()
        return out

    def action_times(self) -> np.ndarray:
        """Every instant something happened (arrivals and actions), sorted, µs (step prev/next)."""
        return np.unique(self.timeline.touch_t)

    # ---- marks for the scrubber -------------------------------------------------------------------------
    def intake_per_minute(self) -> tuple[np.ndarray, np.ndarray]:
        """(minute start µs, arrivals in that minute) over the recording."""
        arr = self.timeline.arrivals
        t0 = us(self.start) // 60_000_000
        mins = arr // 60_000_000 - t0
        counts = np.bincount(mins.astype(np.int64), minlength=int((us(self.end) // 60_000_000) - t0 + 1))
        return (np.arange(counts.shape[0], dtype=np.int64) + t0) * 60_000_000, counts
