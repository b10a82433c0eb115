"""Rate limit of the positions' quarantine: a flood of bad fixes keeps samples, and counts the rest.

A phone with a broken app may send the same malformed fix ten times a second for hours, and a
misconfigured fleet thousands of fixes a minute for workers not on the roster. Every refusal is
still counted, but only the first :data:`SAMPLES` of each (reason, worker, UTC minute) are kept
raw in the quarantine table; when that minute is over, one summary row says how many more of the
same reason from the same worker arrived in it (reason ``position <kind>: N more ...``). Beyond
:data:`MAX_KEYS` different workers in a minute (ids made up by the flood), the others share one
key ``*``. Pure Python: the position service keeps one and writes what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

SAMPLES = 3  # refusals kept raw per reason, worker and minute
MAX_KEYS = 500  # (reason, worker) keys a minute before the others share the worker "*"
MINUTE_US = 60_000_000


@dataclass(slots=True)
class _Count:
    kept: int = 0
    dropped: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    """How many refusals of one reason from one worker in one minute were counted but not kept."""

    kind: str
    worker: str
    minute_us: int  # start of the UTC minute
    kept: int
    dropped: int

    @property
    def reason(self) -> str:
        at = datetime.fromtimestamp(self.minute_us / 1e6, UTC).strftime("%Y-%m-%d %H:%M")
        who = "workers beyond the first 500" if self.worker == "*" else f"worker {self.worker}"
        return (f"position {self.kind.replace('_', ' ')}: {self.dropped} more from {who} in the minute "
                f"{at} UTC not kept ({self.kept} kept as samples; rate limit {SAMPLES} a minute)")

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp((self.minute_us + MINUTE_US) / 1e6, UTC)


class QuarantineLimiter:
    def __init__(self, samples: int = SAMPLES, max_keys: int = MAX_KEYS) -> None:
        self.samples = samples
        self.max_keys = max_keys
        self._minutes: dict[int, dict[tuple[str, str], _Count]] = {}

    def admit(self, kind: str, worker: str | None, t_us: int) -> bool:
        """Count a refusal received at ``t_us``; True when it is to be kept raw (a sample)."""
        minute = t_us - t_us % MINUTE_US
        keys = self._minutes.setdefault(minute, {})
        key = (kind, worker or "?")
        c = keys.get(key)
        if c is None:
            if len(keys) >= self.max_keys:
                key = (kind, "*")
                c = keys.get(key)
            if c is None:
                c = keys[key] = _Count()
        if c.kept < self.samples:
            c.kept += 1
            return True
        c.dropped += 1
        return False

    def closed(self, now_us: int, *, final: bool = False) -> list[Summary]:
        """Summaries of the minutes over by ``now_us`` (all of them with ``final``), forgotten after."""
        current = now_us - now_us % MINUTE_US
        out: list[Summary] = []
        for minute in sorted(m for m in self._minutes if final or m < current):
            for (kind, worker), c in sorted(self._minutes.pop(minute).items()):
                if c.dropped:
                    out.append(Summary(kind, worker, minute, c.kept, c.dropped))
        return out

    @property
    def pending(self) -> bool:
        return bool(self._minutes)
