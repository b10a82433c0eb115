"""Small repositories: the append-only action log, quarantine, settings, multi-seat claims."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from console.domain.event import Action, utcnow
from console.domain.ingest import QuarantineRecord
from console.store import schema
from console.store.audit import chain_rows
from console.store.changelog import ENTITY_ACTION, ENTITY_CLAIM, ENTITY_SETTING, append_changes
from console.store.codec import dumps, from_us, loads, state_of, to_us
from console.store.database import write_tx


def dialect_insert(engine_or_conn: Engine | Connection) -> Any:
    """``insert`` with ``ON CONFLICT`` support for the connected dialect."""
    name = engine_or_conn.dialect.name
    if name == "sqlite":
        return sqlite_insert
    if name == "postgresql":
        return pg_insert
    raise NotImplementedError(f"upsert is not supported on {name}")


def action_to_row(a: Action) -> dict[str, Any]:
    return {
        "event_id": a.event_id,
        "at": to_us(a.at),
        "kind": a.kind,
        "actor": a.actor,
        "seat": a.seat,
        "from_state": str(a.from_state) if a.from_state is not None else None,
        "to_state": str(a.to_state) if a.to_state is not None else None,
        "note": a.note,
        "data": dumps(a.data),
        "account": a.account,
    }


class ActionRepository:
    """The append-only log: there is deliberately no update or delete (the database refuses both,
    and every row extends the hash chain: ``console.store.audit``)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def append_many(self, actions: Sequence[Action], conn: Connection | None = None) -> None:
        """Append in the caller's write transaction ``conn`` (or a new one), chained in list order."""
        if not actions:
            return
        rows = [action_to_row(a) for a in actions]
        if conn is not None:  # the caller's transaction appends its own change-log rows
            chain_rows(conn, rows)
            conn.execute(schema.actions.insert(), rows)
            return
        with write_tx(self._engine) as c:
            chain_rows(c, rows)
            c.execute(schema.actions.insert(), rows)
            append_changes(c, [(ENTITY_ACTION, eid, 0) for eid in dict.fromkeys(a.event_id for a in actions)],
                           max(r["at"] for r in rows))

    def for_event(self, event_id: str) -> list[Action]:
        """The event's log in the order it was appended."""
        return self.log([event_id])

    def log(self, event_ids: Iterable[str] | None = None, kinds: Iterable[str] | None = None) -> list[Action]:
        """The log (of ``event_ids``, or all of it; of ``kinds`` only, when given) in the order it was
        appended."""
        t = schema.actions
        stmt = sa.select(t.c.event_id, t.c.at, t.c.kind, t.c.actor, t.c.seat, t.c.from_state, t.c.to_state,
                         t.c.note, t.c.data, t.c.id, t.c.account).order_by(t.c.id)
        if kinds is not None:
            stmt = stmt.where(t.c.kind.in_(list(kinds)))
        ids = None if event_ids is None else list(dict.fromkeys(event_ids))
        out: list[Action] = []
        with self._engine.connect() as c:
            if ids is None:
                rows = c.execute(stmt).all()
            else:
                rows = []
                for start in range(0, len(ids), 500):
                    rows.extend(c.execute(stmt.where(t.c.event_id.in_(ids[start : start + 500]))).all())
                if len(ids) > 500:
                    rows.sort(key=lambda r: r[9])  # append order across the chunks
        for r in rows:
            out.append(
                Action(
                    event_id=r[0],
                    at=from_us(r[1]),  # type: ignore[arg-type]
                    kind=r[2],
                    actor=r[3],
                    seat=r[4],
                    from_state=state_of(r[5]) if r[5] is not None else None,
                    to_state=state_of(r[6]) if r[6] is not None else None,
                    note=r[7],
                    data=loads(r[8], dict),
                    account=r[10],
                )
            )
        return out

    def count(self) -> int:
        with self._engine.connect() as c:
            return int(c.execute(sa.select(sa.func.count()).select_from(schema.actions)).scalar_one())


def _log_claim(conn: Connection, kind: str, event_id: str, seat: str, officer: str | None, at: datetime,
               until: datetime | None) -> None:
    """A claim or release in the room log, in the claim's transaction (replay shows who held what)."""
    data = {"until": until.isoformat()} if until is not None else None
    conn.execute(schema.room_log.insert().values(at=to_us(at), kind=kind, actor=officer, seat=seat, ref=event_id,
                                                 data=dumps(data) if data else None))


