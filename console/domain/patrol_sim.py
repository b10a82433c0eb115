"""Realistic patrols for the demo district (pure: numpy). The MQTT publisher is console/net/patrols.py.

Who walks: the on-duty grid workers (专职, 兼职, 网格长) of the micro-grids. By day (08–20 local)
each walks a random route along the streets of their own micro-grid (:mod:`console.domain.patrol`),
at 1.0–1.4 m/s with short stops. By night (20–08) only the **night patrol teams** walk: the
full-time workers of a community paired up, each pair sharing one route (a couple of metres apart);
the others are off duty (their last fix says ``"duty": "off"``). One worker goes **off duty** partway
through a session (``off_duty_after_s``). Fixes come every ``interval_s`` with **GPS jitter**
(σ ≈ accuracy/2, accuracy 4–25 m), **gaps** (a phone indoors or out of signal for 1–4 minutes, about
one minute in twenty) and battery draining ~6 %/h; a fifth of the phones report GCJ-02.

Positions are a function of time (a route and a start per worker), so the same simulator serves the
live demo (:meth:`PatrolSim.fixes_at`, called every interval) and a backfill of past hours
(:meth:`PatrolSim.history`, vectorised) for benches and screenshots.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from console.domain.grid import Role
from console.domain.patrol import DAY_START_H, NIGHT_START_H, PatrolNetwork, along, build_network, route_nodes
from console.domain.positions import Fix

WALKER_ROLES = (Role.FULLTIME, Role.PARTTIME, Role.GRID_CHIEF)
GAP_SHARE = 0.05  # share of minutes a phone has no fix
ROUTE_HOURS = 26.0


@dataclass(slots=True)
class Walker:
    worker_id: str
    grid_id: str
    route: np.ndarray  # (k, 2) local metres
    cum: np.ndarray  # (k,) metres along the route
    speed: float  # m/s
    start_s: float  # route origin time (epoch s)
    acc: float
    batt0: float
    gcj02: bool
    night_team: str | None  # team id when part of a night patrol team
    offset: tuple[float, float]  # metres, for the second of a team (at night)
    night_route: np.ndarray | None = None  # the team's shared route (the first member's)
    night_cum: np.ndarray | None = None

    def at(self, t: np.ndarray, night: np.ndarray) -> np.ndarray:
        """Positions (n, 2) at times ``t``: the own route by day, the team's by night."""
        xy = along(self.route, self.distance_at(t, self.cum))
        if self.night_route is not None and self.night_cum is not None and np.any(night):
            nxy = along(self.night_route, self.distance_at(t, self.night_cum)) + np.asarray(self.offset)
            xy = np.where(np.asarray(night)[:, None], nxy, xy)
        return xy

    def distance_at(self, t: np.ndarray, cum: np.ndarray | None = None) -> np.ndarray:
        """Metres walked at times ``t``: walking 9 minutes, then a 1-minute stop (a look around)."""
        el = np.maximum(np.asarray(t, dtype=float) - self.start_s, 0.0)
        cycles = np.floor(el / 600.0)
        walking = cycles * 540.0 + np.minimum(el - cycles * 600.0, 540.0)
        cum = self.cum if cum is None else cum
        total = cum[-1] if len(cum) else 0.0
        d = walking * self.speed
        if total <= 0:
            return np.zeros_like(d)
        # walk the route back and forth (it is long enough for a day; folding keeps it bounded)
        period = 2 * total
        m = np.mod(d, period)
        return np.where(m <= total, m, period - m)


def _cum(route: np.ndarray) -> np.ndarray:
    seg = np.hypot(*np.diff(route, axis=0).T) if len(route) > 1 else np.zeros(0)
    return np.concatenate([[0.0], np.cumsum(seg)])


def _hash01(*parts: object) -> float:
    h = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(h, "little") / 2**64


