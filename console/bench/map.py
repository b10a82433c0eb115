"""Map speed: ``figures()`` → ``map_frame_ms`` (median 1600×900 offscreen frame while panning and
zooming through every zoom level, district → micro-grid, 5,000 grids + 50,000 events + 500 live
grid workers with 24 h of their tracks) and the
worst zoom level's median (``map_frame_ms_worst_zoom``).

Also home of the synthetic hierarchical district used by the map tests and screenshots.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import timedelta

import numpy as np

from console.domain.event import Event, Level, Location, Source, utcnow
from console.domain.geo import jittered_lattice
from console.domain.grid import Grid, GridKind

_COMMUNITY_NAMES = (
    "桂园 翠竹 新港 海滨 龙华 东湖 西岭 南苑 北辰 金沙 银杏 松柏 枫林 梧桐 兰亭 竹溪 青云 白鹭 红棉 紫荆 "
    "明珠 长青 振兴 和平 光明 幸福 安居 康乐 文昌 武陵 华侨 滨江 福田 泰安 永宁 嘉禾 锦绣 瑞丰 鸿运 春晖 "
    "秋实 晨曦 星河 月湾 云山 雁塔 凤凰 麒麟"
).split()


def _rect_ring(v: np.ndarray, i0: int, j0: int, i1: int, j1: int) -> list[tuple[float, float]]:
    """Closed ring around lattice cells i0..i1-1 × j0..j1-1 through every shared vertex."""
    pts = [v[i, j0] for i in range(i0, i1 + 1)]
    pts += [v[i1, j] for j in range(j0 + 1, j1 + 1)]
    pts += [v[i, j1] for i in range(i1 - 1, i0 - 1, -1)]
    pts += [v[i0, j] for j in range(j1 - 1, j0 - 1, -1)]
    return [(float(p[0]), float(p[1])) for p in pts]


def synthetic_district(
    cols: int = 78,
    rows: int = 64,
    bbox: tuple[float, float, float, float] = (121.40, 31.16, 121.50, 31.25),
    seed: int = 0,
    police: bool = True,
) -> list[Grid]:
    """1 street → 12 blocks → 48 communities → cols×rows micro-grids (+ 24 police grids).

    ``cols`` must be a multiple of 6 and ``rows`` of 8. Community 5 is a mountain grid and
    community 42 a water grid (their micro-grids share the kind).
    """
    if cols % 6 or rows % 8:
        raise ValueError("cols must be a multiple of 6 and rows of 8")
    v = jittered_lattice(*bbox, cols, rows, jitter=0.25, rng=random.Random(seed))
    grids = [Grid("S", "示范街道", 1, None, GridKind.LAND, [_rect_ring(v, 0, 0, cols, rows)])]
    cw, ch = cols // 6, rows // 8
    for b in range(12):
        bi, bj = b % 3, b // 3
        grids.append(Grid(f"B{b + 1:02d}", f"第{b + 1}片区", 2, "S", GridKind.LAND,
                          [_rect_ring(v, bi * 2 * cw, bj * 2 * ch, (bi + 1) * 2 * cw, (bj + 1) * 2 * ch)]))
    for c in range(48):
        ci, cj = c % 6, c // 6
        block = (cj // 2) * 3 + ci // 2
        kind = GridKind.MOUNTAIN if c == 5 else GridKind.WATER if c == 42 else GridKind.LAND
        name = _COMMUNITY_NAMES[c]
        cid = f"C{c + 1:02d}"
        grids.append(Grid(cid, f"{name}社区", 3, f"B{block + 1:02d}", kind,
                          [_rect_ring(v, ci * cw, cj * ch, (ci + 1) * cw, (cj + 1) * ch)]))
        k = 0
        for j in range(cj * ch, (cj + 1) * ch):
            for i in range(ci * cw, (ci + 1) * cw):
                k += 1
                grids.append(Grid(f"{cid}-{k:02d}", f"{name}{k}格", 4, cid, kind,
                                  [_rect_ring(v, i, j, i + 1, j + 1)]))
    if police:
        for p in range(24):
            pi, pj = p % 6, p // 6
            grids.append(Grid(f"P{p + 1:02d}", f"第{p + 1}警格", 3, None, GridKind.POLICE,
                              [_rect_ring(v, pi * cw, pj * 2 * ch, (pi + 1) * cw, (pj + 1) * 2 * ch)]))
    return grids


def synthetic_events(grids: list[Grid], n: int = 50_000, seed: int = 1) -> list[Event]:
    """Events scattered over the district (1 % outside it), located with the domain's locator."""
    from console.domain.spatial import GridLocator

    rng = np.random.default_rng(seed)
    land = [g for g in grids if g.kind != GridKind.POLICE]
    pts = np.array([p for g in land for p in g.polygon[0]])  # type: ignore[index]
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    # clustered hot spots plus uniform background
    centres = rng.uniform((x0, y0), (x1, y1), size=(30, 2))
    k = rng.integers(0, 30, n)
    xy = centres[k] + rng.normal(0, 0.006, (n, 2))
    uni = rng.random(n) < 0.4
    xy[uni] = rng.uniform((x0, y0), (x1, y1), size=(int(uni.sum()), 2))
    out = rng.random(n) < 0.01
    xy[out] = rng.uniform((x1 + 0.002, y0), (x1 + 0.02, y1), size=(int(out.sum()), 2))
    locator = GridLocator([g for g in land if g.level == 4])
    gids = locator.locate_many(xy[:, 0], xy[:, 1])
    levels = rng.choice(4, n, p=(0.8, 0.13, 0.05, 0.02))
    now = utcnow()
    due = rng.uniform(-6, 24, n)
    lv = list(Level)
    events = []
    for i in range(n):
        gid = gids[i]
        events.append(
            Event(
                id=f"ev-{i:06d}", source=Source.GRID_APP, category="env", title="事件",
                reported_at=now - timedelta(hours=2), level=lv[int(levels[i])],
                location=Location(lat=float(xy[i, 1]), lon=float(xy[i, 0])), grid_id=gid,
                deadline_at=now + timedelta(hours=float(due[i])),
                grid_flag=None if gid else "outside_all_grids",
            )
        )
    return events


