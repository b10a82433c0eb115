"""The escalation board folded from the room log: changes commute, apply once, and fold to any instant."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from console.domain.escalation import Broadcast, Whistle
from console.domain.escalation_log import (
    Board,
    LogEntry,
    broadcast_view,
    changes_of,
    dump_broadcast,
    dump_whistle,
    whistle_view,
)

T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


def _broadcast() -> Broadcast:
    return Broadcast.create("bc-1", "台风预警：今晚20时前完成转移", ["g1", "g2", "g3"], "指挥长", T0, 30 * MIN)


def _whistle() -> Whistle:
    return Whistle.create("wh-1", "ev-1", ["dept.a", "dept.b"], "河道漂浮物", "指挥长", T0, 30 * MIN)


def _entry(n: int, minutes: float, kind: str, ref: str, **data) -> LogEntry:
    return LogEntry(T0 + minutes * MIN, kind, ref, {"cid": f"c{n}", **data}, id=n)


def _sent(n: int = 1) -> LogEntry:
    return _entry(n, 0, "broadcast_sent", "bc-1", broadcast=dump_broadcast(_broadcast()))


def _blown(n: int = 1) -> LogEntry:
    return _entry(n, 0, "whistle_blown", "wh-1", whistle=dump_whistle(_whistle()))


def test_two_seats_acknowledging_different_grids_both_survive_in_any_order():
    snap = dump_broadcast(_broadcast())
    a = _entry(2, 3, "broadcast_acknowledged", "bc-1", grid_id="g1", at=(T0 + 3 * MIN).isoformat(), broadcast=snap)
    b = _entry(3, 3, "broadcast_acknowledged", "bc-1", grid_id="g2", at=(T0 + 3 * MIN).isoformat(), broadcast=snap)
    for entries in itertools.permutations([_sent(), a, b]):
        board = Board()
        for e in entries:  # the order each seat happens to read them in
            board.apply(e)
        acks = board.broadcasts["bc-1"].acks
        assert acks == {"g1": T0 + 3 * MIN, "g2": T0 + 3 * MIN, "g3": None}


def test_a_change_applies_once_and_the_earliest_acknowledgement_stands():
    board = Board()
    board.apply(_sent())
    late = _entry(2, 9, "broadcast_acknowledged", "bc-1", grid_id="g1", at=(T0 + 9 * MIN).isoformat())
    early = _entry(3, 9, "broadcast_acknowledged", "bc-1", grid_id="g1", at=(T0 + 4 * MIN).isoformat())
    resend = _entry(4, 10, "broadcast_resent", "bc-1", grid_ids=["g2", "g3"])
    effects = board.apply(late)
    assert [t for t, _ in effects] == ["broadcast_acknowledged"]
    assert board.apply(late) == []  # the same change again (this seat's own, read back): nothing
    board.apply(early)
    board.apply(resend)
    board.apply(resend)
    b = board.broadcasts["bc-1"]
    assert b.acks["g1"] == T0 + 4 * MIN
    assert b.sends == {"g1": 1, "g2": 2, "g3": 2}


def test_a_check_in_in_time_outweighs_a_racing_red_mark_in_either_order():
    check_in = _entry(2, 29, "whistle_checked_in", "wh-1", department_id="dept.a", at=(T0 + 29 * MIN).isoformat())
    red = _entry(3, 30, "whistle_red", "wh-1", department_ids=["dept.a", "dept.b"], escalated=True)
    late = _entry(4, 45, "whistle_checked_in", "wh-1", department_id="dept.b", at=(T0 + 45 * MIN).isoformat())
    for entries in itertools.permutations([check_in, red, late]):
        board = Board()
        board.apply(_blown())
        for e in entries:
            board.apply(e)
        w = board.whistles["wh-1"]
        assert not w.summons["dept.a"].red  # checked in before the deadline
        assert w.summons["dept.b"].red  # late
        assert w.escalated
        assert w.response_rate == 0.5


def test_progress_notes_keep_time_order_whatever_order_they_arrive_in():
    first = _entry(2, 5, "whistle_progress", "wh-1", department_id="dept.a", note="已到场", at=(T0 + 5 * MIN).isoformat())
    second = _entry(3, 8, "whistle_progress", "wh-1", department_id="dept.a", note="已清理", at=(T0 + 8 * MIN).isoformat())
    board = Board()
    board.apply(_blown())
    board.apply(second)
    board.apply(first)
    assert [n for _, n in board.whistles["wh-1"].summons["dept.a"].progress] == ["已到场", "已清理"]


def test_a_change_of_a_record_not_seen_yet_brings_the_record_as_it_was_made():
    snap = dump_broadcast(_broadcast())
    snap["acks"]["g3"] = (T0 + MIN).isoformat()  # the record after other changes: not taken as such
    board = Board()
    effects = board.apply(_entry(5, 2, "broadcast_acknowledged", "bc-1", grid_id="g2", at=(T0 + 2 * MIN).isoformat(),
                                 broadcast=snap))
    assert [t for t, _ in effects] == ["broadcast_sent", "broadcast_acknowledged"]
    assert board.broadcasts["bc-1"].acks == {"g1": None, "g2": T0 + 2 * MIN, "g3": None}
    assert board.apply(_sent()) == []  # the send, read later, changes nothing


def test_entries_from_before_change_ids_fold_by_the_record_after_them():
    """Room logs written before this fold (no ``cid``, no ``at``): times come from the record."""
    b = _broadcast()
    b.acknowledge("g2", T0 + 7 * MIN)
    old = [LogEntry(T0, "broadcast_sent", "bc-1", {"broadcast": dump_broadcast(_broadcast())}, id=1),
           LogEntry(T0 + 8 * MIN, "broadcast_acknowledged", "bc-1", {"broadcast": dump_broadcast(b), "grid_id": "g2"},
                    id=2)]
    board, errors = Board.fold(old)
    assert errors == []
    assert board.broadcasts["bc-1"].acks["g2"] == T0 + 7 * MIN


def test_the_fold_stops_at_the_instant_and_reports_unreadable_entries():
    entries = [_sent(), _entry(2, 5, "broadcast_acknowledged", "bc-1", grid_id="g1", at=(T0 + 5 * MIN).isoformat()),
               _entry(3, 6, "broadcast_acknowledged", "bc-404", grid_id="g1"),
               _entry(4, 7, "broadcast_acknowledged", "bc-1", grid_id="nowhere")]
    board, errors = Board.fold(entries, until=T0 + 4 * MIN)
    assert board.broadcasts["bc-1"].silent() == ["g1", "g2", "g3"]
    assert errors == []
    board, errors = Board.fold(entries)
    assert board.broadcasts["bc-1"].silent() == ["g2", "g3"]
    assert len(errors) == 2
    assert "bc-404" in errors[0]
    assert "nowhere" in errors[1]


def test_records_decompose_into_changes_that_fold_back_to_them():
    """The old settings document is imported as changes: folding them gives the same records."""
    b = _broadcast()
    b.acknowledge("g1", T0 + 2 * MIN)
    b.resent(["g2", "g3"])
    b.resent(["g3"])
    w = _whistle()
    w.check_in("dept.a", T0 + 10 * MIN)
    w.report_progress("dept.a", T0 + 12 * MIN, "已到场")
    w.mark_red(["dept.b"])
    w.escalated = True
    board, errors = Board.fold(changes_of([b], [w]))
    assert errors == []
    assert dump_broadcast(board.broadcasts["bc-1"]) == dump_broadcast(b)
    assert dump_whistle(board.whistles["wh-1"]) == dump_whistle(w)


def test_the_views_say_what_the_board_lists():
    b = _broadcast()
    b.acknowledge("g1", T0 + 2 * MIN)
    view = broadcast_view(b, T0 + 40 * MIN)
    assert (view["acknowledged"], view["targets"], view["silent"], view["overdue"], view["awaiting"]) == (
        1, 3, ["g2", "g3"], True, True)
    w = _whistle()
    w.check_in("dept.a", T0 + 10 * MIN)
    wv = whistle_view(w, T0 + 40 * MIN)
    assert wv["checked_in"] == 1
    assert wv["response_rate"] == 0.5
    assert [s["late"] for s in wv["summons"]] == [False, True]
