"""Two seats, one room (issues 14, 15): a broadcast made at seat 1 shows on seat 2's escalation board,
and when both seats record an acknowledgement for a different grid at the same moment, both survive
on both seats — the board of each says 2/3 — because the board is a fold of the room log, which both
seats append to and follow (on one SQLite file, and on one PostgreSQL schema)."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt

from console.app import ConsoleWindow
from console.domain.escalation_log import KINDS
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)
from tests.ui.test_room_seats import room_url, seats, until  # noqa: F401  (fixtures)

pytestmark = pytest.mark.qt_log_ignore(".*[Pp]ulse[Aa]udio.*", ".*pipewire.*")


def acknowledged(shell: ConsoleWindow, broadcast_id: str) -> str | None:
    """The 一键下达 tab's 已回应 cell of the broadcast (None while it is not listed)."""
    model = shell.board.broadcast_model
    for row in range(model.rowCount()):
        b = model.broadcast_at(row)
        if b is not None and b.id == broadcast_id:
            return model.data(model.index(row, 2), Qt.ItemDataRole.DisplayRole)
    return None


def test_two_seats_acknowledging_one_broadcast_at_once_both_survive(seats, qtmodeltester):  # noqa: F811
    (core1, shell1), (core2, shell2) = seats[0]
    loop = seats[1]

    async def scenario():
        core1.start_sync()
        core2.start_sync()
        grids = core1.escalation.all_target_grids()[:3]
        b = core1.escalation.broadcast("台风预警：今晚20时前完成转移", grids, "值班员甲")
        await until(lambda: acknowledged(shell2, b.id) == "0/3")  # seat 2's board, by the room log
        # both seats record an answer in the same turn of the loop: neither has read the other's yet
        core1.escalation.acknowledge(b.id, grids[0])
        core2.escalation.acknowledge(b.id, grids[1])
        for shell in (shell1, shell2):
            await until(lambda s=shell: acknowledged(s, b.id) == "2/3")
        for core in (core1, core2):
            acks = core.escalation.broadcasts[b.id].acks
            assert [g for g, at in acks.items() if at is not None] == grids[:2]
            assert core.escalation.broadcasts[b.id].silent() == [grids[2]]
        qtmodeltester.check(shell2.board.broadcast_model)
        logged = core1.store.room_log.entries(KINDS)
        assert sorted((e.kind, e.seat) for e in logged) == [  # each seat appended its own change
            ("broadcast_acknowledged", "席位1"), ("broadcast_acknowledged", "席位2"), ("broadcast_sent", "席位1")]
        # the last grid answers at seat 2: the roll call is complete and leaves both boards
        core2.escalation.acknowledge(b.id, grids[2])
        for shell in (shell1, shell2):
            await until(lambda s=shell: acknowledged(s, b.id) is None)

    loop.run_until_complete(asyncio.wait_for(scenario(), 60))
