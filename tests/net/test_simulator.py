"""The simulator: scenario pacing with a backlog, rate mode, resume, field units answering dispatches."""

from __future__ import annotations

import pytest

from console.domain.district import load_district
from console.domain.event import State
from console.net import commands
from console.net.client import FeedClient
from console.net.simulator import SimConfig, Simulator
from console.services.ingest import default_district_dir
from tests.net.helpers import TOKEN, Sink, run, running_hub


@pytest.fixture(scope="module")
def district():
    return load_district(default_district_dir())


def dispatch_to(event_id: str, units: list[str]) -> commands.Command:
    return commands.dispatch(event_id, units=units, instruction="请处置", deadline=None, category="city.garbage",
                             level="general", seat="seat-1", officer="officer-wang")


def test_paced_with_backlog_and_dispatch_answers(tmp_path, district):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            sim = Simulator(hub, district, SimConfig(speed=2000.0, backlog_hours=2.0, count=40, return_share=0.0))
            sim.start()
            sink = Sink()
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, sink, batch_interval=0.01)
            client.start()
            await sim.done.wait()
            await client.wait_until(lambda s: s.last_seq >= 40, 20)
            assert len(sink.events) == 40
            assert not sink.quarantined
            first = sink.events[0]
            res = await client.send_command(dispatch_to(first.id, ["dept.cityenf"]))
            assert res.ok
            await client.wait_until(lambda s: len(sink.statuses) >= 3, 20)
            states = [(s.event_id, s.state, s.unit_id) for s in sink.statuses]
            assert states == [(first.id, State.ACCEPTED, "dept.cityenf"), (first.id, State.ON_SCENE, "dept.cityenf"),
                              (first.id, State.RESOLVED, "dept.cityenf")]
            unknown = await client.send_command(dispatch_to("no-such-event", ["dept.cityenf"]))
            assert not unknown.ok
            assert "unknown event" in unknown.error
            await client.stop()
            await sim.stop()

    run(main())


def test_returned_not_ours(tmp_path, district):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            sim = Simulator(hub, district, SimConfig(speed=2000.0, rate=0, count=5, return_share=1.0))
            sim.start()
            await sim.done.wait()
            sink = Sink()
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, sink, batch_interval=0.01)
            client.start()
            await client.wait_until(lambda s: s.last_seq >= 5, 20)
            assert (await client.send_command("dispatch", sink.events[0].id, {"assignees": ["dept.housing"]})).ok
            await client.wait_until(lambda s: len(sink.statuses) >= 1, 20)
            st = sink.statuses[0]
            assert st.state is State.RETURNED
            assert st.unit_id == "dept.housing"
            assert "not ours" in st.note
            await client.stop()
            await sim.stop()

    run(main())


def test_rate_mode_resumes_and_injects_malformed(tmp_path, district):
    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            sim = Simulator(hub, district, SimConfig(rate=0, count=300, malformed_share=0.1, seed=9))
            sim.start()
            await sim.done.wait()
            await sim.stop()
            assert hub.log.head == 300
            sim = Simulator(hub, district, SimConfig(rate=5000, count=600, malformed_share=0.1, seed=9))
            assert sim.published == 0
            sim.start()
            await sim.done.wait()
            await sim.stop()
            assert hub.log.head == 600  # continued, not restarted
            sink = Sink()
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, sink, batch_interval=0.01)
            client.start()
            await client.wait_until(lambda s: s.last_seq >= max(r.seq for r in hub.log.read(590, 100)
                                                                   if r.kind != "raw") , 20)
            await client.stop()
            ids = [e.id for e in sink.events]
            assert len(ids) == len(set(ids))
            assert 20 <= len(sink.quarantined) <= 110
            assert len(ids) + len(sink.quarantined) == 600
            assert all(q.reason for q in sink.quarantined)

    run(main())


def test_lead_unit_reports_and_a_dispatch_to_no_unit_is_refused(tmp_path, district):
    """GUI dispatches used to reach the field as dept.zongzhi (the simulator's fallback): now the
    unit named in the command does the work, and a command naming none is refused."""

    async def main():
        async with running_hub(tmp_path / "hub.db") as hub:
            sim = Simulator(hub, district, SimConfig(speed=2000.0, rate=0, count=3, return_share=0.0))
            sim.start()
            await sim.done.wait()
            sink = Sink()
            client = FeedClient(hub.url, TOKEN, "seat-1", lambda: 0, sink, batch_interval=0.01)
            client.start()
            await client.wait_until(lambda s: s.last_seq >= 3, 20)
            first, second = sink.events[0].id, sink.events[1].id
            old_shape = await client.send_command("dispatch", second, {"targets": ["dept.cityenf"],
                                                                       "instruction": "请处置"})
            assert not old_shape.ok
            assert old_shape.error == "dispatch needs a unit: payload.unit_id or payload.assignees[0]"
            assert not sim._tasks  # no field work started for it
            res = await client.send_command(dispatch_to(first, ["dept.cityenf", "dept.police"]))
            assert res.ok
            await client.wait_until(lambda s: len(sink.statuses) >= 3, 20)
            assert [(s.event_id, s.state, s.unit_id) for s in sink.statuses] == [
                (first, State.ACCEPTED, "dept.cityenf"), (first, State.ON_SCENE, "dept.cityenf"),
                (first, State.RESOLVED, "dept.cityenf")]
            await client.stop()
            await sim.stop()

    run(main())
