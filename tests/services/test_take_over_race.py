"""A supervisor's take-over of a claim is one transaction through the decision path (issue 14): the
claim's compare-and-set, the new holder and the ``take_over`` action commit together. Two supervisors
taking over the same claim at once: exactly one wins, the other is told who holds it now; on one
SQLite file and on PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from console.domain.decisions import refusal_zh
from console.domain.ingest import IngestBatch
from console.domain.roles import Account, Role
from console.services.decisions import DecisionRefused
from tests.services.test_room_sync import Seat, _events, district, shared_url  # noqa: F401  (fixtures)
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)

ROUNDS = 6


def _sign_in_supervisor(seat: Seat, login: str) -> None:
    seat.decisions.sign_in(Account(login, f"值班长{login}", Role.SUPERVISOR))


async def test_two_supervisors_race_for_one_claim_exactly_one_wins(shared_url, district):  # noqa: F811
    a = Seat(shared_url, "席位1", district)
    b, c = Seat(shared_url, "主管席A", district), Seat(shared_url, "主管席B", district)
    _sign_in_supervisor(b, "sup-a")
    _sign_in_supervisor(c, "sup-b")
    ids = [f"race-{i}" for i in range(ROUNDS)]
    try:
        a.store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, *ids)), a.store.room_id)
        for s in (a, b, c):
            s.room.load(s.store.events.load_open())
        for eid in ids:
            assert await a.decisions.claim(eid) is None
            now = datetime.now(UTC)
            # both supervisors saw seat 1 holding the claim, and commit at the same moment
            seen = a.store.claims.holders([eid], now)[eid]
            plans = [s.decisions.plan_take_over(eid, (seen[0], seen[1]), now) for s in (b, c)]
            results = await asyncio.gather(b.decisions.execute(plans[0]), c.decisions.execute(plans[1]),
                                           return_exceptions=True)
            won = [r for r in results if not isinstance(r, BaseException)]
            lost = [r for r in results if isinstance(r, BaseException)]
            assert len(won) == 1, results
            assert len(lost) == 1, results
            assert isinstance(lost[0], DecisionRefused)
            assert lost[0].key == "take_over_lost"
            winner = "主管席A" if not isinstance(results[0], BaseException) else "主管席B"
            holder = a.store.claims.holders([eid], datetime.now(UTC))[eid]
            assert holder[0] == winner
            assert winner in str(lost[0])  # the loser is told who holds it now
            log = [x for x in a.store.actions.for_event(eid) if x.kind == "take_over"]
            assert len(log) == 1  # the loser wrote nothing
            assert log[0].seat == winner
            assert log[0].data["taken_from"] == "席位1"
            assert log[0].account == ("sup-a" if winner == "主管席A" else "sup-b")
            stored = a.store.events.get(eid)
            assert stored.claimed_by == winner
        assert a.store.verify_audit().intact
    finally:
        for s in (a, b, c):
            s.close()


async def test_take_over_after_the_claim_changed_hands_is_refused_and_told(shared_url, district):  # noqa: F811
    a, b = Seat(shared_url, "席位1", district), Seat(shared_url, "主管席", district)
    _sign_in_supervisor(b, "sup")
    try:
        a.store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, "tk-1")), a.store.room_id)
        for s in (a, b):
            s.room.load(s.store.events.load_open())
        now = datetime.now(UTC)
        # the supervisor saw nobody holding it; seat 1 claims it before the take-over commits
        plan = b.decisions.plan_take_over("tk-1", None, now)
        assert await a.decisions.claim("tk-1") is None
        with pytest.raises(DecisionRefused) as refused:
            await b.decisions.execute(plan)
        assert refused.value.key == "take_over_lost"
        assert "席位1" in str(refused.value)
        assert a.store.claims.holders(["tk-1"], now)["tk-1"][0] == "席位1"
        assert not [x for x in a.store.actions.for_event("tk-1") if x.kind == "take_over"]
        # the claim ran out meanwhile: the take-over goes through
        expired = datetime.now(UTC) + timedelta(minutes=10)
        late = b.decisions.plan_take_over("tk-1", ("席位1", None), expired)
        await b.decisions.execute(late)
        assert a.store.claims.holders(["tk-1"], expired)["tk-1"][0] == "主管席"
    finally:
        a.close()
        b.close()


async def test_an_officer_may_not_take_over(shared_url, district):  # noqa: F811
    a, b = Seat(shared_url, "席位1", district), Seat(shared_url, "席位2", district)
    b.decisions.sign_in(Account("li", "李四", Role.OFFICER))
    try:
        a.store.commit_ingest(IngestBatch(last_seq=1, events=_events(district, "tk-2")), a.store.room_id)
        for s in (a, b):
            s.room.load(s.store.events.load_open())
        assert await a.decisions.claim("tk-2") is None
        assert not b.decisions.may("takeover")
        with pytest.raises(DecisionRefused) as refused:
            await b.decisions.take_over("tk-2")
        assert refused.value.key == "role_forbidden"
        assert a.store.claims.holders(["tk-2"], datetime.now(UTC))["tk-2"][0] == "席位1"
    finally:
        a.close()
        b.close()


def test_the_refusal_names_the_holder():
    assert refusal_zh("take_over_lost", {"holder": "主管席·王五"}) == "接管未成功：主管席·王五 已先接管该事件的研判"
