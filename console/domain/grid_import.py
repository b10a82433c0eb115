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

Checks, each error naming the feature index, its id and the property at fault: broken JSON (line
and column), missing/ill-typed properties, duplicate ids, missing parents, a parent that is not a
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
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.validation import explain_validity

from console.domain.geo import metres_per_degree
from console.domain.grid import Grid, GridKind

# overlaps/gaps smaller than this are digitising noise, not errors
MIN_AREA_M2 = 1.0
# ... and so are gaps smaller than this fraction of the parent
MIN_GAP_FRACTION = 1e-6
# levels 2..4 tile their parent exactly; level-5 governance units (buildings, markets) need not
TILING_MAX_LEVEL = 4


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
        return f"{where}: {self.prop}: {self.message}"


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
        data = p.read_bytes()
    except OSError as exc:
        raise GridImportError([GridIssue(None, None, "file", f"cannot read: {exc}")], str(p)) from exc
    return parse_grids(data, source=str(p))


def parse_grids(text: str | bytes, *, source: str = "<string>") -> list[Grid]:
    """Parse a FeatureCollection into grids; raise :class:`GridImportError` listing every error."""
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
    issues: list[GridIssue] = []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise GridImportError([GridIssue(None, None, "type", "top level must be a FeatureCollection")], source)
    feats = doc.get("features")
    if not isinstance(feats, list):
        raise GridImportError([GridIssue(None, None, "features", "must be a list")], source)
    parsed: list[tuple[int, Grid, shapely.Geometry | None]] = []
    for i, feat in enumerate(feats):
        got = _parse_feature(i, feat, issues)
        if got is not None:
            parsed.append((i, *got))
    _check_ids(parsed, issues)
    _check_topology(parsed, issues)
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
    _check_topology(parsed, issues)
    return issues


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
    if isinstance(gid, int | float) and not isinstance(gid, bool):
        gid = str(int(gid)) if float(gid).is_integer() else str(gid)
    ok = True
    if not isinstance(gid, str) or not gid.strip():
        issues.append(GridIssue(i, None, "id", "missing or empty"))
        return None
    name = props.get("name")
    if not isinstance(name, str) or not name.strip():
        issues.append(GridIssue(i, gid, "name", "missing or empty"))
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
        parts.sort(key=lambda rings: -abs(shapely.Polygon(rings[0]).area))
        extra["parts"] = parts[1:]
    return Grid(gid, str(name).strip(), int(str(level)), parent, kind, parts[0], extra), geom


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
    polys = [shapely.Polygon(rings[0], rings[1:]) for rings in parts]
    geom = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
    if not geom.is_valid:
        issues.append(GridIssue(i, gid, "geometry", f"invalid polygon: {explain_validity(geom)}"))
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
