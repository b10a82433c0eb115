"""CPU accounting for multi-process benches, from ``/proc`` (Linux; elsewhere the figures are empty).

:class:`CpuMeter` samples named process groups — the bench's own children by pid, and every
process of a given ``comm`` (e.g. ``postgres``: the server and one backend per connection) — and
the whole machine (``/proc/stat``), between :meth:`CpuMeter.start` and :meth:`CpuMeter.stop`.
Figures are percent of one core over the window; ``machine_busy`` is percent of all cores, and
``other`` is what the machine spent outside the named groups (other sessions' work, the kernel).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PROC = Path("/proc")


def _ticks(pid: int) -> int | None:
    """utime + stime of a process (all its threads), in clock ticks; None when it is gone."""
    try:
        raw = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # after "pid (comm) "
    return int(fields[11]) + int(fields[12])


def _socket_inodes(pid: int) -> set[str]:
    out = set()
    fd_dir = _PROC / str(pid) / "fd"
    try:
        names = os.listdir(fd_dir)
    except OSError:
        return out
    for name in names:
        try:
            target = os.readlink(fd_dir / name)
        except OSError:
            continue
        if target.startswith("socket:["):
            out.add(target[8:-1])
    return out


def client_ports(pids: list[int], server_port: int) -> set[int]:
    """Local ports of the TCP connections these processes hold to ``server_port`` on this machine."""
    inodes: set[str] = set()
    for pid in pids:
        inodes |= _socket_inodes(pid)
    ports: set[int] = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (_PROC / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            if len(f) > 9 and f[9] in inodes and int(f[2].rsplit(":", 1)[1], 16) == server_port:
                ports.add(int(f[1].rsplit(":", 1)[1], 16))
    return ports


def _comm(pid: int) -> str:
    try:
        return (_PROC / str(pid) / "comm").read_text().strip()
    except OSError:
        return ""


def _machine() -> tuple[int, int]:
    """(busy, total) jiffies of every core."""
    try:
        first = (_PROC / "stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0, 0
    values = [int(v) for v in first[:8]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


class CpuMeter:
    """CPU per group between :meth:`start` and :meth:`stop`.

    ``groups``: name → pids (a callable: evaluated at each reading, so late children count);
    ``comms``: name → process comm to match among every process of the machine.
    Processes that end inside the window count up to their last reading (call :meth:`sample`
    now and then to keep that loss small)."""

    def __init__(self, groups: dict[str, Callable[[], list[int]]], comms: dict[str, str] | None = None) -> None:
        self.groups = groups
        self.comms = comms or {}
        self._first: dict[int, int] = {}
        self._last: dict[int, int] = {}
        self._owner: dict[int, str] = {}
        self._t0 = self._t1 = 0.0
        self._m0 = self._m1 = (0, 0)

    def _read(self) -> None:
        for name, pids in self.groups.items():
            for pid in pids():
                self._note(pid, name)
        if self.comms:
            for entry in _PROC.iterdir():
                if entry.name.isdigit():
                    comm = _comm(int(entry.name))
                    for name, wanted in self.comms.items():
                        if comm == wanted:
                            self._note(int(entry.name), name)

    def _note(self, pid: int, name: str) -> None:
        t = _ticks(pid)
        if t is None:
            return
        self._owner.setdefault(pid, name)
        self._first.setdefault(pid, 0 if self._t0 else t)  # a process first seen inside the window counts from 0
        self._last[pid] = t

    def start(self) -> None:
        self._first.clear()
        self._last.clear()
        self._owner.clear()
        self._t0 = 0.0
        self._read()  # every known process's baseline
        self._t0 = time.monotonic()
        self._m0 = _machine()

    def sample(self) -> None:
        if self._t0:
            self._read()

    def stop(self) -> dict[str, float]:
        self._read()
        self._t1 = time.monotonic()
        self._m1 = _machine()
        return self.figures()

    def figures(self) -> dict[str, float]:
        wall = max(self._t1 - self._t0, 1e-9)
        out: dict[str, float] = {}
        for pid, name in self._owner.items():
            used = (self._last[pid] - self._first[pid]) / _TICK
            out[name] = out.get(name, 0.0) + used
        pct = {name: round(100.0 * used / wall, 1) for name, used in out.items()}
        busy = self._m1[0] - self._m0[0]
        total = max(self._m1[1] - self._m0[1], 1)
        cores = os.cpu_count() or 1
        pct["machine_busy"] = round(100.0 * busy / total, 1)  # of all cores
        named = sum(out.values())
        pct["other"] = round(max(0.0, busy / _TICK - named) / wall * 100.0, 1) if busy else 0.0
        pct["cores"] = float(cores)
        return pct
