"""Officer decisions written with a compare-and-set, so two seats cannot both act on one event.

``apply_changes`` stores new versions of events together with their actions in one transaction,
but only if each event is still exactly as the caller last saw it (same state and ``updated_at``).
Another seat (or the feed) having changed it meanwhile raises :class:`ConflictError`, and nothing
is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from console.domain.event import Action, Event
from console.store import schema
from console.store.codec import event_to_row, to_us
from console.store.database import write_tx
from console.store.errors import StoreError

T = schema.events


class ConflictError(StoreError):
    """The event changed since it was read; the caller should reload and decide again."""

    def __init__(self, message: str, event_id: str, current: Event | None) -> None:
        super().__init__(message)
        self.event_id = event_id
        self.current = current


def apply_changes(store, changes: Sequence[tuple[Event, Event]], actions: Sequence[Action]) -> None:
    """Write ``after`` for each ``(before, after)`` pair if the stored row still equals ``before``."""
    with write_tx(store.engine) as conn:
        for before, after in changes:
            row = event_to_row(after)
            del row["id"]
            cond = [T.c.id == before.id, T.c.state == str(before.state)]
            stamp = to_us(before.updated_at)
            cond.append(T.c.updated_at.is_(None) if stamp is None else T.c.updated_at == stamp)
            result = conn.execute(T.update().where(*cond).values(**row))
            if result.rowcount != 1:
                current = store.events.get_many([before.id], conn).get(before.id)
                raise ConflictError(
                    f"event {before.id} changed meanwhile (now {current.state.value if current else 'missing'})",
                    before.id,
                    current,
                )
        store.actions.append_many(list(actions), conn)
