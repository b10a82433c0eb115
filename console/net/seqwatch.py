"""Sequence health of the feed: gaps and repeated seqs are recorded, frames without a seq are keyed.

Within one subscription the hub sends every record once, in seq order, from ``after_seq + 1`` on;
a frame whose seq cannot be read (not JSON) still fills one slot. :class:`SeqWatch` follows one
client's stream and turns what breaks that rule into feed-health notes — quarantine records without
a seq, so they are kept, counted and shown like the rest, and never stop the stream:

- a gap: ``seq 120 after 118: gap of 1`` (seq 119 never came; slots filled by unreadable frames
  do not count as missing);
- a repeated or backwards seq (the record is ignored, as the protocol says):
  ``seq 118 after 118: repeated, ignored``, ``seq 117 after 118: backwards, ignored``; consecutive
  ones make one note: ``seqs 1…5000 after 80000: 5000 records at or below the last seq, ignored``.

Every record without a seq gets a ``key`` (SHA-256 of the console, its place in the stream and its
content): the store keeps a keyed record once, so a frame the hub sends again after a crash (its
quarantine was committed, the position could not move past it) is not quarantined twice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from console.domain.ingest import QuarantineRecord

RAW_KEEP = 4096  # chars of the first repeated record kept in its note


def record_key(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


@dataclass(slots=True)
class _Run:
    """Consecutive records at or below the last seq."""

    after: int
    low: int
    high: int
    count: int
    raw: str


class SeqWatch:
    """One client's view of the stream's sequence (reset at each subscription by :meth:`start`)."""

    def __init__(self, console_id: str) -> None:
        self.console_id = console_id
        self.unsequenced = 0  # frames without a readable seq since the last record (they fill slots)
        # counted since the client started:
        self.gaps = 0
        self.missing = 0  # seqs never received, over all gaps
        self.repeated = 0  # records at or below the last seq, ignored
        self.last_note: str | None = None  # the latest note's reason
        self._run: _Run | None = None

    @property
    def dirty(self) -> bool:
        """True when the next record needs :meth:`advance` (unread slots or a run to close)."""
        return self.unsequenced != 0 or self._run is not None

    def start(self) -> None:
        """A new subscription: the hub starts again right after the subscriber's position."""
        self.unsequenced = 0
        self._run = None

    def unsequenced_key(self, high: int, reason: str, raw: str) -> str:
        """The key of a frame without a seq arriving after record ``high`` (it fills one slot)."""
        key = record_key(self.console_id, "frame", high, self.unsequenced, reason, raw)
        self.unsequenced += 1
        return key

    def advance(self, high: int, seq: int, now: datetime) -> list[QuarantineRecord]:
        """The notes due before record ``seq`` (> ``high``, the last seq received): a run of repeated
        seqs that it ends, and a gap between ``high`` and it."""
        notes: list[QuarantineRecord] = []
        closed = self.close(now)
        if closed is not None:
            notes.append(closed)
        missing = seq - high - 1 - self.unsequenced
        if missing > 0:
            self.gaps += 1
            self.missing += missing
            reason = f"seq {seq} after {high}: gap of {missing}"
            raw = json.dumps({"type": "gap", "after_seq": high, "seq": seq, "missing": missing,
                              "unsequenced": self.unsequenced})
            notes.append(self._note(raw, reason, now))
        self.unsequenced = 0
        return notes

    def repeat(self, high: int, seq: int, raw: str | bytes) -> None:
        """Record ``seq`` (<= ``high``) arrived again or out of order: ignored, noted."""
        self.repeated += 1
        run = self._run
        if run is None:
            text = raw[:RAW_KEEP] if isinstance(raw, str) else raw[:RAW_KEEP].decode("utf-8", "replace")
            self._run = _Run(high, seq, seq, 1, text)
        else:
            run.low, run.high = min(run.low, seq), max(run.high, seq)
            run.count += 1

    def close(self, now: datetime) -> QuarantineRecord | None:
        """The note for the current run of repeated seqs, if any (the run ends)."""
        run, self._run = self._run, None
        if run is None:
            return None
        if run.count == 1:
            how = "repeated" if run.low == run.after else "backwards"
            reason = f"seq {run.low} after {run.after}: {how}, ignored"
        else:
            reason = (f"seqs {run.low}…{run.high} after {run.after}: {run.count} records at or below "
                      "the last seq, ignored")
        return self._note(run.raw, reason, now)

    def _note(self, raw: str, reason: str, now: datetime) -> QuarantineRecord:
        self.last_note = reason
        return QuarantineRecord(raw=raw, reason=reason, received_at=now, seq=None,
                                key=record_key(self.console_id, "note", reason, raw))
