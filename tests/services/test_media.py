"""Demo clip generation, demo stream URLs and snapshots (console/services/media.py, snapshots.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime

import pytest

from console.domain.grid import Camera
from console.services.bus import Bus
from console.services.media import (
    demo_clip_names,
    demo_stream_urls,
    ensure_demo_clips,
    media_dir,
    with_demo_streams,
)
from console.services.snapshots import SnapshotService

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.mark.skipif(shutil.which("ffprobe") is None, reason="needs ffmpeg/ffprobe")
def test_ensure_demo_clips_renders_once(tmp_path):
    clips = ensure_demo_clips(tmp_path, count=2, seconds=1, main_size=(160, 90), sub_size=(96, 54))
    assert [c.name for c in clips] == demo_clip_names(2)
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=codec_name,width,height,r_frame_rate", "-of", "json", str(clips[0].main)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    stream = json.loads(probe.stdout)["streams"][0]
    assert stream == {"codec_name": "h264", "width": 160, "height": 90, "r_frame_rate": "25/1"}
    mtimes = [p.stat().st_mtime_ns for c in clips for p in c.files]
    ensure_demo_clips(tmp_path, count=2, seconds=1, main_size=(160, 90), sub_size=(96, 54))
    assert [p.stat().st_mtime_ns for c in clips for p in c.files] == mtimes
    assert not list(tmp_path.glob(".*part*"))


def test_media_dir_uses_the_isolated_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("GRID_CONSOLE_DATA_DIR", str(tmp_path))
    assert media_dir() == tmp_path / "media"


def test_demo_stream_urls_are_stable_and_spread():
    main, sub = demo_stream_urls("cam-007", "http://127.0.0.1:8765/")
    assert main.startswith("http://127.0.0.1:8765/media/demo-")
    assert main.endswith(".mp4")
    assert sub == main.replace(".mp4", "-sub.mp4")
    assert demo_stream_urls("cam-007", "http://127.0.0.1:8765") == (main, sub)
    used = {demo_stream_urls(f"cam-{i:03d}", "http://h")[0] for i in range(100)}
    assert len(used) == len(demo_clip_names())
    cams = with_demo_streams(
        [Camera("a", "a", 0, 0), Camera("b", "b", 0, 0, main_url="rtsp://x/1", sub_url="rtsp://x/2"),
         Camera("c", "c", 0, 0, main_url="demo://c/main", sub_url="demo://c/sub")],
        "http://h",
    )  # fmt: skip
    assert cams[0].main_url.startswith("http://h/media/")
    assert (cams[1].main_url, cams[1].sub_url) == ("rtsp://x/1", "rtsp://x/2")
    assert (cams[2].main_url, cams[2].sub_url) == demo_stream_urls("c", "http://h")


def test_demo_district_cameras_validate_and_map_to_clips():
    from pathlib import Path

    from console.domain.cameras import load_cameras_file

    demo = Path(__file__).resolve().parents[2] / "resources" / "demo" / "cameras.json"
    if not demo.is_file():
        pytest.skip("demo district cameras not present")
    cams = with_demo_streams(load_cameras_file(demo), "http://127.0.0.1:8765")
    assert len(cams) >= 50
    assert all(c.main_url.startswith("http://127.0.0.1:8765/media/demo-") for c in cams)


def test_snapshot_written_and_logged(tmp_path):
    recorded = []
    seen = []
    bus = Bus()
    bus.subscribe("snapshot_saved", lambda event_id, action: seen.append((event_id, action)))
    at = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    svc = SnapshotService(recorded.extend, data_dir=tmp_path, bus=bus, seat="seat-1", clock=lambda: at)
    snap = svc.save("ev/1", "cam-1", PNG, camera_name="南桥路口")
    assert snap.path.read_bytes() == PNG
    assert snap.path.parent == tmp_path / "snapshots" / "ev_1"
    a = snap.action
    assert (a.event_id, a.kind, a.seat, a.note, a.at) == ("ev/1", "snapshot", "seat-1", "南桥路口", at)
    assert a.data == {"path": "snapshots/ev_1/20261122T030000_000000Z_cam-1.png", "camera_id": "cam-1",
                      "format": "png", "bytes": len(PNG)}  # fmt: skip
    assert recorded == [a]
    assert seen == [("ev/1", a)]
    second = svc.save("ev/1", "cam-1", PNG)
    assert second.path != snap.path


def test_snapshot_rejects_bad_data_and_keeps_no_orphan(tmp_path):
    svc = SnapshotService(lambda actions: None, data_dir=tmp_path)
    with pytest.raises(ValueError):
        svc.save("e", "c", b"not an image")

    def broken(_actions):
        raise RuntimeError("db down")

    svc = SnapshotService(broken, data_dir=tmp_path)
    with pytest.raises(RuntimeError):
        svc.save("e", "c", PNG)
    assert list((tmp_path / "snapshots" / "e").iterdir()) == []
