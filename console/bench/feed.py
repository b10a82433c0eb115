"""Feed figures: raw websocket throughput and the real ingest path, hub in another process.

- ``ws_raw_msgs_per_s``: bare websockets over loopback — a child process sends N ready-made
  ~550-byte JSON frames, this process receives them (no parsing);
- ``ingest_events_per_s``: the real path — a hub child process (``feed --rate 0 --count N``) →
  websocket → validate → commit into SQLite (worker thread) → ack, 100k events, with the garbage
  collector tuned as the console tunes it (``console.app.tune_gc``); with ``ingest_cpu_us_per_event``
  (this process's CPU time per event), ``ingest_commit_share`` (share of the time a commit was in
  flight), ``ingest_batches`` (commits: the client batches up to 4 x 500 records while a commit is
  in flight) and a calibration figure, to compare runs on a loaded machine.

:class:`HubProcess` starts a hub child process (``--rate R`` or preloaded) and gives its URL; it is
the hook for the GUI figures (ingest_to_visible, GUI lateness) measured elsewhere.
"""

from __future__ import annotations

import asyncio
import gc
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

TOKEN = "bench-token"
_URL = re.compile(r"(wss?://\S+/feed)")


class HubProcess:
    """``python -m console.cli.feed feed ...`` as a child process; ``url`` once it listens."""

    def __init__(self, log_path: str | Path, *args: str, token: str = TOKEN, port: int = 0,
                 ready_timeout: float = 60.0) -> None:
        self.log_path = Path(log_path)
        self.args = list(args)
        self.token = token
        self.port = port
        self.ready_timeout = ready_timeout
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""

    def start(self) -> str:
        cmd = [sys.executable, "-m", "console.cli.feed", "feed", "--port", str(self.port),
               "--log", str(self.log_path), *self.args]
        env = dict(os.environ, PYTHONUNBUFFERED="1", GRID_FEED_TOKEN=self.token)  # not in ps
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                     cwd=str(Path(__file__).resolve().parents[2]))
        deadline = time.monotonic() + self.ready_timeout
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                err = self.proc.stderr.read() if self.proc.stderr else ""
                raise RuntimeError(f"hub process exited: {err.strip()[-500:]}")
            m = _URL.search(line)
            if m:
                self.url = m.group(1)
                self.port = int(self.url.rsplit(":", 1)[1].split("/")[0])
                return self.url
        raise RuntimeError("hub process did not start in time")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        for stream in (self.proc.stdout, self.proc.stderr) if self.proc else ():
            if stream is not None:
                stream.close()

    def __enter__(self) -> HubProcess:
        self.start()
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


# ---- raw websockets ------------------------------------------------------------------------------
_RAW_SERVER = """
import asyncio, sys
from websockets.asyncio.server import serve
N = int(sys.argv[1])
MSG = '{"type":"event","seq":1,"event":{"id":"x","source":"grid_app","title":"' + "x" * 440 + '"}}'
async def handler(ws):
    for _ in range(N):
        await ws.send(MSG)
    await ws.close()
async def main():
    async with serve(handler, "127.0.0.1", 0, compression=None) as server:
        print(next(iter(server.sockets)).getsockname()[1], flush=True)
        await asyncio.Future()
asyncio.run(main())
"""


async def _raw_client(port: int, n: int) -> float:
    from websockets.asyncio.client import connect

    async with connect(f"ws://127.0.0.1:{port}", compression=None, max_queue=256) as ws:
        t0 = time.perf_counter()
        got = 0
        async for _msg in ws:
            got += 1
        if got != n:
            raise RuntimeError(f"raw bench received {got} of {n}")
        return n / (time.perf_counter() - t0)


def ws_raw_msgs_per_s(n: int = 200_000) -> float:
    proc = subprocess.Popen([sys.executable, "-c", _RAW_SERVER, str(n)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline())
        return asyncio.run(_raw_client(port, n))
    finally:
        proc.kill()
        proc.wait()


# ---- real ingest path -----------------------------------------------------------------------------
async def _ingest(url: str, db_url: str, n: int) -> dict[str, float]:
    from console.net.client import FeedClient
    from console.store import open_store

    store = open_store(db_url)
    executor = ThreadPoolExecutor(max_workers=1)
    loop = asyncio.get_running_loop()
    commit_s = 0.0
    batches = 0

    def commit(batch: Any) -> Any:
        nonlocal commit_s, batches
        t = time.perf_counter()
        try:
            return store.commit_ingest(batch, "bench")
        finally:
            commit_s += time.perf_counter() - t
            batches += 1

    async def on_batch(batch: Any) -> Any:
        return await loop.run_in_executor(executor, commit, batch)

    client = FeedClient(url, TOKEN, "bench", lambda: 0, on_batch)
    t0, cpu0 = time.perf_counter(), time.process_time()
    client.start()
    try:
        await client.wait_until(lambda s: s.last_seq >= n, timeout=600)
    finally:
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        await client.stop()
        stored = store.events.count()
        store.close()
        executor.shutdown()
    if stored != n:
        raise RuntimeError(f"ingest bench stored {stored} of {n} events")
    # CPU of this process (loop + commit thread; the hub is another process): steadier than the
    # rate on a shared, loaded machine
    return {"ingest_events_per_s": round(n / elapsed), "ingest_commit_share": round(commit_s / elapsed, 2),
            "ingest_cpu_us_per_event": round(cpu * 1e6 / n, 1), "ingest_batches": batches}


def ingest_events_per_s(n: int = 100_000) -> dict[str, float]:
    from console.app import tune_gc

    thresholds = gc.get_threshold()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            log_path = Path(tmp) / "hub.sqlite3"
            # preload the hub log, then measure the stream from seq 0 with a fresh hub
            with HubProcess(log_path, "--rate", "0", "--count", str(n)) as hub:
                _wait_log(log_path, n)
                tune_gc()  # as the console does
                return asyncio.run(_ingest(hub.url, f"sqlite:///{tmp}/console.db", n))
    finally:
        gc.set_threshold(*thresholds)


def _wait_log(path: Path, n: int, timeout: float = 300.0) -> None:
    from console.net.hublog import HubLog

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = HubLog(path)
        try:
            if log.head >= n:
                return
        finally:
            log.close()
        time.sleep(0.2)
    raise RuntimeError("hub did not fill its log in time")


def figures(quick: bool = False) -> dict[str, Any]:
    from console.bench.store import calibration_ms

    out: dict[str, Any] = {"calibration_sum_1e7_cpu_ms": round(calibration_ms(), 1)}
    out["ws_raw_msgs_per_s"] = round(ws_raw_msgs_per_s(50_000 if quick else 200_000))
    out.update(ingest_events_per_s(20_000 if quick else 100_000))
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(figures(quick="--quick" in sys.argv)))
