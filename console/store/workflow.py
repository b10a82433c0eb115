"""Officer decisions written in one transaction with a compare-and-set on each event's version.

:func:`commit_decision` reads the events a decision touches *inside* a write transaction (rows
locked with ``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already serialises
writers), lets the decision — a pure function of those fresh versions — refuse or return its
actions, writes each changed event only if its stored version is still the one read (and bumps
it), and appends the actions. Another seat or the feed committing in between is therefore seen
by the decision itself: it is either still valid on the newer version (a 督办 after the
department signed for the work) or refused with the reason (a second dispatch). Nothing is
half-written; a refusal rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from console.domain.event import Action, Event
from console.store import schema
from console.store.changelog import append_changes, event_changes
from console.store.codec import event_to_row, to_us
from console.store.database import write_tx
from console.store.errors import StoreError

T = schema.events
CL = schema.claims


class ConflictError(StoreError):
    """A stored event's version changed under a locked read (should not happen; reported, not lost)."""

    def __init__(self, message: str, event_id: str, current: Event | None) -> None:
        super().__init__(message)
        self.event_id = event_id
        self.current = current


class MissingEvents(StoreError):
    """A decision names events that are not stored."""

    def __init__(self, ids: Sequence[str]) -> None:
        super().__init__(f"事件 {'、'.join(ids)} 不存在")
        self.ids = list(ids)


@dataclass(frozen=True, slots=True)
class DecisionContext:
    """What the decision sees inside its transaction."""

    events: Mapping[str, Event]  # fresh, locked versions of the events it touches
    claims: Mapping[str, tuple[str, str | None]]  # live claims among them: event id → (seat, officer)


# decide(context) -> (new versions of changed events, actions to append)
Decide = Callable[[DecisionContext], tuple[Sequence[Event], Sequence[Action]]]


_UPDATABLE = [c.name for c in T.columns if c.name not in ("rid", "id")]
_UPDATE = (
    T.update()
    .where(T.c.id == sa.bindparam("w_id"), T.c.version == sa.bindparam("w_version"))
    .values({name: sa.bindparam(f"b_{name}") for name in _UPDATABLE})
)


def read_claims(conn: Connection, ids: Sequence[str], now: datetime) -> dict[str, tuple[str, str | None]]:
    rows = conn.execute(
        sa.select(CL.c.event_id, CL.c.seat, CL.c.officer).where(CL.c.event_id.in_(list(ids)), CL.c.until > to_us(now))
    )
    return {eid: (seat, officer) for eid, seat, officer in rows}


def commit_decision(store: Any, ids: Sequence[str], decide: Decide, now: datetime,
                    *, deadline_of: Callable[[Event], datetime | None] | None = None,
                    guard: Callable[[Connection], None] | None = None,
                    changes: Sequence[tuple[str, str, int]] = ()) -> tuple[list[Event], list[Action]]:
    """Run ``decide`` on the fresh versions of ``ids`` and store its outcome, all in one transaction.

    ``guard(conn)`` runs first in the same transaction and may raise to write nothing (a linked
    room's message already applied: ``console.store.links.claim_inbox``; a supervisor's take-over of a
    claim: ``ClaimRepository.take_over``). ``changes``: change-log rows to append besides the changed
    events and actions (the take-over's claim).

    Changed events get their next version and (with ``deadline_of``, the SLA engine's one rule) their
    current deadline. Raises what ``decide`` raises (nothing is written), :class:`MissingEvents`,
    or :class:`ConflictError`.
    """
    wanted = list(dict.fromkeys(ids))
    with write_tx(store.engine) as conn:
        if guard is not None:
            guard(conn)
        fresh = store.events.get_many(wanted, conn, lock=True)
        missing = [i for i in wanted if i not in fresh]
        if missing:
            raise MissingEvents(missing)
        changed, actions = decide(DecisionContext(fresh, read_claims(conn, wanted, now)))
        out: list[Event] = []
        stmt = _UPDATE
        for after in changed:
            before = fresh[after.id]
            due = deadline_of(after) if deadline_of is not None else after.deadline_at
            after = after.copy(version=before.version + 1, deadline_at=due)
            row = event_to_row(after)
            params = {f"b_{k}": row[k] for k in _UPDATABLE}
            params.update(w_id=before.id, w_version=before.version)
            if conn.execute(stmt, params).rowcount != 1:
                current = store.events.get_many([before.id], conn).get(before.id)
                raise ConflictError(f"event {before.id} changed meanwhile", before.id, current)
            out.append(after)
        if actions:
            store.actions.append_many(list(actions), conn)
        append_changes(conn, [*event_changes(out, actions), *changes], to_us(now))  # last: see console.store.changelog
    return out, list(actions)
