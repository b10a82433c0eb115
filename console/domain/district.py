"""The district the room governs: grid hierarchy, people, departments, cameras and lookup.

``load_district(directory)`` reads the files written by ``console.domain.demo_gen``:
``district.json``, ``grids.geojson``, ``police_grids.geojson``, ``members.json``,
``departments.json`` and ``cameras.json``. Anything malformed raises :class:`DistrictError` naming
the file, the feature (index and id) and the problem.

Police grids (警格, ``GridKind.POLICE``) are an overlay: they are not part of the governance tree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from console.domain.geo import haversine_many
from console.domain.grid import Camera, Department, Grid, GridKind, Member, Role
from console.domain.spatial import GridLocator

DEFAULT_LEVEL_NAMES = {1: "街道", 2: "街区网格", 3: "社区网格", 4: "微网格", 5: "治理单元"}
GRID_WORKER_ROLES = (Role.FULLTIME, Role.PARTTIME, Role.GRID_CHIEF)
FILES = (
    "district.json",
    "grids.geojson",
    "police_grids.geojson",
    "members.json",
    "departments.json",
    "cameras.json",
)


class DistrictError(ValueError):
    """District data that cannot be used; the message names file, feature and problem."""


@dataclass(slots=True)
class DistrictInfo:
    name: str
    level_names: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_LEVEL_NAMES))
    timezone: str = "Asia/Shanghai"
    centre: tuple[float, float] | None = None  # (lon, lat)
    bbox: tuple[float, float, float, float] | None = None  # (min lon, min lat, max lon, max lat)


class District:
    """Grids (governance tree + police overlay), members, departments and cameras."""

    def __init__(
        self,
        info: DistrictInfo,
        grids: Iterable[Grid],
        *,
        police_grids: Iterable[Grid] = (),
        members: Iterable[Member] = (),
        departments: Iterable[Department] = (),
        cameras: Iterable[Camera] = (),
        geometries: dict[str, shapely.Polygon] | None = None,
    ) -> None:
        self.info = info
        self.grids: dict[str, Grid] = {}
        for g in grids:
            if g.id in self.grids:
                raise DistrictError(f"duplicate grid id {g.id!r}")
            self.grids[g.id] = g
        self.police_grids: dict[str, Grid] = {g.id: g for g in police_grids}
        self.members: dict[str, Member] = {m.id: m for m in members}
        self.departments: dict[str, Department] = {d.id: d for d in departments}
        self.cameras: dict[str, Camera] = {c.id: c for c in cameras}
        self._children: dict[str | None, list[str]] = {}
        for g in self.grids.values():
            if g.parent_id is not None and g.parent_id not in self.grids:
                raise DistrictError(f"grid {g.id!r}: unknown parent_id {g.parent_id!r}")
            self._children.setdefault(g.parent_id, []).append(g.id)
        for kids in self._children.values():
            kids.sort()
        self._check_acyclic()
        self._members_by_grid: dict[str, list[Member]] = {}
        for m in self.members.values():
            self._members_by_grid.setdefault(m.grid_id, []).append(m)
        self._subtree: dict[str, frozenset[str]] = {}
        geometries = geometries or {}
        tree_grids = [g for g in self.grids.values() if g.polygon]
        geoms = {g.id: geometries.get(g.id) or _geometry(g) for g in tree_grids}
        self.geometries: dict[str, shapely.Polygon] = geoms
        indexed = [g for g in tree_grids if not self._tiled_by_children(g, geoms)]
        self._locator = GridLocator(indexed, [geoms[g.id] for g in indexed])
        police = [g for g in self.police_grids.values() if g.polygon]
        self._police_locator = GridLocator(police, [geometries.get(g.id) or _geometry(g) for g in police])
        cams = list(self.cameras.values())
        self._cam_ids = [c.id for c in cams]
        self._cam_lon = np.array([c.lon for c in cams], dtype=float)
        self._cam_lat = np.array([c.lat for c in cams], dtype=float)

    def adopt(self, other: District) -> None:
        """Take ``other``'s content in place: every service and view holding this object sees the
        district as re-read (another seat or a tool imported grids or cameras). Caches go with it."""
        self.__dict__.clear()
        self.__dict__.update(other.__dict__)

    # --- construction helpers -------------------------------------------------------------
    def _check_acyclic(self) -> None:
        for gid in self.grids:
            seen = {gid}
            p = self.grids[gid].parent_id
            while p is not None:
                if p in seen:
                    raise DistrictError(f"grid {gid!r}: parent chain forms a cycle through {p!r}")
                seen.add(p)
                p = self.grids[p].parent_id

    def _tiled_by_children(self, g: Grid, geoms: dict[str, shapely.Polygon]) -> bool:
        """True when the grid's children cover it entirely (it then never needs to be answered)."""
        kids = [geoms[k] for k in self._children.get(g.id, []) if k in geoms]
        if not kids:
            return False
        area = geoms[g.id].area
        return bool(area > 0 and sum(k.area for k in kids) >= area * (1 - 1e-9))

    # --- records --------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.info.name

    @property
    def level_names(self) -> dict[int, str]:
        return self.info.level_names

    def level_name(self, level: int) -> str:
        return self.info.level_names.get(level, f"{level}级网格")

    def grid(self, grid_id: str) -> Grid | None:
        return self.grids.get(grid_id) or self.police_grids.get(grid_id)

    def grids_at_level(self, level: int, kind: GridKind | None = None) -> list[Grid]:
        return sorted(
            (g for g in self.grids.values() if g.level == level and (kind is None or g.kind == kind)),
            key=lambda g: g.id,
        )

    # --- hierarchy ------------------------------------------------------------------------
    @property
    def roots(self) -> list[Grid]:
        return [self.grids[k] for k in self._children.get(None, [])]

    @property
    def leaves(self) -> list[Grid]:
        return sorted((g for g in self.grids.values() if g.id not in self._children), key=lambda g: g.id)

    def children(self, grid_id: str | None) -> list[Grid]:
        """Direct children (``None`` gives the roots), sorted by id."""
        return [self.grids[k] for k in self._children.get(grid_id, [])]

    def parent(self, grid_id: str) -> Grid | None:
        g = self.grids.get(grid_id)
        if g is None or g.parent_id is None:
            return None
        return self.grids[g.parent_id]

    def ancestors(self, grid_id: str) -> list[Grid]:
        """Parent, grandparent, ... up to the root (nearest first)."""
        out: list[Grid] = []
        p = self.parent(grid_id)
        while p is not None:
            out.append(p)
            p = self.parent(p.id)
        return out

    def subtree_ids(self, grid_id: str) -> frozenset[str]:
        """The grid and all its descendants (cached)."""
        cached = self._subtree.get(grid_id)
        if cached is not None:
            return cached
        if grid_id not in self.grids:
            return frozenset()
        ids = {grid_id}
        stack = [grid_id]
        while stack:
            for k in self._children.get(stack.pop(), []):
                ids.add(k)
                stack.append(k)
        result = frozenset(ids)
        self._subtree[grid_id] = result
        return result

    def path(self, grid_id: str) -> list[Grid]:
        """Root first down to the grid itself."""
        g = self.grids.get(grid_id)
        if g is None:
            return []
        return [*reversed(self.ancestors(grid_id)), g]

    # --- people -----------------------------------------------------------------------------
    def members_of(self, grid_id: str) -> list[Member]:
        return list(self._members_by_grid.get(grid_id, []))

    def on_duty_members(self, grid_id: str, roles: Iterable[Role] | None = None) -> list[Member]:
        """On-duty members attached to the grid itself (optionally only some roles)."""
        wanted = set(roles) if roles is not None else None
        return [
            m
            for m in self._members_by_grid.get(grid_id, [])
            if m.on_duty and (wanted is None or m.role in wanted)
        ]

    def department(self, dept_id: str) -> Department | None:
        return self.departments.get(dept_id)

    # --- space --------------------------------------------------------------------------------
    def locate(self, lon: float, lat: float) -> str | None:
        """Id of the deepest land/mountain/water grid containing the point, or None."""
        return self._locator.locate(lon, lat)

    def locate_many(self, lons: Iterable[float], lats: Iterable[float]) -> list[str | None]:
        return self._locator.locate_many(np.fromiter(lons, float), np.fromiter(lats, float))

    def police_grid_at(self, lon: float, lat: float) -> str | None:
        """Id of the police grid (警格) containing the point, or None."""
        return self._police_locator.locate(lon, lat)

    def contains(self, grid_id: str, lon: float, lat: float) -> bool:
        """True when the point lies in (or on the boundary of) the grid's polygon."""
        geom = self.geometries.get(grid_id)
        if geom is None and grid_id in self.police_grids:
            geom = _geometry(self.police_grids[grid_id])
        return bool(geom is not None and shapely.intersects_xy(geom, lon, lat))

    def cameras_near(self, lon: float, lat: float, radius_m: float) -> list[tuple[Camera, float]]:
        """Cameras within ``radius_m`` of the point with their distance, nearest first."""
        if not self._cam_ids:
            return []
        d = haversine_many(lon, lat, self._cam_lon, self._cam_lat)
        idx = np.nonzero(d <= radius_m)[0]
        idx = idx[np.argsort(d[idx], kind="stable")]
        return [(self.cameras[self._cam_ids[i]], float(d[i])) for i in idx]


