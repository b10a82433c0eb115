"""Offline basemap sources (console.services.basemap): MBTiles (TMS rows) and XYZ directories."""

from __future__ import annotations

import sqlite3
import struct
import zlib

import pytest

from console.services.basemap import (
    CRS_GCJ02,
    CRS_WGS84,
    BasemapError,
    MBTilesSource,
    XYZDirectorySource,
    open_basemap,
    write_mbtiles,
)


def png_bytes(rgb: tuple[int, int, int], size: int = 4) -> bytes:
    """A tiny solid-colour PNG without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * size
    raw = zlib.compress(row * size)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def test_mbtiles_round_trip_in_tms_order(tmp_path):
    red, blue = png_bytes((255, 0, 0)), png_bytes((0, 0, 255))
    path = write_mbtiles(tmp_path / "t.mbtiles", {(3, 6, 1): red, (3, 6, 6): blue})
    src = open_basemap(path)
    assert isinstance(src, MBTilesSource)
    assert (src.min_zoom, src.max_zoom, src.crs) == (3, 3, CRS_WGS84)
    assert src.tile(3, 6, 1) == red
    assert src.tile(3, 6, 6) == blue
    assert src.tile(3, 0, 0) is None
    # stored rows are TMS (flipped): XYZ row 1 at zoom 3 is TMS row 6
    db = sqlite3.connect(path)
    rows = dict(db.execute("SELECT tile_row, tile_data FROM tiles").fetchall())
    db.close()
    assert bytes(rows[6]) == red
    assert bytes(rows[1]) == blue
    assert "TMS row 6" in src.describe(3, 6, 1)
    src.close()


def test_mbtiles_crs_from_metadata_and_override(tmp_path):
    path = write_mbtiles(tmp_path / "g.mbtiles", {(1, 0, 0): png_bytes((1, 2, 3))}, crs="GCJ-02")
    assert open_basemap(path).crs == CRS_GCJ02
    assert open_basemap(path, crs="wgs84").crs == CRS_WGS84
    with pytest.raises(BasemapError, match="unknown basemap coordinate system"):
        open_basemap(path, crs="bd09")


def test_missing_and_foreign_files_are_clear_errors(tmp_path):
    with pytest.raises(BasemapError, match=r"MBTiles file not found: .*nope\.mbtiles"):
        open_basemap(tmp_path / "nope.mbtiles")
    junk = tmp_path / "junk.mbtiles"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(BasemapError, match="junk.mbtiles is not a readable MBTiles file"):
        open_basemap(junk)
    empty = tmp_path / "empty.mbtiles"
    write_mbtiles(empty, {})
    with pytest.raises(BasemapError, match="holds no tiles"):
        open_basemap(empty)


def test_xyz_directory(tmp_path):
    (tmp_path / "5" / "26").mkdir(parents=True)
    data = png_bytes((0, 255, 0))
    (tmp_path / "5" / "26" / "13.png").write_bytes(data)
    (tmp_path / "7").mkdir()
    src = open_basemap(tmp_path)
    assert isinstance(src, XYZDirectorySource)
    assert (src.min_zoom, src.max_zoom) == (5, 7)
    assert src.tile(5, 26, 13) == data
    assert src.tile(5, 26, 14) is None
    assert src.describe(5, 26, 13).endswith("5/26/13.png")
    with pytest.raises(BasemapError, match="holds no"):
        XYZDirectorySource(tmp_path / "5" / "26")


def test_source_is_usable_from_another_thread(tmp_path):
    import threading

    path = write_mbtiles(tmp_path / "t.mbtiles", {(2, 1, 1): png_bytes((9, 9, 9))})
    src = open_basemap(path)
    got = []
    t = threading.Thread(target=lambda: got.append(src.tile(2, 1, 1)))
    t.start()
    t.join()
    assert got == [png_bytes((9, 9, 9))]
