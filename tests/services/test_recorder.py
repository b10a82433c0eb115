"""The headless recorder: records a stream and exits when idle; no hub or a refused token at start is an error."""

from __future__ import annotations

import pytest

from console.net import protocol
from console.net.feed_errors import ErrorKind
from console.services.feed_start import EXIT_CONNECT_FAILED, EXIT_UNAUTHORIZED, FeedStartError
from console.services.recorder import EXIT_OK, record
from console.store import open_store
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub
from tests.store.conftest import pg_available, pg_url  # noqa: F401  (fixtures)


def test_records_then_exits_when_idle(tmp_path):
    db = f"sqlite:///{tmp_path}/rec.db"

    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            hub.publish_many([("event", dumps(event_obj(i)), None) for i in range(1, 251)])
            hub.publish("raw", '{"type":"event","seq":__SEQ__,"event":{"id":"bad id"}}')
            return await record(hub.url, TOKEN, db, exit_when_idle=0.8)

    assert run(main()) == EXIT_OK
    store = open_store(db)
    try:
        assert store.events.count() == 250
        assert store.quarantine.count() == 1
        assert store.feed_position("recorder") == 251
    finally:
        store.close()


def test_no_hub_or_refused_token_at_start_is_an_error(tmp_path):
    """A recorder that cannot connect at start must not exit 0 having stored nothing (issue 13, item 9)."""
    db = f"sqlite:///{tmp_path}/rec.db"
    with pytest.raises(FeedStartError) as refused:
        run(record("ws://127.0.0.1:9/feed", TOKEN, db, exit_when_idle=30))
    assert refused.value.kind is ErrorKind.REFUSED
    assert refused.value.exit_code == EXIT_CONNECT_FAILED
    assert str(refused.value).startswith("cannot connect to ws://127.0.0.1:9/feed: connection refused")

    async def wrong_token():
        async with running_hub(tmp_path / "hub.db") as hub:
            return await record(hub.url, "wrong", db, exit_when_idle=30)

    with pytest.raises(FeedStartError) as unauthorized:
        run(wrong_token())
    assert unauthorized.value.exit_code == EXIT_UNAUTHORIZED
    assert "the hub refused the token (HTTP 401)" in str(unauthorized.value)


# ---- poison records on PostgreSQL (issue 13, item 1) ----------------------------------------------------
@pytest.fixture
def pg_db(request) -> str:
    return request.getfixturevalue("pg_url")


def _ten_with_a_nul(hub) -> None:
    hub.publish_many([("event", dumps(event_obj(i, title="路灯\u0000不亮" if i == 4 else f"路灯{i}")), None)
                      for i in range(1, 11)])


@pytest.mark.postgres
def test_nul_event_is_quarantined_and_the_rest_recorded_on_postgresql(tmp_path, pg_db):
    # the reproduction: 0/10 stored and the recorder never exits
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            _ten_with_a_nul(hub)
            return await record(hub.url, TOKEN, pg_db, exit_when_idle=0.8)

    assert run(main(), timeout=60) == EXIT_OK
    with open_store(pg_db) as store:
        assert store.events.count() == 9
        (q,) = store.quarantine.list()
        assert q.seq == 4
        assert q.reason == "event.title: contains a NUL character (\\u0000), which cannot be stored"
        assert store.feed_position("recorder") == 10


@pytest.mark.postgres
def test_a_record_the_database_refuses_is_singled_out_on_postgresql(tmp_path, pg_db, monkeypatch):
    # defence in depth: were validation to let a NUL through, PostgreSQL refuses the batch; it is
    # split, the record quarantined with the database's reason, the other nine recorded
    monkeypatch.setattr(protocol, "has_nul_escape", lambda raw: False, raising=False)

    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            _ten_with_a_nul(hub)
            code = await record(hub.url, TOKEN, pg_db, exit_when_idle=0.8)
            return code, hub.acks.get("recorder")

    assert run(main(), timeout=60) == (EXIT_OK, 10)
    with open_store(pg_db) as store:
        assert store.events.count() == 9
        assert store.events.get("ev-4") is None
        (q,) = store.quarantine.list()
        assert q.seq == 4
        assert q.reason == "refused by the database: PostgreSQL text fields cannot contain NUL (0x00) bytes"
        assert '"id":"ev-4"' in q.raw
        assert store.feed_position("recorder") == 10
