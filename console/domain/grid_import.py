"""Import grid boundaries from a GeoJSON FeatureCollection, validating before anything is stored.

Each feature is one grid; its ``properties`` carry the hierarchy:

=============  ==========================================================================
``id``         required, unique string (numbers are accepted and turned into strings)
``name``       required, non-empty string
``level``      required integer ≥ 1 (1 street, 2 block, 3 community, 4 micro-grid, 5 unit)
``parent_id``  id of the enclosing grid, absent/null for a top-level grid
``kind``       ``land`` (default) | ``mountain`` | ``water`` | ``police`` (警格 overlay)
=============  ==========================================================================

Other properties are kept in ``Grid.props``. Geometry must be a ``Polygon`` or ``MultiPolygon``
in WGS-84 (lon, lat). A MultiPolygon's largest part becomes ``Grid.polygon``; the other parts are
kept in ``Grid.props["parts"]`` (each ``[exterior, holes...]``).

Limits, checked before the work they protect: a file larger than :data:`MAX_FILE_BYTES` (32 MiB)
is refused before it is parsed, a collection of more than :data:`MAX_FEATURES` (50,000) features
before any feature is built, and ``properties`` nested deeper than :data:`MAX_PROPS_DEPTH` levels.
Every parse failure becomes an issue, never an exception escaping: JSON nested too deeply
(RecursionError), not UTF-8, numbers Python refuses, and GEOS/shapely errors.

Checks, each error naming the feature index, its id and the property at fault: broken JSON (line
and column), missing/ill-typed properties, control characters (NUL, line breaks, …) in ``id``,
``name``, ``parent_id`` or ``kind`` and NUL or lone surrogates anywhere in ``properties`` (a
database refuses them: PostgreSQL has no NUL in text), duplicate ids, missing parents, a parent that is not a
coarser level, geometry that is not a (Multi)Polygon, self-intersections (shapely ``is_valid`` +
its reason), overlaps between siblings (same parent and level), and gaps — children that do not
cover their parent (levels up to ``TILING_MAX_LEVEL``; governance units need not tile) — with the uncovered area in m² and a point inside it. Police grids (警格)
overlay the governance tree and are only checked against each other.

:func:`parse_grids` returns the :class:`~console.domain.grid.Grid` records only when there is no
error; otherwise it raises :class:`GridImportError` holding every :class:`GridIssue`.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.errors import ShapelyError
from shapely.validation import explain_validity

from console.domain.geo import metres_per_degree
from console.domain.grid import Grid, GridKind

# overlaps/gaps smaller than this are digitising noise, not errors
MIN_AREA_M2 = 1.0
# ... and so are gaps smaller than this fraction of the parent
MIN_GAP_FRACTION = 1e-6
# levels 2..4 tile their parent exactly; level-5 governance units (buildings, markets) need not
TILING_MAX_LEVEL = 4
# Size limits. Parsing costs ~16x the file in memory (Python lists of floats, then shapely and
# metric copies): 32 MiB peaked at ~0.6 GB, the demo district is 0.15 MB, a 5,000-grid district a few MB.
MAX_FILE_BYTES = 32 << 20
MAX_FEATURES = 50_000
MAX_PROPS_DEPTH = 16  # nesting of objects/lists inside one feature's properties
# control characters (C0, DEL, C1) have no place in an id or a name; a database refuses NUL anyway
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class GridIssue:
    index: int | None  # feature index in the collection (None: the file as a whole)
    grid_id: str | None
    prop: str  # the property (or "geometry", "json") at fault
    message: str

    def __str__(self) -> str:
        where = "file" if self.index is None else f"feature #{self.index}"
        if self.grid_id is not None:
            where += f" (id={self.grid_id})"
        prop = "" if self.prop == "file" else f"{self.prop}: "
        return f"{where}: {prop}{self.message}"


class GridImportError(ValueError):
    def __init__(self, issues: list[GridIssue], source: str = "<string>") -> None:
        self.issues = issues
        self.source = source
        lines = "\n".join(f"  - {i}" for i in issues[:50])
        more = f"\n  ... and {len(issues) - 50} more" if len(issues) > 50 else ""
        super().__init__(f"{source}: {len(issues)} error(s), nothing imported:\n{lines}{more}")


def load_grids(path: str | Path) -> list[Grid]:
    """Read and validate a GeoJSON file (see :func:`parse_grids`)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise GridImportError([_too_big(size)], str(p))
        data = p.read_bytes()
    except OSError as exc:
        raise GridImportError([GridIssue(None, None, "file", f"cannot read: {exc}")], str(p)) from exc
    return parse_grids(data, source=str(p))


