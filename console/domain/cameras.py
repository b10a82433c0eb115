"""Camera registry rules: import validation and "which cameras can see this point" (issue 6).

Pure Python. A camera file is CSV (header row, one camera a line) or JSON (a list of objects, or
``{"cameras": [...]}``). :func:`parse_cameras` checks every row and reports each problem with its
line and field; callers store nothing unless the issue list is empty. A text field (id, name, grid_id,
a URL, a tag) that starts with ``=``, ``+``, ``-``, ``@`` (after trimming spaces, TAB and CR) is
refused: a spreadsheet opening the registry would run it as a formula (CSV injection,
``console.domain.csv_safety``) — a camera name never needs to start that way.

:func:`rank_cameras` orders cameras for an event location: the cameras whose view cone
(heading ± fov/2) contains the point come first, nearest first; cameras that cannot see it
follow, nearest first, so a wall can still be filled.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.domain.csv_safety import describe_start, formula_start
from console.domain.grid import Camera

CAMERA_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
NAME_MAX = 100
URL_SCHEMES = ("rtsp", "rtsps", "rtmp", "http", "https", "file", "udp", "srt", "demo")  # demo:// = demo clip
FIELDS = ("id", "name", "lat", "lon", "grid_id", "heading_deg", "fov_deg", "main_url", "sub_url", "tags")
REQUIRED = ("id", "name", "lat", "lon")
TEXT_FIELDS = ("id", "name", "grid_id", "main_url", "sub_url")  # tags are checked one by one
EARTH_RADIUS_M = 6_371_008.8
MAX_FILE_BYTES = 32 << 20  # a camera file larger than this is refused before it is read (32 MiB)
NEAR_M = 10.0  # closer than this, a camera sees the point whatever its heading


@dataclass(frozen=True, slots=True)
class CameraIssue:
    line: int  # 1-based line in the file (the header is line 1 in CSV)
    field: str  # "" for a problem with the whole row
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", field {self.field}" if self.field else "")
        return f"{where}: {self.message}"


class CameraImportError(ValueError):
    def __init__(self, issues: Sequence[CameraIssue]) -> None:
        self.issues = list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


# ---- validation --------------------------------------------------------------------------------
def _float(row: dict[str, Any], key: str, line: int, issues: list[CameraIssue], lo: float, hi: float,
           *, required: bool) -> float | None:  # fmt: skip
    raw = row.get(key)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            issues.append(CameraIssue(line, key, "missing"))
        return None
    if isinstance(raw, bool):
        issues.append(CameraIssue(line, key, f"not a number: {raw!r}"))
        return None
    try:
        value = float(raw.strip() if isinstance(raw, str) else raw)
    except (TypeError, ValueError):
        issues.append(CameraIssue(line, key, f"not a number: {raw!r}"))
        return None
    if not math.isfinite(value) or not lo <= value <= hi:
        issues.append(CameraIssue(line, key, f"{value:g} outside {lo:g}..{hi:g}"))
        return None
    return value


def _text(row: dict[str, Any], key: str) -> str | None:
    raw = row.get(key)
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def _formula_issue(line: int, key: str, text: str) -> CameraIssue:
    start = formula_start(text) or "="
    return CameraIssue(line, key, f"starts with {describe_start(start)}: a spreadsheet would run it as a formula "
                                  f"(CSV injection); remove the leading character: {text[:60]!r}")


def _formulas(row: dict[str, Any], line: int, issues: list[CameraIssue]) -> set[str]:
    """The text fields that start like a spreadsheet formula (each reported once)."""
    bad: set[str] = set()
    for key in TEXT_FIELDS:
        text = _text(row, key)
        if text is not None and formula_start(text):
            issues.append(_formula_issue(line, key, text))
            bad.add(key)
    return bad


def _url(row: dict[str, Any], key: str, line: int, issues: list[CameraIssue]) -> str | None:
    url = _text(row, key)
    if url is None or formula_start(url):
        return None
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in URL_SCHEMES or not rest:
        issues.append(CameraIssue(line, key, f"not a stream URL ({'/'.join(URL_SCHEMES)}): {url!r}"))
        return None
    return url


def _tags(row: dict[str, Any], line: int, issues: list[CameraIssue]) -> list[str]:
    raw = row.get("tags")
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        parts = re.split(r"[;|,，；]", raw)
    elif isinstance(raw, list) and all(isinstance(t, str) for t in raw):
        parts = raw
    else:
        issues.append(CameraIssue(line, "tags", "must be a list of strings or 'a;b;c'"))
        return []
    tags = [p.strip() for p in parts if p.strip()]
    for tag in tags:
        if formula_start(tag):
            issues.append(_formula_issue(line, "tags", tag))
    return tags


def validate_camera_row(row: dict[str, Any], line: int) -> tuple[Camera | None, list[CameraIssue]]:
    """One row (CSV dict or JSON object) → a Camera, or the problems found in it."""
    issues: list[CameraIssue] = []
    formulas = _formulas(row, line, issues)
    cam_id = _text(row, "id")
    if cam_id is None:
        issues.append(CameraIssue(line, "id", "missing"))
    elif "id" not in formulas and not CAMERA_ID_RE.match(cam_id):
        issues.append(CameraIssue(line, "id", f"must be 1-64 of [A-Za-z0-9._:-]: {cam_id!r}"))
    name = _text(row, "name")
    if name is None:
        issues.append(CameraIssue(line, "name", "missing"))
    elif len(name) > NAME_MAX:
        issues.append(CameraIssue(line, "name", f"longer than {NAME_MAX} characters"))
    lat = _float(row, "lat", line, issues, -90.0, 90.0, required=True)
    lon = _float(row, "lon", line, issues, -180.0, 180.0, required=True)
    heading = _float(row, "heading_deg", line, issues, 0.0, 360.0, required=False)
    fov = _float(row, "fov_deg", line, issues, 1.0, 360.0, required=False)
    main_url = _url(row, "main_url", line, issues)
    sub_url = _url(row, "sub_url", line, issues)
    tags = _tags(row, line, issues)
    if issues or cam_id is None or name is None or lat is None or lon is None:
        return None, issues
    cam = Camera(
        id=cam_id, name=name, lat=lat, lon=lon, grid_id=_text(row, "grid_id"),
        heading_deg=None if heading is None else heading % 360.0,
        fov_deg=90.0 if fov is None else fov, main_url=main_url, sub_url=sub_url, tags=tags,
    )  # fmt: skip
    return cam, []


def _validate_rows(rows: Iterable[tuple[int, Any]]) -> tuple[list[Camera], list[CameraIssue]]:
    cameras: list[Camera] = []
    issues: list[CameraIssue] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if not isinstance(row, dict):
            issues.append(CameraIssue(line, "", "expected an object with camera fields"))
            continue
        if bad := _unstorable_field(row):  # a database refuses these (PostgreSQL: no NUL in text)
            issues.append(CameraIssue(line, bad[0], bad[1]))
            continue
        cam, problems = validate_camera_row(row, line)
        issues.extend(problems)
        if cam is None:
            continue
        if cam.id in seen:
            issues.append(CameraIssue(line, "id", f"duplicate id {cam.id!r} (first on line {seen[cam.id]})"))
            continue
        seen[cam.id] = line
        cameras.append(cam)
    return cameras, issues


def _unstorable_field(row: dict[str, Any]) -> tuple[str, str] | None:
    """The first field holding a NUL or a lone surrogate, and why (None: every text can be stored)."""
    for key, value in row.items():
        for text in (value if isinstance(value, list) else [value]):
            if isinstance(text, str) and (m := re.search("[\x00\ud800-\udfff]", text)):
                what = "a NUL character" if m.group() == "\x00" else "a lone surrogate"
                return str(key), f"contains {what} (U+{ord(m.group()):04X})"
    return None


def parse_cameras_csv(text: str) -> tuple[list[Camera], list[CameraIssue]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        return _parse_csv_rows(reader)
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KiB limit
        return [], [CameraIssue(reader.line_num + 1, "", f"unreadable CSV: {exc}")]  # the line being read


def _parse_csv_rows(reader: csv.DictReader) -> tuple[list[Camera], list[CameraIssue]]:
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        return [], [CameraIssue(1, f, "column missing from the header") for f in missing]
    reader.fieldnames = header
    rows: list[tuple[int, Any]] = []
    for row in reader:
        if None in row:  # more cells than header columns
            rows.append((reader.line_num, None))
            continue
        if all(not (v or "").strip() for v in row.values()):
            continue  # blank line
        rows.append((reader.line_num, row))
    cameras, issues = _validate_rows((ln, r) for ln, r in rows if r is not None)
    extra = [CameraIssue(ln, "", "more cells than header columns") for ln, r in rows if r is None]
    return cameras, sorted(issues + extra, key=lambda i: i.line)


def _json_array_items(text: str, start: int) -> list[tuple[int, Any]]:
    """Decode the array starting at ``text[start] == '['`` keeping each element's line number."""
    decoder = json.JSONDecoder()
    items: list[tuple[int, Any]] = []
    pos = start + 1
    n = len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= n:
            raise json.JSONDecodeError("unterminated array", text, pos)
        if text[pos] == "]":
            return items
        line = text.count("\n", 0, pos) + 1
        value, pos = decoder.raw_decode(text, pos)
        items.append((line, value))


