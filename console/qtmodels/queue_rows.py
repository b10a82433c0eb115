"""Queue rows and the queue's filter: plain Python, precomputed once per event version.

A :class:`QueueRow` carries the event, its display strings and every key sorting or filtering
needs, so the model's ``data()``, sort and filter never recompute them (DESIGN §4.3, §4.5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from console.domain.event import Event, Level, Source, State

COL_LEVEL, COL_COUNTDOWN, COL_TITLE, COL_CATEGORY, COL_GRID, COL_SOURCE, COL_AGE, COL_STATUS, COL_ASSIGNEE = (
    range(9)
)
COLUMN_COUNT = 9
DISPATCH_SECONDS = 60  # "1分钟内完成研判和派发"
AMBER_SECONDS = 30
# states in which nobody has been sent yet: the one-minute dispatch countdown runs
UNDISPATCHED = frozenset({State.NEW, State.FILED, State.RETURNED, State.REOPENED, State.ESCALATED})
_FRESH = frozenset({State.NEW, State.FILED})
_RANK = {lv: lv.rank for lv in Level}
URGENT_RANK = Level.MAJOR.rank  # major and critical flash and ring (Level.is_urgent)  # module constants: Enum class attribute access is slow
_INF = float("inf")


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows. ``None`` / empty / False means "no restriction" for that facet."""

    states: frozenset[State] | None = None
    levels: frozenset[Level] | None = None
    sources: frozenset[Source] | None = None
    category: str | None = None
    grids: frozenset[str] | None = None
    text: str = ""
    mine: bool = False
    overdue: bool = False

    @property
    def active(self) -> bool:
        return bool(
            self.states is not None
            or self.levels is not None
            or self.sources is not None
            or self.category
            or self.grids is not None
            or self.text
            or self.mine
            or self.overdue
        )


class QueueRow:
    """One queue row: the event plus everything precomputed for display, sort and filter.

    Every sort key and filter facet is a plain slot so sorting and filtering use C-level
    ``attrgetter`` lookups instead of Python callbacks.
    """

    __slots__ = (
        "id",
        "ev",
        "disp",
        "title",
        "category_name",
        "grid_name",
        "source_name",
        "state_name",
        "assignee_text",
        "level",
        "state",
        "source",
        "category",
        "grid_id",
        "rank",
        "base_ts",
        "received_ts",
        "deadline_ts",
        "age_key",
        "countdown_key",
        "haystack",
        "undispatched",
    )

    def __init__(self, ev: Event, disp: tuple[str, ...]) -> None:
        self.id = ev.id
        self.ev = ev
        self.disp = disp
        self.title = disp[COL_TITLE]
        self.category_name = disp[COL_CATEGORY]
        self.grid_name = disp[COL_GRID]
        self.source_name = disp[COL_SOURCE]
        self.state_name = disp[COL_STATUS]
        self.assignee_text = disp[COL_ASSIGNEE]
        self.level = ev.level
        self.state = ev.state
        self.source = ev.source
        self.category = ev.category
        self.grid_id = ev.grid_id
        self.rank = _RANK[ev.level]
        received = ev.received_at or ev.reported_at
        self.received_ts = received.timestamp()
        self.undispatched = ev.state in UNDISPATCHED
        if ev.state in _FRESH or ev.updated_at is None:
            self.base_ts = self.received_ts
        else:  # came back (returned / reopened / escalated): the minute restarts then
            self.base_ts = ev.updated_at.timestamp()
        self.deadline_ts = ev.deadline_at.timestamp() if ev.deadline_at is not None else _INF
        self.age_key = -self.received_ts  # ascending age = youngest first
        self.countdown_key = -self.base_ts if self.undispatched else -_INF
        self.haystack: bytes | None = None  # built on the first text search (see fill_haystacks)

    def make_haystack(self) -> bytes:
        ev = self.ev
        addr = ev.location.address if ev.location is not None and ev.location.address else ""
        # UTF-8 bytes, ASCII-lowercased: ~6x cheaper than str.casefold() on CJK text; the search
        # is case-insensitive for Latin letters and exact for everything else
        self.haystack = hay = f"{ev.title}\n{ev.description or ''}\n{addr}".encode().lower()
        return hay

    def update(self, other: QueueRow) -> None:
        """Take over another row's contents (a new version of the same event), keeping identity."""
        for slot in QueueRow.__slots__:
            setattr(self, slot, getattr(other, slot))


SORT_KEYS: dict[int, Callable[[QueueRow], Any]] = {
    COL_LEVEL: attrgetter("rank"),
    COL_COUNTDOWN: attrgetter("countdown_key"),
    COL_TITLE: attrgetter("title"),
    COL_CATEGORY: attrgetter("category_name"),
    COL_GRID: attrgetter("grid_name"),
    COL_SOURCE: attrgetter("source_name"),
    COL_AGE: attrgetter("age_key"),
    COL_STATUS: attrgetter("state_name"),
    COL_ASSIGNEE: attrgetter("assignee_text"),
}


def sort_key(column: int) -> Callable[[QueueRow], Any]:
    return SORT_KEYS[column]


def needle_of(text: str) -> bytes:
    """The search text in the haystack's form (UTF-8, ASCII-lowercased)."""
    return text.encode().lower()


def is_mine(ev: Event, seat: str | None) -> bool:
    return seat is not None and (ev.claimed_by == seat or seat in ev.assignees)


def passes(r: QueueRow, f: QueueFilter, now: float, seat: str | None) -> bool:
    if f.states is not None and r.state not in f.states:
        return False
    if f.levels is not None and r.level not in f.levels:
        return False
    if f.sources is not None and r.source not in f.sources:
        return False
    if f.category and r.category != f.category:
        return False
    if f.grids is not None and r.grid_id not in f.grids:
        return False
    if f.text and needle_of(f.text) not in (r.haystack or r.make_haystack()):
        return False
    if f.mine and not is_mine(r.ev, seat):
        return False
    return not (f.overdue and not r.deadline_ts < now)


def filter_rows(rows: list[QueueRow], f: QueueFilter, now: float, seat: str | None) -> list[QueueRow]:
    """The rows passing ``f``, order kept; each facet is one comprehension over the survivors."""
    out = rows
    if f.states is not None:
        st = f.states
        out = [r for r in out if r.state in st]
    if f.levels is not None:
        lv = f.levels
        out = [r for r in out if r.level in lv]
    if f.sources is not None:
        so = f.sources
        out = [r for r in out if r.source in so]
    if f.category:
        cat = f.category
        out = [r for r in out if r.category == cat]
    if f.grids is not None:
        gr = f.grids
        out = [r for r in out if r.grid_id in gr]
    if f.overdue:
        out = [r for r in out if r.deadline_ts < now]
    if f.mine:
        out = [r for r in out if is_mine(r.ev, seat)]
    if f.text:
        needle = needle_of(f.text)
        fill_haystacks(out)
        out = [r for r in out if needle in r.haystack]  # type: ignore[operator]
    return out if out is not rows else list(rows)


def fill_haystacks(rows: list[QueueRow]) -> None:
    """Build the search text of rows that have none yet (lazy: start-up does not pay for it)."""
    for r in rows:
        if r.haystack is None:
            r.make_haystack()


def contiguous_runs(sorted_rows: list[int]) -> list[tuple[int, int]]:
    """Group sorted row numbers into contiguous (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for r in sorted_rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        elif not runs or r != runs[-1][1]:
            runs.append((r, r))
    return runs