def storable(text: str) -> str:
    """``text`` as every database can keep it: a NUL character and lone surrogates (which PostgreSQL or
    the UTF-8 encoders refuse) written as their escapes (``\\u0000``, ``\\ud800``)."""
    if "\x00" in text:
        text = text.replace("\x00", "\\u0000")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


class QuarantineRepository:
    """Feed records that failed validation (or that the database refused), kept raw with their reason."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_many(self, records: Sequence[QuarantineRecord], conn: Connection | None = None) -> int:
        """Keep ``records``; one with a ``key`` already kept is skipped. Returns how many were added.

        The texts are made storable first (:func:`storable`): quarantining must never fail on what
        the record contains.
        """
        if not records:
            return 0
        if conn is None:
            with write_tx(self._engine) as c:
                return self.add_many(records, c)
        seen = self._kept_keys(conn, [r.key for r in records if r.key is not None])
        rows = []
        for r in records:
            if r.key is not None:
                if r.key in seen:
                    continue
                seen.add(r.key)
            rows.append({"seq": r.seq, "received_at": to_us(r.received_at), "reason": storable(r.reason),
                         "raw": storable(r.raw), "dedupe_key": r.key})
        if rows:
            conn.execute(schema.quarantine.insert(), rows)
        return len(rows)

    @staticmethod
    def _kept_keys(conn: Connection, keys: list[str]) -> set[str]:
        q = schema.quarantine
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found.update(conn.execute(sa.select(q.c.dedupe_key).where(q.c.dedupe_key.in_(chunk))).scalars())
        return found

    def list(self, limit: int = 100, offset: int = 0) -> list[QuarantineRecord]:
        """Newest first."""
        q = schema.quarantine
        stmt = (
            sa.select(q.c.raw, q.c.reason, q.c.received_at, q.c.seq, q.c.dedupe_key)
            .order_by(q.c.id.desc()).limit(limit).offset(offset)
        )
        with self._engine.connect() as c:
            rows = c.execute(stmt).all()
        return [QuarantineRecord(raw=r[0], reason=r[1], received_at=from_us(r[2]), seq=r[3], key=r[4])  # type: ignore[arg-type]
                for r in rows]

    def count(self) -> int:
        with self._engine.connect() as c:
            return int(c.execute(sa.select(sa.func.count()).select_from(schema.quarantine)).scalar_one())


class SettingsRepository:
    """Site-wide settings: JSON values by key (typing and defaults belong to the settings service)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get(self, key: str, default: Any = None) -> Any:
        s = schema.settings
        with self._engine.connect() as c:
            text = c.execute(sa.select(s.c.value).where(s.c.key == key)).scalar()
        return default if text is None else json.loads(text)

    def set(self, key: str, value: Any) -> None:
        s = schema.settings
        stmt = dialect_insert(self._engine)(s).values(key=key, value=json.dumps(value, ensure_ascii=False))
        stmt = stmt.on_conflict_do_update(index_elements=[s.c.key], set_={"value": stmt.excluded.value})
        with write_tx(self._engine) as c:
            c.execute(stmt)
            append_changes(c, [(ENTITY_SETTING, key, 0)], to_us(utcnow()))

    def all(self) -> dict[str, Any]:
        s = schema.settings
        with self._engine.connect() as c:
            return {k: json.loads(v) for k, v in c.execute(sa.select(s.c.key, s.c.value))}