def parse_cameras_json(text: str) -> tuple[list[Camera], list[CameraIssue]]:
    text = text.lstrip("\ufeff")
    try:
        return _parse_json_doc(text)
    except json.JSONDecodeError as exc:
        return [], [CameraIssue(exc.lineno, "", f"invalid JSON: {exc.msg}")]
    except RecursionError:
        return [], [CameraIssue(1, "", "invalid JSON: nested too deeply to parse")]
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return [], [CameraIssue(1, "", f"invalid JSON: {exc}")]


def _parse_json_doc(text: str) -> tuple[list[Camera], list[CameraIssue]]:
    doc = json.loads(text)
    if isinstance(doc, dict) and isinstance(doc.get("cameras"), list):
        m = re.search(r'"cameras"\s*:\s*\[', text)
        start = m.end() - 1 if m else -1
    elif isinstance(doc, list):
        start = text.index("[")
    else:
        return [], [CameraIssue(1, "", 'expected a list of cameras or {"cameras": [...]}')]
    if start < 0:
        return _validate_rows((1, row) for row in doc["cameras"])
    return _validate_rows(_json_array_items(text, start))


def parse_cameras(text: str, fmt: str) -> tuple[list[Camera], list[CameraIssue]]:
    """``fmt`` is "csv" or "json"."""
    if fmt == "csv":
        return parse_cameras_csv(text)
    if fmt == "json":
        return parse_cameras_json(text)
    raise ValueError(f"unknown camera file format {fmt!r} (csv or json)")


