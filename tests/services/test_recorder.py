"""The headless recorder: records a stream and exits when idle; a refused token is a non-zero exit."""

from __future__ import annotations

from console.services.recorder import EXIT_OK, EXIT_UNAUTHORIZED, record
from console.store import open_store
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub


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


def test_idle_without_hub_and_refused_token(tmp_path):
    db = f"sqlite:///{tmp_path}/rec.db"
    assert run(record("ws://127.0.0.1:9/feed", TOKEN, db, exit_when_idle=0.3)) == EXIT_OK

    async def refused():
        async with running_hub(tmp_path / "hub.db") as hub:
            return await record(hub.url, "wrong", db, exit_when_idle=0.5)

    assert run(refused()) == EXIT_UNAUTHORIZED
