"""A hub log reset seen from the console (issue 13, item 2): :func:`detect_log_change`.

The hub names its log in ``subscribed`` (``log_id``, made at random with the log). A console's
position counts in one log; subscribing to a hub whose log is another one — another id, or a head
below the position (a log never shrinks) — means its seqs started again: the console must read the
new log from 0 (what it holds already is merged by id). A log id seen for the first time is only
kept. See docs/protocol.md "Hub log resets".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LogChange:
    """The hub's log compared with the one the console's position counts in (see the module doc)."""

    old_log_id: str | None  # the log the position counts in (None: not known)
    new_log_id: str | None  # the hub's log now (None: a hub that sends no log id)
    position: int  # the console's last committed seq
    head_seq: int  # the hub's head
    resume_from: int  # the seq to continue after: 0 after a reset, the position when an id is first seen
    resync: bool  # False: a log id first seen, nothing to redo

    @property
    def reason(self) -> str:
        if not self.resync:
            return "first_seen"
        if self.old_log_id and self.new_log_id and self.old_log_id != self.new_log_id:
            return "new_log"
        return "head_behind"

    def describe(self) -> str:
        """In words, for logs and the feed-health record (English)."""
        if not self.resync:
            return f"hub log {self.new_log_id} first seen at seq {self.position}"
        if self.reason == "new_log":
            what = f"hub log changed from {self.old_log_id} to {self.new_log_id} (head {self.head_seq})"
        else:
            what = (f"hub log {self.new_log_id or '(no id)'} has head {self.head_seq}, below the console's "
                    f"position {self.position}")
        return f"{what}; position {self.position} → resynchronising after seq {self.resume_from}"


def detect_log_change(position: int, known_id: str | None, head_seq: int, hub_id: str | None) -> LogChange | None:
    """What subscribing at ``position`` (counted in log ``known_id``) to a hub at ``head_seq`` of log
    ``hub_id`` means: ``None`` when it is the same log, else a :class:`LogChange`."""
    if known_id is not None and hub_id is not None and known_id != hub_id:
        return LogChange(known_id, hub_id, position, head_seq, 0, True)
    if head_seq < position:  # a log never shrinks: a new one (ids unknown), or the same one from a copy
        return LogChange(known_id, hub_id, position, head_seq, 0, True)
    if hub_id is not None and known_id is None:
        return LogChange(None, hub_id, position, head_seq, position, False)
    return None
