"""The link's durable side (issue 18) on SQLite and PostgreSQL: outbox once per message id, inbox refuses
a second application, references, the action-log scan with its cursor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.domain.event import Action
from console.store import links as ls
from console.store import open_store

NOW = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def link_store(request, tmp_path, make_event):
    url = f"sqlite:///{tmp_path / 'room.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    store = open_store(url)
    yield store
    store.close()


def test_outbox_inbox_refs_and_scan(link_store, make_event):
    store = link_store
    engine = store.engine
    msg = ls.OutMsg("s1:bc1", "haibin", "gov.haibin.s1.up", "broadcast_ack", {"id": "s1:bc1"})
    assert ls.queue(engine, [msg, msg], NOW) == 1  # once per message id
    rows = ls.pending(engine)
    assert [r.msg_id for r in rows] == ["s1:bc1"]
    assert ls.backlog(engine) == {"haibin": 1}
    ls.mark_sent(engine, [(rows[0].id, 17)], NOW)
    assert ls.pending(engine) == []
    assert ls.outbox_rows(engine)[0]["stream_seq"] == 17

    ls.mark_applied(engine, "haibin:a9", "haibin", "decision", NOW, 3,
                    ls.Ref("broadcast", "bc-local", "haibin", "up", "bc-remote"))
    with pytest.raises(ls.AlreadyApplied):
        ls.mark_applied(engine, "haibin:a9", "haibin", "decision", NOW, 3)
    assert ls.applied(engine, "haibin:a9")
    assert ls.local_of(engine, "broadcast", "haibin", "bc-remote") == "bc-local"

    ev = make_event("ev-link-1")
    store.events.insert_many([ev])
    store.actions.append_many([Action(ev.id, NOW, "note", "张三", note=f"n{i}") for i in range(3)])
    seen: list[int] = []

    def build(conn, batch):
        seen.extend(i for i, _a in batch)
        return [ls.OutMsg(f"s1:a{i}", "haibin", "gov.haibin.s1.up", "timeline", {"n": i}) for i, _a in batch]

    assert ls.scan_actions(engine, "link:s1", build, NOW) == 3
    assert ls.scan_actions(engine, "link:s1", build, NOW) == 0  # the cursor moved with the rows
    assert ls.cursor_of(engine, "link:s1") == max(seen)
    assert len(ls.pending(engine)) == 3
