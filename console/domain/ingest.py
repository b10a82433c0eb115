"""What one committed batch of the feed carries, and what committing it changed.

The net client turns frames into an :class:`IngestBatch`; the store commits it in one
transaction (``Store.commit_ingest``) and answers with an :class:`IngestResult`, which the
room applies to its live state. Pure records, no behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from console.domain.event import Action, Event, State


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    """Field feedback from a department or grid worker (protocol ``status`` record)."""

    seq: int
    event_id: str
    state: State  # accepted | on_scene | resolved | returned
    unit_id: str | None
    at: datetime
    note: str | None = None


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    """A record that failed validation (or that the database refused), kept raw with its reason;
    also a feed-health note (a gap or a repeated seq in the stream), kept the same way.

    ``key`` identifies a record without a ``seq`` (its content and its place in the stream), so
    the store keeps it once even when the hub sends it again after a crash; records with a seq are
    made idempotent by the feed position instead.
    """

    raw: str
    reason: str
    received_at: datetime
    seq: int | None = None
    key: str | None = None


@dataclass(slots=True)
class IngestBatch:
    last_seq: int  # highest seq covered by this batch (committed or quarantined)
    events: list[Event] = field(default_factory=list)
    statuses: list[StatusUpdate] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)
    # True when the events were made for this batch alone (the feed client's decoded records): the
    # store may then stamp and keep these objects as the stored records instead of copying them.
    # False: the caller's records are left as they are.
    owned: bool = False


@dataclass(slots=True)
class IngestResult:
    last_seq: int
    new_events: list[Event] = field(default_factory=list)  # stored for the first time
    changed_events: list[Event] = field(default_factory=list)  # merged duplicates, status applied
    actions: list[Action] = field(default_factory=list)  # appended to the log by this commit
    merged: int = 0  # re-sent ids / duplicate reports merged into an existing event
    stale: int = 0  # records with seq <= last committed, ignored
    quarantined: int = 0
