"""Video wall speed: 16 tiles (4×4) each playing a 640×360 @ 25 fps H.264 clip, overlays on.

Figures (issue 6):
- ``video_16_tiles_fps`` — frames per second per tile, median over the tiles (bar ≥ 24);
- ``video_16_tiles_ui_lateness_p99_ms`` — how late a 10 ms GUI QTimer fires while the wall plays (≤ 16);
- ``video_16_tiles_cpu_cores`` — process CPU time / wall time while playing (≤ 1.2).
Run offscreen: ``QT_QPA_PLATFORM=offscreen python main.py bench --only video --json``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

TILES = 16
CLIP_PATTERNS = (
    "testsrc2=size={w}x{h}:rate={fps}",
    "smptebars=size={w}x{h}:rate={fps}",
    "testsrc=size={w}x{h}:rate={fps}",
    "rgbtestsrc=size={w}x{h}:rate={fps},hue=H=t",
)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))
    return s[k]


def _run_for(app, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def figures(quick: bool = False) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from console.domain.grid import Camera
    from console.services.media import find_font, render_clip
    from console.views.video_wall import VideoWall
    from console.widgets.video_tile import TileState

    app = QApplication.instance() or QApplication([])
    measure_s = 5.0 if quick else 12.0
    with tempfile.TemporaryDirectory(prefix="video-bench-") as tmp:
        font = find_font()
        clips: list[Path] = []
        for i, pattern in enumerate(CLIP_PATTERNS):
            clips.append(render_clip(Path(tmp) / f"bench-{i}.mp4", pattern, f"B{i}", width=640, height=360,
                                     fps=25, seconds=10, font=font))  # fmt: skip
        cams = [
            Camera(f"bench-{i:02d}", f"测试摄像机{i + 1:02d}", 31.0, 121.0, grid_id="g1",
                   main_url=clips[i % len(clips)].as_uri(), sub_url=clips[i % len(clips)].as_uri())  # fmt: skip
            for i in range(TILES)
        ]
        wall = VideoWall()
        wall.set_cameras(cams, {"g1": "一号网格"})
        wall.set_layout("4x4")
        wall.resize(1600, 960)
        wall.show()
        for i, cam in enumerate(cams):
            wall.assign(i, cam)
        t_start = time.monotonic()
        while time.monotonic() - t_start < 30 and not all(t.state is TileState.LIVE for t in wall.tiles):
            _run_for(app, 0.2)
        live = sum(t.state is TileState.LIVE for t in wall.tiles)
        _run_for(app, 2.0)  # warm-up

        stamps: list[float] = []
        probe = QTimer()
        probe.setTimerType(Qt.TimerType.PreciseTimer)
        probe.setInterval(10)
        probe.timeout.connect(lambda: stamps.append(time.perf_counter()))
        frames0 = [t.frames for t in wall.tiles]
        cpu0, wall0, gui0 = time.process_time(), time.perf_counter(), time.thread_time()
        probe.start()
        _run_for(app, measure_s)
        probe.stop()
        cpu1, wall1, gui1 = time.process_time(), time.perf_counter(), time.thread_time()
        frames1 = [t.frames for t in wall.tiles]
        dt = wall1 - wall0
        fps = [(b - a) / dt for a, b in zip(frames0, frames1, strict=True)]
        lateness = [max(0.0, (b - a) * 1000 - 10.0) for a, b in zip(stamps, stamps[1:], strict=False)]
        lost = sum(t.state is TileState.LOST for t in wall.tiles)
        wall.clear()
        wall.close()
        wall.deleteLater()
        _run_for(app, 0.3)
    return {
        "video_16_tiles_fps": round(statistics.median(fps), 2),
        "video_16_tiles_fps_min": round(min(fps), 2),
        "video_16_tiles_ui_lateness_p99_ms": round(_percentile(lateness, 99), 2),
        "video_16_tiles_cpu_cores": round((cpu1 - cpu0) / dt, 3),
        # the GUI thread's own share (the rest is decoder/demuxer threads): tells load from our work
        "video_16_tiles_gui_thread_cores": round((gui1 - gui0) / dt, 3),
        "video_16_tiles_live": live,
        "video_16_tiles_lost": lost,
        "video_16_tiles_measure_s": round(dt, 1),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(figures()))
