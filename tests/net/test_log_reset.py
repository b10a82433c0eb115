"""A hub whose log was reset (issue 13, item 2): the log id in ``subscribed``, and the client's resync.

A console at seq N subscribing to a new log whose head is below N used to get nothing and show no
lag. Now the hub names its log, the client compares it with the log its position counts in, reports
the change and subscribes again from where the new log must be read.
"""

from __future__ import annotations

import json
import shutil

import pytest
from websockets.asyncio.client import connect

from console.net.client import FeedClient, Status
from console.net.hub import Hub
from console.net.hublog import HubLog
from console.net.logchange import LogChange, detect_log_change
from console.net.protocol import Subscribed, decode_hub_frame, subscribed_frame
from tests.net.helpers import TOKEN, dumps, event_obj, run, running_hub

FAST = {"backoff_base": 0.05, "backoff_cap": 0.2, "batch_interval": 0.02}


class Console:
    """A position kept with its log id (as the store keeps it), a commit sink and the changes seen."""

    def __init__(self, seq: int = 0, log_id: str | None = None) -> None:
        self.seq, self.log_id = seq, log_id
        self.seqs: list[int] = []
        self.ids: list[str] = []
        self.changes: list[LogChange] = []

    def position(self) -> tuple[int, str | None]:
        return self.seq, self.log_id

    async def on_batch(self, batch) -> None:
        self.seqs.extend(e.seq for e in batch.events)
        self.ids.extend(e.id for e in batch.events)
        self.seq = max(self.seq, batch.last_seq)

    async def on_log_change(self, change: LogChange) -> None:
        self.changes.append(change)
        self.log_id = change.new_log_id
        if change.resync:
            self.seq = change.resume_from

    def client(self, url: str) -> FeedClient:
        return FeedClient(url, TOKEN, "seat-1", self.position, self.on_batch, on_log_change=self.on_log_change,
                          **FAST)


def _events(hub, ids) -> None:
    hub.publish_many([("event", dumps(event_obj(i)), None) for i in ids])


def test_a_log_has_an_id_kept_across_restarts_and_sent_in_subscribed(tmp_path):
    first = HubLog(tmp_path / "a.db")
    other = HubLog(tmp_path / "b.db")
    try:
        assert len(first.log_id) == 32
        assert first.log_id != other.log_id
    finally:
        other.close()
        first.close()
    again = HubLog(tmp_path / "a.db")
    assert again.log_id == first.log_id
    again.close()

    async def main():
        async with running_hub(tmp_path / "a.db") as hub:
            _events(hub, range(1, 4))
            async with connect(hub.url, additional_headers={"Authorization": f"Bearer {TOKEN}"}) as ws:
                await ws.send(json.dumps({"type": "subscribe", "console_id": "seat-1", "after_seq": 0}))
                assert json.loads(await ws.recv()) == {"type": "subscribed", "head_seq": 3, "log_id": first.log_id}

    run(main())


def test_a_subscribed_frame_without_a_log_id_still_decodes():
    assert decode_hub_frame('{"type":"subscribed","head_seq":5}') == Subscribed(5, None)
    assert decode_hub_frame(subscribed_frame(7, "abc")) == Subscribed(7, "abc")
    assert json.loads(subscribed_frame(7)) == {"type": "subscribed", "head_seq": 7}


@pytest.mark.parametrize(
    ("position", "known", "head", "hub", "expected"),
    [
        (100, "A", 120, "A", None),  # same log, ahead: nothing to do
        (100, "A", 100, None, None),  # an old hub without ids, not behind
        (0, None, 0, None, None),
        (100, None, 120, "B", ("first_seen", 100)),  # an id first seen: kept, nothing redone
        (100, "A", 500, "B", ("new_log", 0)),  # another log, even with a higher head: from 0
        (80_000, "A", 5_000, "B", ("new_log", 0)),
        (80_000, None, 5_000, "B", ("head_behind", 0)),  # id not known: cannot be the same log
        (80_000, None, 5_000, None, ("head_behind", 0)),  # an old hub: the head tells
        (80_000, "A", 5_000, None, ("head_behind", 0)),
        (80_000, "A", 79_000, "A", ("head_behind", 0)),  # the same log from an older copy
    ],
)
def test_detect_log_change(position, known, head, hub, expected):
    change = detect_log_change(position, known, head, hub)
    if expected is None:
        assert change is None
        return
    assert (change.reason, change.resume_from) == expected
    assert change.resync == (expected[0] != "first_seen")
    assert change.describe()


