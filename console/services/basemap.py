"""Offline raster basemaps: a local XYZ tile directory or an MBTiles file (no Qt, no network).

Command rooms sit on isolated networks, so tiles come from disk only:

- an XYZ directory laid out ``{z}/{x}/{y}.png`` (``.jpg``/``.jpeg``/``.webp`` also found), rows
  counted from the north (OSM/Google scheme);
- an MBTiles 1.3 file (SQLite): table ``tiles(zoom_level, tile_column, tile_row, tile_data)`` with
  rows in **TMS order** (counted from the south), and ``metadata(name, value)``.

A source answers ``tile(z, x, y)`` (XYZ numbering) with the encoded image bytes, or ``None`` when
the set has no such tile. The Qt canvas decodes the bytes (``QImage.fromData``) on its loader
thread. Sources are safe to call from one worker thread while the GUI thread holds them.

The coordinate system of the tiles is ``"wgs84"`` (default) or ``"gcj02"`` (most Chinese commercial
tile sets); an MBTiles ``metadata`` row ``crs`` = ``gcj02`` (or ``GCJ-02``) declares it, and
:func:`open_basemap` takes an explicit ``crs`` that wins over the metadata.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
from pathlib import Path
from typing import Protocol

from console.domain.projection import xyz_to_tms_row

log = logging.getLogger(__name__)

CRS_WGS84 = "wgs84"
CRS_GCJ02 = "gcj02"
_EXTS = (".png", ".jpg", ".jpeg", ".webp")


class BasemapError(Exception):
    """A basemap that cannot be used at all (missing file, not an MBTiles database...)."""


class TileSource(Protocol):
    path: Path
    crs: str
    min_zoom: int
    max_zoom: int

    def tile(self, z: int, x: int, y: int) -> bytes | None: ...

    def describe(self, z: int, x: int, y: int) -> str: ...

    def close(self) -> None: ...


def _norm_crs(value: str | None) -> str | None:
    if value is None:
        return None
    v = re.sub(r"[^a-z0-9]", "", value.lower())
    if v in ("gcj02", "gcj", "mars"):
        return CRS_GCJ02
    if v in ("wgs84", "epsg4326", "epsg3857", "wgs", ""):
        return CRS_WGS84
    raise BasemapError(f"unknown basemap coordinate system {value!r} (use wgs84 or gcj02)")


class XYZDirectorySource:
    """Tiles from ``root/{z}/{x}/{y}.{png,jpg,jpeg,webp}``."""

    def __init__(self, root: str | os.PathLike[str], crs: str | None = None) -> None:
        self.path = Path(root)
        if not self.path.is_dir():
            raise BasemapError(f"basemap directory not found: {self.path}")
        zooms = sorted(int(p.name) for p in self.path.iterdir() if p.is_dir() and p.name.isdigit())
        if not zooms:
            raise BasemapError(f"basemap directory {self.path} holds no {{z}}/{{x}}/{{y}} tiles")
        self.min_zoom, self.max_zoom = zooms[0], zooms[-1]
        self.crs = _norm_crs(crs) or CRS_WGS84

    def _file(self, z: int, x: int, y: int) -> Path | None:
        base = self.path / str(z) / str(x)
        for ext in _EXTS:
            f = base / f"{y}{ext}"
            if f.is_file():
                return f
        return None

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        f = self._file(z, x, y)
        if f is None:
            return None
        try:
            return f.read_bytes()
        except OSError as exc:
            log.warning("cannot read tile %s: %s", f, exc)
            return None

    def describe(self, z: int, x: int, y: int) -> str:
        f = self._file(z, x, y)
        return str(f) if f else f"{self.path}/{z}/{x}/{y}"

    def close(self) -> None:
        return None


class MBTilesSource:
    """Tiles from an MBTiles (SQLite) file, opened read-only."""

    def __init__(self, path: str | os.PathLike[str], crs: str | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise BasemapError(f"MBTiles file not found: {self.path}")
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            meta = dict(self._db.execute("SELECT name, value FROM metadata").fetchall())
            row = self._db.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BasemapError(f"{self.path} is not a readable MBTiles file: {exc}") from exc
        self.metadata: dict[str, str] = {str(k): str(v) for k, v in meta.items()}
        if row is None or row[0] is None:
            raise BasemapError(f"MBTiles file {self.path} holds no tiles")
        self.min_zoom = int(self.metadata.get("minzoom", row[0]))
        self.max_zoom = int(self.metadata.get("maxzoom", row[1]))
        self.crs = _norm_crs(crs) or _norm_crs(self.metadata.get("crs")) or CRS_WGS84

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                    (z, x, xyz_to_tms_row(z, y)),
                ).fetchone()
            except sqlite3.Error as exc:
                log.warning("cannot read tile %s from %s: %s", f"{z}/{x}/{y}", self.path, exc)
                return None
        return bytes(row[0]) if row and row[0] is not None else None

    def describe(self, z: int, x: int, y: int) -> str:
        return f"{self.path} z={z} x={x} y={y} (TMS row {xyz_to_tms_row(z, y)})"

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_basemap(path: str | os.PathLike[str], crs: str | None = None) -> TileSource:
    """Open a tile directory or an ``.mbtiles`` file; :class:`BasemapError` names what is wrong."""
    p = Path(path)
    if p.is_dir():
        return XYZDirectorySource(p, crs)
    if not p.exists():
        kind = "MBTiles file" if p.suffix.lower() == ".mbtiles" else "basemap"
        raise BasemapError(f"{kind} not found: {p}")
    return MBTilesSource(p, crs)


def write_mbtiles(
    path: str | os.PathLike[str],
    tiles: dict[tuple[int, int, int], bytes],
    *,
    name: str = "basemap",
    fmt: str = "png",
    crs: str | None = None,
) -> Path:
    """Write ``{(z, x, y): bytes}`` (XYZ numbering) into a new MBTiles file (tests, tooling)."""
    p = Path(path)
    db = sqlite3.connect(p)
    try:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute(
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)"
        )
        db.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
        zs = [k[0] for k in tiles] or [0]
        meta = {"name": name, "format": fmt, "minzoom": str(min(zs)), "maxzoom": str(max(zs))}
        if crs:
            meta["crs"] = crs
        db.executemany("INSERT INTO metadata VALUES (?, ?)", list(meta.items()))
        db.executemany(
            "INSERT INTO tiles VALUES (?, ?, ?, ?)",
            [(z, x, xyz_to_tms_row(z, y), sqlite3.Binary(data)) for (z, x, y), data in tiles.items()],
        )
        db.commit()
    finally:
        db.close()
    return p
