"""The patrol simulator's publishing loop: every ``interval_s`` the fixes due now
(:class:`console.domain.patrol_sim.PatrolSim`) go out as phone messages — over MQTT (retained, QoS 1)
with :class:`console.net.mqtt.MqttPublisher`, or straight into a position service in-process (the
embedded demo when no broker is reachable)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from console.domain.patrol_sim import PatrolSim
from console.domain.positions import fix_payload, position_topic

log = logging.getLogger(__name__)
Publish = Callable[[str, bytes], Awaitable[None]]


async def publish_once(sim: PatrolSim, publish: Publish, room: str, now: float, state: dict[str, bool]) -> int:
    n = 0
    for fix, crs in sim.fixes_at(now, state):
        await publish(position_topic(room, fix.worker_id), fix_payload(fix, crs=crs))
        n += 1
    return n


async def run_patrols(sim: PatrolSim, publish: Publish, *, room: str = "yg", interval_s: float | None = None,
                      duration_s: float | None = None, clock: Callable[[], float] = time.time) -> int:
    """Publish fixes until cancelled (or for ``duration_s``); returns how many were published."""
    step = interval_s or sim.interval_s
    state: dict[str, bool] = {}
    sent = 0
    start = clock()
    while duration_s is None or clock() - start < duration_s:
        t = clock()
        try:
            sent += await publish_once(sim, publish, room, t, state)
        except Exception as exc:  # a broker that went away: say so, try again next round
            log.warning("patrols: publishing failed (%s); retrying in %.0f s", exc, step)
        await asyncio.sleep(max(0.0, step - (clock() - t)))
    return sent
