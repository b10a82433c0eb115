"""Officer decisions racing the feed and each other on one database (issue 11), as separate processes
would: each writer has its own store (its own engine and connections).

- 1,000 field statuses (``accepted``, through the live status path ``Store.commit_ingest``) race
  1,000 officer decisions (督办 through the decision service) on the same 1,000 events: every status
  and every decision survives, and each stored row equals the fold of its action log.
- Two officers verify the same resolved events at once: each event has exactly one winning check.

SQLite and PostgreSQL (PostgreSQL runs under CI=true; see tests/store/conftest.py).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from console.domain.decisions import fold
from console.domain.event import Event, Source, State
from console.domain.ingest import IngestBatch, StatusUpdate
from console.domain.sla import default_table
from console.services.bus import Bus
from console.services.decisions import DecisionRefused, DecisionService
from console.services.room import Room
from console.store import open_store
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)

N = 1_000
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
# the fields the lifecycle owns (deadline_at is derived, version counts writes, claims are not logged)
FOLDED = ("state", "assignees", "dispatched_at", "resolved_at", "closed_at", "duplicate_of", "duplicate_count",
          "category", "level", "supervised", "extra", "updated_at")


@pytest.fixture(params=["sqlite", "postgres"])
def room_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'room.db'}"
    return request.getfixturevalue("pg_url")


def _events(n: int, state: State, **kw) -> list[Event]:
    return [
        Event(id=f"race-{i:05d}", source=Source.GRID_APP, category="city.garbage", title=f"暴露垃圾 {i}",
              reported_at=T0, received_at=T0, updated_at=T0, state=state, assignees=["dept.sanitation"],
              dispatched_at=T0, **kw)
        for i in range(n)
    ]


def _service(url: str, seat: str) -> DecisionService:
    store = open_store(url)
    clock = iter(T0 + timedelta(minutes=5, microseconds=i) for i in range(10**7))
    return DecisionService(store, Room(Bus()), Bus(), None, table=default_table(), seat=seat,
                           officer=f"officer-{seat}", clock=lambda: next(clock), inline=True)


def _run_threads(*targets) -> list[BaseException]:
    errors: list[BaseException] = []

    def guard(fn):
        def run():
            try:
                fn()
            except BaseException as exc:  # noqa: BLE001 - reported to the test
                errors.append(exc)
        return run

    threads = [threading.Thread(target=guard(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return errors


def _assert_rows_are_the_fold(store, initial: list[Event]) -> None:
    stored = store.events.get_many([e.id for e in initial])
    log = store.actions.log([e.id for e in initial])
    by_event: dict[str, list] = {}
    for a in log:
        by_event.setdefault(a.event_id, []).append(a)
    for ev in initial:
        folded = fold(ev, by_event.get(ev.id, []))
        row = stored[ev.id]
        diff = {f: (getattr(row, f), getattr(folded, f)) for f in FOLDED if getattr(row, f) != getattr(folded, f)}
        assert not diff, f"{ev.id}: stored row differs from the fold of its log: {diff}"


def test_feed_statuses_and_officer_decisions_both_survive(room_url) -> None:
    initial = _events(N, State.DISPATCHED)
    seed = open_store(room_url)
    seed.events.insert_many(initial)
    officer = _service(room_url, "seat-1")
    feed = open_store(room_url)

    def feed_writer() -> None:
        for start in range(0, N, 10):  # batches of 10 statuses, as the feed client commits them
            statuses = [StatusUpdate(start + k + 1, initial[start + k].id, State.ACCEPTED, "dept.sanitation",
                                     T0 + timedelta(minutes=3), None) for k in range(10)]
            feed.commit_ingest(IngestBatch(last_seq=start + 10, statuses=statuses), "intake",
                               T0 + timedelta(minutes=3))

    refused: list[str] = []

    def officer_writer() -> None:
        for ev in initial:
            try:
                officer.commit(officer.plan_supervise(ev.id, "请今日内处置"))
            except DecisionRefused as exc:
                refused.append(f"{ev.id}: {exc}")

    try:
        assert _run_threads(feed_writer, officer_writer) == []
        assert refused == []  # 督办 applies whether or not the department has signed for the work
        rows = seed.events.get_many([e.id for e in initial])
        assert all(r.state is State.ACCEPTED and r.supervised for r in rows.values()), "a write was lost"
        assert all(r.version == 2 for r in rows.values())  # two writes each, both counted
        kinds = [a.kind for a in seed.actions.log()]
        assert kinds.count("supervise") == N
        assert kinds.count("transition") == N
        _assert_rows_are_the_fold(seed, initial)
    finally:
        for s in (seed, officer.store, feed):
            s.close()


def test_two_officers_one_winning_check_per_event(room_url) -> None:
    n = 200
    initial = _events(n, State.RESOLVED, resolved_at=T0)
    seed = open_store(room_url)
    seed.events.insert_many(initial)
    seats = [_service(room_url, "seat-1"), _service(room_url, "seat-2")]
    wins: dict[str, list[str]] = {"seat-1": [], "seat-2": []}

    def worker(svc: DecisionService, order: list[Event]):
        def run() -> None:
            for ev in order:
                try:
                    svc.commit(svc.plan_verify(ev.id, True, "核查通过"))
                    wins[svc.seat].append(ev.id)
                except DecisionRefused:
                    pass
        return run

    try:
        assert _run_threads(worker(seats[0], initial), worker(seats[1], initial[::-1])) == []
        assert sorted(wins["seat-1"] + wins["seat-2"]) == sorted(e.id for e in initial)  # one winner each
        log = seed.actions.log()
        closes = [a for a in log if a.kind == "transition" and a.to_state is State.CLOSED]
        assert len(closes) == n
        assert len({a.event_id for a in closes}) == n
        _assert_rows_are_the_fold(seed, initial)
    finally:
        for s in (seed, *(svc.store for svc in seats)):
            s.close()


def test_a_decision_during_a_feed_batch_is_not_overwritten(room_url, monkeypatch) -> None:
    """The exact interleaving of the lost update: the officer commits while a feed batch holding the
    same event sits between its read and its write. The feed's read locks the row, so the decision
    waits for the batch and is then applied on top of it — nothing is lost either way."""
    from console.store import ingest as ingest_mod

    (ev,) = _events(1, State.DISPATCHED)
    seed = open_store(room_url)
    seed.events.insert_many([ev])
    officer = _service(room_url, "seat-1")
    feed = open_store(room_url)
    reading, decided = threading.Event(), threading.Event()
    original = ingest_mod._Plan.apply_status

    def apply_status(self, st):  # the batch has read its rows and not written them yet
        reading.set()
        decided.wait(timeout=1.5)  # without a row lock the decision commits right here
        original(self, st)

    monkeypatch.setattr(ingest_mod._Plan, "apply_status", apply_status)

    def decide() -> None:
        reading.wait(timeout=30)
        officer.commit(officer.plan_supervise(ev.id, "请今日内处置"))
        decided.set()

    def feed_batch() -> None:
        st = StatusUpdate(1, ev.id, State.ACCEPTED, "dept.sanitation", T0 + timedelta(minutes=3), None)
        feed.commit_ingest(IngestBatch(last_seq=1, statuses=[st]), "intake", T0 + timedelta(minutes=3))

    try:
        assert _run_threads(decide, feed_batch) == []
        row = seed.events.get(ev.id)
        assert (row.state, row.supervised) == (State.ACCEPTED, True)
        _assert_rows_are_the_fold(seed, [ev])
    finally:
        for s in (seed, officer.store, feed):
            s.close()