class PatrolSim:
    def __init__(self, district, *, seed: int = 7, start: datetime | None = None, interval_s: float = 10.0,
                 off_duty_after_s: float | None = 600.0, max_workers: int | None = None,
                 network: PatrolNetwork | None = None) -> None:
        self.district = district
        self.tz = ZoneInfo(district.info.timezone)
        self.net = network or build_network(district)
        self.interval_s = interval_s
        rng = np.random.default_rng(seed)
        self.rng = rng
        t0 = (start.timestamp() if start else 0.0)
        self.t0 = t0
        members = [m for m in district.members.values()
                   if m.role in WALKER_ROLES and m.on_duty and m.grid_id in self.net.grids]
        members.sort(key=lambda m: m.id)
        if max_workers is not None:
            members = members[:max_workers]
        self.walkers: dict[str, Walker] = {}
        route_m = 1.4 * 3600 * ROUTE_HOURS / 4  # folded back and forth: a quarter day of distinct street
        teams: dict[str, list[str]] = {}
        for m in members:
            if m.role is Role.FULLTIME:
                community = district.grids[m.grid_id].parent_id or m.grid_id
                teams.setdefault(community, []).append(m.id)
        team_of: dict[str, tuple[str, int]] = {}
        for community, ids in teams.items():
            for k in range(0, len(ids) - 1, 2):
                team_of[ids[k]] = (f"{community}#{k // 2}", 0)
                team_of[ids[k + 1]] = (f"{community}#{k // 2}", 1)
        leaders: dict[str, Walker] = {}
        for m in members:
            team = team_of.get(m.id)
            route = route_nodes(self.net.grids[m.grid_id], rng, route_m)
            w = Walker(
                m.id, m.grid_id, route, _cum(route), float(rng.uniform(1.0, 1.4)),
                t0 - float(rng.uniform(0, 3600)), float(rng.uniform(4, 25)), float(rng.uniform(45, 100)),
                bool(rng.random() < 0.2), team[0] if team else None,
                (float(rng.uniform(-3, 3)), float(rng.uniform(-3, 3))) if team and team[1] else (0.0, 0.0),
            )
            if team is not None:
                lead = leaders.setdefault(team[0], w)
                w.night_route, w.night_cum = lead.route, lead.cum
                if lead is not w:  # walk together: the leader's pace and start
                    w.speed, w.start_s = lead.speed, lead.start_s
            self.walkers[m.id] = w
        ids = sorted(self.walkers)
        self.goes_off_duty = ids[len(ids) // 2] if ids and off_duty_after_s is not None else None
        self.off_duty_at = t0 + (off_duty_after_s or 0.0)

    # ---- who is walking --------------------------------------------------------------------------
    def is_night(self, t: float) -> bool:
        h = datetime.fromtimestamp(t, self.tz).hour
        return not (DAY_START_H <= h < NIGHT_START_H)

    def on_duty(self, w: Walker, t: float) -> bool:
        if w.worker_id == self.goes_off_duty and t >= self.off_duty_at:
            return False
        return w.night_team is not None or not self.is_night(t)

    def in_gap(self, w: Walker, t: float) -> bool:
        """No fix this minute (indoors, no signal)? Deterministic per worker and 4-minute window."""
        return _hash01(w.worker_id, int(t // 240)) < GAP_SHARE

    # ---- fixes -----------------------------------------------------------------------------------
    def _fix(self, w: Walker, t: float, xy: np.ndarray, duty: str | None = None) -> Fix:
        jitter = self.rng.normal(0.0, w.acc / 2.0, 2)
        lon, lat = self.net.frame.to_lonlat(xy[0] + jitter[0], xy[1] + jitter[1])
        batt = max(5, int(w.batt0 - 6.0 * max(t - self.t0, 0.0) / 3600.0))
        vel = 0.0 if duty == "off" else w.speed * 3.6
        return Fix(w.worker_id, int(round(t * 1e6)), float(lon), float(lat), round(w.acc, 1), round(vel, 1), batt, duty)

    def fixes_at(self, t: float, state: dict[str, bool] | None = None) -> list[tuple[Fix, str]]:
        """Every fix due at time ``t`` (epoch s), with the CRS the phone reports it in. ``state``
        (worker → was on duty) is kept by the caller: a worker leaving duty sends one last fix
        marked ``"duty": "off"`` and then nothing."""
        state = {} if state is None else state
        out: list[tuple[Fix, str]] = []
        for w in self.walkers.values():
            on = self.on_duty(w, t)
            was = state.get(w.worker_id)
            state[w.worker_id] = on
            if not on:
                if was:  # clocks out: one last fix saying so
                    xy = w.at(np.array([t]), np.array([self.is_night(t)]))[0]
                    out.append((self._fix(w, t, xy, "off"), "gcj02" if w.gcj02 else "wgs84"))
                continue
            if self.in_gap(w, t):
                continue
            xy = w.at(np.array([t]), np.array([self.is_night(t)]))[0]
            out.append((self._fix(w, t, xy, "on" if not was else None), "gcj02" if w.gcj02 else "wgs84"))
        return out

    def history(self, t0: float, t1: float, *, interval_s: float | None = None) -> dict[str, np.ndarray]:
        """Every walker's fixes between ``t0`` and ``t1`` (vectorised): worker → (t s, lon, lat, acc, batt)
        columns as an (n, 5) array, gaps and off-duty hours left out (jitter included)."""
        step = interval_s or self.interval_s
        ts = np.arange(math.ceil(t0 / step) * step, t1, step)
        out: dict[str, np.ndarray] = {}
        night = np.array([self.is_night(t) for t in ts[:: max(1, int(600 / step))]])
        night_full = np.repeat(night, max(1, int(600 / step)))[: len(ts)]
        for w in self.walkers.values():
            keep = np.ones(len(ts), dtype=bool) if w.night_team is not None else ~night_full
            if w.worker_id == self.goes_off_duty:
                keep &= ts < self.off_duty_at
            minutes = (ts // 240).astype(np.int64)
            uniq = np.unique(minutes)
            gaps = {int(u) for u in uniq if _hash01(w.worker_id, int(u)) < GAP_SHARE}
            if gaps:
                keep &= ~np.isin(minutes, list(gaps))
            t = ts[keep]
            if not len(t):
                continue
            xy = w.at(t, night_full[keep])
            jit = self.rng.normal(0.0, w.acc / 2.0, (len(t), 2))
            lon, lat = self.net.frame.to_lonlat(xy[:, 0] + jit[:, 0], xy[:, 1] + jit[:, 1])
            batt = np.maximum(5, w.batt0 - 6.0 * np.maximum(t - self.t0, 0) / 3600.0)
            out[w.worker_id] = np.column_stack([t, lon, lat, np.full(len(t), w.acc), batt])
        return out
