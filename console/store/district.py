"""District repository: grids, members, departments and cameras (replaced as a whole)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from console.domain.event import utcnow
from console.domain.grid import Camera, Department, Grid, GridKind, Member, Role
from console.store import schema
from console.store.changelog import ENTITY_DISTRICT, append_changes
from console.store.codec import dumps, loads, to_us
from console.store.database import write_tx
from console.store.records import dialect_insert


def _grid_row(g: Grid, pos: int) -> dict[str, Any]:
    polygon = [[[float(x), float(y)] for x, y in ring] for ring in g.polygon] if g.polygon is not None else None
    return {
        "id": g.id,
        "pos": pos,
        "name": g.name,
        "level": g.level,
        "parent_id": g.parent_id,
        "kind": str(g.kind),
        "polygon": json.dumps(polygon) if polygon is not None else None,
        "props": dumps(g.props),
    }


def _member_row(m: Member, pos: int) -> dict[str, Any]:
    return {
        "id": m.id,
        "pos": pos,
        "name": m.name,
        "grid_id": m.grid_id,
        "role": str(m.role),
        "phone": m.phone,
        "on_duty": bool(m.on_duty),
    }


def _department_row(d: Department, pos: int) -> dict[str, Any]:
    return {"id": d.id, "pos": pos, "name": d.name, "kind": d.kind, "phone": d.phone, "active": bool(d.active)}


def _camera_row(c: Camera, pos: int) -> dict[str, Any]:
    return {
        "id": c.id,
        "pos": pos,
        "name": c.name,
        "lat": c.lat,
        "lon": c.lon,
        "grid_id": c.grid_id,
        "heading_deg": c.heading_deg,
        "fov_deg": c.fov_deg,
        "main_url": c.main_url,
        "sub_url": c.sub_url,
        "tags": dumps(list(c.tags)),
    }


class DistrictRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def replace_all(
        self,
        grids: Sequence[Grid],
        members: Sequence[Member],
        departments: Sequence[Department],
        cameras: Sequence[Camera],
    ) -> None:
        """Replace the whole district in one transaction (order of each list is kept); the room's
        other seats re-read it (a change-log row, last)."""
        with write_tx(self._engine) as c:
            for table in (schema.cameras, schema.members, schema.departments, schema.grids):
                c.execute(table.delete())
            self._insert(c, schema.grids, [_grid_row(g, i) for i, g in enumerate(grids)])
            self._insert(c, schema.members, [_member_row(m, i) for i, m in enumerate(members)])
            self._insert(c, schema.departments, [_department_row(d, i) for i, d in enumerate(departments)])
            self._insert(c, schema.cameras, [_camera_row(cam, i) for i, cam in enumerate(cameras)])
            append_changes(c, [(ENTITY_DISTRICT, "district", 0)], to_us(utcnow()))

    @staticmethod
    def _insert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(table.insert(), rows)

    def upsert_cameras(self, cameras: Sequence[Camera]) -> None:
        """Add or update cameras by id (new ones go after the existing ones)."""
        if not cameras:
            return
        t = schema.cameras
        with write_tx(self._engine) as c:
            base = int(c.execute(sa.select(sa.func.coalesce(sa.func.max(t.c.pos), -1))).scalar_one()) + 1
            stmt = dialect_insert(c)(t)
            keep = {name: stmt.excluded[name] for name in t.c.keys() if name not in ("id", "pos")}
            stmt = stmt.on_conflict_do_update(index_elements=[t.c.id], set_=keep)
            c.execute(stmt, [_camera_row(cam, base + i) for i, cam in enumerate(cameras)])
            append_changes(c, [(ENTITY_DISTRICT, "cameras", 0)], to_us(utcnow()))

    def is_empty(self) -> bool:
        with self._engine.connect() as c:
            return c.execute(sa.select(schema.grids.c.id).limit(1)).first() is None

    def load(self) -> tuple[list[Grid], list[Member], list[Department], list[Camera]]:
        with self._engine.connect() as c:
            g = schema.grids
            grids = [
                Grid(
                    id=r.id,
                    name=r.name,
                    level=r.level,
                    parent_id=r.parent_id,
                    kind=GridKind(r.kind),
                    polygon=[[(x, y) for x, y in ring] for ring in loads(r.polygon, list)] if r.polygon is not None else None,
                    props=loads(r.props, dict),
                )
                for r in c.execute(sa.select(g).order_by(g.c.pos))
            ]
            m = schema.members
            members = [
                Member(id=r.id, name=r.name, grid_id=r.grid_id, role=Role(r.role), phone=r.phone, on_duty=bool(r.on_duty))
                for r in c.execute(sa.select(m).order_by(m.c.pos))
            ]
            d = schema.departments
            departments = [
                Department(id=r.id, name=r.name, kind=r.kind, phone=r.phone, active=bool(r.active))
                for r in c.execute(sa.select(d).order_by(d.c.pos))
            ]
            k = schema.cameras
            cameras = [
                Camera(
                    id=r.id,
                    name=r.name,
                    lat=r.lat,
                    lon=r.lon,
                    grid_id=r.grid_id,
                    heading_deg=r.heading_deg,
                    fov_deg=r.fov_deg,
                    main_url=r.main_url,
                    sub_url=r.sub_url,
                    tags=loads(r.tags, list),
                )
                for r in c.execute(sa.select(k).order_by(k.c.pos))
            ]
        return grids, members, departments, cameras
