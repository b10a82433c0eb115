"""Read-only name lookups the Qt models need from a District (grids, departments, members)."""

from __future__ import annotations

from console.domain.district import District


class NameIndex:
    """id → display name for grids (governance tree and police overlay), departments and members."""

    def __init__(self, district: District | None = None) -> None:
        self.grid_names: dict[str, str] = {}
        self.parents: dict[str, str | None] = {}
        self.unit_names: dict[str, str] = {}
        if district is None:
            return
        for g in [*district.grids.values(), *district.police_grids.values()]:
            self.grid_names[g.id] = g.name
            self.parents[g.id] = g.parent_id
        for d in district.departments.values():
            self.unit_names[d.id] = d.name
        for m in district.members.values():
            self.unit_names[m.id] = m.name

    def grid(self, grid_id: str | None) -> str:
        if grid_id is None:
            return ""
        return self.grid_names.get(grid_id, grid_id)

    def grid_path(self, grid_id: str | None) -> list[str]:
        """Names from the top of the hierarchy down to ``grid_id``."""
        out: list[str] = []
        seen: set[str] = set()
        gid = grid_id
        while gid is not None and gid not in seen:
            seen.add(gid)
            out.append(self.grid_names.get(gid, gid))
            gid = self.parents.get(gid)
        return out[::-1]

    def unit(self, unit_id: str) -> str:
        return self.unit_names.get(unit_id, unit_id)