def _geometry(g: Grid) -> shapely.Polygon:
    shell, *holes = g.polygon or [[]]
    return shapely.Polygon(shell, holes)


# --- loading ----------------------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DistrictError(f"{path.name}: file missing in {path.parent}") from None
    except OSError as exc:
        raise DistrictError(f"{path.name}: cannot read ({exc})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DistrictError(f"{path.name}: bad JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc


def _where(fname: str, index: int, item: Any) -> str:
    ident = None
    if isinstance(item, dict):
        props = item.get("properties") if isinstance(item.get("properties"), dict) else item
        ident = props.get("id") if isinstance(props, dict) else None
    return f"{fname}: feature {index}" + (f" (id {ident!r})" if ident is not None else "")


def _need(obj: dict, key: str, types: type | tuple[type, ...], where: str, optional: bool = False) -> Any:
    if key not in obj or obj[key] is None:
        if optional:
            return None
        raise DistrictError(f"{where}: missing field {key!r}")
    val = obj[key]
    if isinstance(val, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise DistrictError(f"{where}: field {key!r} has the wrong type ({type(val).__name__})")
    if not isinstance(val, types):
        raise DistrictError(f"{where}: field {key!r} has the wrong type ({type(val).__name__})")
    return val


def _polygon_rings(geom: Any, where: str) -> list[list[tuple[float, float]]]:
    if not isinstance(geom, dict):
        raise DistrictError(f"{where}: missing geometry")
    if geom.get("type") != "Polygon":
        raise DistrictError(f"{where}: geometry must be a Polygon, not {geom.get('type')!r}")
    coords = geom.get("coordinates")
    if not isinstance(coords, list) or not coords:
        raise DistrictError(f"{where}: Polygon without coordinates")
    rings: list[list[tuple[float, float]]] = []
    for r in coords:
        try:
            ring = [(float(p[0]), float(p[1])) for p in r]
        except (TypeError, ValueError, IndexError):
            raise DistrictError(f"{where}: malformed coordinates") from None
        if len(ring) < 4 or ring[0] != ring[-1]:
            raise DistrictError(f"{where}: a ring must be closed and have at least 4 positions")
        rings.append(ring)
    return rings


def _load_grids(
    path: Path, *, police: bool, seen: set[str], geoms: dict[str, shapely.Polygon]
) -> list[Grid]:
    data = _read_json(path)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DistrictError(f"{path.name}: not a GeoJSON FeatureCollection")
    feats = data.get("features")
    if not isinstance(feats, list):
        raise DistrictError(f"{path.name}: 'features' must be a list")
    out: list[Grid] = []
    wheres: list[str] = []
    batch: list[shapely.Polygon] = []
    for i, f in enumerate(feats):
        where = _where(path.name, i, f)
        if not isinstance(f, dict) or not isinstance(f.get("properties"), dict):
            raise DistrictError(f"{where}: not a Feature with properties")
        p = f["properties"]
        gid = _need(p, "id", str, where)
        if gid in seen:
            raise DistrictError(f"{where}: duplicate grid id {gid!r}")
        seen.add(gid)
        name = _need(p, "name", str, where)
        level = _need(p, "level", int, where)
        parent = _need(p, "parent_id", str, where, optional=True)
        kind_s = _need(p, "kind", str, where, optional=True) or ("police" if police else "land")
        try:
            kind = GridKind(kind_s)
        except ValueError:
            raise DistrictError(f"{where}: unknown kind {kind_s!r}") from None
        if police != (kind is GridKind.POLICE):
            raise DistrictError(f"{where}: kind {kind_s!r} does not belong in {path.name}")
        rings = _polygon_rings(f.get("geometry"), where)
        holes = [np.asarray(h, dtype=float) for h in rings[1:]]
        geom = shapely.polygons(np.asarray(rings[0], dtype=float), holes=holes or None)
        wheres.append(where)
        batch.append(geom)
        geoms[gid] = geom
        props = {k: v for k, v in p.items() if k not in ("id", "name", "level", "parent_id", "kind")}
        out.append(Grid(gid, name, level, parent, kind, rings, props))
    valid = shapely.is_valid(np.array(batch, dtype=object)) if batch else np.array([], dtype=bool)
    for k in np.nonzero(~valid)[0]:
        raise DistrictError(f"{wheres[k]}: invalid polygon ({shapely.is_valid_reason(batch[k])})")
    return out


def _load_list(path: Path) -> list[tuple[str, int, dict]]:
    data = _read_json(path)
    if not isinstance(data, list):
        raise DistrictError(f"{path.name}: expected a JSON list")
    out = []
    for i, item in enumerate(data):
        where = _where(path.name, i, item)
        if not isinstance(item, dict):
            raise DistrictError(f"{where}: expected an object")
        out.append((where, i, item))
    return out


def load_district(directory: str | Path) -> District:
    """Read and validate a district directory (see module docstring)."""
    d = Path(directory)
    if not d.is_dir():
        raise DistrictError(f"{d}: not a directory")
    meta = _read_json(d / "district.json")
    if not isinstance(meta, dict):
        raise DistrictError("district.json: expected an object")
    where = "district.json"
    name = _need(meta, "name", str, where)
    raw_levels = _need(meta, "level_names", dict, where, optional=True) or {}
    try:
        level_names = {int(k): str(v) for k, v in raw_levels.items()} or dict(DEFAULT_LEVEL_NAMES)
    except ValueError:
        raise DistrictError(f"{where}: level_names keys must be integers") from None
    centre = _need(meta, "centre", list, where, optional=True)
    bbox = _need(meta, "bbox", list, where, optional=True)
    info = DistrictInfo(
        name=name,
        level_names=level_names,
        timezone=_need(meta, "timezone", str, where, optional=True) or "Asia/Shanghai",
        centre=(float(centre[0]), float(centre[1])) if centre else None,
        bbox=tuple(float(x) for x in bbox) if bbox else None,  # type: ignore[arg-type]
    )
    seen: set[str] = set()
    geoms: dict[str, shapely.Polygon] = {}
    grids = _load_grids(d / "grids.geojson", police=False, seen=seen, geoms=geoms)
    ids = {g.id for g in grids}
    for i, g in enumerate(grids):
        if g.parent_id is not None and g.parent_id not in ids:
            raise DistrictError(f"grids.geojson: feature {i} (id {g.id!r}): unknown parent_id {g.parent_id!r}")
    police = _load_grids(d / "police_grids.geojson", police=True, seen=seen, geoms=geoms)
    all_ids = ids | {g.id for g in police}

    members: list[Member] = []
    for where, _, m in _load_list(d / "members.json"):
        grid_id = _need(m, "grid_id", str, where)
        if grid_id not in all_ids:
            raise DistrictError(f"{where}: unknown grid_id {grid_id!r}")
        try:
            role = Role(_need(m, "role", str, where))
        except ValueError:
            raise DistrictError(f"{where}: unknown role {m.get('role')!r}") from None
        members.append(
            Member(
                id=_need(m, "id", str, where),
                name=_need(m, "name", str, where),
                grid_id=grid_id,
                role=role,
                phone=_need(m, "phone", str, where, optional=True),
                on_duty=bool(_need(m, "on_duty", bool, where, optional=True)),
            )
        )
    _no_duplicates(members, "members.json")

    departments: list[Department] = []
    for where, _, x in _load_list(d / "departments.json"):
        active = _need(x, "active", bool, where, optional=True)
        departments.append(
            Department(
                id=_need(x, "id", str, where),
                name=_need(x, "name", str, where),
                kind=_need(x, "kind", str, where, optional=True) or "department",
                phone=_need(x, "phone", str, where, optional=True),
                active=True if active is None else active,
            )
        )
    _no_duplicates(departments, "departments.json")

    cameras: list[Camera] = []
    for where, _, c in _load_list(d / "cameras.json"):
        grid_id = _need(c, "grid_id", str, where, optional=True)
        if grid_id is not None and grid_id not in all_ids:
            raise DistrictError(f"{where}: unknown grid_id {grid_id!r}")
        heading = _need(c, "heading_deg", (int, float), where, optional=True)
        fov = _need(c, "fov_deg", (int, float), where, optional=True)
        tags = _need(c, "tags", list, where, optional=True) or []
        cameras.append(
            Camera(
                id=_need(c, "id", str, where),
                name=_need(c, "name", str, where),
                lat=float(_need(c, "lat", (int, float), where)),
                lon=float(_need(c, "lon", (int, float), where)),
                grid_id=grid_id,
                heading_deg=float(heading) if heading is not None else None,
                fov_deg=float(fov) if fov is not None else 90.0,
                main_url=_need(c, "main_url", str, where, optional=True),
                sub_url=_need(c, "sub_url", str, where, optional=True),
                tags=[str(t) for t in tags],
            )
        )
    _no_duplicates(cameras, "cameras.json")
    try:
        return District(
            info,
            grids,
            police_grids=police,
            members=members,
            departments=departments,
            cameras=cameras,
            geometries=geoms,
        )
    except DistrictError as exc:
        raise DistrictError(f"grids.geojson: {exc}") from exc


def _no_duplicates(items: list[Any], fname: str) -> None:
    seen: set[str] = set()
    for i, it in enumerate(items):
        if it.id in seen:
            raise DistrictError(f"{fname}: feature {i} (id {it.id!r}): duplicate id")
        seen.add(it.id)