def test_a_console_ahead_of_a_new_log_resyncs_from_its_start(tmp_path):
    """The issue's case: position 300 on log A, a new hub (log B) at head 50 → read B from 0."""

    async def main():
        con = Console()
        async with running_hub(tmp_path / "a.db") as hub:
            port, log_a = hub.port, hub.log.log_id
            _events(hub, range(1, 301))
            client = con.client(hub.url)
            client.start()
            await client.wait_until(lambda s: s.last_seq == 300, 20)
        assert con.log_id == log_a
        assert [c.reason for c in con.changes] == ["first_seen"]
        await client.wait_until(lambda s: s.status is not Status.CONNECTED, 10)
        async with running_hub(tmp_path / "b.db", port=port) as hub:
            log_b = hub.log.log_id
            _events(hub, [f"b-{i}" for i in range(1, 51)])
            st = await client.wait_until(lambda s: s.last_seq == 50 and s.status is Status.CONNECTED, 20)
            _events(hub, ["b-51"])  # and live records follow
            st = await client.wait_until(lambda s: s.last_seq == 51, 20)
        await client.stop()
        assert con.seqs == [*range(1, 301), *range(1, 52)]
        assert con.ids[300:] == [f"ev-b-{i}" for i in range(1, 52)]
        reset = con.changes[-1]
        assert (reset.reason, reset.old_log_id, reset.new_log_id, reset.position, reset.head_seq,
                reset.resume_from) == ("new_log", log_a, log_b, 300, 50, 0)
        assert (st.log_id, st.log_resyncs, st.log_change) == (log_b, 1, reset)
        assert st.log_change_at is not None
        assert con.position() == (51, log_b)

    run(main())


def test_an_old_hub_without_ids_is_caught_by_its_head(tmp_path):
    async def main():
        con = Console(seq=300)  # a console that never saw a log id
        async with running_hub(tmp_path / "b.db") as hub:
            hub.log.log_id = None  # a hub before log ids: its subscribed has none
            _events(hub, range(1, 21))
            client = con.client(hub.url)
            client.start()
            st = await client.wait_until(lambda s: s.last_seq == 20, 20)
            await client.stop()
        assert con.seqs == list(range(1, 21))
        assert [(c.reason, c.resume_from) for c in con.changes] == [("head_behind", 0)]
        assert st.log_resyncs == 1
        assert st.lag == 0

    run(main())


def test_the_same_log_restored_from_a_copy_is_read_again_from_its_start(tmp_path):
    """A log restored from an older copy (same id, head below the position) may already have new
    records under seqs the console had: it is read from 0 again, and nothing it has is skipped."""

    async def main():
        con = Console()
        async with running_hub(tmp_path / "a.db") as hub:
            port = hub.port
            _events(hub, range(1, 201))
        shutil.copy(tmp_path / "a.db", tmp_path / "copy.db")
        async with running_hub(tmp_path / "a.db", port=port) as hub:
            _events(hub, range(201, 301))
            client = con.client(hub.url)
            client.start()
            await client.wait_until(lambda s: s.last_seq == 300, 20)
        await client.wait_until(lambda s: s.status is not Status.CONNECTED, 10)
        async with running_hub(tmp_path / "copy.db", port=port) as hub:
            _events(hub, [f"new-{i}" for i in range(1, 11)])  # seqs 201..210 again, other records
            st = await client.wait_until(lambda s: s.last_seq == 210 and s.status is Status.CONNECTED, 20)
        await client.stop()
        assert con.seqs == [*range(1, 301), *range(1, 211)]
        assert con.ids[300:] == [*(f"ev-{i}" for i in range(1, 201)), *(f"ev-new-{i}" for i in range(1, 11))]
        assert [(c.reason, c.resume_from) for c in con.changes] == [("first_seen", 0), ("head_behind", 0)]
        assert st.log_resyncs == 1

    run(main())


def test_a_failing_log_change_callback_backs_off_and_retries(tmp_path):
    async def main():
        con = Console(seq=300, log_id="old")
        calls = 0
        keep = con.on_log_change

        async def flaky(change: LogChange) -> None:
            nonlocal calls
            calls += 1
            if calls == 1:
                raise OSError("disk full")
            await keep(change)

        async with running_hub(tmp_path / "b.db") as hub:
            _events(hub, range(1, 11))
            client = FeedClient(hub.url, TOKEN, "seat-1", con.position, con.on_batch, on_log_change=flaky, **FAST)
            client.start()
            st = await client.wait_until(lambda s: s.last_seq == 10, 20)
            await client.stop()
        assert calls == 2
        assert con.seqs == list(range(1, 11))
        assert st.error_kind is not None
        assert "disk full" in (st.error_detail or "")

    run(main())


def test_a_log_that_changes_at_every_subscription_is_not_a_tight_loop(tmp_path):
    """Two hubs with different logs behind one address: after one immediate resync, back off."""

    class Flipping(HubLog):
        n = 0

        @property
        def log_id(self):
            self.n += 1
            return f"log-{self.n}"

        @log_id.setter
        def log_id(self, _value):
            pass

    async def main():
        con = Console(seq=0, log_id="log-0")
        log = Flipping(tmp_path / "hub.db")
        hub = Hub(log, TOKEN)
        await hub.start()
        try:
            _events(hub, range(1, 6))
            client = con.client(hub.url)
            client.start()
            st = await client.wait_until(lambda s: s.error_detail == "the hub's log changed again at once", 20)
            assert st.log_resyncs == 2
            assert st.status is Status.BACKOFF
            await client.stop()
        finally:
            await hub.stop()
            log.close()

    run(main())
