"""Grids, members, departments and cameras: the district the room governs (DESIGN §1).

Plain records only; the hierarchy helpers live in ``console.domain.hierarchy`` and the
point-in-grid lookup in ``console.domain.spatial``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class GridKind(StrEnum):
    LAND = "land"
    MOUNTAIN = "mountain"  # 山林网格
    WATER = "water"  # 海上/水域网格
    POLICE = "police"  # 警格 overlay (not part of the governance tree)


class Role(StrEnum):
    GRID_CHIEF = "grid_chief"  # 网格长
    FULLTIME = "fulltime"  # 专职网格员
    PARTTIME = "parttime"  # 兼职网格员
    POLICE = "police"  # 民警 (警格)
    BUILDING_CHIEF = "building_chief"  # 楼栋长
    VOLUNTEER = "volunteer"  # 志愿者


@dataclass(slots=True)
class Grid:
    id: str
    name: str
    level: int  # 1 = street (top), 2 = block, 3 = community, 4 = micro-grid, 5 = unit ...
    parent_id: str | None
    kind: GridKind = GridKind.LAND
    # exterior ring then holes, each a list of (lon, lat); None for grids without geometry
    polygon: list[list[tuple[float, float]]] | None = None
    props: dict = field(default_factory=dict)


@dataclass(slots=True)
class Member:
    id: str
    name: str
    grid_id: str
    role: Role
    phone: str | None = None
    on_duty: bool = False


@dataclass(slots=True)
class Department:
    id: str
    name: str  # e.g. 城管执法
    kind: str = "department"  # department | office | police | community
    phone: str | None = None
    active: bool = True


@dataclass(slots=True)
class Camera:
    id: str
    name: str
    lat: float
    lon: float
    grid_id: str | None = None
    heading_deg: float | None = None  # view direction, 0 = north, clockwise
    fov_deg: float = 90.0
    main_url: str | None = None
    sub_url: str | None = None
    tags: list[str] = field(default_factory=list)
