"""A report re-sent by its source with a raised level reaches the officer (issue 13, item 4): through
a real hub, the ingest service and the store, the room's event changes (``events_changed``) and its
log has the ``source_update``; an identical re-send only counts as a duplicate."""

from __future__ import annotations

import asyncio

from console.domain.event import Level
from console.services.bus import Bus
from console.services.ingest import IngestService
from console.services.room import Room
from console.store import open_store
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub


def test_a_raised_level_from_the_source_is_seen_by_the_officer(tmp_path):
    async def main():
        store = open_store(f"sqlite:///{tmp_path}/console.db")
        bus = Bus()
        room = Room(bus)
        changed: list = []
        seen = asyncio.Event()

        def on_changed(events) -> None:
            changed.extend(events)
            seen.set()

        bus.subscribe("events_changed", on_changed)
        async with running_hub(tmp_path / "hub.db") as hub:
            hub.publish("event", dumps(event_obj(1, level="general")))
            svc = IngestService(store, room, bus, hub.url, TOKEN, "seat-1")
            svc.start()
            await svc.client.wait_until(lambda s: s.last_seq == 1, 20)
            hub.publish("event", dumps(event_obj(1, level="critical", title="暴露垃圾 1（已起火）")))
            hub.publish("event", dumps(event_obj(1, level="critical", title="暴露垃圾 1（已起火）")))
            await svc.client.wait_until(lambda s: s.last_seq == 3, 20)
            async with asyncio.timeout(20):
                while not any(e.level is Level.CRITICAL for e in changed):
                    seen.clear()
                    await seen.wait()
            await svc.stop()
        try:
            ev = room.get("ev-1")
            assert (ev.level, ev.title, ev.duplicate_count) == (Level.CRITICAL, "暴露垃圾 1（已起火）", 1)
            assert store.events.get("ev-1") == ev
            kinds = [a.kind for a in store.actions.for_event("ev-1")]
            assert kinds == ["source_update", "merge"]
        finally:
            store.close()

    run(main())