def figures(quick: bool = False) -> dict:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QWidget

    from console.widgets.map_canvas import MapCanvas

    app = QApplication.instance() or QApplication([])
    grids = synthetic_district(police=False) if not quick else synthetic_district(36, 32, police=False)
    events = synthetic_events(grids, 50_000 if not quick else 5_000)
    canvas = MapCanvas()
    canvas.resize(1600, 900)
    canvas.show()
    canvas.set_grids(grids)
    canvas.set_events(events)
    canvas.set_layer_visible("choropleth", True)
    # issue 19: the frame holds 500 live workers, 24 h of their fixes (trail) and one 24 h track too
    from console.bench.tracks import load_field, with_workers
    from console.domain.district import DistrictInfo

    field = load_field(canvas, with_workers(DistrictInfo("synthetic"), grids), hours=6.0 if quick else 24.0)
    app.processEvents()
    img = QImage(1600, 900, QImage.Format.Format_ARGB32_Premultiplied)
    ext = canvas.grid_item.extent()
    full = max(ext.width(), ext.height() * 16 / 9)
    widths = [full * f for f in (1.0, 0.5, 0.25, 0.12, 0.06, 0.03)]  # district → micro-grid
    frames = 12 if quick else 40
    rng = random.Random(3)
    per_zoom: dict[str, float] = {}
    all_ms: list[float] = []
    all_cpu: list[float] = []
    per_zoom_cpu: dict[str, float] = {}
    for w in widths:
        cx, cy = ext.center().x(), ext.center().y()
        times = []
        cpu = []
        for f in range(frames):
            # pan a few % of the view per frame, breathe the zoom ±8 %
            cx += rng.uniform(-0.04, 0.04) * w
            cy += rng.uniform(-0.04, 0.04) * w
            cx = min(max(cx, ext.left()), ext.right())
            cy = min(max(cy, ext.top()), ext.bottom())
            ww = w * (1.0 + 0.08 * ((f % 4) - 1.5) / 1.5)
            canvas.vb.setRange(rect=QRectF(cx - ww / 2, cy - ww * 9 / 32, ww, ww * 9 / 16), padding=0.0)
            app.processEvents()
            t0 = time.perf_counter()
            c0 = time.thread_time()
            canvas.scene().prepareForPaint()
            QWidget.render(canvas, img)  # the whole widget: viewport (all layers, furniture) + button
            cpu.append((time.thread_time() - c0) * 1000)
            times.append((time.perf_counter() - t0) * 1000)
        per_zoom[f"{w:.0f}m"] = statistics.median(times)
        per_zoom_cpu[f"{w:.0f}m"] = statistics.median(cpu)
        all_ms += times
        all_cpu += cpu
    canvas.close()
    worst = max(per_zoom, key=per_zoom.__getitem__)
    return {
        "map_frame_ms": round(statistics.median(all_ms), 2),
        "map_frame_ms_worst_zoom": round(per_zoom[worst], 2),
        "map_frame_worst_zoom_view_width_m": worst,
        "map_frame_ms_by_view_width": {k: round(v, 2) for k, v in per_zoom.items()},
        # CPU time of the GUI thread per frame: the same work, insensitive to other processes' load
        "map_frame_cpu_ms": round(statistics.median(all_cpu), 2),
        "map_frame_cpu_ms_worst_zoom": round(max(per_zoom_cpu.values()), 2),
        "map_frame_cpu_ms_by_view_width": {k: round(v, 2) for k, v in per_zoom_cpu.items()},
        "map_grids": len(grids),
        "map_events": len(events),
        "map_workers": field["workers"],
        "map_trail_fixes": field["trail_fixes"],
    }


if __name__ == "__main__":
    import json

    print(json.dumps(figures(), ensure_ascii=False, indent=1))
