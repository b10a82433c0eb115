"""Grid workers' positions in the store: packed fix chunks and each worker's last fix.

Storage (tables ``position_chunks`` and ``worker_last``, migration 0012_positions): one table on
SQLite and PostgreSQL alike, partitioned by worker and UTC day *inside* the rows — each intake batch
writes one row per worker holding that worker's fixes packed (``FIX_DTYPE``, 33 bytes a fix,
zlib-compressed), and :meth:`PositionRepository.compact` merges a finished day's rows into one per
worker and day. A day of a worker reporting every 10 s is then one row of ~150 KiB instead of
8,640 rows; pruning a day past the retention period is one indexed ``DELETE ... WHERE day < ?``.

The read API (used by the map, the coverage figures and the shift replay):

- :meth:`~PositionRepository.track` ``(worker, t0, t1)``: the worker's fixes in a window;
- :meth:`~PositionRepository.tracks` ``(t0, t1, workers=None)``: every worker's fixes in a window;
- :meth:`~PositionRepository.at` ``(t, max_age)``: each worker's last fix at or before ``t``;
- :meth:`~PositionRepository.last`: the retained last fix of every worker (live state at start-up).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.domain.positions import FIX_DTYPE, Fix, merge, pack, to_array, unpack
from console.store import schema
from console.store.codec import from_us, to_us
from console.store.database import write_tx
from console.store.records import dialect_insert

log = logging.getLogger(__name__)
RETENTION_KEY = "positions.retention_days"
DEFAULT_RETENTION_DAYS = 30
_DAY_US = 86_400_000_000


def day_of(t_us: int) -> int:
    """The UTC date of a time as YYYYMMDD."""
    d = datetime.fromtimestamp(t_us / 1e6, UTC)
    return d.year * 10000 + d.month * 100 + d.day


@dataclass(frozen=True, slots=True)
class LastFix:
    worker_id: str
    t: datetime
    lon: float
    lat: float
    acc: float | None
    vel: float | None
    batt: int | None
    duty: str | None
    received_at: datetime


class PositionRepository:
    def __init__(self, engine: Engine, settings=None) -> None:
        self._engine = engine
        self._settings = settings

    # ---- writing ---------------------------------------------------------------------------------
    def append(self, fixes: Sequence[Fix], received_at: datetime | None = None,
               conn: Connection | None = None) -> int:
        """Store ``fixes`` (one transaction): a chunk per worker and day, and each worker's last
        fix (kept only when newer than the stored one). Returns how many fixes were stored."""
        if not fixes:
            return 0
        if conn is None:
            with write_tx(self._engine) as c:
                return self.append(fixes, received_at, c)
        recv = to_us(received_at or datetime.now(UTC))
        groups: dict[tuple[str, int], list[Fix]] = defaultdict(list)
        newest: dict[str, Fix] = {}
        for f in fixes:
            groups[(f.worker_id, day_of(f.t_us))].append(f)
            cur = newest.get(f.worker_id)
            if cur is None or f.t_us >= cur.t_us:
                newest[f.worker_id] = f
        rows = []
        for (wid, day), fs in groups.items():
            a = to_array(fs)
            rows.append({"worker_id": wid, "day": day, "t0": int(a["t"].min()), "t1": int(a["t"].max()),
                         "n": len(a), "data": pack(a)})
        conn.execute(schema.position_chunks.insert(), rows)
        wl = schema.worker_last
        last_rows = [{"worker_id": f.worker_id, "t": f.t_us, "lon": f.lon, "lat": f.lat,
                      "acc": None if f.acc != f.acc else f.acc, "vel": None if f.vel != f.vel else f.vel,
                      "batt": None if f.batt < 0 else f.batt, "duty": f.duty, "received_at": recv}
                     for f in newest.values()]
        stmt = dialect_insert(self._engine)(wl)
        stmt = stmt.on_conflict_do_update(
            index_elements=[wl.c.worker_id],
            set_={c: getattr(stmt.excluded, c) for c in ("t", "lon", "lat", "acc", "vel", "batt", "received_at")}
            | {"duty": sa.func.coalesce(stmt.excluded.duty, wl.c.duty)},
            where=stmt.excluded.t >= wl.c.t,
        )
        conn.execute(stmt, last_rows)
        return len(fixes)

    # ---- reading ---------------------------------------------------------------------------------
    def track(self, worker_id: str, t0: datetime, t1: datetime) -> np.ndarray:
        """The worker's fixes with ``t0 <= t <= t1``, in time order (``FIX_DTYPE``; ``t`` in µs)."""
        return self.tracks(t0, t1, [worker_id]).get(worker_id, np.empty(0, dtype=FIX_DTYPE))

    def tracks(self, t0: datetime, t1: datetime, workers: Iterable[str] | None = None) -> dict[str, np.ndarray]:
        """Every worker's (or ``workers``') fixes in the window, in time order."""
        a, b = to_us(t0), to_us(t1)
        pc = schema.position_chunks
        stmt = sa.select(pc.c.worker_id, pc.c.data).where(pc.c.t1 >= a, pc.c.t0 <= b)
        wanted = list(workers) if workers is not None else None
        if wanted is not None:
            if not wanted:
                return {}
            stmt = stmt.where(pc.c.worker_id.in_(wanted))
        parts: dict[str, list[np.ndarray]] = defaultdict(list)
        with self._engine.connect() as c:
            for wid, data in c.execute(stmt):
                arr = unpack(data)
                parts[wid].append(arr[(arr["t"] >= a) & (arr["t"] <= b)])
        out = {}
        for wid, ps in parts.items():
            m = merge(ps)
            if len(m):
                out[wid] = m
        return out

    def at(self, t: datetime, max_age: timedelta = timedelta(minutes=30)) -> dict[str, np.void]:
        """Each worker's last fix at or before ``t`` and not older than ``max_age`` (replay's map)."""
        tracks = self.tracks(t - max_age, t)
        return {wid: a[-1] for wid, a in tracks.items() if len(a)}

    def last(self) -> list[LastFix]:
        wl = schema.worker_last
        with self._engine.connect() as c:
            rows = c.execute(sa.select(wl)).all()
        out = []
        for row in rows:
            r = row._mapping
            out.append(LastFix(r["worker_id"], from_us(r["t"]), r["lon"], r["lat"], r["acc"], r["vel"],  # type: ignore[arg-type]
                               r["batt"], r["duty"], from_us(r["received_at"])))  # type: ignore[arg-type]
        return out

    def count(self) -> int:
        pc = schema.position_chunks
        with self._engine.connect() as c:
            return int(c.execute(sa.select(sa.func.coalesce(sa.func.sum(pc.c.n), 0))).scalar_one())

    def chunk_count(self) -> int:
        with self._engine.connect() as c:
            return int(c.execute(sa.select(sa.func.count()).select_from(schema.position_chunks)).scalar_one())

    # ---- upkeep ----------------------------------------------------------------------------------
    def retention_days(self) -> int:
        if self._settings is None:
            return DEFAULT_RETENTION_DAYS
        try:
            return max(1, int(self._settings.get(RETENTION_KEY, DEFAULT_RETENTION_DAYS)))
        except (TypeError, ValueError):
            log.warning("setting %s is not a number of days; keeping %d", RETENTION_KEY, DEFAULT_RETENTION_DAYS)
            return DEFAULT_RETENTION_DAYS

    def prune(self, now: datetime, keep_days: int | None = None) -> int:
        """Delete the days older than the retention period (UTC days); returns chunks deleted."""
        keep = keep_days if keep_days is not None else self.retention_days()
        cutoff = day_of(int(now.timestamp() * 1e6) - keep * _DAY_US)
        pc = schema.position_chunks
        with write_tx(self._engine) as c:
            return int(c.execute(pc.delete().where(pc.c.day < cutoff)).rowcount or 0)

    def compact(self, before: datetime) -> int:
        """Merge the chunks of every finished UTC day before ``before`` into one row per worker and
        day; returns how many rows were merged away."""
        limit = day_of(int(before.timestamp() * 1e6))
        pc = schema.position_chunks
        merged = 0
        with self._engine.connect() as c:
            keys = c.execute(
                sa.select(pc.c.worker_id, pc.c.day).where(pc.c.day < limit)
                .group_by(pc.c.worker_id, pc.c.day).having(sa.func.count() > 1)
            ).all()
        for wid, day in keys:
            with write_tx(self._engine) as c:
                rows = c.execute(sa.select(pc.c.id, pc.c.data).where(pc.c.worker_id == wid, pc.c.day == day)).all()
                if len(rows) < 2:
                    continue
                a = merge([unpack(r.data) for r in rows])
                c.execute(pc.delete().where(pc.c.id.in_([r.id for r in rows])))
                c.execute(pc.insert().values(worker_id=wid, day=day, t0=int(a["t"][0]), t1=int(a["t"][-1]),
                                             n=len(a), data=pack(a)))
                merged += len(rows) - 1
        return merged

    def upkeep(self, now: datetime) -> tuple[int, int]:
        """Compact finished days and prune old ones: (rows merged away, chunks pruned)."""
        return self.compact(now), self.prune(now)
