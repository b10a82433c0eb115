"""Triage learning records: the room's labelled examples and the classifier versions (issue 17)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.domain.event import utcnow
from console.store import schema
from console.store.codec import to_us
from console.store.database import write_tx


@dataclass(frozen=True, slots=True)
class ExampleRow:
    id: int
    at: int
    event_id: str | None
    text: str
    matter: str
    department: str
    suggested_matter: str | None
    suggested_department: str | None


@dataclass(frozen=True, slots=True)
class ModelRow:
    version: int
    created_at: int
    status: str  # active | retired | rejected
    fingerprint: str
    n_examples: int
    heldout_top1: float
    heldout_top3: float
    abstention: float
    threshold: float
    note: str | None


class TriageRecords:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # ------------------------------------------------------------------ examples
    def add_example(self, *, text: str, matter: str, department: str, event_id: str | None = None,
                    suggested_matter: str | None = None, suggested_department: str | None = None,
                    seat: str | None = None, officer: str | None = None) -> int:
        t = schema.triage_examples
        with write_tx(self._engine) as c:
            res = c.execute(t.insert().values(
                at=int(to_us(utcnow()) or 0), event_id=event_id, text=text, matter=matter, department=department,
                suggested_matter=suggested_matter, suggested_department=suggested_department,
                seat=seat, officer=officer))
            key = res.inserted_primary_key
            assert key is not None
            return int(key[0])

    def examples(self, upto: int | None = None) -> list[ExampleRow]:
        """The first ``upto`` examples (all when None), oldest first."""
        t = schema.triage_examples
        q = sa.select(t.c.id, t.c.at, t.c.event_id, t.c.text, t.c.matter, t.c.department,
                      t.c.suggested_matter, t.c.suggested_department).order_by(t.c.id)
        if upto is not None:
            q = q.limit(upto)
        with self._engine.connect() as c:
            return [ExampleRow(*tuple(r)) for r in c.execute(q)]

    def count_examples(self) -> int:
        t = schema.triage_examples
        with self._engine.connect() as c:
            return int(c.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0)

    # ------------------------------------------------------------------ model versions
    def models(self) -> list[ModelRow]:
        t = schema.triage_models
        with self._engine.connect() as c:
            return [ModelRow(*tuple(r)) for r in c.execute(sa.select(
                t.c.version, t.c.created_at, t.c.status, t.c.fingerprint, t.c.n_examples, t.c.heldout_top1,
                t.c.heldout_top3, t.c.abstention, t.c.threshold, t.c.note).order_by(t.c.version))]

    def active(self) -> ModelRow | None:
        return next((m for m in reversed(self.models()) if m.status == "active"), None)

    def add_model(self, *, fingerprint: str, n_examples: int, top1: float, top3: float, abstention: float,
                  threshold: float, activate: bool, note: str | None = None) -> int:
        """Record a new version (the next number); when ``activate`` it becomes the only active one."""
        t = schema.triage_models
        with write_tx(self._engine) as c:
            last = c.execute(sa.select(sa.func.max(t.c.version))).scalar() or 0
            version = int(last) + 1
            if activate:
                c.execute(t.update().where(t.c.status == "active").values(status="retired"))
            c.execute(t.insert().values(
                version=version, created_at=int(to_us(utcnow()) or 0), status="active" if activate else "rejected",
                fingerprint=fingerprint, n_examples=n_examples, heldout_top1=top1, heldout_top3=top3,
                abstention=abstention, threshold=threshold, note=note))
        return version

    def rollback(self, to_version: int | None = None) -> ModelRow | None:
        """Make ``to_version`` (default: the newest version before the active one that was ever
        active) the active model; the current one is retired. None when there is nothing to go to."""
        rows = self.models()
        current = next((m for m in reversed(rows) if m.status == "active"), None)
        if to_version is None:
            below = [m for m in rows if m.status == "retired" and (current is None or m.version < current.version)]
            target = below[-1] if below else None
        else:
            target = next((m for m in rows if m.version == to_version and m.status != "rejected"), None)
        if target is None or (current is not None and target.version == current.version):
            return None
        t = schema.triage_models
        with write_tx(self._engine) as c:
            c.execute(t.update().where(t.c.status == "active").values(status="retired"))
            c.execute(t.update().where(t.c.version == target.version).values(status="active"))
        return next(m for m in self.models() if m.version == target.version)
