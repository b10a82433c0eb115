"""Grid workers' positions (轨迹): the fix format, its validation, compact packing, walking times.

Pure Python + numpy. A fix arrives from a worker's phone as OwnTracks-like JSON on the MQTT topic
``grid/<room>/workers/<worker_id>/position``::

    {"_type": "location", "worker_id": "m-0001", "lat": 30.531, "lon": 103.978, "tst": 1733500000,
     "acc": 8, "vel": 4, "batt": 87, "crs": "gcj02", "duty": "on"}

- ``lat``/``lon`` degrees, ``tst`` Unix seconds (UTC) of the fix (required);
- ``acc`` accuracy m, ``vel`` speed km/h (OwnTracks units), ``batt`` battery % (optional);
- ``crs``: ``"gcj02"`` when the phone's SDK reports GCJ-02 (most Chinese map SDKs); the fix is
  converted to WGS-84 on intake (:func:`console.domain.projection.gcj02_to_wgs84`). Default WGS-84;
- ``duty``: ``"on"``/``"off"`` when the worker clocks in or out in the app (optional).

:func:`parse_fix` turns a message into a :class:`Fix` or a :class:`Rejected` with the reason the
intake quarantines it under: malformed payload, unknown worker, coordinates out of range (or far
outside the district), clock skew (a fix from the future, or much older than the worker's last).

Walking time (:func:`walk_seconds`): straight-line distance × ``DETOUR_FACTOR`` (1.3: street
networks are 20–40 % longer than the crow flies in built-up areas) ÷ ``WALK_SPEED_MPS`` (1.2 m/s,
an unhurried walk). :func:`nearest` ranks workers by it.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from console.domain.geo import haversine_many
from console.domain.projection import gcj02_to_wgs84

TOPIC_PREFIX = "grid"
WALK_SPEED_MPS = 1.2
DETOUR_FACTOR = 1.3
REACH_LIMIT_S = 30 * 60  # "30分钟内网格力量能下沉到户"
STALE_AFTER_S = 5 * 60  # a position older than this is shown as stale
MAX_FUTURE_S = 120.0  # a fix more than this ahead of the console's clock is clock-skewed
MAX_BEHIND_LAST_S = 300.0  # a fix older than the worker's last by more than this is clock-skewed
DISTRICT_MARGIN_DEG = 0.2  # ~20 km: farther than this outside the district is out of range
MAX_PAYLOAD = 4096

# one fix, packed: 33 bytes (zlib-compressed in the store: ~15–20 bytes a fix)
FIX_DTYPE = np.dtype([("t", "<i8"), ("lon", "<f8"), ("lat", "<f8"), ("acc", "<f4"), ("vel", "<f4"), ("batt", "i1")])


def position_topic(room: str, worker_id: str) -> str:
    return f"{TOPIC_PREFIX}/{room}/workers/{worker_id}/position"


def subscription(room: str = "+") -> str:
    return f"{TOPIC_PREFIX}/{room}/workers/+/position"


def topic_worker(topic: str) -> str | None:
    """The worker id of a position topic (None when the topic is not one)."""
    parts = topic.split("/")
    if len(parts) == 5 and parts[0] == TOPIC_PREFIX and parts[2] == "workers" and parts[4] == "position" and parts[3]:
        return parts[3]
    return None


@dataclass(slots=True)
class Fix:
    worker_id: str
    t_us: int  # µs since the epoch, UTC
    lon: float  # WGS-84
    lat: float
    acc: float = math.nan
    vel: float = math.nan  # km/h
    batt: int = -1  # %, -1 unknown
    duty: str | None = None  # "on" / "off" when the app said so


@dataclass(frozen=True, slots=True)
class Rejected:
    kind: str  # malformed | unknown_worker | out_of_range | clock_skew
    detail: str

    @property
    def reason(self) -> str:
        return f"position {self.kind.replace('_', ' ')}: {self.detail}"


def _num(d: Mapping, key: str, *, required: bool) -> float | None:
    v = d.get(key)
    if v is None:
        if required:
            raise ValueError(f"missing field {key!r}")
        return None
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValueError(f"field {key!r} is not a number ({v!r:.40})")
    return float(v)


def parse_fix(
    topic: str,
    payload: bytes | str,
    *,
    known: Callable[[str], bool],
    now_us: int,
    last_t_us: Mapping[str, int] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> Fix | Rejected:
    """Validate one message. ``known(worker_id)`` says whether the worker is on the roster;
    ``last_t_us`` the time of each worker's last accepted fix; ``bbox`` (lon0, lat0, lon1, lat1)
    the district, fixes farther than ``DISTRICT_MARGIN_DEG`` outside it are out of range."""
    if len(payload) > MAX_PAYLOAD:
        return Rejected("malformed", f"payload of {len(payload)} bytes (limit {MAX_PAYLOAD})")
    try:
        d = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        return Rejected("malformed", f"not JSON ({exc})")
    if not isinstance(d, dict):
        return Rejected("malformed", f"not a JSON object ({type(d).__name__})")
    from_topic = topic_worker(topic)
    wid = d.get("worker_id", from_topic)
    if not isinstance(wid, str) or not wid or len(wid) > 64:
        return Rejected("malformed", f"bad worker_id {wid!r:.70}")
    if from_topic is not None and wid != from_topic:
        return Rejected("malformed", f"worker_id {wid!r} differs from the topic's {from_topic!r}")
    try:
        lat = _num(d, "lat", required=True)
        lon = _num(d, "lon", required=True)
        tst = _num(d, "tst", required=True)
        acc = _num(d, "acc", required=False)
        vel = _num(d, "vel", required=False)
        batt = _num(d, "batt", required=False)
    except ValueError as exc:
        return Rejected("malformed", str(exc))
    if lat is None or lon is None or tst is None:  # required=True: never; for the type checker
        return Rejected("malformed", "missing lat, lon or tst")
    crs = d.get("crs", "wgs84")
    if crs not in ("wgs84", "gcj02"):
        return Rejected("malformed", f"unknown crs {crs!r:.40}")
    duty = d.get("duty")
    if duty not in (None, "on", "off"):
        return Rejected("malformed", f"duty must be 'on' or 'off', not {duty!r:.40}")
    if not known(wid):
        return Rejected("unknown_worker", f"{wid} is not on the roster")
    if not (math.isfinite(lat) and math.isfinite(lon)) or not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return Rejected("out_of_range", f"lat {lat}, lon {lon}")
    if crs == "gcj02":
        lon, lat = gcj02_to_wgs84(lon, lat)
    if bbox is not None:
        m = DISTRICT_MARGIN_DEG
        if not (bbox[0] - m <= lon <= bbox[2] + m and bbox[1] - m <= lat <= bbox[3] + m):
            return Rejected("out_of_range", f"lat {lat:.6f}, lon {lon:.6f} is far outside the district")
    if not math.isfinite(tst) or tst <= 0:
        return Rejected("malformed", f"bad tst {tst}")
    t_us = int(round(tst * 1_000_000))
    ahead = (t_us - now_us) / 1e6
    if ahead > MAX_FUTURE_S:
        return Rejected("clock_skew", f"fix {ahead:.0f} s in the future")
    last = (last_t_us or {}).get(wid)
    if last is not None and (last - t_us) / 1e6 > MAX_BEHIND_LAST_S:
        return Rejected("clock_skew", f"fix {(last - t_us) / 1e6:.0f} s older than the worker's last fix")
    if acc is not None and (not math.isfinite(acc) or acc < 0):
        return Rejected("malformed", f"bad acc {acc}")
    if batt is not None and not 0 <= batt <= 100:
        return Rejected("malformed", f"batt {batt:g} outside 0–100")
    return Fix(wid, t_us, lon, lat,
               acc if acc is not None else math.nan,
               vel if vel is not None and math.isfinite(vel) else math.nan,
               int(batt) if batt is not None else -1, duty)


def fix_payload(fix: Fix, *, crs: str = "wgs84") -> bytes:
    """The JSON a phone would publish for ``fix`` (``crs="gcj02"``: coordinates as GCJ-02)."""
    from console.domain.projection import wgs84_to_gcj02

    lon, lat = (wgs84_to_gcj02(fix.lon, fix.lat) if crs == "gcj02" else (fix.lon, fix.lat))
    d: dict = {"_type": "location", "worker_id": fix.worker_id, "lat": round(lat, 7), "lon": round(lon, 7),
               "tst": fix.t_us / 1e6}
    if math.isfinite(fix.acc):
        d["acc"] = round(fix.acc, 1)
    if math.isfinite(fix.vel):
        d["vel"] = round(fix.vel, 1)
    if fix.batt >= 0:
        d["batt"] = fix.batt
    if crs != "wgs84":
        d["crs"] = crs
    if fix.duty:
        d["duty"] = fix.duty
    return json.dumps(d, separators=(",", ":")).encode()


# ---- packing -------------------------------------------------------------------------------------
def to_array(fixes: list[Fix]) -> np.ndarray:
    a = np.empty(len(fixes), dtype=FIX_DTYPE)
    a["t"] = [f.t_us for f in fixes]
    a["lon"] = [f.lon for f in fixes]
    a["lat"] = [f.lat for f in fixes]
    a["acc"] = [f.acc for f in fixes]
    a["vel"] = [f.vel for f in fixes]
    a["batt"] = [f.batt for f in fixes]
    return a


def pack(a: np.ndarray) -> bytes:
    """Fixes (FIX_DTYPE, any order) → compressed bytes, sorted by time."""
    a = np.sort(np.asarray(a, dtype=FIX_DTYPE), order="t", kind="stable")
    return zlib.compress(a.tobytes(), 1)


def unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(zlib.decompress(blob), dtype=FIX_DTYPE).copy()


def merge(parts: list[np.ndarray]) -> np.ndarray:
    """Fixes of several chunks in time order, one fix per timestamp (a repeat is dropped)."""
    if not parts:
        return np.empty(0, dtype=FIX_DTYPE)
    a = np.concatenate(parts)
    a = np.sort(a, order="t", kind="stable")
    if len(a) > 1:
        keep = np.ones(len(a), dtype=bool)
        keep[1:] = a["t"][1:] != a["t"][:-1]
        a = a[keep]
    return a


# ---- walking ---------------------------------------------------------------------------------------
def walk_seconds(distance_m: float | np.ndarray) -> float | np.ndarray:
    """Walking time for a straight-line distance (detour factor × distance ÷ walking speed)."""
    return distance_m * DETOUR_FACTOR / WALK_SPEED_MPS


@dataclass(frozen=True, slots=True)
class Reach:
    worker_id: str
    distance_m: float  # straight line
    walk_s: float

    @property
    def within_limit(self) -> bool:
        return self.walk_s <= REACH_LIMIT_S


def nearest(ids: list[str], lons: np.ndarray, lats: np.ndarray, lon: float, lat: float, k: int = 5) -> list[Reach]:
    """The ``k`` workers nearest to (lon, lat) by walking time, nearest first."""
    n = len(ids)
    if n == 0 or k <= 0:
        return []
    d = haversine_many(lon, lat, lons, lats)
    k = min(k, n)
    idx = np.argpartition(d, k - 1)[:k] if k < n else np.arange(n)
    idx = idx[np.argsort(d[idx], kind="stable")]
    return [Reach(ids[i], float(d[i]), float(walk_seconds(d[i]))) for i in idx.tolist()]