def load_cameras_file(path: Path | str) -> list[Camera]:
    """Read and validate a camera file; raise :class:`CameraImportError` listing every problem."""
    p = Path(path)
    fmt = "json" if p.suffix.lower() == ".json" else "csv"
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CameraImportError([CameraIssue(1, "", f"the file has {size:,} bytes, more than the "
                                                        f"{MAX_FILE_BYTES:,} a camera file may have; not read")])
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CameraImportError([CameraIssue(1, "", f"not UTF-8 text: {exc.reason}")]) from exc
    except OSError as exc:
        raise CameraImportError([CameraIssue(1, "", f"cannot read: {exc.strerror or exc}")]) from exc
    cameras, issues = parse_cameras(text, fmt)
    if issues:
        raise CameraImportError(issues)
    if not cameras:
        raise CameraImportError([CameraIssue(1, "", "no cameras in the file")])
    return cameras


# ---- geometry and ranking ----------------------------------------------------------------------
def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing from point 1 to point 2, 0 = north, clockwise, in [0, 360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360.0


def angle_diff_deg(a: float, b: float) -> float:
    """Smallest absolute difference between two bearings, in [0, 180]."""
    d = abs(a - b) % 360.0
    return 360.0 - d if d > 180.0 else d


def sees(cam: Camera, lat: float, lon: float, dist: float | None = None) -> bool:
    """Whether the point lies within the camera's view cone (a camera without heading sees all round)."""
    if cam.heading_deg is None or cam.fov_deg >= 360.0:
        return True
    d = distance_m(cam.lat, cam.lon, lat, lon) if dist is None else dist
    if d < NEAR_M:
        return True
    return angle_diff_deg(bearing_deg(cam.lat, cam.lon, lat, lon), cam.heading_deg) <= cam.fov_deg / 2.0


@dataclass(frozen=True, slots=True)
class CameraHit:
    camera: Camera
    distance_m: float
    sees: bool


def rank_cameras(
    cameras: Iterable[Camera],
    lat: float,
    lon: float,
    *,
    max_distance_m: float = 600.0,
    limit: int | None = 16,
    include_blind: bool = True,
) -> list[CameraHit]:
    """Cameras within ``max_distance_m``: those that see the point first, then (optionally) the rest."""
    hits: list[CameraHit] = []
    for cam in cameras:
        d = distance_m(cam.lat, cam.lon, lat, lon)
        if d > max_distance_m:
            continue
        can = sees(cam, lat, lon, d)
        if can or include_blind:
            hits.append(CameraHit(cam, d, can))
    hits.sort(key=lambda h: (not h.sees, h.distance_m, h.camera.id))
    return hits if limit is None else hits[:limit]


# ---- groups for tours (轮巡) ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CameraGroup:
    kind: str  # "tag" | "grid"
    key: str


def camera_groups(cameras: Iterable[Camera]) -> list[CameraGroup]:
    """Every tag and every grid that has cameras, tags first, each sorted."""
    tags: set[str] = set()
    grids: set[str] = set()
    for cam in cameras:
        tags.update(cam.tags)
        if cam.grid_id:
            grids.add(cam.grid_id)
    return [CameraGroup("tag", t) for t in sorted(tags)] + [CameraGroup("grid", g) for g in sorted(grids)]


def group_members(cameras: Iterable[Camera], group: CameraGroup) -> list[Camera]:
    """The group's cameras in a stable order (by id)."""
    if group.kind == "tag":
        out = [c for c in cameras if group.key in c.tags]
    elif group.kind == "grid":
        out = [c for c in cameras if c.grid_id == group.key]
    else:
        raise ValueError(f"unknown group kind {group.kind!r}")
    return sorted(out, key=lambda c: c.id)
