"""Grid workers' positions: ``figures()`` →

- ``tracks_ingest_fixes_per_s``: fixes a second from MQTT to the store and the map — a publisher in
  another process sends N fixes of 500 walking workers (QoS 1, as fast as the broker takes them) to
  the machine's broker (127.0.0.1:1883; a private mosquitto when that is not reachable); the console
  side (aiomqtt intake → validation → bounded queue → batched store commit → live roster → the map
  canvas's worker layer, applied after every batch) counts from the first publish until the last fix
  is stored and drawn. Target ≥ 5,000.
- ``tracks_map_frame_ms`` (and ``_cpu_ms``): a 1600×900 frame of the demo district's map holding 500
  live workers, 24 h of every worker's fixes (the trail raster) and one worker's 24 h track, median
  over zoom levels district → street (as ``map_frame_ms`` of the map area, which now also loads 500
  workers and 24 h of tracks on its canvas). Target ≤ 16.
- ``nearest_workers_ms``: the 5 nearest available workers of a point by walking time among 500 live
  workers (the room holding 20,000 live events), median. Target ≤ 5.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import random
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from console.domain.district import District, DistrictInfo, load_district
from console.domain.grid import Grid, GridKind, Member, Role

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
WORKERS = 500


def demo_with_workers(n: int = WORKERS) -> District:
    """The demo district with ``n`` on-duty grid workers spread over its micro-grids."""
    demo = load_district(DEMO)
    return with_workers(demo.info, list(demo.grids.values()), n)


def with_workers(info: DistrictInfo, grids: list[Grid], n: int = WORKERS) -> District:
    """A district of ``grids`` (any, e.g. the map bench's synthetic one) with ``n`` on-duty workers."""
    tree = [g for g in grids if g.kind != GridKind.POLICE]
    micro = sorted(g.id for g in tree if g.level == 4 and str(g.kind) == "land")
    members = [Member(f"w-{i:04d}", f"巡查员{i:03d}", micro[i % len(micro)],
                      Role.FULLTIME if i % 3 == 0 else Role.PARTTIME, on_duty=True) for i in range(n)]
    return District(info, tree, members=members)


def _payloads(district: District, n_fixes: int) -> list[tuple[str, bytes]]:
    from console.domain.patrol_sim import PatrolSim
    from console.domain.positions import Fix, fix_payload, position_topic

    per = max(1, n_fixes // len(district.members))
    now = time.time()
    day = datetime.fromtimestamp(now, UTC).replace(hour=4, minute=0)  # noon in the room: everyone walks
    sim = PatrolSim(district, start=day - timedelta(hours=1), off_duty_after_s=None)
    hist = sim.history(day.timestamp() - per * 10, day.timestamp() + 1)
    shift = now - 60 - day.timestamp()  # the fixes of the last minutes (no clock skew)
    rows = sorted(((r[0] + shift, w, r) for w, a in hist.items() for r in a), key=lambda x: x[0])[:n_fixes]
    return [(position_topic("bench", w), fix_payload(Fix(w, int(t * 1e6), r[1], r[2], r[3], 4.3, int(r[4]))))
            for t, w, r in rows]


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        n, d = n >> 7, n & 0x7F
        out.append(d | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _blast(port: int, payloads: list[tuple[str, bytes]], go) -> None:
    """The phones, as one load generator: MQTT 3.1.1 CONNECT and every PUBLISH (QoS 0) encoded up
    front and written to the broker in one go, so the console's side is what the figure measures
    (a paho publisher tops out at ~1,300 QoS-1 or ~15,000 QoS-0 messages a second here, sharing
    the two cores with the console)."""
    cid = b"bench-phones"
    var = b"\x00\x04MQTT\x04\x02\x00\x3c" + len(cid).to_bytes(2, "big") + cid
    connect = b"\x10" + _varint(len(var)) + var
    parts = []
    for topic, payload in payloads:
        t = topic.encode()
        body = len(t).to_bytes(2, "big") + t + payload
        parts.append(b"\x30" + _varint(len(body)) + body)
    blob = b"".join(parts)
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(connect)
        sock.recv(4)  # CONNACK
        go.wait()
        sock.sendall(blob)
        sock.sendall(b"\xe0\x00")  # DISCONNECT
        time.sleep(0.5)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _private_broker() -> tuple[int, subprocess.Popen]:
    """A mosquitto of our own: unlimited queue and in-flight window for the console's session."""
    exe = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
    if not os.path.exists(exe):
        raise RuntimeError("mosquitto is not installed (apt-get install mosquitto)")
    port = _free_port()
    conf = Path(tempfile.mkdtemp()) / "m.conf"
    conf.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n"
                    "max_inflight_messages 0\nmax_queued_bytes 0\n")
    proc = subprocess.Popen([exe, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return port, proc


def ingest(n_fixes: int) -> dict:
    """Console side of the intake at full speed: 500 workers' ``n_fixes`` fixes arrive as fast as
    the broker forwards them; from the first byte sent until the last fix is stored and drawn."""
    from PySide6.QtWidgets import QApplication

    from console.net.mqtt import MqttIntake
    from console.services.bus import Bus
    from console.services.positions import PositionService
    from console.store import open_store
    from console.widgets.map_canvas import MapCanvas

    app = QApplication.instance() or QApplication([])
    district = demo_with_workers()
    payloads = _payloads(district, n_fixes)
    port, proc = _private_broker()
    tmp = tempfile.mkdtemp()
    store = open_store(f"sqlite:///{tmp}/tracks.db")
    canvas = MapCanvas()
    canvas.resize(1600, 900)
    canvas.set_grids(list(district.grids.values()))
    bus = Bus()
    svc = PositionService(store, district, bus)
    applied = [0]

    def on_positions(worker_ids: list[str]) -> None:  # the map model follows every batch
        canvas.set_workers(svc.live.views())
        applied[0] = svc.stats.stored + svc.stats.quarantined

    bus.subscribe("worker_positions", on_positions)
    go = mp.get_context("fork").Event()
    pub = mp.get_context("fork").Process(target=_blast, args=(port, payloads, go), daemon=True)
    pub.start()

    cpu = [0.0]

    async def run() -> float:
        svc.start()
        intake = MqttIntake(f"mqtt://127.0.0.1:{port}", svc.submit, room="bench", sink_nowait=svc.submit_nowait)
        intake.start()
        await asyncio.wait_for(intake.connected.wait(), 10)
        t0 = time.perf_counter()
        c0 = time.process_time()
        go.set()
        deadline = t0 + 180
        while applied[0] < len(payloads) and time.perf_counter() < deadline:
            await asyncio.sleep(0.005)
            app.processEvents()
        elapsed = time.perf_counter() - t0
        cpu[0] = time.process_time() - c0
        await intake.stop()
        await svc.stop()
        return elapsed

    try:
        elapsed = asyncio.run(run())
    finally:
        pub.join(30)
        store.close()
        proc.terminate()
    return {
        "tracks_ingest_fixes_per_s": round(applied[0] / elapsed),
        # the same per CPU second of the console process (all its threads): insensitive to other
        # processes' load on a shared machine
        "tracks_ingest_fixes_per_cpu_s": round(applied[0] / max(cpu[0], 1e-9)),
        "tracks_ingest_fixes": len(payloads),
        "tracks_ingest_stored": svc.stats.stored,
        "tracks_ingest_quarantined": svc.stats.quarantined,
    }


def load_field(canvas, district: District | None = None, *, hours: float = 24.0) -> dict:
    """500 live workers, ``hours`` of every worker's fixes (trail) and one worker's track on ``canvas``
    (the demo district's workers; for the map area's canvas, any district with members)."""
    from console.domain.patrol_sim import PatrolSim

    district = district or demo_with_workers()
    end = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    sim = PatrolSim(district, start=end - timedelta(hours=hours), off_duty_after_s=None)
    hist = sim.history((end - timedelta(hours=hours)).timestamp(), end.timestamp())
    states = ("on_duty", "on_duty", "on_duty", "on_task", "stale", "off_duty")
    canvas.set_workers([{"id": w, "name": w, "lon": a[-1, 1], "lat": a[-1, 2], "state": states[i % len(states)]}
                        for i, (w, a) in enumerate(hist.items())])
    pts = np.concatenate(list(hist.values()))
    canvas.set_trail(pts[:, 1], pts[:, 2])
    longest = max(hist, key=lambda w: len(hist[w]))
    canvas.set_tracks({longest: hist[longest][:, 1:3]})
    canvas.select_worker(longest)
    return {"workers": len(hist), "trail_fixes": len(pts), "track_fixes": len(hist[longest])}


def map_frames(quick: bool) -> dict:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QWidget

    from console.widgets.map_canvas import MapCanvas

    app = QApplication.instance() or QApplication([])
    district = demo_with_workers()
    canvas = MapCanvas()
    canvas.resize(1600, 900)
    canvas.show()
    canvas.set_grids(list(district.grids.values()))
    loaded = load_field(canvas, district, hours=6.0 if quick else 24.0)
    app.processEvents()
    img = QImage(1600, 900, QImage.Format.Format_ARGB32_Premultiplied)
    ext = canvas.grid_item.extent()
    full = max(ext.width(), ext.height() * 16 / 9)
    rng = random.Random(3)
    wall: list[float] = []
    cpu: list[float] = []
    by: dict[str, float] = {}
    for f in (1.0, 0.5, 0.25, 0.12, 0.06, 0.03):
        w = full * f
        cx, cy = ext.center().x(), ext.center().y()
        times = []
        for k in range(6 if quick else 20):
            cx += rng.uniform(-0.04, 0.04) * w
            cy += rng.uniform(-0.04, 0.04) * w
            ww = w * (1.0 + 0.08 * ((k % 4) - 1.5) / 1.5)
            canvas.vb.setRange(rect=QRectF(cx - ww / 2, cy - ww * 9 / 32, ww, ww * 9 / 16), padding=0.0)
            app.processEvents()
            t0, c0 = time.perf_counter(), time.thread_time()
            canvas.scene().prepareForPaint()
            QWidget.render(canvas, img)
            cpu.append((time.thread_time() - c0) * 1000)
            times.append((time.perf_counter() - t0) * 1000)
        by[f"{w:.0f}m"] = statistics.median(times)
        wall += times
    canvas.close()
    return {
        "tracks_map_frame_ms": round(statistics.median(wall), 2),
        "tracks_map_frame_cpu_ms": round(statistics.median(cpu), 2),
        "tracks_map_frame_ms_by_view_width": {k: round(v, 2) for k, v in by.items()},
        "tracks_map_workers": loaded["workers"],
        "tracks_map_trail_fixes": loaded["trail_fixes"],
        "tracks_map_track_fixes": loaded["track_fixes"],
    }


def nearest_figure() -> dict:
    from console.domain.event import Event, Location, Source, State
    from console.domain.positions import Fix
    from console.services.bus import Bus
    from console.services.positions import LiveWorkers, TaskIndex
    from console.services.room import Room

    district = demo_with_workers()
    bus = Bus()
    room = Room(bus)
    rng = np.random.default_rng(5)
    lon0, lat0, lon1, lat1 = district.info.bbox  # type: ignore[misc]
    now = datetime.now(UTC)
    ids = sorted(district.members)
    room.load([Event(id=f"e{i}", source=Source.GRID_APP, category="env", title="t", reported_at=now,
                     location=Location(lat=float(rng.uniform(lat0, lat1)), lon=float(rng.uniform(lon0, lon1))),
                     state=State.DISPATCHED if i % 50 == 0 else State.NEW,
                     assignees=[ids[i % len(ids)]] if i % 50 == 0 else [])
               for i in range(20_000)])
    live = LiveWorkers(district, on_task=TaskIndex(bus, room).tasks)
    t_us = int(time.time() * 1e6)
    live.update([Fix(w, t_us, float(rng.uniform(lon0, lon1)), float(rng.uniform(lat0, lat1))) for w in ids])
    times = []
    for _ in range(300):
        lon, lat = float(rng.uniform(lon0, lon1)), float(rng.uniform(lat0, lat1))
        t0 = time.perf_counter()
        live.nearest(lon, lat, 5)
        times.append((time.perf_counter() - t0) * 1000)
    return {"nearest_workers_ms": round(statistics.median(times), 3),
            "nearest_workers_ms_p99": round(sorted(times)[int(0.99 * len(times))], 3)}


def figures(quick: bool = False) -> dict:
    out: dict = {}
    out.update(nearest_figure())
    out.update(map_frames(quick))
    try:
        out.update(ingest(5_000 if quick else 30_000))
    except RuntimeError as exc:
        out["tracks_ingest_fixes_per_s"] = None
        out["tracks_ingest_error"] = str(exc)
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(figures(), ensure_ascii=False, indent=1))