def _too_big(size: int) -> GridIssue:
    return GridIssue(None, None, "file", f"{size:,} bytes, more than the {MAX_FILE_BYTES:,} bytes "
                                         f"({MAX_FILE_BYTES >> 20} MiB) a grid file may have; not parsed")


def parse_grids(text: str | bytes, *, source: str = "<string>") -> list[Grid]:
    """Parse a FeatureCollection into grids; raise :class:`GridImportError` listing every error."""
    if len(text) > MAX_FILE_BYTES:
        raise GridImportError([_too_big(len(text))], source)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GridImportError(
                [GridIssue(None, None, "json", f"not UTF-8 at byte {exc.start}")], source
            ) from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GridImportError(
            [GridIssue(None, None, "json", f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")],
            source,
        ) from exc
    except RecursionError:
        raise GridImportError([GridIssue(None, None, "json", "nested too deeply to parse")], source) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise GridImportError([GridIssue(None, None, "json", f"unreadable JSON: {exc}")], source) from None
    issues: list[GridIssue] = []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise GridImportError([GridIssue(None, None, "type", "top level must be a FeatureCollection")], source)
    feats = doc.get("features")
    if not isinstance(feats, list):
        raise GridImportError([GridIssue(None, None, "features", "must be a list")], source)
    if len(feats) > MAX_FEATURES:
        raise GridImportError([GridIssue(None, None, "features", f"{len(feats):,} features, more than the "
                                                                 f"{MAX_FEATURES:,} a grid file may have")], source)
    parsed: list[tuple[int, Grid, shapely.Geometry | None]] = []
    for i, feat in enumerate(feats):
        got = _parse_feature(i, feat, issues)
        if got is not None:
            parsed.append((i, *got))
    _check_ids(parsed, issues)
    _check_topology_safely(parsed, issues)
    if issues:
        raise GridImportError(issues, source)
    return [g for _, g, _ in parsed]


def validate_grids(grids: list[Grid]) -> list[GridIssue]:
    """Run the hierarchy and topology checks on already-built grids (indexes = list positions)."""
    issues: list[GridIssue] = []
    parsed: list[tuple[int, Grid, shapely.Geometry | None]] = []
    for i, g in enumerate(grids):
        geom = None
        if g.polygon:
            parts = [g.polygon, *g.props.get("parts", [])]
            geom = _geometry(i, g.id, parts, issues)
        parsed.append((i, g, geom))
    _check_ids(parsed, issues)
    _check_topology_safely(parsed, issues)
    return issues


def _check_topology_safely(parsed: list[tuple[int, Grid, shapely.Geometry | None]], issues: list[GridIssue]) -> None:
    try:
        _check_topology(parsed, issues)
    except (ShapelyError, ValueError, TypeError) as exc:  # GEOS refused an operation: an issue, not a crash
        issues.append(GridIssue(None, None, "geometry", f"topology check failed: {type(exc).__name__}: {exc}"))


# ---- one feature ----------------------------------------------------------------------------------
def _parse_feature(i: int, feat: Any, issues: list[GridIssue]) -> tuple[Grid, shapely.Geometry | None] | None:
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        issues.append(GridIssue(i, None, "type", "not a GeoJSON Feature"))
        return None
    props = feat.get("properties")
    if not isinstance(props, dict):
        issues.append(GridIssue(i, None, "properties", "missing or not an object"))
        return None
    gid = props.get("id", feat.get("id"))
    if isinstance(gid, int) and not isinstance(gid, bool):
        gid = str(gid)
    elif isinstance(gid, float):
        gid = str(int(gid)) if gid.is_integer() else str(gid)
    ok = True
    if not isinstance(gid, str) or not gid.strip():
        issues.append(GridIssue(i, None, "id", "missing or empty"))
        return None
    if bad := _bad_text(gid, _CONTROL):
        issues.append(GridIssue(i, None, "id", f"{bad}: {gid!r}"))
        return None
    name = props.get("name")
    if not isinstance(name, str) or not name.strip():
        issues.append(GridIssue(i, gid, "name", "missing or empty"))
        ok = False
    elif bad := _bad_text(name, _CONTROL):
        issues.append(GridIssue(i, gid, "name", f"{bad}: {name!r}"))
        ok = False
    level = props.get("level")
    if isinstance(level, str) and level.strip().isdigit():
        level = int(level)
    if not isinstance(level, int) or isinstance(level, bool) or level < 1:
        issues.append(GridIssue(i, gid, "level", f"must be an integer ≥ 1, got {level!r}"))
        ok = False
    parent = props.get("parent_id")
    if parent is not None and not isinstance(parent, str):
        parent = str(parent) if isinstance(parent, int) and not isinstance(parent, bool) else parent
    if parent is not None and (not isinstance(parent, str) or not parent):
        issues.append(GridIssue(i, gid, "parent_id", f"must be a grid id or null, got {parent!r}"))
        ok = False
    elif isinstance(parent, str) and (bad := _bad_text(parent, _CONTROL)):
        issues.append(GridIssue(i, gid, "parent_id", f"{bad}: {parent!r}"))
        ok = False
    for prop, problem in _props_problems(props):
        issues.append(GridIssue(i, gid, prop, problem))
        ok = False
    kind_raw = props.get("kind") or GridKind.LAND.value
    try:
        kind = GridKind(kind_raw)
    except ValueError:
        allowed = ", ".join(k.value for k in GridKind)
        issues.append(GridIssue(i, gid, "kind", f"unknown kind {kind_raw!r} (allowed: {allowed})"))
        ok = False
        kind = GridKind.LAND
    geometry = feat.get("geometry")
    parts = _rings(i, gid, geometry, issues)
    geom = _geometry(i, gid, parts, issues) if parts else None
    if not ok or parts is None:
        return None
    extra = {k: v for k, v in props.items() if k not in ("id", "name", "level", "parent_id", "kind")}
    if len(parts) > 1:
        parts.sort(key=lambda rings: -abs(_ring_area(rings[0])))
        extra["parts"] = parts[1:]
    return Grid(gid, str(name).strip(), int(str(level)), parent, kind, parts[0], extra), geom


def _bad_text(text: str, forbidden: re.Pattern[str]) -> str | None:
    """Why ``text`` cannot be stored as a name/id (None: it can)."""
    m = forbidden.search(text) or _SURROGATE.search(text)
    if m is None:
        return None
    kind = "lone surrogate" if _SURROGATE.match(m.group()) else "control character"
    return f"contains a {kind} U+{ord(m.group()):04X} at position {m.start() + 1}"


_NUL = re.compile("\x00")


def _props_problems(props: dict[str, Any]) -> list[tuple[str, str]]:
    """NUL or lone surrogates anywhere in the properties (keys too), and nesting over the limit."""
    out: list[tuple[str, str]] = []
    own = ("id", "name", "parent_id")  # checked more strictly (no control character at all) above
    stack: list[tuple[Any, str, int]] = [(v, str(k), 1) for k, v in props.items() if k not in own]
    for k in props:
        if isinstance(k, str) and (bad := _bad_text(k, _NUL)):
            out.append((f"properties key {k!r}", bad))
    while stack and len(out) < 5:
        value, path, depth = stack.pop()
        if depth > MAX_PROPS_DEPTH:
            out.append((path.split(".")[0], f"nested deeper than {MAX_PROPS_DEPTH} levels"))
            continue
        if isinstance(value, str):
            if bad := _bad_text(value, _NUL):
                out.append((path, bad))
        elif isinstance(value, dict):
            for k, v in value.items():
                if bad := _bad_text(str(k), _NUL):
                    out.append((f"{path} (key {k!r})", bad))
                stack.append((v, f"{path}.{k}", depth + 1))
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{n}]", depth + 1) for n, v in enumerate(value))
    return out


def _ring_area(ring: list[tuple[float, float]]) -> float:
    """Shoelace area in degrees² (only to rank the parts of a MultiPolygon)."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def _rings(i: int, gid: str, geometry: Any, issues: list[GridIssue]) -> list[list[list[tuple[float, float]]]] | None:
    if not isinstance(geometry, dict):
        issues.append(GridIssue(i, gid, "geometry", "missing"))
        return None
    gtype = geometry.get("type")
    coords = geometry.get("coordinates")
    if gtype == "Polygon":
        polys = [coords]
    elif gtype == "MultiPolygon" and isinstance(coords, list):
        polys = coords
    else:
        issues.append(GridIssue(i, gid, "geometry", f"must be Polygon or MultiPolygon, got {gtype!r}"))
        return None
    out: list[list[list[tuple[float, float]]]] = []
    try:
        for rings in polys:
            if not isinstance(rings, list) or not rings:
                raise ValueError("empty polygon")
            poly_rings = []
            for ring in rings:
                pts = [(float(p[0]), float(p[1])) for p in ring]
                if len(pts) < 4:
                    raise ValueError("a ring needs at least 4 positions")
                if not all(math.isfinite(x) and math.isfinite(y) for x, y in pts):
                    raise ValueError("non-finite coordinate")
                if not all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in pts):
                    raise ValueError("coordinate outside lon/lat range (expected WGS-84 degrees)")
                if pts[0] != pts[-1]:
                    raise ValueError("ring is not closed (first position != last)")
                poly_rings.append(pts)
            out.append(poly_rings)
    except (TypeError, ValueError, IndexError) as exc:
        issues.append(GridIssue(i, gid, "geometry", f"bad coordinates: {exc}"))
        return None
    if not out:
        issues.append(GridIssue(i, gid, "geometry", "empty MultiPolygon"))
        return None
    return out


def _geometry(i: int, gid: str, parts: list, issues: list[GridIssue]) -> shapely.Geometry | None:
    try:
        polys = [shapely.Polygon(rings[0], rings[1:]) for rings in parts]
        geom = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
        valid = geom.is_valid
        reason = "" if valid else explain_validity(geom)
    except (ShapelyError, ValueError, TypeError) as exc:
        issues.append(GridIssue(i, gid, "geometry", f"unusable geometry: {type(exc).__name__}: {exc}"))
        return None
    if not valid:
        issues.append(GridIssue(i, gid, "geometry", f"invalid polygon: {reason}"))
        return None
    if geom.is_empty or geom.area == 0:
        issues.append(GridIssue(i, gid, "geometry", "polygon has no area"))
        return None
    return geom


# ---- across features ------------------------------------------------------------------------------
def _check_ids(parsed: list[tuple[int, Grid, Any]], issues: list[GridIssue]) -> None:
    first: dict[str, int] = {}
    for i, g, _ in parsed:
        if g.id in first:
            issues.append(GridIssue(i, g.id, "id", f"duplicate id (first used by feature #{first[g.id]})"))
        else:
            first[g.id] = i
    by_id = {g.id: g for _, g, _ in parsed}
    for i, g, _ in parsed:
        if g.parent_id is None:
            continue
        parent = by_id.get(g.parent_id)
        if g.parent_id == g.id:
            issues.append(GridIssue(i, g.id, "parent_id", "a grid cannot be its own parent"))
        elif parent is None:
            issues.append(GridIssue(i, g.id, "parent_id", f"parent {g.parent_id!r} does not exist"))
        elif parent.level >= g.level:
            issues.append(
                GridIssue(i, g.id, "level", f"level {g.level} is not below its parent's level {parent.level}")
            )


def _check_topology(parsed: list[tuple[int, Grid, shapely.Geometry | None]], issues: list[GridIssue]) -> None:
    ok = [(i, g, geom) for i, g, geom in parsed if geom is not None]
    if not ok:
        return
    bounds = shapely.total_bounds([geom for _, _, geom in ok])
    lon0 = (bounds[0] + bounds[2]) / 2
    lat0 = (bounds[1] + bounds[3]) / 2
    mx, my = metres_per_degree(lat0)

    def to_m(geom: shapely.Geometry) -> shapely.Geometry:
        return shapely.transform(geom, lambda c: (c - (lon0, lat0)) * (mx, my))

    def where(geom_m: shapely.Geometry) -> str:
        pt = geom_m.representative_point()
        return f"near lon {pt.x / mx + lon0:.6f}, lat {pt.y / my + lat0:.6f}"

    metric = {g.id: to_m(geom) for _, g, geom in ok}
    index = {g.id: i for i, g, _ in ok}
    police = {g.id for _, g, _ in ok if g.kind == GridKind.POLICE}
    # siblings: same parent, same level, same layer (governance tree vs 警格 overlay)
    groups: dict[tuple[str | None, int, bool], list[str]] = defaultdict(list)
    for _, g, _ in ok:
        groups[(g.parent_id, g.level, g.id in police)].append(g.id)
    for ids in groups.values():
        if len(ids) < 2:
            continue
        geoms = [metric[k] for k in ids]
        tree = shapely.STRtree(geoms)
        left, right = tree.query(geoms, predicate="intersects")
        for a, b in zip(left.tolist(), right.tolist(), strict=True):
            if a >= b:
                continue
            inter = shapely.intersection(geoms[a], geoms[b])
            if inter.area > MIN_AREA_M2:
                ida, idb = ids[a], ids[b]
                issues.append(
                    GridIssue(
                        index[idb], idb, "geometry",
                        f"overlaps sibling {ida!r} (feature #{index[ida]}) by {inter.area:,.0f} m² {where(inter)}",
                    )
                )
    # gaps: the non-police children of a parent must cover it
    children: dict[str, list[str]] = defaultdict(list)
    for _, g, _ in ok:
        if g.parent_id in metric and g.id not in police and g.level <= TILING_MAX_LEVEL:
            children[g.parent_id].append(g.id)
    for pid, kids in children.items():
        parent_geom = metric[pid]
        union = shapely.union_all([metric[k] for k in kids])
        gap = shapely.difference(parent_geom, union)
        area = gap.area
        if area > max(MIN_AREA_M2, MIN_GAP_FRACTION * parent_geom.area):
            pieces = list(getattr(gap, "geoms", [gap]))
            biggest = max(pieces, key=lambda p: p.area)
            issues.append(
                GridIssue(
                    index[pid], pid, "geometry",
                    f"children ({len(kids)}) leave {area:,.0f} m² of the grid uncovered in "
                    f"{len(pieces)} piece(s); the largest ({biggest.area:,.0f} m²) {where(biggest)}",
                )
            )
        outside = shapely.difference(union, parent_geom)
        if outside.area > max(MIN_AREA_M2, MIN_GAP_FRACTION * parent_geom.area):
            issues.append(
                GridIssue(
                    index[pid], pid, "geometry",
                    f"children spill {outside.area:,.0f} m² outside the grid {where(outside)}",
                )
            )