class ClaimRepository:
    """"Being handled by…": one seat at a time works an event; a claim expires unless renewed."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim(
        self, event_id: str, seat: str, officer: str | None, ttl: timedelta, now: datetime
    ) -> tuple[bool, str | None]:
        """Take or renew the claim atomically.

        Returns ``(True, None)`` when ``seat`` now holds it (new, renewed, or taken over after
        expiry) and ``(False, holder_seat)`` when another seat's live claim wins.
        """
        cl = schema.claims
        until = to_us(now + ttl)
        now_us = to_us(now)
        stmt = dialect_insert(self._engine)(cl).values(event_id=event_id, seat=seat, officer=officer, until=until)
        stmt = stmt.on_conflict_do_update(
            index_elements=[cl.c.event_id],
            set_={"seat": stmt.excluded.seat, "officer": stmt.excluded.officer, "until": stmt.excluded.until},
            where=sa.or_(cl.c.seat == stmt.excluded.seat, cl.c.until <= now_us),
        )
        ev = schema.events
        with write_tx(self._engine) as c:
            c.execute(stmt)
            holder = c.execute(sa.select(cl.c.seat).where(cl.c.event_id == event_id)).scalar()
            if holder != seat:
                return False, holder
            c.execute(ev.update().where(ev.c.id == event_id).values(claimed_by=seat, claim_until=until))
            _log_claim(c, "claim", event_id, seat, officer, now, now + ttl)
            append_changes(c, [(ENTITY_CLAIM, event_id, 0)], now_us)
        return True, None

    def take_over(self, conn: Connection, event_id: str, seat: str, officer: str | None, ttl: timedelta,
                  now: datetime, *, expected: str | None) -> tuple[bool, str | None]:
        """A supervisor's take-over, in ``conn``'s (the decision's) transaction, with a compare-and-set
        on the claim: ``seat`` becomes the holder only if the claim is still ``expected``'s (the seat
        the supervisor saw holding it; ``None``: nobody's, or run out) or has run out meanwhile.
        ``(True, None)`` when taken; ``(False, holder)`` when another seat got there first (a second
        supervisor, or the claim changed hands) — nothing is written then.

        The caller appends the ``ENTITY_CLAIM`` change with the decision's own changes (last)."""
        cl = schema.claims
        until = to_us(now + ttl)
        now_us = to_us(now)
        still = cl.c.until <= now_us if expected is None else sa.or_(cl.c.seat == expected, cl.c.until <= now_us)
        stmt = dialect_insert(self._engine)(cl).values(event_id=event_id, seat=seat, officer=officer, until=until)
        stmt = stmt.on_conflict_do_update(
            index_elements=[cl.c.event_id],
            set_={"seat": stmt.excluded.seat, "officer": stmt.excluded.officer, "until": stmt.excluded.until},
            where=still,
        )
        if conn.execute(stmt.returning(cl.c.seat)).first() is None:  # (rowcount: -1 on psycopg here)
            row = conn.execute(sa.select(cl.c.seat, cl.c.officer).where(cl.c.event_id == event_id)).first()
            holder = (f"{row[0]}·{row[1]}" if row[1] else str(row[0])) if row is not None else None
            return False, holder
        ev = schema.events
        conn.execute(ev.update().where(ev.c.id == event_id).values(claimed_by=seat, claim_until=until))
        _log_claim(conn, "claim", event_id, seat, officer, now, now + ttl)  # replay: the new holder
        return True, None

    def release(self, event_id: str, seat: str, now: datetime | None = None) -> bool:
        """Drop the seat's claim; another seat's claim is left alone. True if one was dropped."""
        cl = schema.claims
        ev = schema.events
        with write_tx(self._engine) as c:
            gone = c.execute(cl.delete().where(cl.c.event_id == event_id, cl.c.seat == seat)).rowcount
            if gone:
                c.execute(
                    ev.update()
                    .where(ev.c.id == event_id, ev.c.claimed_by == seat)
                    .values(claimed_by=None, claim_until=None)
                )
                at = now or datetime.now(UTC)
                _log_claim(c, "release", event_id, seat, None, at, None)
                append_changes(c, [(ENTITY_CLAIM, event_id, 0)], to_us(at))
        return bool(gone)

    def holders(self, event_ids: Iterable[str], now: datetime,
                conn: Connection | None = None) -> dict[str, tuple[str, str | None, datetime]]:
        """Live claims among ``event_ids``: event id → (seat, officer, until) (on ``conn`` when given)."""
        ids = list(dict.fromkeys(event_ids))
        if conn is None:
            with self._engine.connect() as c:
                return self.holders(ids, now, c)
        cl = schema.claims
        out: dict[str, tuple[str, str | None, datetime]] = {}
        now_us = to_us(now)
        for start in range(0, len(ids), 500):
            stmt = sa.select(cl.c.event_id, cl.c.seat, cl.c.officer, cl.c.until).where(
                cl.c.event_id.in_(ids[start : start + 500]), cl.c.until > now_us
            )
            for eid, seat, officer, until in conn.execute(stmt):
                out[eid] = (seat, officer, from_us(until))  # type: ignore[assignment]
        return out
