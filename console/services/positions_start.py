"""Starting the positions intake with the console (``console.launch``): MQTT, the demo's patrols.

- ``--mqtt URL``: subscribe to the room's broker (reconnecting on its own if it is down).
- The embedded demo (no ``--connect``): the machine's broker (``mqtt://127.0.0.1:1883``) when it can be
  reached — the patrol simulator publishes there and the console subscribes like it would to a real
  one; otherwise the simulator feeds the position service in-process, so the map still shows patrols
  and the console starts either way. The first demo start backfills the last hour of patrols so
  tracks are on the map at once.
- Every hour: finished days are compacted and days past the retention period pruned.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from console.domain.patrol_sim import PatrolSim
from console.domain.positions import Fix
from console.net.mqtt import DEFAULT_BROKER, NO_AUTH, MqttIntake, MqttPublisher, broker_reachable
from console.net.patrols import run_patrols

log = logging.getLogger(__name__)
DEMO_ROOM = "demo"
UPKEEP_S = 3600.0


def backfill(store: Any, sim: PatrolSim, t0: datetime, t1: datetime) -> int:
    """Store the simulator's fixes between ``t0`` and ``t1`` (demo start, benches)."""
    fixes: list[Fix] = []
    for wid, a in sim.history(t0.timestamp(), t1.timestamp()).items():
        fixes.extend(Fix(wid, int(r[0] * 1e6), float(r[1]), float(r[2]), float(r[3]), 4.3, int(r[4]))
                     for r in a)
    for i in range(0, len(fixes), 50_000):
        store.positions.append(fixes[i : i + 50_000])
    return len(fixes)


async def _upkeep(service: Any) -> None:
    while True:
        try:
            merged, pruned = await service.upkeep()
            if merged or pruned:
                log.info("positions: %d chunks merged, %d pruned (retention %d days)", merged, pruned,
                         service.store.positions.retention_days())
        except Exception as exc:
            log.warning("positions upkeep failed: %s", exc)
        await asyncio.sleep(UPKEEP_S)


async def start_positions(core: Any, *, broker: str | None, demo: bool, auth: Any = None) -> dict[str, Any]:
    """Start the intake (and the demo's patrols); returns what was started (for stopping and tests).

    ``auth``: the broker's credentials and TLS (:class:`console.net.mqtt.MqttAuth`). The intake's
    state — connected, disconnected, credentials refused, TLS failed — is published on the bus as
    ``positions_state`` (the status bar shows it)."""
    service = core.positions
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, service.load_last)
    service.start()
    core.tasks(_upkeep(service))
    started: dict[str, Any] = {"mode": "off"}
    url = broker or (DEFAULT_BROKER if demo else None)
    reachable = url is not None and await broker_reachable(url, 1.0)
    if url and (reachable or not demo):
        shown_url = url

        def on_state(status: str, detail: str | None) -> None:
            core.bus.publish("positions_state", status=status, detail=detail, url=shown_url)

        intake = MqttIntake(url, service.submit, room=DEMO_ROOM if demo and not broker else "+",
                            client_id=f"grid-console-{core.seat}", sink_nowait=service.submit_nowait,
                            on_state=on_state, auth=auth or NO_AUTH)
        intake.start()
        started.update(mode="mqtt", intake=intake, url=url)
        if not reachable:
            log.warning("positions: MQTT broker %s not reachable; retrying in the background", url)
    if demo:
        now = datetime.now(UTC)
        sim = PatrolSim(core.district, start=now, interval_s=10.0)
        have = await loop.run_in_executor(None, lambda: service.store.positions.tracks(now - timedelta(minutes=30), now))
        if not have:
            n = await loop.run_in_executor(None, backfill, service.store, sim, now - timedelta(hours=1), now)
            log.info("positions: demo backfilled %d fixes of the last hour", n)
        if started["mode"] == "mqtt":
            pub = MqttPublisher(url or DEFAULT_BROKER, client_id=None)
            started["publisher"] = pub
            core.tasks(run_patrols(sim, pub.publish, room=DEMO_ROOM))
        else:
            log.info("positions: no MQTT broker at %s; the demo patrols feed the console in-process", url)
            started["mode"] = "in-process"
            core.tasks(run_patrols(sim, service.submit, room=DEMO_ROOM))
    return started


async def stop_positions(core: Any, started: dict[str, Any]) -> None:
    intake = started.get("intake")
    if intake is not None:
        await intake.stop()
    pub = started.get("publisher")
    if pub is not None:
        await pub.close()
    await core.positions.stop()
